#include "iro/ranking_bands.hpp"

#include "iro/error.hpp"

#include <charconv>
#include <fmt/format.h>

namespace iro {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A positive decimal number with nothing else around it.
std::optional<int> positive_int(std::string_view s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || value < 1) return std::nullopt;
    return value;
}

std::string band_text(const RankBand& band) {
    return band.last ? fmt::format("{}-{}", band.first, *band.last) : fmt::format("{}+", band.first);
}
} // namespace

void validate(const RankingBands& bands, std::string_view field) {
    if (!bands.exact_up_to) {
        if (!bands.bands.empty())
            throw ValidationError(fmt::format("{}.exact_up_to", field), "none",
                                  "the last exact rank when bands are given (0 when every rank is banded)");
        return;
    }
    if (*bands.exact_up_to < 0)
        throw ValidationError(fmt::format("{}.exact_up_to", field), std::to_string(*bands.exact_up_to), "0 or more");
    int next = *bands.exact_up_to + 1;
    for (std::size_t k = 0; k < bands.bands.size(); ++k) {
        const auto& b = bands.bands[k];
        const auto name = fmt::format("{}.bands[{}]", field, k);
        if (b.first != next)
            throw ValidationError(name, band_text(b), fmt::format("a band starting at {}, right after the previous one", next));
        if (b.last && *b.last < b.first)
            throw ValidationError(name, band_text(b), "a last rank not below the first");
        if (!b.last && k + 1 != bands.bands.size())
            throw ValidationError(name, band_text(b), "an open band only at the end");
        if (b.last) next = *b.last + 1;
    }
}

std::string rank_label(const RankingBands& bands, int rank, bool tied) {
    if (rank < 1) throw ValidationError("rank", std::to_string(rank), "a rank of 1 or more");
    if (!bands.exact_up_to || rank <= *bands.exact_up_to)
        return tied && bands.mark_ties ? fmt::format("={}", rank) : std::to_string(rank);
    for (const auto& b : bands.bands)
        if (rank >= b.first && (!b.last || rank <= *b.last)) return band_text(b);
    return {};
}

RankPosition parse_rank(std::string_view text, std::string_view field) {
    const auto bad = [&]() {
        return ValidationError(std::string(field), std::string(text), "a rank or band such as 12, =12, 801-850 or 1401+");
    };
    auto s = trim(text);
    RankPosition p;
    if (s.starts_with('=')) {
        p.tied = true;
        s.remove_prefix(1);
    } else if (s.ends_with('=')) {
        p.tied = true;
        s.remove_suffix(1);
    }
    s = trim(s);
    if (s.ends_with('+')) {
        if (p.tied) throw bad();
        const auto first = positive_int(trim(s.substr(0, s.size() - 1)));
        if (!first) throw bad();
        p.first = *first;
        return p;
    }
    // Spreadsheets often carry an en dash (U+2013) where the publisher typed a hyphen.
    constexpr std::string_view en_dash = "\xE2\x80\x93";
    std::size_t dash = s.find('-');
    std::size_t dash_len = 1;
    if (dash == std::string_view::npos) {
        dash = s.find(en_dash);
        dash_len = en_dash.size();
    }
    if (dash == std::string_view::npos) {
        const auto rank = positive_int(s);
        if (!rank) throw bad();
        p.first = *rank;
        p.last = *rank;
        return p;
    }
    const auto first = positive_int(trim(s.substr(0, dash)));
    const auto last = positive_int(trim(s.substr(dash + dash_len)));
    if (!first || !last || *last < *first || p.tied) throw bad();
    p.first = *first;
    p.last = *last;
    return p;
}

std::string format_rank(const RankPosition& position) {
    if (!position.last) return fmt::format("{}+", position.first);
    if (*position.last != position.first) return fmt::format("{}-{}", position.first, *position.last);
    return position.tied ? fmt::format("={}", position.first) : std::to_string(position.first);
}

} // namespace iro
