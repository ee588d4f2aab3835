#pragma once
// One ROR v2 record, from its JSON to the institution and RorDetails iro stores (private
// to the library). Every rule of ror_import.hpp's mapping lives here.

#include "iro/institution.hpp"
#include "iro/ror_details.hpp"

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <vector>

namespace iro::detail {

struct RorRecord {
    Institution institution;  // status Active or Inactive; Merged is decided by the store
    RorDetails details;
    std::vector<std::string> successors;  // ROR ids of `successor` relationships, when not active
    std::uint64_t content_hash = 0;        // of everything above, to tell unchanged records
};

// Validates `record` and maps it. Throws ValidationError whose field is the path inside the
// record ("names[2].lang").
RorRecord read_ror_record(simdjson::dom::element record);

// The record's "id" as written, for messages about a record that may be invalid.
std::string raw_ror_id(simdjson::dom::element record);

// An id as written, cut to 64 bytes and "..." for a message: a hostile id stays short.
std::string id_for_message(std::string_view id);

} // namespace iro::detail
