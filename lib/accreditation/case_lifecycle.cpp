#include "iro/accreditation.hpp"

#include "iro/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace iro {

namespace {
using S = CaseStatus;
struct Move {
    S from;
    S to;
};
// The whole case state machine; accreditation.hpp draws it.
constexpr Move kMoves[] = {
    {S::Planning, S::SelfStudyInPreparation},
    {S::SelfStudyInPreparation, S::SelfStudySubmitted},
    {S::SelfStudySubmitted, S::SiteVisitScheduled},
    {S::SelfStudySubmitted, S::DecisionPending},
    {S::SiteVisitScheduled, S::VisitDone},
    {S::VisitDone, S::DecisionPending},
    {S::DecisionPending, S::Accredited},
    {S::DecisionPending, S::AccreditedWithConditions},
    {S::DecisionPending, S::Deferred},
    {S::DecisionPending, S::Denied},
    {S::Deferred, S::Appeal},
    {S::Denied, S::Appeal},
    {S::Appeal, S::DecisionPending},
};
} // namespace

bool is_legal_transition(CaseStatus from, CaseStatus to) noexcept {
    return std::any_of(std::begin(kMoves), std::end(kMoves), [&](const Move& m) { return m.from == from && m.to == to; });
}

void check_transition(CaseStatus from, CaseStatus to) {
    if (is_legal_transition(from, to)) return;
    std::string allowed;
    for (const auto& m : kMoves)
        if (m.from == from) allowed += (allowed.empty() ? "'" : ", '") + std::string(to_string(m.to)) + "'";
    throw ConflictError(fmt::format("illegal accreditation case transition from '{}' to '{}'; allowed from '{}': {}", to_string(from),
                                    to_string(to), to_string(from), allowed.empty() ? "none (final state)" : allowed));
}

} // namespace iro
