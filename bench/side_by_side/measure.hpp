#pragma once
// Timing, memory and database-file helpers shared by the side-by-side measures.

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace iro::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs `work` and returns its wall time in seconds.
template <class F>
double time_it(F&& work) {
    const auto start = Clock::now();
    work();
    return seconds_since(start);
}

// Peak resident set size of this process so far, in MiB.
inline double peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// A fresh copy of the empty-schema template, so every contender starts from the same file.
inline std::string fresh_copy(const std::filesystem::path& empty_template, const std::filesystem::path& target) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(target.string() + suffix);
    std::filesystem::copy_file(empty_template, target);
    return target.string();
}

// The number of rows of every table of the database at `path`, by name. SQLite's own tables and
// the shadow tables of virtual tables are left out: the FTS index's storage depends on how the
// index was written, not on what it holds.
inline std::map<std::string, std::int64_t> table_row_counts(const std::string& path) {
    sqlite3* handle = nullptr;
    const int opened = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
    const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(handle, &sqlite3_close);
    if (opened != SQLITE_OK) throw std::runtime_error("cannot open " + path);
    const auto each_row = [&](const std::string& sql, auto&& read_row) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string(sqlite3_errmsg(db.get())) + " in " + sql + " on " + path);
        const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(st, &sqlite3_finalize);
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) read_row(st);
        if (step != SQLITE_DONE) throw std::runtime_error(std::string(sqlite3_errmsg(db.get())) + " in " + sql + " on " + path);
    };
    std::vector<std::string> tables;
    each_row("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') "
             "AND name NOT LIKE 'sqlite_%'",
             [&](sqlite3_stmt* st) { tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))); });
    std::map<std::string, std::int64_t> counts;
    for (const auto& name : tables)
        each_row("SELECT count(*) FROM \"" + name + "\"", [&](sqlite3_stmt* st) { counts[name] = sqlite3_column_int64(st, 0); });
    return counts;
}

} // namespace iro::bench
