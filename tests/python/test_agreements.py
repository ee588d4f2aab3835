"""Agreements: adding, querying, the lifecycle on the collection and on the objects."""

import datetime as dt

import pytest

import iro
from helpers import TODAY, in_force_agreement


def proposal(office, partners, **fields):
    fields.setdefault("title", "MoU with " + partners[0].display_name)
    fields.setdefault("areas", ["research"])
    fields.setdefault("proposed_on", "2025-01-10")
    return office.agreements.add(partners=partners, **fields)


def test_add_with_partners_puts_the_home_institution_first(office, jordan):
    a = proposal(office, [jordan], kind="mou", reference="IRO-2025-001")
    assert a.id > 0
    assert [p.institution for p in a.parties] == [office.home.id, jordan.id]
    assert a.status is iro.AgreementStatus.PROPOSED
    assert a.proposed_on == dt.date(2025, 1, 10)
    assert office.agreements.get(a.id) == a


def test_add_defaults_proposed_on_to_today(office, jordan):
    a = office.agreements.add(title="Today", partners=[jordan.id], areas=[iro.Area.CULTURE])
    assert a.proposed_on == dt.datetime.now(dt.timezone.utc).date()  # the library's today is UTC


def test_add_a_value_object(office, jordan, warsaw):
    value = iro.Agreement(title="Network", kind="network", areas=["education", "research"], proposed_on="2024-03-01",
                          parties=[iro.Party(institution=office.home.id), iro.Party(institution=jordan.id),
                                   iro.Party(institution=warsaw.id, signatory="Rector")])
    a = office.agreements.add(value)
    assert a.is_multilateral
    assert a.parties[2].signatory == "Rector"
    assert a.areas == [iro.Area.EDUCATION, iro.Area.RESEARCH]


def test_parties_and_partners_together_are_refused(office, jordan):
    with pytest.raises(iro.ValidationError) as e:
        office.agreements.add(title="x", areas=["research"], partners=[jordan],
                              parties=[iro.Party(institution=office.home.id)])
    assert e.value.field == "partners"


def test_an_agreement_without_the_home_institution_is_refused(office, jordan, warsaw):
    before = office.logical_dump()
    with pytest.raises(iro.ValidationError) as e:
        office.agreements.add(title="x", areas=["research"], proposed_on="2024-01-01",
                              parties=[iro.Party(institution=jordan.id), iro.Party(institution=warsaw.id)])
    assert e.value.field == "parties"
    assert "home institution" in str(e.value)
    assert office.logical_dump() == before


def test_add_many_and_len_and_iteration(office, jordan, warsaw):
    values = [iro.Agreement(title=f"A{i}", areas=["research"], proposed_on="2024-01-01",
                            parties=[iro.Party(institution=office.home.id), iro.Party(institution=p.id)])
              for i, p in enumerate([jordan, warsaw])]
    ids = office.agreements.add_many(values)
    assert len(ids) == 2 and len(office.agreements) == 2
    assert [a.title for a in office.agreements] == ["A0", "A1"]


def test_update_changes_editable_fields_only(office, jordan):
    a = proposal(office, [jordan])
    a.title = "Renamed"
    a.documents = [iro.DocumentRef(title="Draft", location="https://files/draft.pdf")]
    stored = office.agreements.update(a)
    assert stored.title == "Renamed" and stored.documents == a.documents
    a.status = "in_force"
    before = office.logical_dump()
    with pytest.raises(iro.ConflictError) as e:
        office.agreements.update(a)
    assert "only through transitions" in str(e.value)
    assert office.logical_dump() == before


