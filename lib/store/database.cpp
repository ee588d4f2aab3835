#include "store/database.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "store/migrations.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <sqlite3.h>
#include <thread>

namespace iro::detail {

namespace {
int open_flags(bool create) {
    // No per-call mutex inside SQLite: a store is used by one thread at a time, which
    // check_thread() enforces on every entry into the connection.
    return SQLite::OPEN_READWRITE | (create ? SQLite::OPEN_CREATE : 0) | SQLite::OPEN_NOMUTEX;
}

std::string utc_timestamp() {
    using namespace std::chrono;
    const auto now = floor<milliseconds>(system_clock::now());
    const auto day = floor<days>(now);
    const year_month_day ymd{day};
    const hh_mm_ss hms{now - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count(), hms.subseconds().count());
}
} // namespace

Database::Database(const std::string& path, bool create, int busy_timeout_ms)
    : path_(path), db_(path, open_flags(create), busy_timeout_ms), busy_timeout_ms_(busy_timeout_ms) {
    // Reading the version touches nothing, so a file from a newer iro stays untouched.
    const int version = db_.execAndGet("PRAGMA user_version").getInt();
    check_schema_version(version, path);
    db_.exec("PRAGMA foreign_keys = ON");
    // Deleted and overwritten content is zeroed, so erased personal data leaves no trace.
    db_.exec("PRAGMA secure_delete = ON");
    // 64 MiB of page cache (SQLite's default is 2 MiB): a bulk load of a few hundred thousand
    // rows otherwise spends most of its time re-reading index pages it just wrote.
    db_.exec("PRAGMA cache_size = -65536");
    // Sorts, groupings and the per-row savepoints of imports stay in memory, not in temporary files.
    db_.exec("PRAGMA temp_store = MEMORY");
    if (path != ":memory:" && !path.empty()) db_.exec("PRAGMA journal_mode = WAL");
    migrate(*this);
}

bool Statement::executeStep() {
    try {
        return SQLite::Statement::executeStep();
    } catch (const SQLite::Exception& e) {
        throw_as_iro_error(e, "reading");
    }
}

int Statement::exec() {
    try {
        return SQLite::Statement::exec();
    } catch (const SQLite::Exception& e) {
        throw_as_iro_error(e, "writing");
    }
}

void throw_as_iro_error(const SQLite::Exception& e, std::string_view doing) {
    if ((e.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT)
        throw ConflictError(fmt::format("{} refused by a database constraint: {}", doing, e.what()));
    throw StorageError(fmt::format("database error while {}: {}", doing, e.what()));
}

Statement& Database::statement(const std::string& sql) {
    check_thread();
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        try {
            it = statements_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
        } catch (const SQLite::Exception& e) {
            throw_as_iro_error(e, "preparing a query");
        }
    } else {
        it->second->reset();
        it->second->clearBindings();
    }
    return *it->second;
}

void Database::reset_statements() {
    check_thread();
    // The result is the error of the statement's last step, if any, already reported then.
    for (auto& [sql, st] : statements_) static_cast<void>(st->tryReset());
}

void Database::begin() {
    // SQLite's busy handler already waits up to busy_timeout_ms for the write lock, but some
    // busy returns skip it (a writer that loses a race while the WAL is being reset); those
    // are retried here with short pauses until the same deadline, so callers never see them.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms_);
    for (int attempt = 1;; ++attempt) {
        const int rc = sqlite3_exec(db_.getHandle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK) return;
        const bool busy = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
        if (!busy || std::chrono::steady_clock::now() >= deadline)
            throw SQLite::Exception(db_.getHandle(), rc);
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 20)));
    }
}

void Database::check_thread() const {
    if (owner_.load(std::memory_order_acquire) != std::this_thread::get_id())
        throw ThreadError(fmt::format(
            "the store '{}' belongs to another thread: use one Store per thread, or hand it over with "
            "use_from_this_thread() once its owner has stopped using it",
            path_));
}

void Database::use_from_this_thread() {
    // An open transaction means the owner is in the middle of a call (or left one open).
    if (sqlite3_get_autocommit(db_.getHandle()) == 0)
        throw ThreadError(fmt::format("the store '{}' cannot change threads while a transaction is open", path_));
    owner_.store(std::this_thread::get_id(), std::memory_order_release);
}

void Database::begin_read() { db_.exec("BEGIN DEFERRED"); }

namespace {
Database& checked_owner(Database& db) {
    db.check_thread();
    return db;
}
} // namespace

