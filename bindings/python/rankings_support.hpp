#pragma once
// Rankings in Python, shared by bind_rankings.cpp (classes, methods, office.rankings) and
// ranking_frames.cpp (the DataFrame side: reading tables of indicator scores, building
// Series and DataFrames of the answers).
//
// A table of indicator scores is a pandas DataFrame with one float column per indicator or
// component code (NaN for a missing score). Whole columns are converted at once; the
// library's maths then runs without the GIL.

#include "convert.hpp"
#include "office.hpp"

#include "iro/ranking_analysis.hpp"
#include "iro/ranking_home.hpp"
#include "iro/rankings.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro::python {

#define IRO_RANKING_BOUND_AS(Type, PyName)          \
    template <>                                      \
    struct BoundAs<Type> {                           \
        static constexpr bool bound = true;          \
        using type = Type;                           \
        static constexpr const char* name = PyName;  \
    };
IRO_RANKING_BOUND_AS(RankingIndicator, "RankingIndicator")
IRO_RANKING_BOUND_AS(RankBand, "RankBand")
IRO_RANKING_BOUND_AS(RankingBands, "RankingBands")
IRO_RANKING_BOUND_AS(Methodology, "Methodology")
IRO_RANKING_BOUND_AS(ScoredRow, "ScoredRow")
IRO_RANKING_BOUND_AS(WhatIfResult, "WhatIfResult")
IRO_RANKING_BOUND_AS(GapResult, "GapResult")
IRO_RANKING_BOUND_AS(RobustnessResult, "RobustnessResult")
IRO_RANKING_BOUND_AS(PublishedResult, "PublishedResult")
IRO_RANKING_BOUND_AS(HomeIndicators, "HomeIndicators")
#undef IRO_RANKING_BOUND_AS

// office.rankings: a thin handle on the shared core, made on each access.
struct RankingsView {
    std::shared_ptr<OfficeCore> core;
};

namespace ranking {

// A DataFrame of indicator scores read into the library's table.
struct FrameTable {
    // columns.names: per row, the name column's value or the index label as text;
    // columns.columns: the code columns, by code, NaN where a score is missing.
    ScoreColumns columns;
    std::vector<TableRow> rows;  // the same table row by row (when read with rows)
    py::object index;            // the frame's index, to align answers with it
    py::object name_list;        // the name column's values as a list of str, when read from one
};

// Reads every column of `df` named after an indicator or component code of `m` (other
// columns are ignored). Names come from `name_column` when given, else from the index.
// ArgumentTypeError for something that is not a DataFrame or a column that is not numbers;
// ValidationError when no column is a code, for an infinite score or a bad name column.
// Without `with_names` the rows are left unnamed (the totals alone need no names); without
// `with_rows` only the columns are filled (score_table reads them as they are).
FrameTable read_table(const Methodology& m, py::handle df, py::handle name_column, bool with_names = true,
                      bool with_rows = true);

// Finds `row` (an index label, or a value of name_column when given) and renames every
// other row to a unique stand-in, so that the library's by-name lookup finds exactly that
// row. Returns its position. NotFoundError when absent, ValidationError when it is not unique.
std::size_t select_row(FrameTable& table, py::handle df, py::handle row, py::handle name_column);

// `m` with bounds=(scale_min, scale_max) applied; None keeps the methodology's own.
Methodology with_bounds(Methodology m, py::handle bounds);

// The answers as pandas objects, aligned to the table's index where they are per row.
py::object overall_series(const std::vector<ScoredRow>& scored, const FrameTable& table);
py::object scored_frame(const std::vector<ScoredRow>& scored, const FrameTable& table);
py::object sensitivity_frame(const Methodology& m, const std::vector<IndicatorSensitivity>& rows);
py::object rank_series(const Methodology& m, py::handle scores);
py::object band_labels(const Methodology& m, py::handle ranks, py::handle tied);
py::object what_if_frame(const WhatIfResult& r);
py::object gap_frame(const GapResult& r);
py::object robustness_frame(const RobustnessResult& r);
py::object indicator_frame(const Methodology& m);

// Published results: institution, institution_id, rank, rank_first, rank_last, tied,
// overall, then one column per score code (`order` first, the others by code).
py::object results_frame(const std::vector<PublishedResult>& results, const std::vector<std::string>& order);
py::object benchmark_frame(const std::vector<BenchmarkRow>& rows);

// Where one institution stood in each stored table of a system.
struct TrajectoryPoint {
    int year = 0;
    std::string institution;
    std::string rank;
    std::optional<double> overall;
};
py::object trajectory_frame(const std::vector<TrajectoryPoint>& points);
py::object home_figures_frame(const std::vector<std::pair<int, std::map<std::string, double>>>& years);

// Dicts of code -> number, both ways.
py::dict number_map_to_py(const std::map<std::string, double>& values);
std::map<std::string, double> number_map_from_py(py::handle h, std::string_view field);

} // namespace ranking

} // namespace iro::python
