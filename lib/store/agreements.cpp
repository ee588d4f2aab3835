#include "iro/agreements.hpp"

#include "core/text_rules.hpp"
#include "iro/agreement_lifecycle.hpp"
#include "iro/error.hpp"
#include "store/agreement_rows.hpp"
#include "store/bulk_add.hpp"
#include "store/checks.hpp"
#include "store/database.hpp"
#include "store/document_paths.hpp"
#include "store/json_convert.hpp"
#include "store/sql_filter.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

namespace iro {

namespace {
using nlohmann::json;

constexpr const char* kColumns =
    "SELECT id, kind, title, reference, status, proposed_on, in_force_from, valid_until, terminated_on, "
    "tacit_renewal_years, notice_days, predecessor_id, note FROM agreement a WHERE 1 = 1";

std::optional<std::int64_t> opt(const std::optional<UnitId>& id) {
    return id ? std::optional<std::int64_t>(id->value()) : std::nullopt;
}

Agreement read_row(detail::Statement& st) {
    Agreement a;
    a.id = AgreementId{st.getColumn(0).getInt64()};
    a.kind = enum_from_string<AgreementKind>(st.getColumn(1).getString());
    a.title = st.getColumn(2).getString();
    a.reference = st.getColumn(3).isNull() ? std::string{} : st.getColumn(3).getString();
    a.status = enum_from_string<AgreementStatus>(st.getColumn(4).getString());
    a.proposed_on = parse_date(st.getColumn(5).getString(), "proposed_on");
    a.in_force_from = detail::column_date(st.getColumn(6));
    a.valid_until = detail::column_date(st.getColumn(7));
    a.terminated_on = detail::column_date(st.getColumn(8));
    a.tacit_renewal_years = st.getColumn(9).getInt();
    a.notice_days = st.getColumn(10).getInt();
    if (auto p = detail::column_optional_id(st.getColumn(11))) a.predecessor = AgreementId{*p};
    a.note = st.getColumn(12).getString();
    return a;
}

// A JSON column, parsed in place rather than from a copy of its text.
json parse_column(detail::Statement& st, int column) {
    const auto value = st.getColumn(column);
    const char* text = value.getText();
    return json::parse(text, text + value.getBytes());
}

// The matching agreements' rows, without their parts, in id order.
std::vector<Agreement> load_rows(detail::Database& db, const detail::SqlFilter& f) {
    std::vector<Agreement> out;
    auto& st = db.statement(kColumns + f.where + " ORDER BY id");
    f.bind(st);
    while (st.executeStep()) out.push_back(read_row(st));
    return out;
}

// Reads the parts of `out` named by `which`, with one query per part table, for the rows
// that `parts` selects.
void load_parts(detail::Database& db, std::vector<Agreement>& out, const detail::PartsOf& parts,
                AgreementParts which = AgreementParts::All) {
    if (out.empty()) return;
    std::unordered_map<std::int64_t, std::size_t> index;
    for (std::size_t k = 0; k < out.size(); ++k) index.emplace(out[k].id.value(), k);
    const std::string& ids = parts.condition;
    const detail::SqlFilter& by_id = parts.values;
    const auto of = [&](detail::Statement& st) -> Agreement& { return out[index.at(st.getColumn(0).getInt64())]; };
    {
        auto& st = db.statement("SELECT agreement_id, institution_id, unit_id, signed_on, signatory FROM agreement_party "
                                "WHERE agreement_id" + ids + " ORDER BY agreement_id, position");
        by_id.bind(st);
        while (st.executeStep()) {
            Party p;
            p.institution = InstitutionId{st.getColumn(1).getInt64()};
            if (auto u = detail::column_optional_id(st.getColumn(2))) p.unit = UnitId{*u};
            p.signed_on = detail::column_date(st.getColumn(3));
            p.signatory = st.getColumn(4).getString();
            of(st).parties.push_back(std::move(p));
        }
    }
    if (which == AgreementParts::Parties) return;
    {
        auto& st = db.statement("SELECT agreement_id, area FROM agreement_area WHERE agreement_id" + ids + " ORDER BY agreement_id, position");
        by_id.bind(st);
        while (st.executeStep()) of(st).areas.push_back(enum_from_string<Area>(st.getColumn(1).getString()));
    }
    {
        std::unordered_map<std::int64_t, std::pair<std::size_t, std::size_t>> quota_at;  // quota id -> (agreement, quota)
        {
            auto& st = db.statement(
                "SELECT agreement_id, id, sending_id, receiving_id, sending_unit_id, receiving_unit_id, mobility_type, "
                "mobilities_per_year, total_months_per_year, total_days_per_year, subject_areas, eqf_levels, language_skills, "
                "blended FROM mobility_quota WHERE agreement_id" + ids + " ORDER BY agreement_id, position");
            by_id.bind(st);
            while (st.executeStep()) {
                MobilityQuota q;
                q.sending = InstitutionId{st.getColumn(2).getInt64()};
                q.receiving = InstitutionId{st.getColumn(3).getInt64()};
                if (auto u = detail::column_optional_id(st.getColumn(4))) q.sending_unit = UnitId{*u};
                if (auto u = detail::column_optional_id(st.getColumn(5))) q.receiving_unit = UnitId{*u};
                q.type = enum_from_string<MobilityType>(st.getColumn(6).getString());
                q.mobilities_per_year = st.getColumn(7).getInt();
                if (!st.getColumn(8).isNull()) q.total_months_per_year = st.getColumn(8).getDouble();
                if (!st.getColumn(9).isNull()) q.total_days_per_year = st.getColumn(9).getInt();
                q.subject_areas = parse_column(st, 10).get<std::vector<std::string>>();
                q.eqf_levels = parse_column(st, 11).get<std::vector<int>>();
                for (const auto& s : parse_column(st, 12))
                    q.language_skills.push_back(
                        LanguageSkill{s.at("language").get<std::string>(), enum_from_string<CefrLevel>(s.at("level").get<std::string>())});
                q.blended = st.getColumn(13).getInt() != 0;
                auto& a = of(st);
                quota_at[st.getColumn(1).getInt64()] = {index.at(a.id.value()), a.quotas.size()};
                a.quotas.push_back(std::move(q));
            }
        }
        auto& st = db.statement("SELECT y.quota_id, y.start_year FROM mobility_quota_year y JOIN mobility_quota q ON q.id = y.quota_id "
                                "WHERE q.agreement_id" + ids + " ORDER BY y.quota_id, y.start_year");
        by_id.bind(st);
        while (st.executeStep()) {
            const auto [a, q] = quota_at.at(st.getColumn(0).getInt64());
            out[a].quotas[q].academic_years.push_back(AcademicYear{st.getColumn(1).getInt()});
        }
    }
    {
        auto& st = db.statement("SELECT agreement_id, title, location, sha256 FROM agreement_document WHERE agreement_id" + ids +
                                " ORDER BY agreement_id, position");
        by_id.bind(st);
        while (st.executeStep())
            of(st).documents.push_back(DocumentRef{st.getColumn(1).getString(), st.getColumn(2).getString(), st.getColumn(3).getString()});
    }
}

// Loads the matching agreements and all their parts with one query per table.
std::vector<Agreement> load(detail::Database& db, const detail::SqlFilter& f) {
    const detail::ReadScope snapshot(db);
    auto out = load_rows(db, f);
    load_parts(db, out, detail::parts_of(f, out));
    return out;
}

Agreement must_load(detail::Database& db, AgreementId id) {
    detail::SqlFilter f;
    f.add("a.id = ?", id.value());
    auto rows = load(db, f);
    if (rows.empty()) throw NotFoundError("agreement", id.value());
    return std::move(rows.front());
}

bool entered_force(AgreementStatus s) {
    return s == AgreementStatus::InForce || s == AgreementStatus::Expired || s == AgreementStatus::Renewed ||
           s == AgreementStatus::Terminated;
}

// Checks everything that needs the store: parties and units exist and fit together, the
// home institution takes part, the reference is free.
void check_against_store(detail::Database& db, const Agreement& a) {
    bool has_home = false;
    for (std::size_t k = 0; k < a.parties.size(); ++k) {
        const auto& p = a.parties[k];
        auto& st = db.statement("SELECT is_home FROM institution WHERE id = ?");
        st.bind(1, static_cast<int64_t>(p.institution.value()));
        if (!st.executeStep()) throw NotFoundError(fmt::format("institution (parties[{}])", k), p.institution.value());
        has_home = has_home || st.getColumn(0).getInt() != 0;
        st.reset();
        detail::check_unit_belongs(db, p.unit, p.institution, fmt::format("parties[{}].unit", k));
    }
    if (!has_home)
        throw ValidationError("parties", fmt::format("{} parties without the home institution", a.parties.size()),
                              "the home institution among the parties");
    for (std::size_t k = 0; k < a.quotas.size(); ++k) {
        const auto& q = a.quotas[k];
        detail::check_unit_belongs(db, q.sending_unit, q.sending, fmt::format("quotas[{}].sending_unit", k));
        detail::check_unit_belongs(db, q.receiving_unit, q.receiving, fmt::format("quotas[{}].receiving_unit", k));
    }
    if (!a.reference.empty()) {
        auto& st = db.statement("SELECT id FROM agreement WHERE reference = ? AND id <> ?");
        st.bind(1, a.reference);
        st.bind(2, static_cast<int64_t>(a.id.value()));
        if (st.executeStep()) {
            const auto other = st.getColumn(0).getInt64();
            st.reset();
            throw ConflictError(fmt::format("reference '{}' is already used by agreement {}", a.reference, other));
        }
    }
    if (a.predecessor) must_load(db, *a.predecessor);
    detail::check_document_locations(db, "documents", a.documents);
}

// The status-dependent rules for an agreement recorded in a state other than proposed.
void check_status_consistency(const Agreement& a) {
    if (a.status == AgreementStatus::Renewed)
        throw ValidationError("status", "renewed", "another status; renewals are made with Agreements::renew");
    if (entered_force(a.status)) {
        if (!a.in_force_from)
            throw ValidationError("in_force_from", "", fmt::format("a date, since status is '{}'", to_string(a.status)));
        for (std::size_t k = 0; k < a.parties.size(); ++k)
            if (!a.parties[k].signed_on)
                throw ValidationError(fmt::format("parties[{}].signed_on", k), "",
                                      fmt::format("a signature date, since status is '{}'", to_string(a.status)));
    }
    if (a.status == AgreementStatus::Terminated && !a.terminated_on)
        throw ValidationError("terminated_on", "", "a date, since status is 'terminated'");
    if (a.status != AgreementStatus::Terminated && a.terminated_on)
        throw ValidationError("terminated_on", format_date(*a.terminated_on), "no date unless status is 'terminated'");
    if (a.status == AgreementStatus::Expired && !a.valid_until)
        throw ValidationError("valid_until", "", "a date, since status is 'expired'");
}

void bind_main(detail::Statement& st, const Agreement& a) {
    st.bind(1, std::string(to_string(a.kind)));
    st.bind(2, a.title);
    if (a.reference.empty()) st.bind(3);
    else st.bind(3, a.reference);
    st.bind(4, std::string(to_string(a.status)));
    st.bind(5, format_date(a.proposed_on));
    detail::bind_optional_date(st, 6, a.in_force_from);
    detail::bind_optional_date(st, 7, a.valid_until);
    detail::bind_optional_date(st, 8, a.terminated_on);
    st.bind(9, a.tacit_renewal_years);
    st.bind(10, a.notice_days);
    detail::bind_optional_id(st, 11, a.predecessor ? std::optional<std::int64_t>(a.predecessor->value()) : std::nullopt);
    st.bind(12, a.note);
}

void exec_with_id(detail::Database& db, const std::string& sql, AgreementId id) {
    auto& st = db.statement(sql);
    st.bind(1, static_cast<int64_t>(id.value()));
    st.exec();
}

// `replace`: the agreement had parts before (an update); a new one has none to delete.
void write_parts(detail::Database& db, const Agreement& a, bool replace) {
    const auto id = static_cast<int64_t>(a.id.value());
    if (replace) {
        exec_with_id(db, "DELETE FROM agreement_party WHERE agreement_id = ?", a.id);
        exec_with_id(db, "DELETE FROM agreement_area WHERE agreement_id = ?", a.id);
        exec_with_id(db, "DELETE FROM mobility_quota WHERE agreement_id = ?", a.id);
        exec_with_id(db, "DELETE FROM agreement_document WHERE agreement_id = ?", a.id);
    }
    for (std::size_t k = 0; k < a.parties.size(); ++k) {
        const auto& p = a.parties[k];
        auto& st = db.statement("INSERT INTO agreement_party (agreement_id, position, institution_id, unit_id, signed_on, signatory) "
                                "VALUES (?, ?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(k));
        st.bind(3, static_cast<int64_t>(p.institution.value()));
        detail::bind_optional_id(st, 4, opt(p.unit));
        detail::bind_optional_date(st, 5, p.signed_on);
        st.bind(6, p.signatory);
        st.exec();
    }
    for (std::size_t k = 0; k < a.areas.size(); ++k) {
        auto& st = db.statement("INSERT INTO agreement_area (agreement_id, area, position) VALUES (?, ?, ?)");
        st.bind(1, id);
        st.bind(2, std::string(to_string(a.areas[k])));
        st.bind(3, static_cast<int64_t>(k));
        st.exec();
    }
    for (std::size_t k = 0; k < a.quotas.size(); ++k) {
        const auto& q = a.quotas[k];
        json languages = json::array();
        for (const auto& l : q.language_skills) languages.push_back({{"language", l.language}, {"level", to_string(l.level)}});
        auto& st = db.statement(
            "INSERT INTO mobility_quota (agreement_id, position, sending_id, receiving_id, sending_unit_id, receiving_unit_id, "
            "mobility_type, mobilities_per_year, total_months_per_year, total_days_per_year, subject_areas, eqf_levels, "
            "language_skills, blended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(k));
        st.bind(3, static_cast<int64_t>(q.sending.value()));
        st.bind(4, static_cast<int64_t>(q.receiving.value()));
        detail::bind_optional_id(st, 5, opt(q.sending_unit));
        detail::bind_optional_id(st, 6, opt(q.receiving_unit));
        st.bind(7, std::string(to_string(q.type)));
        st.bind(8, q.mobilities_per_year);
        if (q.total_months_per_year) st.bind(9, *q.total_months_per_year);
        else st.bind(9);
        if (q.total_days_per_year) st.bind(10, *q.total_days_per_year);
        else st.bind(10);
        st.bind(11, json(q.subject_areas).dump());
        st.bind(12, json(q.eqf_levels).dump());
        st.bind(13, languages.dump());
        st.bind(14, q.blended ? 1 : 0);
        st.exec();
        const auto quota_id = db.last_insert_id();
        for (const auto& y : q.academic_years) {
            auto& ys = db.statement("INSERT INTO mobility_quota_year (quota_id, start_year) VALUES (?, ?)");
            ys.bind(1, static_cast<int64_t>(quota_id));
            ys.bind(2, y.start_year);
            ys.exec();
        }
    }
    for (std::size_t k = 0; k < a.documents.size(); ++k) {
        const auto& d = a.documents[k];
        auto& st = db.statement("INSERT INTO agreement_document (agreement_id, position, title, location, sha256) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(k));
        st.bind(3, d.title);
        st.bind(4, d.location);
        st.bind(5, d.sha256);
        st.exec();
    }
}

void record_transition(detail::Database& db, AgreementId id, std::optional<AgreementStatus> from, AgreementStatus to, Date on,
                       std::string_view note) {
    auto& st = db.statement("INSERT INTO agreement_transition (agreement_id, from_status, to_status, on_date, actor, note) "
                            "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, static_cast<int64_t>(id.value()));
    if (from) st.bind(2, std::string(to_string(*from)));
    else st.bind(2);
    st.bind(3, std::string(to_string(to)));
    st.bind(4, format_date(on));
    st.bind(5, db.actor());
    st.bind(6, std::string(note));
    st.exec();
}

// Transitions are recorded in date order: a move may not be dated before the previous one.
void check_move_date(detail::Database& db, AgreementId id, Date on) {
    detail::check_move_date(db, "agreement_transition", "agreement_id", id.value(), on);
}

void check_note(std::string_view note) {
    if (note.size() > 10'000) throw ValidationError("note", std::string(note), "at most 10000 bytes");
}

Date initial_transition_date(const Agreement& a) {
    switch (a.status) {
    case AgreementStatus::InForce: return *a.in_force_from;
    case AgreementStatus::Expired: return add_days(*a.valid_until, 1);
    case AgreementStatus::Terminated: return *a.terminated_on;
    default: return a.proposed_on;
    }
}

AgreementId insert(detail::Database& db, Agreement a, std::string_view note) {
    auto& st = db.statement(
        "INSERT INTO agreement (kind, title, reference, status, proposed_on, in_force_from, valid_until, terminated_on, "
        "tacit_renewal_years, notice_days, predecessor_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_main(st, a);
    st.exec();
    a.id = AgreementId{db.last_insert_id()};
    write_parts(db, a, false);
    record_transition(db, a.id, std::nullopt, a.status, initial_transition_date(a), note);
    if (db.audits_each_row()) db.audit("agreement", a.id.value(), "add", "", detail::to_json_text(a));
    return a.id;
}

// `after_json`: what the audit entry records as the result, when it is more than `after`.
void set_status(detail::Database& db, const Agreement& before, const Agreement& after, Date on, std::string_view action,
                std::string_view note, const std::string* after_json = nullptr) {
    auto& st = db.statement("UPDATE agreement SET status = ?, in_force_from = ?, terminated_on = ? WHERE id = ?");
    st.bind(1, std::string(to_string(after.status)));
    detail::bind_optional_date(st, 2, after.in_force_from);
    detail::bind_optional_date(st, 3, after.terminated_on);
    st.bind(4, static_cast<int64_t>(after.id.value()));
    st.exec();
    record_transition(db, after.id, before.status, after.status, on, note);
    db.audit("agreement", after.id.value(), action, detail::to_json_text(before), after_json ? *after_json : detail::to_json_text(after));
}

detail::SqlFilter make_filter(detail::Database& db, const AgreementFilter& filter) {
    detail::SqlFilter f;
    // IN rather than correlated EXISTS subqueries: the indexes on the parts then drive the query.
    if (filter.partner) f.add("a.id IN (SELECT p.agreement_id FROM agreement_party p WHERE p.institution_id = ?)", filter.partner->value());
    if (filter.country || filter.region || filter.scope) {
        // Conditions on the partner's country apply to one and the same partner.
        detail::SqlFilter partner;
        if (filter.country) partner.add("i.country = ?", std::string(country(*filter.country).code));
        if (filter.region) detail::add_region_filter(partner, "i.country", *filter.region);
        if (filter.scope) detail::add_scope_filter(db, partner, "i.country", *filter.scope);
        f.where += " AND a.id IN (SELECT p.agreement_id FROM agreement_party p JOIN institution i ON i.id = p.institution_id "
                   "WHERE i.is_home = 0" + partner.where + ")";
        f.values.insert(f.values.end(), partner.values.begin(), partner.values.end());
    }
    if (filter.kind) f.add("a.kind = ?", std::string(to_string(*filter.kind)));
    if (filter.status) f.add("a.status = ?", std::string(to_string(*filter.status)));
    if (filter.area) f.add("a.id IN (SELECT x.agreement_id FROM agreement_area x WHERE x.area = ?)", std::string(to_string(*filter.area)));
    if (filter.home_unit) f.add("a.id IN (SELECT p.agreement_id FROM agreement_party p WHERE p.unit_id = ?)", filter.home_unit->value());
    if (filter.in_force_on) {
        // A superset in SQL; tacit renewals are resolved on the loaded rows.
        const auto on = format_date(*filter.in_force_on);
        f.add("a.status IN ('in_force', 'expired', 'renewed', 'terminated')");
        f.add("a.in_force_from <= ?", on);
        f.add("(a.terminated_on IS NULL OR a.terminated_on > ?)", on);
        f.add("(a.valid_until IS NULL OR a.valid_until >= ? OR (a.status = 'in_force' AND a.tacit_renewal_years > 0))", on);
    }
    return f;
}
} // namespace

AgreementId Agreements::add(Agreement agreement) {
    agreement.id = AgreementId{};
    validate(agreement);
    check_status_consistency(agreement);
    return db_->write([&] {
        check_against_store(*db_, agreement);
        return insert(*db_, std::move(agreement), "recorded");
    });
}

std::vector<AgreementId> Agreements::add_many(std::vector<Agreement> agreements) {
    return detail::add_many_rows<AgreementId>(*db_, "agreement", "agreements", agreements,
        {"agreement", "agreement_party", "agreement_area", "agreement_transition", "mobility_quota", "mobility_quota_year", "agreement_document"},
        [&](Agreement row) { return add(std::move(row)); });
}

void Agreements::update(const Agreement& agreement) {
    validate(agreement);
    db_->write([&] {
        const auto before = must_load(*db_, agreement.id);
        if (agreement.status != before.status)
            throw ConflictError(fmt::format("agreement {} is '{}': status changes only through transitions, not update()",
                                            agreement.id.value(), to_string(before.status)));
        if (agreement.terminated_on != before.terminated_on || agreement.predecessor != before.predecessor)
            throw ConflictError(fmt::format("agreement {}: terminated_on and predecessor are set by terminate() and renew() only",
                                            agreement.id.value()));
        check_status_consistency(agreement);
        check_against_store(*db_, agreement);
        auto& st = db_->statement(
            "UPDATE agreement SET kind = ?, title = ?, reference = ?, status = ?, proposed_on = ?, in_force_from = ?, "
            "valid_until = ?, terminated_on = ?, tacit_renewal_years = ?, notice_days = ?, predecessor_id = ?, note = ? WHERE id = ?");
        bind_main(st, agreement);
        st.bind(13, static_cast<int64_t>(agreement.id.value()));
        st.exec();
        write_parts(*db_, agreement, true);
        db_->audit("agreement", agreement.id.value(), "update", detail::to_json_text(before), detail::to_json_text(agreement));
    });
}

Agreement Agreements::get(AgreementId id) const { return must_load(*db_, id); }

std::vector<Agreement> Agreements::find(const AgreementFilter& filter) const {
    if (!filter.in_force_on) return load(*db_, make_filter(*db_, filter));
    // The SQL selects a superset; only the agreements really in force get their parts read.
    const detail::ReadScope snapshot(*db_);
    auto rows = load_rows(*db_, make_filter(*db_, filter));
    std::erase_if(rows, [&](const Agreement& a) { return !a.in_force_on(*filter.in_force_on); });
    load_parts(*db_, rows, detail::parts_by_id(rows));
    return rows;
}

std::int64_t Agreements::count(const AgreementFilter& filter) const {
    if (filter.in_force_on) {
        auto rows = load_rows(*db_, make_filter(*db_, filter));
        return std::count_if(rows.begin(), rows.end(), [&](const Agreement& a) { return a.in_force_on(*filter.in_force_on); });
    }
    const auto f = make_filter(*db_, filter);
    auto& st = db_->statement("SELECT count(*) FROM agreement a WHERE 1 = 1" + f.where);
    f.bind(st);
    st.executeStep();
    const auto n = st.getColumn(0).getInt64();
    st.reset();
    return n;
}

void Agreements::transition(AgreementId id, AgreementStatus to, Date on, std::string_view note) {
    switch (to) {
    case AgreementStatus::InForce: return enter_into_force(id, on, note);
    case AgreementStatus::Terminated: return terminate(id, on, note);
    case AgreementStatus::Expired: return expire(id, on, note);
    case AgreementStatus::Renewed:
        throw ConflictError(fmt::format("agreement {}: a renewal needs the new validity; use renew()", id.value()));
    default: break;
    }
    check_note(note);
    db_->write([&] {
        const auto before = must_load(*db_, id);
        check_transition(before.status, to);
        check_move_date(*db_, id, on);
        auto after = before;
        after.status = to;
        set_status(*db_, before, after, on, "transition", note);
    });
}

void Agreements::sign(AgreementId id, InstitutionId party, Date on, std::string_view signatory) {
    check_date(on, "on");
    detail::check_text("signatory", signatory, detail::kMaxNameLength, false);
    db_->write([&] {
        const auto before = must_load(*db_, id);
        if (before.status != AgreementStatus::AwaitingSignature)
            throw ConflictError(fmt::format("agreement {} is '{}': signatures are recorded while it is 'awaiting_signature'",
                                            id.value(), to_string(before.status)));
        auto after = before;
        auto it = std::find_if(after.parties.begin(), after.parties.end(), [&](const Party& p) { return p.institution == party; });
        if (it == after.parties.end())
            throw ValidationError("party", std::to_string(party.value()), fmt::format("a party of agreement {}", id.value()));
        check_move_date(*db_, id, on);  // not before the agreement reached awaiting_signature
        it->signed_on = on;
        if (!signatory.empty()) it->signatory = std::string(signatory);
        auto& st = db_->statement("UPDATE agreement_party SET signed_on = ?, signatory = ? WHERE agreement_id = ? AND institution_id = ?");
        st.bind(1, format_date(on));
        st.bind(2, it->signatory);
        st.bind(3, static_cast<int64_t>(id.value()));
        st.bind(4, static_cast<int64_t>(party.value()));
        st.exec();
        db_->audit("agreement", id.value(), "sign", detail::to_json_text(before), detail::to_json_text(after));
    });
}

void Agreements::enter_into_force(AgreementId id, Date on, std::string_view note) {
    check_note(note);
    db_->write([&] {
        const auto before = must_load(*db_, id);
        check_transition(before.status, AgreementStatus::InForce);
        check_move_date(*db_, id, on);
        std::string unsigned_parties;
        for (const auto& p : before.parties)
            if (!p.signed_on) unsigned_parties += (unsigned_parties.empty() ? "" : ", ") + std::to_string(p.institution.value());
        if (!unsigned_parties.empty())
            throw ConflictError(fmt::format("agreement {} cannot enter into force: not signed by institution(s) {}", id.value(),
                                            unsigned_parties));
        auto after = before;
        after.status = AgreementStatus::InForce;
        if (!after.in_force_from) after.in_force_from = on;
        if (after.valid_until && *after.valid_until < *after.in_force_from)
            throw ValidationError("in_force_from", format_date(*after.in_force_from),
                                  fmt::format("a date on or before valid_until ({})", format_date(*after.valid_until)));
        set_status(*db_, before, after, on, "transition", note);
    });
}

void Agreements::terminate(AgreementId id, Date on, std::string_view note) {
    check_note(note);
    db_->write([&] {
        const auto before = must_load(*db_, id);
        check_transition(before.status, AgreementStatus::Terminated);
        check_move_date(*db_, id, on);
        auto after = before;
        after.status = AgreementStatus::Terminated;
        after.terminated_on = on;
        set_status(*db_, before, after, on, "transition", note);
    });
}

void Agreements::expire(AgreementId id, Date on, std::string_view note) {
    check_note(note);
    db_->write([&] {
        const auto before = must_load(*db_, id);
        check_transition(before.status, AgreementStatus::Expired);
        check_move_date(*db_, id, on);
        if (before.in_force_on(on)) {
            const auto end = before.period_end(on);
            throw ConflictError(fmt::format("agreement {} is in force on {} ({}); it cannot expire before its validity ends",
                                            id.value(), format_date(on),
                                            end ? "until " + format_date(*end) : std::string("open-ended")));
        }
        auto after = before;
        after.status = AgreementStatus::Expired;
        set_status(*db_, before, after, on, "transition", note);
    });
}

AgreementId Agreements::renew(AgreementId id, Date on, Date from, std::optional<Date> until, std::string_view note) {
    check_note(note);
    check_date(from, "from");
    if (until) check_date(*until, "until");
    if (until && *until < from)
        throw ValidationError("until", format_date(*until), fmt::format("a date on or after from ({})", format_date(from)));
    return db_->write([&] {
        const auto before = must_load(*db_, id);
        check_transition(before.status, AgreementStatus::Renewed);
        check_move_date(*db_, id, on);
        if (before.in_force_from && from < *before.in_force_from)
            throw ValidationError("from", format_date(from),
                                  fmt::format("a date on or after the renewed agreement's start ({})", format_date(*before.in_force_from)));

        Agreement successor = before;
        successor.id = AgreementId{};
        successor.status = AgreementStatus::InForce;
        successor.predecessor = id;
        successor.proposed_on = std::min(on, from);
        successor.in_force_from = from;
        successor.valid_until = until;
        successor.terminated_on.reset();
        if (!until) successor.tacit_renewal_years = 0;
        if (!before.reference.empty())
            successor.reference = fmt::format("{}-R{}", before.reference, static_cast<int>(from.year()));
        for (auto& p : successor.parties) p.signed_on = successor.proposed_on;
        validate(successor);
        check_against_store(*db_, successor);

        // One audit entry for the whole call: the renewed agreement's, whose result also holds
        // the successor (which therefore gets no "add" entry of its own).
        {
            detail::RowAuditPause pause(*db_);
            successor.id = insert(*db_, successor, fmt::format("renewal of agreement {}", id.value()));
        }
        auto after = before;
        after.status = AgreementStatus::Renewed;
        auto result = nlohmann::json::parse(detail::to_json_text(after));
        result["successor"] = nlohmann::json::parse(detail::to_json_text(successor));
        const auto result_text = result.dump();
        set_status(*db_, before, after, on, "renew", note, &result_text);
        return successor.id;
    });
}

std::vector<Transition> Agreements::history(AgreementId id) const {
    must_load(*db_, id);
    std::vector<Transition> out;
    auto& st = db_->statement("SELECT from_status, to_status, on_date, actor, note FROM agreement_transition "
                              "WHERE agreement_id = ? ORDER BY id");
    st.bind(1, static_cast<int64_t>(id.value()));
    while (st.executeStep()) {
        Transition t;
        if (!st.getColumn(0).isNull()) t.from = enum_from_string<AgreementStatus>(st.getColumn(0).getString());
        t.to = enum_from_string<AgreementStatus>(st.getColumn(1).getString());
        t.on = parse_date(st.getColumn(2).getString(), "on_date");
        t.actor = st.getColumn(3).getString();
        t.note = st.getColumn(4).getString();
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<Agreement> Agreements::in_force_on(Date on) const {
    AgreementFilter f;
    f.in_force_on = on;
    return find(f);
}

std::vector<ExpiringAgreement> Agreements::expiring(Date on, int within_days, AgreementParts parts) const {
    check_date(on, "on");
    if (within_days < 0 || within_days > 36'500)
        throw ValidationError("within_days", std::to_string(within_days), "a number of days from 0 to 36500");
    const auto horizon = add_days(on, within_days);
    detail::SqlFilter f;
    f.add("a.status = 'in_force'");
    f.add("a.valid_until IS NOT NULL");
    f.add("a.in_force_from <= ?", format_date(on));
    f.add("a.valid_until <= ?", format_date(horizon));
    f.add("(a.tacit_renewal_years > 0 OR a.valid_until >= ?)", format_date(on));
    // Decided on the rows alone; only the agreements kept are read whole.
    const detail::ReadScope snapshot(*db_);
    auto rows = load_rows(*db_, f);
    std::erase_if(rows, [&](const Agreement& a) {
        if (!a.in_force_on(on)) return true;
        const int left = days_between(on, *a.period_end(on));
        return left < 0 || left > within_days;
    });
    load_parts(*db_, rows, detail::parts_by_id(rows), parts);
    std::vector<ExpiringAgreement> out;
    out.reserve(rows.size());
    for (auto& a : rows) {
        const auto end = *a.period_end(on);
        const int left = days_between(on, end);
        ExpiringAgreement e;
        e.ends_on = end;
        e.days_left = left;
        e.renews_tacitly = a.tacit_renewal_years > 0;
        if (a.notice_days > 0) e.notice_by = add_days(end, -a.notice_days);
        e.agreement = std::move(a);
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const ExpiringAgreement& x, const ExpiringAgreement& y) {
        return std::tie(x.days_left, x.agreement.id) < std::tie(y.days_left, y.agreement.id);
    });
    return out;
}

namespace detail {

std::vector<Agreement> agreements_in_force(Database& db, Date on, const SqlFilter& also, bool with_parts) {
    const ReadScope snapshot(db);
    AgreementFilter filter;
    filter.in_force_on = on;
    auto f = make_filter(db, filter);
    f.where += also.where;
    f.values.insert(f.values.end(), also.values.begin(), also.values.end());
    auto rows = load_rows(db, f);
    std::erase_if(rows, [&](const Agreement& a) { return !a.in_force_on(on); });
    if (with_parts) load_parts(db, rows, parts_by_id(rows));
    return rows;
}

} // namespace detail

} // namespace iro
