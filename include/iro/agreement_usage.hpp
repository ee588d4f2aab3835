#pragma once
// Which agreements are used: dormant agreements and agreements never used since signature.
// "Used" means a cooperation activity or a visit (not cancelled) under the agreement.

#include "iro/agreement.hpp"

#include <optional>
#include <vector>

namespace iro {

class Store;

struct AgreementUsage {
    Agreement agreement;
    std::optional<Date> last_used;  // the latest activity start or visit start up to the date
    friend bool operator==(const AgreementUsage&, const AgreementUsage&) = default;
};

// Agreements in force on `on` with no activity and no visit starting in the `months`
// months up to `on`: a use on add_months(on, -months) or later keeps an agreement active.
std::vector<AgreementUsage> dormant_agreements(const Store& store, Date on, int months = 12);

// Agreements in force on `on` with no activity and no visit since they entered into force.
std::vector<AgreementUsage> unused_agreements(const Store& store, Date on);

} // namespace iro
