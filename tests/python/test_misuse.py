"""Misuse never crashes the interpreter: it raises an iro.Error subclass and writes nothing."""

import datetime as dt
import gc
import pickle

import pytest

import iro
from helpers import in_force_agreement


@pytest.fixture
def other(office):
    """A second office with the same shape, whose objects the first must refuse."""
    with iro.open(":memory:") as o:
        o.institutions.add(name="Home", country="PS", is_home=True)
        o.institutions.add(name="Partner", country="JO")
        yield o


def refused(office, cls, call, *texts):
    """Runs `call`, expects `cls`, and checks the store is unchanged."""
    before = office.logical_dump()
    with pytest.raises(cls) as e:
        call()
    for text in texts:
        assert text in str(e.value)
    assert office.logical_dump() == before
    return e.value


# ---------------------------------------------------------------- None and wrong types

@pytest.mark.parametrize("call", [
    lambda o: o.institutions.update(None),
    lambda o: o.institutions.get(None),
    lambda o: o.agreements.update(None),
    lambda o: o.agreements.history(None),
    lambda o: o.units.of(None),
    lambda o: o.contacts.update(None),
    lambda o: o.institutions.add_many(None),
    lambda o: o.institutions.search(None),
    lambda o: setattr(o, "actor", None),
    lambda o: setattr(o, "regional_countries", None),
], ids=["update", "get", "agreement-update", "history", "units-of", "contact-update", "add_many", "search", "actor",
        "regional"])
def test_none_where_a_value_is_expected(office, call):
    e = refused(office, iro.ArgumentTypeError, lambda: call(office), "NoneType")
    assert isinstance(e, TypeError)


@pytest.mark.parametrize("bad", ["1", "abc", 1.0, True, [1], b"1", object()])
def test_wrong_type_for_an_id(office, bad):
    e = refused(office, iro.ArgumentTypeError, lambda: office.institutions.get(bad), "expected an int id")
    assert e.field == "id"


def test_an_object_of_the_wrong_class_for_an_id_or_value(office, jordan):
    agreement = in_force_agreement(office, [jordan])
    refused(office, iro.ArgumentTypeError, lambda: office.institutions.get(agreement), "got Agreement")
    refused(office, iro.ArgumentTypeError, lambda: office.institutions.update(agreement), "expected an iro.Institution")
    refused(office, iro.ArgumentTypeError, lambda: office.agreements.sign(agreement, agreement, "2025-01-01"))


@pytest.mark.parametrize("bad", [2**70, -2**70, 2**63])
def test_huge_integers(office, bad):
    e = refused(office, iro.ValidationError, lambda: office.institutions.get(bad), "64 bits")
    assert not isinstance(e, TypeError)
    refused(office, iro.ValidationError, lambda: office.institutions.search("x", limit=bad))
    refused(office, iro.ValidationError, lambda: office.agreements.expiring(within_days=bad))


@pytest.mark.parametrize("bad", [0, -1, -(2**63)])
def test_zero_and_negative_ids(office, bad):
    refused(office, iro.ValidationError, lambda: office.agreements.get(bad), "a positive agreement id")
    refused(office, iro.ValidationError, lambda: office.agreements.find(partner=bad))


def test_bad_dates(office, jordan):
    a = office.agreements.add(title="x", areas=["research"], partners=[jordan], proposed_on="2025-01-01")
    refused(office, iro.ValidationError, lambda: a.transition("in_negotiation", "2025-02-29"), "YYYY-MM-DD")
    refused(office, iro.ArgumentTypeError, lambda: a.transition("in_negotiation", 20250301))
    refused(office, iro.ValidationError,
            lambda: office.agreements.add(title="y", areas=["research"], partners=[jordan], proposed_on="tomorrow"))


def test_unknown_enum_names(office, jordan):
    e = refused(office, iro.ValidationError, lambda: office.agreements.find(status="signed"), "in_force")
    assert e.field == "status"
    refused(office, iro.ValidationError,
            lambda: office.agreements.add(title="x", areas=["research", "sports"], partners=[jordan]), "sports")
    refused(office, iro.ValidationError, lambda: office.institutions.add(name="X", country="JO", type="college"))


def test_unknown_filter_keywords(office):
    e = refused(office, iro.ArgumentTypeError, lambda: office.institutions.find(contry="JO"), "include_home")
    assert e.field == "contry" and isinstance(e, TypeError)
    refused(office, iro.ArgumentTypeError, lambda: office.agreements.to_frame(partner_country="JO"))
    refused(office, iro.ArgumentTypeError, lambda: office.report(colour="red"))


def test_unknown_keyword_for_add(office):
    refused(office, iro.ArgumentTypeError, lambda: office.institutions.add(name="X", country="JO", founded=1990),
            "a field of Institution")


def test_object_and_keywords_together(office, jordan):
    refused(office, iro.ArgumentTypeError, lambda: office.institutions.add(jordan, city="Irbid"), "not both")


def test_text_that_is_not_unicode_or_too_long(office):
    refused(office, iro.ValidationError, lambda: office.institutions.add(name="bad \ud800 text", country="JO"),
            "surrogates")
    refused(office, iro.ValidationError, lambda: office.institutions.add(name="x" * 501, country="JO"), "500 bytes")
    # what() is a C string, so the message stops at the NUL; the attributes keep everything.
    e = refused(office, iro.ValidationError, lambda: office.institutions.add(name="nul\0inside", country="JO"))
    assert (e.field, e.value) == ("names[0].value", "nul\0inside")
    assert "control characters" in e.expected


