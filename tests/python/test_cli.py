"""The iro command line, driven the way office staff and scripts drive it: exit codes, what goes
to stdout and stderr, files written and refused, and databases left unchanged by refused input.

The binary under test is IRO_CLI (for example build/bindings/cli/iro); the Python module is
used only to look inside the databases the command line wrote.
"""

import hashlib
import json
import os
import pathlib
import pty
import subprocess

import pytest

import iro

REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
ROR_SAMPLE = DATA / "ror-v2-sample-400.json"
EWP_EXAMPLE = DATA / "ewp" / "iia-get-response-v7.xml"
EWP_DECLARED_HASH = "87b33170d7a6c6d894215641f39e7b7de36501265479e5ab3922f32d5b225033"
EWP_IIA_ID = "0f7a5682-faf7-49a7-9cc7-ec486c49a281"
TODAY = "2026-01-15"

USAGE, INVALID, FORMAT, NOT_FOUND, CONFLICT, STORAGE = 2, 3, 4, 5, 6, 7


@pytest.fixture(scope="session")
def cli_path():
    given = os.environ.get("IRO_CLI")
    if not given:
        pytest.fail("IRO_CLI is not set: point it at the built command line, e.g. IRO_CLI=build/bindings/cli/iro",
                    pytrace=False)
    path = pathlib.Path(given)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"IRO_CLI={given} is not an executable file: build the iro_cli target", pytrace=False)
    return path


def environment(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("IRO_")}
    env["IRO_ACTOR"] = "cli-test"
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def run(cli_path):
    """Runs iro with these arguments; stdout and stderr captured (so stderr is not a terminal)."""

    def run_cli(*args, env=None, input=None, binary=False):
        result = subprocess.run([str(cli_path), *map(str, args)], capture_output=True, input=input,
                                env=environment(**(env or {})), timeout=600)
        if not binary:  # decoded as is: no newline translation, so CRLF stays visible
            result.stdout = result.stdout.decode("utf-8")
        result.stderr = result.stderr.decode("utf-8")
        return result

    return run_cli


def ok(result):
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr}"
    assert result.stderr == ""
    return result.stdout


def refused(result, code, *parts):
    """A failure: the exit code, one 'iro: error:' message on stderr naming `parts`, nothing on stdout."""
    assert result.returncode == code, f"exit {result.returncode} (expected {code}): {result.stderr}"
    assert result.stdout == ""
    assert result.stderr.startswith("iro: error: ")
    for part in parts:
        assert part in result.stderr
    return result.stderr


def fingerprint(db):
    """The logical content of a database, and the bytes of its file."""
    with iro.open(db, create=False) as office:
        dump = office.logical_dump()
    return dump, hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.fixture
def empty_db(run, tmp_path):
    db = tmp_path / "office.db"
    ok(run("init", "--db", db))
    return db


@pytest.fixture
def warsaw_db(run, tmp_path):
    """The official EWP example's first partner as the home institution."""
    db = tmp_path / "warsaw.db"
    ok(run("init", "--db", db, "--home-name", "University of Warsaw", "--home-country", "PL",
           "--home-schac", "uw.edu.pl"))
    return db


@pytest.fixture(scope="module")
def sample_db(run, tmp_path_factory):
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    ok(run("init", "--db", db, "--sample", "--today", TODAY))
    return db


# ---- Help and usage errors ---------------------------------------------------------------------

