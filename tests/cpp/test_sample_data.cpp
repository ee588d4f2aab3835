#include <catch2/catch.hpp>

#include "iro/agreement_lifecycle.hpp"
#include "iro/agreement_usage.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"
#include "iro/mobility_stats.hpp"
#include "iro/sample_data.hpp"
#include "iro/store.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using iro::AgreementKind;
using iro::AgreementStatus;

namespace {

const iro::Date kToday = iro::parse_date("2026-03-15");

iro::SampleOptions options_with(std::uint64_t seed = 42, int partners = 120, int agreements = 200) {
    iro::SampleOptions o;
    o.seed = seed;
    o.today = kToday;
    o.partners = partners;
    o.agreements = agreements;
    return o;
}

// The logical dump without what differs between any two stores, whatever they hold: the audit
// log's timestamps (its second column) and the store's own random id (meta "store_uid").
std::string dump_without_audit_times(const iro::Store& store) {
    std::istringstream in(store.logical_dump());
    std::string out;
    std::string line;
    bool audit = false;
    while (std::getline(in, line)) {
        if (line.starts_with("table ")) {
            audit = line.starts_with("table audit_log ");
        } else if (line.starts_with("  store_uid | ")) {
            continue;
        } else if (audit) {
            const auto first = line.find(" | ");
            const auto second = line.find(" | ", first + 3);
            REQUIRE(second != std::string::npos);
            line = line.substr(0, first) + line.substr(second);
        }
        out += line + "\n";
    }
    return out;
}

iro::Store sample_store(const iro::SampleOptions& options) {
    auto store = iro::Store::open(":memory:");
    iro::generate_sample_data(store, options);
    return store;
}

bool ends_after(const iro::ExpiringAgreement& e, int days) { return e.days_left > days; }

// Pairs of committed visits (confirmed, ongoing, completed) of one person whose periods overlap.
std::vector<std::pair<iro::VisitId, iro::VisitId>> overlapping_commitments(const iro::Store& store) {
    std::map<iro::PersonId, std::vector<iro::Visit>> by_person;
    for (auto& v : store.visits().find())
        if (iro::is_committed(v.status)) by_person[v.person].push_back(std::move(v));
    std::vector<std::pair<iro::VisitId, iro::VisitId>> out;
    for (const auto& [person, visits] : by_person)
        for (std::size_t i = 0; i < visits.size(); ++i)
            for (std::size_t j = i + 1; j < visits.size(); ++j)
                if (visits[i].start <= visits[j].end && visits[j].start <= visits[i].end) out.emplace_back(visits[i].id, visits[j].id);
    return out;
}

// Calls open on the day for any student level, each call once.
std::set<iro::CallId> open_for_students(const iro::Store& store, iro::Date on) {
    std::set<iro::CallId> out;
    for (auto level : {iro::Audience::Undergraduate, iro::Audience::Master, iro::Audience::Doctoral})
        for (const auto& c : store.programs().open_calls(on, level)) out.insert(c.id);
    return out;
}

std::int64_t quota_used(const iro::Store& store, iro::Date on) {
    std::int64_t used = 0;
    for (const auto& q : iro::quota_utilisation(store, std::nullopt, iro::academic_year_of(on))) used += q.used;
    return used;
}

} // namespace

TEST_CASE("sample data: the same seed and day give the same store", "[sample]") {
    auto a = iro::Store::open(":memory:");
    auto b = iro::Store::open(":memory:");
    const auto summary_a = iro::generate_sample_data(a, options_with(7));
    const auto summary_b = iro::generate_sample_data(b, options_with(7));
    CHECK(summary_a == summary_b);
    CHECK(dump_without_audit_times(a) == dump_without_audit_times(b));
    // The audit log is part of the content too: same entries, in the same order.
    CHECK(a.audit().size() == b.audit().size());
}

TEST_CASE("sample data: another seed or another day gives other data", "[sample]") {
    const auto base = dump_without_audit_times(sample_store(options_with(1)));
    CHECK(base != dump_without_audit_times(sample_store(options_with(2))));
    auto later = options_with(1);
    later.today = iro::add_days(kToday, 10);
    CHECK(base != dump_without_audit_times(sample_store(later)));
}

