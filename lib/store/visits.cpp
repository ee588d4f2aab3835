#include "iro/people.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "store/bulk_add.hpp"
#include "store/checks.hpp"
#include "store/database.hpp"
#include "store/json_convert.hpp"
#include "store/sort_rows.hpp"
#include "store/sql_filter.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <optional>
#include <unordered_map>

namespace iro {

namespace {
constexpr const char* kColumns =
    "SELECT id, person_id, direction, purpose, home_institution_id, host_institution_id, home_unit_id, host_unit_id, start_on, "
    "end_on, agreement_id, program_id, mobility_type, status, lectures, teaching_hours, seminars, note FROM visit v WHERE 1 = 1";

Visit read_row(detail::Statement& st) {
    Visit v;
    v.id = VisitId{st.getColumn(0).getInt64()};
    v.person = PersonId{st.getColumn(1).getInt64()};
    v.direction = enum_from_string<VisitDirection>(st.getColumn(2).getString());
    v.purpose = enum_from_string<VisitPurpose>(st.getColumn(3).getString());
    v.home_institution = InstitutionId{st.getColumn(4).getInt64()};
    v.host_institution = InstitutionId{st.getColumn(5).getInt64()};
    if (auto u = detail::column_optional_id(st.getColumn(6))) v.home_unit = UnitId{*u};
    if (auto u = detail::column_optional_id(st.getColumn(7))) v.host_unit = UnitId{*u};
    v.start = parse_date(st.getColumn(8).getString(), "start_on");
    v.end = parse_date(st.getColumn(9).getString(), "end_on");
    if (auto a = detail::column_optional_id(st.getColumn(10))) v.agreement = AgreementId{*a};
    if (auto p = detail::column_optional_id(st.getColumn(11))) v.program = ProgramId{*p};
    if (!st.getColumn(12).isNull()) v.mobility_type = enum_from_string<MobilityType>(st.getColumn(12).getString());
    v.status = enum_from_string<VisitStatus>(st.getColumn(13).getString());
    v.lectures = st.getColumn(14).getInt();
    v.teaching_hours = st.getColumn(15).getDouble();
    v.seminars = st.getColumn(16).getInt();
    v.note = st.getColumn(17).getString();
    return v;
}

// Ordered by start date, then id, in memory (see sort_rows.hpp): an ORDER BY would walk the
// start-date index and fetch every row at random, about three times slower for every visit.
std::vector<Visit> load(detail::Database& db, const detail::SqlFilter& f) {
    std::vector<Visit> rows;
    std::vector<std::pair<std::int64_t, std::int64_t>> keys;  // start day, id
    auto& st = db.statement(kColumns + f.where);
    f.bind(st);
    while (st.executeStep()) {
        rows.push_back(read_row(st));
        keys.emplace_back(std::chrono::sys_days{rows.back().start}.time_since_epoch().count(), rows.back().id.value());
    }
    detail::sort_rows(rows, keys);
    return rows;
}

Visit must_load(detail::Database& db, VisitId id) {
    detail::SqlFilter f;
    f.add("v.id = ?", id.value());
    auto rows = load(db, f);
    if (rows.empty()) throw NotFoundError("visit", id.value());
    return std::move(rows.front());
}

InstitutionId home_institution(detail::Database& db) {
    auto& st = db.statement("SELECT id FROM institution WHERE is_home = 1");
    if (!st.executeStep()) throw NotFoundError("home institution", "set (add one with is_home = true)");
    const InstitutionId id{st.getColumn(0).getInt64()};
    st.reset();
    return id;
}

[[noreturn]] void throw_overlap(const Visit& v, std::int64_t other, const std::string& other_start, const std::string& other_end) {
    throw ConflictError(fmt::format("visit {} ({} to {}) overlaps visit {} ({} to {}) of person {}; a person cannot be in two places at once",
                                    v.id.valid() ? std::to_string(v.id.value()) : std::string("being added"), format_date(v.start),
                                    format_date(v.end), other, other_start, other_end, v.person.value()));
}

// A committed visit may not overlap another committed visit of the same person.
void check_no_overlap(detail::Database& db, const Visit& v) {
    if (!is_committed(v.status)) return;
    auto& st = db.statement("SELECT id, start_on, end_on FROM visit WHERE person_id = ? AND id <> ? AND status IN "
                            "('confirmed', 'ongoing', 'completed') AND start_on <= ? AND end_on >= ? ORDER BY start_on LIMIT 1");
    st.bind(1, static_cast<int64_t>(v.person.value()));
    st.bind(2, static_cast<int64_t>(v.id.value()));
    st.bind(3, format_date(v.end));
    st.bind(4, format_date(v.start));
    if (!st.executeStep()) return;
    const auto other = st.getColumn(0).getInt64();
    const auto other_start = st.getColumn(1).getString();
    const auto other_end = st.getColumn(2).getString();
    st.reset();
    throw_overlap(v, other, other_start, other_end);
}

// Incoming visitors come to us; outgoing ones leave from us.
void check_direction(const Visit& v, InstitutionId home) {
    if (v.direction == VisitDirection::Incoming && v.host_institution != home)
        throw ValidationError("host_institution", std::to_string(v.host_institution.value()),
                              fmt::format("the home institution ({}) for an incoming visit", home.value()));
    if (v.direction == VisitDirection::Outgoing && v.home_institution != home)
        throw ValidationError("home_institution", std::to_string(v.home_institution.value()),
                              fmt::format("the home institution ({}) for an outgoing visit", home.value()));
}

void check_units(detail::Database& db, const Visit& v) {
    detail::check_unit_belongs(db, v.home_unit, v.home_institution, "home_unit");
    detail::check_unit_belongs(db, v.host_unit, v.host_institution, "host_unit");
}

InstitutionId partner_of(const Visit& v) {
    return v.direction == VisitDirection::Incoming ? v.home_institution : v.host_institution;
}

void check_against_store(detail::Database& db, const Visit& v) {
    detail::require_row(db, "person", "person", v.person.value());
    detail::require_row(db, "institution", "institution (home_institution)", v.home_institution.value());
    detail::require_row(db, "institution", "institution (host_institution)", v.host_institution.value());
    check_direction(v, home_institution(db));
    check_units(db, v);
    if (v.agreement) {
        detail::require_row(db, "agreement", "agreement", v.agreement->value());
        const auto partner = partner_of(v);
        auto& st = db.statement("SELECT 1 FROM agreement_party WHERE agreement_id = ? AND institution_id = ?");
        st.bind(1, static_cast<int64_t>(v.agreement->value()));
        st.bind(2, static_cast<int64_t>(partner.value()));
        const bool party = st.executeStep();
        st.reset();
        if (!party)
            throw ValidationError("agreement", std::to_string(v.agreement->value()),
                                  fmt::format("an agreement to which the partner institution {} is a party", partner.value()));
    }
    if (v.program) detail::require_row(db, "program", "program", v.program->value());
    check_no_overlap(db, v);
}

void bind_main(detail::Statement& st, const Visit& v) {
    const auto opt = [](const auto& id) { return id ? std::optional<std::int64_t>(id->value()) : std::nullopt; };
    st.bind(1, static_cast<int64_t>(v.person.value()));
    st.bind(2, std::string(to_string(v.direction)));
    st.bind(3, std::string(to_string(v.purpose)));
    st.bind(4, static_cast<int64_t>(v.home_institution.value()));
    st.bind(5, static_cast<int64_t>(v.host_institution.value()));
    detail::bind_optional_id(st, 6, opt(v.home_unit));
    detail::bind_optional_id(st, 7, opt(v.host_unit));
    st.bind(8, format_date(v.start));
    st.bind(9, format_date(v.end));
    detail::bind_optional_id(st, 10, opt(v.agreement));
    detail::bind_optional_id(st, 11, opt(v.program));
    if (v.mobility_type) st.bind(12, std::string(to_string(*v.mobility_type)));
    else st.bind(12);
    st.bind(13, std::string(to_string(v.status)));
    st.bind(14, v.lectures);
    st.bind(15, v.teaching_hours);
    st.bind(16, v.seminars);
    st.bind(17, v.note);
}

// A large add_many asks the store once for what every row needs, instead of once per row:
// the home institution, each agreement's parties and every committed visit (for overlaps).
// References to rows that do not exist are left to the foreign keys; when one fails, the
// row's full check runs and names what is missing.
class BatchChecks {
public:
    explicit BatchChecks(detail::Database& db) : db_(db), home_(home_institution(db)) {
        auto& st = db.statement("SELECT id, person_id, start_on, end_on FROM visit WHERE status IN ('confirmed', 'ongoing', 'completed')");
        while (st.executeStep())
            committed_[st.getColumn(1).getInt64()].push_back(
                Committed{st.getColumn(0).getInt64(), parse_date(st.getColumn(2).getString(), "start_on"),
                          parse_date(st.getColumn(3).getString(), "end_on")});
    }

