#pragma once
// Rank labels as editions publish them: exact ranks ("12"), shared ranks ("=12"), bands
// ("801-850") and open bands ("1401+"), and the banding rules that produce them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

// Ranks first..last share one published label "first-last"; an open band has no last
// ("1401+").
struct RankBand {
    int first = 1;
    std::optional<int> last;

    friend bool operator==(const RankBand&, const RankBand&) = default;
};

// How a rank is published. Ranks up to exact_up_to are shown as numbers (with "=" in front
// of a shared rank when mark_ties is set); later ranks are shown as the band they fall in.
// Bands follow each other without gaps from exact_up_to + 1; a rank past the last closed
// band gets an empty label (the edition does not list it).
struct RankingBands {
    std::optional<int> exact_up_to;  // none: every rank is exact and `bands` is empty
    std::vector<RankBand> bands;
    bool mark_ties = false;

    friend bool operator==(const RankingBands&, const RankingBands&) = default;
};

// Throws ValidationError naming `field` unless the bands follow the rules above.
void validate(const RankingBands& bands, std::string_view field = "bands");

// The published label of a rank: "12", "=12" (tied and mark_ties), "101-150", "1401+", or
// "" when the rank falls past the last closed band. ValidationError for a rank below 1.
std::string rank_label(const RankingBands& bands, int rank, bool tied = false);

// A published rank read back: "12" is {12, 12, false}, "=12" {12, 12, true}, "801-850"
// {801, 850, false}, "1401+" {1401, none, false}.
struct RankPosition {
    int first = 1;
    std::optional<int> last;
    bool tied = false;

    friend bool operator==(const RankPosition&, const RankPosition&) = default;
    bool exact() const { return last && *last == first; }
};

// Reads "12", "=12", "12=", "801-850" (an en dash is accepted too) and "1401+"; spaces
// around the text are ignored. ValidationError naming `field` for anything else.
RankPosition parse_rank(std::string_view text, std::string_view field = "rank");

// The canonical text of a position: "12", "=12", "801-850", "1401+".
std::string format_rank(const RankPosition& position);

} // namespace iro
