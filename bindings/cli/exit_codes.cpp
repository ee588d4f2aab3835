#include "exit_codes.hpp"

#include <iro/error.hpp>
#include <iro/ror_import.hpp>

namespace iro::cli {

ExitCode exit_code_for(const std::exception_ptr& error) noexcept {
    try {
        std::rethrow_exception(error);
    } catch (const ImportCancelledError&) {
        return ExitCode::Cancelled;
    } catch (const ValidationError&) {  // RorRecordError included
        return ExitCode::Invalid;
    } catch (const FormatError&) {
        return ExitCode::Format;
    } catch (const NotFoundError&) {
        return ExitCode::NotFound;
    } catch (const ConflictError&) {
        return ExitCode::Conflict;
    } catch (const StorageError&) {
        return ExitCode::Storage;
    } catch (...) {
        return ExitCode::Other;
    }
}

std::string_view exit_code_help() noexcept {
    return "Exit codes:\n"
           "  0  success\n"
           "  1  any other failure\n"
           "  2  usage error (unknown option, missing argument)\n"
           "  3  invalid input (a value or record is not acceptable)\n"
           "  4  format error (a file cannot be parsed)\n"
           "  5  not found (unknown id, missing file or database)\n"
           "  6  conflict (clashes with stored data; output file exists without --force)\n"
           "  7  storage error (the database cannot be opened, or is from a newer iro)\n"
           "  8  cancelled (Ctrl-C during an import; nothing was written)\n"
           "On failure the message goes to stderr as 'iro: error: ...' and stdout stays empty;\n"
           "a refused import leaves the database unchanged.\n"
           "Database: --db PATH on each command, or the IRO_DB environment variable.\n";
}

} // namespace iro::cli
