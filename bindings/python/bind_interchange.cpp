// The ROR import as Office methods (office.import_ror with a progress callback or a tqdm
// bar, office.ror_details), and the argument conversions the EWP bindings share.

#include "bind.hpp"
#include "daily_work.hpp"
#include "interchange.hpp"
#include "office.hpp"
#include "value_class.hpp"

#include "iro/ror_details.hpp"
#include "iro/ror_import.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace iro::python {

template <>
struct BoundAs<RorImportProblem> {
    static constexpr bool bound = true;
    using type = RorImportProblem;
    static constexpr const char* name = "RorImportProblem";
};
template <>
struct BoundAs<RorImportResult> {
    static constexpr bool bound = true;
    using type = RorImportResult;
    static constexpr const char* name = "RorImportResult";
};

std::string file_path_arg(py::handle path, const char* field) {
    if (!PyUnicode_Check(path.ptr()) && py::hasattr(path, "__fspath__"))
        return from_py<std::string>(py::module_::import("os").attr("fspath")(path), field);
    if (!PyUnicode_Check(path.ptr())) wrong_type(field, path, "a str or os.PathLike path");
    return from_py<std::string>(path, field);
}

std::string text_arg(py::handle text, const char* field) {
    if (PyBytes_Check(text.ptr())) return std::string(py::reinterpret_borrow<py::bytes>(text));
    if (!PyUnicode_Check(text.ptr())) wrong_type(field, text, "a str or bytes");
    return from_py<std::string>(text, field);
}

std::string document_arg(py::handle text, py::handle path, const char* text_field) {
    if (text.is_none() == path.is_none())
        throw ValidationError(text_field, text.is_none() ? "neither" : "both",
                              fmt::format("either {} (str or bytes) or path=, not both", text_field));
    if (!text.is_none()) return text_arg(text, text_field);
    const auto file = file_path_arg(path, "path");
    py::gil_scoped_release nogil;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        if (std::filesystem::exists(file, ec)) throw StorageError(fmt::format("cannot read '{}': not a regular file", file));
        throw NotFoundError("file", file);
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) throw StorageError(fmt::format("cannot read '{}': {}", file, std::strerror(errno)));
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) throw StorageError(fmt::format("cannot read '{}'", file));
    return out.str();
}

std::string quoted_text(const std::string& s) {
    return fmt::format("'{}'", s);
}

namespace {

// Carries the Python progress callable into the C++ import, which calls it without the GIL
// and under the store mutex. An exception raised by the callable cancels the import and is
// raised again once the store is released.
struct ProgressRelay {
    py::object callback;
    std::shared_ptr<py::error_already_set> raised;

    bool operator()(std::uint64_t records, std::uint64_t bytes_read, std::uint64_t bytes_total) {
        py::gil_scoped_acquire gil;
        try {
            py::object answer = callback(records, bytes_read, bytes_total);
            return answer.ptr() != Py_False;
        } catch (py::error_already_set& e) {
            raised = std::make_shared<py::error_already_set>(std::move(e));
            return false;
        }
    }
};

bool is_tqdm_request(py::handle progress) {
    if (progress.ptr() == Py_True) return true;
    return PyUnicode_Check(progress.ptr()) && from_py<std::string>(progress, "progress") == "tqdm";
}

void close_quietly(py::object& bar) {
    try {
        bar.attr("close")();
    } catch (py::error_already_set&) {
        // The import's own error is the one to report.
    }
}

py::object import_ror_method(Office& o, py::object path, py::object text, py::object skip_invalid, py::object progress,
                             py::object progress_every) {
    RorImportOptions options;
    options.skip_invalid = from_py<bool>(skip_invalid, "skip_invalid");
    const auto every = int64_from_py(progress_every, "progress_every");
    if (every < 1) throw ValidationError("progress_every", std::to_string(every), "at least 1 record");
    options.progress_every = static_cast<std::uint64_t>(every);

    if (path.is_none() == text.is_none())
        throw ValidationError("path", path.is_none() ? "neither" : "both", "either path or text=, not both");
    std::string file;
    std::string json_text;
    if (!path.is_none()) file = file_path_arg(path, "path");
    else json_text = text_arg(text, "text");

    ProgressRelay relay;
    py::object bar;
    if (is_tqdm_request(progress)) {
        bar = py::module_::import("iro.progress").attr("TqdmProgress")(py::arg("desc") = "ROR import");
        relay.callback = bar;
    } else if (!progress.is_none() && progress.ptr() != Py_False) {
        if (!PyCallable_Check(progress.ptr()))
            wrong_type("progress", progress, "a callable progress(records, bytes_read, bytes_total), True, 'tqdm' or None");
        relay.callback = progress;
    }
    if (relay.callback) options.progress = std::ref(relay);

    RorImportResult result;
    try {
        result = o.core->run([&](Store& s) {
            return file.empty() ? import_ror(s, json_text, options) : import_ror_file(s, file, options);
        });
    } catch (const ImportCancelledError&) {
        if (bar) close_quietly(bar);
        if (relay.raised) throw py::error_already_set(*relay.raised);
        throw;
    } catch (...) {
        if (bar) close_quietly(bar);
        throw;
    }
    if (bar) bar.attr("close")();
    return to_py(result);
}

py::dict details_to_py(const RorDetails& d) {
    const auto str = [](auto e) { return py::str(std::string(to_string(e))); };
    py::dict out;
    out["id"] = to_py(d.id);
    py::list names;
    for (const auto& n : d.names) {
        py::dict nd;
        nd["value"] = to_py(n.value);
        nd["lang"] = to_py(n.lang);
        py::list types;
        for (auto t : n.types) types.append(str(t));
        nd["types"] = types;
        names.append(nd);
    }
    out["names"] = names;
    py::list types;
    for (auto t : d.types) types.append(str(t));
    out["types"] = types;
    out["status"] = str(d.status);
    py::list locations;
    for (const auto& l : d.locations) {
        py::dict ld;
        ld["geonames_id"] = l.geonames_id;
        ld["name"] = to_py(l.name);
        ld["country_code"] = to_py(l.country_code);
        ld["country_name"] = to_py(l.country_name);
        ld["subdivision_code"] = to_py(l.subdivision_code);
        ld["subdivision_name"] = to_py(l.subdivision_name);
        ld["continent_code"] = to_py(l.continent_code);
        ld["continent_name"] = to_py(l.continent_name);
        ld["lat"] = to_py(l.lat);
        ld["lng"] = to_py(l.lng);
        locations.append(ld);
    }
    out["locations"] = locations;
    py::list relationships;
    for (const auto& r : d.relationships) {
        py::dict rd;
        rd["type"] = str(r.type);
        rd["id"] = to_py(r.id);
        rd["label"] = to_py(r.label);
        relationships.append(rd);
    }
    out["relationships"] = relationships;
    py::list external_ids;
    for (const auto& x : d.external_ids) {
        py::dict xd;
        xd["type"] = str(x.type);
        xd["all"] = to_py(x.all);
        xd["preferred"] = to_py(x.preferred);
        external_ids.append(xd);
    }
    out["external_ids"] = external_ids;
    py::list links;
    for (const auto& l : d.links) {
        py::dict ld;
        ld["type"] = str(l.type);
        ld["value"] = to_py(l.value);
        links.append(ld);
    }
    out["links"] = links;
    out["domains"] = to_py(d.domains);
    out["established"] = to_py(d.established);
    out["created"] = to_py(d.created);
    out["last_modified"] = to_py(d.last_modified);
    out["schema_version"] = to_py(d.schema_version);
    return out;
}

template <class T>
bool equal(const T& a, const T& b) {
    return a == b;
}

} // namespace

