"""Institutions, organisational units and contacts."""

import sqlite3

import pytest

import iro
from helpers import partner


def test_add_with_keywords_returns_the_stored_institution(empty_office):
    home = empty_office.institutions.add(name="Palestine Polytechnic University", country="PS", city="Hebron",
                                         is_home=True)
    assert home.id > 0 and home.is_home
    assert home == empty_office.institutions.get(home.id)
    assert empty_office.home == home


def test_add_a_value_object(office):
    inst = iro.Institution(names=[iro.Name(value="Birzeit University", lang="en", kind="display"),
                                  iro.Name(value="جامعة بيرزيت", lang="ar")],
                           country="PS", city="Birzeit", ror="https://ror.org/0256kw398")
    stored = office.institutions.add(inst)
    assert stored.id > 0
    assert stored.names == inst.names
    assert inst.id == 0  # the argument is not changed


def test_ror_is_normalised_on_add(office):
    stored = office.institutions.add(name="X", country="EG", ror="0256KW398")
    assert stored.identifiers.ror == "https://ror.org/0256kw398"
    assert office.institutions.find_by_ror("https://ror.org/0256kw398") == stored
    assert office.institutions.find_by_ror("0256kw398") == stored
    assert office.institutions.find_by_ror("https://ror.org/05k89ew48").display_name == "University of Jordan"
    assert office.institutions.find_by_ror("https://ror.org/039bjqg32") is None


def test_add_many_is_all_or_nothing(office):
    before = office.logical_dump()
    with pytest.raises(iro.ValidationError) as e:
        office.institutions.add_many([iro.Institution(name="A", country="EG"), iro.Institution(name="B", country="QQ")])
    assert e.value.field == "institutions[1].country"
    assert office.logical_dump() == before
    ids = office.institutions.add_many([iro.Institution(name="A", country="EG"), iro.Institution(name="B", country="TN")])
    assert [office.institutions.get(i).display_name for i in ids] == ["A", "B"]


def test_update_replaces_fields_and_returns_the_stored_state(office, jordan):
    jordan.city = "Amman, Jordan"
    jordan.names = jordan.names + [iro.Name(value="الجامعة الأردنية", lang="ar", kind="label")]
    stored = office.institutions.update(jordan)
    assert stored == jordan
    assert office.institutions.get(jordan.id).city == "Amman, Jordan"


def test_merge_into_keeps_both_and_links_the_successor(office, jordan, warsaw):
    merged = office.institutions.merge_into(jordan, warsaw.id)
    assert merged.status is iro.InstitutionStatus.MERGED
    assert merged.successor == warsaw.id
    assert office.institutions.get(warsaw).status is iro.InstitutionStatus.ACTIVE
    with pytest.raises(iro.ConflictError):
        office.institutions.merge_into(office.home, warsaw)


def test_home_and_has_home(office):
    with iro.open(":memory:") as empty:
        assert not empty.institutions.has_home()
        with pytest.raises(iro.NotFoundError) as e:
            empty.institutions.home()
        assert "home institution" in str(e.value)
    assert office.institutions.has_home()
    assert office.institutions.home() == office.home


def test_find_and_count_with_every_filter(office):
    names = lambda rows: sorted(i.display_name for i in rows)  # noqa: E731
    inst = office.institutions
    assert names(inst.find()) == ["DAAD", "MIT", "University of Jordan", "University of Warsaw"]
    assert len(inst.find(include_home=True)) == 5
    assert names(inst.find(type="funder")) == ["DAAD"]
    assert names(inst.find(status=iro.InstitutionStatus.INACTIVE)) == ["MIT"]
    assert names(inst.find(country="PL")) == ["University of Warsaw"]
    assert names(inst.find(region="europe")) == ["DAAD", "University of Warsaw"]
    assert names(inst.find(scope="regional")) == ["University of Jordan"]
    assert names(inst.find(scope=iro.Scope.LOCAL, include_home=True)) == ["Palestine Polytechnic University"]
    assert names(inst.find(scope="international", region="americas")) == ["MIT"]
    assert names(inst.find(type=None, country=None)) == names(inst.find())
    assert inst.count() == 4 and inst.count(include_home=True) == 5 and inst.count(region="europe") == 2


