#pragma once
// Calendar dates are std::chrono::year_month_day; these helpers parse, print and count
// days with one set of rules everywhere (ISO 8601 "YYYY-MM-DD").

#include <chrono>
#include <string>
#include <string_view>

namespace iro {

using Date = std::chrono::year_month_day;

// Parses "YYYY-MM-DD" and rejects impossible dates such as 2025-02-30.
// Throws ValidationError naming `field`.
Date parse_date(std::string_view text, std::string_view field = "date");

std::string format_date(Date date);

// Throws ValidationError naming `field` when the date is not a real calendar date.
void check_date(Date date, std::string_view field);

Date add_days(Date date, int days);

// Same day `months` later, clamped to the month's last day (2024-01-31 + 1 month = 2024-02-29).
Date add_months(Date date, int months);

// Signed number of days from `from` to `to`.
int days_between(Date from, Date to);

// Today's date in UTC.
Date today();

} // namespace iro
