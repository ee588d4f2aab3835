"""Enums, value classes, dates, countries and the free helper functions."""

import copy
import datetime as dt
import enum
import pickle

import numpy as np
import pandas as pd
import pytest

import iro

# Every enum with its names in EnumNames table order (the C++ headers).
ENUMS = {
    iro.InstitutionType: ["university", "research_institute", "scientific_centre", "international_organisation",
                          "government_body", "foundation", "company", "funder", "accreditation_body",
                          "ranking_organisation", "other"],
    iro.InstitutionStatus: ["active", "inactive", "merged"],
    iro.NameKind: ["display", "label", "alias", "acronym"],
    iro.Scope: ["local", "regional", "international"],
    iro.WorldRegion: ["africa", "americas", "asia", "europe", "oceania", "antarctica"],
    iro.UnitKind: ["faculty", "department", "scientific_centre", "office"],
    iro.AgreementKind: ["mou", "framework", "student_exchange", "staff_exchange", "erasmus_iia", "joint_degree",
                        "research_collaboration", "scholarship", "training", "network"],
    iro.AgreementStatus: ["proposed", "in_negotiation", "under_review", "awaiting_signature", "in_force", "expired",
                          "renewed", "terminated"],
    iro.AgreementParts: ["all", "parties"],
    iro.Area: ["education", "training", "research", "culture", "student_exchange", "staff_exchange",
               "capacity_building", "joint_programmes", "quality_accreditation"],
    iro.MobilityType: ["student_studies", "student_traineeship", "staff_teaching", "staff_training"],
    iro.CefrLevel: ["A1", "A2", "B1", "B2", "C1", "C2"],
}


# ---------------------------------------------------------------- enums

@pytest.mark.parametrize("cls", list(ENUMS))
def test_enum_members_follow_the_name_table(cls):
    assert issubclass(cls, enum.StrEnum)
    assert [m.value for m in cls] == ENUMS[cls]
    assert [m.name for m in cls] == [v.upper() for v in ENUMS[cls]]
    assert cls.__module__ == "iro"


def test_enum_members_equal_their_names_and_pickle():
    assert iro.AgreementStatus.IN_FORCE == "in_force"
    assert iro.AgreementKind.MOU is iro.AgreementKind("mou")
    assert iro.Area.RESEARCH.value == "research"
    assert pickle.loads(pickle.dumps(iro.CefrLevel.B2)) is iro.CefrLevel.B2


def test_enum_fields_accept_members_and_names_and_return_members():
    n = iro.Name(value="PPU", kind="acronym")
    assert n.kind is iro.NameKind.ACRONYM
    n.kind = iro.NameKind.ALIAS
    assert n.kind is iro.NameKind.ALIAS


def test_unknown_enum_name_is_a_validation_error_listing_the_choices():
    with pytest.raises(iro.ValidationError) as e:
        iro.Name(value="x", kind="nickname")
    assert e.value.field == "kind"
    assert e.value.value == "nickname"
    assert "display, label, alias, acronym" in str(e.value)
    assert not isinstance(e.value, TypeError)


def test_member_of_another_enum_is_refused_even_when_the_name_matches():
    # AgreementKind.TRAINING is the string "training", a valid Area name; it is still refused.
    with pytest.raises(iro.ArgumentTypeError) as e:
        iro.Agreement(areas=[iro.AgreementKind.TRAINING])
    assert "Area" in str(e.value)
    assert isinstance(e.value, TypeError)


def test_enum_of_wrong_type_is_an_argument_type_error():
    with pytest.raises(iro.ArgumentTypeError):
        iro.Name(kind=3)


# ---------------------------------------------------------------- dates

def test_dates_round_trip_as_datetime_date():
    p = iro.Party(signed_on=dt.date(2024, 2, 29))
    assert p.signed_on == dt.date(2024, 2, 29)
    assert type(p.signed_on) is dt.date


def test_iso_strings_are_accepted_for_dates():
    assert iro.Party(signed_on="2025-12-31").signed_on == dt.date(2025, 12, 31)


