"""Crash safety: child processes killed with SIGKILL in the middle of their work leave a store
that is whole, holds either none or all of an import, and opens and works.

* Imports: the `iro` command line (IRO_CLI) imports a synthesised ROR dump, a CSV file and a
  snapshot archive into fresh copies of a base database and is killed at random moments, 50
  times in all. The moments are spread uniformly over 0 to 1.1 times the duration of one
  uninterrupted import, measured first, so some kills land before the import starts writing,
  most inside its transaction, and a few after its commit. stderr is a terminal, so the
  progress bar of the ROR and CSV imports, drawn only from inside the import's transaction,
  tells which kills landed mid-import. Nine more kills are aimed at the commit itself: the
  child dies the moment the write-ahead log starts to grow, mostly before its commit record.
* Lifecycle: a Python child moves agreements through their lifecycle (moves, signatures,
  renewals, note and quota changes) in an endless loop and is killed at random moments; the
  same file is reopened by the next child, round after round.

After every kill: SQLite's `integrity_check` is ok and `foreign_key_check` finds nothing; an
import is all or nothing (every table count and the logical dump, audit times aside, equal
the state before the import or after a complete one); every agreement's status is the last
move of its history and every change has its audit entry; the store opens and takes a write.

The kill moments come from a seeded random.Random. The seed is printed in every failure
message; IRO_CRASH_SEED=<n> repeats the moments of a run (a busy machine still shifts what
the child has reached by then).
"""

import copy
import csv
import datetime as dt
import hashlib
import io
import json
import os
import pathlib
import pty
import random
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

import iro

REPO = pathlib.Path(__file__).resolve().parents[2]
ROR_SAMPLE = REPO / "tests" / "data" / "ror-v2-sample-400.json"
TODAY = "2026-01-15"
ACTOR = "crash-test"

# Sizes chosen so that one import takes roughly 0.5 to 2 s on a small, shared machine.
ROR_COPIES = 6  # fresh copies of the 400 sample records, after the 400 themselves (updated)
CSV_COPIES = 6  # new institutions per partner of the sample office, after its rows (updated)
KILLS = {"ror": 17, "csv": 17, "archive": 16}
COMMIT_KILLS = 3  # per import kind, aimed at the moment its commit writes the log
LIFECYCLE_KILLS = 12
KILL_SPAN = 1.1  # kills are spread over 0 .. KILL_SPAN x the measured import duration
WAL_HEADER_BYTES = 32  # a write-ahead log longer than its header holds page frames

SEED = int(os.environ.get("IRO_CRASH_SEED", random.SystemRandom().randrange(1 << 32)))

# ---- Synthesised input -------------------------------------------------------------------------

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def ror_id(number):
    """The ROR id of a 30-bit number: '0', six Crockford base-32 digits, the ISO 7064 mod 97-10 checksum."""
    digits = "".join(CROCKFORD[(number >> (5 * k)) & 31] for k in range(5, -1, -1))
    return f"https://ror.org/0{digits}{98 - (number * 100) % 97:02d}"


def ror_number(ror):
    n = 0
    for c in ror[-8:-2]:
        n = n * 32 + CROCKFORD.index(c)
    return n


def synthesise_ror_dump(sample, copies):
    """The sample records, each changed (so a re-import updates them), then `copies` copies of
    them under fresh ROR ids, with relationships pointing inside the same copy."""
    records = []
    for r in sample:
        changed = copy.deepcopy(r)
        changed["admin"]["last_modified"]["date"] = "2026-02-01"
        records.append(changed)
    used = {ror_number(r["id"]) for r in sample}
    number = 123_456
    for c in range(copies):
        fresh = {}
        for r in sample:
            while number in used:
                number = (number + 7919) % (32**6)
            used.add(number)
            fresh[r["id"]] = ror_id(number)
        for r in sample:
            record = copy.deepcopy(r)
            record["id"] = fresh[r["id"]]
            for rel in record.get("relationships") or []:
                rel["id"] = fresh.get(rel["id"], rel["id"])
            for name in record["names"]:
                if "ror_display" in name["types"]:
                    name["value"] = f"{name['value']} ({c + 1})"
            records.append(record)
    return records


