"""The daily work from Python: activities, people (and erasure), visits, programs, calls, applications, centres."""

import datetime as dt

import pandas as pd
import pytest

import iro
from daily_helpers import build_work, incoming, outgoing
from helpers import in_force_agreement


def refused(office, cls, call, *texts):
    """Runs `call`, expects `cls` with every text in its message, and checks the store is unchanged."""
    before = office.logical_dump()
    with pytest.raises(cls) as e:
        call()
    for text in texts:
        assert text in str(e.value)
    assert office.logical_dump() == before
    return e.value


@pytest.fixture
def work(office):
    return build_work(office)


# ---------------------------------------------------------------- activities

def test_activities_add_get_find_update(work):
    o = work.office
    workshop = o.activities.add(type="conference", title="Water Days", partners=[work.jordan, work.warsaw],
                                agreement=None, area="research", start="2025-03-01", end="2025-03-02",
                                home_units=[work.engineering], people=[work.professor], publications=2,
                                participants=80, funds=[iro.Money(amount=1200, currency="EUR"),
                                                        iro.Money(amount=300.5, currency="USD")],
                                evidence=[iro.DocumentRef(title="Programme", location="https://example.org/p")])
    assert workshop.id > 0
    assert workshop.partners == [work.jordan.id, work.warsaw.id]
    assert workshop.funds == [iro.Money(amount=1200, currency="EUR"), iro.Money(amount=300.5, currency="USD")]
    assert workshop.start == dt.date(2025, 3, 1) and workshop.type is iro.ActivityType.CONFERENCE
    assert o.activities.get(workshop.id) == workshop == o.activities.get(workshop)
    course = o.activities.add(iro.Activity(type="training_course", title="Solar course", partners=[work.warsaw.id],
                                           agreement=work.erasmus.id, area="training", start="2024-11-05"))
    assert len(o.activities) == 2 and [a.id for a in o.activities] == [course.id, workshop.id]
    assert o.activities.find(partner=work.jordan) == [workshop]
    assert o.activities.find(agreement=work.erasmus) == [course]
    assert o.activities.find(year=2024) == [course]
    assert o.activities.find(area="research", type=iro.ActivityType.CONFERENCE) == [workshop]
    assert o.activities.count(partner=work.warsaw) == 2
    workshop.outcome = "Proceedings published"
    workshop.partners = [work.jordan]
    updated = o.activities.update(workshop)
    assert updated.outcome == "Proceedings published" and updated.partners == [work.jordan.id]
    assert o.activities.get(workshop.id) == updated
    assert o.activities.add_many([iro.Activity(title="A", partners=[work.daad], start="2025-01-01"),
                                  iro.Activity(title="B", partners=[work.daad], start="2025-01-02")]) == \
        [course.id + 1, course.id + 2]
    assert repr(o.activities) == "<iro.Activities of ':memory:'>"


def test_activity_errors_name_the_field_and_write_nothing(work):
    o = work.office
    e = refused(o, iro.ValidationError, lambda: o.activities.add(title="x", partners=[], start="2025-01-01"),
                "at least one partner")
    assert e.field == "partners"
    e = refused(o, iro.ValidationError, lambda: o.activities.add(
        title="x", partners=[work.jordan], start="2025-01-01",
        funds=[iro.Money(amount=1, currency="EUR"), iro.Money(amount=2, currency="EUR")]))
    assert e.field == "funds[1].currency"
    e = refused(o, iro.ValidationError, lambda: o.activities.add(
        title="x", partners=[work.jordan], start="2025-01-01", funds=[iro.Money(amount=-1, currency="EUR")]))
    assert e.field == "funds[0].amount"
    refused(o, iro.ValidationError, lambda: o.activities.add(title="x", partners=[work.jordan], start="2025-01-01",
                                                             home_units=[work.water]), "units of the home institution")
    refused(o, iro.NotFoundError, lambda: o.activities.add(title="x", partners=[999], start="2025-01-01"), "999")
    refused(o, iro.NotFoundError, lambda: o.activities.get(12345), "12345")
    refused(o, iro.ValidationError, lambda: o.activities.add_many([
        iro.Activity(title="ok", partners=[work.jordan], start="2025-01-01"),
        iro.Activity(title="", partners=[work.jordan], start="2025-01-01")]), "title")


