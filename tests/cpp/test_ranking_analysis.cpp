// Ranking analysis on small tables solved by hand: scaling, ties, missing indicators,
// what-if, sensitivity, gap to target, robustness and the peer benchmark.
#include "test_support.hpp"

#include <cmath>

using namespace iro;
using Catch::Matchers::Contains;

namespace {
Methodology two(TotalScaling scaling = TotalScaling::WeightedSum) {
    Methodology m;
    m.system = "TEST";
    m.year = 2025;
    m.indicators = {{"a", "A", 0.6, ""}, {"b", "B", 0.4, ""}};
    m.scaling = scaling;
    return m;
}

TableRow row(std::string name, std::map<std::string, std::optional<double>> scores) { return {std::move(name), std::move(scores)}; }

// S: A 80, B 70, C 20.
std::vector<TableRow> abc() {
    return {row("A", {{"a", 100}, {"b", 50}}), row("B", {{"a", 50}, {"b", 100}}), row("C", {{"a", 20}, {"b", 20}})};
}

std::vector<double> totals(const std::vector<ScoredRow>& rows) {
    std::vector<double> out;
    for (const auto& r : rows) out.push_back(r.total.value_or(-1));
    return out;
}

std::vector<int> ranks(const std::vector<ScoredRow>& rows) {
    std::vector<int> out;
    for (const auto& r : rows) out.push_back(r.rank.value_or(0));
    return out;
}

template <class Fn>
void check_error(Fn&& fn, const std::string& message) {
    CHECK_THROWS_WITH(fn(), Contains(message));
}
} // namespace

TEST_CASE("weighted sum, scaled to the top and min-max rescaled totals", "[ranking]") {
    using Catch::Matchers::Approx;
    auto scored = score_table(two(), abc());
    CHECK_THAT(totals(scored), Approx(std::vector<double>{80, 70, 20}));
    CHECK(ranks(scored) == std::vector<int>{1, 2, 3});
    CHECK(*scored[0].weighted_sum == 80);

    scored = score_table(two(TotalScaling::ScaledToTop), abc());
    CHECK_THAT(totals(scored), Approx(std::vector<double>{100, 87.5, 25}));
    CHECK(*scored[1].weighted_sum == ::Approx(70));

    // Bounds from the table: Smin 20, Smax 80.
    scored = score_table(two(TotalScaling::MinMaxRescaled), abc());
    CHECK_THAT(totals(scored), Approx(std::vector<double>{100, 1 + 99.0 * 50 / 60, 1}));
    CHECK(*scored[1].rounded_total == 83.5);

    // Bounds over the whole analysed population, wider than this table.
    auto m = two(TotalScaling::MinMaxRescaled);
    m.scale_min = 0;
    m.scale_max = 100;
    CHECK_THAT(totals(score_table(m, abc())), Approx(std::vector<double>{80.2, 70.3, 20.8}));

    // One bound set, the other from the table: 1 + 99 * (80 - 20) / (100 - 20) = 75.25 -> 75.3.
    m.scale_min.reset();
    scored = score_table(m, abc());
    CHECK(*scored[0].total == ::Approx(75.25));
    CHECK(*scored[0].rounded_total == 75.3);

    m.scale_max.reset();
    m.scale_min = 85;
    check_error([&] { score_table(m, abc()); }, "invalid scale_min '85': expected a bound below the table's highest weighted sum (80)");
    m.scale_min.reset();
    m.scale_max = 10;
    check_error([&] { score_table(m, abc()); }, "invalid scale_max '10': expected a bound above the table's lowest weighted sum (20)");

    // Degenerate tables: nothing to spread or no positive top.
    const std::vector<TableRow> flat = {row("X", {{"a", 5}, {"b", 5}}), row("Y", {{"a", 5}, {"b", 5}})};
    CHECK_THAT(totals(score_table(two(TotalScaling::MinMaxRescaled), flat)), Approx(std::vector<double>{100, 100}));
    const std::vector<TableRow> zeros = {row("X", {{"a", 0}, {"b", 0}}), row("Y", {})};
    CHECK_THAT(totals(score_table(two(TotalScaling::ScaledToTop), zeros)), Approx(std::vector<double>{0, 0}));
    CHECK(score_table(two(), {}).empty());
}

