#include "commands.hpp"

#include <iro/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace iro::cli {

void when_chosen(CLI::App& command, Context& context, std::function<void()> action) {
    command.callback([&context, action = std::move(action)] { context.action = action; });
}

std::string default_actor() {
    for (const char* name : {"IRO_ACTOR", "USER", "LOGNAME"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') return value;
    }
    return "iro";
}

void add_store_options(CLI::App& command, StoreOptions& options) {
    command.add_option("-d,--db", options.db, "The database file (default: $IRO_DB)")
        ->envname("IRO_DB")
        ->required()
        ->type_name("PATH");
    options.actor = default_actor();
    command.add_option("--actor", options.actor, "Who the audit log records for changes (default: $IRO_ACTOR, else $USER)")
        ->type_name("NAME");
}

Store open_existing(const StoreOptions& options) {
    if (options.db != ":memory:") {
        std::error_code ec;
        if (!fs::exists(options.db, ec)) throw NotFoundError("database", options.db);
    }
    OpenOptions open;
    open.create = false;
    open.actor = options.actor;
    return Store::open(options.db, open);
}

std::string read_input(const std::string& path, std::uint64_t max_bytes) {
    const auto too_large = [&](const std::string& what) {
        return ValidationError("input", what, fmt::format("at most {} bytes", max_bytes));
    };
    std::istream* source = &std::cin;
    std::ifstream file;
    if (path != "-") {
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (!fs::exists(status)) throw NotFoundError("input file", path);
        if (fs::is_directory(status)) throw StorageError(fmt::format("cannot read '{}': it is a directory", path));
        const auto size = fs::file_size(path, ec);
        if (!ec && size > max_bytes) throw too_large(fmt::format("{} ({} bytes)", path, size));
        file.open(path, std::ios::binary);
        if (!file) throw StorageError(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
        source = &file;
    }
    // In blocks, so input that never ends (a pipe) stops at the limit instead of filling memory.
    std::string text;
    std::vector<char> block(1 << 16);
    while (*source) {
        source->read(block.data(), static_cast<std::streamsize>(block.size()));
        const auto got = static_cast<std::size_t>(source->gcount());
        if (text.size() + got > max_bytes)
            throw too_large(path == "-" ? std::string("standard input") : path);
        text.append(block.data(), got);
    }
    if (source->bad()) throw StorageError(path == "-" ? std::string("cannot read standard input") : fmt::format("cannot read '{}'", path));
    return text;
}

void add_output_options(CLI::App& command, OutputOptions& options) {
    command.add_option("-o,--output", options.path, "Write to this file instead of standard output")->type_name("FILE");
    command.add_flag("-f,--force", options.force, "Replace the output file when it exists");
}

void write_output(const OutputOptions& options, std::string_view text) {
    if (options.path.empty() || options.path == "-") {
        std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
        std::cout.flush();
        if (!std::cout) throw Error("cannot write to standard output");
        return;
    }
    const fs::path target(options.path);
    std::error_code ec;
    if (fs::exists(target, ec) && !options.force)
        throw ConflictError(fmt::format("'{}' already exists; give --force to replace it", options.path));
    if (fs::is_directory(target, ec)) throw Error(fmt::format("cannot write '{}': it is a directory", options.path));

    const fs::path partial(options.path + ".partial");
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(fmt::format("cannot write '{}': {}", options.path, std::strerror(errno)));
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            fs::remove(partial, ec);
            throw Error(fmt::format("cannot write '{}'", options.path));
        }
    }
    fs::rename(partial, target, ec);
    if (ec) {
        const auto reason = ec.message();
        fs::remove(partial, ec);
        throw Error(fmt::format("cannot write '{}': {}", options.path, reason));
    }
}

Date parse_date_option(const std::string& text, std::string_view option) { return parse_date(text, option); }

} // namespace iro::cli
