// The partner registry: validation, the single home institution, identifiers, merges,
// scope, filters and multilingual search over real ROR records.
#include "test_support.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;

namespace {
// Every refused change must leave the store exactly as it was.
template <class Fn>
void check_refused_unchanged(Store& store, Fn&& fn) {
    const auto before = store.logical_dump();
    fn();
    CHECK(store.logical_dump() == before);
}

// Maps one ROR v2 record to an institution the way a test importer would.
Institution from_ror(const nlohmann::json& r) {
    Institution i;
    i.type = InstitutionType::Other;
    for (const auto& t : r.at("types")) {
        if (t == "education") i.type = InstitutionType::University;
        if (t == "funder" && i.type == InstitutionType::Other) i.type = InstitutionType::Funder;
    }
    for (const auto& n : r.at("names")) {
        Name name;
        name.value = n.at("value").get<std::string>();
        name.lang = n.at("lang").is_null() ? "" : n.at("lang").get<std::string>();
        const auto& types = n.at("types");
        const auto has = [&](const char* t) { return std::find(types.begin(), types.end(), t) != types.end(); };
        name.kind = has("ror_display") ? NameKind::Display : has("acronym") ? NameKind::Acronym : has("alias") ? NameKind::Alias : NameKind::Label;
        i.names.push_back(name);
    }
    const auto& geo = r.at("locations").at(0).at("geonames_details");
    i.country = geo.at("country_code").get<std::string>();
    i.city = geo.at("name").get<std::string>();
    i.identifiers.ror = r.at("id").get<std::string>();
    i.status = r.at("status") == "active" ? InstitutionStatus::Active : InstitutionStatus::Inactive;
    return i;
}

std::vector<Institution> ror_sample() {
    std::ifstream in(std::string(IRO_TEST_DATA_DIR) + "/ror-v2-sample-400.json");
    std::vector<Institution> out;
    for (const auto& r : nlohmann::json::parse(in)) out.push_back(from_ror(r));
    return out;
}

std::vector<std::string> names_of(const std::vector<Institution>& found) {
    std::vector<std::string> out;
    for (const auto& i : found) out.push_back(i.display_name());
    return out;
}
} // namespace

TEST_CASE("institutions round-trip every field", "[institutions]") {
    TestStore t(GENERATE(false, true));
    auto& reg = t.store.institutions();
    Institution i;
    i.type = InstitutionType::University;
    i.names = {{"American University of Bahrain", "en", NameKind::Display},
               {"الجامعة الأمريكية بالبحرين", "ar", NameKind::Label},
               {"AUBH", "", NameKind::Acronym}};
    i.country = "BH";
    i.city = "Riffa";
    i.website = "https://aubh.edu.bh";
    i.identifiers = {"https://ror.org/00b8p9q06", "", "aubh.edu.bh", "", "Q4743793"};
    const auto id = reg.add(i);
    i.id = id;
    CHECK(reg.get(id) == i);
    CHECK(reg.find_by_ror("00b8p9q06")->id == id);
    CHECK_FALSE(reg.find_by_ror("https://ror.org/0109gxs86").has_value());
}

