// What-if, sensitivity, gap to target and robustness over one row of a table.

#include "iro/error.hpp"
#include "ranking/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace iro {

using detail::scoring::Engine;
using detail::scoring::Values;

namespace {

ScoredRow must_be_scored(const ScoredRow& row) {
    if (!row.total) throw ValidationError("row", row.name, "a row the methodology can score: " + row.refused);
    return row;
}

// d(weighted sum)/d(score) for each indicator of a scored row; none where a first point
// would change which indicators count (missing under Reweight).
std::vector<std::optional<double>> effective_weights(const Engine& engine, const Values& row) {
    const auto& m = engine.methodology();
    const auto& w = engine.weights();
    double all = 0, present = 0;
    for (std::size_t k = 0; k < w.size(); ++k) {
        all += w[k];
        if (row.x[k]) present += w[k];
    }
    std::vector<std::optional<double>> out;
    for (std::size_t k = 0; k < w.size(); ++k) {
        if (m.missing == MissingTreatment::Reweight && !row.x[k]) out.emplace_back(w[k] > 0 ? std::nullopt : std::optional<double>(0.0));
        else if (m.missing == MissingTreatment::Reweight && present != all) out.emplace_back(w[k] * all / present);
        else out.emplace_back(w[k]);
    }
    return out;
}

// d(total)/d(weighted sum) at the row, in the increasing direction: where the scale follows
// the row (it is the top of a ScaledToTop table, or the top or sole bottom of a table that
// sets a MinMax bound) the row's total does not move.
double scale_rate(const Engine& engine, const std::vector<Values>& rows, std::size_t at) {
    const auto& m = engine.methodology();
    const auto sums = engine.weighted_sums(engine.weights(), rows);
    const double s = *sums[at].s;
    std::optional<double> other_max, other_min;
    for (std::size_t k = 0; k < sums.size(); ++k) {
        if (k == at || !sums[k].s) continue;
        other_max = other_max ? std::max(*other_max, *sums[k].s) : *sums[k].s;
        other_min = other_min ? std::min(*other_min, *sums[k].s) : *sums[k].s;
    }
    switch (m.scaling) {
    case TotalScaling::WeightedSum: return 1.0;
    case TotalScaling::ScaledToTop: {
        if (!other_max || s >= *other_max) return 0.0;
        return *other_max > 0 ? 100.0 / *other_max : 0.0;
    }
    case TotalScaling::MinMaxRescaled: {
        if (!m.scale_max && (!other_max || s >= *other_max)) return 0.0;
        if (!m.scale_min && other_min && s < *other_min) return 0.0;
        const auto [lo, hi] = engine.min_max_bounds(sums);
        return hi > lo ? 99.0 / (hi - lo) : 0.0;
    }
    }
    return 0.0;
}

std::string lever_list(const std::vector<GapLever>& levers) {
    std::string out;
    for (const auto& l : levers) out += fmt::format("{}{} to {}", out.empty() ? "" : ", ", l.code, l.limit);
    return out;
}

} // namespace

namespace {
// Checks every change to a table row as what_if documents; `scores_directly(code)` says
// whether the row has a score of its own for that indicator.
template <class ScoresDirectly>
void check_changes(const Engine& engine, const Methodology& methodology, ScoresDirectly scores_directly,
                   const std::map<std::string, double>& changes) {
    for (const auto& [code, score] : changes) {
        engine.check_code(code, "changes");
        if (!std::isfinite(score)) throw ValidationError("changes." + code, fmt::format("{}", score), "a finite score");
        if (const auto c = engine.component_index(code)) {
            const auto& pillar = methodology.components[*c].pillar;
            if (scores_directly(pillar))
                throw ValidationError("changes", code,
                                      fmt::format("a score the total depends on: the row scores '{}' directly, so its "
                                                  "components do not count (change '{}' instead)",
                                                  pillar, pillar));
        }
    }
}

void check_changes(const Engine& engine, const Methodology& methodology, const TableRow& original,
                   const std::map<std::string, double>& changes) {
    check_changes(engine, methodology, [&](const std::string& code) {
        const auto it = original.scores.find(code);
        return it != original.scores.end() && it->second.has_value();
    }, changes);
}

// Name -> row, or kRepeated for a name that appears more than once.
constexpr auto kRepeated = static_cast<std::size_t>(-1);

template <class Names>
std::unordered_map<std::string_view, std::size_t> rows_by_name(std::size_t count, Names name_of) {
    std::unordered_map<std::string_view, std::size_t> row_of;
    row_of.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
        const auto [it, added] = row_of.emplace(name_of(k), k);
        if (!added) it->second = kRepeated;
    }
    return row_of;
}

