// iro report: where the office stands on a day, as the plain-text office report.

#include "commands.hpp"

#include <iro/office_report.hpp>

#include <iostream>
#include <memory>

namespace iro::cli {

namespace {

struct ReportCommandOptions {
    StoreOptions store;
    std::string on;
    ReportOptions report;
    bool no_in_force_list = false;
};

void run_report(const ReportCommandOptions& o) {
    const auto on = o.on.empty() ? today() : parse_date_option(o.on, "--on");
    auto options = o.report;
    options.list_in_force = !o.no_in_force_list;
    const auto store = open_existing(o.store);
    const auto text = office_report(store, on, options);
    std::cout << text;
    std::cout.flush();
}

} // namespace

void add_report_command(CLI::App& app, Context& context) {
    auto o = std::make_shared<ReportCommandOptions>();
    auto* report = app.add_subcommand("report", "Print the office report: agreements, partners, calls, visits, KPIs, accreditation");
    add_store_options(*report, o->store);
    report->add_option("--on", o->on, "The report date (default: today, UTC)")->type_name("YYYY-MM-DD");
    report->add_option("--audit-entries", o->report.audit_entries, "Latest audit-log entries shown, 0 to 1000")
        ->check(CLI::Range(0, 1000))
        ->capture_default_str();
    report->add_option("--top-countries", o->report.top_countries, "Rows of 'partners by country', 1 to 1000")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    report->add_option("--short-lists", o->report.short_lists, "Rows of the short lists, 1 to 1000")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    report->add_option("--width", o->report.column_width, "Titles and names wider than this are cut, 16 to 1000")
        ->check(CLI::Range(16, 1000))
        ->capture_default_str();
    report->add_flag("--no-in-force-list", o->no_in_force_list, "Count the agreements in force without listing them");
    report->footer(
        "Example:\n"
        "  iro report --db office.db --on 2026-01-15\n");
    when_chosen(*report, context, [o] { run_report(*o); });
}

} // namespace iro::cli