HELP = {
    (): ["init", "import", "export", "report", "search", "ewp", "Exit codes:"],
    ("init",): ["--db", "--sample", "--home-name", "--home-country", "--home-schac", "--force"],
    ("import",): ["ror", "ewp", "csv", "json", "archive"],
    ("import", "csv"): ["COLLECTION", "FILE", "--db", "--skip-bad-rows", "institutions"],
    ("import", "json"): ["FILE", "--db", "--skip-bad-rows"],
    ("import", "archive"): ["FILE", "--db"],
    ("import", "ror"): ["FILE", "--db", "--skip-invalid", "--quiet"],
    ("import", "ewp"): ["FILE", "--db", "--partner-country", "--iia-id"],
    ("export",): ["ewp", "ics", "csv", "json", "archive"],
    ("export", "csv"): ["COLLECTION", "--output", "--force"],
    ("export", "json"): ["COLLECTION", "--output", "--force"],
    ("export", "archive"): ["--format", "--collection", "--agreement", "--institution", "--output", "--force"],
    ("export", "ewp"): ["AGREEMENT_ID", "--output", "--force"],
    ("export", "ics"): ["--output", "--force", "--from", "--to"],
    ("report",): ["--db", "--on", "--audit-entries"],
    ("search",): ["TEXT", "--db", "--limit", "--json"],
    ("ewp",): ["hash", "diff"],
    ("ewp", "hash"): ["FILE"],
    ("ewp", "diff"): ["AGREEMENT_ID", "FILE", "--iia-id"],
}


@pytest.mark.parametrize("command", list(HELP), ids=lambda c: " ".join(c) or "iro")
def test_every_command_has_help(run, command):
    out = ok(run(*command, "--help"))
    assert f"Usage: iro {' '.join(command)}".rstrip() + " [OPTIONS]" in out
    for name in HELP[command]:
        assert name in out


def test_the_top_help_lists_the_exit_codes(run):
    out = ok(run("--help"))
    for line in ["0  success", "2  usage error", "3  invalid input", "4  format error", "5  not found",
                 "6  conflict", "7  storage error", "8  cancelled", "IRO_DB"]:
        assert line in out
    assert ok(run("--version")).strip() == iro.__version__


@pytest.mark.parametrize(
    "args, says",
    [
        ([], "a command is needed: one of init, import, export, report, search, ewp"),
        (["frobnicate"], "unknown command 'frobnicate': expected one of init, import"),
        (["import"], "a command is needed: one of ror, ewp, csv, json, archive"),
        (["import", "ods"], "unknown command 'ods': expected one of ror, ewp, csv, json, archive"),
        (["export", "csv", "--db", "x.db", "widgets"], "widgets"),
        (["export", "archive", "--db", "x.db", "--format", "zip"], "zip"),
        (["report"], "--db is required"),
        (["report", "--db", "x.db", "--bogus"], "--bogus"),
        (["search", "--db", "x.db"], "TEXT is required"),
        (["search", "--db", "x.db", "word", "--limit", "0"], "--limit"),
        (["report", "--db", "x.db", "--width", "5"], "--width"),
        (["import", "ror", "--db", "x.db"], "FILE is required"),
        (["import", "ewp", "--db", "x.db", "f.xml", "--partner-country", "hibo.no"], "HEI=CC"),
        (["export", "ewp", "--db", "x.db", "twelve"], "AGREEMENT_ID"),
        (["init", "--db", "x.db", "--home-name", "X"], "--home-country"),
        (["init", "--db", "x.db", "--sample", "--home-name", "X", "--home-country", "PS"], "excludes"),
    ],
)
def test_usage_errors_exit_2_and_say_what_is_wrong(run, tmp_path, args, says):
    err = refused(run(*args), USAGE, says)
    assert "--help" in err
    assert not (tmp_path / "x.db").exists()


# ---- init --------------------------------------------------------------------------------------


def test_init_creates_a_database_with_its_home_institution(run, tmp_path):
    db = tmp_path / "office.db"
    out = ok(run("init", "--db", db, "--home-name", "Palestine Polytechnic University", "--home-country", "PS",
                 "--home-city", "Hebron", "--home-schac", "ppu.edu"))
    assert f"Created {db}" in out
    assert "Home institution: Palestine Polytechnic University (PS), id 1" in out
    with iro.open(db, create=False) as office:
        assert office.home.display_name == "Palestine Polytechnic University"
        assert office.home.city == "Hebron"
        assert office.home.identifiers.schac == "ppu.edu"
        assert office.audit.latest()[0].actor == "cli-test"


def test_init_refuses_an_existing_file_unless_forced(run, empty_db):
    before = fingerprint(empty_db)
    refused(run("init", "--db", empty_db, "--home-name", "X", "--home-country", "PS"), CONFLICT,
            "already exists", "--force")
    assert fingerprint(empty_db) == before
    ok(run("init", "--db", empty_db, "--force", "--home-name", "Birzeit University", "--home-country", "PS"))
    with iro.open(empty_db, create=False) as office:
        assert office.home.display_name == "Birzeit University"


