// iro: the command line for office staff and scripts. docs/cli.md describes every command.
//
//   iro init | import ror|ewp|csv|json|archive | export ewp|ics|csv|json|archive | report | search |
//   ewp hash|diff

#include "commands.hpp"
#include "exit_codes.hpp"

#include <iro/version.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>

namespace {

using iro::cli::ExitCode;

int code(ExitCode c) { return static_cast<int>(c); }

// "iro: error: ..." and where to find help: the deepest command given on the line.
std::string failure_message(const CLI::App* app, const CLI::Error& e) {
    const CLI::App* leaf = app;
    for (auto chosen = leaf->get_subcommands(); !chosen.empty(); chosen = leaf->get_subcommands()) leaf = chosen.front();
    std::string command;
    for (const CLI::App* a = leaf; a != nullptr; a = a->get_parent())
        command = a->get_name() + (command.empty() ? "" : " " + command);
    std::string what = e.what();
    // "A subcommand is required" says neither what was typed nor what would be right.
    const auto choices = leaf->get_subcommands([](const CLI::App*) { return true; });
    if (e.get_name() == "RequiredError" && leaf->get_subcommands().empty() && !choices.empty() &&
        what.find("subcommand") != std::string::npos) {
        std::string names;
        for (const auto* c : choices) names += (names.empty() ? "" : ", ") + c->get_name();
        const auto extra = leaf->remaining();
        what = extra.empty() ? "a command is needed: one of " + names
                             : "unknown command '" + extra.front() + "': expected one of " + names;
    }
    return "iro: error: " + what + "\nRun '" + command + " --help' for more information.\n";
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"iro: the international relations office's database, from the command line"};
    app.name("iro");
    app.set_version_flag("--version", IRO_VERSION_STRING);
    app.require_subcommand(1);
    app.failure_message(failure_message);

    iro::cli::Context context;
    iro::cli::add_init_command(app, context);

    auto* import = app.add_subcommand("import", "Import a file into the database (all or nothing)");
    import->require_subcommand(1);
    iro::cli::add_import_ror_command(*import, context);
    iro::cli::add_import_ewp_command(*import, context);
    iro::cli::add_import_exchange_commands(*import, context);
    iro::cli::add_import_archive_command(*import, context);

    auto* export_ = app.add_subcommand("export", "Export from the database to standard output or a file");
    export_->require_subcommand(1);
    iro::cli::add_export_ewp_command(*export_, context);
    iro::cli::add_export_ics_command(*export_, context);
    iro::cli::add_export_exchange_commands(*export_, context);
    iro::cli::add_export_archive_command(*export_, context);

    iro::cli::add_report_command(app, context);
    iro::cli::add_search_command(app, context);
    iro::cli::add_ewp_commands(app, context);
    // Set last, so that the subcommands do not inherit it.
    app.footer(std::string(iro::cli::exit_code_help()));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : code(ExitCode::Usage);
    }

    try {
        if (context.action) context.action();
        return code(ExitCode::Success);
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "iro: error: " << e.what() << "\n";
        return code(iro::cli::exit_code_for(std::current_exception()));
    } catch (...) {
        std::cerr << "iro: error: unknown failure\n";
        return code(ExitCode::Other);
    }
}
