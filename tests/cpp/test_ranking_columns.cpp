// Scoring a table held column by column (score_columns) against the same table row by row
// (score_table), and both against the public helpers that define totals, ranks and labels
// one at a time (round_total, competition_ranks, rank_label), on large random tables of
// every built-in edition and missing-score treatment, with many ties and banded ranks.
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

using namespace iro;
using Catch::Matchers::Contains;

namespace {
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

Methodology two() {
    Methodology m;
    m.system = "TEST";
    m.year = 2025;
    m.indicators = {{"a", "A", 0.6, ""}, {"b", "B", 0.4, ""}};
    return m;
}

// A table with a column for every indicator and component code, about one score in ten
// missing; half the rows take their scores from a few round values, so totals often tie.
ScoreColumns random_columns(const Methodology& m, std::size_t rows, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> fine(0.0, 100.0), chance(0.0, 1.0);
    std::uniform_int_distribution<int> coarse(0, 4);
    ScoreColumns t;
    for (std::size_t i = 0; i < rows; ++i) t.names.push_back("Row " + std::to_string(i));
    for (const auto* list : {&m.indicators, &m.components})
        for (const auto& indicator : *list) {
            ScoreColumn c{indicator.code, {}};
            for (std::size_t i = 0; i < rows; ++i) {
                const double score = i % 2 == 0 ? 25.0 * coarse(rng) : std::round(fine(rng) * 10) / 10;
                c.scores.push_back(chance(rng) < 0.1 ? kMissing : score);
            }
            t.columns.push_back(std::move(c));
        }
    return t;
}

std::vector<TableRow> rows_of(const ScoreColumns& t) {
    std::vector<TableRow> out;
    for (std::size_t i = 0; i < t.names.size(); ++i) {
        TableRow row{t.names[i], {}};
        for (const auto& c : t.columns)
            if (!std::isnan(c.scores[i])) row.scores.emplace(c.code, c.scores[i]);
        out.push_back(std::move(row));
    }
    return out;
}

// Totals, ranks and labels as the public helpers give them one at a time.
void check_against_helpers(const Methodology& m, const std::vector<ScoredRow>& scored) {
    std::vector<double> totals;
    for (const auto& r : scored)
        if (r.total) totals.push_back(*r.total);
    const auto ranks = competition_ranks(totals, m.rank_decimals);
    std::map<int, int> count;
    for (int r : ranks) ++count[r];
    std::size_t k = 0;
    for (const auto& r : scored) {
        if (!r.total) {
            CHECK_FALSE(r.rank);
            CHECK(r.label.empty());
            CHECK_FALSE(r.refused.empty());
            continue;
        }
        CHECK(r.rounded_total == round_total(*r.total, m.total_decimals));
        REQUIRE(r.rank);
        CHECK(*r.rank == ranks[k]);
        CHECK(r.tied == (count[ranks[k]] > 1));
        CHECK(r.label == rank_label(m.bands, *r.rank, r.tied));
        ++k;
    }
}

// Equal rows, a NaN total equal to a NaN total.
bool same_rows(const std::vector<ScoredRow>& a, const std::vector<ScoredRow>& b) {
    const auto same = [](const std::optional<double>& x, const std::optional<double>& y) {
        return x.has_value() == y.has_value() && (!x || *x == *y || (std::isnan(*x) && std::isnan(*y)));
    };
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || !same(a[i].weighted_sum, b[i].weighted_sum) || !same(a[i].total, b[i].total) ||
            !same(a[i].rounded_total, b[i].rounded_total) || a[i].rank != b[i].rank || a[i].tied != b[i].tied ||
            a[i].label != b[i].label || a[i].refused != b[i].refused)
            return false;
    return true;
}

template <class Fn>
std::string message_of(Fn&& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}
} // namespace

