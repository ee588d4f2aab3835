#include "iro/store.hpp"

#include "iro/error.hpp"
#include "iro/sha256.hpp"
#include "store/database.hpp"
#include "store/document_paths.hpp"
#include "store/migrations.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

namespace iro {

struct Store::Parts {
    explicit Parts(detail::Database& db)
        : institutions(db), units(db), contacts(db), agreements(db), activities(db), programs(db), people(db), visits(db),
          centres(db), accreditations(db), rankings(db), audit(db) {}
    Institutions institutions;
    OrgUnits units;
    Contacts contacts;
    Agreements agreements;
    Activities activities;
    Programs programs;
    People people;
    Visits visits;
    Centres centres;
    Accreditations accreditations;
    Rankings rankings;
    AuditLog audit;
};

Store::Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::string& path, const OpenOptions& options) {
    if (path.empty()) throw ValidationError("path", path, "a file path or ':memory:'");
    if (path != ":memory:" && !options.create && !std::filesystem::exists(path))
        throw StorageError(fmt::format("cannot open '{}': no such file (and create is off)", path));
    Store store;
    try {
        store.db_ = std::make_unique<detail::Database>(path, options.create, options.busy_timeout_ms);
    } catch (...) {
        detail::rethrow_as_iro_error(fmt::format("opening '{}'", path));
    }
    store.db_->set_actor(options.actor);
    if (!options.document_root.empty()) {
        std::error_code ec;
        const auto root = std::filesystem::canonical(options.document_root, ec);
        if (ec || !std::filesystem::is_directory(root))
            throw ValidationError("document_root", options.document_root, "an existing directory");
        store.db_->set_document_root(root);
    }
    store.parts_ = std::make_unique<Parts>(*store.db_);
    return store;
}

const std::string& Store::path() const { return db_->path(); }

int Store::schema_version() const {
    try {
        return db_->connection().execAndGet("PRAGMA user_version").getInt();
    } catch (...) {
        detail::rethrow_as_iro_error("reading the schema version");
    }
}

int Store::latest_schema_version() { return detail::latest_schema_version(); }

const std::string& Store::actor() const { return db_->actor(); }
void Store::set_actor(std::string actor) { db_->set_actor(std::move(actor)); }
void Store::use_from_this_thread() { db_->use_from_this_thread(); }

std::string Store::document_root() const { return db_->document_root().string(); }

std::string Store::document_path(const DocumentRef& document) const {
    const auto& root = db_->document_root();
    if (root.empty())
        throw ValidationError("document_root", "", "a document root set when the store is opened (OpenOptions::document_root)");
    return detail::resolve_document_path(root, document.location, "location").string();
}

bool Store::verify_document(const DocumentRef& document) const {
    const auto path = document_path(document);
    if (document.sha256.empty())
        throw ValidationError("sha256", "", "the document's recorded SHA-256, to compare the file with");
    std::string recorded = document.sha256;
    std::transform(recorded.begin(), recorded.end(), recorded.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return sha256_file_hex(path) == recorded;
}

Institutions& Store::institutions() { return parts_->institutions; }
const Institutions& Store::institutions() const { return parts_->institutions; }
OrgUnits& Store::units() { return parts_->units; }
const OrgUnits& Store::units() const { return parts_->units; }
Contacts& Store::contacts() { return parts_->contacts; }
const Contacts& Store::contacts() const { return parts_->contacts; }
Agreements& Store::agreements() { return parts_->agreements; }
const Agreements& Store::agreements() const { return parts_->agreements; }
Activities& Store::activities() { return parts_->activities; }
const Activities& Store::activities() const { return parts_->activities; }
Programs& Store::programs() { return parts_->programs; }
const Programs& Store::programs() const { return parts_->programs; }
People& Store::people() { return parts_->people; }
const People& Store::people() const { return parts_->people; }
Visits& Store::visits() { return parts_->visits; }
const Visits& Store::visits() const { return parts_->visits; }
Centres& Store::centres() { return parts_->centres; }
const Centres& Store::centres() const { return parts_->centres; }
Accreditations& Store::accreditations() { return parts_->accreditations; }
const Accreditations& Store::accreditations() const { return parts_->accreditations; }
Rankings& Store::rankings() { return parts_->rankings; }
const Rankings& Store::rankings() const { return parts_->rankings; }
const AuditLog& Store::audit() const { return parts_->audit; }

detail::Database& detail::database_of(const Store& store) { return *store.db_; }

std::string Store::logical_dump() const {
    const detail::ReadScope snapshot(*db_);
    try {
        auto& conn = db_->connection();
        // A virtual table (FTS5) is dumped itself, not through its shadow tables.
        std::vector<std::string> virtual_tables;
        const auto tables = detail::schema_tables(conn, &virtual_tables);
        std::string out = fmt::format("user_version {}\n", schema_version());
        for (const auto& table : tables) {
            // Table names come from sqlite_master, never from a caller.
            const bool is_virtual = std::find(virtual_tables.begin(), virtual_tables.end(), table) != virtual_tables.end();
            SQLite::Statement st(conn, fmt::format("SELECT {}* FROM \"{}\"", is_virtual ? "rowid, " : "", table));
            std::vector<std::string> rows;
            while (st.executeStep()) {
                std::string row;
                for (int c = 0; c < st.getColumnCount(); ++c) {
                    const auto col = st.getColumn(c);
                    row += c ? " | " : "";
                    row += col.isNull() ? "NULL" : col.getString();
                }
                rows.push_back(std::move(row));
            }
            std::sort(rows.begin(), rows.end());
            out += fmt::format("table {} ({} rows)\n", table, rows.size());
            for (const auto& r : rows) out += "  " + r + "\n";
        }
        return out;
    } catch (...) {
        detail::rethrow_as_iro_error("dumping the store");
    }
}

} // namespace iro
