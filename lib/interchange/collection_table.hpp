#pragma once
// The field model behind CSV and JSON exchange (private): one CollectionTable per collection, listing
// its columns and knowing how to read a record into cells and how to add or update a record
// from cells. Cells are JSON values already checked against their column's kind.

#include "iro/collection.hpp"
#include "iro/collection_exchange.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace iro {
class Store;
}

namespace iro::detail {

enum class ColumnKind { Id, Integer, Real, Text, Date, Enum, Bool, Reference, List, Object };

std::string_view kind_name(ColumnKind kind);

struct ColumnInfo {
    std::string name;
    ColumnKind kind = ColumnKind::Text;
    bool required = false;  // must be present in a CSV header and in every JSON row
    bool nullable = false;  // an empty CSV cell or JSON null means "no value"
};

// Thrown while resolving a reference to a row of the same table that has not been
// imported yet; the row is tried again later.
struct RowDeferred {};

// Translates the ids written in a file into store ids, and checks that they exist.
class IdResolver {
public:
    IdResolver(Store& store, ImportIdMap& ids) : store_(&store), ids_(&ids) {}

    // Starts a table: `pending` holds the file ids of its rows.
    void begin_table(Collection collection, std::set<std::int64_t> pending);
    void row_done(std::int64_t file_id) { pending_.erase(file_id); }
    void set_deferral(bool on) { deferral_ = on; }

    // The store id for a file id referred to by `field`. ValidationError when neither this
    // import nor the store has it.
    std::int64_t resolve(Collection target, const std::string& field, std::int64_t file_id);

    std::optional<std::int64_t> mapped(Collection c, std::int64_t file_id) const;
    bool created(Collection c, std::int64_t store_id) const;
    void record_added(Collection c, std::optional<std::int64_t> file_id, std::int64_t store_id);

private:
    Store* store_;
    ImportIdMap* ids_;
    std::map<Collection, std::set<std::int64_t>> created_;
    Collection current_ = Collection::Institutions;
    std::set<std::int64_t> pending_;
    bool deferral_ = true;
};

enum class RowOutcome { Added, Updated, Unchanged };

using Cells = std::vector<std::optional<nlohmann::json>>;

// The rows of one import of a table that is stored a group at a time (the results of a
// ranking edition are replaced as a whole): add() checks a row and keeps it in its group,
// and after every row is in, each group is written by write(), in order of first appearance.
class RowGroups {
public:
    virtual ~RowGroups() = default;
    // Checks one row (iro errors naming the column) and keeps it under `token`.
    virtual void add(Store& store, const Cells& cells, IdResolver& ids, std::size_t token) = 0;
    virtual std::size_t size() const = 0;
    // The tokens of the rows of group k, in the order they were added.
    virtual const std::vector<std::size_t>& rows(std::size_t k) const = 0;
    // Stores group k; one outcome per row of it.
    virtual std::vector<RowOutcome> write(Store& store, std::size_t k) = 0;
};

class CollectionTable {
public:
    virtual ~CollectionTable() = default;
    virtual const std::vector<ColumnInfo>& columns() const = 0;
    // One row of cells per record, by id; cell k belongs to columns()[k].
    virtual std::vector<std::vector<nlohmann::json>> export_rows(const Store& store) const = 0;
    // Adds or updates one record. `cells` has one entry per column; an absent entry keeps
    // the stored value (update) or the default (add). Throws iro errors and RowDeferred.
    virtual RowOutcome apply(Store& store, const Cells& cells, IdResolver& ids) const = 0;
    virtual bool exists(const Store& store, std::int64_t id) const = 0;
    // A fresh collector for a table stored in groups, whose rows go through it instead of
    // apply(); nullptr for a table stored a row at a time.
    virtual std::unique_ptr<RowGroups> groups() const { return nullptr; }
};

const CollectionTable& table_for(Collection collection);

// The tables keyed by what they hold rather than by an id of their own
// (collection_keyed_tables.cpp).
std::unique_ptr<CollectionTable> centre_expertise_table();
std::unique_ptr<CollectionTable> centre_links_table();
std::unique_ptr<CollectionTable> ranking_methodologies_table();
std::unique_ptr<CollectionTable> ranking_results_table();
std::unique_ptr<CollectionTable> home_figures_table();

} // namespace iro::detail
