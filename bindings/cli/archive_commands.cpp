// iro export archive and iro import archive: snapshots of the whole office, or of a
// selection, as XML, text or binary archives (include/iro/snapshot.hpp).

#include "commands.hpp"

#include <iro/archive_format.hpp>
#include <iro/snapshot.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <vector>

namespace iro::cli {

namespace {

struct ArchiveExportOptions {
    StoreOptions store;
    OutputOptions output;
    std::string format = "xml";
    std::vector<std::string> collections;
    std::vector<std::int64_t> agreements;
    std::vector<std::int64_t> institutions;
};

struct ArchiveImportOptions {
    StoreOptions store;
    std::string file;
};

void print_info(const SnapshotInfo& info) {
    std::cout << fmt::format("  format          {}\n  kind            {}\n  written by iro  {}\n  schema version  {}\n"
                             "  created at      {}\n",
                             archive_format_name(info.format), info.kind, info.iro_version, info.schema_version,
                             info.created_at);
    if (!info.selection.empty()) std::cout << fmt::format("  selection       {}\n", info.selection);
    std::int64_t rows = 0;
    for (const auto& t : info.tables) rows += t.rows;
    std::cout << fmt::format("  tables          {} ({} rows)\n  sha256          {}\n", info.tables.size(), rows, info.checksum);
}

void run_export_archive(const ArchiveExportOptions& o) {
    const auto format = parse_archive_format(o.format, "--format");
    SnapshotSelection selection;
    selection.collections = o.collections;
    for (const auto id : o.agreements) selection.agreements.emplace_back(id);
    for (const auto id : o.institutions) selection.institutions.emplace_back(id);
    const auto store = open_existing(o.store);
    write_output(o.output, save_snapshot(store, format, selection));
}

void run_import_archive(const ArchiveImportOptions& o) {
    auto store = open_existing(o.store);
    const auto info = o.file == "-" ? load_snapshot(store, read_input(o.file, SnapshotLimits{}.max_input_bytes)) : load_snapshot_file(store, o.file);
    std::cout << fmt::format("Loaded the archive {}\n", o.file == "-" ? "from standard input" : o.file);
    print_info(info);
}

} // namespace

void add_export_archive_command(CLI::App& export_, Context& context) {
    auto o = std::make_shared<ArchiveExportOptions>();
    auto* archive = export_.add_subcommand("archive", "Write a snapshot of the office (or a selection) as an archive");
    add_store_options(*archive, o->store);
    add_output_options(*archive, o->output);
    archive->add_option("--format", o->format, "xml and text are portable; binary is compact but tied to this platform")
        ->check(CLI::IsMember({"xml", "text", "binary"}))
        ->capture_default_str();
    archive->add_option("--collection", o->collections, "Only these collections and what they refer to (repeatable)")
        ->check(CLI::IsMember(snapshot_collections()))
        ->type_name("NAME");
    archive->add_option("--agreement", o->agreements, "Only these agreements and what they refer to (repeatable)")
        ->type_name("ID");
    archive->add_option("--institution", o->institutions, "Only these institutions and what they refer to (repeatable)")
        ->type_name("ID");
    archive->footer(
        "Without a selection the whole office is saved, audit log included. The archive loads\n"
        "into an empty database with 'iro import archive'.\n"
        "Example:\n"
        "  iro export archive --db office.db -o office-2026-01-15.xml\n");
    when_chosen(*archive, context, [o] { run_export_archive(*o); });
}

void add_import_archive_command(CLI::App& import, Context& context) {
    auto o = std::make_shared<ArchiveImportOptions>();
    auto* archive = import.add_subcommand("archive", "Load an archive (iro export archive) into an empty database");
    add_store_options(*archive, o->store);
    archive->add_option("FILE", o->file, "The archive, any format; - reads standard input")->required();
    archive->footer(
        "The database must hold no office data (exit 6 otherwise): create it with 'iro init'.\n"
        "A damaged archive is exit 4. All or nothing.\n"
        "Example:\n"
        "  iro init --db restored.db && iro import archive --db restored.db office-2026-01-15.xml\n");
    when_chosen(*archive, context, [o] { run_import_archive(*o); });
}

} // namespace iro::cli