def test_activity_counts_and_funds_frames(work):
    o = work.office
    o.activities.add(title="A", type="conference", partners=[work.jordan], area="research", start="2024-05-01",
                     funds=[iro.Money(amount=100, currency="EUR")])
    o.activities.add(title="B", type="conference", partners=[work.jordan, work.warsaw], area="culture",
                     start="2025-05-01",
                     funds=[iro.Money(amount=50, currency="EUR"), iro.Money(amount=7, currency="JOD")])
    o.activities.add(title="C", type="joint_publication", partners=[work.warsaw], agreement=work.erasmus,
                     area="research", start="2025-06-01")
    by_partner = o.activities.count_by("partner")
    assert list(by_partner.columns) == ["key", "label", "count"]
    assert by_partner.to_dict("records") == [
        {"key": str(work.jordan.id), "label": "University of Jordan", "count": 2},
        {"key": str(work.warsaw.id), "label": "University of Warsaw", "count": 2}]
    assert o.activities.count_by(iro.ActivityGrouping.YEAR).set_index("key")["count"].to_dict() == \
        {"2025": 2, "2024": 1}
    assert o.activities.count_by("type", year=2025).set_index("key")["count"].to_dict() == \
        {"conference": 1, "joint_publication": 1}
    assert o.activities.count_by("agreement").to_dict("records") == \
        [{"key": str(work.erasmus.id), "label": "Erasmus+ with Warsaw", "count": 1}]
    with pytest.raises(iro.ValidationError):
        o.activities.count_by("country")
    funds = o.activities.funds_frame()
    assert list(funds.columns) == ["activity", "title", "type", "area", "start", "amount", "currency"]
    assert funds.amount.dtype == "float64"
    assert funds.groupby("currency").amount.sum().to_dict() == {"EUR": 150.0, "JOD": 7.0}
    assert len(o.activities.funds_frame(partner=work.warsaw)) == 2


# ---------------------------------------------------------------- people and erasure

def test_people_add_find_update(work):
    o = work.office
    assert work.professor.full_name == "Hans Weber" and work.professor.id > 0
    assert work.professor.expertise == iro.Expertise(isced_codes=["0713"], keywords=["Solar Energy"])
    assert o.people.get(work.professor.id) == work.professor
    assert len(o.people) == 2 and list(o.people) == [work.professor, work.student]
    assert o.people.find(role="student") == [work.student]
    assert o.people.find(affiliation=work.warsaw) == [work.professor]
    assert o.people.find(nationality="DE") == [work.professor]
    assert o.people.count(role=iro.PersonRole.VISITING_PROFESSOR) == 1
    work.student.email = "lina@ppu.example"
    work.student.expertise.keywords = ["hydrology"]
    updated = o.people.update(work.student)
    assert updated.email == "lina@ppu.example" and updated.expertise.keywords == ["hydrology"]
    ids = o.people.add_many([iro.Person(family_name="A"), iro.Person(family_name="B")])
    assert len(ids) == 2 and len(o.people) == 4
    e = refused(o, iro.ValidationError, lambda: o.people.add(given_name="", family_name=""), "a name")
    assert e.field == "family_name"
    refused(o, iro.ValidationError, lambda: o.people.add(family_name="X", nationality="XX"), "ISO 3166-1")
    refused(o, iro.ValidationError, lambda: o.people.add(family_name="X", email="not-an-address"))
    refused(o, iro.ValidationError, lambda: o.people.add(family_name="X", unit=work.engineering),
            "no unit without an affiliation")


def test_erase_keeps_statistics_and_refuses_edits(work):
    o = work.office
    visit = incoming(work, "2025-03-01", "2025-03-05")
    token = o.people.erase(work.professor)
    assert token.startswith("anonymous-") and len(token) == len("anonymous-") + 12
    erased = o.people.get(work.professor.id)
    assert erased.erased and erased.family_name == token and erased.given_name == ""
    assert erased.email == "" and erased.nationality == "" and not erased.expertise
    assert erased.role is iro.PersonRole.VISITING_PROFESSOR and erased.affiliation == work.warsaw.id
    assert o.visits.get(visit.id).person == work.professor.id  # the visit still counts
    assert o.people.count(include_erased=False) == 1 and o.people.count() == 2
    refused(o, iro.ConflictError, lambda: o.people.erase(work.professor.id), "already erased")
    erased.given_name = "Hans"
    refused(o, iro.ConflictError, lambda: o.people.update(erased), "erased")
    refused(o, iro.NotFoundError, lambda: o.people.erase(999))


