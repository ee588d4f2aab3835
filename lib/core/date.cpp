#include "iro/date.hpp"

#include "iro/error.hpp"

#include <charconv>
#include <fmt/format.h>

namespace iro {

namespace {
constexpr std::string_view kDateShape = "a real calendar date written YYYY-MM-DD";

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int to_int(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}
} // namespace

Date parse_date(std::string_view text, std::string_view field) {
    const auto fail = [&] { throw ValidationError(std::string(field), std::string(text), kDateShape); };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') fail();
    const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) fail();
    const Date date{std::chrono::year{to_int(y)}, std::chrono::month{static_cast<unsigned>(to_int(m))},
                    std::chrono::day{static_cast<unsigned>(to_int(d))}};
    if (!date.ok() || to_int(y) < 1) fail();
    return date;
}

std::string format_date(Date date) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

void check_date(Date date, std::string_view field) {
    if (!date.ok() || static_cast<int>(date.year()) < 1 || static_cast<int>(date.year()) > 9999)
        throw ValidationError(std::string(field), format_date(date), kDateShape);
}

Date add_days(Date date, int days) {
    return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

Date add_months(Date date, int months) {
    const auto ym = std::chrono::year_month{date.year(), date.month()} + std::chrono::months{months};
    const auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    return Date{ym.year(), ym.month(), std::min(date.day(), last)};
}

int days_between(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

Date today() {
    return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

} // namespace iro