def synthesise_institutions_csv(exported, copies):
    """An institutions CSV: every exported row with its city changed (the home institution
    unchanged), then `copies` new institutions per partner, without ids or unique identifiers."""
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        if row["is_home"] != "true":
            row = dict(row, city=f"{row['city']} (moved)")
        writer.writerow(row)
    for c in range(copies):
        for row in rows:
            if row["is_home"] == "true":
                continue
            names = json.loads(row["names"])
            for name in names:
                name["value"] = f"{name['value']} {c + 1}"
            writer.writerow(dict(row, id="", ror="", erasmus="", schac="", pic="", successor="",
                                 names=json.dumps(names, ensure_ascii=False),
                                 status="active" if row["status"] == "merged" else row["status"]))
    return out.getvalue()


# ---- Running and killing children --------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_path():
    given = os.environ.get("IRO_CLI")
    if not given:
        pytest.fail("IRO_CLI is not set: point it at the built command line, e.g. IRO_CLI=build/bindings/cli/iro",
                    pytrace=False)
    path = pathlib.Path(given)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"IRO_CLI={given} is not an executable file: build the iro_cli target", pytrace=False)
    return path


def child_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("IRO_")}
    env["IRO_ACTOR"] = ACTOR
    return env


class Child:
    """A child process whose stderr is a terminal, read by a thread so that it never blocks."""

    def __init__(self, argv):
        master, slave = pty.openpty()
        self.proc = subprocess.Popen([str(a) for a in argv], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=slave, env=child_environment())
        os.close(slave)
        self.started = time.monotonic()
        self._master = master
        self._terminal = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self):
        while True:
            try:
                data = os.read(self._master, 65536)
            except OSError:  # EIO once the child's end is closed
                return
            if not data:
                return
            self._terminal += data

    def kill_after(self, delay):
        """SIGKILL after `delay` seconds unless the child has exited. True when it was killed."""
        time.sleep(delay)
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        return self.finish() == -signal.SIGKILL

    def kill_when_growing(self, path, size, timeout=300):
        """SIGKILL as soon as the file at `path` is longer than `size` bytes (polled as fast as
        possible), unless the child exits first. True when it was killed."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            try:
                grown = os.stat(path).st_size > size
            except FileNotFoundError:
                grown = False
            if grown:
                os.kill(self.proc.pid, signal.SIGKILL)
                break
            time.sleep(0.0002)
        return self.finish() == -signal.SIGKILL

    def finish(self, timeout=300):
        self.proc.wait(timeout=timeout)
        self.elapsed = time.monotonic() - self.started
        self.stdout = self.proc.stdout.read().decode("utf-8", "replace")
        self.proc.stdout.close()
        self._reader.join(timeout=10)
        os.close(self._master)
        self.terminal = self._terminal.decode("utf-8", "replace")
        return self.proc.returncode


# ---- Looking at a database ---------------------------------------------------------------------


def sqlite_checks(db, context):
    """integrity_check and foreign_key_check (recovering the write-ahead log a kill left behind),
    then the row count of every table."""
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchall()
        assert integrity == [("ok",)], f"{context}: integrity_check says {integrity}"
        violations = con.execute("PRAGMA foreign_key_check").fetchall()
        assert violations == [], f"{context}: foreign_key_check found {violations[:10]}"
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def content_digest(office):
    """SHA-256 of the logical dump with the audit log's times left out (they differ between runs)."""
    lines = []
    in_audit = False
    for line in office.logical_dump().splitlines():
        if line.startswith("table "):
            in_audit = line.startswith("table audit_log ")
        elif in_audit:
            entry_id, _at, rest = line.split(" | ", 2)
            line = f"{entry_id} | - | {rest}"
        lines.append(line)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def state_of(db, context):
    counts = sqlite_checks(db, context)
    with iro.open(str(db), actor="crash-check", create=False) as office:
        digest = content_digest(office)
    return counts, digest


