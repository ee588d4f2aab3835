// Accreditation: built-in frameworks, the case lifecycle, readiness maths, derived
// deadlines, status on a date, expiry and overdue queries.
#include "test_support.hpp"

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;
using CS = CaseStatus;

namespace {
template <class Fn>
void check_refused_unchanged(Store& store, Fn&& fn) {
    const auto before = store.logical_dump();
    fn();
    CHECK(store.logical_dump() == before);
}

Evidence item(CaseId c, const char* criterion, EvidenceStatus status, bool required = true, std::optional<const char*> due = std::nullopt) {
    Evidence e;
    e.accreditation_case = c;
    e.criterion = criterion;
    e.title = std::string("Evidence for ") + criterion;
    e.status = status;
    e.required = required;
    if (due) e.due = d(*due);
    return e;
}

struct AccreditationOffice : SmallOffice {
    explicit AccreditationOffice(Store& s) : SmallOffice(s) {
        auto abet_body = make_institution("ABET", "US");
        abet_body.type = InstitutionType::AccreditationBody;
        abet = s.institutions().add(abet_body);
        eng = s.units().add(OrgUnit{{}, home, {}, UnitKind::Faculty, "Faculty of Engineering", ""});
        auto framework = builtin_framework("ABET");
        framework.body = abet;
        abet_framework = s.accreditations().add_framework(framework);
    }
    AccreditationCase programme_case() const {
        AccreditationCase c;
        c.scope = {eng, "B.Sc. in Computer Engineering", DegreeLevel::Bachelor};
        c.framework = abet_framework;
        c.planned_visit = d("2026-10-12");
        return c;
    }
    InstitutionId abet;
    UnitId eng;
    FrameworkId abet_framework;
};
} // namespace

TEST_CASE("built-in frameworks have the published structure", "[accreditation][frameworks]") {
    const auto esg = builtin_framework("ESG-2015");
    REQUIRE(esg.criteria.size() == 10);
    CHECK(esg.criteria.front().code == "1.1");
    CHECK(esg.criteria.front().title == "Policy for quality assurance");
    CHECK(esg.criteria.back().code == "1.10");
    CHECK(esg.criteria.back().title == "Cyclical external quality assurance");
    const auto abet = builtin_framework("ABET");
    REQUIRE(abet.criteria.size() == 8);
    CHECK(abet.criteria[2].title == "Student Outcomes");
    CHECK(abet.criteria[7].title == "Institutional Support");
    const auto aacsb = builtin_framework("AACSB-2020");
    CHECK(aacsb.criteria.size() == 12);
    CHECK(aacsb.find("5")->parent == "LS");
    CHECK_FALSE(aacsb.is_leaf("LS"));
    CHECK(aacsb.is_leaf("5"));
    for (const auto& key : builtin_framework_keys()) CHECK_NOTHROW(validate(builtin_framework(key)));
    CHECK_THROWS_AS(builtin_framework("NOPE"), NotFoundError);
}

TEST_CASE("frameworks round-trip through JSON and load from CSV", "[accreditation][frameworks]") {
    auto f = builtin_framework("AACSB-2020");
    f.criteria[1].weight = 2.5;
    const auto back = framework_from_json(framework_to_json(f));
    CHECK(back.criteria == f.criteria);
    CHECK(back.name == f.name);

    const auto csv = framework_from_csv(
        "code,title,description,parent,weight\r\n"
        "S1,\"Mission, vision and goals\",,,2\r\n"
        "S1.1,Mission statement,\"Says \"\"why\"\"\",S1,\r\n"
        "S2,Governance,,,1\r\n");
    REQUIRE(csv.criteria.size() == 3);
    CHECK(csv.criteria[0].title == "Mission, vision and goals");
    CHECK(csv.criteria[0].weight == 2);
    CHECK(csv.criteria[1].description == "Says \"why\"");
    CHECK(csv.criteria[1].parent == "S1");

    CHECK_THROWS_AS(framework_from_json("{not json"), FormatError);
    CHECK_THROWS_AS(framework_from_json(R"({"name": "x"})"), FormatError);
    CHECK_THROWS_WITH(framework_from_csv("code,title\nA,B\n"), Contains("header"));
    CHECK_THROWS_WITH(framework_from_csv("code,title,description,parent,weight\nA,B,,,heavy\n"), Contains("line 2") && Contains("weight"));
    CHECK_THROWS_WITH(framework_from_csv("code,title,description,parent,weight\nA,\"B,,,1\n"), Contains("never closed"));
    // A child listed before its parent, a repeated code, a zero weight.
    CHECK_THROWS_WITH(framework_from_csv("code,title,description,parent,weight\nA1,x,,A,1\nA,y,,,1\n"), Contains("criteria[0].parent"));
    CHECK_THROWS_WITH(framework_from_csv("code,title,description,parent,weight\nA,x,,,1\nA,y,,,1\n"), Contains("criteria[1].code"));
    CHECK_THROWS_WITH(framework_from_csv("code,title,description,parent,weight\nA,x,,,0\n"), Contains("weight"));
}

