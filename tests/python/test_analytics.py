"""Office analyses with hand-computed answers: dormant and unused agreements, quota use across the academic-year
boundary, the mobility balance, visiting professors, the KPI set and the iCalendar export."""

import datetime as dt
import pickle
import re
import sys
import threading
import time

import icalendar
import pandas as pd
import pytest

import iro
from daily_helpers import build_work, incoming, outgoing
from helpers import in_force_agreement

USAGE_COLUMNS = ["id", "reference", "title", "kind", "partners", "partner_countries", "in_force_from", "valid_until",
                 "last_used", "days_since_use"]


@pytest.fixture
def work(office):
    return build_work(office)


def by_id(frame):
    return frame.set_index("id")


# ---------------------------------------------------------------- dormant and unused agreements

def test_dormant_at_the_exact_twelve_month_edge(office, jordan, warsaw):
    used = in_force_agreement(office, [jordan], title="Used", since=dt.date(2023, 1, 1), until=dt.date(2030, 12, 31))
    never = in_force_agreement(office, [warsaw], title="Never used", since=dt.date(2023, 1, 1),
                               until=dt.date(2030, 12, 31))
    office.activities.add(title="Workshop", partners=[jordan], agreement=used, start="2024-03-15")
    # add_months(2025-03-15, -12) is 2024-03-15: a use on that very day keeps the agreement active.
    assert office.dormant_agreements(on="2025-03-15").id.tolist() == [never.id]
    # One day later the window starts on 2024-03-16 and the use falls out of it.
    frame = office.dormant_agreements(on=dt.date(2025, 3, 16))
    assert list(frame.columns) == USAGE_COLUMNS
    assert sorted(frame.id) == sorted([used.id, never.id])
    row = by_id(frame).loc[used.id]
    assert row.last_used == pd.Timestamp("2024-03-15") and row.days_since_use == 366
    assert pd.isna(by_id(frame).loc[never.id].last_used) and pd.isna(by_id(frame).loc[never.id].days_since_use)
    assert row.partners == "University of Jordan" and row.partner_countries == "JO" and row.kind == "mou"
    # A longer window brings it back; a use after `on` does not count.
    assert office.dormant_agreements(on="2025-03-16", months=13).id.tolist() == [never.id]
    assert sorted(office.dormant_agreements(on="2024-03-14").id) == sorted([used.id, never.id])
    # Not in force: not reported.
    assert office.dormant_agreements(on="2022-06-01").empty


def test_dormant_window_clamps_to_the_end_of_the_month(office, jordan):
    leap = in_force_agreement(office, [jordan], title="Leap", since=dt.date(2023, 1, 1), until=dt.date(2030, 1, 1))
    office.activities.add(title="Leap day seminar", partners=[jordan], agreement=leap, start="2024-02-29")
    # 2024-03-31 minus one month is 2024-02-29 (the last day of February).
    assert office.dormant_agreements(on="2024-03-31", months=1).empty
    assert office.dormant_agreements(on="2024-04-01", months=1).id.tolist() == [leap.id]
    # 2025-02-28 minus twelve months is 2024-02-28: the leap-day use is inside.
    assert office.dormant_agreements(on="2025-02-28").empty
    assert office.dormant_agreements(on="2025-03-01").id.tolist() == [leap.id]


def test_visits_count_as_use_unless_cancelled(work):
    o = work.office
    cancelled = outgoing(work, "2025-01-05", "2025-01-20", status="planned")
    o.visits.transition(cancelled, "cancelled")
    assert o.dormant_agreements(on="2025-06-01").id.tolist() == [work.erasmus.id]
    planned = incoming(work, "2025-02-01", "2025-02-03")
    frame = o.dormant_agreements(on="2025-06-01")
    assert frame.empty and list(frame.columns) == USAGE_COLUMNS
    assert o.dormant_agreements(on="2026-02-02").id.tolist() == [work.erasmus.id]
    assert by_id(o.dormant_agreements(on="2026-02-02")).loc[work.erasmus.id].last_used == pd.Timestamp(planned.start)


