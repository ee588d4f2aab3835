#pragma once
// A thin handle on the SQLite C API for the hand-written SQL baselines: what a developer
// writing the queries by hand would use, with nothing of iro in between.

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace iro::bench {

class HandSql {
public:
    explicit HandSql(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
        sqlite3_exec(db_, "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
    }
    ~HandSql() { sqlite3_close(db_); }
    HandSql(const HandSql&) = delete;
    HandSql& operator=(const HandSql&) = delete;

    class Query {
    public:
        Query(sqlite3* db, const char* sql) {
            if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK)
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
        double real(int c) const { return sqlite3_column_double(st_, c); }
        std::string text(int c) const {
            const auto* t = sqlite3_column_text(st_, c);
            return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(st_, c))) : std::string();
        }
        bool null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }

    private:
        sqlite3_stmt* st_ = nullptr;
    };

    Query query(const char* sql) { return Query(db_, sql); }

private:
    sqlite3* db_ = nullptr;
};

} // namespace iro::bench
