#include "iro/collection_exchange.hpp"

#include "core/csv.hpp"
#include "interchange/collection_table.hpp"
#include "iro/store.hpp"
#include "store/database.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <system_error>

namespace iro {

namespace {

using nlohmann::json;
using detail::Cells;
using detail::ColumnInfo;
using detail::ColumnKind;

std::string describe(const std::vector<RowProblem>& problems) {
    std::string out = "rows that pass validation (nothing was written): ";
    const std::size_t shown = std::min<std::size_t>(problems.size(), 3);
    for (std::size_t k = 0; k < shown; ++k) {
        const auto& p = problems[k];
        if (k > 0) out += "; ";
        out += fmt::format("{} row {}", to_string(p.collection), p.row);
        if (p.line > 0) out += fmt::format(" (line {})", p.line);
        if (!p.column.empty()) out += fmt::format(", column '{}'", p.column);
        out += ": " + p.message;
    }
    if (problems.size() > shown) out += fmt::format("; and {} more", problems.size() - shown);
    return out;
}

} // namespace

RowsRejectedError::RowsRejectedError(std::vector<RowProblem> problems)
    : ValidationError("rows", fmt::format("{} bad row{}", problems.size(), problems.size() == 1 ? "" : "s"), describe(problems)),
      problems_(std::move(problems)) {}

namespace {

// One data row on its way into the store.
struct InputRow {
    std::int64_t row = 0;
    int line = 0;
    Cells cells;
    std::vector<std::string> shown;  // each cell as written, for problem reports
    std::vector<RowProblem> problems;
};

struct InputTable {
    Collection collection = Collection::Institutions;
    std::vector<InputRow> rows;
};

bool is_formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\''; }

std::string csv_cell(const ColumnInfo& column, const json& v) {
    if (v.is_null()) return {};
    switch (column.kind) {
    case ColumnKind::Text: {
        auto s = v.get<std::string>();
        if (!s.empty() && is_formula_start(s.front())) s.insert(s.begin(), '\'');
        return s;
    }
    case ColumnKind::Date:
    case ColumnKind::Enum: return v.get<std::string>();
    case ColumnKind::Id:
    case ColumnKind::Integer:
    case ColumnKind::Reference: return std::to_string(v.get<std::int64_t>());
    case ColumnKind::Real: return fmt::format("{}", v.get<double>());
    case ColumnKind::Bool: return v.get<bool>() ? "true" : "false";
    case ColumnKind::List:
    case ColumnKind::Object: return v.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    return {};
}

// JSON values are printed and walked recursively: refuse deeper nesting than any row needs.
constexpr std::size_t kMaxJsonDepth = 32;

bool nested_deeper_than(const json& v, std::size_t limit) {
    std::vector<std::pair<const json*, std::size_t>> stack{{&v, 0}};
    while (!stack.empty()) {
        const auto [j, depth] = stack.back();
        stack.pop_back();
        if (depth > limit) return true;
        if (j->is_structured())
            for (const auto& child : *j) stack.emplace_back(&child, depth + 1);
    }
    return false;
}

std::optional<std::int64_t> whole_number(std::string_view s) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return n;
}

// A CSV cell as the JSON value its column holds; ValidationError naming the column.
json from_csv_cell(const ColumnInfo& c, const std::string& s) {
    const auto fail = [&](std::string_view expected) -> json { throw ValidationError(c.name, s, expected); };
    if (s.empty() && c.nullable) return nullptr;
    switch (c.kind) {
    case ColumnKind::Id:
    case ColumnKind::Reference: {
        const auto n = whole_number(s);
        if (!n || *n <= 0) return fail(c.nullable ? "a positive whole number, or an empty cell" : "a positive whole number");
        return *n;
    }
    case ColumnKind::Integer: {
        const auto n = whole_number(s);
        if (!n) return fail("a whole number");
        return *n;
    }
    case ColumnKind::Real: {
        double d = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
        if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(d)) return fail("a number");
        return d;
    }
    case ColumnKind::Text: return s.starts_with('\'') ? s.substr(1) : s;
    case ColumnKind::Date:
    case ColumnKind::Enum: return s;
    case ColumnKind::Bool:
        if (s == "true") return true;
        if (s == "false") return false;
        return fail("true or false");
    case ColumnKind::List: {
        if (s.empty()) return json::array();
        auto v = json::parse(s, nullptr, false);
        if (v.is_discarded() || !v.is_array()) return fail("a JSON array written in the cell, such as [] or [\"a\",\"b\"]");
        if (nested_deeper_than(v, kMaxJsonDepth)) return fail(fmt::format("JSON nested at most {} levels deep", kMaxJsonDepth));
        return v;
    }
    case ColumnKind::Object: {
        if (s.empty()) return json::object();
        auto v = json::parse(s, nullptr, false);
        if (v.is_discarded() || !v.is_object()) return fail("a JSON object written in the cell, such as {} or {\"a\":1}");
        if (nested_deeper_than(v, kMaxJsonDepth)) return fail(fmt::format("JSON nested at most {} levels deep", kMaxJsonDepth));
        return v;
    }
    }
    return fail("a value");
}

