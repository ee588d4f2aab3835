#pragma once
// The office's key performance indicators for a period: one set, the same from C++,
// Python and the report.

#include "iro/date.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace iro {

class Store;

struct KpiSet {
    Date from{};
    Date to{};
    // Agreements that entered into force within the period, by partner region (UN M49
    // region of any partner), kind and area.
    std::int64_t new_agreements = 0;
    std::map<std::string, std::int64_t> new_by_region, new_by_kind, new_by_area;
    // Agreements in force on `to`.
    std::int64_t active_agreements = 0;
    std::map<std::string, std::int64_t> active_by_region, active_by_kind, active_by_area;
    // Active agreements with no use in the 12 months up to `to`, and their share.
    std::int64_t dormant_agreements = 0;
    double dormant_share = 0;
    // Visits (not cancelled) starting within the period.
    std::int64_t incoming_visits = 0;
    std::int64_t outgoing_visits = 0;
    std::int64_t mobility_balance = 0;  // incoming - outgoing
    std::int64_t visiting_professors = 0;  // incoming visits by faculty, researchers and visiting professors
    // Applications to calls whose deadline falls within the period.
    std::int64_t applications = 0;
    std::int64_t accepted_applications = 0;
    double application_success_rate = 0;  // accepted / decided
    // Quota use over the academic years that the period touches.
    std::int64_t quota_used = 0;
    std::int64_t quota_allowed = 0;
    double quota_utilisation = 0;  // used / allowed
    // Accreditation on `to`: scopes (programmes or the institution) accredited, with or
    // without conditions; accreditations ending within 180 days after `to`; cases still
    // open; required evidence and follow-ups past their due date.
    std::int64_t accredited_scopes = 0;
    std::int64_t accreditations_expiring = 0;
    std::int64_t open_accreditation_cases = 0;
    std::int64_t overdue_evidence = 0;
    std::int64_t overdue_follow_ups = 0;

    friend bool operator==(const KpiSet&, const KpiSet&) = default;
};

// The KPI set for [from, to]. Throws ValidationError when `to` is before `from`.
KpiSet compute_kpis(const Store& store, Date from, Date to);
// The calendar year `year`.
KpiSet compute_kpis(const Store& store, int year);

} // namespace iro