def check_store_works(db, label, context):
    """The store opens, takes a new institution, finds it again and answers a query."""
    with iro.open(str(db), actor="crash-check", create=False) as office:
        before = len(office.institutions)
        added = office.institutions.add(name=f"Partner added after {label}", country="JO", city="Irbid")
        assert office.institutions.get(added.id).display_name == f"Partner added after {label}", context
        assert added.id in [i.id for i in office.institutions.search(f"added after {label}")], context
        assert len(office.institutions) == before + 1, context
        assert office.institutions.count(country="JO") >= 1, context
        assert office.audit.for_entity("institution", added.id)[-1].action == "add", context
    counts = sqlite_checks(db, context + ", after a new write")
    return counts


def copy_base(base, directory):
    directory.mkdir()
    target = directory / "office.db"
    shutil.copyfile(base, target)
    assert not pathlib.Path(f"{target}-wal").exists() and not pathlib.Path(f"{target}-shm").exists()
    return target


# ---- The three imports -------------------------------------------------------------------------


class ImportKind:
    """One import under test: its base database, its command, and what one full run leaves."""

    def __init__(self, name, base, arguments, summary):
        self.name = name
        self.base = base
        self.arguments = arguments  # after `iro import`, with {db} for the database
        self.summary = summary  # a line the command prints when it is done

    def argv(self, cli, db):
        return [cli, "import", *(str(db) if a == "{db}" else a for a in self.arguments)]


def run_cli(cli, *args):
    result = subprocess.run([str(cli), *map(str, args)], capture_output=True, env=child_environment(), timeout=600)
    assert result.returncode == 0, f"iro {' '.join(map(str, args))}: exit {result.returncode}: {result.stderr!r}"
    return result.stdout.decode("utf-8")


def no_wal(db):
    for suffix in ("-wal", "-shm"):
        assert not pathlib.Path(f"{db}{suffix}").exists(), f"{db}{suffix} left beside the base database"
    return db


@pytest.fixture(scope="module")
def inputs(cli_path, tmp_path_factory):
    """The base databases and the large input files, made once for the module."""
    root = tmp_path_factory.mktemp("crash-inputs")

    # A sample office that also holds the 400 sample ROR records: the base of the ROR and CSV runs.
    office = root / "office.db"
    run_cli(cli_path, "init", "--db", office, "--sample", "--seed", 7, "--today", TODAY)
    run_cli(cli_path, "import", "ror", "--db", office, ROR_SAMPLE)
    no_wal(office)

    sample = json.loads(ROR_SAMPLE.read_text(encoding="utf-8"))
    dump = root / "ror-dump.json"
    dump.write_text(json.dumps(synthesise_ror_dump(sample, ROR_COPIES)), encoding="utf-8")

    exported = run_cli(cli_path, "export", "csv", "--db", office, "institutions")
    institutions_csv = root / "institutions.csv"
    institutions_csv.write_bytes(synthesise_institutions_csv(exported, CSV_COPIES).encode("utf-8"))

    # The archive: the base office after the whole ROR dump, as a binary archive (the quickest
    # to parse, so more kills land in its write). It loads only into a database without office
    # data, so its base is a new, empty one.
    full = root / "full.db"
    shutil.copyfile(office, full)
    run_cli(cli_path, "import", "ror", "--db", full, dump)
    archive = root / "office.archive"
    run_cli(cli_path, "export", "archive", "--db", full, "--format", "binary", "-o", archive)
    empty = root / "empty.db"
    run_cli(cli_path, "init", "--db", empty)
    no_wal(empty)

    return {
        "ror": ImportKind("ror", office, ["ror", "--db", "{db}", str(dump)], "Imported the ROR dump"),
        "csv": ImportKind("csv", office, ["csv", "--db", "{db}", "institutions", str(institutions_csv)],
                          "Imported institutions"),
        "archive": ImportKind("archive", empty, ["archive", "--db", "{db}", str(archive)], "Loaded the archive"),
    }


class Measured:
    """One uninterrupted import into a fresh copy: its duration and the states before and after."""

    def __init__(self, kind, cli, work):
        self.kind = kind
        self.before = state_of(copy_base(kind.base, work / "before"), f"{kind.name}: the base")
        db = copy_base(kind.base, work / "full")
        child = Child(kind.argv(cli, db))
        assert child.finish() == 0, f"{kind.name}: the uninterrupted import failed: {child.stdout} {child.terminal}"
        assert kind.summary in child.stdout
        self.duration = child.elapsed
        self.after = state_of(db, f"{kind.name}: after the uninterrupted import")
        assert self.after[0] != self.before[0], f"{kind.name}: the import changed no table count"
        shutil.rmtree(db.parent)