TEST_CASE("sample data: the summary counts what is in the store", "[sample]") {
    auto store = iro::Store::open(":memory:");
    const auto summary = iro::generate_sample_data(store, options_with());
    iro::InstitutionFilter all;
    all.include_home = true;
    // 120 partners from the ROR table, 3 accreditation bodies and the home institution.
    CHECK(summary.institutions == 124);
    CHECK(summary.partners == 123);
    CHECK(summary.accreditation_cases == 5);
    CHECK(summary.institutions == store.institutions().count(all));
    CHECK(summary.partners == store.institutions().count());
    CHECK(summary.agreements == 200);
    CHECK(summary.agreements == store.agreements().count());
    const auto home = store.institutions().home();
    CHECK(summary.units == static_cast<std::int64_t>(store.units().of(home.id).size()));
    CHECK(summary.contacts == static_cast<std::int64_t>(store.contacts().of(home.id).size()));

    CHECK(summary.people == store.people().count());
    CHECK(summary.activities == store.activities().count());
    CHECK(summary.programs == static_cast<std::int64_t>(store.programs().find().size()));
    CHECK(summary.calls == static_cast<std::int64_t>(store.programs().calls().size()));
    CHECK(summary.applications == static_cast<std::int64_t>(store.programs().applications().size()));
    CHECK(summary.visits == store.visits().count());
    std::int64_t links = 0;
    for (const auto& u : store.units().of(home.id))
        if (u.kind == iro::UnitKind::ScientificCentre) links += static_cast<std::int64_t>(store.centres().links(u.id).size());
    CHECK(summary.centre_links == links);
    // Non-trivial numbers of everything.
    CHECK(summary.people >= 80);
    CHECK(summary.activities >= 30);
    CHECK(summary.programs >= 6);
    CHECK(summary.calls >= 20);
    CHECK(summary.applications >= 50);
    CHECK(summary.visits >= 50);
    CHECK(summary.centre_links >= 3);
}

TEST_CASE("sample data: the home institution, its units and contacts", "[sample]") {
    const auto store = sample_store(options_with());
    const auto home = store.institutions().home();
    CHECK(home.display_name() == "Palestine Polytechnic University");
    CHECK(home.country == "PS");
    CHECK(home.city == "Hebron");
    CHECK(home.type == iro::InstitutionType::University);
    CHECK(home.website == "https://www.ppu.edu");
    CHECK(home.identifiers.schac == "ppu.edu");
    CHECK(home.identifiers.ror.empty());
    CHECK(home.identifiers.erasmus.empty());
    CHECK(home.identifiers.pic.empty());
    const std::vector<iro::Name> names{{"Palestine Polytechnic University", "en", iro::NameKind::Display},
                                       {"جامعة بوليتكنك فلسطين", "ar", iro::NameKind::Label},
                                       {"PPU", "en", iro::NameKind::Acronym}};
    CHECK(home.names == names);

    const auto units = store.units().of(home.id);
    std::map<iro::UnitKind, int> kinds;
    for (const auto& u : units) ++kinds[u.kind];
    CHECK(kinds[iro::UnitKind::Faculty] == 5);
    CHECK(kinds[iro::UnitKind::Department] >= 10);
    CHECK(kinds[iro::UnitKind::ScientificCentre] >= 3);
    CHECK(kinds[iro::UnitKind::Office] == 1);
    const auto office = std::find_if(units.begin(), units.end(), [](const iro::OrgUnit& u) { return u.kind == iro::UnitKind::Office; });
    REQUIRE(office != units.end());
    CHECK(office->name == "International Relations Office");
    // Every department sits under a faculty.
    for (const auto& u : units) {
        if (u.kind != iro::UnitKind::Department) continue;
        REQUIRE(u.parent);
        CHECK(store.units().get(*u.parent).kind == iro::UnitKind::Faculty);
    }

    const auto contacts = store.contacts().of(home.id);
    REQUIRE(contacts.size() >= 3);
    CHECK(std::any_of(contacts.begin(), contacts.end(), [](const iro::Contact& c) { return c.email == "iro@ppu.edu"; }));
    for (const auto& c : contacts) {
        INFO(c.name);
        CHECK((c.email.empty() || c.email.ends_with("@ppu.edu")));
    }
}

