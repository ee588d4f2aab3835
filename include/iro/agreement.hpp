#pragma once
// Agreements: memorandums of understanding and every other kind of agreement between the
// home institution and one or more partners.

#include "iro/date.hpp"
#include "iro/document_ref.hpp"
#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"
#include "iro/mobility_quota.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

enum class AgreementKind {
    Mou,
    Framework,
    StudentExchange,
    StaffExchange,
    ErasmusIia,
    JointDegree,
    ResearchCollaboration,
    Scholarship,
    Training,
    Network,
};

template <>
struct EnumNames<AgreementKind> {
    static constexpr std::string_view field = "kind";
    static constexpr std::array<std::pair<AgreementKind, std::string_view>, 10> table{{
        {AgreementKind::Mou, "mou"},
        {AgreementKind::Framework, "framework"},
        {AgreementKind::StudentExchange, "student_exchange"},
        {AgreementKind::StaffExchange, "staff_exchange"},
        {AgreementKind::ErasmusIia, "erasmus_iia"},
        {AgreementKind::JointDegree, "joint_degree"},
        {AgreementKind::ResearchCollaboration, "research_collaboration"},
        {AgreementKind::Scholarship, "scholarship"},
        {AgreementKind::Training, "training"},
        {AgreementKind::Network, "network"},
    }};
};

enum class AgreementStatus {
    Proposed,
    InNegotiation,
    UnderReview,
    AwaitingSignature,
    InForce,
    Expired,
    Renewed,
    Terminated,
};

template <>
struct EnumNames<AgreementStatus> {
    static constexpr std::string_view field = "status";
    static constexpr std::array<std::pair<AgreementStatus, std::string_view>, 8> table{{
        {AgreementStatus::Proposed, "proposed"},
        {AgreementStatus::InNegotiation, "in_negotiation"},
        {AgreementStatus::UnderReview, "under_review"},
        {AgreementStatus::AwaitingSignature, "awaiting_signature"},
        {AgreementStatus::InForce, "in_force"},
        {AgreementStatus::Expired, "expired"},
        {AgreementStatus::Renewed, "renewed"},
        {AgreementStatus::Terminated, "terminated"},
    }};
};

enum class Area {
    Education,
    Training,
    Research,
    Culture,
    StudentExchange,
    StaffExchange,
    CapacityBuilding,
    JointProgrammes,
    QualityAccreditation,
};

template <>
struct EnumNames<Area> {
    static constexpr std::string_view field = "area";
    static constexpr std::array<std::pair<Area, std::string_view>, 9> table{{
        {Area::Education, "education"},
        {Area::Training, "training"},
        {Area::Research, "research"},
        {Area::Culture, "culture"},
        {Area::StudentExchange, "student_exchange"},
        {Area::StaffExchange, "staff_exchange"},
        {Area::CapacityBuilding, "capacity_building"},
        {Area::JointProgrammes, "joint_programmes"},
        {Area::QualityAccreditation, "quality_accreditation"},
    }};
};

// One signatory side. The home institution is always a party.
struct Party {
    InstitutionId institution;
    std::optional<UnitId> unit;  // narrows the party to a faculty, department or centre
    std::optional<Date> signed_on;
    std::string signatory;  // name and title of the person who signs

    friend bool operator==(const Party&, const Party&) = default;
};

struct Agreement {
    AgreementId id;  // set by the store
    AgreementKind kind = AgreementKind::Mou;
    std::string title;
    std::string reference;  // the office's file number, optional, unique when given
    std::vector<Party> parties;  // the home institution and at least one partner
    std::vector<Area> areas;     // at least one, no repeats
    AgreementStatus status = AgreementStatus::Proposed;  // changed only by transitions
    Date proposed_on{};
    std::optional<Date> in_force_from;
    std::optional<Date> valid_until;    // empty: open-ended
    std::optional<Date> terminated_on;  // set by the terminate transition
    int tacit_renewal_years = 0;        // 0: no tacit renewal
    int notice_days = 0;                // termination notice period
    std::optional<AgreementId> predecessor;  // set on renewals
    std::vector<MobilityQuota> quotas;
    std::vector<DocumentRef> documents;
    std::string note;

    bool is_multilateral() const noexcept { return parties.size() > 2; }

    // The last day of the validity period that contains `on`, following tacit renewals;
    // empty for an open-ended agreement.
    std::optional<Date> period_end(Date on) const;

    // True when the agreement is legally in force on that date: it entered force, the date
    // is inside its validity (tacit renewals included) and it had not been terminated.
    bool in_force_on(Date on) const;

    friend bool operator==(const Agreement&, const Agreement&) = default;
};

// A recorded lifecycle move. `from` is empty for the record made when the agreement was added.
struct Transition {
    std::optional<AgreementStatus> from;
    AgreementStatus to = AgreementStatus::Proposed;
    Date on{};
    std::string actor;
    std::string note;

    friend bool operator==(const Transition&, const Transition&) = default;
};

// Checks the fields that need no store: title, parties, areas, dates, quotas, documents.
// Throws ValidationError naming the first bad field.
void validate(const Agreement& agreement);

} // namespace iro