@pytest.fixture(scope="module")
def measured(inputs, cli_path, tmp_path_factory):
    """Measured(kind) for each import kind, made the first time a test asks for it."""
    done = {}

    def get(name):
        if name not in done:
            done[name] = Measured(inputs[name], cli_path, tmp_path_factory.mktemp(f"measure-{name}"))
        return done[name]

    return get


def differing_tables(counts, expected):
    return {t: (counts.get(t), expected.get(t)) for t in sorted(set(counts) | set(expected))
            if counts.get(t) != expected.get(t)}


def after_the_kill(m, db, child, killed, label, context):
    """Checks a database a killed import left; says where the kill landed and logs it."""
    if not killed:
        assert child.proc.returncode == 0, f"{context}: the import failed: {child.stdout} {child.terminal}"
        assert m.kind.summary in child.stdout, f"{context}: {child.stdout}"
    wal = pathlib.Path(f"{db}-wal")
    wal_bytes = wal.stat().st_size if wal.exists() else 0

    counts, digest = state_of(db, context)
    if (counts, digest) == m.before:
        state = "before"
    elif (counts, digest) == m.after:
        state = "after"
    else:
        pytest.fail(f"{context}: a partial import. Tables that differ from the state before: "
                    f"{differing_tables(counts, m.before[0])}; from the state after: "
                    f"{differing_tables(counts, m.after[0])}; same counts but other content: "
                    f"{counts in (m.before[0], m.after[0])}. The database is kept at {db}")
    progress_drawn = child.terminal.strip() != ""
    if not killed:
        assert state == "after", f"{context}: the import ended normally but the store holds none of it"
        where = "after the exit"
    elif state == "after":
        where = "after its commit"
    elif wal_bytes > WAL_HEADER_BYTES:
        where = "with pages written, uncommitted"
    elif progress_drawn:
        where = "mid-import"
    else:
        where = "before its start"
    check_store_works(db, label, context)
    shutil.rmtree(db.parent)
    note = f"{state}{'+progress' if progress_drawn else ''}{f'+wal{wal_bytes}' if wal_bytes else ''}"
    return where, note + ("" if killed else "(exited)")


WHERE = ["before its start", "mid-import", "with pages written, uncommitted", "after its commit", "after the exit"]


@pytest.mark.parametrize("name", list(KILLS))
def test_an_import_killed_at_a_random_moment_leaves_all_or_nothing(name, measured, cli_path, tmp_path):
    m = measured(name)
    rng = random.Random(f"{SEED}-{name}")
    landed = dict.fromkeys(WHERE, 0)
    log = []
    for n in range(KILLS[name]):
        delay = rng.uniform(0.0, KILL_SPAN * m.duration)
        context = (f"{name} kill {n + 1}/{KILLS[name]}, seed {SEED} (IRO_CRASH_SEED), delay {delay:.3f} s "
                   f"of a {m.duration:.3f} s import")
        db = copy_base(m.kind.base, tmp_path / f"kill-{n}")
        child = Child(m.kind.argv(cli_path, db))
        killed = child.kill_after(delay)
        where, note = after_the_kill(m, db, child, killed, f"{name} kill {n}", context)
        landed[where] += 1
        log.append(f"{delay:.3f}s:{note}")

    report = f"{name}: seed {SEED}, import {m.duration:.3f} s, kills landed {landed}; {' '.join(log)}"
    print(report)
    interrupted = landed["before its start"] + landed["mid-import"] + landed["with pages written, uncommitted"]
    assert interrupted >= 3, f"too few kills interrupted the import: {report}"
    if name != "archive":  # the archive load draws no progress bar
        assert landed["mid-import"] >= 1, f"no kill was seen to land inside the import: {report}"


