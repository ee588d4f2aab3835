#include "iro/academic_year.hpp"

#include "iro/error.hpp"

#include <charconv>
#include <fmt/format.h>

namespace iro {

AcademicYear AcademicYear::parse(std::string_view text) {
    const auto fail = [&] {
        throw ValidationError("academic year", std::string(text), "two consecutive years written 'YYYY/YYYY', e.g. '2025/2026'");
    };
    if (text.size() != 9 || text[4] != '/') fail();
    int first = 0, second = 0;
    const auto r1 = std::from_chars(text.data(), text.data() + 4, first);
    const auto r2 = std::from_chars(text.data() + 5, text.data() + 9, second);
    if (r1.ptr != text.data() + 4 || r2.ptr != text.data() + 9 || second != first + 1 || first < 1900) fail();
    return AcademicYear{first};
}

std::string AcademicYear::to_string() const {
    return fmt::format("{}/{}", start_year, start_year + 1);
}

} // namespace iro
