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
#include <fmt/format.h>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <vector>

namespace iro::bench {

namespace {

// In force on ?1, exactly as Agreement::in_force_on: a tacitly renewing agreement stays in
// force until terminated; a renewed or expired one ends with its validity.
constexpr const char* kInForce =
    "a.status IN ('in_force', 'expired', 'renewed', 'terminated') AND a.in_force_from <= ?1 "
    "AND (a.terminated_on IS NULL OR ?1 < a.terminated_on) "
    "AND (a.valid_until IS NULL OR ?1 <= a.valid_until OR (a.tacit_renewal_years > 0 AND a.status IN ('in_force', 'terminated')))";

// The display name of an institution as iro gives it: its first name of kind 'display' by
// position, else its first name.
std::string display_name_of(const char* institution) {
    return fmt::format("coalesce((SELECT n.value FROM institution_name n WHERE n.institution_id = {0} AND n.kind = 'display' "
                       "ORDER BY n.position LIMIT 1), "
                       "(SELECT n.value FROM institution_name n WHERE n.institution_id = {0} ORDER BY n.position LIMIT 1))",
                       institution);
}

// ---- results as rows of plain values ----
// The check turns each side's result into rows of values (outside the timings) and compares
// every field the hand-written SQL reads with the same field of iro's result.
using HandRow = std::vector<Value>;

struct Rows {
    std::string kind;                  // what one row is: "agreement", "party", ...
    std::vector<std::string> columns;  // the field names, for the message on a difference
    std::vector<HandRow> rows;
};
using Result = std::vector<Rows>;

std::string shown(const Value& v) {
    if (std::holds_alternative<std::monostate>(v)) return "NULL";
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v)) return fmt::format("{} (real)", *d);
    return "'" + std::get<std::string>(v) + "'";
}

std::size_t column_index(const Rows& rows, std::string_view name) {
    const auto it = std::find(rows.columns.begin(), rows.columns.end(), name);
    if (it == rows.columns.end()) throw std::logic_error(fmt::format("no column {} in {} rows", name, rows.kind));
    return static_cast<std::size_t>(it - rows.columns.begin());
}

// Throws on the first field that differs, naming the query, the row and the field.
void check_same(const std::string& query, const Result& iro, const Result& hand) {
    if (iro.size() != hand.size()) throw std::logic_error(query + ": the two results do not have the same kinds of rows");
    for (std::size_t k = 0; k < iro.size(); ++k) {
        const auto& a = iro[k];
        const auto& b = hand[k];
        for (std::size_t r = 0; r < std::min(a.rows.size(), b.rows.size()); ++r) {
            if (a.rows[r].size() != a.columns.size() || b.rows[r].size() != a.columns.size())
                throw std::logic_error(fmt::format("{}: {} row {} has {} fields from iro and {} from the hand-written SQL, for {} columns",
                                                   query, a.kind, r, a.rows[r].size(), b.rows[r].size(), a.columns.size()));
            for (std::size_t c = 0; c < a.columns.size(); ++c)
                if (a.rows[r][c] != b.rows[r][c])
                    throw std::runtime_error(fmt::format("{}: {} row {} ({} {}), field {}: iro has {}, the hand-written SQL {}", query,
                                                         a.kind, r, a.columns[0], shown(a.rows[r][0]), a.columns[c],
                                                         shown(a.rows[r][c]), shown(b.rows[r][c])));
        }
        if (a.rows.size() != b.rows.size())
            throw std::runtime_error(fmt::format("{}: iro has {} {} rows, the hand-written SQL {}", query, a.rows.size(), a.kind, b.rows.size()));
    }
}

Value date_or_null(const std::optional<Date>& date) { return date ? Value{format_date(*date)} : Value{}; }

template <class Id>
Value id_or_null(const std::optional<Id>& id) {
    return id ? Value{id->value()} : Value{};
}

template <class Enum>
Value name_of(Enum value) {
    return std::string(to_string(value));
}