def test_erased_person_leaves_no_personal_field_in_the_database_file(tmp_path):
    path = tmp_path / "office.db"
    secrets = ["Zuleikha", "Qwertyuiopsson", "zq.unique@mail.example", "zq.second@mail.example",
               "xylophone acoustics"]
    with iro.open(path, actor="tester") as office:
        office.institutions.add(name="Home University", country="PS", is_home=True)
        partner = office.institutions.add(name="Partner University", country="JO")
        person = office.people.add(given_name="Zuleikha", family_name="Qwertyuiopsson", role="researcher",
                                   affiliation=partner, nationality="NO", email="zq.unique@mail.example",
                                   expertise=iro.Expertise(isced_codes=["0288"], keywords=["xylophone acoustics"]))
        person.email = "zq.second@mail.example"
        office.people.update(person)  # the audit log now holds before and after
        office.visits.add(person=person, direction="incoming", partner=partner, start="2025-01-01",
                          end="2025-01-05")
        program = office.programs.add(name="Research stays", kind="research_funding", audiences=["faculty"])
        call = office.calls.add(program=program, title="2025", opens_on="2025-01-01", deadline="2025-02-01")
        office.applications.add(call=call, applicant=person, audience="faculty", created_on="2025-01-10")
        office.activities.add(title="Joint paper", partners=[partner], people=[person], start="2025-02-01")
        before = path.read_bytes() + (tmp_path / "office.db-wal").read_bytes()
        assert all(s.encode() in before for s in secrets)
        token = office.people.erase(person)
        assert len(office.visits) == 1 and len(office.applications) == 1
    data = path.read_bytes()
    wal = tmp_path / "office.db-wal"
    if wal.exists():
        data += wal.read_bytes()
    for secret in secrets:
        assert secret.encode() not in data, secret
        assert secret.lower().encode() not in data.lower(), secret
    assert token.encode() in data
    with iro.open(path) as office:
        assert office.people.get(person.id).family_name == token
        for entry in office.audit.for_entity("person", person.id):
            assert "Zuleikha" not in entry.before + entry.after


# ---------------------------------------------------------------- visits

def test_visits_add_with_the_partner_shortcut_and_transition(work):
    o = work.office
    v = incoming(work, "2025-03-01", "2025-03-10", lectures=4, teaching_hours=8, host_unit=work.engineering)
    assert (v.home_institution, v.host_institution) == (work.warsaw.id, work.home.id)
    assert v.status is iro.VisitStatus.PLANNED and v.academic_year == iro.AcademicYear(start_year=2024)
    out = outgoing(work, "2025-09-01", "2025-12-20")
    assert (out.home_institution, out.host_institution) == (work.home.id, work.warsaw.id)
    assert o.visits.get(v.id) == v and len(o.visits) == 2 and list(o.visits) == [v, out]
    assert o.visits.find(direction="outgoing") == [out]
    assert o.visits.find(person=work.professor, year=2025) == [v]
    assert o.visits.find(institution=work.warsaw, status="planned") == [v]
    assert o.visits.count(agreement=work.erasmus) == 2
    confirmed = o.visits.transition(v, "confirmed", note="flights booked")
    assert confirmed.status is iro.VisitStatus.CONFIRMED and confirmed.note.endswith("flights booked")
    assert o.visits.transition(v.id, iro.VisitStatus.ONGOING).status == "ongoing"
    e = refused(o, iro.ConflictError, lambda: o.visits.transition(v, "planned"), "'ongoing'", "'planned'")
    assert "completed" in str(e)
    explicit = o.visits.add(iro.Visit(person=work.student.id, direction="outgoing", purpose="conference",
                                      home_institution=work.home.id, host_institution=work.jordan.id,
                                      start="2026-05-01", end="2026-05-03"))
    assert explicit.host_institution == work.jordan.id
    assert o.visits.add_many([iro.Visit(person=work.student.id, direction="outgoing", home_institution=work.home.id,
                                        host_institution=work.jordan.id, start="2027-01-01", end="2027-01-02")]) \
        == [explicit.id + 1]


