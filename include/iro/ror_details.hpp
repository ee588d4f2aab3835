#pragma once
// What an imported ROR record says about an institution beyond the Institution fields:
// every name with all its ROR types, every organisation type, the raw status, locations,
// relationships, external ids, links, domains, the founding year and ROR's admin dates.
// Written by import_ror (ror_import.hpp), read back with ror_details().

#include "iro/date.hpp"
#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

class Store;

enum class RorNameType { RorDisplay, Label, Alias, Acronym };

template <>
struct EnumNames<RorNameType> {
    static constexpr std::string_view field = "ROR name type";
    static constexpr std::array<std::pair<RorNameType, std::string_view>, 4> table{{
        {RorNameType::RorDisplay, "ror_display"},
        {RorNameType::Label, "label"},
        {RorNameType::Alias, "alias"},
        {RorNameType::Acronym, "acronym"},
    }};
};

enum class RorOrgType { Education, Funder, Healthcare, Company, Archive, Nonprofit, Government, Facility, Other };

template <>
struct EnumNames<RorOrgType> {
    static constexpr std::string_view field = "ROR organisation type";
    static constexpr std::array<std::pair<RorOrgType, std::string_view>, 9> table{{
        {RorOrgType::Education, "education"},
        {RorOrgType::Funder, "funder"},
        {RorOrgType::Healthcare, "healthcare"},
        {RorOrgType::Company, "company"},
        {RorOrgType::Archive, "archive"},
        {RorOrgType::Nonprofit, "nonprofit"},
        {RorOrgType::Government, "government"},
        {RorOrgType::Facility, "facility"},
        {RorOrgType::Other, "other"},
    }};
};

// ROR's own status; Institution::status maps withdrawn and inactive both to Inactive (or to
// Merged when a successor is in the store), so the raw value is kept here.
enum class RorStatus { Active, Inactive, Withdrawn };

template <>
struct EnumNames<RorStatus> {
    static constexpr std::string_view field = "ROR status";
    static constexpr std::array<std::pair<RorStatus, std::string_view>, 3> table{{
        {RorStatus::Active, "active"},
        {RorStatus::Inactive, "inactive"},
        {RorStatus::Withdrawn, "withdrawn"},
    }};
};

enum class RorRelationshipType { Parent, Child, Related, Successor, Predecessor };

template <>
struct EnumNames<RorRelationshipType> {
    static constexpr std::string_view field = "ROR relationship type";
    static constexpr std::array<std::pair<RorRelationshipType, std::string_view>, 5> table{{
        {RorRelationshipType::Parent, "parent"},
        {RorRelationshipType::Child, "child"},
        {RorRelationshipType::Related, "related"},
        {RorRelationshipType::Successor, "successor"},
        {RorRelationshipType::Predecessor, "predecessor"},
    }};
};

enum class RorExternalIdType { Fundref, Grid, Isni, Wikidata };

template <>
struct EnumNames<RorExternalIdType> {
    static constexpr std::string_view field = "ROR external id type";
    static constexpr std::array<std::pair<RorExternalIdType, std::string_view>, 4> table{{
        {RorExternalIdType::Fundref, "fundref"},
        {RorExternalIdType::Grid, "grid"},
        {RorExternalIdType::Isni, "isni"},
        {RorExternalIdType::Wikidata, "wikidata"},
    }};
};

enum class RorLinkType { Website, Wikipedia };

template <>
struct EnumNames<RorLinkType> {
    static constexpr std::string_view field = "ROR link type";
    static constexpr std::array<std::pair<RorLinkType, std::string_view>, 2> table{{
        {RorLinkType::Website, "website"},
        {RorLinkType::Wikipedia, "wikipedia"},
    }};
};

struct RorName {
    std::string value;
    std::string lang;  // empty when ROR gives none
    std::vector<RorNameType> types;

    friend bool operator==(const RorName&, const RorName&) = default;
};

// One of ROR's `locations`, with the GeoNames details it carries. Empty text means null.
struct RorLocation {
    std::int64_t geonames_id = 0;
    std::string name;  // the city
    std::string country_code;
    std::string country_name;
    std::string subdivision_code;
    std::string subdivision_name;
    std::string continent_code;
    std::string continent_name;
    std::optional<double> lat;
    std::optional<double> lng;

    friend bool operator==(const RorLocation&, const RorLocation&) = default;
};

struct RorRelationship {
    RorRelationshipType type = RorRelationshipType::Related;
    std::string id;  // the other organisation's ROR id; it may not be in the store
    std::string label;

    friend bool operator==(const RorRelationship&, const RorRelationship&) = default;
};

struct RorExternalId {
    RorExternalIdType type = RorExternalIdType::Wikidata;
    std::vector<std::string> all;
    std::string preferred;  // empty when ROR gives none

    friend bool operator==(const RorExternalId&, const RorExternalId&) = default;
};

struct RorLink {
    RorLinkType type = RorLinkType::Website;
    std::string value;

    friend bool operator==(const RorLink&, const RorLink&) = default;
};

// One ROR record as imported, every list in ROR's order.
struct RorDetails {
    std::string id;  // "https://ror.org/0xxxxxxNN"
    std::vector<RorName> names;
    std::vector<RorOrgType> types;
    RorStatus status = RorStatus::Active;
    std::vector<RorLocation> locations;
    std::vector<RorRelationship> relationships;
    std::vector<RorExternalId> external_ids;
    std::vector<RorLink> links;
    std::vector<std::string> domains;
    std::optional<int> established;
    Date created{};                   // admin.created.date
    Date last_modified{};             // admin.last_modified.date
    std::string schema_version;       // admin.last_modified.schema_version, e.g. "2.1"

    friend bool operator==(const RorDetails&, const RorDetails&) = default;
};

// The ROR record last imported for an institution; nullopt when it was not imported from ROR.
std::optional<RorDetails> find_ror_details(const Store& store, InstitutionId institution);
// As find_ror_details; NotFoundError when the institution has no imported ROR record.
RorDetails ror_details(const Store& store, InstitutionId institution);

} // namespace iro
