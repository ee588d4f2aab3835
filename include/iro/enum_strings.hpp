#pragma once
// Every enum has exactly one table of names. SQL, CSV, JSON, reports and Python all use
// it, so a value is spelled the same way everywhere.
//
// A specialisation of EnumNames<E> provides:
//   static constexpr std::string_view field;   // used in error messages
//   static constexpr std::array<std::pair<E, std::string_view>, N> table;

#include "iro/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace iro {

template <class E>
struct EnumNames;


template <class E>
constexpr std::optional<E> try_enum_from_string(std::string_view name) noexcept {
    for (const auto& [v, n] : EnumNames<E>::table)
        if (n == name) return v;
    return std::nullopt;
}

// The accepted names joined with ", ", for error messages.
template <class E>
std::string enum_choices() {
    std::string out;
    for (const auto& [v, n] : EnumNames<E>::table) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

// The name of a value. A value outside the table (only a cast can make one) is a
// ValidationError, so it can never be written to the store or a file.
template <class E>
constexpr std::string_view to_string(E value) {
    for (const auto& [v, name] : EnumNames<E>::table)
        if (v == value) return name;
    throw ValidationError(std::string(EnumNames<E>::field), std::to_string(static_cast<long long>(value)),
                          "one of: " + enum_choices<E>());
}

template <class E>
E enum_from_string(std::string_view name) {
    if (auto v = try_enum_from_string<E>(name)) return *v;
    throw ValidationError(std::string(EnumNames<E>::field), std::string(name),
                          "one of: " + enum_choices<E>());
}

} // namespace iro
