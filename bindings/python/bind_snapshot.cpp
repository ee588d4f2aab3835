// Office snapshots in Python: office.save_snapshot(), office.load_snapshot() and
// iro.read_snapshot_info(). Snapshot information comes back as a plain dict.

#include "bind.hpp"
#include "daily_work.hpp"
#include "interchange.hpp"
#include "office.hpp"

#include "iro/snapshot.hpp"

namespace iro::python {

namespace {

py::dict info_to_py(const SnapshotInfo& info) {
    py::dict d;
    d["format"] = py::str(std::string(archive_format_name(info.format)));
    d["kind"] = to_py(info.kind);
    d["iro_version"] = to_py(info.iro_version);
    d["schema_version"] = info.schema_version;
    d["created_at"] = to_py(info.created_at);
    d["selection"] = to_py(info.selection);
    py::dict tables;
    for (const auto& t : info.tables) tables[py::str(t.name)] = t.rows;
    d["tables"] = tables;
    d["checksum"] = to_py(info.checksum);
    d["bytes"] = info.bytes;
    return d;
}

template <class IdType>
std::vector<IdType> ids_arg(const OfficeCore& core, py::handle h, const char* field) {
    std::vector<IdType> ids;
    if (h.is_none()) return ids;
    if (!py::isinstance<py::list>(h) && !py::isinstance<py::tuple>(h) && !py::isinstance<py::set>(h))
        throw ArgumentTypeError(field, text_of(h), "a list of ids or objects");
    for (auto item : h) ids.push_back(id_arg<IdType>(core, item, field));
    return ids;
}

} // namespace

void bind_snapshot(py::module_& m) {
    add_method<Office>(
        "save_snapshot",
        [](Office& o, py::object path, py::object format, py::object collections, py::object agreements,
           py::object institutions, py::object overwrite) {
            const auto file = file_path_arg(path, "path");
            const auto fmt_ = parse_archive_format(from_py<std::string>(format, "format"));
            SnapshotSelection selection;
            if (!collections.is_none()) selection.collections = from_py<std::vector<std::string>>(collections, "collections");
            selection.agreements = ids_arg<AgreementId>(*o.core, agreements, "agreements");
            selection.institutions = ids_arg<InstitutionId>(*o.core, institutions, "institutions");
            const auto replace = from_py<bool>(overwrite, "overwrite");
            const auto info = o.core->run([&](Store& s) { return save_snapshot_file(s, file, fmt_, selection, replace); });
            return info_to_py(info);
        },
        py::arg("path"), py::arg("format") = "xml", py::arg("collections") = py::none(), py::arg("agreements") = py::none(),
        py::arg("institutions") = py::none(), py::arg("overwrite") = false,
        "Saves the office, or a selection of it, as one archive: format 'xml' or 'text' (portable) or 'binary' "
        "(fast, this platform only). With collections (names from iro.snapshot_collections()), agreements or "
        "institutions (ids or objects) only those rows are saved, with every row they refer to and every row that "
        "belongs to them. An existing file raises ConflictError unless overwrite=True; the file is written to a "
        "temporary name first and then renamed. Returns the snapshot information (a dict).");
    add_method<Office>(
        "load_snapshot",
        [](Office& o, py::object path) {
            const auto file = file_path_arg(path, "path");
            const auto info = o.core->run([&](Store& s) { return load_snapshot_file(s, file); });
            return info_to_py(info);
        },
        py::arg("path"),
        "Loads a snapshot archive (any format) into this office, which must hold no data yet: all of it in one "
        "transaction with one audit entry, or nothing. A damaged or foreign file raises FormatError, an office "
        "with data ConflictError. Returns the snapshot information (a dict).");
    m.def(
        "read_snapshot_info",
        [](py::object path) {
            const auto file = file_path_arg(path, "path");
            const auto info = [&] {
                py::gil_scoped_release nogil;
                return read_snapshot_info_file(file);
            }();
            return info_to_py(info);
        },
        py::arg("path"),
        "Reads and checks a snapshot archive without loading it: format, kind, iro and schema version, creation "
        "time, selection, row counts per table, checksum and size. FormatError when it is damaged.");
    m.def(
        "snapshot_collections", [] { return to_py(snapshot_collections()); },
        "The collection names office.save_snapshot(collections=...) accepts.");
}

} // namespace iro::python