void bind_interchange(py::module_& m) {
    ValueClass<RorImportProblem>(m, "RorImportProblem", "A ROR record that import_ror(skip_invalid=True) left out.")
        .field("index", &RorImportProblem::index, "0-based position of the record in the dump's array.")
        .field("ror", &RorImportProblem::ror, "The record's ROR id as written; '' when unreadable.")
        .field("field", &RorImportProblem::field, "Path inside the record, 'locations[0].geonames_details.country_code'.")
        .field("message", &RorImportProblem::message, "What is wrong, naming the record.")
        .finish(
            [](const RorImportProblem& p) {
                return fmt::format("<RorImportProblem #{} {} {}>", p.index, p.ror.empty() ? "-" : p.ror, quoted_text(p.field));
            },
            equal<RorImportProblem>);

    ValueClass<RorImportResult>(m, "RorImportResult",
                                "What office.import_ror() did: added + updated + unchanged + skipped == read.")
        .field("read", &RorImportResult::read, "Records read from the dump.")
        .field("added", &RorImportResult::added, "New institutions.")
        .field("updated", &RorImportResult::updated, "Institutions whose record changed since the last import.")
        .field("unchanged", &RorImportResult::unchanged, "Records already stored as they are.")
        .field("withdrawn", &RorImportResult::withdrawn, "Added or updated records that ROR has withdrawn.")
        .field("merged", &RorImportResult::merged, "Institutions that became merged into a stored successor.")
        .field("skipped", &RorImportResult::skipped, "Invalid records left out (skip_invalid=True).")
        .field("problems", &RorImportResult::problems, "RorImportProblem list (the first 1000 skipped records).")
        .finish(
            [](const RorImportResult& r) {
                return fmt::format("<RorImportResult read={} added={} updated={} unchanged={} withdrawn={} merged={} skipped={}>",
                                   r.read, r.added, r.updated, r.unchanged, r.withdrawn, r.merged, r.skipped);
            },
            equal<RorImportResult>);

    add_method<Office>("import_ror", &import_ror_method, py::arg("path") = py::none(), py::kw_only(),
                       py::arg("text") = py::none(), py::arg("skip_invalid") = false, py::arg("progress") = py::none(),
                       py::arg("progress_every") = 1000,
                       "Imports a ROR v2 data dump (a JSON array of records) from the file at `path`, read as it goes, or "
                       "from `text` (str or bytes). Institutions are matched by ROR id: a re-import updates them in place. "
                       "The whole import is one transaction: an error (FormatError for malformed JSON, RorRecordError for "
                       "an invalid record unless skip_invalid=True, ImportCancelledError) writes nothing. `progress` is "
                       "called as progress(records, bytes_read, bytes_total) every `progress_every` records and once at "
                       "the end; returning False cancels, an exception it raises cancels and is raised again. It runs "
                       "while the office is busy: it must not use this office. progress=True (or 'tqdm') shows a tqdm "
                       "bar. Returns an iro.RorImportResult.");

    add_method<Office>(
        "ror_details",
        [](Office& o, py::object institution) {
            const auto id = id_arg<InstitutionId>(*o.core, institution, "institution");
            return details_to_py(o.core->run([&](Store& s) { return ror_details(s, id); }));
        },
        py::arg("institution"),
        "The ROR record last imported for an institution (an id or an Institution) as a dict: id, names (value, "
        "lang, types), types, status, locations, relationships, external_ids, links, domains, established, created, "
        "last_modified, schema_version. NotFoundError when it was not imported from ROR.");
}

} // namespace iro::python