TEST_CASE("rounding is half away from zero and ties share a competition rank", "[ranking]") {
    CHECK(round_total(37.65, 1) == 37.7);  // held as 37.649999...
    CHECK(round_total(0.15, 1) == 0.2);
    CHECK(round_total(-2.25, 1) == -2.3);
    CHECK(round_total(72.849, 1) == 72.8);
    CHECK(round_total(0.5, 0) == 1);
    CHECK(round_total(1.0005, 3) == 1.001);
    CHECK_THROWS_AS(round_total(1, 7), ValidationError);

    CHECK(competition_ranks({90.04, 90.01, 89.96, 80}, 1) == std::vector<int>{1, 1, 1, 4});
    CHECK(competition_ranks({90.04, 90.01, 89.96, 80}, 2) == std::vector<int>{1, 2, 3, 4});
    CHECK(competition_ranks({5, 7, 7, 9, 5}, 0) == std::vector<int>{4, 2, 2, 1, 4});
    CHECK(competition_ranks({}, 1).empty());
    CHECK_THROWS_MATCHES(competition_ranks({1, std::nan("")}, 1), ValidationError,
                         Catch::Message("invalid totals[1] 'nan': expected a finite number"));

    // Ties are decided on the total at rank_decimals; "=" marks them when the bands say so.
    Methodology m = two();
    m.bands.mark_ties = true;
    const std::vector<TableRow> t = {row("P", {{"a", 50.04}, {"b", 50.04}}), row("Q", {{"a", 50.01}, {"b", 50.01}}),
                                     row("R", {{"a", 49.9}, {"b", 49.9}})};
    auto scored = score_table(m, t);
    CHECK(ranks(scored) == std::vector<int>{1, 1, 3});
    CHECK(scored[0].tied);
    CHECK(scored[0].label == "=1");
    CHECK(scored[1].label == "=1");
    CHECK_FALSE(scored[2].tied);
    CHECK(scored[2].label == "3");
    m.rank_decimals = 0;  // 50, 50, 50
    CHECK(ranks(score_table(m, t)) == std::vector<int>{1, 1, 1});
    m.rank_decimals = 2;
    CHECK(ranks(score_table(m, t)) == std::vector<int>{1, 2, 3});
    CHECK(score_table(m, t)[0].rounded_total == 50.0);  // shown at total_decimals = 1
}

TEST_CASE("missing indicators: count as zero, re-weight, or refuse the row", "[ranking]") {
    Methodology m;
    m.system = "TEST";
    m.year = 2025;
    m.indicators = {{"a", "A", 0.5, ""}, {"b", "B", 0.3, ""}, {"c", "C", 0.2, ""}};
    const std::vector<TableRow> t = {row("X", {{"a", 80}, {"b", 60}, {"c", std::nullopt}}), row("Y", {{"a", 70}, {"b", 70}, {"c", 70}}),
                                     row("Z", {{"b", 10}})};

    m.missing = MissingTreatment::Zero;
    auto scored = score_table(m, t);
    CHECK(*scored[0].total == Approx(58));
    CHECK(*scored[2].total == Approx(3));

    const double complete = *scored[1].total;
    m.missing = MissingTreatment::Reweight;
    scored = score_table(m, t);
    CHECK(*scored[0].total == Approx(72.5));  // (40 + 18) / 0.8
    CHECK(*scored[1].total == complete);      // a complete row keeps its exact sum
    CHECK(*scored[2].total == Approx(10));
    CHECK(ranks(scored) == std::vector<int>{1, 2, 3});
    const std::vector<TableRow> empty_row = {row("E", {{"a", std::nullopt}})};
    CHECK(score_table(m, empty_row)[0].refused == "no weighted indicator has a score");

    m.missing = MissingTreatment::Refuse;
    scored = score_table(m, t);
    CHECK_FALSE(scored[0].total);
    CHECK_FALSE(scored[0].rank);
    CHECK(scored[0].label.empty());
    CHECK(scored[0].refused == "no score for 'c' (TEST 2025 refuses rows with a missing indicator)");
    CHECK(*scored[1].rank == 1);  // the refused rows do not count
    CHECK_FALSE(scored[2].rank);
    CHECK_THROWS_MATCHES(score_against(m, t, t[0]), ValidationError,
                         Catch::Message("invalid row 'X': expected a row the methodology can score: no score for 'c' (TEST 2025 "
                                        "refuses rows with a missing indicator)"));
    // An indicator weighing nothing may be missing even then.
    m.indicators[2].weight = 0;
    m.indicators[1].weight = 0.5;
    CHECK(score_table(m, t)[0].total == Approx(70));
}