def test_unused_agreements(office, jordan, warsaw):
    early = in_force_agreement(office, [jordan], title="Used before it was in force", since=dt.date(2024, 9, 1))
    used = in_force_agreement(office, [warsaw], title="Used", since=dt.date(2024, 9, 1))
    office.activities.add(title="Preparatory visit", partners=[jordan], agreement=early, start="2024-06-01")
    office.activities.add(title="Course", partners=[warsaw], agreement=used, start="2024-10-01")
    frame = office.unused_agreements(on="2025-01-15")
    assert list(frame.columns) == USAGE_COLUMNS
    assert frame.id.tolist() == [early.id]
    assert frame.last_used[0] == pd.Timestamp("2024-06-01") and frame.days_since_use[0] == 228
    assert frame.in_force_from[0] == pd.Timestamp("2024-09-01")
    assert office.unused_agreements(on="2024-08-31").empty  # nothing in force yet


def test_usage_frame_types_and_errors(work):
    o = work.office
    frame = o.dormant_agreements(on="2025-01-15")
    assert list(frame.kind.cat.categories) == [k.value for k in iro.AgreementKind]
    assert frame.last_used.dtype == "datetime64[ns]" and frame.days_since_use.dtype == pd.Int64Dtype()
    assert frame.id.dtype == "int64"
    with pytest.raises(iro.ValidationError) as e:
        o.dormant_agreements(months=0)
    assert e.value.field == "months"
    with pytest.raises(iro.ValidationError):
        o.dormant_agreements(on="2025-13-01")
    with pytest.raises(iro.ArgumentTypeError):
        o.unused_agreements(on=20250101)
    assert o.dormant_agreements().equals(o.dormant_agreements(on=dt.date.today()))


# ---------------------------------------------------------------- quotas across the academic-year boundary

def test_quota_use_counts_visits_in_the_academic_year_they_start(work):
    o = work.office
    # 2024/2025 runs from 2024-09-01 to 2025-08-31.
    outgoing(work, "2024-08-31", "2024-08-31", status="planned")  # 2023/2024: no quota line that year
    outgoing(work, "2024-09-01", "2024-12-20")                    # 2024/2025, first day
    outgoing(work, "2025-01-05", "2025-02-01", status="planned")  # 2024/2025 (planned counts)
    outgoing(work, "2025-08-31", "2025-09-30", status="planned")  # 2024/2025, last day
    outgoing(work, "2025-09-01", "2025-12-01", status="planned")  # 2025/2026, first day
    cancelled = outgoing(work, "2025-10-01", "2025-10-05", status="planned")
    o.visits.transition(cancelled, "cancelled")                  # does not count
    incoming(work, "2025-04-01", "2025-04-05")                    # staff teaching, 2024/2025
    outgoing(work, "2024-06-01", "2024-06-05", agreement=None, mobility_type=None)  # no agreement: no quota

    frame = o.quota_utilisation(agreement=work.erasmus)
    assert list(frame.columns) == ["agreement", "agreement_title", "academic_year", "sending", "sending_name",
                                   "receiving", "receiving_name", "direction", "type", "used", "allowed", "share"]
    rows = frame[["academic_year", "direction", "type", "used", "allowed", "share"]].to_dict("records")
    assert rows == [
        {"academic_year": "2024/2025", "direction": "outgoing", "type": "student_studies", "used": 3, "allowed": 2,
         "share": 1.5},
        {"academic_year": "2024/2025", "direction": "incoming", "type": "staff_teaching", "used": 1, "allowed": 1,
         "share": 1.0},
        {"academic_year": "2025/2026", "direction": "outgoing", "type": "student_studies", "used": 1, "allowed": 2,
         "share": 0.5},
        {"academic_year": "2025/2026", "direction": "incoming", "type": "staff_teaching", "used": 0, "allowed": 1,
         "share": 0.0},
    ]
    assert frame.sending_name[0] == "Palestine Polytechnic University" and frame.receiving_name[0] == \
        "University of Warsaw"
    assert list(frame.direction.cat.categories) == ["incoming", "outgoing"]
    assert list(frame.type.cat.categories) == [t.value for t in iro.MobilityType]
    assert frame.share.dtype == "float64" and frame.used.dtype == "int64"
    next_year = o.quota_utilisation(academic_year="2025/2026")
    assert next_year.used.tolist() == [1, 0]
    assert o.quota_utilisation(academic_year=iro.AcademicYear(start_year=2025)).equals(next_year)
    assert o.quota_utilisation(academic_year="2023/2024").empty
    assert len(o.quota_utilisation()) == 4
    with pytest.raises(iro.NotFoundError):
        o.quota_utilisation(agreement=999)
    with pytest.raises(iro.ValidationError) as e:
        o.quota_utilisation(academic_year="2025/2027")
    assert e.value.field == "academic_year"
    with pytest.raises(iro.ArgumentTypeError):
        o.quota_utilisation(academic_year=2025)


