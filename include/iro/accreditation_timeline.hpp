#pragma once
// Deadlines derived from a planned site visit and a body's rules, kept as data per body.

#include "iro/date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace iro {

// A body's calendar. Fixed dates are month/day in the visit's year shifted by a year
// offset (-1: the year before the visit); offsets count days before the visit. Use one form
// per deadline.
struct TimelineRules {
    std::string body;                        // "ABET"
    int request_month = 0, request_day = 0;  // request for evaluation due, fixed form
    int request_year_offset = 0;
    int request_days_before_visit = 0;       // offset form, used when request_month is 0
    int self_study_month = 0, self_study_day = 0;
    int self_study_year_offset = 0;
    int self_study_days_before_visit = 0;
    int visit_month_from = 1, visit_month_to = 12;  // visits are allowed in these months
    int decision_month = 0;                  // decision expected in this month ...
    int decision_year_offset = 0;            // ... of the visit year + offset
    int decision_days_after_visit = 0;       // offset form, used when decision_month is 0

    friend bool operator==(const TimelineRules&, const TimelineRules&) = default;
};

// ABET: request for evaluation by 31 January and self-study by 1 July of the visit year,
// visits September to December, decision in July of the following year.
TimelineRules abet_timeline_rules();

struct AccreditationTimeline {
    Date planned_visit{};
    Date request_due{};
    Date self_study_due{};
    Date decision_expected{};  // the first day of the decision month (or the offset date)

    friend bool operator==(const AccreditationTimeline&, const AccreditationTimeline&) = default;
};

// Throws ValidationError when the visit month is outside the body's window or the rules are
// malformed.
AccreditationTimeline derive_timeline(const TimelineRules& rules, Date planned_visit);
void validate(const TimelineRules& rules);

} // namespace iro
