#pragma once
// The stored accreditation frameworks, cases, findings, follow-ups and evidence, with the
// queries an office runs.

#include "iro/accreditation.hpp"
#include "iro/accreditation_readiness.hpp"
#include "iro/accreditation_timeline.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iro {

namespace detail { class Database; }

// Where a programme (or the institution) stands on a date.
enum class AccreditationState { Accredited, AccreditedWithConditions, InProgress, Expired, NotAccredited };

template <>
struct EnumNames<AccreditationState> {
    static constexpr std::string_view field = "accreditation state";
    static constexpr std::array<std::pair<AccreditationState, std::string_view>, 5> table{{
        {AccreditationState::Accredited, "accredited"},
        {AccreditationState::AccreditedWithConditions, "accredited_with_conditions"},
        {AccreditationState::InProgress, "in_progress"},
        {AccreditationState::Expired, "expired"},
        {AccreditationState::NotAccredited, "not_accredited"},
    }};
};

struct ProgrammeStatus {
    AccreditationScope scope;
    std::string unit_name;     // empty for the institution
    InstitutionId body;
    std::string body_name;
    AccreditationState state = AccreditationState::NotAccredited;
    std::optional<CaseId> decisive_case;   // the case the state comes from
    std::optional<Date> valid_until;

    friend bool operator==(const ProgrammeStatus&, const ProgrammeStatus&) = default;
};

struct ExpiringAccreditation {
    AccreditationCase accreditation_case;
    Date valid_until{};
    int days_left = 0;

    friend bool operator==(const ExpiringAccreditation&, const ExpiringAccreditation&) = default;
};

struct CaseFilter {
    std::optional<FrameworkId> framework{};
    std::optional<InstitutionId> body{};
    std::optional<UnitId> unit{};
    std::optional<CaseStatus> status{};

    friend bool operator==(const CaseFilter&, const CaseFilter&) = default;
};

class Accreditations {
public:
    explicit Accreditations(detail::Database& db) : db_(&db) {}

    // Frameworks: the body must be an institution of type accreditation_body; a body's
    // (name, version) pair is unique.
    FrameworkId add_framework(Framework framework);
    Framework get_framework(FrameworkId id) const;
    std::vector<Framework> frameworks(std::optional<InstitutionId> body = std::nullopt) const;

    // Timeline rules per body (replacing earlier ones).
    void set_timeline_rules(InstitutionId body, const TimelineRules& rules);
    std::optional<TimelineRules> timeline_rules(InstitutionId body) const;
    // The deadlines for the case's planned visit under its body's rules.
    AccreditationTimeline timeline(CaseId id) const;

    CaseId open_case(AccreditationCase c, Date on);
    void update_case(const AccreditationCase& c);  // scope, type, planned visit, note
    AccreditationCase get_case(CaseId id) const;
    std::vector<AccreditationCase> cases(const CaseFilter& filter = {}) const;
    void transition(CaseId id, CaseStatus to, Date on, std::string_view note = {});
    // Records the body's decision and moves the case to that state (from decision_pending).
    void decide(CaseId id, CaseStatus outcome, const Decision& decision, std::string_view note = {});
    std::vector<CaseTransition> history(CaseId id) const;

    FollowUpId add_follow_up(FollowUp follow_up);
    void complete_follow_up(FollowUpId id, Date on);
    std::vector<FollowUp> follow_ups(CaseId id) const;

    FindingId add_finding(Finding finding);
    std::vector<Finding> findings(CaseId id) const;

    EvidenceId add_evidence(Evidence evidence);
    void update_evidence(const Evidence& evidence);
    std::vector<Evidence> evidence(CaseId id) const;

    Readiness readiness(CaseId id, Date on) const;

    // The latest decision per scope and body on a date: accredited (with or without
    // conditions) while valid, expired after valid_until, in progress when an open case
    // exists, not accredited otherwise.
    std::vector<ProgrammeStatus> status_on(Date on) const;
    // Accredited cases whose validity ends within [on, on + within_days].
    std::vector<ExpiringAccreditation> expiring(Date on, int within_days) const;
    std::vector<Evidence> overdue_evidence(Date on) const;      // required, not done, due before `on`
    std::vector<FollowUp> overdue_follow_ups(Date on) const;    // not done, due before `on`

private:
    detail::Database* db_;
};

} // namespace iro
