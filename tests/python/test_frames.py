"""to_frame(): typed columns whose values equal what the objects say."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import iro
from helpers import TODAY, in_force_agreement

INSTITUTION_COLUMNS = ["id", "display_name", "type", "country", "country_name", "region", "subregion", "scope", "city",
                       "status", "ror", "erasmus", "schac", "pic", "wikidata", "website", "successor", "is_home"]
AGREEMENT_COLUMNS = ["id", "reference", "title", "kind", "status", "proposed_on", "in_force_from", "valid_until",
                     "terminated_on", "partners", "partner_countries", "areas", "parties", "multilateral",
                     "tacit_renewal_years", "notice_days", "predecessor", "quotas"]
EXPIRING_COLUMNS = ["id", "reference", "title", "kind", "status", "partners", "partner_countries", "in_force_from",
                    "valid_until", "ends_on", "days_left", "renews_tacitly", "notice_by", "tacit_renewal_years",
                    "notice_days"]


@pytest.fixture(scope="module")
def sample():
    """The library's sample office: every kind, every state, multilateral agreements."""
    with iro.open(":memory:") as office:
        iro.generate_sample_data(office, seed=7, today=TODAY)
        yield office


def as_date(value):
    return None if pd.isna(value) else value.date()


def as_id(value):
    return None if pd.isna(value) else int(value)


def categories(enum_cls):
    return [m.value for m in enum_cls]


def test_institution_frame_types(sample):
    frame = sample.institutions.to_frame(include_home=True)
    assert list(frame.columns) == INSTITUTION_COLUMNS
    assert frame.id.dtype == np.int64
    assert frame.successor.dtype == pd.Int64Dtype()
    assert frame.is_home.dtype == bool
    for column, enum_cls in [("type", iro.InstitutionType), ("region", iro.WorldRegion), ("scope", iro.Scope),
                             ("status", iro.InstitutionStatus)]:
        assert isinstance(frame[column].dtype, pd.CategoricalDtype)
        assert list(frame[column].cat.categories) == categories(enum_cls)
    assert frame.display_name.dtype == object


def test_institution_frame_values_equal_the_objects(sample):
    frame = sample.institutions.to_frame(include_home=True).set_index("id")
    objects = sample.institutions.find(include_home=True)
    assert sorted(frame.index) == sorted(i.id for i in objects)
    for inst in objects:
        row = frame.loc[inst.id]
        country = iro.country(inst.country)
        assert row.display_name == inst.display_name
        assert row.type == inst.type and row.status == inst.status
        assert (row.country, row.city, row.website) == (inst.country, inst.city, inst.website)
        assert (row.country_name, row.region, row.subregion) == (country.name, country.region, country.subregion)
        assert row.scope == sample.institutions.scope_of(inst)
        ids = inst.identifiers
        assert (row.ror, row.erasmus, row.schac, row.pic, row.wikidata) == \
            (ids.ror, ids.erasmus, ids.schac, ids.pic, ids.wikidata)
        assert as_id(row.successor) == inst.successor
        assert bool(row.is_home) == inst.is_home


def test_institution_frame_follows_the_filters(sample):
    for filters in [{}, {"region": "europe"}, {"scope": "regional"}, {"type": "university", "status": "active"},
                    {"country": "JO"}]:
        frame = sample.institutions.to_frame(**filters)
        assert list(frame.id) == [i.id for i in sample.institutions.find(**filters)]
    assert not sample.institutions.to_frame().is_home.any()


def test_agreement_frame_types(sample):
    frame = sample.agreements.to_frame()
    assert list(frame.columns) == AGREEMENT_COLUMNS
    for column in ["proposed_on", "in_force_from", "valid_until", "terminated_on"]:
        assert frame[column].dtype == np.dtype("datetime64[ns]")
    assert list(frame.kind.cat.categories) == categories(iro.AgreementKind)
    assert list(frame.status.cat.categories) == categories(iro.AgreementStatus)
    for column in ["id", "parties", "tacit_renewal_years", "notice_days", "quotas"]:
        assert frame[column].dtype == np.int64
    assert frame.predecessor.dtype == pd.Int64Dtype()
    assert frame.multilateral.dtype == bool
    assert frame.terminated_on.isna().any() and frame.predecessor.isna().any()


def test_agreement_frame_values_equal_the_objects(sample):
    frame = sample.agreements.to_frame().set_index("id")
    names = {i.id: i for i in sample.institutions.find(include_home=True)}
    agreements = sample.agreements.find()
    assert len(frame) == len(agreements) == len(sample.agreements)
    for a in agreements:
        row = frame.loc[a.id]
        partners = [names[p.institution] for p in a.parties if not names[p.institution].is_home]
        countries = list(dict.fromkeys(p.country for p in partners))
        assert (row.reference, row.title, row.kind, row.status) == (a.reference, a.title, a.kind, a.status)
        assert as_date(row.proposed_on) == a.proposed_on
        assert as_date(row.in_force_from) == a.in_force_from
        assert as_date(row.valid_until) == a.valid_until
        assert as_date(row.terminated_on) == a.terminated_on
        assert row.partners == "; ".join(p.display_name for p in partners)
        assert row.partner_countries == "; ".join(countries)
        assert row.areas == "; ".join(area.value for area in a.areas)
        assert row.parties == len(a.parties) and bool(row.multilateral) == a.is_multilateral
        assert (row.tacit_renewal_years, row.notice_days) == (a.tacit_renewal_years, a.notice_days)
        assert as_id(row.predecessor) == a.predecessor
        assert row.quotas == len(a.quotas)


