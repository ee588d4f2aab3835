#include "iro/accreditation_timeline.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace iro {

TimelineRules abet_timeline_rules() {
    TimelineRules r;
    r.body = "ABET";
    r.request_month = 1;
    r.request_day = 31;
    r.self_study_month = 7;
    r.self_study_day = 1;
    r.visit_month_from = 9;
    r.visit_month_to = 12;
    r.decision_month = 7;
    r.decision_year_offset = 1;
    return r;
}

namespace {
void check_month_day(int month, int day, const char* field) {
    if (month == 0 && day == 0) return;
    const Date probe{std::chrono::year{2024}, std::chrono::month{static_cast<unsigned>(month)}, std::chrono::day{static_cast<unsigned>(day)}};
    if (month < 1 || month > 12 || day < 1 || !probe.ok())
        throw ValidationError(field, fmt::format("{}-{}", month, day), "a real month and day (leap day allowed)");
}

void check_offset(int days, const char* field) {
    if (days < 0 || days > 3650) throw ValidationError(field, std::to_string(days), "0 to 3650 days");
}

// A month/day in a given year; 29 February falls back to 28 in common years.
Date on_month_day(int year, int month, int day) {
    const std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)}};
    const auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    return Date{ym.year(), ym.month(), std::min(std::chrono::day{static_cast<unsigned>(day)}, last)};
}
} // namespace

void validate(const TimelineRules& r) {
    if (r.body.size() > 100) throw ValidationError("body", r.body, "a body name of 1 to 100 bytes");
    detail::check_text("body", r.body, 100, true);
    check_month_day(r.request_month, r.request_day, "request_month/day");
    check_month_day(r.self_study_month, r.self_study_day, "self_study_month/day");
    check_offset(r.request_days_before_visit, "request_days_before_visit");
    check_offset(r.self_study_days_before_visit, "self_study_days_before_visit");
    check_offset(r.decision_days_after_visit, "decision_days_after_visit");
    for (int offset : {r.request_year_offset, r.self_study_year_offset, r.decision_year_offset})
        if (offset < -5 || offset > 5) throw ValidationError("year_offset", std::to_string(offset), "-5 to 5 years");
    if (r.visit_month_from < 1 || r.visit_month_from > 12 || r.visit_month_to < r.visit_month_from || r.visit_month_to > 12)
        throw ValidationError("visit_month_from/to", fmt::format("{}-{}", r.visit_month_from, r.visit_month_to), "months 1 to 12, from <= to");
    if (r.decision_month < 0 || r.decision_month > 12)
        throw ValidationError("decision_month", std::to_string(r.decision_month), "0 (use the offset) or a month 1 to 12");
}

AccreditationTimeline derive_timeline(const TimelineRules& r, Date visit) {
    validate(r);
    check_date(visit, "planned_visit");
    const int month = static_cast<int>(static_cast<unsigned>(visit.month()));
    if (month < r.visit_month_from || month > r.visit_month_to)
        throw ValidationError("planned_visit", format_date(visit),
                              fmt::format("a date in months {} to {}, when {} holds site visits", r.visit_month_from, r.visit_month_to, r.body));
    const int year = static_cast<int>(visit.year());
    AccreditationTimeline t;
    t.planned_visit = visit;
    t.request_due = r.request_month ? on_month_day(year + r.request_year_offset, r.request_month, r.request_day)
                                    : add_days(visit, -r.request_days_before_visit);
    t.self_study_due = r.self_study_month ? on_month_day(year + r.self_study_year_offset, r.self_study_month, r.self_study_day)
                                          : add_days(visit, -r.self_study_days_before_visit);
    t.decision_expected = r.decision_month ? on_month_day(year + r.decision_year_offset, r.decision_month, 1)
                                           : add_days(visit, r.decision_days_after_visit);
    return t;
}

} // namespace iro
