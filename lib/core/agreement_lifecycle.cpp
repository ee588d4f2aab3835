#include "iro/agreement_lifecycle.hpp"

#include "iro/error.hpp"

#include <fmt/format.h>

namespace iro {

namespace {
using S = AgreementStatus;

struct Move {
    S from;
    S to;
};

// The whole state machine in one table; agreement_lifecycle.hpp draws it.
constexpr Move kMoves[] = {
    {S::Proposed, S::InNegotiation},        {S::Proposed, S::Terminated},
    {S::InNegotiation, S::UnderReview},     {S::InNegotiation, S::Terminated},
    {S::UnderReview, S::InNegotiation},     {S::UnderReview, S::AwaitingSignature},
    {S::UnderReview, S::Terminated},        {S::AwaitingSignature, S::InNegotiation},
    {S::AwaitingSignature, S::InForce},     {S::AwaitingSignature, S::Terminated},
    {S::InForce, S::Expired},               {S::InForce, S::Renewed},
    {S::InForce, S::Terminated},            {S::Expired, S::Renewed},
};
} // namespace

bool is_legal_transition(AgreementStatus from, AgreementStatus to) noexcept {
    for (const auto& m : kMoves)
        if (m.from == from && m.to == to) return true;
    return false;
}

std::vector<AgreementStatus> next_states(AgreementStatus from) {
    std::vector<AgreementStatus> out;
    for (const auto& m : kMoves)
        if (m.from == from) out.push_back(m.to);
    return out;
}

bool is_final(AgreementStatus status) noexcept { return next_states(status).empty(); }

void check_transition(AgreementStatus from, AgreementStatus to) {
    if (is_legal_transition(from, to)) return;
    std::string allowed;
    for (auto s : next_states(from)) {
        if (!allowed.empty()) allowed += ", ";
        allowed += fmt::format("'{}'", to_string(s));
    }
    throw ConflictError(fmt::format("illegal agreement transition from '{}' to '{}'; allowed from '{}': {}", to_string(from),
                                    to_string(to), to_string(from), allowed.empty() ? "none (final state)" : allowed));
}

} // namespace iro
