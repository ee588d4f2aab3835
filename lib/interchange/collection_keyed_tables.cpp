// The exchanged collections that have no id of their own: centre expertise (keyed by the
// centre), centre links (by the pair of centres), custom ranking methodologies (by edition),
// published ranking results (replaced an edition at a time) and the home institution's
// figures (by year and key). Every write goes through Centres and Rankings, so their
// validation and audit entries apply as for any caller.

#include "interchange/collection_table.hpp"

#include "iro/centres.hpp"
#include "iro/error.hpp"
#include "iro/org_unit.hpp"
#include "iro/org_units.hpp"
#include "iro/rankings.hpp"
#include "iro/store.hpp"
#include "ranking/codes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>

namespace iro::detail {

namespace {

using nlohmann::json;

// ---- reading cells ----

std::string shown(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace); }

[[noreturn]] void bad(const std::string& field, const json& v, std::string_view expected) {
    throw ValidationError(field, shown(v), expected);
}

std::string item(const std::string& column, std::size_t k) { return fmt::format("{}[{}]", column, k); }

const json& member(const json& o, const char* key) {
    static const json null_value;
    const auto it = o.find(key);
    return it == o.end() ? null_value : *it;
}

void only_keys(const json& o, std::initializer_list<std::string_view> keys, const std::string& path) {
    if (!o.is_object()) bad(path, o, "a JSON object");
    for (const auto& [key, value] : o.items())
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            std::string names;
            for (auto k : keys) names += (names.empty() ? "" : ", ") + std::string(k);
            bad(path + "." + key, value, "no such member; the members are " + names);
        }
}

std::string text_of(const json& v, const std::string& field) {
    if (!v.is_string()) bad(field, v, "a JSON string");
    return v.get<std::string>();
}

int int_of(const json& v, const std::string& field) {
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT32_MAX)))
        bad(field, v, "a whole number between -2147483648 and 2147483647");
    const auto n = v.get<std::int64_t>();
    if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
        bad(field, v, "a whole number between -2147483648 and 2147483647");
    return static_cast<int>(n);
}

double number_of(const json& v, const std::string& field) {
    if (!v.is_number()) bad(field, v, "a number");
    return v.get<double>();
}

bool bool_of(const json& v, const std::string& field) {
    if (!v.is_boolean()) bad(field, v, "true or false");
    return v.get<bool>();
}

std::vector<std::string> text_list_of(const json& v, const std::string& column) {
    if (!v.is_array()) bad(column, v, "a JSON array");
    std::vector<std::string> out;
    for (std::size_t k = 0; k < v.size(); ++k) out.push_back(text_of(v[k], item(column, k)));
    return out;
}

template <class E>
E enum_of(const json& v, const std::string& field) {
    if (v.is_string())
        if (auto e = try_enum_from_string<E>(v.get<std::string>())) return *e;
    bad(field, v, "one of: " + enum_choices<E>());
}

UnitId unit_of(const json& v, const std::string& field, IdResolver& ids) {
    if (!v.is_number_integer()) bad(field, v, "a positive whole number");
    return UnitId{ids.resolve(Collection::Units, field, v.get<std::int64_t>())};
}

json opt_number_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// ---- a table keyed by some of its columns ----

template <class T>
struct KeyedColumn {
    ColumnInfo info;
    bool key = false;  // part of the record's key: required and never empty
    std::function<json(const T&)> get;
    std::function<void(T&, const json&, IdResolver&)> set;  // the cell is never an absent value
};

// A row whose key is stored replaces that record (or counts as unchanged when nothing
// differs); any other row adds one. Columns left out keep the stored values.
template <class T>
class KeyedTable final : public CollectionTable {
public:
    std::vector<KeyedColumn<T>> cols;
    std::function<std::vector<T>(const Store&)> all;                       // in export order
    std::function<std::optional<T>(const Store&, const T&)> stored;        // the record with the key of the argument
    std::function<void(Store&, const T&)> put;                             // adds or replaces by key
    std::function<bool(const T&)> blank = [](const T&) { return false; };  // a stored record that counts as none

    void finish() {
        for (const auto& c : cols) infos_.push_back(c.info);
    }

    const std::vector<ColumnInfo>& columns() const override { return infos_; }

    std::vector<std::vector<json>> export_rows(const Store& store) const override {
        std::vector<std::vector<json>> rows;
        for (const auto& r : all(store)) {
            std::vector<json> row;
            row.reserve(cols.size());
            for (const auto& c : cols) row.push_back(c.get(r));
            rows.push_back(std::move(row));
        }
        return rows;
    }