# ---------------------------------------------------------------- mobility balance and visiting professors

@pytest.fixture
def mobility(work):
    o = work.office
    w = work
    incoming(w, "2025-03-01", "2025-03-10", status="confirmed", host_unit=w.engineering, lectures=4, teaching_hours=8)
    incoming(w, "2025-05-01", "2025-05-03", status="confirmed", host_unit=w.engineering, lectures=4, teaching_hours=8)
    outgoing(w, "2025-02-01", "2025-02-20")
    w.omar = o.people.add(given_name="Omar", family_name="Haddad", role="faculty", affiliation=w.jordan)
    o.visits.add(person=w.omar, direction="incoming", purpose="research", partner=w.jordan, start="2025-06-01",
                 end="2025-06-05")
    dropped = o.visits.add(person=w.omar, direction="incoming", partner=w.jordan, start="2025-07-01",
                           end="2025-07-02")
    o.visits.transition(dropped, "cancelled")
    o.visits.add(person=w.omar, direction="incoming", partner=w.jordan, start="2024-12-31", end="2025-01-02")
    return w


def test_mobility_balance_per_partner(mobility):
    o = mobility.office
    frame = o.mobility_balance(start="2025-01-01", end="2025-12-31")
    assert list(frame.columns) == ["partner", "partner_name", "country", "region", "incoming", "outgoing", "total",
                                   "balance"]
    assert frame.drop(columns="partner").to_dict("records") == [
        {"partner_name": "University of Jordan", "country": "JO", "region": "asia", "incoming": 1, "outgoing": 0,
         "total": 1, "balance": 1},
        {"partner_name": "University of Warsaw", "country": "PL", "region": "europe", "incoming": 2, "outgoing": 1,
         "total": 3, "balance": 1},
    ]
    assert frame.partner.tolist() == [mobility.jordan.id, mobility.warsaw.id]
    assert list(frame.region.cat.categories) == [r.value for r in iro.WorldRegion]
    spring = o.mobility_balance(start="2025-04-01", end=dt.date(2025, 5, 31))
    assert spring[["partner_name", "incoming", "outgoing", "balance"]].to_dict("records") == [
        {"partner_name": "University of Warsaw", "incoming": 1, "outgoing": 0, "balance": 1}]
    # Both ends are inclusive: the visit starting on 2024-12-31 counts for a period ending then.
    assert o.mobility_balance(start="2024-12-31", end="2024-12-31").incoming.tolist() == [1]
    with pytest.raises(iro.ValidationError) as e:
        o.mobility_balance(start="2025-12-31", end="2025-01-01")
    assert e.value.field == "end"
    today = dt.date.today()
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    assert o.mobility_balance().equals(o.mobility_balance(start=year_ago, end=today))