TEST_CASE("sample data: partners are real ROR records, then fictitious ones", "[sample]") {
    SECTION("the default takes the whole table") {
        const auto store = sample_store(options_with());
        auto partners = store.institutions().find();
        // The accreditation bodies are institutions too, but not partners from the ROR table.
        std::erase_if(partners, [](const iro::Institution& i) { return i.type == iro::InstitutionType::AccreditationBody; });
        REQUIRE(partners.size() == 120);
        std::set<std::string> countries;
        int arabic = 0;
        int inactive = 0;
        for (const auto& p : partners) {
            INFO(p.display_name());
            CHECK(iro::is_valid_ror_id(p.identifiers.ror));
            countries.insert(p.country);
            if (std::any_of(p.names.begin(), p.names.end(), [](const iro::Name& n) { return n.lang == "ar"; })) ++arabic;
            if (p.status == iro::InstitutionStatus::Inactive) ++inactive;
        }
        CHECK(countries.size() >= 40);
        for (const char* code : {"JO", "EG", "BH", "AE", "LY", "PS", "FR", "DE", "JP", "US", "BR"}) CHECK(countries.contains(code));
        CHECK(arabic >= 15);
        CHECK(inactive >= 5);

        const auto padua = store.institutions().find_by_ror("https://ror.org/00240q980");
        REQUIRE(padua);
        CHECK(padua->display_name() == "University of Padua");
        CHECK(padua->country == "IT");
        CHECK(padua->identifiers.wikidata == "Q193510");
        // ROR types map onto institution types.
        const auto hospital = store.institutions().search("Ahli Hospital");
        REQUIRE_FALSE(hospital.empty());
        CHECK(hospital.front().type == iro::InstitutionType::Other);
        CHECK(store.institutions().scope_of(hospital.front()) == iro::Scope::Local);
    }
    SECTION("more partners than the table holds are fictitious and carry no identifiers") {
        const auto store = sample_store(options_with(42, 130, 60));
        auto partners = store.institutions().find();
        std::erase_if(partners, [](const iro::Institution& i) { return i.type == iro::InstitutionType::AccreditationBody; });
        REQUIRE(partners.size() == 130);
        int fictitious = 0;
        for (const auto& p : partners) {
            if (!p.identifiers.ror.empty()) continue;
            ++fictitious;
            INFO(p.display_name());
            CHECK(p.display_name().starts_with("Sample "));
            CHECK(p.identifiers == iro::Identifiers{});
            CHECK(iro::find_country(p.country) != nullptr);
        }
        CHECK(fictitious == 10);
    }
    SECTION("fewer partners are a choice from the table") {
        const auto store = sample_store(options_with(42, 40, 60));
        auto partners = store.institutions().find();
        std::erase_if(partners, [](const iro::Institution& i) { return i.type == iro::InstitutionType::AccreditationBody; });
        REQUIRE(partners.size() == 40);
        for (const auto& p : partners) CHECK_FALSE(p.identifiers.ror.empty());
    }
}

