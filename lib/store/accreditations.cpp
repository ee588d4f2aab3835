#include "iro/accreditations.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"
#include "iro/institution.hpp"
#include "store/checks.hpp"
#include "store/database.hpp"
#include "store/document_paths.hpp"
#include "store/sql_filter.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

namespace iro {

namespace {
using nlohmann::json;

std::optional<std::int64_t> opt(const std::optional<UnitId>& id) { return id ? std::optional<std::int64_t>(id->value()) : std::nullopt; }

// --- frameworks -------------------------------------------------------------------------

std::optional<Framework> load_framework(detail::Database& db, FrameworkId id) {
    const detail::ReadScope snapshot(db);
    Framework f;
    {
        auto& st = db.statement("SELECT body_id, name, version FROM accreditation_framework WHERE id = ?");
        st.bind(1, static_cast<int64_t>(id.value()));
        if (!st.executeStep()) return std::nullopt;
        f.id = id;
        f.body = InstitutionId{st.getColumn(0).getInt64()};
        f.name = st.getColumn(1).getString();
        f.version = st.getColumn(2).getString();
        st.reset();
    }
    auto& st = db.statement("SELECT code, title, description, parent_code, weight FROM accreditation_criterion WHERE framework_id = ? ORDER BY position");
    st.bind(1, static_cast<int64_t>(id.value()));
    while (st.executeStep())
        f.criteria.push_back(Criterion{st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                                       st.getColumn(3).getString(), st.getColumn(4).getDouble()});
    return f;
}

Framework must_load_framework(detail::Database& db, FrameworkId id) {
    auto f = load_framework(db, id);
    if (!f) throw NotFoundError("accreditation framework", id.value());
    return std::move(*f);
}

// The body must be an institution of type accreditation_body.
void require_body(detail::Database& db, InstitutionId body) {
    auto& st = db.statement("SELECT type FROM institution WHERE id = ?");
    st.bind(1, static_cast<int64_t>(body.value()));
    if (!st.executeStep()) throw NotFoundError("institution (body)", body.value());
    const auto type = st.getColumn(0).getString();
    st.reset();
    if (type != to_string(InstitutionType::AccreditationBody))
        throw ValidationError("body", std::to_string(body.value()),
                              fmt::format("an institution of type 'accreditation_body' (this one is '{}')", type));
}

std::string body_name(detail::Database& db, InstitutionId body) {
    auto& st = db.statement("SELECT value FROM institution_name WHERE institution_id = ? ORDER BY kind <> 'display', position LIMIT 1");
    st.bind(1, static_cast<int64_t>(body.value()));
    std::string name = st.executeStep() ? st.getColumn(0).getString() : std::string{};
    st.reset();
    return name;
}

// --- cases ------------------------------------------------------------------------------

constexpr const char* kCaseColumns =
    "SELECT c.id, c.framework_id, c.unit_id, c.degree, c.level, c.type, c.status, c.planned_visit, c.decided_on, c.valid_until, "
    "c.next_general_review, c.interim_report_due, c.interim_visit, c.show_cause, c.note FROM accreditation_case c "
    "JOIN accreditation_framework f ON f.id = c.framework_id WHERE 1 = 1";

AccreditationCase read_case(detail::Statement& st) {
    AccreditationCase c;
    c.id = CaseId{st.getColumn(0).getInt64()};
    c.framework = FrameworkId{st.getColumn(1).getInt64()};
    if (auto u = detail::column_optional_id(st.getColumn(2))) c.scope.unit = UnitId{*u};
    c.scope.degree = st.getColumn(3).getString();
    if (!st.getColumn(4).isNull()) c.scope.level = enum_from_string<DegreeLevel>(st.getColumn(4).getString());
    c.type = enum_from_string<CaseType>(st.getColumn(5).getString());
    c.status = enum_from_string<CaseStatus>(st.getColumn(6).getString());
    c.planned_visit = detail::column_date(st.getColumn(7));
    c.decision.decided_on = detail::column_date(st.getColumn(8));
    c.decision.valid_until = detail::column_date(st.getColumn(9));
    c.decision.next_general_review = detail::column_date(st.getColumn(10));
    c.decision.interim_report_due = detail::column_date(st.getColumn(11));
    c.decision.interim_visit = detail::column_date(st.getColumn(12));
    c.decision.show_cause = st.getColumn(13).getInt() != 0;
    c.note = st.getColumn(14).getString();
    return c;
}

std::vector<AccreditationCase> load_cases(detail::Database& db, const detail::SqlFilter& f) {
    std::vector<AccreditationCase> out;
    auto& st = db.statement(kCaseColumns + f.where + " ORDER BY c.id");
    f.bind(st);
    while (st.executeStep()) out.push_back(read_case(st));
    return out;
}

AccreditationCase must_load_case(detail::Database& db, CaseId id) {
    detail::SqlFilter f;
    f.add("c.id = ?", id.value());
    auto rows = load_cases(db, f);
    if (rows.empty()) throw NotFoundError("accreditation case", id.value());
    return std::move(rows.front());
}

json case_json(const AccreditationCase& c) {
    const auto date = [](const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); };
    return {{"id", c.id.value()},
            {"framework", c.framework.value()},
            {"unit", c.scope.unit ? json(c.scope.unit->value()) : json(nullptr)},
            {"degree", c.scope.degree},
            {"level", c.scope.level ? json(to_string(*c.scope.level)) : json(nullptr)},
            {"type", to_string(c.type)},
            {"status", to_string(c.status)},
            {"planned_visit", date(c.planned_visit)},
            {"decided_on", date(c.decision.decided_on)},
            {"valid_until", date(c.decision.valid_until)},
            {"next_general_review", date(c.decision.next_general_review)},
            {"interim_report_due", date(c.decision.interim_report_due)},
            {"interim_visit", date(c.decision.interim_visit)},
            {"show_cause", c.decision.show_cause},
            {"note", c.note}};
}

void check_case(detail::Database& db, const AccreditationCase& c) {
    detail::check_text("degree", c.scope.degree, detail::kMaxNameLength, false);
    detail::check_text("note", c.note, detail::kMaxNoteLength, false, true);
    if (c.scope.unit) {
        auto& st = db.statement("SELECT 1 FROM org_unit u JOIN institution i ON i.id = u.institution_id WHERE u.id = ? AND i.is_home = 1");
        st.bind(1, static_cast<int64_t>(c.scope.unit->value()));
        const bool ok = st.executeStep();
        st.reset();
        if (!ok) throw ValidationError("scope.unit", std::to_string(c.scope.unit->value()), "a unit of the home institution");
        if (c.scope.degree.empty()) throw ValidationError("scope.degree", "", "the degree of the programme (a programme is unit + degree + level)");
        if (!c.scope.level) throw ValidationError("scope.level", "", "the level of the programme (a programme is unit + degree + level)");
    } else if (!c.scope.degree.empty() || c.scope.level) {
        throw ValidationError("scope.unit", "", "a unit when a degree or level is given (no unit means the whole institution)");
    }
    if (c.planned_visit) check_date(*c.planned_visit, "planned_visit");
    must_load_framework(db, c.framework);
}

void bind_case(detail::Statement& st, const AccreditationCase& c) {
    st.bind(1, static_cast<int64_t>(c.framework.value()));
    detail::bind_optional_id(st, 2, opt(c.scope.unit));
    st.bind(3, c.scope.degree);
    if (c.scope.level) st.bind(4, std::string(to_string(*c.scope.level)));
    else st.bind(4);
    st.bind(5, std::string(to_string(c.type)));
    st.bind(6, std::string(to_string(c.status)));
    detail::bind_optional_date(st, 7, c.planned_visit);
    detail::bind_optional_date(st, 8, c.decision.decided_on);
    detail::bind_optional_date(st, 9, c.decision.valid_until);
    detail::bind_optional_date(st, 10, c.decision.next_general_review);
    detail::bind_optional_date(st, 11, c.decision.interim_report_due);
    detail::bind_optional_date(st, 12, c.decision.interim_visit);
    st.bind(13, c.decision.show_cause ? 1 : 0);
    st.bind(14, c.note);
}

constexpr const char* kCaseUpdate =
    "UPDATE accreditation_case SET framework_id = ?, unit_id = ?, degree = ?, level = ?, type = ?, status = ?, planned_visit = ?, "
    "decided_on = ?, valid_until = ?, next_general_review = ?, interim_report_due = ?, interim_visit = ?, show_cause = ?, note = ? "
    "WHERE id = ?";

void write_case(detail::Database& db, const AccreditationCase& c) {
    auto& st = db.statement(kCaseUpdate);
    bind_case(st, c);
    st.bind(15, static_cast<int64_t>(c.id.value()));
    st.exec();
}

void record_transition(detail::Database& db, CaseId id, std::optional<CaseStatus> from, CaseStatus to, Date on, std::string_view note) {
    auto& st = db.statement("INSERT INTO accreditation_case_transition (case_id, from_status, to_status, on_date, actor, note) VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, static_cast<int64_t>(id.value()));
    if (from) st.bind(2, std::string(to_string(*from)));
    else st.bind(2);
    st.bind(3, std::string(to_string(to)));
    st.bind(4, format_date(on));
    st.bind(5, db.actor());
    st.bind(6, std::string(note));
    st.exec();
}

void check_move_date(detail::Database& db, CaseId id, Date on) {
    detail::check_move_date(db, "accreditation_case_transition", "case_id", id.value(), on);
}

// --- evidence, findings, follow-ups -----------------------------------------------------

constexpr const char* kEvidenceColumns =
    "SELECT id, case_id, criterion, title, document_title, document_location, document_sha256, owner_person_id, owner_unit_id, "
    "status, due, required FROM accreditation_evidence WHERE ";

Evidence read_evidence(detail::Statement& st) {
    Evidence e;
    e.id = EvidenceId{st.getColumn(0).getInt64()};
    e.accreditation_case = CaseId{st.getColumn(1).getInt64()};
    e.criterion = st.getColumn(2).getString();
    e.title = st.getColumn(3).getString();
    if (!st.getColumn(4).isNull())
        e.document = DocumentRef{st.getColumn(4).getString(), st.getColumn(5).getString(), st.getColumn(6).getString()};
    if (auto p = detail::column_optional_id(st.getColumn(7))) e.owner_person = PersonId{*p};
    if (auto u = detail::column_optional_id(st.getColumn(8))) e.owner_unit = UnitId{*u};
    e.status = enum_from_string<EvidenceStatus>(st.getColumn(9).getString());
    e.due = detail::column_date(st.getColumn(10));
    e.required = st.getColumn(11).getInt() != 0;
    return e;
}

json evidence_json(const Evidence& e) {
    return {{"id", e.id.value()},
            {"case", e.accreditation_case.value()},
            {"criterion", e.criterion},
            {"title", e.title},
            {"document", e.document ? json{{"title", e.document->title}, {"location", e.document->location}, {"sha256", e.document->sha256}}
                                    : json(nullptr)},
            {"owner_person", e.owner_person ? json(e.owner_person->value()) : json(nullptr)},
            {"owner_unit", e.owner_unit ? json(e.owner_unit->value()) : json(nullptr)},
            {"status", to_string(e.status)},
            {"due", e.due ? json(format_date(*e.due)) : json(nullptr)},
            {"required", e.required}};
}

void check_evidence(detail::Database& db, const Evidence& e) {
    detail::check_text("title", e.title, detail::kMaxNameLength, true);
    if (e.document) {
        detail::check_text("document.title", e.document->title, detail::kMaxNameLength, true);
        detail::check_text("document.location", e.document->location, 2048, true);
        if (!e.document->sha256.empty()) validate_sha256(e.document->sha256, "document.sha256");
        detail::check_document_location(db, "document.location", e.document->location);
    }
    if (e.due) check_date(*e.due, "due");
    if (e.owner_person && e.owner_unit)
        throw ValidationError("owner_unit", std::to_string(e.owner_unit->value()), "one owner: a person or a unit, not both");
    const auto c = must_load_case(db, e.accreditation_case);
    const auto framework = must_load_framework(db, c.framework);
    if (!framework.find(e.criterion))
        throw ValidationError("criterion", e.criterion, fmt::format("a criterion code of framework '{}' {}", framework.name, framework.version));
    if (!framework.is_leaf(e.criterion))
        throw ValidationError("criterion", e.criterion, "a criterion without sub-criteria (evidence belongs to the most specific criterion)");
    if (e.owner_person) detail::require_row(db, "person", "person (owner)", e.owner_person->value());
    if (e.owner_unit) detail::require_row(db, "org_unit", "unit (owner)", e.owner_unit->value());
}

void bind_evidence(detail::Statement& st, const Evidence& e) {
    st.bind(1, static_cast<int64_t>(e.accreditation_case.value()));
    st.bind(2, e.criterion);
    st.bind(3, e.title);
    if (e.document) {
        st.bind(4, e.document->title);
        st.bind(5, e.document->location);
        st.bind(6, e.document->sha256);
    } else {
        st.bind(4);
        st.bind(5);
        st.bind(6);
    }
    detail::bind_optional_id(st, 7, e.owner_person ? std::optional<std::int64_t>(e.owner_person->value()) : std::nullopt);
    detail::bind_optional_id(st, 8, opt(e.owner_unit));
    st.bind(9, std::string(to_string(e.status)));
    detail::bind_optional_date(st, 10, e.due);
    st.bind(11, e.required ? 1 : 0);
}

std::vector<Evidence> load_evidence(detail::Database& db, const std::string& where, const std::string& value) {
    auto& st = db.statement(kEvidenceColumns + where + " ORDER BY id");
    st.bind(1, value);
    std::vector<Evidence> out;
    while (st.executeStep()) out.push_back(read_evidence(st));
    return out;
}

FollowUp read_follow_up(detail::Statement& st) {
    FollowUp f;
    f.id = FollowUpId{st.getColumn(0).getInt64()};
    f.accreditation_case = CaseId{st.getColumn(1).getInt64()};
    f.title = st.getColumn(2).getString();
    f.due = parse_date(st.getColumn(3).getString(), "due");
    f.done_on = detail::column_date(st.getColumn(4));
    return f;
}
} // namespace

FrameworkId Accreditations::add_framework(Framework framework) {
    framework.id = FrameworkId{};
    validate(framework);
    return db_->write([&] {
        require_body(*db_, framework.body);
        {
            auto& st = db_->statement("SELECT id FROM accreditation_framework WHERE body_id = ? AND name = ? AND version = ?");
            st.bind(1, static_cast<int64_t>(framework.body.value()));
            st.bind(2, framework.name);
            st.bind(3, framework.version);
            if (st.executeStep()) {
                const auto other = st.getColumn(0).getInt64();
                st.reset();
                throw ConflictError(fmt::format("framework '{}' version '{}' of this body is already stored (id {})", framework.name,
                                                framework.version, other));
            }
        }
        auto& st = db_->statement("INSERT INTO accreditation_framework (body_id, name, version) VALUES (?, ?, ?)");
        st.bind(1, static_cast<int64_t>(framework.body.value()));
        st.bind(2, framework.name);
        st.bind(3, framework.version);
        st.exec();
        framework.id = FrameworkId{db_->last_insert_id()};
        for (std::size_t k = 0; k < framework.criteria.size(); ++k) {
            const auto& c = framework.criteria[k];
            auto& ins = db_->statement("INSERT INTO accreditation_criterion (framework_id, position, code, title, description, parent_code, weight) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?)");
            ins.bind(1, static_cast<int64_t>(framework.id.value()));
            ins.bind(2, static_cast<int64_t>(k));
            ins.bind(3, c.code);
            ins.bind(4, c.title);
            ins.bind(5, c.description);
            ins.bind(6, c.parent);
            ins.bind(7, c.weight);
            ins.exec();
        }
        db_->audit("accreditation_framework", framework.id.value(), "add", "", json::parse(framework_to_json(framework)).dump());
        return framework.id;
    });
}

Framework Accreditations::get_framework(FrameworkId id) const { return must_load_framework(*db_, id); }

std::vector<Framework> Accreditations::frameworks(std::optional<InstitutionId> body) const {
    std::vector<FrameworkId> ids;
    {
        auto& st = db_->statement("SELECT id FROM accreditation_framework WHERE ?1 IS NULL OR body_id = ?1 ORDER BY id");
        if (body) st.bind(1, static_cast<int64_t>(body->value()));
        else st.bind(1);
        while (st.executeStep()) ids.emplace_back(st.getColumn(0).getInt64());
    }
    std::vector<Framework> out;
    for (auto id : ids) out.push_back(must_load_framework(*db_, id));
    return out;
}

void Accreditations::set_timeline_rules(InstitutionId body, const TimelineRules& r) {
    validate(r);
    const json j = {{"body", r.body},
                    {"request_month", r.request_month},
                    {"request_day", r.request_day},
                    {"request_year_offset", r.request_year_offset},
                    {"request_days_before_visit", r.request_days_before_visit},
                    {"self_study_month", r.self_study_month},
                    {"self_study_day", r.self_study_day},
                    {"self_study_year_offset", r.self_study_year_offset},
                    {"self_study_days_before_visit", r.self_study_days_before_visit},
                    {"visit_month_from", r.visit_month_from},
                    {"visit_month_to", r.visit_month_to},
                    {"decision_month", r.decision_month},
                    {"decision_year_offset", r.decision_year_offset},
                    {"decision_days_after_visit", r.decision_days_after_visit}};
    db_->write([&] {
        require_body(*db_, body);
        const auto before = timeline_rules(body);
        auto& st = db_->statement("INSERT INTO accreditation_timeline_rules (body_id, rules) VALUES (?, ?) "
                                  "ON CONFLICT (body_id) DO UPDATE SET rules = excluded.rules");
        st.bind(1, static_cast<int64_t>(body.value()));
        st.bind(2, j.dump());
        st.exec();
        db_->audit("institution", body.value(), "set_timeline_rules", before ? "previous rules" : "", j.dump());
    });
}

std::optional<TimelineRules> Accreditations::timeline_rules(InstitutionId body) const {
    auto& st = db_->statement("SELECT rules FROM accreditation_timeline_rules WHERE body_id = ?");
    st.bind(1, static_cast<int64_t>(body.value()));
    if (!st.executeStep()) return std::nullopt;
    const auto j = json::parse(st.getColumn(0).getString());
    st.reset();
    TimelineRules r;
    r.body = j.at("body").get<std::string>();
    r.request_month = j.at("request_month");
    r.request_day = j.at("request_day");
    r.request_year_offset = j.at("request_year_offset");
    r.request_days_before_visit = j.at("request_days_before_visit");
    r.self_study_month = j.at("self_study_month");
    r.self_study_day = j.at("self_study_day");
    r.self_study_year_offset = j.at("self_study_year_offset");
    r.self_study_days_before_visit = j.at("self_study_days_before_visit");
    r.visit_month_from = j.at("visit_month_from");
    r.visit_month_to = j.at("visit_month_to");
    r.decision_month = j.at("decision_month");
    r.decision_year_offset = j.at("decision_year_offset");
    r.decision_days_after_visit = j.at("decision_days_after_visit");
    return r;
}

AccreditationTimeline Accreditations::timeline(CaseId id) const {
    const auto c = must_load_case(*db_, id);
    if (!c.planned_visit) throw ValidationError("planned_visit", "", fmt::format("a planned visit date on case {}", id.value()));
    const auto framework = must_load_framework(*db_, c.framework);
    const auto rules = timeline_rules(framework.body);
    if (!rules)
        throw NotFoundError("timeline rules for body", body_name(*db_, framework.body));
    return derive_timeline(*rules, *c.planned_visit);
}

CaseId Accreditations::open_case(AccreditationCase c, Date on) {
    c.id = CaseId{};
    c.status = CaseStatus::Planning;
    c.decision = {};
    check_date(on, "on");
    return db_->write([&] {
        check_case(*db_, c);
        auto& st = db_->statement(
            "INSERT INTO accreditation_case (framework_id, unit_id, degree, level, type, status, planned_visit, decided_on, valid_until, "
            "next_general_review, interim_report_due, interim_visit, show_cause, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        bind_case(st, c);
        st.exec();
        c.id = CaseId{db_->last_insert_id()};
        record_transition(*db_, c.id, std::nullopt, c.status, on, "opened");
        db_->audit("accreditation_case", c.id.value(), "add", "", case_json(c).dump());
        return c.id;
    });
}

void Accreditations::update_case(const AccreditationCase& c) {
    db_->write([&] {
        const auto before = must_load_case(*db_, c.id);
        if (c.status != before.status || c.decision != before.decision || c.framework != before.framework)
            throw ConflictError(fmt::format("accreditation case {}: status, decision and framework change only through transition() "
                                            "and decide()", c.id.value()));
        check_case(*db_, c);
        write_case(*db_, c);
        db_->audit("accreditation_case", c.id.value(), "update", case_json(before).dump(), case_json(c).dump());
    });
}

AccreditationCase Accreditations::get_case(CaseId id) const { return must_load_case(*db_, id); }

std::vector<AccreditationCase> Accreditations::cases(const CaseFilter& filter) const {
    detail::SqlFilter f;
    if (filter.framework) f.add("c.framework_id = ?", filter.framework->value());
    if (filter.body) f.add("f.body_id = ?", filter.body->value());
    if (filter.unit) f.add("c.unit_id = ?", filter.unit->value());
    if (filter.status) f.add("c.status = ?", std::string(to_string(*filter.status)));
    return load_cases(*db_, f);
}

void Accreditations::transition(CaseId id, CaseStatus to, Date on, std::string_view note) {
    detail::check_text("note", note, detail::kMaxNoteLength, false, true);
    if (is_decision(to))
        throw ConflictError(fmt::format("accreditation case {}: a decision needs its dates; use decide()", id.value()));
    db_->write([&] {
        const auto before = must_load_case(*db_, id);
        check_transition(before.status, to);
        check_move_date(*db_, id, on);
        auto after = before;
        after.status = to;
        write_case(*db_, after);
        record_transition(*db_, id, before.status, to, on, note);
        db_->audit("accreditation_case", id.value(), "transition", case_json(before).dump(), case_json(after).dump());
    });
}

void Accreditations::decide(CaseId id, CaseStatus outcome, const Decision& decision, std::string_view note) {
    detail::check_text("note", note, detail::kMaxNoteLength, false, true);
    if (!is_decision(outcome))
        throw ValidationError("outcome", std::string(to_string(outcome)), "accredited, accredited_with_conditions, deferred or denied");
    if (!decision.decided_on) throw ValidationError("decided_on", "", "the date of the decision");
    const auto check = [](const std::optional<Date>& d, const char* field) { if (d) check_date(*d, field); };
    check(decision.decided_on, "decided_on");
    check(decision.valid_until, "valid_until");
    check(decision.next_general_review, "next_general_review");
    check(decision.interim_report_due, "interim_report_due");
    check(decision.interim_visit, "interim_visit");
    if (is_accredited(outcome) && !decision.valid_until)
        throw ValidationError("valid_until", "", "the end of the accreditation, since the outcome accredits");
    if (!is_accredited(outcome) && decision.valid_until)
        throw ValidationError("valid_until", format_date(*decision.valid_until), "no validity unless the outcome accredits");
    if (decision.valid_until && *decision.valid_until <= *decision.decided_on)
        throw ValidationError("valid_until", format_date(*decision.valid_until),
                              fmt::format("a date after the decision ({})", format_date(*decision.decided_on)));
    db_->write([&] {
        const auto before = must_load_case(*db_, id);
        check_transition(before.status, outcome);
        check_move_date(*db_, id, *decision.decided_on);
        auto after = before;
        after.status = outcome;
        after.decision = decision;
        write_case(*db_, after);
        record_transition(*db_, id, before.status, outcome, *decision.decided_on, note);
        db_->audit("accreditation_case", id.value(), "decide", case_json(before).dump(), case_json(after).dump());
    });
}

std::vector<CaseTransition> Accreditations::history(CaseId id) const {
    must_load_case(*db_, id);
    auto& st = db_->statement("SELECT from_status, to_status, on_date, actor, note FROM accreditation_case_transition WHERE case_id = ? ORDER BY id");
    st.bind(1, static_cast<int64_t>(id.value()));
    std::vector<CaseTransition> out;
    while (st.executeStep()) {
        CaseTransition t;
        if (!st.getColumn(0).isNull()) t.from = enum_from_string<CaseStatus>(st.getColumn(0).getString());
        t.to = enum_from_string<CaseStatus>(st.getColumn(1).getString());
        t.on = parse_date(st.getColumn(2).getString(), "on_date");
        t.actor = st.getColumn(3).getString();
        t.note = st.getColumn(4).getString();
        out.push_back(std::move(t));
    }
    return out;
}

FollowUpId Accreditations::add_follow_up(FollowUp f) {
    f.id = FollowUpId{};
    detail::check_text("title", f.title, detail::kMaxNameLength, true);
    check_date(f.due, "due");
    if (f.done_on) check_date(*f.done_on, "done_on");
    return db_->write([&] {
        must_load_case(*db_, f.accreditation_case);
        auto& st = db_->statement("INSERT INTO accreditation_follow_up (case_id, title, due, done_on) VALUES (?, ?, ?, ?)");
        st.bind(1, static_cast<int64_t>(f.accreditation_case.value()));
        st.bind(2, f.title);
        st.bind(3, format_date(f.due));
        detail::bind_optional_date(st, 4, f.done_on);
        st.exec();
        f.id = FollowUpId{db_->last_insert_id()};
        db_->audit("accreditation_follow_up", f.id.value(), "add", "",
                   json{{"case", f.accreditation_case.value()}, {"title", f.title}, {"due", format_date(f.due)}}.dump());
        return f.id;
    });
}

void Accreditations::complete_follow_up(FollowUpId id, Date on) {
    check_date(on, "on");
    db_->write([&] {
        auto& st = db_->statement("UPDATE accreditation_follow_up SET done_on = ? WHERE id = ? AND done_on IS NULL");
        st.bind(1, format_date(on));
        st.bind(2, static_cast<int64_t>(id.value()));
        st.exec();
        if (db_->connection().getChanges() == 0) {
            detail::require_row(*db_, "accreditation_follow_up", "follow-up", id.value());
            throw ConflictError(fmt::format("follow-up {} is already done", id.value()));
        }
        db_->audit("accreditation_follow_up", id.value(), "complete", "", json{{"done_on", format_date(on)}}.dump());
    });
}

std::vector<FollowUp> Accreditations::follow_ups(CaseId id) const {
    must_load_case(*db_, id);
    auto& st = db_->statement("SELECT id, case_id, title, due, done_on FROM accreditation_follow_up WHERE case_id = ? ORDER BY due, id");
    st.bind(1, static_cast<int64_t>(id.value()));
    std::vector<FollowUp> out;
    while (st.executeStep()) out.push_back(read_follow_up(st));
    return out;
}

FindingId Accreditations::add_finding(Finding finding) {
    finding.id = FindingId{};
    detail::check_text("text", finding.text, detail::kMaxNoteLength, true, true);
    return db_->write([&] {
        const auto c = must_load_case(*db_, finding.accreditation_case);
        const auto framework = must_load_framework(*db_, c.framework);
        if (!framework.find(finding.criterion))
            throw ValidationError("criterion", finding.criterion, fmt::format("a criterion code of framework '{}'", framework.name));
        if (finding.follow_up) {
            auto& st = db_->statement("SELECT case_id FROM accreditation_follow_up WHERE id = ?");
            st.bind(1, static_cast<int64_t>(finding.follow_up->value()));
            if (!st.executeStep()) throw NotFoundError("follow-up", finding.follow_up->value());
            const auto owner = st.getColumn(0).getInt64();
            st.reset();
            if (owner != finding.accreditation_case.value())
                throw ValidationError("follow_up", std::to_string(finding.follow_up->value()), "a follow-up of the same case");
        }
        auto& st = db_->statement("INSERT INTO accreditation_finding (case_id, criterion, level, text, follow_up_id) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, static_cast<int64_t>(finding.accreditation_case.value()));
        st.bind(2, finding.criterion);
        st.bind(3, std::string(to_string(finding.level)));
        st.bind(4, finding.text);
        detail::bind_optional_id(st, 5, finding.follow_up ? std::optional<std::int64_t>(finding.follow_up->value()) : std::nullopt);
        st.exec();
        finding.id = FindingId{db_->last_insert_id()};
        db_->audit("accreditation_finding", finding.id.value(), "add", "",
                   json{{"case", finding.accreditation_case.value()}, {"criterion", finding.criterion}, {"level", to_string(finding.level)},
                        {"text", finding.text}}.dump());
        return finding.id;
    });
}

std::vector<Finding> Accreditations::findings(CaseId id) const {
    must_load_case(*db_, id);
    auto& st = db_->statement("SELECT id, case_id, criterion, level, text, follow_up_id FROM accreditation_finding WHERE case_id = ? ORDER BY id");
    st.bind(1, static_cast<int64_t>(id.value()));
    std::vector<Finding> out;
    while (st.executeStep()) {
        Finding f;
        f.id = FindingId{st.getColumn(0).getInt64()};
        f.accreditation_case = CaseId{st.getColumn(1).getInt64()};
        f.criterion = st.getColumn(2).getString();
        f.level = enum_from_string<FindingLevel>(st.getColumn(3).getString());
        f.text = st.getColumn(4).getString();
        if (auto u = detail::column_optional_id(st.getColumn(5))) f.follow_up = FollowUpId{*u};
        out.push_back(std::move(f));
    }
    return out;
}

EvidenceId Accreditations::add_evidence(Evidence e) {
    e.id = EvidenceId{};
    return db_->write([&] {
        check_evidence(*db_, e);
        auto& st = db_->statement("INSERT INTO accreditation_evidence (case_id, criterion, title, document_title, document_location, "
                                  "document_sha256, owner_person_id, owner_unit_id, status, due, required) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        bind_evidence(st, e);
        st.exec();
        e.id = EvidenceId{db_->last_insert_id()};
        db_->audit("accreditation_evidence", e.id.value(), "add", "", evidence_json(e).dump());
        return e.id;
    });
}

void Accreditations::update_evidence(const Evidence& e) {
    db_->write([&] {
        auto before = load_evidence(*db_, "id = ?", std::to_string(e.id.value()));
        if (before.empty()) throw NotFoundError("evidence", e.id.value());
        if (before.front().accreditation_case != e.accreditation_case)
            throw ConflictError(fmt::format("evidence {} cannot move to another case", e.id.value()));
        check_evidence(*db_, e);
        auto& st = db_->statement("UPDATE accreditation_evidence SET case_id = ?, criterion = ?, title = ?, document_title = ?, "
                                  "document_location = ?, document_sha256 = ?, owner_person_id = ?, owner_unit_id = ?, status = ?, due = ?, "
                                  "required = ? WHERE id = ?");
        bind_evidence(st, e);
        st.bind(12, static_cast<int64_t>(e.id.value()));
        st.exec();
        db_->audit("accreditation_evidence", e.id.value(), "update", evidence_json(before.front()).dump(), evidence_json(e).dump());
    });
}

std::vector<Evidence> Accreditations::evidence(CaseId id) const {
    must_load_case(*db_, id);
    return load_evidence(*db_, "case_id = ?", std::to_string(id.value()));
}

Readiness Accreditations::readiness(CaseId id, Date on) const {
    check_date(on, "on");
    const auto c = must_load_case(*db_, id);
    return compute_readiness(must_load_framework(*db_, c.framework), evidence(id), on);
}

std::vector<ProgrammeStatus> Accreditations::status_on(Date on) const {
    check_date(on, "on");
    // Decisions oldest first, so the latest one wins; then open cases, which show a scope
    // without a valid accreditation as in progress.
    auto& st = db_->statement(
        "SELECT c.id, c.unit_id, c.degree, c.level, f.body_id, c.status, c.decided_on, c.valid_until, coalesce(u.name, ''), "
        "(SELECT min(on_date) FROM accreditation_case_transition t WHERE t.case_id = c.id) "
        "FROM accreditation_case c JOIN accreditation_framework f ON f.id = c.framework_id LEFT JOIN org_unit u ON u.id = c.unit_id "
        "ORDER BY c.decided_on IS NULL, c.decided_on, c.id");
    std::map<std::tuple<std::int64_t, std::string, std::string, std::int64_t>, ProgrammeStatus> by_scope;
    const auto on_text = format_date(on);
    while (st.executeStep()) {
        const auto unit = detail::column_optional_id(st.getColumn(1));
        const auto degree = st.getColumn(2).getString();
        const auto level = st.getColumn(3).isNull() ? std::string{} : st.getColumn(3).getString();
        const InstitutionId body{st.getColumn(4).getInt64()};
        const auto status = enum_from_string<CaseStatus>(st.getColumn(5).getString());
        const auto decided = detail::column_date(st.getColumn(6));
        const auto valid_until = detail::column_date(st.getColumn(7));
        auto& row = by_scope[{unit.value_or(0), degree, level, body.value()}];
        if (!row.body.valid()) {
            if (unit) row.scope.unit = UnitId{*unit};
            row.scope.degree = degree;
            if (!level.empty()) row.scope.level = enum_from_string<DegreeLevel>(level);
            row.unit_name = st.getColumn(8).getString();
            row.body = body;
            row.body_name = body_name(*db_, body);
        }
        const CaseId id{st.getColumn(0).getInt64()};
        if (is_decision(status) && decided && *decided <= on) {
            // A later decision replaces an earlier one.
            row.decisive_case = id;
            row.valid_until = valid_until;
            if (is_accredited(status)) {
                row.state = valid_until && on <= *valid_until
                                ? (status == CaseStatus::Accredited ? AccreditationState::Accredited : AccreditationState::AccreditedWithConditions)
                                : AccreditationState::Expired;
            } else {
                row.state = AccreditationState::NotAccredited;
            }
        } else if (const auto opened = detail::column_date(st.getColumn(9)); opened && *opened <= on &&
                   (row.state == AccreditationState::NotAccredited || row.state == AccreditationState::Expired)) {
            // Open on that date: not decided yet, or decided only later.
            row.state = AccreditationState::InProgress;
            if (!row.decisive_case) row.decisive_case = id;
        }
    }
    std::vector<ProgrammeStatus> out;
    for (auto& [key, row] : by_scope) out.push_back(std::move(row));
    return out;
}

std::vector<ExpiringAccreditation> Accreditations::expiring(Date on, int within_days) const {
    check_date(on, "on");
    if (within_days < 0 || within_days > 36'500)
        throw ValidationError("within_days", std::to_string(within_days), "a number of days from 0 to 36500");
    detail::SqlFilter f;
    f.add("c.status IN ('accredited', 'accredited_with_conditions')");
    f.add("c.valid_until >= ?", format_date(on));
    f.add("c.valid_until <= ?", format_date(add_days(on, within_days)));
    std::vector<ExpiringAccreditation> out;
    for (auto& c : load_cases(*db_, f)) {
        const auto until = *c.decision.valid_until;
        out.push_back(ExpiringAccreditation{std::move(c), until, days_between(on, until)});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.days_left < b.days_left; });
    return out;
}

std::vector<Evidence> Accreditations::overdue_evidence(Date on) const {
    check_date(on, "on");
    return load_evidence(*db_, "required = 1 AND status IN ('missing', 'draft') AND due < ?", format_date(on));
}

std::vector<FollowUp> Accreditations::overdue_follow_ups(Date on) const {
    check_date(on, "on");
    auto& st = db_->statement("SELECT id, case_id, title, due, done_on FROM accreditation_follow_up WHERE done_on IS NULL AND due < ? ORDER BY due, id");
    st.bind(1, format_date(on));
    std::vector<FollowUp> out;
    while (st.executeStep()) out.push_back(read_follow_up(st));
    return out;
}

} // namespace iro
