#pragma once
// What the command groups of the iro command line share: how a command is registered and
// run, the --db/--actor options, reading input files and writing output safely.
//
// Each command group lives in its own file and adds itself to the CLI11 tree through one
// add_*_command function below; main.cpp calls them. Parsing only records what to do
// (Context::action); main.cpp runs it after the whole command line was accepted, so that a
// usage error never starts any work.

#include <iro/date.hpp>
#include <iro/store.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace iro::cli {

struct Context {
    std::function<void()> action;  // set by the chosen command while parsing
};

// Makes `command` run `action` once the command line is parsed.
void when_chosen(CLI::App& command, Context& context, std::function<void()> action);

// An error of the library reworded for the command line (an option named as it is spelled
// here rather than as the C++ field); it keeps the original's type, so its exit code.
template <class Base>
class Reworded : public Base {
public:
    template <class... Args>
    Reworded(std::string message, Args&&... args) : Base(std::forward<Args>(args)...), message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

// ---- The database -------------------------------------------------------------------------

struct StoreOptions {
    std::string db;     // --db PATH, or $IRO_DB
    std::string actor;  // --actor NAME, or $IRO_ACTOR, else $USER, else "iro"
};

// Adds --db (required; IRO_DB) and --actor (IRO_ACTOR) to a command.
void add_store_options(CLI::App& command, StoreOptions& options);

// Opens an existing database (migrating an older schema). NotFoundError when the file does
// not exist: commands other than `init` never create one.
Store open_existing(const StoreOptions& options);

// The actor recorded in the audit log when --actor and IRO_ACTOR are not given.
std::string default_actor();

// ---- Files --------------------------------------------------------------------------------

// The whole content of an input file; "-" reads standard input. NotFoundError when the file
// does not exist, StorageError when it cannot be read, ValidationError when it holds more
// than `max_bytes` (the limit of the importer it feeds): a file is refused from its size
// before any of it is read, standard input as soon as it passes the limit.
std::string read_input(const std::string& path, std::uint64_t max_bytes);

struct OutputOptions {
    std::string path;  // -o FILE; empty or "-": standard output
    bool force = false;
};

// Adds -o/--output and --force to an export command.
void add_output_options(CLI::App& command, OutputOptions& options);

// Writes `text` to standard output or to the file. An existing file is a ConflictError unless
// --force; the file is written beside the target and renamed into place, so that a failure
// never leaves half a file.
void write_output(const OutputOptions& options, std::string_view text);

// Parses a --date option ("YYYY-MM-DD"); ValidationError naming the option otherwise.
Date parse_date_option(const std::string& text, std::string_view option);

// ---- Command groups -------------------------------------------------------------------------

void add_init_command(CLI::App& app, Context& context);
void add_import_ror_command(CLI::App& import, Context& context);
void add_import_ewp_command(CLI::App& import, Context& context);
void add_import_exchange_commands(CLI::App& import, Context& context);  // csv, json
void add_import_archive_command(CLI::App& import, Context& context);
void add_export_ewp_command(CLI::App& export_, Context& context);
void add_export_ics_command(CLI::App& export_, Context& context);
void add_export_exchange_commands(CLI::App& export_, Context& context);  // csv, json
void add_export_archive_command(CLI::App& export_, Context& context);
void add_report_command(CLI::App& app, Context& context);
void add_search_command(CLI::App& app, Context& context);
void add_ewp_commands(CLI::App& app, Context& context);

} // namespace iro::cli
