#include "iro/sample_data.hpp"

#include "iro/country.hpp"
#include "iro/error.hpp"
#include "iro/store.hpp"
#include "sample/sample_accreditation.hpp"
#include "sample/sample_daily_work.hpp"
#include "sample/sample_partners.hpp"
#include "sample/sample_random.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

namespace {
using detail::SampleRandom;

constexpr int kMinPartners = 5;
constexpr int kMaxPartners = 10'000;
constexpr int kMinAgreements = 30;
constexpr int kMaxAgreements = 10'000;

// ---------------------------------------------------------------------------------------------
// The home institution and its units

struct UnitSpec {
    std::string_view name;
    std::string_view code;
    UnitKind kind;
    int parent;              // index into kHomeUnits, -1 for a top-level unit
    std::string_view isced;  // ISCED-F 2013 fields the unit teaches or works in, space separated
};

constexpr UnitSpec kHomeUnits[] = {
    {"College of Engineering", "ENG", UnitKind::Faculty, -1, ""},
    {"Department of Civil and Architectural Engineering", "CAE", UnitKind::Department, 0, "0731 0732"},
    {"Department of Mechanical Engineering", "ME", UnitKind::Department, 0, "0715 0713"},
    {"Department of Electrical Engineering", "EE", UnitKind::Department, 0, "0713 0714"},
    {"College of Information Technology and Computer Engineering", "ITCE", UnitKind::Faculty, -1, ""},
    {"Department of Computer Science", "CS", UnitKind::Department, 4, "0613 0612"},
    {"Department of Information Technology", "IT", UnitKind::Department, 4, "0612 0611"},
    {"Department of Computer Systems Engineering", "CSE", UnitKind::Department, 4, "0714 0613"},
    {"College of Applied Sciences", "AS", UnitKind::Faculty, -1, ""},
    {"Department of Applied Chemistry", "CHEM", UnitKind::Department, 8, "0531"},
    {"Department of Applied Biology", "BIO", UnitKind::Department, 8, "0511 0512"},
    {"Department of Mathematics and Physics", "MP", UnitKind::Department, 8, "0541 0533"},
    {"College of Administrative Sciences and Informatics", "ASI", UnitKind::Faculty, -1, ""},
    {"Department of Business Administration", "BA", UnitKind::Department, 12, "0413"},
    {"Department of Accounting and Finance", "AF", UnitKind::Department, 12, "0411 0412"},
    {"Department of Management Information Systems", "MIS", UnitKind::Department, 12, "0413 0612"},
    {"College of Medicine and Health Sciences", "MHS", UnitKind::Faculty, -1, ""},
    {"Department of Medicine", "MED", UnitKind::Department, 16, "0912"},
    {"Department of Nursing", "NUR", UnitKind::Department, 16, "0913"},
    {"Department of Medical Laboratory Sciences", "MLS", UnitKind::Department, 16, "0914"},
    {"Renewable Energy and Environment Research Centre", "REERC", UnitKind::ScientificCentre, -1, "0713 0521"},
    {"Biotechnology Research Centre", "BRC", UnitKind::ScientificCentre, 8, "0512 0511"},
    {"Centre of Excellence in Information Technology", "ITCOE", UnitKind::ScientificCentre, 4, "0613 0612"},
    {"Materials and Structures Testing Centre", "MSTC", UnitKind::ScientificCentre, 0, "0732 0715"},
    {"Water and Environmental Studies Centre", "WESC", UnitKind::ScientificCentre, -1, "0521 0732"},
    {"Industrial Innovation and Technology Transfer Centre", "IITTC", UnitKind::ScientificCentre, -1, "0715 0714"},
    {"International Relations Office", "IRO", UnitKind::Office, -1, ""},
};


std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) out.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

using HomeUnit = detail::SampleUnit;

// ---------------------------------------------------------------------------------------------
// Partners

struct PartnerRef {
    InstitutionId id;
    InstitutionType type;
    bool active = true;
    std::string country;
    std::string name;
};

// Countries of the fictitious partners added beyond the ROR table.
constexpr std::string_view kSyntheticCountries[] = {"JO", "EG", "TR", "DE", "FR", "IT", "ES", "MY", "US", "GB",
                                                    "MA", "TN", "AE", "QA", "PL", "GR", "SE", "KR", "CA", "BR",
                                                    "ZA", "ID", "OM", "KW", "PS", "IE", "PT", "BE", "NL", "JP"};

Institution synthetic_partner(int number, SampleRandom& rng) {
    Institution i;
    const bool institute = number % 4 == 0;
    i.type = institute ? InstitutionType::ResearchInstitute : InstitutionType::University;
    i.names = {Name{fmt::format("{} {}", institute ? "Sample Research Institute" : "Sample University", number), "en",
                    NameKind::Display}};
    i.country = std::string(kSyntheticCountries[rng.index(std::size(kSyntheticCountries))]);
    return i;
}

// Erasmus+ programme countries: the EU member states and the associated third countries.
constexpr std::string_view kErasmusProgrammeCountries[] = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO", "MK", "RS", "TR"};

bool in_erasmus_programme(std::string_view code) {
    return std::find(std::begin(kErasmusProgrammeCountries), std::end(kErasmusProgrammeCountries), code) !=
           std::end(kErasmusProgrammeCountries);
}

// The language a partner's own students and staff are most likely to be asked for, beyond English.
std::string_view local_language(std::string_view country_code) {
    static constexpr std::pair<std::string_view, std::string_view> kLanguages[] = {
        {"AT", "de"}, {"BE", "fr"}, {"BO", "es"}, {"BR", "pt"}, {"CO", "es"}, {"CR", "es"}, {"CZ", "cs"}, {"DE", "de"},
        {"ES", "es"}, {"FI", "fi"}, {"FR", "fr"}, {"HR", "hr"}, {"HU", "hu"}, {"IT", "it"}, {"JP", "ja"}, {"KR", "ko"},
        {"NL", "nl"}, {"NO", "no"}, {"PL", "pl"}, {"PT", "pt"}, {"SE", "sv"}, {"TR", "tr"}, {"UA", "uk"}, {"VE", "es"},
    };
    for (const auto& [code, lang] : kLanguages)
        if (code == country_code) return lang;
    const Country* c = find_country(country_code);
    if (c && c->arab_world) return "ar";
    return "en";
}

