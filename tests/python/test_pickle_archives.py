"""Every value class of iro and iro.ewp pickles as the text archive of its C++ value."""

import datetime as dt
import pickle

import pytest

import iro
import iro.ewp
import test_daily_work_values
import test_values

D = dt.date

BEFORE = iro.ScoredRow(name="Home University", weighted_sum=53.25, total=53.25, rounded_total=53.3, rank=4,
                       tied=False, label="4", refused="")
AFTER = iro.ScoredRow(name="Home University", weighted_sum=80.0, total=80.0, rounded_total=80.0, rank=2,
                      tied=True, label="=2", refused="")
SUBJECT = iro.ewp.SubjectArea(isced_f_code="0613", v6_value="0610", clarification="Software & <apps>")
SPEC = iro.ewp.MobilitySpec(
    type="staff_teaching", sending_hei_id="uw.edu.pl", sending_ounit_id="ou-1", receiving_hei_id="hibo.no",
    first_year="2025/2026", last_year="2027/2028", mobilities_per_year=3,
    language_skills=[iro.ewp.LanguageSkill(language="no", cefr_level="A2")], subject_areas=[SUBJECT],
    other_info_terms="terms", total_days_per_year=5.5, eqf_levels=[7, 8])
PARTNER = iro.ewp.Partner(hei_id="uw.edu.pl", ounit_id="ou-1", iia_id="iia-1", iia_code="UW-1",
                          signing_contact_name="Anna Nowak", signing_contact_email="a@uw.edu.pl",
                          signing_date="2024-05-01")


def more_samples():
    """One filled instance of each value class that test_values and test_daily_work_values leave out."""
    problem = iro.RowProblem(collection="agreements", row=3, line=4, column="valid_until", value="2024-02-30",
                             message="not a date")
    ror_problem = iro.RorImportProblem(index=7, ror="https://ror.org/05k89ew48", field="names[0].value",
                                       message="empty")
    criterion = iro.Criterion(code="1.1", title="Students", description="Evaluation", parent="1", weight=2.5)
    decision = iro.Decision(decided_on="2026-08-01", valid_until="2032-09-30", next_general_review="2031-09-01",
                            interim_report_due="2028-07-01", interim_visit="2029-10-15", show_cause=True)
    return [
        # Accreditation.
        criterion,
        iro.Framework(id=3, body=9, name="ABET General Criteria", version="2025-2026",
                      criteria=[iro.Criterion(code="1", title="Students"), criterion]),
        iro.AccreditationScope(unit=4, degree="B.Sc. in Computer Engineering", level="bachelor"),
        decision,
        iro.AccreditationCase(id=5, unit=4, degree="B.Sc.", level="bachelor", framework=3, type="reaccreditation",
                              status="accredited_with_conditions", planned_visit="2026-10-12", decision=decision,
                              note="second cycle"),
        iro.CaseTransition(from_="visit_done", to="decision_pending", on="2026-11-01", actor="me", note="waiting"),
        iro.FollowUp(id=6, accreditation_case=5, title="Fix the labs", due="2027-03-01", done_on="2027-02-20"),
        iro.Finding(id=7, accreditation_case=5, criterion="1.1", level="weakness", text="Thin advising", follow_up=6),
        iro.Evidence(id=8, accreditation_case=5, criterion="1.1", title="Records",
                     document=iro.DocumentRef(title="Records", location="/docs/a.pdf"), owner_person=2,
                     status="approved", due="2026-06-30", required=False),
        iro.TimelineRules(body="ABET", request_month=1, request_day=31, request_year_offset=0,
                          self_study_month=7, self_study_day=1, visit_month_from=9, visit_month_to=12,
                          decision_month=8, decision_year_offset=1),
        iro.AccreditationTimeline(planned_visit="2026-10-12", request_due="2026-01-31", self_study_due="2026-07-01",
                                  decision_expected="2027-08-01"),
        # Imports.
        problem,
        iro.TableImportResult(collection="agreements", read=10, added=6, updated=1, unchanged=2, skipped=1,
                              problems=[problem]),
        ror_problem,
        iro.RorImportResult(read=400, added=390, updated=5, unchanged=2, withdrawn=1, merged=1, skipped=1,
                            problems=[ror_problem]),
        # Rankings.
        iro.RankingIndicator(code="alumni", name="Alumni", weight=0.1, pillar="Education"),
        iro.RankBand(first=801, last=850),
        iro.RankingBands(exact_up_to=100, bands=[iro.RankBand(first=101, last=150), iro.RankBand(first=151)],
                         mark_ties=True),
        iro.rankings.methodology("QS-WUR", 2026),
        BEFORE,
        iro.WhatIfResult(before=BEFORE, after=AFTER),
        iro.GapResult(feasible=True, reason="", target_rank=2, total_increase=33.5, increases={"a": 20, "b": 13.5},
                      before=BEFORE, after=AFTER, levers={"b": 100, "a": 80}, current={"b": None, "a": 60}),
        iro.RobustnessResult(rank=4, best_rank=2, worst_rank=6, best_label="=2", worst_label="6",
                             best_weights={"a": 0.55, "b": 0.45}, worst_weights={"a": 0.45, "b": 0.55},
                             scenarios=4097, sampled=True),
        iro.PublishedResult(institution="Birzeit University", institution_id=4, rank="801-850", overall=23.5,
                            scores={"ar": 12.5, "er": 30}),
        iro.HomeIndicators(year=2026, on="2026-01-15", figures={"faculty_total": 400, "international_faculty": 20},
                           partner_count=12, partner_countries=["DE", "JO"], international_faculty_ratio=0.05),
        # Erasmus Without Paper.
        iro.ewp.HashedIia(iia_id="iia-1", text_to_hash="text\nto hash", iia_hash="c" * 64, valid_for_approval=False),
        SUBJECT,
        iro.ewp.LanguageSkill(language="en", cefr_level="B2", subject_area=SUBJECT, not_yet_defined=True),
        SPEC,
        PARTNER,
        iro.ewp.Iia(partners=[PARTNER, iro.ewp.Partner(hei_id="hibo.no", iia_id="iia-9")], in_effect=True,
                    specs=[SPEC], iia_hash="d" * 64),
        iro.ewp.ImportReport(agreements=[3, 4], new_institutions=[8], warnings=["iia[1]/x: not kept"]),
        iro.ewp.Difference(path="cooperation-conditions/x[1]/mobilities-per-year", ours="2", theirs=""),
    ]


