#include "load_floor_tables.hpp"

#include <stdexcept>

namespace iro::bench {

namespace {

struct Connection {
    sqlite3* db = nullptr;
    explicit Connection(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
    }
    ~Connection() { sqlite3_close(db); }
};

struct Query {
    sqlite3_stmt* st = nullptr;
    Query(sqlite3* db, const std::string& sql) {
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string(sqlite3_errmsg(db)) + " in " + sql);
    }
    ~Query() { sqlite3_finalize(st); }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    bool step() { return sqlite3_step(st) == SQLITE_ROW; }
    std::string text(int c) { return reinterpret_cast<const char*>(sqlite3_column_text(st, c)); }
};

} // namespace

FloorTables FloorTables::read(const std::string& path) {
    Connection conn(path);
    std::vector<std::pair<std::string, std::string>> schema;  // name, sql
    {
        Query q(conn.db, "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
        while (q.step()) schema.emplace_back(q.text(0), q.text(1));
    }
    std::vector<std::string> virtual_tables;
    for (const auto& [name, sql] : schema)
        if (sql.rfind("CREATE VIRTUAL TABLE", 0) == 0) virtual_tables.push_back(name);

    FloorTables out;
    for (const auto& [name, sql] : schema) {
        if (name == "meta") continue;
        bool shadow = false;
        for (const auto& v : virtual_tables)
            if (name.size() > v.size() && name.compare(0, v.size() + 1, v + "_") == 0) shadow = true;
        if (shadow) continue;

        auto t = std::make_unique<Table>();
        t->name = name;
        const bool is_virtual = sql.rfind("CREATE VIRTUAL TABLE", 0) == 0;
        if (is_virtual) t->names.emplace_back("rowid");
        {
            Query info(conn.db, "SELECT name FROM pragma_table_info(?)");
            sqlite3_bind_text(info.st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
            while (info.step()) t->names.push_back(info.text(0));
        }
        std::string select = "SELECT ";
        for (std::size_t c = 0; c < t->names.size(); ++c) select += (c ? ", " : "") + t->names[c];
        select += " FROM " + name;
        if (is_virtual || sql.find("WITHOUT ROWID") == std::string::npos) select += " ORDER BY rowid";

        Query rows(conn.db, select);
        const int columns = static_cast<int>(t->names.size());
        std::int64_t count = 0;
        while (rows.step()) {
            ++count;
            for (int c = 0; c < columns; ++c) {
                floor_cell cell{};
                switch (sqlite3_column_type(rows.st, c)) {
                case SQLITE_INTEGER: cell.type = FLOOR_INTEGER; cell.integer = sqlite3_column_int64(rows.st, c); break;
                case SQLITE_FLOAT: cell.type = FLOOR_REAL; cell.real = sqlite3_column_double(rows.st, c); break;
                case SQLITE_NULL: cell.type = FLOOR_NULL; break;
                default: {
                    // Text (no blobs in the schema): the offset into `texts` until the table is read.
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(rows.st, c));
                    cell.type = FLOOR_TEXT;
                    cell.text_size = sqlite3_column_bytes(rows.st, c);
                    cell.integer = static_cast<sqlite3_int64>(t->texts.size());
                    t->texts.append(text, static_cast<std::size_t>(cell.text_size));
                }
                }
                t->cells.push_back(cell);
            }
        }
        if (count == 0) continue;
        for (auto& cell : t->cells)
            if (cell.type == FLOOR_TEXT) cell.text = t->texts.data() + cell.integer;
        for (const auto& n : t->names) t->pointers.push_back(n.c_str());
        out.tables_.push_back(floor_table{t->name.c_str(), columns, t->pointers.data(), count, t->cells.data()});
        out.owned_.push_back(std::move(t));
    }
    return out;
}

std::int64_t FloorTables::rows() const {
    std::int64_t total = 0;
    for (const auto& t : tables_) total += t.row_count;
    return total;
}

} // namespace iro::bench
