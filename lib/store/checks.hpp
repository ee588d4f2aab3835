#pragma once
// Checks against stored rows that several collections share (private to the library).

#include "iro/date.hpp"
#include "iro/ids.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace iro::detail {

class Database;

// Throws NotFoundError("<entity>", id) unless `table` has a row with that id. `table` is
// one of iro's own table names, never caller input.
void require_row(Database& db, std::string_view table, std::string_view entity, std::int64_t id);

// Lifecycle moves are recorded in date order: throws ValidationError("on", ...) when `on` is
// not a real date or falls before the latest move in `table` (one of iro's transition tables,
// keyed by `key_column`) for that id.
void check_move_date(Database& db, std::string_view table, std::string_view key_column, std::int64_t id, Date on);

// Throws unless the unit exists and belongs to `institution`; ValidationError names `field`.
void check_unit_belongs(Database& db, std::optional<UnitId> unit, InstitutionId institution, std::string_view field);

} // namespace iro::detail
