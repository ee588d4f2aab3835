// Prints the office report of an existing store.
//
//   iro_office_report <database> [--on YYYY-MM-DD]

#include <iro/iro.hpp>
#include <iro/office_report.hpp>

#include <iostream>
#include <string>
#include <string_view>

namespace {
int usage() {
    std::cerr << "usage: iro_office_report <database> [--on YYYY-MM-DD]\n"
                 "Prints where the office stands on a day (default: today, UTC).\n";
    return 2;
}
} // namespace

int main(int argc, char** argv) {
    std::string path;
    std::string on_text;
    for (int k = 1; k < argc; ++k) {
        const std::string_view arg = argv[k];
        if (arg == "--on" && k + 1 < argc) on_text = argv[++k];
        else if (arg == "-h" || arg == "--help") return usage();
        else if (!arg.starts_with("-") && path.empty()) path = arg;
        else return usage();
    }
    if (path.empty()) return usage();

    try {
        const auto on = on_text.empty() ? iro::today() : iro::parse_date(on_text, "--on");
        // create = false: a mistyped path is an error, not a new empty office.
        iro::OpenOptions options;
        options.create = false;
        const auto store = iro::Store::open(path, options);
        std::cout << iro::office_report(store, on);
        return 0;
    } catch (const iro::Error& e) {
        std::cerr << "iro_office_report: " << e.what() << "\n";
        return 1;
    }
}
