#pragma once
// JSON views of the domain types, used for the audit log's before/after snapshots.

#include "iro/agreement.hpp"
#include "iro/contact.hpp"
#include "iro/institution.hpp"
#include "iro/org_unit.hpp"

#include <string>

namespace iro::detail {

std::string to_json_text(const Institution& institution);
std::string to_json_text(const OrgUnit& unit);
std::string to_json_text(const Contact& contact);
std::string to_json_text(const Agreement& agreement);

} // namespace iro::detail
