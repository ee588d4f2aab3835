#pragma once
// Timing and memory helpers shared by the side-by-side measures.

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/resource.h>

namespace iro::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs `work` and returns its wall time in seconds.
template <class F>
double time_it(F&& work) {
    const auto start = Clock::now();
    work();
    return seconds_since(start);
}

// The best of `repeats` runs: the least disturbed by other load on a shared machine.
template <class F>
double best_of(int repeats, F&& work) {
    double best = 0;
    for (int k = 0; k < repeats; ++k) {
        const double t = time_it(work);
        if (k == 0 || t < best) best = t;
    }
    return best;
}

// Peak resident set size of this process so far, in MiB.
inline double peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// A fresh copy of the empty-schema template, so every contender starts from the same file.
inline std::string fresh_copy(const std::filesystem::path& empty_template, const std::filesystem::path& target) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(target.string() + suffix);
    std::filesystem::copy_file(empty_template, target);
    return target.string();
}

} // namespace iro::bench
