"""to_frame() of the daily work on the sample office: typed columns whose values equal what the objects say."""

import numpy as np
import pandas as pd
import pytest

import iro
from helpers import TODAY


@pytest.fixture(scope="module")
def sample():
    """The library's sample office: activities, people, visits, programs, calls, applications and centres."""
    with iro.open(":memory:") as office:
        iro.generate_sample_data(office, seed=7, today=TODAY)
        yield office


def as_date(value):
    return None if pd.isna(value) else value.date()


def as_id(value):
    return None if pd.isna(value) else int(value)


def categories(enum_cls):
    return [m.value for m in enum_cls]


def check_categories(frame, columns):
    for column, enum_cls in columns.items():
        assert isinstance(frame[column].dtype, pd.CategoricalDtype), column
        assert list(frame[column].cat.categories) == categories(enum_cls), column


def names(office):
    return {i.id: i.display_name for i in office.institutions}


def test_activities_frame(sample):
    frame = sample.activities.to_frame()
    assert list(frame.columns) == ["id", "type", "title", "partners", "partner_countries", "agreement", "area",
                                   "start", "end", "home_units", "people", "publications", "participants", "funds",
                                   "evidence", "outcome"]
    check_categories(frame, {"type": iro.ActivityType, "area": iro.Area})
    assert frame.agreement.dtype == pd.Int64Dtype() and frame.start.dtype == "datetime64[ns]"
    assert frame.id.dtype == np.int64 and frame.publications.dtype == np.int64
    activities = list(sample.activities)
    assert frame.id.tolist() == [a.id for a in activities] and len(frame) == len(sample.activities) > 50
    institution = names(sample)
    units = {u.id: u.name for u in sample.units}
    for a, row in zip(activities, frame.itertuples(index=False)):
        assert (row.type, row.title, row.area) == (a.type, a.title, a.area)
        assert as_id(row.agreement) == a.agreement
        assert (as_date(row.start), as_date(row.end)) == (a.start, a.end)
        assert row.partners == "; ".join(institution[p] for p in a.partners)
        assert row.home_units == "; ".join(units[u] for u in a.home_units)
        assert (row.people, row.publications, row.participants, row.evidence) == \
            (len(a.people), a.publications, a.participants, len(a.evidence))
        assert row.funds == "; ".join(f"{m.amount:g} {m.currency}" for m in a.funds)
        assert row.outcome == a.outcome
    assert frame.agreement.isna().any() and frame.agreement.notna().any()
    assert frame.end.isna().any() and (frame.funds != "").any()
    year = sample.activities.to_frame(year=2025)
    assert year.id.tolist() == [a.id for a in sample.activities.find(year=2025)]


def test_funds_and_counts(sample):
    funds = sample.activities.funds_frame()
    expected = [(a.id, m.amount, m.currency) for a in sample.activities for m in a.funds]
    assert list(zip(funds.activity, funds.amount, funds.currency)) == expected and expected
    check_categories(funds, {"type": iro.ActivityType, "area": iro.Area})
    for by in iro.ActivityGrouping:
        counts = sample.activities.count_by(by)
        assert counts["count"].is_monotonic_decreasing
        if by != "agreement":  # activities without an agreement are not counted there
            assert counts["count"].sum() >= len(sample.activities)
    by_type = sample.activities.count_by("type").set_index("key")["count"]
    assert by_type.to_dict() == {t.value: sample.activities.count(type=t) for t in iro.ActivityType
                                 if sample.activities.count(type=t)}


def test_people_frame(sample):
    frame = sample.people.to_frame()
    assert list(frame.columns) == ["id", "given_name", "family_name", "full_name", "role", "affiliation",
                                   "affiliation_name", "unit", "unit_name", "nationality", "email", "isced_codes",
                                   "keywords", "erased"]
    check_categories(frame, {"role": iro.PersonRole})
    assert frame.affiliation.dtype == pd.Int64Dtype() and frame.unit.dtype == pd.Int64Dtype()
    assert frame.erased.dtype == bool
    institution = names(sample)
    people = list(sample.people)
    assert frame.id.tolist() == [p.id for p in people]
    for p, row in zip(people, frame.itertuples(index=False)):
        assert (row.given_name, row.family_name, row.full_name, row.role) == \
            (p.given_name, p.family_name, p.full_name, p.role)
        assert (as_id(row.affiliation), as_id(row.unit)) == (p.affiliation, p.unit)
        assert row.affiliation_name == (institution[p.affiliation] if p.affiliation else "")
        assert (row.nationality, row.email, row.erased) == (p.nationality, p.email, p.erased)
        assert row.isced_codes == "; ".join(p.expertise.isced_codes)
        assert row.keywords == "; ".join(p.expertise.keywords)
    students = sample.people.to_frame(role="student")
    assert set(students.role) == {"student"} and len(students) == sample.people.count(role="student")