    bool exists(const Store&, std::int64_t) const override { return false; }

    RowOutcome apply(Store& store, const Cells& cells, IdResolver& ids) const override {
        T value{};
        for (std::size_t k = 0; k < cols.size(); ++k) {
            if (!cols[k].key) continue;
            if (!cells[k] || cells[k]->is_null()) throw ValidationError(cols[k].info.name, "", "a value: the column is part of the key");
            cols[k].set(value, *cells[k], ids);
        }
        const auto existing = stored(store, value);
        if (existing) value = *existing;
        for (std::size_t k = 0; k < cols.size(); ++k)
            if (cells[k]) cols[k].set(value, *cells[k], ids);
        if (existing && value == *existing) return RowOutcome::Unchanged;
        put(store, value);
        return existing && !blank(*existing) ? RowOutcome::Updated : RowOutcome::Added;
    }

private:
    std::vector<ColumnInfo> infos_;
};

template <class T>
KeyedColumn<T> column(std::string name, ColumnKind kind, bool required, bool nullable, std::function<json(const T&)> get,
                      std::function<void(T&, const json&, IdResolver&)> set) {
    return {{std::move(name), kind, required, nullable}, false, std::move(get), std::move(set)};
}

template <class T>
KeyedColumn<T> key_column(std::string name, ColumnKind kind, std::function<json(const T&)> get,
                          std::function<void(T&, const json&, IdResolver&)> set) {
    return {{std::move(name), kind, true, false}, true, std::move(get), std::move(set)};
}

// The scientific centres of the store, by id.
std::vector<OrgUnit> centres_of(const Store& s) {
    auto units = s.units().all();
    std::erase_if(units, [](const OrgUnit& u) { return u.kind != UnitKind::ScientificCentre; });
    std::sort(units.begin(), units.end(), [](const OrgUnit& a, const OrgUnit& b) { return a.id < b.id; });
    return units;
}

// ---- centre expertise ----

struct CentreExpertiseRow {
    UnitId centre;
    Expertise expertise;

    friend bool operator==(const CentreExpertiseRow&, const CentreExpertiseRow&) = default;
};

// ---- home figures ----

struct HomeFigureRow {
    int year = 0;
    std::string key;
    double value = 0;

    friend bool operator==(const HomeFigureRow&, const HomeFigureRow&) = default;
};

// ---- methodologies ----

json indicators_json(const std::vector<RankingIndicator>& list) {
    json out = json::array();
    for (const auto& i : list) out.push_back({{"code", i.code}, {"name", i.name}, {"weight", i.weight}, {"pillar", i.pillar}});
    return out;
}

std::vector<RankingIndicator> indicators_of(const json& v, const std::string& column) {
    if (!v.is_array()) bad(column, v, "a JSON array");
    std::vector<RankingIndicator> out;
    for (std::size_t k = 0; k < v.size(); ++k) {
        const auto path = item(column, k);
        only_keys(v[k], {"code", "name", "weight", "pillar"}, path);
        RankingIndicator i;
        i.code = text_of(member(v[k], "code"), path + ".code");
        if (const auto& name = member(v[k], "name"); !name.is_null()) i.name = text_of(name, path + ".name");
        i.weight = number_of(member(v[k], "weight"), path + ".weight");
        if (const auto& pillar = member(v[k], "pillar"); !pillar.is_null()) i.pillar = text_of(pillar, path + ".pillar");
        out.push_back(std::move(i));
    }
    return out;
}

json bands_json(const RankingBands& b) {
    json bands = json::array();
    for (const auto& band : b.bands) bands.push_back({{"first", band.first}, {"last", band.last ? json(*band.last) : json(nullptr)}});
    return {{"exact_up_to", b.exact_up_to ? json(*b.exact_up_to) : json(nullptr)}, {"bands", bands}, {"mark_ties", b.mark_ties}};
}

RankingBands bands_of(const json& v) {
    only_keys(v, {"exact_up_to", "bands", "mark_ties"}, "bands");
    RankingBands b;
    if (const auto& up_to = member(v, "exact_up_to"); !up_to.is_null()) b.exact_up_to = int_of(up_to, "bands.exact_up_to");
    if (const auto& list = member(v, "bands"); !list.is_null()) {
        if (!list.is_array()) bad("bands.bands", list, "a JSON array");
        for (std::size_t k = 0; k < list.size(); ++k) {
            const auto path = item("bands.bands", k);
            only_keys(list[k], {"first", "last"}, path);
            RankBand band;
            band.first = int_of(member(list[k], "first"), path + ".first");
            if (const auto& last = member(list[k], "last"); !last.is_null()) band.last = int_of(last, path + ".last");
            b.bands.push_back(band);
        }
    }
    if (const auto& ties = member(v, "mark_ties"); !ties.is_null()) b.mark_ties = bool_of(ties, "bands.mark_ties");
    return b;
}