def test_overlapping_confirmed_visits_are_refused_naming_both(work):
    o = work.office
    first = incoming(work, "2025-03-01", "2025-03-10", status="confirmed")
    e = refused(o, iro.ConflictError, lambda: incoming(work, "2025-03-10", "2025-03-12", status="confirmed"),
                f"overlaps visit {first.id} (2025-03-01 to 2025-03-10)", "(2025-03-10 to 2025-03-12)",
                "two places at once")
    assert isinstance(e, iro.Error)
    # A plan may overlap; confirming it may not.
    planned = incoming(work, "2025-03-05", "2025-03-07")
    refused(o, iro.ConflictError, lambda: o.visits.transition(planned, "confirmed"),
            f"visit {planned.id} (2025-03-05 to 2025-03-07)", f"visit {first.id} (2025-03-01 to 2025-03-10)")
    o.visits.transition(first, "cancelled")
    assert o.visits.transition(planned, "confirmed").status == "confirmed"
    # Editing a committed visit into an overlap is refused too.
    later = incoming(work, "2025-04-01", "2025-04-03", status="confirmed")
    later.start, later.end = "2025-03-06", "2025-03-08"
    refused(o, iro.ConflictError, lambda: o.visits.update(later), f"visit {planned.id}")


def test_visit_errors(work):
    o = work.office
    e = refused(o, iro.ValidationError, lambda: incoming(work, "2025-03-10", "2025-03-01"), "on or after start")
    assert e.field == "end"
    e = refused(o, iro.ValidationError, lambda: incoming(work, "2025-03-01", "2025-03-02", mobility_type=None),
                "mobility type")
    assert e.field == "mobility_type"
    e = refused(o, iro.ValidationError, lambda: o.visits.add(person=work.professor, direction="incoming",
                                                             home_institution=work.warsaw,
                                                             host_institution=work.jordan,
                                                             start="2025-01-01", end="2025-01-02"))
    assert e.field == "host_institution"
    e = refused(o, iro.ArgumentTypeError, lambda: o.visits.add(person=work.professor, partner=work.warsaw,
                                                               home_institution=work.warsaw,
                                                               start="2025-01-01", end="2025-01-02"), "not both")
    assert e.field == "home_institution"
    refused(o, iro.ArgumentTypeError, lambda: o.visits.add(iro.Visit(), partner=work.warsaw), "not both")
    refused(o, iro.NotFoundError, lambda: o.visits.add(person=999, partner=work.warsaw, start="2025-01-01",
                                                       end="2025-01-02"), "no person with id 999")
    v = incoming(work, "2025-03-01", "2025-03-10")
    refused(o, iro.ConflictError, lambda: o.visits.transition(v, "completed"), "'planned'", "'completed'")
    v.status = "confirmed"
    refused(o, iro.ConflictError, lambda: o.visits.update(v), "status changes only through transitions")
    refused(o, iro.ValidationError, lambda: o.visits.transition(v, "finished"), "planned, confirmed")


# ---------------------------------------------------------------- programs, calls, applications

@pytest.fixture
def programs(work):
    o = work.office
    w = work
    w.exchange = o.programs.add(name="Erasmus+ mobility", kind="exchange", provider=w.warsaw, agreement=w.erasmus,
                                audiences=["undergraduate", "master"], website="https://erasmus-plus.ec.europa.eu")
    w.grant = o.programs.add(iro.Program(name="DAAD research stays", kind="research_funding", provider=w.daad.id,
                                         audiences=["faculty", "doctoral"]))
    w.spring = o.calls.add(program=w.exchange, title="Spring 2026", opens_on="2025-10-01", deadline="2026-01-31",
                           places=4, funding=iro.Money(amount=850, currency="EUR"))
    w.autumn = o.calls.add(program=w.exchange, title="Autumn 2026", opens_on="2026-02-01", deadline="2026-04-30")
    w.stays = o.calls.add(program=w.grant, title="Stays 2026", opens_on="2025-12-01", deadline="2026-02-15",
                          places=10)
    return w


