#include "iro/institutions.hpp"

#include "iro/error.hpp"
#include "iro/identifiers.hpp"
#include "iro/text_fold.hpp"
#include "store/bulk_add.hpp"
#include "store/database.hpp"
#include "store/institution_names.hpp"
#include "store/json_convert.hpp"
#include "store/sql_filter.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace iro {

namespace detail {
std::string json_string_array(const std::vector<std::string>& values) { return nlohmann::json(values).dump(); }
std::string json_id_array(const std::vector<std::int64_t>& values) { return nlohmann::json(values).dump(); }
} // namespace detail

namespace {
constexpr const char* kColumns =
    "SELECT id, type, country, city, website, ror, erasmus, schac, pic, wikidata, status, successor_id, is_home "
    "FROM institution i WHERE 1 = 1";

std::string text_or_empty(const SQLite::Column& c) { return c.isNull() ? std::string{} : c.getString(); }

Institution read_row(detail::Statement& st) {
    Institution i;
    i.id = InstitutionId{st.getColumn(0).getInt64()};
    i.type = enum_from_string<InstitutionType>(st.getColumn(1).getString());
    i.country = st.getColumn(2).getString();
    i.city = st.getColumn(3).getString();
    i.website = st.getColumn(4).getString();
    i.identifiers.ror = text_or_empty(st.getColumn(5));
    i.identifiers.erasmus = text_or_empty(st.getColumn(6));
    i.identifiers.schac = text_or_empty(st.getColumn(7));
    i.identifiers.pic = text_or_empty(st.getColumn(8));
    i.identifiers.wikidata = text_or_empty(st.getColumn(9));
    i.status = enum_from_string<InstitutionStatus>(st.getColumn(10).getString());
    if (auto s = detail::column_optional_id(st.getColumn(11))) i.successor = InstitutionId{*s};
    i.is_home = st.getColumn(12).getInt() != 0;
    return i;
}

// Loads the institutions matching `filter` with their names: two queries, whatever the count.
std::vector<Institution> load(detail::Database& db, const detail::SqlFilter& filter, const std::string& order = " ORDER BY id") {
    const detail::ReadScope snapshot(db);
    std::vector<Institution> out;
    std::unordered_map<std::int64_t, std::size_t> index;
    {
        auto& st = db.statement(kColumns + filter.where + order);
        filter.bind(st);
        while (st.executeStep()) {
            index.emplace(st.getColumn(0).getInt64(), out.size());
            out.push_back(read_row(st));
        }
    }
    if (out.empty()) return out;
    auto& st = db.statement("SELECT institution_id, value, lang, kind FROM institution_name WHERE institution_id IN "
                            "(SELECT id FROM institution i WHERE 1 = 1" + filter.where + ") ORDER BY institution_id, position");
    filter.bind(st);
    while (st.executeStep()) {
        const auto it = index.find(st.getColumn(0).getInt64());
        if (it == index.end()) continue;
        out[it->second].names.push_back(Name{st.getColumn(1).getString(), st.getColumn(2).getString(),
                                             enum_from_string<NameKind>(st.getColumn(3).getString())});
    }
    return out;
}

std::optional<Institution> load_one(detail::Database& db, InstitutionId id) {
    detail::SqlFilter f;
    f.add("i.id = ?", id.value());
    auto rows = load(db, f);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

Institution must_load(detail::Database& db, InstitutionId id) {
    auto row = load_one(db, id);
    if (!row) throw NotFoundError("institution", id.value());
    return std::move(*row);
}

std::optional<Institution> load_home(detail::Database& db) {
    detail::SqlFilter f;
    f.add("i.is_home = 1");
    auto rows = load(db, f);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

void bind_nullable_text(detail::Statement& st, int index, const std::string& value) {
    if (value.empty()) st.bind(index);
    else st.bind(index, value);
}

// Identifiers must be unique across institutions; say which one holds it.
void check_identifiers_free(detail::Database& db, const Institution& i) {
    const std::pair<const char*, const std::string*> ids[] = {{"ror", &i.identifiers.ror},
                                                              {"erasmus", &i.identifiers.erasmus},
                                                              {"schac", &i.identifiers.schac},
                                                              {"pic", &i.identifiers.pic}};
    for (const auto& [column, value] : ids) {
        if (value->empty()) continue;
        auto& st = db.statement(fmt::format("SELECT id FROM institution WHERE {} = ? AND id <> ?", column));
        st.bind(1, *value);
        st.bind(2, static_cast<int64_t>(i.id.value()));
        if (st.executeStep()) {
            const auto other = st.getColumn(0).getInt64();
            st.reset();
            throw ConflictError(fmt::format("{} '{}' is already used by institution {}", column, *value, other));
        }
    }
}

void check_successor(detail::Database& db, const Institution& i) {
    if (!i.successor) return;
    const auto successor = load_one(db, *i.successor);
    if (!successor) throw NotFoundError("successor institution", i.successor->value());
}

void bind_columns(detail::Statement& st, const Institution& i) {
    st.bind(1, std::string(to_string(i.type)));
    st.bind(2, i.country);
    st.bind(3, i.city);
    st.bind(4, i.website);
    bind_nullable_text(st, 5, i.identifiers.ror);
    bind_nullable_text(st, 6, i.identifiers.erasmus);
    bind_nullable_text(st, 7, i.identifiers.schac);
    bind_nullable_text(st, 8, i.identifiers.pic);
    bind_nullable_text(st, 9, i.identifiers.wikidata);
    st.bind(10, std::string(to_string(i.status)));
    detail::bind_optional_id(st, 11, i.successor ? std::optional<std::int64_t>(i.successor->value()) : std::nullopt);
}

Institution normalized(Institution i) {
    if (!i.identifiers.ror.empty()) i.identifiers.ror = normalize_ror_id(i.identifiers.ror);
    return i;
}

std::vector<std::string> regional_set(detail::Database& db) {
    if (auto stored = db.meta("regional_countries")) return nlohmann::json::parse(*stored).get<std::vector<std::string>>();
    if (auto home = load_home(db)) return default_regional_countries(home->country);
    return {};
}

std::string home_country(detail::Database& db) {
    auto home = load_home(db);
    if (!home) throw NotFoundError("home institution", "set (add one with is_home = true)");
    return home->country;
}
} // namespace

namespace detail {
// Appends the condition "the institution's country (column `country_column`) is in
// `scope` relative to the home institution".
void add_scope_filter(Database& db, SqlFilter& filter, const std::string& country_column, Scope scope) {
    const auto home = home_country(db);
    const auto regional = json_string_array(regional_set(db));
    switch (scope) {
    case Scope::Local:
        filter.add(country_column + " = ?", home);
        break;
    case Scope::Regional:
        filter.add(country_column + " <> ?", home);
        filter.add(country_column + " IN (SELECT value FROM json_each(?))", regional);
        break;
    case Scope::International:
        filter.add(country_column + " <> ?", home);
        filter.add(country_column + " NOT IN (SELECT value FROM json_each(?))", regional);
        break;
    }
}

void add_region_filter(SqlFilter& filter, const std::string& country_column, WorldRegion region) {
    filter.add(country_column + " IN (SELECT value FROM json_each(?))", json_string_array(countries_in(region)));
}
} // namespace detail

InstitutionId Institutions::add(Institution institution) {
    auto i = normalized(std::move(institution));
    i.id = InstitutionId{};
    validate(i);
    return db_->write([&] {
        if (i.is_home) {
            if (auto home = load_home(*db_))
                throw ConflictError(fmt::format("the store already has a home institution: '{}' (id {}); a store has exactly one",
                                                home->display_name(), home->id.value()));
        }
        check_identifiers_free(*db_, i);
        check_successor(*db_, i);
        auto& st = db_->statement(
            "INSERT INTO institution (type, country, city, website, ror, erasmus, schac, pic, wikidata, status, successor_id, is_home) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        bind_columns(st, i);
        st.bind(12, i.is_home ? 1 : 0);
        st.exec();
        i.id = InstitutionId{db_->last_insert_id()};
        detail::write_names_and_search(*db_, i, false);
        if (db_->audits_each_row()) db_->audit("institution", i.id.value(), "add", "", detail::to_json_text(i));
        return i.id;
    });
}

std::vector<InstitutionId> Institutions::add_many(std::vector<Institution> institutions) {
    return detail::add_many_rows<InstitutionId>(*db_, "institution", "institutions", institutions, {"institution", "institution_name"},
        [&](Institution row) { return add(std::move(row)); });
}

void Institutions::update(const Institution& institution) {
    auto i = normalized(institution);
    validate(i);
    db_->write([&] {
        const auto before = must_load(*db_, i.id);
        if (before.is_home != i.is_home)
            throw ConflictError(fmt::format("institution {} cannot change whether it is the home institution", i.id.value()));
        check_identifiers_free(*db_, i);
        check_successor(*db_, i);
        auto& st = db_->statement(
            "UPDATE institution SET type = ?, country = ?, city = ?, website = ?, ror = ?, erasmus = ?, schac = ?, pic = ?, "
            "wikidata = ?, status = ?, successor_id = ? WHERE id = ?");
        bind_columns(st, i);
        st.bind(12, static_cast<int64_t>(i.id.value()));
        st.exec();
        detail::write_names_and_search(*db_, i, true);
        db_->audit("institution", i.id.value(), "update", detail::to_json_text(before), detail::to_json_text(i));
    });
}

void Institutions::merge_into(InstitutionId merged, InstitutionId successor) {
    db_->write([&] {
        auto before = must_load(*db_, merged);
        const auto target = must_load(*db_, successor);
        if (merged == successor)
            throw ValidationError("successor", std::to_string(successor.value()), "another institution than the merged one");
        if (before.is_home) throw ConflictError("the home institution cannot be merged into another institution");
        if (target.status == InstitutionStatus::Merged)
            throw ConflictError(fmt::format("institution {} is itself merged into {}; merge into that one instead",
                                            successor.value(), target.successor ? target.successor->value() : 0));
        auto after = before;
        after.status = InstitutionStatus::Merged;
        after.successor = successor;
        auto& st = db_->statement("UPDATE institution SET status = ?, successor_id = ? WHERE id = ?");
        st.bind(1, std::string(to_string(after.status)));
        st.bind(2, static_cast<int64_t>(successor.value()));
        st.bind(3, static_cast<int64_t>(merged.value()));
        st.exec();
        db_->audit("institution", merged.value(), "merge", detail::to_json_text(before), detail::to_json_text(after));
    });
}

Institution Institutions::get(InstitutionId id) const { return must_load(*db_, id); }

std::optional<Institution> Institutions::find_by_ror(std::string_view ror) const {
    detail::SqlFilter f;
    f.add("i.ror = ?", normalize_ror_id(ror));
    auto rows = load(*db_, f);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

Institution Institutions::home() const {
    auto home = load_home(*db_);
    if (!home) throw NotFoundError("home institution", "set (add one with is_home = true)");
    return std::move(*home);
}

bool Institutions::has_home() const { return load_home(*db_).has_value(); }

namespace {
detail::SqlFilter make_filter(detail::Database& db, const InstitutionFilter& filter) {
    detail::SqlFilter f;
    if (!filter.include_home) f.add("i.is_home = 0");
    if (filter.type) f.add("i.type = ?", std::string(to_string(*filter.type)));
    if (filter.status) f.add("i.status = ?", std::string(to_string(*filter.status)));
    if (filter.country) f.add("i.country = ?", std::string(country(*filter.country).code));
    if (filter.region) detail::add_region_filter(f, "i.country", *filter.region);
    if (filter.scope) detail::add_scope_filter(db, f, "i.country", *filter.scope);
    return f;
}
} // namespace

std::vector<Institution> Institutions::find(const InstitutionFilter& filter) const {
    try {
        return load(*db_, make_filter(*db_, filter));
    } catch (...) {
        detail::rethrow_as_iro_error("finding institutions");
    }
}

namespace {
// The display name of each summary (in id order): its first name of kind 'display', else its
// first name. The names are read in one ordered query and merged: over the whole range of
// ids when the summaries fill much of it, else for their ids only.
void read_display_names(detail::Database& db, std::vector<InstitutionSummary>& out) {
    if (out.empty()) return;
    const auto first = out.front().id.value();
    const auto last = out.back().id.value();
    const bool dense = static_cast<double>(out.size()) * 4 >= static_cast<double>(last - first) + 1;
    auto& st = dense ? db.statement("SELECT institution_id, value, kind = 'display' FROM institution_name "
                                    "WHERE institution_id BETWEEN ? AND ? ORDER BY institution_id, position")
                     : db.statement("SELECT institution_id, value, kind = 'display' FROM institution_name "
                                    "WHERE institution_id IN (SELECT value FROM json_each(?)) ORDER BY institution_id, position");
    if (dense) {
        st.bind(1, static_cast<std::int64_t>(first));
        st.bind(2, static_cast<std::int64_t>(last));
    } else {
        std::vector<std::int64_t> ids;
        ids.reserve(out.size());
        for (const auto& s : out) ids.push_back(s.id.value());
        st.bind(1, detail::json_id_array(ids));
    }
    enum : std::uint8_t { kNone, kFirst, kDisplay };
    std::vector<std::uint8_t> found(out.size(), kNone);
    std::size_t k = 0;
    while (st.executeStep()) {
        const auto id = st.getColumn(0).getInt64();
        while (k < out.size() && out[k].id.value() < id) ++k;
        if (k == out.size()) break;
        if (out[k].id.value() != id || found[k] == kDisplay) continue;
        const bool is_display = st.getColumn(2).getInt() != 0;
        if (is_display || found[k] == kNone) {
            out[k].display_name = st.getColumn(1).getString();
            found[k] = is_display ? kDisplay : kFirst;
        }
    }
    st.reset();
}

std::vector<InstitutionSummary> load_summaries(detail::Database& db, const detail::SqlFilter& f) {
    // One read transaction for the rows and their names: one state of the file.
    const detail::ReadScope snapshot(db);
    auto& st = db.statement("SELECT i.id, i.country, i.is_home FROM institution i WHERE 1 = 1" + f.where + " ORDER BY i.id");
    f.bind(st);
    std::vector<InstitutionSummary> out;
    while (st.executeStep())
        out.push_back(InstitutionSummary{InstitutionId{st.getColumn(0).getInt64()}, {}, st.getColumn(1).getString(),
                                         st.getColumn(2).getInt() != 0});
    read_display_names(db, out);
    return out;
}
} // namespace

std::vector<InstitutionSummary> Institutions::summaries(const InstitutionFilter& filter) const {
    return load_summaries(*db_, make_filter(*db_, filter));
}

namespace {
// The distinct values of `ids`, ascending. Frames pass every end of every row, so many repeats:
// when the ids are dense enough, marking them in a table as long as the largest is linear,
// where sorting 240,000 of them cost about 15 ms.
std::vector<std::int64_t> distinct_ascending(const std::vector<InstitutionId>& ids) {
    std::int64_t largest = 0;
    bool positive = true;
    for (const auto& id : ids) {
        positive = positive && id.value() > 0;
        largest = std::max(largest, id.value());
    }
    std::vector<std::int64_t> out;
    if (positive && largest <= 4 * static_cast<std::int64_t>(ids.size()) + 1024) {
        std::vector<bool> seen(static_cast<std::size_t>(largest) + 1);
        for (const auto& id : ids) seen[static_cast<std::size_t>(id.value())] = true;
        for (std::int64_t v = 1; v <= largest; ++v)
            if (seen[static_cast<std::size_t>(v)]) out.push_back(v);
        return out;
    }
    out.reserve(ids.size());
    for (const auto& id : ids) out.push_back(id.value());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}
} // namespace

std::vector<InstitutionSummary> Institutions::summaries(const std::vector<InstitutionId>& ids) const {
    const auto wanted = distinct_ascending(ids);
    detail::SqlFilter f;
    f.add("i.id IN (SELECT value FROM json_each(?))", detail::json_id_array(wanted));
    auto out = load_summaries(*db_, f);
    if (out.size() != wanted.size()) {
        std::size_t k = 0;
        while (k < out.size() && out[k].id.value() == wanted[k]) ++k;
        throw NotFoundError("institution", wanted[k]);
    }
    return out;
}

std::int64_t Institutions::count(const InstitutionFilter& filter) const {
    const auto f = make_filter(*db_, filter);
    auto& st = db_->statement("SELECT count(*) FROM institution i WHERE 1 = 1" + f.where);
    f.bind(st);
    st.executeStep();
    const auto n = st.getColumn(0).getInt64();
    st.reset();
    return n;
}

std::vector<Institution> Institutions::search(std::string_view text, int limit) const {
    if (limit < 1 || limit > 10'000) throw ValidationError("limit", std::to_string(limit), "a number from 1 to 10000");
    // Every word must match, as a prefix; quotes make FTS5 operators plain text.
    std::string query;
    std::string word;
    const auto flush = [&] {
        if (word.empty()) return;
        std::string quoted;
        for (char c : word) quoted += (c == '"') ? std::string("\"\"") : std::string(1, c);
        query += (query.empty() ? "" : " ") + ("\"" + quoted + "\"*");
        word.clear();
    };
    for (char c : fold_for_search(text)) {
        const auto u = static_cast<unsigned char>(c);
        const bool separator = u < 0x80 && !((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'));
        if (separator) flush();
        else word += c;
    }
    flush();
    if (query.empty()) return {};

    std::vector<std::int64_t> ids;
    {
        auto& st = db_->statement("SELECT rowid FROM institution_search WHERE institution_search MATCH ? ORDER BY rank LIMIT ?");
        st.bind(1, query);
        st.bind(2, limit);
        while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
    }
    detail::SqlFilter f;
    f.add("i.id IN (SELECT value FROM json_each(?))", detail::json_id_array(ids));
    auto rows = load(*db_, f);
    // Keep the relevance order of the search.
    std::unordered_map<std::int64_t, std::size_t> rank;
    for (std::size_t k = 0; k < ids.size(); ++k) rank[ids[k]] = k;
    std::sort(rows.begin(), rows.end(), [&](const Institution& a, const Institution& b) {
        return rank[a.id.value()] < rank[b.id.value()];
    });
    return rows;
}

Scope Institutions::scope_of(const Institution& institution) const {
    const auto home = home_country(*db_);
    if (institution.country == home) return Scope::Local;
    const auto regional = regional_set(*db_);
    if (std::find(regional.begin(), regional.end(), institution.country) != regional.end()) return Scope::Regional;
    return Scope::International;
}

std::vector<std::string> Institutions::regional_countries() const { return regional_set(*db_); }

void Institutions::set_regional_countries(std::vector<std::string> codes) {
    for (const auto& c : codes) country(c);
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    db_->write([&] {
        const auto before = regional_set(*db_);
        db_->set_meta("regional_countries", detail::json_string_array(codes));
        db_->audit("setting", 0, "set_regional_countries", detail::json_string_array(before), detail::json_string_array(codes));
    });
}

} // namespace iro