// ---- published results ----

enum ResultColumn : std::size_t { System, Year, Institution, InstitutionRef, Rank, Overall, Scores };

const std::vector<ColumnInfo>& result_columns() {
    static const std::vector<ColumnInfo> columns{
        {"system", ColumnKind::Text, true, false},   {"year", ColumnKind::Integer, true, false},
        {"institution", ColumnKind::Text, true, false}, {"institution_id", ColumnKind::Reference, false, true},
        {"rank", ColumnKind::Text, true, false},     {"overall", ColumnKind::Real, false, true},
        {"scores", ColumnKind::Object, false, false},
    };
    return columns;
}

// The rows of one import, by edition in order of first appearance.
class ResultGroups final : public RowGroups {
public:
    void add(Store&, const Cells& cells, IdResolver& ids, std::size_t token) override {
        const auto cell = [&](ResultColumn c) -> const json* {
            return cells[c] && !cells[c]->is_null() ? &*cells[c] : nullptr;
        };
        RankingEdition edition;
        edition.system = cell(System) ? text_of(*cell(System), "system") : std::string();
        validate_system_code(edition.system, "system");
        edition.year = cell(Year) ? int_of(*cell(Year), "year") : 0;
        check_year(edition.year, "year");
        PublishedResult r;
        if (cell(Institution)) r.institution = text_of(*cell(Institution), "institution");
        if (const auto* id = cell(InstitutionRef)) {
            if (!id->is_number_integer()) bad("institution_id", *id, "a positive whole number");
            r.institution_id = InstitutionId{ids.resolve(Collection::Institutions, "institution_id", id->get<std::int64_t>())};
        }
        if (cell(Rank)) r.rank = text_of(*cell(Rank), "rank");
        if (const auto* overall = cell(Overall)) r.overall = number_of(*overall, "overall");
        if (const auto* scores = cell(Scores)) {
            if (!scores->is_object()) bad("scores", *scores, "a JSON object of indicator code -> score");
            for (const auto& [code, score] : scores->items()) r.scores[code] = number_of(score, "scores." + code);
        }
        validate(r, "result");
        auto at = std::find(editions_.begin(), editions_.end(), edition);
        if (at == editions_.end()) {
            editions_.push_back(edition);
            results_.emplace_back();
            tokens_.emplace_back();
            at = editions_.end() - 1;
        }
        const auto k = static_cast<std::size_t>(at - editions_.begin());
        results_[k].push_back(std::move(r));
        tokens_[k].push_back(token);
    }

    std::size_t size() const override { return editions_.size(); }
    const std::vector<std::size_t>& rows(std::size_t k) const override { return tokens_.at(k); }

    std::vector<RowOutcome> write(Store& store, std::size_t k) override {
        const auto& edition = editions_.at(k);
        const auto& results = results_.at(k);
        std::vector<PublishedResult> before;
        try {
            before = store.rankings().results(edition);
        } catch (const NotFoundError&) {
        }
        std::vector<RowOutcome> out;
        if (before == results) return std::vector<RowOutcome>(results.size(), RowOutcome::Unchanged);
        store.rankings().save_results(edition, results);
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (i >= before.size()) out.push_back(RowOutcome::Added);
            else out.push_back(before[i] == results[i] ? RowOutcome::Unchanged : RowOutcome::Updated);
        }
        return out;
    }

private:
    std::vector<RankingEdition> editions_;
    std::vector<std::vector<PublishedResult>> results_;
    std::vector<std::vector<std::size_t>> tokens_;
};

class RankingResultsTable final : public CollectionTable {
public:
    const std::vector<ColumnInfo>& columns() const override { return result_columns(); }

    std::vector<std::vector<json>> export_rows(const Store& store) const override {
        std::vector<std::vector<json>> rows;
        for (const auto& edition : store.rankings().editions_with_results())
            for (const auto& r : store.rankings().results(edition))
                rows.push_back({edition.system, edition.year, r.institution,
                                r.institution_id ? json(r.institution_id->value()) : json(nullptr), r.rank,
                                opt_number_json(r.overall), json(r.scores)});
        return rows;
    }

    // Rows go through groups(): an edition's results are replaced as a whole, never a row.
    RowOutcome apply(Store&, const Cells&, IdResolver&) const override {
        throw ConflictError("published ranking results are imported an edition at a time, not a row at a time");
    }

