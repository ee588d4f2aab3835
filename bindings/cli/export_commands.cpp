// iro export ewp | ics: an agreement as an EWP iias-get-response, deadlines as iCalendar.
// Output goes to standard output, or to -o FILE (never replaced without --force).

#include "commands.hpp"

#include <iro/calendar.hpp>
#include <iro/ewp_iia.hpp>

#include <memory>

namespace iro::cli {

namespace {

struct EwpExportOptions {
    StoreOptions store;
    OutputOptions output;
    std::int64_t agreement = 0;
};

struct IcsExportOptions {
    StoreOptions store;
    OutputOptions output;
    std::string from;
    std::string to;
    std::string stamp;
};

void run_export_ewp(const EwpExportOptions& o) {
    const auto store = open_existing(o.store);
    write_output(o.output, ewp::export_iia(store, AgreementId(o.agreement)));
}

void run_export_ics(const IcsExportOptions& o) {
    CalendarOptions options;
    if (!o.from.empty()) options.from = parse_date_option(o.from, "--from");
    if (!o.to.empty()) options.to = parse_date_option(o.to, "--to");
    options.stamp = o.stamp;
    const auto store = open_existing(o.store);
    write_output(o.output, export_ics(store, options));
}

} // namespace

void add_export_ewp_command(CLI::App& export_, Context& context) {
    auto o = std::make_shared<EwpExportOptions>();
    auto* ewp = export_.add_subcommand("ewp", "Write an agreement as an EWP iias-get-response v7 with its iia-hash");
    add_store_options(*ewp, o->store);
    ewp->add_option("AGREEMENT_ID", o->agreement, "The agreement's id")->required();
    add_output_options(*ewp, o->output);
    ewp->footer(
        "An agreement an IIA cannot express (not two parties, a party without SCHAC code, ...) is\n"
        "refused naming the field (exit 3); an unknown id is exit 5.\n"
        "Example:\n"
        "  iro export ewp --db office.db 12 -o iia-12.xml\n");
    when_chosen(*ewp, context, [o] { run_export_ewp(*o); });
}

void add_export_ics_command(CLI::App& export_, Context& context) {
    auto o = std::make_shared<IcsExportOptions>();
    auto* ics = export_.add_subcommand(
        "ics", "Write the office's deadlines as iCalendar: agreement expiries, call deadlines, visits, accreditation");
    add_store_options(*ics, o->store);
    add_output_options(*ics, o->output);
    ics->add_option("--from", o->from, "Only events on or after this date")->type_name("YYYY-MM-DD");
    ics->add_option("--to", o->to, "Only events on or before this date")->type_name("YYYY-MM-DD");
    ics->add_option("--stamp", o->stamp, "DTSTAMP of every event, for reproducible files (default: now)")
        ->type_name("YYYYMMDDTHHMMSSZ");
    ics->footer(
        "Example:\n"
        "  iro export ics --db office.db -o deadlines.ics --force\n");
    when_chosen(*ics, context, [o] { run_export_ics(*o); });
}

} // namespace iro::cli
