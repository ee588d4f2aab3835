#pragma once
// Institutions: the home university and every partner (universities, institutes, centres,
// international bodies, funders, accreditation bodies, ranking organisations...).

#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

enum class InstitutionType {
    University,
    ResearchInstitute,
    ScientificCentre,
    InternationalOrganisation,
    GovernmentBody,
    Foundation,
    Company,
    Funder,
    AccreditationBody,
    RankingOrganisation,
    Other,
};

template <>
struct EnumNames<InstitutionType> {
    static constexpr std::string_view field = "type";
    static constexpr std::array<std::pair<InstitutionType, std::string_view>, 11> table{{
        {InstitutionType::University, "university"},
        {InstitutionType::ResearchInstitute, "research_institute"},
        {InstitutionType::ScientificCentre, "scientific_centre"},
        {InstitutionType::InternationalOrganisation, "international_organisation"},
        {InstitutionType::GovernmentBody, "government_body"},
        {InstitutionType::Foundation, "foundation"},
        {InstitutionType::Company, "company"},
        {InstitutionType::Funder, "funder"},
        {InstitutionType::AccreditationBody, "accreditation_body"},
        {InstitutionType::RankingOrganisation, "ranking_organisation"},
        {InstitutionType::Other, "other"},
    }};
};

// Merged: the institution lives on as `successor` (ROR's successor relationship).
enum class InstitutionStatus { Active, Inactive, Merged };

template <>
struct EnumNames<InstitutionStatus> {
    static constexpr std::string_view field = "status";
    static constexpr std::array<std::pair<InstitutionStatus, std::string_view>, 3> table{{
        {InstitutionStatus::Active, "active"},
        {InstitutionStatus::Inactive, "inactive"},
        {InstitutionStatus::Merged, "merged"},
    }};
};

// The kinds follow ROR: the display name, other official labels, aliases and acronyms.
enum class NameKind { Display, Label, Alias, Acronym };

template <>
struct EnumNames<NameKind> {
    static constexpr std::string_view field = "name kind";
    static constexpr std::array<std::pair<NameKind, std::string_view>, 4> table{{
        {NameKind::Display, "display"},
        {NameKind::Label, "label"},
        {NameKind::Alias, "alias"},
        {NameKind::Acronym, "acronym"},
    }};
};

struct Name {
    std::string value;
    std::string lang;  // BCP 47 primary language tag ("ar", "en"); empty when unknown
    NameKind kind = NameKind::Label;

    friend bool operator==(const Name&, const Name&) = default;
};

// Every identifier is optional; an empty string means "not known".
struct Identifiers {
    std::string ror;       // https://ror.org/0xxxxxxNN
    std::string erasmus;   // "PL WARSZAW01"
    std::string schac;     // EWP HEI id, "uw.edu.pl"
    std::string pic;       // 9 digits
    std::string wikidata;  // "Q12345"

    friend bool operator==(const Identifiers&, const Identifiers&) = default;
};

// Where a partner sits relative to the home institution.
enum class Scope { Local, Regional, International };

template <>
struct EnumNames<Scope> {
    static constexpr std::string_view field = "scope";
    static constexpr std::array<std::pair<Scope, std::string_view>, 3> table{{
        {Scope::Local, "local"},
        {Scope::Regional, "regional"},
        {Scope::International, "international"},
    }};
};

struct Institution {
    InstitutionId id;  // set by the store
    InstitutionType type = InstitutionType::University;
    std::vector<Name> names;  // exactly one of kind Display
    std::string country;      // ISO 3166-1 alpha-2
    std::string city;
    std::string website;
    Identifiers identifiers;
    InstitutionStatus status = InstitutionStatus::Active;
    std::optional<InstitutionId> successor;  // set when status is Merged
    bool is_home = false;

    // The Display name, or the first name when none is marked Display.
    std::string display_name() const;

    friend bool operator==(const Institution&, const Institution&) = default;
};

// Checks the fields that need no store: names, country, identifiers, status/successor.
// Throws ValidationError naming the first bad field.
void validate(const Institution& institution);

} // namespace iro