def test_agreement_frame_follows_the_filters(sample):
    some_partner = sample.institutions.find()[0]
    for filters in [{"status": "in_force"}, {"region": "europe"}, {"kind": "mou", "area": "research"},
                    {"in_force_on": TODAY}, {"partner": some_partner}, {"scope": "regional"}]:
        assert list(sample.agreements.to_frame(**filters).id) == [a.id for a in sample.agreements.find(**filters)]


def test_expiring_frame_matches_expiring(sample):
    rows = sample.agreements.expiring(within_days=180, on=TODAY)
    frame = sample.agreements.expiring_frame(within_days=180, on=TODAY)
    assert rows, "the sample office has agreements expiring within 180 days"
    assert list(frame.columns) == EXPIRING_COLUMNS
    assert list(frame.id) == [e.agreement.id for e in rows]
    assert list(frame.days_left) == [e.days_left for e in rows]
    assert [as_date(d) for d in frame.ends_on] == [e.ends_on for e in rows]
    assert [as_date(d) for d in frame.notice_by] == [e.notice_by for e in rows]
    assert list(frame.renews_tacitly) == [e.renews_tacitly for e in rows]
    assert frame.ends_on.dtype == np.dtype("datetime64[ns]") and frame.renews_tacitly.dtype == bool
    # The frame reads parties only; its partner columns match the frame of whole agreements.
    whole = sample.agreements.to_frame().set_index("id").loc[list(frame.id)]
    assert list(frame.partners) == list(whole.partners) and all(frame.partners)
    assert list(frame.partner_countries) == list(whole.partner_countries)


def test_changing_one_frames_categories_leaves_the_next_frame_alone(sample):
    first = sample.agreements.to_frame()
    first["status"] = first.status.cat.add_categories(["archived"])
    first["kind"] = first.kind.cat.rename_categories(str.upper)
    assert "archived" in list(first.status.cat.categories) and "MOU" in list(first.kind.cat.categories)
    second = sample.agreements.to_frame()
    # Frames share their categories, which no frame can change in place.
    with pytest.raises(ValueError, match="read-only"):
        second.status.cat.categories.values[0] = "x"
    assert list(second.status.cat.categories) == categories(iro.AgreementStatus)
    assert list(second.kind.cat.categories) == categories(iro.AgreementKind)
    assert list(sample.agreements.expiring_frame(within_days=180, on=TODAY).status.cat.categories) == \
        categories(iro.AgreementStatus)


def test_frames_of_an_empty_office_have_the_columns_and_types(empty_office):
    institutions = empty_office.institutions.to_frame()
    agreements = empty_office.agreements.to_frame()
    assert list(institutions.columns) == INSTITUTION_COLUMNS and len(institutions) == 0
    assert list(agreements.columns) == AGREEMENT_COLUMNS and len(agreements) == 0
    assert agreements.valid_until.dtype == np.dtype("datetime64[ns]")
    assert list(agreements.status.cat.categories) == categories(iro.AgreementStatus)
    assert len(empty_office.agreements.expiring_frame(on=TODAY)) == 0


def test_scope_is_missing_without_a_home_institution(empty_office):
    empty_office.institutions.add(name="Lonely", country="JO")
    frame = empty_office.institutions.to_frame()
    assert frame.scope.isna().all()
    assert list(frame.region) == ["asia"]


def test_dates_pandas_cannot_hold_are_nat_with_a_warning(office, jordan):
    in_force_agreement(office, [jordan], since=dt.date(2024, 1, 1), until=dt.date(2999, 12, 31))
    with pytest.warns(RuntimeWarning, match="valid_until: 1 date"):
        frame = office.agreements.to_frame()
    assert pd.isna(frame.valid_until[0]) and frame.in_force_from[0] == pd.Timestamp("2024-01-01")


def test_units_and_contacts_frames(office, jordan):
    home = office.home
    eng = office.units.add(institution=home, name="Engineering", kind="faculty", code="ENG")
    cs = office.units.add(institution=home, parent=eng, name="Computer Science")
    office.contacts.add(institution=jordan, name="Dr. Rana", role="Officer", email="rana@ju.edu.jo")
    office.contacts.add(institution=home, unit=cs, name="Dr. Sami")
    units = office.units.to_frame()
    assert list(units.columns) == ["id", "institution", "parent", "kind", "name", "code"]
    assert list(units.id) == [eng.id, cs.id] and list(units.parent.astype(object).fillna(0)) == [0, eng.id]
    assert units.parent.dtype == pd.Int64Dtype()
    assert list(units.kind.cat.categories) == categories(iro.UnitKind)
    assert len(office.units.to_frame(jordan)) == 0
    contacts = office.contacts.to_frame()
    assert list(contacts.columns) == ["id", "institution", "unit", "name", "role", "email", "phone"]
    assert sorted(contacts.name) == ["Dr. Rana", "Dr. Sami"]
    assert list(office.contacts.to_frame(institution=jordan.id).email) == ["rana@ju.edu.jo"]
    assert contacts.unit.dtype == pd.Int64Dtype()


def test_frames_feed_groupby_and_plots(sample):
    frame = sample.institutions.to_frame()
    by_region = frame.groupby("region").size()
    assert list(by_region.index) == categories(iro.WorldRegion)
    assert by_region.sum() == len(frame)
    agreements = sample.agreements.to_frame()
    by_year = agreements.groupby([agreements.proposed_on.dt.year, "status"]).size()
    assert by_year.sum() == len(agreements)
