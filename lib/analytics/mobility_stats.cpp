#include "iro/mobility_stats.hpp"

#include "iro/error.hpp"
#include "iro/store.hpp"
#include "analytics/quota_count.hpp"
#include "store/database.hpp"
#include "store/sort_rows.hpp"
#include "store/sql_filter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <utility>

namespace iro {

std::vector<QuotaUse> quota_utilisation(const Store& store, std::optional<AgreementId> agreement, std::optional<AcademicYear> year) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    auto& db = detail::database_of(store);
    detail::SqlFilter f;
    if (agreement) f.add("q.agreement_id = ?", agreement->value());
    if (year) f.add("y.start_year = ?", std::int64_t{year->start_year});
    auto& st = db.statement(
        "SELECT q.agreement_id, a.title, y.start_year, q.sending_id, q.receiving_id, q.mobility_type, q.mobilities_per_year, "
        "q.position FROM mobility_quota q JOIN mobility_quota_year y ON y.quota_id = q.id JOIN agreement a ON a.id = q.agreement_id "
        "WHERE 1 = 1" + f.where);
    f.bind(st);
    std::optional<int> only_year;
    if (year) only_year = year->start_year;
    const detail::QuotaUseCount count(db, agreement, only_year, only_year);
    std::vector<QuotaUse> out;
    std::vector<std::tuple<std::int64_t, int, std::int64_t>> order;  // agreement, year, position
    while (st.executeStep()) {
        QuotaUse u;
        u.agreement = AgreementId{st.getColumn(0).getInt64()};
        u.agreement_title = st.getColumn(1).getString();
        u.academic_year = AcademicYear{st.getColumn(2).getInt()};
        u.sending = InstitutionId{st.getColumn(3).getInt64()};
        u.receiving = InstitutionId{st.getColumn(4).getInt64()};
        u.type = enum_from_string<MobilityType>(st.getColumn(5).getString());
        u.allowed = st.getColumn(6).getInt64();
        u.used = count.used(u.agreement, u.type, u.sending, u.receiving, u.academic_year.start_year);
        order.emplace_back(u.agreement.value(), u.academic_year.start_year, st.getColumn(7).getInt64());
        out.push_back(std::move(u));
    }
    detail::sort_rows(out, order);  // by agreement, academic year and line
    return out;
}

std::vector<MobilityBalance> mobility_balance(const Store& store, Date from, Date to) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    check_date(from, "from");
    check_date(to, "to");
    if (to < from) throw ValidationError("to", format_date(to), "a date on or after from (" + format_date(from) + ")");
    auto& db = detail::database_of(store);
    // Counted here rather than by GROUP BY: SQLite would sort the visits of the period
    // through a temporary b-tree, about five times slower than sorting their partner ids.
    auto& st = db.statement("SELECT direction = 'incoming', home_institution_id, host_institution_id FROM visit "
                            "WHERE status <> 'cancelled' AND start_on >= ? AND start_on <= ?");
    st.bind(1, format_date(from));
    st.bind(2, format_date(to));
    std::vector<std::pair<std::int64_t, bool>> visits;  // partner, incoming
    while (st.executeStep()) {
        const bool incoming = st.getColumn(0).getInt() != 0;
        visits.emplace_back(st.getColumn(incoming ? 1 : 2).getInt64(), incoming);
    }
    std::sort(visits.begin(), visits.end());
    std::vector<InstitutionId> partners;
    std::vector<MobilityBalance> out;
    for (const auto& [partner, incoming] : visits) {
        if (partners.empty() || partners.back().value() != partner) {
            partners.emplace_back(partner);
            out.push_back(MobilityBalance{InstitutionId{partner}, {}, {}, 0, 0});
        }
        ++(incoming ? out.back().incoming : out.back().outgoing);
    }
    const auto names = store.institutions().summaries(partners);  // in id order, as `out`
    for (std::size_t k = 0; k < out.size(); ++k) {
        out[k].partner_name = names[k].display_name;
        out[k].country = names[k].country;
    }
    return out;
}

std::vector<VisitingProfessorCount> visiting_professors(const Store& store, std::optional<int> year) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    auto& db = detail::database_of(store);
    detail::SqlFilter f;
    if (year) {
        if (*year < 1 || *year > 9999) throw ValidationError("year", std::to_string(*year), "a year from 1 to 9999");
        f.add("v.start_on >= ?", fmt::format("{:04}-01-01", *year));
        f.add("v.start_on <= ?", fmt::format("{:04}-12-31", *year));
    }
    auto& st = db.statement(
        "SELECT CAST(substr(v.start_on, 1, 4) AS INTEGER), v.host_unit_id, coalesce(u.name, ''), i.country, count(*), "
        "count(DISTINCT v.person_id), sum(v.lectures), sum(v.teaching_hours) FROM visit v JOIN person p ON p.id = v.person_id "
        "JOIN institution i ON i.id = v.home_institution_id LEFT JOIN org_unit u ON u.id = v.host_unit_id "
        "WHERE v.direction = 'incoming' AND v.status <> 'cancelled' AND p.role IN ('visiting_professor', 'faculty', 'researcher')" +
        f.where + " GROUP BY 1, 2, 4 ORDER BY 1, 3, 4");
    f.bind(st);
    std::vector<VisitingProfessorCount> out;
    while (st.executeStep()) {
        VisitingProfessorCount c;
        c.year = st.getColumn(0).getInt();
        if (auto u = detail::column_optional_id(st.getColumn(1))) c.host_unit = UnitId{*u};
        c.host_unit_name = st.getColumn(2).getString();
        c.country = st.getColumn(3).getString();
        c.visits = st.getColumn(4).getInt64();
        c.people = st.getColumn(5).getInt64();
        c.lectures = st.getColumn(6).getInt64();
        c.teaching_hours = st.getColumn(7).getDouble();
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace iro