TEST_CASE("sample data: every kind and status, multilateral agreements and each expiring band", "[sample]") {
    // The smallest office and the default one both cover everything, whatever the seed.
    const int total = GENERATE(30, 200);
    const int partners = total == 30 ? 5 : 120;
    const auto seed = GENERATE(std::uint64_t{1}, std::uint64_t{42}, std::uint64_t{2026});
    INFO("partners " << partners << ", agreements " << total << ", seed " << seed);
    const auto store = sample_store(options_with(seed, partners, total));
    const auto& agreements = store.agreements();
    CHECK(agreements.count() == total);

    for (const auto& [kind, name] : iro::EnumNames<AgreementKind>::table) {
        INFO(name);
        iro::AgreementFilter f;
        f.kind = kind;
        CHECK(agreements.count(f) > 0);
    }
    for (const auto& [status, name] : iro::EnumNames<AgreementStatus>::table) {
        INFO(name);
        iro::AgreementFilter f;
        f.status = status;
        CHECK(agreements.count(f) > 0);
    }
    for (const auto& [area, name] : iro::EnumNames<iro::Area>::table) {
        INFO(name);
        iro::AgreementFilter f;
        f.area = area;
        CHECK(agreements.count(f) > 0);
    }

    const auto all = agreements.find();
    const auto multilateral = std::count_if(all.begin(), all.end(), [](const iro::Agreement& a) { return a.is_multilateral(); });
    CHECK(multilateral >= 3);
    for (const auto& a : all) {
        CHECK(a.parties.size() >= 2);
        CHECK(a.parties.size() <= 5);
    }

    const auto within30 = agreements.expiring(kToday, 30);
    const auto within90 = agreements.expiring(kToday, 90);
    const auto within180 = agreements.expiring(kToday, 180);
    CHECK_FALSE(within30.empty());
    CHECK(std::any_of(within90.begin(), within90.end(), [](const auto& e) { return ends_after(e, 30); }));
    CHECK(std::any_of(within180.begin(), within180.end(), [](const auto& e) { return ends_after(e, 90); }));
    CHECK(std::any_of(within180.begin(), within180.end(), [](const auto& e) { return e.renews_tacitly && e.notice_by; }));

    // The daily work holds in every office, small or large.
    CHECK_FALSE(iro::dormant_agreements(store, kToday, 12).empty());
    CHECK_FALSE(iro::unused_agreements(store, kToday).empty());
    CHECK_FALSE(open_for_students(store, kToday).empty());
    CHECK_FALSE(store.programs().open_calls(kToday, iro::Audience::Faculty).empty());
    CHECK(quota_used(store, kToday) > 0);
    CHECK(overlapping_commitments(store).empty());
    for (const auto& [type, name] : iro::EnumNames<iro::ActivityType>::table) {
        INFO(name);
        iro::ActivityFilter f;
        f.type = type;
        CHECK(store.activities().count(f) > 0);
    }

    // Expired agreements ended before today.
    iro::AgreementFilter expired;
    expired.status = AgreementStatus::Expired;
    for (const auto& a : agreements.find(expired)) {
        REQUIRE(a.valid_until);
        CHECK(*a.valid_until < kToday);
        CHECK_FALSE(a.in_force_on(kToday));
    }
}

TEST_CASE("sample data: agreements are marked as sample data and look real", "[sample]") {
    const auto store = sample_store(options_with());
    const auto& agreements = store.agreements();
    const std::regex reference(R"(SAMPLE-\d{4}-\d{3}(-R\d{4})*)");
    int with_quotas = 0;
    for (const auto& a : agreements.find()) {
        INFO(a.reference << " " << a.title);
        CHECK(std::regex_match(a.reference, reference));
        CHECK(a.note.starts_with("Sample data"));
        REQUIRE_FALSE(a.documents.empty());
        for (const auto& d : a.documents) CHECK(d.location.starts_with("agreements/"));
        CHECK(std::any_of(a.documents.begin(), a.documents.end(),
                          [&](const iro::DocumentRef& d) { return d.location.find(a.reference.substr(0, 15)) != std::string::npos; }));
        const bool exchange = a.kind == AgreementKind::ErasmusIia || a.kind == AgreementKind::StudentExchange ||
                              a.kind == AgreementKind::StaffExchange;
        if (exchange && !a.is_multilateral()) CHECK_FALSE(a.quotas.empty());
        if (!a.quotas.empty()) ++with_quotas;
        for (const auto& q : a.quotas) {
            CHECK_FALSE(q.academic_years.empty());
            CHECK(q.mobilities_per_year > 0);
            CHECK_FALSE(q.subject_areas.empty());
            for (const auto& code : q.subject_areas) CHECK(code.size() == 4);
            for (int level : q.eqf_levels) CHECK((level == 6 || level == 7));
            CHECK(q.language_skills.front().language == "en");
            CHECK((q.sending == store.institutions().home().id || q.receiving == store.institutions().home().id));
        }
        // The home party is first; units narrow only the home party.
        CHECK(a.parties.front().institution == store.institutions().home().id);
    }
    CHECK(with_quotas > 20);
}

