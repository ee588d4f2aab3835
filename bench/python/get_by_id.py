"""Measure 7: 100,000 office.visits.get(id) calls from Python against a sqlite3 cursor.

Random visit ids (fixed seed, drawn from the stored ids). iro returns an iro.Visit value
object; the baseline executes ``SELECT <every visit column> FROM visit WHERE id = ?`` and
fetchone() on a connection opened once (a plain tuple, no conversion), with the same 64 MiB
page cache iro's connection has. The Visit holds the row in C++ and makes each field a
Python object when it is read, which the timed loop does not do; the tuple holds Python
objects already. A sample of rows is checked equal field by field before timing. The two
sides take turns, three rounds each. Target: iro at most 2x the baseline's time
(min_speedup 0.5).
"""

from __future__ import annotations

import os
import random
import sqlite3

import common

iro = common.import_iro()

CALLS = 100_000
SQL = ("SELECT id, person_id, direction, purpose, home_institution_id, host_institution_id, home_unit_id, "
       "host_unit_id, start_on, end_on, agreement_id, program_id, mobility_type, status, lectures, teaching_hours, "
       "seminars, note FROM visit WHERE id = ?")


def as_row(v) -> tuple:
    def enum(e):
        return None if e is None else str(e)

    def day(d):
        return None if d is None else d.isoformat()

    return (v.id, v.person, str(v.direction), str(v.purpose), v.home_institution, v.host_institution, v.home_unit,
            v.host_unit, day(v.start), day(v.end), v.agreement, v.program, enum(v.mobility_type), str(v.status),
            v.lectures, v.teaching_hours, v.seminars, v.note)


def main() -> None:
    args = common.parser(__doc__.splitlines()[0]).parse_args()
    path = os.path.join(args.work, "iro.db")
    con = sqlite3.connect(path)
    con.execute("PRAGMA cache_size = -65536")  # iro's setting (lib/store/database.cpp)
    all_ids = [r[0] for r in con.execute("SELECT id FROM visit ORDER BY id")]
    rng = random.Random(20260601)
    ids = [rng.choice(all_ids) for _ in range(CALLS)]
    office = iro.open(path, create=False)
    visits = office.visits

    for i in ids[:2000]:
        got, want = as_row(visits.get(i)), con.execute(SQL, (i,)).fetchone()
        if got != want:
            raise SystemExit(f"visit {i} differs: iro {got} sqlite3 {want}")

    def with_iro():
        get = visits.get
        for i in ids:
            get(i)

    def with_sqlite():
        cur = con.cursor()
        execute = cur.execute
        for i in ids:
            execute(SQL, (i,)).fetchone()

    iro_s, base_s = common.take_turns(with_iro, with_sqlite, 3)
    office.close()
    con.close()
    rec = common.record(
        "get_by_id_visits", f"{CALLS} office.visits.get(id), random ids", iro_s,
        "sqlite3 execute+fetchone", base_s, 0.5, "iro <= 2x the baseline's time", scale=args.scale, calls=CALLS,
        checked=True, repeats=3,
        differs="iro.Visit makes each field a Python object when it is read (not in the timed loop); the tuple holds them",
        iro_us_per_call=iro_s / CALLS * 1e6, baseline_us_per_call=base_s / CALLS * 1e6)
    common.emit([rec], args.out)


if __name__ == "__main__":
    main()