    // Everything but existence, which the insert's foreign keys check.
    void check(const Visit& v) {
        check_direction(v, home_);
        check_units(db_, v);
        if (v.agreement) check_party(v);
        if (is_committed(v.status))
            for (const auto& c : committed_[v.person.value()])
                if (c.start <= v.end && c.end >= v.start) throw_overlap(v, c.id, format_date(c.start), format_date(c.end));
    }

    // Called once the row is in: later rows of the batch must not overlap it either.
    void added(const Visit& v) {
        if (is_committed(v.status)) committed_[v.person.value()].push_back(Committed{v.id.value(), v.start, v.end});
    }

private:
    struct Committed {
        std::int64_t id;
        Date start;
        Date end;
    };

    void check_party(const Visit& v) {
        auto [it, fresh] = parties_.try_emplace(v.agreement->value());
        if (fresh) {
            auto& st = db_.statement("SELECT institution_id FROM agreement_party WHERE agreement_id = ?");
            st.bind(1, static_cast<int64_t>(v.agreement->value()));
            while (st.executeStep()) it->second.push_back(st.getColumn(0).getInt64());
            if (it->second.empty()) detail::require_row(db_, "agreement", "agreement", v.agreement->value());
        }
        const auto partner = partner_of(v);
        if (std::find(it->second.begin(), it->second.end(), partner.value()) == it->second.end())
            throw ValidationError("agreement", std::to_string(v.agreement->value()),
                                  fmt::format("an agreement to which the partner institution {} is a party", partner.value()));
    }