TEST_CASE("bad institutions are refused with the field named and nothing written", "[institutions][errors]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& reg = t.store.institutions();
    struct Case {
        const char* what;
        std::function<void(Institution&)> spoil;
        const char* field;
    };
    const std::vector<Case> cases = {
        {"unknown country", [](Institution& i) { i.country = "XX"; }, "country"},
        {"lower-case country", [](Institution& i) { i.country = "jo"; }, "country"},
        {"no names", [](Institution& i) { i.names.clear(); }, "names"},
        {"two display names", [](Institution& i) { i.names.push_back({"Other", "en", NameKind::Display}); }, "names"},
        {"blank name", [](Institution& i) { i.names[0].value = "   "; }, "names[0].value"},
        {"control character in name", [](Institution& i) { i.names[0].value = "Bad\x01Name"; }, "names[0].value"},
        {"invalid UTF-8 name", [](Institution& i) { i.names[0].value = "Bad \xC3\x28"; }, "names[0].value"},
        {"name over the limit", [](Institution& i) { i.names[0].value = std::string(501, 'a'); }, "names[0].value"},
        {"broken ROR checksum", [](Institution& i) { i.identifiers.ror = "https://ror.org/0109gxs87"; }, "ror"},
        {"bad Erasmus code", [](Institution& i) { i.identifiers.erasmus = "warsaw"; }, "erasmus"},
        {"bad PIC", [](Institution& i) { i.identifiers.pic = "12ab"; }, "pic"},
        {"bad website", [](Institution& i) { i.website = "javascript:alert(1)"; }, "website"},
        {"merged without successor", [](Institution& i) { i.status = InstitutionStatus::Merged; }, "successor"},
        {"bad language tag", [](Institution& i) { i.names[0].lang = "en gb!"; }, "names[0].lang"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto i = make_institution("Test University", "JO");
        c.spoil(i);
        check_refused_unchanged(t.store, [&] {
            try {
                reg.add(i);
                FAIL("accepted");
            } catch (const ValidationError& e) {
                CHECK(e.field() == c.field);
                CHECK_THAT(e.what(), Contains(c.field) && Contains("expected"));
            }
        });
    }
}

TEST_CASE("a store has exactly one home institution", "[institutions][home]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& reg = t.store.institutions();
    CHECK(reg.home().id == office.home);
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(reg.add(make_institution("Another Home", "PS", true)), ConflictError);
        CHECK_THROWS_WITH(reg.add(make_institution("Another Home", "PS", true)),
                          Contains("already has a home institution") && Contains("Palestine Polytechnic University"));
    });
    auto partner = reg.get(office.jordan);
    partner.is_home = true;
    check_refused_unchanged(t.store, [&] { CHECK_THROWS_AS(reg.update(partner), ConflictError); });
    // The home institution is left out of partner listings unless asked for.
    CHECK(reg.count() == 3);
    CHECK(reg.count(InstitutionFilter{.include_home = true}) == 4);
}

TEST_CASE("identifiers are unique across institutions", "[institutions]") {
    auto store = Store::open(":memory:");
    auto& reg = store.institutions();
    auto a = make_institution("A", "FR");
    a.identifiers.ror = "https://ror.org/0109gxs86";
    a.identifiers.schac = "univ-tours.fr";
    const auto a_id = reg.add(a);
    auto b = make_institution("B", "FR");
    b.identifiers.ror = "0109gxs86";  // the bare form is normalised before the check
    check_refused_unchanged(store, [&] {
        CHECK_THROWS_WITH(reg.add(b), Contains("ror") && Contains("already used by institution " + std::to_string(a_id.value())));
    });
    b.identifiers.ror.clear();
    b.identifiers.schac = "univ-tours.fr";
    check_refused_unchanged(store, [&] { CHECK_THROWS_AS(reg.add(b), ConflictError); });
}

TEST_CASE("a merge keeps both records and links the successor", "[institutions][merge]") {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    auto& reg = store.institutions();
    reg.merge_into(office.birzeit, office.jordan);
    const auto merged = reg.get(office.birzeit);
    CHECK(merged.status == InstitutionStatus::Merged);
    CHECK(merged.successor == office.jordan);
    CHECK(merged.display_name() == "Birzeit University");
    check_refused_unchanged(store, [&] {
        CHECK_THROWS_AS(reg.merge_into(office.berlin, office.birzeit), ConflictError);  // target is itself merged
        CHECK_THROWS_AS(reg.merge_into(office.home, office.jordan), ConflictError);
        CHECK_THROWS_AS(reg.merge_into(office.berlin, office.berlin), ValidationError);
        CHECK_THROWS_AS(reg.merge_into(office.berlin, InstitutionId{999}), NotFoundError);
        CHECK_THROWS_WITH(reg.get(InstitutionId{999}), Contains("no institution with id 999"));
    });
}

