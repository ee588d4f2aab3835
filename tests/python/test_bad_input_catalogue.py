"""The bad-input catalogue through Python and the command line.

Each case names the call, the exact iro exception (or CLI exit code), fragments its message
must contain (the field, the limit, the path), and checks that the store is unchanged: the
office's logical dump for Python, the database's logical dump and file bytes for the CLI.
tests/cpp/test_bad_input_catalogue.cpp has the C++ cases; docs/limits.md lists the limits.
The cases here are the ones test_misuse.py and test_errors.py do not already cover.
"""

import base64
import datetime as dt
import hashlib
import os
import pathlib
import subprocess

import pytest

import iro
import iro.ewp
from helpers import in_force_agreement, partner

REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
EWP_EXAMPLE = DATA / "ewp" / "iia-get-response-v7.xml"


def ewp_for_ppu():
    """The official IIA example with the conftest home institution (ppu.edu) as first partner."""
    return EWP_EXAMPLE.read_text(encoding="utf-8").replace("uw.edu.pl", "ppu.edu")


def sparse_file(path, size):
    """A file of `size` bytes that takes no disk space (reading it would allocate its size)."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def refused(office, cls, call, *fragments):
    """Runs `call`; expects exactly `cls` with every fragment in its message; the office is unchanged."""
    before = office.logical_dump()
    with pytest.raises(iro.Error) as e:
        call()
    assert type(e.value) is cls, f"{type(e.value).__name__}: {e.value}"
    for fragment in fragments:
        assert fragment in str(e.value), f"{fragment!r} not in {str(e.value)!r}"
    assert office.logical_dump() == before
    return e.value


# ---------------------------------------------------------------- the Python API


def jordan_of(o):
    return partner(o, "University of Jordan")


def add_agreement(o, **fields):
    base = dict(title="MoU", areas=["research"], partners=[jordan_of(o)], proposed_on=dt.date(2025, 1, 10))
    base.update(fields)
    return o.agreements.add(**base)


PY_CASES = [
    # (id, exception, fragments, call taking the office and a temporary directory)
    ("name of the wrong type", iro.ArgumentTypeError, ["name"],
     lambda o, t: o.institutions.add(name=123, country="JO")),
    ("country of the wrong type", iro.ArgumentTypeError, ["country"],
     lambda o, t: o.institutions.add(name="Uni", country=7)),
    ("name None", iro.ArgumentTypeError, ["name", "NoneType"],
     lambda o, t: o.institutions.add(name=None, country="JO")),
    ("role None", iro.ArgumentTypeError, ["role", "NoneType"],
     lambda o, t: o.people.add(given_name="Lina", family_name="Haddad", role=None)),
    ("collection None", iro.ArgumentTypeError, ["collection", "NoneType"],
     lambda o, t: o.import_csv(None, text="id\r\n")),
    ("snapshot path None", iro.ArgumentTypeError, ["path", "NoneType"],
     lambda o, t: o.load_snapshot(None)),
    ("EWP document neither given nor a path", iro.ValidationError, ["xml", "path="],
     lambda o, t: o.import_iias(None)),
    (".ics end date that does not exist", iro.ValidationError, ["end", "2026-13-01"],
     lambda o, t: o.export_ics(end="2026-13-01")),
    ("country not ISO 3166", iro.ValidationError, ["country", "'XK1'"],
     lambda o, t: o.institutions.add(name="Uni", country="XK1")),
    ("city of 501 bytes of Arabic", iro.ValidationError, ["city", "at most 500 bytes"],
     lambda o, t: o.institutions.add(name="Uni", country="JO", city="ع" * 250 + "x")),
    ("valid_until that is no date", iro.ValidationError, ["valid_until", "2025-13-01"],
     lambda o, t: add_agreement(o, valid_until="2025-13-01")),
    ("tacit renewal beyond a C int", iro.ValidationError, ["tacit_renewal_years"],
     lambda o, t: add_agreement(o, tacit_renewal_years=2**40)),
    ("agreement reference with a line break", iro.ValidationError, ["reference"],
     lambda o, t: add_agreement(o, reference="PPU\r\n1")),
    ("agreement note one byte over 10,000", iro.ValidationError, ["note", "at most 10000 bytes"],
     lambda o, t: add_agreement(o, note="n" * 10_001)),
    ("quota with negative mobilities", iro.ValidationError, ["mobilities_per_year", "-1"],
     lambda o, t: add_agreement(o, quotas=[iro.MobilityQuota(
         sending=o.home.id, receiving=jordan_of(o).id, type="student_studies",
         academic_years=["2025/2026"], mobilities_per_year=-1)])),
    ("document with a short sha256", iro.ValidationError, ["documents[0].sha256", "64 hexadecimal"],
     lambda o, t: add_agreement(o, documents=[iro.DocumentRef(title="Copy", location="copy.pdf", sha256="ab")])),
    ("person with an unknown role", iro.ValidationError, ["role", "astronaut"],
     lambda o, t: o.people.add(given_name="Lina", family_name="Haddad", role="astronaut")),
    ("person family name over 200 bytes", iro.ValidationError, ["family_name", "at most 200 bytes"],
     lambda o, t: o.people.add(given_name="Lina", family_name="H" * 201, role="faculty")),
    ("search limit of 0", iro.ValidationError, ["limit", "1 to 10000"],
     lambda o, t: o.institutions.search("jordan", limit=0)),
    ("search limit of 10,001", iro.ValidationError, ["limit", "10001"],
     lambda o, t: o.institutions.search("jordan", limit=10_001)),
    ("actor over 200 bytes", iro.ValidationError, ["actor"],
     lambda o, t: setattr(o, "actor", "a" * 201)),
    ("unknown CSV collection", iro.ValidationError, ["spaceships"],
     lambda o, t: o.import_csv("spaceships", text="id\r\n")),
    ("CSV max_bytes of 0", iro.ValidationError, ["max_bytes", "at least 1 byte"],
     lambda o, t: o.import_csv("institutions", text="id\r\n", max_bytes=0)),
    ("CSV over max_bytes", iro.ValidationError, ["at most 8 bytes", "max_bytes"],
     lambda o, t: o.import_csv("institutions", text=o.export_csv("institutions"), max_bytes=8)),
    ("CSV text and path together", iro.ValidationError, ["not both"],
     lambda o, t: o.import_csv("institutions", text="id\r\n", path=t / "x.csv")),
    ("CSV path that does not exist", iro.NotFoundError, ["missing.csv"],
     lambda o, t: o.import_csv("institutions", path=t / "missing.csv")),
    ("CSV path that is a directory", iro.StorageError, ["Is a directory"],
     lambda o, t: o.import_csv("institutions", path=t)),
    ("CSV bytes that are not UTF-8", iro.RowsRejectedError, ["institutions row 2 (line 3)", "column 'names'"],
     lambda o, t: o.import_csv("institutions", text=o.export_csv("institutions").encode().replace(b"Jordan", b"Jord\xff"))),
    ("JSON cut short", iro.FormatError, ["byte"],
     lambda o, t: o.import_json(text='{"format": "iro-collections", "version": 1, "institutions": [')),
    ("ROR dump that is an object", iro.FormatError, ["array"],
     lambda o, t: o.import_ror(text='{"id": "https://ror.org/05k89ew48"}')),
    ("ROR dump path that does not exist", iro.NotFoundError, ["nope.json"],
     lambda o, t: o.import_ror(t / "nope.json")),
    ("EWP document over max_bytes", iro.ValidationError, ["at most 1000 bytes", "ImportOptions::max_bytes"],
     lambda o, t: o.import_iias(ewp_for_ppu(), new_partner_countries={"hibo.no": "NO"}, max_bytes=1000)),
    ("EWP file over max_bytes, refused before reading", iro.ValidationError, ["iias.xml", "at most 1000 bytes"],
     lambda o, t: (t.joinpath("iias.xml").write_text(ewp_for_ppu(), encoding="utf-8"),
                   o.import_iias(path=t / "iias.xml", new_partner_countries={"hibo.no": "NO"}, max_bytes=1000))),
    ("EWP file over 64 MiB, refused before reading", iro.ValidationError,
     ["at most 67108864 bytes", "ewp::kMaxDocumentBytes", "huge.xml"],
     lambda o, t: (sparse_file(t / "huge.xml", (64 << 20) + 1), iro.ewp.hash_iias(path=t / "huge.xml"))),
    ("EWP max_bytes of 0", iro.ValidationError, ["max_bytes", "at least 1 byte"],
     lambda o, t: o.import_iias(ewp_for_ppu(), max_bytes=0)),
    ("EWP max_bytes of the wrong type", iro.ArgumentTypeError, ["max_bytes"],
     lambda o, t: o.import_iias(ewp_for_ppu(), max_bytes="1 MiB")),
    ("EWP document of another root", iro.FormatError, ["iias-get-response", "namespace"],
     lambda o, t: o.import_iias("<iias-get-response/>")),
    ("EWP partner country not ISO", iro.ValidationError, ["new_partner_countries[hibo.no]", "'NOR'"],
     lambda o, t: o.import_iias(ewp_for_ppu(), new_partner_countries={"hibo.no": "NOR"})),
    ("snapshot format not known", iro.ValidationError, ["format", "xml, text, binary"],
     lambda o, t: o.save_snapshot(t / "office.yaml", format="yaml")),
    ("snapshot of garbage", iro.FormatError, ["not an iro archive"],
     lambda o, t: (t.joinpath("garbage.xml").write_bytes(b"\x00\x01garbage"), o.load_snapshot(t / "garbage.xml"))),
    (".ics stamp that is no UTC time", iro.ValidationError, ["stamp", "YYYYMMDDTHHMMSSZ"],
     lambda o, t: o.export_ics(stamp="yesterday")),
    (".ics range that ends before it starts", iro.ValidationError, ["2026-01-01"],
     lambda o, t: o.export_ics(start="2026-06-01", end="2026-01-01")),
    ("methodology weight not finite", iro.ValidationError, ["weight"],
     lambda o, t: o.rankings.save_methodology(iro.Methodology(
         system="PS-NATIONAL", year=2025, name="National",
         indicators=[iro.RankingIndicator(code="research", name="Research", weight=float("nan"))]))),
]


@pytest.mark.parametrize("name, cls, fragments, call", PY_CASES, ids=[c[0] for c in PY_CASES])
def test_python_bad_input(office, tmp_path, name, cls, fragments, call):
    refused(office, cls, lambda: call(office, tmp_path), *fragments)


def test_a_pickle_from_a_newer_iro_is_a_format_error():
    value = iro.Institution(names=[iro.Name(value="Archived", kind="display")], country="JO")
    state = value.__reduce_ex__(2)[2]
    # A text archive: the magic and the type name (base64 text), then the value's tracking
    # level and class version ("0 1"), then its fields. Raise the class version to 99.
    type_name = base64.b64encode(b"Institution") + b"\n"
    head, found, tail = state.partition(type_name)
    assert found and tail.startswith(b"0 1 ")
    newer = head + found + b"0 99 " + tail[len(b"0 1 "):]
    blank = iro.Institution.__new__(iro.Institution)
    with pytest.raises(iro.FormatError) as e:
        blank.__setstate__(newer)
    assert "iro::Institution has class version 99, newer than this iro understands" in str(e.value)


def test_catalogue_covers_enough_python_cases():
    assert len(PY_CASES) + len(CLI_CASES) >= 30
    assert len({c[0] for c in PY_CASES}) == len(PY_CASES)


# ---------------------------------------------------------------- the command line

USAGE, INVALID, FORMAT, NOT_FOUND, CONFLICT, STORAGE = 2, 3, 4, 5, 6, 7


@pytest.fixture(scope="module")
def cli():
    given = os.environ.get("IRO_CLI")
    if not given:
        pytest.fail("IRO_CLI is not set: point it at the built command line, e.g. IRO_CLI=build/bindings/cli/iro",
                    pytrace=False)
    return pathlib.Path(given)


def run(cli, *args, input=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("IRO_")}
    env["IRO_ACTOR"] = "catalogue"
    return subprocess.run([str(cli), *map(str, args)], capture_output=True, input=input, env=env, timeout=600)


def fingerprint(db):
    with iro.open(db, create=False) as office:
        dump = office.logical_dump()
    return dump, hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.fixture
def cli_db(cli, tmp_path):
    db = tmp_path / "office.db"
    result = run(cli, "init", "--db", db, "--home-name", "Palestine Polytechnic University", "--home-country", "PS",
                 "--home-schac", "ppu.edu")
    assert result.returncode == 0, result.stderr
    with iro.open(db, create=False) as office:
        office.institutions.add(name="University of Jordan", country="JO", ror="https://ror.org/05k89ew48")
        in_force_agreement(office, [partner(office, "University of Jordan")])
    return db


def write(tmp, name, data):
    path = tmp / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


CLI_CASES = [
    # (id, exit code, fragments of stderr, arguments after the database; `t` is a temporary directory)
    ("ROR record with a bad checksum", INVALID, ["ROR record 0", "05k89ew49"],
     lambda t: ["import", "ror", write(t, "r.json", '[{"id": "https://ror.org/05k89ew49"}]')]),
    ("ROR dump from stdin that is cut short", FORMAT, ["malformed JSON", "byte"],
     lambda t: ["import", "ror", "-"]),
    ("CSV with an unterminated quote", FORMAT, ["line 2", "never closed"],
     lambda t: ["import", "csv", "programs", write(t, "p.csv", 'id,name\r\n,"Erasmus\r\n')]),
    ("CSV of an unknown collection", USAGE, ["spaceships"],
     lambda t: ["import", "csv", "spaceships", write(t, "s.csv", "id\r\n")]),
    ("JSON of a newer version", FORMAT, ["version 99"],
     lambda t: ["import", "json", write(t, "v.json", '{"format": "iro-collections", "version": 99}')]),
    ("JSON row with an unknown country", INVALID, ["country", "'XX'"],
     lambda t: ["import", "json", write(t, "c.json", '{"format": "iro-collections", "version": 1, "institutions": '
                                                   '[{"names": [{"value": "Uni", "lang": "en", "kind": "display"}], '
                                                   '"country": "XX"}]}')]),
    ("archive of garbage", FORMAT, ["not an iro archive"],
     lambda t: ["import", "archive", write(t, "g.xml", b"\x00garbage")]),
    ("EWP file that is a directory", STORAGE, ["directory"],
     lambda t: ["import", "ewp", t]),
    ("EWP document in the wrong namespace", FORMAT, ["namespace"],
     lambda t: ["import", "ewp", write(t, "n.xml", "<iias-get-response xmlns='urn:other'/>")]),
    ("export of an unknown agreement", NOT_FOUND, ["999"],
     lambda t: ["export", "ewp", "999"]),
    (".ics range that ends before it starts", INVALID, ["2026-01-01"],
     lambda t: ["export", "ics", "--from", "2026-06-01", "--to", "2026-01-01"]),
    (".ics date that does not exist", INVALID, ["2026-02-30"],
     lambda t: ["export", "ics", "--from", "2026-02-30"]),
    ("CSV export over an existing file", CONFLICT, ["exists.csv", "--force"],
     lambda t: ["export", "csv", "institutions", "-o", write(t, "exists.csv", "keep me")]),
]


@pytest.mark.parametrize("name, code, fragments, args", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_bad_input(cli, cli_db, tmp_path, name, code, fragments, args):
    before = fingerprint(cli_db)
    arguments = args(tmp_path)
    stdin = b'[{"id": "https://ror.org/05k89ew48", ' if arguments[-1] == "-" else None
    result = run(cli, arguments[0], *arguments[1:2], "--db", cli_db, *arguments[2:], input=stdin)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == code, stderr
    assert result.stdout == b""
    assert stderr.startswith("iro: error: ")
    for fragment in fragments:
        assert fragment in stderr, f"{fragment!r} not in {stderr!r}"
    assert fingerprint(cli_db) == before
    if name == "CSV export over an existing file":
        assert (tmp_path / "exists.csv").read_text() == "keep me"


def test_cli_input_over_the_importers_limit_is_refused_before_it_is_read(cli, cli_db, tmp_path):
    """A file over the limit is refused from its size (a sparse file: nothing is read); standard
    input is refused once the bytes read pass the limit."""
    before = fingerprint(cli_db)
    limit = 64 << 20  # ewp::kMaxDocumentBytes
    big = tmp_path / "big.xml"
    with open(big, "wb") as f:
        f.truncate(limit + 1)
    result = run(cli, "import", "ewp", "--db", cli_db, big)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == INVALID, stderr
    assert f"invalid input '{str(big)[:20]}" in stderr and f"expected at most {limit} bytes" in stderr
    result = run(cli, "ewp", "hash", "-", input=b" " * (limit + 1))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == INVALID, stderr
    assert f"invalid input 'standard input': expected at most {limit} bytes" in stderr
    assert fingerprint(cli_db) == before
