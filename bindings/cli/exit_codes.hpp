#pragma once
// The exit codes of the iro command line. Scripts rely on them: they are listed in
// `iro --help` and in docs/cli.md, and are never renumbered.

#include <exception>
#include <string_view>

namespace iro::cli {

enum class ExitCode : int {
    Success = 0,
    Other = 1,        // anything not listed below
    Usage = 2,        // the command line itself is wrong (unknown option, missing argument)
    Invalid = 3,      // ValidationError: a value or record is not acceptable
    Format = 4,       // FormatError: a file cannot be parsed
    NotFound = 5,     // NotFoundError: unknown id, missing input file or database
    Conflict = 6,     // ConflictError: clashes with stored data, or an output file exists
    Storage = 7,      // StorageError: the database cannot be opened, read or written
    Cancelled = 8,    // an import was interrupted (Ctrl-C); nothing was written
};

// The code for an exception thrown by a command (std::current_exception() in a catch block).
ExitCode exit_code_for(const std::exception_ptr& error) noexcept;

// The table printed at the end of `iro --help`.
std::string_view exit_code_help() noexcept;

} // namespace iro::cli
