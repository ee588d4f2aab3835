#include "query_measure.hpp"

#include "hand_sql.hpp"
#include "measure.hpp"

#include <iro/agreement_usage.hpp>
#include <iro/agreements.hpp>
#include <iro/country.hpp>
#include <iro/institutions.hpp>
#include <iro/kpis.hpp>
#include <iro/mobility_stats.hpp>
#include <iro/store.hpp>

#include <algorithm>
#include <functional>
#include <fmt/format.h>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

namespace iro::bench {

namespace {

// In force on ?1, exactly as Agreement::in_force_on: a tacitly renewing agreement stays in
// force until terminated; a renewed or expired one ends with its validity.
constexpr const char* kInForce =
    "a.status IN ('in_force', 'expired', 'renewed', 'terminated') AND a.in_force_from <= ?1 "
    "AND (a.terminated_on IS NULL OR ?1 < a.terminated_on) "
    "AND (a.valid_until IS NULL OR ?1 <= a.valid_until OR (a.tacit_renewal_years > 0 AND a.status IN ('in_force', 'terminated')))";

struct Pair {
    std::string name;
    std::function<std::vector<std::int64_t>()> iro;
    std::function<std::vector<std::int64_t>()> hand;
};

// ---- expiring within 90 days ----
// Agreements::expiring and dormant_agreements return whole agreements, so the hand-written
// side reads the same content: each agreement's row, then its parties, areas, quota lines
// with their academic years, and documents, fetched for the found ids at once.
using HandRow = std::vector<std::string>;

HandRow columns_of(const HandSql::Query& q, int first, int count) {
    HandRow row;
    row.reserve(static_cast<std::size_t>(count));
    for (int c = first; c < first + count; ++c) row.push_back(q.text(c));
    return row;
}

struct HandAgreement {
    HandRow row;
    std::vector<HandRow> parties, areas, quotas, quota_years, documents;
};

// The parts of `agreements` (keyed by id), as iro reads them: one query per part table for
// all the ids at once.
void read_parts(HandSql& sql, std::map<std::int64_t, HandAgreement>& agreements) {
    std::string ids = "[";
    for (const auto& [id, a] : agreements) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
    ids += "]";
    const auto parts = [&](const char* query, int columns, std::vector<HandRow> HandAgreement::*into) {
        auto p = sql.query(query);
        p.bind(1, ids);
        while (p.step()) (agreements[p.integer(0)].*into).push_back(columns_of(p, 1, columns));
    };
    parts("SELECT agreement_id, institution_id, unit_id, signed_on, signatory FROM agreement_party "
          "WHERE agreement_id IN (SELECT value FROM json_each(?1)) ORDER BY agreement_id, position",
          4, &HandAgreement::parties);
    parts("SELECT agreement_id, area FROM agreement_area WHERE agreement_id IN (SELECT value FROM json_each(?1)) "
          "ORDER BY agreement_id, position",
          1, &HandAgreement::areas);
    parts("SELECT agreement_id, id, sending_id, receiving_id, sending_unit_id, receiving_unit_id, mobility_type, "
          "mobilities_per_year, total_months_per_year, total_days_per_year, subject_areas, eqf_levels, language_skills, blended "
          "FROM mobility_quota WHERE agreement_id IN (SELECT value FROM json_each(?1)) ORDER BY agreement_id, position",
          13, &HandAgreement::quotas);
    parts("SELECT q.agreement_id, y.quota_id, y.start_year FROM mobility_quota_year y JOIN mobility_quota q ON q.id = y.quota_id "
          "WHERE q.agreement_id IN (SELECT value FROM json_each(?1)) ORDER BY y.quota_id, y.start_year",
          2, &HandAgreement::quota_years);
    parts("SELECT agreement_id, title, location, sha256 FROM agreement_document "
          "WHERE agreement_id IN (SELECT value FROM json_each(?1)) ORDER BY agreement_id, position",
          3, &HandAgreement::documents);
}

std::vector<std::int64_t> hand_expiring(HandSql& sql, Date on, int days) {
    const auto horizon = add_days(on, days);
    auto q = sql.query(
        "SELECT id, valid_until, tacit_renewal_years, kind, title, reference, status, proposed_on, in_force_from, "
        "terminated_on, notice_days, predecessor_id, note FROM agreement "
        "WHERE status = 'in_force' AND valid_until IS NOT NULL AND in_force_from <= ?1 AND valid_until <= ?2 "
        "AND (tacit_renewal_years > 0 OR valid_until >= ?1)");
    q.bind(1, format_date(on)).bind(2, format_date(horizon));
    std::vector<std::pair<int, std::int64_t>> found;  // days left, id
    std::map<std::int64_t, HandAgreement> agreements;
    while (q.step()) {
        Date end = parse_date(q.text(1));
        // Tacit renewals: step whole periods until the period holds `on`.
        for (const auto years = q.integer(2); years > 0 && end < on;) end = add_months(end, static_cast<int>(12 * years));
        const int left = days_between(on, end);
        if (left < 0 || left > days) continue;
        found.emplace_back(left, q.integer(0));
        agreements[q.integer(0)].row = columns_of(q, 0, 13);
    }
    read_parts(sql, agreements);
    std::sort(found.begin(), found.end());
    std::vector<std::int64_t> out;
    for (const auto& f : found) {
        // The content takes part in the comparison: the id, then how many parties and quota lines.
        const auto& a = agreements.at(f.second);
        out.push_back(f.second);
        out.push_back(static_cast<std::int64_t>(a.parties.size() * 1000 + a.quotas.size()));
    }
    return out;
}

// ---- dormant: in force, no use in 12 months ----
std::vector<std::int64_t> hand_dormant(HandSql& sql, Date on) {
    // Each agreement's latest use through two index lookups (activity and visit by agreement
    // and start), not by grouping every activity and visit.
    auto q = sql.query(fmt::format(
        "SELECT id, kind, title, reference, status, proposed_on, in_force_from, valid_until, terminated_on, "
        "tacit_renewal_years, notice_days, predecessor_id, note, used_on FROM (SELECT a.*, max("
        "  coalesce((SELECT max(x.start_on) FROM activity x WHERE x.agreement_id = a.id AND x.start_on <= ?1), ''),"
        "  coalesce((SELECT v.start_on FROM visit v WHERE v.agreement_id = a.id AND v.start_on <= ?1 AND v.status <> 'cancelled'"
        "            ORDER BY v.start_on DESC LIMIT 1), '')) AS used_on "
        " FROM agreement a WHERE {}) "
        "WHERE used_on = '' OR used_on < ?2 ORDER BY id", kInForce).c_str());
    q.bind(1, format_date(on)).bind(2, format_date(add_months(on, -12)));
    std::vector<std::int64_t> ids;
    std::map<std::int64_t, HandAgreement> agreements;
    while (q.step()) {
        ids.push_back(q.integer(0));
        agreements[q.integer(0)].row = columns_of(q, 0, 14);
    }
    read_parts(sql, agreements);
    return ids;
}

// ---- quota utilisation ----
std::vector<std::int64_t> hand_quota_use(HandSql& sql) {
    auto q = sql.query(
        "SELECT q.agreement_id, a.title, y.start_year, q.sending_id, q.receiving_id, q.mobility_type, q.mobilities_per_year, "
        "(SELECT count(*) FROM visit v WHERE v.agreement_id = q.agreement_id AND v.status <> 'cancelled' "
        "   AND v.mobility_type = q.mobility_type AND v.home_institution_id = q.sending_id AND v.host_institution_id = q.receiving_id "
        "   AND v.start_on >= printf('%04d-09-01', y.start_year) AND v.start_on <= printf('%04d-08-31', y.start_year + 1)) "
        "FROM mobility_quota q JOIN mobility_quota_year y ON y.quota_id = q.id JOIN agreement a ON a.id = q.agreement_id "
        "ORDER BY q.agreement_id, y.start_year, q.position");
    // Each row read whole, as iro returns it: agreement, title, year, ends, type, allowed, used.
    std::vector<HandRow> rows;
    std::vector<std::int64_t> used;
    while (q.step()) {
        rows.push_back(columns_of(q, 0, 7));
        used.push_back(q.integer(7));
    }
    return used;
}

// ---- mobility balance over the last year ----
std::vector<std::int64_t> hand_balance(HandSql& sql, Date from, Date to) {
    auto q = sql.query(
        "SELECT m.partner, (SELECT value FROM institution_name n WHERE n.institution_id = m.partner AND n.kind = 'display'), "
        "i.country, sum(m.direction = 'incoming'), sum(m.direction = 'outgoing') FROM ("
        "  SELECT CASE direction WHEN 'incoming' THEN home_institution_id ELSE host_institution_id END AS partner, direction "
        "  FROM visit WHERE status <> 'cancelled' AND start_on >= ? AND start_on <= ?"
        ") m JOIN institution i ON i.id = m.partner GROUP BY m.partner ORDER BY m.partner");
    q.bind(1, format_date(from)).bind(2, format_date(to));
    // Each row read whole, as iro returns it: partner, name, country, incoming, outgoing.
    std::vector<HandRow> rows;
    std::vector<std::int64_t> out;
    while (q.step()) {
        rows.push_back(columns_of(q, 0, 5));
        out.push_back(q.integer(0));
        out.push_back(q.integer(3) - q.integer(4));
    }
    return out;
}

// ---- the KPI set of a year ----
std::int64_t count(HandSql& sql, const char* text, const std::string& from, const std::string& to) {
    auto q = sql.query(text);
    q.bind(1, from).bind(2, to);
    q.step();
    return q.integer(0);
}

void add_regions(std::map<std::string, std::int64_t>& by_region, const std::set<std::string>& countries) {
    std::set<std::string> regions;
    for (const auto& c : countries)
        if (const auto* country = find_country(c)) regions.insert(std::string(to_string(country->region)));
    for (const auto& r : regions) ++by_region[r];
}

std::vector<std::int64_t> kpi_figures(const KpiSet& k) {
    std::vector<std::int64_t> v{k.new_agreements, k.active_agreements, k.dormant_agreements, k.incoming_visits, k.outgoing_visits,
                                k.visiting_professors, k.applications, k.accepted_applications, k.quota_used, k.quota_allowed};
    for (const auto* m : {&k.new_by_kind, &k.new_by_region, &k.new_by_area, &k.active_by_kind, &k.active_by_region, &k.active_by_area})
        for (const auto& [key, n] : *m) v.push_back(n);
    return v;
}

std::vector<std::int64_t> hand_kpis(HandSql& sql, int year) {
    KpiSet k;  // only as a record to compare with; every figure comes from SQL below
    const auto from = fmt::format("{:04}-01-01", year), to = fmt::format("{:04}-12-31", year);
    {
        auto q = sql.query(
            "SELECT a.id, a.kind, i.country FROM agreement a JOIN agreement_party p ON p.agreement_id = a.id "
            "JOIN institution i ON i.id = p.institution_id WHERE a.in_force_from >= ?1 AND a.in_force_from <= ?2 AND i.is_home = 0 "
            "AND a.status IN ('in_force', 'expired', 'renewed', 'terminated') ORDER BY a.id");
        q.bind(1, from).bind(2, to);
        std::int64_t current = 0;
        std::set<std::string> countries;
        const auto close = [&] {
            if (current) add_regions(k.new_by_region, countries);
            countries.clear();
        };
        while (q.step()) {
            if (q.integer(0) != current) {
                close();
                current = q.integer(0);
                ++k.new_agreements;
                ++k.new_by_kind[q.text(1)];
            }
            countries.insert(q.text(2));
        }
        close();
        auto areas = sql.query(
            "SELECT x.area, count(*) FROM agreement_area x JOIN agreement a ON a.id = x.agreement_id WHERE a.in_force_from >= ?1 "
            "AND a.in_force_from <= ?2 AND a.status IN ('in_force', 'expired', 'renewed', 'terminated') GROUP BY x.area");
        areas.bind(1, from).bind(2, to);
        while (areas.step()) k.new_by_area[areas.text(0)] = areas.integer(1);
    }
    {
        auto q = sql.query(fmt::format("SELECT a.id, a.kind, (SELECT group_concat(x.area) FROM agreement_area x WHERE x.agreement_id = a.id), "
                                       "(SELECT group_concat(i.country) FROM agreement_party p JOIN institution i ON i.id = p.institution_id "
                                       " WHERE p.agreement_id = a.id AND i.is_home = 0) FROM agreement a WHERE {}", kInForce).c_str());
        q.bind(1, to);
        const auto split = [](const std::string& list) {
            std::vector<std::string> out;
            std::size_t start = 0;
            while (start <= list.size() && !list.empty()) {
                const auto end = std::min(list.find(',', start), list.size());
                out.push_back(list.substr(start, end - start));
                start = end + 1;
            }
            return out;
        };
        while (q.step()) {
            ++k.active_agreements;
            ++k.active_by_kind[q.text(1)];
            for (const auto& area : split(q.text(2))) ++k.active_by_area[area];
            const auto countries = split(q.text(3));
            add_regions(k.active_by_region, std::set<std::string>(countries.begin(), countries.end()));
        }
    }
    k.dormant_agreements = static_cast<std::int64_t>(hand_dormant(sql, parse_date(to)).size());
    k.incoming_visits = count(sql, "SELECT count(*) FROM visit WHERE status <> 'cancelled' AND start_on >= ? AND start_on <= ? AND +direction = 'incoming'", from, to);
    k.outgoing_visits = count(sql, "SELECT count(*) FROM visit WHERE status <> 'cancelled' AND start_on >= ? AND start_on <= ? AND +direction = 'outgoing'", from, to);
    k.visiting_professors = count(sql,
        "SELECT count(*) FROM visit v JOIN person p ON p.id = v.person_id WHERE v.status <> 'cancelled' AND v.start_on >= ? AND "
        "v.start_on <= ? AND +v.direction = 'incoming' AND +p.role IN ('visiting_professor', 'faculty', 'researcher')", from, to);
    k.applications = count(sql, "SELECT count(*) FROM application x JOIN call c ON c.id = x.call_id WHERE c.deadline >= ? AND c.deadline <= ? AND x.status <> 'draft'", from, to);
    k.accepted_applications = count(sql, "SELECT count(*) FROM application x JOIN call c ON c.id = x.call_id WHERE c.deadline >= ? AND c.deadline <= ? AND x.status IN ('accepted', 'completed')", from, to);
    // Quota use over the academic years the calendar year touches.
    auto q = sql.query(
        "SELECT sum(q.mobilities_per_year), sum((SELECT count(*) FROM visit v WHERE v.agreement_id = q.agreement_id AND v.status <> 'cancelled' "
        "   AND v.mobility_type = q.mobility_type AND v.home_institution_id = q.sending_id AND v.host_institution_id = q.receiving_id "
        "   AND v.start_on >= printf('%04d-09-01', y.start_year) AND v.start_on <= printf('%04d-08-31', y.start_year + 1))) "
        "FROM mobility_quota q JOIN mobility_quota_year y ON y.quota_id = q.id WHERE y.start_year BETWEEN ?1 AND ?2");
    q.bind(1, std::int64_t{academic_year_of(parse_date(from)).start_year}).bind(2, std::int64_t{academic_year_of(parse_date(to)).start_year});
    q.step();
    k.quota_allowed = q.integer(0);
    k.quota_used = q.integer(1);
    return kpi_figures(k);
}

// ---- name search ----
std::vector<std::string> search_words(std::int64_t institutions) {
    std::vector<std::string> words;
    for (std::int64_t n = 1; n <= 200; ++n) words.push_back(fmt::format("bench univ {}", 1 + (n * 7919) % std::max<std::int64_t>(institutions - 1, 1)));
    return words;
}

std::vector<std::int64_t> hand_search(HandSql& sql, const std::vector<std::string>& texts) {
    std::vector<std::int64_t> ids;
    auto q = sql.query(
        "SELECT s.rowid, i.country, (SELECT value FROM institution_name n WHERE n.institution_id = s.rowid AND n.kind = 'display') "
        "FROM institution_search s JOIN institution i ON i.id = s.rowid WHERE institution_search MATCH ?1 ORDER BY s.rank LIMIT 50");
    for (const auto& text : texts) {
        // The words as FTS5 prefix terms; the bench words are already folded (lower case ASCII).
        std::string match;
        std::size_t start = 0;
        while (start < text.size()) {
            const auto end = std::min(text.find(' ', start), text.size());
            match += (match.empty() ? "\"" : " \"") + text.substr(start, end - start) + "\"*";
            start = end + 1;
        }
        q.reset();
        q.bind(1, match);
        while (q.step()) ids.push_back(q.integer(0));
    }
    return ids;
}

template <class T, class F>
std::vector<std::int64_t> ids_of(const std::vector<T>& rows, F&& id) {
    std::vector<std::int64_t> out;
    for (const auto& r : rows) out.push_back(id(r));
    return out;
}

} // namespace

nlohmann::json measure_queries(const std::filesystem::path& work, int repeats) {
    const auto path = (work / "iro.db").string();
    auto store = Store::open(path, OpenOptions{.create = false});
    HandSql sql(path);
    const Date on = today();
    const int year = static_cast<int>(on.year());
    const auto words = search_words(store.institutions().count(InstitutionFilter{.include_home = true}));

    std::vector<Pair> pairs;
    pairs.push_back({"expiring within 90 days",
                     [&] {
                         std::vector<std::int64_t> out;
                         for (const auto& e : store.agreements().expiring(on, 90)) {
                             out.push_back(e.agreement.id.value());
                             out.push_back(static_cast<std::int64_t>(e.agreement.parties.size() * 1000 + e.agreement.quotas.size()));
                         }
                         return out;
                     },
                     [&] { return hand_expiring(sql, on, 90); }});
    pairs.push_back({"dormant agreements", [&] { return ids_of(dormant_agreements(store, on, 12), [](const AgreementUsage& u) { return u.agreement.id.value(); }); },
                     [&] { return hand_dormant(sql, on); }});
    pairs.push_back({"quota utilisation", [&] { return ids_of(quota_utilisation(store), [](const QuotaUse& u) { return u.used; }); },
                     [&] { return hand_quota_use(sql); }});
    pairs.push_back({"mobility balance",
                     [&] {
                         std::vector<std::int64_t> out;
                         for (const auto& b : mobility_balance(store, add_days(on, -365), on)) {
                             out.push_back(b.partner.value());
                             out.push_back(b.incoming - b.outgoing);
                         }
                         return out;
                     },
                     [&] { return hand_balance(sql, add_days(on, -365), on); }});
    pairs.push_back({"KPI set", [&] { return kpi_figures(compute_kpis(store, year)); }, [&] { return hand_kpis(sql, year); }});
    pairs.push_back({"name search (200 searches)",
                     [&] {
                         std::vector<std::int64_t> out;
                         for (const auto& w : words)
                             for (const auto& i : store.institutions().search(w)) out.push_back(i.id.value());
                         return out;
                     },
                     [&] { return hand_search(sql, words); }});

    nlohmann::json out = nlohmann::json::array();
    for (auto& p : pairs) {
        const auto a = p.iro();
        const auto b = p.hand();
        if (a != b) throw std::runtime_error(fmt::format("{}: iro and the hand-written SQL disagree ({} and {} values)", p.name, a.size(), b.size()));
        double iro_best = 0, hand_best = 0;
        for (int r = 0; r < repeats; ++r) {
            const double ti = time_it([&] { (void)p.iro(); });
            const double th = time_it([&] { (void)p.hand(); });
            iro_best = r == 0 ? ti : std::min(iro_best, ti);
            hand_best = r == 0 ? th : std::min(hand_best, th);
        }
        out.push_back({{"query", p.name}, {"results", a.size()}, {"iro_seconds", iro_best}, {"hand_sql_seconds", hand_best}, {"checked", true}});
    }
    return out;
}

} // namespace iro::bench
