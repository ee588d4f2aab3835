#include "iro/snapshot.hpp"

#include "iro/error.hpp"
#include "iro/sha256.hpp"
#include "iro/store.hpp"
#include "iro/version.hpp"
#include "snapshot/snapshot_io.hpp"
#include "snapshot/snapshot_types.hpp"
#include "store/database.hpp"
#include "store/deferred_indexes.hpp"
#include "store/institution_names.hpp"
#include "store/migrations.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <unordered_set>

#include <unistd.h>

namespace iro::detail {

namespace {
// The limits of the load running on this thread (Table::serialize reads them).
thread_local const SnapshotLimits* tls_limits = nullptr;
} // namespace

template <class Ar>
void Table::serialize(Ar& ar, unsigned int v) {
    check_class_version(v, version, "a table");
    auto* state = current_read_state();
    const std::uint64_t max_columns = tls_limits ? tls_limits->max_columns : 0;
    const std::uint64_t max_rows = tls_limits ? tls_limits->max_rows_per_table : 0;
    archive_text(ar, "name", name);
    if (state) state->where = fmt::format("table {}", name.substr(0, 80));
    archive_vector(ar, "columns", columns, max_columns, [](Ar& a, std::string& c) { archive_text(a, "column", c); });
    if (state) state->max_count = columns.size();
    const std::uint64_t n = archive_count(ar, "rows", rows.size(), max_rows);
    if constexpr (Ar::is_loading::value) {
        rows.clear();
        for (std::uint64_t r = 0; r < n; ++r) {
            if (state) state->where = fmt::format("table {}, row {}", name.substr(0, 80), r + 1);
            Row row;
            ar & boost::serialization::make_nvp("row", row);
            if (row.cells.size() != columns.size())
                throw_archive_format_error(
                    fmt::format("the row has {} cells for {} columns", row.cells.size(), columns.size()));
            rows.push_back(std::move(row));
        }
    } else {
        for (auto& row : rows) ar & boost::serialization::make_nvp("row", row);
    }
    if (state) state->where.clear();
}

namespace {

using Tables = std::vector<Table>;

// ---- reading tables from SQLite --------------------------------------------------------

// The tables in the order the schema created them, which puts every referenced table before
// the tables that refer to it. Rows are inserted in this order: a child row inserted before its
// parent leaves a deferred foreign-key violation open, and while one is open SQLite checks
// every later parent row against the child tables, which is quadratic on a large office.
std::vector<const Table*> in_creation_order(SQLite::Database& conn, const Tables& tables) {
    std::map<std::string, std::int64_t> rank;
    SQLite::Statement st(conn, "SELECT name, rowid FROM sqlite_master WHERE type = 'table'");
    while (st.executeStep()) rank.emplace(st.getColumn(0).getString(), st.getColumn(1).getInt64());
    std::vector<const Table*> out;
    for (const auto& t : tables) out.push_back(&t);
    // Unknown tables sort last; the caller refuses them.
    const auto of = [&](const Table* t) {
        const auto it = rank.find(t->name);
        return it == rank.end() ? std::numeric_limits<std::int64_t>::max() : it->second;
    };
    std::stable_sort(out.begin(), out.end(), [&](const Table* a, const Table* b) { return of(a) < of(b); });
    return out;
}

// The tables that hold office data: everything but SQLite's own tables and the search index
// (a virtual table and its shadow tables), by name.
std::vector<std::string> data_tables(SQLite::Database& conn) {
    std::vector<std::string> virtual_tables;
    auto tables = schema_tables(conn, &virtual_tables);
    // The search index is rebuilt from the names on load, not archived.
    std::erase_if(tables, [&](const std::string& t) {
        return std::find(virtual_tables.begin(), virtual_tables.end(), t) != virtual_tables.end();
    });
    return tables;
}

std::vector<std::string> table_columns(SQLite::Database& conn, const std::string& table) {
    std::vector<std::string> columns;
    SQLite::Statement st(conn, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    st.bind(1, table);
    while (st.executeStep()) columns.push_back(st.getColumn(0).getString());
    return columns;
}

std::string real_text(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::hex);
    return std::string(buffer, result.ptr);
}

Cell cell_of(const SQLite::Column& column) {
    Cell cell;
    switch (column.getType()) {
    case SQLITE_INTEGER:
        cell.type = CellType::Integer;
        cell.integer = column.getInt64();
        break;
    case SQLITE_FLOAT:
        cell.type = CellType::Real;
        cell.text = real_text(column.getDouble());
        break;
    case SQLITE_TEXT:
        cell.type = CellType::Text;
        cell.text = column.getString();
        break;
    case SQLITE_BLOB:
        cell.type = CellType::Blob;
        cell.text.assign(static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes()));
        break;
    default: cell.type = CellType::Null; break;
    }
    return cell;
}

Row row_of(SQLite::Statement& st) {
    Row row;
    row.cells.reserve(static_cast<std::size_t>(st.getColumnCount()));
    for (int c = 0; c < st.getColumnCount(); ++c) row.cells.push_back(cell_of(st.getColumn(c)));
    return row;
}

bool is_store_uid(const Table& table, const Row& row) {
    return table.name == "meta" && !row.cells.empty() && row.cells[0].type == CellType::Text &&
           row.cells[0].text == "store_uid";
}

std::string select_all_sql(const std::string& table, const std::vector<std::string>& columns) {
    std::string cols;
    for (const auto& c : columns) cols += (cols.empty() ? "" : ", ") + sql_name(c);
    return fmt::format("SELECT {} FROM {}", cols, sql_name(table));
}

// Every data table with every row; meta without store_uid (the target keeps its own).
Tables read_all_tables(SQLite::Database& conn) {
    Tables tables;
    for (const auto& name : data_tables(conn)) {
        Table table;
        table.name = name;
        table.columns = table_columns(conn, name);
        SQLite::Statement st(conn, select_all_sql(name, table.columns));
        while (st.executeStep()) {
            Row row = row_of(st);
            if (!is_store_uid(table, row)) table.rows.push_back(std::move(row));
        }
        tables.push_back(std::move(table));
    }
    return tables;
}

void bind_cell(SQLite::Statement& st, int index, const Cell& cell) {
    switch (cell.type) {
    case CellType::Null: st.bind(index); break;
    case CellType::Integer: st.bind(index, static_cast<int64_t>(cell.integer)); break;
    case CellType::Real: {
        double value = 0;
        const char* begin = cell.text.data();
        const char* end = begin + cell.text.size();
        const auto result = std::from_chars(begin, end, value, std::chars_format::hex);
        if (cell.text.empty() || result.ec != std::errc() || result.ptr != end)
            throw_archive_format_error(fmt::format("'{}' is not a real number in hexadecimal form", cell.text.substr(0, 40)));
        st.bind(index, value);
        break;
    }
    case CellType::Text: st.bind(index, cell.text); break;
    case CellType::Blob: st.bind(index, cell.text.data(), static_cast<int>(cell.text.size())); break;
    }
}

// ---- selection closure -------------------------------------------------------------------

struct ForeignKey {
    std::string child;
    std::string parent;
    std::vector<std::string> from;  // child columns
    std::vector<std::string> to;    // parent columns
    bool cascade = false;           // ON DELETE CASCADE: child rows belong to the parent row
};

std::vector<std::string> primary_key(SQLite::Database& conn, const std::string& table) {
    std::vector<std::pair<int, std::string>> key;
    SQLite::Statement st(conn, "SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0");
    st.bind(1, table);
    while (st.executeStep()) key.emplace_back(st.getColumn(1).getInt(), st.getColumn(0).getString());
    std::sort(key.begin(), key.end());
    std::vector<std::string> names;
    for (auto& [pos, name] : key) names.push_back(name);
    return names;
}

std::vector<ForeignKey> foreign_keys(SQLite::Database& conn, const std::vector<std::string>& tables) {
    std::vector<ForeignKey> keys;
    for (const auto& table : tables) {
        std::map<int, ForeignKey> by_id;
        SQLite::Statement st(conn, "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq");
        st.bind(1, table);
        while (st.executeStep()) {
            auto& fk = by_id[st.getColumn(0).getInt()];
            fk.child = table;
            fk.parent = st.getColumn(1).getString();
            fk.from.push_back(st.getColumn(2).getString());
            if (!st.getColumn(3).isNull()) fk.to.push_back(st.getColumn(3).getString());
            fk.cascade = st.getColumn(4).getString() == "CASCADE";
        }
        for (auto& [id, fk] : by_id) {
            if (fk.to.empty()) fk.to = primary_key(conn, fk.parent);
            if (fk.to.size() == fk.from.size()) keys.push_back(std::move(fk));
        }
    }
    return keys;
}

// The root tables of each collection a selection can name.
const std::vector<std::pair<std::string, std::vector<std::string>>>& collection_tables() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> map = {
        {"institutions", {"institution"}},
        {"units", {"org_unit"}},
        {"contacts", {"contact"}},
        {"agreements", {"agreement"}},
        {"activities", {"activity"}},
        {"programs", {"program", "call", "application"}},
        {"people", {"person"}},
        {"visits", {"visit"}},
        {"centres", {"centre_expertise", "centre_link"}},
        {"accreditations", {"accreditation_framework", "accreditation_timeline_rules", "accreditation_case"}},
        {"rankings", {"ranking_edition", "ranking_home_figure"}},
        {"ewp", {"ewp_iia", "ewp_iia_party", "ewp_iia_spec"}},
        {"settings", {"meta"}},
        {"audit", {"audit_log"}},
    };
    return map;
}

