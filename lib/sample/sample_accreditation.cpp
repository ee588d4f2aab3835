#include "sample/sample_accreditation.hpp"

#include "iro/store.hpp"
#include "sample/sample_random.hpp"

#include <fmt/format.h>

namespace iro::detail {

namespace {
InstitutionId add_body(Store& store, const char* name, const char* acronym, const char* country, const char* website) {
    Institution body;
    body.type = InstitutionType::AccreditationBody;
    body.names = {{name, "en", NameKind::Display}, {acronym, "", NameKind::Acronym}};
    body.country = country;
    body.website = website;
    return store.institutions().add(body);
}

// Walks a case forward through `moves`, one move every `step` days from `from`.
Date walk(Accreditations& acc, CaseId id, Date from, int step, std::initializer_list<CaseStatus> moves) {
    Date day = from;
    for (auto s : moves) {
        day = add_days(day, step);
        acc.transition(id, s, day);
    }
    return day;
}

// Evidence for every leaf criterion: mostly done, some drafts and missing items, a few
// overdue, so readiness and the gap lists have something to show.
void add_evidence_set(Accreditations& acc, SampleRandom& rng, CaseId id, const Framework& framework, Date today,
                      const std::vector<UnitId>& owners) {
    int n = 0;
    for (const auto& c : framework.criteria) {
        if (!framework.is_leaf(c.code)) continue;
        const int items = rng.between(2, 4);
        for (int k = 0; k < items; ++k) {
            Evidence e;
            e.accreditation_case = id;
            e.criterion = c.code;
            e.title = fmt::format("{} — evidence {}", c.title, k + 1);
            e.owner_unit = owners[static_cast<std::size_t>(n++) % owners.size()];
            const int draw = rng.between(1, 100);
            e.status = draw <= 40 ? EvidenceStatus::Approved
                       : draw <= 65 ? EvidenceStatus::Complete
                       : draw <= 85 ? EvidenceStatus::Draft
                                    : EvidenceStatus::Missing;
            e.due = add_days(today, rng.between(-45, 120));
            e.required = !rng.chance(10);
            if (is_done(e.status))
                e.document = DocumentRef{e.title, fmt::format("accreditation/case-{}/{}-{}.pdf", id.value(), c.code, k + 1), {}};
            acc.add_evidence(e);
        }
    }
}
} // namespace

int add_accreditation(Store& store, SampleRandom& rng, Date today, const std::vector<SampleUnit>& units) {
    auto& acc = store.accreditations();
    const auto abet = add_body(store, "ABET", "ABET", "US", "https://www.abet.org");
    const auto asiin = add_body(store, "ASIIN", "ASIIN", "DE", "https://www.asiin.de");
    const auto aqac = add_body(store, "Accreditation and Quality Assurance Commission (sample record)", "AQAC", "PS",
                               "https://www.aqac.mohe.gov.ps");

    auto abet_framework = builtin_framework("ABET");
    abet_framework.body = abet;
    const auto abet_id = acc.add_framework(abet_framework);
    auto esg = builtin_framework("ESG-2015");
    esg.body = asiin;
    const auto esg_id = acc.add_framework(esg);
    // A small framework in the shape a national agency publishes; marked as sample content.
    Framework national;
    national.body = aqac;
    national.name = "Sample national programme standards";
    national.version = "sample-1";
    national.criteria = {{"P1", "Programme mission and objectives", "", "", 1.0},
                         {"P2", "Curriculum", "", "", 2.0},
                         {"P2.1", "Learning outcomes", "", "P2", 1.0},
                         {"P2.2", "Assessment", "", "P2", 1.0},
                         {"P3", "Teaching staff", "", "", 1.0},
                         {"P4", "Facilities and learning resources", "", "", 1.0}};
    const auto national_id = acc.add_framework(national);
    acc.set_timeline_rules(abet, abet_timeline_rules());

    std::vector<UnitId> departments, owners;
    for (const auto& u : units) {
        if (u.kind == UnitKind::Department) departments.push_back(u.id);
        if (u.kind == UnitKind::Faculty || u.kind == UnitKind::Office) owners.push_back(u.id);
    }
    if (departments.size() < 3 || owners.empty()) return 0;
    const auto programme = [&](std::size_t k, const char* degree, DegreeLevel level, FrameworkId framework, CaseType type) {
        AccreditationCase c;
        c.scope = {departments[k], fmt::format("{} ({})", degree, store.units().get(departments[k]).name), level};
        c.framework = framework;
        c.type = type;
        c.note = "Sample data";
        return c;
    };
    int cases = 0;

    // 1. An ABET programme accredited six years ago that expires within the next 180 days,
    //    and its reaccreditation under way with a visit planned this autumn or next.
    {
        auto first = programme(0, "B.Sc.", DegreeLevel::Bachelor, abet_id, CaseType::Initial);
        const auto opened = add_days(today, -8 * 365);
        const auto id = acc.open_case(first, opened);
        const auto pending = walk(acc, id, opened, 60, {CaseStatus::SelfStudyInPreparation, CaseStatus::SelfStudySubmitted,
                                                         CaseStatus::SiteVisitScheduled, CaseStatus::VisitDone, CaseStatus::DecisionPending});
        acc.decide(id, CaseStatus::Accredited, Decision{add_days(pending, 200), add_days(today, rng.between(100, 170)), {}, {}, {}, false});
        ++cases;

        auto again = programme(0, "B.Sc.", DegreeLevel::Bachelor, abet_id, CaseType::Reaccreditation);
        const int visit_year = static_cast<int>(today.year()) + (static_cast<unsigned>(today.month()) >= 9 ? 1 : 0);
        again.planned_visit = Date{std::chrono::year{visit_year}, std::chrono::October, std::chrono::day{12}};
        const auto re = acc.open_case(again, add_days(today, -200));
        acc.transition(re, CaseStatus::SelfStudyInPreparation, add_days(today, -150));
        add_evidence_set(acc, rng, re, abet_framework, today, owners);
        ++cases;
    }
    // 2. A programme accredited with conditions: an interim report is due and a follow-up is late.
    {
        auto c = programme(1, "B.Sc.", DegreeLevel::Bachelor, abet_id, CaseType::Initial);
        const auto opened = add_days(today, -4 * 365);
        const auto id = acc.open_case(c, opened);
        const auto pending = walk(acc, id, opened, 45, {CaseStatus::SelfStudyInPreparation, CaseStatus::SelfStudySubmitted,
                                                         CaseStatus::SiteVisitScheduled, CaseStatus::VisitDone, CaseStatus::DecisionPending});
        const auto decided = add_days(pending, 150);
        acc.decide(id, CaseStatus::AccreditedWithConditions,
                   Decision{decided, add_days(decided, 6 * 365), {}, add_days(today, rng.between(20, 80)), {}, false}, "interim report required");
        const auto late = acc.add_follow_up(FollowUp{{}, id, "Show use of assessment results in curriculum changes", add_days(today, -20), {}});
        acc.add_finding(Finding{{}, id, "4", FindingLevel::Weakness, "Assessment results are not used systematically for improvement", late});
        const auto done = acc.add_follow_up(FollowUp{{}, id, "Publish programme educational objectives", add_days(decided, 90), {}});
        acc.complete_follow_up(done, add_days(decided, 80));
        acc.add_finding(Finding{{}, id, "2", FindingLevel::Concern, "Objectives are not published on the programme website", done});
        acc.add_finding(Finding{{}, id, "7", FindingLevel::Observation, "Laboratories are well equipped", {}});
        ++cases;
    }
    // 3. The institution under ESG with an agency visit scheduled.
    {
        AccreditationCase c;
        c.framework = esg_id;
        c.type = CaseType::Initial;
        c.planned_visit = add_days(today, rng.between(30, 90));
        c.note = "Sample data";
        const auto opened = add_days(today, -300);
        const auto id = acc.open_case(c, opened);
        walk(acc, id, opened, 70, {CaseStatus::SelfStudyInPreparation, CaseStatus::SelfStudySubmitted, CaseStatus::SiteVisitScheduled});
        add_evidence_set(acc, rng, id, esg, today, owners);
        ++cases;
    }
    // 4. A master programme under the national framework: denied, appealed, decision pending.
    {
        auto c = programme(2, "M.Sc.", DegreeLevel::Master, national_id, CaseType::Initial);
        const auto opened = add_days(today, -500);
        const auto id = acc.open_case(c, opened);
        const auto pending = walk(acc, id, opened, 40, {CaseStatus::SelfStudyInPreparation, CaseStatus::SelfStudySubmitted,
                                                         CaseStatus::SiteVisitScheduled, CaseStatus::VisitDone, CaseStatus::DecisionPending});
        acc.decide(id, CaseStatus::Denied, Decision{add_days(pending, 30), {}, {}, {}, {}, false}, "staffing below the standard");
        acc.add_finding(Finding{{}, id, "P3", FindingLevel::Deficiency, "Too few full-time staff hold a doctorate", {}});
        acc.transition(id, CaseStatus::Appeal, add_days(pending, 60));
        acc.transition(id, CaseStatus::DecisionPending, add_days(pending, 120));
        add_evidence_set(acc, rng, id, national, today, owners);
        ++cases;
    }
    return cases;
}

} // namespace iro::detail