TEST_CASE("readiness: leaves, weights, sub-criteria and gaps", "[accreditation][readiness]") {
    Framework f;
    f.name = "Test";
    f.version = "1";
    f.criteria = {{"A", "Governance", "", "", 3.0}, {"A.1", "Mission", "", "A", 1.0}, {"A.2", "Planning", "", "A", 3.0},
                  {"B", "Teaching", "", "", 1.0},   {"C", "Research", "", "", 1.0}};
    const CaseId c{1};
    std::vector<Evidence> ev = {
        item(c, "A.1", EvidenceStatus::Approved),            // A.1: 1/2
        item(c, "A.1", EvidenceStatus::Draft, true, "2026-01-31"),
        item(c, "A.2", EvidenceStatus::Complete),            // A.2: 2/2
        item(c, "A.2", EvidenceStatus::Approved),
        item(c, "B", EvidenceStatus::Missing, true, "2026-03-01"),  // B: 1/4
        item(c, "B", EvidenceStatus::Complete),
        item(c, "B", EvidenceStatus::Draft),
        item(c, "B", EvidenceStatus::Missing),
        item(c, "B", EvidenceStatus::Missing, false),        // optional: never counts
        // C has no evidence at all: readiness 0 and a gap.
    };
    for (std::size_t i = 0; i < ev.size(); ++i) ev[i].id = EvidenceId{static_cast<std::int64_t>(i + 1)};
    const auto r = compute_readiness(f, ev, d("2026-02-15"));
    REQUIRE(r.criteria.size() == 5);
    CHECK(r.criteria[1].readiness == Approx(0.5));
    CHECK(r.criteria[2].readiness == Approx(1.0));
    // A = (1 * 0.5 + 3 * 1.0) / 4 = 0.875, with the counts of its subtree.
    CHECK(r.criteria[0].readiness == Approx(0.875));
    CHECK(r.criteria[0].required == 4);
    CHECK(r.criteria[0].done == 3);
    CHECK(r.criteria[1].depth == 1);
    CHECK(r.criteria[3].readiness == Approx(0.25));
    CHECK(r.criteria[4].readiness == 0);
    // Overall = (3 * 0.875 + 1 * 0.25 + 1 * 0) / 5 = 0.575
    CHECK(r.overall == Approx(0.575));
    REQUIRE(r.gaps.size() == 5);
    CHECK(r.gaps[0].criterion == "A.1");
    CHECK(r.gaps[0].overdue);  // due 2026-01-31, asked on 2026-02-15
    CHECK(r.gaps[1].criterion == "B");
    CHECK_FALSE(r.gaps[1].overdue);
    CHECK(r.gaps[4].criterion == "C");
    CHECK_FALSE(r.gaps[4].evidence.has_value());
    CHECK(r.gaps[4].evidence_title == "no required evidence planned");
}

