#include "iro/sample_dataset.hpp"

#include "iro/activities.hpp"
#include "iro/agreements.hpp"
#include "iro/error.hpp"
#include "iro/institutions.hpp"
#include "iro/people.hpp"
#include "iro/store.hpp"
#include "sample/sample_partners.hpp"
#include "sample/sample_random.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iterator>
#include <string>

namespace iro {

namespace {
using detail::SampleRandom;

constexpr std::int64_t kMaxRows = 10'000'000;

constexpr std::string_view kCountries[] = {"JO", "EG", "TR", "DE", "FR", "IT", "ES", "MY", "US", "GB", "MA", "TN",
                                           "AE", "QA", "PL", "GR", "SE", "KR", "CA", "BR", "ZA", "ID", "OM", "KW",
                                           "IE", "PT", "BE", "NL", "JP", "AT", "FI", "CZ", "HU", "RO", "IN", "PK"};
constexpr std::string_view kCities[] = {"North", "South", "East", "West", "Central", "Harbour", "Lake", "Hill"};
constexpr std::string_view kGivenNames[] = {"Lina", "Omar", "Sara", "Yusuf", "Maria", "Jonas", "Aylin", "Karim",
                                            "Elena", "Tariq", "Noor", "Lukas", "Hana", "Samir", "Ines", "Piotr"};
constexpr std::string_view kIsced[] = {"0613", "0612", "0713", "0714", "0715", "0731", "0732", "0511",
                                       "0512", "0531", "0541", "0413", "0411", "0912", "0913", "0521"};
constexpr AgreementKind kKinds[] = {AgreementKind::ErasmusIia, AgreementKind::ErasmusIia, AgreementKind::Mou,
                                    AgreementKind::StudentExchange, AgreementKind::StaffExchange, AgreementKind::Framework,
                                    AgreementKind::ResearchCollaboration, AgreementKind::Training};
constexpr Area kAreas[] = {Area::Education, Area::Training, Area::Research, Area::Culture};
constexpr ActivityType kActivityTypes[] = {ActivityType::JointResearchProject, ActivityType::JointPublication,
                                           ActivityType::Conference};

template <class T, std::size_t N>
const T& pick(SampleRandom& rng, const T (&values)[N]) {
    return values[rng.index(N)];
}

void check_count(std::string_view field, std::int64_t value, std::int64_t low, std::int64_t high) {
    if (value < low || value > high)
        throw ValidationError(std::string(field), std::to_string(value), fmt::format("a count from {} to {}", low, high));
}

void check_counts(const SampleCounts& c) {
    check_count("institutions", c.institutions, 2, kMaxRows);
    check_count("agreements", c.agreements, 0, kMaxRows);
    check_count("quota_lines", c.quota_lines, 0, 3 * c.agreements);
    check_count("people", c.people, 0, kMaxRows);
    check_count("activities", c.activities, 0, kMaxRows);
    // A person's visits are laid end to end without overlap, at most 20 each.
    check_count("visits", c.visits, 0, std::min(kMaxRows, 20 * c.people));
}

InstitutionId institution_id(std::int64_t index) { return InstitutionId{index + 1}; }


Institution make_partner(std::int64_t number, SampleRandom& rng) {
    Institution i;
    const bool institute = number % 5 == 0;
    i.type = institute ? InstitutionType::ResearchInstitute : InstitutionType::University;
    const auto country = pick(rng, kCountries);
    i.names = {Name{fmt::format("{} {} {}", institute ? "Bench Research Institute" : "Bench University", country, number), "en",
                    NameKind::Display}};
    if (number % 3 == 0) i.names.push_back(Name{fmt::format("BU{}", number), "en", NameKind::Acronym});
    i.country = std::string(country);
    i.city = fmt::format("{} {}", pick(rng, kCities), country);
    i.website = fmt::format("https://b{}.example.org", number);
    if (number % 50 == 0) i.status = InstitutionStatus::Inactive;
    return i;
}

// One agreement between the home institution and one partner (two for a tenth of them).
Agreement make_agreement(std::int64_t number, std::int64_t partner_count, int quota_lines, SampleRandom& rng, Date today) {
    Agreement a;
    a.kind = quota_lines > 0 ? AgreementKind::ErasmusIia : pick(rng, kKinds);
    a.title = fmt::format("Bench agreement {}", number);
    a.reference = fmt::format("BENCH-{:07}", number);
    const auto partner = 1 + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(partner_count)));
    a.parties.push_back(Party{institution_id(0), std::nullopt, std::nullopt, "Rector"});
    a.parties.push_back(Party{institution_id(partner), std::nullopt, std::nullopt, ""});
    if (number % 10 == 0 && partner_count > 1) {
        auto second = 1 + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(partner_count)));
        if (second != partner) a.parties.push_back(Party{institution_id(second), std::nullopt, std::nullopt, ""});
    }
    a.areas = {pick(rng, kAreas)};
    if (number % 4 == 0) {
        const auto second = pick(rng, kAreas);
        if (second != a.areas.front()) a.areas.push_back(second);
    }
    // Statuses: mostly in force; some expiring soon, some expired, a few still in the making.
    const int roll = rng.between(1, 100);
    const Date start = add_days(today, -rng.between(30, 5 * 365));
    a.proposed_on = add_days(start, -rng.between(30, 200));
    if (roll <= 8) {
        a.status = roll <= 4 ? AgreementStatus::Proposed : AgreementStatus::InNegotiation;
        a.proposed_on = add_days(today, -rng.between(1, 120));
    } else {
        a.in_force_from = start;
        for (auto& p : a.parties) p.signed_on = add_days(start, -rng.between(1, 20));
        if (roll <= 20) {
            a.status = AgreementStatus::Expired;
            a.valid_until = add_days(today, -rng.between(1, 365));
            if (*a.valid_until < start) a.valid_until = add_days(start, 1);
        } else {
            a.status = AgreementStatus::InForce;
            // Some end within 90 days of today, the rest later or open-ended.
            if (roll <= 30) a.valid_until = add_days(today, rng.between(1, 90));
            else if (roll <= 90) a.valid_until = add_days(today, rng.between(91, 4 * 365));
        }
    }
    for (int k = 0; k < quota_lines; ++k) {
        MobilityQuota q;
        const bool outgoing = k % 2 == 0;
        q.sending = outgoing ? institution_id(0) : a.parties[1].institution;
        q.receiving = outgoing ? a.parties[1].institution : institution_id(0);
        q.type = k == 2 ? MobilityType::StaffTeaching : MobilityType::StudentStudies;
        const int first_year = static_cast<int>(today.year()) - 1;
        q.academic_years = {AcademicYear{first_year}, AcademicYear{first_year + 1}};
        q.mobilities_per_year = rng.between(1, 6);
        if (q.type == MobilityType::StaffTeaching) q.total_days_per_year = 5 * q.mobilities_per_year;
        else q.total_months_per_year = 5.0 * q.mobilities_per_year;
        q.subject_areas = {std::string(pick(rng, kIsced))};
        q.eqf_levels = {6, 7};
        q.language_skills = {LanguageSkill{"en", CefrLevel::B2}};
        a.quotas.push_back(std::move(q));
    }
    a.note = "Sample data for benchmarks";
    return a;
}

