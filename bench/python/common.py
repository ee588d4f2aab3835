"""What the Python side-by-side measures share: timing, peak RSS of a child process,
the record format and the command line every script takes.

Each script compares iro's Python API with an honest baseline doing the same work in the
same run and reports the ratio ``speedup = baseline_seconds / iro_seconds``; the machine is
shared, so ratios are what count, not absolute times.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Sequence


HERE = os.path.dirname(os.path.abspath(__file__))
# The iro module of the ci build, unless IRO_PYTHON_DIR names another.
IRO_PYTHON_DIR = os.environ.get("IRO_PYTHON_DIR", os.path.join(os.path.dirname(os.path.dirname(HERE)), "build", "python"))
if IRO_PYTHON_DIR not in sys.path:
    sys.path.insert(0, IRO_PYTHON_DIR)


def import_iro():
    """The iro module from IRO_PYTHON_DIR, with a clear message when it is not built."""
    try:
        import iro  # noqa: F401
    except ImportError as e:
        sys.exit(f"cannot import iro from {IRO_PYTHON_DIR} ({e}); build it with: cmake --build --preset ci")
    return sys.modules["iro"]


def best_of(fn: Callable[[], Any], repeats: int = 3, setup: Callable[[], Any] | None = None,
            budget: float | None = None) -> tuple[float, Any]:
    """Best wall-clock time of ``repeats`` runs of ``fn`` (perf_counter), and the last result.

    ``setup`` runs before each run, untimed. With ``budget`` (seconds), stop repeating once
    the runs so far have taken that long (always at least one run)."""
    best = float("inf")
    result = None
    spent = 0.0
    for _ in range(max(1, repeats)):
        if setup is not None:
            setup()
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        best = min(best, dt)
        spent += dt
        if budget is not None and spent >= budget:
            break
    return best, result


def take_turns(with_iro: Callable[[], Any], with_baseline: Callable[[], Any], rounds: int) -> tuple[float, float]:
    """Best times of iro and of the baseline over ``rounds`` rounds, each side running once per
    round, in turn: load that drifts on a shared machine then falls on both sides alike."""
    iro_best = base_best = float("inf")
    for _ in range(max(1, rounds)):
        iro_best = min(iro_best, best_of(with_iro, 1)[0])
        base_best = min(base_best, best_of(with_baseline, 1)[0])
    return iro_best, base_best


def repeats_for(one_run_seconds: float, target_seconds: float = 3.0, lo: int = 1, hi: int = 7) -> int:
    """How many repeats make a measure take about ``target_seconds`` (between lo and hi)."""
    if one_run_seconds <= 0:
        return hi
    return int(max(lo, min(hi, target_seconds // one_run_seconds)))


def own_peak_rss_mib() -> float:
    """This process's peak resident set (VmHWM of /proc/self/status), in MiB.

    A child should report this itself: on Linux the ru_maxrss wait4 gives for a child also
    counts the parent's resident set at the time of the fork (it is carried across exec)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def run_child(argv: Sequence[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``argv`` as a child process that prints one JSON object on its last stdout line.

    Returns that object plus ``peak_rss_mib`` (the child's own high-water mark: the VmHWM it
    reports as ``peak_rss_mib``, see own_peak_rss_mib, else the ru_maxrss wait4 returns for
    it) and ``wall_seconds`` (the whole process, start-up included)."""
    full_env = dict(os.environ)
    full_env["IRO_PYTHON_DIR"] = IRO_PYTHON_DIR
    if env:
        full_env.update(env)
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err, env=full_env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        text, errors = out.read(), err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"child {' '.join(argv)} failed ({proc.returncode}):\n{errors}")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise RuntimeError(f"child {' '.join(argv)} printed nothing:\n{errors}")
    data = json.loads(lines[-1])
    data["ru_maxrss_mib"] = usage.ru_maxrss / 1024.0
    data.setdefault("peak_rss_mib", data["ru_maxrss_mib"])
    data["wall_seconds"] = wall
    return data


def record(id: str, what: str, iro_seconds: float, baseline_name: str, baseline_seconds: float,
           min_speedup: float, target_text: str, **extra: Any) -> dict[str, Any]:
    """One measure's result: speedup = baseline / iro, met = speedup >= min_speedup."""
    speedup = baseline_seconds / iro_seconds if iro_seconds > 0 else float("inf")
    rec: dict[str, Any] = {
        "id": id,
        "what": what,
        "iro_seconds": iro_seconds,
        "baseline": baseline_name,
        "baseline_seconds": baseline_seconds,
        "speedup": speedup,
        "min_speedup": min_speedup,
        "target": target_text,
        "met": speedup >= min_speedup,
    }
    rec.update(extra)
    if "met" in extra:  # a caller with a second condition passes the combined verdict
        rec["met"] = bool(extra["met"]) and speedup >= min_speedup
    return rec


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--work", required=True, help="directory with iro.db and empty.db (from iro_side_by_side load)")
    p.add_argument("--scale", default="S", choices=["S", "M", "L"])
    p.add_argument("--out", help="write the JSON list of records here")
    return p


def emit(records: list[dict[str, Any]], out: str | None) -> None:
    """Print the records and write them as a JSON list to ``out``."""
    for r in records:
        flag = "met" if r["met"] else "MISSED"
        print(f"{r['id']:<34} iro {r['iro_seconds']:9.4f}s  {r['baseline']:<28} {r['baseline_seconds']:9.4f}s"
              f"  x{r['speedup']:7.2f} (>= {r['min_speedup']}) {flag}")
    text = json.dumps(records, indent=2, default=str)
    if out:
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        with open(out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
