// iro import ror | ewp: bring a ROR data dump or an EWP iias-get-response into the database.
// Each import is all or nothing: a refused file leaves the database as it was.

#include "commands.hpp"
#include "progress_bar.hpp"

#include <iro/enum_strings.hpp>
#include <iro/error.hpp>
#include <iro/ewp_iia.hpp>
#include <iro/ror_import.hpp>

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>
#include <vector>

namespace iro::cli {

namespace {

// ---- ROR -------------------------------------------------------------------------------------

struct RorOptions {
    StoreOptions store;
    std::string file;
    bool skip_invalid = false;
    bool quiet = false;
};

void print_ror_result(const std::string& file, const RorImportResult& r) {
    std::cout << fmt::format(
        "Imported the ROR dump {}\n"
        "  read       {}\n"
        "  added      {}\n"
        "  updated    {}\n"
        "  unchanged  {}\n"
        "  withdrawn  {}\n"
        "  merged     {}\n"
        "  skipped    {}\n",
        file, r.read, r.added, r.updated, r.unchanged, r.withdrawn, r.merged, r.skipped);
    if (r.problems.empty()) return;
    std::cout << "Skipped records:\n";
    for (const auto& p : r.problems) {
        const auto who = p.ror.empty() ? fmt::format("record {}", p.index) : fmt::format("record {} ({})", p.index, p.ror);
        std::cout << fmt::format("  {}: {}\n", who, p.message);
    }
    const auto unlisted = r.skipped - static_cast<std::int64_t>(r.problems.size());
    if (unlisted > 0) std::cout << fmt::format("  ... and {} more\n", unlisted);
}

void run_import_ror(const RorOptions& o) {
    auto store = open_existing(o.store);
    RorImportResult result;
    {
        ProgressBar bar("ROR records", o.quiet);
        RorImportOptions options;
        options.skip_invalid = o.skip_invalid;
        options.progress_every = 100;
        options.progress = [&bar](std::uint64_t records, std::uint64_t bytes_read, std::uint64_t bytes_total) {
            if (ProgressBar::cancelled()) return false;
            bar.update(bytes_read, bytes_total, records);
            return true;
        };
        try {
            result = o.file == "-" ? import_ror(store, read_input(o.file, options.max_bytes), options) : import_ror_file(store, o.file, options);
        } catch (const ImportCancelledError& e) {
            std::string message = e.what();
            const std::string_view who = "by the progress callback";
            if (const auto at = message.find(who); at != std::string::npos) message.replace(at, who.size(), "by Ctrl-C");
            throw Reworded<ImportCancelledError>(std::move(message), "");
        }
    }
    print_ror_result(o.file == "-" ? "from standard input" : o.file, result);
}

void add_ror(CLI::App& import, Context& context) {
    auto o = std::make_shared<RorOptions>();
    auto* ror = import.add_subcommand("ror", "Import a ROR data dump (schema v2 JSON array) into the partner registry");
    add_store_options(*ror, o->store);
    ror->add_option("FILE", o->file, "The dump (.json); - reads standard input")->required();
    ror->add_flag("--skip-invalid", o->skip_invalid, "Skip invalid records and list them, instead of refusing the dump");
    ror->add_flag("-q,--quiet", o->quiet, "No progress bar");
    ror->footer(
        "Institutions are matched by ROR id: a re-import updates them in place, never duplicates.\n"
        "The whole dump is one transaction: malformed JSON (exit 4) or an invalid record (exit 3,\n"
        "unless --skip-invalid) changes nothing. Ctrl-C cancels cleanly (exit 8). A progress bar is\n"
        "drawn on stderr only when it is a terminal.\n"
        "Example:\n"
        "  iro import ror --db office.db v1.50-2024-07-29-ror-data_schema_v2.json\n");
    when_chosen(*ror, context, [o] { run_import_ror(*o); });
}

// ---- EWP ---------------------------------------------------------------------------------------

struct EwpOptions {
    StoreOptions store;
    std::string file;
    std::vector<std::string> partner_countries;  // HEI=CC
    std::string iia_id;
    std::string received_on;
};

void run_import_ewp(const EwpOptions& o) {
    ewp::ImportOptions options;
    for (const auto& pair : o.partner_countries) {
        const auto eq = pair.find('=');
        options.new_partner_countries[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
    options.iia_id = o.iia_id;
    if (!o.received_on.empty()) options.received_on = parse_date_option(o.received_on, "--received-on");

    const auto xml = read_input(o.file, options.max_bytes);
    auto store = open_existing(o.store);
    const auto report = [&] {
        try {
            return ewp::import_iias(store, xml, options);
        } catch (const NotFoundError& e) {
            if (!store.institutions().has_home())
                throw Reworded<NotFoundError>(
                    "the database has no home institution: create it with 'iro init --home-name NAME --home-country CC "
                    "--home-schac HEI'",
                    "", "");
            std::string message = e.what();
            const std::string_view field = "ImportOptions::new_partner_countries";
            const auto at = message.find(field);
            if (at == std::string::npos) throw;
            message.replace(at, field.size(), "--partner-country HEI=CC");
            throw Reworded<NotFoundError>(std::move(message), "", "");
        }
    }();

    std::cout << fmt::format("Imported {} agreement{} from {}\n", report.agreements.size(),
                             report.agreements.size() == 1 ? "" : "s", o.file == "-" ? "standard input" : o.file);
    for (const auto id : report.agreements) {
        const auto a = store.agreements().get(id);
        std::cout << fmt::format("  agreement {}  {}  {}  {}\n", id.value(), a.reference.empty() ? "-" : a.reference,
                                 to_string(a.status), a.title);
    }
    if (!report.new_institutions.empty()) {
        std::cout << "New partner institutions (complete them by hand):\n";
        for (const auto id : report.new_institutions) {
            const auto i = store.institutions().get(id);
            std::cout << fmt::format("  institution {}  {}  {}\n", id.value(), i.country, i.display_name());
        }
    }
    if (!report.warnings.empty()) {
        std::cout << "Warnings:\n";
        for (const auto& w : report.warnings) std::cout << "  " << w << "\n";
    }
}

void add_ewp(CLI::App& import, Context& context) {
    auto o = std::make_shared<EwpOptions>();
    auto* ewp = import.add_subcommand("ewp", "Import the IIAs of an EWP iias-get-response v7 as agreements");
    add_store_options(*ewp, o->store);
    ewp->add_option("FILE", o->file, "The iias-get-response XML; - reads standard input")->required();
    const CLI::Validator hei_equals_country(
        [](std::string& value) -> std::string {
            const auto eq = value.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == value.size()) return "expected HEI=CC, e.g. hibo.no=NO";
            return {};
        },
        "HEI=CC");
    ewp->add_option("--partner-country", o->partner_countries,
                    "Add a partner HEI that is not stored yet, in this country (repeatable)")
        ->check(hei_equals_country)
        ->type_name("HEI=CC");
    ewp->add_option("--iia-id", o->iia_id, "Import only this iia (default: every iia of the document)")->type_name("ID");
    ewp->add_option("--received-on", o->received_on, "Date recorded when the IIA names no signing date (default: today)")
        ->type_name("YYYY-MM-DD");
    ewp->footer(
        "The home institution needs its SCHAC code (iro init --home-schac). Partners are found by\n"
        "their SCHAC code; one not stored is refused (exit 5) unless --partner-country names its\n"
        "country. An iia already imported is a conflict (exit 6). All or nothing.\n"
        "Example:\n"
        "  iro import ewp --db office.db iias.xml --partner-country hibo.no=NO\n");
    when_chosen(*ewp, context, [o] { run_import_ewp(*o); });
}

} // namespace

void add_import_ror_command(CLI::App& import, Context& context) { add_ror(import, context); }
void add_import_ewp_command(CLI::App& import, Context& context) { add_ewp(import, context); }

} // namespace iro::cli
