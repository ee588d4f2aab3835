#pragma once
// The SQLite connection behind a Store (private to the library): cached prepared
// statements, nested write scopes that form one transaction, and the audit log writer.

#include "iro/date.hpp"
#include "iro/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace iro::detail {

// A prepared statement whose failures surface as iro errors (ConflictError for a violated
// constraint, StorageError otherwise), so that no SQLite exception reaches a caller.
class Statement : public SQLite::Statement {
public:
    using SQLite::Statement::Statement;
    bool executeStep();
    int exec();
};

// Converts a SQLite failure into the matching iro error.
[[noreturn]] void throw_as_iro_error(const SQLite::Exception& e, std::string_view doing);

class Database {
public:
    Database(const std::string& path, bool create, int busy_timeout_ms);

    SQLite::Database& connection() {
        check_thread();
        return db_;
    }
    const std::string& path() const { return path_; }

    // A prepared statement for this SQL, reset and with cleared bindings. Statements are
    // cached by their text; callers must finish with one before asking for it again.
    Statement& statement(const std::string& sql);
    // Resets every cached statement. Only for a point where none is in use: a statement left
    // on a row holds a cursor, and SQLite refuses schema changes (DROP INDEX) while one does.
    void reset_statements();

    // Runs `fn` inside one transaction (BEGIN IMMEDIATE). Nested calls join the outer
    // transaction; an exception anywhere rolls back the whole of it.
    template <class Fn>
    auto write(Fn&& fn) -> decltype(fn());

    std::int64_t last_insert_id() const { return db_.getLastInsertRowid(); }

    const std::string& actor() const {
        check_thread();
        return actor_;
    }
    void set_actor(std::string actor);

    void audit(std::string_view entity, std::int64_t entity_id, std::string_view action, const std::string& before,
               const std::string& after);
    // False while a bulk call runs (RowAuditPause): it writes one audit entry for the whole
    // batch, so audit() writes nothing meanwhile. Callers skip building the row's JSON too.
    bool audits_each_row() const { return row_audit_pauses_ == 0; }

    // Copies the write-ahead log into the database file and empties it (file stores only).
    void checkpoint();

    // Every entry point (statement, write, ReadScope, connection, actor) calls check_thread
    // first: a call from a thread other than the owner throws ThreadError before it touches
    // any member, so sharing a Store by mistake is an error, never a data race.
    void check_thread() const;
    // Makes the calling thread the owner; refused with ThreadError while a transaction is open.
    void use_from_this_thread();

    // The directory document references must stay inside (canonical); empty when none is set.
    const std::filesystem::path& document_root() const { return document_root_; }
    void set_document_root(std::filesystem::path root) { document_root_ = std::move(root); }

    // The value stored under a meta key, if any.
    std::optional<std::string> meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);

private:
    friend class ReadScope;
    friend class RowAuditPause;
    void begin();
    void begin_read();
    void end_read() noexcept;
    void commit();
    void rollback() noexcept;

    std::string path_;
    SQLite::Database db_;
    std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
    int busy_timeout_ms_ = 0;
    int write_depth_ = 0;
    int read_depth_ = 0;
    int row_audit_pauses_ = 0;
    std::string actor_ = "iro";
    std::atomic<std::thread::id> owner_{std::this_thread::get_id()};
    std::filesystem::path document_root_;
};

// Pauses per-row audit entries for its lifetime.
class RowAuditPause {
public:
    explicit RowAuditPause(Database& db) : db_(db) { ++db_.row_audit_pauses_; }
    ~RowAuditPause() { --db_.row_audit_pauses_; }
    RowAuditPause(const RowAuditPause&) = delete;
    RowAuditPause& operator=(const RowAuditPause&) = delete;

private:
    Database& db_;
};

// An identifier (a table or index name from the schema, never data) quoted for SQL text.
std::string sql_name(std::string_view identifier);

// The schema's tables by name, without SQLite's own and without the shadow tables "<name>_*"
// in which a virtual (FTS5) table keeps its index. The virtual tables themselves stay in the
// list and are also returned in `virtual_tables` when it is given.
std::vector<std::string> schema_tables(SQLite::Database& conn, std::vector<std::string>* virtual_tables = nullptr);

// Converts SQLite failures into iro errors (ConflictError for constraints, StorageError
// otherwise); iro errors pass through unchanged.
[[noreturn]] void rethrow_as_iro_error(std::string_view doing);

template <class Fn>
auto Database::write(Fn&& fn) -> decltype(fn()) {
    using Result = decltype(fn());
    constexpr bool returns_void = std::is_void_v<Result>;
    check_thread();
    const bool outermost = write_depth_ == 0;
    if (read_depth_ > 0 && outermost) throw StorageError("a write cannot start inside a read of the store");
    if (outermost) {
        try {
            begin();
        } catch (...) {
            rethrow_as_iro_error("starting a transaction");
        }
    }
    ++write_depth_;
    std::optional<std::conditional_t<returns_void, bool, Result>> result;
    try {
        if constexpr (returns_void) fn();
        else result.emplace(fn());
    } catch (...) {
        --write_depth_;
        if (!outermost) throw;
        rollback();
        rethrow_as_iro_error("writing");
    }
    --write_depth_;
    if (outermost) {
        try {
            commit();
        } catch (...) {
            rollback();
            rethrow_as_iro_error("committing");
        }
    }
    if constexpr (!returns_void) return std::move(*result);
}

// Holds one read transaction for its lifetime, so that a read made of several queries sees
// one state of the file even while other connections commit. Inside a write or another read
// it simply joins that transaction.
class ReadScope {
public:
    explicit ReadScope(Database& db);
    ~ReadScope();
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;

private:
    Database& db_;
    bool outermost_;
};

// Binding helpers: optional values become NULL; dates are ISO text.
void bind_optional_date(Statement& st, int index, const std::optional<Date>& date);
void bind_optional_id(Statement& st, int index, std::optional<std::int64_t> id);
std::optional<Date> column_date(const SQLite::Column& column);
std::optional<std::int64_t> column_optional_id(const SQLite::Column& column);

} // namespace iro::detail