def test_visits_frame(sample):
    frame = sample.visits.to_frame()
    assert list(frame.columns) == ["id", "person", "direction", "purpose", "status", "home_institution",
                                   "home_institution_name", "host_institution", "host_institution_name", "partner",
                                   "partner_name", "partner_country", "partner_region", "home_unit",
                                   "home_unit_name", "host_unit", "host_unit_name", "start", "end", "days",
                                   "academic_year", "agreement", "program", "mobility_type", "lectures",
                                   "teaching_hours", "seminars", "note"]
    check_categories(frame, {"direction": iro.VisitDirection, "purpose": iro.VisitPurpose,
                             "status": iro.VisitStatus, "partner_region": iro.WorldRegion,
                             "mobility_type": iro.MobilityType})
    for column in ("home_unit", "host_unit", "agreement", "program"):
        assert frame[column].dtype == pd.Int64Dtype(), column
    assert frame.teaching_hours.dtype == np.float64 and frame.end.dtype == "datetime64[ns]"
    institution = names(sample)
    countries = {i.id: i.country for i in sample.institutions}
    units = {u.id: u.name for u in sample.units}
    visits = list(sample.visits)
    assert frame.id.tolist() == [v.id for v in visits]
    for v, row in zip(visits, frame.itertuples(index=False)):
        partner = v.home_institution if v.direction == "incoming" else v.host_institution
        assert (row.person, row.direction, row.purpose, row.status) == (v.person, v.direction, v.purpose, v.status)
        assert (row.home_institution, row.host_institution, row.partner) == \
            (v.home_institution, v.host_institution, partner)
        assert row.partner_name == institution[partner] and row.partner_country == countries[partner]
        assert (row.home_institution_name, row.host_institution_name) == \
            (institution[v.home_institution], institution[v.host_institution])
        assert (row.home_unit_name, row.host_unit_name) == \
            (units.get(v.home_unit, ""), units.get(v.host_unit, ""))
        assert row.partner_region == iro.country(countries[partner]).region
        assert (as_id(row.home_unit), as_id(row.host_unit)) == (v.home_unit, v.host_unit)
        assert (as_date(row.start), as_date(row.end)) == (v.start, v.end)
        assert row.days == (v.end - v.start).days + 1
        assert row.academic_year == str(v.academic_year)
        assert (as_id(row.agreement), as_id(row.program)) == (v.agreement, v.program)
        assert (None if pd.isna(row.mobility_type) else row.mobility_type) == v.mobility_type
        assert (row.lectures, row.teaching_hours, row.seminars, row.note) == \
            (v.lectures, v.teaching_hours, v.seminars, v.note)
    assert frame.program.notna().any() and frame.agreement.notna().any()
    assert frame.home_unit.notna().any() and frame.home_unit.isna().any()
    assert frame.academic_year.nunique() > 1
    outgoing = sample.visits.to_frame(direction="outgoing", status="completed")
    assert len(outgoing) == sample.visits.count(direction="outgoing", status="completed") > 0