def test_programs_and_calls(programs):
    w = programs
    o = w.office
    assert len(o.programs) == 2 and list(o.programs) == [w.exchange, w.grant]
    assert o.programs.get(w.exchange.id) == w.exchange
    assert o.programs.find(audience="faculty") == [w.grant]
    assert o.programs.find(kind="exchange", provider=w.warsaw) == [w.exchange]
    w.grant.eligibility = "PhD holders"
    assert o.programs.update(w.grant).eligibility == "PhD holders"
    e = refused(o, iro.ValidationError, lambda: o.programs.add(name="X", audiences=[]), "at least one audience")
    assert e.field == "audiences"
    refused(o, iro.ValidationError, lambda: o.programs.add(name="X", audiences=["master", "master"]),
            "each audience once")

    assert w.spring.funding == iro.Money(amount=850, currency="EUR") and w.autumn.funding is None
    assert o.calls.get(w.spring.id) == w.spring and len(o.calls) == 3
    assert [c.id for c in o.calls] == [w.spring.id, w.stays.id, w.autumn.id]  # by deadline
    assert o.calls.find(w.exchange) == [w.spring, w.autumn]
    assert o.calls.find(program=w.grant.id) == [w.stays]
    assert o.calls.open_calls(on="2026-01-15") == [w.spring, w.stays]
    assert o.calls.open_calls(on="2026-01-15", audience="faculty") == [w.stays]
    assert o.calls.open_calls(on=dt.date(2026, 2, 1)) == [w.stays, w.autumn]
    assert o.calls.upcoming_deadlines(on="2026-01-31", within_days=15) == [w.spring, w.stays]
    assert o.calls.upcoming_deadlines(on="2026-02-01", within_days=13) == []
    assert o.calls.upcoming_deadlines(on="2026-02-01", within_days=14) == [w.stays]
    w.autumn.places = 2
    assert o.calls.update(w.autumn).places == 2
    e = refused(o, iro.ValidationError, lambda: o.calls.add(program=w.grant, title="x", opens_on="2026-02-01",
                                                            deadline="2026-01-01"), "on or after opens_on")
    assert e.field == "deadline"
    e = refused(o, iro.ValidationError, lambda: o.calls.add(program=w.grant, title="x", opens_on="2026-01-01",
                                                            deadline="2026-02-01",
                                                            funding=iro.Money(amount=5, currency="EURO")))
    assert e.field == "funding.currency"
    refused(o, iro.NotFoundError, lambda: o.calls.add(program=999, title="x", opens_on="2026-01-01",
                                                      deadline="2026-02-01"), "999")
    refused(o, iro.ValidationError, lambda: o.calls.upcoming_deadlines(within_days=-1), "within_days")


def test_applications_lifecycle_history_and_rates(programs):
    w = programs
    o = w.office
    first = o.applications.add(call=w.spring, applicant=w.student, audience="undergraduate", unit=w.engineering,
                               created_on="2025-11-01")
    assert first.status is iro.ApplicationStatus.DRAFT and first.created_on == dt.date(2025, 11, 1)
    today_app = o.applications.add(call=w.stays, applicant=w.professor, audience="faculty")
    assert today_app.created_on == dt.date.today()
    assert o.applications.transition(first, "submitted", "2025-11-02").status == "submitted"
    o.applications.transition(first.id, "nominated", dt.date(2025, 12, 1), note="shortlisted")
    accepted = o.applications.transition(first, iro.ApplicationStatus.ACCEPTED, "2026-02-10")
    assert accepted.status is iro.ApplicationStatus.ACCEPTED
    history = o.applications.history(first)
    assert [(t.from_, t.to) for t in history] == [(None, "draft"), ("draft", "submitted"), ("submitted", "nominated"),
                                                  ("nominated", "accepted")]
    assert history[2] == iro.ApplicationTransition(from_="submitted", to="nominated", on="2025-12-01",
                                                   actor="tester", note="shortlisted")
    refused(o, iro.ConflictError, lambda: o.applications.transition(first, "draft", "2026-03-01"),
            "'accepted'", "'draft'")
    e = refused(o, iro.ValidationError, lambda: o.applications.transition(first, "completed", "2026-01-01"),
                "previous transition")
    assert e.field == "on"
    refused(o, iro.ConflictError, lambda: o.applications.add(call=w.spring, applicant=w.student,
                                                             audience="undergraduate"), "already applied")
    e = refused(o, iro.ValidationError, lambda: o.applications.add(call=w.autumn, applicant=w.student,
                                                                   audience="faculty"), "program's audiences")
    assert e.field == "audience"
    refused(o, iro.ValidationError, lambda: o.applications.add(call=w.autumn, applicant=w.student,
                                                               audience="master", unit=w.water),
            "unit of the home institution")
    rejected = o.applications.add(call=w.autumn, applicant=w.student, audience="master", status="rejected",
                                  created_on="2026-05-01")
    assert o.applications.history(rejected)[0].to == "rejected"
    assert len(o.applications) == 3 and [a.id for a in o.applications] == [first.id, today_app.id, rejected.id]
    assert o.applications.find(program=w.exchange) == [accepted, rejected]
    assert o.applications.find(status="rejected", year=2026) == [rejected]
    assert o.applications.find(applicant=w.professor, call=w.stays, audience="faculty") == \
        [o.applications.get(today_app.id)]

    participation = o.applications.participation(program=w.exchange)
    assert list(participation.columns) == ["program", "program_name", "year", "unit", "unit_name", "audience",
                                           "applications", "accepted", "rejected"]
    assert participation[["year", "unit_name", "audience", "applications", "accepted", "rejected"]].to_dict(
        "records") == [
        {"year": 2026, "unit_name": "", "audience": "master", "applications": 1, "accepted": 0, "rejected": 1},
        {"year": 2026, "unit_name": "Engineering", "audience": "undergraduate", "applications": 1, "accepted": 1,
         "rejected": 0}]
    rates = o.applications.success_rates()
    assert rates.to_dict("records") == [
        {"program": w.exchange.id, "program_name": "Erasmus+ mobility", "decided": 2, "accepted": 1, "rate": 0.5},
        {"program": w.grant.id, "program_name": "DAAD research stays", "decided": 0, "accepted": 0, "rate": 0.0}]
    assert o.applications.success_rates(status="draft").to_dict("records") == [
        {"program": w.grant.id, "program_name": "DAAD research stays", "decided": 0, "accepted": 0, "rate": 0.0}]


