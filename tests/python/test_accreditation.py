"""Accreditation from Python: frameworks, a programme case through its lifecycle, readiness with
weights and sub-criteria, blocking gaps, ABET deadlines across a year boundary, where programmes
stand on a date and what expires, each compared with a hand computation; and every refused
input leaves the store unchanged."""

import datetime as dt
import pickle

import pandas as pd
import pytest

import iro

D = dt.date


def refused(office, cls, call, *texts):
    """Runs `call`, expects `cls` with every text in its message, and checks nothing was written."""
    before = office.logical_dump()
    with pytest.raises(cls) as e:
        call()
    for text in texts:
        assert text in str(e.value)
    assert office.logical_dump() == before
    return e.value


@pytest.fixture
def abet(office):
    return office.institutions.add(name="ABET", country="US", type=iro.InstitutionType.ACCREDITATION_BODY)


@pytest.fixture
def engineering(office):
    return office.units.add(institution=office.home, kind="faculty", name="Faculty of Engineering")


@pytest.fixture
def abet_framework(office, abet):
    return office.accreditations.add_framework(iro.builtin_framework("ABET", body=abet))


@pytest.fixture
def programme(office, abet_framework, engineering):
    """B.Sc. in Computer Engineering under ABET, opened on 2025-09-01, visit planned 2026-10-12."""
    return office.accreditations.open_case(framework=abet_framework, unit=engineering,
                                           degree="B.Sc. in Computer Engineering", level="bachelor",
                                           planned_visit="2026-10-12", on="2025-09-01")


# ---------------------------------------------------------------- enums and frameworks

def test_enums_follow_the_name_tables():
    assert [m.value for m in iro.CaseStatus] == [
        "planning", "self_study_in_preparation", "self_study_submitted", "site_visit_scheduled", "visit_done",
        "decision_pending", "accredited", "accredited_with_conditions", "deferred", "denied", "appeal"]
    assert iro.CaseStatus.SELF_STUDY_SUBMITTED == "self_study_submitted"
    assert [m.value for m in iro.CaseType] == ["initial", "reaccreditation", "interim_report", "substantive_change"]
    assert [m.value for m in iro.DegreeLevel] == ["bachelor", "master", "doctorate", "diploma"]
    assert [m.value for m in iro.FindingLevel] == ["deficiency", "weakness", "concern", "observation"]
    assert [m.value for m in iro.EvidenceStatus] == ["missing", "draft", "complete", "approved"]
    assert [m.value for m in iro.AccreditationState] == ["accredited", "accredited_with_conditions", "in_progress",
                                                         "expired", "not_accredited"]
    assert iro.CaseStatus.__module__ == "iro"


def test_builtin_frameworks_have_the_published_structure():
    assert sorted(iro.builtin_framework_keys()) == ["AACSB-2020", "ABET", "ESG-2015"]
    esg = iro.builtin_framework("ESG-2015")
    assert [c.code for c in esg.criteria] == [f"1.{k}" for k in range(1, 11)]
    assert esg.criteria[0].title == "Policy for quality assurance"
    assert esg.body == 0
    abet = iro.builtin_framework("ABET")
    assert len(abet.criteria) == 8 and abet.find("3").title == "Student Outcomes"
    aacsb = iro.builtin_framework("AACSB-2020", body=7)
    assert aacsb.body == 7 and aacsb.find("5").parent == "LS" and not aacsb.is_leaf("LS") and aacsb.is_leaf("5")
    frame = aacsb.to_frame()
    assert list(frame.columns) == ["code", "title", "description", "parent", "weight", "depth", "leaf"]
    assert frame.set_index("code").depth["5"] == 1 and not frame.set_index("code").leaf["LS"]
    with pytest.raises(iro.NotFoundError):
        iro.builtin_framework("NOPE")