// The columns of a SQL result read as stored: integers as integers, texts as texts.
HandRow columns_of(const HandSql::Query& q, int first, int count) {
    HandRow row;
    row.reserve(static_cast<std::size_t>(count));
    for (int c = first; c < first + count; ++c) row.push_back(q.value(c));
    return row;
}

// ---- whole agreements: expiring within 90 days, dormant ----
// Agreements::expiring and dormant_agreements return whole agreements, so the hand-written
// side reads the same content: each agreement's row, then its parties, areas, quota lines
// with their academic years, and documents, fetched for the found ids at once.
const std::vector<std::string> kAgreementColumns = {"id", "kind", "title", "reference", "status", "proposed_on", "in_force_from",
                                                    "valid_until", "terminated_on", "tacit_renewal_years", "notice_days",
                                                    "predecessor_id", "note"};
constexpr int kValidUntilColumn = 7;          // in kAgreementColumns
constexpr int kTacitRenewalYearsColumn = 9;

std::string agreement_select_list() {
    std::string list;
    for (const auto& c : kAgreementColumns) list += (list.empty() ? "" : ", ") + c;
    return list;
}

struct HandAgreement {
    HandRow row;  // kAgreementColumns, then what the query adds
    std::vector<HandRow> parties, areas, quotas, quota_years, documents;  // without the agreement id
};

enum AgreementRows : std::size_t { kAgreementRows, kPartyRows, kAreaRows, kQuotaRows, kDocumentRows };

// The rows of whole agreements; `added` names what the query adds to each agreement's row.
Result agreement_rows(const std::vector<std::string>& added) {
    auto columns = kAgreementColumns;
    columns.insert(columns.end(), added.begin(), added.end());
    return {
        {"agreement", columns, {}},
        {"party", {"agreement_id", "institution_id", "unit_id", "signed_on", "signatory"}, {}},
        {"area", {"agreement_id", "area"}, {}},
        {"quota line",
         {"agreement_id", "sending_id", "receiving_id", "sending_unit_id", "receiving_unit_id", "mobility_type", "mobilities_per_year",
          "total_months_per_year", "total_days_per_year", "subject_areas", "eqf_levels", "language_skills", "blended", "academic_years"},
         {}},
        {"document", {"agreement_id", "title", "location", "sha256"}, {}},
    };
}

void add_iro_agreement(Result& out, const Agreement& a, const HandRow& added) {
    HandRow row = {a.id.value(), name_of(a.kind), a.title,
                   a.reference.empty() ? Value{} : Value{a.reference},  // the store keeps no reference as NULL
                   name_of(a.status), format_date(a.proposed_on), date_or_null(a.in_force_from), date_or_null(a.valid_until),
                   date_or_null(a.terminated_on), std::int64_t{a.tacit_renewal_years}, std::int64_t{a.notice_days},
                   id_or_null(a.predecessor), a.note};
    row.insert(row.end(), added.begin(), added.end());
    out[kAgreementRows].rows.push_back(std::move(row));
    const Value id = a.id.value();
    for (const auto& p : a.parties)
        out[kPartyRows].rows.push_back({id, p.institution.value(), id_or_null(p.unit), date_or_null(p.signed_on), p.signatory});
    for (const auto area : a.areas) out[kAreaRows].rows.push_back({id, name_of(area)});
    for (const auto& q : a.quotas) {
        nlohmann::json skills = nlohmann::json::array();
        for (const auto& s : q.language_skills) skills.push_back({{"language", s.language}, {"level", std::string(to_string(s.level))}});
        std::string years;
        for (const auto& y : q.academic_years) years += (years.empty() ? "" : " ") + std::to_string(y.start_year);
        out[kQuotaRows].rows.push_back({id, q.sending.value(), q.receiving.value(), id_or_null(q.sending_unit), id_or_null(q.receiving_unit),
                                        name_of(q.type), std::int64_t{q.mobilities_per_year},
                                        q.total_months_per_year ? Value{*q.total_months_per_year} : Value{},
                                        q.total_days_per_year ? Value{std::int64_t{*q.total_days_per_year}} : Value{},
                                        nlohmann::json(q.subject_areas).dump(), nlohmann::json(q.eqf_levels).dump(), skills.dump(),
                                        std::int64_t{q.blended}, years});
    }
    for (const auto& d : a.documents) out[kDocumentRows].rows.push_back({id, d.title, d.location, d.sha256});
}

