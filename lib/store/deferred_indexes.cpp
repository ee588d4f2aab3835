#include "store/deferred_indexes.hpp"

#include <fmt/format.h>

namespace iro::detail {

bool worth_deferring_indexes(Database& db, std::string_view table, std::size_t batch_rows) {
    if (batch_rows < kDeferIndexesFrom) return false;
    try {
        // The largest rowid bounds the rows already there without counting them.
        const auto held = db.connection().execAndGet(fmt::format("SELECT coalesce(max(rowid), 0) FROM {}", sql_name(table))).getInt64();
        return static_cast<std::size_t>(held) <= batch_rows;
    } catch (...) {
        rethrow_as_iro_error("preparing a bulk write");
    }
}

DeferredIndexes::DeferredIndexes(Database& db, const std::vector<std::string>& tables, bool defer) : db_(db) {
    if (!defer) return;
    try {
        auto& conn = db_.connection();
        std::vector<std::string> names;
        SQLite::Statement st(conn, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
                                   "AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name");
        for (const auto& table : tables) {
            st.bind(1, table);
            while (st.executeStep()) {
                names.push_back(st.getColumn(0).getString());
                create_statements_.push_back(st.getColumn(1).getString());
            }
            st.reset();
        }
        if (names.empty()) return;
        // A cached statement left on a row keeps a cursor open, and SQLite refuses to drop an
        // index while any is.
        db_.reset_statements();
        conn.exec("SAVEPOINT iro_deferred_indexes");
        deferring_ = true;
        for (const auto& name : names) conn.exec("DROP INDEX " + sql_name(name));
    } catch (...) {
        undo();
        rethrow_as_iro_error("preparing a bulk write");
    }
}

void DeferredIndexes::finish() {
    if (!deferring_) return;
    try {
        auto& conn = db_.connection();
        for (const auto& sql : create_statements_) conn.exec(sql);
        conn.exec("RELEASE iro_deferred_indexes");
        deferring_ = false;
    } catch (...) {
        rethrow_as_iro_error("building indexes after a bulk write");
    }
}

DeferredIndexes::~DeferredIndexes() { undo(); }

void DeferredIndexes::undo() noexcept {
    if (!deferring_) return;
    deferring_ = false;
    // The batch failed: undo it and the dropped indexes together.
    try {
        auto& conn = db_.connection();
        conn.exec("ROLLBACK TO iro_deferred_indexes");
        conn.exec("RELEASE iro_deferred_indexes");
    } catch (...) {
        // The enclosing write rolls the whole transaction back as the error propagates.
    }
}

} // namespace iro::detail
