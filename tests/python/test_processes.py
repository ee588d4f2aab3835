"""Several processes writing one database file at once: nothing is lost, nobody sees SQLITE_BUSY,
and readers only ever see whole transactions.

Each writer makes 1,000 mixed writes (institutions, agreements with their parties, lifecycle
moves). Two readers watch meanwhile. Waiting for the write lock is the store's job (busy timeout
inside the store), so any error at all in a child fails the test.
"""

import multiprocessing as mp
import os
import sqlite3
import sys
import threading

import pytest

import iro

WRITERS = 4
WRITES_PER_WRITER = 1000
READERS = 2


def _writer(path, python_dir, w, out):
    sys.path.insert(0, python_dir)
    import iro as child_iro

    try:
        office = child_iro.open(path, actor=f"writer-{w}")
        home = office.home.id
        mine = office.institutions.add(name=f"Writer {w} partner", country="JO")
        writes = {"institutions": 1, "agreements": 0, "moves": 0}
        pending = []
        for k in range(WRITES_PER_WRITER - 1):
            if k % 3 == 0:
                office.institutions.add(name=f"Writer {w} institution {k}", country="TN")
                writes["institutions"] += 1
            elif k % 3 == 1 or not pending:
                a = office.agreements.add(title=f"Writer {w} agreement {k}", areas=["research"],
                                          parties=[child_iro.Party(institution=home),
                                                   child_iro.Party(institution=mine)],
                                          proposed_on="2025-01-01")
                pending.append(a.id)
                writes["agreements"] += 1
            else:
                office.agreements.transition(pending.pop(0), child_iro.AgreementStatus.IN_NEGOTIATION, "2025-02-01")
                writes["moves"] += 1
        out.put(("ok", w, writes))
    except BaseException as e:  # reported to the parent, which fails the test
        out.put(("error", w, repr(e)))


def _reader(path, python_dir, r, stop, out):
    sys.path.insert(0, python_dir)
    import iro as child_iro

    try:
        office = child_iro.open(path, actor=f"reader-{r}")
        last_institutions = 0
        last_agreements = 0
        looks = 0
        while not stop.is_set() or looks < 5:
            institutions = len(office.institutions.find(include_home=True))
            agreements = office.agreements.find()
            # Counts only grow, and an agreement is never seen without both of its parties.
            assert institutions >= last_institutions, (institutions, last_institutions)
            assert len(agreements) >= last_agreements, (len(agreements), last_agreements)
            for a in agreements:
                assert len(a.parties) == 2, (a.id, a.parties)
            last_institutions, last_agreements = institutions, len(agreements)
            looks += 1
        out.put(("ok", r, looks))
    except BaseException as e:
        out.put(("error", r, repr(e)))


def test_four_writer_processes_and_two_readers_share_one_file(tmp_path):
    path = str(tmp_path / "shared.db")
    with iro.open(path) as office:
        office.institutions.add(name="Home University", country="PS", is_home=True)
    python_dir = os.path.dirname(os.path.dirname(iro.__file__))

    ctx = mp.get_context("spawn")  # a fresh interpreter each: no connection crosses a fork
    out = ctx.Queue()
    stop = ctx.Event()
    writers = [ctx.Process(target=_writer, args=(path, python_dir, w, out)) for w in range(WRITERS)]
    readers = [ctx.Process(target=_reader, args=(path, python_dir, r, stop, out)) for r in range(READERS)]
    for p in readers + writers:
        p.start()
    results = [out.get(timeout=600) for _ in writers]
    stop.set()
    results += [out.get(timeout=600) for _ in readers]
    for p in readers + writers:
        p.join(timeout=60)
        assert p.exitcode == 0

    errors = [r for r in results if r[0] != "ok"]
    assert errors == []
    totals = {"institutions": 0, "agreements": 0, "moves": 0}
    for kind, _, payload in results:
        if isinstance(payload, dict):
            for key, n in payload.items():
                totals[key] += n
    assert sum(totals.values()) == WRITERS * WRITES_PER_WRITER

    with iro.open(path) as office:
        # Every write is there: counted per kind, and each writer's audit trail is complete.
        assert len(office.institutions.find(include_home=True)) == 1 + totals["institutions"]
        agreements = office.agreements.find()
        assert len(agreements) == totals["agreements"]
        in_negotiation = [a for a in agreements if a.status == iro.AgreementStatus.IN_NEGOTIATION]
        assert len(in_negotiation) == totals["moves"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_write_waits_for_another_connections_lock_and_gives_up_after_the_busy_timeout(tmp_path):
    path = str(tmp_path / "locked.db")
    with iro.open(path) as office:
        office.institutions.add(name="Home University", country="PS", is_home=True)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)

    # Another connection holds the write lock longer than the timeout: a typed error, nothing written.
    with iro.open(path, busy_timeout_ms=300) as office:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(iro.StorageError, match="locked"):
            office.institutions.add(name="Too late", country="JO")
        other.execute("COMMIT")

    # Released before the timeout: the write waits for it and succeeds.
    with iro.open(path, busy_timeout_ms=10000) as office:
        other.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
        release.start()
        office.institutions.add(name="Patient partner", country="JO")
        release.join()
        names = sorted(i.display_name for i in office.institutions.find())
    other.close()
    assert names == ["Patient partner"]
