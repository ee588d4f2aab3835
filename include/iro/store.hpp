#pragma once
// The store: one SQLite file (or ":memory:") holding an office's data.
// Collections hang off it; no SQLite type appears in iro's public headers.

#include "iro/accreditations.hpp"
#include "iro/activities.hpp"
#include "iro/agreements.hpp"
#include "iro/audit.hpp"
#include "iro/centres.hpp"
#include "iro/document_ref.hpp"
#include "iro/institutions.hpp"
#include "iro/org_units.hpp"
#include "iro/people.hpp"
#include "iro/programs.hpp"
#include "iro/rankings.hpp"

#include <memory>
#include <string>

namespace iro {

class Store;

namespace detail {
class Database;
// For the library's own queries that span collections (analytics, exports).
Database& database_of(const Store& store);
} // namespace detail

struct OpenOptions {
    bool create = true;          // create the file when missing
    std::string actor = "iro";   // recorded in the audit log and in transitions
    // How long a write waits for another connection (another process) to finish its write
    // before giving up with StorageError; reads in WAL mode never wait for writers.
    int busy_timeout_ms = 30000;
    // An existing directory that document references (agreements' documents, activities'
    // evidence, accreditation evidence) must stay inside: a path leading out of it, also
    // through "..", is refused when written, and a symbolic link leading out is refused when
    // resolved. Relative locations are taken from it. Empty: locations are not checked.
    std::string document_root{};
};

class Store {
public:
    // Opens or creates the database and migrates it to the latest schema. A file written by
    // a newer iro is refused with StorageError and left untouched.
    static Store open(const std::string& path, const OpenOptions& options = {});

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    const std::string& path() const;
    int schema_version() const;
    static int latest_schema_version();

    const std::string& actor() const;
    void set_actor(std::string actor);

    // Thread contract: a Store belongs to the thread that opened it. A call from any other
    // thread throws ThreadError before it touches the connection, so a Store shared by
    // mistake fails loudly instead of racing. To pass a Store to another thread, let the
    // owner finish with it (join it, or guard the store with your own mutex) and call this
    // from the new thread; it is refused with ThreadError while a transaction is open.
    void use_from_this_thread();

    // The configured document root (canonical), or "" when none is.
    std::string document_root() const;
    // The local file a document reference names, inside the document root, with symbolic
    // links resolved. ValidationError when no root is configured, when the location is a URL,
    // or when it leads outside the root. The file itself need not exist.
    std::string document_path(const DocumentRef& document) const;
    // Whether the file's SHA-256 equals the one recorded in the reference. ValidationError
    // as for document_path or when the reference records no sha256; NotFoundError when the
    // file cannot be opened.
    bool verify_document(const DocumentRef& document) const;

    Institutions& institutions();
    const Institutions& institutions() const;
    OrgUnits& units();
    const OrgUnits& units() const;
    Contacts& contacts();
    const Contacts& contacts() const;
    Agreements& agreements();
    const Agreements& agreements() const;
    Activities& activities();
    const Activities& activities() const;
    Programs& programs();
    const Programs& programs() const;
    People& people();
    const People& people() const;
    Visits& visits();
    const Visits& visits() const;
    Centres& centres();
    const Centres& centres() const;
    Accreditations& accreditations();
    const Accreditations& accreditations() const;
    Rankings& rankings();
    const Rankings& rankings() const;
    const AuditLog& audit() const;

    // Every row of every table in a fixed order, as text. Two stores with equal dumps hold
    // the same data; tests use it to prove that a refused change wrote nothing.
    std::string logical_dump() const;

private:
    friend detail::Database& detail::database_of(const Store& store);
    Store();
    struct Parts;
    std::unique_ptr<detail::Database> db_;
    std::unique_ptr<Parts> parts_;
};

} // namespace iro