@pytest.mark.parametrize("name", list(KILLS))
def test_an_import_killed_while_its_commit_writes_the_log_leaves_all_or_nothing(name, measured, cli_path, tmp_path):
    """Kills aimed at the commit: the import's pages reach the write-ahead log only when it
    commits, so the child is killed the moment the log grows past its header. Whether the
    commit record made it or not, the store holds all of the import or none of it."""
    m = measured(name)
    landed = dict.fromkeys(WHERE, 0)
    log = []
    for n in range(COMMIT_KILLS):
        context = f"{name} commit kill {n + 1}/{COMMIT_KILLS}, killed when the log first grew"
        db = copy_base(m.kind.base, tmp_path / f"kill-{n}")
        child = Child(m.kind.argv(cli_path, db))
        killed = child.kill_when_growing(pathlib.Path(f"{db}-wal"), WAL_HEADER_BYTES)
        where, note = after_the_kill(m, db, child, killed, f"{name} commit kill {n}", context)
        landed[where] += 1
        log.append(note)

    report = f"{name} commit kills: {landed}; {' '.join(log)}"
    print(report)
    assert landed["after the exit"] < COMMIT_KILLS, f"the import always ended before its kill: {report}"


def test_the_checks_tell_a_partial_import_from_a_whole_one(measured, tmp_path):
    """What the kills are judged by: one changed row, one row too many, or one table too few
    rows is neither the state before nor the state after."""
    m = measured("ror")
    for n, sql in enumerate(["UPDATE institution SET city = 'Nablus' WHERE id = (SELECT max(id) FROM institution)",
                             "INSERT INTO institution_name (institution_id, position, value, lang, kind) "
                             "SELECT id, 99, 'Half an import', 'en', 'alias' FROM institution WHERE is_home = 1",
                             "DELETE FROM ror_link WHERE (institution_id, position) = (SELECT institution_id, position "
                             "FROM ror_link ORDER BY institution_id DESC, position DESC LIMIT 1)"]):
        db = copy_base(m.kind.base, tmp_path / f"changed-{n}")
        con = sqlite3.connect(db)
        with con:
            assert con.execute(sql).rowcount == 1
        con.close()
        state = state_of(db, sql)
        assert state != m.before and state != m.after, sql
        assert state[1] != m.before[1], sql


# ---- Agreement lifecycle -----------------------------------------------------------------------

# The child: opens the store, says "ready", then forever makes one write at a time on the
# agreements that are not final: the next lifecycle move (sent back for changes now and then),
# a signature, entry into force, renewal or termination, or a new note and quota. It keeps
# about six agreements open, adding new ones as others end.
LIFECYCLE_CHILD = r'''
import datetime as dt
import itertools
import sys

sys.path.insert(0, sys.argv[2])
import iro

FINAL = {iro.AgreementStatus.RENEWED, iro.AgreementStatus.TERMINATED}
office = iro.open(sys.argv[1], actor="lifecycle-child", create=False)
home = office.home.id
partners = [i.id for i in office.institutions.find()]
first = int(sys.argv[3])
print("ready", flush=True)


def step(a, k):
    on = a.history()[-1].on + dt.timedelta(days=1)
    s = a.status
    if k % 5 == 0:
        a.note = f"note of step {k}"
        if k % 10 == 0:
            a.quotas = [iro.MobilityQuota(sending=home, receiving=a.parties[1].institution, type="staff_teaching",
                                          academic_years=["2026/2027"], mobilities_per_year=1 + k % 7)]
        office.agreements.update(a)
    elif s == iro.AgreementStatus.PROPOSED:
        office.agreements.transition(a, "in_negotiation", on)
    elif s == iro.AgreementStatus.IN_NEGOTIATION:
        office.agreements.transition(a, "under_review", on, f"step {k}")
    elif s == iro.AgreementStatus.UNDER_REVIEW:
        office.agreements.transition(a, "in_negotiation" if k % 3 == 0 else "awaiting_signature", on)
    elif s == iro.AgreementStatus.AWAITING_SIGNATURE:
        unsigned = [p for p in a.parties if p.signed_on is None]
        if unsigned:
            office.agreements.sign(a, unsigned[0].institution, on, "Rector")
        else:
            office.agreements.enter_into_force(a, on)
    elif a.predecessor is None and k % 2 == 0:
        office.agreements.renew(a, on, on, on + dt.timedelta(days=3 * 365))
    else:
        office.agreements.terminate(a, on, f"ended at step {k}")


for k in itertools.count(first):
    open_ones = [a for a in office.agreements.find() if a.status not in FINAL]
    if len(open_ones) < 6:
        office.agreements.add(title=f"Lifecycle agreement {k}", areas=["research"], proposed_on="2026-01-01",
                              parties=[iro.Party(institution=home), iro.Party(institution=partners[k % len(partners)])])
    else:
        step(open_ones[k % len(open_ones)], k)
'''


