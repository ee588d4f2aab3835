// CSV and JSON exchange of the office's collections: office.export_csv / import_csv /
// export_json / import_json, their result classes and iro.RowsRejectedError.

#include "bind.hpp"
#include "daily_work.hpp"
#include "interchange.hpp"
#include "office.hpp"
#include "value_class.hpp"

#include "iro/collection_exchange.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

namespace iro::python {

template <>
struct BoundAs<RowProblem> {
    static constexpr bool bound = true;
    using type = RowProblem;
    static constexpr const char* name = "RowProblem";
};
template <>
struct BoundAs<TableImportResult> {
    static constexpr bool bound = true;
    using type = TableImportResult;
    static constexpr const char* name = "TableImportResult";
};

namespace {

PyObject* g_rows_rejected_error = nullptr;

template <class T>
bool equal(const T& a, const T& b) {
    return a == b;
}

Collection collection_arg(py::handle h) {
    if (!PyUnicode_Check(h.ptr())) wrong_type("collection", h, "a collection name such as 'institutions'");
    return enum_from_string<Collection>(from_py<std::string>(h, "collection"));
}

std::vector<Collection> collections_arg(py::handle h) {
    if (h.is_none()) return all_collections();
    if (PyUnicode_Check(h.ptr())) return {collection_arg(h)};
    std::vector<Collection> out;
    for (auto item : py::iter(h)) out.push_back(collection_arg(item));
    return out;
}

TableImportOptions import_options(py::handle skip_bad_rows, py::handle max_bytes) {
    TableImportOptions options;
    options.skip_bad_rows = from_py<bool>(skip_bad_rows, "skip_bad_rows");
    if (!max_bytes.is_none()) {
        const auto n = int64_from_py(max_bytes, "max_bytes");
        if (n < 1) throw ValidationError("max_bytes", std::to_string(n), "at least 1 byte");
        options.max_bytes = static_cast<std::uint64_t>(n);
    }
    return options;
}

py::object problem_to_py(const RowProblem& p) { return py::cast(p); }

py::object results_to_py(const std::vector<TableImportResult>& results) {
    py::list out;
    for (const auto& r : results) out.append(py::cast(r));
    return out;
}

} // namespace

void bind_collection_exchange(py::module_& m) {
    ValueClass<RowProblem>(m, "RowProblem", "One bad row of a CSV or JSON import.")
        .field(
            "collection", [](const RowProblem& p) { return py::object(py::str(std::string(to_string(p.collection)))); },
            [](RowProblem& p, py::handle v) { p.collection = collection_arg(v); }, "The collection's name, 'units'.")
        .field("row", &RowProblem::row, "1-based data row (the header is not counted; JSON: position in the array + 1).")
        .field("line", &RowProblem::line, "The CSV line where the row starts; 0 for JSON.")
        .field("column", &RowProblem::column, "The column at fault; '' when the row as a whole was refused.")
        .field("value", &RowProblem::value, "The rejected value as written.")
        .field("message", &RowProblem::message, "What was wrong and what would be right.")
        .finish(
            [](const RowProblem& p) {
                return fmt::format("<RowProblem {} row {} {}: {}>", to_string(p.collection), p.row, quoted_text(p.column),
                                   p.message);
            },
            equal<RowProblem>);

    ValueClass<TableImportResult>(m, "TableImportResult",
                                  "What an import did to one collection: added + updated + unchanged + skipped == read.")
        .field(
            "collection", [](const TableImportResult& r) { return py::object(py::str(std::string(to_string(r.collection)))); },
            [](TableImportResult& r, py::handle v) { r.collection = collection_arg(v); }, "The collection's name.")
        .field("read", &TableImportResult::read, "Data rows read.")
        .field("added", &TableImportResult::added, "New records.")
        .field("updated", &TableImportResult::updated, "Stored records that changed.")
        .field("unchanged", &TableImportResult::unchanged, "Rows equal to the stored record.")
        .field("skipped", &TableImportResult::skipped, "Bad rows left out (skip_bad_rows=True).")
        .field("problems", &TableImportResult::problems, "RowProblem list of the skipped rows.")
        .finish(
            [](const TableImportResult& r) {
                return fmt::format("<TableImportResult {} read={} added={} updated={} unchanged={} skipped={}>",
                                   to_string(r.collection), r.read, r.added, r.updated, r.unchanged, r.skipped);
            },
            equal<TableImportResult>);

    m.def("collection_names", [] {
        py::list out;
        for (auto c : all_collections()) out.append(py::str(std::string(to_string(c))));
        return out;
    }, "The names of the collections export_csv and import_csv accept, in dependency order.");
    m.def("csv_columns", [](py::object collection) {
        py::list out;
        for (const auto& name : csv_columns(collection_arg(collection))) out.append(to_py(name));
        return out;
    }, py::arg("collection"),
          "The columns of a collection's CSV header (and JSON rows), in order.");

    py::object validation = m.attr("ValidationError");
    g_rows_rejected_error = PyErr_NewExceptionWithDoc(
        "iro.RowsRejectedError",
        "An import refused some rows and wrote nothing: an iro.ValidationError whose .problems lists every bad row "
        "(RowProblem: collection, row, line, column, value, message).",
        validation.ptr(), nullptr);
    if (!g_rows_rejected_error) throw py::error_already_set();
    m.attr("RowsRejectedError") = py::reinterpret_borrow<py::object>(g_rows_rejected_error);
    py::reinterpret_borrow<py::object>(g_rows_rejected_error).attr("problems") = py::list();

    // Registered after bind_errors' translator, so it is asked first; anything else goes on to it.
    py::register_local_exception_translator([](std::exception_ptr p) {
        if (!p) return;
        try {
            std::rethrow_exception(p);
        } catch (const RowsRejectedError& e) {
            py::object exc = py::reinterpret_borrow<py::object>(g_rows_rejected_error)(to_py(std::string(e.what())));
            exc.attr("field") = to_py(e.field());
            exc.attr("value") = to_py(e.value());
            exc.attr("expected") = to_py(e.expected());
            py::list problems;
            for (const auto& problem : e.problems()) problems.append(problem_to_py(problem));
            exc.attr("problems") = problems;
            PyErr_SetObject(g_rows_rejected_error, exc.ptr());
        }
    });

    add_method<Office>(
        "export_csv",
        [](Office& o, py::object collection, py::object path, py::object overwrite) {
            const auto c = collection_arg(collection);
            ExportOptions options;
            options.overwrite = from_py<bool>(overwrite, "overwrite");
            if (path.is_none()) return to_py(o.core->run([&](Store& s) { return export_csv(s, c); }));
            const auto file = file_path_arg(path, "path");
            o.core->run([&](Store& s) { export_csv_file(s, c, file, options); });
            return py::object(py::none());
        },
        py::arg("collection"), py::arg("path") = py::none(), py::kw_only(), py::arg("overwrite") = false,
        "One collection ('institutions', 'units', ... see iro.collection_names()) as RFC 4180 CSV with a header line. "
        "Without `path` returns the text; with it writes the file (an existing file raises ConflictError unless "
        "overwrite=True) and returns None. Text cells that would start a spreadsheet formula get a leading single "
        "quote, which import_csv removes.");
    add_method<Office>(
        "import_csv",
        [](Office& o, py::object collection, py::object text, py::object path, py::object skip_bad_rows, py::object max_bytes) {
            const auto c = collection_arg(collection);
            const auto options = import_options(skip_bad_rows, max_bytes);
            if (text.is_none() == path.is_none())
                throw ValidationError("text", text.is_none() ? "neither" : "both", "either text= or path=, not both");
            if (!path.is_none()) {
                const auto file = file_path_arg(path, "path");
                return py::cast(o.core->run([&](Store& s) { return import_csv_file(s, c, file, options); }));
            }
            const auto csv = text_arg(text, "text");
            return py::cast(o.core->run([&](Store& s) { return import_csv(s, c, csv, options); }));
        },
        py::arg("collection"), py::kw_only(), py::arg("text") = py::none(), py::arg("path") = py::none(),
        py::arg("skip_bad_rows") = false, py::arg("max_bytes") = py::none(),
        "Imports CSV text or a CSV file into one collection. Rows with an id the store has update that record; rows "
        "without one are added. The collections without an id column (centre_expertise, centre_links, "
        "ranking_methodologies, ranking_results, home_figures) add or replace by their key (the centre, the pair of "
        "centres, the edition, the year and key); ranking_results replaces each edition in the file as a whole. "
        "Every row is checked first: when any is bad, iro.RowsRejectedError lists them all "
        "and nothing is written, unless skip_bad_rows=True, which writes the good rows and returns the bad ones in "
        "the result's problems. Returns an iro.TableImportResult.");
    add_method<Office>(
        "export_json",
        [](Office& o, py::object collections, py::object path, py::object overwrite) {
            const auto cs = collections_arg(collections);
            ExportOptions options;
            options.overwrite = from_py<bool>(overwrite, "overwrite");
            if (path.is_none()) return to_py(o.core->run([&](Store& s) { return export_json(s, cs); }));
            const auto file = file_path_arg(path, "path");
            o.core->run([&](Store& s) { export_json_file(s, file, cs, options); });
            return py::object(py::none());
        },
        py::arg("collections") = py::none(), py::arg("path") = py::none(), py::kw_only(), py::arg("overwrite") = false,
        "The collections (a name, a list of names, or None for all) as one JSON document {\"format\": "
        "\"iro-collections\", \"version\": 1, \"institutions\": [...], ...}. Without `path` returns the text; with it "
        "writes the file (ConflictError for an existing file unless overwrite=True) and returns None.");
    add_method<Office>(
        "import_json",
        [](Office& o, py::object text, py::object path, py::object skip_bad_rows, py::object max_bytes) {
            const auto options = import_options(skip_bad_rows, max_bytes);
            if (text.is_none() == path.is_none())
                throw ValidationError("text", text.is_none() ? "neither" : "both", "either text= or path=, not both");
            if (!path.is_none()) {
                const auto file = file_path_arg(path, "path");
                return results_to_py(o.core->run([&](Store& s) { return import_json_file(s, file, options); }));
            }
            const auto doc = text_arg(text, "text");
            return results_to_py(o.core->run([&](Store& s) { return import_json(s, doc, options); }));
        },
        py::kw_only(), py::arg("text") = py::none(), py::arg("path") = py::none(), py::arg("skip_bad_rows") = false,
        py::arg("max_bytes") = py::none(),
        "Imports a document written by export_json: every collection in it, in dependency order, in one "
        "transaction; ids in the document that the store lacks are given new ids and references follow them. "
        "Returns a list of iro.TableImportResult, one per collection in the document.");
}

} // namespace iro::python