# ---------------------------------------------------------------- centres

def test_centres_expertise_links_and_matching(work):
    o = work.office
    stored = o.centres.set_expertise(work.energy, isced_codes=["0713", "0521"], keywords=["Solar energy", "Water"])
    assert stored == iro.Expertise(isced_codes=["0713", "0521"], keywords=["Solar energy", "Water"])
    assert o.centres.expertise(work.energy.id) == stored
    o.centres.set_expertise(work.water, iro.Expertise(isced_codes=["0712"], keywords=["water"]))
    o.centres.set_expertise(work.optics, iro.Expertise(isced_codes=["0533"]))
    matches = o.centres.match(work.energy)
    # Four items at home (two codes, two keywords). Professor Weber: 0713 exact (1) + keyword 'solar energy',
    # folded (1) = 2/4. The water centre: 0713 ~ 0712 same narrow field (0.5) + keyword 'water' (1) = 1.5/4.
    # The optics centre: 0521 ~ 0533 same broad field (0.25) = 0.25/4.
    assert [(m.kind, m.id, m.score) for m in matches] == [("person", work.professor.id, 0.5),
                                                         ("centre", work.water.id, 0.375),
                                                         ("centre", work.optics.id, 0.0625)]
    assert matches[2].reasons == ["same broad ISCED field 05 (0521 and 0533)"]
    assert matches[0].reasons == ["same ISCED field 0713", "keyword 'Solar energy'"]
    assert matches[0].name == "Hans Weber" and matches[0].institution == work.warsaw.id
    assert matches[1].institution_name == "University of Jordan"
    assert o.centres.match(work.energy, limit=1) == matches[:1]
    frame = o.centres.match_frame(work.energy)
    assert list(frame.columns) == ["kind", "id", "name", "institution", "institution_name", "country", "score",
                                   "reasons"]
    assert frame.reasons[0] == "same ISCED field 0713; keyword 'Solar energy'"
    assert list(frame.kind.cat.categories) == ["centre", "person"] and frame.score.dtype == "float64"
    assert frame.country.tolist() == ["PL", "JO", "PL"]

    o.centres.link(work.energy, work.water, note="shared lab")
    o.centres.link(work.energy, work.optics)
    assert o.centres.links(work.water) == [iro.CentreLink(home_centre=work.energy.id, partner_centre=work.water.id,
                                                          note="shared lab")]
    assert len(o.centres.links(work.energy)) == 2
    o.centres.link(work.energy, work.water, note="renewed")
    assert o.centres.links(work.water)[0].note == "renewed"
    o.centres.unlink(work.energy, work.optics)
    assert o.centres.links(work.optics) == []
    refused(o, iro.NotFoundError, lambda: o.centres.unlink(work.energy, work.optics), "centre link")
    e = refused(o, iro.ValidationError, lambda: o.centres.link(work.water, work.energy), "home institution")
    assert e.field == "home_centre"
    refused(o, iro.ValidationError, lambda: o.centres.set_expertise(work.engineering, keywords=["x"]),
            "scientific_centre")
    refused(o, iro.ValidationError, lambda: o.centres.set_expertise(work.energy, isced_codes=["07a3"]), "ISCED")
    refused(o, iro.ValidationError, lambda: o.centres.match(work.water), "home institution")
    refused(o, iro.ArgumentTypeError, lambda: o.centres.set_expertise(work.energy, stored, keywords=["x"]), "not both")

    assert len(o.centres) == 3
    assert [c.id for c in o.centres] == [work.energy.id, work.water.id, work.optics.id]
    centres = o.centres.to_frame()
    assert centres[["name", "is_home", "isced_codes", "keywords", "links"]].to_dict("records") == [
        {"name": "Renewable Energy Centre", "is_home": True, "isced_codes": "0713; 0521",
         "keywords": "Solar energy; Water", "links": 1},
        {"name": "Water and Environment Centre", "is_home": False, "isced_codes": "0712", "keywords": "water",
         "links": 1},
        {"name": "Optics Centre", "is_home": False, "isced_codes": "0533", "keywords": "", "links": 0}]
    assert o.centres.to_frame(work.jordan).name.tolist() == ["Water and Environment Centre"]
    with pytest.raises(iro.NotFoundError):
        o.centres.to_frame(999)


