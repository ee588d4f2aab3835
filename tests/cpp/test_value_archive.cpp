// Value archives of the accreditation, ranking, import, EWP and analytics values: each one
// comes back equal from every format, and damaged maps are refused like damaged lists.
#include "test_support.hpp"

#include <string>

using namespace iro;
using iro::test::d;

namespace {

constexpr ArchiveFormat kFormats[] = {ArchiveFormat::Xml, ArchiveFormat::Text, ArchiveFormat::Binary};

// The value and a default-constructed one come back equal from every format.
template <class T>
void check_round_trip(const T& value) {
    static_assert(is_archivable_v<T>);
    for (const auto format : kFormats) {
        INFO("format " << archive_format_name(format));
        CHECK(from_archive<T>(to_archive(value, format)) == value);
        CHECK(from_archive<T>(to_archive(T{}, format)) == T{});
    }
    CHECK_FALSE(T{} == value);  // the sample sets fields away from their defaults
}

template <class E, class Fn>
std::string message_of(Fn&& fn) {
    try {
        fn();
    } catch (const E& e) {
        return e.what();
    }
    FAIL("expected an exception");
    return {};
}

ScoredRow scored(std::string name, double total, int rank) {
    ScoredRow r;
    r.name = std::move(name);
    r.weighted_sum = total;
    r.total = total;
    r.rounded_total = total;
    r.rank = rank;
    r.tied = rank == 2;
    r.label = "=" + std::to_string(rank);
    r.refused = "";
    return r;
}

ewp::SubjectArea subject() {
    return {"0613", "0610", "Software & \"applications\" <development>"};
}

} // namespace

TEST_CASE("accreditation values round trip through every archive format", "[value-archive]") {
    Criterion criterion{"1.1", "Students", "Evaluation of students", "1", 2.5};
    check_round_trip(criterion);
    Framework framework;
    framework.id = FrameworkId{3};
    framework.body = InstitutionId{9};
    framework.name = "ABET General Criteria";
    framework.version = "2025-2026";
    framework.criteria = {Criterion{"1", "Students", "", "", 1}, criterion};
    check_round_trip(framework);
    const AccreditationScope scope{UnitId{4}, "B.Sc. in Computer Engineering", DegreeLevel::Bachelor};
    check_round_trip(scope);
    Decision decision;
    decision.decided_on = d("2026-08-01");
    decision.valid_until = d("2032-09-30");
    decision.next_general_review = d("2031-09-01");
    decision.interim_report_due = d("2028-07-01");
    decision.interim_visit = d("2029-10-15");
    decision.show_cause = true;
    check_round_trip(decision);
    AccreditationCase c;
    c.id = CaseId{5};
    c.scope = scope;
    c.framework = FrameworkId{3};
    c.type = CaseType::Reaccreditation;
    c.status = CaseStatus::AccreditedWithConditions;
    c.planned_visit = d("2026-10-12");
    c.decision = decision;
    c.note = "second cycle";
    check_round_trip(c);
    check_round_trip(CaseTransition{CaseStatus::VisitDone, CaseStatus::DecisionPending, d("2026-11-01"), "me", "waiting"});
    check_round_trip(FollowUp{FollowUpId{6}, CaseId{5}, "Fix the labs", d("2027-03-01"), d("2027-02-20")});
    check_round_trip(Finding{FindingId{7}, CaseId{5}, "1.1", FindingLevel::Weakness, "Advising is thin", FollowUpId{6}});
    Evidence e;
    e.id = EvidenceId{8};
    e.accreditation_case = CaseId{5};
    e.criterion = "1.1";
    e.title = "Advising records";
    e.document = DocumentRef{"Records", "/docs/advising.pdf", std::string(64, 'b')};
    e.owner_person = PersonId{2};
    e.status = EvidenceStatus::Approved;
    e.due = d("2026-06-30");
    e.required = false;
    check_round_trip(e);
    auto rules = abet_timeline_rules();
    rules.decision_days_after_visit = 120;
    check_round_trip(rules);
    check_round_trip(derive_timeline(abet_timeline_rules(), d("2026-10-12")));
}