def test_summaries_are_a_light_frame_of_ids_names_countries_and_home(office, jordan, warsaw):
    inst = office.institutions
    every = inst.summaries(include_home=True)
    assert list(every.columns) == ["id", "display_name", "country", "is_home"]
    assert str(every["is_home"].dtype) == "bool"
    whole = sorted(inst.find(include_home=True), key=lambda i: i.id)
    assert every["id"].tolist() == [i.id for i in whole]
    assert every["display_name"].tolist() == [i.display_name for i in whole]
    assert every["country"].tolist() == [i.country for i in whole]
    assert every["is_home"].tolist() == [i.is_home for i in whole]
    # The filters of find(), the home institution left out by default.
    assert inst.summaries()["id"].tolist() == sorted(i.id for i in inst.find())
    assert not inst.summaries()["is_home"].any()
    assert inst.summaries(region="europe")["id"].tolist() == sorted(i.id for i in inst.find(region="europe"))
    assert len(inst.summaries(region="europe")) == 2
    # By ids or objects, repeats allowed, in id order.
    picked = inst.summaries([warsaw, jordan.id, warsaw.id])
    assert picked["id"].tolist() == sorted([jordan.id, warsaw.id])
    assert picked["display_name"].tolist() == [i.display_name for i in sorted([jordan, warsaw], key=lambda i: i.id)]
    assert inst.summaries([]).empty


def test_summaries_refuse_unknown_ids_and_mixed_arguments(office, jordan):
    with pytest.raises(iro.NotFoundError, match="no institution with id 999"):
        office.institutions.summaries([jordan.id, 999])
    with pytest.raises(iro.ValidationError, match="either ids or filters, not both"):
        office.institutions.summaries([jordan.id], country="JO")
    with pytest.raises(iro.ValidationError, match="ids"):
        office.institutions.summaries("not a list")


def test_len_and_iteration_include_the_home_institution(office):
    assert len(office.institutions) == 5
    assert sorted(i.id for i in office.institutions) == [1, 2, 3, 4, 5]


def test_search_folds_case_accents_and_arabic(office):
    office.institutions.add(names=[iro.Name(value="Université de Tunis", lang="fr", kind="display"),
                                   iro.Name(value="جامعة تونس", lang="ar")], country="TN")
    assert [i.display_name for i in office.institutions.search("universite tun")] == ["Université de Tunis"]
    assert [i.display_name for i in office.institutions.search("جامعه")] == ["Université de Tunis"]
    assert office.institutions.search("   ") == []
    assert len(office.institutions.search("university", limit=1)) == 1


def test_scope_of_objects_and_ids(office, jordan, warsaw):
    assert office.institutions.scope_of(jordan) is iro.Scope.REGIONAL
    assert office.institutions.scope_of(warsaw.id) is iro.Scope.INTERNATIONAL
    assert office.institutions.scope_of(office.home) is iro.Scope.LOCAL
    # An unsaved institution is judged by its country.
    assert office.institutions.scope_of(iro.Institution(country="PS")) is iro.Scope.LOCAL


def test_regional_countries_can_be_narrowed(office, jordan):
    assert "JO" in office.regional_countries
    office.regional_countries = ["EG", "PS"]
    assert office.regional_countries == ["EG", "PS"]
    assert office.institutions.scope_of(jordan) is iro.Scope.INTERNATIONAL
    with pytest.raises(iro.ValidationError) as e:
        office.regional_countries = ["EG", "XX"]
    assert e.value.field == "country"
    assert office.regional_countries == ["EG", "PS"]