TEST_CASE("score_columns scores like score_table in every built-in edition and missing treatment", "[ranking]") {
    std::uint64_t seed = 1;
    bool banded = false, tied = false, refused = false;
    for (const auto& edition : builtin_editions()) {
        for (const auto missing : {MissingTreatment::Zero, MissingTreatment::Reweight, MissingTreatment::Refuse}) {
            auto m = methodology(edition.system, edition.year);
            m.missing = missing;
            const auto columns = random_columns(m, 1200, seed++);
            const auto rows = rows_of(columns);
            const auto by_rows = message_of([&] { (void)score_table(m, rows); });
            const auto by_columns = message_of([&] { (void)score_columns(m, columns); });
            INFO(edition.system << " " << edition.year << " " << to_string(missing));
            REQUIRE(by_columns == by_rows);
            if (!by_rows.empty()) continue;  // a set bound the random table crosses: refused alike
            const auto scored = score_columns(m, columns);
            CHECK(scored == score_table(m, rows));
            check_against_helpers(m, scored);
            for (std::size_t i = 0; i < scored.size(); ++i) CHECK(scored[i].name == columns.names[i]);
            for (const auto& r : scored) {
                banded = banded || (r.rank && m.bands.exact_up_to && *r.rank > *m.bands.exact_up_to && !r.label.empty());
                tied = tied || r.tied;
                refused = refused || !r.refused.empty();
            }
        }
    }
    // The tables reached every branch of the ranking.
    CHECK(banded);
    CHECK(tied);
    CHECK(refused);
}

TEST_CASE("score_columns treats NaN as missing and an absent column as missing everywhere", "[ranking]") {
    const auto m = two();
    const ScoreColumns t{{"A", "B", "C"}, {{"b", {50, kMissing, 20}}}};
    const std::vector<TableRow> rows = {{"A", {{"b", 50}}}, {"B", {}}, {"C", {{"b", 20}}}};
    const auto scored = score_columns(m, t);
    CHECK(scored == score_table(m, rows));
    CHECK(*scored[0].total == Approx(20));
    CHECK(*scored[1].total == 0);
    CHECK(*scored[2].rank == 2);
    CHECK(score_columns(m, ScoreColumns{}).empty());
    CHECK(score_columns(m, ScoreColumns{{"A", "B"}, {}}) == score_table(m, {{"A", {}}, {"B", {}}}));
}

TEST_CASE("score_columns refuses bad columns and names them", "[ranking][errors]") {
    const auto m = two();
    const auto refused = [&](const ScoreColumns& t, const std::string& message) {
        CHECK_THROWS_AS(score_columns(m, t), ValidationError);
        CHECK_THROWS_WITH(score_columns(m, t), Contains(message));
    };
    refused({{"A"}, {{"a", {1}}, {"c", {2}}}}, "invalid columns[1].code 'c': expected an indicator or component of TEST 2025: a, b");
    refused({{"A"}, {{"a", {1}}, {"a", {2}}}}, "invalid columns[1].code 'a': expected a code no other column has");
    refused({{"A", "B", "C"}, {{"a", {1, 2}}}}, "invalid columns[0].scores '2 scores': expected one score per name (3)");
    refused({{"A", "B"}, {{"b", {1, INFINITY}}}}, "invalid columns[0].scores[1] 'inf': expected a finite score, or NaN for a missing one");
    refused({{"A"}, {{"b", {-INFINITY}}}}, "invalid columns[0].scores[0] '-inf'");
    // The methodology is checked first, as score_table checks it.
    auto bad = m;
    bad.total_decimals = 7;
    CHECK_THROWS_WITH(score_columns(bad, {{"A"}, {{"c", {1}}}}), Contains("invalid total_decimals '7'"));
}

TEST_CASE("weighted sums too large for a double rank alike in rows and columns", "[ranking]") {
    // Weights in percent: scores near the largest double make a sum overflow to infinity,
    // and a min-max total of infinity is NaN.
    auto m = two();
    m.indicators[0].weight = 60;
    m.indicators[1].weight = 40;
    m.scaling = TotalScaling::MinMaxRescaled;
    auto t = random_columns(m, 50, 99);
    for (auto& c : t.columns) c.scores[3] = c.scores[7] = 1e307;
    const auto scored = score_columns(m, t);
    CHECK(same_rows(scored, score_table(m, rows_of(t))));
    CHECK(std::isinf(*scored[3].weighted_sum));
    CHECK(std::isnan(*scored[3].total));
    for (const auto& r : scored) CHECK(r.rank);
}