TEST_CASE("an indicator without a score is formed from its components", "[ranking]") {
    const auto m = methodology("THE-WUR", 2024);
    const std::map<std::string, std::optional<double>> pillars = {
        {"research_environment", 60}, {"research_quality", 70}, {"industry", 50}, {"international_outlook", 40}};
    auto direct = row("Direct", pillars);
    direct.scores["teaching"] = (0.15 * 80 + 0.045 * 60 + 0.02 * 50 + 0.055 * 70 + 0.025 * 40) / 0.295;
    auto parts = row("Parts", pillars);
    for (const auto& [code, score] : std::map<std::string, double>{{"teaching_reputation", 80}, {"staff_student_ratio", 60},
                                                                   {"doctorate_bachelor_ratio", 50}, {"doctorate_staff_ratio", 70},
                                                                   {"institutional_income", 40}})
        parts.scores[code] = score;
    const auto scored = score_table(m, {direct, parts});
    CHECK(*scored[1].total == Approx(*scored[0].total).epsilon(1e-12));
    CHECK(*scored[0].total == Approx(20.55 + 0.29 * 60 + 0.30 * 70 + 0.04 * 50 + 0.075 * 40));

    // A pillar score of its own wins over its components.
    auto both = parts;
    both.scores["teaching"] = 0;
    CHECK(*score_table(m, {both})[0].total == Approx(0.29 * 60 + 0.30 * 70 + 0.04 * 50 + 0.075 * 40));

    // Missing components follow the methodology's treatment.
    auto some = row("Some", {{"teaching_reputation", 80}, {"staff_student_ratio", 60}});
    auto zero = m;
    CHECK(*score_table(zero, {some})[0].total == Approx(0.15 * 80 + 0.045 * 60));
    auto reweight = m;
    reweight.missing = MissingTreatment::Reweight;
    // teaching = (0.15 * 80 + 0.045 * 60) / 0.195; the other pillars missing: scaled to the full sum.
    CHECK(*score_table(reweight, {some})[0].total == Approx((0.15 * 80 + 0.045 * 60) / 0.195));
    auto refuse = m;
    refuse.missing = MissingTreatment::Refuse;
    some.scores.insert(pillars.begin(), pillars.end());
    CHECK(score_table(refuse, {some})[0].refused == "no score for 'teaching' (THE-WUR 2024 refuses rows with a missing indicator)");
}

TEST_CASE("tables with unknown codes or non-finite scores are refused", "[ranking][errors]") {
    check_error([] { score_table(two(), {row("A", {{"c", 1}})}); }, "invalid table[0].scores 'c': expected an indicator or component of TEST 2025: a, b");
    check_error([] { score_table(two(), {row("A", {{"a", 1}}), row("B", {{"a", std::nan("")}})}); },
                "invalid table[1].scores.a 'nan': expected a finite score or none");
    check_error([] { score_table(two(), {row("A", {{"b", INFINITY}})}); }, "invalid table[0].scores.b 'inf'");
    auto bad = two();
    bad.indicators[0].weight = -1;
    CHECK_THROWS_AS(score_table(bad, abc()), ValidationError);
    CHECK_THROWS_AS(score_against(two(), abc(), row("D", {{"z", 1}})), ValidationError);
}

TEST_CASE("one institution scored against a table", "[ranking]") {
    const auto home = row("Home", {{"a", 60}, {"b", 90}});  // S = 72
    auto r = score_against(two(), abc(), home);
    CHECK(*r.total == Approx(72));
    CHECK(*r.rank == 2);
    // A row of the same name is replaced, not doubled.
    r = score_against(two(TotalScaling::ScaledToTop), abc(), row("A", {{"a", 10}, {"b", 10}}));
    CHECK(*r.total == Approx(100.0 * 10 / 70));
    CHECK(*r.rank == 3);
}

TEST_CASE("what_if_many gives what_if of each scenario, and names a bad one", "[ranking]") {
    const std::vector<Methodology> methods = {two(), two(TotalScaling::ScaledToTop), two(TotalScaling::MinMaxRescaled)};
    const std::vector<WhatIfScenario> scenarios = {
        {"C", {{"a", 100}, {"b", 100}}}, {"B", {{"a", 60}}}, {"A", {{"a", 0}}}, {"C", {{"a", 60}, {"b", 90}}}, {"B", {}}};
    for (const auto& m : methods) {
        const auto many = what_if_many(m, abc(), scenarios);
        REQUIRE(many.size() == scenarios.size());
        for (std::size_t k = 0; k < scenarios.size(); ++k) {
            INFO(k);
            CHECK(many[k] == what_if(m, abc(), scenarios[k].row, scenarios[k].changes));
        }
        // A scenario with no change leaves the row as it is: before equals after.
        CHECK(many[4].before == many[4].after);
        // The result agrees with scoring the changed table in full.
        auto changed = abc();
        changed[2].scores = {{"a", 100}, {"b", 100}};
        CHECK(many[0].after == score_table(m, changed)[2]);
    }
    CHECK(what_if_many(two(), abc(), {}).empty());
    try {
        what_if_many(two(), abc(), {{"A", {{"a", 1}}}, {"B", {{"nope", 1}}}});
        FAIL("accepted an unknown code");
    } catch (const ValidationError& e) {
        CHECK_THAT(std::string(e.field()), Catch::Matchers::StartsWith("scenarios[1]."));
    }
    CHECK_THROWS_AS(what_if_many(two(), abc(), {{"Z", {}}}), NotFoundError);
}

