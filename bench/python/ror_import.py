"""Measure 3: office.import_ror() of a ROR v2 dump against a json + sqlite3 script.

The dump is synthesised from the 400 real ROR v2 records of tests/data (N records: 150,000
at L, 15,000 at M, 1,500 at S): each generated record copies a fixture record with a fresh
valid ROR id ('0' + 6 Crockford base-32 characters + the ISO 7064 mod 97-10 checksum,
checked with iro.is_valid_ror_id), names made unique by a number, and relationships
pointing only at generated records (a fixture relationship to another fixture record keeps
its target's copy in the same block; others go to a fixed pseudo-random generated record,
labelled with its display name).

iro: a child process opens a fresh store and calls office.import_ror(path) (streamed,
validated, one transaction, with the name search index and the audit trail). Baseline: a
child process json.load()s the same file and stores the fields iro keeps (names with
languages, ROR types and iro's name kind, organisation types and iro's institution type,
status, country and city, every location, relationships, external ids, links, domains,
established, admin dates) into simple tables with executemany in one transaction. Each
side's time is measured inside its child; its peak RSS is the child's own VmHWM. The sides
take turns. The two databases are checked to hold the same content, record by record:
each record's types, ROR status, domains, dates, place, website and Wikidata id, and its
names (with languages and types), relationships, external ids, links and locations. Targets: iro at least 5x faster, and iro's peak RSS at most 300 MB.
The baseline's writing (connect, schema, executemany, commit) is also timed on its own and
reported as baseline_write_seconds: how much of the script is SQLite storing the rows.
"""

from __future__ import annotations

import copy
import json
import os
import random
import sqlite3
import sys
import time
import zlib

import common

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
RECORDS = {"S": 1_500, "M": 15_000, "L": 150_000}
FIXTURE = os.path.join(common.HERE, "..", "..", "tests", "data", "ror-v2-sample-400.json")


def ror_id(n: int) -> str:
    """The ROR id of the number n < 32**6: '0', six base-32 characters, two checksum digits."""
    chars = "".join(CROCKFORD[(n >> (5 * k)) & 31] for k in range(5, -1, -1))
    checksum = 98 - ((n * 100) % 97)  # the leading '0' adds nothing to the value
    return f"https://ror.org/0{chars}{checksum:02d}"


def synthesise(count: int, path: str, seed: int = 2026) -> None:
    with open(FIXTURE) as f:
        fixture = json.load(f)
    rng = random.Random(seed)
    numbers = rng.sample(range(32 ** 6), count)
    ids = [ror_id(n) for n in numbers]
    position = {r["id"]: k for k, r in enumerate(fixture)}
    block = len(fixture)
    records = []
    for k in range(count):
        r = copy.deepcopy(fixture[k % block])
        r["id"] = ids[k]
        for n in r["names"]:
            n["value"] = f"{n['value']} {k}"
        records.append(r)

    def display(j: int) -> str:
        return next(n["value"] for n in records[j]["names"] if "ror_display" in n["types"])

    for k, r in enumerate(records):
        base = k - k % block
        for rel in r["relationships"]:
            j = base + position[rel["id"]] if rel["id"] in position else -1
            if not 0 <= j < count or j == k:
                j = (k * 7919 + zlib.crc32(rel["id"].encode()) % 104729 + 1) % count
                if j == k:
                    j = (k + 1) % count
            rel["id"] = ids[j]
            rel["label"] = display(j)
    with open(path, "w") as f:
        json.dump(records, f, ensure_ascii=False)


# ---------------------------------------------------------------- the two children

def child_iro(dump: str, db: str) -> dict:
    iro = common.import_iro()
    t0 = time.perf_counter()
    with iro.open(db) as office:
        result = office.import_ror(dump)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "result": str(result), "peak_rss_mib": common.own_peak_rss_mib()}


