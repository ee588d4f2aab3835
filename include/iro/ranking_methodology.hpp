#pragma once
// Ranking systems, editions and their methodologies: which indicators count, with what
// weight, how the total is formed and rounded, and how ranks become published labels.
// The built-in methodologies reproduce published tables (see docs in DOMAIN.md, Ranking).

#include "iro/enum_strings.hpp"
#include "iro/ranking_bands.hpp"

#include <array>
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

// A ranking system known to iro. Custom systems need no entry here: any code that passes
// validate_system_code() can carry a custom methodology or published results.
struct RankingSystem {
    std::string code;       // "QS-WUR", "THE-WUR", "ARWU", "QS-ARAB", "WEBOMETRICS", "USNEWS-BGU"
    std::string name;
    std::string publisher;

    friend bool operator==(const RankingSystem&, const RankingSystem&) = default;
};

// The systems iro knows by name, whether or not it has a built-in methodology for them.
const std::vector<RankingSystem>& ranking_systems();

// Throws ValidationError unless `code` is 1 to 40 characters of A-Z, 0-9 and '-'.
void validate_system_code(std::string_view code, std::string_view field = "system");

// One edition of a system: the table published under that year's name (THE's "2016" is
// the 2015-2016 table published in 2015).
struct RankingEdition {
    std::string system;
    int year = 0;

    friend bool operator==(const RankingEdition&, const RankingEdition&) = default;
    friend auto operator<=>(const RankingEdition&, const RankingEdition&) = default;
};

// What a missing indicator score does to a row.
enum class MissingTreatment {
    Zero,      // counts as 0
    Reweight,  // the present indicators' weights are scaled up to the full weight sum
    Refuse,    // the row is not scored or ranked
};

template <>
struct EnumNames<MissingTreatment> {
    static constexpr std::string_view field = "missing";
    static constexpr std::array<std::pair<MissingTreatment, std::string_view>, 3> table{{
        {MissingTreatment::Zero, "zero"},
        {MissingTreatment::Reweight, "reweight"},
        {MissingTreatment::Refuse, "refuse"},
    }};
};

// How the weighted sum S of a row becomes its total.
enum class TotalScaling {
    WeightedSum,     // total = S
    ScaledToTop,     // total = 100 * S / max S over the table (ARWU)
    MinMaxRescaled,  // total = 1 + 99 * (S - Smin) / (Smax - Smin) (QS); bounds settable
};

template <>
struct EnumNames<TotalScaling> {
    static constexpr std::string_view field = "scaling";
    static constexpr std::array<std::pair<TotalScaling, std::string_view>, 3> table{{
        {TotalScaling::WeightedSum, "weighted_sum"},
        {TotalScaling::ScaledToTop, "scaled_to_top"},
        {TotalScaling::MinMaxRescaled, "min_max_rescaled"},
    }};
};

struct RankingIndicator {
    std::string code;    // [a-z0-9_]+, unique within the methodology
    std::string name;
    double weight = 0;   // a share of the total: ARWU's alumni is 0.1
    std::string pillar;  // indicators: the group it belongs to (free text, may be empty);
                         // components: the code of the indicator it forms

    friend bool operator==(const RankingIndicator&, const RankingIndicator&) = default;
};

struct Methodology {
    std::string system;
    int year = 0;
    std::string name;
    // What the total is formed from.
    std::vector<RankingIndicator> indicators;
    // Optional finer indicators (THE's 18 under its five pillars). A component's `pillar`
    // names the indicator it forms; the components of one indicator have weights that add
    // up to that indicator's weight. A row without a score for such an indicator gets the
    // weighted mean of its component scores.
    std::vector<RankingIndicator> components;
    MissingTreatment missing = MissingTreatment::Zero;
    TotalScaling scaling = TotalScaling::WeightedSum;
    // MinMaxRescaled only: the weighted sums of the lowest and highest institution in the
    // whole analysed population. An unset bound is taken from the table being scored.
    std::optional<double> scale_min;
    std::optional<double> scale_max;
    int total_decimals = 1;  // totals are published rounded to this many decimals
    int rank_decimals = 1;   // ranks are decided on totals rounded to this many decimals
    RankingBands bands;

    friend bool operator==(const Methodology&, const Methodology&) = default;

    RankingEdition edition() const { return {system, year}; }
    double weight_sum() const;
    // The indicator or component with this code, or nullptr.
    const RankingIndicator* find(std::string_view code) const;
};

// Field names a CSV column mapping uses for things other than indicator scores; no
// indicator may use them as its code.
inline constexpr std::array<std::string_view, 3> kResultFields{"institution", "rank", "overall"};

// Throws ValidationError (naming the field, e.g. "indicators[2].weight") unless: the system
// code and year are valid; there is at least one indicator; codes are [a-z0-9_]+, at most
// 40 characters, unique across indicators and components and not a result field; weights
// are finite and >= 0 with a positive sum; components name an indicator as their pillar and
// add up to its weight; bounds are finite, ordered and only set for MinMaxRescaled;
// decimals are 0 to 6; bands are contiguous from exact_up_to + 1.
void validate(const Methodology& methodology);

// The built-in methodology of an edition. NotFoundError for a system without one or a
// year it does not cover. Built in:
//   ARWU 2005 to the current year, QS-WUR 2024 to 2026, THE-WUR 2016 and 2024 to the
//   current year.
Methodology methodology(std::string_view system, int year);
std::vector<RankingEdition> builtin_editions();
bool has_builtin_methodology(std::string_view system, int year);

// JSON text of a methodology and back. from_json throws FormatError when the text is not
// JSON and ValidationError when it is JSON but not a valid methodology (an unknown key, a
// wrong type or a rule of validate()).
std::string methodology_to_json(const Methodology& methodology);
Methodology methodology_from_json(std::string_view text);

} // namespace iro
