#include <catch2/catch.hpp>

#include "iro/agreement_lifecycle.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"
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
    CHECK(summary.institutions == 121);
    CHECK(summary.partners == 120);
    CHECK(summary.institutions == store.institutions().count(all));
    CHECK(summary.partners == store.institutions().count());
    CHECK(summary.agreements == 200);
    CHECK(summary.agreements == store.agreements().count());
    const auto home = store.institutions().home();
    CHECK(summary.units == static_cast<std::int64_t>(store.units().of(home.id).size()));
    CHECK(summary.contacts == static_cast<std::int64_t>(store.contacts().of(home.id).size()));
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
        const auto partners = store.institutions().find();
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
        const auto partners = store.institutions().find();
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
        const auto partners = store.institutions().find();
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
