#pragma once
// CSV and JSON export and import of a store's collections (see collection.hpp).
//
// Columns. Every collection has one list of columns, the same for CSV and JSON
// (csv_columns; docs/csv-columns.md). The first is `id`, except for the keyed collections
// below. Enum values use the names of enum_strings.hpp, dates are ISO 8601 (YYYY-MM-DD), an
// empty CSV cell is an absent optional value, and nested lists (names, parties, quotas,
// documents...) and maps (ranking scores) are one CSV cell holding compact JSON, or native
// arrays and objects in JSON.
//
// CSV. RFC 4180 with a header line, CRLF line ends, fields quoted when they hold a comma,
// quote, CR or LF or begin or end with a space. A UTF-8 byte order mark is skipped on
// import. To keep spreadsheets from running formulas, a text cell that begins with =, +,
// -, @, a tab, a CR or a single quote is written with one more leading single quote, and
// import removes one leading single quote from every text cell: every text round-trips
// exactly. Numbers, dates, enums and lists are never prefixed.
//
// JSON. One object {"format": "iro-collections", "version": 1, "<collection>": [rows]},
// each row an object keyed by column name.
//
// Ids. A row's `id` is the id in the file. A row whose id is already in the store is an
// update (counted as unchanged when nothing differs); a row with an empty id is added; a
// row with an id the store does not have is added under the id the store gives it, and the
// pair (file id -> store id) is remembered in an ImportIdMap. References in later rows (a
// unit's institution, an agreement's parties...) are translated through that map first, so
// exporting every collection of a store and importing them in dependency order into an
// empty store reproduces the office even when the file's ids have gaps. import_json keeps
// one map for the whole document; for CSV files imported one by one, pass the same
// ImportIdMap in TableImportOptions::ids to every call. A reference to a row later in the
// same table (a merged institution's successor, a parent unit) waits until that row is in.
//
// Import. Every row is parsed and checked first, by the same validation and store checks
// the collection's add and update run, each row inside its own savepoint of one
// transaction. When any row is bad, RowsRejectedError lists every bad row (row, file line,
// column, value, what was wrong) and nothing is written, unless skip_bad_rows is set: then
// the good rows are written and the bad ones returned in TableImportResult::problems.
// Writes go through the collections, so the audit log gets the usual per-record entries.
// A header column that is unknown, or a required one that is missing, is a FormatError
// naming it; malformed CSV is a FormatError with line and column, malformed JSON one with
// the byte offset; input larger than max_bytes or with more than max_rows rows is a
// ValidationError. In every error case the store is left unchanged.
//
// Lifecycles. Status changes go through the collections' own moves, as for any caller: an
// added agreement that was renewed is recorded in force, and the row of its successor (whose
// `predecessor` it is) is made with Agreements::renew, then given the row's fields and status
// (terminate or expire as needed); an agreement terminated before entering force is recorded
// as proposed and then terminated; an erased person is added and then erased (with a new
// anonymous token). Updating a stored record cannot change its status (ConflictError, as
// update() gives), and stored applications cannot be edited at all.
//
// An accreditation case is opened in planning and moved through transition() to the row's
// status; a decision status is reached with decide() and the row's decision from
// decision_pending, and an appeal (or a decision pending again) that carries a decision is
// reached through a denial with that decision. Every move of an imported case is dated on
// its decided_on, else its planned_visit, else today. Frameworks cannot be edited once
// stored (ConflictError for a row that changes one).
//
// Keyed collections. Centre expertise (keyed by the centre), centre links (by home and
// partner centre), custom ranking methodologies (by system and year), published ranking
// results (by edition) and home figures (by year and key) have no id column. A row adds or
// replaces the record with its key through Centres or Rankings (set_expertise, link,
// save_methodology, set_home_figures), or counts as unchanged when equal to it; centre
// references go through the ImportIdMap like any other. Published results are replaced an
// edition at a time: the rows of each edition in the input, in input order, become its
// results through Rankings::save_results once every row has been checked; an edition whose
// rows equal its stored results is left alone, and editions not in the input are untouched.
//
// A case's findings, follow-ups and evidence are not exchanged as tables.
// Histories (agreement, application and case transitions) are not exchanged either: a new
// record starts afresh, so after a round trip every exchanged record is equal field by
// field, but the transition tables and the audit log differ.

