"""Merges the side-by-side results of one ./scripts/bench run into one JSON file and a
Markdown table: measure, iro's time, the baseline's, the ratio, the target and whether it
is met.

Usage: report.py --work-root DIR --scales S,M,L --out FILE [--markdown FILE]
DIR/<scale>/ holds load.json, queries.json, snapshot.json and python.json,
and DIR/micro.json the Google Benchmark results (all written by scripts/bench). Ratios are speedups: the baseline's time over iro's, so above 1
means iro is faster. Each target is a least speedup: "<= 1.5x the floor" is 1/1.5.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
from typing import Any


def record(id: str, what: str, scale: str, iro: float, baseline: str, baseline_seconds: float, min_speedup: float,
           target: str, **extra: Any) -> dict[str, Any]:
    speedup = baseline_seconds / iro if iro > 0 else float("inf")
    rec = {"id": id, "what": what, "scale": scale, "iro_seconds": iro, "baseline": baseline,
           "baseline_seconds": baseline_seconds, "speedup": speedup, "min_speedup": min_speedup, "target": target,
           "met": speedup >= min_speedup}
    rec.update(extra)
    return rec


def read(path: str) -> Any:
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def cpp_records(scale: str, folder: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    load = read(os.path.join(folder, "load.json"))
    if load:
        out.append(record("1 load vs C floor", f"bulk load of {load['rows']:,} rows through add_many", scale,
                          load["iro_seconds"], "SQLite C API, prepared statements, indexes built after the rows, one transaction",
                          load["floor_seconds"], 1 / 1.5, "<= 1.5x the floor", rows=load["rows"]))
    for q in read(os.path.join(folder, "queries.json")) or []:
        out.append(record("4 query vs hand SQL", q["query"], scale, q["iro_seconds"], "hand-written SQL (C API)",
                          q["hand_sql_seconds"], 1 / 1.5, "<= 1.5x", results=q["results"], checked=q["checked"]))
    snap = read(os.path.join(folder, "snapshot.json"))
    if snap:
        out.append(record("9 snapshot vs CSV", "binary snapshot save + load of the whole office", scale,
                          snap["binary"]["seconds"], "CSV export + import of every collection through iro",
                          snap["csv"]["seconds"], 1.0, "faster",
                          binary_bytes=snap["binary"]["bytes"], csv_bytes=snap["csv"]["bytes"], repeats=snap["repeats"]))
        for portable in ("xml", "text"):
            if portable in snap:
                out.append(record("9 snapshot vs CSV", f"{portable} snapshot save + load (portable)", scale,
                                  snap[portable]["seconds"], "CSV export + import of every collection through iro",
                                  snap["csv"]["seconds"], 0.0, "reported", bytes=snap[portable]["bytes"],
                                  repeats=snap["repeats"]))
    return out


# The Python records' ids, as the measure numbers of docs/benchmarks.md.
PYTHON_IDS = {
    "load_executemany": "2 load vs executemany",
    "ror_import": "3 ROR import",
    "frames_visits": "6 to_frame vs read_sql",
    "get_by_id_visits": "7 get(id) vs cursor",
    "ranking_score_table": "8 ranking vs numpy",
    "ranking_what_if": "8 ranking vs numpy",
}


def python_records(scale: str, folder: str) -> list[dict[str, Any]]:
    out = []
    for rec in read(os.path.join(folder, "python.json")) or []:
        rec = dict(rec)
        rec["scale"] = scale
        rec["key"] = rec["id"]
        rec["id"] = PYTHON_IDS.get(rec["id"], "5 analysis vs pandas" if rec["id"].startswith("analysis_") else rec["id"])
        out.append(rec)
    return out


# Measure 5's analyses and the measure 4 query that computes the same in hand-written SQL.
# For expiring agreements that is what iro's frame shows: the agreements with their parties
# and the partners' names and countries.
HAND_SQL_QUERY = {
    "analysis_expiring_90_days": "expiring within 90 days, with parties and partner names",
    "analysis_dormant_agreements": "dormant agreements",
    "analysis_quota_utilisation": "quota utilisation",
    "analysis_mobility_balance": "mobility balance",
    "analysis_kpis": "KPI set",
}


def reference_points(measures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For the targets that ask iro to beat a baseline by a factor (measures 2, 3 and 5): the
    speedup over the same baseline, in the same run, of the fastest other code that does the
    same work. A target above it is beyond that kind of code on this machine."""
    out = []

    def point(r: dict[str, Any], reference: str, seconds: float) -> None:
        out.append({"scale": r["scale"], "measure": r["id"], "what": r["what"], "reference": reference,
                    "reference_seconds": seconds, "baseline": r["baseline"], "baseline_seconds": r["baseline_seconds"],
                    "speedup": r["baseline_seconds"] / seconds, "min_speedup": r["min_speedup"]})

    def find(id: str, scale: str, what: str | None = None) -> dict[str, Any] | None:
        return next((m for m in measures if m["id"] == id and m["scale"] == scale and what in (None, m["what"])), None)

    for r in measures:
        if r["id"] == "2 load vs executemany":
            if floor := find("1 load vs C floor", r["scale"]):
                point(r, "the SQLite C floor of measure 1", floor["baseline_seconds"])
        elif r["id"] == "3 ROR import":
            point(r, "the script's own sqlite3 writes (connect, schema, executemany, commit)", r["baseline_write_seconds"])
        elif r.get("key") in HAND_SQL_QUERY and find("4 query vs hand SQL", r["scale"]):
            # A renamed query must not drop its reference point without a word.
            query = HAND_SQL_QUERY[r["key"]]
            hand = find("4 query vs hand SQL", r["scale"], query)
            if not hand:
                raise SystemExit(f"report: no measure 4 query {query!r} at {r['scale']} for {r['key']}")
            point(r, f"the hand-written SQL of measure 4 ({query})", hand["baseline_seconds"])
    return out


