#pragma once
// The scoring engine behind ranking_analysis.hpp (private to the library): a validated
// methodology, rows reduced to indicator values, and ranking with any set of weights.

#include "iro/ranking_analysis.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro::detail::scoring {

// A row's indicator values in the methodology's indicator order, components rolled up.
struct Values {
    std::string name;
    std::vector<std::optional<double>> x;
};

struct Sum {
    std::optional<double> s;
    std::string refused;  // why there is no sum
};

class Engine {
public:
    // Validates the methodology.
    explicit Engine(const Methodology& methodology);

    const Methodology& methodology() const { return m_; }
    const std::vector<double>& weights() const { return weights_; }
    std::string edition_text() const;

    // Checks codes and scores (ValidationError naming `field`) and rolls up components.
    Values prepare(const TableRow& row, const std::string& field) const;
    // prepare(row) with some scores replaced, for a row already prepared as table[at] and
    // changes already checked (what_if): the row is not copied to change it.
    Values prepare_changed(const TableRow& row, std::size_t at, const std::map<std::string, double>& changes) const;
    std::vector<Values> prepare(const std::vector<TableRow>& table) const;

    // Totals, ranks and labels of every row of `table`, exactly as rank(prepare(table)),
    // without keeping each row's values.
    std::vector<ScoredRow> score(const std::vector<TableRow>& table) const;
    // The same for a table held column by column (see score_columns).
    std::vector<ScoredRow> score(const ScoreColumns& table) const;

    // The columns of a table held column by column, checked as score_columns documents,
    // each with its slot. Points into the table, which must outlive it.
    struct ColumnSlots {
        std::size_t rows = 0;
        std::vector<std::pair<std::size_t, const std::vector<double>*>> read;  // slot, scores
    };
    ColumnSlots column_slots(const ScoreColumns& table) const;
    // The weighted sum of every row of those columns, as weighted_sums(prepare(rows)) gives it.
    std::vector<Sum> weighted_sums(const ColumnSlots& columns) const;
    // The weighted sum of row `at` with some scores replaced (changes checked already).
    Sum changed_sum(const ColumnSlots& columns, std::size_t at, const std::map<std::string, double>& changes) const;
    // Whether row `at` has a score of its own for the indicator `code` (not rolled up).
    bool has_score(const ColumnSlots& columns, std::size_t at, std::string_view code) const;

    // Index of the indicator (not component) with this code, or none.
    std::optional<std::size_t> indicator_index(std::string_view code) const;
    // Index of the component with this code, or none.
    std::optional<std::size_t> component_index(std::string_view code) const;
    // Throws ValidationError naming `field` unless `code` is an indicator or component.
    void check_code(std::string_view code, const std::string& field) const;

    Sum weighted_sum(const std::vector<double>& weights, const std::vector<std::optional<double>>& x) const;

    std::vector<Sum> weighted_sums(const std::vector<double>& weights, const std::vector<Values>& rows) const;

    // Turns weighted sums into totals for one table.
    struct Scale {
        TotalScaling kind = TotalScaling::WeightedSum;
        double a = 0;  // ScaledToTop: the top sum; MinMaxRescaled: the lower bound
        double b = 0;  // MinMaxRescaled: the upper bound
        double total(double s) const;
        friend bool operator==(const Scale&, const Scale&) = default;
    };
    Scale scale(const std::vector<Sum>& sums) const;

    // Totals, ranks and labels of every row with the given weights (same order as rows).
    std::vector<ScoredRow> rank(const std::vector<Values>& rows, const std::vector<double>& weights) const;
    std::vector<ScoredRow> rank(const std::vector<Values>& rows) const { return rank(rows, weights_); }
    // Only the rank of row `at` (none when refused), without building every row: the
    // analysis loops call this many times. Same arithmetic as rank().
    std::optional<int> rank_of(const std::vector<Sum>& sums, std::size_t at) const;
    // Row `at` exactly as rank() scores it, without building the other rows.
    ScoredRow score_row(const std::string& name, const std::vector<Sum>& sums, std::size_t at) const;

    // The rounding keys of a table under its own scale, sorted, so that many single-row
    // changes can be ranked by binary search while the scale stays the same.
    struct RankedKeys {
        Scale scale;
        std::vector<std::optional<double>> key_of;  // per row; none when refused
        std::vector<double> sorted;                 // descending
        // The rows of the two highest and the two lowest sums, and whether they stand for
        // the table's extremes (no sum is NaN): the scale with one row changed then needs
        // no pass over the table.
        std::array<std::optional<std::size_t>, 2> top, bottom;
        bool extremes = false;
    };
    RankedKeys ranked_keys(const std::vector<Sum>& sums) const;
    // score_row of `sums` where only row `at` differs from the sums `base` was made from.
    ScoredRow score_changed_row(const std::string& name, const std::vector<Sum>& sums, std::size_t at, const RankedKeys& base) const;

    // The bounds a MinMaxRescaled total uses for these sums (set or from the table).
    std::pair<double, double> min_max_bounds(const std::vector<Sum>& sums) const;
    // The same from the lowest and highest sum (`any`: there is a sum at all).
    std::pair<double, double> bounds_of(bool any, double lo, double hi) const;

private:
    // A row's scores by slot: indicator k at k, component c at indicators.size() + c.
    using Slots = std::vector<std::optional<double>>;
    // Checks the row's codes and scores as prepare() documents and fills `slots` (cleared
    // first); the field is `*field`, or "table[at]" when `field` is null.
    void read_slots(const TableRow& row, const std::string* field, std::size_t at, Slots& slots) const;
    // Puts changed scores (checked already) into their slots.
    void apply_changes(const std::map<std::string, double>& changes, Slots& slots) const;
    // The slots of row `at` of some columns (cleared first).
    void column_row_slots(const ColumnSlots& columns, std::size_t at, Slots& slots) const;
    // The slot of a code, or none.
    std::optional<std::size_t> slot_of(std::string_view code) const;
    // The indicator values of a row from its slots, components rolled up.
    void values_of(const Slots& slots, std::vector<std::optional<double>>& x) const;
    std::optional<double> roll_up(std::size_t indicator, const Slots& slots) const;
    // Totals, ranks and labels from the weighted sums; names are left empty.
    std::vector<ScoredRow> scored_rows(const std::vector<Sum>& sums) const;
    // scale(sums) where only row `at` differs from the sums `base` was made from.
    Scale changed_scale(const std::vector<Sum>& sums, std::size_t at, const RankedKeys& base) const;
    // rank_label(m_.bands, rank, tied), with the band texts made once.
    std::string label(int rank, bool tied) const;
    // round_total(total, m_.total_decimals).
    double rounded(double total) const;

    Methodology m_;
    std::vector<double> weights_;
    std::vector<std::vector<std::size_t>> components_of_;  // per indicator
    // Every code with its slot, sorted by code as a TableRow's scores are.
    std::vector<std::pair<std::string, std::size_t>> slot_of_;
    std::vector<std::string> band_texts_;  // per band of m_.bands
    double total_divisor_ = 1;             // 10^total_decimals, as round_total divides
};

// The index of the row named `name`: NotFoundError when absent, ValidationError when it
// appears more than once.
std::size_t find_row(const std::vector<TableRow>& table, std::string_view name);

// The rounding key of a total: the total times 10^decimals, rounded (see round_total).
double rounding_key(double value, int decimals);

} // namespace iro::detail::scoring
