#include "iro/agreement_usage.hpp"

#include "iro/error.hpp"
#include "iro/store.hpp"
#include "store/agreement_rows.hpp"
#include "store/database.hpp"
#include "store/sql_filter.hpp"

#include <fmt/format.h>
#include <unordered_map>

namespace iro {

namespace {
// The latest activity start, and the latest visit start unless cancelled, of agreement `a`
// up to a date (the one parameter of each): an index lookup each.
constexpr const char* kLastActivity =
    "(SELECT max(x.start_on) FROM activity x WHERE x.agreement_id = a.id AND x.start_on <= ?)";
constexpr const char* kLastVisit =
    "(SELECT v.start_on FROM visit v WHERE v.agreement_id = a.id AND v.start_on <= ? AND v.status <> 'cancelled' "
    "ORDER BY v.start_on DESC LIMIT 1)";

// The latest use up to `on` of each of `agreements` that has one.
std::unordered_map<std::int64_t, Date> last_uses(detail::Database& db, const std::vector<Agreement>& agreements, Date on) {
    std::vector<std::int64_t> ids;
    ids.reserve(agreements.size());
    for (const auto& a : agreements) ids.push_back(a.id.value());
    auto& st = db.statement(fmt::format("SELECT a.id, {}, {} FROM agreement a WHERE a.id IN (SELECT value FROM json_each(?))",
                                        kLastActivity, kLastVisit));
    st.bind(1, format_date(on));
    st.bind(2, format_date(on));
    st.bind(3, detail::json_id_array(ids));
    std::unordered_map<std::int64_t, Date> out;
    while (st.executeStep()) {
        std::optional<Date> last;
        for (int c : {1, 2}) {
            if (st.getColumn(c).isNull()) continue;
            const auto used = parse_date(st.getColumn(c).getString(), "used_on");
            if (!last || *last < used) last = used;
        }
        if (last) out.emplace(st.getColumn(0).getInt64(), *last);
    }
    return out;
}

// The agreements in force on `on` whose every use up to `on` (activity or visit start) is
// before `before`: an SQL expression on the agreement `a`, or a bound date when `since` is
// given. Only the agreements kept are read whole.
std::vector<AgreementUsage> unused_since(const Store& store, Date on, const std::string& before, const std::optional<Date>& since) {
    auto& db = detail::database_of(store);
    const detail::ReadScope snapshot(db);  // one state of the file throughout
    detail::SqlFilter also;
    for (const char* use : {kLastActivity, kLastVisit}) {
        // '' sorts before every date: never used counts as used before any date.
        also.add(fmt::format("coalesce({}, '') < {}", use, before), format_date(on));
        if (since) also.values.emplace_back(format_date(*since));
    }
    auto kept = detail::agreements_in_force(db, on, also);
    const auto uses = last_uses(db, kept, on);
    std::vector<AgreementUsage> out;
    out.reserve(kept.size());
    for (auto& a : kept) {
        const auto it = uses.find(a.id.value());
        out.push_back(AgreementUsage{std::move(a), it == uses.end() ? std::nullopt : std::optional<Date>(it->second)});
    }
    return out;
}
} // namespace

std::vector<AgreementUsage> dormant_agreements(const Store& store, Date on, int months) {
    check_date(on, "on");
    if (months < 1 || months > 1200) throw ValidationError("months", std::to_string(months), "a number of months from 1 to 1200");
    return unused_since(store, on, "?", add_months(on, -months));
}

std::vector<AgreementUsage> unused_agreements(const Store& store, Date on) {
    check_date(on, "on");
    return unused_since(store, on, "a.in_force_from", std::nullopt);
}

} // namespace iro