// A JSON row member checked against its column's kind.
json from_json_value(const ColumnInfo& c, const json& v) {
    const auto fail = [&](std::string_view expected) -> json {
        throw ValidationError(c.name, v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace),
                              expected);
    };
    if (v.is_null()) {
        if (c.nullable) return v;
        return fail(fmt::format("a value ({})", detail::kind_name(c.kind)));
    }
    switch (c.kind) {
    case ColumnKind::Id:
    case ColumnKind::Reference:
        if (!v.is_number_integer() || (v.is_number_integer() && !v.is_number_unsigned() && v.get<std::int64_t>() <= 0) ||
            (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
            return fail("a positive whole number");
        return v;
    case ColumnKind::Integer:
        if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
            return fail("a whole number");
        return v;
    case ColumnKind::Real:
        if (!v.is_number()) return fail("a number");
        return v.get<double>();
    case ColumnKind::Text:
    case ColumnKind::Date:
    case ColumnKind::Enum:
        if (!v.is_string()) return fail("a JSON string");
        return v;
    case ColumnKind::Bool:
        if (!v.is_boolean()) return fail("true or false");
        return v;
    case ColumnKind::List:
        if (!v.is_array()) return fail("a JSON array");
        return v;
    case ColumnKind::Object:
        if (!v.is_object()) return fail("a JSON object");
        return v;
    }
    return fail("a value");
}

std::string shown_value(const json& v) {
    return v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace);
}

void check_size(std::string_view text, const TableImportOptions& options) {
    if (text.size() > options.max_bytes)
        throw ValidationError("input", fmt::format("{} bytes", text.size()),
                              fmt::format("at most {} bytes (TableImportOptions::max_bytes)", options.max_bytes));
}

void check_rows(std::size_t rows, Collection c, const TableImportOptions& options) {
    if (rows > options.max_rows)
        throw ValidationError(fmt::format("{} rows", to_string(c)), std::to_string(rows),
                              fmt::format("at most {} rows (TableImportOptions::max_rows)", options.max_rows));
}

// The column a domain error's field belongs to: "parties[1].institution" -> "parties".
std::string column_of(const std::string& field, const std::vector<ColumnInfo>& columns) {
    for (const auto& c : columns) {
        if (field == c.name) return c.name;
        if (field.size() > c.name.size() && field.starts_with(c.name) &&
            (field[c.name.size()] == '.' || field[c.name.size()] == '['))
            return c.name;
    }
    // A nested field of the value type: "expertise.isced_codes[0]" belongs to "isced_codes".
    if (const auto dot = field.find('.'); dot != std::string::npos && dot + 1 < field.size()) {
        const auto inner = column_of(field.substr(dot + 1), columns);
        if (std::any_of(columns.begin(), columns.end(), [&](const ColumnInfo& c) { return c.name == inner; })) return inner;
    }
    return field;
}

