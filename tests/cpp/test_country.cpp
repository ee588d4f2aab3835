#include <catch2/catch.hpp>

#include "iro/country.hpp"
#include "iro/error.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using iro::WorldRegion;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& code) {
    return std::find(v.begin(), v.end(), code) != v.end();
}

} // namespace

TEST_CASE("country table holds every assigned alpha-2 code, sorted and unique", "[country]") {
    auto all = iro::all_countries();
    REQUIRE(all.size() == 250);  // the 249 ISO 3166-1 codes and XK

    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto code = all[i].code;
        INFO("code " << code);
        REQUIRE(code.size() == 2);
        CHECK(code[0] >= 'A');
        CHECK(code[0] <= 'Z');
        CHECK(code[1] >= 'A');
        CHECK(code[1] <= 'Z');
        CHECK_FALSE(all[i].name.empty());
        CHECK_FALSE(all[i].subregion.empty());
        CHECK(seen.insert(code).second);
        if (i > 0) CHECK(all[i - 1].code < code);
    }
}

TEST_CASE("find_country returns the table entry for known codes", "[country]") {
    const auto* ps = iro::find_country("PS");
    REQUIRE(ps != nullptr);
    CHECK(ps->code == "PS");
    CHECK(ps->name == "Palestine, State of");
    CHECK(ps->region == WorldRegion::Asia);
    CHECK(ps->subregion == "Western Asia");
    CHECK(ps->arab_world);
    CHECK(ps->mena);

    // First and last rows exercise the edges of the binary search.
    CHECK(iro::find_country("AD") != nullptr);
    CHECK(iro::find_country("ZW") != nullptr);
    CHECK(iro::find_country("AQ") != nullptr);
    CHECK(iro::find_country("TW") != nullptr);
    // XK is user-assigned, not ISO 3166-1, but GeoNames and ROR give it to Kosovo's institutions.
    REQUIRE(iro::find_country("XK") != nullptr);
    CHECK(iro::find_country("XK")->region == iro::WorldRegion::Europe);
    CHECK(iro::find_country("XX") == nullptr);  // other user-assigned codes are refused
}

TEST_CASE("Arab world and MENA flags differ where the definitions differ", "[country]") {
    const auto& il = iro::country("IL");
    CHECK(il.mena);
    CHECK_FALSE(il.arab_world);

    const auto& ir = iro::country("IR");
    CHECK(ir.mena);
    CHECK_FALSE(ir.arab_world);

    const auto& km = iro::country("KM");
    CHECK(km.arab_world);
    CHECK_FALSE(km.mena);

    const auto& de = iro::country("DE");
    CHECK(de.region == WorldRegion::Europe);
    CHECK(de.subregion == "Western Europe");
    CHECK_FALSE(de.arab_world);
    CHECK_FALSE(de.mena);

    std::size_t arab = 0, mena = 0;
    for (const auto& c : iro::all_countries()) {
        arab += c.arab_world ? 1 : 0;
        mena += c.mena ? 1 : 0;
    }
    CHECK(arab == 22);
    CHECK(mena == 21);
}

TEST_CASE("unknown or malformed codes are rejected", "[country]") {
    for (const std::string bad : {"XX", "ps", "", "PSE", "P", "Ps"}) {
        INFO("code '" << bad << "'");
        CHECK(iro::find_country(bad) == nullptr);
        try {
            (void)iro::country(bad);
            FAIL("country() accepted '" << bad << "'");
        } catch (const iro::ValidationError& e) {
            const std::string what = e.what();
            CHECK(what.find("country") != std::string::npos);
            CHECK(what.find(bad) != std::string::npos);
            CHECK(e.field() == "country");
            CHECK(e.value() == bad);
        }
    }
    CHECK_THROWS_AS(iro::default_regional_countries("XX"), iro::ValidationError);
}

TEST_CASE("default regional set for an Arab home country is Arab world plus MENA", "[country]") {
    const auto set = iro::default_regional_countries("PS");
    // 22 League members plus the MENA-only IR, IL and MT.
    CHECK(set.size() == 25);
    CHECK(contains(set, "PS"));
    CHECK(contains(set, "JO"));
    CHECK(contains(set, "IL"));
    CHECK(contains(set, "IR"));
    CHECK(contains(set, "MT"));
    CHECK(contains(set, "KM"));
    CHECK_FALSE(contains(set, "TR"));
    CHECK(std::is_sorted(set.begin(), set.end()));

    // A MENA-only home country gets the same set.
    CHECK(iro::default_regional_countries("IL") == set);
}

TEST_CASE("default regional set elsewhere is the home sub-region", "[country]") {
    const auto set = iro::default_regional_countries("DE");
    const std::vector<std::string> western_europe{"AT", "BE", "CH", "DE", "FR",
                                                  "LI", "LU", "MC", "NL"};
    CHECK(set == western_europe);
    CHECK(contains(set, "FR"));
    CHECK_FALSE(contains(set, "PL"));
}

TEST_CASE("countries_in lists a region in code order", "[country]") {
    const auto oceania = iro::countries_in(WorldRegion::Oceania);
    CHECK(contains(oceania, "AU"));
    CHECK(contains(oceania, "NZ"));
    CHECK(std::is_sorted(oceania.begin(), oceania.end()));

    std::size_t total = 0;
    for (const auto& [region, name] : iro::EnumNames<WorldRegion>::table) {
        INFO("region " << name);
        const auto codes = iro::countries_in(region);
        CHECK_FALSE(codes.empty());
        for (const auto& code : codes) CHECK(iro::country(code).region == region);
        total += codes.size();
    }
    CHECK(total == iro::all_countries().size());
}