def test_visiting_professors(mobility):
    o = mobility.office
    frame = o.visiting_professors(year=2025)
    assert list(frame.columns) == ["year", "host_unit", "host_unit_name", "country", "visits", "people", "lectures",
                                   "teaching_hours"]
    assert frame.host_unit.dtype == pd.Int64Dtype() and frame.teaching_hours.dtype == "float64"
    records = frame.to_dict("records")
    assert pd.isna(records[0].pop("host_unit"))
    assert records[0] == {"year": 2025, "host_unit_name": "", "country": "JO", "visits": 1, "people": 1,
                          "lectures": 0, "teaching_hours": 0.0}
    assert records[1] == {"year": 2025, "host_unit": mobility.engineering.id, "host_unit_name": "Engineering",
                          "country": "PL", "visits": 2, "people": 1, "lectures": 8, "teaching_hours": 16.0}
    assert o.visiting_professors(year=2024).to_dict("records")[0]["visits"] == 1  # Omar's 2024-12-31 visit
    assert len(o.visiting_professors()) == 3
    with pytest.raises(iro.ValidationError):
        o.visiting_professors(year=0)


# ---------------------------------------------------------------- KPIs

def test_kpis_of_a_year_and_their_frame(mobility):
    o = mobility.office
    k = o.kpis(year=2025)
    assert isinstance(k, iro.KpiSet)
    assert (k.from_, k.to) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (k.incoming_visits, k.outgoing_visits, k.mobility_balance, k.visiting_professors) == (3, 1, 2, 3)
    assert (k.active_agreements, k.new_agreements, k.dormant_agreements, k.dormant_share) == (1, 0, 0, 0.0)
    assert k.active_by_kind == {iro.AgreementKind.ERASMUS_IIA: 1}
    assert k.active_by_region == {iro.WorldRegion.EUROPE: 1}
    assert k.active_by_area == {"student_exchange": 1, "staff_exchange": 1}
    # 2024/2025 and 2025/2026 touch 2025: (2 + 1) allowed per year; used: two staff teaching, one student.
    assert (k.quota_used, k.quota_allowed, k.quota_utilisation) == (3, 6, 0.5)
    assert (k.applications, k.accepted_applications, k.application_success_rate) == (0, 0, 0.0)
    earlier = o.kpis(year=2024)
    assert earlier.new_agreements == 1 and earlier.new_by_area == {"student_exchange": 1, "staff_exchange": 1}
    assert earlier.new_by_region == {"europe": 1} and earlier.new_by_kind == {"erasmus_iia": 1}
    assert o.kpis(start="2025-01-01", end=dt.date(2025, 12, 31)) == k
    assert pickle.loads(pickle.dumps(k)) == k
    spring = o.kpis(start="2025-03-01", end="2025-05-31")
    assert (spring.incoming_visits, spring.outgoing_visits) == (2, 0)
    assert o.kpis().from_ == dt.date(dt.date.today().year, 1, 1)

    frame = k.to_frame()
    assert list(frame.columns) == ["name", "by", "key", "value"] and frame.value.dtype == "float64"
    totals = frame[frame.by == ""].set_index("name").value
    assert totals["incoming_visits"] == 3 and totals["quota_utilisation"] == 0.5 and totals["mobility_balance"] == 2
    assert len(totals) == 19 and totals.index.is_unique
    assert totals["accredited_scopes"] == 0 and totals["overdue_follow_ups"] == 0
    splits = frame[frame.by != ""]
    assert splits.to_dict("records") == [
        {"name": "active_agreements", "by": "region", "key": "europe", "value": 1.0},
        {"name": "active_agreements", "by": "kind", "key": "erasmus_iia", "value": 1.0},
        {"name": "active_agreements", "by": "area", "key": "staff_exchange", "value": 1.0},
        {"name": "active_agreements", "by": "area", "key": "student_exchange", "value": 1.0},
    ]


def test_kpi_argument_errors(work):
    o = work.office
    with pytest.raises(iro.ArgumentTypeError) as e:
        o.kpis(year=2025, start="2025-01-01", end="2025-12-31")
    assert "not both" in str(e.value)
    with pytest.raises(iro.ArgumentTypeError) as e:
        o.kpis(start="2025-01-01")
    assert e.value.field == "end"
    with pytest.raises(iro.ArgumentTypeError) as e:
        o.kpis(end="2025-01-01")
    assert e.value.field == "start"
    with pytest.raises(iro.ValidationError) as e:
        o.kpis(start="2025-02-01", end="2025-01-01")
    assert e.value.field == "end"
    with pytest.raises(iro.ValidationError) as e:
        o.kpis(year=10000)
    assert e.value.field == "year"