class Savepoint {
public:
    explicit Savepoint(detail::Database& db) : db_(&db) { exec("SAVEPOINT iro_import_row"); }
    void release() { exec("RELEASE iro_import_row"); }
    void undo() {
        exec("ROLLBACK TO iro_import_row");
        exec("RELEASE iro_import_row");
    }

private:
    void exec(const char* sql) {
        try {
            // Prepared once and kept: the import runs these three for every row.
            db_->statement(sql).exec();
        } catch (...) {
            detail::rethrow_as_iro_error("importing rows");
        }
    }
    detail::Database* db_;
};

// `format`: "csv" or "json", for the import's one audit entry.
std::vector<TableImportResult> run_import(Store& store, std::vector<InputTable>& tables, std::uint64_t bytes_total,
                                          const TableImportOptions& options, std::string_view format) {
    ImportIdMap ids = options.ids ? *options.ids : ImportIdMap{};
    std::vector<TableImportResult> results;
    auto& db = detail::database_of(store);
    std::uint64_t total_rows = 0;
    for (const auto& t : tables) total_rows += t.rows.size();
    std::uint64_t done_rows = 0;
    const auto report_progress = [&](bool at_end) {
        if (!options.progress) return;
        if (!at_end && done_rows % 1000 != 0) return;
        const auto bytes = total_rows == 0 ? bytes_total : bytes_total * done_rows / total_rows;
        if (!options.progress(done_rows, bytes, bytes_total))
            throw ImportCancelledError("the import was cancelled; nothing was written");
    };

    db.write([&] {
        detail::IdResolver resolver(store, ids);
        std::vector<RowProblem> all_problems;
        // The rows go in through the collections' own calls; the import writes one audit entry.
        std::optional<detail::RowAuditPause> pause(std::in_place, db);
        for (auto& input : tables) {
            const auto& table = detail::table_for(input.collection);
            const auto& columns = table.columns();
            // Keyed tables (centre links, ranking results...) have no id column.
            const bool has_id = columns.front().kind == ColumnKind::Id;
            const auto id_of = [&](const InputRow& row) -> std::optional<std::int64_t> {
                if (!has_id || !row.cells[0] || row.cells[0]->is_null()) return std::nullopt;
                return row.cells[0]->get<std::int64_t>();
            };
            const auto groups = table.groups();
            TableImportResult result;
            result.collection = input.collection;
            const auto count = [&](detail::RowOutcome outcome) {
                switch (outcome) {
                case detail::RowOutcome::Added: ++result.added; break;
                case detail::RowOutcome::Updated: ++result.updated; break;
                case detail::RowOutcome::Unchanged: ++result.unchanged; break;
                }
            };
            result.read = static_cast<std::int64_t>(input.rows.size());
            std::vector<RowProblem> problems;
            std::set<std::int64_t> pending;
            std::vector<std::size_t> todo;
            for (std::size_t k = 0; k < input.rows.size(); ++k) {
                auto& row = input.rows[k];
                if (!row.problems.empty()) {
                    for (auto& p : row.problems) problems.push_back(std::move(p));
                    ++done_rows;
                    report_progress(false);
                    continue;
                }
                if (const auto id = id_of(row)) pending.insert(*id);
                todo.push_back(k);
            }
            resolver.begin_table(input.collection, pending);
            while (!todo.empty()) {
                std::vector<std::size_t> deferred;
                for (const auto k : todo) {
                    const auto& row = input.rows[k];
                    const auto problem = [&](std::string column, std::string value, std::string message) {
                        problems.push_back({input.collection, row.row, row.line, std::move(column), std::move(value), std::move(message)});
                    };
                    const auto file_id = id_of(row);
                    Savepoint savepoint(db);
                    try {
                        if (groups) groups->add(store, row.cells, resolver, k);
                        else count(table.apply(store, row.cells, resolver));
                        savepoint.release();
                    } catch (const detail::RowDeferred&) {
                        savepoint.undo();
                        deferred.push_back(k);
                        continue;
                    } catch (const ValidationError& e) {
                        savepoint.undo();
                        problem(column_of(e.field(), columns), e.value(), e.what());
                    } catch (const ImportCancelledError&) {
                        throw;
                    } catch (const Error& e) {
                        savepoint.undo();
                        problem("", "", e.what());
                    }
                    if (file_id) resolver.row_done(*file_id);
                    ++done_rows;
                    report_progress(false);
                }
                // No row could go in: what they wait for is not coming, so resolve literally.
                if (deferred.size() == todo.size()) resolver.set_deferral(false);
                todo = std::move(deferred);
            }
            // A group is written whole or not at all; a group that fails refuses all its rows.
            for (std::size_t g = 0; groups && g < groups->size(); ++g) {
                Savepoint savepoint(db);
                try {
                    for (const auto outcome : groups->write(store, g)) count(outcome);
                    savepoint.release();
                } catch (const ImportCancelledError&) {
                    throw;
                } catch (const Error& e) {
                    savepoint.undo();
                    for (const auto k : groups->rows(g)) {
                        const auto& row = input.rows[k];
                        problems.push_back({input.collection, row.row, row.line, "", "", e.what()});
                    }
                }
            }
            std::sort(problems.begin(), problems.end(), [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
            std::set<std::int64_t> bad_rows;
            for (const auto& p : problems) bad_rows.insert(p.row);
            result.skipped = static_cast<std::int64_t>(bad_rows.size());
            all_problems.insert(all_problems.end(), problems.begin(), problems.end());
            result.problems = std::move(problems);
            results.push_back(std::move(result));
        }
        report_progress(true);
        if (!all_problems.empty() && !options.skip_bad_rows) throw RowsRejectedError(std::move(all_problems));
        pause.reset();
        // An import that changed nothing (the same file again) leaves no trace either.
        nlohmann::json summary = nlohmann::json::array();
        std::int64_t written = 0;
        for (const auto& r : results) {
            summary.push_back({{"collection", std::string(to_string(r.collection))}, {"read", r.read}, {"added", r.added},
                               {"updated", r.updated}, {"unchanged", r.unchanged}, {"skipped", r.skipped}});
            written += r.added + r.updated;
        }
        if (written > 0) db.audit("import", 0, fmt::format("import_{}", format), "", summary.dump());
    });
    if (options.ids) *options.ids = std::move(ids);
    return results;
}

// ---- CSV ----

InputTable read_csv_table(Collection collection, std::string_view text, const TableImportOptions& options) {
    check_size(text, options);
    const auto& columns = detail::table_for(collection).columns();
    const auto records = detail::parse_csv(text);
    if (records.empty()) throw FormatError(fmt::format("CSV text is empty: expected a header line with the {} columns", to_string(collection)));
    check_rows(records.size() - 1, collection, options);
    const auto& header = records.front().fields;
    std::vector<std::optional<std::size_t>> column_at;  // header position -> column index
    std::vector<bool> present(columns.size(), false);
    std::vector<std::string> unknown;
    std::vector<std::string> repeated;
    std::string names;
    for (const auto& c : columns) names += (names.empty() ? "" : ", ") + c.name;
    for (const auto& h : header) {
        const auto it = std::find_if(columns.begin(), columns.end(), [&](const ColumnInfo& c) { return c.name == h; });
        if (it == columns.end()) {
            unknown.push_back("'" + h + "'");
            column_at.push_back(std::nullopt);
            continue;
        }
        const auto index = static_cast<std::size_t>(it - columns.begin());
        if (present[index]) repeated.push_back("'" + h + "'");
        present[index] = true;
        column_at.push_back(index);
    }
    const auto join = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
        return out;
    };
    if (!unknown.empty())
        throw FormatError(fmt::format("CSV line {}: unknown {} column{} {}; the columns are: {}", records.front().line,
                                      to_string(collection), unknown.size() == 1 ? "" : "s", join(unknown), names));
    if (!repeated.empty())
        throw FormatError(fmt::format("CSV line {}: column{} {} appear{} twice in the header", records.front().line,
                                      repeated.size() == 1 ? "" : "s", join(repeated), repeated.size() == 1 ? "s" : ""));
    std::vector<std::string> missing;
    for (std::size_t k = 0; k < columns.size(); ++k)
        if (columns[k].required && !present[k]) missing.push_back("'" + columns[k].name + "'");
    if (!missing.empty())
        throw FormatError(fmt::format("CSV line {}: the {} header lacks the required column{} {}", records.front().line,
                                      to_string(collection), missing.size() == 1 ? "" : "s", join(missing)));

    InputTable table;
    table.collection = collection;
    table.rows.reserve(records.size() - 1);
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& record = records[r];
        InputRow row;
        row.row = static_cast<std::int64_t>(r);
        row.line = record.line;
        row.cells.resize(columns.size());
        row.shown.resize(columns.size());
        if (record.fields.size() != header.size()) {
            row.problems.push_back({collection, row.row, row.line, "", "",
                                    fmt::format("{} fields where the header has {}", record.fields.size(), header.size())});
        } else {
            for (std::size_t k = 0; k < header.size(); ++k) {
                const auto index = *column_at[k];
                row.shown[index] = record.fields[k];
                try {
                    row.cells[index] = from_csv_cell(columns[index], record.fields[k]);
                } catch (const ValidationError& e) {
                    row.problems.push_back({collection, row.row, row.line, columns[index].name, e.value(), e.what()});
                }
            }
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

// ---- JSON ----

InputTable read_json_table(Collection collection, const json& rows, const TableImportOptions& options) {
    const auto& columns = detail::table_for(collection).columns();
    const auto name = std::string(to_string(collection));
    if (!rows.is_array()) throw FormatError(fmt::format("JSON member '{}' is not an array of rows", name));
    check_rows(rows.size(), collection, options);
    InputTable table;
    table.collection = collection;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& object = rows[r];
        if (!object.is_object()) throw FormatError(fmt::format("JSON {}[{}] is not an object", name, r));
        for (const auto& [key, value] : object.items())
            if (std::none_of(columns.begin(), columns.end(), [&wanted = key](const ColumnInfo& c) { return c.name == wanted; })) {
                std::string names;
                for (const auto& c : columns) names += (names.empty() ? "" : ", ") + c.name;
                throw FormatError(fmt::format("JSON {}[{}]: unknown column '{}'; the columns are: {}", name, r, key, names));
            }
        InputRow row;
        row.row = static_cast<std::int64_t>(r + 1);
        row.cells.resize(columns.size());
        row.shown.resize(columns.size());
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const auto it = object.find(columns[k].name);
            if (it == object.end()) {
                if (columns[k].required)
                    row.problems.push_back({collection, row.row, 0, columns[k].name, "",
                                            fmt::format("the required column '{}' is missing", columns[k].name)});
                continue;
            }
            row.shown[k] = shown_value(*it);
            try {
                row.cells[k] = from_json_value(columns[k], *it);
            } catch (const ValidationError& e) {
                row.problems.push_back({collection, row.row, 0, columns[k].name, e.value(), e.what()});
            }
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

// ---- files ----

std::string read_file(const std::string& path, const TableImportOptions& options) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw NotFoundError("file", path);
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw StorageError(fmt::format("cannot read {}: {}", path, ec.message()));
    if (size > options.max_bytes)
        throw ValidationError("input", fmt::format("{} bytes", size),
                              fmt::format("at most {} bytes (TableImportOptions::max_bytes)", options.max_bytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw StorageError(fmt::format("cannot read {}", path));
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) throw StorageError(fmt::format("cannot read {}", path));
    return std::move(out).str();
}

void write_file(const std::string& path, const std::string& content, const ExportOptions& options) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto refuse = [&] {
        throw ConflictError(fmt::format("{} already exists: pass overwrite to replace it", path));
    };
    if (!options.overwrite && fs::exists(path, ec)) refuse();
    const fs::path target(path);
    const auto dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::random_device random;
    const auto temp = dir / fmt::format(".{}.{:08x}.tmp", target.filename().string(), random());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) throw StorageError(fmt::format("cannot write {}", temp.string()));
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) {
            fs::remove(temp, ec);
            throw StorageError(fmt::format("cannot write {}", temp.string()));
        }
    }
    if (!options.overwrite && fs::exists(path, ec)) {
        fs::remove(temp, ec);
        refuse();
    }
    fs::rename(temp, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw StorageError(fmt::format("cannot write {}: {}", path, ec.message()));
    }
}

} // namespace

