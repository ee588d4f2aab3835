#pragma once
// How a quota line's use is counted, shared by quota_utilisation() and the KPI set.

#include "iro/ids.hpp"
#include "iro/visit.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <vector>

namespace iro::detail {

class Database;

// The visits that use quota line (agreement, sending -> receiving, type) in academic year Y:
// same agreement, home and host institution and mobility type, not cancelled, starting
// within the academic year (1 September Y to 31 August Y + 1).
//
// The candidate visits are read once, in one pass over the agreement index, and counted in
// memory: counting per line in SQL probed the visit index once per line and year, which
// made quota use of every agreement about twice as slow.
class QuotaUseCount {
public:
    // Reads the visits of `agreement` (all agreements when empty) that start within the
    // academic years first_year..last_year (any year when empty).
    QuotaUseCount(Database& db, std::optional<AgreementId> agreement, std::optional<int> first_year, std::optional<int> last_year);

    std::int64_t used(AgreementId agreement, MobilityType type, InstitutionId sending, InstitutionId receiving, int start_year) const;

private:
    struct Key {
        std::int64_t agreement;
        std::int64_t home;
        std::int64_t host;
        int year;
        MobilityType type;
        auto operator<=>(const Key&) const = default;
    };
    std::vector<Key> visits_;  // sorted
};

} // namespace iro::detail