TEST_CASE("derived deadlines follow the body's rules, across year boundaries", "[accreditation][timeline]") {
    const auto abet = abet_timeline_rules();
    const auto t = derive_timeline(abet, d("2026-10-12"));
    CHECK(t.request_due == d("2026-01-31"));
    CHECK(t.self_study_due == d("2026-07-01"));
    CHECK(t.decision_expected == d("2027-07-01"));
    // A December visit still belongs to that visit year; the decision crosses into the next.
    const auto december = derive_timeline(abet, d("2026-12-31"));
    CHECK(december.request_due == d("2026-01-31"));
    CHECK(december.decision_expected == d("2027-07-01"));
    CHECK_THROWS_WITH(derive_timeline(abet, d("2027-01-15")), Contains("months 9 to 12") && Contains("ABET"));
    CHECK_THROWS_AS(derive_timeline(abet, d("2026-08-31")), ValidationError);

    // Offset rules and a fixed date in the previous year.
    TimelineRules r;
    r.body = "Regional agency";
    r.request_month = 11;
    r.request_day = 30;
    r.request_year_offset = -1;
    r.self_study_days_before_visit = 90;
    r.decision_days_after_visit = 120;
    const auto offset = derive_timeline(r, d("2026-03-15"));
    CHECK(offset.request_due == d("2025-11-30"));
    CHECK(offset.self_study_due == d("2025-12-15"));
    CHECK(offset.decision_expected == d("2026-07-13"));
    // 29 February in a common year falls back to the 28th.
    r.request_month = 2;
    r.request_day = 29;
    r.request_year_offset = 0;
    CHECK(derive_timeline(r, d("2027-05-01")).request_due == d("2027-02-28"));
    r.request_day = 30;
    CHECK_THROWS_AS(derive_timeline(r, d("2027-05-01")), ValidationError);
}

TEST_CASE("a programme case walks its lifecycle to a decision", "[accreditation][cases]") {
    TestStore t(GENERATE(false, true));
    AccreditationOffice office(t.store);
    auto& acc = t.store.accreditations();
    const auto id = acc.open_case(office.programme_case(), d("2025-09-01"));
    acc.transition(id, CS::SelfStudyInPreparation, d("2025-10-01"));
    acc.transition(id, CS::SelfStudySubmitted, d("2026-06-25"));
    acc.transition(id, CS::SiteVisitScheduled, d("2026-07-10"));
    acc.transition(id, CS::VisitDone, d("2026-10-14"));
    acc.transition(id, CS::DecisionPending, d("2026-10-20"));
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(acc.transition(id, CS::Accredited, d("2027-07-15")), Contains("use decide()"));
        CHECK_THROWS_WITH(acc.decide(id, CS::Accredited, Decision{d("2027-07-15"), {}, {}, {}, {}, false}), Contains("valid_until"));
        CHECK_THROWS_AS(acc.decide(id, CS::Denied, Decision{d("2027-07-15"), d("2033-09-30"), {}, {}, {}, false}), ValidationError);
        CHECK_THROWS_AS(acc.decide(id, CS::Planning, Decision{d("2027-07-15"), {}, {}, {}, {}, false}), ValidationError);
        CHECK_THROWS_AS(acc.decide(id, CS::Accredited, Decision{d("2026-01-01"), d("2033-09-30"), {}, {}, {}, false}), ValidationError);
    });
    acc.decide(id, CS::AccreditedWithConditions, Decision{d("2027-07-15"), d("2029-09-30"), {}, d("2028-07-01"), {}, false}, "interim report");
    const auto c = acc.get_case(id);
    CHECK(c.status == CS::AccreditedWithConditions);
    CHECK(c.decision.interim_report_due == d("2028-07-01"));
    const auto history = acc.history(id);
    REQUIRE(history.size() == 7);
    CHECK(history.back().to == CS::AccreditedWithConditions);
    CHECK(history.back().on == d("2027-07-15"));
    CHECK(history.back().note == "interim report");
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(acc.transition(id, CS::Appeal, d("2027-08-01")), Contains("'accredited_with_conditions'") && Contains("'appeal'"));
    });

    acc.set_timeline_rules(office.abet, abet_timeline_rules());
    CHECK(acc.timeline(id).self_study_due == d("2026-07-01"));
}