def test_programs_calls_and_applications_frames(sample):
    programs = sample.programs.to_frame()
    assert list(programs.columns) == ["id", "name", "kind", "provider", "provider_name", "agreement", "audiences",
                                      "eligibility", "website", "calls"]
    check_categories(programs, {"kind": iro.ProgramKind})
    for p, row in zip(sample.programs, programs.itertuples(index=False)):
        assert (row.id, row.name, row.kind, as_id(row.provider), as_id(row.agreement)) == \
            (p.id, p.name, p.kind, p.provider, p.agreement)
        assert row.audiences == "; ".join(p.audiences) and row.calls == len(sample.calls.find(p))
    assert programs.calls.sum() == len(sample.calls)

    calls = sample.calls.to_frame()
    assert list(calls.columns) == ["id", "program", "program_name", "program_kind", "title", "opens_on", "deadline",
                                   "places", "funding_amount", "funding_currency", "eligibility"]
    check_categories(calls, {"program_kind": iro.ProgramKind})
    assert calls.funding_amount.dtype == np.float64 and calls.deadline.dtype == "datetime64[ns]"
    for c, row in zip(sample.calls, calls.itertuples(index=False)):
        assert (row.id, row.program, row.title, row.places) == (c.id, c.program, c.title, c.places)
        assert (as_date(row.opens_on), as_date(row.deadline)) == (c.opens_on, c.deadline)
        if c.funding is None:
            assert np.isnan(row.funding_amount) and row.funding_currency == ""
        else:
            assert (row.funding_amount, row.funding_currency) == (c.funding.amount, c.funding.currency)
    first = sample.programs.find()[0]
    assert sample.calls.to_frame(first).id.tolist() == [c.id for c in sample.calls.find(first)]

    applications = sample.applications.to_frame()
    assert list(applications.columns) == ["id", "call", "call_title", "deadline", "program", "program_name",
                                          "applicant", "audience", "unit", "unit_name", "status", "created_on", "note"]
    check_categories(applications, {"audience": iro.Audience, "status": iro.ApplicationStatus})
    call_of = {c.id: c for c in sample.calls}
    for a, row in zip(sample.applications, applications.itertuples(index=False)):
        assert (row.id, row.call, row.applicant, row.audience, row.status, as_id(row.unit)) == \
            (a.id, a.call, a.applicant, a.audience, a.status, a.unit)
        assert as_date(row.created_on) == a.created_on and as_date(row.deadline) == call_of[a.call].deadline
        assert row.program == call_of[a.call].program
    assert set(applications.status) > {"draft", "accepted"}

    participation = sample.applications.participation()
    check_categories(participation, {"audience": iro.Audience})
    assert participation.unit.dtype == pd.Int64Dtype()
    submitted = applications[applications.status != "draft"]
    assert participation.applications.sum() == len(submitted)
    assert participation.accepted.sum() == submitted.status.isin(["accepted", "completed"]).sum()
    rates = sample.applications.success_rates()
    decided = applications[applications.status.isin(["accepted", "completed", "rejected"])]
    assert rates.decided.sum() == len(decided)
    assert np.allclose(rates.rate, rates.accepted / rates.decided)


def test_centres_frames(sample):
    frame = sample.centres.to_frame()
    centres = list(sample.centres)
    assert frame.id.tolist() == [c.id for c in centres] and len(centres) > 3
    assert frame.is_home.tolist() == sorted(frame.is_home.tolist(), reverse=True)
    for c, row in zip(centres, frame.itertuples(index=False)):
        expertise = sample.centres.expertise(c)
        assert (row.name, row.institution) == (c.name, c.institution)
        assert row.isced_codes == "; ".join(expertise.isced_codes) and row.keywords == "; ".join(expertise.keywords)
        assert row.links == len(sample.centres.links(c))
    home = centres[0]
    matches = sample.centres.match(home, limit=5)
    table = sample.centres.match_frame(home, limit=5)
    assert len(matches) == len(table) > 0
    for m, row in zip(matches, table.itertuples(index=False)):
        assert (row.kind, row.id, row.name, row.institution, row.score) == \
            (m.kind, m.id, m.name, m.institution, m.score)
        assert row.reasons == "; ".join(m.reasons)


def test_analysis_frames_agree_with_the_collections(sample):
    balance = sample.mobility_balance(start="2025-01-01", end="2025-12-31")
    visits = sample.visits.to_frame(year=2025)
    visits = visits[visits.status != "cancelled"]
    assert balance.incoming.sum() == (visits.direction == "incoming").sum()
    assert balance.outgoing.sum() == (visits.direction == "outgoing").sum()
    assert (balance.total == balance.incoming + balance.outgoing).all()
    assert (balance.balance == balance.incoming - balance.outgoing).all()
    k = sample.kpis(year=2025)
    assert (k.incoming_visits, k.outgoing_visits) == (balance.incoming.sum(), balance.outgoing.sum())
    quota = sample.quota_utilisation()
    assert len(quota) > 0 and np.allclose(quota.share, quota.used / quota.allowed)
    dormant = sample.dormant_agreements(on=TODAY)
    assert k.dormant_agreements == len(sample.dormant_agreements(on="2025-12-31")) and len(dormant) > 0
    assert set(sample.unused_agreements(on=TODAY).id) <= set(sample.agreements.to_frame(in_force_on=TODAY).id)
    professors = sample.visiting_professors(year=2025)
    assert professors.visits.sum() == k.visiting_professors


def test_quota_frame_text_columns_follow_each_row(sample):
    # Titles, academic years and names are held once per distinct value: each row must still
    # show its own.
    frame = sample.quota_utilisation()
    institution = names(sample)
    agreements = {a.id: a for a in sample.agreements}
    assert frame.agreement.nunique() > 1 and frame.academic_year.nunique() > 1
    for row in frame.itertuples(index=False):
        a = agreements[row.agreement]
        assert row.agreement_title == a.title
        assert row.academic_year in {str(y) for q in a.quotas for y in q.academic_years}
        assert row.sending_name == institution[row.sending] and row.receiving_name == institution[row.receiving]
    # By agreement, then academic year.
    keys = list(zip(frame.agreement, frame.academic_year))
    assert keys == sorted(keys)
