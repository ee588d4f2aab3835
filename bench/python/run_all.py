"""Runs every Python side-by-side measure on one work directory and merges their records.

Usage: run_all.py --work DIR --scale S|M|L --out FILE [--iro-seconds X] [--only NAME ...]
DIR holds iro.db and empty.db from ``iro_side_by_side load`` (and load.json, its output,
when --iro-seconds is not given). Each script writes DIR/python-<name>.json; FILE gets the
list of all records. A script that fails is reported and the others still run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import common

SCRIPTS = ["load_executemany", "ror_import", "analyses_pandas", "frames", "get_by_id", "ranking_numpy"]


def main() -> None:
    p = common.parser(__doc__.splitlines()[0])
    p.add_argument("--iro-seconds", type=float, help="iro's load time, passed on to load_executemany")
    p.add_argument("--only", nargs="*", choices=SCRIPTS, help="run only these scripts")
    args = p.parse_args()
    records, failed = [], []
    for name in args.only or SCRIPTS:
        out = os.path.join(args.work, f"python-{name}.json")
        argv = [sys.executable, os.path.join(common.HERE, f"{name}.py"), "--work", args.work, "--scale", args.scale,
                "--out", out]
        if name == "load_executemany" and args.iro_seconds is not None:
            argv += ["--iro-seconds", str(args.iro_seconds)]
        print(f"== {name}", flush=True)
        if subprocess.run(argv).returncode != 0:
            failed.append(name)
            continue
        with open(out) as f:
            records.extend(json.load(f))
    common.emit(records, args.out)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
