#include "iro/programs.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "store/checks.hpp"
#include "store/database.hpp"
#include "store/json_convert.hpp"
#include "store/sql_filter.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <tuple>
#include <nlohmann/json.hpp>

namespace iro {

namespace {
using nlohmann::json;

// --- programs ---------------------------------------------------------------------------

constexpr const char* kProgramColumns =
    "SELECT id, name, kind, provider_id, agreement_id, audiences, eligibility, website FROM program p WHERE 1 = 1";

Program read_program(detail::Statement& st) {
    Program p;
    p.id = ProgramId{st.getColumn(0).getInt64()};
    p.name = st.getColumn(1).getString();
    p.kind = enum_from_string<ProgramKind>(st.getColumn(2).getString());
    if (auto v = detail::column_optional_id(st.getColumn(3))) p.provider = InstitutionId{*v};
    if (auto v = detail::column_optional_id(st.getColumn(4))) p.agreement = AgreementId{*v};
    for (const auto& a : json::parse(st.getColumn(5).getString())) p.audiences.push_back(enum_from_string<Audience>(a.get<std::string>()));
    p.eligibility = st.getColumn(6).getString();
    p.website = st.getColumn(7).getString();
    return p;
}

std::vector<Program> load_programs(detail::Database& db, const detail::SqlFilter& f) {
    std::vector<Program> out;
    auto& st = db.statement(kProgramColumns + f.where + " ORDER BY id");
    f.bind(st);
    while (st.executeStep()) out.push_back(read_program(st));
    return out;
}

Program must_load_program(detail::Database& db, ProgramId id) {
    detail::SqlFilter f;
    f.add("p.id = ?", id.value());
    auto rows = load_programs(db, f);
    if (rows.empty()) throw NotFoundError("program", id.value());
    return std::move(rows.front());
}

void bind_program(detail::Statement& st, const Program& p) {
    json audiences = json::array();
    for (auto a : p.audiences) audiences.push_back(to_string(a));
    st.bind(1, p.name);
    st.bind(2, std::string(to_string(p.kind)));
    detail::bind_optional_id(st, 3, p.provider ? std::optional<std::int64_t>(p.provider->value()) : std::nullopt);
    detail::bind_optional_id(st, 4, p.agreement ? std::optional<std::int64_t>(p.agreement->value()) : std::nullopt);
    st.bind(5, audiences.dump());
    st.bind(6, p.eligibility);
    st.bind(7, p.website);
}

void check_program_refs(detail::Database& db, const Program& p) {
    if (p.provider) detail::require_row(db, "institution", "institution (provider)", p.provider->value());
    if (p.agreement) detail::require_row(db, "agreement", "agreement", p.agreement->value());
}

// --- calls ------------------------------------------------------------------------------

constexpr const char* kCallColumns =
    "SELECT id, program_id, title, opens_on, deadline, places, funding_amount, funding_currency, eligibility FROM call c WHERE 1 = 1";

Call read_call(detail::Statement& st) {
    Call c;
    c.id = CallId{st.getColumn(0).getInt64()};
    c.program = ProgramId{st.getColumn(1).getInt64()};
    c.title = st.getColumn(2).getString();
    c.opens_on = parse_date(st.getColumn(3).getString(), "opens_on");
    c.deadline = parse_date(st.getColumn(4).getString(), "deadline");
    c.places = st.getColumn(5).getInt();
    if (!st.getColumn(6).isNull()) c.funding = Money{st.getColumn(6).getDouble(), st.getColumn(7).getString()};
    c.eligibility = st.getColumn(8).getString();
    return c;
}

std::vector<Call> load_calls(detail::Database& db, const detail::SqlFilter& f, const char* order = " ORDER BY c.deadline, c.id") {
    std::vector<Call> out;
    auto& st = db.statement(kCallColumns + f.where + order);
    f.bind(st);
    while (st.executeStep()) out.push_back(read_call(st));
    return out;
}

Call must_load_call(detail::Database& db, CallId id) {
    detail::SqlFilter f;
    f.add("c.id = ?", id.value());
    auto rows = load_calls(db, f);
    if (rows.empty()) throw NotFoundError("call", id.value());
    return std::move(rows.front());
}

void bind_call(detail::Statement& st, const Call& c) {
    st.bind(1, static_cast<int64_t>(c.program.value()));
    st.bind(2, c.title);
    st.bind(3, format_date(c.opens_on));
    st.bind(4, format_date(c.deadline));
    st.bind(5, c.places);
    if (c.funding) {
        st.bind(6, c.funding->amount);
        st.bind(7, c.funding->currency);
    } else {
        st.bind(6);
        st.bind(7);
    }
    st.bind(8, c.eligibility);
}

// --- applications -----------------------------------------------------------------------

constexpr const char* kApplicationColumns =
    "SELECT x.id, x.call_id, x.person_id, x.audience, x.unit_id, x.status, x.created_on, x.note FROM application x "
    "JOIN call c ON c.id = x.call_id WHERE 1 = 1";

Application read_application(detail::Statement& st) {
    Application a;
    a.id = ApplicationId{st.getColumn(0).getInt64()};
    a.call = CallId{st.getColumn(1).getInt64()};
    a.applicant = PersonId{st.getColumn(2).getInt64()};
    a.audience = enum_from_string<Audience>(st.getColumn(3).getString());
    if (auto u = detail::column_optional_id(st.getColumn(4))) a.unit = UnitId{*u};
    a.status = enum_from_string<ApplicationStatus>(st.getColumn(5).getString());
    a.created_on = parse_date(st.getColumn(6).getString(), "created_on");
    a.note = st.getColumn(7).getString();
    return a;
}

detail::SqlFilter application_filter(const ApplicationFilter& filter) {
    detail::SqlFilter f;
    if (filter.program) f.add("c.program_id = ?", filter.program->value());
    if (filter.call) f.add("x.call_id = ?", filter.call->value());
    if (filter.applicant) f.add("x.person_id = ?", filter.applicant->value());
    if (filter.status) f.add("x.status = ?", std::string(to_string(*filter.status)));
    if (filter.audience) f.add("x.audience = ?", std::string(to_string(*filter.audience)));
    if (filter.unit) f.add("x.unit_id = ?", filter.unit->value());
    if (filter.year) {
        if (*filter.year < 1 || *filter.year > 9999) throw ValidationError("year", std::to_string(*filter.year), "a year from 1 to 9999");
        f.add("c.deadline >= ?", fmt::format("{:04}-01-01", *filter.year));
        f.add("c.deadline <= ?", fmt::format("{:04}-12-31", *filter.year));
    }
    return f;
}

Application must_load_application(detail::Database& db, ApplicationId id) {
    detail::SqlFilter f;
    f.add("x.id = ?", id.value());
    auto& st = db.statement(kApplicationColumns + f.where);
    f.bind(st);
    if (!st.executeStep()) throw NotFoundError("application", id.value());
    auto a = read_application(st);
    st.reset();
    return a;
}

void record_transition(detail::Database& db, ApplicationId id, std::optional<ApplicationStatus> from, ApplicationStatus to, Date on,
                       std::string_view note) {
    auto& st = db.statement("INSERT INTO application_transition (application_id, from_status, to_status, on_date, actor, note) "
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

// Counting rules shared by participation and success rates.
constexpr const char* kSubmitted = "x.status <> 'draft'";
constexpr const char* kAccepted = "x.status IN ('accepted', 'completed')";
} // namespace

ProgramId Programs::add(Program program) {
    program.id = ProgramId{};
    validate(program);
    return db_->write([&] {
        check_program_refs(*db_, program);
        auto& st = db_->statement(
            "INSERT INTO program (name, kind, provider_id, agreement_id, audiences, eligibility, website) VALUES (?, ?, ?, ?, ?, ?, ?)");
        bind_program(st, program);
        st.exec();
        program.id = ProgramId{db_->last_insert_id()};
        db_->audit("program", program.id.value(), "add", "", detail::to_json_text(program));
        return program.id;
    });
}

void Programs::update(const Program& program) {
    validate(program);
    db_->write([&] {
        const auto before = must_load_program(*db_, program.id);
        check_program_refs(*db_, program);
        auto& st = db_->statement("UPDATE program SET name = ?, kind = ?, provider_id = ?, agreement_id = ?, audiences = ?, "
                                  "eligibility = ?, website = ? WHERE id = ?");
        bind_program(st, program);
        st.bind(8, static_cast<int64_t>(program.id.value()));
        st.exec();
        db_->audit("program", program.id.value(), "update", detail::to_json_text(before), detail::to_json_text(program));
    });
}

Program Programs::get(ProgramId id) const { return must_load_program(*db_, id); }

std::vector<Program> Programs::find(const ProgramFilter& filter) const {
    detail::SqlFilter f;
    if (filter.kind) f.add("p.kind = ?", std::string(to_string(*filter.kind)));
    if (filter.provider) f.add("p.provider_id = ?", filter.provider->value());
    if (filter.audience) f.add("EXISTS (SELECT 1 FROM json_each(p.audiences) WHERE value = ?)", std::string(to_string(*filter.audience)));
    return load_programs(*db_, f);
}

CallId Programs::add_call(Call call) {
    call.id = CallId{};
    validate(call);
    return db_->write([&] {
        must_load_program(*db_, call.program);
        auto& st = db_->statement("INSERT INTO call (program_id, title, opens_on, deadline, places, funding_amount, funding_currency, "
                                  "eligibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        bind_call(st, call);
        st.exec();
        call.id = CallId{db_->last_insert_id()};
        db_->audit("call", call.id.value(), "add", "", detail::to_json_text(call));
        return call.id;
    });
}

void Programs::update_call(const Call& call) {
    validate(call);
    db_->write([&] {
        const auto before = must_load_call(*db_, call.id);
        must_load_program(*db_, call.program);
        auto& st = db_->statement("UPDATE call SET program_id = ?, title = ?, opens_on = ?, deadline = ?, places = ?, funding_amount = ?, "
                                  "funding_currency = ?, eligibility = ? WHERE id = ?");
        bind_call(st, call);
        st.bind(9, static_cast<int64_t>(call.id.value()));
        st.exec();
        db_->audit("call", call.id.value(), "update", detail::to_json_text(before), detail::to_json_text(call));
    });
}

Call Programs::get_call(CallId id) const { return must_load_call(*db_, id); }

std::vector<Call> Programs::calls(std::optional<ProgramId> program) const {
    detail::SqlFilter f;
    if (program) f.add("c.program_id = ?", program->value());
    return load_calls(*db_, f);
}

std::vector<Call> Programs::open_calls(Date on, std::optional<Audience> audience) const {
    check_date(on, "on");
    detail::SqlFilter f;
    f.add("c.opens_on <= ?", format_date(on));
    f.add("c.deadline >= ?", format_date(on));
    if (audience)
        f.add("EXISTS (SELECT 1 FROM program p, json_each(p.audiences) WHERE p.id = c.program_id AND value = ?)",
              std::string(to_string(*audience)));
    return load_calls(*db_, f);
}

std::vector<Call> Programs::upcoming_deadlines(Date on, int within_days) const {
    check_date(on, "on");
    if (within_days < 0 || within_days > 36'500)
        throw ValidationError("within_days", std::to_string(within_days), "a number of days from 0 to 36500");
    detail::SqlFilter f;
    f.add("c.deadline >= ?", format_date(on));
    f.add("c.deadline <= ?", format_date(add_days(on, within_days)));
    return load_calls(*db_, f);
}

ApplicationId Programs::apply(Application application) {
    application.id = ApplicationId{};
    check_date(application.created_on, "created_on");
    detail::check_text("note", application.note, detail::kMaxNoteLength, false, true);
    return db_->write([&] {
        const auto call = must_load_call(*db_, application.call);
        const auto program = must_load_program(*db_, call.program);
        detail::require_row(*db_, "person", "person (applicant)", application.applicant.value());
        if (std::find(program.audiences.begin(), program.audiences.end(), application.audience) == program.audiences.end())
            throw ValidationError("audience", std::string(to_string(application.audience)),
                                  fmt::format("one of the program's audiences ({})", [&] {
                                      std::string s;
                                      for (auto a : program.audiences) s += (s.empty() ? "" : ", ") + std::string(to_string(a));
                                      return s;
                                  }()));
        if (application.unit) {
            auto& st = db_->statement("SELECT 1 FROM org_unit u JOIN institution i ON i.id = u.institution_id WHERE u.id = ? AND i.is_home = 1");
            st.bind(1, static_cast<int64_t>(application.unit->value()));
            const bool ok = st.executeStep();
            st.reset();
            if (!ok) throw ValidationError("unit", std::to_string(application.unit->value()), "a unit of the home institution");
        }
        {
            auto& st = db_->statement("SELECT id FROM application WHERE call_id = ? AND person_id = ?");
            st.bind(1, static_cast<int64_t>(application.call.value()));
            st.bind(2, static_cast<int64_t>(application.applicant.value()));
            if (st.executeStep()) {
                const auto other = st.getColumn(0).getInt64();
                st.reset();
                throw ConflictError(fmt::format("person {} already applied to call {} (application {})", application.applicant.value(),
                                                application.call.value(), other));
            }
        }
        auto& st = db_->statement("INSERT INTO application (call_id, person_id, audience, unit_id, status, created_on, note) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, static_cast<int64_t>(application.call.value()));
        st.bind(2, static_cast<int64_t>(application.applicant.value()));
        st.bind(3, std::string(to_string(application.audience)));
        detail::bind_optional_id(st, 4, application.unit ? std::optional<std::int64_t>(application.unit->value()) : std::nullopt);
        st.bind(5, std::string(to_string(application.status)));
        st.bind(6, format_date(application.created_on));
        st.bind(7, application.note);
        st.exec();
        application.id = ApplicationId{db_->last_insert_id()};
        record_transition(*db_, application.id, std::nullopt, application.status, application.created_on, "recorded");
        db_->audit("application", application.id.value(), "add", "", detail::to_json_text(application));
        return application.id;
    });
}

Application Programs::get_application(ApplicationId id) const { return must_load_application(*db_, id); }

std::vector<Application> Programs::applications(const ApplicationFilter& filter) const {
    const auto f = application_filter(filter);
    auto& st = db_->statement(kApplicationColumns + f.where + " ORDER BY x.id");
    f.bind(st);
    std::vector<Application> out;
    while (st.executeStep()) out.push_back(read_application(st));
    return out;
}

void Programs::transition(ApplicationId id, ApplicationStatus to, Date on, std::string_view note) {
    check_date(on, "on");
    detail::check_text("note", note, detail::kMaxNoteLength, false, true);
    db_->write([&] {
        const auto before = must_load_application(*db_, id);
        check_transition(before.status, to);
        detail::check_move_date(*db_, "application_transition", "application_id", id.value(), on);
        auto after = before;
        after.status = to;
        auto& st = db_->statement("UPDATE application SET status = ? WHERE id = ?");
        st.bind(1, std::string(to_string(to)));
        st.bind(2, static_cast<int64_t>(id.value()));
        st.exec();
        record_transition(*db_, id, before.status, to, on, note);
        db_->audit("application", id.value(), "transition", detail::to_json_text(before), detail::to_json_text(after));
    });
}

std::vector<ApplicationTransition> Programs::history(ApplicationId id) const {
    must_load_application(*db_, id);
    auto& st = db_->statement("SELECT from_status, to_status, on_date, actor, note FROM application_transition WHERE application_id = ? ORDER BY id");
    st.bind(1, static_cast<int64_t>(id.value()));
    std::vector<ApplicationTransition> out;
    while (st.executeStep()) {
        ApplicationTransition t;
        if (!st.getColumn(0).isNull()) t.from = enum_from_string<ApplicationStatus>(st.getColumn(0).getString());
        t.to = enum_from_string<ApplicationStatus>(st.getColumn(1).getString());
        t.on = parse_date(st.getColumn(2).getString(), "on_date");
        t.actor = st.getColumn(3).getString();
        t.note = st.getColumn(4).getString();
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<Participation> Programs::participation(const ApplicationFilter& filter) const {
    const auto f = application_filter(filter);
    auto& st = db_->statement(fmt::format(
        "SELECT c.program_id, p.name, CAST(substr(c.deadline, 1, 4) AS INTEGER), x.unit_id, x.audience, "
        "sum({0}), sum({1}), sum(x.status = 'rejected') FROM application x JOIN call c ON c.id = x.call_id "
        "JOIN program p ON p.id = c.program_id WHERE {0}{2} "
        "GROUP BY c.program_id, substr(c.deadline, 1, 4), x.unit_id, x.audience ORDER BY 1, 3, 4, 5",
        kSubmitted, kAccepted, f.where));
    f.bind(st);
    std::vector<Participation> out;
    while (st.executeStep()) {
        Participation row;
        row.program = ProgramId{st.getColumn(0).getInt64()};
        row.program_name = st.getColumn(1).getString();
        row.year = st.getColumn(2).getInt();
        if (auto u = detail::column_optional_id(st.getColumn(3))) row.unit = UnitId{*u};
        row.audience = enum_from_string<Audience>(st.getColumn(4).getString());
        row.applications = st.getColumn(5).getInt64();
        row.accepted = st.getColumn(6).getInt64();
        row.rejected = st.getColumn(7).getInt64();
        out.push_back(std::move(row));
    }
    // Audiences in their declared order (students by level first), not alphabetically.
    std::sort(out.begin(), out.end(), [](const Participation& a, const Participation& b) {
        return std::tie(a.program, a.year, a.unit, a.audience) < std::tie(b.program, b.year, b.unit, b.audience);
    });
    return out;
}

std::vector<SuccessRate> Programs::success_rates(const ApplicationFilter& filter) const {
    const auto f = application_filter(filter);
    auto& st = db_->statement(fmt::format(
        "SELECT c.program_id, p.name, sum(x.status IN ('accepted', 'completed', 'rejected')), sum({0}) "
        "FROM application x JOIN call c ON c.id = x.call_id JOIN program p ON p.id = c.program_id WHERE 1 = 1{1} "
        "GROUP BY c.program_id ORDER BY c.program_id",
        kAccepted, f.where));
    f.bind(st);
    std::vector<SuccessRate> out;
    while (st.executeStep()) {
        SuccessRate r;
        r.program = ProgramId{st.getColumn(0).getInt64()};
        r.program_name = st.getColumn(1).getString();
        r.decided = st.getColumn(2).getInt64();
        r.accepted = st.getColumn(3).getInt64();
        r.rate = r.decided > 0 ? static_cast<double>(r.accepted) / static_cast<double>(r.decided) : 0.0;
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace iro
