#include "ranking/scoring.hpp"

#include "iro/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <tuple>

namespace iro {

namespace detail::scoring {

namespace {
constexpr std::array<double, 7> kPowersOfTen{1, 10, 100, 1e3, 1e4, 1e5, 1e6};

std::string number_text(double v) { return fmt::format("{}", v); }
} // namespace

double rounding_key(double value, int decimals) {
    // The relative nudge makes a decimal half held slightly low (376.49999999999994 for
    // 37.65 * 10) round the way the decimal would; it is far below any published precision.
    return std::round(value * kPowersOfTen.at(static_cast<std::size_t>(decimals)) * (1 + 1e-12));
}

Engine::Engine(const Methodology& methodology) : m_(methodology) {
    validate(m_);
    for (const auto& i : m_.indicators) weights_.push_back(i.weight);
    components_of_.resize(m_.indicators.size());
    for (std::size_t c = 0; c < m_.components.size(); ++c)
        components_of_[*indicator_index(m_.components[c].pillar)].push_back(c);
}

std::string Engine::edition_text() const { return fmt::format("{} {}", m_.system, m_.year); }

std::optional<std::size_t> Engine::indicator_index(std::string_view code) const {
    for (std::size_t k = 0; k < m_.indicators.size(); ++k)
        if (m_.indicators[k].code == code) return k;
    return std::nullopt;
}

std::optional<std::size_t> Engine::component_index(std::string_view code) const {
    for (std::size_t k = 0; k < m_.components.size(); ++k)
        if (m_.components[k].code == code) return k;
    return std::nullopt;
}

void Engine::check_code(std::string_view code, const std::string& field) const {
    if (indicator_index(code) || component_index(code)) return;
    std::string codes;
    for (const auto* list : {&m_.indicators, &m_.components})
        for (const auto& i : *list) codes += (codes.empty() ? "" : ", ") + i.code;
    throw ValidationError(field, std::string(code), fmt::format("an indicator or component of {}: {}", edition_text(), codes));
}

// An indicator without a score of its own is the weighted mean of its components, with
// missing components treated as the methodology treats missing indicators.
std::optional<double> Engine::roll_up(std::size_t indicator, const TableRow& row) const {
    const auto& parts = components_of_[indicator];
    double weighted = 0, all_weight = 0, present_weight = 0, plain = 0;
    std::size_t present = 0;
    for (auto c : parts) {
        const auto& component = m_.components[c];
        all_weight += component.weight;
        const auto it = row.scores.find(component.code);
        if (it == row.scores.end() || !it->second) continue;
        ++present;
        weighted += component.weight * *it->second;
        present_weight += component.weight;
        plain += *it->second;
    }
    if (present == 0) return std::nullopt;
    switch (m_.missing) {
    case MissingTreatment::Refuse:
        if (present < parts.size()) return std::nullopt;
        [[fallthrough]];
    case MissingTreatment::Zero:
        // Components of a zero-weight indicator all weigh 0: their plain mean stands in.
        return all_weight > 0 ? weighted / all_weight : plain / static_cast<double>(parts.size());
    case MissingTreatment::Reweight:
        return present_weight > 0 ? weighted / present_weight : plain / static_cast<double>(present);
    }
    return std::nullopt;
}

Values Engine::prepare(const TableRow& row, const std::string& field) const {
    for (const auto& [code, score] : row.scores) {
        check_code(code, field + ".scores");
        if (score && !std::isfinite(*score))
            throw ValidationError(fmt::format("{}.scores.{}", field, code), number_text(*score), "a finite score or none");
    }
    Values v{row.name, {}};
    v.x.reserve(m_.indicators.size());
    for (std::size_t k = 0; k < m_.indicators.size(); ++k) {
        const auto it = row.scores.find(m_.indicators[k].code);
        if (it != row.scores.end() && it->second) v.x.push_back(it->second);
        else v.x.push_back(roll_up(k, row));
    }
    return v;
}

std::vector<Values> Engine::prepare(const std::vector<TableRow>& table) const {
    std::vector<Values> out;
    out.reserve(table.size());
    for (std::size_t k = 0; k < table.size(); ++k) out.push_back(prepare(table[k], fmt::format("table[{}]", k)));
    return out;
}

Sum Engine::weighted_sum(const std::vector<double>& weights, const std::vector<std::optional<double>>& x) const {
    double s = 0, all = 0, present = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        all += weights[k];
        if (x[k]) {
            s += weights[k] * *x[k];
            present += weights[k];
        } else if (m_.missing == MissingTreatment::Refuse && weights[k] > 0) {
            return {std::nullopt, fmt::format("no score for '{}' ({} refuses rows with a missing indicator)",
                                              m_.indicators[k].code, edition_text())};
        }
    }
    if (m_.missing == MissingTreatment::Reweight) {
        if (!(present > 0)) return {std::nullopt, "no weighted indicator has a score"};
        // Only rescale when something is missing, so a complete row keeps its exact sum.
        if (present != all) s *= all / present;
    }
    return {s, {}};
}

std::pair<double, double> Engine::min_max_bounds(const std::vector<Sum>& sums) const {
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& s : sums) {
        if (!s.s) continue;
        lo = any ? std::min(lo, *s.s) : *s.s;
        hi = any ? std::max(hi, *s.s) : *s.s;
        any = true;
    }
    if (m_.scale_min && !m_.scale_max && any && !(hi > *m_.scale_min))
        throw ValidationError("scale_min", number_text(*m_.scale_min),
                              fmt::format("a bound below the table's highest weighted sum ({})", hi));
    if (m_.scale_max && !m_.scale_min && any && !(*m_.scale_max > lo))
        throw ValidationError("scale_max", number_text(*m_.scale_max),
                              fmt::format("a bound above the table's lowest weighted sum ({})", lo));
    return {m_.scale_min.value_or(lo), m_.scale_max.value_or(hi)};
}

