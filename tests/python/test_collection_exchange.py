"""CSV and JSON export and import of every collection through the office."""

import datetime as dt
import io

import pandas
import pytest

import iro

TODAY = dt.date(2026, 3, 15)


@pytest.fixture(scope="module")
def sample():
    with iro.open(":memory:") as office:
        iro.generate_sample_data(office, seed=7, today=TODAY, partners=20, agreements=40)
        yield office


def test_collection_names_and_columns():
    assert iro.collection_names()[:3] == ["institutions", "units", "contacts"]
    assert "visits" in iro.collection_names()
    assert iro.csv_columns("units") == ["id", "institution", "parent", "kind", "name", "code"]
    with pytest.raises(iro.ValidationError, match="invalid collection 'partners'"):
        iro.csv_columns("partners")


def test_pandas_reads_the_institutions_export(sample):
    text = sample.export_csv("institutions")
    frame = pandas.read_csv(io.StringIO(text))
    assert list(frame.columns) == iro.csv_columns("institutions")
    assert len(frame) == 24
    assert frame["id"].tolist() == list(range(1, 25))


def test_every_collection_round_trips_through_csv_files(sample, tmp_path):
    for name in iro.collection_names():
        assert sample.export_csv(name, tmp_path / f"{name}.csv") is None
    with iro.open(":memory:") as copy:
        for name in iro.collection_names():
            result = copy.import_csv(name, path=tmp_path / f"{name}.csv")
            assert result.added == result.read
            assert result.problems == []
        for name in iro.collection_names():
            assert copy.export_csv(name) == sample.export_csv(name)
        assert [(a.id, a.title, a.status) for a in copy.agreements] == [(a.id, a.title, a.status) for a in sample.agreements]


def test_json_round_trip_and_result_objects(sample):
    text = sample.export_json()
    with iro.open(":memory:") as copy:
        results = copy.import_json(text=text)
        assert [r.collection for r in results] == iro.collection_names()
        assert all(r.added == r.read for r in results)
        assert "TableImportResult institutions read=24 added=24" in repr(results[0])
        assert copy.export_json() == text
    assert sample.export_json("units").count('"institution"') == len(list(sample.units))


def test_bad_rows_raise_rows_rejected_error_and_write_nothing(office):
    before = office.logical_dump()
    csv = "institution,name,kind\r\n1,Physics,lab\r\n1,Chemistry,department\r\n99,Geology,faculty\r\n"
    with pytest.raises(iro.RowsRejectedError) as caught:
        office.import_csv("units", text=csv)
    assert isinstance(caught.value, iro.ValidationError)
    problems = caught.value.problems
    assert [(p.row, p.line, p.column, p.value) for p in problems] == [(1, 2, "kind", "lab"), (3, 4, "institution", "99")]
    assert problems[0].collection == "units"
    assert problems[0].message.startswith("invalid kind 'lab': expected one of: faculty")
    assert "2 bad rows" in str(caught.value)
    assert office.logical_dump() == before

    result = office.import_csv("units", text=csv, skip_bad_rows=True)
    assert (result.read, result.added, result.skipped) == (3, 1, 2)
    assert [p.row for p in result.problems] == [1, 3]


def test_formulas_are_neutralised_and_restored(office, jordan):
    office.contacts.add(institution=jordan, name="=cmd|' /C calc'!A0", role="-5 apples", )
    text = office.export_csv("contacts")
    assert ",'=cmd|' /C calc'!A0,'-5 apples," in text
    with iro.open(":memory:") as copy:
        copy.import_csv("institutions", text=office.export_csv("institutions"))
        copy.import_csv("contacts", text=text)
        contact = list(copy.contacts)[0]
        assert (contact.name, contact.role) == ("=cmd|' /C calc'!A0", "-5 apples")


def test_existing_files_are_not_overwritten(office, tmp_path):
    path = tmp_path / "units.csv"
    office.export_csv("units", path)
    with pytest.raises(iro.ConflictError, match="already exists"):
        office.export_csv("units", path)
    office.export_csv("units", path, overwrite=True)
    office.export_json(path=tmp_path / "all.json")
    with pytest.raises(iro.ConflictError):
        office.export_json(path=tmp_path / "all.json")


def test_malformed_input_and_limits(office):
    before = office.logical_dump()
    with pytest.raises(iro.FormatError, match="CSV line 2, column 2: a quoted field is never closed"):
        office.import_csv("units", text='institution,name\n1,"open\n')
    with pytest.raises(iro.FormatError, match="unknown units column 'colour'"):
        office.import_csv("units", text="institution,name,colour\n")
    with pytest.raises(iro.FormatError, match="JSON at byte"):
        office.import_json(text="{")
    with pytest.raises(iro.ValidationError, match="at most 5 bytes"):
        office.import_csv("units", text="institution,name\n", max_bytes=5)
    with pytest.raises(iro.ValidationError, match="either text= or path="):
        office.import_csv("units")
    with pytest.raises(iro.NotFoundError):
        office.import_csv("units", path="/nonexistent/units.csv")
    assert office.logical_dump() == before


def test_accreditation_collections_round_trip_through_csv(sample):
    names = iro.collection_names()
    assert names.index("frameworks") < names.index("accreditation_cases")
    assert iro.csv_columns("accreditation_cases")[:3] == ["id", "framework", "unit"]
    needed = ["institutions", "units", "frameworks", "accreditation_cases"]
    with iro.open(":memory:") as copy:
        for name in needed:
            result = copy.import_csv(name, text=sample.export_csv(name))
            assert result.read > 0
            assert result.added == result.read
        for name in needed:
            assert copy.export_csv(name) == sample.export_csv(name)
