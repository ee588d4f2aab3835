#pragma once
// A WHERE clause assembled from fixed SQL fragments, with every value bound, never pasted.

#include "iro/country.hpp"
#include "iro/institution.hpp"

#include "store/database.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace iro::detail {

struct SqlFilter {
    std::string where;  // " AND ..." fragments; empty when unfiltered
    std::vector<std::variant<std::int64_t, std::string>> values;

    void add(const std::string& fragment) { where += " AND " + fragment; }
    template <class V>
    void add(const std::string& fragment, V value) {
        where += " AND " + fragment;
        values.emplace_back(std::move(value));
    }

    // Binds the values starting at parameter `first`; returns the next free index.
    int bind(detail::Statement& st, int first = 1) const {
        int i = first;
        for (const auto& v : values) {
            if (std::holds_alternative<std::int64_t>(v)) st.bind(i++, static_cast<int64_t>(std::get<std::int64_t>(v)));
            else st.bind(i++, std::get<std::string>(v));
        }
        return i;
    }
};

std::string json_id_array(const std::vector<std::int64_t>& values);

// Selects the parts (child rows) of records a load has already found: `condition` goes after
// the child table's key column and `values` binds it. The parts are read for the ids found
// (every row when the load had no filter) rather than by running the filter again per table.
struct PartsOf {
    std::string condition;
    SqlFilter values;
};

// The parts of exactly the records in `found`, by their ids.
template <class Records>
PartsOf parts_by_id(const Records& found) {
    PartsOf p{" IN (SELECT value FROM json_each(?))", {}};
    std::vector<std::int64_t> ids;
    ids.reserve(found.size());
    for (const auto& r : found) ids.push_back(r.id.value());
    p.values.values.emplace_back(json_id_array(ids));
    return p;
}

template <class Records>
PartsOf parts_of(const SqlFilter& load_filter, const Records& found) {
    if (!load_filter.where.empty()) return parts_by_id(found);
    return PartsOf{" IS NOT NULL", {}};
}

// Conditions on a country column: in `scope` relative to the home institution, or in a
// UN M49 region. Defined with the institutions, which own the regional set.
void add_scope_filter(Database& db, SqlFilter& filter, const std::string& country_column, Scope scope);
void add_region_filter(SqlFilter& filter, const std::string& country_column, WorldRegion region);

// A JSON array of strings, for "x IN (SELECT value FROM json_each(?))".
std::string json_string_array(const std::vector<std::string>& values);

} // namespace iro::detail
