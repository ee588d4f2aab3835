"""The ROR import (with progress callbacks and a tqdm bar) and EWP IIA v7 from Python."""

import copy
import datetime as dt
import json
import pathlib
import pickle

import pytest

import iro

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
ROR_SAMPLE = DATA / "ror-v2-sample-400.json"
EWP_EXAMPLE = DATA / "ewp" / "iia-get-response-v7.xml"
DECLARED_HASH = "87b33170d7a6c6d894215641f39e7b7de36501265479e5ab3922f32d5b225033"


def ror_records():
    return json.loads(ROR_SAMPLE.read_text(encoding="utf-8"))


def ror_text(records):
    return json.dumps(records, ensure_ascii=False)


def institution_with_ror(office, ror):
    for inst in office.institutions.find(include_home=True):
        if inst.identifiers.ror == ror:
            return inst
    raise LookupError(ror)


# ---------------------------------------------------------------- ROR


def test_ror_sample_imports_with_counts(empty_office):
    result = empty_office.import_ror(ROR_SAMPLE)
    assert isinstance(result, iro.RorImportResult)
    assert (result.read, result.added, result.updated, result.unchanged) == (400, 400, 0, 0)
    assert (result.withdrawn, result.merged, result.skipped) == (1, 0, 0)
    assert result.problems == []
    assert len(empty_office.institutions) == 400
    assert repr(result) == (
        "<RorImportResult read=400 added=400 updated=0 unchanged=0 withdrawn=1 merged=0 skipped=0>"
    )
    assert pickle.loads(pickle.dumps(result)) == result
    assert result._asdict()["added"] == 400


def test_ror_reimport_changes_nothing(empty_office):
    empty_office.import_ror(str(ROR_SAMPLE))
    before = [inst._asdict() for inst in empty_office.institutions]
    again = empty_office.import_ror(text=ROR_SAMPLE.read_bytes())
    assert (again.read, again.unchanged, again.added, again.updated) == (400, 400, 0, 0)
    assert [inst._asdict() for inst in empty_office.institutions] == before
    assert empty_office.import_ror(text=ROR_SAMPLE.read_text(encoding="utf-8")).unchanged == 400


def test_ror_details_are_readable(empty_office):
    records = ror_records()
    empty_office.import_ror(text=ror_text(records[:3]))
    first = records[0]
    inst = institution_with_ror(empty_office, first["id"])
    details = empty_office.ror_details(inst)
    assert details == empty_office.ror_details(inst.id)
    assert details["id"] == first["id"]
    assert details["status"] == first["status"]
    assert details["types"] == first["types"]
    assert [(n["value"], n["lang"], n["types"]) for n in details["names"]] == [
        (n["value"], n["lang"] or "", n["types"]) for n in first["names"]
    ]
    assert details["locations"][0]["country_code"] == first["locations"][0]["geonames_details"]["country_code"]
    assert details["locations"][0]["name"] == first["locations"][0]["geonames_details"]["name"]
    assert details["domains"] == first["domains"]
    assert details["established"] == first["established"]
    assert details["created"] == dt.date.fromisoformat(first["admin"]["created"]["date"])
    assert details["schema_version"] == "2.1"

    other = empty_office.institutions.add(name="Not from ROR", country="JO")
    with pytest.raises(iro.NotFoundError):
        empty_office.ror_details(other)


def damaged_sample():
    records = ror_records()
    records[9]["locations"][0]["geonames_details"]["country_code"] = "ZZ"
    return records


def test_ror_invalid_record_is_refused_naming_it(empty_office):
    records = damaged_sample()
    before = empty_office.logical_dump()
    with pytest.raises(iro.RorRecordError) as caught:
        empty_office.import_ror(text=ror_text(records))
    error = caught.value
    assert isinstance(error, iro.ValidationError)
    assert error.index == 9
    assert error.ror == records[9]["id"]
    assert error.field == "locations[0].geonames_details.country_code"
    assert error.value == "ZZ"
    assert "ROR record 9" in str(error)
    assert empty_office.logical_dump() == before


def test_ror_skip_invalid_lists_problems(empty_office):
    records = damaged_sample()
    result = empty_office.import_ror(text=ror_text(records), skip_invalid=True)
    assert (result.read, result.added, result.skipped) == (400, 399, 1)
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert isinstance(problem, iro.RorImportProblem)
    assert problem.index == 9
    assert problem.ror == records[9]["id"]
    assert problem.field == "locations[0].geonames_details.country_code"
    assert "'ZZ'" in problem.message
    assert repr(problem).startswith("<RorImportProblem #9 https://ror.org/")


