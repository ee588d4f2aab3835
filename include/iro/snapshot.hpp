#pragma once
// Snapshots: the whole office, or a selection of it, as one archive (XML, text or binary;
// see archive_format.hpp) that loads into an empty store.
//
// An archive holds a header (kind, iro version, schema version, creation time, what was
// selected), every data table of the schema with its column names and typed rows, and a
// SHA-256 of all of it. Rows keep their ids. The search index and the `meta` row store_uid
// are not saved: the search index is rebuilt on load and the target keeps its own store_uid.
//
// Versioning: every serialized type carries a class version, and an archive written at an
// earlier schema version N is loaded into a scratch database at version N, migrated to the
// latest version, and only then copied into the target (an archive of the current version
// goes straight into the target's transaction). Old archives therefore load forever; an
// archive from a newer iro (newer class or schema version) is a FormatError. Rows that break
// the schema or refer to rows the archive lacks are FormatError naming the table and row.
//
// Loading is safe against damaged or hostile input: a truncated, bit-flipped, wrong-type or
// oversized archive gives FormatError, never a crash and never an allocation larger than the
// limits below allow. Loading is one transaction: the target gets all of the archive or,
// on any error, nothing.

#include "iro/archive_format.hpp"
#include "iro/ids.hpp"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

class Store;

// What to save. Empty (the default) means the whole office, audit log included. Otherwise the
// rows of the named collections and of the listed agreements and institutions are saved,
// together with every row they refer to (recursively) and every row that belongs to them
// (rows deleted with them: an agreement's parties, areas, quotas, documents and history).
struct SnapshotSelection {
    // Names from snapshot_collections(): "institutions", "units", "contacts", "agreements",
    // "activities", "programs", "people", "visits", "centres", "accreditations", "rankings",
    // "ewp", "settings", "audit".
    std::vector<std::string> collections;
    std::vector<AgreementId> agreements;
    std::vector<InstitutionId> institutions;

    bool empty() const { return collections.empty() && agreements.empty() && institutions.empty(); }
};

// The collection names a selection accepts, in a fixed order.
const std::vector<std::string>& snapshot_collections();

// Bounds checked while reading an archive, before anything is allocated for it. A count or
// length that the rest of the input cannot hold (every element takes at least one byte) is
// refused as well, whatever these say.
struct SnapshotLimits {
    std::uint64_t max_input_bytes = std::uint64_t{1} << 30;     // 1 GiB
    std::uint64_t max_tables = 1000;
    std::uint64_t max_columns = 1000;                           // per table
    std::uint64_t max_rows_per_table = 100'000'000;
    std::uint64_t max_cell_bytes = std::uint64_t{256} << 20;    // 256 MiB, one text or blob value
};

struct SnapshotTableInfo {
    std::string name;
    std::int64_t rows = 0;
    friend bool operator==(const SnapshotTableInfo&, const SnapshotTableInfo&) = default;
};

struct SnapshotInfo {
    ArchiveFormat format = ArchiveFormat::Xml;
    std::string kind;              // "office" (everything) or "selection"
    std::string iro_version;       // of the iro that wrote it
    int schema_version = 0;        // of the store it was written from
    std::string created_at;        // UTC, "2026-05-01T12:00:00Z"
    std::string selection;         // what was selected, e.g. "agreements 12, 15; collections people"
    std::vector<SnapshotTableInfo> tables;  // as stored in the archive, in its order
    std::string checksum;          // SHA-256 (hex) of the canonical encoding of the content
    std::uint64_t bytes = 0;       // size of the archive
};

// Writes a snapshot of the store to `out`; returns what was written.
SnapshotInfo save_snapshot(const Store& store, std::ostream& out, ArchiveFormat format,
                           const SnapshotSelection& selection = {});
// The same, as bytes.
std::string save_snapshot(const Store& store, ArchiveFormat format, const SnapshotSelection& selection = {});

// Writes a snapshot to a file: first to a temporary file in the same folder, then renamed.
// An existing file is a ConflictError naming the path unless `overwrite` is set.
SnapshotInfo save_snapshot_file(const Store& store, const std::string& path, ArchiveFormat format,
                                const SnapshotSelection& selection = {}, bool overwrite = false);

// Loads an archive (any format, detected from its first bytes) into a store that holds no
// office data, in one transaction with one audit entry ("snapshot.load"). A damaged archive is
// a FormatError, a store with data a ConflictError; either way the store is unchanged.
SnapshotInfo load_snapshot(Store& store, std::string_view bytes, const SnapshotLimits& limits = {});
SnapshotInfo load_snapshot(Store& store, std::istream& in, const SnapshotLimits& limits = {});
SnapshotInfo load_snapshot_file(Store& store, const std::string& path, const SnapshotLimits& limits = {});

// Reads and checks a whole archive (checksum included) without loading it anywhere.
SnapshotInfo read_snapshot_info(std::string_view bytes, const SnapshotLimits& limits = {});
SnapshotInfo read_snapshot_info_file(const std::string& path, const SnapshotLimits& limits = {});

} // namespace iro
