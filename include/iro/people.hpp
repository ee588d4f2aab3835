#pragma once
// The stored people and their visits.

#include "iro/person.hpp"
#include "iro/visit.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iro {

namespace detail { class Database; }

struct PersonFilter {
    std::optional<PersonRole> role{};
    std::optional<InstitutionId> affiliation{};
    std::optional<std::string> nationality{};
    bool include_erased = true;

    friend bool operator==(const PersonFilter&, const PersonFilter&) = default;
};

class People {
public:
    explicit People(detail::Database& db) : db_(&db) {}

    PersonId add(Person person);
    std::vector<PersonId> add_many(std::vector<Person> people);
    void update(const Person& person);
    Person get(PersonId id) const;
    std::vector<Person> find(const PersonFilter& filter = {}) const;
    std::int64_t count(const PersonFilter& filter = {}) const;

    // Replaces the person's names with an anonymous token and clears nationality, e-mail
    // and expertise, everywhere in the database (the audit log included). Visits,
    // applications and activities keep counting, so statistics stay intact. Returns the token.
    std::string erase(PersonId id);

private:
    detail::Database* db_;
};

struct VisitFilter {
    std::optional<PersonId> person{};
    std::optional<VisitDirection> direction{};
    std::optional<VisitStatus> status{};
    std::optional<AgreementId> agreement{};
    std::optional<ProgramId> program{};
    std::optional<InstitutionId> institution{};  // home or host
    std::optional<int> year{};                   // calendar year of the start

    friend bool operator==(const VisitFilter&, const VisitFilter&) = default;
};

class Visits {
public:
    explicit Visits(detail::Database& db) : db_(&db) {}

    // A committed visit (confirmed, ongoing, completed) may not overlap another committed
    // visit of the same person: ConflictError naming both.
    VisitId add(Visit visit);
    std::vector<VisitId> add_many(std::vector<Visit> visits);
    // Replaces the editable fields; the status changes only through transition().
    void update(const Visit& visit);
    void transition(VisitId id, VisitStatus to, std::string_view note = {});
    Visit get(VisitId id) const;
    std::vector<Visit> find(const VisitFilter& filter = {}) const;
    std::int64_t count(const VisitFilter& filter = {}) const;

private:
    detail::Database* db_;
};

} // namespace iro
