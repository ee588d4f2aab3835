#include "iro/kpis.hpp"

#include "iro/agreement_usage.hpp"
#include "iro/country.hpp"
#include "iro/error.hpp"
#include "iro/mobility_stats.hpp"
#include "iro/store.hpp"
#include "iro/visit.hpp"
#include "analytics/quota_count.hpp"
#include "store/agreement_rows.hpp"
#include "store/database.hpp"
#include "store/sql_filter.hpp"

#include <fmt/format.h>
#include <set>

namespace iro {

namespace {
double ratio(std::int64_t part, std::int64_t whole) {
    return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

// Counts agreements once per region any of their partners is in.
void add_regions(std::map<std::string, std::int64_t>& by_region, const std::set<std::string>& countries) {
    std::set<std::string> regions;
    for (const auto& c : countries)
        if (const auto* country = find_country(c)) regions.insert(std::string(to_string(country->region)));
    for (const auto& r : regions) ++by_region[r];
}

std::int64_t count_query(detail::Database& db, const std::string& sql, const std::string& from, const std::string& to) {
    auto& st = db.statement(sql);
    st.bind(1, from);
    st.bind(2, to);
    st.executeStep();
    const auto n = st.getColumn(0).getInt64();
    st.reset();
    return n;
}
} // namespace

KpiSet compute_kpis(const Store& store, Date from, Date to) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    check_date(from, "from");
    check_date(to, "to");
    if (to < from) throw ValidationError("to", format_date(to), fmt::format("a date on or after from ({})", format_date(from)));
    auto& db = detail::database_of(store);
    KpiSet k;
    k.from = from;
    k.to = to;
    const auto f = format_date(from), t = format_date(to);

    // New agreements: entered into force within the period.
    {
        std::map<std::int64_t, std::set<std::string>> countries;
        auto& st = db.statement(
            "SELECT a.id, a.kind, i.country FROM agreement a JOIN agreement_party p ON p.agreement_id = a.id "
            "JOIN institution i ON i.id = p.institution_id WHERE a.in_force_from >= ? AND a.in_force_from <= ? AND i.is_home = 0 "
            "AND a.status IN ('in_force', 'expired', 'renewed', 'terminated')");
        st.bind(1, f);
        st.bind(2, t);
        std::map<std::int64_t, std::string> kinds;
        while (st.executeStep()) {
            kinds[st.getColumn(0).getInt64()] = st.getColumn(1).getString();
            countries[st.getColumn(0).getInt64()].insert(st.getColumn(2).getString());
        }
        k.new_agreements = static_cast<std::int64_t>(kinds.size());
        for (const auto& [id, kind] : kinds) {
            ++k.new_by_kind[kind];
            add_regions(k.new_by_region, countries[id]);
        }
        auto& areas = db.statement(
            "SELECT x.area, count(*) FROM agreement_area x JOIN agreement a ON a.id = x.agreement_id WHERE a.in_force_from >= ? "
            "AND a.in_force_from <= ? AND a.status IN ('in_force', 'expired', 'renewed', 'terminated') GROUP BY x.area");
        areas.bind(1, f);
        areas.bind(2, t);
        while (areas.executeStep()) k.new_by_area[areas.getColumn(0).getString()] = areas.getColumn(1).getInt64();
    }

    // Active agreements: in force on the last day. Their kinds come with the rows; their
    // areas and partner countries from two queries over the ids, not from whole agreements.
    {
        const auto active = detail::agreements_in_force(db, to, {}, false);
        k.active_agreements = static_cast<std::int64_t>(active.size());
        std::vector<std::int64_t> ids;
        ids.reserve(active.size());
        for (const auto& a : active) {
            ids.push_back(a.id.value());
            ++k.active_by_kind[std::string(to_string(a.kind))];
        }
        const auto id_list = detail::json_id_array(ids);
        auto& areas = db.statement("SELECT area FROM agreement_area WHERE agreement_id IN (SELECT value FROM json_each(?))");
        areas.bind(1, id_list);
        while (areas.executeStep()) ++k.active_by_area[areas.getColumn(0).getString()];
        auto& partners = db.statement(
            "SELECT p.agreement_id, i.country FROM agreement_party p JOIN institution i ON i.id = p.institution_id "
            "WHERE i.is_home = 0 AND p.agreement_id IN (SELECT value FROM json_each(?)) ORDER BY p.agreement_id");
        partners.bind(1, id_list);
        std::int64_t current = 0;
        std::set<std::string> countries;
        while (partners.executeStep()) {
            if (partners.getColumn(0).getInt64() != current) {
                if (current) add_regions(k.active_by_region, countries);
                countries.clear();
                current = partners.getColumn(0).getInt64();
            }
            countries.insert(partners.getColumn(1).getString());
        }
        if (current) add_regions(k.active_by_region, countries);
    }
    k.dormant_agreements = static_cast<std::int64_t>(dormant_agreements(store, to, 12).size());
    k.dormant_share = ratio(k.dormant_agreements, k.active_agreements);

