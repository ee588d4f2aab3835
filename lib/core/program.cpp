#include "iro/program.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace iro {

namespace {
using S = ApplicationStatus;
struct Move {
    S from;
    S to;
};
constexpr Move kMoves[] = {
    {S::Draft, S::Submitted},     {S::Draft, S::Withdrawn},      {S::Submitted, S::Nominated}, {S::Submitted, S::Rejected},
    {S::Submitted, S::Withdrawn}, {S::Nominated, S::Accepted},   {S::Nominated, S::Rejected},  {S::Nominated, S::Withdrawn},
    {S::Accepted, S::Completed},  {S::Accepted, S::Withdrawn},
};
} // namespace

bool is_legal_transition(ApplicationStatus from, ApplicationStatus to) noexcept {
    return std::any_of(std::begin(kMoves), std::end(kMoves), [&](const Move& m) { return m.from == from && m.to == to; });
}

std::vector<ApplicationStatus> next_states(ApplicationStatus from) {
    std::vector<ApplicationStatus> out;
    for (const auto& m : kMoves)
        if (m.from == from) out.push_back(m.to);
    return out;
}

void check_transition(ApplicationStatus from, ApplicationStatus to) {
    if (is_legal_transition(from, to)) return;
    std::string allowed;
    for (auto s : next_states(from)) allowed += (allowed.empty() ? "'" : ", '") + std::string(to_string(s)) + "'";
    throw ConflictError(fmt::format("illegal application transition from '{}' to '{}'; allowed from '{}': {}", to_string(from),
                                    to_string(to), to_string(from), allowed.empty() ? "none (final state)" : allowed));
}

void validate(const Program& p) {
    detail::check_text("name", p.name, detail::kMaxNameLength, true);
    detail::check_text("eligibility", p.eligibility, detail::kMaxNoteLength, false, true);
    if (!p.website.empty()) validate_website(p.website);
    if (p.audiences.empty()) throw ValidationError("audiences", "", "at least one audience");
    for (std::size_t i = 0; i < p.audiences.size(); ++i)
        if (std::find(p.audiences.begin(), p.audiences.begin() + static_cast<std::ptrdiff_t>(i), p.audiences[i]) !=
            p.audiences.begin() + static_cast<std::ptrdiff_t>(i))
            throw ValidationError("audiences", std::string(to_string(p.audiences[i])), "each audience once");
}

void validate(const Call& c) {
    if (!c.program.valid()) throw ValidationError("program", std::to_string(c.program.value()), "a stored program");
    detail::check_text("title", c.title, detail::kMaxNameLength, true);
    detail::check_text("eligibility", c.eligibility, detail::kMaxNoteLength, false, true);
    check_date(c.opens_on, "opens_on");
    check_date(c.deadline, "deadline");
    if (c.deadline < c.opens_on)
        throw ValidationError("deadline", format_date(c.deadline), fmt::format("a date on or after opens_on ({})", format_date(c.opens_on)));
    if (c.places < 0 || c.places > 1'000'000) throw ValidationError("places", std::to_string(c.places), "a count from 0");
    if (c.funding) validate(*c.funding, "funding");
}

} // namespace iro