def test_frameworks_from_json_and_csv():
    f = iro.builtin_framework("AACSB-2020")
    criteria = f.criteria
    criteria[1].weight = 2.5
    f.criteria = criteria
    back = iro.framework_from_json(f.to_json())
    assert back.criteria == f.criteria and back.name == f.name
    csv = iro.framework_from_csv('code,title,description,parent,weight\r\nS1,"Mission, vision and goals",,,2\r\n'
                                 'S1.1,Mission statement,"Says ""why""",S1,\r\nS2,Governance,,,1\r\n')
    assert [(c.code, c.title, c.parent, c.weight) for c in csv.criteria] == [
        ("S1", "Mission, vision and goals", "", 2), ("S1.1", "Mission statement", "S1", 1), ("S2", "Governance", "", 1)]
    assert csv.criteria[1].description == 'Says "why"'
    with pytest.raises(iro.FormatError):
        iro.framework_from_json("{not json")
    with pytest.raises(iro.FormatError) as e:
        iro.framework_from_csv("code,title,description,parent,weight\nA,B,,,heavy\n")
    assert "line 2" in str(e.value) and "weight" in str(e.value)
    with pytest.raises(iro.ValidationError) as e:
        iro.framework_from_csv("code,title,description,parent,weight\nA1,x,,A,1\nA,y,,,1\n")
    assert "criteria[0].parent" in str(e.value)


def test_value_classes_keywords_pickle_and_repr(programme, engineering):
    c = iro.AccreditationCase(unit=engineering, degree="M.Sc. in Data Science", level="master", framework=3)
    assert c.scope == iro.AccreditationScope(unit=engineering.id, degree="M.Sc. in Data Science", level="master")
    assert not c.scope.is_institutional and iro.AccreditationScope().is_institutional
    c.scope.degree = "M.Sc. in AI"  # the scope is a live view
    assert c.scope.degree == "M.Sc. in AI"
    assert pickle.loads(pickle.dumps(programme)) == programme
    assert repr(programme) == (f"<AccreditationCase {programme.id} unit {engineering.id} 'B.Sc. in Computer Engineering' "
                               f"bachelor framework {programme.framework} initial planning visit 2026-10-12>")
    e = iro.Evidence(accreditation_case=programme, criterion="3", title="Outcomes map", status="complete", due="2026-02-01")
    assert e.accreditation_case == programme.id and e.done and e.due == D(2026, 2, 1)
    assert repr(e) == "<Evidence (new) on 3 'Outcomes map' complete due 2026-02-01>"
    with pytest.raises(iro.ArgumentTypeError):
        iro.Evidence(required="yes")
    with pytest.raises(iro.ArgumentTypeError) as err:
        iro.FollowUp(due=20260101)
    assert err.value.field == "due"


# ---------------------------------------------------------------- readiness