// The row a scenario names: NotFoundError when absent, ValidationError when not unique.
std::size_t scenario_row(const std::unordered_map<std::string_view, std::size_t>& row_of, const std::string& row) {
    const auto it = row_of.find(row);
    if (it == row_of.end()) throw NotFoundError("row", row);
    if (it->second == kRepeated) throw ValidationError("row", row, "a name that appears once in the table");
    return it->second;
}

// Runs `one` for every scenario; a ValidationError is given the scenario's place in its field.
template <class One>
std::vector<WhatIfResult> each_scenario(const std::vector<WhatIfScenario>& scenarios, One one) {
    std::vector<WhatIfResult> out;
    out.reserve(scenarios.size());
    for (std::size_t k = 0; k < scenarios.size(); ++k) {
        try {
            out.push_back(one(scenarios[k]));
        } catch (const ValidationError& e) {
            throw ValidationError(fmt::format("scenarios[{}].{}", k, e.field()), e.value(), e.expected());
        }
    }
    return out;
}

// Row `at` scored before and after its weighted sum becomes `changed` (sums restored after).
WhatIfResult before_and_after(const Engine& engine, const std::string& name, std::vector<detail::scoring::Sum>& sums,
                              const Engine::RankedKeys& base, std::size_t at, detail::scoring::Sum changed) {
    WhatIfResult result;
    result.before = engine.score_changed_row(name, sums, at, base);
    std::swap(sums[at], changed);
    result.after = engine.score_changed_row(name, sums, at, base);
    std::swap(sums[at], changed);
    return result;
}

// The scenario's result, given the prepared table and its sums.
WhatIfResult one_scenario(const Engine& engine, const Methodology& methodology, const std::vector<TableRow>& table,
                          std::vector<detail::scoring::Sum>& sums, const Engine::RankedKeys& base, std::size_t at,
                          const std::map<std::string, double>& changes) {
    check_changes(engine, methodology, table[at], changes);
    const auto values = engine.prepare_changed(table[at], at, changes);
    return before_and_after(engine, table[at].name, sums, base, at, engine.weighted_sum(engine.weights(), values.x));
}
} // namespace

WhatIfResult what_if(const Methodology& methodology, const std::vector<TableRow>& table, std::string_view row,
                     const std::map<std::string, double>& changes) {
    const Engine engine(methodology);
    const auto at = detail::scoring::find_row(table, row);
    // Changes are checked before the table, as they always were.
    check_changes(engine, methodology, table[at], changes);
    auto sums = engine.weighted_sums(engine.weights(), engine.prepare(table));
    return one_scenario(engine, methodology, table, sums, engine.ranked_keys(sums), at, changes);
}

std::vector<WhatIfResult> what_if_many(const Methodology& methodology, const std::vector<TableRow>& table,
                                       const std::vector<WhatIfScenario>& scenarios) {
    const Engine engine(methodology);
    const auto row_of = rows_by_name(table.size(), [&](std::size_t k) -> std::string_view { return table[k].name; });
    auto sums = engine.weighted_sums(engine.weights(), engine.prepare(table));
    const auto base = engine.ranked_keys(sums);
    return each_scenario(scenarios, [&](const WhatIfScenario& sc) {
        return one_scenario(engine, methodology, table, sums, base, scenario_row(row_of, sc.row), sc.changes);
    });
}

std::vector<WhatIfResult> what_if_many(const Methodology& methodology, const ScoreColumns& table,
                                       const std::vector<WhatIfScenario>& scenarios) {
    const Engine engine(methodology);
    const auto columns = engine.column_slots(table);
    const auto row_of = rows_by_name(table.names.size(), [&](std::size_t k) -> std::string_view { return table.names[k]; });
    auto sums = engine.weighted_sums(columns);
    const auto base = engine.ranked_keys(sums);
    return each_scenario(scenarios, [&](const WhatIfScenario& sc) {
        const auto at = scenario_row(row_of, sc.row);
        check_changes(engine, methodology, [&](const std::string& code) { return engine.has_score(columns, at, code); },
                      sc.changes);
        return before_and_after(engine, table.names[at], sums, base, at, engine.changed_sum(columns, at, sc.changes));
    });
}