// Stored JSON text rewritten as nlohmann writes it, so the stored lists compare with iro's by value.
Value normalized_json(const Value& v) {
    const auto* text = std::get_if<std::string>(&v);
    return text ? Value{nlohmann::json::parse(*text).dump()} : v;
}

void add_hand_agreement(Result& out, const HandAgreement& a) {
    out[kAgreementRows].rows.push_back(a.row);
    const Value& id = a.row.front();
    const auto with_id = [&](const HandRow& part, std::size_t skip) {
        HandRow row{id};
        row.insert(row.end(), part.begin() + static_cast<std::ptrdiff_t>(skip), part.end());
        return row;
    };
    for (const auto& p : a.parties) out[kPartyRows].rows.push_back(with_id(p, 0));
    for (const auto& area : a.areas) out[kAreaRows].rows.push_back(with_id(area, 0));
    auto& quotas = out[kQuotaRows];
    for (const auto& q : a.quotas) {
        // q starts with the quota line's id, the store's own (iro's quota lines carry none):
        // it only finds the line's academic years.
        HandRow row = with_id(q, 1);
        for (const char* json : {"subject_areas", "eqf_levels", "language_skills"}) {
            const auto c = column_index(quotas, json);
            row[c] = normalized_json(row[c]);
        }
        std::string years;
        for (const auto& y : a.quota_years)
            if (y[0] == q[0]) years += (years.empty() ? "" : " ") + shown(y[1]);
        row.push_back(years);
        quotas.rows.push_back(std::move(row));
    }
    for (const auto& d : a.documents) out[kDocumentRows].rows.push_back(with_id(d, 0));
}