TEST_CASE("bad accreditation input is refused and changes nothing", "[accreditation][errors]") {
    TestStore t(GENERATE(false, true));
    AccreditationOffice office(t.store);
    auto& acc = t.store.accreditations();
    const auto elsewhere = t.store.units().add(OrgUnit{{}, office.jordan, {}, UnitKind::Faculty, "Elsewhere", ""});
    check_refused_unchanged(t.store, [&] {
        auto framework = builtin_framework("ESG-2015");
        framework.body = office.berlin;  // a university, not an accreditation body
        CHECK_THROWS_WITH(acc.add_framework(framework), Contains("accreditation_body"));
        framework.body = office.abet;
        framework.name = builtin_framework("ABET").name;
        framework.version = builtin_framework("ABET").version;
        CHECK_THROWS_AS(acc.add_framework(framework), ConflictError);
        auto no_degree = office.programme_case();
        no_degree.scope.degree.clear();
        CHECK_THROWS_WITH(acc.open_case(no_degree, d("2025-09-01")), Contains("scope.degree"));
        auto partner_unit = office.programme_case();
        partner_unit.scope.unit = elsewhere;
        CHECK_THROWS_WITH(acc.open_case(partner_unit, d("2025-09-01")), Contains("a unit of the home institution"));
    });
    const auto id = acc.open_case(office.programme_case(), d("2025-09-01"));
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(acc.add_evidence(item(id, "9", EvidenceStatus::Draft)), Contains("criterion") && Contains("'9'"));
        auto both = item(id, "3", EvidenceStatus::Draft);
        both.owner_unit = office.eng;
        both.owner_person = PersonId{1};
        CHECK_THROWS_AS(acc.add_evidence(both), ValidationError);
        CHECK_THROWS_AS(acc.add_evidence(item(CaseId{99}, "3", EvidenceStatus::Draft)), NotFoundError);
        CHECK_THROWS_AS(acc.add_finding(Finding{{}, id, "12", FindingLevel::Weakness, "x", {}}), ValidationError);
        CHECK_THROWS_AS(acc.add_follow_up(FollowUp{{}, id, "", d("2026-01-01"), {}}), ValidationError);
        CHECK_THROWS_AS(acc.timeline(id), NotFoundError);  // no rules for ABET yet
        CHECK_THROWS_AS(acc.transition(id, CS::SelfStudyInPreparation, d("2025-08-01")), ValidationError);  // before opening
    });
}

TEST_CASE("findings, follow-ups, evidence and the overdue lists", "[accreditation][queries]") {
    auto store = Store::open(":memory:");
    AccreditationOffice office(store);
    auto& acc = store.accreditations();
    const auto id = acc.open_case(office.programme_case(), d("2025-09-01"));
    const auto follow = acc.add_follow_up(FollowUp{{}, id, "Document the assessment cycle", d("2026-03-31"), {}});
    const auto finding = acc.add_finding(Finding{{}, id, "4", FindingLevel::Weakness, "Assessment results are not used", follow});
    CHECK(acc.findings(id).front().id == finding);
    CHECK(acc.findings(id).front().follow_up == follow);
    for (int c = 1; c <= 8; ++c) acc.add_evidence(item(id, std::to_string(c).c_str(), c <= 6 ? EvidenceStatus::Approved : EvidenceStatus::Draft, true, "2026-02-01"));
    const auto r = acc.readiness(id, d("2026-02-10"));
    CHECK(r.overall == Approx(0.75));
    CHECK(r.gaps.size() == 2);
    CHECK(r.gaps[0].overdue);
    CHECK(acc.overdue_evidence(d("2026-02-10")).size() == 2);
    CHECK(acc.overdue_evidence(d("2026-02-01")).empty());  // due today is not overdue
    CHECK(acc.overdue_follow_ups(d("2026-04-01")).size() == 1);
    acc.complete_follow_up(follow, d("2026-03-20"));
    CHECK(acc.overdue_follow_ups(d("2026-04-01")).empty());
    CHECK_THROWS_AS(acc.complete_follow_up(follow, d("2026-03-21")), ConflictError);
    auto e = acc.evidence(id).back();
    e.status = EvidenceStatus::Complete;
    acc.update_evidence(e);
    CHECK(acc.readiness(id, d("2026-02-10")).overall == Approx(0.875));
}