std::vector<IndicatorSensitivity> sensitivity(const Methodology& methodology, const std::vector<TableRow>& table,
                                              std::string_view row) {
    const Engine engine(methodology);
    const auto at = detail::scoring::find_row(table, row);
    const auto values = engine.prepare(table);
    must_be_scored(engine.rank(values)[at]);
    const auto effective = effective_weights(engine, values[at]);
    const double rate = scale_rate(engine, values, at);
    std::vector<IndicatorSensitivity> out;
    for (std::size_t k = 0; k < methodology.indicators.size(); ++k) {
        IndicatorSensitivity s{methodology.indicators[k].code, methodology.indicators[k].weight, std::nullopt};
        if (effective[k]) s.per_point = *effective[k] * rate;
        out.push_back(std::move(s));
    }
    return out;
}

GapResult gap_to_target(const Methodology& methodology, const std::vector<TableRow>& table, std::string_view row,
                        int target_rank, const std::vector<GapLever>& levers) {
    const Engine engine(methodology);
    if (target_rank < 1) throw ValidationError("target_rank", std::to_string(target_rank), "a rank of 1 or more");
    if (levers.empty()) throw ValidationError("levers", "[]", "at least one indicator to raise");
    const auto at = detail::scoring::find_row(table, row);
    auto values = engine.prepare(table);
    GapResult result;
    result.target_rank = target_rank;
    result.levers = levers;
    for (const auto& l : levers) {
        const auto score = table[at].scores.find(l.code);
        result.current.push_back(score == table[at].scores.end() ? std::nullopt : score->second);
    }
    result.before = must_be_scored(engine.rank(values)[at]);
    const auto base = values[at];
    const auto effective = effective_weights(engine, base);

    struct Lever {
        std::size_t index;
        double weight;    // effective: weighted sum gained per point
        double capacity;  // points up to the limit
    };
    std::vector<Lever> order;
    std::set<std::string> seen;
    for (std::size_t k = 0; k < levers.size(); ++k) {
        const auto field = fmt::format("levers[{}]", k);
        const auto& l = levers[k];
        const auto index = engine.indicator_index(l.code);
        if (!index) {
            std::string codes;
            for (const auto& i : methodology.indicators) codes += (codes.empty() ? "" : ", ") + i.code;
            throw ValidationError(field + ".code", l.code, fmt::format("an indicator of {}: {}", engine.edition_text(), codes));
        }
        if (!seen.insert(l.code).second) throw ValidationError(field + ".code", l.code, "an indicator not already a lever");
        if (!std::isfinite(l.limit)) throw ValidationError(field + ".limit", fmt::format("{}", l.limit), "a finite score");
        if (!effective[*index])
            throw ValidationError(field + ".code", l.code,
                                  "an indicator the row has a score for (under re-weighting a first score changes every weight)");
        const double current = base.x[*index].value_or(0.0);
        order.push_back({*index, *effective[*index], std::max(0.0, l.limit - current)});
    }
    // Largest weight per point first; the caller's order breaks ties, so results repeat.
    std::stable_sort(order.begin(), order.end(), [](const Lever& a, const Lever& b) { return a.weight > b.weight; });

    const auto allocate = [&](double budget) {
        std::vector<double> add(order.size(), 0.0);
        for (std::size_t k = 0; k < order.size() && budget > 0; ++k) {
            if (!(order[k].weight > 0)) break;
            add[k] = std::min(order[k].capacity, budget);
            budget -= add[k];
        }
        return add;
    };
    const auto raise = [&](double budget) {
        const auto add = allocate(budget);
        auto raised = base;
        for (std::size_t k = 0; k < order.size(); ++k)
            if (add[k] > 0) raised.x[order[k].index] = base.x[order[k].index].value_or(0.0) + add[k];
        return raised;
    };
    const auto score_with = [&](double budget) {
        values[at] = raise(budget);
        return engine.rank(values)[at];
    };
    // Only the raised row's sum changes, so the others' sums are computed once.
    auto sums = engine.weighted_sums(engine.weights(), values);
    const auto reaches = [&](double budget) {
        sums[at] = engine.weighted_sum(engine.weights(), raise(budget).x);
        const auto rank = engine.rank_of(sums, at);
        return rank && *rank <= target_rank;
    };
    const auto reached = [&](const ScoredRow& r) { return r.rank && *r.rank <= target_rank; };
    const auto record = [&](double budget) {
        const auto add = allocate(budget);
        result.total_increase = 0;
        result.increases.clear();
        for (std::size_t k = 0; k < order.size(); ++k)
            if (add[k] > 0) {
                result.increases[methodology.indicators[order[k].index].code] = add[k];
                result.total_increase += add[k];
            }
        result.after = score_with(budget);
    };

    if (reached(result.before)) {
        result.feasible = true;
        result.after = result.before;
        return result;
    }
    double most = 0;
    for (const auto& l : order)
        if (l.weight > 0) most += l.capacity;
    const auto best = score_with(most);
    if (!reached(best)) {
        record(most);
        result.feasible = false;
        result.reason = fmt::format("with every chosen indicator at its limit ({}) the total would be {} and the rank {}; "
                                    "the target is rank {} or better",
                                    lever_list(levers), best.rounded_total.value_or(0), best.rank.value_or(0), target_rank);
        return result;
    }
    // The rank only improves as the budget grows, so bisect to adjacent doubles.
    double lo = 0, hi = most;
    for (;;) {
        const double mid = lo + (hi - lo) / 2;
        if (!(mid > lo && mid < hi)) break;
        if (reaches(mid)) hi = mid;
        else lo = mid;
    }
    record(hi);
    result.feasible = true;
    return result;
}

