"""Office snapshots (save_snapshot, load_snapshot, read_snapshot_info) and values pickled through archives."""

import datetime as dt
import pickle

import pytest

import iro
from helpers import TODAY, in_force_agreement


def without_load_entry(dump):
    """A dump without the audit entry a snapshot load adds (and its count in the table header), and
    without the store's uid (each store keeps its own)."""
    lines = [line for line in dump.splitlines() if "store_uid |" not in line]
    removed = sum("snapshot.load" in line for line in lines)
    out = []
    for line in lines:
        if "snapshot.load" in line:
            continue
        if line.startswith("table audit_log (") and removed:
            count = int(line.split("(")[1].split()[0])
            line = f"table audit_log ({count - removed} rows)"
        out.append(line)
    return "\n".join(out)


@pytest.fixture(scope="module")
def sample():
    with iro.open(":memory:") as office:
        iro.generate_sample_data(office, seed=3, today=TODAY, partners=10, agreements=30)
        yield office


@pytest.mark.parametrize("fmt", ["xml", "text", "binary"])
def test_sample_office_round_trips_through_a_file(sample, tmp_path, fmt):
    path = tmp_path / f"office.{fmt}"
    info = sample.save_snapshot(path, format=fmt)
    assert info["format"] == fmt
    assert info["kind"] == "office"
    assert info["schema_version"] == iro.Office.latest_schema_version
    assert info["tables"]["agreement"] == len(sample.agreements)
    assert info["bytes"] == path.stat().st_size
    assert iro.read_snapshot_info(path) == info

    with iro.open(str(tmp_path / "copy.db")) as copy:
        loaded = copy.load_snapshot(str(path))
        assert loaded["checksum"] == info["checksum"]
        assert without_load_entry(copy.logical_dump()) == without_load_entry(sample.logical_dump())
        assert list(copy.agreements) == list(sample.agreements)
        assert copy.home == sample.home
        assert copy.audit.latest(1)[0].action == "snapshot.load"


def test_selection_of_one_agreement(office, jordan, tmp_path):
    kept = in_force_agreement(office, [jordan], title="Kept", reference="K-1")
    in_force_agreement(office, [jordan], title="Left out")
    path = tmp_path / "one.xml"
    info = office.save_snapshot(path, agreements=[kept])
    assert info["kind"] == "selection"
    assert info["selection"] == f"agreements {kept.id}"
    assert info["tables"]["agreement"] == 1
    assert info["tables"]["agreement_party"] == 2
    with iro.open(":memory:") as target:
        target.load_snapshot(path)
        assert [a.title for a in target.agreements] == ["Kept"]
        assert target.agreements.get(kept.id) == kept
        assert sorted(i.display_name for i in target.institutions) == [
            "Palestine Polytechnic University",
            "University of Jordan",
        ]


def test_selection_of_collections(office, tmp_path):
    assert "institutions" in iro.snapshot_collections()
    path = tmp_path / "institutions.txt"
    office.save_snapshot(path, format="text", collections=["institutions"])
    with iro.open(":memory:") as target:
        target.load_snapshot(path)
        assert list(target.institutions) == list(office.institutions)
        assert target.institutions.search("warsaw")[0].display_name == "University of Warsaw"
    with pytest.raises(iro.ValidationError, match="gadgets"):
        office.save_snapshot(tmp_path / "x.xml", collections=["gadgets"])
    with pytest.raises(iro.ValidationError, match="format"):
        office.save_snapshot(tmp_path / "x.xml", format="yaml")


def test_saving_never_overwrites_unless_asked(office, tmp_path):
    path = tmp_path / "office.xml"
    office.save_snapshot(path)
    with pytest.raises(iro.ConflictError, match="already exists"):
        office.save_snapshot(path, format="binary")
    assert iro.read_snapshot_info(path)["format"] == "xml"
    office.save_snapshot(path, format="binary", overwrite=True)
    assert iro.read_snapshot_info(path)["format"] == "binary"
    assert [p.name for p in tmp_path.iterdir()] == ["office.xml"]