std::vector<std::string> csv_columns(Collection collection) {
    std::vector<std::string> out;
    for (const auto& c : detail::table_for(collection).columns()) out.push_back(c.name);
    return out;
}

std::string export_csv(const Store& store, Collection collection) {
    const auto& table = detail::table_for(collection);
    const auto& columns = table.columns();
    std::string out = detail::csv_record(csv_columns(collection));
    std::vector<std::string> fields(columns.size());
    for (const auto& row : table.export_rows(store)) {
        for (std::size_t k = 0; k < columns.size(); ++k) fields[k] = csv_cell(columns[k], row[k]);
        out += detail::csv_record(fields);
    }
    return out;
}

void export_csv_file(const Store& store, Collection collection, const std::string& path, const ExportOptions& options) {
    write_file(path, export_csv(store, collection), options);
}

TableImportResult import_csv(Store& store, Collection collection, std::string_view text, const TableImportOptions& options) {
    std::vector<InputTable> tables;
    tables.push_back(read_csv_table(collection, text, options));
    return std::move(run_import(store, tables, text.size(), options, "csv").front());
}

TableImportResult import_csv_file(Store& store, Collection collection, const std::string& path,
                                  const TableImportOptions& options) {
    return import_csv(store, collection, read_file(path, options), options);
}

