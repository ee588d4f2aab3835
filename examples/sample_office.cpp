// Writes a fresh sample office (see iro/sample_data.hpp) to a database file.
//
//   iro_sample_office <database> [--seed N] [--today YYYY-MM-DD] [--force]

#include <iro/iro.hpp>
#include <iro/sample_data.hpp>

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>

namespace fs = std::filesystem;

namespace {
int usage() {
    std::cerr << "usage: iro_sample_office <database> [--seed N] [--today YYYY-MM-DD] [--force]\n"
                 "Writes a deterministic sample office; --force replaces an existing database.\n";
    return 2;
}

// A database file and the sidecars SQLite keeps beside it in WAL mode.
void remove_database(const fs::path& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fs::path(path.string() + suffix));
}
} // namespace

int main(int argc, char** argv) {
    std::string path;
    std::string today_text;
    std::uint64_t seed = iro::SampleOptions{}.seed;
    bool force = false;
    for (int k = 1; k < argc; ++k) {
        const std::string_view arg = argv[k];
        if (arg == "--seed" && k + 1 < argc) {
            const std::string_view text = argv[++k];
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
            if (ec != std::errc{} || end != text.data() + text.size()) {
                std::cerr << "iro_sample_office: --seed needs a non-negative whole number, got '" << text << "'\n";
                return 2;
            }
        } else if (arg == "--today" && k + 1 < argc) {
            today_text = argv[++k];
        } else if (arg == "--force") {
            force = true;
        } else if (arg == "-h" || arg == "--help") {
            return usage();
        } else if (!arg.starts_with("-") && path.empty()) {
            path = arg;
        } else {
            return usage();
        }
    }
    if (path.empty()) return usage();

    try {
        iro::SampleOptions options;
        options.seed = seed;
        if (!today_text.empty()) options.today = iro::parse_date(today_text, "--today");

        const bool in_memory = path == ":memory:";
        if (!in_memory && fs::exists(path) && !force) {
            std::cerr << "iro_sample_office: " << path << " already exists; give --force to replace it\n";
            return 1;
        }
        // Build the new office beside the target and move it into place at the end, so that a
        // failure leaves any existing database as it was.
        const std::string building = in_memory ? path : path + ".partial";
        if (!in_memory) remove_database(building);
        iro::SampleSummary summary;
        try {
            auto store = iro::Store::open(building);
            summary = iro::generate_sample_data(store, options);
        } catch (...) {  // the store is closed here: leave no half-written file behind
            if (!in_memory) remove_database(building);
            throw;
        }
        // Closing the store folded its write-ahead log back into the file; now swap it in.
        if (!in_memory) {
            remove_database(path);
            fs::rename(building, path);
        }

        std::cout << "Sample office " << (in_memory ? "built in memory and discarded" : "written to " + path) << " (seed "
                  << options.seed << ", today " << iro::format_date(options.today) << ")\n"
                  << "  institutions  " << summary.institutions << " (" << summary.partners << " partners)\n"
                  << "  units         " << summary.units << "\n"
                  << "  contacts      " << summary.contacts << "\n"
                  << "  agreements    " << summary.agreements << "\n"
                  << "  people        " << summary.people << "\n"
                  << "  activities    " << summary.activities << "\n"
                  << "  programs      " << summary.programs << " (" << summary.calls << " calls, " << summary.applications
                  << " applications)\n"
                  << "  visits        " << summary.visits << "\n"
                  << "  centre links  " << summary.centre_links << "\n";
        return 0;
    } catch (const iro::Error& e) {
        std::cerr << "iro_sample_office: " << e.what() << "\n";
        return 1;
    } catch (const fs::filesystem_error& e) {
        std::cerr << "iro_sample_office: " << e.what() << "\n";
        return 1;
    }
}
