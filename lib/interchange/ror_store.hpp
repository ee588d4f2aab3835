#pragma once
// The SQL behind the ROR import (private to the library): institution rows written in bulk
// through cached prepared statements, and the ror_* tables of schema step 005.

#include "iro/institution.hpp"
#include "iro/ror_details.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace iro::detail {

class Database;

// What the store holds under a ROR id, read with one prepared lookup.
struct RorStoredState {
    InstitutionId id;
    InstitutionStatus status = InstitutionStatus::Active;
    std::optional<InstitutionId> successor;
    bool is_home = false;
    std::optional<std::uint64_t> content_hash;  // nullopt when not imported from ROR
    std::optional<RorStatus> ror_status;
};

std::optional<RorStoredState> find_ror_state(Database& db, const std::string& ror);
std::optional<InstitutionId> find_institution_id_by_ror(Database& db, const std::string& ror);

// Institution rows as Institutions::add and update write them, without their per-row checks:
// the importer has validated the record and matched it by ROR id. The names are written
// with the search index.
InstitutionId insert_ror_institution(Database& db, const Institution& institution);
void update_ror_institution(Database& db, const Institution& institution);
// Institutions imported from ROR as inactive or withdrawn, not yet Merged, whose record names
// a successor that is in the store: each with the first such successor in ROR's order.
std::vector<std::pair<InstitutionId, InstitutionId>> mergeable_institutions(Database& db);

void set_institution_status(Database& db, InstitutionId id, InstitutionStatus status, std::optional<InstitutionId> successor);

// Writes the ror_* rows of an institution; with `replace`, first removes any it had. An
// institution inserted by this import has none, and the lookup would cost a statement per record.
void write_ror_details(Database& db, InstitutionId id, const RorDetails& details, std::uint64_t content_hash, bool replace);
std::optional<RorDetails> read_ror_details(Database& db, InstitutionId id);

} // namespace iro::detail