// ---------------------------------------------------------------------------------------------
// Planning agreements

// What happens to one planned agreement. Renewals leave two agreements behind.
enum class Plan {
    Proposed,
    InNegotiation,
    UnderReview,
    AwaitingSignature,
    SentBack,     // reviewed, then sent back to negotiation
    Abandoned,    // terminated before it entered into force
    InForce,      // walked through the lifecycle (or recorded, when it is old)
    Recorded,     // an old agreement recorded as already in force
    Expiring30,   // in force, its period ends within 30 days of today
    Expiring90,   // ... within 31 to 90 days
    Expiring180,  // ... within 91 to 180 days
    Expired,
    Renewed,       // renewed before or right after its end; the successor is in force
    LapsedRenewed, // expired, then renewed after a gap
    Terminated,    // terminated while in force
};

constexpr int agreements_made(Plan plan) { return plan == Plan::Renewed || plan == Plan::LapsedRenewed ? 2 : 1; }

struct Spec {
    Plan plan;
    AgreementKind kind;
    int partners = 1;
    bool tacit = false;
};

// Every kind, every status, every expiring band, tacit renewal and multilateral agreements,
// whatever the seed.
constexpr Spec kGuaranteed[] = {
    {Plan::Proposed, AgreementKind::Mou},
    {Plan::InNegotiation, AgreementKind::StudentExchange},
    {Plan::UnderReview, AgreementKind::JointDegree},
    {Plan::AwaitingSignature, AgreementKind::ErasmusIia},
    {Plan::SentBack, AgreementKind::Framework},
    {Plan::Abandoned, AgreementKind::Scholarship},
    {Plan::InForce, AgreementKind::StaffExchange},
    {Plan::InForce, AgreementKind::Training},
    {Plan::Recorded, AgreementKind::Mou},
    {Plan::Expiring30, AgreementKind::ErasmusIia},
    {Plan::Expiring30, AgreementKind::Mou, 1, true},
    {Plan::Expiring90, AgreementKind::StudentExchange},
    {Plan::Expiring90, AgreementKind::Framework, 1, true},
    {Plan::Expiring180, AgreementKind::ResearchCollaboration},
    {Plan::Expiring180, AgreementKind::Scholarship, 1, true},
    {Plan::Expired, AgreementKind::Training},
    {Plan::Expired, AgreementKind::Mou},
    {Plan::Renewed, AgreementKind::StudentExchange},
    {Plan::LapsedRenewed, AgreementKind::Framework},
    {Plan::Terminated, AgreementKind::StaffExchange},
    {Plan::InForce, AgreementKind::Network, 4},
    {Plan::InForce, AgreementKind::ResearchCollaboration, 2},
    {Plan::Proposed, AgreementKind::Network, 3},
    {Plan::Expired, AgreementKind::ResearchCollaboration, 2},
};

constexpr int guaranteed_agreements() {
    int n = 0;
    for (const auto& s : kGuaranteed) n += agreements_made(s.plan);
    return n;
}
static_assert(guaranteed_agreements() <= kMinAgreements, "the guaranteed agreements must fit the minimum count");

// Relative frequencies of the agreements drawn after the guaranteed ones.
constexpr Plan kPlans[] = {Plan::Proposed,    Plan::InNegotiation, Plan::UnderReview, Plan::AwaitingSignature,
                           Plan::SentBack,    Plan::Abandoned,     Plan::InForce,     Plan::Recorded,
                           Plan::Expiring30,  Plan::Expiring90,    Plan::Expiring180, Plan::Expired,
                           Plan::Renewed,     Plan::LapsedRenewed, Plan::Terminated};
constexpr int kPlanWeights[] = {4, 4, 3, 3, 1, 4, 34, 12, 3, 4, 5, 10, 6, 2, 5};
static_assert(std::size(kPlans) == std::size(kPlanWeights));

constexpr AgreementKind kKinds[] = {AgreementKind::Mou,           AgreementKind::Framework,
                                    AgreementKind::StudentExchange, AgreementKind::StaffExchange,
                                    AgreementKind::ErasmusIia,    AgreementKind::JointDegree,
                                    AgreementKind::ResearchCollaboration, AgreementKind::Scholarship,
                                    AgreementKind::Training,      AgreementKind::Network};
constexpr int kKindWeights[] = {20, 10, 12, 8, 12, 4, 12, 5, 8, 4};
static_assert(std::size(kKinds) == std::size(kKindWeights));

constexpr Area kAllAreas[] = {Area::Education,        Area::Training,       Area::Research,
                              Area::Culture,          Area::StudentExchange, Area::StaffExchange,
                              Area::CapacityBuilding, Area::JointProgrammes, Area::QualityAccreditation};

constexpr std::string_view kResearchTopics[] = {
    "renewable energy systems", "water desalination",   "biomedical engineering", "smart grids",
    "structural health monitoring", "food security",    "cybersecurity",          "advanced materials",
    "environmental monitoring", "machine learning for health"};

constexpr std::string_view kDegreeSubjects[] = {"Renewable Energy Engineering", "Data Science", "Biomedical Engineering",
                                                "Business Informatics", "Construction Management", "Medical Laboratory Sciences"};

constexpr std::string_view kNetworks[] = {"Euro-Mediterranean Engineering Education Network",
                                          "Arab-European Network for Water Research",
                                          "Consortium for Digital Health Education",
                                          "Network for Sustainable Building Technologies",
                                          "Alliance for Open Science in the Middle East",
                                          "Universities for Quality Assurance in Higher Education Network"};

