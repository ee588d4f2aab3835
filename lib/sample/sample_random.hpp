#pragma once
// The sample generator's random numbers (private to the library). std::mt19937_64 is fully
// specified by the standard, but std::uniform_int_distribution and friends are not: each
// standard library draws differently. These helpers turn the engine's output into values with
// our own code, so a seed gives the same sample data everywhere.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <span>
#include <utility>
#include <vector>

namespace iro::detail {

class SampleRandom {
public:
    explicit SampleRandom(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, n), n > 0. Draws below 2^64 mod n are rejected so that every value is
    // equally likely.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t skip = (std::numeric_limits<std::uint64_t>::max() - n + 1) % n;
        for (;;) {
            const std::uint64_t x = engine_();
            if (x >= skip) return x % n;
        }
    }

    // Uniform in [lo, hi], lo <= hi.
    int between(int lo, int hi) {
        const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
        return static_cast<int>(lo + static_cast<std::int64_t>(below(span)));
    }

    // True with the given probability in percent.
    bool chance(int percent) { return between(1, 100) <= percent; }

    std::size_t index(std::size_t size) { return static_cast<std::size_t>(below(size)); }

    template <class T>
    const T& pick(const std::vector<T>& values) {
        return values[index(values.size())];
    }

    template <class T>
    const T& pick(std::span<const T> values) {
        return values[index(values.size())];
    }

    // An index drawn with the given relative weights (not all zero).
    std::size_t weighted(std::span<const int> weights) {
        std::uint64_t total = 0;
        for (int w : weights) total += static_cast<std::uint64_t>(w);
        std::uint64_t x = below(total);
        for (std::size_t k = 0; k < weights.size(); ++k) {
            const auto w = static_cast<std::uint64_t>(weights[k]);
            if (x < w) return k;
            x -= w;
        }
        return weights.size() - 1;
    }

    // Fisher-Yates, with our own index draws.
    template <class T>
    void shuffle(std::vector<T>& values) {
        for (std::size_t k = values.size(); k > 1; --k) std::swap(values[k - 1], values[index(k)]);
    }

private:
    std::mt19937_64 engine_;
};

} // namespace iro::detail