def test_empty_actor(office):
    refused(office, iro.ValidationError, lambda: setattr(office, "actor", ""), "non-empty")
    assert office.actor == "tester"


def test_direct_construction_of_offices_and_collections():
    for cls in (iro.Office, iro.Institutions, iro.OrgUnits, iro.Contacts, iro.Agreements, iro.AuditLog):
        with pytest.raises(iro.ArgumentTypeError) as e:
            cls()
        assert "no direct construction" in str(e.value)


def test_open_with_wrong_types():
    with pytest.raises(iro.ArgumentTypeError):
        iro.open(None)
    with pytest.raises(iro.ArgumentTypeError):
        iro.open(":memory:", create="yes")
    with pytest.raises(iro.ValidationError):
        iro.open(":memory:", actor="")
    with pytest.raises(iro.ArgumentTypeError):
        iro.generate_sample_data(None)


# ---------------------------------------------------------------- objects from another office

def test_objects_from_another_office_are_refused(office, other, jordan):
    foreign = other.institutions.find()[0]
    foreign_home = other.home
    message = "returned by another office"
    refused(office, iro.ConflictError, lambda: office.institutions.get(foreign), message)
    refused(office, iro.ConflictError, lambda: office.institutions.update(foreign), message)
    refused(office, iro.ConflictError, lambda: office.institutions.add(foreign), message)
    refused(office, iro.ConflictError, lambda: office.institutions.scope_of(foreign), message)
    refused(office, iro.ConflictError, lambda: office.institutions.merge_into(jordan, foreign), message)
    refused(office, iro.ConflictError, lambda: office.agreements.find(partner=foreign), message)
    refused(office, iro.ConflictError, lambda: office.agreements.to_frame(partner=foreign), message)
    refused(office, iro.ConflictError,
            lambda: office.agreements.add(title="x", areas=["research"], partners=[jordan, foreign]), message)
    refused(office, iro.ConflictError, lambda: office.units.add(institution=foreign_home, name="U"), message)
    refused(office, iro.ConflictError, lambda: office.contacts.to_frame(foreign), message)
    refused(office, iro.ConflictError, lambda: office.audit.for_entity(foreign), message)


def test_foreign_agreements_and_parties(office, other, jordan):
    mine = in_force_agreement(office, [jordan])
    theirs = in_force_agreement(other, other.institutions.find())
    refused(office, iro.ConflictError, lambda: office.agreements.update(theirs), "another office")
    refused(office, iro.ConflictError, lambda: office.agreements.terminate(theirs, "2025-01-01"))
    refused(office, iro.ConflictError, lambda: office.agreements.add_many([theirs]))
    refused(office, iro.ConflictError, lambda: mine.sign(other.home, "2025-01-01"))
    expiring = other.agreements.expiring(within_days=36500, on="2025-01-01")
    refused(office, iro.ConflictError, lambda: office.agreements.get(expiring[0].agreement))


def test_plain_ids_and_unpickled_objects_are_accepted_anywhere(office, other, jordan):
    foreign = other.institutions.find()[0]
    assert office.institutions.get(foreign.id).id == foreign.id  # same number, this office's institution
    copy_ = pickle.loads(pickle.dumps(jordan))
    copy_.city = "Amman (unpickled)"
    assert office.institutions.update(copy_).city == "Amman (unpickled)"


# ---------------------------------------------------------------- closed stores

def test_a_closed_office_refuses_every_call(office, jordan):
    agreement = in_force_agreement(office, [jordan])
    units = office.units
    office.close()
    office.close()  # idempotent
    assert office.closed
    calls = [
        lambda: office.home,
        lambda: office.actor,
        lambda: setattr(office, "actor", "x"),
        lambda: office.schema_version,
        lambda: office.regional_countries,
        lambda: office.logical_dump(),
        lambda: office.report(),
        lambda: office.summary(),
        lambda: office.institutions.get(1),
        lambda: office.institutions.add(name="X", country="JO"),
        lambda: office.institutions.to_frame(),
        lambda: len(office.institutions),
        lambda: list(office.institutions),
        lambda: units.of(1),
        lambda: office.contacts.to_frame(),
        lambda: office.agreements.expiring(),
        lambda: office.agreements.expiring_frame(),
        lambda: office.audit.latest(),
        lambda: agreement.sign(jordan, "2025-01-01"),
        lambda: agreement.history(),
        lambda: iro.generate_sample_data(office),
    ]
    for call in calls:
        with pytest.raises(iro.StorageError) as e:
            call()
        assert "store is closed" in str(e.value)
    assert office.path == ":memory:"
    assert repr(office) == "<iro.Office ':memory:' closed>"


def test_context_manager_closes_even_on_error(tmp_path):
    with pytest.raises(ZeroDivisionError):
        with iro.open(tmp_path / "x.db") as office:
            assert not office.closed
            1 / 0
    assert office.closed
    with pytest.raises(iro.StorageError):
        office.institutions.count()


def test_objects_outliving_their_office(tmp_path):
    with iro.open(tmp_path / "gone.db") as office:
        office.institutions.add(name="Home", country="PS", is_home=True)
        partner_ = office.institutions.add(name="Partner", country="JO")
        agreement = office.agreements.add(title="x", areas=["research"], partners=[partner_], proposed_on="2025-01-01")
    del office
    gc.collect()
    with pytest.raises(iro.StorageError) as e:
        agreement.transition("in_negotiation", "2025-02-01")
    assert "is closed" in str(e.value)
    # The values themselves stay readable.
    assert agreement.title == "x" and agreement.proposed_on == dt.date(2025, 1, 1)
