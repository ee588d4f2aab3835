// iro import csv | json and iro export csv | json: a store's collections as tables
// (include/iro/collection_exchange.hpp, docs/csv-columns.md).

#include "commands.hpp"
#include "progress_bar.hpp"

#include <iro/collection.hpp>
#include <iro/collection_exchange.hpp>
#include <iro/error.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <vector>

namespace iro::cli {

namespace {

struct CsvImportOptions {
    StoreOptions store;
    std::string collection;
    std::string file;
    bool skip_bad_rows = false;
    bool quiet = false;
};

struct JsonImportOptions {
    StoreOptions store;
    std::string file;
    bool skip_bad_rows = false;
    bool quiet = false;
};

struct CsvExportOptions {
    StoreOptions store;
    OutputOptions output;
    std::string collection;
};

struct JsonExportOptions {
    StoreOptions store;
    OutputOptions output;
    std::vector<std::string> collections;
};

// "institutions, units, ..." for help texts and the check below.
std::vector<std::string> collection_names() {
    std::vector<std::string> names;
    for (const auto c : all_collections()) names.emplace_back(to_string(c));
    return names;
}

std::string describe(const RowProblem& p) {
    std::string where = fmt::format("{} row {}", to_string(p.collection), p.row);
    if (p.line > 0) where += fmt::format(" (line {})", p.line);
    if (!p.column.empty()) where += fmt::format(", column {} '{}'", p.column, p.value);
    return where + ": " + p.message;
}

void print_result(const TableImportResult& r) {
    std::cout << fmt::format("  {:<13} read {}, added {}, updated {}, unchanged {}, skipped {}\n", to_string(r.collection),
                             r.read, r.added, r.updated, r.unchanged, r.skipped);
}

void print_problems(const std::vector<TableImportResult>& results) {
    bool header = false;
    for (const auto& r : results) {
        for (const auto& p : r.problems) {
            if (!header) std::cout << "Skipped rows:\n";
            header = true;
            std::cout << "  " << describe(p) << "\n";
        }
    }
}

// Runs an import with the progress bar and Ctrl-C, and lists every refused row on stderr.
template <class Fn>
auto with_rows_listed(const std::string& label, bool quiet, TableImportOptions& options, Fn&& import) {
    ProgressBar bar(label, quiet);
    options.progress = [&bar](std::uint64_t rows, std::uint64_t bytes_done, std::uint64_t bytes_total) {
        if (ProgressBar::cancelled()) return false;
        bar.update(bytes_done, bytes_total, rows);
        return true;
    };
    try {
        return import();
    } catch (const RowsRejectedError& e) {
        bar.finish();
        // The library's message names the first few; list up to kListed, a line each.
        constexpr std::size_t kListed = 50;
        const auto n = e.problems().size();
        std::string message = fmt::format("{} bad row{}, nothing was written:", n, n == 1 ? "" : "s");
        for (std::size_t k = 0; k < n && k < kListed; ++k) message += "\n  " + describe(e.problems()[k]);
        if (n > kListed) message += fmt::format("\n  ... and {} more", n - kListed);
        throw Reworded<RowsRejectedError>(std::move(message), e.problems());
    }
}

void run_import_csv(const CsvImportOptions& o) {
    const auto collection = enum_from_string<Collection>(o.collection);
    auto store = open_existing(o.store);
    TableImportOptions options;
    options.skip_bad_rows = o.skip_bad_rows;
    const auto result = with_rows_listed(fmt::format("{} rows", o.collection), o.quiet, options, [&] {
        return o.file == "-" ? import_csv(store, collection, read_input(o.file, options.max_bytes), options)
                             : import_csv_file(store, collection, o.file, options);
    });
    std::cout << fmt::format("Imported {} from {}\n", o.collection, o.file == "-" ? "standard input" : o.file);
    print_result(result);
    print_problems({result});
}

void run_import_json(const JsonImportOptions& o) {
    auto store = open_existing(o.store);
    TableImportOptions options;
    options.skip_bad_rows = o.skip_bad_rows;
    const auto results = with_rows_listed("rows", o.quiet, options, [&] {
        return o.file == "-" ? import_json(store, read_input(o.file, options.max_bytes), options) : import_json_file(store, o.file, options);
    });
    std::cout << fmt::format("Imported {}\n", o.file == "-" ? "standard input" : o.file);
    for (const auto& r : results) print_result(r);
    print_problems(results);
}

void run_export_csv(const CsvExportOptions& o) {
    const auto collection = enum_from_string<Collection>(o.collection);
    const auto store = open_existing(o.store);
    write_output(o.output, export_csv(store, collection));
}

void run_export_json(const JsonExportOptions& o) {
    std::vector<Collection> collections;
    for (const auto& name : o.collections) collections.push_back(enum_from_string<Collection>(name));
    if (collections.empty()) collections = all_collections();
    const auto store = open_existing(o.store);
    write_output(o.output, export_json(store, collections));
}

} // namespace

void add_import_exchange_commands(CLI::App& import, Context& context) {
    const auto names = collection_names();
    {
        auto o = std::make_shared<CsvImportOptions>();
        auto* csv = import.add_subcommand("csv", "Import one collection from CSV (adds new rows, updates rows by id)");
        add_store_options(*csv, o->store);
        csv->add_option("COLLECTION", o->collection, "Which collection")->required()->check(CLI::IsMember(names));
        csv->add_option("FILE", o->file, "The CSV file; - reads standard input")->required();
        csv->add_flag("--skip-bad-rows", o->skip_bad_rows, "Write the good rows and list the bad ones");
        csv->add_flag("-q,--quiet", o->quiet, "No progress bar");
        csv->footer(
            "Columns: docs/csv-columns.md (iro export csv writes them). Any bad row refuses the\n"
            "whole file (exit 3), listing every bad row on stderr; unknown or missing columns\n"
            "and malformed CSV are exit 4. Nothing is written then.\n"
            "Example:\n"
            "  iro import csv --db office.db institutions partners.csv\n");
        when_chosen(*csv, context, [o] { run_import_csv(*o); });
    }
    {
        auto o = std::make_shared<JsonImportOptions>();
        auto* json = import.add_subcommand("json", "Import the collections of an iro JSON document (iro export json)");
        add_store_options(*json, o->store);
        json->add_option("FILE", o->file, "The JSON document; - reads standard input")->required();
        json->add_flag("--skip-bad-rows", o->skip_bad_rows, "Write the good rows and list the bad ones");
        json->add_flag("-q,--quiet", o->quiet, "No progress bar");
        json->footer(
            "Every collection of the document, in dependency order, in one transaction.\n"
            "Example:\n"
            "  iro import json --db new.db office.json\n");
        when_chosen(*json, context, [o] { run_import_json(*o); });
    }
}

void add_export_exchange_commands(CLI::App& export_, Context& context) {
    const auto names = collection_names();
    {
        auto o = std::make_shared<CsvExportOptions>();
        auto* csv = export_.add_subcommand("csv", "Write one collection as CSV");
        add_store_options(*csv, o->store);
        csv->add_option("COLLECTION", o->collection, "Which collection")->required()->check(CLI::IsMember(names));
        add_output_options(*csv, o->output);
        csv->footer(
            "Example:\n"
            "  iro export csv --db office.db agreements -o agreements.csv\n");
        when_chosen(*csv, context, [o] { run_export_csv(*o); });
    }
    {
        auto o = std::make_shared<JsonExportOptions>();
        auto* json = export_.add_subcommand("json", "Write collections as one JSON document");
        add_store_options(*json, o->store);
        json->add_option("COLLECTION", o->collections, "Which collections (default: all)")->check(CLI::IsMember(names));
        add_output_options(*json, o->output);
        json->footer(
            "Example:\n"
            "  iro export json --db office.db -o office.json\n");
        when_chosen(*json, context, [o] { run_export_json(*o); });
    }
}

} // namespace iro::cli