// The parts of `agreements` (keyed by id), as iro reads them: one query per part table for
// all the ids at once; only the parties when `parties_only` (as AgreementParts::Parties).
void read_parts(HandSql& sql, std::map<std::int64_t, HandAgreement>& agreements, bool parties_only = false) {
    std::string ids = "[";
    for (const auto& [id, a] : agreements) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
    ids += "]";
    const auto parts = [&](const std::string& query, int columns, std::vector<HandRow> HandAgreement::*into) {
        auto& p = sql.statement(query);
        p.bind(1, ids);
        while (p.step()) (agreements[p.integer(0)].*into).push_back(columns_of(p, 1, columns));
    };
    parts("SELECT agreement_id, institution_id, unit_id, signed_on, signatory FROM agreement_party "
          "WHERE agreement_id IN (SELECT value FROM json_each(?1)) ORDER BY agreement_id, position",
          4, &HandAgreement::parties);
    if (parties_only) return;
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

// ---- expiring within 90 days ----
struct HandExpiring {
    struct Found {
        int days_left = 0;
        std::int64_t id = 0;
        Date ends_on{};
    };
    std::vector<Found> found;  // by days left, then id
    std::map<std::int64_t, HandAgreement> agreements;
};

const std::string kExpiringSql = "SELECT " + agreement_select_list() +
                                 " FROM agreement WHERE status = 'in_force' AND valid_until IS NOT NULL AND in_force_from <= ?1 "
                                 "AND valid_until <= ?2 AND (tacit_renewal_years > 0 OR valid_until >= ?1)";

HandExpiring hand_expiring(HandSql& sql, Date on, int days, bool parties_only = false) {
    auto& q = sql.statement(kExpiringSql);
    q.bind(1, format_date(on)).bind(2, format_date(add_days(on, days)));
    HandExpiring out;
    while (q.step()) {
        Date end = parse_date(q.text(kValidUntilColumn));
        // Tacit renewals: step whole periods until the period holds `on`.
        for (const auto years = q.integer(kTacitRenewalYearsColumn); years > 0 && end < on;) end = add_months(end, static_cast<int>(12 * years));
        const int left = days_between(on, end);
        if (left < 0 || left > days) continue;
        out.found.push_back({left, q.integer(0), end});
        out.agreements[q.integer(0)].row = columns_of(q, 0, static_cast<int>(kAgreementColumns.size()));
    }
    read_parts(sql, out.agreements, parties_only);
    std::sort(out.found.begin(), out.found.end(),
              [](const HandExpiring::Found& x, const HandExpiring::Found& y) { return std::tie(x.days_left, x.id) < std::tie(y.days_left, y.id); });
    return out;
}

Result rows_of(const std::vector<ExpiringAgreement>& expiring) {
    auto out = agreement_rows({"ends_on", "days_left"});
    for (const auto& e : expiring) add_iro_agreement(out, e.agreement, {format_date(e.ends_on), std::int64_t{e.days_left}});
    return out;
}

Result rows_of(const HandExpiring& expiring) {
    auto out = agreement_rows({"ends_on", "days_left"});
    for (const auto& f : expiring.found) {
        add_hand_agreement(out, expiring.agreements.at(f.id));
        auto& row = out[kAgreementRows].rows.back();
        row.push_back(format_date(f.ends_on));
        row.push_back(std::int64_t{f.days_left});
    }
    return out;
}

// ---- expiring within 90 days, as iro's Python frame shows them ----
// expiring_frame() reads the agreements with their parties only, then the display name and
// country of every party: the reference for measure 5's expiring analysis, since a frame
// with partner names cannot come faster than this content can be read.
struct IroExpiringNamed {
    std::vector<ExpiringAgreement> expiring;
    std::vector<InstitutionSummary> partners;  // in id order
};

IroExpiringNamed iro_expiring_named(Store& store, Date on, int days) {
    IroExpiringNamed out{store.agreements().expiring(on, days, AgreementParts::Parties), {}};
    std::vector<InstitutionId> parties;
    for (const auto& e : out.expiring)
        for (const auto& p : e.agreement.parties) parties.push_back(p.institution);
    out.partners = store.institutions().summaries(parties);
    return out;
}

struct HandExpiringNamed {
    HandExpiring expiring;
    std::vector<HandRow> partners;  // id, country, display name; in id order
};

HandExpiringNamed hand_expiring_named(HandSql& sql, Date on, int days) {
    HandExpiringNamed out{hand_expiring(sql, on, days, true), {}};
    std::set<std::int64_t> parties;
    for (const auto& [id, a] : out.expiring.agreements)
        for (const auto& p : a.parties) parties.insert(std::get<std::int64_t>(p.front()));
    std::string ids = "[";
    for (const auto id : parties) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
    ids += "]";
    auto& q = sql.statement("SELECT i.id, i.country, " + display_name_of("i.id") +
                            " FROM institution i WHERE i.id IN (SELECT value FROM json_each(?1)) ORDER BY i.id");
    q.bind(1, ids);
    while (q.step()) out.partners.push_back(columns_of(q, 0, 3));
    return out;
}

Rows partner_rows() { return {"partner", {"institution_id", "country", "display_name"}, {}}; }

Result rows_of(const IroExpiringNamed& named) {
    auto out = rows_of(named.expiring);
    auto& partners = out.emplace_back(partner_rows());
    for (const auto& p : named.partners) partners.rows.push_back({p.id.value(), p.country, p.display_name});
    return out;
}

Result rows_of(const HandExpiringNamed& named) {
    auto out = rows_of(named.expiring);
    out.emplace_back(partner_rows()).rows = named.partners;
    return out;
}

// ---- dormant: in force, no use in 12 months ----
// The latest activity, and the latest visit unless cancelled, of agreement `a` up to ?1: an
// index lookup each.
constexpr const char* kLastActivity = "(SELECT max(x.start_on) FROM activity x WHERE x.agreement_id = a.id AND x.start_on <= ?1)";
constexpr const char* kLastVisit =
    "(SELECT v.start_on FROM visit v WHERE v.agreement_id = a.id AND v.start_on <= ?1 AND v.status <> 'cancelled' "
    "ORDER BY v.start_on DESC LIMIT 1)";

// In force on ?1 and unused since ?2, in iro's shape: each lookup is tested against ?2 in the
// WHERE clause ('' for none sorts before every date), and only the agreements kept look both
// up again for used_on. Filtering an inner query on used_on instead lets SQLite flatten it and
// run each lookup three times per agreement.
const std::string kDormantSql = fmt::format(
    "SELECT {0}, max(coalesce({1}, ''), coalesce({2}, '')) AS used_on FROM agreement a "
    "WHERE {3} AND coalesce({1}, '') < ?2 AND coalesce({2}, '') < ?2 ORDER BY id",
    agreement_select_list(), kLastActivity, kLastVisit, kInForce);

struct HandDormant {
    std::map<std::int64_t, HandAgreement> agreements;  // by id, as the query orders them
};

HandDormant hand_dormant(HandSql& sql, Date on) {
    auto& q = sql.statement(kDormantSql);
    q.bind(1, format_date(on)).bind(2, format_date(add_months(on, -12)));
    HandDormant out;
    const int columns = static_cast<int>(kAgreementColumns.size()) + 1;  // and used_on
    while (q.step()) out.agreements[q.integer(0)].row = columns_of(q, 0, columns);
    read_parts(sql, out.agreements);
    return out;
}

Result rows_of(const std::vector<AgreementUsage>& dormant) {
    auto out = agreement_rows({"last_used"});
    for (const auto& u : dormant) add_iro_agreement(out, u.agreement, {date_or_null(u.last_used)});
    return out;
}

Result rows_of(const HandDormant& dormant) {
    auto out = agreement_rows({"last_used"});
    for (const auto& [id, a] : dormant.agreements) {
        add_hand_agreement(out, a);
        auto& used_on = out[kAgreementRows].rows.back().back();
        if (used_on == Value{std::string()}) used_on = Value{};  // '' stands for never used
    }
    return out;
}

// ---- quota utilisation ----
Result quota_use_rows() {
    return {{"quota use", {"agreement_id", "title", "start_year", "sending_id", "receiving_id", "mobility_type", "allowed", "used"}, {}}};
}

struct HandQuotaUse {
    std::vector<HandRow> rows;  // as quota_use_rows()
};

HandQuotaUse hand_quota_use(HandSql& sql) {
    auto& q = sql.statement(
        "SELECT q.agreement_id, a.title, y.start_year, q.sending_id, q.receiving_id, q.mobility_type, q.mobilities_per_year, "
        "(SELECT count(*) FROM visit v WHERE v.agreement_id = q.agreement_id AND v.status <> 'cancelled' "
        "   AND v.mobility_type = q.mobility_type AND v.home_institution_id = q.sending_id AND v.host_institution_id = q.receiving_id "
        "   AND v.start_on >= printf('%04d-09-01', y.start_year) AND v.start_on <= printf('%04d-08-31', y.start_year + 1)) "
        "FROM mobility_quota q JOIN mobility_quota_year y ON y.quota_id = q.id JOIN agreement a ON a.id = q.agreement_id "
        "ORDER BY q.agreement_id, y.start_year, q.position");
    HandQuotaUse out;
    while (q.step()) out.rows.push_back(columns_of(q, 0, 8));
    return out;
}

Result rows_of(const std::vector<QuotaUse>& uses) {
    auto out = quota_use_rows();
    for (const auto& u : uses)
        out[0].rows.push_back({u.agreement.value(), u.agreement_title, std::int64_t{u.academic_year.start_year}, u.sending.value(),
                               u.receiving.value(), name_of(u.type), u.allowed, u.used});
    return out;
}

Result rows_of(const HandQuotaUse& uses) {
    auto out = quota_use_rows();
    out[0].rows = uses.rows;
    return out;
}

// ---- mobility balance over the last year ----
// Counted per partner first, then joined: one institution and name lookup per partner rather
// than an institution join per visit.
const std::string kBalanceSql = fmt::format(
    "WITH m AS (SELECT CASE direction WHEN 'incoming' THEN home_institution_id ELSE host_institution_id END AS partner, "
    "  sum(direction = 'incoming') AS incoming, sum(direction = 'outgoing') AS outgoing "
    "  FROM visit WHERE status <> 'cancelled' AND start_on >= ?1 AND start_on <= ?2 GROUP BY 1) "
    "SELECT m.partner, {}, i.country, m.incoming, m.outgoing FROM m JOIN institution i ON i.id = m.partner ORDER BY m.partner",
    display_name_of("m.partner"));

Result balance_rows() { return {{"partner", {"partner", "name", "country", "incoming", "outgoing"}, {}}}; }

struct HandBalance {
    std::vector<HandRow> rows;  // as balance_rows()
};

HandBalance hand_balance(HandSql& sql, Date from, Date to) {
    auto& q = sql.statement(kBalanceSql);
    q.bind(1, format_date(from)).bind(2, format_date(to));
    HandBalance out;
    while (q.step()) out.rows.push_back(columns_of(q, 0, 5));
    return out;
}

Result rows_of(const std::vector<MobilityBalance>& balance) {
    auto out = balance_rows();
    for (const auto& b : balance) out[0].rows.push_back({b.partner.value(), b.partner_name, b.country, b.incoming, b.outgoing});
    return out;
}

Result rows_of(const HandBalance& balance) {
    auto out = balance_rows();
    out[0].rows = balance.rows;
    return out;
}

// ---- the KPI set of a year ----
std::int64_t count(HandSql& sql, const char* text, const std::string& from, const std::string& to) {
    auto& q = sql.statement(text);
    q.bind(1, from).bind(2, to);
    q.step();
    const auto n = q.integer(0);
    q.reset();  // ends the read, as iro's store does after one row
    return n;
}

void add_regions(std::map<std::string, std::int64_t>& by_region, const std::set<std::string>& countries) {
    std::set<std::string> regions;
    for (const auto& c : countries)
        if (const auto* country = find_country(c)) regions.insert(std::string(to_string(country->region)));
    for (const auto& r : regions) ++by_region[r];
}

// The figures of a KPI set that the hand-written SQL computes, each map entry with its key.
Result rows_of(const KpiSet& k) {
    Result out{{"KPI figure", {"figure", "key", "count"}, {}}};
    const auto add = [&](const char* figure, const std::string& key, std::int64_t n) { out[0].rows.push_back({std::string(figure), key, n}); };
    add("new_agreements", "", k.new_agreements);
    add("active_agreements", "", k.active_agreements);
    add("dormant_agreements", "", k.dormant_agreements);
    add("incoming_visits", "", k.incoming_visits);
    add("outgoing_visits", "", k.outgoing_visits);
    add("visiting_professors", "", k.visiting_professors);
    add("applications", "", k.applications);
    add("accepted_applications", "", k.accepted_applications);
    add("quota_used", "", k.quota_used);
    add("quota_allowed", "", k.quota_allowed);
    const std::pair<const char*, const std::map<std::string, std::int64_t>*> maps[] = {
        {"new_by_kind", &k.new_by_kind},       {"new_by_region", &k.new_by_region},       {"new_by_area", &k.new_by_area},
        {"active_by_kind", &k.active_by_kind}, {"active_by_region", &k.active_by_region}, {"active_by_area", &k.active_by_area}};
    for (const auto& [figure, map] : maps)
        for (const auto& [key, n] : *map) add(figure, key, n);
    return out;
}

const std::string kActiveSql = fmt::format(
    "SELECT a.id, a.kind, (SELECT group_concat(x.area) FROM agreement_area x WHERE x.agreement_id = a.id), "
    "(SELECT group_concat(i.country) FROM agreement_party p JOIN institution i ON i.id = p.institution_id "
    " WHERE p.agreement_id = a.id AND i.is_home = 0) FROM agreement a WHERE {}",
    kInForce);

KpiSet hand_kpis(HandSql& sql, int year) {
    KpiSet k;  // only as a record to compare with; every figure comes from SQL below
    const auto from = fmt::format("{:04}-01-01", year), to = fmt::format("{:04}-12-31", year);
    {
        auto& q = sql.statement(
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
        auto& areas = sql.statement(
            "SELECT x.area, count(*) FROM agreement_area x JOIN agreement a ON a.id = x.agreement_id WHERE a.in_force_from >= ?1 "
            "AND a.in_force_from <= ?2 AND a.status IN ('in_force', 'expired', 'renewed', 'terminated') GROUP BY x.area");
        areas.bind(1, from).bind(2, to);
        while (areas.step()) k.new_by_area[areas.text(0)] = areas.integer(1);
    }
    {
        auto& q = sql.statement(kActiveSql);
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
    k.dormant_agreements = static_cast<std::int64_t>(hand_dormant(sql, parse_date(to)).agreements.size());
    k.incoming_visits = count(sql, "SELECT count(*) FROM visit WHERE status <> 'cancelled' AND start_on >= ? AND start_on <= ? AND +direction = 'incoming'", from, to);
    k.outgoing_visits = count(sql, "SELECT count(*) FROM visit WHERE status <> 'cancelled' AND start_on >= ? AND start_on <= ? AND +direction = 'outgoing'", from, to);
    k.visiting_professors = count(sql,
        "SELECT count(*) FROM visit v JOIN person p ON p.id = v.person_id WHERE v.status <> 'cancelled' AND v.start_on >= ? AND "
        "v.start_on <= ? AND +v.direction = 'incoming' AND +p.role IN ('visiting_professor', 'faculty', 'researcher')", from, to);
    k.applications = count(sql, "SELECT count(*) FROM application x JOIN call c ON c.id = x.call_id WHERE c.deadline >= ? AND c.deadline <= ? AND x.status <> 'draft'", from, to);
    k.accepted_applications = count(sql, "SELECT count(*) FROM application x JOIN call c ON c.id = x.call_id WHERE c.deadline >= ? AND c.deadline <= ? AND x.status IN ('accepted', 'completed')", from, to);
    // Quota use over the academic years the calendar year touches.
    auto& q = sql.statement(
        "SELECT sum(q.mobilities_per_year), sum((SELECT count(*) FROM visit v WHERE v.agreement_id = q.agreement_id AND v.status <> 'cancelled' "
        "   AND v.mobility_type = q.mobility_type AND v.home_institution_id = q.sending_id AND v.host_institution_id = q.receiving_id "
        "   AND v.start_on >= printf('%04d-09-01', y.start_year) AND v.start_on <= printf('%04d-08-31', y.start_year + 1))) "
        "FROM mobility_quota q JOIN mobility_quota_year y ON y.quota_id = q.id WHERE y.start_year BETWEEN ?1 AND ?2");
    q.bind(1, std::int64_t{academic_year_of(parse_date(from)).start_year}).bind(2, std::int64_t{academic_year_of(parse_date(to)).start_year});
    q.step();
    k.quota_allowed = q.integer(0);
    k.quota_used = q.integer(1);
    q.reset();
    return k;
}

// ---- name search ----
std::vector<std::string> search_words(std::int64_t institutions) {
    std::vector<std::string> words;
    for (std::int64_t n = 1; n <= 200; ++n) words.push_back(fmt::format("bench univ {}", 1 + (n * 7919) % std::max<std::int64_t>(institutions - 1, 1)));
    return words;
}

const std::string kSearchSql = fmt::format(
    "SELECT s.rowid, i.country, {} FROM institution_search s JOIN institution i ON i.id = s.rowid "
    "WHERE institution_search MATCH ?1 ORDER BY s.rank LIMIT 50",
    display_name_of("s.rowid"));

Result search_rows() { return {{"search hit", {"search", "id", "country", "name"}, {}}}; }

struct HandSearch {
    std::vector<std::vector<HandRow>> hits;  // per search: id, country, name
};

HandSearch hand_search(HandSql& sql, const std::vector<std::string>& texts) {
    HandSearch out;
    out.hits.reserve(texts.size());
    auto& q = sql.statement(kSearchSql);
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
        auto& hits = out.hits.emplace_back();
        while (q.step()) hits.push_back(columns_of(q, 0, 3));
    }
    return out;
}

Result rows_of(const std::vector<std::vector<Institution>>& searches) {
    auto out = search_rows();
    for (std::size_t s = 0; s < searches.size(); ++s)
        for (const auto& i : searches[s])
            out[0].rows.push_back({static_cast<std::int64_t>(s), i.id.value(), i.country, i.display_name()});
    return out;
}

Result rows_of(const HandSearch& searches) {
    auto out = search_rows();
    for (std::size_t s = 0; s < searches.hits.size(); ++s)
        for (const auto& hit : searches.hits[s]) {
            HandRow row{static_cast<std::int64_t>(s)};
            row.insert(row.end(), hit.begin(), hit.end());
            out[0].rows.push_back(std::move(row));
        }
    return out;
}

// ---- the pairs ----
// One query on both sides. The timed runs keep each result in its own shape, as a caller
// would; `check` runs both once more, compares them as rows and returns how many rows the
// main kind has (agreements, quota lines, partners, KPI figures, search hits).
struct Pair {
    std::string name;
    std::function<void()> run_iro, run_hand;
    std::function<std::size_t()> check;
};

template <class Iro, class Hand>
Pair pair_of(const std::string& name, Iro iro, Hand hand) {
    return {name, [iro] { (void)iro(); }, [hand] { (void)hand(); },
            [name, iro, hand] {
                const auto expected = rows_of(iro());
                check_same(name, expected, rows_of(hand()));
                return expected.front().rows.size();
            }};
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
    pairs.push_back(pair_of("expiring within 90 days", [&] { return store.agreements().expiring(on, 90); },
                            [&] { return hand_expiring(sql, on, 90); }));
    pairs.push_back(pair_of("expiring within 90 days, with parties and partner names",
                            [&] { return iro_expiring_named(store, on, 90); }, [&] { return hand_expiring_named(sql, on, 90); }));
    pairs.push_back(pair_of("dormant agreements", [&] { return dormant_agreements(store, on, 12); }, [&] { return hand_dormant(sql, on); }));
    pairs.push_back(pair_of("quota utilisation", [&] { return quota_utilisation(store); }, [&] { return hand_quota_use(sql); }));
    pairs.push_back(pair_of("mobility balance", [&] { return mobility_balance(store, add_days(on, -365), on); },
                            [&] { return hand_balance(sql, add_days(on, -365), on); }));
    pairs.push_back(pair_of("KPI set", [&] { return compute_kpis(store, year); }, [&] { return hand_kpis(sql, year); }));
    pairs.push_back(pair_of("name search (200 searches)",
                            [&] {
                                std::vector<std::vector<Institution>> found;
                                found.reserve(words.size());
                                for (const auto& w : words) found.push_back(store.institutions().search(w));
                                return found;
                            },
                            [&] { return hand_search(sql, words); }));

    nlohmann::json out = nlohmann::json::array();
    for (auto& p : pairs) {
        // The first run of each side also prepares its statements, before any timing.
        const auto results = p.check();
        double iro_best = 0, hand_best = 0;
        for (int r = 0; r < repeats; ++r) {
            const double ti = time_it(p.run_iro);
            const double th = time_it(p.run_hand);
            iro_best = r == 0 ? ti : std::min(iro_best, ti);
            hand_best = r == 0 ? th : std::min(hand_best, th);
        }
        out.push_back({{"query", p.name}, {"results", results}, {"iro_seconds", iro_best}, {"hand_sql_seconds", hand_best}, {"checked", true}});
    }
    return out;
}

} // namespace iro::bench
