#pragma once
// The stored programs, their calls and applications, with the queries offices run.

#include "iro/program.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iro {

namespace detail { class Database; }

struct ProgramFilter {
    std::optional<ProgramKind> kind{};
    std::optional<Audience> audience{};
    std::optional<InstitutionId> provider{};

    friend bool operator==(const ProgramFilter&, const ProgramFilter&) = default;
};

struct ApplicationFilter {
    std::optional<ProgramId> program{};
    std::optional<CallId> call{};
    std::optional<PersonId> applicant{};
    std::optional<ApplicationStatus> status{};
    std::optional<Audience> audience{};
    std::optional<UnitId> unit{};
    std::optional<int> year{};  // the year of the call's deadline

    friend bool operator==(const ApplicationFilter&, const ApplicationFilter&) = default;
};

// One row of the participation table: applications by program, year, unit and audience.
struct Participation {
    ProgramId program;
    std::string program_name;
    int year = 0;                 // the year of the call's deadline
    std::optional<UnitId> unit;
    Audience audience = Audience::Undergraduate;
    std::int64_t applications = 0;  // everything but drafts
    std::int64_t accepted = 0;      // accepted or completed
    std::int64_t rejected = 0;

    friend bool operator==(const Participation&, const Participation&) = default;
};

struct SuccessRate {
    ProgramId program;
    std::string program_name;
    std::int64_t decided = 0;   // accepted, completed or rejected
    std::int64_t accepted = 0;  // accepted or completed
    double rate = 0;            // accepted / decided; 0 when nothing is decided

    friend bool operator==(const SuccessRate&, const SuccessRate&) = default;
};

class Programs {
public:
    explicit Programs(detail::Database& db) : db_(&db) {}

    ProgramId add(Program program);
    void update(const Program& program);
    Program get(ProgramId id) const;
    std::vector<Program> find(const ProgramFilter& filter = {}) const;

    CallId add_call(Call call);
    void update_call(const Call& call);
    Call get_call(CallId id) const;
    std::vector<Call> calls(std::optional<ProgramId> program = std::nullopt) const;
    // Calls open on `on` (opens_on <= on <= deadline), for an audience if given.
    std::vector<Call> open_calls(Date on, std::optional<Audience> audience = std::nullopt) const;
    // Calls whose deadline falls within [on, on + within_days], soonest first.
    std::vector<Call> upcoming_deadlines(Date on, int within_days) const;

    // Applications start as drafts (or any status, for records made after the fact).
    ApplicationId apply(Application application);
    Application get_application(ApplicationId id) const;
    std::vector<Application> applications(const ApplicationFilter& filter = {}) const;
    void transition(ApplicationId id, ApplicationStatus to, Date on, std::string_view note = {});
    std::vector<ApplicationTransition> history(ApplicationId id) const;

    std::vector<Participation> participation(const ApplicationFilter& filter = {}) const;
    std::vector<SuccessRate> success_rates(const ApplicationFilter& filter = {}) const;

private:
    detail::Database* db_;
};

} // namespace iro