def test_init_with_a_bad_home_writes_no_file_and_keeps_the_old_one(run, tmp_path, empty_db):
    fresh = tmp_path / "fresh.db"
    refused(run("init", "--db", fresh, "--home-name", "X", "--home-country", "ZZ"), INVALID, "country 'ZZ'")
    assert list(tmp_path.glob("fresh.db*")) == []
    before = fingerprint(empty_db)
    refused(run("init", "--db", empty_db, "--force", "--home-name", "X", "--home-country", "PS",
                "--home-ror", "not-a-ror"), INVALID, "ror")
    assert fingerprint(empty_db) == before


def test_init_sample_writes_the_sample_office(run, sample_db):
    with iro.open(sample_db, create=False) as office:
        assert office.home.display_name == "Palestine Polytechnic University"
        assert len(office.agreements) == 200


def test_the_database_can_come_from_IRO_DB(run, sample_db, tmp_path):
    out = ok(run("search", "polytechnic", "palestine", env={"IRO_DB": str(sample_db)}))
    assert "Palestine Polytechnic University" in out
    assert ok(run("report", "--on", TODAY, env={"IRO_DB": str(sample_db)})).startswith("International Relations")
    # --db wins over IRO_DB.
    refused(run("report", "--db", tmp_path / "other.db", env={"IRO_DB": str(sample_db)}), NOT_FOUND, "other.db")


# ---- import ror ----------------------------------------------------------------------------------


def ror_counts(out):
    counts = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    return counts


def test_import_ror_prints_the_counts_and_a_reimport_changes_nothing(run, empty_db):
    first = ror_counts(ok(run("import", "ror", "--db", empty_db, ROR_SAMPLE)))
    assert first == {"read": 400, "added": 400, "updated": 0, "unchanged": 0, "withdrawn": 1, "merged": 0,
                     "skipped": 0}
    again = ror_counts(ok(run("import", "ror", "--db", empty_db, ROR_SAMPLE)))
    assert again == {"read": 400, "added": 0, "updated": 0, "unchanged": 400, "withdrawn": 0, "merged": 0,
                     "skipped": 0}
    with iro.open(empty_db, create=False) as office:
        assert len(office.institutions) == 400


def damaged_ror(kind):
    text = ROR_SAMPLE.read_text(encoding="utf-8")
    records = json.loads(text)
    if kind == "truncated":
        return text[: len(text) // 2], FORMAT, "malformed JSON"
    if kind == "not an array":
        return json.dumps({"records": records[:3]}), FORMAT, "JSON array"
    if kind == "bad country":
        records[7]["locations"][0]["geonames_details"]["country_code"] = "XX"
        return json.dumps(records), INVALID, "ROR record 7"
    if kind == "bad id":
        records[250]["id"] = "https://ror.org/0abcdefgh"
        return json.dumps(records), INVALID, "ROR record 250"
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["truncated", "not an array", "bad country", "bad id"])
def test_a_damaged_ror_dump_is_refused_and_changes_nothing(run, empty_db, tmp_path, kind):
    ok(run("import", "ror", "--db", empty_db, ROR_SAMPLE))
    before = fingerprint(empty_db)
    text, code, says = damaged_ror(kind)
    damaged = tmp_path / "damaged.json"
    damaged.write_text(text, encoding="utf-8")
    refused(run("import", "ror", "--db", empty_db, damaged), code, says)
    assert fingerprint(empty_db) == before


def test_skip_invalid_imports_the_rest_and_lists_the_problem(run, empty_db, tmp_path):
    text, _, _ = damaged_ror("bad country")
    damaged = tmp_path / "damaged.json"
    damaged.write_text(text, encoding="utf-8")
    out = ok(run("import", "ror", "--db", empty_db, "--skip-invalid", damaged))
    counts = ror_counts(out)
    assert counts["read"] == 400 and counts["added"] == 399 and counts["skipped"] == 1
    assert "Skipped records:" in out and "record 7 (https://ror.org/" in out and "country" in out


