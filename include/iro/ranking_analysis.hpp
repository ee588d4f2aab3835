#pragma once
// Ranking maths over a table of indicator scores: totals, ranks and bands as a methodology
// forms them, and the questions an office asks of them: what if a score changed, what is
// one more point worth, what is the cheapest way to a target rank, how much do the ranks
// depend on the weights, and how the home institution compares with its peers.
//
// Every function validates the methodology and the table first. Totals and ranks are
// computed in a fixed order, so the same input always gives the same output.

#include "iro/ranking_methodology.hpp"
#include "iro/ranking_results.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

// One institution's indicator scores. A code may be an indicator or a component of the
// methodology; an absent code and a code mapped to none are both missing.
struct TableRow {
    std::string name;
    std::map<std::string, std::optional<double>> scores;

    friend bool operator==(const TableRow&, const TableRow&) = default;
};

// The rows of published results, scores as they are.
std::vector<TableRow> to_table(const std::vector<PublishedResult>& results);

struct ScoredRow {
    std::string name;
    std::optional<double> weighted_sum;  // S; none when the row was refused
    std::optional<double> total;         // after scaling, unrounded
    std::optional<double> rounded_total; // rounded to the methodology's total_decimals
    std::optional<int> rank;             // competition rank: 1, 2, 2, 4
    bool tied = false;                   // another row shares the rank
    std::string label;                   // "12", "=12", "101-150"; "" when unranked or unlisted
    std::string refused;                 // why the row was not scored (MissingTreatment::Refuse)

    friend bool operator==(const ScoredRow&, const ScoredRow&) = default;
};

// `value` rounded half away from zero to `decimals` (0 to 6). A decimal half computed with
// binary error (37.65 held as 37.6499...) still rounds up: the value is first nudged by a
// relative 1e-12.
double round_total(double value, int decimals);

// Competition ranks of `totals` compared at `decimals`: 1 + the number of totals strictly
// higher once rounded. Ties share a rank and the next rank is skipped.
std::vector<int> competition_ranks(const std::vector<double>& totals, int decimals);

// Scores every row, in the table's order. Rows refused for a missing indicator are
// returned unranked and do not count for the scaling of the others.
// ValidationError: an invalid methodology, a code the methodology does not have, a score
// that is not finite, or (MinMaxRescaled) a set bound on the wrong side of the table.
std::vector<ScoredRow> score_table(const Methodology& methodology, const std::vector<TableRow>& table);

// One code's scores down a table held column by column: one score per row, NaN where the
// row has none.
struct ScoreColumn {
    std::string code;  // an indicator or component of the methodology
    std::vector<double> scores;

    friend bool operator==(const ScoreColumn&, const ScoreColumn&) = default;
};

// A table of indicator scores held column by column, as a DataFrame holds it. Row k is
// named names[k] and has, for each column, that column's k-th score unless it is NaN.
struct ScoreColumns {
    std::vector<std::string> names;
    std::vector<ScoreColumn> columns;

    friend bool operator==(const ScoreColumns&, const ScoreColumns&) = default;
};

// score_table of the rows the columns hold, with the same results, without a map per row
// (Methodology.score_table and overall in Python use it). ValidationError as score_table,
// naming "columns[k].code" for a code the methodology does not have or that another column
// has too, "columns[k].scores" for a column whose length is not the number of names, and
// "columns[k].scores[i]" for an infinite score.
std::vector<ScoredRow> score_columns(const Methodology& methodology, const ScoreColumns& table);

// Scores `row` as if it were in `table` (replacing a row of the same name). A refused row
// is a ValidationError here, since there is nothing to return.
ScoredRow score_against(const Methodology& methodology, const std::vector<TableRow>& table, const TableRow& row);

// --- what-if --------------------------------------------------------------------------------

struct WhatIfResult {
    ScoredRow before;
    ScoredRow after;

    friend bool operator==(const WhatIfResult&, const WhatIfResult&) = default;
};

// The row named `row` (it must appear once in the table) with the changed scores (code ->
// new score) among the same table. Set MinMaxRescaled bounds stay fixed; a scale taken from
// the table (the top for ScaledToTop, unset bounds) moves with the changed row.
// ValidationError for an unknown code, a non-finite score, or a component of an indicator
// the row scores directly (the component would not count); NotFoundError for an unknown row.
WhatIfResult what_if(const Methodology& methodology, const std::vector<TableRow>& table, std::string_view row,
                     const std::map<std::string, double>& changes);

// One scenario of what_if_many: a row and its changed scores.
struct WhatIfScenario {
    std::string row;
    std::map<std::string, double> changes;

    friend bool operator==(const WhatIfScenario&, const WhatIfScenario&) = default;
};

// what_if for many scenarios on one table: the table is prepared and summed once, and each
// scenario recomputes only its own row, so a thousand scenarios cost about as much as
// scoring the table a few times. Each result equals what_if of that scenario alone; any
// invalid scenario refuses the whole call (the error names it: "scenarios[3].changes").
std::vector<WhatIfResult> what_if_many(const Methodology& methodology, const std::vector<TableRow>& table,
                                       const std::vector<WhatIfScenario>& scenarios);
// The same on a table held column by column (see score_columns), with the same results and
// without a map per row; the columns' errors are those of score_columns.
std::vector<WhatIfResult> what_if_many(const Methodology& methodology, const ScoreColumns& table,
                                       const std::vector<WhatIfScenario>& scenarios);

// --- sensitivity ----------------------------------------------------------------------------

