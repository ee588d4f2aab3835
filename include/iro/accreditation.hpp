#pragma once
// Accreditation: frameworks of standards published by accreditation bodies, cases (the
// institution or a programme going through a body's process), findings, follow-ups and
// the evidence gathered per criterion.

#include "iro/date.hpp"
#include "iro/document_ref.hpp"
#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

// One standard or criterion. Sub-criteria name their parent's code.
struct Criterion {
    std::string code;         // "1.1", "C3", "Criterion 5"
    std::string title;
    std::string description;
    std::string parent;       // empty for a top-level criterion
    double weight = 1.0;      // relative weight among its siblings for readiness

    friend bool operator==(const Criterion&, const Criterion&) = default;
};

// A versioned framework of criteria published by an accreditation body.
struct Framework {
    FrameworkId id;           // set by the store
    InstitutionId body;       // an institution of type accreditation_body
    std::string name;         // "ABET General Criteria for Baccalaureate Level Programs"
    std::string version;      // "2025-2026"
    std::vector<Criterion> criteria;  // parents before children, codes unique

    const Criterion* find(std::string_view code) const noexcept;
    bool is_leaf(std::string_view code) const noexcept;
    friend bool operator==(const Framework&, const Framework&) = default;
};

// Checks codes, parents, titles and weights. Throws ValidationError naming the field.
void validate(const Framework& framework);

// The frameworks iro ships, with the structure and titles as published: "ESG-2015" (ESG
// 2015 Part 1, standards 1.1-1.10), "ABET" (General Criteria 1-8) and "AACSB-2020"
// (a skeleton of the nine 2020 business accreditation standards in their three sections).
// The body is left unset: Accreditations::add_framework needs the caller's body id.
Framework builtin_framework(std::string_view key);
std::vector<std::string> builtin_framework_keys();

// Reads a framework from JSON ({"name", "version", "criteria": [{"code", "title",
// "description", "parent", "weight"}]}) or from CSV with the header
// "code,title,description,parent,weight". FormatError for unreadable text (with the line).
Framework framework_from_json(std::string_view json_text);
Framework framework_from_csv(std::string_view csv_text);
std::string framework_to_json(const Framework& framework);

enum class CaseType { Initial, Reaccreditation, InterimReport, SubstantiveChange };

template <>
struct EnumNames<CaseType> {
    static constexpr std::string_view field = "case type";
    static constexpr std::array<std::pair<CaseType, std::string_view>, 4> table{{
        {CaseType::Initial, "initial"},
        {CaseType::Reaccreditation, "reaccreditation"},
        {CaseType::InterimReport, "interim_report"},
        {CaseType::SubstantiveChange, "substantive_change"},
    }};
};

// planning -> self_study_in_preparation -> self_study_submitted -> site_visit_scheduled ->
// visit_done -> decision_pending -> accredited | accredited_with_conditions | deferred |
// denied; deferred or denied -> appeal -> decision_pending. An interim report or a
// substantive change may go from self_study_submitted straight to decision_pending.
enum class CaseStatus {
    Planning,
    SelfStudyInPreparation,
    SelfStudySubmitted,
    SiteVisitScheduled,
    VisitDone,
    DecisionPending,
    Accredited,
    AccreditedWithConditions,
    Deferred,
    Denied,
    Appeal,
};

template <>
struct EnumNames<CaseStatus> {
    static constexpr std::string_view field = "case status";
    static constexpr std::array<std::pair<CaseStatus, std::string_view>, 11> table{{
        {CaseStatus::Planning, "planning"},
        {CaseStatus::SelfStudyInPreparation, "self_study_in_preparation"},
        {CaseStatus::SelfStudySubmitted, "self_study_submitted"},
        {CaseStatus::SiteVisitScheduled, "site_visit_scheduled"},
        {CaseStatus::VisitDone, "visit_done"},
        {CaseStatus::DecisionPending, "decision_pending"},
        {CaseStatus::Accredited, "accredited"},
        {CaseStatus::AccreditedWithConditions, "accredited_with_conditions"},
        {CaseStatus::Deferred, "deferred"},
        {CaseStatus::Denied, "denied"},
        {CaseStatus::Appeal, "appeal"},
    }};
};

bool is_legal_transition(CaseStatus from, CaseStatus to) noexcept;
void check_transition(CaseStatus from, CaseStatus to);  // ConflictError naming both states
constexpr bool is_decision(CaseStatus s) noexcept {
    return s == CaseStatus::Accredited || s == CaseStatus::AccreditedWithConditions || s == CaseStatus::Deferred ||
           s == CaseStatus::Denied;
}
constexpr bool is_accredited(CaseStatus s) noexcept {
    return s == CaseStatus::Accredited || s == CaseStatus::AccreditedWithConditions;
}