# ---------------------------------------------------------------- misuse of the new API

@pytest.fixture
def other():
    with iro.open(":memory:") as o:
        o.institutions.add(name="Home", country="PS", is_home=True)
        o.institutions.add(name="Partner", country="JO")
        yield o


@pytest.mark.parametrize("call", [
    lambda o: o.activities.get(None),
    lambda o: o.activities.update(None),
    lambda o: o.people.erase(None),
    lambda o: o.people.update(None),
    lambda o: o.visits.transition(None, "confirmed"),
    lambda o: o.visits.transition(1, None),
    lambda o: o.programs.get(None),
    lambda o: o.calls.get(None),
    lambda o: o.calls.upcoming_deadlines(within_days=None),
    lambda o: o.applications.transition(1, "submitted", None),
    lambda o: o.centres.match(None),
    lambda o: o.centres.link(None, 1),
    lambda o: o.dormant_agreements(months=None),
    lambda o: o.export_ics(agreement_expiries=None),
], ids=["activity-get", "activity-update", "erase", "person-update", "visit-id", "visit-status", "program", "call",
        "within", "on", "match", "link", "months", "ics-flag"])
def test_none_where_a_value_is_expected(work, call):
    e = refused(work.office, iro.ArgumentTypeError, lambda: call(work.office), "NoneType")
    assert isinstance(e, TypeError)


@pytest.mark.parametrize("bad", ["1", 1.0, True, [1], object()])
def test_wrong_types_for_ids(work, bad):
    o = work.office
    for call in (o.activities.get, o.people.get, o.visits.get, o.programs.get, o.calls.get, o.applications.get,
                 o.centres.expertise, o.people.erase):
        e = refused(o, iro.ArgumentTypeError, lambda: call(bad), "expected an int id")
        assert e.field in ("id", "centre")


@pytest.mark.parametrize("bad", [2**63, -2**70])
def test_huge_integers(work, bad):
    o = work.office
    for call in (lambda: o.visits.get(bad), lambda: o.activities.find(year=bad), lambda: o.centres.match(1, limit=bad),
                 lambda: o.calls.upcoming_deadlines(within_days=bad), lambda: o.dormant_agreements(months=bad),
                 lambda: o.kpis(year=bad), lambda: o.people.add(family_name="X", affiliation=bad),
                 lambda: o.activities.add(title="x", partners=[work.jordan], start="2025-01-01", participants=bad)):
        e = refused(o, iro.ValidationError, call)
        assert not isinstance(e, TypeError)


def test_wrong_types_and_unknown_keywords(work):
    o = work.office
    refused(o, iro.ArgumentTypeError, lambda: o.visits.find(persn=1), "person, direction")
    refused(o, iro.ArgumentTypeError, lambda: o.people.to_frame(country="JO"), "include_erased")
    refused(o, iro.ArgumentTypeError, lambda: o.applications.participation(applicant_name="x"))
    refused(o, iro.ArgumentTypeError, lambda: o.activities.add(title="x", partners=[work.jordan], colour="red"),
            "a field of Activity")
    refused(o, iro.ArgumentTypeError, lambda: o.people.update(work.erasmus), "expected an iro.Person")
    refused(o, iro.ArgumentTypeError, lambda: o.people.get(work.erasmus), "got Agreement")
    refused(o, iro.ArgumentTypeError, lambda: o.visits.add(work.professor), "expected an iro.Visit")
    refused(o, iro.ValidationError, lambda: o.visits.find(direction="sideways"), "incoming, outgoing")
    refused(o, iro.ValidationError, lambda: o.activities.find(year=0), "a year from 1 to 9999")
    refused(o, iro.ValidationError, lambda: o.calls.open_calls(on="2026-02-30"))
    refused(o, iro.ArgumentTypeError, lambda: o.calls.open_calls(audience=iro.PersonRole.FACULTY))