enum class Action { Transition, Sign, EnterIntoForce, AttachSigned, Expire, Terminate, Renew };

struct Step {
    Action action;
    Date on{};
    AgreementStatus to = AgreementStatus::Proposed;  // Transition
    InstitutionId party;                              // Sign
    std::string text;                                 // note, or signatory for Sign
    Date from{};                                      // Renew
    std::optional<Date> until;                        // Renew
};

struct Planned {
    Agreement agreement;  // as added, without reference and documents
    std::vector<Step> steps;
    std::optional<Date> starts;  // the day it enters (or entered) into force, when it does
    bool recorded = false;       // added already in force: its document is the signed copy
};

int academic_year_of(Date d) {
    const int y = static_cast<int>(d.year());
    return static_cast<unsigned>(d.month()) >= 9 ? y : y - 1;
}

// The last day of a validity of `years` years starting on `from`.
Date end_after(Date from, int years) { return add_days(add_months(from, 12 * years), -1); }
// The first day of a validity of `years` years ending on `end`.
Date start_before(Date end, int years) { return add_months(add_days(end, 1), -12 * years); }

class Planner {
public:
    Planner(SampleRandom& rng, Date today, InstitutionId home, std::string home_name, std::vector<HomeUnit> units,
            std::vector<PartnerRef> partners)
        : rng_(rng), today_(today), home_(home), home_name_(std::move(home_name)), units_(std::move(units)),
          partners_(std::move(partners)) {
        for (std::size_t k = 0; k < partners_.size(); ++k) {
            const auto& p = partners_[k];
            if (!p.active) {
                inactive_.push_back(k);
                continue;
            }
            active_.push_back(k);
            const bool university = p.type == InstitutionType::University;
            if (university) universities_.push_back(k);
            if (university && in_erasmus_programme(p.country)) erasmus_.push_back(k);
            if (university || p.type == InstitutionType::ResearchInstitute || p.type == InstitutionType::ScientificCentre)
                research_.push_back(k);
            if (p.type == InstitutionType::Funder || p.type == InstitutionType::Foundation ||
                p.type == InstitutionType::GovernmentBody || p.type == InstitutionType::Company ||
                p.type == InstitutionType::InternationalOrganisation)
                funding_.push_back(k);
            if (p.type == InstitutionType::Company || p.type == InstitutionType::Other ||
                p.type == InstitutionType::ResearchInstitute || p.type == InstitutionType::GovernmentBody)
                training_.push_back(k);
        }
    }

    std::vector<Planned> plan(int total) {
        std::vector<Spec> specs(std::begin(kGuaranteed), std::end(kGuaranteed));
        int made = guaranteed_agreements();
        while (made < total) {
            Spec s = random_spec();
            if (agreements_made(s.plan) > total - made) s.plan = Plan::InForce;
            made += agreements_made(s.plan);
            specs.push_back(s);
        }
        rng_.shuffle(specs);
        std::vector<Planned> out;
        out.reserve(specs.size());
        for (const auto& s : specs) out.push_back(make(s));
        return out;
    }

private:
    Spec random_spec() {
        Spec s{kPlans[rng_.weighted(kPlanWeights)], kKinds[rng_.weighted(kKindWeights)]};
        switch (s.kind) {
        case AgreementKind::Network: s.partners = rng_.between(2, 4); break;
        case AgreementKind::ResearchCollaboration: s.partners = rng_.chance(15) ? rng_.between(2, 3) : 1; break;
        case AgreementKind::Framework: s.partners = rng_.chance(8) ? rng_.between(2, 3) : 1; break;
        default: break;
        }
        const bool may_renew_tacitly = s.kind == AgreementKind::Mou || s.kind == AgreementKind::Framework ||
                                       s.kind == AgreementKind::StudentExchange || s.kind == AgreementKind::StaffExchange ||
                                       s.kind == AgreementKind::ResearchCollaboration;
        const bool in_force_plan = s.plan == Plan::InForce || s.plan == Plan::Recorded || s.plan == Plan::Expiring30 ||
                                   s.plan == Plan::Expiring90 || s.plan == Plan::Expiring180;
        s.tacit = may_renew_tacitly && in_force_plan && rng_.chance(15);
        return s;
    }

    // Distinct partners for an agreement of this kind; finished agreements may involve
    // institutions that have since closed.
    std::vector<std::size_t> choose_partners(AgreementKind kind, int count, bool finished) {
        const std::vector<std::size_t>* pool = &universities_;
        switch (kind) {
        case AgreementKind::Mou: pool = rng_.chance(70) ? &universities_ : &active_; break;
        case AgreementKind::ErasmusIia: pool = &erasmus_; break;
        case AgreementKind::ResearchCollaboration:
        case AgreementKind::Network: pool = &research_; break;
        case AgreementKind::Scholarship: pool = &funding_; break;
        case AgreementKind::Training: pool = &training_; break;
        default: break;
        }
        std::vector<std::size_t> out;
        const auto take_from = [&](const std::vector<std::size_t>& from) {
            std::vector<std::size_t> left;
            for (auto k : from)
                if (std::find(out.begin(), out.end(), k) == out.end()) left.push_back(k);
            while (static_cast<int>(out.size()) < count && !left.empty()) {
                const auto at = rng_.index(left.size());
                out.push_back(left[at]);
                left.erase(left.begin() + static_cast<std::ptrdiff_t>(at));
            }
        };
        if (finished && !inactive_.empty() && rng_.chance(35)) take_from(inactive_);
        take_from(*pool);
        take_from(active_);
        if (static_cast<int>(out.size()) < count) {
            std::vector<std::size_t> everyone(partners_.size());
            for (std::size_t k = 0; k < everyone.size(); ++k) everyone[k] = k;
            take_from(everyone);
        }
        return out;
    }

