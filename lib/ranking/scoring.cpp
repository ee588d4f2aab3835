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
    // Codes are unique across indicators and components (validate), so each has one slot.
    slot_of_.reserve(m_.indicators.size() + m_.components.size());
    for (std::size_t k = 0; k < m_.indicators.size(); ++k) slot_of_.emplace_back(m_.indicators[k].code, k);
    for (std::size_t c = 0; c < m_.components.size(); ++c) slot_of_.emplace_back(m_.components[c].code, m_.indicators.size() + c);
    std::sort(slot_of_.begin(), slot_of_.end());
    // Bands start after exact_up_to, so the label of a band's first rank is the band's text.
    for (const auto& band : m_.bands.bands) band_texts_.push_back(rank_label(m_.bands, band.first, false));
    total_divisor_ = std::pow(10.0, m_.total_decimals);
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
std::optional<double> Engine::roll_up(std::size_t indicator, const Slots& slots) const {
    const auto& parts = components_of_[indicator];
    double weighted = 0, all_weight = 0, present_weight = 0, plain = 0;
    std::size_t present = 0;
    for (auto c : parts) {
        const auto& component = m_.components[c];
        all_weight += component.weight;
        const auto& score = slots[m_.indicators.size() + c];
        if (!score) continue;
        ++present;
        weighted += component.weight * *score;
        present_weight += component.weight;
        plain += *score;
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

// The row's scores are sorted by code, as slot_of_ is: one walk through both finds every
// slot, and a code missing from slot_of_ is refused in the row's own order.
void Engine::read_slots(const TableRow& row, const std::string* field, std::size_t at, Slots& slots) const {
    slots.assign(slot_of_.size(), std::nullopt);
    const auto field_name = [&] { return field ? *field : fmt::format("table[{}]", at); };
    auto next = slot_of_.begin();
    for (const auto& [code, score] : row.scores) {
        int order = -1;
        while (next != slot_of_.end() && (order = next->first.compare(code)) < 0) ++next;
        if (order != 0) {
            check_code(code, field_name() + ".scores");  // throws: not a code of the methodology
            continue;
        }
        if (score && !std::isfinite(*score))
            throw ValidationError(fmt::format("{}.scores.{}", field_name(), code), number_text(*score), "a finite score or none");
        slots[next->second] = score;
    }
}

void Engine::values_of(const Slots& slots, std::vector<std::optional<double>>& x) const {
    x.clear();
    for (std::size_t k = 0; k < m_.indicators.size(); ++k) x.push_back(slots[k] ? slots[k] : roll_up(k, slots));
}

Values Engine::prepare(const TableRow& row, const std::string& field) const {
    Slots slots;
    read_slots(row, &field, 0, slots);
    Values v{row.name, {}};
    v.x.reserve(m_.indicators.size());
    values_of(slots, v.x);
    return v;
}

void Engine::apply_changes(const std::map<std::string, double>& changes, Slots& slots) const {
    for (const auto& [code, score] : changes) {
        const auto slot = slot_of(code);
        if (!slot) {
            check_code(code, "changes");  // throws: slot_of_ holds every code
            continue;
        }
        slots[*slot] = score;
    }
}

Values Engine::prepare_changed(const TableRow& row, std::size_t at, const std::map<std::string, double>& changes) const {
    Slots slots;
    read_slots(row, nullptr, at, slots);
    apply_changes(changes, slots);
    Values v{row.name, {}};
    v.x.reserve(m_.indicators.size());
    values_of(slots, v.x);
    return v;
}

std::vector<Values> Engine::prepare(const std::vector<TableRow>& table) const {
    std::vector<Values> out;
    out.reserve(table.size());
    Slots slots;
    for (std::size_t k = 0; k < table.size(); ++k) {
        read_slots(table[k], nullptr, k, slots);
        Values v{table[k].name, {}};
        v.x.reserve(m_.indicators.size());
        values_of(slots, v.x);
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<ScoredRow> Engine::score(const std::vector<TableRow>& table) const {
    std::vector<Sum> sums;
    sums.reserve(table.size());
    Slots slots;
    std::vector<std::optional<double>> x;
    x.reserve(m_.indicators.size());
    for (std::size_t k = 0; k < table.size(); ++k) {
        read_slots(table[k], nullptr, k, slots);
        values_of(slots, x);
        sums.push_back(weighted_sum(weights_, x));
    }
    auto out = scored_rows(sums);
    for (std::size_t k = 0; k < table.size(); ++k) out[k].name = table[k].name;
    return out;
}

Engine::ColumnSlots Engine::column_slots(const ScoreColumns& table) const {
    ColumnSlots out;
    out.rows = table.names.size();
    out.read.reserve(table.columns.size());
    std::vector<bool> taken(slot_of_.size(), false);
    for (std::size_t k = 0; k < table.columns.size(); ++k) {
        const auto& column = table.columns[k];
        const auto field = [&](std::string_view part) { return fmt::format("columns[{}].{}", k, part); };
        const auto slot = slot_of(column.code);
        if (!slot) {
            check_code(column.code, field("code"));  // throws: not a code of the methodology
            continue;
        }
        if (taken[*slot]) throw ValidationError(field("code"), column.code, "a code no other column has");
        taken[*slot] = true;
        if (column.scores.size() != out.rows)
            throw ValidationError(field("scores"), fmt::format("{} scores", column.scores.size()),
                                  fmt::format("one score per name ({})", out.rows));
        for (std::size_t i = 0; i < out.rows; ++i)
            if (std::isinf(column.scores[i]))
                throw ValidationError(fmt::format("columns[{}].scores[{}]", k, i), number_text(column.scores[i]),
                                      "a finite score, or NaN for a missing one");
        out.read.emplace_back(*slot, &column.scores);
    }
    return out;
}

std::optional<std::size_t> Engine::slot_of(std::string_view code) const {
    const auto it = std::lower_bound(slot_of_.begin(), slot_of_.end(), code,
                                     [](const auto& entry, std::string_view c) { return entry.first < c; });
    if (it == slot_of_.end() || it->first != code) return std::nullopt;
    return it->second;
}

void Engine::column_row_slots(const ColumnSlots& columns, std::size_t at, Slots& slots) const {
    slots.assign(slot_of_.size(), std::nullopt);
    for (const auto& [slot, scores] : columns.read)
        if (!std::isnan((*scores)[at])) slots[slot] = (*scores)[at];  // NaN: missing
}

std::vector<Sum> Engine::weighted_sums(const ColumnSlots& columns) const {
    std::vector<Sum> sums;
    sums.reserve(columns.rows);
    Slots slots;
    std::vector<std::optional<double>> x;
    x.reserve(m_.indicators.size());
    for (std::size_t i = 0; i < columns.rows; ++i) {
        column_row_slots(columns, i, slots);
        values_of(slots, x);
        sums.push_back(weighted_sum(weights_, x));
    }
    return sums;
}

Sum Engine::changed_sum(const ColumnSlots& columns, std::size_t at, const std::map<std::string, double>& changes) const {
    Slots slots;
    column_row_slots(columns, at, slots);
    apply_changes(changes, slots);
    std::vector<std::optional<double>> x;
    x.reserve(m_.indicators.size());
    values_of(slots, x);
    return weighted_sum(weights_, x);
}

bool Engine::has_score(const ColumnSlots& columns, std::size_t at, std::string_view code) const {
    const auto slot = slot_of(code);
    if (!slot) return false;
    for (const auto& [s, scores] : columns.read)
        if (s == *slot) return !std::isnan((*scores)[at]);
    return false;
}

std::vector<ScoredRow> Engine::score(const ScoreColumns& table) const {
    const auto rows = table.names.size();
    const auto sums = weighted_sums(column_slots(table));
    auto out = scored_rows(sums);
    for (std::size_t i = 0; i < rows; ++i) out[i].name = table.names[i];
    return out;
}

std::string Engine::label(int rank, bool tied) const {
    const auto& b = m_.bands;
    if (!b.exact_up_to || rank <= *b.exact_up_to) return rank_label(b, rank, tied);
    // Bands follow each other from exact_up_to + 1: the rank can only be in the last band
    // that starts at or before it.
    const auto after = std::upper_bound(b.bands.begin(), b.bands.end(), rank, [](int r, const RankBand& band) { return r < band.first; });
    if (after == b.bands.begin()) return {};
    const auto& band = *std::prev(after);
    if (band.last && rank > *band.last) return {};
    return band_texts_[static_cast<std::size_t>(std::prev(after) - b.bands.begin())];
}

double Engine::rounded(double total) const { return rounding_key(total, m_.total_decimals) / total_divisor_; }

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
    return bounds_of(any, lo, hi);
}

std::pair<double, double> Engine::bounds_of(bool any, double lo, double hi) const {
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
    o.rounded_total = rounded(*o.total);
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
    o.label = label(*o.rank, o.tied);
    return o;
}

Engine::RankedKeys Engine::ranked_keys(const std::vector<Sum>& sums) const {
    RankedKeys r;
    r.scale = scale(sums);
    r.key_of.reserve(sums.size());
    r.extremes = true;
    for (std::size_t k = 0; k < sums.size(); ++k) {
        const auto& s = sums[k];
        if (!s.s) {
            r.key_of.emplace_back();
            continue;
        }
        r.key_of.emplace_back(rounding_key(r.scale.total(*s.s), m_.rank_decimals));
        r.sorted.push_back(*r.key_of.back());
        if (std::isnan(*s.s)) r.extremes = false;
        // The two highest and the two lowest sums.
        if (!r.top[0] || *s.s > *sums[*r.top[0]].s) r.top = {k, r.top[0]};
        else if (!r.top[1] || *s.s > *sums[*r.top[1]].s) r.top[1] = k;
        if (!r.bottom[0] || *s.s < *sums[*r.bottom[0]].s) r.bottom = {k, r.bottom[0]};
        else if (!r.bottom[1] || *s.s < *sums[*r.bottom[1]].s) r.bottom[1] = k;
    }
    std::sort(r.sorted.begin(), r.sorted.end(), std::greater<>());
    return r;
}

// Without NaN the lowest and highest sums are the same in any order, so those of the other
// rows (kept in `base`) and the changed row's give the table's.
Engine::Scale Engine::changed_scale(const std::vector<Sum>& sums, std::size_t at, const RankedKeys& base) const {
    bool any = false;
    double lo = 0, hi = 0;
    const auto take = [&](double s) {
        lo = any ? std::min(lo, s) : s;
        hi = any ? std::max(hi, s) : s;
        any = true;
    };
    for (const auto& ends : {base.top, base.bottom})
        for (const auto& k : ends)
            if (k && *k != at) {
                take(*sums[*k].s);
                break;
            }
    if (sums[at].s) take(*sums[at].s);
    Scale scale{m_.scaling, 0, 0};
    if (m_.scaling == TotalScaling::ScaledToTop) scale.a = hi;
    else if (m_.scaling == TotalScaling::MinMaxRescaled) std::tie(scale.a, scale.b) = bounds_of(any, lo, hi);
    return scale;
}

ScoredRow Engine::score_changed_row(const std::string& name, const std::vector<Sum>& sums, std::size_t at,
                                    const RankedKeys& base) const {
    const bool plain = base.extremes && !(sums[at].s && std::isnan(*sums[at].s));
    const auto sc = plain ? changed_scale(sums, at, base) : scale(sums);
    if (!sums[at].s || !(sc == base.scale)) return score_row(name, sums, at);
    // The other rows keep their keys: count them by binary search, leaving out the row's old key.
    ScoredRow o;
    o.name = name;
    o.weighted_sum = sums[at].s;
    o.total = sc.total(*sums[at].s);
    o.rounded_total = rounded(*o.total);
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
    o.label = label(*o.rank, o.tied);
    return o;
}

std::vector<ScoredRow> Engine::scored_rows(const std::vector<Sum>& sums) const {
    const auto sc = scale(sums);
    std::vector<ScoredRow> out(sums.size());
    std::vector<std::pair<double, std::size_t>> keys;  // rounding key, row
    keys.reserve(sums.size());
    bool any_nan = false;
    for (std::size_t k = 0; k < sums.size(); ++k) {
        auto& o = out[k];
        if (!sums[k].s) {
            o.refused = sums[k].refused;
            continue;
        }
        o.weighted_sum = sums[k].s;
        o.total = sc.total(*sums[k].s);
        o.rounded_total = rounded(*o.total);
        keys.emplace_back(rounding_key(*o.total, m_.rank_decimals), k);
        any_nan = any_nan || std::isnan(keys.back().first);
    }
    const auto set_rank = [&](std::size_t row, std::size_t higher, std::size_t equal) {
        auto& o = out[row];
        o.rank = static_cast<int>(higher) + 1;
        o.tied = equal > 1;
        o.label = label(*o.rank, o.tied);
    };
    if (any_nan) {
        // Totals that overflowed: rank each key among the sorted keys one by one, as ever.
        std::vector<double> sorted;
        sorted.reserve(keys.size());
        for (const auto& key : keys) sorted.push_back(key.first);
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        for (const auto& [key, row] : keys) {
            const auto first = std::lower_bound(sorted.begin(), sorted.end(), key, std::greater<>());
            const auto past = std::upper_bound(sorted.begin(), sorted.end(), key, std::greater<>());
            set_rank(row, static_cast<std::size_t>(first - sorted.begin()), static_cast<std::size_t>(past - first));
        }
        return out;
    }
    // Best key first; a run of equal keys shares the rank of its first place.
    std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t first = 0; first < keys.size();) {
        std::size_t past = first + 1;
        while (past < keys.size() && keys[past].first == keys[first].first) ++past;
        for (std::size_t j = first; j < past; ++j) set_rank(keys[j].second, first, past - first);
        first = past;
    }
    return out;
}

std::vector<ScoredRow> Engine::rank(const std::vector<Values>& rows, const std::vector<double>& weights) const {
    auto out = scored_rows(weighted_sums(weights, rows));
    for (std::size_t k = 0; k < rows.size(); ++k) out[k].name = rows[k].name;
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
    return engine.score(table);
}

std::vector<ScoredRow> score_columns(const Methodology& methodology, const ScoreColumns& table) {
    const detail::scoring::Engine engine(methodology);
    return engine.score(table);
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
