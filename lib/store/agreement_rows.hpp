#pragma once
// Agreements in force, narrowed in SQL, for analyses that look at many agreements and keep
// few: only the agreements kept are read whole.

#include "iro/agreement.hpp"
#include "iro/date.hpp"

#include "store/sql_filter.hpp"

#include <vector>

namespace iro::detail {

// The agreements in force on `on` (Agreement::in_force_on) for which the conditions of
// `also` hold too (SQL on the agreement table, alias `a`), in id order, with their parts
// unless `with_parts` is false (then parties, areas, quotas and documents are empty).
std::vector<Agreement> agreements_in_force(Database& db, Date on, const SqlFilter& also = {}, bool with_parts = true);

} // namespace iro::detail
