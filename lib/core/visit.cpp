#include "iro/visit.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace iro {

namespace {
using S = VisitStatus;
struct Move {
    S from;
    S to;
};
constexpr Move kMoves[] = {
    {S::Planned, S::Confirmed}, {S::Planned, S::Cancelled}, {S::Confirmed, S::Ongoing},
    {S::Confirmed, S::Cancelled}, {S::Ongoing, S::Completed}, {S::Ongoing, S::Cancelled},
};
} // namespace

bool is_legal_transition(VisitStatus from, VisitStatus to) noexcept {
    return std::any_of(std::begin(kMoves), std::end(kMoves), [&](const Move& m) { return m.from == from && m.to == to; });
}

void check_transition(VisitStatus from, VisitStatus to) {
    if (is_legal_transition(from, to)) return;
    std::string allowed;
    for (const auto& m : kMoves)
        if (m.from == from) allowed += (allowed.empty() ? "'" : ", '") + std::string(to_string(m.to)) + "'";
    throw ConflictError(fmt::format("illegal visit transition from '{}' to '{}'; allowed from '{}': {}", to_string(from),
                                    to_string(to), to_string(from), allowed.empty() ? "none (final state)" : allowed));
}

AcademicYear academic_year_of(Date date) {
    const int year = static_cast<int>(date.year());
    return AcademicYear{static_cast<unsigned>(date.month()) >= 9 ? year : year - 1};
}

AcademicYear Visit::academic_year() const { return academic_year_of(start); }

void validate(const Visit& v) {
    if (!v.person.valid()) throw ValidationError("person", std::to_string(v.person.value()), "a stored person");
    if (!v.home_institution.valid())
        throw ValidationError("home_institution", std::to_string(v.home_institution.value()), "a stored institution");
    if (!v.host_institution.valid())
        throw ValidationError("host_institution", std::to_string(v.host_institution.value()), "a stored institution");
    if (v.home_institution == v.host_institution)
        throw ValidationError("host_institution", std::to_string(v.host_institution.value()), "an institution other than the home one");
    check_date(v.start, "start");
    check_date(v.end, "end");
    if (v.end < v.start)
        throw ValidationError("end", format_date(v.end), fmt::format("a date on or after start ({})", format_date(v.start)));
    if (days_between(v.start, v.end) > 3 * 366)
        throw ValidationError("end", format_date(v.end), "a visit of at most three years");
    if (v.agreement && !v.mobility_type)
        throw ValidationError("mobility_type", "", "a mobility type when the visit is funded by an agreement");
    if (v.lectures < 0 || v.lectures > 10'000) throw ValidationError("lectures", std::to_string(v.lectures), "a count from 0");
    if (v.seminars < 0 || v.seminars > 10'000) throw ValidationError("seminars", std::to_string(v.seminars), "a count from 0");
    if (!std::isfinite(v.teaching_hours) || v.teaching_hours < 0 || v.teaching_hours > 10'000)
        throw ValidationError("teaching_hours", fmt::format("{}", v.teaching_hours), "a number of hours from 0");
    detail::check_text("note", v.note, detail::kMaxNoteLength, false, true);
}

} // namespace iro
