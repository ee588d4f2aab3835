#pragma once
// Checks that ranking code shares (private to the library).

#include <string_view>

namespace iro::detail {

// [a-z0-9_]+, at most 40 characters.
bool is_indicator_code(std::string_view code) noexcept;

// ValidationError naming `field` unless `code` is an indicator code and not a result field
// (institution, rank, overall).
void check_indicator_code(std::string_view code, std::string_view field);

// ValidationError naming `field` unless 1 <= year <= 9999.
void check_year(int year, std::string_view field);

} // namespace iro::detail
