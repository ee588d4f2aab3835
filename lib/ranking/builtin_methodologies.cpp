// The built-in methodologies. Formulas and weights are the publishers' (see DOMAIN.md,
// Ranking, for the ones verified against published tables). Band tables are the ones the
// editions published as far as we know them; they are plain data in RankingBands, so a
// caller who knows better can copy a methodology and change them.

#include "iro/ranking_methodology.hpp"

#include "iro/date.hpp"
#include "iro/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace iro {

namespace {

int current_year() { return static_cast<int>(today().year()); }

// Bands of equal width from `first` while they end at or before `last`.
void add_steps(std::vector<RankBand>& bands, int first, int last, int width) {
    for (int start = first; start + width - 1 <= last; start += width) bands.push_back({start, start + width - 1});
}

// ARWU: totals scaled so the top institution has 100, ranks decided at one decimal, exact
// ranks for the top 100. Early editions moved a band edge by a few places to keep tied
// institutions together (2005 published 101-152 and 153-202); the regular edges are used
// here and published labels are kept verbatim in published results.
Methodology arwu(int year) {
    Methodology m;
    m.system = "ARWU";
    m.year = year;
    m.name = fmt::format("Academic Ranking of World Universities {}", year);
    m.indicators = {
        {"alumni", "Alumni of an institution winning Nobel Prizes and Fields Medals", 0.1, "Quality of Education"},
        {"award", "Staff of an institution winning Nobel Prizes and Fields Medals", 0.2, "Quality of Faculty"},
        {"hici", "Highly cited researchers", 0.2, "Quality of Faculty"},
        {"ns", "Papers published in Nature and Science", 0.2, "Research Output"},
        {"pub", "Papers indexed in Science Citation Index-Expanded and Social Science Citation Index", 0.2, "Research Output"},
        {"pcp", "Per capita academic performance of an institution", 0.1, "Per Capita Performance"},
    };
    m.missing = MissingTreatment::Zero;
    m.scaling = TotalScaling::ScaledToTop;
    m.total_decimals = 1;
    m.rank_decimals = 1;
    m.bands.exact_up_to = 100;
    m.bands.bands = {{101, 150}, {151, 200}};
    add_steps(m.bands.bands, 201, year >= 2018 ? 1000 : year >= 2017 ? 800 : 500, 100);  // 500 listed until 2016, 800 in 2017, 1000 since
    m.bands.mark_ties = false;
    return m;
}

// QS World University Rankings 2024 to 2026: the lens weights of the 2024 methodology;
// 2026 adds international student diversity with weight 0. A blank indicator counts 0.
// Exact ranks to 500, then bands of 10 to 600, of 50 to 1000, then 1001-1200, 1201-1400
// and 1401+.
Methodology qs_wur(int year) {
    Methodology m;
    m.system = "QS-WUR";
    m.year = year;
    m.name = fmt::format("QS World University Rankings {}", year);
    m.indicators = {
        {"ar", "Academic Reputation", 0.30, "Research and Discovery"},
        {"er", "Employer Reputation", 0.15, "Employability and Outcomes"},
        {"fs", "Faculty Student Ratio", 0.10, "Learning Experience"},
        {"cpf", "Citations per Faculty", 0.20, "Research and Discovery"},
        {"if", "International Faculty Ratio", 0.05, "Global Engagement"},
        {"is", "International Student Ratio", 0.05, "Global Engagement"},
        {"isd", "International Student Diversity", 0.0, "Global Engagement"},
        {"irn", "International Research Network", 0.05, "Global Engagement"},
        {"eo", "Employment Outcomes", 0.05, "Employability and Outcomes"},
        {"st", "Sustainability", 0.05, "Sustainability"},
    };
    if (year < 2026) std::erase_if(m.indicators, [](const RankingIndicator& i) { return i.code == "isd"; });
    m.missing = MissingTreatment::Zero;
    m.scaling = TotalScaling::MinMaxRescaled;  // bounds over all analysed institutions: set them when known
    m.total_decimals = 1;
    m.rank_decimals = 1;
    m.bands.exact_up_to = 500;
    add_steps(m.bands.bands, 501, 600, 10);
    add_steps(m.bands.bands, 601, 1000, 50);
    m.bands.bands.push_back({1001, 1200});
    m.bands.bands.push_back({1201, 1400});
    m.bands.bands.push_back({1401, std::nullopt});
    m.bands.mark_ties = true;
    return m;
}

void the_bands(Methodology& m, bool to_1500_plus) {
    m.bands.exact_up_to = 200;
    add_steps(m.bands.bands, 201, 400, 50);
    m.bands.bands.push_back({401, 500});
    m.bands.bands.push_back({501, 600});
    m.bands.bands.push_back({601, 800});
    if (to_1500_plus) {
        m.bands.bands.push_back({801, 1000});
        m.bands.bands.push_back({1001, 1200});
        m.bands.bands.push_back({1201, 1500});
        m.bands.bands.push_back({1501, std::nullopt});
    }
    m.bands.mark_ties = true;
}

// THE World University Rankings 2016 (the 2015-2016 table): five pillars, weighted sum,
// no rescaling; 800 institutions listed, exact ranks to 200.
Methodology the_2016() {
    Methodology m;
    m.system = "THE-WUR";
    m.year = 2016;
    m.name = "THE World University Rankings 2016";
    m.indicators = {
        {"teaching", "Teaching (the learning environment)", 0.30, ""},
        {"international", "International outlook (staff, students, research)", 0.075, ""},
        {"research", "Research (volume, income and reputation)", 0.30, ""},
        {"citations", "Citations (research influence)", 0.30, ""},
        {"income", "Industry income (knowledge transfer)", 0.025, ""},
    };
    m.missing = MissingTreatment::Zero;
    m.scaling = TotalScaling::WeightedSum;
    the_bands(m, false);
    return m;
}

// THE World University Rankings 2024 onwards (WUR 3.0): the overall is formed from the five
// pillar scores; the 18 indicators are the pillars' components.
Methodology the_wur3(int year) {
    Methodology m;
    m.system = "THE-WUR";
    m.year = year;
    m.name = fmt::format("THE World University Rankings {}", year);
    m.indicators = {
        {"teaching", "Teaching (the learning environment)", 0.295, ""},
        {"research_environment", "Research environment (volume, income and reputation)", 0.29, ""},
        {"research_quality", "Research quality (citation impact, strength, excellence and influence)", 0.30, ""},
        {"industry", "Industry (income and patents)", 0.04, ""},
        {"international_outlook", "International outlook (staff, students and research)", 0.075, ""},
    };
    m.components = {
        {"teaching_reputation", "Teaching reputation", 0.15, "teaching"},
        {"staff_student_ratio", "Staff-to-student ratio", 0.045, "teaching"},
        {"doctorate_bachelor_ratio", "Doctorate-to-bachelor ratio", 0.02, "teaching"},
        {"doctorate_staff_ratio", "Doctorates-awarded-to-academic-staff ratio", 0.055, "teaching"},
        {"institutional_income", "Institutional income", 0.025, "teaching"},
        {"research_reputation", "Research reputation", 0.18, "research_environment"},
        {"research_income", "Research income", 0.055, "research_environment"},
        {"research_productivity", "Research productivity", 0.055, "research_environment"},
        {"citation_impact", "Citation impact", 0.15, "research_quality"},
        {"research_strength", "Research strength", 0.05, "research_quality"},
        {"research_excellence", "Research excellence", 0.05, "research_quality"},
        {"research_influence", "Research influence", 0.05, "research_quality"},
        {"industry_income", "Industry income", 0.02, "industry"},
        {"patents", "Patents", 0.02, "industry"},
        {"international_students", "Proportion of international students", 0.025, "international_outlook"},
        {"international_staff", "Proportion of international staff", 0.025, "international_outlook"},
        {"international_co_authorship", "International co-authorship", 0.025, "international_outlook"},
    };
    m.missing = MissingTreatment::Zero;
    m.scaling = TotalScaling::WeightedSum;
    the_bands(m, true);
    return m;
}

struct Range {
    std::string_view system;
    int first;
    int last;
};

std::vector<Range> ranges() {
    const int now = current_year();
    return {{"ARWU", 2005, now}, {"QS-WUR", 2024, 2026}, {"THE-WUR", 2016, 2016}, {"THE-WUR", 2024, now}};
}

} // namespace

bool has_builtin_methodology(std::string_view system, int year) {
    for (const auto& r : ranges())
        if (r.system == system && year >= r.first && year <= r.last) return true;
    return false;
}

std::vector<RankingEdition> builtin_editions() {
    std::vector<RankingEdition> out;
    for (const auto& r : ranges())
        for (int y = r.first; y <= r.last; ++y) out.push_back({std::string(r.system), y});
    std::sort(out.begin(), out.end());
    return out;
}

Methodology methodology(std::string_view system, int year) {
    if (!has_builtin_methodology(system, year))
        throw NotFoundError("built-in ranking methodology", fmt::format("{} {}", system, year));
    if (system == "ARWU") return arwu(year);
    if (system == "QS-WUR") return qs_wur(year);
    return year == 2016 ? the_2016() : the_wur3(year);
}

} // namespace iro
