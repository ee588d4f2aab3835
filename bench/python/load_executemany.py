"""Measure 2: iro's bulk load of the sample dataset against Python's sqlite3 executemany.

iro's time is the C++ load step's (``iro_side_by_side load``: open the store, add_many of
every collection in one transaction, close), passed in with --iro-seconds (or read from
DIR/load.json). The baseline writes exactly the rows iro wrote: every table of DIR/iro.db
(not ``meta``; the FTS5 table ``institution_search`` as ``rowid, folded``; not its shadow
tables), read into lists of tuples before timing, in the order of
bench/side_by_side/load_floor_tables.cpp. A fresh copy of empty.db is made before each run,
untimed, as the C++ step does for iro. Timed: connect, foreign_keys ON, WAL, one transaction
of executemany per table, commit, close. Row counts are checked. The two sides run in
different processes (iro in the C++ step, just before), so they do not take turns.
Target: iro at least 5x faster.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3

import common


def read_tables(path: str) -> list[tuple[str, list[str], list[tuple]]]:
    """(table, columns, rows) of every non-empty table iro wrote, in sqlite_master order."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    schema = con.execute("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' "
                         "AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
    virtual = [n for n, sql in schema if sql.startswith("CREATE VIRTUAL TABLE")]
    tables = []
    for name, sql in schema:
        if name == "meta" or any(name.startswith(v + "_") for v in virtual):
            continue
        is_virtual = name in virtual
        columns = (["rowid"] if is_virtual else []) + [r[1] for r in con.execute(f"PRAGMA table_info({name})")]
        select = f"SELECT {', '.join(columns)} FROM {name}"
        if is_virtual or "WITHOUT ROWID" not in sql:
            select += " ORDER BY rowid"
        rows = con.execute(select).fetchall()
        if rows:
            tables.append((name, columns, rows))
    con.close()
    return tables


def remove_db(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def fresh_copy(empty: str, target: str) -> None:
    remove_db(target)
    shutil.copyfile(empty, target)


def load(target: str, tables) -> None:
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("BEGIN")
    for name, columns, rows in tables:
        marks = ", ".join("?" * len(columns))
        con.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows)
    con.execute("COMMIT")
    con.close()


def count_rows(path: str, tables) -> dict[str, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name, _, _ in tables}
    con.close()
    return counts


def main() -> None:
    p = common.parser(__doc__.splitlines()[0])
    p.add_argument("--iro-seconds", type=float, help="iro's load time from the C++ load step")
    p.add_argument("--repeats", type=int, default=0, help="baseline repeats (default: about 3 s worth, at most 3)")
    args = p.parse_args()
    iro_db = os.path.join(args.work, "iro.db")
    empty = os.path.join(args.work, "empty.db")
    iro_seconds = args.iro_seconds
    if iro_seconds is None:
        with open(os.path.join(args.work, "load.json")) as f:
            iro_seconds = json.load(f)["iro_seconds"]

    tables = read_tables(iro_db)
    expected = {name: len(rows) for name, _, rows in tables}
    target = os.path.join(args.work, "executemany.db")

    first, _ = common.best_of(lambda: load(target, tables), 1, setup=lambda: fresh_copy(empty, target))
    repeats = args.repeats or common.repeats_for(first, 3.0, 1, 3)
    seconds = first
    if repeats > 1:
        again, _ = common.best_of(lambda: load(target, tables), repeats - 1, setup=lambda: fresh_copy(empty, target))
        seconds = min(first, again)
    got = count_rows(target, tables)
    if got != expected:
        raise SystemExit(f"row counts differ: {got} != {expected}")
    remove_db(target)

    rec = common.record(
        "load_executemany", f"bulk load of the {args.scale} sample dataset ({sum(expected.values())} rows)",
        iro_seconds, "python sqlite3 executemany", seconds, 5.0, "iro >= 5x faster",
        scale=args.scale, rows=sum(expected.values()), tables=expected, checked=True, repeats=repeats)
    common.emit([rec], args.out)


if __name__ == "__main__":
    main()
