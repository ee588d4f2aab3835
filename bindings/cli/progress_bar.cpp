#include "progress_bar.hpp"

#include <fmt/format.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace iro::cli {

namespace {

volatile std::sig_atomic_t interrupted = 0;

extern "C" void on_interrupt(int) { interrupted = 1; }

int terminal_columns() {
    winsize size{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

} // namespace

ProgressBar::ProgressBar(std::string label, bool quiet)
    : label_(std::move(label)), drawing_(!quiet && isatty(STDERR_FILENO) == 1) {
    interrupted = 0;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_);
}

ProgressBar::~ProgressBar() {
    finish();
    sigaction(SIGINT, &previous_, nullptr);
}

bool ProgressBar::cancelled() noexcept { return interrupted != 0; }

void ProgressBar::update(std::uint64_t done, std::uint64_t total, std::uint64_t items) {
    if (!drawing_) return;
    const int permille = total == 0 ? -1 : static_cast<int>(std::min<std::uint64_t>(1000, done * 1000 / total));
    if (drawn_ && permille == last_permille_ && (total != 0 || items == last_items_)) return;
    last_permille_ = permille;
    last_items_ = items;

    std::string line;
    if (total == 0) {
        line = fmt::format("{}  {} read", label_, items);
    } else {
        // label [#####.....]  45.3%  12345 read
        const int room = terminal_columns() - static_cast<int>(label_.size()) - 30;
        const int width = std::clamp(room, 10, 40);
        const int filled = permille * width / 1000;
        line = fmt::format("{} [{}{}] {:5.1f}%  {} read", label_, std::string(static_cast<std::size_t>(filled), '#'),
                           std::string(static_cast<std::size_t>(width - filled), '.'), permille / 10.0, items);
    }
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (drawn_) {
        std::fputc('\n', stderr);
        std::fflush(stderr);
        drawn_ = false;
    }
}

} // namespace iro::cli