TEST_CASE("what-if: new total, rank and band after changing scores", "[ranking]") {
    auto r = what_if(two(), abc(), "C", {{"a", 100}, {"b", 100}});
    CHECK(*r.before.rank == 3);
    CHECK(*r.after.total == Approx(100));
    CHECK(*r.after.rank == 1);
    CHECK(r.after.label == "1");

    // Scaled to the top: the changed row becomes the top and has 100; the old top falls to 80.
    const auto top = two(TotalScaling::ScaledToTop);
    r = what_if(top, abc(), "C", {{"a", 100}, {"b", 100}});
    CHECK(*r.after.total == 100);
    CHECK(*r.after.rank == 1);
    auto changed = abc();
    changed[2].scores = {{"a", 100}, {"b", 100}};
    CHECK(*score_table(top, changed)[0].total == Approx(80));
    r = what_if(top, abc(), "B", {{"a", 60}});  // S 76 < 80: the scale stays
    CHECK(*r.after.total == Approx(95));

    // Set bounds stay fixed, even when the row leaves them.
    auto bounded = two(TotalScaling::MinMaxRescaled);
    bounded.scale_min = 0;
    bounded.scale_max = 100;
    r = what_if(bounded, abc(), "C", {{"a", 150}, {"b", 100}});  // S 130
    CHECK(*r.after.total == Approx(129.7));
    // Bounds from the table move with the row.
    r = what_if(two(TotalScaling::MinMaxRescaled), abc(), "C", {{"a", 100}, {"b", 75}});  // S 90: the new Smax
    CHECK(*r.after.total == 100);
    CHECK(*r.before.total == 1);

    // Bands: a row moving across an edge.
    Methodology banded = two();
    banded.bands = {1, {{2, 3}}, false};
    r = what_if(banded, abc(), "C", {{"a", 60}, {"b", 90}});  // S 72: rank 2
    CHECK(r.before.label == "2-3");
    CHECK(r.after.label == "2-3");
    r = what_if(banded, abc(), "C", {{"a", 90}, {"b", 90}});  // S 90: rank 1
    CHECK(r.after.label == "1");

    // A component changes the total only when its indicator has no score of its own.
    const auto the = methodology("THE-WUR", 2024);
    const std::vector<TableRow> t = {row("P", {{"teaching_reputation", 50}}), row("Q", {{"teaching", 20}})};
    r = what_if(the, t, "P", {{"teaching_reputation", 90}});
    CHECK(*r.after.total == Approx(0.15 * 90));
    check_error([&] { what_if(the, t, "Q", {{"teaching_reputation", 90}}); },
                "invalid changes 'teaching_reputation': expected a score the total depends on: the row scores 'teaching' directly");
}

TEST_CASE("what-if errors name the row or the score", "[ranking][errors]") {
    CHECK_THROWS_MATCHES(what_if(two(), abc(), "Z", {{"a", 1}}), NotFoundError, Catch::Message("no ranking table row 'Z'"));
    auto doubled = abc();
    doubled.push_back(doubled[0]);
    CHECK_THROWS_MATCHES(what_if(two(), doubled, "A", {{"a", 1}}), ValidationError,
                         Catch::Message("invalid row 'A': expected a name that appears once in the table"));
    check_error([] { what_if(two(), abc(), "A", {{"q", 1}}); }, "invalid changes 'q': expected an indicator or component of TEST 2025");
    check_error([] { what_if(two(), abc(), "A", {{"a", std::nan("")}}); }, "invalid changes.a 'nan': expected a finite score");
}

TEST_CASE("sensitivity: total gained per indicator point", "[ranking]") {
    const auto per_point = [](const std::vector<IndicatorSensitivity>& s) {
        std::vector<double> out;
        for (const auto& x : s) out.push_back(x.per_point.value_or(-1));
        return out;
    };
    using Catch::Matchers::Approx;
    CHECK_THAT(per_point(sensitivity(two(), abc(), "B")), Approx(std::vector<double>{0.6, 0.4}));
    // 100 / max S = 100 / 80; the top row stays at 100 whatever it gains.
    const auto top = two(TotalScaling::ScaledToTop);
    CHECK_THAT(per_point(sensitivity(top, abc(), "B")), Approx(std::vector<double>{0.75, 0.5}));
    CHECK_THAT(per_point(sensitivity(top, abc(), "A")), Approx(std::vector<double>{0, 0}));
    // The rate matches a one-point what-if where the scale does not move.
    const auto step = what_if(top, abc(), "B", {{"a", 51}});
    CHECK(*step.after.total - *step.before.total == ::Approx(0.75));

    auto bounded = two(TotalScaling::MinMaxRescaled);
    bounded.scale_min = 0;
    bounded.scale_max = 100;
    CHECK_THAT(per_point(sensitivity(bounded, abc(), "A")), Approx(std::vector<double>{0.594, 0.396}));
    const auto table_bounds = two(TotalScaling::MinMaxRescaled);
    CHECK_THAT(per_point(sensitivity(table_bounds, abc(), "B")), Approx(std::vector<double>{0.99, 0.66}));
    CHECK_THAT(per_point(sensitivity(table_bounds, abc(), "A")), Approx(std::vector<double>{0, 0}));  // sets Smax
    CHECK_THAT(per_point(sensitivity(table_bounds, abc(), "C")), Approx(std::vector<double>{0, 0}));  // sets Smin

    Methodology m;
    m.system = "TEST";
    m.year = 2025;
    m.indicators = {{"a", "A", 0.5, ""}, {"b", "B", 0.3, ""}, {"c", "C", 0.2, ""}};
    m.missing = MissingTreatment::Reweight;
    const std::vector<TableRow> t = {row("X", {{"a", 80}, {"b", 60}})};
    const auto s = sensitivity(m, t, "X");
    REQUIRE(s.size() == 3);
    CHECK(s[0].code == "a");
    CHECK(s[0].weight == 0.5);
    CHECK(*s[0].per_point == ::Approx(0.625));
    CHECK(*s[1].per_point == ::Approx(0.375));
    CHECK_FALSE(s[2].per_point);

    m.missing = MissingTreatment::Refuse;
    CHECK_THROWS_AS(sensitivity(m, t, "X"), ValidationError);
    CHECK_THROWS_AS(sensitivity(m, t, "Y"), NotFoundError);
}