def test_direct_construction_of_the_new_collections():
    for cls in (iro.Activities, iro.People, iro.Visits, iro.Programs, iro.Calls, iro.Applications, iro.Centres):
        with pytest.raises(iro.ArgumentTypeError) as e:
            cls()
        assert "no direct construction" in str(e.value)


def test_objects_from_another_office_are_refused(work, other):
    o = work.office
    theirs = other.people.add(family_name="Foreign", affiliation=other.institutions.find()[0])
    their_partner = other.institutions.find()[0]
    their_visit = other.visits.add(person=theirs, partner=their_partner, start="2025-01-01", end="2025-01-02")
    their_program = other.programs.add(name="P", audiences=["master"])
    their_call = other.calls.add(program=their_program, title="C", opens_on="2025-01-01", deadline="2025-02-01")
    their_application = other.applications.add(call=their_call, applicant=theirs, audience="master")
    their_activity = other.activities.add(title="A", partners=[their_partner], start="2025-01-01")
    message = "returned by another office"
    for call in (lambda: o.people.get(theirs), lambda: o.people.update(theirs), lambda: o.people.erase(theirs),
                 lambda: o.people.add(theirs), lambda: o.visits.get(their_visit), lambda: o.visits.update(their_visit),
                 lambda: o.visits.transition(their_visit, "confirmed"),
                 lambda: o.visits.add(person=work.professor, partner=their_partner, start="2025-01-01",
                                      end="2025-01-02"),
                 lambda: o.visits.find(person=theirs), lambda: o.visits.to_frame(institution=their_partner),
                 lambda: o.programs.update(their_program), lambda: o.calls.find(their_program),
                 lambda: o.calls.to_frame(their_program), lambda: o.calls.get(their_call),
                 lambda: o.applications.transition(their_application, "submitted", "2025-01-02"),
                 lambda: o.applications.history(their_application),
                 lambda: o.applications.participation(applicant=theirs),
                 lambda: o.activities.update(their_activity),
                 lambda: o.activities.add(title="x", partners=[work.jordan], people=[theirs], start="2025-01-01"),
                 lambda: o.activities.count_by("area", partner=their_partner),
                 lambda: o.quota_utilisation(agreement=in_force_agreement(other, [their_partner]))):
        refused(o, iro.ConflictError, call, message)
    # Plain ids are this office's ids.
    assert o.people.get(theirs.id) == work.professor


def test_a_closed_office_refuses_every_new_call(work):
    o = work.office
    people = o.people
    visit = incoming(work, "2025-03-01", "2025-03-02")
    o.close()
    calls = [
        lambda: o.activities.to_frame(), lambda: len(o.activities), lambda: list(o.people), lambda: people.erase(1),
        lambda: people.get(1), lambda: o.visits.transition(visit, "confirmed"), lambda: o.visits.to_frame(),
        lambda: o.programs.find(), lambda: o.calls.open_calls(), lambda: o.applications.participation(),
        lambda: o.centres.match(1), lambda: o.centres.to_frame(), lambda: o.dormant_agreements(),
        lambda: o.unused_agreements(), lambda: o.quota_utilisation(), lambda: o.mobility_balance(),
        lambda: o.visiting_professors(), lambda: o.kpis(), lambda: o.export_ics(),
    ]
    for call in calls:
        with pytest.raises(iro.StorageError) as e:
            call()
        assert "store is closed" in str(e.value)


def test_export_to_an_unwritable_place_is_a_storage_error(work, tmp_path):
    with pytest.raises(iro.StorageError) as e:
        work.office.export_ics(tmp_path / "missing" / "deadlines.ics")
    assert "cannot write" in str(e.value) and "missing" in str(e.value)
    assert not (tmp_path / "missing").exists()


def test_collections_share_the_office_and_frames_are_pandas(work):
    assert isinstance(work.office.people.to_frame(), pd.DataFrame)
    assert repr(work.office.centres) == "<iro.Centres of ':memory:'>"
    assert repr(work.office.applications) == "<iro.Applications of ':memory:'>"