TEST_CASE("ranking values round trip through every archive format", "[value-archive]") {
    const RankingIndicator indicator{"alumni", "Alumni winning prizes", 0.1, "Education"};
    check_round_trip(indicator);
    check_round_trip(RankBand{801, 850});
    check_round_trip(RankBand{1401, std::nullopt});
    check_round_trip(RankingBands{100, {RankBand{101, 150}, RankBand{151, std::nullopt}}, true});
    auto qs = methodology("QS-WUR", 2026);
    qs.scale_min = 10;
    check_round_trip(qs);
    check_round_trip(methodology("ARWU", 2005));
    const auto before = scored("Home University", 53.25, 4);
    const auto after = scored("Home University", 80, 2);
    check_round_trip(before);
    check_round_trip(WhatIfResult{before, after});
    check_round_trip(GapLever{"a", 75});
    GapResult gap;
    gap.feasible = true;
    gap.target_rank = 2;
    gap.total_increase = 33.5;
    gap.increases = {{"a", 20}, {"b", 13.5}};
    gap.before = before;
    gap.after = after;
    gap.levers = {{"b", 100}, {"a", 80}};
    gap.current = {std::nullopt, 60.0};
    check_round_trip(gap);
    RobustnessResult robust;
    robust.rank = 4;
    robust.best_rank = 2;
    robust.worst_rank = 6;
    robust.best_label = "=2";
    robust.worst_label = "6";
    robust.best_weights = {{"a", 0.55}, {"b", 0.45}};
    robust.worst_weights = {{"a", 0.45}, {"b", 0.55}};
    robust.scenarios = 4097;
    robust.sampled = true;
    check_round_trip(robust);
    check_round_trip(PublishedResult{"Birzeit University", InstitutionId{4}, "801-850", 23.5, {{"ar", 12.5}, {"er", 30}}});
    HomeIndicators home;
    home.year = 2026;
    home.on = d("2026-01-15");
    home.figures = {{std::string(kFacultyTotal), 400}, {std::string(kInternationalFaculty), 20}};
    home.partner_count = 12;
    home.partner_countries = {"DE", "JO"};
    home.international_faculty_ratio = 0.05;
    check_round_trip(home);
}

TEST_CASE("EWP values round trip through every archive format", "[value-archive]") {
    check_round_trip(ewp::HashedIia{"iia-1", "text\nto hash", std::string(64, 'c'), false});
    check_round_trip(subject());
    check_round_trip(ewp::LanguageSkill{"en", "B2", subject(), true});
    ewp::MobilitySpec spec;
    spec.type = MobilityType::StaffTeaching;
    spec.sending_hei_id = "uw.edu.pl";
    spec.sending_ounit_id = "ou-1";
    spec.receiving_hei_id = "hibo.no";
    spec.first_year = AcademicYear{2025};
    spec.last_year = AcademicYear{2028};
    spec.mobilities_per_year = 3;
    spec.language_skills = {ewp::LanguageSkill{"no", "A2", std::nullopt, false}};
    spec.subject_areas = {subject()};
    spec.other_info_terms = "terms";
    spec.total_days_per_year = 5.5;
    spec.eqf_levels = {7, 8};
    check_round_trip(spec);
    const ewp::Partner partner{"uw.edu.pl", "ou-1", "iia-1", "UW-1", "Anna Nowak", "a@uw.edu.pl", d("2024-05-01")};
    check_round_trip(partner);
    ewp::Iia iia;
    iia.partners = {partner, ewp::Partner{"hibo.no", "", "iia-9", "", "", "", std::nullopt}};
    iia.in_effect = true;
    iia.specs = {spec};
    iia.iia_hash = std::string(64, 'd');
    check_round_trip(iia);
    check_round_trip(ewp::ImportReport{{AgreementId{3}, AgreementId{4}}, {InstitutionId{8}}, {"iia[1]/x: not kept"}});
    check_round_trip(ewp::Difference{"cooperation-conditions/x[1]/mobilities-per-year", "2", ""});
}

