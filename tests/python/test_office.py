"""Opening offices, their properties, the audit log, the report and the sample data."""

import datetime as dt
import json
import pathlib

import pytest

import iro
from helpers import TODAY


def test_open_a_file_reopen_and_find_the_data(tmp_path):
    path = tmp_path / "office.db"
    with iro.open(str(path), actor="setup") as office:
        assert office.path == str(path)
        office.institutions.add(name="PPU", country="PS", is_home=True)
    with iro.open(path, create=False) as office:  # a pathlib.Path works too
        assert office.home.display_name == "PPU"
        assert office.actor == "iro"
        assert office.schema_version == iro.Office.latest_schema_version >= 1


def test_memory_offices_are_separate():
    with iro.open(":memory:") as a, iro.open(":memory:") as b:
        a.institutions.add(name="A", country="JO")
        assert len(a.institutions) == 1 and len(b.institutions) == 0


def test_open_accepts_path_like_objects(tmp_path):
    class Where:
        def __fspath__(self):
            return str(tmp_path / "fspath.db")

    with iro.open(Where()) as office:
        assert office.path.endswith("fspath.db")
    assert (tmp_path / "fspath.db").exists()


def test_actor_is_recorded(office, jordan):
    office.actor = "rana"
    assert office.actor == "rana"
    jordan.city = "Irbid"
    office.institutions.update(jordan)
    entry = office.audit.latest(1)[0]
    assert (entry.actor, entry.entity, entry.entity_id, entry.action) == ("rana", "institution", jordan.id, "update")
    assert json.loads(entry.before)["city"] == "Amman" and json.loads(entry.after)["city"] == "Irbid"


def test_audit_log(office, jordan):
    assert len(office.audit) == 5
    latest = office.audit.latest()
    assert [e.id for e in latest] == sorted((e.id for e in latest), reverse=True)
    assert len(office.audit.latest(limit=2)) == 2
    entries = office.audit.for_entity("institution", jordan.id)
    assert [e.action for e in entries] == ["add"] and entries[0].before == ""
    assert office.audit.for_entity(jordan) == entries
    assert office.audit.for_entity("institution", 999) == []
    with pytest.raises(iro.ValidationError) as e:
        office.audit.latest(0)
    assert e.value.field == "limit"
    with pytest.raises(iro.ArgumentTypeError):
        office.audit.for_entity(jordan, 3)
    with pytest.raises(iro.ArgumentTypeError):
        office.audit.for_entity("institution")


def test_logical_dump_changes_with_the_data(office):
    before = office.logical_dump()
    assert before.startswith("user_version ")
    office.institutions.add(name="New", country="EG")
    assert office.logical_dump() != before


def test_repr(office):
    assert repr(office) == "<iro.Office ':memory:' open>"


