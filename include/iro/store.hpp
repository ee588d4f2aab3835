#pragma once
// The store: one SQLite file (or ":memory:") holding an office's data.
// Collections hang off it; no SQLite type appears in iro's public headers.

#include "iro/accreditations.hpp"
#include "iro/activities.hpp"
#include "iro/agreements.hpp"
#include "iro/audit.hpp"
#include "iro/centres.hpp"
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
