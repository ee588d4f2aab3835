#pragma once
// Shared checks for free text fields (private to the library).

#include <cstddef>
#include <string_view>

namespace iro::detail {

// Documented limits: longer input is refused with a ValidationError, never truncated.
inline constexpr std::size_t kMaxNameLength = 500;     // bytes of UTF-8
inline constexpr std::size_t kMaxNoteLength = 10'000;

bool is_valid_utf8(std::string_view text) noexcept;

// Throws ValidationError when the text is not valid UTF-8, is longer than `max_bytes`,
// contains control characters (a newline is allowed only when `multiline`), or is blank
// while `required`.
void check_text(std::string_view field, std::string_view value, std::size_t max_bytes, bool required,
                bool multiline = false);

} // namespace iro::detail
