#pragma once
// The home institution's own ranking indicators for a year: the figures the office sets
// (headcounts iro does not hold) and what iro derives from its partner registry.

#include "iro/date.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

class Store;

// Figure keys the ratios are computed from.
inline constexpr std::string_view kInternationalFaculty = "international_faculty";
inline constexpr std::string_view kFacultyTotal = "faculty_total";
inline constexpr std::string_view kInternationalStudents = "international_students";
inline constexpr std::string_view kStudentsTotal = "students_total";

struct HomeIndicators {
    int year = 0;
    Date on{};  // the day agreements are counted on
    std::map<std::string, double> figures;  // as set with Rankings::set_home_figures
    // Active institutions in the store other than home.
    std::int64_t partner_count = 0;
    // ISO codes of the partners of agreements in force on `on`, sorted.
    std::vector<std::string> partner_countries;
    // international_faculty / faculty_total and international_students / students_total, as
    // fractions; none when a figure is missing or the total is not positive.
    std::optional<double> international_faculty_ratio;
    std::optional<double> international_student_ratio;

    friend bool operator==(const HomeIndicators&, const HomeIndicators&) = default;
};

// The indicators of `year`, with agreements counted on `on` (default: 31 December of the
// year). ValidationError for a year outside 1..9999 or an invalid date.
HomeIndicators compute_home_indicators(const Store& store, int year, std::optional<Date> on = std::nullopt);

} // namespace iro