    std::optional<std::size_t> choose_unit(AgreementKind kind) {
        const auto of_kind = [&](UnitKind k) -> std::optional<std::size_t> {
            std::vector<std::size_t> found;
            for (std::size_t u = 0; u < units_.size(); ++u)
                if (units_[u].kind == k) found.push_back(u);
            if (found.empty()) return std::nullopt;
            return found[rng_.index(found.size())];
        };
        const int roll = rng_.between(1, 100);
        switch (kind) {
        case AgreementKind::ResearchCollaboration:
            if (roll <= 60) return of_kind(UnitKind::ScientificCentre);
            if (roll <= 90) return of_kind(UnitKind::Department);
            return std::nullopt;
        case AgreementKind::JointDegree: return of_kind(UnitKind::Department);
        case AgreementKind::StudentExchange:
        case AgreementKind::StaffExchange:
        case AgreementKind::ErasmusIia: return roll <= 50 ? of_kind(UnitKind::Faculty) : std::nullopt;
        case AgreementKind::Training: return roll <= 60 ? of_kind(UnitKind::Department) : std::nullopt;
        case AgreementKind::Scholarship: return roll <= 40 ? of_kind(UnitKind::Office) : std::nullopt;
        case AgreementKind::Network:
            if (roll <= 40) return of_kind(UnitKind::ScientificCentre);
            if (roll <= 60) return of_kind(UnitKind::Office);
            return std::nullopt;
        default: return roll <= 25 ? of_kind(UnitKind::Faculty) : std::nullopt;
        }
    }

    std::vector<Area> areas_for(AgreementKind kind) {
        std::vector<Area> areas;
        switch (kind) {
        case AgreementKind::Mou: areas = {Area::Education, Area::Culture}; break;
        case AgreementKind::Framework: areas = {Area::Education, Area::Research}; break;
        case AgreementKind::StudentExchange: areas = {Area::StudentExchange, Area::Education}; break;
        case AgreementKind::StaffExchange: areas = {Area::StaffExchange, Area::Training}; break;
        case AgreementKind::ErasmusIia: areas = {Area::StudentExchange, Area::StaffExchange}; break;
        case AgreementKind::JointDegree: areas = {Area::JointProgrammes, Area::Education}; break;
        case AgreementKind::ResearchCollaboration: areas = {Area::Research}; break;
        case AgreementKind::Scholarship: areas = {Area::Education}; break;
        case AgreementKind::Training: areas = {Area::Training}; break;
        case AgreementKind::Network: areas = {Area::CapacityBuilding, Area::QualityAccreditation}; break;
        }
        for (int extra = 0; extra < 2; ++extra) {
            if (!rng_.chance(35)) continue;
            const Area a = kAllAreas[rng_.index(std::size(kAllAreas))];
            if (std::find(areas.begin(), areas.end(), a) == areas.end()) areas.push_back(a);
        }
        return areas;
    }

    std::string title_for(AgreementKind kind, const std::vector<std::size_t>& partners) {
        const std::string& first = partners_[partners.front()].name;
        const auto others = partners.size() - 1;
        const std::string with = others == 0 ? first : fmt::format("{} and {} other partner{}", first, others, others == 1 ? "" : "s");
        switch (kind) {
        case AgreementKind::Mou: return fmt::format("Memorandum of Understanding with {}", with);
        case AgreementKind::Framework:
            if (partners.size() > 1)
                return fmt::format("Framework Agreement for Capacity Building in {}",
                                   kResearchTopics[rng_.index(std::size(kResearchTopics))]);
            return fmt::format("Framework Agreement for Academic Cooperation with {}", with);
        case AgreementKind::StudentExchange: return fmt::format("Student Exchange Agreement with {}", with);
        case AgreementKind::StaffExchange: return fmt::format("Staff Exchange Agreement with {}", with);
        case AgreementKind::ErasmusIia: return fmt::format("Erasmus+ Inter-Institutional Agreement with {}", with);
        case AgreementKind::JointDegree:
            return fmt::format("{} in {} with {}", rng_.chance(50) ? "Joint Master's Programme" : "Dual Bachelor's Degree",
                               kDegreeSubjects[rng_.index(std::size(kDegreeSubjects))], with);
        case AgreementKind::ResearchCollaboration:
            return fmt::format("Research Collaboration on {} with {}", kResearchTopics[rng_.index(std::size(kResearchTopics))],
                               with);
        case AgreementKind::Scholarship: return fmt::format("Scholarship Programme Agreement with {}", with);
        case AgreementKind::Training: return fmt::format("Training and Internship Agreement with {}", with);
        case AgreementKind::Network:
            return fmt::format("Membership of the {}", kNetworks[rng_.index(std::size(kNetworks))]);
        }
        return with;
    }

