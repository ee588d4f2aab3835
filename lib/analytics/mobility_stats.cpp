#include "iro/mobility_stats.hpp"

#include "iro/error.hpp"
#include "iro/store.hpp"
#include "analytics/quota_count.hpp"
#include "store/database.hpp"
#include "store/sql_filter.hpp"

#include <fmt/format.h>

namespace iro {

std::vector<QuotaUse> quota_utilisation(const Store& store, std::optional<AgreementId> agreement, std::optional<AcademicYear> year) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    auto& db = detail::database_of(store);
    detail::SqlFilter f;
    if (agreement) f.add("q.agreement_id = ?", agreement->value());
    if (year) f.add("y.start_year = ?", std::int64_t{year->start_year});
    auto& st = db.statement(
        std::string("SELECT q.agreement_id, a.title, y.start_year, q.sending_id, q.receiving_id, q.mobility_type, "
                    "q.mobilities_per_year, ") +
        detail::kQuotaUsedSql +
        " FROM mobility_quota q JOIN mobility_quota_year y ON y.quota_id = q.id JOIN agreement a ON a.id = q.agreement_id "
        "WHERE 1 = 1" + f.where + " ORDER BY q.agreement_id, y.start_year, q.position");
    f.bind(st);
    std::vector<QuotaUse> out;
    while (st.executeStep()) {
        QuotaUse u;
        u.agreement = AgreementId{st.getColumn(0).getInt64()};
        u.agreement_title = st.getColumn(1).getString();
        u.academic_year = AcademicYear{st.getColumn(2).getInt()};
        u.sending = InstitutionId{st.getColumn(3).getInt64()};
        u.receiving = InstitutionId{st.getColumn(4).getInt64()};
        u.type = enum_from_string<MobilityType>(st.getColumn(5).getString());
        u.allowed = st.getColumn(6).getInt64();
        u.used = st.getColumn(7).getInt64();
        out.push_back(std::move(u));
    }
    return out;
}

std::vector<MobilityBalance> mobility_balance(const Store& store, Date from, Date to) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    check_date(from, "from");
    check_date(to, "to");
    if (to < from) throw ValidationError("to", format_date(to), "a date on or after from (" + format_date(from) + ")");
    auto& db = detail::database_of(store);
    auto& st = db.statement(
        "SELECT m.partner, coalesce("
        "(SELECT n.value FROM institution_name n WHERE n.institution_id = m.partner AND n.kind = 'display' ORDER BY n.position LIMIT 1), "
        "(SELECT n.value FROM institution_name n WHERE n.institution_id = m.partner ORDER BY n.position LIMIT 1), ''), "
        "i.country, sum(m.direction = 'incoming'), sum(m.direction = 'outgoing') FROM ("
        "  SELECT CASE direction WHEN 'incoming' THEN home_institution_id ELSE host_institution_id END AS partner, direction "
        "  FROM visit WHERE status <> 'cancelled' AND start_on >= ? AND start_on <= ?"
        ") m JOIN institution i ON i.id = m.partner GROUP BY m.partner ORDER BY m.partner");
    st.bind(1, format_date(from));
    st.bind(2, format_date(to));
    std::vector<MobilityBalance> out;
    while (st.executeStep()) {
        MobilityBalance b;
        b.partner = InstitutionId{st.getColumn(0).getInt64()};
        b.partner_name = st.getColumn(1).getString();
        b.country = st.getColumn(2).getString();
        b.incoming = st.getColumn(3).getInt64();
        b.outgoing = st.getColumn(4).getInt64();
        out.push_back(std::move(b));
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