def test_loading_refuses_a_store_with_data_and_damaged_files(office, tmp_path):
    path = tmp_path / "office.bin"
    office.save_snapshot(path, format="binary")
    before = office.logical_dump()
    with pytest.raises(iro.ConflictError, match="not empty"):
        office.load_snapshot(path)
    assert office.logical_dump() == before

    data = path.read_bytes()
    with iro.open(":memory:") as target:
        empty = target.logical_dump()
        for damaged in (data[: len(data) // 2], data[:10], b"", b'{"id": "https://ror.org/05k89ew48"}'):
            path.write_bytes(damaged)
            with pytest.raises(iro.FormatError):
                target.load_snapshot(path)
            with pytest.raises(iro.FormatError):
                iro.read_snapshot_info(path)
        flipped = bytearray(data)
        flipped[len(data) // 2] ^= 0x10
        path.write_bytes(bytes(flipped))
        with pytest.raises(iro.FormatError):
            target.load_snapshot(path)
        assert target.logical_dump() == empty
    with pytest.raises(iro.NotFoundError):
        iro.read_snapshot_info(tmp_path / "missing.xml")


ARCHIVED_VALUES = [
    iro.Name(value="جامعة بوليتكنك فلسطين", lang="ar", kind="label"),
    iro.Institution(id=7, type="funder", name="DAAD", names=[iro.Name(value="Deutscher Akademischer", lang="de")],
                    country="DE", city="Bonn", website="https://www.daad.de", wikidata="Q680", status="active"),
    iro.MobilityQuota(sending=1, receiving=2, type="staff_teaching", academic_years=["2025/2026", "2026/2027"],
                      mobilities_per_year=2, total_days_per_year=10, subject_areas=["0613"], eqf_levels=[6, 7],
                      language_skills=[iro.LanguageSkill(language="en", level="B2")], blended=True),
    iro.Agreement(id=12, kind="mou", title="MoU\nwith a second line", reference="R-1",
                  parties=[iro.Party(institution=1, signed_on="2024-09-01"), iro.Party(institution=2)],
                  areas=["research", "culture"], status="in_force", proposed_on="2024-01-01",
                  in_force_from="2024-09-01", valid_until="2029-08-31", documents=[iro.DocumentRef(title="t", location="l")]),
    iro.Visit(id=5, person=4, direction="incoming", purpose="teaching", home_institution=2, host_institution=1,
              start="2025-03-01", end="2025-03-10", teaching_hours=8.25, note="n"),
    iro.Money(amount=850.5, currency="EUR"),
    iro.Call(id=11, program=8, title="Spring 2026", opens_on="2025-11-01", deadline="2026-01-31", places=4,
             funding=iro.Money(amount=850, currency="EUR"), eligibility="GPA 3.0"),
    iro.ApplicationTransition(from_="draft", to="submitted", on="2025-12-02", actor="me", note="sent"),
]


@pytest.mark.parametrize("value", ARCHIVED_VALUES, ids=lambda v: type(v).__name__)
def test_values_pickle_through_their_text_archive(value):
    state = value.__reduce_ex__(2)[2]
    assert isinstance(state, bytes)
    assert state.startswith(b"22 serialization::archive")
    restored = pickle.loads(pickle.dumps(value))
    assert restored == value
    assert type(restored) is type(value)


def test_damaged_pickled_state_raises_format_error():
    value = iro.Institution(name="DAAD", country="DE")
    state = value.__reduce_ex__(2)[2]
    cls = type(value)
    blank = cls.__new__(cls)
    with pytest.raises(iro.FormatError):
        blank.__setstate__(state[: len(state) // 2])
    with pytest.raises(iro.FormatError, match="not a Institution|holds a"):
        blank.__setstate__(iro.Money(amount=1, currency="EUR").__reduce_ex__(2)[2])
    with pytest.raises(iro.FormatError):
        blank.__setstate__(b"22 serialization::archive 19 nonsense")
    with pytest.raises(iro.FormatError):
        blank.__setstate__(42)


def test_old_dict_pickles_still_load():
    value = iro.Money(amount=3, currency="USD")
    cls = type(value)
    blank = cls.__new__(cls)
    blank.__setstate__({"amount": 3.0, "currency": "USD"})
    assert blank == value


def test_unpickled_values_work_with_an_office(office, jordan):
    copy = pickle.loads(pickle.dumps(jordan))
    copy.city = "Amman (unpickled)"
    assert office.institutions.update(copy).city == "Amman (unpickled)"
    assert dt.date.fromisoformat("2024-09-01") == pickle.loads(
        pickle.dumps(iro.Party(institution=1, signed_on="2024-09-01"))).signed_on
