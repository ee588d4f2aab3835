#pragma once
// A thin handle on the SQLite C API for the hand-written SQL baselines: what a developer
// writing the queries by hand would use, with nothing of iro in between.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <variant>

namespace iro::bench {

// One column value with the type SQLite stored it as: NULL, integer, real or text.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

class HandSql {
public:
    explicit HandSql(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
        sqlite3_exec(db_, "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
    }
    ~HandSql() {
        statements_.clear();  // finalized before the connection closes
        sqlite3_close(db_);
    }
    HandSql(const HandSql&) = delete;
    HandSql& operator=(const HandSql&) = delete;

    class Query {
    public:
        Query(sqlite3* db, const std::string& sql) {
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
                throw std::runtime_error(std::string(sqlite3_errmsg(db)) + " in " + sql);
        }
        ~Query() { sqlite3_finalize(st_); }
        Query(const Query&) = delete;
        Query& operator=(const Query&) = delete;
        Query& bind(int i, const std::string& text) {
            sqlite3_bind_text(st_, i, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
            return *this;
        }
        Query& bind(int i, std::int64_t value) {
            sqlite3_bind_int64(st_, i, value);
            return *this;
        }
        bool step() { return sqlite3_step(st_) == SQLITE_ROW; }
        void reset() {
            sqlite3_reset(st_);
            sqlite3_clear_bindings(st_);
        }
        std::int64_t integer(int c) const { return sqlite3_column_int64(st_, c); }
        std::string text(int c) const {
            const auto* t = sqlite3_column_text(st_, c);
            return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(st_, c))) : std::string();
        }
        // The column as stored, without conversion.
        Value value(int c) const {
            switch (sqlite3_column_type(st_, c)) {
            case SQLITE_NULL: return std::monostate{};
            case SQLITE_INTEGER: return std::int64_t{sqlite3_column_int64(st_, c)};
            case SQLITE_FLOAT: return sqlite3_column_double(st_, c);
            default: return text(c);
            }
        }

    private:
        sqlite3_stmt* st_ = nullptr;
    };

    // The prepared statement for `sql`, reset and with cleared bindings. Each is prepared on
    // first use and kept, as an application (and iro's store) keeps its statements: a timed
    // run only binds, steps and reads. Finish with a statement before asking for it again.
    Query& statement(const std::string& sql) {
        auto& cached = statements_[sql];
        if (!cached) cached = std::make_unique<Query>(db_, sql);
        cached->reset();
        return *cached;
    }

private:
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Query>> statements_;
};

} // namespace iro::bench