def test_readiness_with_weights_sub_criteria_and_gaps(office, abet, engineering):
    # A (weight 3) has sub-criteria A.1 (1) and A.2 (3); B and C weigh 1.
    framework = office.accreditations.add_framework(
        body=abet, name="Test", version="1",
        criteria=[iro.Criterion(code="A", title="Governance", weight=3), iro.Criterion(code="A.1", title="Mission", parent="A"),
                  iro.Criterion(code="A.2", title="Planning", parent="A", weight=3), iro.Criterion(code="B", title="Teaching"),
                  iro.Criterion(code="C", title="Research")])
    case = office.accreditations.open_case(framework=framework, unit=engineering, degree="B.Sc. in Civil Engineering",
                                           level="bachelor", on="2025-09-01")
    acc = office.accreditations
    for criterion, status, required, due in [
        ("A.1", "approved", True, None),             # A.1: 1 of 2 done
        ("A.1", "draft", True, "2026-01-31"),
        ("A.2", "complete", True, None),             # A.2: 2 of 2
        ("A.2", "approved", True, None),
        ("B", "missing", True, "2026-03-01"),        # B: 1 of 4
        ("B", "complete", True, None),
        ("B", "draft", True, None),
        ("B", "missing", True, None),
        ("B", "missing", False, None),               # optional: never counts
    ]:                                               # C: no evidence at all, readiness 0 and a gap
        acc.add_evidence(accreditation_case=case, criterion=criterion, title=f"Evidence for {criterion}", status=status,
                         required=required, due=due)

    r = acc.readiness(case, on="2026-02-15")
    criteria = r.criteria.set_index("code")
    assert list(r.criteria.columns) == ["code", "title", "parent", "depth", "weight", "required", "done", "readiness"]
    assert criteria.readiness["A.1"] == pytest.approx(0.5) and criteria.readiness["A.2"] == pytest.approx(1.0)
    # A = (1 * 0.5 + 3 * 1.0) / 4 = 0.875, with the counts of its subtree.
    assert criteria.readiness["A"] == pytest.approx(0.875)
    assert (criteria.required["A"], criteria.done["A"], criteria.depth["A.1"]) == (4, 3, 1)
    assert criteria.readiness["B"] == pytest.approx(0.25) and criteria.readiness["C"] == 0
    # Overall = (3 * 0.875 + 1 * 0.25 + 1 * 0) / 5 = 0.575.
    assert r.overall == pytest.approx(0.575)

    gaps = r.gaps
    assert list(gaps.columns) == ["criterion", "criterion_title", "evidence", "evidence_title", "status", "due", "overdue"]
    assert gaps.criterion.to_list() == ["A.1", "B", "B", "B", "C"]
    assert gaps.overdue.to_list() == [True, False, False, False, False]  # A.1's draft was due 2026-01-31
    assert gaps.due[0] == pd.Timestamp("2026-01-31")
    assert gaps.status.to_list() == ["draft", "missing", "draft", "missing", "missing"]
    assert pd.isna(gaps.evidence[4]) and gaps.evidence_title[4] == "no required evidence planned"
    assert repr(r) == "<Readiness 57.5% overall, 5 criteria, 5 gaps (1 overdue)>"
    with pytest.raises(iro.ArgumentTypeError):
        iro.Readiness()


def test_abet_case_evidence_findings_follow_ups_and_overdue_lists(office, programme, engineering):
    acc = office.accreditations
    follow = acc.add_follow_up(accreditation_case=programme, title="Document the assessment cycle", due="2026-03-31")
    finding = acc.add_finding(accreditation_case=programme, criterion="4", level="weakness",
                              text="Assessment results are not used", follow_up=follow)
    assert acc.findings(programme) == [finding] and finding.follow_up == follow.id
    # Criteria 1-6 approved, 7 and 8 in draft, all due 2026-02-01: readiness 6 / 8 = 0.75.
    for c in range(1, 9):
        acc.add_evidence(accreditation_case=programme, criterion=str(c), title=f"Criterion {c} evidence",
                         status="approved" if c <= 6 else "draft", due="2026-02-01", owner_unit=engineering)
    r = acc.readiness(programme, on="2026-02-10")
    assert r.overall == pytest.approx(0.75)
    assert r.gaps.criterion.to_list() == ["7", "8"] and r.gaps.overdue.all()
    assert [e.criterion for e in acc.overdue_evidence(on="2026-02-10")] == ["7", "8"]
    assert acc.overdue_evidence(on="2026-02-01") == []  # due today is not overdue
    assert [u.id for u in acc.overdue_follow_ups(on="2026-04-01")] == [follow.id]

    done = acc.complete_follow_up(follow, "2026-03-20")
    assert done.done and done.done_on == D(2026, 3, 20)
    assert acc.overdue_follow_ups(on="2026-04-01") == []
    refused(office, iro.ConflictError, lambda: acc.complete_follow_up(follow.id, "2026-03-21"), "already done")

    last = acc.evidence(programme)[-1]
    last.status = iro.EvidenceStatus.COMPLETE
    assert acc.update_evidence(last).status is iro.EvidenceStatus.COMPLETE
    assert acc.readiness(programme, on="2026-02-10").overall == pytest.approx(0.875)  # 7 of 8

    frame = acc.evidence_frame(programme)
    assert list(frame.columns) == ["id", "case", "criterion", "title", "status", "required", "done", "due", "owner_person",
                                   "owner_unit", "document"]
    assert frame.done.sum() == 7 and (frame.owner_unit == engineering.id).all() and frame.owner_person.isna().all()
    assert list(frame.status.cat.categories) == ["missing", "draft", "complete", "approved"]
    assert acc.findings_frame().level.to_list() == ["weakness"]
    assert acc.follow_ups_frame(programme)[["title", "done"]].values.tolist() == [["Document the assessment cycle", True]]