std::vector<Sum> Engine::weighted_sums(const std::vector<double>& weights, const std::vector<Values>& rows) const {
    std::vector<Sum> sums;
    sums.reserve(rows.size());
    for (const auto& r : rows) sums.push_back(weighted_sum(weights, r.x));
    return sums;
}

double Engine::Scale::total(double s) const {
    switch (kind) {
    case TotalScaling::WeightedSum: return s;
    // A table whose best sum is not positive has no top to scale to: everyone gets 0.
    case TotalScaling::ScaledToTop: return a > 0 ? 100.0 * s / a : 0.0;
    // Equal sums everywhere (and no set bounds) leave no spread: everyone is at the top.
    case TotalScaling::MinMaxRescaled: return b > a ? 1.0 + 99.0 * (s - a) / (b - a) : 100.0;
    }
    return s;
}

Engine::Scale Engine::scale(const std::vector<Sum>& sums) const {
    Scale scale{m_.scaling, 0, 0};
    if (m_.scaling == TotalScaling::ScaledToTop) {
        bool any = false;
        for (const auto& s : sums)
            if (s.s) {
                scale.a = any ? std::max(scale.a, *s.s) : *s.s;
                any = true;
            }
    } else if (m_.scaling == TotalScaling::MinMaxRescaled) {
        std::tie(scale.a, scale.b) = min_max_bounds(sums);
    }
    return scale;
}

std::optional<int> Engine::rank_of(const std::vector<Sum>& sums, std::size_t at) const {
    if (!sums[at].s) return std::nullopt;
    const auto sc = scale(sums);
    const double key = rounding_key(sc.total(*sums[at].s), m_.rank_decimals);
    int higher = 0;
    for (const auto& s : sums)
        if (s.s && rounding_key(sc.total(*s.s), m_.rank_decimals) > key) ++higher;
    return higher + 1;
}

ScoredRow Engine::score_row(const std::string& name, const std::vector<Sum>& sums, std::size_t at) const {
    ScoredRow o;
    o.name = name;
    if (!sums[at].s) {
        o.refused = sums[at].refused;
        return o;
    }
    const auto sc = scale(sums);
    o.weighted_sum = sums[at].s;
    o.total = sc.total(*sums[at].s);
    o.rounded_total = round_total(*o.total, m_.total_decimals);
    const double key = rounding_key(*o.total, m_.rank_decimals);
    int higher = 0, equal = 0;
    for (const auto& s : sums) {
        if (!s.s) continue;
        const double other = rounding_key(sc.total(*s.s), m_.rank_decimals);
        if (other > key) ++higher;
        else if (other == key) ++equal;
    }
    o.rank = higher + 1;
    o.tied = equal > 1;
    o.label = rank_label(m_.bands, *o.rank, o.tied);
    return o;
}

Engine::RankedKeys Engine::ranked_keys(const std::vector<Sum>& sums) const {
    RankedKeys r;
    r.scale = scale(sums);
    r.key_of.reserve(sums.size());
    for (const auto& s : sums) {
        if (!s.s) {
            r.key_of.emplace_back();
            continue;
        }
        r.key_of.emplace_back(rounding_key(r.scale.total(*s.s), m_.rank_decimals));
        r.sorted.push_back(*r.key_of.back());
    }
    std::sort(r.sorted.begin(), r.sorted.end(), std::greater<>());
    return r;
}

