#pragma once
// JSON views of the domain types, used for the audit log's before/after snapshots.

#include "iro/activity.hpp"
#include "iro/agreement.hpp"
#include "iro/contact.hpp"
#include "iro/institution.hpp"
#include "iro/org_unit.hpp"
#include "iro/person.hpp"
#include "iro/program.hpp"
#include "iro/visit.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace iro::detail {

std::string to_json_text(const Institution& institution);
std::string to_json_text(const OrgUnit& unit);
std::string to_json_text(const Contact& contact);
std::string to_json_text(const Agreement& agreement);
std::string to_json_text(const Activity& activity);
std::string to_json_text(const Person& person);
std::string to_json_text(const Program& program);
std::string to_json_text(const Call& call);
std::string to_json_text(const Application& application);
std::string to_json_text(const Visit& visit);

// A quota line as JSON: the shape of the audit log and of the CSV and JSON exchange.
nlohmann::json quota_json(const MobilityQuota& quota);

} // namespace iro::detail