# ---------------------------------------------------------------- deadlines

def test_abet_deadlines_across_the_year_boundary():
    rules = iro.abet_timeline_rules()
    assert (rules.body, rules.request_month, rules.request_day, rules.self_study_month, rules.self_study_day) == \
        ("ABET", 1, 31, 7, 1)
    assert (rules.visit_month_from, rules.visit_month_to, rules.decision_month, rules.decision_year_offset) == (9, 12, 7, 1)
    # A visit on 2026-10-12: request by 31 January and self-study by 1 July of 2026, the
    # decision in July of the following year.
    t = iro.derive_timeline(rules, "2026-10-12")
    assert (t.request_due, t.self_study_due, t.decision_expected) == (D(2026, 1, 31), D(2026, 7, 1), D(2027, 7, 1))
    # A visit on New Year's Eve still belongs to 2026; its decision crosses into 2027.
    december = iro.derive_timeline(rules, D(2026, 12, 31))
    assert (december.request_due, december.decision_expected) == (D(2026, 1, 31), D(2027, 7, 1))
    with pytest.raises(iro.ValidationError) as e:
        iro.derive_timeline(rules, "2027-01-15")
    assert "months 9 to 12" in str(e.value) and "ABET" in str(e.value)
    with pytest.raises(iro.ValidationError):
        iro.derive_timeline(rules, "2026-08-31")

    # Offset rules and a fixed date in the previous year: a visit on 2026-03-15.
    agency = iro.TimelineRules(body="Regional agency", request_month=11, request_day=30, request_year_offset=-1,
                               self_study_days_before_visit=90, decision_days_after_visit=120)
    t = iro.derive_timeline(agency, "2026-03-15")
    assert t.request_due == D(2025, 11, 30)
    # 90 days back: 15 to 2026-02-28, 28 to 01-31, 31 to 2025-12-31, 16 to 12-15.
    assert t.self_study_due == D(2025, 12, 15)
    # 120 days on: 16 to 03-31, 30 to 04-30, 31 to 05-31, 30 to 06-30, 13 to 07-13.
    assert t.decision_expected == D(2026, 7, 13)
    # 29 February in a common year falls back to the 28th.
    leap = iro.TimelineRules(body="Agency", request_month=2, request_day=29, self_study_days_before_visit=30,
                             decision_days_after_visit=30)
    assert iro.derive_timeline(leap, "2027-05-01").request_due == D(2027, 2, 28)
    leap.request_day = 30
    with pytest.raises(iro.ValidationError):
        iro.derive_timeline(leap, "2027-05-01")


def test_case_timeline_from_the_bodys_rules(office, abet, programme):
    acc = office.accreditations
    refused(office, iro.NotFoundError, lambda: acc.timeline(programme), "timeline rules")
    assert acc.timeline_rules(abet) is None
    acc.set_timeline_rules(abet, iro.abet_timeline_rules())
    assert acc.timeline_rules(abet) == iro.abet_timeline_rules()
    t = acc.timeline(programme)
    assert (t.planned_visit, t.request_due, t.self_study_due, t.decision_expected) == \
        (D(2026, 10, 12), D(2026, 1, 31), D(2026, 7, 1), D(2027, 7, 1))
    programme.planned_visit = None
    acc.update_case(programme)
    refused(office, iro.ValidationError, lambda: acc.timeline(programme), "planned visit")