def test_full_lifecycle_on_the_collection(office, jordan):
    a = proposal(office, [jordan], valid_until="2030-12-31")
    ag = office.agreements
    assert ag.transition(a.id, "in_negotiation", "2025-02-01").status is iro.AgreementStatus.IN_NEGOTIATION
    ag.transition(a, iro.AgreementStatus.UNDER_REVIEW, dt.date(2025, 3, 1), note="legal office")
    ag.transition(a.id, "awaiting_signature", "2025-04-01")
    signed = ag.sign(a.id, office.home, "2025-04-10", signatory="President")
    assert signed.parties[0].signed_on == dt.date(2025, 4, 10) and signed.parties[0].signatory == "President"
    ag.sign(a.id, jordan.id, "2025-04-20")
    live = ag.enter_into_force(a.id, "2025-05-01")
    assert live.status is iro.AgreementStatus.IN_FORCE and live.in_force_from == dt.date(2025, 5, 1)
    ended = ag.terminate(a.id, "2026-01-01", note="partner withdrew")
    assert ended.terminated_on == dt.date(2026, 1, 1)
    history = ag.history(a.id)
    assert [(t.from_, t.to) for t in history] == [
        (None, "proposed"), ("proposed", "in_negotiation"), ("in_negotiation", "under_review"),
        ("under_review", "awaiting_signature"), ("awaiting_signature", "in_force"), ("in_force", "terminated")]
    assert history[2].note == "legal office" and history[-1].actor == "tester"
    assert all(isinstance(t.on, dt.date) for t in history)


def test_lifecycle_methods_on_the_agreement_object_reload_it(office, jordan):
    a = proposal(office, [jordan], valid_until="2027-12-31")
    a.transition("in_negotiation", "2025-02-01")
    a.transition("under_review", "2025-02-10")
    a.transition("awaiting_signature", "2025-02-20")
    a.sign(office.home, "2025-03-01", "President")
    a.sign(jordan, "2025-03-02")
    assert [p.signed_on for p in a.parties] == [dt.date(2025, 3, 1), dt.date(2025, 3, 2)]
    a.enter_into_force("2025-03-15")
    assert a.status is iro.AgreementStatus.IN_FORCE
    successor = a.renew("2027-12-01", in_force_from="2028-01-01", valid_until="2032-12-31", note="renewed")
    assert a.status is iro.AgreementStatus.RENEWED
    assert successor.predecessor == a.id and successor.status is iro.AgreementStatus.IN_FORCE
    assert (successor.in_force_from, successor.valid_until) == (dt.date(2028, 1, 1), dt.date(2032, 12, 31))
    assert [t.to for t in a.history()][-1] is iro.AgreementStatus.RENEWED
    successor.terminate("2029-01-01")
    assert office.agreements.get(successor.id).status is iro.AgreementStatus.TERMINATED


def test_expire_and_renew_after_a_lapse_on_the_collection(office, jordan):
    a = in_force_agreement(office, [jordan], until=dt.date(2025, 6, 30))
    with pytest.raises(iro.ConflictError) as e:
        office.agreements.expire(a.id, "2025-06-01")
    assert "cannot expire before its validity ends" in str(e.value)
    expired = office.agreements.expire(a.id, "2025-07-01")
    assert expired.status is iro.AgreementStatus.EXPIRED
    successor = office.agreements.renew(a.id, "2025-09-01", "2025-09-01")
    assert successor.valid_until is None and successor.predecessor == a.id


def test_object_expire_and_refresh(office, jordan):
    a = in_force_agreement(office, [jordan], until=dt.date(2025, 6, 30))
    copy_ = office.agreements.get(a.id)
    a.expire("2025-07-02", note="lapsed")
    assert a.status is iro.AgreementStatus.EXPIRED
    assert copy_.status is iro.AgreementStatus.IN_FORCE
    copy_.refresh()
    assert copy_ == a


def test_illegal_transition_is_a_conflict_and_writes_nothing(office, jordan):
    a = proposal(office, [jordan])
    before = office.logical_dump()
    with pytest.raises(iro.ConflictError) as e:
        office.agreements.transition(a.id, "in_force", "2025-02-01")
    assert "illegal agreement transition from 'proposed' to 'in_force'" in str(e.value)
    with pytest.raises(iro.ConflictError) as e:
        a.transition("renewed", "2025-02-01")
    assert "use renew()" in str(e.value)
    assert office.logical_dump() == before
    assert a.status is iro.AgreementStatus.PROPOSED


def test_entering_into_force_needs_every_signature(office, jordan):
    a = awaiting_signature(office, [jordan])
    a.sign(office.home, "2025-02-04")
    before = office.logical_dump()
    with pytest.raises(iro.ConflictError) as e:
        a.enter_into_force("2025-02-05")
    assert f"not signed by institution(s) {jordan.id}" in str(e.value)
    assert office.logical_dump() == before