enum class DegreeLevel { Bachelor, Master, Doctorate, Diploma };

template <>
struct EnumNames<DegreeLevel> {
    static constexpr std::string_view field = "degree level";
    static constexpr std::array<std::pair<DegreeLevel, std::string_view>, 4> table{{
        {DegreeLevel::Bachelor, "bachelor"},
        {DegreeLevel::Master, "master"},
        {DegreeLevel::Doctorate, "doctorate"},
        {DegreeLevel::Diploma, "diploma"},
    }};
};

// What is accredited: the whole institution (no unit), or a programme (unit + degree + level).
struct AccreditationScope {
    std::optional<UnitId> unit;
    std::string degree;  // "B.Sc. in Computer Engineering"
    std::optional<DegreeLevel> level;

    bool is_institutional() const noexcept { return !unit.has_value(); }
    friend bool operator==(const AccreditationScope&, const AccreditationScope&) = default;
};

// The body's decision. ABET-style actions add the next general review, an interim report or
// visit, and show cause.
struct Decision {
    std::optional<Date> decided_on;
    std::optional<Date> valid_until;
    std::optional<Date> next_general_review;
    std::optional<Date> interim_report_due;
    std::optional<Date> interim_visit;
    bool show_cause = false;

    friend bool operator==(const Decision&, const Decision&) = default;
};

struct AccreditationCase {
    CaseId id;  // set by the store
    AccreditationScope scope;
    FrameworkId framework;  // fixes the body and the framework version
    CaseType type = CaseType::Initial;
    CaseStatus status = CaseStatus::Planning;  // changed only by transitions
    std::optional<Date> planned_visit;
    Decision decision;  // set with Accreditations::decide
    std::string note;

    friend bool operator==(const AccreditationCase&, const AccreditationCase&) = default;
};

struct CaseTransition {
    std::optional<CaseStatus> from;
    CaseStatus to = CaseStatus::Planning;
    Date on{};
    std::string actor;
    std::string note;

    friend bool operator==(const CaseTransition&, const CaseTransition&) = default;
};

// ABET's levels of shortcoming, used by other bodies too.
enum class FindingLevel { Deficiency, Weakness, Concern, Observation };

template <>
struct EnumNames<FindingLevel> {
    static constexpr std::string_view field = "finding level";
    static constexpr std::array<std::pair<FindingLevel, std::string_view>, 4> table{{
        {FindingLevel::Deficiency, "deficiency"},
        {FindingLevel::Weakness, "weakness"},
        {FindingLevel::Concern, "concern"},
        {FindingLevel::Observation, "observation"},
    }};
};

// A condition set by the decision or an action answering a finding, with its due date.
struct FollowUp {
    FollowUpId id;  // set by the store
    CaseId accreditation_case;
    std::string title;
    Date due{};
    std::optional<Date> done_on;

    friend bool operator==(const FollowUp&, const FollowUp&) = default;
};

struct Finding {
    FindingId id;  // set by the store
    CaseId accreditation_case;
    std::string criterion;  // a criterion code of the case's framework
    FindingLevel level = FindingLevel::Concern;
    std::string text;
    std::optional<FollowUpId> follow_up;

    friend bool operator==(const Finding&, const Finding&) = default;
};

enum class EvidenceStatus { Missing, Draft, Complete, Approved };

template <>
struct EnumNames<EvidenceStatus> {
    static constexpr std::string_view field = "evidence status";
    static constexpr std::array<std::pair<EvidenceStatus, std::string_view>, 4> table{{
        {EvidenceStatus::Missing, "missing"},
        {EvidenceStatus::Draft, "draft"},
        {EvidenceStatus::Complete, "complete"},
        {EvidenceStatus::Approved, "approved"},
    }};
};

constexpr bool is_done(EvidenceStatus s) noexcept { return s == EvidenceStatus::Complete || s == EvidenceStatus::Approved; }

// One piece of evidence planned or gathered for a criterion. Evidence belongs to leaf
// criteria; parents' readiness comes from their children.
struct Evidence {
    EvidenceId id;  // set by the store
    CaseId accreditation_case;
    std::string criterion;
    std::string title;
    std::optional<DocumentRef> document;
    std::optional<PersonId> owner_person;  // who is responsible: a person or a unit
    std::optional<UnitId> owner_unit;
    EvidenceStatus status = EvidenceStatus::Missing;
    std::optional<Date> due;
    bool required = true;

    friend bool operator==(const Evidence&, const Evidence&) = default;
};

} // namespace iro
