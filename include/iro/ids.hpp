#pragma once
// Strong id types: an AgreementId cannot be passed where an InstitutionId is expected.

#include <compare>
#include <cstdint>
#include <functional>

namespace iro {

template <class Tag>
class Id {
public:
    constexpr Id() noexcept = default;
    constexpr explicit Id(std::int64_t value) noexcept : value_(value) {}

    constexpr std::int64_t value() const noexcept { return value_; }
    // Ids given by the store are positive; a default-constructed id refers to nothing.
    constexpr bool valid() const noexcept { return value_ > 0; }

    friend constexpr auto operator<=>(Id, Id) noexcept = default;

private:
    std::int64_t value_ = 0;
};

using InstitutionId = Id<struct InstitutionTag>;
using UnitId = Id<struct UnitTag>;
using ContactId = Id<struct ContactTag>;
using AgreementId = Id<struct AgreementTag>;
using ActivityId = Id<struct ActivityTag>;
using ProgramId = Id<struct ProgramTag>;
using CallId = Id<struct CallTag>;
using ApplicationId = Id<struct ApplicationTag>;
using PersonId = Id<struct PersonTag>;
using VisitId = Id<struct VisitTag>;
using FrameworkId = Id<struct FrameworkTag>;
using CaseId = Id<struct CaseTag>;
using EvidenceId = Id<struct EvidenceTag>;
using FindingId = Id<struct FindingTag>;
using FollowUpId = Id<struct FollowUpTag>;

} // namespace iro

template <class Tag>
struct std::hash<iro::Id<Tag>> {
    std::size_t operator()(iro::Id<Tag> id) const noexcept { return std::hash<std::int64_t>{}(id.value()); }
};