    bool exists(const Store&, std::int64_t) const override { return false; }

    std::unique_ptr<RowGroups> groups() const override { return std::make_unique<ResultGroups>(); }
};

} // namespace

std::unique_ptr<CollectionTable> centre_expertise_table() {
    using T = CentreExpertiseRow;
    auto t = std::make_unique<KeyedTable<T>>();
    t->cols.push_back(key_column<T>(
        "centre", ColumnKind::Reference, [](const T& r) { return json(r.centre.value()); },
        [](T& r, const json& v, IdResolver& ids) { r.centre = unit_of(v, "centre", ids); }));
    t->cols.push_back(column<T>(
        "isced_codes", ColumnKind::List, false, false, [](const T& r) { return json(r.expertise.isced_codes); },
        [](T& r, const json& v, IdResolver&) { r.expertise.isced_codes = text_list_of(v, "isced_codes"); }));
    t->cols.push_back(column<T>(
        "keywords", ColumnKind::List, false, false, [](const T& r) { return json(r.expertise.keywords); },
        [](T& r, const json& v, IdResolver&) { r.expertise.keywords = text_list_of(v, "keywords"); }));
    t->all = [](const Store& s) {
        std::vector<T> out;
        for (const auto& u : centres_of(s))
            if (auto e = s.centres().expertise(u.id); !e.empty()) out.push_back({u.id, std::move(e)});
        return out;
    };
    // Centres::expertise refuses a unit that is not a scientific centre (field "centre").
    t->stored = [](const Store& s, const T& r) { return std::optional<T>(T{r.centre, s.centres().expertise(r.centre)}); };
    t->put = [](Store& s, const T& r) { s.centres().set_expertise(r.centre, r.expertise); };
    t->blank = [](const T& r) { return r.expertise.empty(); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> centre_links_table() {
    using T = CentreLink;
    auto t = std::make_unique<KeyedTable<T>>();
    t->cols.push_back(key_column<T>(
        "home_centre", ColumnKind::Reference, [](const T& r) { return json(r.home_centre.value()); },
        [](T& r, const json& v, IdResolver& ids) { r.home_centre = unit_of(v, "home_centre", ids); }));
    t->cols.push_back(key_column<T>(
        "partner_centre", ColumnKind::Reference, [](const T& r) { return json(r.partner_centre.value()); },
        [](T& r, const json& v, IdResolver& ids) { r.partner_centre = unit_of(v, "partner_centre", ids); }));
    t->cols.push_back(column<T>(
        "note", ColumnKind::Text, false, false, [](const T& r) { return json(r.note); },
        [](T& r, const json& v, IdResolver&) { r.note = text_of(v, "note"); }));
    t->all = [](const Store& s) {
        std::vector<T> out;
        for (const auto& u : centres_of(s))
            for (auto& link : s.centres().links(u.id))
                if (link.home_centre == u.id) out.push_back(std::move(link));
        return out;
    };
    t->stored = [](const Store& s, const T& r) -> std::optional<T> {
        std::vector<CentreLink> links;
        try {
            links = s.centres().links(r.home_centre);
        } catch (const ValidationError& e) {
            throw ValidationError("home_centre", e.value(), e.expected());
        }
        for (const auto& link : links)
            if (link.home_centre == r.home_centre && link.partner_centre == r.partner_centre) return link;
        return std::nullopt;
    };
    t->put = [](Store& s, const T& r) { s.centres().link(r.home_centre, r.partner_centre, r.note); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> ranking_methodologies_table() {
    using T = Methodology;
    auto t = std::make_unique<KeyedTable<T>>();
    t->cols.push_back(key_column<T>(
        "system", ColumnKind::Text, [](const T& r) { return json(r.system); },
        [](T& r, const json& v, IdResolver&) {
            r.system = text_of(v, "system");
            validate_system_code(r.system, "system");
        }));
    t->cols.push_back(key_column<T>(
        "year", ColumnKind::Integer, [](const T& r) { return json(r.year); },
        [](T& r, const json& v, IdResolver&) {
            r.year = int_of(v, "year");
            check_year(r.year, "year");
        }));
    t->cols.push_back(column<T>(
        "name", ColumnKind::Text, false, false, [](const T& r) { return json(r.name); },
        [](T& r, const json& v, IdResolver&) { r.name = text_of(v, "name"); }));
    t->cols.push_back(column<T>(
        "indicators", ColumnKind::List, true, false, [](const T& r) { return indicators_json(r.indicators); },
        [](T& r, const json& v, IdResolver&) { r.indicators = indicators_of(v, "indicators"); }));
    t->cols.push_back(column<T>(
        "components", ColumnKind::List, false, false, [](const T& r) { return indicators_json(r.components); },
        [](T& r, const json& v, IdResolver&) { r.components = indicators_of(v, "components"); }));
    t->cols.push_back(column<T>(
        "missing", ColumnKind::Enum, false, false, [](const T& r) { return json(std::string(to_string(r.missing))); },
        [](T& r, const json& v, IdResolver&) { r.missing = enum_of<MissingTreatment>(v, "missing"); }));
    t->cols.push_back(column<T>(
        "scaling", ColumnKind::Enum, false, false, [](const T& r) { return json(std::string(to_string(r.scaling))); },
        [](T& r, const json& v, IdResolver&) { r.scaling = enum_of<TotalScaling>(v, "scaling"); }));
    const auto bound = [](std::string name, std::optional<double> T::*m) {
        return column<T>(
            name, ColumnKind::Real, false, true, [m](const T& r) { return opt_number_json(r.*m); },
            [m, name](T& r, const json& v, IdResolver&) {
                if (v.is_null()) r.*m = std::nullopt;
                else r.*m = number_of(v, name);
            });
    };
    t->cols.push_back(bound("scale_min", &T::scale_min));
    t->cols.push_back(bound("scale_max", &T::scale_max));
    const auto decimals = [](std::string name, int T::*m) {
        return column<T>(
            name, ColumnKind::Integer, false, false, [m](const T& r) { return json(r.*m); },
            [m, name](T& r, const json& v, IdResolver&) { r.*m = int_of(v, name); });
    };
    t->cols.push_back(decimals("total_decimals", &T::total_decimals));
    t->cols.push_back(decimals("rank_decimals", &T::rank_decimals));
    t->cols.push_back(column<T>(
        "bands", ColumnKind::Object, false, false, [](const T& r) { return bands_json(r.bands); },
        [](T& r, const json& v, IdResolver&) { r.bands = bands_of(v); }));
    t->all = [](const Store& s) {
        std::vector<T> out;
        for (const auto& e : s.rankings().custom_methodologies()) out.push_back(s.rankings().load_methodology(e.system, e.year));
        return out;
    };
    t->stored = [](const Store& s, const T& r) -> std::optional<T> {
        try {
            return s.rankings().load_methodology(r.system, r.year);
        } catch (const NotFoundError&) {
            return std::nullopt;
        }
    };
    t->put = [](Store& s, const T& r) { s.rankings().save_methodology(r); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> ranking_results_table() { return std::make_unique<RankingResultsTable>(); }

std::unique_ptr<CollectionTable> home_figures_table() {
    using T = HomeFigureRow;
    auto t = std::make_unique<KeyedTable<T>>();
    t->cols.push_back(key_column<T>(
        "year", ColumnKind::Integer, [](const T& r) { return json(r.year); },
        [](T& r, const json& v, IdResolver&) {
            r.year = int_of(v, "year");
            check_year(r.year, "year");
        }));
    t->cols.push_back(key_column<T>(
        "key", ColumnKind::Text, [](const T& r) { return json(r.key); },
        [](T& r, const json& v, IdResolver&) {
            r.key = text_of(v, "key");
            if (!is_indicator_code(r.key))
                throw ValidationError("key", r.key, "a key of 1 to 40 characters of a-z, 0-9 and '_', e.g. international_faculty");
        }));
    t->cols.push_back(column<T>(
        "value", ColumnKind::Real, true, false, [](const T& r) { return json(r.value); },
        [](T& r, const json& v, IdResolver&) {
            r.value = number_of(v, "value");
            if (!std::isfinite(r.value) || r.value < 0)
                throw ValidationError("value", fmt::format("{}", r.value), "a finite number of 0 or more");
        }));
    t->all = [](const Store& s) {
        std::vector<T> out;
        for (const auto year : s.rankings().home_figure_years())
            for (const auto& [key, value] : s.rankings().home_figures(year)) out.push_back({year, key, value});
        return out;
    };
    t->stored = [](const Store& s, const T& r) -> std::optional<T> {
        const auto figures = s.rankings().home_figures(r.year);
        const auto it = figures.find(r.key);
        if (it == figures.end()) return std::nullopt;
        return T{r.year, r.key, it->second};
    };
    t->put = [](Store& s, const T& r) { s.rankings().set_home_figures(r.year, {{r.key, r.value}}); };
    t->finish();
    return t;
}

} // namespace iro::detail
