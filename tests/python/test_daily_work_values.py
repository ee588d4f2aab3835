"""The daily work's enums and value classes: tables, keyword constructors, equality, pickling, reprs."""

import copy
import datetime as dt
import enum
import pickle

import pytest

import iro

# Every new enum with its names in EnumNames table order (the C++ headers).
ENUMS = {
    iro.ActivityType: ["joint_research_project", "joint_publication", "conference", "cultural_event",
                       "training_course", "joint_programme", "capacity_building", "funding_application"],
    iro.ActivityGrouping: ["partner", "agreement", "area", "year", "type"],
    iro.PersonRole: ["faculty", "researcher", "student", "administrative_staff", "visiting_professor"],
    iro.VisitDirection: ["incoming", "outgoing"],
    iro.VisitPurpose: ["teaching", "research", "training", "study", "conference"],
    iro.VisitStatus: ["planned", "confirmed", "ongoing", "completed", "cancelled"],
    iro.ProgramKind: ["exchange", "scholarship", "training_abroad", "research_funding", "academic_exchange",
                      "capacity_development"],
    iro.Audience: ["undergraduate", "master", "doctoral", "faculty", "administrative_staff"],
    iro.ApplicationStatus: ["draft", "submitted", "nominated", "accepted", "rejected", "withdrawn", "completed"],
    iro.ExpertiseMatchKind: ["centre", "person"],
}


@pytest.mark.parametrize("cls", list(ENUMS), ids=lambda c: c.__name__)
def test_enum_members_follow_the_name_table(cls):
    assert issubclass(cls, enum.StrEnum)
    assert [m.value for m in cls] == ENUMS[cls]
    assert [m.name for m in cls] == [v.upper() for v in ENUMS[cls]]
    assert cls.__module__ == "iro"
    for member in cls:
        assert pickle.loads(pickle.dumps(member)) is member


def test_enum_fields_refuse_members_of_another_enum_with_the_same_name():
    # "completed" is a VisitStatus and an ApplicationStatus; "faculty" a PersonRole and an Audience.
    with pytest.raises(iro.ArgumentTypeError) as e:
        iro.Visit(status=iro.ApplicationStatus.COMPLETED)
    assert e.value.field == "status"
    with pytest.raises(iro.ArgumentTypeError):
        iro.Person(role=iro.Audience.FACULTY)
    assert iro.Visit(status="completed").status is iro.VisitStatus.COMPLETED
    assert iro.Person(role="faculty").role is iro.PersonRole.FACULTY