std::string row_key(const Row& row) {
    std::string key;
    for (const auto& c : row.cells) {
        key += static_cast<char>('0' + static_cast<int>(c.type));
        key += c.type == CellType::Integer ? std::to_string(c.integer) : c.text;
        key += '\x1f';
        key += std::to_string(c.text.size());
        key += '\x1e';
    }
    return key;
}

class SelectionBuilder {
public:
    explicit SelectionBuilder(SQLite::Database& conn) : conn_(conn) {
        for (const auto& name : data_tables(conn)) {
            auto& t = tables_[name];
            t.table.name = name;
            t.table.columns = table_columns(conn, name);
            for (std::size_t i = 0; i < t.table.columns.size(); ++i) t.index[t.table.columns[i]] = i;
            order_.push_back(name);
        }
        std::vector<std::string> names(order_.begin(), order_.end());
        keys_ = foreign_keys(conn, names);
    }

    void add_collection(const std::string& collection) {
        const auto& map = collection_tables();
        const auto it = std::find_if(map.begin(), map.end(), [&](const auto& e) { return e.first == collection; });
        if (it == map.end()) {
            std::string names;
            for (const auto& e : map) names += (names.empty() ? "" : ", ") + e.first;
            throw ValidationError("collections", collection, "one of " + names);
        }
        for (const auto& table : it->second)
            if (tables_.count(table)) add_where(table, {}, {});
    }

