#pragma once
// Accreditation in Python, shared by bind_accreditation.cpp (classes, office.accreditations)
// and accreditation_frames.cpp (their DataFrames).
//
// Frameworks, cases, findings, follow-ups and evidence are plain value classes: a stored one
// is found again by its id, and an object stands for its id where one is expected.

#include "daily_work.hpp"  // the Person id owner (evidence owners) and the argument helpers
#include "frame.hpp"

#include "iro/accreditations.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace iro::python {

#define IRO_ACCREDITATION_BOUND_AS(Type, PyName)    \
    template <>                                      \
    struct BoundAs<Type> {                           \
        static constexpr bool bound = true;          \
        using type = Type;                           \
        static constexpr const char* name = PyName;  \
    };
IRO_ACCREDITATION_BOUND_AS(Criterion, "Criterion")
IRO_ACCREDITATION_BOUND_AS(Framework, "Framework")
IRO_ACCREDITATION_BOUND_AS(AccreditationScope, "AccreditationScope")
IRO_ACCREDITATION_BOUND_AS(Decision, "Decision")
IRO_ACCREDITATION_BOUND_AS(AccreditationCase, "AccreditationCase")
IRO_ACCREDITATION_BOUND_AS(CaseTransition, "CaseTransition")
IRO_ACCREDITATION_BOUND_AS(FollowUp, "FollowUp")
IRO_ACCREDITATION_BOUND_AS(Finding, "Finding")
IRO_ACCREDITATION_BOUND_AS(Evidence, "Evidence")
IRO_ACCREDITATION_BOUND_AS(TimelineRules, "TimelineRules")
IRO_ACCREDITATION_BOUND_AS(AccreditationTimeline, "AccreditationTimeline")
#undef IRO_ACCREDITATION_BOUND_AS

#define IRO_ACCREDITATION_ID_OWNER(IdType, Owner, Entity) \
    template <>                                            \
    struct IdOwner<IdType> {                               \
        using type = Owner;                                \
        static constexpr const char* entity = Entity;      \
    };
IRO_ACCREDITATION_ID_OWNER(FrameworkId, Framework, "framework")
IRO_ACCREDITATION_ID_OWNER(CaseId, AccreditationCase, "case")
IRO_ACCREDITATION_ID_OWNER(EvidenceId, Evidence, "evidence")
IRO_ACCREDITATION_ID_OWNER(FindingId, Finding, "finding")
IRO_ACCREDITATION_ID_OWNER(FollowUpId, FollowUp, "follow-up")
#undef IRO_ACCREDITATION_ID_OWNER

// office.accreditations: a thin handle on the shared core, made on each access.
struct AccreditationsView {
    std::shared_ptr<OfficeCore> core;
};

namespace accreditation {

// Reads the case filter keywords framework, body, unit and status.
CaseFilter case_filter(const OfficeCore& core, const py::kwargs& kwargs);

// DataFrames, filled under the store lock; to_pandas() afterwards, with the GIL.
Frame cases_frame(Store& s, const CaseFilter& filter);
Frame evidence_frame(Store& s, std::optional<CaseId> of);
Frame findings_frame(Store& s, std::optional<CaseId> of);
Frame follow_ups_frame(Store& s, std::optional<CaseId> of);
Frame status_frame(Store& s, Date on);
Frame expiring_frame(Store& s, Date on, int within_days);
Frame criteria_frame(const Framework& framework);
Frame readiness_criteria_frame(const Readiness& readiness);
Frame readiness_gaps_frame(const Readiness& readiness);

} // namespace accreditation

} // namespace iro::python
