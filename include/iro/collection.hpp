#pragma once
// The collections of a store that can be exported and imported as tables (CSV or JSON),
// named as in files and on the command line.

#include "iro/enum_strings.hpp"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

// In dependency order: a collection only refers to collections before it, so importing a
// whole export in this order resolves every reference.
enum class Collection {
    Institutions,
    Units,
    Contacts,
    People,
    Agreements,
    Programs,
    Calls,
    Applications,
    Activities,
    Visits,
    Frameworks,
    AccreditationCases,
    CentreExpertise,
    CentreLinks,
    RankingMethodologies,
    RankingResults,
    HomeFigures,
};

template <>
struct EnumNames<Collection> {
    static constexpr std::string_view field = "collection";
    static constexpr std::array<std::pair<Collection, std::string_view>, 17> table{{
        {Collection::Institutions, "institutions"},
        {Collection::Units, "units"},
        {Collection::Contacts, "contacts"},
        {Collection::People, "people"},
        {Collection::Agreements, "agreements"},
        {Collection::Programs, "programs"},
        {Collection::Calls, "calls"},
        {Collection::Applications, "applications"},
        {Collection::Activities, "activities"},
        {Collection::Visits, "visits"},
        {Collection::Frameworks, "frameworks"},
        {Collection::AccreditationCases, "accreditation_cases"},
        {Collection::CentreExpertise, "centre_expertise"},
        {Collection::CentreLinks, "centre_links"},
        {Collection::RankingMethodologies, "ranking_methodologies"},
        {Collection::RankingResults, "ranking_results"},
        {Collection::HomeFigures, "home_figures"},
    }};
};

// Every collection, in dependency order.
std::vector<Collection> all_collections();

} // namespace iro