std::string export_json(const Store& store, const std::vector<Collection>& collections) {
    json doc = json::object();
    doc["format"] = "iro-collections";
    doc["version"] = 1;
    for (const auto c : all_collections()) {
        if (std::find(collections.begin(), collections.end(), c) == collections.end()) continue;
        const auto& table = detail::table_for(c);
        const auto& columns = table.columns();
        json rows = json::array();
        for (const auto& row : table.export_rows(store)) {
            json object = json::object();
            for (std::size_t k = 0; k < columns.size(); ++k) object[columns[k].name] = row[k];
            rows.push_back(std::move(object));
        }
        doc[std::string(to_string(c))] = std::move(rows);
    }
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

void export_json_file(const Store& store, const std::string& path, const std::vector<Collection>& collections,
                      const ExportOptions& options) {
    write_file(path, export_json(store, collections), options);
}

std::vector<TableImportResult> import_json(Store& store, std::string_view text, const TableImportOptions& options) {
    check_size(text, options);
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        throw FormatError(fmt::format("JSON at byte {}: {}", e.byte, e.what()));
    }
    if (nested_deeper_than(doc, kMaxJsonDepth + 3))
        throw FormatError(fmt::format("JSON document nested more than {} levels deep", kMaxJsonDepth + 3));
    if (!doc.is_object()) throw FormatError("JSON document is not an object: expected {\"format\": \"iro-collections\", ...}");
    const auto format = doc.find("format");
    if (format == doc.end() || *format != "iro-collections")
        throw FormatError("JSON document lacks \"format\": \"iro-collections\"");
    const auto version = doc.find("version");
    if (version == doc.end() || *version != 1)
        throw FormatError(fmt::format("JSON document has version {}: expected 1",
                                      version == doc.end() ? std::string("(none)") : version->dump()));
    for (const auto& [key, value] : doc.items())
        if (key != "format" && key != "version" && !try_enum_from_string<Collection>(key))
            throw FormatError(fmt::format("JSON document has an unknown member '{}': expected format, version or one of: {}", key,
                                          enum_choices<Collection>()));
    std::vector<InputTable> tables;
    for (const auto c : all_collections()) {
        const auto it = doc.find(std::string(to_string(c)));
        if (it != doc.end()) tables.push_back(read_json_table(c, *it, options));
    }
    return run_import(store, tables, text.size(), options, "json");
}

std::vector<TableImportResult> import_json_file(Store& store, const std::string& path, const TableImportOptions& options) {
    return import_json(store, read_file(path, options), options);
}

} // namespace iro
