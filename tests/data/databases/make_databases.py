#!/usr/bin/python3
"""Writes office-v<N>.db: a small office as iro stored it at schema version N, one file per
version, for tests/cpp/test_old_databases.cpp. Each file holds the schema steps 1..N and the
same rows (those of later steps only where the version has their tables).

These files are fixtures: once committed, a version's file is never regenerated. When a new
schema step is added, run this with --version of the new step to add its file only:
    tests/data/databases/make_databases.py --version 8
"""
import argparse
import glob
import os
import sqlite3

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "..", "..", "lib", "store", "schema")

ROWS_V1 = [
    "INSERT INTO institution (id, type, country, city, website, ror, status, is_home) VALUES "
    "(1, 'university', 'PS', 'Hebron', 'https://www.ppu.edu', NULL, 'active', 1)",
    "INSERT INTO institution (id, type, country, city, website, ror, status, is_home) VALUES "
    "(2, 'university', 'JO', 'Amman', '', 'https://ror.org/05k89ew48', 'active', 0)",
    "INSERT INTO institution_name (institution_id, position, value, lang, kind) VALUES "
    "(1, 0, 'Palestine Polytechnic University', 'en', 'display')",
    "INSERT INTO institution_name (institution_id, position, value, lang, kind) VALUES "
    "(2, 0, 'University of Jordan', 'en', 'display')",
    "INSERT INTO institution_search (rowid, folded) VALUES (1, 'palestine polytechnic university \n ')",
    "INSERT INTO institution_search (rowid, folded) VALUES (2, 'university of jordan \n ')",
    "INSERT INTO agreement (id, kind, title, reference, status, proposed_on, in_force_from, valid_until, note) VALUES "
    "(1, 'erasmus_iia', 'Erasmus+ 2024-2029', 'IRO-2024-001', 'in_force', '2024-01-10', '2024-03-01', '2029-02-28', '')",
    "INSERT INTO agreement_party (agreement_id, position, institution_id, signed_on, signatory) VALUES "
    "(1, 0, 1, '2024-02-20', 'Rector')",
    "INSERT INTO agreement_party (agreement_id, position, institution_id, signed_on, signatory) VALUES "
    "(1, 1, 2, '2024-02-25', 'President')",
    "INSERT INTO agreement_area (agreement_id, area, position) VALUES (1, 'education', 0)",
    "INSERT INTO agreement_transition (agreement_id, from_status, to_status, on_date, actor, note) VALUES "
    "(1, NULL, 'in_force', '2024-03-01', 'setup', 'recorded')",
    "INSERT INTO mobility_quota (id, agreement_id, position, sending_id, receiving_id, mobility_type, mobilities_per_year, "
    "total_months_per_year, subject_areas, eqf_levels, language_skills) VALUES "
    "(1, 1, 0, 1, 2, 'student_studies', 4, 20, '[\"0613\"]', '[6]', '[{\"language\":\"en\",\"level\":\"B2\"}]')",
    "INSERT INTO mobility_quota_year (quota_id, start_year) VALUES (1, 2024)",
    "INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after) VALUES "
    "('2024-03-01T09:00:00.000Z', 'setup', 'agreement', 1, 'add', '', '{}')",
]

ROWS_V2 = [
    "INSERT INTO person (id, given_name, family_name, role, affiliation_id, email) VALUES "
    "(1, 'Lina', 'Sample', 'faculty', 2, 'lina@uj.example')",
    "INSERT INTO visit (id, person_id, direction, purpose, home_institution_id, host_institution_id, start_on, end_on, "
    "agreement_id, mobility_type, status, lectures, teaching_hours) VALUES "
    "(1, 1, 'incoming', 'teaching', 2, 1, '2025-03-02', '2025-03-08', 1, 'staff_teaching', 'completed', 4, 8)",
]


def make(version: int) -> str:
    steps = sorted(glob.glob(os.path.join(SCHEMA, "*.sql")))[:version]
    if len(steps) != version:
        raise SystemExit(f"there is no schema step {version}")
    path = os.path.join(HERE, f"office-v{version}.db")
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    for step in steps:
        with open(step) as f:
            con.executescript(f.read())
    for sql in ROWS_V1 + (ROWS_V2 if version >= 2 else []):
        con.execute(sql)
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.execute("VACUUM")
    con.close()
    return path


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--version", type=int, action="append", required=True)
    for v in p.parse_args().version:
        print(make(v))


if __name__ == "__main__":
    main()