namespace {
Methodology three() {
    Methodology m;
    m.system = "TEST";
    m.year = 2025;
    m.indicators = {{"a", "A", 0.5, ""}, {"b", "B", 0.3, ""}, {"c", "C", 0.2, ""}};
    return m;
}

// S: T1 90, T2 80, T3 70, H 53.
std::vector<TableRow> ladder() {
    return {row("T1", {{"a", 90}, {"b", 90}, {"c", 90}}), row("T2", {{"a", 80}, {"b", 80}, {"c", 80}}),
            row("T3", {{"a", 70}, {"b", 70}, {"c", 70}}), row("H", {{"a", 60}, {"b", 50}, {"c", 40}})};
}

const std::vector<GapLever> kAll = {{"c", 100}, {"b", 100}, {"a", 100}};
} // namespace

TEST_CASE("gap to target: cheapest increases, greedy on weight per point", "[ranking]") {
    // Rank 2 means tying T2 at 80.0: a total of 79.95 rounds to it, so S must gain 26.95.
    // a (0.5 a point) fills its 40 points first (+20), then b gives the last 6.95 (23.17 points).
    auto g = gap_to_target(three(), ladder(), "H", 2, kAll);
    REQUIRE(g.feasible);
    CHECK(g.reason.empty());
    CHECK(g.target_rank == 2);
    // The levers asked about, in the order given, and the row's score for each.
    CHECK(g.levers == kAll);
    CHECK(g.current == std::vector<std::optional<double>>{40.0, 50.0, 60.0});
    CHECK(*g.before.rank == 4);
    CHECK(*g.after.rank == 2);
    CHECK(g.after.tied);
    CHECK(*g.after.rounded_total == 80.0);
    REQUIRE(g.increases.size() == 2);
    CHECK(g.increases.at("a") == Approx(40));
    CHECK(g.increases.at("b") == Approx(6.95 / 0.3).margin(1e-6));
    CHECK(g.total_increase == Approx(40 + 6.95 / 0.3).margin(1e-6));
    // Optimal: a hair less does not reach the target.
    auto short_of = ladder();
    short_of[3].scores = {{"a", 100}, {"b", 50 + 6.95 / 0.3 - 1e-6}, {"c", 40}};
    CHECK(*score_table(three(), short_of)[3].rank == 3);

    // Rank 1: tie T1 at 90.0 (S 89.95): a +40, b +50, then c 9.75.
    g = gap_to_target(three(), ladder(), "H", 1, kAll);
    REQUIRE(g.feasible);
    CHECK(g.increases.at("a") == Approx(40));
    CHECK(g.increases.at("b") == Approx(50));
    CHECK(g.increases.at("c") == Approx(9.75).margin(1e-6));
    CHECK(g.total_increase == Approx(99.75).margin(1e-6));
    CHECK(*g.after.rank == 1);

    // Limits cap each lever: with b capped at 60 the rest must come from c.
    g = gap_to_target(three(), ladder(), "H", 2, {{"a", 100}, {"b", 60}, {"c", 100}});
    REQUIRE(g.feasible);
    CHECK(g.increases.at("b") == Approx(10));
    CHECK(g.increases.at("c") == Approx((6.95 - 3) / 0.2).margin(1e-6));

    // Already there: nothing to add.
    g = gap_to_target(three(), ladder(), "H", 4, kAll);
    CHECK(g.feasible);
    CHECK(g.increases.empty());
    CHECK(g.total_increase == 0);
    CHECK(g.after == g.before);
}