def test_ror_malformed_json_is_a_format_error_and_writes_nothing(empty_office):
    records = ror_records()
    empty_office.import_ror(text=ror_text(records[:2]))
    before = empty_office.logical_dump()
    text = ror_text(records[2:20])
    with pytest.raises(iro.FormatError, match="byte"):
        empty_office.import_ror(text=text[: len(text) // 2])
    with pytest.raises(iro.FormatError, match="must be a JSON array"):
        empty_office.import_ror(text=json.dumps(records[3]))
    assert empty_office.logical_dump() == before


def test_ror_argument_errors(empty_office, tmp_path):
    with pytest.raises(iro.ValidationError, match="either path or text"):
        empty_office.import_ror()
    with pytest.raises(iro.ValidationError, match="either path or text"):
        empty_office.import_ror(ROR_SAMPLE, text="[]")
    with pytest.raises(iro.ArgumentTypeError):
        empty_office.import_ror(text=42)
    with pytest.raises(iro.ArgumentTypeError):
        empty_office.import_ror(text="[]", progress=42)
    with pytest.raises(iro.ValidationError, match="progress_every"):
        empty_office.import_ror(text="[]", progress_every=0)
    with pytest.raises(iro.NotFoundError):
        empty_office.import_ror(tmp_path / "missing.json")
    assert empty_office.import_ror(text="[]").read == 0


def test_ror_progress_callback_sees_increasing_counts(empty_office):
    calls = []

    def progress(records, bytes_read, bytes_total):
        calls.append((records, bytes_read, bytes_total))

    size = ROR_SAMPLE.stat().st_size
    result = empty_office.import_ror(ROR_SAMPLE, progress=progress, progress_every=100)
    assert result.added == 400
    assert [c[0] for c in calls] == [100, 200, 300, 400, 400]
    read = [c[1] for c in calls]
    assert read == sorted(read) and read[0] > 0
    assert all(c[2] == size for c in calls)
    assert calls[-1] == (400, size, size)


def test_ror_progress_can_cancel_and_nothing_is_written(empty_office):
    before = empty_office.logical_dump()
    calls = []

    def stop_at_200(records, bytes_read, bytes_total):
        calls.append(records)
        return records < 200

    with pytest.raises(iro.ImportCancelledError, match="after 200 records"):
        empty_office.import_ror(ROR_SAMPLE, progress=stop_at_200, progress_every=100)
    assert calls == [100, 200]
    assert empty_office.logical_dump() == before
    assert len(empty_office.institutions) == 0


def test_ror_progress_exception_propagates_and_nothing_is_written(empty_office):
    before = empty_office.logical_dump()

    class Interrupted(Exception):
        pass

    def fail(records, bytes_read, bytes_total):
        raise Interrupted(f"stopped at {records}")

    with pytest.raises(Interrupted, match="stopped at 100"):
        empty_office.import_ror(ROR_SAMPLE, progress=fail, progress_every=100)
    assert empty_office.logical_dump() == before
    # The office is usable afterwards.
    assert empty_office.import_ror(ROR_SAMPLE).added == 400


class FakeBar:
    made = []

    def __init__(self, total=None, **options):
        self.total = total
        self.options = options
        self.n = 0
        self.postfix = {}
        self.closed = False
        FakeBar.made.append(self)

    def update(self, n):
        self.n += n

    def set_postfix(self, refresh=True, **values):
        self.postfix = values

    def close(self):
        self.closed = True


def test_ror_progress_true_draws_a_tqdm_bar(empty_office, monkeypatch):
    import tqdm.auto

    monkeypatch.setattr(tqdm.auto, "tqdm", FakeBar)
    FakeBar.made.clear()
    size = ROR_SAMPLE.stat().st_size
    empty_office.import_ror(ROR_SAMPLE, progress=True, progress_every=50)
    assert len(FakeBar.made) == 1
    bar = FakeBar.made[0]
    assert (bar.total, bar.n, bar.closed) == (size, size, True)
    assert bar.options["unit"] == "B" and bar.options["desc"] == "ROR import"
    assert bar.postfix == {"records": 400}


def test_ror_tqdm_bar_is_closed_when_the_import_fails(empty_office, monkeypatch):
    import tqdm.auto

    monkeypatch.setattr(tqdm.auto, "tqdm", FakeBar)
    FakeBar.made.clear()
    with pytest.raises(iro.RorRecordError):
        empty_office.import_ror(text=ror_text(damaged_sample()), progress="tqdm", progress_every=5)
    assert len(FakeBar.made) == 1 and FakeBar.made[0].closed


def test_ror_tqdm_bar_writes_to_stderr(empty_office, capsys):
    empty_office.import_ror(ROR_SAMPLE, progress="tqdm")
    err = capsys.readouterr().err
    assert "ROR import" in err
    assert "records=400" in err


def test_tqdm_progress_is_a_plain_callable(monkeypatch):
    import tqdm.auto

    from iro.progress import TqdmProgress

    monkeypatch.setattr(tqdm.auto, "tqdm", FakeBar)
    FakeBar.made.clear()
    with TqdmProgress(desc="load", leave=False) as progress:
        assert progress(10, 100, 1000) is True
        assert progress(20, 600, 1000) is True
    bar = FakeBar.made[0]
    assert (bar.total, bar.n, bar.closed, progress.records) == (1000, 600, True, 20)
    assert bar.options["leave"] is False and bar.options["desc"] == "load"


# ---------------------------------------------------------------- EWP


@pytest.fixture
def example():
    return EWP_EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def warsaw_office(empty_office):
    """An office whose home institution is the example's first partner."""
    empty_office.institutions.add(name="University of Warsaw", country="PL", is_home=True, schac="uw.edu.pl")
    return empty_office


def changed(text, *edits):
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def test_ewp_hash_matches_the_declared_hash(example):
    hashed = iro.ewp.hash_iias(example)
    assert len(hashed) == 1
    assert isinstance(hashed[0], iro.ewp.HashedIia)
    assert hashed[0].iia_id == "0f7a5682-faf7-49a7-9cc7-ec486c49a281"
    assert hashed[0].iia_hash == DECLARED_HASH
    assert hashed[0].valid_for_approval is False  # the example carries not-yet-defined markers
    assert iro.ewp.iia_hash(example) == DECLARED_HASH
    assert iro.ewp.iia_hash(example.encode("utf-8")) == DECLARED_HASH
    assert iro.ewp.iia_hash(path=EWP_EXAMPLE) == DECLARED_HASH
    assert iro.ewp.iia_hash(example, "1954991") == DECLARED_HASH
    assert iro.ewp.iia_text_to_hash(example).startswith(
        "_iia-id_1=0f7a5682-faf7-49a7-9cc7-ec486c49a281__iia-id_2=1954991_"
    )
    with pytest.raises(iro.NotFoundError):
        iro.ewp.iia_hash(example, "no-such-iia")


def test_ewp_read_gives_value_objects(example):
    iias = iro.ewp.read_iias(example)
    assert len(iias) == 1
    iia = iias[0]
    assert isinstance(iia, iro.ewp.Iia)
    assert [p.hei_id for p in iia.partners] == ["uw.edu.pl", "hibo.no"]
    assert iia.partners[1].iia_id == "1954991"
    assert iia.iia_hash == DECLARED_HASH
    assert [s.type for s in iia.specs] == [iro.MobilityType.STUDENT_STUDIES, iro.MobilityType.STAFF_TEACHING]
    assert iia.specs[0].first_year == iro.AcademicYear.parse("2014/2015")
    assert repr(iia) == "<Iia uw.edu.pl,hibo.no 2 conditions in effect>"
    assert repr(iia.partners[0]).startswith("<Partner uw.edu.pl iia_id='0f7a5682")
    assert type(iia).__module__ == "iro.ewp"
    assert pickle.loads(pickle.dumps(iia)) == iia
    assert copy.deepcopy(iia) == iia
    other = copy.copy(iia)
    other.in_effect = not iia.in_effect
    assert other != iia
    assert iro.ewp.read_iias(path=EWP_EXAMPLE) == iias


def test_ewp_write_round_trips_with_the_same_hash(example):
    iias = iro.ewp.read_iias(example)
    written = iro.ewp.write_iias(iias)
    assert isinstance(written, str)
    assert iro.ewp.iia_hash(written) == DECLARED_HASH
    assert iro.ewp.read_iias(written) == iias
    with pytest.raises(iro.ArgumentTypeError):
        iro.ewp.write_iias([42])


def test_ewp_diff_of_two_values(example):
    ours = iro.ewp.read_iias(example)[0]
    theirs = copy.deepcopy(ours)
    assert iro.ewp.diff(ours, theirs) == []
    theirs.specs = [theirs.specs[0]]
    differences = iro.ewp.diff(ours, theirs)
    assert [d.path for d in differences] == ["cooperation-conditions/staff-teacher-mobility-spec[1]"]
    assert differences[0].theirs == ""


def test_ewp_import_export_round_trip(warsaw_office, example):
    office = warsaw_office
    report = office.import_iias(example, new_partner_countries={"hibo.no": "NO"}, received_on="2024-05-01")
    assert isinstance(report, iro.ewp.ImportReport)
    assert len(report.agreements) == 1 and len(report.new_institutions) == 1
    hibo = office.institutions.get(report.new_institutions[0])
    assert (hibo.country, hibo.identifiers.schac) == ("NO", "hibo.no")
    agreement = office.agreements.get(report.agreements[0])
    assert agreement.kind == iro.AgreementKind.ERASMUS_IIA
    assert len(agreement.quotas) == 2

    exported = office.export_iia(agreement)
    assert iro.ewp.iia_hash(exported) == DECLARED_HASH
    assert iro.ewp.read_iias(exported) == iro.ewp.read_iias(example)
    ours = office.to_iia(agreement.id)
    assert ours.partners[0].hei_id == "uw.edu.pl"
    assert ours.iia_hash == ""
    assert office.diff_iia(agreement, example) == []

    # Importing the same IIA again is a conflict, and writes nothing.
    before = office.logical_dump()
    with pytest.raises(iro.ConflictError):
        office.import_iias(example.encode("utf-8"), new_partner_countries={"hibo.no": "NO"})
    assert office.logical_dump() == before


def test_ewp_import_from_a_path_and_by_iia_id(warsaw_office):
    report = warsaw_office.import_iias(path=EWP_EXAMPLE, new_partner_countries={"hibo.no": "NO"}, iia_id="1954991")
    assert len(report.agreements) == 1


def test_ewp_diff_of_a_changed_copy(warsaw_office, example):
    office = warsaw_office
    agreement = office.import_iias(example, new_partner_countries={"hibo.no": "NO"}).agreements[0]
    theirs = changed(
        example,
        ("2014/E+/PL/4104B", "2014/E+/PL/4104C"),
        ("2020/2021", "2021/2022"),
        ("<mobilities-per-year>2</mobilities-per-year>", "<mobilities-per-year>4</mobilities-per-year>"),
    )
    expected = [
        iro.ewp.Difference(path="partner[hibo.no]/iia-code", ours="2014/E+/PL/4104B", theirs="2014/E+/PL/4104C"),
        iro.ewp.Difference(
            path="cooperation-conditions/student-studies-mobility-spec[1]/receiving-last-academic-year-id",
            ours="2020/2021",
            theirs="2021/2022",
        ),
        iro.ewp.Difference(
            path="cooperation-conditions/staff-teacher-mobility-spec[1]/mobilities-per-year", ours="2", theirs="4"
        ),
    ]
    assert office.diff_iia(agreement, theirs) == expected
    assert office.diff_iia(agreement, theirs.encode("utf-8"), "1954991") == expected
    assert repr(expected[2]) == (
        "<Difference cooperation-conditions/staff-teacher-mobility-spec[1]/mobilities-per-year: '2' != '4'>"
    )


def test_ewp_unknown_partner_and_damaged_xml_change_nothing(warsaw_office, example):
    office = warsaw_office
    before = office.logical_dump()
    with pytest.raises(iro.NotFoundError, match="hibo.no"):
        office.import_iias(example)
    with pytest.raises(iro.FormatError):
        office.import_iias(example[: len(example) // 2], new_partner_countries={"hibo.no": "NO"})
    with pytest.raises(iro.FormatError, match="missing <mobilities-per-year>"):
        office.import_iias(
            changed(example, ("<mobilities-per-year>2</mobilities-per-year>", "")),
            new_partner_countries={"hibo.no": "NO"},
        )
    with pytest.raises(iro.ValidationError) as caught:
        office.import_iias(changed(example, ("2016/2017", "2016/17")), new_partner_countries={"hibo.no": "NO"})
    assert caught.value.field.endswith("staff-teacher-mobility-spec[1]/receiving-first-academic-year-id")
    assert office.logical_dump() == before
    with pytest.raises(iro.FormatError):
        iro.ewp.hash_iias("<iias-get-response")


def test_ewp_argument_errors(warsaw_office, example, tmp_path):
    with pytest.raises(iro.ValidationError, match="either xml"):
        iro.ewp.iia_hash()
    with pytest.raises(iro.ValidationError, match="either xml"):
        iro.ewp.iia_hash(example, path=EWP_EXAMPLE)
    with pytest.raises(iro.ArgumentTypeError):
        iro.ewp.hash_iias(42)
    with pytest.raises(iro.NotFoundError):
        iro.ewp.read_iias(path=tmp_path / "missing.xml")
    with pytest.raises(iro.ArgumentTypeError):
        warsaw_office.import_iias(example, new_partner_countries=["hibo.no"])
    with pytest.raises(iro.NotFoundError):
        warsaw_office.export_iia(999)