GapResult gap_to_target(const Methodology& methodology, const std::vector<TableRow>& table, std::string_view row,
                        std::string_view target_label, const std::vector<GapLever>& levers) {
    const auto target = parse_rank(target_label, "target");
    // An open band ("1401+") takes every rank from its first on, so any ranked row meets it.
    return gap_to_target(methodology, table, row, target.last ? *target.last : std::numeric_limits<int>::max(), levers);
}

RobustnessResult robustness(const Methodology& methodology, const std::vector<TableRow>& table, std::string_view row,
                            double points) {
    const Engine engine(methodology);
    if (!std::isfinite(points) || points < 0 || points > 100)
        throw ValidationError("points", fmt::format("{}", points), "0 to 100 percentage points");
    const auto at = detail::scoring::find_row(table, row);
    const auto values = engine.prepare(table);
    const auto& original = engine.weights();
    const auto base = must_be_scored(engine.rank(values, original)[at]);

    std::vector<std::size_t> moving;
    for (std::size_t k = 0; k < original.size(); ++k)
        if (original[k] > 0) moving.push_back(k);
    const double sum = std::accumulate(original.begin(), original.end(), 0.0);
    const double step = points / 100.0 * sum;

    RobustnessResult result;
    result.rank = result.best_rank = result.worst_rank = *base.rank;
    result.best_label = result.worst_label = base.label;
    const auto weight_map = [&](const std::vector<double>& w) {
        std::map<std::string, double> out;
        for (std::size_t k = 0; k < w.size(); ++k) out[methodology.indicators[k].code] = w[k];
        return out;
    };
    result.best_weights = result.worst_weights = weight_map(original);
    result.scenarios = 1;

    // signs[j] moves moving[j] by -step, 0 or +step.
    const auto score_scenario = [&](const std::vector<int>& signs) {
        auto w = original;
        for (std::size_t j = 0; j < moving.size(); ++j) w[moving[j]] = std::max(0.0, w[moving[j]] + signs[j] * step);
        const double total = std::accumulate(w.begin(), w.end(), 0.0);
        if (!(total > 0)) return;
        for (auto& x : w) x *= sum / total;
        ++result.scenarios;
        const auto rank = engine.rank_of(engine.weighted_sums(w, values), at);
        if (!rank || (*rank >= result.best_rank && *rank <= result.worst_rank)) return;
        // A new extreme: score the table in full for its label.
        const auto label = engine.rank(values, w)[at].label;
        if (*rank < result.best_rank) {
            result.best_rank = *rank;
            result.best_label = label;
            result.best_weights = weight_map(w);
        } else {
            result.worst_rank = *rank;
            result.worst_label = label;
            result.worst_weights = weight_map(w);
        }
    };

    std::vector<int> signs(moving.size(), 0);
    if (moving.size() <= kRobustnessCornerLimit) {
        for (std::size_t mask = 0; mask < (std::size_t{1} << moving.size()); ++mask) {
            for (std::size_t j = 0; j < moving.size(); ++j) signs[j] = (mask >> j) & 1 ? 1 : -1;
            score_scenario(signs);
        }
        return result;
    }
    result.sampled = true;
    for (std::size_t j = 0; j < moving.size(); ++j)
        for (int s : {-1, 1}) {
            std::fill(signs.begin(), signs.end(), 0);
            signs[j] = s;
            score_scenario(signs);
        }
    // mt19937_64's output is fixed by the standard, so the sample is the same everywhere.
    std::mt19937_64 random(kRobustnessSeed);
    for (std::size_t n = 0; n < kRobustnessSamples; ++n) {
        std::uint64_t bits = 0;
        for (std::size_t j = 0; j < moving.size(); ++j) {
            if (j % 64 == 0) bits = random();
            signs[j] = (bits >> (j % 64)) & 1 ? 1 : -1;
        }
        score_scenario(signs);
    }
    return result;
}

} // namespace iro