TEST_CASE("programmes by status on a date and expiring accreditations", "[accreditation][status]") {
    auto store = Store::open(":memory:");
    AccreditationOffice office(store);
    auto& acc = store.accreditations();
    const auto walk_to_decision = [&](AccreditationCase c, const char* opened) {
        const auto id = acc.open_case(std::move(c), d(opened));
        auto day = add_days(d(opened), 1);
        for (auto s : {CS::SelfStudyInPreparation, CS::SelfStudySubmitted, CS::SiteVisitScheduled, CS::VisitDone, CS::DecisionPending}) {
            acc.transition(id, s, day);
            day = add_days(day, 1);
        }
        return id;
    };
    const auto first = walk_to_decision(office.programme_case(), "2018-01-01");
    acc.decide(first, CS::Accredited, Decision{d("2019-07-15"), d("2025-09-30"), {}, {}, {}, false});
    auto civil = office.programme_case();
    civil.scope.degree = "B.Sc. in Civil Engineering";
    const auto second = walk_to_decision(civil, "2022-01-01");
    acc.decide(second, CS::Accredited, Decision{d("2023-07-15"), d("2027-01-31"), {}, {}, {}, false});

    const auto state_of = [&](Date on, const char* degree) {
        for (const auto& s : acc.status_on(on))
            if (s.scope.degree == degree) return s.state;
        return AccreditationState::NotAccredited;
    };
    CHECK(state_of(d("2018-06-01"), "B.Sc. in Computer Engineering") == AccreditationState::InProgress);
    CHECK(state_of(d("2020-01-01"), "B.Sc. in Computer Engineering") == AccreditationState::Accredited);
    CHECK(state_of(d("2025-09-30"), "B.Sc. in Computer Engineering") == AccreditationState::Accredited);
    CHECK(state_of(d("2025-10-01"), "B.Sc. in Computer Engineering") == AccreditationState::Expired);
    // A reaccreditation case makes the lapsed programme "in progress".
    auto again = office.programme_case();
    again.type = CaseType::Reaccreditation;
    acc.open_case(again, d("2025-10-02"));
    CHECK(state_of(d("2025-11-01"), "B.Sc. in Computer Engineering") == AccreditationState::InProgress);
    const auto statuses = acc.status_on(d("2025-11-01"));
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0].unit_name == "Faculty of Engineering");
    CHECK(statuses[0].body_name == "ABET");

    const auto soon = acc.expiring(d("2026-11-29"), 90);
    REQUIRE(soon.size() == 1);
    CHECK(soon[0].accreditation_case.id == second);
    CHECK(soon[0].days_left == 63);
    CHECK(acc.expiring(d("2026-11-29"), 62).empty());
}

TEST_CASE("accreditation deadlines reach the calendar and the KPI set", "[accreditation][calendar][kpis]") {
    auto store = Store::open(":memory:");
    AccreditationOffice office(store);
    auto& acc = store.accreditations();
    const auto id = acc.open_case(office.programme_case(), d("2026-01-10"));
    acc.add_evidence(item(id, "3", EvidenceStatus::Draft, true, "2026-06-30"));
    acc.add_evidence(item(id, "4", EvidenceStatus::Approved, true, "2026-06-30"));  // done: no event
    acc.add_follow_up(FollowUp{{}, id, "Revise the curriculum map", d("2026-09-15"), {}});
    CalendarOptions options;
    options.stamp = "20260101T000000Z";
    const auto ics = export_ics(store, options);
    CHECK(ics.find("SUMMARY:Evidence due: Evidence for 3") != std::string::npos);
    CHECK(ics.find("Evidence for 4") == std::string::npos);
    CHECK(ics.find("SUMMARY:Follow-up due: Revise the curriculum map") != std::string::npos);
    CHECK(ics.find("DTSTART;VALUE=DATE:20261012") != std::string::npos);  // the planned site visit
    options.accreditation_deadlines = false;
    CHECK(export_ics(store, options).find("Evidence due") == std::string::npos);

    const auto k = compute_kpis(store, d("2026-01-01"), d("2026-07-15"));
    CHECK(k.open_accreditation_cases == 1);
    CHECK(k.overdue_evidence == 1);
    CHECK(k.overdue_follow_ups == 0);
    CHECK(k.accredited_scopes == 0);
}