TEST_CASE("scope is local, regional or international relative to home", "[institutions][scope]") {
    auto store = Store::open(":memory:");
    auto& reg = store.institutions();
    CHECK_THROWS_AS(reg.scope_of(make_institution("X", "JO")), NotFoundError);
    SmallOffice office(store);
    CHECK(reg.scope_of(reg.get(office.birzeit)) == Scope::Local);
    CHECK(reg.scope_of(reg.get(office.jordan)) == Scope::Regional);
    CHECK(reg.scope_of(reg.get(office.berlin)) == Scope::International);
    CHECK(reg.regional_countries().size() == 25);  // the Arab world and MENA together

    CHECK(names_of(reg.find(InstitutionFilter{.scope = Scope::Local})) == std::vector<std::string>{"Birzeit University"});
    CHECK(names_of(reg.find(InstitutionFilter{.scope = Scope::Regional})) == std::vector<std::string>{"University of Jordan"});
    CHECK(names_of(reg.find(InstitutionFilter{.scope = Scope::International})) ==
          std::vector<std::string>{"Freie Universität Berlin"});

    // The regional set is configurable.
    reg.set_regional_countries({"DE", "JO", "PS"});
    CHECK(reg.scope_of(reg.get(office.berlin)) == Scope::Regional);
    CHECK(reg.count(InstitutionFilter{.scope = Scope::International}) == 0);
    check_refused_unchanged(store, [&] { CHECK_THROWS_AS(reg.set_regional_countries({"DE", "ZZ"}), ValidationError); });
}

TEST_CASE("partners filter by country, region, type and status", "[institutions][filters]") {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    auto& reg = store.institutions();
    auto funder = make_institution("Deutscher Akademischer Austauschdienst", "DE");
    funder.type = InstitutionType::Funder;
    reg.add(funder);
    CHECK(reg.count(InstitutionFilter{.country = "DE"}) == 2);
    CHECK(reg.count(InstitutionFilter{.type = InstitutionType::Funder}) == 1);
    CHECK(reg.count(InstitutionFilter{.region = WorldRegion::Europe}) == 2);
    CHECK(reg.count(InstitutionFilter{.region = WorldRegion::Asia}) == 2);  // JO and PS partners
    CHECK(reg.count(InstitutionFilter{.status = InstitutionStatus::Inactive}) == 0);
    CHECK_THROWS_AS(reg.find(InstitutionFilter{.country = "XX"}), ValidationError);
}

TEST_CASE("name search folds case, accents and Arabic variants over real ROR names", "[institutions][search]") {
    TestStore t(GENERATE(false, true));
    auto& reg = t.store.institutions();
    const auto ids = reg.add_many(ror_sample());
    REQUIRE(ids.size() == 400);

    const auto first = [&](const char* query) {
        const auto found = reg.search(query);
        return found.empty() ? std::string("<none>") : found.front().display_name();
    };
    // Arabic written without hamza and with ه for ة still finds the record.
    CHECK(first("الجامعة الامريكية بالبحرين") == "American University of Bahrain");
    CHECK(first("الجامعه الأمريكيه") == "American University of Bahrain");
    CHECK(first("الاهلي") == "Ahli Hospital");
    CHECK(first("معهد الاعلام الاردني") == "Jordan Media Institute");
    // Latin accents and case.
    CHECK(first("INTERACTIONS culturelles") == "Interactions Culturelles et Discursives");
    CHECK(first("medico-pharmaceutique zaporijia") == "Zaporizhzhia State Medical and Pharmaceutical University");
    CHECK(first("Запорізький медико") == "Zaporizhzhia State Medical and Pharmaceutical University");
    // Acronyms and prefixes.
    CHECK(first("aubh") == "American University of Bahrain");
    CHECK(first("zaporiz") == "Zaporizhzhia State Medical and Pharmaceutical University");

    // Operators and SQL are plain text, never syntax.
    for (const char* odd : {"'; DROP TABLE institution; --", "\"", "NEAR(a b)", "a OR b", "*", "^x", "  ", ""}) {
        INFO(odd);
        CHECK_NOTHROW(reg.search(odd));
    }
    CHECK(reg.search("'; DROP TABLE institution; --").empty());
    CHECK(reg.count() == 400);
    CHECK_THROWS_AS(reg.search("x", 0), ValidationError);
}

