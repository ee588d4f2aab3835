#pragma once
// The shared shape of every add_many (private to the library): rows are added one by one with
// the collection's own checks, inside one transaction, and the batch gets one audit entry
// ("add_many", with the count and the id range) instead of one per row. The rows themselves
// are in their tables; a million audit rows of JSON would double the cost of a bulk load.
// A large batch builds its tables' plain indexes after its rows (DeferredIndexes).

#include "iro/error.hpp"
#include "store/database.hpp"
#include "store/deferred_indexes.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro::detail {

// How an add checks a row's references. Full asks the store about each one; Bulk leaves
// existence to the foreign keys and runs the full checks only when an insert fails, to name
// what is missing.
enum class RowChecks { Full, Bulk };

// Runs `check` for row `index`, prefixing a ValidationError's field with the row ("visits[12].").
template <class Check>
void validate_row(std::size_t index, std::string_view list_name, Check&& check) {
    try {
        check();
    } catch (const ValidationError& e) {
        throw ValidationError(fmt::format("{}[{}].{}", list_name, index, e.field()), e.value(), e.expected());
    }
}

// `add_one(row)` validates and inserts one row and returns its id. A ValidationError is
// rethrown with the row's index in front of the field ("visits[12].start"). `tables` are the
// tables a row is written to, the entity's own first; add_one must not search them through
// a non-unique index, except to name the error of a row that failed.
template <class Id, class Row, class AddOne>
std::vector<Id> add_many_rows(Database& db, std::string_view entity, std::string_view list_name, std::vector<Row>& rows,
                              std::initializer_list<std::string_view> tables, AddOne&& add_one) {
    return db.write([&] {
        std::vector<Id> ids;
        ids.reserve(rows.size());
        DeferredIndexes indexes(db, std::vector<std::string>(tables.begin(), tables.end()),
                                worth_deferring_indexes(db, *tables.begin(), rows.size()));
        {
            RowAuditPause pause(db);
            for (std::size_t k = 0; k < rows.size(); ++k) {
                try {
                    ids.push_back(add_one(std::move(rows[k])));
                } catch (const ValidationError& e) {
                    throw ValidationError(fmt::format("{}[{}].{}", list_name, k, e.field()), e.value(), e.expected());
                }
            }
        }
        indexes.finish();
        if (!ids.empty()) {
            const nlohmann::json summary{{"count", ids.size()}, {"first_id", ids.front().value()}, {"last_id", ids.back().value()}};
            db.audit(entity, ids.front().value(), "add_many", "", summary.dump());
        }
        return ids;
    });
}

} // namespace iro::detail