def lifecycle_checks(db, context):
    """Each agreement's status is its last move, every move, signature and change has its audit
    entry, and each agreement's latest audit entry shows it as it is stored."""
    sqlite_checks(db, context)
    con = sqlite3.connect(db)
    try:
        agreements = con.execute("SELECT id, status, note, in_force_from, terminated_on, predecessor_id "
                                 "FROM agreement ORDER BY id").fetchall()
        for aid, status, note, in_force_from, terminated_on, predecessor in agreements:
            where = f"{context}, agreement {aid}"
            moves = con.execute("SELECT from_status, to_status FROM agreement_transition WHERE agreement_id = ? "
                                "ORDER BY id", (aid,)).fetchall()
            assert moves and moves[0][0] is None, f"{where}: history {moves} does not start with its creation"
            assert moves[-1][1] == status, f"{where}: status {status} but the last move is {moves[-1]}"
            assert all(moves[k][0] == moves[k - 1][1] for k in range(1, len(moves))), f"{where}: history {moves}"

            audit = con.execute("SELECT action, after FROM audit_log WHERE entity = 'agreement' AND entity_id = ? "
                                "ORDER BY id", (aid,)).fetchall()
            actions = [a for a, _ in audit]
            created = None
            if predecessor is None:
                assert actions[0] == "add" and actions.count("add") == 1, f"{where}: audit actions {actions}"
            else:
                # A renewal's successor is created by the one "renew" entry of its predecessor.
                assert "add" not in actions, f"{where}: audit actions {actions}"
                renewals = [json.loads(after) for (after,) in con.execute(
                    "SELECT after FROM audit_log WHERE entity = 'agreement' AND entity_id = ? AND action = 'renew'",
                    (predecessor,))]
                created = [r["successor"] for r in renewals if r.get("successor", {}).get("id") == aid]
                assert len(created) == 1, f"{where}: no renew entry of agreement {predecessor} creates it"
            audited_moves = sum(a in ("transition", "renew") for a in actions)
            assert audited_moves == len(moves) - 1, f"{where}: {len(moves) - 1} moves but audit actions {actions}"
            parties = con.execute("SELECT institution_id, signed_on FROM agreement_party WHERE agreement_id = ? "
                                  "ORDER BY position", (aid,)).fetchall()
            if predecessor is None:  # a renewal's successor is created signed
                signed = sum(s is not None for _, s in parties)
                assert actions.count("sign") == signed, f"{where}: {signed} signatures but audit actions {actions}"
            quotas = [q for (q,) in con.execute("SELECT mobilities_per_year FROM mobility_quota WHERE agreement_id = ? "
                                                 "ORDER BY position", (aid,))]

            latest = json.loads(audit[-1][1]) if audit else created[0]
            stored = {"status": status, "note": note, "in_force_from": in_force_from, "terminated_on": terminated_on,
                      "signed_on": [s for _, s in parties], "quotas": quotas}
            audited = {"status": latest["status"], "note": latest["note"], "in_force_from": latest["in_force_from"],
                       "terminated_on": latest["terminated_on"],
                       "signed_on": [p["signed_on"] for p in latest["parties"]],
                       "quotas": [q["mobilities_per_year"] for q in latest["quotas"]]}
            assert stored == audited, f"{where}: stored {stored}, the latest audit entry {audited}"
        writes = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        return len(agreements), writes
    finally:
        con.close()