#include "iro/collection.hpp"
#include "iro/error.hpp"
#include "iro/ror_import.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

class Store;

// One bad row of an import.
struct RowProblem {
    Collection collection = Collection::Institutions;
    std::int64_t row = 0;  // 1-based data row (the header is not counted)
    int line = 0;          // CSV: the file line where the row starts; JSON: 0
    std::string column;    // the column at fault; empty when the row as a whole is refused
    std::string value;     // the cell as written
    std::string message;   // what was wrong and what would be right

    friend bool operator==(const RowProblem&, const RowProblem&) = default;
};

// Some rows were refused and nothing was written. The message names the first problems and
// how many there are; problems() lists them all.
class RowsRejectedError : public ValidationError {
public:
    explicit RowsRejectedError(std::vector<RowProblem> problems);
    const std::vector<RowProblem>& problems() const noexcept { return problems_; }

private:
    std::vector<RowProblem> problems_;
};

struct ExportOptions {
    bool overwrite = false;  // refuse (ConflictError) to replace an existing file unless set
};

// File id -> store id, per collection, for the rows an import added.
using ImportIdMap = std::map<Collection, std::map<std::int64_t, std::int64_t>>;

struct TableImportOptions {
    bool skip_bad_rows = false;                       // write the good rows, return the bad ones
    std::uint64_t max_bytes = std::uint64_t{256} << 20;  // the whole input: 256 MiB
    std::uint64_t max_rows = 1'000'000;               // per table
    ImportProgress progress;                          // rows done, bytes done, bytes total; false cancels
    ImportIdMap* ids = nullptr;                       // shared across calls when given; read and extended
};

// added + updated + unchanged + skipped == read.
struct TableImportResult {
    Collection collection = Collection::Institutions;
    std::int64_t read = 0;
    std::int64_t added = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t skipped = 0;
    std::vector<RowProblem> problems;  // the skipped rows, with skip_bad_rows

    friend bool operator==(const TableImportResult&, const TableImportResult&) = default;
};

// The header names of a collection's table, in order.
std::vector<std::string> csv_columns(Collection collection);

// The collection as CSV text: a header line and one row per record, by id.
std::string export_csv(const Store& store, Collection collection);
// Writes export_csv to `path` through a temporary file in the same directory. ConflictError
// naming the path when it exists and overwrite is not set; StorageError when it cannot be
// written.
void export_csv_file(const Store& store, Collection collection, const std::string& path,
                     const ExportOptions& options = {});

TableImportResult import_csv(Store& store, Collection collection, std::string_view text,
                             const TableImportOptions& options = {});
// NotFoundError when the file does not exist, StorageError when it cannot be read.
TableImportResult import_csv_file(Store& store, Collection collection, const std::string& path,
                                  const TableImportOptions& options = {});

// The collections as one JSON document, pretty-printed.
std::string export_json(const Store& store, const std::vector<Collection>& collections = all_collections());
void export_json_file(const Store& store, const std::string& path,
                      const std::vector<Collection>& collections = all_collections(),
                      const ExportOptions& options = {});

// Imports every collection the document holds, in dependency order, in one transaction.
// One result per collection present. RowsRejectedError lists the bad rows of every table.
std::vector<TableImportResult> import_json(Store& store, std::string_view text,
                                           const TableImportOptions& options = {});
std::vector<TableImportResult> import_json_file(Store& store, const std::string& path,
                                                const TableImportOptions& options = {});

} // namespace iro
