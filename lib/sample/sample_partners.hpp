#pragma once
// The real partner institutions the sample data starts from (private to the library): 120
// records of the ROR registry (CC0), compiled in from sample_partners.inc.

#include "iro/institution.hpp"

#include <cstddef>
#include <span>
#include <string_view>

namespace iro::detail {

struct SampleName {
    std::string_view value;
    std::string_view lang;
    NameKind kind;
};

struct SamplePartner {
    std::string_view ror;
    InstitutionType type;
    InstitutionStatus status;
    std::string_view country;
    std::string_view city;
    std::string_view website;
    std::string_view wikidata;
    std::size_t first_name;  // index into the name table
    std::size_t name_count;
};

std::span<const SamplePartner> sample_partners() noexcept;

// The record as an Institution ready for Institutions::add (no id, not home).
Institution to_institution(const SamplePartner& partner);

// The sample offices' home institution: Palestine Polytechnic University.
Institution sample_home_institution();

} // namespace iro::detail
