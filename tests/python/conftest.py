"""Shared fixtures for the iro Python tests.

The module under test is the one a build put into <build>/python: set IRO_PYTHON_DIR to that
directory (default: <repo>/build/python). It goes first on sys.path so that an installed iro
never shadows the freshly built one.
"""

import os
import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
PYTHON_DIR = pathlib.Path(os.environ.get("IRO_PYTHON_DIR", REPO / "build" / "python")).resolve()
if not (PYTHON_DIR / "iro" / "__init__.py").exists():
    pytest.exit(f"no built iro package in {PYTHON_DIR}: build the _iro target or set IRO_PYTHON_DIR", returncode=4)
sys.path.insert(0, str(PYTHON_DIR))

import iro  # noqa: E402  (needs the path above)
from helpers import partner  # noqa: E402


@pytest.fixture
def empty_office():
    with iro.open(":memory:", actor="tester") as office:
        yield office


@pytest.fixture
def office(empty_office):
    """An office with a home institution (PS) and partners in JO (regional), DE and US."""
    o = empty_office
    o.institutions.add(
        name="Palestine Polytechnic University",
        country="PS",
        city="Hebron",
        is_home=True,
        schac="ppu.edu",
        website="https://www.ppu.edu",
    )
    o.institutions.add(name="University of Jordan", country="JO", city="Amman", ror="https://ror.org/05k89ew48")
    o.institutions.add(
        name="University of Warsaw", country="PL", city="Warsaw", erasmus="PL WARSZAW01", schac="uw.edu.pl"
    )
    o.institutions.add(name="DAAD", country="DE", city="Bonn", type=iro.InstitutionType.FUNDER)
    o.institutions.add(name="MIT", country="US", city="Cambridge", status="inactive")
    return o


@pytest.fixture
def jordan(office):
    return partner(office, "University of Jordan")


@pytest.fixture
def warsaw(office):
    return partner(office, "University of Warsaw")
