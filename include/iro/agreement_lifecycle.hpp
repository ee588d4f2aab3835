#pragma once
// The agreement lifecycle as a state machine:
//
//   proposed -> in_negotiation -> under_review -> awaiting_signature -> in_force
//   under_review / awaiting_signature -> in_negotiation   (sent back for changes)
//   in_force -> expired | renewed | terminated
//   expired -> renewed                                      (renewal after a lapse)
//   any state before in_force -> terminated                  (the proposal is abandoned)
//
// renewed and terminated are final. "Expiring" is not a state: it is derived from the
// validity dates (Agreements::expiring).

#include "iro/agreement.hpp"

#include <vector>

namespace iro {

bool is_legal_transition(AgreementStatus from, AgreementStatus to) noexcept;

// The states reachable in one move from `from`.
std::vector<AgreementStatus> next_states(AgreementStatus from);

bool is_final(AgreementStatus status) noexcept;

// Throws ConflictError "illegal agreement transition from 'x' to 'y'; allowed from 'x': ..."
void check_transition(AgreementStatus from, AgreementStatus to);

} // namespace iro
