#pragma once
// Academic years as EWP writes them: "2025/2026".

#include <compare>
#include <string>
#include <string_view>

namespace iro {

struct AcademicYear {
    int start_year = 0;  // 2025 for "2025/2026"

    // Throws ValidationError("academic year", ...) unless the text is "YYYY/YYYY+1".
    static AcademicYear parse(std::string_view text);
    std::string to_string() const;

    friend auto operator<=>(const AcademicYear&, const AcademicYear&) = default;
};

} // namespace iro