ScoredRow Engine::score_changed_row(const std::string& name, const std::vector<Sum>& sums, std::size_t at,
                                    const RankedKeys& base) const {
    const auto sc = scale(sums);
    if (!sums[at].s || !(sc == base.scale)) return score_row(name, sums, at);
    // The other rows keep their keys: count them by binary search, leaving out the row's old key.
    ScoredRow o;
    o.name = name;
    o.weighted_sum = sums[at].s;
    o.total = sc.total(*sums[at].s);
    o.rounded_total = round_total(*o.total, m_.total_decimals);
    const double key = rounding_key(*o.total, m_.rank_decimals);
    const auto first = std::lower_bound(base.sorted.begin(), base.sorted.end(), key, std::greater<>());
    const auto past = std::upper_bound(base.sorted.begin(), base.sorted.end(), key, std::greater<>());
    auto higher = first - base.sorted.begin();
    auto equal = past - first;
    if (const auto old = base.key_of[at]) {
        if (*old > key) --higher;
        else if (*old == key) --equal;
    }
    o.rank = static_cast<int>(higher) + 1;
    o.tied = equal + 1 > 1;
    o.label = rank_label(m_.bands, *o.rank, o.tied);
    return o;
}

std::vector<ScoredRow> Engine::rank(const std::vector<Values>& rows, const std::vector<double>& weights) const {
    const auto sums = weighted_sums(weights, rows);
    const auto sc = scale(sums);
    const auto total = [&](double s) { return sc.total(s); };

    std::vector<ScoredRow> out(rows.size());
    std::vector<double> keys;
    std::vector<std::size_t> scored;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        auto& o = out[k];
        o.name = rows[k].name;
        if (!sums[k].s) {
            o.refused = sums[k].refused;
            continue;
        }
        o.weighted_sum = sums[k].s;
        o.total = total(*sums[k].s);
        o.rounded_total = round_total(*o.total, m_.total_decimals);
        keys.push_back(rounding_key(*o.total, m_.rank_decimals));
        scored.push_back(k);
    }
    auto sorted = keys;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    for (std::size_t j = 0; j < scored.size(); ++j) {
        auto& o = out[scored[j]];
        const auto first = std::lower_bound(sorted.begin(), sorted.end(), keys[j], std::greater<>());
        const auto past = std::upper_bound(sorted.begin(), sorted.end(), keys[j], std::greater<>());
        o.rank = static_cast<int>(first - sorted.begin()) + 1;
        o.tied = past - first > 1;
        o.label = rank_label(m_.bands, *o.rank, o.tied);
    }
    return out;
}

std::size_t find_row(const std::vector<TableRow>& table, std::string_view name) {
    std::optional<std::size_t> found;
    for (std::size_t k = 0; k < table.size(); ++k) {
        if (table[k].name != name) continue;
        if (found) throw ValidationError("row", std::string(name), "a name that appears once in the table");
        found = k;
    }
    if (!found) throw NotFoundError("ranking table row", name);
    return *found;
}

} // namespace detail::scoring

double round_total(double value, int decimals) {
    if (decimals < 0 || decimals > 6) throw ValidationError("decimals", std::to_string(decimals), "0 to 6 decimals");
    return detail::scoring::rounding_key(value, decimals) / std::pow(10.0, decimals);
}

std::vector<int> competition_ranks(const std::vector<double>& totals, int decimals) {
    if (decimals < 0 || decimals > 6) throw ValidationError("decimals", std::to_string(decimals), "0 to 6 decimals");
    std::vector<double> keys;
    keys.reserve(totals.size());
    for (std::size_t k = 0; k < totals.size(); ++k) {
        if (!std::isfinite(totals[k]))
            throw ValidationError(fmt::format("totals[{}]", k), fmt::format("{}", totals[k]), "a finite number");
        keys.push_back(detail::scoring::rounding_key(totals[k], decimals));
    }
    auto sorted = keys;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    std::vector<int> ranks;
    ranks.reserve(keys.size());
    for (double key : keys)
        ranks.push_back(static_cast<int>(std::lower_bound(sorted.begin(), sorted.end(), key, std::greater<>()) - sorted.begin()) + 1);
    return ranks;
}

std::vector<TableRow> to_table(const std::vector<PublishedResult>& results) {
    std::vector<TableRow> out;
    out.reserve(results.size());
    for (const auto& r : results) {
        TableRow row{r.institution, {}};
        for (const auto& [code, score] : r.scores) row.scores.emplace(code, score);
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<ScoredRow> score_table(const Methodology& methodology, const std::vector<TableRow>& table) {
    const detail::scoring::Engine engine(methodology);
    return engine.rank(engine.prepare(table));
}

ScoredRow score_against(const Methodology& methodology, const std::vector<TableRow>& table, const TableRow& row) {
    const detail::scoring::Engine engine(methodology);
    auto values = engine.prepare(table);
    auto mine = engine.prepare(row, "row");
    std::size_t at = values.size();
    for (std::size_t k = 0; k < values.size(); ++k)
        if (values[k].name == row.name) {
            at = k;
            break;
        }
    if (at == values.size()) values.push_back(std::move(mine));
    else values[at] = std::move(mine);
    auto scored = engine.rank(values)[at];
    if (!scored.total) throw ValidationError("row", row.name, "a row the methodology can score: " + scored.refused);
    return scored;
}

} // namespace iro