    void add_id(const std::string& table, std::int64_t id, std::string_view entity) {
        Cell cell;
        cell.type = CellType::Integer;
        cell.integer = id;
        if (add_where(table, {"id"}, {cell}) == 0) throw NotFoundError(entity, id);
    }

    // Follows references to parents and cascading children until nothing new turns up.
    Tables close() {
        while (!work_.empty()) {
            auto [table, row] = std::move(work_.front());
            work_.pop_front();
            const auto& t = tables_.at(table);
            for (const auto& fk : keys_) {
                if (fk.child == table && tables_.count(fk.parent)) {
                    std::vector<Cell> values;
                    for (const auto& col : fk.from) values.push_back(row.cells[t.index.at(col)]);
                    const bool any_null = std::any_of(values.begin(), values.end(),
                                                      [](const Cell& c) { return c.type == CellType::Null; });
                    if (!any_null) add_where(fk.parent, fk.to, values);
                }
                if (fk.cascade && fk.parent == table && tables_.count(fk.child)) {
                    std::vector<Cell> values;
                    bool known = true;
                    for (const auto& col : fk.to) {
                        const auto it = t.index.find(col);
                        if (it == t.index.end()) known = false;
                        else values.push_back(row.cells[it->second]);
                    }
                    if (known) add_where(fk.child, fk.from, values);
                }
            }
        }
        Tables out;
        for (const auto& name : order_) out.push_back(std::move(tables_.at(name).table));
        return out;
    }

private:
    struct Selected {
        Table table;
        std::map<std::string, std::size_t> index;
        std::unordered_set<std::string> keys;
    };

    std::size_t add_where(const std::string& table, const std::vector<std::string>& columns, const std::vector<Cell>& values) {
        auto& t = tables_.at(table);
        std::string sql = select_all_sql(table, t.table.columns);
        for (std::size_t i = 0; i < columns.size(); ++i)
            sql += fmt::format("{} {} = ?", i ? " AND" : " WHERE", sql_name(columns[i]));
        SQLite::Statement st(conn_, sql);
        for (std::size_t i = 0; i < values.size(); ++i) bind_cell(st, static_cast<int>(i + 1), values[i]);
        std::size_t found = 0;
        while (st.executeStep()) {
            ++found;
            Row row = row_of(st);
            if (is_store_uid(t.table, row)) continue;
            if (!t.keys.insert(row_key(row)).second) continue;
            t.table.rows.push_back(row);
            work_.emplace_back(table, std::move(row));
        }
        return found;
    }