def test_datetime_and_timestamps_stand_for_their_date():
    assert iro.Party(signed_on=dt.datetime(2025, 3, 4, 23, 59)).signed_on == dt.date(2025, 3, 4)
    assert iro.Party(signed_on=pd.Timestamp("2025-03-04 10:00")).signed_on == dt.date(2025, 3, 4)


@pytest.mark.parametrize("bad", ["2025-02-30", "2025-13-01", "31/12/2025", "2025-1-1", "", "0000-01-01"])
def test_impossible_date_strings_are_validation_errors(bad):
    with pytest.raises(iro.ValidationError) as e:
        iro.Party(signed_on=bad)
    assert e.value.field == "signed_on"
    assert "YYYY-MM-DD" in str(e.value)


def test_nat_is_not_a_date():
    with pytest.raises(iro.ValidationError) as e:
        iro.Party(signed_on=pd.NaT)
    assert e.value.field == "signed_on"


@pytest.mark.parametrize("bad", [20250101, 2025.5, np.datetime64("2025-01-01"), b"2025-01-01"])
def test_non_dates_are_argument_type_errors(bad):
    with pytest.raises(iro.ArgumentTypeError) as e:
        iro.Party(signed_on=bad)
    assert "datetime.date" in str(e.value)


def test_extreme_calendar_dates_round_trip():
    for d in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        assert iro.Party(signed_on=d).signed_on == d


def test_optional_dates_accept_none_and_unset_required_dates_read_as_none():
    p = iro.Party(signed_on="2025-01-01")
    p.signed_on = None
    assert p.signed_on is None
    assert iro.Agreement().proposed_on is None
    assert iro.Transition().on is None


def test_parse_date():
    assert iro.parse_date("2026-01-31") == dt.date(2026, 1, 31)
    with pytest.raises(iro.ValidationError):
        iro.parse_date("2026-02-31")


# ---------------------------------------------------------------- value classes

