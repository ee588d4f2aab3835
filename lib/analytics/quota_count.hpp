#pragma once
// How a quota line's use is counted, shared by quota_utilisation() and the KPI set.

namespace iro::detail {

// The visits that use quota line `q` in academic year `y` (tables aliased q and y): same
// agreement, direction (sending -> receiving) and mobility type, not cancelled, starting
// within the academic year (1 September to 31 August).
inline constexpr const char* kQuotaUsedSql =
    "(SELECT count(*) FROM visit v WHERE v.agreement_id = q.agreement_id AND v.status <> 'cancelled' "
    "AND v.mobility_type = q.mobility_type AND v.home_institution_id = q.sending_id AND v.host_institution_id = q.receiving_id "
    "AND v.start_on >= printf('%04d-09-01', y.start_year) AND v.start_on <= printf('%04d-08-31', y.start_year + 1))";

} // namespace iro::detail