TEST_CASE("what_if_many gives each row as score_table gives it in the changed table", "[ranking]") {
    // Scenarios that move a row past the top or the bottom change a scale taken from the
    // table; the others leave it alone.
    std::mt19937_64 rng(17);
    for (const auto scaling : {TotalScaling::MinMaxRescaled, TotalScaling::ScaledToTop, TotalScaling::WeightedSum}) {
        for (const auto missing : {MissingTreatment::Zero, MissingTreatment::Refuse}) {
            auto m = methodology("QS-WUR", 2026);
            m.scaling = scaling;
            m.missing = missing;
            if (scaling != TotalScaling::MinMaxRescaled) m.bands = {};
            const auto columns = random_columns(m, 300, rng());
            const auto table = rows_of(columns);
            const auto scored = score_table(m, table);
            // The rows at the top and at the bottom, which hold the scale.
            std::size_t top = 0, bottom = 0;
            for (std::size_t i = 0; i < scored.size(); ++i) {
                if (!scored[i].rank) continue;
                if (!scored[top].rank || *scored[i].weighted_sum > *scored[top].weighted_sum) top = i;
                if (!scored[bottom].rank || *scored[i].weighted_sum < *scored[bottom].weighted_sum) bottom = i;
            }
            std::vector<WhatIfScenario> scenarios;
            std::uniform_int_distribution<std::size_t> pick_row(0, table.size() - 1), pick_code(0, m.indicators.size() - 1);
            for (int k = 0; k < 200; ++k) {
                const auto at = k % 10 == 5 ? top : k % 10 == 6 ? bottom : pick_row(rng);
                WhatIfScenario s{table[at].name, {}};
                const double score = k % 4 == 0 ? 1000.0 : k % 4 == 1 ? -1000.0 : static_cast<double>(rng() % 1001) / 10;
                for (int j = 0; j < 1 + k % 3; ++j) s.changes[m.indicators[pick_code(rng)].code] = score;
                scenarios.push_back(std::move(s));
            }
            const auto results = what_if_many(m, table, scenarios);
            REQUIRE(results.size() == scenarios.size());
            for (std::size_t k = 0; k < scenarios.size(); ++k) {
                const auto at = static_cast<std::size_t>(std::stoi(scenarios[k].row.substr(4)));
                auto changed = table;
                for (const auto& [code, score] : scenarios[k].changes) changed[at].scores[code] = score;
                INFO(to_string(scaling) << " " << to_string(missing) << " scenario " << k);
                CHECK(results[k].before == scored[at]);
                CHECK(results[k].after == score_table(m, changed)[at]);
            }
        }
    }
}

TEST_CASE("what_if_many on columns gives what it gives on the same rows", "[ranking]") {
    // THE has components: a change to one counts only where its pillar has no score of its own.
    const auto m = methodology("THE-WUR", 2024);
    const auto columns = random_columns(m, 200, 5);
    const auto rows = rows_of(columns);
    std::vector<std::string> codes;
    for (const auto* list : {&m.indicators, &m.components})
        for (const auto& i : *list) codes.push_back(i.code);
    std::mt19937_64 rng(3);
    std::vector<WhatIfScenario> scenarios;
    int refused = 0;
    for (int k = 0; k < 300; ++k) {
        WhatIfScenario s{columns.names[rng() % columns.names.size()], {}};
        for (int j = 0; j < 1 + k % 3; ++j) s.changes[codes[rng() % codes.size()]] = static_cast<double>(rng() % 1001) / 10;
        // Alone, each scenario is accepted by both forms alike, or refused with the same error.
        const auto by_rows = message_of([&] { what_if_many(m, rows, {s}); });
        INFO("scenario " << k << ": " << by_rows);
        CHECK(message_of([&] { what_if_many(m, columns, {s}); }) == by_rows);
        if (by_rows.empty()) scenarios.push_back(std::move(s));
        else ++refused;
    }
    CHECK(refused > 0);  // a component of a pillar the row scores directly
    CHECK(scenarios.size() > 30);
    const auto expected = what_if_many(m, rows, scenarios);
    REQUIRE(expected.size() == scenarios.size());
    CHECK(what_if_many(m, columns, scenarios) == expected);

    CHECK_THROWS_AS(what_if_many(m, columns, {{"nobody", {}}}), NotFoundError);
    auto twice = columns;
    twice.names[1] = twice.names[0];
    try {
        what_if_many(m, twice, {{"Row 2", {}}, {twice.names[0], {}}});
        FAIL("accepted a name that appears twice");
    } catch (const ValidationError& e) {
        CHECK(e.field() == "scenarios[1].row");
    }
    auto unknown_code = columns;
    unknown_code.columns[0].code = "nope";
    CHECK_THAT(message_of([&] { what_if_many(m, unknown_code, {}); }), Catch::Matchers::Contains("columns[0].code"));
}