# ---------------------------------------------------------------- lifecycle

def walk_to_decision(acc, case, opened):
    day = opened + dt.timedelta(days=1)
    for status in ["self_study_in_preparation", "self_study_submitted", "site_visit_scheduled", "visit_done",
                   "decision_pending"]:
        acc.transition(case, status, day)
        day += dt.timedelta(days=1)


def test_a_programme_case_walks_its_lifecycle_to_a_decision(office, programme):
    acc = office.accreditations
    acc.transition(programme, "self_study_in_preparation", "2025-10-01")
    acc.transition(programme, iro.CaseStatus.SELF_STUDY_SUBMITTED, "2026-06-25", note="sent")
    acc.transition(programme, "site_visit_scheduled", "2026-07-10")
    acc.transition(programme.id, "visit_done", "2026-10-14")
    pending = acc.transition(programme, "decision_pending", "2026-10-20")
    assert pending.status is iro.CaseStatus.DECISION_PENDING

    refused(office, iro.ConflictError, lambda: acc.transition(programme, "accredited", "2027-07-15"), "use decide()")
    refused(office, iro.ValidationError, lambda: acc.decide(programme, "accredited", decided_on="2027-07-15"), "valid_until")
    refused(office, iro.ValidationError,
            lambda: acc.decide(programme, "denied", decided_on="2027-07-15", valid_until="2033-09-30"))
    refused(office, iro.ValidationError, lambda: acc.decide(programme, "planning", decided_on="2027-07-15"), "outcome")
    refused(office, iro.ArgumentTypeError,
            lambda: acc.decide(programme, "accredited", iro.Decision(), valid_until="2033-09-30"), "not both")

    decided = acc.decide(programme, "accredited_with_conditions",
                         iro.Decision(decided_on="2027-07-15", valid_until="2029-09-30", interim_report_due="2028-07-01"),
                         note="interim report")
    assert decided.status is iro.CaseStatus.ACCREDITED_WITH_CONDITIONS
    assert decided.decision.interim_report_due == D(2028, 7, 1)
    history = acc.history(programme)
    assert [(t.from_, t.to) for t in history] == [
        (None, "planning"), ("planning", "self_study_in_preparation"),
        ("self_study_in_preparation", "self_study_submitted"), ("self_study_submitted", "site_visit_scheduled"),
        ("site_visit_scheduled", "visit_done"), ("visit_done", "decision_pending"),
        ("decision_pending", "accredited_with_conditions")]
    assert (history[-1].on, history[-1].note, history[-1].actor) == (D(2027, 7, 15), "interim report", "tester")
    assert history[2].note == "sent"

    frame = acc.to_frame()
    assert frame.status.to_list() == ["accredited_with_conditions"]
    assert list(frame.status.cat.categories) == [m.value for m in iro.CaseStatus]
    assert frame.unit_name[0] == "Faculty of Engineering" and frame.body_name[0] == "ABET"
    assert frame.valid_until[0] == pd.Timestamp("2029-09-30")
    assert frame.framework_name[0].startswith(iro.builtin_framework("ABET").name)


@pytest.mark.parametrize("status, on, text", [
    ("visit_done", "2025-10-01", "illegal accreditation case transition from 'planning' to 'visit_done'"),
    ("appeal", "2025-10-01", "allowed from 'planning': 'self_study_in_preparation'"),
    ("planning", "2025-10-01", "to 'planning'"),
])
def test_illegal_lifecycle_moves_are_conflicts(office, programme, status, on, text):
    e = refused(office, iro.ConflictError, lambda: office.accreditations.transition(programme, status, on), text)
    assert not isinstance(e, iro.ValidationError)


