#pragma once
// Python enum classes made from iro's EnumNames tables, shared by every bind_*.cpp that
// binds enums.

#include "convert.hpp"

#include <cctype>
#include <string>
#include <string_view>

namespace iro::python {

inline std::string upper_snake(std::string_view name) {
    std::string out(name);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// A Python enum.StrEnum made from the EnumNames<E> table: members are UPPER_SNAKE_CASE,
// values the table's names, so a member equals its name as a string ("in_force").
template <NamedEnum E>
void bind_enum(py::module_& m, const char* name, const char* doc) {
    py::list members;
    for (const auto& [v, n] : EnumNames<E>::table) members.append(py::make_tuple(upper_snake(n), std::string(n)));
    py::object cls = py::module_::import("enum").attr("StrEnum")(name, members, py::arg("module") = "iro",
                                                                  py::arg("qualname") = name);
    cls.attr("__doc__") = doc;
    m.attr(name) = cls;
    // The class and its members live as long as the module; the registry keeps plain pointers.
    PyEnum<E>::cls = cls.inc_ref().ptr();
    PyEnum<E>::name = name;
    PyEnum<E>::members.clear();
    for (const auto& [v, n] : EnumNames<E>::table) {
        py::object member = cls.attr(upper_snake(n).c_str());
        PyEnum<E>::members.push_back(member.inc_ref().ptr());
    }
}

} // namespace iro::python
