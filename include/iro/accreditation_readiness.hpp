#pragma once
// Readiness of an accreditation case: the share of required evidence that is complete or
// approved, per criterion and overall, and the gaps that block it.

#include "iro/accreditation.hpp"

#include <string>
#include <vector>

namespace iro {

struct CriterionReadiness {
    std::string code;
    std::string title;
    std::string parent;
    int depth = 0;            // 0 for top-level criteria
    double weight = 1.0;
    int required = 0;         // required evidence items in this criterion's subtree
    int done = 0;             // of which complete or approved
    double readiness = 0;     // 0..1, see compute_readiness

    friend bool operator==(const CriterionReadiness&, const CriterionReadiness&) = default;
};

// Why a case is not ready: a required evidence item not done, or a leaf criterion with no
// required evidence planned at all.
struct ReadinessGap {
    std::string criterion;
    std::string criterion_title;
    std::optional<EvidenceId> evidence;  // empty when no evidence is planned
    std::string evidence_title;
    EvidenceStatus status = EvidenceStatus::Missing;
    std::optional<Date> due;
    bool overdue = false;     // due before the date asked about

    friend bool operator==(const ReadinessGap&, const ReadinessGap&) = default;
};

struct Readiness {
    double overall = 0;                      // weighted mean of the top-level criteria
    std::vector<CriterionReadiness> criteria;  // in framework order
    std::vector<ReadinessGap> gaps;          // blocking gaps, in framework order

    friend bool operator==(const Readiness&, const Readiness&) = default;
};

// A leaf criterion's readiness is done / required over its required evidence (0 when none is
// planned, which is itself a gap). A parent's readiness is the weighted mean of its
// children's, with the weights the framework gives; the overall figure is the weighted mean
// of the top-level criteria. Evidence that is not required never counts.
Readiness compute_readiness(const Framework& framework, const std::vector<Evidence>& evidence, Date on);

} // namespace iro