    std::vector<std::string> subject_areas(const std::optional<std::size_t>& unit) {
        const std::vector<std::string>* codes = nullptr;
        if (unit && !units_[*unit].isced.empty()) codes = &units_[*unit].isced;
        if (!codes) {
            std::vector<std::size_t> departments;
            for (std::size_t u = 0; u < units_.size(); ++u)
                if (units_[u].kind == UnitKind::Department && !units_[u].isced.empty()) departments.push_back(u);
            if (departments.empty()) return {};
            codes = &units_[departments[rng_.index(departments.size())]].isced;
        }
        std::vector<std::string> out{codes->at(rng_.index(codes->size()))};
        if (codes->size() > 1 && rng_.chance(40)) {
            const auto& second = codes->at(rng_.index(codes->size()));
            if (second != out.front()) out.push_back(second);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    std::vector<int> eqf_levels() {
        switch (rng_.between(0, 2)) {
        case 0: return {6};
        case 1: return {7};
        default: return {6, 7};
        }
    }

    // EWP-shaped cooperation conditions for a bilateral exchange agreement.
    std::vector<MobilityQuota> quotas_for(const Planned& p, const PartnerRef& partner, const std::optional<std::size_t>& unit) {
        const Agreement& a = p.agreement;
        std::vector<AcademicYear> years;
        int first = 0;
        int last = 0;
        if (p.starts) {
            // The academic years of the validity period that holds today, at most five.
            const auto end = a.valid_until ? *a.period_end(today_) : add_days(today_, 730);
            last = academic_year_of(end);
            first = std::max(academic_year_of(*p.starts), last - 4);
            if (last < first) last = first;
        } else {
            first = academic_year_of(today_) + 1;
            last = first + rng_.between(1, 2);
        }
        for (int y = first; y <= last; ++y) years.push_back(AcademicYear{y});

        const std::optional<UnitId> home_unit = unit ? std::optional<UnitId>(units_[*unit].id) : std::nullopt;
        const auto lang = local_language(partner.country);
        const auto subjects = subject_areas(unit);  // one set of fields for the whole agreement
        const auto quota = [&](InstitutionId from, InstitutionId to, MobilityType type) {
            MobilityQuota q;
            q.sending = from;
            q.receiving = to;
            if (from == home_) q.sending_unit = home_unit;
            else q.receiving_unit = home_unit;
            q.type = type;
            q.academic_years = years;
            if (is_student_mobility(type)) {
                q.mobilities_per_year = rng_.between(1, 5);
                q.total_months_per_year = q.mobilities_per_year * (type == MobilityType::StudentStudies ? 5.0 : 2.5);
                q.eqf_levels = eqf_levels();
                q.blended = rng_.chance(20);
            } else {
                q.mobilities_per_year = rng_.between(1, 3);
                q.total_days_per_year = q.mobilities_per_year * rng_.between(5, 7);
            }
            q.subject_areas = subjects;
            q.language_skills.push_back(LanguageSkill{"en", is_student_mobility(type) ? CefrLevel::B2 : CefrLevel::C1});
            // Going to the partner, its own language helps; coming to the home institution, Arabic does.
            const std::string_view extra = to == home_ ? std::string_view("ar") : lang;
            if (extra != "en" && rng_.chance(50))
                q.language_skills.push_back(LanguageSkill{std::string(extra), rng_.chance(50) ? CefrLevel::A2 : CefrLevel::B1});
            return q;
        };

        std::vector<MobilityQuota> out;
        switch (a.kind) {
        case AgreementKind::StudentExchange:
            out.push_back(quota(home_, partner.id, MobilityType::StudentStudies));
            out.push_back(quota(partner.id, home_, MobilityType::StudentStudies));
            break;
        case AgreementKind::StaffExchange:
            out.push_back(quota(home_, partner.id, MobilityType::StaffTeaching));
            out.push_back(quota(partner.id, home_, MobilityType::StaffTeaching));
            if (rng_.chance(60)) out.push_back(quota(home_, partner.id, MobilityType::StaffTraining));
            break;
        case AgreementKind::ErasmusIia:
            out.push_back(quota(home_, partner.id, MobilityType::StudentStudies));
            out.push_back(quota(partner.id, home_, MobilityType::StudentStudies));
            out.push_back(quota(home_, partner.id, MobilityType::StaffTeaching));
            out.push_back(quota(partner.id, home_, MobilityType::StaffTeaching));
            if (rng_.chance(50)) out.push_back(quota(home_, partner.id, MobilityType::StaffTraining));
            break;
        case AgreementKind::Training:
            out.push_back(quota(home_, partner.id, MobilityType::StudentTraineeship));
            break;
        default: break;
        }
        return out;
    }

    void move(Planned& p, AgreementStatus to, Date on, std::string note) {
        p.steps.push_back(Step{Action::Transition, on, to, {}, std::move(note), {}, {}});
    }

    static std::string move_note(AgreementStatus to) {
        switch (to) {
        case AgreementStatus::InNegotiation: return "Draft text exchanged with the partner";
        case AgreementStatus::UnderReview: return "Sent to the legal office for review";
        case AgreementStatus::AwaitingSignature: return "Final text agreed; sent for signature";
        default: return {};
        }
    }

    // The moves before signature, the last one on `last`, earlier ones a few weeks apart.
    void walk(Planned& p, const std::vector<AgreementStatus>& moves, Date last) {
        std::vector<Date> dates(moves.size());
        Date at = last;
        for (std::size_t k = moves.size(); k-- > 0;) {
            dates[k] = at;
            at = add_days(at, -rng_.between(5, 40));
        }
        p.agreement.proposed_on = moves.empty() ? last : at;
        for (std::size_t k = 0; k < moves.size(); ++k) {
            const bool back = k > 0 && moves[k] == AgreementStatus::InNegotiation;
            move(p, moves[k], dates[k], back ? "Sent back: the partner asked for changes to the mobility clauses" : move_note(moves[k]));
        }
    }

    std::string signatory_for(InstitutionId party) const {
        return party == home_ ? fmt::format("President, {} (sample signatory)", home_name_) : "Head of institution (sample signatory)";
    }

    // Into force on `from`: recent agreements go through every state; old ones are recorded as
    // already in force, as an office does when it starts using iro.
    void into_force(Planned& p, Date from, bool recorded) {
        auto& a = p.agreement;
        p.starts = from;
        if (recorded || from < add_days(today_, -900)) {
            p.recorded = true;
            a.status = AgreementStatus::InForce;
            a.in_force_from = from;
            a.proposed_on = add_days(from, -rng_.between(30, 180));
            for (auto& party : a.parties) {
                party.signed_on = add_days(from, -rng_.between(0, 20));
                party.signatory = signatory_for(party.institution);
            }
            return;
        }
        const Date awaiting = add_days(from, -rng_.between(3, 30));
        walk(p, {AgreementStatus::InNegotiation, AgreementStatus::UnderReview, AgreementStatus::AwaitingSignature}, awaiting);
        for (const auto& party : a.parties) {
            const Date signed_on = add_days(awaiting, rng_.between(0, days_between(awaiting, from)));
            p.steps.push_back(Step{Action::Sign, signed_on, {}, party.institution, signatory_for(party.institution), {}, {}});
        }
        p.steps.push_back(Step{Action::EnterIntoForce, from, AgreementStatus::InForce, {}, "Signed by all parties", {}, {}});
        p.steps.push_back(Step{Action::AttachSigned, from, {}, {}, {}, {}, {}});
    }

    int between_days(Date from, Date to, int at_least) { return rng_.between(at_least, std::max(at_least, days_between(from, to))); }

    Planned make(const Spec& s) {
        Planned p;
        auto& a = p.agreement;
        a.kind = s.kind;
        const bool finished = s.plan == Plan::Expired || s.plan == Plan::Terminated || s.plan == Plan::Abandoned;
        const auto chosen = choose_partners(s.kind, s.partners, finished);
        const auto unit = choose_unit(s.kind);
        a.parties.push_back(Party{home_, unit ? std::optional<UnitId>(units_[*unit].id) : std::nullopt, {}, {}});
        for (auto k : chosen) a.parties.push_back(Party{partners_[k].id, {}, {}, {}});
        a.areas = areas_for(s.kind);
        a.title = title_for(s.kind, chosen);
        const Date t = today_;

        switch (s.plan) {
        case Plan::Proposed: walk(p, {}, add_days(t, -rng_.between(0, 45))); break;
        case Plan::InNegotiation: walk(p, {AgreementStatus::InNegotiation}, add_days(t, -rng_.between(0, 30))); break;
        case Plan::UnderReview:
            walk(p, {AgreementStatus::InNegotiation, AgreementStatus::UnderReview}, add_days(t, -rng_.between(0, 30)));
            break;
        case Plan::AwaitingSignature: {
            const Date last = add_days(t, -rng_.between(2, 30));
            walk(p, {AgreementStatus::InNegotiation, AgreementStatus::UnderReview, AgreementStatus::AwaitingSignature}, last);
            if (rng_.chance(50))
                p.steps.push_back(Step{Action::Sign, add_days(last, between_days(last, t, 0)), {}, home_, signatory_for(home_), {}, {}});
            break;
        }
        case Plan::SentBack:
            walk(p, {AgreementStatus::InNegotiation, AgreementStatus::UnderReview, AgreementStatus::InNegotiation},
                 add_days(t, -rng_.between(0, 30)));
            break;
        case Plan::Abandoned: {
            std::vector<AgreementStatus> moves{AgreementStatus::InNegotiation, AgreementStatus::UnderReview,
                                               AgreementStatus::AwaitingSignature};
            moves.resize(static_cast<std::size_t>(rng_.between(0, 3)));
            const Date last = add_days(t, -rng_.between(60, 900));
            walk(p, moves, last);
            p.steps.push_back(Step{Action::Terminate, add_days(last, rng_.between(10, 50)), {}, {},
                                   "Proposal abandoned: no reply from the partner", {}, {}});
            break;
        }
        case Plan::InForce:
        case Plan::Recorded: {
            const bool recorded = s.plan == Plan::Recorded;
            const bool open = !s.tacit && (s.kind == AgreementKind::Mou || s.kind == AgreementKind::Framework ||
                                           s.kind == AgreementKind::Network) && rng_.chance(20);
            const Date from = add_days(t, recorded ? -rng_.between(900, 3600) : -rng_.between(20, 1500));
            if (s.tacit) {
                a.valid_until = end_after(from, rng_.between(1, 3));
                a.tacit_renewal_years = rng_.chance(70) ? 1 : 2;
                a.notice_days = rng_.chance(50) ? 90 : 180;
            } else if (!open) {
                // Long enough to stay clear of the expiring bands, which have their own plans.
                const int years = std::max(rng_.between(2, 5), (days_between(from, t) + 200) / 365 + 1);
                a.valid_until = end_after(from, years);
                a.notice_days = rng_.chance(40) ? 180 : 0;
            }
            into_force(p, from, recorded);
            break;
        }
        case Plan::Expiring30:
        case Plan::Expiring90:
        case Plan::Expiring180: {
            // Clear of the band edges, so that a leap day cannot move an end into the next band.
            const int left = s.plan == Plan::Expiring30   ? rng_.between(3, 27)
                             : s.plan == Plan::Expiring90 ? rng_.between(35, 85)
                                                          : rng_.between(95, 175);
            const Date ends = add_days(t, left);
            const int years = rng_.between(1, 5);
            if (s.tacit) {
                a.tacit_renewal_years = rng_.chance(70) ? 1 : 2;
                const Date first_end = add_months(ends, -12 * a.tacit_renewal_years * rng_.between(1, 3));
                a.valid_until = first_end;
                a.notice_days = 30 * rng_.between(1, 3);
                into_force(p, start_before(first_end, years), false);
            } else {
                a.valid_until = ends;
                a.notice_days = rng_.chance(50) ? 90 : 0;
                into_force(p, start_before(ends, years), false);
            }
            break;
        }
        case Plan::Expired: {
            const Date ends = add_days(t, -rng_.between(10, 1500));
            a.valid_until = ends;
            into_force(p, start_before(ends, rng_.between(2, 5)), false);
            const Date on = add_days(ends, rng_.between(1, std::min(30, days_between(ends, t))));
            p.steps.push_back(Step{Action::Expire, on, {}, {}, "Validity ended without renewal", {}, {}});
            break;
        }
        case Plan::Renewed: {
            const Date ends = add_days(t, rng_.between(-500, 150));
            a.valid_until = ends;
            into_force(p, start_before(ends, rng_.between(3, 5)), false);
            const Date on = std::min(t, add_days(ends, -rng_.between(5, 60)));
            const Date from = add_days(ends, 1);
            const bool open = s.kind == AgreementKind::Mou && rng_.chance(20);
            p.steps.push_back(Step{Action::Renew, on, {}, {}, "Renewed for a further period", from,
                                   open ? std::nullopt : std::optional<Date>(end_after(from, rng_.between(3, 5)))});
            break;
        }
        case Plan::LapsedRenewed: {
            const Date ends = add_days(t, -rng_.between(120, 900));
            a.valid_until = ends;
            into_force(p, start_before(ends, rng_.between(2, 5)), false);
            const Date expired_on = add_days(ends, rng_.between(1, 30));
            p.steps.push_back(Step{Action::Expire, expired_on, {}, {}, "Validity ended; renewal under discussion", {}, {}});
            const Date renewed_on = add_days(expired_on, rng_.between(20, std::min(300, days_between(expired_on, t))));
            p.steps.push_back(Step{Action::Renew, renewed_on, {}, {}, "Renewed after a gap", renewed_on,
                                   end_after(renewed_on, rng_.between(2, 5))});
            break;
        }
        case Plan::Terminated: {
            const Date from = add_days(t, -rng_.between(200, 2500));
            a.valid_until = end_after(from, rng_.between(3, 5));
            a.notice_days = rng_.chance(50) ? 90 : 180;
            into_force(p, from, false);
            const Date last = std::min(*a.valid_until, t);
            const Date on = add_days(from, rng_.between(60, days_between(from, last)));
            p.steps.push_back(Step{Action::Terminate, on, {}, {},
                                   rng_.chance(50) ? "Terminated by mutual consent" : "The partner closed the programme", {}, {}});
            break;
        }
        }

        if (chosen.size() == 1) a.quotas = quotas_for(p, partners_[chosen.front()], unit);
        return p;
    }

    SampleRandom& rng_;
    Date today_;
    InstitutionId home_;
    std::string home_name_;
    std::vector<HomeUnit> units_;
    std::vector<PartnerRef> partners_;
    std::vector<std::size_t> active_, inactive_, universities_, erasmus_, research_, funding_, training_;
};

// ---------------------------------------------------------------------------------------------
// Writing

void check_options(const SampleOptions& o) {
    check_date(o.today, "today");
    const int year = static_cast<int>(o.today.year());
    if (year < 1950 || year > 9000) throw ValidationError("today", format_date(o.today), "a date in the years 1950 to 9000");
    if (o.partners < kMinPartners || o.partners > kMaxPartners)
        throw ValidationError("partners", std::to_string(o.partners), fmt::format("{} to {} partners", kMinPartners, kMaxPartners));
    if (o.agreements < kMinAgreements || o.agreements > kMaxAgreements)
        throw ValidationError("agreements", std::to_string(o.agreements),
                              fmt::format("{} to {} agreements (enough for every kind and status)", kMinAgreements, kMaxAgreements));
}

void check_empty(const Store& store) {
    const auto& institutions = store.institutions();
    if (institutions.has_home()) {
        const auto home = institutions.home();
        throw ConflictError(fmt::format("sample data goes into an empty store; this one already has a home institution: '{}' (id {})",
                                        home.display_name(), home.id.value()));
    }
    InstitutionFilter all;
    all.include_home = true;
    if (const auto n = institutions.count(all); n > 0)
        throw ConflictError(fmt::format("sample data goes into an empty store; this one already holds {} institution(s)", n));
}

std::vector<Institution> partner_institutions(const SampleOptions& o, SampleRandom& rng) {
    const auto table = detail::sample_partners();
    std::vector<std::size_t> rows(table.size());
    for (std::size_t k = 0; k < rows.size(); ++k) rows[k] = k;
    if (static_cast<std::size_t>(o.partners) < rows.size()) {
        rng.shuffle(rows);
        rows.resize(static_cast<std::size_t>(o.partners));
        std::sort(rows.begin(), rows.end());
    }
    std::vector<Institution> out;
    for (auto k : rows) out.push_back(detail::to_institution(table[k]));
    for (int number = static_cast<int>(out.size()) + 1; number <= o.partners; ++number) out.push_back(synthetic_partner(number, rng));
    return out;
}

std::vector<HomeUnit> add_home_units(Store& store, InstitutionId home) {
    std::vector<HomeUnit> units;
    for (const auto& spec : kHomeUnits) {
        OrgUnit u;
        u.institution = home;
        if (spec.parent >= 0) u.parent = units[static_cast<std::size_t>(spec.parent)].id;
        u.kind = spec.kind;
        u.name = std::string(spec.name);
        u.code = std::string(spec.code);
        units.push_back(HomeUnit{store.units().add(u), spec.kind, split_words(spec.isced)});
    }
    // A college works in the fields of its departments.
    for (std::size_t k = 0; k < units.size(); ++k) {
        const int parent = kHomeUnits[k].parent;
        if (kHomeUnits[k].kind != UnitKind::Department || parent < 0) continue;
        auto& fields = units[static_cast<std::size_t>(parent)].isced;
        for (const auto& code : units[k].isced)
            if (std::find(fields.begin(), fields.end(), code) == fields.end()) fields.push_back(code);
    }
    return units;
}

void add_home_contacts(Store& store, InstitutionId home, const std::vector<HomeUnit>& units) {
    UnitId office;
    for (const auto& u : units)
        if (u.kind == UnitKind::Office) office = u.id;
    const auto add = [&](std::optional<UnitId> unit, std::string name, std::string role, std::string email) {
        Contact c;
        c.institution = home;
        c.unit = unit;
        c.name = std::move(name);
        c.role = std::move(role);
        c.email = std::move(email);
        store.contacts().add(c);
    };
    add(office, "International Relations Office", "Office mailbox", "iro@ppu.edu");
    add(office, "Director of International Relations (sample)", "Director", "iro@ppu.edu");
    add(office, "Mobility Coordinator (sample)", "Exchange and Erasmus+ coordinator", "iro@ppu.edu");
    for (std::size_t k = 0; k < units.size(); ++k)
        if (units[k].kind == UnitKind::Faculty)
            add(units[k].id, fmt::format("International Coordinator, {} (sample)", kHomeUnits[k].name),
                "Faculty international coordinator", "");
}

std::vector<DocumentRef> initial_documents(const Planned& p, const std::string& reference) {
    if (p.recorded) return {DocumentRef{"Signed agreement (scanned copy)", fmt::format("agreements/{}.pdf", reference), ""}};
    return {DocumentRef{"Draft agreement text", fmt::format("agreements/drafts/{}-draft.docx", reference), ""}};
}

void write_agreement(Store& store, Planned p, const std::string& reference, const std::string& note) {
    auto& agreements = store.agreements();
    p.agreement.reference = reference;
    p.agreement.note = note;
    p.agreement.documents = initial_documents(p, reference);
    if (p.recorded && p.agreement.kind == AgreementKind::ErasmusIia)
        p.agreement.documents.push_back(DocumentRef{"Cooperation conditions (EWP IIA)", fmt::format("agreements/{}-iia.xml", reference), ""});
    const AgreementId id = agreements.add(p.agreement);
    for (const auto& s : p.steps) {
        switch (s.action) {
        case Action::Transition: agreements.transition(id, s.to, s.on, s.text); break;
        case Action::Sign: agreements.sign(id, s.party, s.on, s.text); break;
        case Action::EnterIntoForce: agreements.enter_into_force(id, s.on, s.text); break;
        case Action::AttachSigned: {
            // The signed copy is filed once everyone has signed.
            auto current = agreements.get(id);
            current.documents.push_back(DocumentRef{"Signed agreement", fmt::format("agreements/{}.pdf", reference), ""});
            if (current.kind == AgreementKind::ErasmusIia)
                current.documents.push_back(
                    DocumentRef{"Cooperation conditions (EWP IIA)", fmt::format("agreements/{}-iia.xml", reference), ""});
            agreements.update(current);
            break;
        }
        case Action::Expire: agreements.expire(id, s.on, s.text); break;
        case Action::Terminate: agreements.terminate(id, s.on, s.text); break;
        case Action::Renew: agreements.renew(id, s.on, s.from, s.until, s.text); break;
        }
    }
}

SampleSummary generate(Store& store, const SampleOptions& options) {
    check_empty(store);
    SampleRandom rng(options.seed);

    // The home institution and the partners in one transaction.
    std::vector<Institution> institutions{detail::sample_home_institution()};
    auto partners = partner_institutions(options, rng);
    institutions.insert(institutions.end(), std::make_move_iterator(partners.begin()), std::make_move_iterator(partners.end()));
    const auto ids = store.institutions().add_many(institutions);
    const InstitutionId home = ids.front();

    auto units = add_home_units(store, home);
    add_home_contacts(store, home, units);

    std::vector<PartnerRef> refs;
    for (std::size_t k = 1; k < ids.size(); ++k) {
        const auto& i = institutions[k];
        refs.push_back(PartnerRef{ids[k], i.type, i.status == InstitutionStatus::Active, i.country, i.display_name()});
    }
    Planner planner(rng, options.today, home, institutions.front().display_name(), units, std::move(refs));
    auto planned = planner.plan(options.agreements);
    // Checked before the first agreement is written: a planning mistake must not leave half an office.
    for (const auto& p : planned) validate(p.agreement);

    // Oldest proposals first, so that ids and reference numbers follow the calendar.
    std::stable_sort(planned.begin(), planned.end(),
                     [](const Planned& x, const Planned& y) { return x.agreement.proposed_on < y.agreement.proposed_on; });
    const std::string note = fmt::format("Sample data generated by iro (seed {}); not a real agreement.", options.seed);
    std::map<int, int> per_year;
    for (auto& p : planned) {
        const int year = static_cast<int>(p.agreement.proposed_on.year());
        const auto reference = fmt::format("SAMPLE-{}-{:03}", year, ++per_year[year]);
        write_agreement(store, std::move(p), reference, note);
    }

    // People, centres, activities, programs and visits draw on the agreements as stored.
    detail::add_daily_work(store, rng, options.today, options.agreements, units);
    const int accreditation_cases = detail::add_accreditation(store, rng, options.today, units);

    SampleSummary summary;
    InstitutionFilter all;
    all.include_home = true;
    summary.institutions = store.institutions().count(all);
    summary.partners = store.institutions().count();
    summary.units = static_cast<std::int64_t>(store.units().of(home).size());
    summary.contacts = static_cast<std::int64_t>(store.contacts().of(home).size());
    summary.agreements = store.agreements().count();
    summary.people = store.people().count();
    summary.activities = store.activities().count();
    const auto& programs = store.programs();
    summary.programs = static_cast<std::int64_t>(programs.find().size());
    summary.calls = static_cast<std::int64_t>(programs.calls().size());
    summary.applications = static_cast<std::int64_t>(programs.applications().size());
    summary.visits = store.visits().count();
    summary.accreditation_cases = accreditation_cases;
    // Every link has exactly one home centre.
    for (const auto& u : store.units().of(home))
        if (u.kind == UnitKind::ScientificCentre) summary.centre_links += static_cast<std::int64_t>(store.centres().links(u.id).size());
    return summary;
}

} // namespace

SampleSummary generate_sample_data(Store& store, const SampleOptions& options) {
    check_options(options);
    // Every write below goes through the public API; the calls join this one transaction, so the
    // whole office is written or none of it.
    return detail::database_of(store).write([&] { return generate(store, options); });
}

} // namespace iro