def growth(scale: str, folder: str) -> dict[str, Any] | None:
    load = read(os.path.join(folder, "load.json"))
    if not load:
        return None
    # The floor's cost per row beside iro's shows how much of the growth is SQLite's own.
    return {"scale": scale, "rows": load["rows"], "load_seconds": load["iro_seconds"],
            "peak_rss_mib": load["iro_peak_rss_mib"], "microseconds_per_row": 1e6 * load["iro_seconds"] / load["rows"],
            "floor_microseconds_per_row": 1e6 * load["floor_seconds"] / load["rows"]}


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = 0
    try:
        with open("/proc/meminfo") as f:
            memory = int(f.readline().split()[1]) // (1024 * 1024)
    except (OSError, ValueError, IndexError):
        pass
    try:
        compiler = subprocess.run(["c++", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        compiler = "unknown"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory, "os": platform.platform(),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "compiler": compiler,
            "load_average": os.getloadavg()[0]}


def seconds(x: float) -> str:
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 1e-3:
        return f"{x * 1e3:.1f} ms"
    return f"{x * 1e6:.0f} µs"


def verdict(r: dict[str, Any]) -> str:
    if r["target"] == "reported":
        return "-"
    return "yes" if r["met"] else "**no**"


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"Measured {report['date']} on {m['cpu']} ({m['cores']} cores, {m['memory_gib']} GiB), {m['os']}, "
        f"SQLite {m['sqlite']}, {m['compiler']}; load average {m['load_average']:.1f} at the end. "
        "Speedup = baseline time / iro time; each side's best of its rounds, contenders taking turns "
        "(docs/benchmarks.md says how many, and where they do not).",
        "",
        "| measure | what | scale | iro | baseline | baseline time | speedup | target | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["measures"]:
        lines.append(f"| {r['id']} | {r['what']} | {r['scale']} | {seconds(r['iro_seconds'])} | {r['baseline']} | "
                     f"{seconds(r['baseline_seconds'])} | {r['speedup']:.2f} | {r['target']} | {verdict(r)} |")
    if report["references"]:
        lines += ["", "Reference points for the targets that ask for a multiple of a baseline: the same baseline "
                  "against the fastest other code in this run that does the same work.", "",
                  "| measure | what | scale | reference | its time | baseline time | its speedup | target speedup |",
                  "|---|---|---|---|---|---|---|---|"]
        for p in report["references"]:
            lines.append(f"| {p['measure']} | {p['what']} | {p['scale']} | {p['reference']} | {seconds(p['reference_seconds'])} | "
                         f"{seconds(p['baseline_seconds'])} | {p['speedup']:.2f} | {p['min_speedup']:g} |")
    if report["micro"]:
        lines += ["", "| micro benchmark | time per iteration |", "|---|---|"]
        for b in report["micro"]:
            lines.append(f"| {b['name']} | {seconds(b['seconds'])} |")
    if report["growth"]:
        lines += ["", "| scale | rows | iro load | µs per row | C floor µs per row | peak RSS |", "|---|---|---|---|---|---|"]
        for g in report["growth"]:
            lines.append(f"| {g['scale']} | {g['rows']:,} | {seconds(g['load_seconds'])} | {g['microseconds_per_row']:.2f} | "
                         f"{g['floor_microseconds_per_row']:.2f} | {g['peak_rss_mib']:.0f} MiB |")
    return "\n".join(lines) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--work-root", required=True)
    p.add_argument("--scales", default="S,M,L")
    p.add_argument("--out", required=True)
    p.add_argument("--markdown")
    args = p.parse_args()
    measures, rows = [], []
    for scale in args.scales.split(","):
        folder = os.path.join(args.work_root, scale)
        measures += cpp_records(scale, folder) + python_records(scale, folder)
        g = growth(scale, folder)
        if g:
            rows.append(g)
    measures.sort(key=lambda r: (r["id"].split(" ")[0], "SML".index(r["scale"])))
    if not measures:
        sys.exit("report.py: no results found under " + args.work_root)
    micro = []
    for b in (read(os.path.join(args.work_root, "micro.json")) or {}).get("benchmarks", []):
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        micro.append({"name": b["name"], "seconds": b["real_time"] * scale, "iterations": b["iterations"]})
    report = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
              "scales": args.scales.split(","), "measures": measures, "references": reference_points(measures),
              "growth": rows, "micro": micro}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    table = markdown(report)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table)
    print(table)


if __name__ == "__main__":
    main()
