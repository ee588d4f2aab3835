#include "iro/mobility_quota.hpp"

#include "iro/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace iro {

void validate(const MobilityQuota& quota, std::string_view field) {
    const auto name = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
    if (!quota.sending.valid()) throw ValidationError(name("sending"), std::to_string(quota.sending.value()), "a stored institution");
    if (!quota.receiving.valid())
        throw ValidationError(name("receiving"), std::to_string(quota.receiving.value()), "a stored institution");
    if (quota.sending == quota.receiving)
        throw ValidationError(name("receiving"), std::to_string(quota.receiving.value()), "an institution other than the sending one");
    if (quota.academic_years.empty()) throw ValidationError(name("academic_years"), "", "at least one academic year");
    std::set<int> years;
    for (const auto& y : quota.academic_years) {
        if (y.start_year < 1900 || y.start_year > 9998)
            throw ValidationError(name("academic_years"), y.to_string(), "academic years from 1900/1901");
        if (!years.insert(y.start_year).second)
            throw ValidationError(name("academic_years"), y.to_string(), "each academic year once");
    }
    if (quota.mobilities_per_year < 0 || quota.mobilities_per_year > 100'000)
        throw ValidationError(name("mobilities_per_year"), std::to_string(quota.mobilities_per_year), "a count from 0 to 100000");
    const bool student = is_student_mobility(quota.type);
    if (quota.total_days_per_year && student)
        throw ValidationError(name("total_days_per_year"), std::to_string(*quota.total_days_per_year),
                              "no days for student mobility (use total_months_per_year)");
    if (quota.total_months_per_year && !student)
        throw ValidationError(name("total_months_per_year"), fmt::format("{}", *quota.total_months_per_year),
                              "no months for staff mobility (use total_days_per_year)");
    if (quota.total_months_per_year && !(*quota.total_months_per_year >= 0 && *quota.total_months_per_year <= 1'000'000))
        throw ValidationError(name("total_months_per_year"), fmt::format("{}", *quota.total_months_per_year), "a number of months from 0");
    if (quota.total_days_per_year && (*quota.total_days_per_year < 0 || *quota.total_days_per_year > 10'000'000))
        throw ValidationError(name("total_days_per_year"), std::to_string(*quota.total_days_per_year), "a number of days from 0");
    for (const auto& code : quota.subject_areas) {
        if (code.size() < 2 || code.size() > 4 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
            throw ValidationError(name("subject_areas"), code, "ISCED-F 2013 codes of 2 to 4 digits, e.g. '0613'");
    }
    for (int level : quota.eqf_levels)
        if (level < 1 || level > 8) throw ValidationError(name("eqf_levels"), std::to_string(level), "EQF levels from 1 to 8");
    for (const auto& skill : quota.language_skills) {
        const auto& l = skill.language;
        if (l.size() < 2 || l.size() > 3 || !std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
            throw ValidationError(name("language_skills"), l, "ISO 639 language codes such as 'en'");
    }
}

} // namespace iro