TEST_CASE("gap to target: infeasible targets are reported, not thrown", "[ranking]") {
    const std::vector<GapLever> capped = {{"a", 70}, {"b", 60}, {"c", 100}};
    const auto g = gap_to_target(three(), ladder(), "H", 2, capped);  // at most S 53 + 5 + 3 + 12 = 73
    CHECK_FALSE(g.feasible);
    CHECK(g.reason ==
          "with every chosen indicator at its limit (a to 70, b to 60, c to 100) the total would be 73 and the rank 3; the target is "
          "rank 2 or better");
    CHECK(g.increases == std::map<std::string, double>{{"a", 10}, {"b", 10}, {"c", 60}});
    CHECK(g.total_increase == Approx(80));
    CHECK(*g.after.rank == 3);
    // A lever already at its limit, or weighing nothing, adds nothing.
    auto m = three();
    m.indicators[2].weight = 0;
    m.indicators[0].weight = 0.7;
    const auto none = gap_to_target(m, ladder(), "H", 1, {{"a", 60}, {"c", 100}});
    CHECK_FALSE(none.feasible);
    CHECK(none.increases.empty());
}

TEST_CASE("gap to target on a table scaled to its top", "[ranking]") {
    // P is the top (S 80, total 100), Q 70 (87.5), H 45 (56.25).
    auto m = two(TotalScaling::ScaledToTop);
    m.indicators = {{"a", "A", 0.5, ""}, {"b", "B", 0.5, ""}};
    const std::vector<TableRow> t = {row("P", {{"a", 100}, {"b", 60}}), row("Q", {{"a", 70}, {"b", 70}}), row("H", {{"a", 40}, {"b", 50}})};
    // Rank 1: H need not pass P. At S 79.96 its total is 100 * 79.96 / 80 = 99.95, which
    // rounds to 100.0 and ties P; beyond 80 H would be the top itself. So S gains 34.96: a +60
    // (the first lever of equal weight), b +9.92.
    auto g = gap_to_target(m, t, "H", 1, {{"a", 100}, {"b", 100}});
    REQUIRE(g.feasible);
    CHECK(g.increases.at("a") == Approx(60));
    CHECK(g.increases.at("b") == Approx(9.92).margin(1e-6));
    CHECK(g.total_increase == Approx(69.92).margin(1e-6));
    CHECK(*g.after.rank == 1);
    CHECK(g.after.tied);
    CHECK(*g.after.total < 100);
    // Passing P makes H the top at 100, whatever the limit allows beyond.
    const auto past = what_if(m, t, "H", {{"a", 100}, {"b", 90}});  // S 95
    CHECK(*past.after.total == 100);
    CHECK_FALSE(past.after.tied);

    // Rank 2: tie Q at 87.5 -> S 69.96 while P stays the top.
    g = gap_to_target(m, t, "H", 2, {{"b", 100}, {"a", 100}});
    REQUIRE(g.feasible);
    CHECK(g.increases.at("b") == Approx(49.92).margin(1e-6));
    CHECK_FALSE(g.increases.count("a"));

    // Min-max with set bounds [0, 100]: the total is 1 + 0.99 S; rank 1 needs 80.15 (S 79.9495).
    auto bounded = m;
    bounded.scaling = TotalScaling::MinMaxRescaled;
    bounded.scale_min = 0;
    bounded.scale_max = 100;
    g = gap_to_target(bounded, t, "H", 1, {{"a", 100}, {"b", 100}});
    REQUIRE(g.feasible);
    CHECK(g.total_increase == Approx(60 + (79.15 / 0.99 - 45 - 30) / 0.5).margin(1e-6));
    CHECK(*g.after.rounded_total == 80.2);
}

TEST_CASE("gap to a published band or label", "[ranking]") {
    auto m = three();
    m.bands = {1, {{2, 3}, {4, std::nullopt}}, true};
    auto g = gap_to_target(m, ladder(), "H", "2-3", kAll);  // rank 3 or better: tie T3 at 70.0
    REQUIRE(g.feasible);
    CHECK(g.target_rank == 3);
    CHECK(g.total_increase == Approx(16.95 / 0.5).margin(1e-6));
    CHECK(g.after.label == "2-3");
    g = gap_to_target(m, ladder(), "H", "=2", kAll);
    CHECK(g.target_rank == 2);
    g = gap_to_target(m, ladder(), "H", "4+", kAll);  // an open band: every rank is in it
    CHECK(g.feasible);
    CHECK(g.increases.empty());
    CHECK_THROWS_MATCHES(gap_to_target(m, ladder(), "H", "top", kAll), ValidationError,
                         Catch::Message("invalid target 'top': expected a rank or band such as 12, =12, 801-850 or 1401+"));
}