    SQLite::Database& conn_;
    std::map<std::string, Selected> tables_;
    std::vector<std::string> order_;
    std::vector<ForeignKey> keys_;
    std::deque<std::pair<std::string, Row>> work_;
};

std::string describe(const SnapshotSelection& selection) {
    if (selection.empty()) return "everything";
    std::vector<std::string> parts;
    if (!selection.collections.empty()) parts.push_back("collections " + fmt::format("{}", fmt::join(selection.collections, ", ")));
    const auto ids = [](const auto& list) {
        std::vector<std::int64_t> v;
        for (const auto& id : list) v.push_back(id.value());
        return fmt::format("{}", fmt::join(v, ", "));
    };
    if (!selection.agreements.empty()) parts.push_back("agreements " + ids(selection.agreements));
    if (!selection.institutions.empty()) parts.push_back("institutions " + ids(selection.institutions));
    return fmt::format("{}", fmt::join(parts, "; "));
}

// ---- canonical encoding and checksum -----------------------------------------------------

void put(std::string& out, std::string_view bytes) {
    out += std::to_string(bytes.size());
    out += ':';
    out += bytes;
}

std::string checksum_of(const SnapshotHeader& header, const Tables& tables) {
    std::string out = "iro-office-snapshot/1\n";
    put(out, header.kind);
    put(out, header.iro_version);
    put(out, std::to_string(header.schema_version));
    put(out, header.created_at);
    put(out, header.selection);
    put(out, std::to_string(tables.size()));
    for (const auto& t : tables) {
        put(out, t.name);
        put(out, std::to_string(t.columns.size()));
        for (const auto& c : t.columns) put(out, c);
        put(out, std::to_string(t.rows.size()));
        for (const auto& r : t.rows)
            for (const auto& c : r.cells) {
                out += static_cast<char>('0' + static_cast<int>(c.type));
                if (c.type == CellType::Integer) put(out, std::to_string(c.integer));
                else if (c.type != CellType::Null) put(out, c.text);
            }
    }
    return sha256_hex(out);
}

// ---- archives ------------------------------------------------------------------------------

struct ParsedSnapshot {
    ArchiveFormat format = ArchiveFormat::Xml;
    SnapshotHeader header;
    Tables tables;
    std::string checksum;
    std::uint64_t bytes = 0;
};

SnapshotInfo info_of(const ParsedSnapshot& p) {
    SnapshotInfo info;
    info.format = p.format;
    info.kind = p.header.kind;
    info.iro_version = p.header.iro_version;
    info.schema_version = p.header.schema_version;
    info.created_at = p.header.created_at;
    info.selection = p.header.selection;
    for (const auto& t : p.tables) info.tables.push_back({t.name, static_cast<std::int64_t>(t.rows.size())});
    info.checksum = p.checksum;
    info.bytes = p.bytes;
    return info;
}

template <class Ar>
void write_snapshot(Ar& ar, SnapshotHeader& header, Tables& tables, SnapshotTrailer& trailer) {
    ar << boost::serialization::make_nvp("header", header);
    std::uint64_t count = tables.size();
    ar << boost::serialization::make_nvp("tables", count);
    for (auto& t : tables) ar << boost::serialization::make_nvp("table", t);
    ar << boost::serialization::make_nvp("trailer", trailer);
}

ParsedSnapshot parse_snapshot(std::string_view bytes, const SnapshotLimits& limits) {
    if (bytes.size() > limits.max_input_bytes)
        throw FormatError(fmt::format("the snapshot archive has {} bytes, over the limit of {}", bytes.size(), limits.max_input_bytes));
    ParsedSnapshot p;
    p.bytes = bytes.size();
    p.format = detect_archive_format(bytes).value_or(ArchiveFormat::Xml);
    ArchiveReadState state;
    state.max_text_bytes = limits.max_cell_bytes;
    SnapshotTrailer trailer;
    const SnapshotLimits* previous = tls_limits;
    tls_limits = &limits;
    try {
        read_archive(bytes, "reading the snapshot", state, [&](auto& ar) {
            ar >> boost::serialization::make_nvp("header", p.header);
            if (p.header.kind != "office" && p.header.kind != "selection")
                throw_archive_format_error(fmt::format("unknown snapshot kind '{}'", p.header.kind.substr(0, 40)));
            const std::uint64_t n = archive_count(ar, "tables", 0, limits.max_tables);
            for (std::uint64_t i = 0; i < n; ++i) {
                state.where = fmt::format("table {} of {}", i + 1, n);
                Table t;
                ar >> boost::serialization::make_nvp("table", t);
                p.tables.push_back(std::move(t));
            }
            state.where = "the trailer";
            ar >> boost::serialization::make_nvp("trailer", trailer);
            state.where.clear();
        });
    } catch (...) {
        tls_limits = previous;
        throw;
    }
    tls_limits = previous;
    p.checksum = checksum_of(p.header, p.tables);
    if (trailer.checksum != p.checksum)
        throw FormatError(fmt::format("the snapshot archive is damaged: its checksum does not match its content "
                                      "(stored sha256 {}, content {})",
                                      trailer.checksum.substr(0, 64), p.checksum));
    return p;
}