def sample_values():
    """One filled instance of every value class."""
    return [
        iro.Name(value="جامعة بوليتكنك فلسطين", lang="ar", kind="label"),
        iro.Identifiers(ror="https://ror.org/05k89ew48", erasmus="PL WARSZAW01", schac="uw.edu.pl",
                        pic="123456789", wikidata="Q1"),
        iro.AcademicYear(start_year=2025),
        iro.LanguageSkill(language="en", level="C1"),
        iro.MobilityQuota(sending=1, receiving=2, sending_unit=3, type="staff_teaching",
                          academic_years=["2025/2026", iro.AcademicYear(start_year=2026)], mobilities_per_year=2,
                          total_days_per_year=10, subject_areas=["0613"], eqf_levels=[6, 7],
                          language_skills=[iro.LanguageSkill(language="en", level="B2")], blended=True),
        iro.DocumentRef(title="Signed MoU", location="/docs/mou.pdf", sha256="a" * 64),
        iro.Party(institution=1, unit=4, signed_on="2024-09-01", signatory="Dr. A"),
        iro.Transition(from_="proposed", to="in_negotiation", on="2024-01-02", actor="me", note="started"),
        iro.AuditEntry(id=3, at="2026-01-01T00:00:00.000Z", actor="me", entity="agreement", entity_id=5,
                       action="add", before="", after="{}"),
        iro.Country(code="PS", name="Palestine", region="asia", subregion="Western Asia", arab_world=True, mena=True),
        iro.Institution(id=7, type="funder", name="DAAD", names=[iro.Name(value="Deutscher Akademischer", lang="de")],
                        country="DE", city="Bonn", website="https://www.daad.de", wikidata="Q680", status="active"),
        iro.OrgUnit(id=4, institution=1, parent=2, kind="faculty", name="Engineering", code="ENG"),
        iro.Contact(id=9, institution=1, unit=4, name="Dr. B", role="Officer", email="b@ppu.edu", phone="+970 2"),
        iro.Agreement(id=12, kind="mou", title="MoU", reference="R-1",
                      parties=[iro.Party(institution=1), iro.Party(institution=2)], areas=["research", "culture"],
                      status="in_force", proposed_on="2024-01-01", in_force_from="2024-09-01",
                      valid_until="2029-08-31", tacit_renewal_years=1, notice_days=90, predecessor=3,
                      quotas=[iro.MobilityQuota(sending=1, receiving=2, academic_years=["2025/2026"])],
                      documents=[iro.DocumentRef(title="t", location="l")], note="n"),
        iro.ExpiringAgreement(agreement=iro.Agreement(id=1, title="x"), ends_on="2026-02-01", days_left=17,
                              renews_tacitly=True, notice_by="2026-01-01"),
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


@pytest.mark.parametrize("value", sample_values(), ids=lambda v: type(v).__name__)
def test_changing_any_field_breaks_equality(value):
    other = copy.copy(value)
    name = type(value)._fields[-1]
    default = type(value)()
    setattr(other, name, getattr(default, name))
    if getattr(value, name) != getattr(default, name):
        assert other != value


def test_value_classes_are_unhashable_and_compare_with_other_types_as_different():
    n = iro.Name(value="x")
    assert n != "x"
    assert n != iro.Identifiers()
    with pytest.raises(TypeError):
        hash(n)


def test_reprs_show_what_a_person_wants_to_see():
    a = iro.Agreement(id=12, title="MoU with University of Jordan", kind="mou", status="in_force",
                      proposed_on="2024-05-01", in_force_from="2024-09-01", valid_until="2029-08-31")
    assert repr(a) == "<Agreement 12 'MoU with University of Jordan' mou in_force 2024-09-01..2029-08-31>"
    a.valid_until = None
    assert repr(a).endswith("2024-09-01..open-ended>")
    assert repr(iro.Agreement(title="New", proposed_on="2025-01-02")) == \
        "<Agreement (new) 'New' mou proposed proposed 2025-01-02>"
    inst = iro.Institution(id=3, name="University of Jordan", country="JO")
    assert repr(inst) == "<Institution 3 'University of Jordan' university JO active>"
    assert repr(iro.Name(value="PPU", lang="en", kind="acronym")) == "<Name 'PPU' en acronym>"
    assert repr(iro.AcademicYear(start_year=2025)) == "<AcademicYear 2025/2026>"
    assert repr(iro.Party(institution=2, signed_on="2024-01-01", signatory="X")) == \
        "<Party institution=2 signed 2024-01-01 by 'X'>"
    assert repr(iro.Transition(to="in_force", on="2024-01-01", actor="me")) == \
        "<Transition (new)->in_force 2024-01-01 by 'me'>"
    assert repr(iro.Identifiers(pic="123456789")) == "<Identifiers pic='123456789'>"
    assert repr(iro.country("JO")).startswith("<Country JO 'Jordan' asia")
    assert "17 days left" in repr(iro.ExpiringAgreement(agreement=iro.Agreement(id=1, title="x"),
                                                         ends_on="2026-02-01", days_left=17))
    for value in sample_values():
        assert repr(value).startswith("<" + type(value).__name__)


def test_constructor_takes_keywords_only_and_names_unknown_fields():
    with pytest.raises(iro.ArgumentTypeError) as e:
        iro.Name("x")
    assert "keyword arguments only" in str(e.value)
    with pytest.raises(iro.ArgumentTypeError) as e:
        iro.Name(valeu="x")
    assert e.value.field == "valeu"
    assert "value, lang, kind" in str(e.value)


def test_field_assignments_are_type_checked():
    inst = iro.Institution()
    with pytest.raises(iro.ArgumentTypeError) as e:
        inst.city = 5
    assert e.value.field == "city"
    with pytest.raises(iro.ArgumentTypeError):
        inst.is_home = 1
    with pytest.raises(iro.ArgumentTypeError):
        inst.names = "University"
    with pytest.raises(iro.ArgumentTypeError):
        inst.names = [iro.Identifiers()]
    with pytest.raises(iro.ValidationError):
        iro.Agreement().tacit_renewal_years = 2**40
    assert inst.city == ""


def test_nested_value_field_is_a_live_view_and_list_fields_are_copies():
    inst = iro.Institution(name="X")
    inst.identifiers.ror = "https://ror.org/05k89ew48"
    assert inst.identifiers.ror == "https://ror.org/05k89ew48"
    inst.names.append(iro.Name(value="lost"))
    assert [n.value for n in inst.names] == ["X"]
    inst.names = inst.names + [iro.Name(value="Y", kind="alias")]
    assert [n.value for n in inst.names] == ["X", "Y"]


def test_institution_keyword_shortcuts():
    inst = iro.Institution(name="University of Warsaw", names=[iro.Name(value="UW", kind="acronym")],
                           erasmus="PL WARSZAW01", schac="uw.edu.pl", ror="https://ror.org/039bjqg32",
                           pic="999", wikidata="Q1")
    assert inst.display_name == "University of Warsaw"
    assert inst.names[0] == iro.Name(value="University of Warsaw", lang="", kind="display")
    assert inst.identifiers == iro.Identifiers(ror="https://ror.org/039bjqg32", erasmus="PL WARSZAW01",
                                               schac="uw.edu.pl", pic="999", wikidata="Q1")


def test_id_fields_accept_zero_for_unsaved_but_not_negative():
    assert iro.Party(institution=0).institution == 0
    with pytest.raises(iro.ValidationError):
        iro.Party(institution=-1)
    assert iro.Party(institution=iro.Institution(id=5)).institution == 5
    with pytest.raises(iro.ValidationError) as e:
        iro.Party(institution=iro.Institution())
    assert "no id yet" in str(e.value)


def test_numbers_accept_numpy_scalars():
    q = iro.MobilityQuota(mobilities_per_year=np.int64(3), total_months_per_year=np.float64(4.5),
                          eqf_levels=np.array([6, 7]), blended=np.bool_(True))
    assert (q.mobilities_per_year, q.total_months_per_year, q.eqf_levels, q.blended) == (3, 4.5, [6, 7], True)


@pytest.mark.parametrize("kind", [np.float16, np.float32, np.longdouble])
def test_numbers_accept_every_numpy_float(kind):
    q = iro.MobilityQuota(total_months_per_year=kind(4.5))
    assert q.total_months_per_year == 4.5 and type(q.total_months_per_year) is float


@pytest.mark.parametrize("value, shown", [(np.complex64(1), "complex64"), (np.str_("4.5"), "str_"), (np.bool_(True), "bool_"),
                                          (np.array([4.5]), "ndarray")])
def test_numbers_refuse_numpy_values_that_are_not_real_numbers(value, shown):
    with pytest.raises(iro.ArgumentTypeError) as e:
        iro.MobilityQuota(total_months_per_year=value)
    assert e.value.field == "total_months_per_year" and f"a number (got {shown})" in str(e.value)


@pytest.mark.parametrize("value, shown", [(np.bool_(True), "bool_"), (np.array([3]), "ndarray"), (np.array(3), "ndarray"),
                                          (np.float32(3), "float32")])
def test_whole_numbers_refuse_numpy_values_that_are_not_integers(value, shown):
    with pytest.raises(iro.ArgumentTypeError) as e:
        iro.MobilityQuota(mobilities_per_year=value)
    assert e.value.field == "mobilities_per_year" and f"an int (got {shown})" in str(e.value)


def test_agreement_computed_members():
    a = iro.Agreement(parties=[iro.Party(institution=i) for i in (1, 2, 3)], status="in_force",
                      proposed_on="2023-01-01", in_force_from="2024-01-01", valid_until="2024-12-31",
                      tacit_renewal_years=1)
    assert a.is_multilateral
    assert a.period_end("2025-06-01") == dt.date(2025, 12, 31)
    assert a.in_force_on(dt.date(2025, 6, 1))
    assert not a.in_force_on("2023-06-01")


def test_academic_year():
    y = iro.AcademicYear.parse("2025/2026")
    assert y.start_year == 2025 and str(y) == "2025/2026" and y.to_string() == "2025/2026"
    assert iro.AcademicYear(start_year=2024) < y <= iro.AcademicYear(start_year=2025)
    assert y > iro.AcademicYear(start_year=2000) and y >= y
    with pytest.raises(iro.ValidationError):
        iro.AcademicYear.parse("2025/2027")
    with pytest.raises(iro.ValidationError) as e:
        iro.MobilityQuota(academic_years=["2025-2026"])
    assert e.value.field == "academic_years[0]"


# ---------------------------------------------------------------- free functions

def test_countries():
    ps = iro.country("PS")
    assert (ps.code, ps.region, ps.subregion, ps.arab_world, ps.mena) == ("PS", iro.WorldRegion.ASIA,
                                                                          "Western Asia", True, True)
    assert iro.find_country("ZZ") is None
    assert iro.find_country("DE").name == "Germany"
    with pytest.raises(iro.ValidationError) as e:
        iro.country("ps")
    assert e.value.field == "country"
    everything = iro.countries()
    assert [c.code for c in everything] == sorted(c.code for c in everything)
    europe = iro.countries("europe")
    assert europe and all(c.region is iro.WorldRegion.EUROPE for c in europe)
    assert "JO" in iro.default_regional_countries("PS")
    assert "JO" not in iro.default_regional_countries("PL")


def test_countries_frame_matches_countries():
    frame = iro.countries_frame()
    assert list(frame.columns) == ["code", "name", "region", "subregion", "arab_world", "mena"]
    assert list(frame.region.cat.categories) == ENUMS[iro.WorldRegion]
    assert frame.arab_world.dtype == bool
    assert len(frame) == len(iro.countries())
    row = frame.set_index("code").loc["EG"]
    eg = iro.country("EG")
    assert (row["name"], row.region, row.subregion, row.arab_world, row.mena) == \
        (eg.name, eg.region, eg.subregion, eg.arab_world, eg.mena)


def test_fold_for_search():
    assert iro.fold_for_search("Université") == "universite"
    assert iro.fold_for_search("الجامعة الأمريكية") == "الجامعه الامريكيه"


def test_ror_ids():
    assert iro.normalize_ror_id("05K89EW48") == "https://ror.org/05k89ew48"
    assert iro.is_valid_ror_id("https://ror.org/05k89ew48")
    assert not iro.is_valid_ror_id("https://ror.org/05k89ew49")
    with pytest.raises(iro.ValidationError) as e:
        iro.normalize_ror_id("https://ror.org/05k89ew49")
    assert e.value.field == "ror"


def test_lifecycle_helpers():
    assert iro.next_states("proposed") == [iro.AgreementStatus.IN_NEGOTIATION, iro.AgreementStatus.TERMINATED]
    assert iro.next_states(iro.AgreementStatus.RENEWED) == []
    assert iro.is_legal_transition("in_force", "expired")
    assert not iro.is_legal_transition(iro.AgreementStatus.TERMINATED, "in_force")
    assert iro.is_final("terminated") and not iro.is_final("expired")
    with pytest.raises(iro.ValidationError):
        iro.next_states("signed")


def test_validate():
    iro.validate(iro.Institution(name="X", country="JO"))
    with pytest.raises(iro.ValidationError) as e:
        iro.validate(iro.Institution(name="X", country="XX"))
    assert e.value.field == "country"
    with pytest.raises(iro.ValidationError) as e:
        iro.validate(iro.Agreement(title="t", parties=[iro.Party(institution=1)], areas=["research"],
                                   proposed_on="2024-01-01"))
    assert e.value.field == "parties"
    with pytest.raises(iro.ValidationError) as e:
        iro.validate(iro.MobilityQuota(sending=1, receiving=2, academic_years=["2025/2026"], eqf_levels=[9]))
    assert e.value.field == "quota.eqf_levels"
    with pytest.raises(iro.ArgumentTypeError):
        iro.validate(iro.Name())


def test_version():
    assert iro.__version__.count(".") == 2
