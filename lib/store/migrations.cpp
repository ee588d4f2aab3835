#include "store/migrations.hpp"

#include "iro/error.hpp"
#include "store/database.hpp"
#include "store/migration_steps.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace iro::detail {

int latest_schema_version() { return migration_steps().back().version; }

void check_schema_version(int version, const std::string& path) {
    if (version > latest_schema_version())
        throw StorageError(fmt::format("'{}' has schema version {}, newer than this iro understands (up to {}); "
                                       "open it with a newer iro. The file was not changed.",
                                       path, version, latest_schema_version()));
    if (version < 0) throw StorageError(fmt::format("'{}' has an invalid schema version {}", path, version));
}

void migrate(Database& db) {
    auto& conn = db.connection();
    const int current = conn.execAndGet("PRAGMA user_version").getInt();
    for (const auto& step : migration_steps()) {
        if (step.version <= current) continue;
        db.write([&] {
            conn.exec(std::string(step.sql));
            // The version is our own constant, never user input.
            conn.exec(fmt::format("PRAGMA user_version = {}", step.version));
        });
    }
}

void migrate_connection_to(SQLite::Database& conn, int target_version) {
    if (target_version < 0 || target_version > latest_schema_version())
        throw StorageError(fmt::format("cannot migrate to schema version {}: this iro knows versions up to {}", target_version,
                                       latest_schema_version()));
    const int current = conn.execAndGet("PRAGMA user_version").getInt();
    for (const auto& step : migration_steps()) {
        if (step.version <= current || step.version > target_version) continue;
        SQLite::Transaction transaction(conn);
        conn.exec(std::string(step.sql));
        // The version is our own constant, never user input.
        conn.exec(fmt::format("PRAGMA user_version = {}", step.version));
        transaction.commit();
    }
}

} // namespace iro::detail