std::string utc_now() {
    using namespace std::chrono;
    const auto now = floor<seconds>(system_clock::now());
    const auto day = floor<days>(now);
    const year_month_day ymd{day};
    const hh_mm_ss hms{now - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

// A read transaction around the save, so the archive is one consistent state of the store.
class ReadTransaction {
public:
    explicit ReadTransaction(SQLite::Database& conn) : conn_(conn) {
        if (sqlite3_get_autocommit(conn_.getHandle())) {
            conn_.exec("BEGIN DEFERRED");
            owned_ = true;
        }
    }
    ~ReadTransaction() {
        if (owned_ && !sqlite3_get_autocommit(conn_.getHandle()))
            sqlite3_exec(conn_.getHandle(), "COMMIT", nullptr, nullptr, nullptr);
    }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    SQLite::Database& conn_;
    bool owned_ = false;
};

Tables collect(SQLite::Database& conn, const SnapshotSelection& selection) {
    if (selection.empty()) return read_all_tables(conn);
    SelectionBuilder builder(conn);
    for (const auto& c : selection.collections) builder.add_collection(c);
    for (const auto& id : selection.agreements) builder.add_id("agreement", id.value(), "agreement");
    for (const auto& id : selection.institutions) builder.add_id("institution", id.value(), "institution");
    return builder.close();
}

} // namespace

SnapshotInfo write_snapshot_of(SQLite::Database& conn, std::ostream& out, ArchiveFormat format,
                               const SnapshotSelection& selection) {
    SnapshotHeader header;
    Tables tables;
    try {
        ReadTransaction read(conn);
        header.schema_version = conn.execAndGet("PRAGMA user_version").getInt();
        tables = collect(conn, selection);
    } catch (...) {
        rethrow_as_iro_error("reading the store for a snapshot");
    }
    header.kind = selection.empty() ? "office" : "selection";
    header.iro_version = IRO_VERSION_STRING;
    header.created_at = utc_now();
    header.selection = describe(selection);
    SnapshotTrailer trailer;
    trailer.checksum = checksum_of(header, tables);
    const auto start = out.tellp();
    try {
        write_archive(out, format, [&](auto& ar) { write_snapshot(ar, header, tables, trailer); });
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw StorageError(fmt::format("writing the snapshot archive failed: {}", e.what()));
    }
    if (!out) throw StorageError("writing the snapshot archive failed: the output stream reported an error");
    ParsedSnapshot p;
    p.format = format;
    p.header = header;
    p.checksum = trailer.checksum;
    const auto end = out.tellp();
    if (start >= 0 && end >= start) p.bytes = static_cast<std::uint64_t>(end - start);
    auto info = info_of(p);
    for (const auto& t : tables) info.tables.push_back({t.name, static_cast<std::int64_t>(t.rows.size())});
    return info;
}

namespace {

// ---- loading ---------------------------------------------------------------------------------

SQLite::Database scratch_database(int version) {
    SQLite::Database scratch(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    scratch.exec("PRAGMA foreign_keys = ON");
    migrate_connection_to(scratch, version);
    return scratch;
}

std::string insert_sql(const std::string& table, const std::vector<std::string>& columns) {
    std::string cols;
    std::string marks;
    for (const auto& c : columns) {
        cols += (cols.empty() ? "" : ", ") + sql_name(c);
        marks += marks.empty() ? "?" : ", ?";
    }
    return fmt::format("INSERT {}INTO {} ({}) VALUES ({})", table == "meta" ? "OR REPLACE " : "", sql_name(table), cols, marks);
}

// The first foreign key violation, described, or "".
std::string foreign_key_violation(SQLite::Database& conn) {
    SQLite::Statement st(conn, "PRAGMA foreign_key_check");
    if (!st.executeStep()) return {};
    return fmt::format("a row of table {} (rowid {}) refers to a missing row of table {}", st.getColumn(0).getString(),
                       st.getColumn(1).isNull() ? std::string("none") : st.getColumn(1).getString(), st.getColumn(2).getString());
}

// Inserts the archive's rows into `conn`, whose schema is at the archive's version, table by
// table in creation order, after checking each table and its columns against that schema:
// FormatError naming the first table, column or row that does not fit. A failure of SQLite
// itself (a full disk, say) is not the archive's fault and is left as it is.
void insert_archive_rows(SQLite::Database& conn, const Tables& tables, int version) {
    const auto known = data_tables(conn);
    std::set<std::string> seen;
    for (const Table* table : in_creation_order(conn, tables)) {
        const auto& t = *table;
        if (std::find(known.begin(), known.end(), t.name) == known.end())
            throw FormatError(fmt::format("the snapshot has a table '{}' that schema version {} does not have", t.name.substr(0, 80), version));
        if (!seen.insert(t.name).second) throw FormatError(fmt::format("the snapshot has table '{}' twice", t.name));
        const auto columns = table_columns(conn, t.name);
        std::set<std::string> used;
        for (const auto& c : t.columns) {
            if (std::find(columns.begin(), columns.end(), c) == columns.end())
                throw FormatError(fmt::format("table {} of the snapshot has a column '{}' that schema version {} does not have", t.name,
                                              c.substr(0, 80), version));
            if (!used.insert(c).second) throw FormatError(fmt::format("table {} of the snapshot has column '{}' twice", t.name, c));
        }
        if (t.columns.empty() && !t.rows.empty()) throw FormatError(fmt::format("table {} of the snapshot has rows but no columns", t.name));
        if (t.columns.empty()) continue;
        SQLite::Statement st(conn, insert_sql(t.name, t.columns));
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            st.reset();
            st.clearBindings();
            for (std::size_t c = 0; c < t.columns.size(); ++c) bind_cell(st, static_cast<int>(c + 1), t.rows[r].cells[c]);
            try {
                st.exec();
            } catch (const SQLite::Exception& e) {
                const int code = e.getErrorCode() & 0xff;
                if (code != SQLITE_CONSTRAINT && code != SQLITE_MISMATCH && code != SQLITE_TOOBIG && code != SQLITE_RANGE) throw;
                throw FormatError(fmt::format("row {} of table {} in the snapshot does not fit schema version {}: {}", r + 1, t.name,
                                              version, e.what()));
            }
        }
    }
}

// The first foreign key violation as FormatError: the archive refers to rows it does not hold.
void check_consistent(SQLite::Database& conn) {
    if (auto violation = foreign_key_violation(conn); !violation.empty()) throw FormatError("the snapshot is inconsistent: " + violation);
}

void check_schema_version_of(const ParsedSnapshot& p) {
    const int version = p.header.schema_version;
    if (version < 1 || version > latest_schema_version())
        throw FormatError(fmt::format("the snapshot has schema version {}; this iro reads versions 1 to {}{}", version,
                                      latest_schema_version(), version > latest_schema_version() ? " (read it with a newer iro)" : ""));
}

// An archive of an earlier schema version: its rows are written into a scratch database at
// that version, checked there, migrated to the latest version and returned as the latest
// schema has them.
Tables migrate_archive(const ParsedSnapshot& p) {
    const int version = p.header.schema_version;
    try {
        auto scratch = scratch_database(version);
        SQLite::Transaction transaction(scratch);
        scratch.exec("PRAGMA defer_foreign_keys = ON");
        insert_archive_rows(scratch, p.tables, version);
        check_consistent(scratch);
        transaction.commit();
        migrate_connection_to(scratch, latest_schema_version());
        return read_all_tables(scratch);
    } catch (const Error&) {
        throw;
    } catch (const SQLite::Exception& e) {
        throw FormatError(fmt::format("the snapshot cannot be loaded at schema version {}: {}", version, e.what()));
    }
}

// Row counts and meta keys of a store that holds nothing but what the migrations seed.
struct Seeded {
    std::map<std::string, std::int64_t> counts;
    std::set<std::string> meta_keys;
};

Seeded seeded_state() {
    auto scratch = scratch_database(latest_schema_version());
    Seeded s;
    for (const auto& t : data_tables(scratch))
        s.counts[t] = scratch.execAndGet(fmt::format("SELECT count(*) FROM {}", sql_name(t))).getInt64();
    SQLite::Statement st(scratch, "SELECT key FROM meta");
    while (st.executeStep()) s.meta_keys.insert(st.getColumn(0).getString());
    return s;
}

void check_empty(Database& db, const Seeded& seeded) {
    auto& conn = db.connection();
    for (const auto& t : data_tables(conn)) {
        const auto count = conn.execAndGet(fmt::format("SELECT count(*) FROM {}", sql_name(t))).getInt64();
        const auto it = seeded.counts.find(t);
        const auto expected = it == seeded.counts.end() ? 0 : it->second;
        if (t == "meta") {
            SQLite::Statement st(conn, "SELECT key FROM meta");
            while (st.executeStep())
                if (!seeded.meta_keys.count(st.getColumn(0).getString()))
                    throw ConflictError(fmt::format("cannot load a snapshot into '{}': the store is not empty (setting '{}' is set); "
                                                    "load snapshots into a new store",
                                                    db.path(), st.getColumn(0).getString()));
        } else if (count != expected) {
            throw ConflictError(fmt::format("cannot load a snapshot into '{}': the store is not empty (table {} has {} rows); "
                                            "load snapshots into a new store",
                                            db.path(), t, count));
        }
    }
}

// The search rows of the loaded institutions, from their names in one ordered scan of the
// store (not of the archive's cells, whose columns an archive chooses).
void rebuild_search(Database& db) {
    std::vector<std::pair<std::int64_t, std::string>> rows;
    {
        auto& st = db.statement("SELECT i.id, n.value FROM institution i LEFT JOIN institution_name n ON n.institution_id = i.id "
                                "ORDER BY i.id, n.position");
        while (st.executeStep()) {
            const auto id = st.getColumn(0).getInt64();
            if (rows.empty() || rows.back().first != id) rows.emplace_back(id, std::string());
            if (!st.getColumn(1).isNull()) append_search_name(rows.back().second, st.getColumn(1).getString());
        }
    }
    for (const auto& [id, text] : rows) {
        auto& st = db.statement("INSERT INTO institution_search (rowid, folded) VALUES (?, ?)");
        st.bind(1, static_cast<int64_t>(id));
        st.bind(2, text);
        st.exec();
    }
}

// The tables whose plain indexes a large load builds after its rows. Tables with a foreign
// key to themselves keep theirs: a row naming a later row of its table (an agreement's
// predecessor, a unit's parent) leaves a deferred violation open, and while one is open SQLite
// looks up every new row of the table among the referring rows, through that index.
std::vector<std::string> tables_to_index_after(SQLite::Database& conn) {
    auto tables = data_tables(conn);
    SQLite::Statement st(conn, "SELECT count(*) FROM pragma_foreign_key_list(?) WHERE \"table\" = ?");
    std::erase_if(tables, [&](const std::string& t) {
        st.reset();
        st.bind(1, t);
        st.bind(2, t);
        st.executeStep();
        return st.getColumn(0).getInt64() > 0;
    });
    return tables;
}

SnapshotInfo load_parsed(Database& db, const ParsedSnapshot& p) {
    check_schema_version_of(p);
    // An archive of the current schema version is checked in the store itself, inside the
    // load's transaction: a scratch copy would insert every row twice.
    const bool current = p.header.schema_version == latest_schema_version();
    const Tables migrated = current ? Tables{} : migrate_archive(p);
    const Tables& tables = current ? p.tables : migrated;
    Seeded seeded;
    try {
        seeded = seeded_state();
    } catch (...) {
        rethrow_as_iro_error("preparing to load a snapshot");
    }
    db.write([&] {
        check_empty(db, seeded);
        auto& conn = db.connection();
        conn.exec("PRAGMA defer_foreign_keys = ON");
        // The store is empty, so a large archive builds the plain indexes after its rows.
        std::size_t rows = 0;
        for (const auto& t : tables) rows += t.rows.size();
        const bool defer = rows >= kDeferIndexesFrom;
        DeferredIndexes indexes(db, defer ? tables_to_index_after(conn) : std::vector<std::string>{}, defer);
        insert_archive_rows(conn, tables, latest_schema_version());
        indexes.finish();
        rebuild_search(db);
        check_consistent(conn);
        nlohmann::json counts = nlohmann::json::object();
        for (const auto& t : tables) counts[t.name] = t.rows.size();
        nlohmann::json after = {{"kind", p.header.kind},
                                {"created_at", p.header.created_at},
                                {"iro_version", p.header.iro_version},
                                {"schema_version", p.header.schema_version},
                                {"format", archive_format_name(p.format)},
                                {"selection", p.header.selection},
                                {"checksum", p.checksum},
                                {"tables", counts}};
        db.audit("snapshot", 0, "snapshot.load", "", after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    });
    return info_of(p);
}

std::string read_file_bytes(const std::string& path, const SnapshotLimits& limits) {
    std::error_code ec;
    // A missing file is NotFoundError, as for every other importer.
    if (!std::filesystem::exists(path, ec)) throw NotFoundError("snapshot file", path);
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw StorageError(fmt::format("cannot read snapshot '{}': {}", path, ec.message()));
    if (size > limits.max_input_bytes)
        throw FormatError(fmt::format("snapshot '{}' has {} bytes, over the limit of {}", path, size, limits.max_input_bytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw StorageError(fmt::format("cannot open snapshot '{}'", path));
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uint64_t>(in.gcount()) != size) throw StorageError(fmt::format("cannot read snapshot '{}'", path));
    return bytes;
}

std::string read_stream_bytes(std::istream& in, const SnapshotLimits& limits) {
    std::string bytes;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > limits.max_input_bytes)
            throw FormatError(fmt::format("the snapshot archive is over the limit of {} bytes", limits.max_input_bytes));
    }
    if (in.bad()) throw StorageError("reading the snapshot archive failed: the input stream reported an error");
    return bytes;
}

} // namespace
} // namespace iro::detail