def test_import_ror_reads_standard_input(run, empty_db):
    out = ok(run("import", "ror", "--db", empty_db, "-", input=ROR_SAMPLE.read_bytes()))
    assert "from standard input" in out and ror_counts(out)["added"] == 400


def test_missing_files_and_databases_are_not_found(run, empty_db, tmp_path):
    refused(run("import", "ror", "--db", empty_db, tmp_path / "nope.json"), NOT_FOUND, "nope.json")
    refused(run("import", "ror", "--db", tmp_path / "none.db", ROR_SAMPLE), NOT_FOUND, "no database")
    assert not (tmp_path / "none.db").exists()
    refused(run("report", "--db", tmp_path / "none.db"), NOT_FOUND, "none.db")


def test_a_file_that_is_not_a_database_is_a_storage_error(run, tmp_path):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not an SQLite database, just some text\n" * 100)
    before = garbage.read_bytes()
    refused(run("report", "--db", garbage), STORAGE, "garbage.db")
    refused(run("import", "ror", "--db", garbage, ROR_SAMPLE), STORAGE)
    assert garbage.read_bytes() == before


def test_no_progress_output_when_stderr_is_not_a_terminal(run, empty_db):
    result = run("import", "ror", "--db", empty_db, ROR_SAMPLE)
    assert result.returncode == 0
    assert result.stderr == ""
    assert "\r" not in result.stdout


