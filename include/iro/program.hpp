#pragma once
// Programs for students and staff (exchange, scholarships, training abroad, research
// funding, academic exchange, capacity development), their calls and the applications.

#include "iro/date.hpp"
#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"
#include "iro/money.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

enum class ProgramKind { Exchange, Scholarship, TrainingAbroad, ResearchFunding, AcademicExchange, CapacityDevelopment };

template <>
struct EnumNames<ProgramKind> {
    static constexpr std::string_view field = "program kind";
    static constexpr std::array<std::pair<ProgramKind, std::string_view>, 6> table{{
        {ProgramKind::Exchange, "exchange"},
        {ProgramKind::Scholarship, "scholarship"},
        {ProgramKind::TrainingAbroad, "training_abroad"},
        {ProgramKind::ResearchFunding, "research_funding"},
        {ProgramKind::AcademicExchange, "academic_exchange"},
        {ProgramKind::CapacityDevelopment, "capacity_development"},
    }};
};

// Who a program is for: students by level, faculty, administrative staff.
enum class Audience { Undergraduate, Master, Doctoral, Faculty, AdministrativeStaff };

template <>
struct EnumNames<Audience> {
    static constexpr std::string_view field = "audience";
    static constexpr std::array<std::pair<Audience, std::string_view>, 5> table{{
        {Audience::Undergraduate, "undergraduate"},
        {Audience::Master, "master"},
        {Audience::Doctoral, "doctoral"},
        {Audience::Faculty, "faculty"},
        {Audience::AdministrativeStaff, "administrative_staff"},
    }};
};

struct Program {
    ProgramId id;  // set by the store
    std::string name;
    ProgramKind kind = ProgramKind::Exchange;
    std::optional<InstitutionId> provider;  // a partner or a funder (Erasmus+, DAAD, Fulbright)
    std::optional<AgreementId> agreement;   // the agreement it runs under, if any
    std::vector<Audience> audiences;        // at least one
    std::string eligibility;
    std::string website;

    friend bool operator==(const Program&, const Program&) = default;
};

struct Call {
    CallId id;  // set by the store
    ProgramId program;
    std::string title;
    Date opens_on{};
    Date deadline{};  // the last day applications are accepted
    int places = 0;   // 0: not fixed
    std::optional<Money> funding;  // per place
    std::string eligibility;

    bool is_open_on(Date on) const noexcept { return opens_on <= on && on <= deadline; }
    friend bool operator==(const Call&, const Call&) = default;
};

// draft -> submitted -> nominated -> accepted -> completed; submitted or nominated ->
// rejected; anything before completion -> withdrawn.
enum class ApplicationStatus { Draft, Submitted, Nominated, Accepted, Rejected, Withdrawn, Completed };

template <>
struct EnumNames<ApplicationStatus> {
    static constexpr std::string_view field = "application status";
    static constexpr std::array<std::pair<ApplicationStatus, std::string_view>, 7> table{{
        {ApplicationStatus::Draft, "draft"},
        {ApplicationStatus::Submitted, "submitted"},
        {ApplicationStatus::Nominated, "nominated"},
        {ApplicationStatus::Accepted, "accepted"},
        {ApplicationStatus::Rejected, "rejected"},
        {ApplicationStatus::Withdrawn, "withdrawn"},
        {ApplicationStatus::Completed, "completed"},
    }};
};

bool is_legal_transition(ApplicationStatus from, ApplicationStatus to) noexcept;
std::vector<ApplicationStatus> next_states(ApplicationStatus from);
// Throws ConflictError naming both states and the allowed moves.
void check_transition(ApplicationStatus from, ApplicationStatus to);

struct Application {
    ApplicationId id;  // set by the store
    CallId call;
    PersonId applicant;
    Audience audience = Audience::Undergraduate;
    std::optional<UnitId> unit;  // the applicant's home unit
    ApplicationStatus status = ApplicationStatus::Draft;  // changed only by transitions
    Date created_on{};
    std::string note;

    friend bool operator==(const Application&, const Application&) = default;
};

// A recorded application move, like an agreement Transition.
struct ApplicationTransition {
    std::optional<ApplicationStatus> from;
    ApplicationStatus to = ApplicationStatus::Draft;
    Date on{};
    std::string actor;
    std::string note;

    friend bool operator==(const ApplicationTransition&, const ApplicationTransition&) = default;
};

void validate(const Program& program);
void validate(const Call& call);

} // namespace iro