TEST_CASE("add_many is all or nothing and names the bad row", "[institutions][bulk]") {
    auto store = Store::open(":memory:");
    auto rows = ror_sample();
    rows.resize(10);
    rows[7].country = "QQ";
    check_refused_unchanged(store, [&] {
        try {
            store.institutions().add_many(rows);
            FAIL("accepted");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "institutions[7].country");
            CHECK_THAT(e.what(), Contains("QQ"));
        }
    });
    CHECK(store.institutions().count() == 0);
}

TEST_CASE("SQL metacharacters in names round-trip exactly", "[institutions][security]") {
    auto store = Store::open(":memory:");
    const std::vector<std::string> nasty = {"Robert'); DROP TABLE institution;--", "\" OR 1=1 --", "100% _wild_ \\ cards",
                                            "/* comment */ SELECT", "ضَمّة ‘quotes’ “double”"};
    for (const auto& n : nasty) {
        const auto id = store.institutions().add(make_institution(n, "PS"));
        CHECK(store.institutions().get(id).display_name() == n);
    }
    CHECK(store.institutions().count() == static_cast<std::int64_t>(nasty.size()));
}

TEST_CASE("units form a tree and contacts belong to their institution", "[units][contacts]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& units = t.store.units();
    const auto eng = units.add(OrgUnit{{}, office.home, {}, UnitKind::Faculty, "Faculty of Engineering", "ENG"});
    const auto cs = units.add(OrgUnit{{}, office.home, eng, UnitKind::Department, "Computer Engineering", ""});
    const auto centre = units.add(OrgUnit{{}, office.home, cs, UnitKind::ScientificCentre, "Renewable Energy Centre", ""});
    const auto partner_unit = units.add(OrgUnit{{}, office.jordan, {}, UnitKind::Faculty, "Faculty of Science", ""});

    const auto tree = units.of(office.home);
    REQUIRE(tree.size() == 3);
    CHECK(tree[0].id == eng);
    CHECK(tree[2].id == centre);
    CHECK(units.children(eng).size() == 1);
    CHECK(units.get(centre).kind == UnitKind::ScientificCentre);

    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(units.add(OrgUnit{{}, office.home, partner_unit, UnitKind::Department, "Wrong parent", ""}), ValidationError);
        CHECK_THROWS_AS(units.add(OrgUnit{{}, InstitutionId{999}, {}, UnitKind::Office, "Nowhere", ""}), NotFoundError);
        CHECK_THROWS_AS(units.add(OrgUnit{{}, office.home, {}, UnitKind::Office, "", ""}), ValidationError);
        auto cycle = units.get(eng);
        cycle.parent = centre;
        CHECK_THROWS_AS(units.update(cycle), ConflictError);
        CHECK_THROWS_WITH(units.update(cycle), Contains("inside it"));
    });

    auto& contacts = t.store.contacts();
    const auto c = contacts.add(Contact{{}, office.home, eng, "International Relations Officer", "Officer", "iro@ppu.edu", "+970 2 123 4567"});
    CHECK(contacts.get(c).email == "iro@ppu.edu");
    CHECK(contacts.of(office.home).size() == 1);
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(contacts.add(Contact{{}, office.jordan, eng, "X", "", "", ""}), ValidationError);  // unit of another institution
        CHECK_THROWS_AS(contacts.add(Contact{{}, office.home, {}, "X", "", "not-an-email", ""}), ValidationError);
        CHECK_THROWS_AS(contacts.add(Contact{{}, office.home, {}, "X", "", "", "call me"}), ValidationError);
    });
    contacts.remove(c);
    CHECK(contacts.of(office.home).empty());
    CHECK_THROWS_AS(contacts.get(c), NotFoundError);
}

