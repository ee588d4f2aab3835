#pragma once
// Visits and mobility: visiting professors coming in, staff and students going out.

#include "iro/date.hpp"
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

enum class VisitDirection { Incoming, Outgoing };

template <>
struct EnumNames<VisitDirection> {
    static constexpr std::string_view field = "direction";
    static constexpr std::array<std::pair<VisitDirection, std::string_view>, 2> table{{
        {VisitDirection::Incoming, "incoming"},
        {VisitDirection::Outgoing, "outgoing"},
    }};
};

enum class VisitPurpose { Teaching, Research, Training, Study, Conference };

template <>
struct EnumNames<VisitPurpose> {
    static constexpr std::string_view field = "purpose";
    static constexpr std::array<std::pair<VisitPurpose, std::string_view>, 5> table{{
        {VisitPurpose::Teaching, "teaching"},
        {VisitPurpose::Research, "research"},
        {VisitPurpose::Training, "training"},
        {VisitPurpose::Study, "study"},
        {VisitPurpose::Conference, "conference"},
    }};
};

// planned -> confirmed -> ongoing -> completed; anything before completion -> cancelled.
enum class VisitStatus { Planned, Confirmed, Ongoing, Completed, Cancelled };

template <>
struct EnumNames<VisitStatus> {
    static constexpr std::string_view field = "visit status";
    static constexpr std::array<std::pair<VisitStatus, std::string_view>, 5> table{{
        {VisitStatus::Planned, "planned"},
        {VisitStatus::Confirmed, "confirmed"},
        {VisitStatus::Ongoing, "ongoing"},
        {VisitStatus::Completed, "completed"},
        {VisitStatus::Cancelled, "cancelled"},
    }};
};

bool is_legal_transition(VisitStatus from, VisitStatus to) noexcept;
// Throws ConflictError naming both states and the allowed moves.
void check_transition(VisitStatus from, VisitStatus to);

// Confirmed, ongoing and completed visits are commitments: they may not overlap for a person.
constexpr bool is_committed(VisitStatus s) noexcept {
    return s == VisitStatus::Confirmed || s == VisitStatus::Ongoing || s == VisitStatus::Completed;
}

struct Visit {
    VisitId id;  // set by the store
    PersonId person;
    VisitDirection direction = VisitDirection::Incoming;
    VisitPurpose purpose = VisitPurpose::Teaching;
    InstitutionId home_institution;  // where the visitor comes from
    InstitutionId host_institution;  // where the visit takes place
    std::optional<UnitId> home_unit;
    std::optional<UnitId> host_unit;
    Date start{};
    Date end{};  // inclusive
    std::optional<AgreementId> agreement;  // the agreement that funds it
    std::optional<ProgramId> program;      // or the program
    // How the visit counts against the agreement's quotas; required with an agreement.
    std::optional<MobilityType> mobility_type;
    VisitStatus status = VisitStatus::Planned;  // changed only by transitions
    int lectures = 0;
    double teaching_hours = 0;
    int seminars = 0;
    std::string note;

    // The academic year the visit starts in (years start on 1 September).
    AcademicYear academic_year() const;
    friend bool operator==(const Visit&, const Visit&) = default;
};

// The academic year holding a date; academic years start on 1 September.
AcademicYear academic_year_of(Date date);

void validate(const Visit& visit);

} // namespace iro
