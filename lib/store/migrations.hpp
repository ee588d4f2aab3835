#pragma once
// Schema migrations on PRAGMA user_version: one transactional step per version.

#include <string>

namespace iro::detail {

class Database;

int latest_schema_version();

// Throws StorageError when the file was written by a newer iro (version above latest).
void check_schema_version(int version, const std::string& path);

// Applies every step above the database's version, each in its own transaction that also
// sets user_version, so a failed step leaves the previous version intact.
void migrate(Database& db);

} // namespace iro::detail
