#include "iro/activities.hpp"

#include "iro/error.hpp"
#include "store/bulk_add.hpp"
#include "store/checks.hpp"
#include "store/database.hpp"
#include "store/document_paths.hpp"
#include "store/json_convert.hpp"
#include "store/sort_rows.hpp"
#include "store/sql_filter.hpp"

#include <fmt/format.h>

#include <chrono>
#include <unordered_map>
#include <utility>

namespace iro {

namespace {
constexpr const char* kColumns =
    "SELECT id, type, title, agreement_id, area, start_on, end_on, outcome, publications, participants FROM activity a WHERE 1 = 1";

Activity read_row(detail::Statement& st) {
    Activity a;
    a.id = ActivityId{st.getColumn(0).getInt64()};
    a.type = enum_from_string<ActivityType>(st.getColumn(1).getString());
    a.title = st.getColumn(2).getString();
    if (auto g = detail::column_optional_id(st.getColumn(3))) a.agreement = AgreementId{*g};
    a.area = enum_from_string<Area>(st.getColumn(4).getString());
    a.start = parse_date(st.getColumn(5).getString(), "start_on");
    a.end = detail::column_date(st.getColumn(6));
    a.outcome = st.getColumn(7).getString();
    a.publications = st.getColumn(8).getInt();
    a.participants = st.getColumn(9).getInt();
    return a;
}

// Ordered by start date, then id, in memory once the parts are in (see sort_rows.hpp), as
// visits are: an ORDER BY would walk the start-date index and fetch every row at random.
std::vector<Activity> load(detail::Database& db, const detail::SqlFilter& f) {
    const detail::ReadScope snapshot(db);
    std::vector<Activity> out;
    std::vector<std::pair<std::int64_t, std::int64_t>> order;  // start day, id
    std::unordered_map<std::int64_t, std::size_t> index;
    {
        auto& st = db.statement(kColumns + f.where);
        f.bind(st);
        while (st.executeStep()) {
            index.emplace(st.getColumn(0).getInt64(), out.size());
            out.push_back(read_row(st));
            order.emplace_back(std::chrono::sys_days{out.back().start}.time_since_epoch().count(), out.back().id.value());
        }
    }
    if (out.empty()) return out;
    const auto parts = detail::parts_of(f, out);
    const std::string& ids = parts.condition;
    const detail::SqlFilter& by_id = parts.values;
    const auto each = [&](const std::string& sql, auto&& add) {
        auto& st = db.statement(sql);
        by_id.bind(st);
        while (st.executeStep()) add(out[index.at(st.getColumn(0).getInt64())], st);
    };
    each("SELECT activity_id, institution_id FROM activity_partner WHERE activity_id" + ids + " ORDER BY activity_id, position",
         [](Activity& a, detail::Statement& st) { a.partners.emplace_back(st.getColumn(1).getInt64()); });
    each("SELECT activity_id, unit_id FROM activity_unit WHERE activity_id" + ids + " ORDER BY activity_id, position",
         [](Activity& a, detail::Statement& st) { a.home_units.emplace_back(st.getColumn(1).getInt64()); });
    each("SELECT activity_id, person_id FROM activity_person WHERE activity_id" + ids + " ORDER BY activity_id, position",
         [](Activity& a, detail::Statement& st) { a.people.emplace_back(st.getColumn(1).getInt64()); });
    each("SELECT activity_id, amount, currency FROM activity_fund WHERE activity_id" + ids + " ORDER BY activity_id, position",
         [](Activity& a, detail::Statement& st) { a.funds.push_back(Money{st.getColumn(1).getDouble(), st.getColumn(2).getString()}); });
    each("SELECT activity_id, title, location, sha256 FROM activity_evidence WHERE activity_id" + ids + " ORDER BY activity_id, position",
         [](Activity& a, detail::Statement& st) {
             a.evidence.push_back(DocumentRef{st.getColumn(1).getString(), st.getColumn(2).getString(), st.getColumn(3).getString()});
         });
    detail::sort_rows(out, order);
    return out;
}

Activity must_load(detail::Database& db, ActivityId id) {
    detail::SqlFilter f;
    f.add("a.id = ?", id.value());
    auto rows = load(db, f);
    if (rows.empty()) throw NotFoundError("activity", id.value());
    return std::move(rows.front());
}

void check_home_units(detail::Database& db, const Activity& a) {
    for (auto u : a.home_units) {
        auto& st = db.statement("SELECT 1 FROM org_unit u JOIN institution i ON i.id = u.institution_id WHERE u.id = ? AND i.is_home = 1");
        st.bind(1, static_cast<int64_t>(u.value()));
        const bool ok = st.executeStep();
        st.reset();
        if (!ok) throw ValidationError("home_units", std::to_string(u.value()), "units of the home institution");
    }
}

void check_against_store(detail::Database& db, const Activity& a) {
    for (auto p : a.partners) detail::require_row(db, "institution", "partner institution", p.value());
    if (a.agreement) detail::require_row(db, "agreement", "agreement", a.agreement->value());
    check_home_units(db, a);
    for (auto p : a.people) detail::require_row(db, "person", "person", p.value());
}

// `replace`: the activity had parts before (an update); a new one has none to delete.
void write_parts(detail::Database& db, const Activity& a, bool replace) {
    const auto id = static_cast<int64_t>(a.id.value());
    if (replace)
        for (const char* table : {"activity_partner", "activity_unit", "activity_person", "activity_fund", "activity_evidence"}) {
            auto& st = db.statement(fmt::format("DELETE FROM {} WHERE activity_id = ?", table));
            st.bind(1, id);
            st.exec();
        }
    const auto insert_ids = [&](const char* sql, const auto& ids) {
        for (std::size_t k = 0; k < ids.size(); ++k) {
            auto& st = db.statement(sql);
            st.bind(1, id);
            st.bind(2, static_cast<int64_t>(ids[k].value()));
            st.bind(3, static_cast<int64_t>(k));
            st.exec();
        }
    };
    insert_ids("INSERT INTO activity_partner (activity_id, institution_id, position) VALUES (?, ?, ?)", a.partners);
    insert_ids("INSERT INTO activity_unit (activity_id, unit_id, position) VALUES (?, ?, ?)", a.home_units);
    insert_ids("INSERT INTO activity_person (activity_id, person_id, position) VALUES (?, ?, ?)", a.people);
    for (std::size_t k = 0; k < a.funds.size(); ++k) {
        auto& st = db.statement("INSERT INTO activity_fund (activity_id, position, amount, currency) VALUES (?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(k));
        st.bind(3, a.funds[k].amount);
        st.bind(4, a.funds[k].currency);
        st.exec();
    }
    for (std::size_t k = 0; k < a.evidence.size(); ++k) {
        auto& st = db.statement("INSERT INTO activity_evidence (activity_id, position, title, location, sha256) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(k));
        st.bind(3, a.evidence[k].title);
        st.bind(4, a.evidence[k].location);
        st.bind(5, a.evidence[k].sha256);
        st.exec();
    }
}

void bind_main(detail::Statement& st, const Activity& a) {
    st.bind(1, std::string(to_string(a.type)));
    st.bind(2, a.title);
    detail::bind_optional_id(st, 3, a.agreement ? std::optional<std::int64_t>(a.agreement->value()) : std::nullopt);
    st.bind(4, std::string(to_string(a.area)));
    st.bind(5, format_date(a.start));
    detail::bind_optional_date(st, 6, a.end);
    st.bind(7, a.outcome);
    st.bind(8, a.publications);
    st.bind(9, a.participants);
}

detail::SqlFilter make_filter(const ActivityFilter& filter) {
    detail::SqlFilter f;
    if (filter.partner)
        // IN rather than a correlated EXISTS: the partner index then drives the query.
        f.add("a.id IN (SELECT p.activity_id FROM activity_partner p WHERE p.institution_id = ?)", filter.partner->value());
    if (filter.agreement) f.add("a.agreement_id = ?", filter.agreement->value());
    if (filter.area) f.add("a.area = ?", std::string(to_string(*filter.area)));
    if (filter.type) f.add("a.type = ?", std::string(to_string(*filter.type)));
    if (filter.year) {
        if (*filter.year < 1 || *filter.year > 9999) throw ValidationError("year", std::to_string(*filter.year), "a year from 1 to 9999");
        // A range on the indexed text column instead of a function of it.
        f.add("a.start_on >= ?", fmt::format("{:04}-01-01", *filter.year));
        f.add("a.start_on <= ?", fmt::format("{:04}-12-31", *filter.year));
    }
    return f;
}

// Adds one activity; `checks` as in People::insert.
ActivityId insert(detail::Database& db, Activity& activity, detail::RowChecks checks) {
    activity.id = ActivityId{};
    validate(activity);
    detail::check_document_locations(db, "evidence", activity.evidence);
    if (checks == detail::RowChecks::Full) check_against_store(db, activity);
    else check_home_units(db, activity);
    auto& st = db.statement("INSERT INTO activity (type, title, agreement_id, area, start_on, end_on, outcome, publications, "
                            "participants) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_main(st, activity);
    try {
        st.exec();
        activity.id = ActivityId{db.last_insert_id()};
        write_parts(db, activity, false);
    } catch (const ConflictError&) {
        check_against_store(db, activity);
        throw;
    }
    if (db.audits_each_row()) db.audit("activity", activity.id.value(), "add", "", detail::to_json_text(activity));
    return activity.id;
}
} // namespace

ActivityId Activities::add(Activity activity) {
    return db_->write([&] { return insert(*db_, activity, detail::RowChecks::Full); });
}

std::vector<ActivityId> Activities::add_many(std::vector<Activity> activities) {
    return detail::add_many_rows<ActivityId>(*db_, "activity", "activities", activities,
                                             {"activity", "activity_partner", "activity_unit", "activity_person", "activity_fund", "activity_evidence"},
                                             [&](Activity row) { return insert(*db_, row, detail::RowChecks::Bulk); });
}

void Activities::update(const Activity& activity) {
    validate(activity);
    detail::check_document_locations(*db_, "evidence", activity.evidence);
    db_->write([&] {
        const auto before = must_load(*db_, activity.id);
        check_against_store(*db_, activity);
        auto& st = db_->statement("UPDATE activity SET type = ?, title = ?, agreement_id = ?, area = ?, start_on = ?, end_on = ?, "
                                  "outcome = ?, publications = ?, participants = ? WHERE id = ?");
        bind_main(st, activity);
        st.bind(10, static_cast<int64_t>(activity.id.value()));
        st.exec();
        write_parts(*db_, activity, true);
        db_->audit("activity", activity.id.value(), "update", detail::to_json_text(before), detail::to_json_text(activity));
    });
}

Activity Activities::get(ActivityId id) const { return must_load(*db_, id); }

std::vector<Activity> Activities::find(const ActivityFilter& filter) const { return load(*db_, make_filter(filter)); }

std::int64_t Activities::count(const ActivityFilter& filter) const {
    const auto f = make_filter(filter);
    auto& st = db_->statement("SELECT count(*) FROM activity a WHERE 1 = 1" + f.where);
    f.bind(st);
    st.executeStep();
    const auto n = st.getColumn(0).getInt64();
    st.reset();
    return n;
}

std::vector<GroupCount> Activities::count_by(ActivityGrouping grouping, const ActivityFilter& filter) const {
    const auto f = make_filter(filter);
    std::string sql;
    switch (grouping) {
    case ActivityGrouping::Partner:
        sql = "SELECT p.institution_id, (SELECT value FROM institution_name n WHERE n.institution_id = p.institution_id "
              "ORDER BY kind <> 'display', position LIMIT 1), count(*) FROM activity a JOIN activity_partner p ON p.activity_id = a.id "
              "WHERE 1 = 1" + f.where + " GROUP BY p.institution_id";
        break;
    case ActivityGrouping::Agreement:
        sql = "SELECT a.agreement_id, g.title, count(*) FROM activity a JOIN agreement g ON g.id = a.agreement_id WHERE 1 = 1" +
              f.where + " GROUP BY a.agreement_id";
        break;
    case ActivityGrouping::Area:
        sql = "SELECT a.area, a.area, count(*) FROM activity a WHERE 1 = 1" + f.where + " GROUP BY a.area";
        break;
    case ActivityGrouping::Year:
        sql = "SELECT substr(a.start_on, 1, 4), substr(a.start_on, 1, 4), count(*) FROM activity a WHERE 1 = 1" + f.where +
              " GROUP BY substr(a.start_on, 1, 4)";
        break;
    case ActivityGrouping::Type:
        sql = "SELECT a.type, a.type, count(*) FROM activity a WHERE 1 = 1" + f.where + " GROUP BY a.type";
        break;
    }
    auto& st = db_->statement(sql + " ORDER BY 3 DESC, 1");
    f.bind(st);
    std::vector<GroupCount> out;
    while (st.executeStep())
        out.push_back(GroupCount{st.getColumn(0).getString(), st.getColumn(1).isNull() ? "" : st.getColumn(1).getString(),
                                 st.getColumn(2).getInt64()});
    return out;
}

} // namespace iro