def sample_values():
    """One filled instance of every new value class."""
    return [
        iro.Money(amount=1250.5, currency="EUR"),
        iro.Expertise(isced_codes=["0713", "0521"], keywords=["solar energy"]),
        iro.Activity(id=3, type="conference", title="Water Days", partners=[2, 5], agreement=7, area="culture",
                     start="2025-03-01", end="2025-03-02", home_units=[4], people=[9], outcome="Proceedings",
                     publications=2, participants=120, funds=[iro.Money(amount=500, currency="USD")],
                     evidence=[iro.DocumentRef(title="Programme", location="https://example.org/p.pdf")]),
        iro.Person(id=4, given_name="Hans", family_name="Weber", role="visiting_professor", affiliation=2, unit=6,
                   nationality="DE", email="weber@example.org",
                   expertise=iro.Expertise(isced_codes=["0713"], keywords=["grids"]), erased=False),
        iro.Visit(id=5, person=4, direction="incoming", purpose="teaching", home_institution=2, host_institution=1,
                  home_unit=6, host_unit=3, start="2025-03-01", end="2025-03-10", agreement=7, program=8,
                  mobility_type="staff_teaching", status="confirmed", lectures=4, teaching_hours=8.5, seminars=1,
                  note="n"),
        iro.Program(id=8, name="Erasmus+ KA171", kind="exchange", provider=2, agreement=7,
                    audiences=["undergraduate", "master"], eligibility="Enrolled students",
                    website="https://erasmus-plus.ec.europa.eu"),
        iro.Call(id=11, program=8, title="Spring 2026", opens_on="2025-11-01", deadline="2026-01-31", places=4,
                 funding=iro.Money(amount=850, currency="EUR"), eligibility="GPA 3.0"),
        iro.Application(id=12, call=11, applicant=4, audience="master", unit=3, status="submitted",
                        created_on="2025-12-01", note="n"),
        iro.ApplicationTransition(from_="draft", to="submitted", on="2025-12-02", actor="me", note="sent"),
        iro.CentreLink(home_centre=3, partner_centre=6, note="shared lab"),
        iro.ExpertiseMatch(kind="person", id=4, name="Hans Weber", institution=2, institution_name="FU Berlin",
                           score=0.75, reasons=["same ISCED field 0713"]),
        iro.KpiSet(from_="2025-01-01", to="2025-12-31", new_agreements=2, new_by_region={"europe": 2},
                   new_by_kind={"mou": 1, iro.AgreementKind.ERASMUS_IIA: 1}, new_by_area={"research": 2},
                   active_agreements=5, active_by_region={"asia": 3, "europe": 2}, active_by_kind={"mou": 5},
                   active_by_area={"education": 5}, dormant_agreements=1, dormant_share=0.2, incoming_visits=3,
                   outgoing_visits=1, mobility_balance=2, visiting_professors=3, applications=10,
                   accepted_applications=4, application_success_rate=0.5, quota_used=3, quota_allowed=6,
                   quota_utilisation=0.5, accredited_scopes=2, accreditations_expiring=1, open_accreditation_cases=1,
                   overdue_evidence=3, overdue_follow_ups=1),
    ]


@pytest.mark.parametrize("value", sample_values(), ids=lambda v: type(v).__name__)
def test_value_classes_pickle_copy_and_compare_through_their_fields(value):
    restored = pickle.loads(pickle.dumps(value))
    assert restored == value
    assert type(restored) is type(value)
    assert copy.copy(value) == value
    assert copy.deepcopy(value) == value
    assert type(value)(**value._asdict()) == value
    assert set(value._asdict()) == set(type(value)._fields)
    assert repr(value).startswith("<" + type(value).__name__)
    assert type(value).__module__ == "iro"


@pytest.mark.parametrize("value", sample_values(), ids=lambda v: type(v).__name__)
def test_changing_any_field_breaks_equality(value):
    default = type(value)()
    for name in type(value)._fields:
        if getattr(value, name) == getattr(default, name):
            continue
        other = copy.copy(value)
        setattr(other, name, getattr(default, name))
        assert other != value, name


def test_reprs_show_what_a_person_wants_to_see():
    values = {type(v).__name__: v for v in sample_values()}
    assert repr(values["Money"]) == "<Money 1250.5 EUR>"
    assert repr(values["Expertise"]) == "<Expertise isced=0713,0521 keywords='solar energy'>"
    assert repr(values["Activity"]) == "<Activity 3 'Water Days' conference 2025-03-01 partners 2,5>"
    assert repr(values["Person"]) == "<Person 4 'Hans Weber' visiting_professor of institution 2>"
    assert repr(values["Visit"]) == "<Visit 5 incoming teaching person 4 2025-03-01..2025-03-10 confirmed>"
    assert repr(values["Program"]) == "<Program 8 'Erasmus+ KA171' exchange for undergraduate,master>"
    assert repr(values["Call"]) == "<Call 11 'Spring 2026' program 8 2025-11-01..2026-01-31 places 4 funding 850 EUR>"
    assert repr(values["Application"]) == "<Application 12 call 11 applicant 4 master submitted>"
    assert repr(values["ApplicationTransition"]) == "<ApplicationTransition draft->submitted 2025-12-02 by 'me'>"
    assert repr(values["CentreLink"]) == "<CentreLink 3 <-> 6 'shared lab'>"
    assert repr(values["ExpertiseMatch"]) == "<ExpertiseMatch person 4 'Hans Weber' of 'FU Berlin' score 0.75>"
    assert repr(values["KpiSet"]) == \
        "<KpiSet 2025-01-01..2025-12-31 new 2 active 5 dormant 1 visits in 3 out 1 applications 10>"
    assert repr(iro.Visit()) == "<Visit (new) incoming teaching person 0 ?..? planned>"
    assert repr(iro.Person(family_name="X", erased=True)) == "<Person (new) 'X' faculty (erased)>"