TEST_CASE("sample data: lifecycles are legal, dated in order and never after today", "[sample]") {
    const auto store = sample_store(options_with(3));
    const auto& agreements = store.agreements();
    const auto all = agreements.find();
    int walked = 0;
    for (const auto& a : all) {
        INFO(a.reference);
        const auto history = agreements.history(a.id);
        REQUIRE_FALSE(history.empty());
        CHECK_FALSE(history.front().from);
        for (std::size_t k = 1; k < history.size(); ++k) {
            REQUIRE(history[k].from);
            CHECK(iro::is_legal_transition(*history[k].from, history[k].to));
            CHECK(history[k - 1].on <= history[k].on);
            CHECK(history[k].on <= kToday);
        }
        CHECK(history.back().to == a.status);
        if (history.size() >= 5) ++walked;
        if (a.status == AgreementStatus::Renewed) {
            const auto successor = std::find_if(all.begin(), all.end(), [&](const iro::Agreement& s) { return s.predecessor == a.id; });
            REQUIRE(successor != all.end());
            CHECK(successor->reference.starts_with(a.reference + "-R"));
            CHECK(successor->parties.size() == a.parties.size());
        }
    }
    CHECK(walked > 10);
}

TEST_CASE("sample data: a store that is not empty is refused and left as it was", "[sample]") {
    SECTION("a second generation into the same store") {
        auto store = sample_store(options_with());
        const auto before = store.logical_dump();
        try {
            iro::generate_sample_data(store, options_with(9));
            FAIL("a second generation was accepted");
        } catch (const iro::ConflictError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("empty store") && Catch::Contains("Palestine Polytechnic University"));
        }
        CHECK(store.logical_dump() == before);
    }
    SECTION("a store with partners but no home institution") {
        auto store = iro::Store::open(":memory:");
        iro::Institution partner;
        partner.names = {{"Some Partner University", "en", iro::NameKind::Display}};
        partner.country = "JO";
        store.institutions().add(partner);
        const auto before = store.logical_dump();
        CHECK_THROWS_AS(iro::generate_sample_data(store, options_with()), iro::ConflictError);
        CHECK(store.logical_dump() == before);
    }
}