namespace iro {

const std::vector<std::string>& snapshot_collections() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& e : detail::collection_tables()) v.push_back(e.first);
        return v;
    }();
    return names;
}

SnapshotInfo save_snapshot(const Store& store, std::ostream& out, ArchiveFormat format, const SnapshotSelection& selection) {
    return detail::write_snapshot_of(detail::database_of(store).connection(), out, format, selection);
}

std::string save_snapshot(const Store& store, ArchiveFormat format, const SnapshotSelection& selection) {
    std::ostringstream out;
    save_snapshot(store, out, format, selection);
    return std::move(out).str();
}

SnapshotInfo save_snapshot_file(const Store& store, const std::string& path, ArchiveFormat format,
                                const SnapshotSelection& selection, bool overwrite) {
    namespace fs = std::filesystem;
    if (path.empty()) throw ValidationError("path", path, "a file path");
    std::error_code ec;
    if (!overwrite && fs::exists(path, ec))
        throw ConflictError(fmt::format("'{}' already exists; pass overwrite to replace it", path));
    const fs::path target(path);
    const fs::path temp = target.parent_path() / (target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    SnapshotInfo info;
    try {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) throw StorageError(fmt::format("cannot write snapshot '{}': cannot create '{}'", path, temp.string()));
        info = save_snapshot(store, out, format, selection);
        out.close();
        if (!out) throw StorageError(fmt::format("cannot write snapshot '{}'", path));
        if (!overwrite && fs::exists(path, ec)) throw ConflictError(fmt::format("'{}' already exists; pass overwrite to replace it", path));
        fs::rename(temp, target);
    } catch (...) {
        fs::remove(temp, ec);
        try {
            throw;
        } catch (const Error&) {
            throw;
        } catch (const std::exception& e) {
            throw StorageError(fmt::format("cannot write snapshot '{}': {}", path, e.what()));
        }
    }
    return info;
}

SnapshotInfo load_snapshot(Store& store, std::string_view bytes, const SnapshotLimits& limits) {
    const auto parsed = detail::parse_snapshot(bytes, limits);
    return detail::load_parsed(detail::database_of(store), parsed);
}

SnapshotInfo load_snapshot(Store& store, std::istream& in, const SnapshotLimits& limits) {
    const auto bytes = detail::read_stream_bytes(in, limits);
    return load_snapshot(store, bytes, limits);
}

SnapshotInfo load_snapshot_file(Store& store, const std::string& path, const SnapshotLimits& limits) {
    const auto bytes = detail::read_file_bytes(path, limits);
    return load_snapshot(store, bytes, limits);
}

SnapshotInfo read_snapshot_info(std::string_view bytes, const SnapshotLimits& limits) {
    return detail::info_of(detail::parse_snapshot(bytes, limits));
}

SnapshotInfo read_snapshot_info_file(const std::string& path, const SnapshotLimits& limits) {
    return read_snapshot_info(detail::read_file_bytes(path, limits), limits);
}

} // namespace iro