TEST_CASE("gap to target errors", "[ranking][errors]") {
    CHECK_THROWS_MATCHES(gap_to_target(three(), ladder(), "H", 1, {}), ValidationError,
                         Catch::Message("invalid levers '[]': expected at least one indicator to raise"));
    CHECK_THROWS_MATCHES(gap_to_target(three(), ladder(), "H", 0, kAll), ValidationError,
                         Catch::Message("invalid target_rank '0': expected a rank of 1 or more"));
    CHECK_THROWS_MATCHES(gap_to_target(three(), ladder(), "H", 1, {{"a", 100}, {"a", 90}}), ValidationError,
                         Catch::Message("invalid levers[1].code 'a': expected an indicator not already a lever"));
    CHECK_THROWS_MATCHES(gap_to_target(three(), ladder(), "H", 1, {{"d", 100}}), ValidationError,
                         Catch::Message("invalid levers[0].code 'd': expected an indicator of TEST 2025: a, b, c"));
    CHECK_THROWS_MATCHES(gap_to_target(three(), ladder(), "H", 1, {{"a", INFINITY}}), ValidationError,
                         Catch::Message("invalid levers[0].limit 'inf': expected a finite score"));
    CHECK_THROWS_AS(gap_to_target(methodology("THE-WUR", 2024), {row("H", {{"teaching", 1}})}, "H", 1, {{"patents", 100}}),
                    ValidationError);
    CHECK_THROWS_AS(gap_to_target(three(), ladder(), "Nobody", 1, kAll), NotFoundError);
    auto m = three();
    m.missing = MissingTreatment::Reweight;
    auto t = ladder();
    t[3].scores.erase("c");
    CHECK_THROWS_MATCHES(gap_to_target(m, t, "H", 1, {{"c", 100}}), ValidationError,
                         Catch::Message("invalid levers[0].code 'c': expected an indicator the row has a score for (under "
                                        "re-weighting a first score changes every weight)"));
    m.missing = MissingTreatment::Refuse;
    CHECK_THROWS_WITH(gap_to_target(m, t, "H", 1, kAll), Contains("invalid row 'H': expected a row the methodology can score"));
    // Under Zero a missing lever starts from 0.
    const auto g = gap_to_target(three(), t, "H", 3, {{"c", 100}});  // S 45 -> 69.95: c +124.75 is over the limit
    CHECK_FALSE(g.feasible);
}

TEST_CASE("robustness: the rank range over weight perturbations", "[ranking]") {
    Methodology m;
    m.system = "TEST";
    m.year = 2025;
    m.indicators = {{"a", "A", 0.5, ""}, {"b", "B", 0.5, ""}};
    // With (.5, .5): H 50, X 45, Y 45. With (.6, .4): H 60, X 36, Y 48. With (.4, .6): H 40, X 54, Y 42.
    const std::vector<TableRow> t = {row("H", {{"a", 100}, {"b", 0}}), row("X", {{"a", 0}, {"b", 90}}), row("Y", {{"a", 60}, {"b", 30}})};
    const auto r = robustness(m, t, "H", 10);
    CHECK(r.rank == 1);
    CHECK(r.best_rank == 1);
    CHECK(r.worst_rank == 3);
    CHECK(r.worst_label == "3");
    CHECK(r.worst_weights.at("a") == Approx(0.4));
    CHECK(r.worst_weights.at("b") == Approx(0.6));
    CHECK(r.best_weights == std::map<std::string, double>{{"a", 0.5}, {"b", 0.5}});
    CHECK(r.scenarios == 5);  // the original and four corners
    CHECK_FALSE(r.sampled);

    const auto small = robustness(m, t, "H", 4);  // (.46, .54): H 46, X 48.6 -> rank 2
    CHECK(small.worst_rank == 2);
    CHECK(robustness(m, t, "H", 0).worst_rank == 1);
    // Weights do not go below zero: +-60 points leaves (1.1, 0) -> (1, 0) and (0, 1.1) -> (0, 1).
    const auto wide = robustness(m, t, "X", 60);
    CHECK(wide.best_rank == 1);
    CHECK(wide.worst_rank == 3);

    for (double bad : {-1.0, 100.5, std::nan("")})
        CHECK_THROWS_WITH(robustness(m, t, "H", bad), Contains("expected 0 to 100 percentage points"));
    CHECK_THROWS_AS(robustness(m, t, "Q", 5), NotFoundError);
}

TEST_CASE("robustness samples corners deterministically for many indicators", "[ranking]") {
    Methodology m;
    m.system = "TEST";
    m.year = 2025;
    std::vector<TableRow> t = {row("H", {}), row("X", {}), row("Y", {})};
    for (int k = 0; k < 14; ++k) {
        const auto code = "i" + std::to_string(k);
        m.indicators.push_back({code, code, 1.0 / 14, ""});
        t[0].scores[code] = 50 + (k % 3) * 10;
        t[1].scores[code] = 40 + (k % 5) * 10;
        t[2].scores[code] = 90 - k * 5;
    }
    const auto r = robustness(m, t, "H", 5);
    CHECK(r.sampled);
    CHECK(r.scenarios == 1 + 2 * 14 + kRobustnessSamples);
    CHECK(r.best_rank <= r.rank);
    CHECK(r.worst_rank >= r.rank);
    CHECK(robustness(m, t, "H", 5) == r);
}

