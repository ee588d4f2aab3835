#include "core/text_rules.hpp"

#include "iro/error.hpp"

#include <cstdint>
#include <fmt/format.h>

namespace iro::detail {

bool is_valid_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1Fu; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0Fu; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07u; }
        else return false;
        if (i + extra >= text.size()) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        i += extra + 1;
    }
    return true;
}

void check_text(std::string_view field, std::string_view value, std::size_t max_bytes, bool required,
                bool multiline) {
    if (!is_valid_utf8(value)) throw ValidationError(std::string(field), std::string(value), "valid UTF-8 text");
    if (value.size() > max_bytes)
        throw ValidationError(std::string(field), std::string(value),
                              fmt::format("at most {} bytes (got {})", max_bytes, value.size()));
    bool blank = true;
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) {
            if (multiline && (c == '\n' || c == '\t' || c == '\r')) continue;
            throw ValidationError(std::string(field), std::string(value),
                                  multiline ? "text without control characters" : "a single line of text without control characters");
        }
        if (c != ' ') blank = false;
    }
    if (required && blank) throw ValidationError(std::string(field), std::string(value), "a non-empty text");
}

} // namespace iro::detail