def test_report_and_summary(tmp_path):
    with iro.open(tmp_path / "sample.db") as office:
        counts = iro.generate_sample_data(office, seed=3, today=TODAY, partners=20, agreements=40)
        # 20 partners from the ROR table, 3 accreditation bodies and the home institution.
        assert (counts["institutions"], counts["partners"], counts["agreements"]) == (24, 23, 40)
        assert counts["units"] == len(office.units.of(office.home)) and counts["contacts"] >= 1
        assert all(isinstance(n, int) and n >= 0 for n in counts.values())
        report = office.report(on=TODAY, audit_entries=0, list_in_force=False)
        assert report.startswith("International Relations Office report, 2026-01-15")
        assert office.home.display_name in report
        summary = office.summary(on="2026-01-15")
        assert summary["on"] == TODAY
        assert summary["home"] == office.home
        assert summary["agreements"] == len(office.agreements) == 40
        assert summary["by_status"][iro.AgreementStatus.IN_FORCE] == office.agreements.count(status="in_force")
        assert set(summary["by_status"]) == set(iro.AgreementStatus)
        assert summary["in_force"] == office.agreements.count(in_force_on=TODAY)
        assert [line["id"] for line in summary["expiring"]] == \
            [e.agreement.id for e in office.agreements.expiring(180, TODAY)]
        assert summary["partners"] == office.institutions.count()
        assert sum(summary["partners_by_scope"].values()) == summary["partners"]
        assert set(summary["expiring_within"]) == {30, 90, 180}
        assert all(isinstance(e, iro.AuditEntry) for e in summary["latest_audit"])
        # The daily-work sections are plain data; their enums are members (equal to their names).
        for key in ["dormant", "never_used", "open_calls", "deadlines", "ongoing_visits", "visiting_professors",
                    "quota_use", "mobility_balance"]:
            assert isinstance(summary[key], list), key
        assert set(summary["visits"]) == {"incoming", "outgoing"}
        assert all(type(d) is iro.VisitDirection for d in summary["visits"])
        assert all(type(c["kind"]) is iro.ProgramKind for c in summary["open_calls"] + summary["deadlines"])
        assert summary["quota_year"] == iro.AcademicYear(start_year=2025)
        assert summary["balance_from"] == dt.date(2025, 1, 15)
        assert summary["kpis"]["year"] == 2026 and summary["kpis"]["from"] == dt.date(2026, 1, 1)
        assert summary["kpis"]["accredited_scopes"] == office.kpis(start="2026-01-01", end=TODAY).accredited_scopes
        for line in summary["quota_use"]:
            assert isinstance(line["type"], iro.MobilityType) and line["direction"] in ("incoming", "outgoing")
        for line in summary["mobility_balance"]:
            assert line["total"] == line["incoming"] + line["outgoing"]
        for call in summary["open_calls"]:
            assert call["opens_on"] <= TODAY <= call["deadline"]
        with pytest.raises(iro.ValidationError):
            office.report(on=TODAY, column_width=2)
        with pytest.raises(iro.ValidationError):
            office.summary(on=TODAY, short_lists=0)
        assert isinstance(office.report(), str)


def test_sample_data_is_deterministic_and_needs_an_empty_office():
    with iro.open(":memory:") as a, iro.open(":memory:") as b:
        iro.generate_sample_data(a, seed=11, today=dt.date(2025, 6, 1), partners=10, agreements=30)
        iro.generate_sample_data(b, seed=11, today="2025-06-01", partners=10, agreements=30)
        assert a.agreements.to_frame().equals(b.agreements.to_frame())
        before = a.logical_dump()
        with pytest.raises(iro.ConflictError):
            iro.generate_sample_data(a)
        assert a.logical_dump() == before
        with iro.open(":memory:") as c:
            with pytest.raises(iro.ValidationError):
                iro.generate_sample_data(c, partners=1)
            with pytest.raises(iro.ValidationError):
                iro.generate_sample_data(c, seed=-1)
            assert len(c.institutions) == 0


def test_package_files_are_in_place():
    package = pathlib.Path(iro.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "__init__.pyi").exists() and (package / "_iro.pyi").exists()


def test_sample_dataset_sizes_and_a_bulk_load():
    assert iro.sample_counts("L") == {
        "institutions": 150_000,
        "agreements": 20_000,
        "quota_lines": 60_000,
        "people": 300_000,
        "activities": 200_000,
        "visits": 1_000_000,
    }
    assert iro.sample_counts("M")["visits"] == 100_000
    with pytest.raises(iro.ValidationError, match="XL"):
        iro.sample_counts("XL")
    with iro.open(":memory:") as office:
        counts = iro.load_sample_dataset(office, "S", seed=3, today=TODAY)
        assert counts == iro.sample_counts("S")
        assert office.visits.count() == counts["visits"]
        assert office.people.count() == counts["people"]
        # One audit entry per collection written in bulk.
        entries = office.audit.latest(10)
        assert [e.action for e in entries] == ["add_many"] * 5
        assert sorted(e.entity for e in entries) == ["activity", "agreement", "institution", "person", "visit"]
        before = len(office.audit)
        with pytest.raises(iro.ConflictError, match="empty store"):
            iro.load_sample_dataset(office, "S")
        assert len(office.audit) == before