TEST_CASE("peer benchmark over years from published tables", "[ranking]") {
    const auto result = [](std::string name, const char* rank, std::optional<double> overall, std::map<std::string, double> scores) {
        return PublishedResult{std::move(name), std::nullopt, rank, overall, std::move(scores)};
    };
    const std::vector<PublishedTable> tables = {
        {{"QS-ARAB", 2025},
         {result("Palestine Polytechnic University", "120", 30.5, {{"ar", 20}, {"irn", 40}}),
          result("Birzeit University", "60", 45, {{"ar", 35}, {"irn", 30}}),
          result("An-Najah National University", "50", 48, {{"ar", 40}})}},
        {{"QS-ARAB", 2024},
         {result("Palestine Polytechnic University", "131-140", std::nullopt, {{"ar", 18}}),
          result("Birzeit University", "70", 40, {{"ar", 33}})}},
    };
    const auto rows = peer_benchmark(tables, "palestine polytechnic UNIVERSITY", {"Birzeit University", "An-Najah National University"});
    std::vector<std::string> keys;
    for (const auto& r : rows) keys.push_back(std::to_string(r.year) + " " + r.institution + " " + r.indicator);
    // An-Najah is missing from 2024: home's score is still shown against nothing.
    CHECK(keys == std::vector<std::string>{"2024 Birzeit University overall", "2024 Birzeit University ar",
                                           "2024 An-Najah National University ar", "2025 Birzeit University overall", "2025 Birzeit University ar", "2025 Birzeit University irn",
                                           "2025 An-Najah National University overall", "2025 An-Najah National University ar",
                                           "2025 An-Najah National University irn"});
    CHECK(rows[0] == BenchmarkRow{2024, "Birzeit University", "overall", 40, std::nullopt, std::nullopt});
    CHECK(rows[1] == BenchmarkRow{2024, "Birzeit University", "ar", 33, 18, -15});
    CHECK(rows[2] == BenchmarkRow{2024, "An-Najah National University", "ar", std::nullopt, 18, std::nullopt});
    CHECK(rows[5] == BenchmarkRow{2025, "Birzeit University", "irn", 30, 40, 10});
    CHECK(rows[8] == BenchmarkRow{2025, "An-Najah National University", "irn", std::nullopt, 40, std::nullopt});

    const auto only_ar = peer_benchmark(tables, "Palestine Polytechnic University", {"Birzeit University"}, {"ar"});
    CHECK(only_ar.size() == 2);
    CHECK(*only_ar[1].home_minus_peer == -15);

    CHECK_THROWS_MATCHES(peer_benchmark(tables, "Palestine Polytechnic University", {"Hebron University"}), NotFoundError,
                         Catch::Message("no published ranking result for 'Hebron University'"));
    CHECK_THROWS_AS(peer_benchmark(tables, "Nowhere", {"Birzeit University"}), NotFoundError);
    CHECK_THROWS_AS(peer_benchmark(tables, "Palestine Polytechnic University", {}), ValidationError);
}

TEST_CASE("gap and robustness on a full-size QS-like table", "[ranking]") {
    // 1500 rows with scores spread deterministically; the home row sits in the 601-650 band.
    auto m = methodology("QS-WUR", 2026);
    m.scale_min = 5;
    m.scale_max = 95;
    std::vector<TableRow> t;
    for (int k = 0; k < 1500; ++k) {
        TableRow r{"U" + std::to_string(k), {}};
        int n = 0;
        for (const auto& i : m.indicators) r.scores[i.code] = std::fmod(97.0 - k * 0.061 + (n++) * 7.3 * ((k % 7) - 3) / 3.0, 100.0);
        t.push_back(std::move(r));
    }
    const auto home = score_table(m, t);
    std::size_t at = 0;
    for (std::size_t k = 0; k < home.size(); ++k)
        if (home[k].label == "601-650") {
            at = k;
            break;
        }
    REQUIRE(home[at].label == "601-650");
    const auto name = t[at].name;
    const auto g = gap_to_target(m, t, name, "501-510", {{"ar", 100}, {"cpf", 100}, {"irn", 100}});
    REQUIRE(g.feasible);
    REQUIRE_FALSE(g.increases.empty());
    CHECK(*g.after.rank <= 510);
    CHECK(g.after.label.starts_with("50"));
    // Minimal: a millionth of a point less on the last lever raised misses the target.
    std::map<std::string, double> changes;
    for (const auto& [code, add] : g.increases) changes[code] = *t[at].scores.at(code) + add;
    const auto last = g.increases.count("irn") ? "irn" : g.increases.count("cpf") ? "cpf" : "ar";
    changes[last] -= 1e-6;
    CHECK(*what_if(m, t, name, changes).after.rank > 510);

    const auto r = robustness(m, t, name, 2);
    CHECK_FALSE(r.sampled);  // nine weighted indicators: 512 corners
    CHECK(r.scenarios == 513);
    CHECK(r.best_rank <= r.rank);
    CHECK(r.worst_rank >= r.rank);
}
