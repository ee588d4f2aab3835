"""CSV and JSON exchange of the collections keyed by their content: centre expertise and links,
custom ranking methodologies, published ranking results and the home institution's figures."""

import json

import pytest

import iro

KEYED = ["centre_expertise", "centre_links", "ranking_methodologies", "ranking_results", "home_figures"]
NEEDED = ["institutions", "units", *KEYED]


@pytest.fixture
def keyed(office, jordan):
    """The office with a centre on each side, their expertise and link, results, figures and a methodology."""
    home = office.home
    energy = office.units.add(institution=home, kind=iro.UnitKind.SCIENTIFIC_CENTRE, name="Renewable Energy Centre")
    water = office.units.add(institution=jordan, kind=iro.UnitKind.SCIENTIFIC_CENTRE, name="Water Research Centre")
    office.units.add(institution=home, kind=iro.UnitKind.FACULTY, name="College of Engineering")
    office.centres.set_expertise(energy, isced_codes=["0713"], keywords=["=solar, \"PV\""])
    office.centres.set_expertise(water, isced_codes=["0712", "0521"], keywords=[])
    office.centres.link(energy, water, "Joint lab,\nshared staff")
    office.rankings.save_results("QS-WUR", 2025, [
        iro.PublishedResult(institution="+Top University", institution_id=jordan, rank="=1", overall=98.5,
                            scores={"citations": 87.25, "academic_reputation": 100.0}),
        iro.PublishedResult(institution="Unlinked College", rank="801-850"),
    ])
    office.rankings.set_home_figures(2024, {"international_faculty": 42, "faculty_total": 610.5})
    methodology = iro.Methodology(system="PPU-LOCAL", year=2025, name="Local",
                                  indicators=[iro.RankingIndicator(code="research", name="Research", weight=1.0)])
    office.rankings.save_methodology(methodology)
    return office, energy, water


def state(office, energy, water):
    """Every keyed record of the office, field by field."""
    return (
        office.centres.expertise(energy.id),
        office.centres.expertise(water.id),
        office.centres.links(energy.id),
        office.rankings.results("QS-WUR", 2025).to_json(orient="records"),
        office.rankings.home_figures(2024),
        office.rankings.load_methodology("PPU-LOCAL", 2025),
    )


def test_keyed_collections_are_named_after_what_they_refer_to():
    names = iro.collection_names()
    assert names[-5:] == KEYED
    assert names.index("units") < names.index("centre_expertise")
    assert iro.csv_columns("centre_links") == ["home_centre", "partner_centre", "note"]
    assert iro.csv_columns("ranking_results") == ["system", "year", "institution", "institution_id", "rank", "overall",
                                                  "scores"]
    assert iro.csv_columns("home_figures") == ["year", "key", "value"]


def test_keyed_collections_round_trip_through_csv(keyed):
    office, energy, water = keyed
    text = office.export_csv("ranking_results")
    assert text.splitlines()[1] == ("QS-WUR,2025,'+Top University,2,'=1,98.5,"
                                    '"{""academic_reputation"":100.0,""citations"":87.25}"')
    assert office.export_csv("home_figures") == "year,key,value\r\n2024,faculty_total,610.5\r\n2024,international_faculty,42\r\n"
    with iro.open(":memory:") as copy:
        for name in NEEDED:
            result = copy.import_csv(name, text=office.export_csv(name))
            assert result.read > 0
            assert result.added == result.read, name
        assert state(copy, energy, water) == state(office, energy, water)
        for name in NEEDED:
            assert copy.export_csv(name) == office.export_csv(name)


def test_keyed_collections_round_trip_through_json_and_again_changes_nothing(keyed):
    office, energy, water = keyed
    text = office.export_json(NEEDED)
    assert json.loads(text)["ranking_results"][0]["scores"] == {"academic_reputation": 100.0, "citations": 87.25}
    with iro.open(":memory:") as copy:
        results = copy.import_json(text=text)
        assert [r.collection for r in results] == NEEDED
        assert all(r.added == r.read for r in results)
        assert state(copy, energy, water) == state(office, energy, water)
        assert copy.export_json(NEEDED) == text
        before = copy.logical_dump()
        again = copy.import_json(text=text)
        assert all(r.unchanged == r.read for r in again)
        assert copy.logical_dump() == before


@pytest.mark.parametrize("name, csv, rows", [
    ("centre_expertise", "centre,isced_codes\r\n1,\"[\"\"0713\"\"]\"\r\nfirst,[]\r\n99,[]\r\n3,[]\r\n1,\"[\"\"12345\"\"]\"\r\n",
     [(2, "centre", "first"), (3, "centre", "99"), (4, "centre", "3"), (5, "isced_codes", "12345")]),
    ("centre_links", "home_centre,partner_centre\r\n1,2\r\n,2\r\n1,99\r\n2,1\r\n",
     [(2, "home_centre", ""), (3, "partner_centre", "99"), (4, "home_centre", "2")]),
    ("ranking_results", "system,year,institution,institution_id,rank\r\nQS-WUR,2025,A,,1\r\nqs,2025,B,,2\r\n"
                        "QS-WUR,2025,C,99,3\r\nQS-WUR,2025,D,,first\r\n",
     [(2, "system", "qs"), (3, "institution_id", "99"), (4, "rank", "first")]),
    ("home_figures", "year,key,value\r\n2025,staff,4\r\n2025,Staff Total,5\r\n0,staff,5\r\n2025,students,-1\r\n",
     [(2, "key", "Staff Total"), (3, "year", "0"), (4, "value", "-1")]),
])
def test_bad_keyed_rows_are_listed_and_skip_bad_rows_writes_the_good_one(office, jordan, name, csv, rows):
    home = office.home
    office.units.add(institution=home, kind=iro.UnitKind.SCIENTIFIC_CENTRE, name="Energy")
    office.units.add(institution=jordan, kind=iro.UnitKind.SCIENTIFIC_CENTRE, name="Water")
    office.units.add(institution=home, kind=iro.UnitKind.FACULTY, name="Engineering")
    before = office.logical_dump()
    with pytest.raises(iro.RowsRejectedError) as caught:
        office.import_csv(name, text=csv)
    problems = caught.value.problems
    assert [(p.row, p.column, p.value) for p in problems] == rows
    assert all(p.collection == name and p.line == p.row + 1 for p in problems)
    assert office.logical_dump() == before

    result = office.import_csv(name, text=csv, skip_bad_rows=True)
    assert (result.added, result.skipped) == (1, len(rows))
    assert [p.row for p in result.problems] == [r[0] for r in rows]
    again = office.import_csv(name, text=csv, skip_bad_rows=True)
    assert (again.added, again.unchanged) == (0, 1)