# ---------------------------------------------------------------- the iCalendar export

STAMP = "20260115T120000Z"


@pytest.fixture
def calendar_office(mobility):
    o = mobility.office
    program = o.programs.add(name="Erasmus+ mobility", kind="exchange", audiences=["master"])
    mobility.call = o.calls.add(program=program, title="Spring; 2026, round 1", opens_on="2025-11-01",
                                deadline="2026-01-31")
    return mobility


def test_ics_parses_with_icalendar(calendar_office):
    w = calendar_office
    text = w.office.export_ics(stamp=STAMP)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)) == 1 + 1 + 5  # one expiry, one deadline, five visits not cancelled
    assert all(re.fullmatch(r"(agreement-expiry|call-deadline|visit-start)-\d+-.+@iro", uid) for uid in uids)
    by_uid = dict(zip(uids, events))
    expiry = next(e for uid, e in by_uid.items() if uid.startswith(f"agreement-expiry-{w.erasmus.id}-"))
    assert expiry.decoded("DTSTART") == dt.date(2029, 12, 31)
    assert expiry.decoded("DTEND") == dt.date(2030, 1, 1)
    assert str(expiry["SUMMARY"]) == "Agreement expires: Erasmus+ with Warsaw"
    assert [a.decoded("TRIGGER") for a in expiry.walk("VALARM")] == [dt.timedelta(days=-180), dt.timedelta(days=-90),
                                                                    dt.timedelta(days=-30)]
    deadline = next(e for uid, e in by_uid.items() if uid.startswith(f"call-deadline-{w.call.id}-"))
    assert str(deadline["SUMMARY"]) == "Call deadline: Spring; 2026, round 1"  # escaped and unescaped again
    assert deadline.decoded("DTSTART") == dt.date(2026, 1, 31)
    assert str(deadline["DESCRIPTION"]) == "Program: Erasmus+ mobility"
    starts = sorted(e.decoded("DTSTART") for uid, e in by_uid.items() if uid.startswith("visit-start-"))
    assert starts == [dt.date(2024, 12, 31), dt.date(2025, 2, 1), dt.date(2025, 3, 1), dt.date(2025, 5, 1),
                      dt.date(2025, 6, 1)]
    assert {str(e["SUMMARY"]) for uid, e in by_uid.items() if uid.startswith("visit-start-")} == {
        "Incoming teaching visit from University of Warsaw", "Outgoing study visit to University of Warsaw",
        "Incoming research visit from University of Jordan", "Incoming teaching visit from University of Jordan"}
    assert all(e.decoded("DTSTAMP") == dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.timezone.utc) for e in events)
    for name in ("Weber", "Haddad", "Saleh", "Omar", "Hans"):
        assert name not in text  # a calendar may be shared: no personal names
    # Same data, same stamp: the same bytes; UIDs stay stable across exports.
    assert w.office.export_ics(stamp=STAMP) == text