def test_no_way_out_of_an_accreditation_but_appeal_after_a_denial(office, programme):
    acc = office.accreditations
    walk_to_decision(acc, programme, D(2025, 9, 1))
    acc.decide(programme, "denied", decided_on="2025-12-01")
    acc.transition(programme, "appeal", "2025-12-10")
    acc.transition(programme, "decision_pending", "2025-12-20")
    acc.decide(programme, "accredited", decided_on="2026-01-15", valid_until="2032-09-30")
    refused(office, iro.ConflictError, lambda: acc.transition(programme, "appeal", "2026-02-01"),
            "from 'accredited' to 'appeal'", "none (final state)")


# ---------------------------------------------------------------- status on a date and expiry

def test_programmes_by_status_on_a_date_and_expiring_accreditations(office, abet_framework, engineering):
    acc = office.accreditations
    computer = acc.open_case(framework=abet_framework, unit=engineering, degree="B.Sc. in Computer Engineering",
                             level="bachelor", on="2018-01-01")
    walk_to_decision(acc, computer, D(2018, 1, 1))
    acc.decide(computer, "accredited", decided_on="2019-07-15", valid_until="2025-09-30")
    civil = acc.open_case(framework=abet_framework, unit=engineering, degree="B.Sc. in Civil Engineering",
                          level="bachelor", on="2022-01-01")
    walk_to_decision(acc, civil, D(2022, 1, 1))
    acc.decide(civil, "accredited", decided_on="2023-07-15", valid_until="2027-01-31")

    def state(on, degree):
        s = acc.status_on(on)
        return s.set_index("degree").state.get(degree, "not_accredited")

    computer_engineering = "B.Sc. in Computer Engineering"
    assert state("2018-06-01", computer_engineering) == "in_progress"
    assert state("2020-01-01", computer_engineering) == "accredited"
    assert state("2025-09-30", computer_engineering) == "accredited"  # the last day of validity
    assert state("2025-10-01", computer_engineering) == "expired"
    acc.open_case(framework=abet_framework, unit=engineering, degree=computer_engineering, level="bachelor",
                  type="reaccreditation", on="2025-10-02")
    assert state("2025-11-01", computer_engineering) == "in_progress"
    statuses = acc.status_on("2025-11-01")
    assert list(statuses.columns) == ["unit", "unit_name", "degree", "level", "body", "body_name", "state",
                                      "decisive_case", "valid_until"]
    assert len(statuses) == 2 and set(statuses.unit_name) == {"Faculty of Engineering"}
    assert set(statuses.body_name) == {"ABET"}
    assert list(statuses.state.cat.categories) == [m.value for m in iro.AccreditationState]

    # Civil engineering is valid until 2027-01-31: from 2026-11-29 that is 1 day of November,
    # 31 of December and 31 of January, 63 days.
    soon = acc.expiring(on="2026-11-29", within_days=90)
    assert soon[["case", "degree", "days_left"]].values.tolist() == [[civil.id, "B.Sc. in Civil Engineering", 63]]
    assert soon.valid_until[0] == pd.Timestamp("2027-01-31")
    assert acc.expiring(on="2026-11-29", within_days=62).empty
    assert len(acc) == 3 and [c.id for c in acc] == [c.id for c in acc.cases()]
    assert [c.degree for c in [x.scope for x in acc.cases(status="accredited")]] == [computer_engineering,
                                                                                     "B.Sc. in Civil Engineering"]
    assert acc.to_frame(status="planning").degree.to_list() == [computer_engineering]


# ---------------------------------------------------------------- refused input

