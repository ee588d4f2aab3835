#include "sample/sample_daily_work.hpp"

#include "iro/country.hpp"
#include "iro/store.hpp"
#include "sample/sample_random.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <fmt/format.h>
#include <iterator>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace iro::detail {

namespace {

// ---------------------------------------------------------------------------------------------
// Tables

// Keywords that go with ISCED-F 2013 detailed fields, for the expertise of people and centres.
struct FieldKeywords {
    std::string_view isced;
    std::array<std::string_view, 3> keywords;
};

constexpr FieldKeywords kFieldKeywords[] = {
    {"0411", {"auditing", "accounting information systems", "taxation"}},
    {"0412", {"islamic finance", "financial markets", "microfinance"}},
    {"0413", {"entrepreneurship", "project management", "supply chain management"}},
    {"0511", {"molecular biology", "plant biotechnology", "microbiology"}},
    {"0512", {"bioinformatics", "protein chemistry", "genomics"}},
    {"0521", {"water resources", "climate change", "environmental monitoring"}},
    {"0531", {"analytical chemistry", "water quality", "green chemistry"}},
    {"0532", {"hydrogeology", "geographic information systems", "seismology"}},
    {"0533", {"photovoltaics", "materials physics", "optics"}},
    {"0541", {"applied mathematics", "optimisation", "numerical analysis"}},
    {"0611", {"e-learning", "digital literacy", "educational technology"}},
    {"0612", {"cybersecurity", "computer networks", "cloud computing"}},
    {"0613", {"machine learning", "software engineering", "natural language processing"}},
    {"0712", {"water treatment", "waste management", "air quality"}},
    {"0713", {"solar energy", "smart grids", "power electronics"}},
    {"0714", {"embedded systems", "robotics", "control systems"}},
    {"0715", {"additive manufacturing", "mechanical design", "technology transfer"}},
    {"0731", {"urban planning", "heritage conservation", "sustainable architecture"}},
    {"0732", {"structural engineering", "construction materials", "earthquake engineering"}},
    {"0912", {"public health", "medical education", "epidemiology"}},
    {"0913", {"community nursing", "maternal health", "patient safety"}},
    {"0914", {"clinical laboratory diagnostics", "medical imaging", "haematology"}},
};

const FieldKeywords* keywords_of(std::string_view isced) {
    for (const auto& f : kFieldKeywords)
        if (f.isced == isced) return &f;
    return nullptr;
}

// Scientific centres the sample puts on partner institutions.
struct CentreSpec {
    std::string_view name;
    std::string_view isced;     // space separated
    std::string_view keywords;  // ';' separated
};

constexpr CentreSpec kPartnerCentres[] = {
    {"Solar Energy Research Centre", "0713 0533", "solar energy;photovoltaics;energy storage"},
    {"Centre for Artificial Intelligence", "0613 0541", "machine learning;natural language processing;computer vision"},
    {"Water Research Institute", "0521 0712", "water resources;water treatment;desalination"},
    {"Centre for Biotechnology and Genomics", "0512 0511", "bioinformatics;genomics;plant biotechnology"},
    {"Structural Engineering Laboratory", "0732 0731", "earthquake engineering;construction materials"},
    {"Cybersecurity Research Centre", "0612 0613", "cybersecurity;cloud computing;cryptography"},
    {"Centre for Advanced Manufacturing", "0715 0714", "additive manufacturing;robotics;technology transfer"},
    {"Earth and Environmental Observation Centre", "0532 0521", "geographic information systems;environmental monitoring;climate change"},
    {"Centre for Public Health Research", "0912 0914", "public health;epidemiology;clinical laboratory diagnostics"},
};

// Generic given names; every family name is "Sample <n>", so nobody can be mistaken for a real person.
constexpr std::string_view kHomeGivenNames[] = {"Ahmad", "Lina",  "Omar", "Rania",  "Khaled", "Sara",  "Yousef", "Dana",
                                                "Mahmoud", "Huda", "Sami", "Nour",  "Tariq",  "Maha",  "Issa",   "Reem",
                                                "Hani",  "Layla", "Fadi", "Amal",  "Basel",  "Yara",  "Nidal",  "Salma"};
constexpr std::string_view kPartnerGivenNames[] = {"Anna",  "Marco", "Sofia", "Jan",   "Elena", "Lukas", "Marie",  "Pablo",
                                                   "Yuki",  "Kenji", "Fatma", "Mehmet", "Chloe", "Daniel", "Ingrid", "Ahmed",
                                                   "Aisha", "Carlos", "Mei",  "Nadia", "Tomasz", "Ines",  "Karim",  "Olga"};

// Nationalities of the home institution's people: mostly local, some from the region.
constexpr std::string_view kHomeNationalities[] = {"PS", "JO", "EG", "LB", "TR"};
constexpr int kHomeNationalityWeights[] = {86, 8, 3, 2, 1};

struct Topic {
    std::string_view name;
    std::string_view isced;
};

constexpr Topic kTopics[] = {
    {"solar energy systems", "0713"},       {"water desalination", "0521"},         {"machine learning for health", "0613"},
    {"smart grids", "0713"},                {"structural health monitoring", "0732"}, {"cybersecurity", "0612"},
    {"plant biotechnology", "0511"},        {"advanced materials", "0715"},         {"environmental monitoring", "0521"},
    {"medical laboratory diagnostics", "0914"}, {"entrepreneurship education", "0413"}, {"embedded systems", "0714"},
};

constexpr std::string_view kDegreeSubjects[] = {"Renewable Energy Engineering", "Data Science", "Biomedical Engineering",
                                                "Business Informatics", "Construction Management"};
constexpr std::string_view kCulturalEvents[] = {"Palestinian heritage and culture week", "Arabic calligraphy exhibition",
                                                "International students' cultural evening", "Joint music and poetry evening"};
constexpr std::string_view kFunders[] = {"Horizon Europe", "Erasmus+ Capacity Building in Higher Education",
                                         "the DAAD partnership programme", "the Arab Fund for Economic and Social Development"};

constexpr ActivityType kActivityTypes[] = {ActivityType::JointResearchProject, ActivityType::JointPublication,
                                           ActivityType::Conference,           ActivityType::CulturalEvent,
                                           ActivityType::TrainingCourse,       ActivityType::JointProgramme,
                                           ActivityType::CapacityBuilding,     ActivityType::FundingApplication};

// Where a program's provider comes from: the partner of an active agreement of some kind, a
// funder, or any university.
enum class Source { StudentExchange, Erasmus, Training, StaffExchange, Research, Funder, University };

struct ProgramSpec {
    ProgramKind kind;
    std::string_view name;  // "{}" is the provider's name
    Source source;
    std::vector<Audience> audiences;
    std::string_view eligibility;
    int places_lo;
    int places_hi;
    int funding;  // per place, in `currency`; 0 for none
    std::string_view currency;
    // The deadline of the call open today: 0 within 30 days, 1 in 31 to 60 days, 2 in 61 to
    // 120 days; -1 when no call is open today.
    int open_band;
};

const std::vector<ProgramSpec>& program_specs() {
    using A = Audience;
    static const std::vector<ProgramSpec> specs{
        {ProgramKind::Exchange, "Student Exchange Programme with {}", Source::StudentExchange, {A::Undergraduate, A::Master},
         "Regular students after their first year with a grade average of at least 75%.", 2, 5, 0, "EUR", 0},
        {ProgramKind::Exchange, "Erasmus+ International Credit Mobility with {}", Source::Erasmus,
         {A::Undergraduate, A::Master, A::Doctoral, A::Faculty, A::AdministrativeStaff},
         "Students in the subject areas of the inter-institutional agreement; staff with a teaching or training plan.", 3, 8,
         4500, "EUR", 1},
        {ProgramKind::Scholarship, "{} Master's Scholarships", Source::Funder, {A::Master},
         "Graduates with a bachelor's degree and an offer of admission.", 2, 6, 12000, "USD", 2},
        {ProgramKind::Scholarship, "Doctoral Research Scholarships of {}", Source::Funder, {A::Doctoral},
         "Holders of a master's degree with a research proposal and a supervisor's letter.", 1, 3, 15000, "EUR", -1},
        {ProgramKind::TrainingAbroad, "Summer Industrial Training at {}", Source::Training, {A::Undergraduate},
         "Engineering and IT students who have completed at least 90 credit hours.", 4, 10, 1500, "EUR", 0},
        {ProgramKind::ResearchFunding, "{} Research Grants", Source::Funder, {A::Faculty, A::Doctoral},
         "Full-time faculty and researchers; a partner abroad is required.", 2, 4, 50000, "USD", 0},
        {ProgramKind::ResearchFunding, "Joint Research Seed Fund with {}", Source::Research, {A::Faculty},
         "Joint proposals with a co-investigator at the partner.", 1, 3, 10000, "EUR", 1},
        {ProgramKind::AcademicExchange, "Visiting Scholar Programme at {}", Source::StaffExchange, {A::Faculty},
         "Faculty members with a teaching or research plan agreed with the host.", 1, 3, 2500, "EUR", 2},
        {ProgramKind::CapacityDevelopment, "International Staff Training Week at {}", Source::University,
         {A::AdministrativeStaff, A::Faculty}, "Administrative staff and faculty with managerial duties.", 2, 4, 1200, "EUR", 1},
        {ProgramKind::CapacityDevelopment, "Quality Assurance and Accreditation Capacity Programme with {}", Source::Research,
         {A::Faculty, A::AdministrativeStaff}, "Members of quality assurance committees and programme coordinators.", 3, 6, 2000,
         "USD", 0},
    };
    return specs;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

Date ymd(int year, unsigned month, unsigned day) {
    return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(separator, start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) out.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

template <class T>
void add_unique(std::vector<T>& values, T value) {
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(std::move(value));
}

bool overlaps(Date a_start, Date a_end, Date b_start, Date b_end) { return a_start <= b_end && b_start <= a_end; }

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// An e-mail domain that looks like the institution's but can never reach anyone: its web host
// under the reserved .example top-level domain ("www.unipd.it" -> "unipd-it.example").
std::string example_domain(const Institution& institution) {
    std::string_view host = institution.website;
    for (std::string_view scheme : {"https://", "http://"})
        if (host.starts_with(scheme)) host.remove_prefix(scheme.size());
    host = host.substr(0, host.find('/'));
    if (host.starts_with("www.")) host.remove_prefix(4);
    std::string out;
    for (char c : lower_ascii(host)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if ((c == '.' || c == '-') && !out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.empty()) out = fmt::format("partner-{}", institution.id.value());
    return out + ".example";
}

// The currency a partner's share of funding is most likely counted in.
std::string currency_for(const Institution& partner) {
    if (partner.country == "JO") return "JOD";
    const Country* c = find_country(partner.country);
    return c && c->region == WorldRegion::Europe ? "EUR" : "USD";
}

// Amounts in a currency: dinars are worth about 1.4 dollars or 1.3 euros.
double in_currency(double euros, std::string_view currency) {
    const double rate = currency == "JOD" ? 0.77 : currency == "USD" ? 1.08 : 1.0;
    return std::round(euros * rate / 50.0) * 50.0;
}

struct Member {
    PersonId id;
    PersonRole role = PersonRole::Faculty;
    std::optional<UnitId> unit;
    Audience audience = Audience::Faculty;  // a student's level; faculty or administrative staff
};

struct PartnerCentre {
    UnitId id;
    InstitutionId partner;
    std::size_t spec = 0;
};

// Where an activity's date may fall, and under which agreement.
struct Window {
    std::optional<std::size_t> agreement;
    Date from{};
    Date to{};
};

struct ProgramPlan {
    Program program;
    const ProgramSpec* spec = nullptr;
    std::optional<std::size_t> host;  // the partner students and staff go to, when the program sends them abroad
};

enum class Cycle { Past, Open, Upcoming };

struct CallPlan {
    Call call;
    std::size_t program = 0;  // index into the program plans
    Cycle cycle = Cycle::Past;
};

struct Mobility {
    MobilityType type = MobilityType::StudentStudies;
    VisitPurpose purpose = VisitPurpose::Study;
    Date start{};
    Date end{};
};

struct AppStep {
    ApplicationStatus to;
    Date on{};
    std::string note;
};

// ---------------------------------------------------------------------------------------------
// The generator

class DailyWork {
public:
    DailyWork(Store& store, SampleRandom& rng, Date today, int size, const std::vector<SampleUnit>& units)
        : store_(store), rng_(rng), today_(today), size_(size), units_(units) {
        const auto home = store.institutions().home();
        home_ = home.id;
        partners_ = store.institutions().find();
        for (std::size_t k = 0; k < partners_.size(); ++k) {
            const auto& p = partners_[k];
            partner_index_.emplace(p.id, k);
            if (p.status != InstitutionStatus::Active) continue;
            active_partners_.push_back(k);
            switch (p.type) {
            case InstitutionType::University:
                universities_.push_back(k);
                research_.push_back(k);
                break;
            case InstitutionType::ResearchInstitute:
            case InstitutionType::ScientificCentre: research_.push_back(k); break;
            case InstitutionType::Funder:
            case InstitutionType::Foundation:
            case InstitutionType::GovernmentBody:
            case InstitutionType::InternationalOrganisation: funders_.push_back(k); break;
            default: break;
            }
        }
        agreements_ = store.agreements().find();
        for (std::size_t k = 0; k < agreements_.size(); ++k) agreement_index_.emplace(agreements_[k].id, k);
        for (const auto& a : store.agreements().in_force_on(today)) in_force_.push_back(agreement_index_.at(a.id));
        for (std::size_t k = 0; k < agreements_.size(); ++k) {
            const auto& a = agreements_[k];
            const bool ended = a.status == AgreementStatus::Expired || a.status == AgreementStatus::Terminated ||
                               a.status == AgreementStatus::Renewed;
            if (ended && a.in_force_from && !a.in_force_on(today)) historic_.push_back(k);
        }
        for (std::size_t u = 0; u < units_.size(); ++u) {
            if (units_[u].kind == UnitKind::Department) departments_.push_back(u);
            if (units_[u].kind == UnitKind::ScientificCentre) centres_.push_back(u);
            if (units_[u].kind == UnitKind::Faculty) faculties_.push_back(u);
            if (units_[u].kind == UnitKind::Office) office_ = units_[u].id;
        }
    }

    void run() {
        centres();
        home_people();
        partner_experts();
        assign_uses();
        programs_and_calls();
        applications();
        agreement_visits();
        activities();
    }

private:
    // --- people ------------------------------------------------------------------------------

    Expertise expertise_for(const std::vector<std::string>& isced, int keywords) {
        Expertise e;
        e.isced_codes = isced;
        for (int k = 0; k < keywords && !isced.empty(); ++k) {
            const auto* field = keywords_of(isced[static_cast<std::size_t>(k) % isced.size()]);
            if (field) add_unique(e.keywords, std::string(field->keywords[rng_.index(field->keywords.size())]));
        }
        return e;
    }

    // One or two of the unit's fields.
    std::vector<std::string> fields_of(const SampleUnit& unit) {
        if (unit.isced.empty()) return {};
        std::vector<std::string> out{unit.isced[rng_.index(unit.isced.size())]};
        if (unit.isced.size() > 1 && rng_.chance(40)) add_unique(out, unit.isced[rng_.index(unit.isced.size())]);
        return out;
    }

    Person person(PersonRole role, InstitutionId affiliation, std::optional<UnitId> unit, bool home, std::string nationality,
                  const std::string& domain) {
        Person p;
        const int number = ++people_;
        const auto given = home ? kHomeGivenNames[rng_.index(std::size(kHomeGivenNames))]
                                : kPartnerGivenNames[rng_.index(std::size(kPartnerGivenNames))];
        p.given_name = std::string(given);
        p.family_name = fmt::format("Sample {}", number);
        p.role = role;
        p.affiliation = affiliation;
        p.unit = unit;
        p.nationality = std::move(nationality);
        if (!domain.empty()) p.email = fmt::format("{}.{}@{}", lower_ascii(given), number, domain);
        return p;
    }

    std::string home_nationality() { return std::string(kHomeNationalities[rng_.weighted(kHomeNationalityWeights)]); }

    const SampleUnit& random_unit(const std::vector<std::size_t>& of, const std::vector<std::size_t>& fallback) {
        const auto& pool = of.empty() ? fallback : of;
        return units_[pool[rng_.index(pool.size())]];
    }

    void add_member(Person p, Audience audience) {
        Member m;
        m.role = p.role;
        m.unit = p.unit;
        m.audience = audience;
        m.id = store_.people().add(std::move(p));
        pools_[audience].push_back(members_.size());
        members_.push_back(std::move(m));
    }

    void home_people() {
        if (departments_.empty()) return;
        const std::string staff_domain = "ppu.example";
        for (int k = 10 + size_ / 10; k > 0; --k) {
            const auto& unit = random_unit(departments_, departments_);
            const auto fields = fields_of(unit);
            auto p = person(PersonRole::Faculty, home_, unit.id, true, home_nationality(), staff_domain);
            p.expertise = expertise_for(fields, rng_.between(1, 3));
            add_member(std::move(p), Audience::Faculty);
        }
        for (int k = 4 + size_ / 30; k > 0; --k) {
            const auto& unit = random_unit(centres_, departments_);
            const auto fields = fields_of(unit);
            auto p = person(PersonRole::Researcher, home_, unit.id, true, home_nationality(), staff_domain);
            p.expertise = expertise_for(fields, rng_.between(2, 3));
            add_member(std::move(p), Audience::Faculty);
        }
        for (int k = 4 + size_ / 50; k > 0; --k) {
            std::optional<UnitId> unit = office_;
            if ((!unit || rng_.chance(40)) && !faculties_.empty()) unit = units_[faculties_[rng_.index(faculties_.size())]].id;
            add_member(person(PersonRole::AdministrativeStaff, home_, unit, true, home_nationality(), staff_domain),
                       Audience::AdministrativeStaff);
        }
        for (int k = 12 + size_ / 7; k > 0; --k) {
            const auto& unit = random_unit(departments_, departments_);
            const int roll = rng_.between(1, 100);
            const Audience level = roll <= 65 ? Audience::Undergraduate : roll <= 90 ? Audience::Master : Audience::Doctoral;
            // Not every student record carries an e-mail address.
            const std::string domain = rng_.chance(60) ? "students.ppu.example" : "";
            add_member(person(PersonRole::Student, home_, unit.id, true, home_nationality(), domain), level);
        }
    }

    // Faculty and researchers of partners that the office knows by their expertise.
    void partner_experts() {
        if (research_.empty()) return;
        for (int k = 6 + size_ / 20; k > 0; --k) {
            const auto& partner = partners_[research_[rng_.index(research_.size())]];
            std::optional<UnitId> unit;
            Expertise expertise;
            std::vector<const PartnerCentre*> own;
            for (const auto& c : partner_centres_)
                if (c.partner == partner.id) own.push_back(&c);
            if (!own.empty() && rng_.chance(60)) {
                const auto& centre = *own[rng_.index(own.size())];
                const auto& spec = kPartnerCentres[centre.spec];
                unit = centre.id;
                expertise.isced_codes = split(spec.isced, ' ');
                const auto keywords = split(spec.keywords, ';');
                expertise.keywords.push_back(keywords[rng_.index(keywords.size())]);
                add_unique(expertise.keywords, keywords[rng_.index(keywords.size())]);
            } else {
                std::vector<std::string> fields{std::string(kFieldKeywords[rng_.index(std::size(kFieldKeywords))].isced)};
                if (rng_.chance(40)) add_unique(fields, std::string(kFieldKeywords[rng_.index(std::size(kFieldKeywords))].isced));
                expertise = expertise_for(fields, rng_.between(1, 3));
            }
            const int roll = rng_.between(1, 100);
            const PersonRole role = roll <= 55 ? PersonRole::Faculty : roll <= 80 ? PersonRole::Researcher : PersonRole::VisitingProfessor;
            auto p = person(role, partner.id, unit, false, partner.country, rng_.chance(70) ? example_domain(partner) : "");
            p.expertise = std::move(expertise);
            experts_[partner.id].push_back(store_.people().add(std::move(p)));
        }
    }

    // --- centres -----------------------------------------------------------------------------

    void centres() {
        auto& centres = store_.centres();
        // Home centres: their own fields, with the first keywords of each.
        for (auto u : centres_) {
            Expertise e;
            e.isced_codes = units_[u].isced;
            for (const auto& code : e.isced_codes)
                if (const auto* field = keywords_of(code)) add_unique(e.keywords, std::string(field->keywords[0]));
            if (!e.isced_codes.empty())
                if (const auto* field = keywords_of(e.isced_codes.front())) add_unique(e.keywords, std::string(field->keywords[1]));
            centres.set_expertise(units_[u].id, e);
        }

        std::vector<std::size_t> hosts = research_;
        rng_.shuffle(hosts);
        std::vector<std::size_t> specs(std::size(kPartnerCentres));
        std::iota(specs.begin(), specs.end(), std::size_t{0});
        rng_.shuffle(specs);
        const auto wanted = std::min({specs.size(), hosts.size(), static_cast<std::size_t>(3 + size_ / 40)});
        for (std::size_t k = 0; k < wanted; ++k) {
            const auto& spec = kPartnerCentres[specs[k]];
            OrgUnit unit;
            unit.institution = partners_[hosts[k]].id;
            unit.kind = UnitKind::ScientificCentre;
            unit.name = std::string(spec.name);
            const UnitId id = store_.units().add(unit);
            centres.set_expertise(id, Expertise{split(spec.isced, ' '), split(spec.keywords, ';')});
            partner_centres_.push_back(PartnerCentre{id, unit.institution, specs[k]});
        }

        // A few home centres work with the partner centre that matches them best.
        std::vector<std::size_t> order = centres_;
        rng_.shuffle(order);
        std::size_t linking = std::min(order.size(), static_cast<std::size_t>(3 + size_ / 100));
        for (auto u : order) {
            if (linking == 0) break;
            int linked = 0;
            for (const auto& m : centres.match(units_[u].id, 10)) {
                if (m.kind != ExpertiseMatch::Kind::Centre) continue;
                if (linked == 1 && (m.score < 0.5 || !rng_.chance(40))) break;
                centres.link(units_[u].id, UnitId{m.id}, "Joint research, shared equipment and staff exchange (sample data)");
                if (++linked == 2) break;
            }
            if (linked > 0) --linking;
        }
    }

    // --- which agreements get used -------------------------------------------------------------

    // Offices complain about agreements that nobody uses: some in-force agreements get no
    // activity and no visit at all, some were used only more than a year ago, the rest are
    // where the activities and visits go. At least half of those with mobility quotas stay in
    // use, so that quota figures have something to show.
    void assign_uses() {
        std::vector<std::size_t> order = in_force_;
        rng_.shuffle(order);
        const std::size_t n = order.size();
        const std::size_t untouched = n == 0 ? 0 : std::max<std::size_t>(1, n * 15 / 100);
        const std::size_t stale = n == 0 ? 0 : std::max<std::size_t>(1, n / 8);
        const auto has_quotas = [&](std::size_t k) { return !agreements_[k].quotas.empty(); };
        const auto quota_total = static_cast<std::size_t>(std::count_if(order.begin(), order.end(), has_quotas));
        std::size_t quota_in_use = quota_total;
        const Date stale_before = add_months(today_, -14);
        for (auto k : order) {
            const auto& a = agreements_[k];
            const bool quotas = has_quotas(k);
            const bool may_idle = !quotas || (quota_in_use - 1) * 2 >= quota_total;
            if (may_idle && untouched_.size() < untouched) {
                untouched_.push_back(k);
            } else if (may_idle && stale_.size() < stale && a.in_force_from && *a.in_force_from <= stale_before) {
                stale_.push_back(k);
            } else {
                active_.push_back(k);
                continue;
            }
            if (quotas) --quota_in_use;
        }
        std::sort(active_.begin(), active_.end());
        std::sort(stale_.begin(), stale_.end());
    }

    // An active bilateral agreement of the kind that no program runs under yet.
    std::optional<std::size_t> active_of_kind(AgreementKind kind) {
        std::vector<std::size_t> found;
        for (auto k : active_)
            if (agreements_[k].kind == kind && agreements_[k].parties.size() == 2 && !program_agreements_.contains(k))
                found.push_back(k);
        if (found.empty()) return std::nullopt;
        return found[rng_.index(found.size())];
    }

    std::optional<std::size_t> partner_of(const Agreement& a) const {
        for (const auto& p : a.parties)
            if (p.institution != home_) return partner_index_.at(p.institution);
        return std::nullopt;
    }

    std::optional<std::size_t> any_of(const std::vector<std::size_t>& pool) {
        if (!pool.empty()) return pool[rng_.index(pool.size())];
        if (!active_partners_.empty()) return active_partners_[rng_.index(active_partners_.size())];
        return std::nullopt;
    }

    // --- programs and calls --------------------------------------------------------------------

    void programs_and_calls() {
        const auto& specs = program_specs();
        for (const auto& spec : specs) {
            std::optional<std::size_t> agreement;
            const auto from_kinds = [&](std::initializer_list<AgreementKind> kinds) {
                for (auto kind : kinds)
                    if ((agreement = active_of_kind(kind))) return;
            };
            switch (spec.source) {
            case Source::StudentExchange: from_kinds({AgreementKind::StudentExchange, AgreementKind::ErasmusIia}); break;
            case Source::Erasmus: from_kinds({AgreementKind::ErasmusIia, AgreementKind::StudentExchange}); break;
            case Source::Training: from_kinds({AgreementKind::Training}); break;
            case Source::StaffExchange: from_kinds({AgreementKind::StaffExchange, AgreementKind::ErasmusIia}); break;
            case Source::Research: from_kinds({AgreementKind::ResearchCollaboration, AgreementKind::Framework, AgreementKind::Mou}); break;
            case Source::Funder:
            case Source::University: break;
            }
            std::optional<std::size_t> provider;
            if (agreement) {
                program_agreements_.insert(*agreement);
                provider = partner_of(agreements_[*agreement]);
            } else {
                provider = any_of(spec.source == Source::Funder ? funders_ : universities_);
            }

            ProgramPlan plan;
            plan.spec = &spec;
            auto& p = plan.program;
            p.kind = spec.kind;
            p.audiences = spec.audiences;
            p.eligibility = std::string(spec.eligibility);
            p.name = fmt::format(fmt::runtime(spec.name), provider ? partners_[*provider].display_name() : "partner universities");
            if (provider) {
                p.provider = partners_[*provider].id;
                p.website = partners_[*provider].website;
                if (spec.source != Source::Funder) plan.host = provider;
            }
            if (agreement) p.agreement = agreements_[*agreement].id;
            p.id = store_.programs().add(p);
            programs_.push_back(std::move(plan));
            calls_for(programs_.size() - 1);
        }
    }

    void add_call(std::size_t program, Date opens, Date deadline, Cycle cycle) {
        const auto& plan = programs_[program];
        const auto& spec = *plan.spec;
        CallPlan c;
        c.program = program;
        c.cycle = cycle;
        c.call.program = plan.program.id;
        // Numbered within the year of the deadline, as offices number their calls: "call 2/2026".
        const int year = static_cast<int>(deadline.year());
        c.call.title = fmt::format("{}: call {}/{}", plan.program.name, ++calls_per_year_[{program, year}], year);
        c.call.opens_on = opens;
        c.call.deadline = deadline;
        c.call.places = rng_.between(spec.places_lo, spec.places_hi);
        if (spec.funding > 0) {
            std::string currency(spec.currency);
            if (plan.program.provider && partners_[partner_index_.at(*plan.program.provider)].country == "JO") currency = "JOD";
            c.call.funding = Money{in_currency(spec.funding, currency), currency};
        }
        c.call.id = store_.programs().add_call(c.call);
        calls_.push_back(std::move(c));
    }

    // Two past cycles, the call open today (soon or later deadlines, by program), and for some
    // programs the next call, not open yet.
    void calls_for(std::size_t program) {
        const int band = programs_[program].spec->open_band;
        const Date last_year = add_days(today_, -rng_.between(330, 420));
        add_call(program, add_days(last_year, -rng_.between(45, 75)), last_year, Cycle::Past);
        const Date recent = add_days(today_, -rng_.between(25, 120));
        add_call(program, add_days(recent, -rng_.between(40, 70)), recent, Cycle::Past);
        if (band >= 0) {
            const int days = band == 0 ? rng_.between(5, 28) : band == 1 ? rng_.between(33, 58) : rng_.between(65, 110);
            add_call(program, add_days(today_, -rng_.between(7, 45)), add_days(today_, days), Cycle::Open);
        }
        if (band <= 0) {
            const Date opens = add_days(today_, rng_.between(40, 90));
            add_call(program, opens, add_days(opens, rng_.between(30, 60)), Cycle::Upcoming);
        }
    }

    // --- applications --------------------------------------------------------------------------

    const Member* pick_applicant(const std::vector<Audience>& audiences, const std::set<PersonId>& applied) {
        std::vector<Audience> usable;
        for (auto a : audiences)
            if (pools_.contains(a)) usable.push_back(a);
        if (usable.empty()) return nullptr;
        const auto& pool = pools_.at(usable[rng_.index(usable.size())]);
        for (int attempt = 0; attempt < 10; ++attempt) {
            const auto& m = members_[pool[rng_.index(pool.size())]];
            if (!applied.contains(m.id)) return &m;
        }
        return nullptr;
    }

    bool is_free(PersonId person, Date start, Date end) const {
        const auto it = busy_.find(person);
        if (it == busy_.end()) return true;
        return std::none_of(it->second.begin(), it->second.end(),
                            [&](const auto& period) { return overlaps(start, end, period.first, period.second); });
    }

    // The mobility an accepted application leads to, when the program sends people abroad.
    std::optional<Mobility> mobility_for(const ProgramPlan& plan, Audience audience, Date accepted) {
        if (!plan.host) return std::nullopt;
        Mobility m;
        const bool student = audience == Audience::Undergraduate || audience == Audience::Master || audience == Audience::Doctoral;
        switch (plan.program.kind) {
        case ProgramKind::Exchange:
            m.type = student ? MobilityType::StudentStudies
                     : audience == Audience::Faculty ? MobilityType::StaffTeaching
                                                      : MobilityType::StaffTraining;
            break;
        case ProgramKind::TrainingAbroad: m.type = MobilityType::StudentTraineeship; break;
        case ProgramKind::AcademicExchange: m.type = MobilityType::StaffTeaching; break;
        case ProgramKind::CapacityDevelopment: m.type = MobilityType::StaffTraining; break;
        default: return std::nullopt;
        }
        const Date earliest = add_days(accepted, 30);
        const int year = static_cast<int>(earliest.year());
        switch (m.type) {
        case MobilityType::StudentStudies: {
            m.purpose = VisitPurpose::Study;
            // The next semester: early September or early February.
            Date start = ymd(year - 1, 9, 1);
            for (const Date candidate : {ymd(year, 2, 1), ymd(year, 9, 1), ymd(year + 1, 2, 1)}) {
                start = candidate;
                if (candidate >= earliest) break;
            }
            m.start = add_days(start, rng_.between(0, 14));
            m.end = add_days(m.start, rng_.between(110, 135));
            break;
        }
        case MobilityType::StudentTraineeship:
            m.purpose = VisitPurpose::Training;
            m.start = add_days(ymd(ymd(year, 6, 15) >= earliest ? year : year + 1, 6, 15), rng_.between(0, 20));
            m.end = add_days(m.start, rng_.between(42, 75));
            break;
        case MobilityType::StaffTeaching:
        case MobilityType::StaffTraining:
            m.purpose = m.type == MobilityType::StaffTeaching ? VisitPurpose::Teaching : VisitPurpose::Training;
            m.start = add_days(earliest, rng_.between(0, 120));
            m.end = add_days(m.start, rng_.between(4, 11));
            break;
        }
        return m;
    }

    void applications() {
        for (const auto& c : calls_) {
            if (c.cycle == Cycle::Upcoming) continue;
            const int places = std::max(1, c.call.places);
            const int wanted = c.cycle == Cycle::Past ? rng_.between(places, places * 2 + 2) : rng_.between(1, places + 2);
            std::set<PersonId> applied;
            int nominated = 0;
            for (int k = 0; k < wanted; ++k) {
                const Member* m = pick_applicant(programs_[c.program].program.audiences, applied);
                if (!m) break;
                applied.insert(m->id);
                if (c.cycle == Cycle::Past) past_application(c, *m, nominated);
                else open_application(c, *m);
            }
        }
    }

    void write_application(const CallPlan& c, const Member& m, Date created, const std::vector<AppStep>& steps) {
        Application a;
        a.call = c.call.id;
        a.applicant = m.id;
        a.audience = m.audience;
        a.unit = m.unit;
        a.created_on = created;
        a.note = "Sample data";
        auto& programs = store_.programs();
        const ApplicationId id = programs.apply(a);
        for (const auto& s : steps) programs.transition(id, s.to, s.on, s.note);
    }

    void open_application(const CallPlan& c, const Member& m) {
        const Date created = add_days(c.call.opens_on, rng_.between(0, days_between(c.call.opens_on, today_)));
        std::vector<AppStep> steps;
        const int roll = rng_.between(1, 100);
        if (roll <= 60)
            steps.push_back({ApplicationStatus::Submitted, add_days(created, rng_.between(0, days_between(created, today_))), ""});
        else if (roll <= 65) steps.push_back({ApplicationStatus::Withdrawn, today_, "Withdrawn by the applicant before submission"});
        write_application(c, m, created, steps);
    }

    // A call whose deadline has passed: applications go as far through selection as the dates allow.
    void past_application(const CallPlan& c, const Member& m, int& nominated) {
        const auto& plan = programs_[c.program];
        const Date deadline = c.call.deadline;
        const Date created = add_days(c.call.opens_on, rng_.between(0, days_between(c.call.opens_on, deadline)));
        std::vector<AppStep> steps;
        std::optional<Mobility> mobility;
        const auto move = [&](ApplicationStatus to, Date on, std::string note) { steps.push_back({to, on, std::move(note)}); };
        const auto write = [&] { write_application(c, m, created, steps); };

        if (rng_.chance(6)) {
            // Started but never submitted.
            if (rng_.chance(50))
                move(ApplicationStatus::Withdrawn, std::min(deadline, add_days(created, rng_.between(1, 10))),
                     "Withdrawn before submission");
            return write();
        }
        move(ApplicationStatus::Submitted, add_days(created, rng_.between(0, days_between(created, deadline))), "");
        const Date review = add_days(deadline, rng_.between(7, 21));
        if (review > today_) return write();
        if (rng_.chance(15) || nominated > c.call.places) {
            move(ApplicationStatus::Rejected, review, "Not shortlisted by the selection committee");
            return write();
        }
        ++nominated;
        move(ApplicationStatus::Nominated, review, "Nominated by the selection committee");
        const Date decided = add_days(review, rng_.between(10, 40));
        if (decided > today_) return write();
        const int roll = rng_.between(1, 100);
        if (roll <= 12) {
            move(ApplicationStatus::Rejected, decided, "Not selected by the provider");
            return write();
        }
        if (roll <= 18) {
            move(ApplicationStatus::Withdrawn, decided, "Withdrawn by the applicant");
            return write();
        }
        mobility = mobility_for(plan, m.audience, decided);
        if (mobility && !is_free(m.id, mobility->start, mobility->end)) {
            move(ApplicationStatus::Withdrawn, decided, "Withdrawn: the dates clash with another mobility");
            return write();
        }
        move(ApplicationStatus::Accepted, decided, "Accepted by the provider");
        if (mobility) {
            const Date done = add_days(mobility->end, rng_.between(3, 20));
            if (done <= today_) move(ApplicationStatus::Completed, done, "Mobility completed; certificate of attendance received");
        } else {
            const Date done = add_days(decided, rng_.between(300, 700));
            if (done <= today_) move(ApplicationStatus::Completed, done, "Funding period completed; final report received");
        }
        write();
        if (mobility) program_visit(plan, m, *mobility);
    }

    // --- visits --------------------------------------------------------------------------------

    // The quota line a visit counts against, as quota_utilisation() matches them.
    static std::optional<std::size_t> line_of(const Agreement& a, InstitutionId sending, InstitutionId receiving, MobilityType type) {
        for (std::size_t k = 0; k < a.quotas.size(); ++k)
            if (a.quotas[k].sending == sending && a.quotas[k].receiving == receiving && a.quotas[k].type == type) return k;
        return std::nullopt;
    }

    // Mobilities still free on a quota line in an academic year.
    int quota_left(std::size_t agreement, std::size_t line, int year) const {
        const auto& q = agreements_[agreement].quotas[line];
        if (std::find(q.academic_years.begin(), q.academic_years.end(), AcademicYear{year}) == q.academic_years.end()) return 0;
        const auto it = quota_taken_.find({agreement, line, year});
        return q.mobilities_per_year - (it == quota_taken_.end() ? 0 : it->second);
    }

    // The moves a visit has made by today: completed in the past (a few cancelled), ongoing
    // now, planned or confirmed ahead.
    std::vector<VisitStatus> status_path(Date start, Date end, bool may_cancel) {
        using S = VisitStatus;
        if (may_cancel && rng_.chance(end < today_ ? 10 : 8))
            return rng_.chance(50) ? std::vector<S>{S::Cancelled} : std::vector<S>{S::Confirmed, S::Cancelled};
        if (end < today_) return {S::Confirmed, S::Ongoing, S::Completed};
        if (start <= today_) return {S::Confirmed, S::Ongoing};
        const bool soon = days_between(today_, start) <= 60;
        if (rng_.chance(soon ? 75 : 35)) return {S::Confirmed};
        return {};
    }

    static std::string_view cancel_reason(std::size_t k) {
        static constexpr std::string_view kReasons[] = {"Cancelled: the visa was not issued in time",
                                                        "Cancelled: the host postponed the course",
                                                        "Cancelled for family reasons"};
        return kReasons[k % std::size(kReasons)];
    }

    // Adds the visit as planned and moves it along `path`; what a teaching visit delivered is
    // recorded once it is completed, as the office does when the report comes in.
    void write_visit(Visit v, const std::vector<VisitStatus>& path) {
        auto& visits = store_.visits();
        v.status = VisitStatus::Planned;
        v.note = fmt::format("Sample data: {} visit", to_string(v.purpose));
        const VisitId id = visits.add(v);
        for (auto s : path) visits.transition(id, s, s == VisitStatus::Cancelled ? cancel_reason(rng_.index(3)) : std::string_view{});
        const bool cancelled = !path.empty() && path.back() == VisitStatus::Cancelled;
        if (!cancelled) busy_[v.person].emplace_back(v.start, v.end);
        if (!cancelled && v.direction == VisitDirection::Incoming && v.purpose == VisitPurpose::Teaching)
            ++teaching_visits_[static_cast<int>(v.start.year())];
        if (!cancelled && v.agreement) {
            const auto k = agreement_index_.at(*v.agreement);
            if (v.start <= today_ && v.start >= add_months(today_, -12)) recently_visited_.insert(k);
            if (const auto line = line_of(agreements_[k], v.home_institution, v.host_institution, *v.mobility_type))
                ++quota_taken_[{k, *line, academic_year_of(v.start).start_year}];
        }
        if (path.empty() || path.back() != VisitStatus::Completed) return;
        if (v.purpose != VisitPurpose::Teaching && v.purpose != VisitPurpose::Training) return;
        auto done = visits.get(id);
        if (v.purpose == VisitPurpose::Teaching) {
            done.lectures = rng_.between(4, 10);
            done.teaching_hours = done.lectures * (rng_.chance(50) ? 1.5 : 2.0);
        }
        // Students in a traineeship give no seminars; staff often do.
        if (v.mobility_type && !is_student_mobility(*v.mobility_type))
            done.seminars = rng_.between(v.purpose == VisitPurpose::Training ? 1 : 0, 3);
        visits.update(done);
    }

    void program_visit(const ProgramPlan& plan, const Member& m, const Mobility& mobility) {
        Visit v;
        v.person = m.id;
        v.direction = VisitDirection::Outgoing;
        v.purpose = mobility.purpose;
        v.home_institution = home_;
        v.host_institution = partners_[*plan.host].id;
        v.home_unit = m.unit;
        v.start = mobility.start;
        v.end = mobility.end;
        v.program = plan.program.id;
        v.mobility_type = mobility.type;
        // The program's agreement pays too while one of its quota lines has room.
        if (plan.program.agreement) {
            const auto k = agreement_index_.at(*plan.program.agreement);
            const auto line = line_of(agreements_[k], home_, v.host_institution, mobility.type);
            if (agreements_[k].in_force_on(v.start) && line && quota_left(k, *line, academic_year_of(v.start).start_year) > 0)
                v.agreement = agreements_[k].id;
        }
        write_visit(std::move(v), status_path(mobility.start, mobility.end, false));
    }

    // A period for a mobility of this type in the academic year starting in `year`.
    std::pair<Date, Date> period_in(MobilityType type, int year) {
        Date start{};
        Date end{};
        switch (type) {
        case MobilityType::StaffTeaching:
        case MobilityType::StaffTraining:
            start = add_days(ymd(year, 9, 15), rng_.between(0, 260));
            end = add_days(start, rng_.between(4, 11));
            break;
        case MobilityType::StudentStudies:
            start = rng_.chance(50) ? add_days(ymd(year, 9, 1), rng_.between(0, 20)) : add_days(ymd(year + 1, 2, 1), rng_.between(0, 14));
            end = add_days(start, rng_.between(110, 135));
            break;
        case MobilityType::StudentTraineeship:
            start = add_days(ymd(year + 1, 6, 1), rng_.between(0, 45));
            end = add_days(start, rng_.between(42, 84));
            break;
        }
        return {start, end};
    }

    const Member* free_member(MobilityType type, Date start, Date end) {
        std::vector<std::size_t> pool;
        const auto take = [&](Audience a) {
            if (const auto it = pools_.find(a); it != pools_.end()) pool.insert(pool.end(), it->second.begin(), it->second.end());
        };
        switch (type) {
        case MobilityType::StaffTeaching: take(Audience::Faculty); break;
        case MobilityType::StaffTraining: take(rng_.chance(70) ? Audience::AdministrativeStaff : Audience::Faculty); break;
        case MobilityType::StudentStudies:
            take(Audience::Undergraduate);
            take(Audience::Master);
            break;
        case MobilityType::StudentTraineeship: take(Audience::Undergraduate); break;
        }
        if (pool.empty()) return nullptr;
        for (int attempt = 0; attempt < 8; ++attempt) {
            const auto& m = members_[pool[rng_.index(pool.size())]];
            if (is_free(m.id, start, end)) return &m;
        }
        return nullptr;
    }

    // A visitor from the partner: a visiting professor may come back another year; everyone
    // else is a new person.
    PersonId visitor(const Institution& partner, const MobilityQuota& q, Date start, Date end) {
        const bool student = is_student_mobility(q.type);
        if (!student) {
            const auto& known = visitors_[partner.id];
            if (!known.empty() && rng_.chance(35)) {
                const PersonId back = known[rng_.index(known.size())];
                if (is_free(back, start, end)) return back;
            }
        }
        std::optional<UnitId> unit;
        if (!student && rng_.chance(50))
            for (const auto& c : partner_centres_)
                if (c.partner == partner.id) unit = c.id;
        const PersonRole role = student ? PersonRole::Student : rng_.chance(80) ? PersonRole::VisitingProfessor : PersonRole::Faculty;
        const std::string nationality = rng_.chance(90) ? partner.country : home_nationality();
        auto p = person(role, partner.id, unit, false, nationality, rng_.chance(student ? 40 : 75) ? example_domain(partner) : "");
        if (!student) p.expertise = expertise_for(q.subject_areas, rng_.between(1, 2));
        const PersonId id = store_.people().add(std::move(p));
        unit_of_.emplace(id, unit);
        if (!student) visitors_[partner.id].push_back(id);
        return id;
    }

    // The home department teaching the visit's subjects, or any.
    std::optional<UnitId> host_department(const std::vector<std::string>& subjects) {
        std::vector<std::size_t> matching;
        for (auto u : departments_)
            if (std::any_of(subjects.begin(), subjects.end(), [&](const std::string& s) {
                    return std::find(units_[u].isced.begin(), units_[u].isced.end(), s) != units_[u].isced.end();
                }))
                matching.push_back(u);
        const auto& pool = matching.empty() ? departments_ : matching;
        if (pool.empty()) return std::nullopt;
        return units_[pool[rng_.index(pool.size())]].id;
    }

    // One visit against a quota line in an academic year, on the `fixed` dates when given; false when
    // none was made or it was cancelled.
    bool quota_visit(const Agreement& a, const MobilityQuota& q, int year, bool may_cancel,
                     std::optional<std::pair<Date, Date>> fixed = std::nullopt) {
        const bool outgoing = q.sending == home_;
        const auto& partner = partners_[partner_index_.at(outgoing ? q.receiving : q.sending)];
        // A visit that must happen gets a few tries at a date when the agreement is in force.
        auto period = fixed ? *fixed : period_in(q.type, year);
        for (int attempt = 1; !fixed && attempt < (may_cancel ? 1 : 6) && !a.in_force_on(period.first); ++attempt)
            period = period_in(q.type, year);
        const auto [start, end] = period;
        if (!a.in_force_on(start)) return false;
        Visit v;
        v.direction = outgoing ? VisitDirection::Outgoing : VisitDirection::Incoming;
        v.purpose = q.type == MobilityType::StaffTeaching    ? VisitPurpose::Teaching
                    : q.type == MobilityType::StudentStudies ? VisitPurpose::Study
                                                             : VisitPurpose::Training;
        v.home_institution = q.sending;
        v.host_institution = q.receiving;
        v.start = start;
        v.end = end;
        v.agreement = a.id;
        v.mobility_type = q.type;
        if (outgoing) {
            const Member* m = free_member(q.type, start, end);
            if (!m) return false;
            v.person = m->id;
            v.home_unit = m->unit;
            if (!is_student_mobility(q.type) && rng_.chance(40))
                for (const auto& c : partner_centres_)
                    if (c.partner == partner.id) v.host_unit = c.id;
        } else {
            v.person = visitor(partner, q, start, end);
            v.home_unit = unit_of_.contains(v.person) ? unit_of_.at(v.person) : std::nullopt;
            v.host_unit = host_department(q.subject_areas);
        }
        const auto path = status_path(start, end, may_cancel);
        write_visit(std::move(v), path);
        return path.empty() || path.back() != VisitStatus::Cancelled;
    }

    // Visits under active agreements with quotas, over the academic years before, of and after
    // today; the first current-year line always gets one, so quota use is never all zero.
    void agreement_visits() {
        std::vector<std::size_t> chosen;
        for (auto k : active_)
            if (!agreements_[k].quotas.empty() && agreements_[k].parties.size() == 2) chosen.push_back(k);
        rng_.shuffle(chosen);
        chosen.resize(std::min(chosen.size(), static_cast<std::size_t>(4 + size_ / 16)));
        std::sort(chosen.begin(), chosen.end());
        const int current = academic_year_of(today_).start_year;
        bool used_now = false;
        for (auto k : chosen) {
            const auto& a = agreements_[k];
            for (std::size_t line = 0; line < a.quotas.size(); ++line) {
                const auto& q = a.quotas[line];
                for (int year = current - 1; year <= current + 1; ++year) {
                    if (std::find(q.academic_years.begin(), q.academic_years.end(), AcademicYear{year}) == q.academic_years.end())
                        continue;
                    const bool must = year == current && !used_now;
                    if (!must && !rng_.chance(55)) continue;
                    int count = std::min(3, quota_left(k, line, year));
                    count = count > 0 ? rng_.between(1, count) : 0;
                    if (rng_.chance(4) || (must && count == 0)) ++count;  // now and then a line is used beyond its quota
                    for (int n = 0; n < count; ++n)
                        if (quota_visit(a, q, year, !(must && n == 0)) && year == current) used_now = true;
                }
            }
        }
        visiting_professors();
    }

    // Visiting professors come every year: a few more teaching visits from partners whenever the
    // calendar year of today has too few, in its spring or autumn term.
    void visiting_professors() {
        const int year = static_cast<int>(today_.year());
        int wanted = 3 + size_ / 50 - teaching_visits_[year];
        std::vector<std::pair<std::size_t, std::size_t>> lines;  // agreement and quota line
        for (auto k : active_)
            for (std::size_t line = 0; line < agreements_[k].quotas.size(); ++line)
                if (agreements_[k].quotas[line].receiving == home_ && agreements_[k].quotas[line].type == MobilityType::StaffTeaching)
                    lines.emplace_back(k, line);
        rng_.shuffle(lines);
        for (const auto& [k, line] : lines) {
            if (wanted <= 0) break;
            // The academic year before holds the spring term, the one starting this year the autumn term.
            for (const int academic : {year - 1, year}) {
                if (quota_left(k, line, academic) <= 0) continue;
                const Date start = academic < year ? add_days(ymd(year, 2, 10), rng_.between(0, 110))
                                                   : add_days(ymd(year, 9, 20), rng_.between(0, 75));
                if (quota_visit(agreements_[k], agreements_[k].quotas[line], academic, false,
                                std::pair{start, add_days(start, rng_.between(4, 11))})) {
                    --wanted;
                    break;
                }
            }
        }
    }

    // --- activities ----------------------------------------------------------------------------

    Window window_of(std::optional<std::size_t> agreement, bool stale) {
        if (!agreement) return Window{std::nullopt, add_days(today_, -3 * 365), today_};
        const auto& a = agreements_[*agreement];
        const Date from = *a.in_force_from;
        if (stale) return Window{agreement, std::max(from, add_months(today_, -60)), add_months(today_, -13)};
        if (a.in_force_on(today_)) return Window{agreement, std::max(from, add_days(today_, -330)), today_};
        Date to = today_;
        if (a.valid_until) to = std::min(to, *a.valid_until);
        if (a.terminated_on) to = std::min(to, add_days(*a.terminated_on, -1));
        if (to < from) return window_of(std::nullopt, false);
        return Window{agreement, from, to};
    }

    std::vector<std::size_t> partner_indices(const Window& w) {
        std::vector<std::size_t> out;
        if (w.agreement) {
            for (const auto& p : agreements_[*w.agreement].parties)
                if (p.institution != home_) out.push_back(partner_index_.at(p.institution));
            return out;
        }
        if (auto k = any_of(rng_.chance(70) ? universities_ : active_partners_)) out.push_back(*k);
        else out.push_back(rng_.index(partners_.size()));
        return out;
    }

    static Area area_for(ActivityType type, const std::vector<Area>& agreement_areas, SampleRandom& rng) {
        std::vector<Area> fitting;
        switch (type) {
        case ActivityType::JointResearchProject:
        case ActivityType::JointPublication: fitting = {Area::Research}; break;
        case ActivityType::Conference: fitting = {Area::Research, Area::Education}; break;
        case ActivityType::CulturalEvent: fitting = {Area::Culture}; break;
        case ActivityType::TrainingCourse: fitting = {Area::Training, Area::CapacityBuilding}; break;
        case ActivityType::JointProgramme: fitting = {Area::JointProgrammes, Area::Education}; break;
        case ActivityType::CapacityBuilding: fitting = {Area::CapacityBuilding, Area::QualityAccreditation}; break;
        case ActivityType::FundingApplication: fitting = {Area::Research, Area::CapacityBuilding}; break;
        }
        for (auto a : fitting)
            if (std::find(agreement_areas.begin(), agreement_areas.end(), a) != agreement_areas.end()) return a;
        return fitting[rng.index(fitting.size())];
    }

    // What is typically done under an agreement of this kind (weights in kActivityTypes order).
    ActivityType type_for(const Window& w) {
        static constexpr int kAny[] = {20, 15, 14, 8, 12, 5, 10, 8};
        static constexpr int kResearch[] = {35, 30, 15, 0, 5, 0, 5, 10};
        static constexpr int kExchange[] = {5, 5, 15, 30, 20, 15, 10, 0};
        static constexpr int kTraining[] = {5, 0, 10, 5, 60, 0, 20, 0};
        static constexpr int kDegree[] = {10, 10, 10, 5, 10, 50, 5, 0};
        static constexpr int kNetwork[] = {10, 10, 25, 5, 10, 0, 30, 10};
        static_assert(std::size(kAny) == std::size(kActivityTypes));
        std::span<const int> weights = kAny;
        if (w.agreement) {
            switch (agreements_[*w.agreement].kind) {
            case AgreementKind::ResearchCollaboration: weights = kResearch; break;
            case AgreementKind::StudentExchange:
            case AgreementKind::StaffExchange:
            case AgreementKind::ErasmusIia: weights = kExchange; break;
            case AgreementKind::Training:
            case AgreementKind::Scholarship: weights = kTraining; break;
            case AgreementKind::JointDegree: weights = kDegree; break;
            case AgreementKind::Network: weights = kNetwork; break;
            case AgreementKind::Mou:
            case AgreementKind::Framework: break;
            }
        }
        return kActivityTypes[rng_.weighted(weights)];
    }

    Activity make_activity(ActivityType type, const Window& w) {
        Activity a;
        a.type = type;
        a.agreement = w.agreement ? std::optional<AgreementId>(agreements_[*w.agreement].id) : std::nullopt;
        a.area = area_for(type, w.agreement ? agreements_[*w.agreement].areas : std::vector<Area>{}, rng_);
        a.start = add_days(w.from, rng_.between(0, std::max(0, days_between(w.from, w.to))));
        const auto partner_ids = partner_indices(w);
        for (auto k : partner_ids) a.partners.push_back(partners_[k].id);
        const auto& partner = partners_[partner_ids.front()];
        const auto& topic = kTopics[rng_.index(std::size(kTopics))];

        // Home units working in the topic's field, and their people.
        std::vector<std::size_t> fitting;
        for (std::size_t u = 0; u < units_.size(); ++u)
            if (std::find(units_[u].isced.begin(), units_[u].isced.end(), topic.isced) != units_[u].isced.end() &&
                units_[u].kind != UnitKind::Faculty)
                fitting.push_back(u);
        if (fitting.empty()) fitting = departments_;
        if (!fitting.empty()) {
            a.home_units.push_back(units_[fitting[rng_.index(fitting.size())]].id);
            if (fitting.size() > 1 && rng_.chance(30)) add_unique(a.home_units, units_[fitting[rng_.index(fitting.size())]].id);
        }
        std::vector<PersonId> colleagues;
        for (const auto& m : members_)
            if ((m.role == PersonRole::Faculty || m.role == PersonRole::Researcher) && m.unit &&
                std::find(a.home_units.begin(), a.home_units.end(), *m.unit) != a.home_units.end())
                colleagues.push_back(m.id);
        if (colleagues.empty())
            if (const auto it = pools_.find(Audience::Faculty); it != pools_.end())
                for (auto k : it->second) colleagues.push_back(members_[k].id);
        for (int n = rng_.between(1, 3); n > 0 && !colleagues.empty(); --n) add_unique(a.people, colleagues[rng_.index(colleagues.size())]);
        if (const auto it = experts_.find(partner.id); it != experts_.end() && rng_.chance(50))
            add_unique(a.people, it->second[rng_.index(it->second.size())]);

        const std::string with = partner.display_name();
        const bool started_long_ago = days_between(a.start, today_) > 180;
        const auto euros = [&](int lo, int hi) { return static_cast<double>(rng_.between(lo, hi)) * 1000.0; };
        const auto fund = [&](double amount_in_euros, const std::string& currency) {
            if (std::none_of(a.funds.begin(), a.funds.end(), [&](const Money& m) { return m.currency == currency; }))
                a.funds.push_back(Money{in_currency(amount_in_euros, currency), currency});
        };
        std::string outcome;
        switch (type) {
        case ActivityType::JointResearchProject: {
            a.title = fmt::format("Joint research project on {} with {}", topic.name, with);
            a.end = add_months(a.start, rng_.between(12, 36));
            a.publications = started_long_ago ? rng_.between(0, 4) : 0;
            a.participants = rng_.between(3, 12);
            if (rng_.chance(75)) fund(euros(20, 250), rng_.chance(70) ? "EUR" : currency_for(partner));
            outcome = *a.end > today_ ? fmt::format("Ongoing: joint experiments and co-supervised theses on {}.", topic.name)
                                      : fmt::format("Completed with {} joint publications and a follow-up proposal.", a.publications);
            break;
        }
        case ActivityType::JointPublication:
            a.publications = rng_.between(1, 2);
            a.title = fmt::format("Joint {} on {} with {}", a.publications == 1 ? "article" : "articles", topic.name, with);
            a.participants = rng_.between(2, 6);
            outcome = "Published in a peer-reviewed journal with co-authors from both institutions.";
            break;
        case ActivityType::Conference:
            a.title = fmt::format("{} on {}", rng_.chance(50) ? "International workshop" : "Joint conference", topic.name);
            a.end = add_days(a.start, rng_.between(0, 2));
            a.participants = rng_.between(40, 250);
            a.publications = rng_.chance(40) ? 1 : 0;
            if (rng_.chance(40)) fund(euros(1, 10), currency_for(partner));
            outcome = fmt::format("{} participants; papers presented by staff and students of both sides.", a.participants);
            break;
        case ActivityType::CulturalEvent:
            a.title = fmt::format("{} with {}", kCulturalEvents[rng_.index(std::size(kCulturalEvents))], with);
            a.participants = rng_.between(30, 400);
            if (rng_.chance(20)) fund(euros(1, 3), "JOD");
            outcome = fmt::format("{} students and staff took part.", a.participants);
            break;
        case ActivityType::TrainingCourse:
            a.title = fmt::format("Training course on {} with {}", topic.name, with);
            a.end = add_days(a.start, rng_.between(4, 9));
            a.participants = rng_.between(10, 40);
            if (rng_.chance(30)) fund(euros(2, 15), "USD");
            outcome = fmt::format("{} trainees completed the course and received certificates.", a.participants);
            break;
        case ActivityType::JointProgramme:
            a.title = fmt::format("Joint curriculum in {} with {}", kDegreeSubjects[rng_.index(std::size(kDegreeSubjects))], with);
            a.end = add_months(a.start, rng_.between(12, 24));
            a.participants = rng_.between(10, 30);
            if (rng_.chance(30)) fund(euros(10, 60), "EUR");
            outcome = "Study plan approved by both councils; the first intake is being recruited.";
            break;
        case ActivityType::CapacityBuilding:
            a.title = fmt::format("Capacity building in {} with {}", topic.name, with);
            a.end = add_months(a.start, rng_.between(18, 36));
            a.participants = rng_.between(15, 80);
            if (rng_.chance(80)) fund(euros(50, 800), "EUR");
            if (partner.country == "JO" || rng_.chance(20)) fund(euros(5, 40), "JOD");
            outcome = fmt::format("Laboratory equipment installed and {} staff trained.", a.participants);
            break;
        case ActivityType::FundingApplication: {
            const auto funder = kFunders[rng_.index(std::size(kFunders))];
            a.title = fmt::format("Joint funding application on {} to {}", topic.name, funder);
            a.participants = rng_.between(2, 8);
            const bool decided = started_long_ago;
            const bool awarded = decided && rng_.chance(40);
            if (awarded) fund(euros(100, 900), "EUR");
            outcome = !decided ? "Submitted; the evaluation results are expected within six months."
                      : awarded ? "Awarded: the consortium has started work."
                                : "Not funded; the reviewers' comments feed a resubmission.";
            break;
        }
        }
        a.outcome = outcome + " (sample data)";
        return a;
    }

    // Stale agreements get their only use here, more than a year ago; most of the
    // active agreements that no visit used in the last year get an activity; then a few more
    // under active agreements, under agreements that have ended, and under none.
    void activities() {
        std::vector<Window> windows;
        for (auto k : stale_) windows.push_back(window_of(k, true));
        for (auto k : active_)
            if (!recently_visited_.contains(k) && rng_.chance(80)) windows.push_back(window_of(k, false));
        for (int n = 3 + size_ / 50; n > 0 && !active_.empty(); --n)
            windows.push_back(window_of(active_[rng_.index(active_.size())], false));
        for (int n = 3 + size_ / 40; n > 0 && !historic_.empty(); --n)
            windows.push_back(window_of(historic_[rng_.index(historic_.size())], false));
        for (int n = 3 + size_ / 30; n > 0 || windows.size() < std::size(kActivityTypes); --n)
            windows.push_back(window_of(std::nullopt, false));
        rng_.shuffle(windows);
        // Every type once, then what suits the agreement.
        std::vector<ActivityType> types(std::begin(kActivityTypes), std::end(kActivityTypes));
        rng_.shuffle(types);
        while (types.size() < windows.size()) types.push_back(type_for(windows[types.size()]));

        std::vector<Activity> planned;
        planned.reserve(windows.size());
        for (std::size_t k = 0; k < windows.size(); ++k) planned.push_back(make_activity(types[k], windows[k]));
        // Oldest first, so that ids and evidence numbers follow the calendar.
        std::stable_sort(planned.begin(), planned.end(), [](const Activity& x, const Activity& y) { return x.start < y.start; });
        std::map<int, int> per_year;
        for (auto& a : planned) {
            const int year = static_cast<int>(a.start.year());
            const auto folder = fmt::format("activities/SAMPLE-ACT-{}-{:03}", year, ++per_year[year]);
            a.evidence.push_back(DocumentRef{"Activity report", folder + "/report.pdf", ""});
            switch (a.type) {
            case ActivityType::Conference:
            case ActivityType::CulturalEvent:
            case ActivityType::TrainingCourse: a.evidence.push_back(DocumentRef{"Attendance list", folder + "/attendance.pdf", ""}); break;
            case ActivityType::JointPublication:
                a.evidence.push_back(DocumentRef{"Published article (author copy)", folder + "/article.pdf", ""});
                break;
            case ActivityType::FundingApplication:
                a.evidence.push_back(DocumentRef{"Submitted proposal", folder + "/proposal.pdf", ""});
                break;
            default:
                if (!a.funds.empty()) a.evidence.push_back(DocumentRef{"Grant agreement", folder + "/grant-agreement.pdf", ""});
                break;
            }
        }
        store_.activities().add_many(std::move(planned));
    }

    // --- state ---------------------------------------------------------------------------------

    Store& store_;
    SampleRandom& rng_;
    Date today_;
    int size_;
    const std::vector<SampleUnit>& units_;
    InstitutionId home_;
    std::optional<UnitId> office_;
    std::vector<std::size_t> departments_, centres_, faculties_;  // indices into units_

    std::vector<Institution> partners_;
    std::unordered_map<InstitutionId, std::size_t> partner_index_;
    std::vector<std::size_t> active_partners_, universities_, research_, funders_;  // indices into partners_

    std::vector<Agreement> agreements_;
    std::unordered_map<AgreementId, std::size_t> agreement_index_;
    std::set<std::size_t> recently_visited_;  // agreements with a visit in the last 12 months
    std::map<std::tuple<std::size_t, std::size_t, int>, int> quota_taken_;  // by agreement, quota line and academic year
    std::map<int, int> teaching_visits_;  // incoming teaching visits not cancelled, by calendar year of the start
    std::vector<std::size_t> in_force_, untouched_, stale_, active_, historic_;  // indices into agreements_
    std::set<std::size_t> program_agreements_;

    int people_ = 0;  // numbers the family names
    std::vector<Member> members_;  // the home institution's people
    std::map<Audience, std::vector<std::size_t>> pools_;  // members_ by the audience they apply as
    std::map<InstitutionId, std::vector<PersonId>> experts_, visitors_;  // partner people by institution
    std::map<PersonId, std::optional<UnitId>> unit_of_;  // visitors' units
    std::map<PersonId, std::vector<std::pair<Date, Date>>> busy_;  // periods of visits not cancelled

    std::vector<PartnerCentre> partner_centres_;
    std::vector<ProgramPlan> programs_;
    std::vector<CallPlan> calls_;
    std::map<std::pair<std::size_t, int>, int> calls_per_year_;  // by program and deadline year
};

} // namespace

void add_daily_work(Store& store, SampleRandom& rng, Date today, int size, const std::vector<SampleUnit>& units) {
    DailyWork(store, rng, today, size, units).run();
}

} // namespace iro::detail