def test_ics_options_filter_events(calendar_office):
    o = calendar_office.office
    only_2025 = icalendar.Calendar.from_ical(o.export_ics(start="2025-01-01", end="2025-12-31", stamp=STAMP))
    assert sorted(e.decoded("DTSTART") for e in only_2025.walk("VEVENT")) == [
        dt.date(2025, 2, 1), dt.date(2025, 3, 1), dt.date(2025, 5, 1), dt.date(2025, 6, 1)]
    deadlines = icalendar.Calendar.from_ical(o.export_ics(agreement_expiries=False, visit_starts=False, stamp=STAMP))
    assert [str(e["UID"]).split("-")[0] for e in deadlines.walk("VEVENT")] == ["call"]
    empty = o.export_ics(agreement_expiries=False, call_deadlines=False, visit_starts=False,
                         accreditation_deadlines=False, stamp=STAMP)
    assert icalendar.Calendar.from_ical(empty).walk("VEVENT") == []
    aware = dt.datetime(2026, 1, 15, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert o.export_ics(stamp=aware) == o.export_ics(stamp=STAMP)
    assert o.export_ics(stamp=dt.datetime(2026, 1, 15, 12, 0)) == o.export_ics(stamp=STAMP)
    assert "DTSTAMP:" in o.export_ics()  # the current time
    with pytest.raises(iro.ValidationError) as e:
        o.export_ics(stamp="2026-01-15 12:00")
    assert e.value.field == "stamp"
    with pytest.raises(iro.ArgumentTypeError):
        o.export_ics(stamp=20260115)
    with pytest.raises(iro.ValidationError) as e:
        o.export_ics(start="2026-01-01", end="2025-01-01")
    assert e.value.field == "end"


def test_ics_written_to_a_file_never_overwrites_by_accident(calendar_office, tmp_path):
    o = calendar_office.office
    path = tmp_path / "deadlines.ics"
    text = o.export_ics(path, stamp=STAMP)
    assert path.read_bytes() == text.encode()  # CRLF kept
    with pytest.raises(iro.ConflictError) as e:
        o.export_ics(path, visit_starts=False, stamp=STAMP)
    assert "already exists" in str(e.value) and "overwrite=True" in str(e.value)
    assert path.read_bytes() == text.encode()
    shorter = o.export_ics(str(path), visit_starts=False, stamp=STAMP, overwrite=True)
    assert path.read_bytes() == shorter.encode() and len(shorter) < len(text)
    with pytest.raises(iro.ArgumentTypeError):
        o.export_ics(path, overwrite="yes")
    with pytest.raises(iro.ArgumentTypeError):
        o.export_ics(42)


# ---------------------------------------------------------------- many threads, one office

def test_analyses_from_many_threads_agree(tmp_path):
    with iro.open(tmp_path / "sample.db") as office:
        iro.generate_sample_data(office, seed=3, today=dt.date(2026, 1, 15), partners=40, agreements=60)
        expected = (office.kpis(year=2025), office.mobility_balance(end="2026-01-15"),
                    office.export_ics(stamp=STAMP), office.dormant_agreements(on="2026-01-15"))
        errors = []

        def run():
            try:
                for _ in range(5):
                    assert office.kpis(year=2025) == expected[0]
                    assert office.mobility_balance(end="2026-01-15").equals(expected[1])
                    assert office.export_ics(stamp=STAMP) == expected[2]
                    assert office.dormant_agreements(on="2026-01-15").equals(expected[3])
            except BaseException as e:  # reported below
                errors.append(repr(e))

        threads = [threading.Thread(target=run) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []


@pytest.mark.parametrize("call", [
    lambda o: o.export_ics(stamp=STAMP),
    lambda o: o.kpis(year=2025),
    lambda o: o.dormant_agreements(on="2026-01-15"),
    lambda o: o.visits.find(),
    lambda o: o.activities.find(),
], ids=["export_ics", "kpis", "dormant", "visits", "activities"])
def test_long_calls_release_the_gil(call):
    with iro.open(":memory:") as office:
        iro.generate_sample_data(office, seed=5, today=dt.date(2026, 1, 15))
        progress = []
        go, stop = threading.Event(), threading.Event()

        def spinner():
            go.wait()
            while not stop.is_set() and len(progress) < 10_000:
                progress.append(1)  # pure Python: it runs only while the main thread has let the GIL go
                time.sleep(0.0001)

        old = sys.getswitchinterval()
        sys.setswitchinterval(1000)  # no forced switches: only a call that gives up the GIL lets the spinner run
        thread = threading.Thread(target=spinner)
        try:
            thread.start()
            go.set()
            for _ in range(200):
                call(office)
                if progress:
                    break
            ran_meanwhile = bool(progress)
        finally:
            sys.setswitchinterval(old)
            stop.set()
            thread.join(timeout=60)
        assert ran_meanwhile