Person make_person(std::int64_t number, std::int64_t institutions, SampleRandom& rng) {
    Person p;
    p.given_name = std::string(pick(rng, kGivenNames));
    p.family_name = fmt::format("Sample {}", number);
    // A third of the people belong to the home institution; the others to partners.
    const bool home = number % 3 == 0;
    p.affiliation = home ? institution_id(0) : institution_id(1 + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(institutions - 1))));
    static constexpr PersonRole kRoles[] = {PersonRole::Faculty, PersonRole::Researcher, PersonRole::Student,
                                            PersonRole::Student, PersonRole::AdministrativeStaff, PersonRole::VisitingProfessor};
    p.role = pick(rng, kRoles);
    p.email = fmt::format("person{}@bench.example", number);
    if (number % 4 == 0) p.expertise.isced_codes = {std::string(pick(rng, kIsced))};
    return p;
}

} // namespace

SampleCounts sample_counts(SampleScale scale) {
    switch (scale) {
    case SampleScale::S: return SampleCounts{150, 200, 600, 300, 200, 1'000};
    case SampleScale::M: return SampleCounts{15'000, 2'000, 6'000, 30'000, 20'000, 100'000};
    case SampleScale::L: return SampleCounts{150'000, 20'000, 60'000, 300'000, 200'000, 1'000'000};
    }
    throw ValidationError("scale", std::to_string(static_cast<int>(scale)), "S, M or L");
}

SampleDataset make_sample_dataset(const SampleCounts& counts, std::uint64_t seed, Date today) {
    check_counts(counts);
    check_date(today, "today");
    SampleRandom rng(seed);
    SampleDataset d;
    const auto partners = counts.institutions - 1;

    d.institutions.reserve(static_cast<std::size_t>(counts.institutions));
    d.institutions.push_back(detail::sample_home_institution());
    for (std::int64_t n = 1; n <= partners; ++n) d.institutions.push_back(make_partner(n, rng));

    // Quota lines go three to an Erasmus agreement, on the first agreements, until used up.
    d.agreements.reserve(static_cast<std::size_t>(counts.agreements));
    std::int64_t quotas_left = counts.quota_lines;
    for (std::int64_t n = 0; n < counts.agreements; ++n) {
        const int lines = static_cast<int>(std::min<std::int64_t>(3, quotas_left));
        quotas_left -= lines;
        d.agreements.push_back(make_agreement(n + 1, partners, lines, rng, today));
    }

    d.people.reserve(static_cast<std::size_t>(counts.people));
    for (std::int64_t n = 0; n < counts.people; ++n) d.people.push_back(make_person(n + 1, counts.institutions, rng));

    d.activities.reserve(static_cast<std::size_t>(counts.activities));
    for (std::int64_t n = 0; n < counts.activities; ++n) {
        Activity a;
        a.type = pick(rng, kActivityTypes);
        a.title = fmt::format("Bench activity {}", n + 1);
        a.area = pick(rng, kAreas);
        a.start = add_days(today, -rng.between(0, 6 * 365));
        if (n % 2 == 0) a.end = add_days(a.start, rng.between(0, 60));
        // Most activities happen under an agreement, with its partner.
        if (!d.agreements.empty() && n % 5 != 0) {
            const auto k = rng.index(d.agreements.size());
            a.agreement = AgreementId{static_cast<std::int64_t>(k) + 1};
            a.partners = {d.agreements[k].parties[1].institution};
        } else {
            a.partners = {institution_id(1 + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(partners))))};
        }
        if (!d.people.empty()) a.people = {PersonId{1 + static_cast<std::int64_t>(rng.below(d.people.size()))}};
        a.participants = rng.between(1, 40);
        a.publications = a.type == ActivityType::JointPublication ? 1 : 0;
        a.outcome = "Sample data for benchmarks";
        d.activities.push_back(std::move(a));
    }

    // Visits: each person's visits follow one another with a gap, so committed ones never
    // overlap; the first starts somewhere in the last six years, so every recent year has
    // visits. Incoming visitors come from partners, outgoing ones leave from home.
    d.visits.reserve(static_cast<std::size_t>(counts.visits));
    std::vector<Date> next_free(d.people.size());
    for (auto& day : next_free) day = add_days(today, -6 * 365 + rng.between(0, 5 * 365));
    for (std::int64_t n = 0; n < counts.visits; ++n) {
        const auto person = static_cast<std::size_t>(n % counts.people);
        const Person& p = d.people[person];
        Visit v;
        v.person = PersonId{static_cast<std::int64_t>(person) + 1};
        const bool home_person = p.affiliation == institution_id(0);
        v.direction = home_person ? VisitDirection::Outgoing : VisitDirection::Incoming;
        const InstitutionId partner = home_person
                                          ? institution_id(1 + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(partners))))
                                          : *p.affiliation;
        v.home_institution = home_person ? institution_id(0) : partner;
        v.host_institution = home_person ? partner : institution_id(0);
        static constexpr VisitPurpose kPurposes[] = {VisitPurpose::Teaching, VisitPurpose::Research, VisitPurpose::Study,
                                                     VisitPurpose::Training, VisitPurpose::Conference};
        v.purpose = pick(rng, kPurposes);
        v.start = add_days(next_free[person], rng.between(20, 400));
        v.end = add_days(v.start, rng.between(2, 90));
        next_free[person] = v.end;
        const auto roll = rng.between(1, 100);
        v.status = v.end < today ? (roll <= 90 ? VisitStatus::Completed : VisitStatus::Cancelled)
                                 : (roll <= 50 ? VisitStatus::Confirmed : VisitStatus::Planned);
        if (v.purpose == VisitPurpose::Teaching) {
            v.lectures = rng.between(1, 8);
            v.teaching_hours = 2.0 * v.lectures;
        }
        d.visits.push_back(std::move(v));
    }
    // Visits under an agreement: the partner must be a party. Link a visit to the agreement
    // that has its partner, when there is one.
    if (!d.agreements.empty()) {
        std::vector<std::int64_t> agreement_of(static_cast<std::size_t>(counts.institutions), 0);
        for (std::size_t k = 0; k < d.agreements.size(); ++k)
            for (const auto& party : d.agreements[k].parties)
                if (party.institution != institution_id(0)) agreement_of[static_cast<std::size_t>(party.institution.value() - 1)] = static_cast<std::int64_t>(k) + 1;
        for (auto& v : d.visits) {
            const auto partner = v.direction == VisitDirection::Incoming ? v.home_institution : v.host_institution;
            const auto agreement = agreement_of[static_cast<std::size_t>(partner.value() - 1)];
            if (agreement == 0) continue;
            v.agreement = AgreementId{agreement};
            v.mobility_type = v.purpose == VisitPurpose::Study ? MobilityType::StudentStudies
                              : v.purpose == VisitPurpose::Teaching ? MobilityType::StaffTeaching
                                                                    : MobilityType::StaffTraining;
        }
    }
    return d;
}

void load_sample_dataset(Store& store, SampleDataset dataset) {
    detail::database_of(store).write([&] {
        if (store.institutions().count(InstitutionFilter{.include_home = true}) > 0)
            throw ConflictError("the store already holds institutions: a sample dataset loads into an empty store only");
        const auto check_ids = [](std::string_view what, const auto& ids) {
            for (std::size_t k = 0; k < ids.size(); ++k)
                if (ids[k].value() != static_cast<std::int64_t>(k) + 1)
                    throw ConflictError(fmt::format("{} {} got id {}: the store must be empty so ids follow the dataset's order", what,
                                                    k, ids[k].value()));
        };
        check_ids("institution", store.institutions().add_many(std::move(dataset.institutions)));
        check_ids("agreement", store.agreements().add_many(std::move(dataset.agreements)));
        check_ids("person", store.people().add_many(std::move(dataset.people)));
        check_ids("activity", store.activities().add_many(std::move(dataset.activities)));
        store.visits().add_many(std::move(dataset.visits));
    });
}

} // namespace iro