    // "+direction", "+role": the date range, through the covering visit_start index, narrows
    // far more than the direction or role indexes the planner would otherwise pick.
    const std::string visits = "SELECT count(*) FROM visit WHERE status <> 'cancelled' AND start_on >= ? AND start_on <= ? AND +direction = ";
    k.incoming_visits = count_query(db, visits + "'incoming'", f, t);
    k.outgoing_visits = count_query(db, visits + "'outgoing'", f, t);
    k.mobility_balance = k.incoming_visits - k.outgoing_visits;
    k.visiting_professors = count_query(
        db, "SELECT count(*) FROM visit v JOIN person p ON p.id = v.person_id WHERE v.status <> 'cancelled' AND v.start_on >= ? AND "
            "v.start_on <= ? AND +v.direction = 'incoming' AND +p.role IN ('visiting_professor', 'faculty', 'researcher')",
        f, t);

    const std::string applications = "SELECT count(*) FROM application x JOIN call c ON c.id = x.call_id WHERE c.deadline >= ? AND c.deadline <= ? AND ";
    k.applications = count_query(db, applications + "x.status <> 'draft'", f, t);
    k.accepted_applications = count_query(db, applications + "x.status IN ('accepted', 'completed')", f, t);
    const auto decided = count_query(db, applications + "x.status IN ('accepted', 'completed', 'rejected')", f, t);
    k.application_success_rate = ratio(k.accepted_applications, decided);

    // The quota lines of every academic year the period touches.
    {
        const int first_year = academic_year_of(from).start_year;
        const int last_year = academic_year_of(to).start_year;
        const detail::QuotaUseCount count(db, std::nullopt, first_year, last_year);
        auto& st = db.statement("SELECT q.agreement_id, q.mobility_type, q.sending_id, q.receiving_id, y.start_year, q.mobilities_per_year "
                                "FROM mobility_quota q JOIN mobility_quota_year y ON y.quota_id = q.id "
                                "WHERE y.start_year >= ? AND y.start_year <= ?");
        st.bind(1, std::int64_t{first_year});
        st.bind(2, std::int64_t{last_year});
        while (st.executeStep()) {
            k.quota_allowed += st.getColumn(5).getInt64();
            k.quota_used += count.used(AgreementId{st.getColumn(0).getInt64()}, enum_from_string<MobilityType>(st.getColumn(1).getString()),
                                       InstitutionId{st.getColumn(2).getInt64()}, InstitutionId{st.getColumn(3).getInt64()},
                                       st.getColumn(4).getInt());
        }
    }
    k.quota_utilisation = ratio(k.quota_used, k.quota_allowed);

    const auto& acc = store.accreditations();
    for (const auto& s : acc.status_on(to))
        if (s.state == AccreditationState::Accredited || s.state == AccreditationState::AccreditedWithConditions) ++k.accredited_scopes;
    k.accreditations_expiring = static_cast<std::int64_t>(acc.expiring(to, 180).size());
    for (const auto& c : acc.cases())
        if (!is_decision(c.status)) ++k.open_accreditation_cases;
    k.overdue_evidence = static_cast<std::int64_t>(acc.overdue_evidence(to).size());
    k.overdue_follow_ups = static_cast<std::int64_t>(acc.overdue_follow_ups(to).size());
    return k;
}

KpiSet compute_kpis(const Store& store, int year) {
    if (year < 1 || year > 9999) throw ValidationError("year", std::to_string(year), "a year from 1 to 9999");
    using namespace std::chrono;
    return compute_kpis(store, Date{std::chrono::year{year}, January, day{1}}, Date{std::chrono::year{year}, December, day{31}});
}

} // namespace iro