TEST_CASE("institution summaries are the display name, country and home flag of each institution", "[institutions][summaries]") {
    TestStore t(false);
    auto& store = t.store;
    store.institutions().add(make_institution("Palestine Polytechnic University", "PS", true));
    const auto ids = store.institutions().add_many(ror_sample());
    REQUIRE(ids.size() == 400);
    InstitutionFilter all;
    all.include_home = true;
    const auto whole = store.institutions().find(all);
    const auto summaries = store.institutions().summaries(all);
    REQUIRE(summaries.size() == whole.size());
    for (std::size_t k = 0; k < whole.size(); ++k) {
        INFO(whole[k].id.value());
        CHECK(summaries[k].id == whole[k].id);
        CHECK(summaries[k].display_name == whole[k].display_name());
        CHECK(summaries[k].country == whole[k].country);
        CHECK(summaries[k].is_home == whole[k].is_home);
    }
    // A display name stored after other names is still the one chosen.
    CHECK(std::any_of(whole.begin(), whole.end(), [](const Institution& i) { return i.names.front().kind != NameKind::Display; }));

    SECTION("the filters of find() select the same institutions") {
        InstitutionFilter f;
        f.country = "DE";
        std::vector<InstitutionId> found, summarised;
        for (const auto& i : store.institutions().find(f)) found.push_back(i.id);
        for (const auto& i : store.institutions().summaries(f)) summarised.push_back(i.id);
        REQUIRE_FALSE(found.empty());
        CHECK(summarised == found);
        // The default filter leaves the home institution out, as find() does.
        const auto partners = store.institutions().summaries();
        CHECK(std::none_of(partners.begin(), partners.end(), [](const InstitutionSummary& i) { return i.is_home; }));
        CHECK(partners.size() + 1 == summaries.size());
    }
    SECTION("by ids: any order and repeats, answered in id order") {
        const auto some = store.institutions().summaries({ids[7], ids[2], ids[7], store.institutions().home().id});
        REQUIRE(some.size() == 3);
        CHECK(some[0].is_home);
        CHECK(some[1].id == ids[2]);
        CHECK(some[2].id == ids[7]);
        CHECK(some[2].display_name == store.institutions().get(ids[7]).display_name());
        CHECK(store.institutions().summaries(std::vector<InstitutionId>{}).empty());
    }
    SECTION("scattered ids and a filtered few have the same names as a whole read") {
        // Few ids over a wide range read their names by id; many over a narrow range scan it.
        std::vector<InstitutionId> scattered;
        for (std::size_t k = 3; k < ids.size(); k += 61) scattered.push_back(ids[k]);
        InstitutionFilter german;
        german.country = "DE";
        for (const auto& some : {store.institutions().summaries(scattered), store.institutions().summaries(german)}) {
            REQUIRE(some.size() > 1);
            for (const auto& s : some) {
                INFO(s.id.value());
                CHECK(s == InstitutionSummary{s.id, store.institutions().get(s.id).display_name(), store.institutions().get(s.id).country, false});
            }
        }
    }
    SECTION("an unknown id is NotFoundError naming it") {
        CHECK_THROWS_MATCHES(store.institutions().summaries({ids[0], InstitutionId{987654}}), NotFoundError,
                             Catch::Matchers::Message("no institution with id 987654"));
        // Ids close to the others (marked in a table, not sorted), and ids below 1.
        const auto near = ids.back().value() + 5;
        CHECK_THROWS_MATCHES(store.institutions().summaries({ids[3], InstitutionId{near}, ids[3]}), NotFoundError,
                             Catch::Matchers::Message(fmt::format("no institution with id {}", near)));
        CHECK_THROWS_MATCHES(store.institutions().summaries({ids[3], InstitutionId{0}}), NotFoundError,
                             Catch::Matchers::Message("no institution with id 0"));
        CHECK_THROWS_MATCHES(store.institutions().summaries({InstitutionId{-4}, ids[3]}), NotFoundError,
                             Catch::Matchers::Message("no institution with id -4"));
    }
}