SCHEMA = """
CREATE TABLE org (id INTEGER PRIMARY KEY, ror TEXT NOT NULL UNIQUE, type TEXT NOT NULL, ror_types TEXT NOT NULL,
                  status TEXT NOT NULL, ror_status TEXT NOT NULL, country TEXT NOT NULL, city TEXT NOT NULL,
                  website TEXT NOT NULL, wikidata TEXT NOT NULL, domains TEXT NOT NULL, established INTEGER,
                  created_on TEXT NOT NULL, last_modified_on TEXT NOT NULL, schema_version TEXT NOT NULL);
CREATE TABLE org_name (org_id INTEGER NOT NULL REFERENCES org(id), position INTEGER NOT NULL, value TEXT NOT NULL,
                       lang TEXT NOT NULL, types TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (org_id, position));
CREATE TABLE org_location (org_id INTEGER NOT NULL REFERENCES org(id), position INTEGER NOT NULL,
                           geonames_id INTEGER NOT NULL, name TEXT NOT NULL, country_code TEXT, country_name TEXT,
                           subdivision_code TEXT, subdivision_name TEXT, continent_code TEXT, continent_name TEXT,
                           lat REAL, lng REAL, PRIMARY KEY (org_id, position));
CREATE TABLE org_relationship (org_id INTEGER NOT NULL REFERENCES org(id), position INTEGER NOT NULL,
                               type TEXT NOT NULL, ror TEXT NOT NULL, label TEXT NOT NULL,
                               PRIMARY KEY (org_id, position));
CREATE INDEX org_relationship_target ON org_relationship(ror);
CREATE TABLE org_external_id (org_id INTEGER NOT NULL REFERENCES org(id), position INTEGER NOT NULL,
                              type TEXT NOT NULL, all_ids TEXT NOT NULL, preferred TEXT NOT NULL,
                              PRIMARY KEY (org_id, position));
CREATE TABLE org_link (org_id INTEGER NOT NULL REFERENCES org(id), position INTEGER NOT NULL, type TEXT NOT NULL,
                       value TEXT NOT NULL, PRIMARY KEY (org_id, position));
"""

TYPE_PRIORITY = [("education", "university"), ("facility", "research_institute"), ("funder", "funder"),
                 ("government", "government_body"), ("nonprofit", "foundation"), ("company", "company")]
KIND_PRIORITY = [("ror_display", "display"), ("label", "label"), ("alias", "alias")]


def child_baseline(dump: str, db: str) -> dict:
    t0 = time.perf_counter()
    with open(dump, encoding="utf-8") as f:
        records = json.load(f)
    orgs, names, locations, relationships, external_ids, links = [], [], [], [], [], []
    for oid, r in enumerate(records, 1):
        types = r["types"]
        itype = next((t for ror, t in TYPE_PRIORITY if ror in types), "other")
        geo = r["locations"][0]["geonames_details"] if r["locations"] else {}
        website = next((link["value"] for link in r["links"] if link["type"] == "website"), "")
        wikidata = ""
        for e in r["external_ids"]:
            if e["type"] == "wikidata":
                wikidata = e.get("preferred") or (e["all"][0] if len(e["all"]) == 1 else "")
        admin = r["admin"]
        status = "active" if r["status"] == "active" else "inactive"
        orgs.append((oid, r["id"], itype, json.dumps(types), status, r["status"], geo.get("country_code", ""),
                     geo.get("name", ""), website, wikidata or "", json.dumps(r["domains"]), r.get("established"),
                     admin["created"]["date"], admin["last_modified"]["date"], admin["last_modified"]["schema_version"]))
        for k, n in enumerate(r["names"]):
            kind = next((kd for t, kd in KIND_PRIORITY if t in n["types"]), "acronym")
            names.append((oid, k, n["value"], n.get("lang") or "", json.dumps(n["types"]), kind))
        for k, loc in enumerate(r["locations"]):
            g = loc["geonames_details"]
            locations.append((oid, k, loc["geonames_id"], g.get("name") or "", g.get("country_code"),
                              g.get("country_name"), g.get("country_subdivision_code"),
                              g.get("country_subdivision_name"), g.get("continent_code"), g.get("continent_name"),
                              g.get("lat"), g.get("lng")))
        for k, rel in enumerate(r["relationships"]):
            relationships.append((oid, k, rel["type"], rel["id"], rel["label"]))
        for k, e in enumerate(r["external_ids"]):
            external_ids.append((oid, k, e["type"], json.dumps(e["all"]), e.get("preferred") or ""))
        for k, link in enumerate(r["links"]):
            links.append((oid, k, link["type"], link["value"]))
    # Timed apart as well: how much of the script is SQLite storing the rows.
    t_write = time.perf_counter()
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(SCHEMA)
    con.execute("BEGIN")
    con.executemany("INSERT INTO org VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", orgs)
    con.executemany("INSERT INTO org_name VALUES (?, ?, ?, ?, ?, ?)", names)
    con.executemany("INSERT INTO org_location VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", locations)
    con.executemany("INSERT INTO org_relationship VALUES (?, ?, ?, ?, ?)", relationships)
    con.executemany("INSERT INTO org_external_id VALUES (?, ?, ?, ?, ?)", external_ids)
    con.executemany("INSERT INTO org_link VALUES (?, ?, ?, ?)", links)
    con.execute("COMMIT")
    con.close()
    end = time.perf_counter()
    return {"seconds": end - t0, "write_seconds": end - t_write, "peak_rss_mib": common.own_peak_rss_mib()}