def test_the_lifecycle_checks_find_a_move_without_its_history_or_audit_entry(tmp_path):
    db = tmp_path / "checked.db"
    with iro.open(str(db), actor=ACTOR) as office:
        home = office.institutions.add(name="Home University", country="PS", is_home=True)
        partner = office.institutions.add(name="University of Jordan", country="JO")
        a = office.agreements.add(title="MoU", areas=["research"], proposed_on="2026-01-01",
                                  parties=[iro.Party(institution=home.id), iro.Party(institution=partner.id)])
        office.agreements.transition(a, "in_negotiation", "2026-01-02")
    assert lifecycle_checks(db, "whole") == (1, 4)

    broken = [
        ("UPDATE agreement SET status = 'under_review'", "status under_review but the last move is"),
        ("DELETE FROM audit_log WHERE action = 'transition'", "1 moves but audit actions ['add']"),
        ("UPDATE agreement SET note = 'changed behind the audit log'", "the latest audit entry {"),
    ]
    for n, (sql, message) in enumerate(broken):
        changed = tmp_path / f"broken-{n}.db"
        shutil.copyfile(db, changed)
        con = sqlite3.connect(changed)
        with con:
            con.execute(sql)
        con.close()
        with pytest.raises(AssertionError, match=re.escape(message)):
            lifecycle_checks(changed, sql)


def wait_for_line(proc, expected, timeout, context):
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    line = proc.stdout.readline().decode("utf-8", "replace").strip() if ready else ""
    if line != expected:
        proc.kill()
        proc.wait()
        pytest.fail(f"{context}: the child said {line!r} instead of {expected!r}: {proc.stderr.read()!r}")


def end_one_agreement(db, note, context):
    """A lifecycle move after the kill: the oldest agreement still open is terminated."""
    with iro.open(str(db), actor="crash-check", create=False) as office:
        final = {iro.AgreementStatus.RENEWED, iro.AgreementStatus.TERMINATED}
        a = next(a for a in office.agreements.find() if a.status not in final)
        on = a.history()[-1].on + dt.timedelta(days=1)
        office.agreements.terminate(a, on, note)
        assert office.agreements.get(a.id).status == iro.AgreementStatus.TERMINATED, context
        last = office.agreements.history(a.id)[-1]
        assert (last.to, last.on, last.note, last.actor) == (iro.AgreementStatus.TERMINATED, on, note, "crash-check")


def test_agreement_moves_killed_at_random_moments_stay_whole_and_audited(tmp_path):
    db = tmp_path / "lifecycle.db"
    with iro.open(str(db), actor=ACTOR) as office:
        home = office.institutions.add(name="Palestine Polytechnic University", country="PS", is_home=True)
        partners = [office.institutions.add(name=n, country=c) for n, c in
                    [("University of Jordan", "JO"), ("University of Warsaw", "PL"), ("Université de Sfax", "TN")]]
        office.agreements.add(title="MoU already moving", areas=["research"], proposed_on="2025-12-01",
                              parties=[iro.Party(institution=home.id), iro.Party(institution=partners[0].id)])
    python_dir = os.path.dirname(os.path.dirname(iro.__file__))
    rng = random.Random(f"{SEED}-lifecycle")
    agreements, writes = lifecycle_checks(db, "the base")
    grew = 0
    log = []
    for n in range(LIFECYCLE_KILLS):
        delay = rng.uniform(0.0, 0.6)
        context = f"lifecycle kill {n + 1}/{LIFECYCLE_KILLS}, seed {SEED} (IRO_CRASH_SEED), delay {delay:.3f} s"
        proc = subprocess.Popen([sys.executable, "-c", LIFECYCLE_CHILD, str(db), python_dir, str(1000 * n)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=child_environment())
        try:
            wait_for_line(proc, "ready", 120, context)
            time.sleep(delay)
            assert proc.poll() is None, f"{context}: the child stopped by itself: {proc.stderr.read()!r}"
            os.kill(proc.pid, signal.SIGKILL)
            assert proc.wait(timeout=60) == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()

        now_agreements, now_writes = lifecycle_checks(db, context)
        grew += now_writes > writes
        log.append(f"{delay:.3f}s:+{now_writes - writes}")
        check_store_works(db, f"lifecycle kill {n}", context)
        end_one_agreement(db, f"ended after lifecycle kill {n}", context)
        agreements, writes = lifecycle_checks(db, context + ", after new writes")
        assert agreements == now_agreements

    report = f"lifecycle: seed {SEED}, writes committed before each kill: {' '.join(log)}"
    print(report)
    # The kills really landed while the child was writing.
    assert grew >= LIFECYCLE_KILLS // 2, report
