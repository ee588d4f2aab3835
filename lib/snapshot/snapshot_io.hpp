#pragma once
// Snapshots of any SQLite connection, whatever its schema version (private: the public entry
// points in iro/snapshot.hpp take a Store, which is always at the latest version). Used to
// write archives of older schema versions from scratch databases.

#include "iro/snapshot.hpp"

#include <iosfwd>

namespace SQLite {
class Database;
}

namespace iro::detail {

SnapshotInfo write_snapshot_of(SQLite::Database& conn, std::ostream& out, ArchiveFormat format,
                               const SnapshotSelection& selection = {});

} // namespace iro::detail