# ---------------------------------------------------------------- the parent

def remove_db(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def counts(db: str, tables: list[str]) -> list[int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
    con.close()
    return out


# The stored content, record by record (by ROR id): what each side must agree on. Columns
# holding JSON lists are named in JSON_COLUMNS and compared as values, not as text.
CONTENT = {
    "records": ("SELECT i.ror, i.type, r.types, r.status, r.domains, r.established, r.created_on, "
                "r.last_modified_on, r.schema_version, i.country, i.city, coalesce(i.website, ''), coalesce(i.wikidata, '') "
                "FROM ror_record r JOIN institution i ON i.id = r.institution_id",
                "SELECT ror, type, ror_types, ror_status, domains, established, created_on, last_modified_on, "
                "schema_version, country, city, website, wikidata FROM org"),
    "names": ("SELECT i.ror, n.position, n.value, n.lang, n.types FROM ror_name n "
              "JOIN institution i ON i.id = n.institution_id",
              "SELECT o.ror, n.position, n.value, n.lang, n.types FROM org_name n JOIN org o ON o.id = n.org_id"),
    "relationships": ("SELECT i.ror, r.position, r.type, r.ror, r.label FROM ror_relationship r "
                      "JOIN institution i ON i.id = r.institution_id",
                      "SELECT o.ror, r.position, r.type, r.ror, r.label FROM org_relationship r JOIN org o ON o.id = r.org_id"),
    "external ids": ("SELECT i.ror, e.position, e.type, e.all_ids, e.preferred FROM ror_external_id e "
                     "JOIN institution i ON i.id = e.institution_id",
                     "SELECT o.ror, e.position, e.type, e.all_ids, e.preferred FROM org_external_id e "
                     "JOIN org o ON o.id = e.org_id"),
    "links": ("SELECT i.ror, l.position, l.type, l.value FROM ror_link l JOIN institution i ON i.id = l.institution_id",
              "SELECT o.ror, l.position, l.type, l.value FROM org_link l JOIN org o ON o.id = l.org_id"),
    "locations": ("SELECT i.ror, l.position, l.geonames_id, l.name, l.country_code, l.country_name, l.subdivision_code, "
                  "l.subdivision_name, l.continent_code, l.continent_name, l.lat, l.lng FROM ror_location l "
                  "JOIN institution i ON i.id = l.institution_id",
                  "SELECT o.ror, l.position, l.geonames_id, l.name, coalesce(l.country_code, ''), "
                  "coalesce(l.country_name, ''), coalesce(l.subdivision_code, ''), coalesce(l.subdivision_name, ''), "
                  "coalesce(l.continent_code, ''), coalesce(l.continent_name, ''), l.lat, l.lng "
                  "FROM org_location l JOIN org o ON o.id = l.org_id"),
}
JSON_COLUMNS = {"records": (2, 4), "names": (4,), "external ids": (3,)}


def content_rows(db: str, sql: str, json_columns: tuple[int, ...]):
    """The rows of `sql` in ROR id and position order, with the JSON columns parsed."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute(sql + " ORDER BY 1, 2").fetchall()
    con.close()
    return [tuple(json.loads(v) if k in json_columns else v for k, v in enumerate(row)) for row in rows]


def check_same_content(iro_db: str, base_db: str) -> None:
    for what, (iro_sql, base_sql) in CONTENT.items():
        json_columns = JSON_COLUMNS.get(what, ())
        mine, theirs = content_rows(iro_db, iro_sql, json_columns), content_rows(base_db, base_sql, json_columns)
        if mine != theirs:
            at = next((k for k, (x, y) in enumerate(zip(mine, theirs)) if x != y), min(len(mine), len(theirs)))
            raise SystemExit(f"{what} differ: iro has {len(mine)} rows, the baseline {len(theirs)}; first difference "
                             f"at row {at}: iro {mine[at] if at < len(mine) else None}, "
                             f"baseline {theirs[at] if at < len(theirs) else None}")


def run_once(side: str, dump: str, db: str) -> dict:
    remove_db(db)
    return common.run_child([sys.executable, os.path.abspath(__file__), "--child", side, dump, db])


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        side, dump, db = sys.argv[2:]
        print(json.dumps(child_iro(dump, db) if side == "iro" else child_baseline(dump, db)))
        return
    p = common.parser(__doc__.splitlines()[0])
    p.add_argument("--records", type=int, help="records in the dump (default by scale)")
    p.add_argument("--repeats", type=int, help="runs of each side (default 3, 1 at L)")
    args = p.parse_args()
    iro = common.import_iro()
    n = args.records or RECORDS[args.scale]
    dump = os.path.join(args.work, f"ror-{n}.json")
    if not os.path.exists(dump):
        synthesise(n, dump + ".tmp")
        os.replace(dump + ".tmp", dump)
    with open(dump) as f:
        sample = json.load(f)
    bad = [r["id"] for r in sample if not iro.is_valid_ror_id(r["id"])]
    known = {r["id"] for r in sample}
    if bad or len(known) != n or any(rel["id"] not in known for r in sample for rel in r["relationships"]):
        raise SystemExit("the synthesised dump has invalid, repeated or dangling ROR ids")
    del sample, known

    repeats = args.repeats or (1 if args.scale == "L" else 3)
    iro_db, base_db = os.path.join(args.work, "ror-iro.db"), os.path.join(args.work, "ror-baseline.db")
    # The two sides take turns, each run in a child process of its own.
    iro_runs, base_runs = [], []
    for _ in range(repeats):
        iro_runs.append(run_once("iro", dump, iro_db))
        base_runs.append(run_once("baseline", dump, base_db))
    iro_s, iro_rss = min(r["seconds"] for r in iro_runs), max(r["peak_rss_mib"] for r in iro_runs)
    base_s, base_rss = min(r["seconds"] for r in base_runs), max(r["peak_rss_mib"] for r in base_runs)
    base_write_s = min(r["write_seconds"] for r in base_runs)
    mine = counts(iro_db, ["ror_record", "ror_name", "ror_relationship", "ror_external_id", "ror_link", "ror_location"])
    theirs = counts(base_db, ["org", "org_name", "org_relationship", "org_external_id", "org_link", "org_location"])
    if mine != theirs or mine[0] != n:
        raise SystemExit(f"iro stored {mine}, the baseline {theirs} (records, names, relationships, external ids, "
                         f"links, locations)")
    check_same_content(iro_db, base_db)
    remove_db(iro_db)
    remove_db(base_db)
    rec = common.record(
        "ror_import", f"import of a {n}-record ROR v2 dump ({os.path.getsize(dump) / 2**20:.1f} MiB)", iro_s,
        "json.load + sqlite3 executemany", base_s, 5.0, "iro >= 5x faster and iro peak RSS <= 300 MB",
        met=iro_rss * 2**20 <= 300e6, rss_met=iro_rss * 2**20 <= 300e6, speed_met=base_s / iro_s >= 5.0,
        scale=args.scale, records=n, checked=True, stored_rows=mine,
        iro_peak_rss_mib=iro_rss, baseline_peak_rss_mib=base_rss, rss_limit_mb=300, repeats=repeats,
        baseline_write_seconds=base_write_s,
        iro_result=iro_runs[-1]["result"])
    common.emit([rec], args.out)


if __name__ == "__main__":
    main()
