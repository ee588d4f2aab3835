#pragma once
// A one-line progress bar on stderr for long imports, redrawn in place with '\r'. It draws
// only when stderr is a terminal and the user did not ask for --quiet: a script that
// captures stderr never sees it.
//
// While a ProgressBar is alive, Ctrl-C (SIGINT) does not kill the process: it sets a flag
// that cancelled() reports, so that the import can stop cleanly and write nothing.

#include <csignal>
#include <cstdint>
#include <string>

namespace iro::cli {

class ProgressBar {
public:
    // `label` starts the line ("ROR records"). `quiet` turns drawing off.
    ProgressBar(std::string label, bool quiet);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // Redraws when the shown value changed. `total` 0: the size is unknown.
    void update(std::uint64_t done, std::uint64_t total, std::uint64_t items);
    // Ends the line (once); called by the destructor too.
    void finish();

    bool drawing() const noexcept { return drawing_; }
    // Ctrl-C was pressed since this bar was made.
    static bool cancelled() noexcept;

private:
    std::string label_;
    bool drawing_ = false;
    bool drawn_ = false;
    int last_permille_ = -1;
    std::uint64_t last_items_ = 0;
    struct sigaction previous_ {};
};

} // namespace iro::cli