def test_defaults_and_computed_members():
    visit = iro.Visit()
    assert visit.start is None and visit.academic_year is None
    assert visit.mobility_type is None and visit.agreement is None
    visit.start = dt.date(2025, 8, 31)
    assert visit.academic_year == iro.AcademicYear(start_year=2024)
    visit.start = "2025-09-01"
    assert visit.academic_year == iro.AcademicYear(start_year=2025)
    assert iro.Person(given_name="Lina", family_name="Saleh").full_name == "Lina Saleh"
    assert iro.Person(family_name="Saleh").full_name == "Saleh"
    call = iro.Call(opens_on="2026-01-01", deadline="2026-01-31")
    assert call.is_open_on("2026-01-01") and call.is_open_on(dt.date(2026, 1, 31))
    assert not call.is_open_on("2026-02-01")
    assert call.funding is None
    assert not iro.Expertise() and iro.Expertise(keywords=["x"])


def test_nested_expertise_is_a_live_view_and_lists_are_copies():
    person = iro.Person(family_name="X")
    person.expertise.keywords = ["optics"]
    assert person.expertise.keywords == ["optics"]
    person.expertise.keywords.append("lost")
    assert person.expertise.keywords == ["optics"]
    activity = iro.Activity(partners=[1])
    activity.partners.append(2)
    assert activity.partners == [1]


def test_kpi_maps_are_keyed_by_enum_members():
    k = sample_values()[-1]
    assert k.new_by_kind == {iro.AgreementKind.MOU: 1, iro.AgreementKind.ERASMUS_IIA: 1}
    assert all(type(key) is iro.WorldRegion for key in k.active_by_region)
    assert k.active_by_region["asia"] == 3  # members equal their names
    with pytest.raises(iro.ValidationError) as e:
        iro.KpiSet(new_by_region={"mars": 1})
    assert e.value.field == "new_by_region"
    with pytest.raises(iro.ArgumentTypeError):
        iro.KpiSet(new_by_area=[("research", 1)])
    with pytest.raises(iro.ArgumentTypeError):
        iro.KpiSet(new_by_area={"research": "one"})


def test_field_assignments_are_type_checked():
    with pytest.raises(iro.ArgumentTypeError) as e:
        iro.Money(amount="12")
    assert e.value.field == "amount"
    with pytest.raises(iro.ArgumentTypeError):
        iro.Call(funding=12.5)
    with pytest.raises(iro.ArgumentTypeError):
        iro.Activity(partners=5)
    with pytest.raises(iro.ArgumentTypeError):
        iro.Activity(funds=[{"amount": 1, "currency": "EUR"}])
    with pytest.raises(iro.ValidationError):
        iro.Visit(lectures=2**40)
    with pytest.raises(iro.ValidationError) as e:
        iro.Visit(person=-1)
    assert "positive person id" in str(e.value)
    with pytest.raises(iro.ArgumentTypeError) as e:
        iro.Visit(person=iro.Program())
    assert "got Program" in str(e.value)
    with pytest.raises(iro.ArgumentTypeError):
        iro.Expertise(isced_codes="0713")


def test_academic_year_of_and_currency_codes():
    assert iro.academic_year_of("2025-08-31") == iro.AcademicYear(start_year=2024)
    assert iro.academic_year_of(dt.date(2025, 9, 1)) == iro.AcademicYear(start_year=2025)
    assert iro.is_currency_code("JOD") and not iro.is_currency_code("XYZ") and not iro.is_currency_code("eur")
    with pytest.raises(iro.ArgumentTypeError):
        iro.academic_year_of(None)
    with pytest.raises(iro.ValidationError):
        iro.academic_year_of("2025-02-30")
