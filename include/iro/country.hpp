#pragma once
// ISO 3166-1 alpha-2 countries with their UN M49 region, used to validate institution
// countries and to decide whether a partner is local, regional or international. The table
// also holds XK (Kosovo): not an ISO 3166-1 code, but the one GeoNames, ROR and the EU use.

#include "iro/enum_strings.hpp"

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

// UN M49 top-level regions.
enum class WorldRegion { Africa, Americas, Asia, Europe, Oceania, Antarctica };

template <>
struct EnumNames<WorldRegion> {
    static constexpr std::string_view field = "region";
    static constexpr std::array<std::pair<WorldRegion, std::string_view>, 6> table{{
        {WorldRegion::Africa, "africa"},
        {WorldRegion::Americas, "americas"},
        {WorldRegion::Asia, "asia"},
        {WorldRegion::Europe, "europe"},
        {WorldRegion::Oceania, "oceania"},
        {WorldRegion::Antarctica, "antarctica"},
    }};
};

struct Country {
    std::string_view code;       // ISO 3166-1 alpha-2, upper case
    std::string_view name;       // English short name
    WorldRegion region;          // UN M49 region
    std::string_view subregion;  // UN M49 sub-region, e.g. "Western Asia"
    bool arab_world;             // member state of the League of Arab States (Palestine included)
    bool mena;                   // Middle East and North Africa, World Bank definition
};

// An owning copy of a Country, for a value that must outlive the table or was not taken from
// it (the Python module builds, copies and pickles these).
struct CountryRecord {
    std::string code;
    std::string name;
    WorldRegion region = WorldRegion::Asia;
    std::string subregion;
    bool arab_world = false;
    bool mena = false;

    static CountryRecord from(const Country& c) {
        return {std::string(c.code), std::string(c.name), c.region, std::string(c.subregion), c.arab_world, c.mena};
    }
    friend bool operator==(const CountryRecord&, const CountryRecord&) = default;
};

// nullptr when the code is not an assigned ISO 3166-1 alpha-2 code or XK (codes are upper case).
const Country* find_country(std::string_view alpha2) noexcept;

// Throws ValidationError(field "country") for an unknown code.
const Country& country(std::string_view alpha2);

// All assigned codes, sorted by code.
std::span<const Country> all_countries() noexcept;

// The codes of every country in a region.
std::vector<std::string> countries_in(WorldRegion region);

// The default "regional" set for a home country: the Arab world and MENA together when the
// home country belongs to either, otherwise the home country's UN M49 sub-region.
// The home country itself is included.
std::vector<std::string> default_regional_countries(std::string_view home_country);

} // namespace iro
