"""Each C++ error maps to one Python class, keeps its message, and a refused change writes nothing."""

import sqlite3

import pytest

import iro
from iro import _iro


def test_hierarchy():
    assert issubclass(iro.Error, Exception)
    assert issubclass(iro.ValidationError, iro.Error) and issubclass(iro.ValidationError, ValueError)
    assert issubclass(iro.ArgumentTypeError, iro.ValidationError) and issubclass(iro.ArgumentTypeError, TypeError)
    assert issubclass(iro.NotFoundError, iro.Error) and issubclass(iro.NotFoundError, LookupError)
    for cls in (iro.ConflictError, iro.StorageError, iro.FormatError, iro.ThreadError):
        assert issubclass(cls, iro.Error)
        assert not issubclass(cls, (ValueError, LookupError, TypeError))
    for cls in (iro.Error, iro.ValidationError, iro.ArgumentTypeError, iro.NotFoundError, iro.ConflictError,
                iro.StorageError, iro.FormatError, iro.ThreadError):
        assert cls.__module__ == "iro"
        assert cls.__doc__


@pytest.mark.parametrize("kind, cls", [
    ("validation", iro.ValidationError),
    ("argument_type", iro.ArgumentTypeError),
    ("not_found", iro.NotFoundError),
    ("conflict", iro.ConflictError),
    ("storage", iro.StorageError),
    ("format", iro.FormatError),
    ("thread", iro.ThreadError),
    ("error", iro.Error),
])
def test_every_cpp_error_maps_to_exactly_its_class(kind, cls):
    with pytest.raises(iro.Error) as e:
        _iro._raise_cpp_error(kind, "the message")
    assert type(e.value) is cls
    assert "the message" in str(e.value)


def test_validation_errors_carry_field_value_and_expected():
    with pytest.raises(iro.ValidationError) as e:
        _iro._raise_cpp_error("validation", "something better")
    assert (e.value.field, e.value.value, e.value.expected) == ("field", "value", "something better")
    assert str(e.value) == "invalid field 'value': expected something better"


def test_other_cpp_exceptions_become_iro_errors():
    with pytest.raises(iro.Error) as e:
        _iro._raise_cpp_error("std", "index 7")
    assert type(e.value) is iro.Error
    assert "internal error in iro: index 7" in str(e.value)
    with pytest.raises(iro.Error) as e:
        _iro._raise_cpp_error("unknown", "")
    assert "unknown C++ exception" in str(e.value)


def test_validation_error_from_the_store(office):
    before = office.logical_dump()
    with pytest.raises(iro.ValidationError) as e:
        office.institutions.add(name="Nowhere University", country="XX")
    assert isinstance(e.value, ValueError)
    assert (e.value.field, e.value.value) == ("country", "XX")
    assert "ISO 3166-1 alpha-2" in e.value.expected
    assert str(e.value).startswith("invalid country 'XX': expected")
    assert office.logical_dump() == before


def test_argument_type_error_from_a_wrong_python_type(office):
    before = office.logical_dump()
    with pytest.raises(iro.ArgumentTypeError) as e:
        office.institutions.add(name="X", country=972)
    assert isinstance(e.value, TypeError) and isinstance(e.value, iro.ValidationError)
    assert e.value.field == "country" and e.value.value == "972"
    assert "expected a str (got int)" in str(e.value)
    assert office.logical_dump() == before


def test_not_found_error(office, jordan):
    with pytest.raises(iro.NotFoundError) as e:
        office.institutions.get(999)
    assert isinstance(e.value, LookupError)
    assert str(e.value) == "no institution with id 999"
    before = office.logical_dump()
    with pytest.raises(iro.NotFoundError) as e:
        office.agreements.add(title="x", areas=["research"], proposed_on="2024-01-01", partners=[jordan, 999])
    assert "institution (parties[2])" in str(e.value) and "999" in str(e.value)
    assert office.logical_dump() == before


def test_conflict_errors(office, jordan):
    before = office.logical_dump()
    with pytest.raises(iro.ConflictError) as e:
        office.institutions.add(name="Duplicate", country="JO", ror=jordan.identifiers.ror)
    assert f"ror '{jordan.identifiers.ror}' is already used by institution {jordan.id}" in str(e.value)
    with pytest.raises(iro.ConflictError) as e:
        office.institutions.add(name="Second home", country="PS", is_home=True)
    assert "already has a home institution" in str(e.value)
    assert office.logical_dump() == before


def test_storage_error_for_a_missing_file_without_create(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(iro.StorageError) as e:
        iro.open(path, create=False)
    assert "no such file" in str(e.value)
    assert not path.exists()


def test_storage_error_for_a_file_from_a_newer_iro_leaves_it_untouched(tmp_path):
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 999")
    content = path.read_bytes()
    with pytest.raises(iro.StorageError) as e:
        iro.open(str(path))
    assert "newer than this iro understands" in str(e.value)
    assert path.read_bytes() == content


def test_storage_error_for_a_path_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just text that is long enough to be read as a header " * 20)
    content = path.read_bytes()
    with pytest.raises(iro.StorageError):
        iro.open(path)
    assert path.read_bytes() == content


def test_sqlite_failures_on_reads_are_storage_errors(tmp_path):
    # Another program damages the file under an open office: the library's reads let SQLite's
    # exception out, and the module reports it as a StorageError, not as an internal error.
    path = tmp_path / "damaged.db"
    with iro.open(path) as office:
        office.institutions.add(name="PPU", country="PS", is_home=True)
        with sqlite3.connect(path, isolation_level=None) as db:
            db.execute("PRAGMA foreign_keys = OFF")
            db.execute("DROP TABLE audit_log")
        for call in (lambda: len(office.audit), lambda: office.audit.latest(),
                     lambda: office.institutions.add(name="X", country="JO")):
            with pytest.raises(iro.StorageError) as e:
                call()
            assert "no such table: audit_log" in str(e.value)


def test_an_empty_path_is_a_validation_error():
    with pytest.raises(iro.ValidationError) as e:
        iro.open("")
    assert e.value.field == "path"