def run_with_terminal_stderr(cli_path, *args):
    """Runs iro with stderr on a pseudo-terminal; returns the exit code, stdout and what the terminal got."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([str(cli_path), *map(str, args)], stdout=subprocess.PIPE, stderr=follower,
                                   env=environment())
        os.close(follower)
        follower = -1
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the process closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        out, _ = process.communicate(timeout=600)
        return process.returncode, out.decode(), seen.decode()
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)


def test_a_progress_bar_is_drawn_on_a_terminal_unless_quiet(cli_path, empty_db):
    code, out, terminal = run_with_terminal_stderr(cli_path, "import", "ror", "--db", empty_db, ROR_SAMPLE)
    assert code == 0 and ror_counts(out)["added"] == 400
    assert "\rROR records [" in terminal and "100.0%" in terminal and "400 read" in terminal
    assert terminal.endswith("\n")
    code, out, terminal = run_with_terminal_stderr(cli_path, "import", "ror", "--db", empty_db, "--quiet", ROR_SAMPLE)
    assert code == 0 and ror_counts(out)["unchanged"] == 400
    assert terminal == ""


# ---- EWP -------------------------------------------------------------------------------------------


def test_import_ewp_needs_the_partner_country_then_lists_the_agreement(run, warsaw_db):
    before = fingerprint(warsaw_db)
    refused(run("import", "ewp", "--db", warsaw_db, EWP_EXAMPLE), NOT_FOUND, "'hibo.no'", "--partner-country")
    assert fingerprint(warsaw_db) == before

    out = ok(run("import", "ewp", "--db", warsaw_db, EWP_EXAMPLE, "--partner-country", "hibo.no=NO",
                 "--received-on", "2024-05-01"))
    assert out.startswith("Imported 1 agreement from ")
    assert "agreement 1  983/E+/III14&15  awaiting_signature" in out
    assert "institution 2  NO  hibo.no" in out
    assert "Warnings:" in out and "iia[1]/" in out
    with iro.open(warsaw_db, create=False) as office:
        assert len(office.agreements) == 1

    before = fingerprint(warsaw_db)
    refused(run("import", "ewp", "--db", warsaw_db, EWP_EXAMPLE, "--partner-country", "hibo.no=NO"), CONFLICT,
            "already stored as agreement 1")
    assert fingerprint(warsaw_db) == before


def test_import_ewp_needs_a_home_institution_with_its_schac_code(run, empty_db, tmp_path):
    before = fingerprint(empty_db)
    refused(run("import", "ewp", "--db", empty_db, EWP_EXAMPLE, "--partner-country", "hibo.no=NO"), NOT_FOUND,
            "no home institution", "--home-schac")
    assert fingerprint(empty_db) == before
    no_schac = tmp_path / "no-schac.db"
    ok(run("init", "--db", no_schac, "--home-name", "University of Warsaw", "--home-country", "PL"))
    refused(run("import", "ewp", "--db", no_schac, EWP_EXAMPLE, "--partner-country", "hibo.no=NO"), INVALID,
            "schac")


def test_a_damaged_ewp_file_is_refused_and_changes_nothing(run, warsaw_db, tmp_path):
    before = fingerprint(warsaw_db)
    text = EWP_EXAMPLE.read_text(encoding="utf-8")
    cases = [
        (text[: len(text) // 2], FORMAT, ""),
        (text.replace("<hei-id>hibo.no</hei-id>", ""), FORMAT, "partner[2]: missing <hei-id>"),
        (text.replace("2016/2017", "2016/17"), INVALID, "2016/17"),
    ]
    for damaged_text, code, says in cases:
        damaged = tmp_path / "damaged.xml"
        damaged.write_text(damaged_text, encoding="utf-8")
        refused(run("import", "ewp", "--db", warsaw_db, damaged, "--partner-country", "hibo.no=NO"), code, says)
        assert fingerprint(warsaw_db) == before
    refused(run("import", "ewp", "--db", warsaw_db, EWP_EXAMPLE, "--partner-country", "hibo.no=XX"), INVALID, "XX")
    assert fingerprint(warsaw_db) == before


def hash_line(out):
    lines = out.splitlines()
    assert len(lines) == 1
    return lines[0]


def test_export_ewp_round_trips_with_the_same_iia_hash(run, warsaw_db, tmp_path):
    ok(run("import", "ewp", "--db", warsaw_db, EWP_EXAMPLE, "--partner-country", "hibo.no=NO"))
    exported = tmp_path / "iia-1.xml"
    assert ok(run("export", "ewp", "--db", warsaw_db, "1", "-o", exported)) == ""
    assert ok(run("export", "ewp", "--db", warsaw_db, "1", binary=True)) == exported.read_bytes()

    assert hash_line(ok(run("ewp", "hash", exported))) == (
        f"iia[1] iia-id={EWP_IIA_ID} iia-hash={EWP_DECLARED_HASH} matches not-valid-for-approval")
    assert hash_line(ok(run("ewp", "hash", EWP_EXAMPLE))) == hash_line(ok(run("ewp", "hash", exported)))
    assert ok(run("ewp", "diff", "--db", warsaw_db, "1", exported)).startswith("No differences")

    changed = tmp_path / "changed.xml"
    changed.write_text(exported.read_text(encoding="utf-8").replace(
        "<mobilities-per-year>2</mobilities-per-year>", "<mobilities-per-year>3</mobilities-per-year>"), encoding="utf-8")
    result = run("ewp", "hash", changed)
    assert result.returncode == INVALID
    assert f"differs declared={EWP_DECLARED_HASH}" in result.stdout
    assert result.stderr.startswith("iro: error: invalid iia-hash")
    out = ok(run("ewp", "diff", "--db", warsaw_db, "1", changed))
    assert "1 difference between agreement 1" in out
    assert "staff-teacher-mobility-spec[1]/mobilities-per-year\n    ours:   2\n    theirs: 3" in out


def test_export_ewp_of_an_unknown_agreement_is_not_found(run, warsaw_db, tmp_path):
    refused(run("export", "ewp", "--db", warsaw_db, "99", "-o", tmp_path / "x.xml"), NOT_FOUND, "99")
    assert not (tmp_path / "x.xml").exists()


def test_exports_never_overwrite_a_file_without_force(run, sample_db, tmp_path):
    target = tmp_path / "office.ics"
    target.write_text("keep me\n")
    refused(run("export", "ics", "--db", sample_db, "-o", target), CONFLICT, "already exists", "--force")
    assert target.read_text() == "keep me\n"
    assert ok(run("export", "ics", "--db", sample_db, "-o", target, "--force")) == ""
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert list(tmp_path.iterdir()) == [target]


def test_export_ics_is_the_library_calendar(run, sample_db):
    stamp = "20260115T080000Z"
    out = run("export", "ics", "--db", sample_db, "--stamp", stamp, "--from", TODAY, "--to", "2026-12-31")
    text = ok(out)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "BEGIN:VEVENT" in text and f"DTSTAMP:{stamp}" in text
    with iro.open(sample_db, create=False) as office:
        assert text == office.export_ics(start=TODAY, end="2026-12-31", stamp=stamp)
    refused(run("export", "ics", "--db", sample_db, "--from", "2026-02-30"), INVALID, "--from")


# ---- report and search -------------------------------------------------------------------------------


def test_report_is_the_office_report(run, sample_db):
    out = ok(run("report", "--db", sample_db, "--on", TODAY))
    with iro.open(sample_db, create=False) as office:
        assert out == office.report(on=TODAY)
    short = ok(run("report", "--db", sample_db, "--on", TODAY, "--audit-entries", "0", "--no-in-force-list"))
    with iro.open(sample_db, create=False) as office:
        assert short == office.report(on=TODAY, audit_entries=0, list_in_force=False)
    refused(run("report", "--db", sample_db, "--on", "15/01/2026"), INVALID, "--on")


def test_search_finds_an_arabic_name_with_a_folded_query(run, sample_db):
    # The home institution's Arabic name is جامعة بوليتكنك فلسطين: ة is folded to ه.
    out = ok(run("search", "--db", sample_db, "جامعه", "بوليتكنك"))
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "COUNTRY", "ROR", "NAME"]
    assert lines[1].split(None, 3) == ["1", "PS", "-", "Palestine Polytechnic University"]

    rows = json.loads(ok(run("search", "--db", sample_db, "--json", "--limit", "3", "universite")))
    assert 1 <= len(rows) <= 3
    assert all(set(r) >= {"id", "ror", "country", "name"} for r in rows)
    assert any("Université" in r["name"] for r in rows)

    assert ok(run("search", "--db", sample_db, "zzzqqq")) == "No institution matches 'zzzqqq'.\n"
    assert json.loads(ok(run("search", "--db", sample_db, "--json", "zzzqqq"))) == []


# ---- CSV, JSON and archives ------------------------------------------------------------------------


def test_json_export_imports_into_an_empty_database_as_the_same_office(run, sample_db, tmp_path):
    exported = tmp_path / "office.json"
    assert ok(run("export", "json", "--db", sample_db, "-o", exported)) == ""
    copy = tmp_path / "copy.db"
    ok(run("init", "--db", copy))
    out = ok(run("import", "json", "--db", copy, exported))
    assert out.startswith(f"Imported {exported}\n")
    assert "  institutions  read 124, added 124, updated 0, unchanged 0, skipped 0" in out
    assert "  agreements    read 200, added 200, updated 0, unchanged 0, skipped 0" in out
    assert ok(run("export", "json", "--db", copy, binary=True)) == exported.read_bytes()
    again = ok(run("import", "json", "--db", copy, exported))
    assert "  agreements    read 200, added 0, updated 0, unchanged 200, skipped 0" in again


def test_csv_export_and_import_of_one_collection(run, sample_db, tmp_path):
    csv = tmp_path / "institutions.csv"
    ok(run("export", "csv", "--db", sample_db, "institutions", "-o", csv))
    assert csv.read_bytes().startswith(b"id,type,names,country,")
    copy = tmp_path / "copy.db"
    ok(run("init", "--db", copy))
    out = ok(run("import", "csv", "--db", copy, "institutions", csv))
    assert "institutions  read 124, added 124" in out
    assert ok(run("export", "csv", "--db", copy, "institutions", binary=True)) == csv.read_bytes()
    refused(run("export", "csv", "--db", copy, "institutions", "-o", csv), CONFLICT, "already exists")


def test_csv_export_and_import_of_centre_expertise(run, sample_db, tmp_path):
    for command in ("export", "import"):
        help_text = ok(run(command, "csv", "--help"))
        for name in ("centre_expertise", "centre_links", "ranking_methodologies", "ranking_results", "home_figures"):
            assert name in help_text
    copy = tmp_path / "copy.db"
    ok(run("init", "--db", copy))
    for name in ("institutions", "units", "centre_expertise"):
        ok(run("export", "csv", "--db", sample_db, name, "-o", tmp_path / f"{name}.csv"))
        ok(run("import", "csv", "--db", copy, name, tmp_path / f"{name}.csv"))
    exported = tmp_path / "centre_expertise.csv"
    assert exported.read_bytes().startswith(b"centre,isced_codes,keywords\r\n")
    rows = exported.read_bytes().count(b"\r\n") - 1
    assert rows > 0
    assert ok(run("export", "csv", "--db", copy, "centre_expertise", binary=True)) == exported.read_bytes()
    before = fingerprint(copy)[0]
    again = ok(run("import", "csv", "--db", copy, "centre_expertise", exported))
    assert f"read {rows}, added 0, updated 0, unchanged {rows}, skipped 0" in again
    assert fingerprint(copy)[0] == before

    bad = tmp_path / "bad.csv"
    bad.write_text("centre,isced_codes\n99999,[]\n")
    err = refused(run("import", "csv", "--db", copy, "centre_expertise", bad), INVALID, "1 bad row, nothing was written")
    assert "centre_expertise row 1 (line 2), column centre '99999'" in err
    assert fingerprint(copy)[0] == before


def test_bad_csv_rows_are_all_listed_and_nothing_is_written(run, sample_db, empty_db, tmp_path):
    lines = ok(run("export", "csv", "--db", sample_db, "institutions")).split("\r\n")
    lines[2] = lines[2].replace(",AE,", ",XX,")
    lines[4] = lines[4].replace(",active,", ",bogus,")
    bad = tmp_path / "bad.csv"
    bad.write_bytes("\r\n".join(lines).encode("utf-8"))
    before = fingerprint(empty_db)
    err = refused(run("import", "csv", "--db", empty_db, "institutions", bad), INVALID, "2 bad rows, nothing was written")
    assert "institutions row 2 (line 3), column country 'XX'" in err
    assert "institutions row 4 (line 5), column status 'bogus'" in err
    assert fingerprint(empty_db) == before

    header = tmp_path / "header.csv"
    header.write_text("id,colour\n1,blue\n")
    refused(run("import", "csv", "--db", empty_db, "institutions", header), FORMAT, "'colour'")
    assert fingerprint(empty_db) == before

    out = ok(run("import", "csv", "--db", empty_db, "institutions", bad, "--skip-bad-rows"))
    assert "read 124, added 122, updated 0, unchanged 0, skipped 2" in out
    assert "Skipped rows:\n  institutions row 2 (line 3), column country 'XX'" in out


@pytest.mark.parametrize("form", ["xml", "text", "binary"])
def test_an_archive_restores_the_office_into_an_empty_database(run, sample_db, tmp_path, form):
    archive = tmp_path / f"office.{form}"
    assert ok(run("export", "archive", "--db", sample_db, "--format", form, "-o", archive)) == ""
    restored = tmp_path / "restored.db"
    ok(run("init", "--db", restored))
    out = ok(run("import", "archive", "--db", restored, archive))
    assert f"  format          {form}\n  kind            office\n" in out
    report = ["report", "--on", TODAY, "--audit-entries", "0"]
    assert ok(run(*report, "--db", restored)) == ok(run(*report, "--db", sample_db))

    before = fingerprint(restored)
    refused(run("import", "archive", "--db", restored, archive), CONFLICT, "not empty")
    assert fingerprint(restored) == before


def test_a_damaged_archive_is_refused_and_changes_nothing(run, sample_db, empty_db, tmp_path):
    archive = ok(run("export", "archive", "--db", sample_db, "--agreement", "3", binary=True))
    assert archive.startswith(b"<?xml")
    damaged = tmp_path / "damaged.xml"
    damaged.write_bytes(archive[: len(archive) // 2])
    before = fingerprint(empty_db)
    refused(run("import", "archive", "--db", empty_db, damaged), FORMAT)
    assert fingerprint(empty_db) == before
