"""One office shared by many Python threads: calls are serialised, nothing is lost or corrupted."""

import sys
import threading
import time

import iro
from helpers import TODAY

WRITERS = 4
READERS = 4
INSTITUTIONS_PER_WRITER = 25
AGREEMENTS_PER_WRITER = 10
PARTNERS = 5


def test_threads_hammering_one_office(tmp_path):
    office = iro.open(tmp_path / "threads.db")
    office.institutions.add(name="Home University", country="PS", is_home=True)
    partners = [office.institutions.add(name=f"Partner {k}", country=c)
                for k, c in enumerate(["JO", "EG", "DE", "FR", "US"][:PARTNERS])]
    start = threading.Barrier(WRITERS + READERS)
    errors = []

    def writer(w):
        start.wait()
        for k in range(INSTITUTIONS_PER_WRITER):
            office.institutions.add(name=f"Writer {w} institution {k}", country="TN")
        for k in range(AGREEMENTS_PER_WRITER):
            a = office.agreements.add(title=f"Writer {w} agreement {k}", areas=["research"],
                                      partners=[partners[(w + k) % PARTNERS]], proposed_on="2025-01-01")
            if k % 2:
                a.transition("in_negotiation", "2025-02-01")
            else:
                office.agreements.transition(a.id, iro.AgreementStatus.IN_NEGOTIATION, "2025-02-01")

    def reader(r):
        start.wait()
        for _ in range(15):
            assert len(office.institutions) >= 1 + PARTNERS
            frame = office.institutions.to_frame(include_home=True)
            assert frame.id.is_unique
            office.agreements.to_frame(status="in_negotiation")
            office.agreements.find(region="asia")
            office.institutions.search("writer institution")
            office.agreements.expiring(within_days=365, on=TODAY)
            office.audit.latest(5)
            assert office.actor == "iro"

    def guarded(fn, n):
        try:
            fn(n)
        except BaseException as e:  # reported below, with the thread that failed
            errors.append((fn.__name__, n, repr(e)))

    threads = [threading.Thread(target=guarded, args=(writer, w)) for w in range(WRITERS)]
    threads += [threading.Thread(target=guarded, args=(reader, r)) for r in range(READERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a thread is stuck"
    assert errors == []

    institutions = 1 + PARTNERS + WRITERS * INSTITUTIONS_PER_WRITER
    agreements = WRITERS * AGREEMENTS_PER_WRITER
    assert len(office.institutions) == institutions
    assert len(office.agreements) == agreements
    assert office.agreements.count(status="in_negotiation") == agreements
    # One audit entry per add and per transition, none lost.
    assert len(office.audit) == institutions + agreements + agreements
    titles = {a.title for a in office.agreements}
    assert len(titles) == agreements
    office.close()


def test_close_while_other_threads_work(tmp_path):
    office = iro.open(tmp_path / "closing.db")
    office.institutions.add(name="Home University", country="PS", is_home=True)
    outcomes = []
    started = threading.Event()

    def worker():
        started.set()
        for k in range(200):
            try:
                office.institutions.add(name=f"Institution {k}", country="JO")
            except iro.StorageError as e:
                outcomes.append(str(e))
                return
        outcomes.append("finished")

    t = threading.Thread(target=worker)
    t.start()
    started.wait()
    office.close()
    t.join(timeout=60)
    assert not t.is_alive()
    assert len(outcomes) == 1
    assert outcomes[0] == "finished" or "store is closed" in outcomes[0]


def test_long_calls_release_the_gil():
    with iro.open(":memory:") as office:
        iro.generate_sample_data(office, seed=5, today=TODAY)
        progress = []
        go = threading.Event()
        stop = threading.Event()

        def spinner():
            go.wait()
            while not stop.is_set() and len(progress) < 10_000:
                progress.append(1)  # pure Python: it runs only while the main thread has let the GIL go
                time.sleep(0.0001)

        old = sys.getswitchinterval()
        # No forced switches: the main thread keeps the GIL unless a call gives it up.
        sys.setswitchinterval(1000)
        thread = threading.Thread(target=spinner)
        try:
            thread.start()
            go.set()
            for _ in range(200):
                office.agreements.find()  # C++ work only; converting the result never releases the GIL
                if progress:
                    break
            ran_meanwhile = bool(progress)
        finally:
            sys.setswitchinterval(old)
            stop.set()
            thread.join(timeout=60)
        assert ran_meanwhile, "another Python thread never ran during office.agreements.find()"