def awaiting_signature(office, partners):
    a = proposal(office, partners)
    for status, on in [("in_negotiation", "2025-02-01"), ("under_review", "2025-02-02"),
                       ("awaiting_signature", "2025-02-03")]:
        a.transition(status, on)
    return a


def test_signing_for_a_non_party_names_the_party(office, jordan, warsaw):
    a = awaiting_signature(office, [jordan])
    with pytest.raises(iro.ValidationError) as e:
        office.agreements.sign(a.id, warsaw, "2025-02-01")
    assert e.value.field == "party"


def test_moves_may_not_be_dated_before_the_previous_one(office, jordan):
    a = proposal(office, [jordan])
    with pytest.raises(iro.ValidationError) as e:
        a.transition("in_negotiation", "2024-12-31")
    assert e.value.field == "on"


def test_find_with_every_filter(office, jordan, warsaw):
    daad = office.institutions.find(type="funder")[0]
    unit = office.units.add(institution=office.home, name="Engineering", kind="faculty")
    ju = in_force_agreement(office, [jordan], title="JU research", areas=["research"])
    uw = in_force_agreement(office, [warsaw], title="UW exchange", kind="erasmus_iia", areas=["student_exchange"],
                            until=dt.date(2025, 12, 31))
    prop = office.agreements.add(title="DAAD proposal", areas=["capacity_building"], proposed_on="2025-01-01",
                                 parties=[iro.Party(institution=office.home.id, unit=unit.id),
                                          iro.Party(institution=daad.id)])
    titles = lambda rows: sorted(a.title for a in rows)  # noqa: E731
    find = office.agreements.find
    assert titles(find()) == ["DAAD proposal", "JU research", "UW exchange"]
    assert titles(find(partner=jordan)) == ["JU research"]
    assert titles(find(partner=warsaw.id)) == ["UW exchange"]
    assert titles(find(country="DE")) == ["DAAD proposal"]
    assert titles(find(region="europe")) == ["DAAD proposal", "UW exchange"]
    assert titles(find(scope="regional")) == ["JU research"]
    assert titles(find(kind="erasmus_iia")) == ["UW exchange"]
    assert titles(find(status=iro.AgreementStatus.PROPOSED)) == ["DAAD proposal"]
    assert titles(find(area="student_exchange")) == ["UW exchange"]
    assert titles(find(home_unit=unit)) == ["DAAD proposal"]
    assert titles(find(in_force_on="2026-06-01")) == ["JU research"]
    assert titles(find(in_force_on=dt.date(2025, 6, 1), region="europe")) == ["UW exchange"]
    assert office.agreements.count() == 3 and office.agreements.count(in_force_on="2025-06-01") == 2
    assert titles(office.agreements.in_force_on("2025-06-01")) == ["JU research", "UW exchange"]
    assert prop.parties[0].unit == unit.id
    assert ju.id != uw.id


def test_search_agreements_by_title_and_reference(office, jordan):
    proposal(office, [jordan], title="Coopération scientifique", reference="IRO-2025-007")
    proposal(office, [jordan], title="Student exchange")
    assert [a.title for a in office.agreements.search("cooperation SCIENT")] == ["Coopération scientifique"]
    assert [a.title for a in office.agreements.search("2025-007")] == ["Coopération scientifique"]
    assert office.agreements.search("nothing") == [] and office.agreements.search("  ") == []
    assert len(office.agreements.search("e", limit=1)) == 1
    with pytest.raises(iro.ValidationError) as e:
        office.agreements.search("x", limit=0)
    assert e.value.field == "limit"


def test_expiring(office, jordan, warsaw):
    soon = in_force_agreement(office, [jordan], title="Soon", until=TODAY + dt.timedelta(days=20), notice_days=10)
    tacit = in_force_agreement(office, [warsaw], title="Tacit", until=TODAY + dt.timedelta(days=60),
                               tacit_renewal_years=1, notice_days=30)
    in_force_agreement(office, [warsaw], title="Later", until=TODAY + dt.timedelta(days=400))
    rows = office.agreements.expiring(within_days=90, on=TODAY)
    assert [e.agreement.id for e in rows] == [soon.id, tacit.id]
    first, second = rows
    assert (first.days_left, first.ends_on, first.notice_by, first.renews_tacitly) == \
        (20, TODAY + dt.timedelta(days=20), TODAY + dt.timedelta(days=10), False)
    assert second.renews_tacitly and second.notice_by == second.ends_on - dt.timedelta(days=30)
    assert first.agreement == soon
    assert [e.agreement.id for e in office.agreements.expiring(30, TODAY)] == [soon.id]
    # The agreement inside is the office's: its lifecycle methods work.
    first.agreement.terminate(TODAY, note="not renewed")
    assert office.agreements.get(soon.id).status is iro.AgreementStatus.TERMINATED
    assert office.agreements.expiring(on=TODAY + dt.timedelta(days=1000), within_days=0) == []