struct IndicatorSensitivity {
    std::string code;
    double weight = 0;
    // Total gained per +1 point of the indicator, at the row's current scores and with the
    // others fixed (the rate in the increasing direction where the scale moves with the row:
    // a row at the top of a ScaledToTop table stays at 100, so its rate is 0). None for a
    // missing indicator under Reweight: its first point changes every weight, not a rate.
    std::optional<double> per_point;

    friend bool operator==(const IndicatorSensitivity&, const IndicatorSensitivity&) = default;
};

// One entry per indicator, in the methodology's order. ValidationError for a refused row.
std::vector<IndicatorSensitivity> sensitivity(const Methodology& methodology, const std::vector<TableRow>& table,
                                              std::string_view row);

// --- gap to target --------------------------------------------------------------------------

// An indicator the office may raise, up to `limit` points.
struct GapLever {
    std::string code;
    double limit = 100;

    friend bool operator==(const GapLever&, const GapLever&) = default;
};

struct GapResult {
    bool feasible = false;
    std::string reason;                       // why not, when infeasible
    int target_rank = 0;                      // the rank to reach or beat
    double total_increase = 0;                // the sum of the point increases
    std::map<std::string, double> increases;  // code -> points added (raised indicators only)
    ScoredRow before;
    ScoredRow after;  // with the increases; when infeasible, with every lever at its limit
    std::vector<GapLever> levers;              // the levers asked about, in the order given
    std::vector<std::optional<double>> current;  // the row's score per lever; none when missing

    friend bool operator==(const GapResult&, const GapResult&) = default;
};

// The smallest sum of point increases over `levers` that brings `row` to rank
// `target_rank` or better (a shared rank counts), the others' scores fixed.
//
// Method: the row's weighted sum is linear in its scores, so a budget of points buys the
// most by raising the lever with the largest effective weight first, up to its limit, then
// the next (greedy is optimal for a sum-of-increases cost with box limits). The rank only
// improves as the row's weighted sum grows — also when the row overtakes the top of a
// ScaledToTop table (it then has 100) or moves a table-derived MinMax bound — so the
// smallest sufficient budget is found by bisection down to adjacent doubles, each step
// ranked exactly as score_table does, rounding and ties included.
//
// Infeasible targets are reported with feasible = false and a reason, not thrown.
// ValidationError: no levers, a lever twice, a lever that is not an indicator, a limit that
// is not finite, a target below 1, a refused row, or (Reweight) a lever the row has no
// score for. NotFoundError for an unknown row.
GapResult gap_to_target(const Methodology& methodology, const std::vector<TableRow>& table, std::string_view row,
                        int target_rank, const std::vector<GapLever>& levers);

// The same with a published label as the target: "=12" and "12" mean rank 12, "101-150"
// means rank 150 or better, an open band ("1401+") is met by any ranked row.
GapResult gap_to_target(const Methodology& methodology, const std::vector<TableRow>& table, std::string_view row,
                        std::string_view target_label, const std::vector<GapLever>& levers);

// --- robustness -----------------------------------------------------------------------------

// Up to this many weighted indicators every corner of the perturbation box is scored.
inline constexpr std::size_t kRobustnessCornerLimit = 12;
// Beyond it: every single-indicator move plus this many corners drawn by std::mt19937_64
// seeded with kRobustnessSeed (the same corners on every platform).
inline constexpr std::size_t kRobustnessSamples = 4096;
inline constexpr unsigned long long kRobustnessSeed = 20250101ULL;

struct RobustnessResult {
    int rank = 0;  // with the methodology's weights
    int best_rank = 0;
    int worst_rank = 0;
    std::string best_label;
    std::string worst_label;
    std::map<std::string, double> best_weights;   // the first scenario reaching best_rank
    std::map<std::string, double> worst_weights;  // the first scenario reaching worst_rank
    std::size_t scenarios = 0;                    // weightings scored, the original included
    bool sampled = false;                         // true when the corners were sampled

    friend bool operator==(const RobustnessResult&, const RobustnessResult&) = default;
};

// The rank range of `row` when every indicator with a positive weight moves by -points or
// +points (percentage points of the weight sum; a weight does not go below 0), the
// weights then rescaled to their original sum. The range is taken over the corners of that
// box and the original weights. ValidationError for points that are negative, above 100 or
// not finite, and for a refused row.
RobustnessResult robustness(const Methodology& methodology, const std::vector<TableRow>& table, std::string_view row,
                            double points);

// --- peer benchmark -------------------------------------------------------------------------

struct BenchmarkRow {
    int year = 0;
    std::string institution;  // the peer, as named in the query
    std::string indicator;    // an indicator code, or "overall"
    std::optional<double> score;       // the peer's
    std::optional<double> home_score;
    std::optional<double> home_minus_peer;

    friend bool operator==(const BenchmarkRow&, const BenchmarkRow&) = default;
};

// Home against each peer, indicator by indicator, in every table (year ascending, then
// peers in the given order, then "overall" and the indicators in code order). Institutions
// are matched by name with case, accents and Arabic letter variants folded. `indicators`
// limits the codes (empty: every code home or the peer has). A pair with neither score is
// left out. NotFoundError when home or a peer is in none of the tables.
std::vector<BenchmarkRow> peer_benchmark(const std::vector<PublishedTable>& tables, std::string_view home,
                                         const std::vector<std::string>& peers,
                                         const std::vector<std::string>& indicators = {});

} // namespace iro