def all_samples():
    return test_values.sample_values() + test_daily_work_values.sample_values() + more_samples()


def pickleable_classes():
    """Every class exported by iro and iro.ewp that defines its own pickled state."""
    found = {}
    for module in (iro, iro.ewp):
        for name in dir(module):
            obj = getattr(module, name)
            if isinstance(obj, type) and "__setstate__" in vars(obj):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


def test_every_pickleable_class_has_a_sample():
    classes = pickleable_classes()
    sampled = {type(v) for v in all_samples()}
    assert len(classes) >= 60
    assert sorted(name for name, cls in classes.items() if cls not in sampled) == []


@pytest.mark.parametrize("value", all_samples(), ids=lambda v: f"{type(v).__module__}.{type(v).__name__}")
def test_value_pickles_as_its_text_archive(value):
    state = value.__reduce_ex__(2)[2]
    assert isinstance(state, bytes)
    assert state.startswith(b"22 serialization::archive")
    restored = pickle.loads(pickle.dumps(value))
    assert restored == value
    assert type(restored) is type(value)
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(value, protocol=protocol)) == value


@pytest.mark.parametrize("value", all_samples(), ids=lambda v: f"{type(v).__module__}.{type(v).__name__}")
def test_damaged_state_raises_format_error(value):
    state = value.__reduce_ex__(2)[2]
    cls = type(value)
    blank = cls.__new__(cls)
    with pytest.raises(iro.FormatError):
        blank.__setstate__(state[: len(state) // 2])
    with pytest.raises(iro.FormatError, match="holds a"):
        blank.__setstate__(iro.Money(amount=1, currency="EUR").__reduce_ex__(2)[2]
                           if cls is not iro.Money else iro.Name(value="x").__reduce_ex__(2)[2])
    with pytest.raises(iro.FormatError):
        blank.__setstate__(b"")
    with pytest.raises(iro.FormatError, match="not the bytes of an archive"):
        blank.__setstate__(42)


def test_field_dict_states_of_earlier_pickles_still_load():
    result = iro.RorImportResult(read=2, added=1, skipped=1,
                                 problems=[iro.RorImportProblem(index=1, ror="x", field="id", message="bad")])
    blank = iro.RorImportResult.__new__(iro.RorImportResult)
    blank.__setstate__(result._asdict())
    assert blank == result
    methodology = iro.rankings.methodology("ARWU", 2005)
    blank = iro.Methodology.__new__(iro.Methodology)
    blank.__setstate__(methodology._asdict())
    assert blank == methodology


def test_gap_result_from_gap_to_target_pickles_with_its_levers():
    pd = pytest.importorskip("pandas")
    m = iro.Methodology(system="TEST", year=2025, name="Test",
                        indicators=[iro.RankingIndicator(code="a", name="A", weight=0.5),
                                    iro.RankingIndicator(code="b", name="B", weight=0.5)])
    df = pd.DataFrame({"a": [90.0, 80.0, 60.0], "b": [90.0, 80.0, 50.0]}, index=["T1", "T2", "H"])
    gap = m.gap_to_target(df, "H", 2, levers={"b": 100, "a": 100})
    assert gap.levers == {"b": 100, "a": 100} and gap.current == {"b": 50.0, "a": 60.0}
    restored = pickle.loads(pickle.dumps(gap))
    assert restored == gap
    assert list(restored.levers) == ["b", "a"]
    assert restored.to_frame().equals(gap.to_frame())
