#pragma once
// People the office deals with: faculty, researchers, students, staff and visiting
// professors. Personal data is kept to the minimum and can be erased.

#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

enum class PersonRole { Faculty, Researcher, Student, AdministrativeStaff, VisitingProfessor };

template <>
struct EnumNames<PersonRole> {
    static constexpr std::string_view field = "role";
    static constexpr std::array<std::pair<PersonRole, std::string_view>, 5> table{{
        {PersonRole::Faculty, "faculty"},
        {PersonRole::Researcher, "researcher"},
        {PersonRole::Student, "student"},
        {PersonRole::AdministrativeStaff, "administrative_staff"},
        {PersonRole::VisitingProfessor, "visiting_professor"},
    }};
};

// Fields of expertise: ISCED-F 2013 codes ("0613") and free keywords ("machine learning").
struct Expertise {
    std::vector<std::string> isced_codes;
    std::vector<std::string> keywords;

    bool empty() const noexcept { return isced_codes.empty() && keywords.empty(); }
    friend bool operator==(const Expertise&, const Expertise&) = default;
};

// Throws ValidationError naming `field` for a malformed code or keyword.
void validate(const Expertise& expertise, std::string_view field = "expertise");

struct Person {
    PersonId id;  // set by the store
    std::string given_name;
    std::string family_name;
    PersonRole role = PersonRole::Faculty;
    std::optional<InstitutionId> affiliation;
    std::optional<UnitId> unit;  // a unit of the affiliation
    std::string nationality;     // ISO 3166-1 alpha-2, optional
    std::string email;           // optional
    Expertise expertise;
    bool erased = false;         // set by People::erase; names then hold an anonymous token

    std::string full_name() const;
    friend bool operator==(const Person&, const Person&) = default;
};

void validate(const Person& person);

} // namespace iro