def test_units_tree(office):
    home = office.home
    eng = office.units.add(institution=home, name="College of Engineering", kind="faculty", code="ENG")
    cs = office.units.add(iro.OrgUnit(institution=home.id, parent=eng.id, name="Computer Science"))
    ee = office.units.add(institution=home.id, parent=eng, name="Electrical Engineering")
    centre = office.units.add(institution=home, name="Biotechnology Research Centre", kind="scientific_centre")
    assert cs.kind is iro.UnitKind.DEPARTMENT
    assert office.units.get(cs.id) == cs
    assert [u.id for u in office.units.of(home)] == [eng.id, centre.id, cs.id, ee.id]
    assert [u.name for u in office.units.children(eng)] == ["Computer Science", "Electrical Engineering"]
    assert len(office.units) == 4 and {u.id for u in office.units} == {eng.id, cs.id, ee.id, centre.id}
    cs.name = "Computer Science and IT"
    assert office.units.update(cs).name == "Computer Science and IT"
    eng.parent = cs.id
    with pytest.raises(iro.ConflictError) as e:
        office.units.update(eng)
    assert "inside it" in str(e.value)


def test_contacts(office, jordan):
    c = office.contacts.add(institution=jordan, name="Dr. Rana", role="International Relations Officer",
                            email="rana@ju.edu.jo", phone="+962 6 535 5000")
    assert office.contacts.get(c.id) == c
    assert office.contacts.of(jordan.id) == [c]
    assert len(office.contacts) == 1 and list(office.contacts) == [c]
    c.role = "Director"
    assert office.contacts.update(c).role == "Director"
    office.contacts.remove(c)
    assert len(office.contacts) == 0
    with pytest.raises(iro.NotFoundError):
        office.contacts.get(c.id)
    assert office.audit.for_entity("contact", c.id)[-1].action == "remove"


def test_contact_unit_must_belong_to_the_institution(office, jordan):
    unit = office.units.add(institution=office.home, name="IRO", kind="office")
    before = office.logical_dump()
    with pytest.raises(iro.ValidationError) as e:
        office.contacts.add(institution=jordan, unit=unit, name="X")
    assert e.value.field == "unit"
    assert office.logical_dump() == before


def test_collection_reprs(office):
    assert repr(office.institutions) == "<iro.Institutions of ':memory:'>"
    assert repr(office.units) == "<iro.OrgUnits of ':memory:'>"
    assert repr(office.contacts) == "<iro.Contacts of ':memory:'>"
    assert repr(office.agreements) == "<iro.Agreements of ':memory:'>"
    assert repr(office.audit) == "<iro.AuditLog of ':memory:'>"
    assert office.institutions is office.institutions


def test_partner_helper_finds_by_name(office):
    assert partner(office, "DAAD").type is iro.InstitutionType.FUNDER


def _file_view(path):
    """Index definitions, the schema counter and SQLite's index check, seen from another connection."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as raw:
        indexes = raw.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").fetchall()
        version = raw.execute("PRAGMA schema_version").fetchone()[0]
        integrity = raw.execute("PRAGMA integrity_check").fetchone()[0]
    return indexes, version, integrity


def test_a_large_add_many_builds_its_indexes_after_its_rows(tmp_path):
    path = tmp_path / "office.db"
    rows = [iro.Institution(name=f"Partner {k}", country="JO" if k % 2 else "EG") for k in range(10_500)]
    with iro.open(str(path)) as office:
        indexes, version, _ = _file_view(path)
        ids = office.institutions.add_many(rows)
        assert len(ids) == 10_500
        after_indexes, after_version, integrity = _file_view(path)
        assert after_indexes == indexes
        assert after_version > version  # dropped and built again
        assert integrity == "ok"
        assert len(office.institutions.find(country="EG")) == 5_250


def test_a_large_add_many_that_fails_part_way_keeps_rows_and_indexes(tmp_path):
    path = tmp_path / "office.db"
    rows = [iro.Institution(name=f"Partner {k}", country="JO") for k in range(10_500)]
    rows[10_400] = iro.Institution(name="Nowhere", country="QQ")
    with iro.open(str(path)) as office:
        before = _file_view(path)
        dump = office.logical_dump()
        with pytest.raises(iro.ValidationError) as e:
            office.institutions.add_many(rows)
        assert e.value.field == "institutions[10400].country"
        assert office.logical_dump() == dump
        assert _file_view(path) == before