TEST_CASE("sample data: options out of range are refused before anything is written", "[sample]") {
    auto store = iro::Store::open(":memory:");
    const auto before = store.logical_dump();
    const auto refused = [&](const iro::SampleOptions& o, const std::string& field) {
        try {
            iro::generate_sample_data(store, o);
            FAIL("accepted options with a bad " << field);
        } catch (const iro::ValidationError& e) {
            CHECK(e.field() == field);
        }
        CHECK(store.logical_dump() == before);
    };
    refused(options_with(42, 4, 200), "partners");
    refused(options_with(42, 10'001, 200), "partners");
    refused(options_with(42, 120, 29), "agreements");
    refused(options_with(42, 120, 10'001), "agreements");
    auto early = options_with();
    early.today = iro::parse_date("1900-01-01");
    refused(early, "today");
}

namespace {

// The default office, generated once for the read-only tests below.
const iro::Store& default_office() {
    static const iro::Store store = sample_store(options_with());
    return store;
}

bool is_isced_code(const std::string& code) {
    return code.size() == 4 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

TEST_CASE("sample data: people of the home institution and of partners", "[sample]") {
    const auto& store = default_office();
    const auto home = store.institutions().home();
    const auto people = store.people().find();
    std::map<iro::PersonRole, int> home_roles;
    std::map<iro::PersonRole, int> partner_roles;
    int partner_experts = 0;
    for (const auto& p : people) {
        INFO(p.full_name() << " " << p.email);
        REQUIRE(p.affiliation);
        // Clearly fictitious: "<given name> Sample <n>", addresses that reach nobody.
        CHECK(p.family_name.starts_with("Sample "));
        CHECK((p.email.empty() || p.email.ends_with(".example")));
        CHECK((p.nationality.empty() || iro::find_country(p.nationality) != nullptr));
        for (const auto& code : p.expertise.isced_codes) CHECK(is_isced_code(code));
        if (*p.affiliation == home.id) {
            ++home_roles[p.role];
            CHECK((p.email.empty() || p.email.ends_with("@ppu.example") || p.email.ends_with("@students.ppu.example")));
            REQUIRE(p.unit);
            CHECK(store.units().get(*p.unit).institution == home.id);
            if (p.role == iro::PersonRole::Faculty || p.role == iro::PersonRole::Researcher) CHECK_FALSE(p.expertise.empty());
        } else {
            ++partner_roles[p.role];
            if (p.role != iro::PersonRole::Student && !p.expertise.keywords.empty()) ++partner_experts;
        }
    }
    for (auto role : {iro::PersonRole::Faculty, iro::PersonRole::Researcher, iro::PersonRole::AdministrativeStaff, iro::PersonRole::Student})
        CHECK(home_roles[role] >= 4);
    CHECK(home_roles[iro::PersonRole::Student] >= 20);
    CHECK(partner_roles[iro::PersonRole::VisitingProfessor] >= 5);
    CHECK(partner_roles[iro::PersonRole::Faculty] >= 3);
    CHECK(partner_experts >= 15);
    CHECK(std::count_if(people.begin(), people.end(), [](const iro::Person& p) { return p.email.empty(); }) > 0);
}

TEST_CASE("sample data: scientific centres, their expertise and links", "[sample]") {
    const auto& store = default_office();
    const auto home = store.institutions().home();
    const auto& centres = store.centres();
    int home_centres = 0;
    int linked = 0;
    for (const auto& u : store.units().of(home.id)) {
        if (u.kind != iro::UnitKind::ScientificCentre) continue;
        INFO(u.name);
        ++home_centres;
        const auto e = centres.expertise(u.id);
        CHECK_FALSE(e.isced_codes.empty());
        CHECK_FALSE(e.keywords.empty());
        const auto links = centres.links(u.id);
        if (!links.empty()) ++linked;
        for (const auto& l : links) {
            CHECK(l.home_centre == u.id);
            CHECK(store.units().get(l.partner_centre).institution != home.id);
        }
        // Every home centre finds partner centres or people with its expertise.
        const auto matches = centres.match(u.id);
        CHECK_FALSE(matches.empty());
    }
    CHECK(home_centres >= 3);
    CHECK(linked >= 2);

    int partner_centres = 0;
    std::set<iro::InstitutionId> hosts;
    for (const auto& p : store.institutions().find())
        for (const auto& u : store.units().of(p.id)) {
            if (u.kind != iro::UnitKind::ScientificCentre) continue;
            ++partner_centres;
            hosts.insert(p.id);
            CHECK_FALSE(centres.expertise(u.id).empty());
        }
    CHECK(partner_centres >= 4);
    CHECK(hosts.size() >= 4);
}

TEST_CASE("sample data: cooperation activities", "[sample]") {
    const auto& store = default_office();
    const auto home = store.institutions().home();
    const auto activities = store.activities().find();
    REQUIRE(activities.size() >= 30);
    std::set<std::string> currencies;
    int under_agreement = 0;
    int in_force = 0;
    int with_people = 0;
    int publications = 0;
    for (const auto& a : activities) {
        INFO(a.title);
        CHECK_FALSE(a.partners.empty());
        CHECK(std::find(a.partners.begin(), a.partners.end(), home.id) == a.partners.end());
        CHECK_FALSE(a.home_units.empty());
        CHECK(a.start <= kToday);
        CHECK(a.outcome.ends_with("(sample data)"));
        REQUIRE_FALSE(a.evidence.empty());
        for (const auto& d : a.evidence) CHECK(d.location.starts_with("activities/SAMPLE-ACT-"));
        for (const auto& m : a.funds) currencies.insert(m.currency);
        if (!a.people.empty()) ++with_people;
        publications += a.publications;
        if (!a.agreement) continue;
        ++under_agreement;
        const auto agreement = store.agreements().get(*a.agreement);
        if (agreement.in_force_on(kToday)) ++in_force;
        // The partners are the agreement's, and the activity falls within its validity.
        for (auto p : a.partners)
            CHECK(std::any_of(agreement.parties.begin(), agreement.parties.end(), [&](const iro::Party& party) { return party.institution == p; }));
        REQUIRE(agreement.in_force_from);
        CHECK(*agreement.in_force_from <= a.start);
    }
    CHECK(currencies == std::set<std::string>{"EUR", "JOD", "USD"});
    CHECK(under_agreement * 10 >= static_cast<int>(activities.size()) * 7);
    CHECK(in_force * 2 > under_agreement);
    CHECK(with_people * 10 >= static_cast<int>(activities.size()) * 9);
    CHECK(publications > 10);
    for (const auto& [area, name] : iro::EnumNames<iro::Area>::table) {
        if (area == iro::Area::StudentExchange || area == iro::Area::StaffExchange) continue;  // visits cover those
        INFO(name);
        iro::ActivityFilter f;
        f.area = area;
        CHECK(store.activities().count(f) > 0);
    }
}

TEST_CASE("sample data: programs, calls and applications", "[sample]") {
    const auto& store = default_office();
    const auto& programs = store.programs();
    const auto home = store.institutions().home();
    for (const auto& [kind, name] : iro::EnumNames<iro::ProgramKind>::table) {
        INFO(name);
        iro::ProgramFilter f;
        f.kind = kind;
        CHECK_FALSE(programs.find(f).empty());
    }
    for (const auto& p : programs.find()) {
        INFO(p.name);
        REQUIRE(p.provider);
        CHECK(*p.provider != home.id);
        CHECK(programs.calls(p.id).size() >= 2);
    }

    // Calls open today for students and for faculty; deadlines within 30 and within 31 to 60 days.
    CHECK_FALSE(open_for_students(store, kToday).empty());
    CHECK_FALSE(programs.open_calls(kToday, iro::Audience::Faculty).empty());
    CHECK_FALSE(programs.open_calls(kToday, iro::Audience::AdministrativeStaff).empty());
    const auto within30 = programs.upcoming_deadlines(kToday, 30);
    CHECK_FALSE(within30.empty());
    CHECK(programs.upcoming_deadlines(kToday, 60).size() > within30.size());
    std::set<std::string> currencies;
    for (const auto& c : programs.calls()) {
        if (c.funding) currencies.insert(c.funding->currency);
        CHECK(c.opens_on <= c.deadline);
    }
    CHECK(currencies.size() >= 2);

    // Every stage of the lifecycle, each move legal and dated in order, never after today.
    const auto applications = programs.applications();
    std::map<iro::ApplicationStatus, int> statuses;
    for (const auto& a : applications) {
        ++statuses[a.status];
        const auto applicant = store.people().get(a.applicant);
        CHECK(applicant.affiliation == home.id);
        const auto history = programs.history(a.id);
        REQUIRE_FALSE(history.empty());
        CHECK(history.front().on == a.created_on);
        for (std::size_t k = 1; k < history.size(); ++k) {
            REQUIRE(history[k].from);
            CHECK(iro::is_legal_transition(*history[k].from, history[k].to));
            CHECK(history[k - 1].on <= history[k].on);
        }
        CHECK(history.back().on <= kToday);
        CHECK(history.back().to == a.status);
    }
    for (const auto& [status, name] : iro::EnumNames<iro::ApplicationStatus>::table) {
        INFO(name);
        CHECK(statuses[status] > 0);
    }
    std::int64_t decided = 0;
    std::int64_t accepted = 0;
    for (const auto& r : programs.success_rates()) {
        decided += r.decided;
        accepted += r.accepted;
    }
    CHECK(decided >= 20);
    CHECK(accepted > 0);
    CHECK(accepted < decided);
    CHECK_FALSE(programs.participation().empty());
}

TEST_CASE("sample data: visits", "[sample]") {
    const auto& store = default_office();
    const auto home = store.institutions().home();
    const auto visits = store.visits().find();
    REQUIRE(visits.size() >= 50);
    std::map<iro::VisitStatus, int> statuses;
    std::map<iro::VisitDirection, int> directions;
    std::set<int> years;
    int teaching = 0;
    int funded_by_program = 0;
    for (const auto& v : visits) {
        INFO("visit " << v.id.value() << " " << iro::format_date(v.start) << " to " << iro::format_date(v.end));
        ++statuses[v.status];
        ++directions[v.direction];
        years.insert(v.academic_year().start_year);
        if (v.direction == iro::VisitDirection::Incoming) CHECK(v.host_institution == home.id);
        else CHECK(v.home_institution == home.id);
        CHECK(v.note.starts_with("Sample data"));
        if (v.program) ++funded_by_program;
        // Dates agree with the status on the sample's day.
        switch (v.status) {
        case iro::VisitStatus::Completed: CHECK(v.end < kToday); break;
        case iro::VisitStatus::Ongoing: CHECK((v.start <= kToday && kToday <= v.end)); break;
        case iro::VisitStatus::Planned:
        case iro::VisitStatus::Confirmed: CHECK(v.start > kToday); break;
        case iro::VisitStatus::Cancelled: break;
        }
        if (v.direction == iro::VisitDirection::Incoming && v.purpose == iro::VisitPurpose::Teaching &&
            v.status == iro::VisitStatus::Completed) {
            ++teaching;
            CHECK(v.lectures > 0);
            CHECK(v.teaching_hours > 0);
            REQUIRE(v.host_unit);
            CHECK(store.units().get(*v.host_unit).institution == home.id);
        }
        // A visit under an agreement counts against one of its quota lines.
        if (v.agreement) {
            REQUIRE(v.mobility_type);
            const auto a = store.agreements().get(*v.agreement);
            CHECK(std::any_of(a.quotas.begin(), a.quotas.end(), [&](const iro::MobilityQuota& q) {
                return q.sending == v.home_institution && q.receiving == v.host_institution && q.type == *v.mobility_type;
            }));
            CHECK(a.in_force_on(v.start));
        }
    }
    for (const auto& [status, name] : iro::EnumNames<iro::VisitStatus>::table) {
        INFO(name);
        CHECK(statuses[status] > 0);
    }
    CHECK(directions[iro::VisitDirection::Incoming] >= 10);
    CHECK(directions[iro::VisitDirection::Outgoing] >= 10);
    CHECK(years.size() >= 2);
    CHECK(years.size() <= 3);
    CHECK(teaching >= 3);
    CHECK(funded_by_program >= 5);

    // Nobody is in two places at once, and visits use the quotas of the current academic year.
    CHECK(overlapping_commitments(store).empty());
    const auto quotas = iro::quota_utilisation(store, std::nullopt, iro::academic_year_of(kToday));
    CHECK(std::count_if(quotas.begin(), quotas.end(), [](const iro::QuotaUse& q) { return q.used > 0; }) >= 5);
    CHECK_FALSE(iro::visiting_professors(store, 2026).empty());
    CHECK_FALSE(iro::mobility_balance(store, iro::add_months(kToday, -12), kToday).empty());
}

TEST_CASE("sample data: dormant agreements and agreements never used", "[sample]") {
    const auto& store = default_office();
    const auto in_force = store.agreements().in_force_on(kToday);
    const auto dormant = iro::dormant_agreements(store, kToday, 12);
    const auto unused = iro::unused_agreements(store, kToday);
    REQUIRE_FALSE(unused.empty());
    REQUIRE_FALSE(dormant.empty());
    // A good share is in use, as in a working office; some were used only more than a year ago.
    CHECK(dormant.size() * 2 < in_force.size());
    const auto used_long_ago = std::count_if(dormant.begin(), dormant.end(), [](const iro::AgreementUsage& u) { return u.last_used.has_value(); });
    CHECK(used_long_ago >= 3);
    for (const auto& u : dormant)
        if (u.last_used) CHECK(*u.last_used < iro::add_months(kToday, -12));
    for (const auto& u : unused) {
        INFO(u.agreement.reference);
        iro::ActivityFilter activities;
        activities.agreement = u.agreement.id;
        CHECK(store.activities().count(activities) == 0);
        iro::VisitFilter visits;
        visits.agreement = u.agreement.id;
        // Visits planned for later are no use yet.
        for (const auto& v : store.visits().find(visits)) CHECK((v.status == iro::VisitStatus::Cancelled || v.start > kToday));
    }
}
