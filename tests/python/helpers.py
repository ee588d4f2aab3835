"""Helpers shared by the tests (conftest.py has put the built module on sys.path)."""

import datetime as dt

import iro

# A fixed "today" keeps every date-dependent assertion stable.
TODAY = dt.date(2026, 1, 15)


def partner(office, name):
    """The partner institution with this display name."""
    for inst in office.institutions:
        if inst.display_name == name:
            return inst
    raise LookupError(name)


def in_force_agreement(office, partners, *, title="MoU in force", since=dt.date(2024, 9, 1),
                       until=dt.date(2029, 8, 31), **fields):
    """An agreement recorded as already signed and in force."""
    parties = [iro.Party(institution=office.home.id, signed_on=since)]
    parties += [iro.Party(institution=p.id, signed_on=since) for p in partners]
    fields.setdefault("areas", ["research"])
    return office.agreements.add(
        title=title,
        parties=parties,
        status="in_force",
        proposed_on=since - dt.timedelta(days=60),
        in_force_from=since,
        valid_until=until,
        **fields,
    )