def test_bad_input_raises_the_right_error_and_changes_nothing(office, abet, engineering, abet_framework, programme, jordan):
    acc = office.accreditations
    esg = iro.builtin_framework("ESG-2015", body=jordan)  # a university, not an accreditation body
    refused(office, iro.ValidationError, lambda: acc.add_framework(esg), "accreditation_body")
    again = iro.builtin_framework("ABET", body=abet)
    refused(office, iro.ConflictError, lambda: acc.add_framework(again), "already stored")
    refused(office, iro.ArgumentTypeError, lambda: acc.add_framework(again, body=abet), "not both")
    refused(office, iro.ArgumentTypeError, lambda: acc.add_framework(body=abet, name="X", criteria="1,2,3"))

    e = refused(office, iro.ValidationError,
                lambda: acc.open_case(framework=abet_framework, unit=engineering, level="bachelor", on="2025-09-01"),
                "scope.degree")
    assert e.field == "scope.degree"
    partner_unit = office.units.add(institution=jordan, kind="faculty", name="Elsewhere")
    refused(office, iro.ValidationError,
            lambda: acc.open_case(framework=abet_framework, unit=partner_unit, degree="B.A.", level="bachelor"),
            "a unit of the home institution")
    refused(office, iro.ArgumentTypeError, lambda: acc.open_case(framework=abet_framework, unit="Engineering"))
    refused(office, iro.ArgumentTypeError, lambda: acc.open_case(framework=abet_framework, colour="red"), "a field of")
    refused(office, iro.NotFoundError, lambda: acc.open_case(framework=999, unit=engineering, degree="B.A.",
                                                             level="bachelor"))

    e = refused(office, iro.ValidationError,
                lambda: acc.add_evidence(accreditation_case=programme, criterion="9", title="x"), "'9'")
    assert e.field == "criterion"
    refused(office, iro.ValidationError,
            lambda: acc.add_evidence(accreditation_case=programme, criterion="3", title="x", owner_unit=engineering,
                                     owner_person=1), "one owner")
    refused(office, iro.NotFoundError, lambda: acc.add_evidence(accreditation_case=99, criterion="3", title="x"))
    refused(office, iro.ValidationError,
            lambda: acc.add_finding(accreditation_case=programme, criterion="12", level="weakness", text="x"))
    refused(office, iro.ValidationError,
            lambda: acc.add_follow_up(accreditation_case=programme, title="", due="2026-01-01"))
    e = refused(office, iro.ValidationError, lambda: acc.transition(programme, "signed", "2025-10-01"), "planning")
    assert e.field == "status"
    refused(office, iro.ValidationError, lambda: acc.transition(programme, "self_study_in_preparation", "2025-08-01"),
            "a date on or after the previous transition (2025-09-01)")
    refused(office, iro.ValidationError, lambda: acc.transition(programme, "self_study_in_preparation", "2025-02-30"))
    refused(office, iro.ArgumentTypeError, lambda: acc.readiness("case 1"), "expected an int id or an AccreditationCase")
    refused(office, iro.ValidationError, lambda: acc.readiness(0), "a positive case id")
    refused(office, iro.NotFoundError, lambda: acc.get_case(99))
    refused(office, iro.NotFoundError, lambda: acc.evidence_frame(99))
    refused(office, iro.ArgumentTypeError, lambda: acc.cases(state="planning"), "the case filters")
    refused(office, iro.ValidationError, lambda: acc.expiring(within_days=-1), "within_days")

    changed = acc.get_case(programme)
    changed.status = "accredited"
    refused(office, iro.ConflictError, lambda: acc.update_case(changed), "only through transition()")
    item = acc.add_evidence(accreditation_case=programme, criterion="3", title="Outcomes map")
    other = acc.open_case(framework=abet_framework, unit=engineering, degree="B.Sc. in Mechanical Engineering",
                          level="bachelor", on="2025-09-01")
    item.accreditation_case = other.id
    refused(office, iro.ConflictError, lambda: acc.update_evidence(item), "cannot move to another case")


def test_a_closed_office_refuses_accreditation_calls(office, programme):
    acc = office.accreditations
    office.close()
    for call in [lambda: acc.readiness(programme), lambda: acc.to_frame(), lambda: len(acc),
                 lambda: office.accreditations.status_on()]:
        with pytest.raises(iro.StorageError):
            call()
    with pytest.raises(iro.ArgumentTypeError):
        iro.Accreditations()