def test_expiring_with_parties_only(office, jordan, warsaw):
    quota = iro.MobilityQuota(sending=office.home.id, receiving=warsaw.id, type="student_studies",
                              academic_years=["2025/2026"], mobilities_per_year=2)
    whole_one = in_force_agreement(office, [jordan, warsaw], title="Every part", until=TODAY + dt.timedelta(days=40),
                                   areas=["research", "education"], quotas=[quota], notice_days=15,
                                   documents=[iro.DocumentRef(title="Signed", location="https://files/signed.pdf")])
    in_force_agreement(office, [jordan], title="Plain", until=TODAY + dt.timedelta(days=10))
    whole = office.agreements.expiring(within_days=90, on=TODAY)
    light = office.agreements.expiring(within_days=90, on=TODAY, parts=iro.AgreementParts.PARTIES)
    assert [e.agreement.id for e in light] == [e.agreement.id for e in whole]
    assert [(e.ends_on, e.days_left, e.notice_by, e.renews_tacitly) for e in light] == \
        [(e.ends_on, e.days_left, e.notice_by, e.renews_tacitly) for e in whole]
    full, partial = whole[1].agreement, light[1].agreement
    assert full.id == whole_one.id and len(full.quotas) == 1 and len(full.documents) == 1 and len(full.areas) == 2
    assert partial.parties == full.parties and partial.title == full.title
    assert (partial.areas, partial.quotas, partial.documents) == ([], [], [])
    assert office.agreements.expiring(90, TODAY, parts="all") == whole

    # update() replaces every part, so a partial agreement is not for writing back; it has no
    # areas, which update() refuses, so it cannot replace the stored parts by mistake.
    before = office.logical_dump()
    with pytest.raises(iro.ValidationError) as e:
        office.agreements.update(partial)
    assert e.value.field == "areas"
    assert office.logical_dump() == before

    with pytest.raises(iro.ValidationError) as e:
        office.agreements.expiring(90, TODAY, parts="quotas")
    assert e.value.field == "parts" and "quotas" in str(e.value)
    with pytest.raises(iro.ArgumentTypeError) as e:
        office.agreements.expiring(90, TODAY, parts=3)
    assert e.value.field == "parts"
    with pytest.raises(TypeError):
        office.agreements.expiring(90, TODAY, "parties")


def test_expiring_defaults_to_today(office, jordan):
    a = in_force_agreement(office, [jordan], since=dt.date.today() - dt.timedelta(days=10),
                           until=dt.date.today() + dt.timedelta(days=5))
    assert [e.agreement.id for e in office.agreements.expiring()] == [a.id]


def test_expiring_refuses_a_bad_window(office):
    with pytest.raises(iro.ValidationError) as e:
        office.agreements.expiring(within_days=-1, on=TODAY)
    assert e.value.field == "within_days"


def test_methods_of_an_agreement_built_in_python_are_refused(office):
    a = iro.Agreement(id=1, title="x")
    with pytest.raises(iro.ConflictError) as e:
        a.sign(1, "2025-01-01")
    assert "office.agreements" in str(e.value)
    with pytest.raises(iro.ConflictError):
        a.history()


def test_audit_records_who_moved_an_agreement(office, jordan):
    office.actor = "rana"
    a = proposal(office, [jordan])
    a.transition("in_negotiation", "2025-02-01")
    entries = office.audit.for_entity(a)
    assert [e.action for e in entries] == ["add", "transition"]
    assert {e.actor for e in entries} == {"rana"}
    assert office.audit.for_entity("agreement", a.id) == entries
    assert a.history()[-1].actor == "rana"