ReadScope::ReadScope(Database& db)
    : db_(checked_owner(db)), outermost_(db.write_depth_ == 0 && db.read_depth_ == 0) {
    if (outermost_) {
        try {
            db_.begin_read();
        } catch (...) {
            rethrow_as_iro_error("starting a read");
        }
    }
    ++db_.read_depth_;
}

ReadScope::~ReadScope() {
    --db_.read_depth_;
    if (outermost_) db_.end_read();
}

void Database::end_read() noexcept {
    // Nothing was written: ending the transaction only releases the read snapshot.
    if (sqlite3_get_autocommit(db_.getHandle()) == 0 &&
        sqlite3_exec(db_.getHandle(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        rollback();
}

void Database::commit() { db_.exec("COMMIT"); }

void Database::rollback() noexcept {
    // The transaction may already be gone (SQLite rolls back by itself on some errors).
    if (sqlite3_get_autocommit(db_.getHandle()) == 0) sqlite3_exec(db_.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
    // Cached statements may still hold read locks from the failed work.
    for (auto& [sql, st] : statements_) {
        try {
            st->reset();
        } catch (...) {
        }
    }
}

void Database::checkpoint() {
    if (path_ == ":memory:") return;
    try {
        db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const SQLite::Exception& e) {
        throw_as_iro_error(e, "checkpointing the write-ahead log");
    }
}

void Database::set_actor(std::string actor) {
    check_thread();
    if (actor.empty() || actor.size() > 200)
        throw ValidationError("actor", actor, "a non-empty name of at most 200 bytes");
    detail::check_text("actor", actor, 200, true);
    actor_ = std::move(actor);
}

std::string sql_name(std::string_view identifier) {
    std::string out = "\"";
    for (char c : identifier) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::vector<std::string> schema_tables(SQLite::Database& conn, std::vector<std::string>* virtual_tables) {
    std::vector<std::string> tables;
    std::vector<std::string> virtuals;
    SQLite::Statement st(conn,
                         "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master "
                         "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    while (st.executeStep()) {
        tables.push_back(st.getColumn(0).getString());
        if (st.getColumn(1).getInt()) virtuals.push_back(tables.back());
    }
    std::erase_if(tables, [&](const std::string& t) {
        return std::any_of(virtuals.begin(), virtuals.end(), [&](const std::string& v) { return t.starts_with(v + "_"); });
    });
    if (virtual_tables) *virtual_tables = std::move(virtuals);
    return tables;
}

void Database::audit(std::string_view entity, std::int64_t entity_id, std::string_view action, const std::string& before,
                     const std::string& after) {
    if (row_audit_pauses_ > 0) return;  // a bulk call writes one entry for the whole of it
    auto& st = statement(
        "INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, utc_timestamp());
    st.bind(2, actor_);
    st.bind(3, std::string(entity));
    st.bind(4, static_cast<int64_t>(entity_id));
    st.bind(5, std::string(action));
    st.bind(6, before);
    st.bind(7, after);
    st.exec();
}

std::optional<std::string> Database::meta(const std::string& key) {
    auto& st = statement("SELECT value FROM meta WHERE key = ?");
    st.bind(1, key);
    if (!st.executeStep()) return std::nullopt;
    std::string value = st.getColumn(0).getString();
    st.reset();
    return value;
}

void Database::set_meta(const std::string& key, const std::string& value) {
    auto& st = statement("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    st.bind(1, key);
    st.bind(2, value);
    st.exec();
}

void rethrow_as_iro_error(std::string_view doing) {
    try {
        throw;
    } catch (const Error&) {
        throw;
    } catch (const SQLite::Exception& e) {
        throw_as_iro_error(e, doing);
    } catch (const std::bad_alloc&) {
        throw StorageError(fmt::format("out of memory while {}", doing));
    } catch (const std::exception& e) {
        throw Error(fmt::format("unexpected error while {}: {}", doing, e.what()));
    }
}

void bind_optional_date(Statement& st, int index, const std::optional<Date>& date) {
    if (date) st.bind(index, format_date(*date));
    else st.bind(index);
}

void bind_optional_id(Statement& st, int index, std::optional<std::int64_t> id) {
    if (id) st.bind(index, static_cast<int64_t>(*id));
    else st.bind(index);
}

std::optional<Date> column_date(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return parse_date(column.getString(), column.getName());
}

std::optional<std::int64_t> column_optional_id(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getInt64();
}

} // namespace iro::detail
