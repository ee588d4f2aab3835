#pragma once
// A person to write to at an institution or one of its units. Kept minimal on purpose.

#include "iro/ids.hpp"

#include <optional>
#include <string>

namespace iro {

struct Contact {
    ContactId id;  // set by the store
    InstitutionId institution;
    std::optional<UnitId> unit;  // must belong to `institution`
    std::string name;
    std::string role;   // "International Relations Officer"
    std::string email;  // optional, validated when given
    std::string phone;  // optional, free form ("+970 2 222 0000")

    friend bool operator==(const Contact&, const Contact&) = default;
};

} // namespace iro
