#include "iro/agreement_usage.hpp"

#include "iro/error.hpp"
#include "iro/store.hpp"
#include "store/database.hpp"

#include <unordered_map>

namespace iro {

namespace {
// The latest use (activity start or visit start, not cancelled) of every agreement, up to `on`.
std::unordered_map<std::int64_t, Date> last_uses(detail::Database& db, Date on) {
    auto& st = db.statement(
        "SELECT agreement_id, max(used_on) FROM ("
        "  SELECT agreement_id, start_on AS used_on FROM activity WHERE agreement_id IS NOT NULL AND start_on <= ?1"
        "  UNION ALL"
        "  SELECT agreement_id, start_on FROM visit WHERE agreement_id IS NOT NULL AND status <> 'cancelled' AND start_on <= ?1"
        ") GROUP BY agreement_id");
    st.bind(1, format_date(on));
    std::unordered_map<std::int64_t, Date> out;
    while (st.executeStep()) out.emplace(st.getColumn(0).getInt64(), parse_date(st.getColumn(1).getString(), "used_on"));
    return out;
}

template <class Keep>
std::vector<AgreementUsage> select_in_force(const Store& store, Date on, Keep&& keep) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    auto& db = detail::database_of(store);
    const auto uses = last_uses(db, on);
    std::vector<AgreementUsage> out;
    for (auto& a : store.agreements().in_force_on(on)) {
        const auto it = uses.find(a.id.value());
        const std::optional<Date> last = it == uses.end() ? std::nullopt : std::optional<Date>(it->second);
        if (keep(a, last)) out.push_back(AgreementUsage{std::move(a), last});
    }
    return out;
}
} // namespace

std::vector<AgreementUsage> dormant_agreements(const Store& store, Date on, int months) {
    check_date(on, "on");
    if (months < 1 || months > 1200) throw ValidationError("months", std::to_string(months), "a number of months from 1 to 1200");
    const auto since = add_months(on, -months);
    return select_in_force(store, on, [&](const Agreement&, const std::optional<Date>& last) { return !last || *last < since; });
}

std::vector<AgreementUsage> unused_agreements(const Store& store, Date on) {
    check_date(on, "on");
    return select_in_force(store, on, [](const Agreement& a, const std::optional<Date>& last) {
        return !last || (a.in_force_from && *last < *a.in_force_from);
    });
}

} // namespace iro