TEST_CASE("import, analytics and country values round trip through every archive format", "[value-archive]") {
    const RowProblem problem{Collection::Agreements, 3, 4, "valid_until", "2024-02-30", "not a date"};
    check_round_trip(problem);
    check_round_trip(TableImportResult{Collection::Agreements, 10, 6, 1, 2, 1, {problem}});
    const RorImportProblem ror_problem{7, "https://ror.org/05k89ew48", "names[0].value", "empty"};
    check_round_trip(ror_problem);
    check_round_trip(RorImportResult{400, 390, 5, 2, 1, 1, 1, {ror_problem}});
    check_round_trip(
        ExpertiseMatch{ExpertiseMatch::Kind::Person, 4, "Hans Weber", InstitutionId{2}, "FU Berlin", 0.75, {"same ISCED field 0713"}});
    KpiSet k;
    k.from = d("2025-01-01");
    k.to = d("2025-12-31");
    k.new_agreements = 2;
    k.new_by_region = {{"europe", 2}};
    k.new_by_kind = {{"mou", 1}, {"erasmus_iia", 1}};
    k.active_by_area = {{"research", 5}};
    k.dormant_share = 0.2;
    k.mobility_balance = -3;
    k.overdue_follow_ups = 1;
    check_round_trip(k);
    const auto ps = CountryRecord::from(country("PS"));
    CHECK(ps.name == "Palestine, State of");
    CHECK(ps.arab_world);
    check_round_trip(ps);
}

TEST_CASE("damaged maps in value archives give FormatError", "[value-archive]") {
    PublishedResult r{"X", std::nullopt, "12", 50, {{"a", 1}, {"b", 2}}};
    const auto xml = to_archive(r, ArchiveFormat::Xml);
    // A repeated key.
    auto repeated = xml;
    const auto key_b = repeated.find(">b</key>");
    REQUIRE(key_b != std::string::npos);
    repeated[key_b + 1] = 'a';
    CHECK_THAT(message_of<FormatError>([&] { from_archive<PublishedResult>(repeated); }), Catch::Matchers::Contains("repeats a key"));
    // A huge count of entries.
    auto huge = xml;
    const auto count = huge.find("<scores>2</scores>");
    REQUIRE(count != std::string::npos);
    huge.replace(count, 18, "<scores>1152921504606846976</scores>");
    CHECK_THAT(message_of<FormatError>([&] { from_archive<PublishedResult>(huge); }), Catch::Matchers::Contains("over the limit"));
    // Cut short anywhere before the last score, in every format (a text archive cut inside its
    // last number, "2.00000000000000000e+00", still holds a number: "2.0000" is 2).
    for (const auto format : kFormats) {
        const auto bytes = to_archive(r, format);
        REQUIRE(bytes.size() > 30);
        for (std::size_t cut = 0; cut < bytes.size() - 30; cut += 3) {
            INFO("format " << archive_format_name(format) << " cut at " << cut << " of " << bytes.size());
            CHECK_THROWS_AS(from_archive<PublishedResult>(bytes.substr(0, cut)), FormatError);
        }
    }
    // XML cut inside its closing tag: Boost reads that tag when the archive is destroyed.
    const auto end = xml.rfind("</boost_serialization>");
    REQUIRE(end != std::string::npos);
    for (const auto cut : {end, end + 1, end + 10})
        CHECK_THAT(message_of<FormatError>([&] { from_archive<PublishedResult>(xml.substr(0, cut)); }),
                   Catch::Matchers::Contains("ends before its closing tag"));
    CHECK(from_archive<PublishedResult>(xml.substr(0, end + 22)) == r);
    // Another type's archive, and a class version from a newer iro.
    CHECK_THAT(message_of<FormatError>([&] { from_archive<ewp::Iia>(to_archive(ewp::Partner{})); }),
               Catch::Matchers::Contains("holds a ewp::Partner, not a ewp::Iia"));
    auto newer = to_archive(KpiSet{}, ArchiveFormat::Xml);
    const auto value = newer.find("<value class_id=\"0\" tracking_level=\"0\" version=\"1\">");
    REQUIRE(value != std::string::npos);
    newer[newer.find("version=\"1\"", value) + 9] = '4';
    CHECK_THAT(message_of<FormatError>([&] { from_archive<KpiSet>(newer); }), Catch::Matchers::Contains("iro::KpiSet has class version 4, newer"));
}
