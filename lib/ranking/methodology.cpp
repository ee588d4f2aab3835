#include "iro/ranking_methodology.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "ranking/codes.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>

namespace iro {

const std::vector<RankingSystem>& ranking_systems() {
    static const std::vector<RankingSystem> systems{
        {"ARWU", "Academic Ranking of World Universities", "ShanghaiRanking Consultancy"},
        {"QS-WUR", "QS World University Rankings", "Quacquarelli Symonds"},
        {"QS-ARAB", "QS Arab Region University Rankings", "Quacquarelli Symonds"},
        {"THE-WUR", "THE World University Rankings", "Times Higher Education"},
        {"USNEWS-BGU", "U.S. News Best Global Universities", "U.S. News & World Report"},
        {"WEBOMETRICS", "Ranking Web of Universities (Webometrics)", "Cybermetrics Lab, CSIC"},
    };
    return systems;
}

void validate_system_code(std::string_view code, std::string_view field) {
    const bool ok = !code.empty() && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!ok) throw ValidationError(std::string(field), std::string(code), "1 to 40 characters of A-Z, 0-9 and '-', e.g. QS-WUR");
}

double Methodology::weight_sum() const {
    double sum = 0;
    for (const auto& i : indicators) sum += i.weight;
    return sum;
}

const RankingIndicator* Methodology::find(std::string_view code) const {
    for (const auto* list : {&indicators, &components})
        for (const auto& i : *list)
            if (i.code == code) return &i;
    return nullptr;
}

namespace detail {

bool is_indicator_code(std::string_view code) noexcept {
    return !code.empty() && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

void check_indicator_code(std::string_view code, std::string_view field) {
    if (!is_indicator_code(code))
        throw ValidationError(std::string(field), std::string(code), "1 to 40 characters of a-z, 0-9 and '_', e.g. citations");
    if (std::find(kResultFields.begin(), kResultFields.end(), code) != kResultFields.end())
        throw ValidationError(std::string(field), std::string(code), "a code other than institution, rank and overall");
}

void check_year(int year, std::string_view field) {
    if (year < 1 || year > 9999) throw ValidationError(std::string(field), std::to_string(year), "a year from 1 to 9999");
}

} // namespace detail

namespace {
void check_weight(double weight, const std::string& field) {
    if (!std::isfinite(weight) || weight < 0)
        throw ValidationError(field, fmt::format("{}", weight), "a finite weight of 0 or more");
}

// Component weights are written with a few decimals, so their sum may miss the
// indicator's weight by a rounding error but not by more.
bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }
} // namespace

void validate(const Methodology& m) {
    validate_system_code(m.system);
    detail::check_year(m.year, "year");
    detail::check_text("name", m.name, detail::kMaxNameLength, false);
    if (m.indicators.empty()) throw ValidationError("indicators", "[]", "at least one indicator");
    std::set<std::string> codes;
    const auto check_list = [&](const std::vector<RankingIndicator>& list, const char* what) {
        for (std::size_t k = 0; k < list.size(); ++k) {
            const auto& i = list[k];
            const auto field = fmt::format("{}[{}]", what, k);
            detail::check_indicator_code(i.code, field + ".code");
            if (!codes.insert(i.code).second)
                throw ValidationError(field + ".code", i.code, "a code not used by another indicator or component");
            detail::check_text(field + ".name", i.name, detail::kMaxNameLength, false);
            detail::check_text(field + ".pillar", i.pillar, detail::kMaxNameLength, false);
            check_weight(i.weight, field + ".weight");
        }
    };
    check_list(m.indicators, "indicators");
    check_list(m.components, "components");
    if (!(m.weight_sum() > 0))
        throw ValidationError("indicators", fmt::format("weights summing to {}", m.weight_sum()), "weights with a positive sum");

    std::map<std::string, double> component_sums;
    for (std::size_t k = 0; k < m.components.size(); ++k) {
        const auto& c = m.components[k];
        const auto it = std::find_if(m.indicators.begin(), m.indicators.end(), [&](const auto& i) { return i.code == c.pillar; });
        if (it == m.indicators.end())
            throw ValidationError(fmt::format("components[{}].pillar", k), c.pillar, "the code of the indicator the component forms");
        component_sums[c.pillar] += c.weight;
    }
    for (const auto& [code, sum] : component_sums) {
        const auto* indicator = m.find(code);
        if (!close(sum, indicator->weight))
            throw ValidationError("components", fmt::format("weights under '{}' summing to {}", code, sum),
                                  fmt::format("component weights adding up to the indicator's weight {}", indicator->weight));
    }

    for (const auto& [bound, name] : {std::pair{m.scale_min, "scale_min"}, std::pair{m.scale_max, "scale_max"}}) {
        if (!bound) continue;
        if (m.scaling != TotalScaling::MinMaxRescaled)
            throw ValidationError(name, fmt::format("{}", *bound), "no bound unless scaling is min_max_rescaled");
        if (!std::isfinite(*bound)) throw ValidationError(name, fmt::format("{}", *bound), "a finite number");
    }
    if (m.scale_min && m.scale_max && !(*m.scale_min < *m.scale_max))
        throw ValidationError("scale_max", fmt::format("{}", *m.scale_max), fmt::format("a bound above scale_min ({})", *m.scale_min));
    for (const auto& [decimals, name] : {std::pair{m.total_decimals, "total_decimals"}, std::pair{m.rank_decimals, "rank_decimals"}})
        if (decimals < 0 || decimals > 6) throw ValidationError(name, std::to_string(decimals), "0 to 6 decimals");
    validate(m.bands, "bands");
}

} // namespace iro
