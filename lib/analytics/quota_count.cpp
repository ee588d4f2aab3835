#include "analytics/quota_count.hpp"

#include "iro/academic_year.hpp"
#include "iro/enum_strings.hpp"
#include "store/database.hpp"
#include "store/sql_filter.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace iro::detail {

QuotaUseCount::QuotaUseCount(Database& db, std::optional<AgreementId> agreement, std::optional<int> first_year,
                             std::optional<int> last_year) {
    SqlFilter f;
    if (agreement) f.add("v.agreement_id = ?", agreement->value());
    // `+` keeps the planner on the agreement index, which holds every column read here.
    if (first_year) f.add("+v.start_on >= ?", fmt::format("{:04}-09-01", *first_year));
    if (last_year) f.add("+v.start_on <= ?", fmt::format("{:04}-08-31", *last_year + 1));
    auto& st = db.statement("SELECT v.agreement_id, v.home_institution_id, v.host_institution_id, v.start_on, v.mobility_type "
                            "FROM visit v WHERE v.agreement_id IS NOT NULL AND v.status <> 'cancelled' AND v.mobility_type IS NOT NULL" +
                            f.where);
    f.bind(st);
    while (st.executeStep()) {
        const auto start = parse_date(st.getColumn(3).getString(), "start_on");
        visits_.push_back(Key{st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64(),
                              academic_year_of(start).start_year, enum_from_string<MobilityType>(st.getColumn(4).getString())});
    }
    std::sort(visits_.begin(), visits_.end());
}

std::int64_t QuotaUseCount::used(AgreementId agreement, MobilityType type, InstitutionId sending, InstitutionId receiving,
                                 int start_year) const {
    const Key key{agreement.value(), sending.value(), receiving.value(), start_year, type};
    const auto [first, last] = std::equal_range(visits_.begin(), visits_.end(), key);
    return last - first;
}

} // namespace iro::detail