    detail::Database& db_;
    InstitutionId home_;
    std::unordered_map<std::int64_t, std::vector<std::int64_t>> parties_;
    std::unordered_map<std::int64_t, std::vector<Committed>> committed_;
};

// Below this many rows, row-by-row checks are cheaper than loading every committed visit.
constexpr std::size_t kBatchChecksFrom = 1000;
// Row-by-row checks search visits through their indexes, so they must never meet a batch
// whose indexes are dropped.
static_assert(kBatchChecksFrom <= detail::kDeferIndexesFrom);

VisitId insert(detail::Database& db, Visit& visit) {
    auto& st = db.statement(
        "INSERT INTO visit (person_id, direction, purpose, home_institution_id, host_institution_id, home_unit_id, host_unit_id, "
        "start_on, end_on, agreement_id, program_id, mobility_type, status, lectures, teaching_hours, seminars, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_main(st, visit);
    st.exec();
    visit.id = VisitId{db.last_insert_id()};
    return visit.id;
}

detail::SqlFilter make_filter(const VisitFilter& filter) {
    detail::SqlFilter f;
    if (filter.person) f.add("v.person_id = ?", filter.person->value());
    if (filter.direction) f.add("v.direction = ?", std::string(to_string(*filter.direction)));
    if (filter.status) f.add("v.status = ?", std::string(to_string(*filter.status)));
    if (filter.agreement) f.add("v.agreement_id = ?", filter.agreement->value());
    if (filter.program) f.add("v.program_id = ?", filter.program->value());
    if (filter.institution) {
        f.add("(v.home_institution_id = ? OR v.host_institution_id = ?)", filter.institution->value());
        f.values.emplace_back(filter.institution->value());
    }
    if (filter.year) {
        if (*filter.year < 1 || *filter.year > 9999) throw ValidationError("year", std::to_string(*filter.year), "a year from 1 to 9999");
        f.add("v.start_on >= ?", fmt::format("{:04}-01-01", *filter.year));
        f.add("v.start_on <= ?", fmt::format("{:04}-12-31", *filter.year));
    }
    return f;
}
} // namespace

VisitId Visits::add(Visit visit) {
    visit.id = VisitId{};
    validate(visit);
    return db_->write([&] {
        check_against_store(*db_, visit);
        insert(*db_, visit);
        if (db_->audits_each_row()) db_->audit("visit", visit.id.value(), "add", "", detail::to_json_text(visit));
        return visit.id;
    });
}

std::vector<VisitId> Visits::add_many(std::vector<Visit> visits) {
    if (visits.size() < kBatchChecksFrom)
        return detail::add_many_rows<VisitId>(*db_, "visit", "visits", visits, {"visit"}, [&](Visit row) { return add(std::move(row)); });
    // Every row is validated before anything is written.
    for (std::size_t k = 0; k < visits.size(); ++k) {
        visits[k].id = VisitId{};
        detail::validate_row(k, "visits", [&] { validate(visits[k]); });
    }
    std::optional<BatchChecks> checks;
    return detail::add_many_rows<VisitId>(*db_, "visit", "visits", visits, {"visit"}, [&](Visit row) {
        if (!checks) checks.emplace(*db_);
        checks->check(row);
        try {
            insert(*db_, row);
        } catch (const ConflictError&) {
            check_against_store(*db_, row);  // names the missing person, institution, agreement or program
            throw;
        }
        checks->added(row);
        return row.id;
    });
}

void Visits::update(const Visit& visit) {
    validate(visit);
    db_->write([&] {
        const auto before = must_load(*db_, visit.id);
        if (visit.status != before.status)
            throw ConflictError(fmt::format("visit {} is '{}': status changes only through transitions, not update()",
                                            visit.id.value(), to_string(before.status)));
        check_against_store(*db_, visit);
        auto& st = db_->statement(
            "UPDATE visit SET person_id = ?, direction = ?, purpose = ?, home_institution_id = ?, host_institution_id = ?, "
            "home_unit_id = ?, host_unit_id = ?, start_on = ?, end_on = ?, agreement_id = ?, program_id = ?, mobility_type = ?, "
            "status = ?, lectures = ?, teaching_hours = ?, seminars = ?, note = ? WHERE id = ?");
        bind_main(st, visit);
        st.bind(18, static_cast<int64_t>(visit.id.value()));
        st.exec();
        db_->audit("visit", visit.id.value(), "update", detail::to_json_text(before), detail::to_json_text(visit));
    });
}

void Visits::transition(VisitId id, VisitStatus to, std::string_view note) {
    detail::check_text("note", note, detail::kMaxNoteLength, false, true);
    db_->write([&] {
        const auto before = must_load(*db_, id);
        check_transition(before.status, to);
        auto after = before;
        after.status = to;
        if (!note.empty()) after.note = before.note.empty() ? std::string(note) : before.note + "\n" + std::string(note);
        validate(after);  // the appended note must still fit the limits
        check_no_overlap(*db_, after);
        auto& st = db_->statement("UPDATE visit SET status = ?, note = ? WHERE id = ?");
        st.bind(1, std::string(to_string(to)));
        st.bind(2, after.note);
        st.bind(3, static_cast<int64_t>(id.value()));
        st.exec();
        db_->audit("visit", id.value(), "transition", detail::to_json_text(before), detail::to_json_text(after));
    });
}

Visit Visits::get(VisitId id) const { return must_load(*db_, id); }

std::vector<Visit> Visits::find(const VisitFilter& filter) const { return load(*db_, make_filter(filter)); }

std::int64_t Visits::count(const VisitFilter& filter) const {
    const auto f = make_filter(filter);
    auto& st = db_->statement("SELECT count(*) FROM visit v WHERE 1 = 1" + f.where);
    f.bind(st);
    st.executeStep();
    const auto n = st.getColumn(0).getInt64();
    st.reset();
    return n;
}

} // namespace iro
