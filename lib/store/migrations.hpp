#pragma once
// Schema migrations on PRAGMA user_version: one transactional step per version.

#include <string>

namespace SQLite {
class Database;
}

namespace iro::detail {

class Database;

int latest_schema_version();

// Throws StorageError when the file was written by a newer iro (version above latest).
void check_schema_version(int version, const std::string& path);

// Applies every step above the database's version, each in its own transaction that also
// sets user_version, so a failed step leaves the previous version intact.
void migrate(Database& db);

// Applies the steps above the connection's version up to `target_version` (not beyond), each
// in its own transaction. For scratch databases that must hold an older schema, e.g. to load
// a snapshot written at that version before migrating it to the latest.
void migrate_connection_to(SQLite::Database& conn, int target_version);

} // namespace iro::detail
