#pragma once
// Organisational units form a tree under an institution: faculties, departments,
// specialised scientific centres and offices.

#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace iro {

enum class UnitKind { Faculty, Department, ScientificCentre, Office };

template <>
struct EnumNames<UnitKind> {
    static constexpr std::string_view field = "unit kind";
    static constexpr std::array<std::pair<UnitKind, std::string_view>, 4> table{{
        {UnitKind::Faculty, "faculty"},
        {UnitKind::Department, "department"},
        {UnitKind::ScientificCentre, "scientific_centre"},
        {UnitKind::Office, "office"},
    }};
};

struct OrgUnit {
    UnitId id;  // set by the store
    InstitutionId institution;
    std::optional<UnitId> parent;  // must belong to the same institution
    UnitKind kind = UnitKind::Department;
    std::string name;
    std::string code;  // the institution's own short code, optional

    friend bool operator==(const OrgUnit&, const OrgUnit&) = default;
};

} // namespace iro
