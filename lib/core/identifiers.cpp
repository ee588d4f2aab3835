#include "iro/identifiers.hpp"

#include "iro/error.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace iro {

namespace {
constexpr std::string_view kRorPrefix = "https://ror.org/";
constexpr std::string_view kCrockford = "0123456789abcdefghjkmnpqrstvwxyz";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// The 9-character ROR suffix: '0', six Crockford base-32 characters, two checksum digits.
bool valid_ror_suffix(std::string_view s) {
    if (s.size() != 9 || s[0] != '0') return false;
    std::uint64_t n = 0;
    for (char c : s.substr(0, 7)) {
        const auto pos = kCrockford.find(c);
        if (pos == std::string_view::npos) return false;
        n = n * 32 + pos;
    }
    if (!is_digit(s[7]) || !is_digit(s[8])) return false;
    const auto checksum = static_cast<std::uint64_t>((s[7] - '0') * 10 + (s[8] - '0'));
    // ISO 7064 mod 97-10, as ROR computes it.
    return checksum == 98 - ((n * 100) % 97);
}

std::string_view ror_suffix(std::string_view ror) {
    if (ror.starts_with(kRorPrefix)) return ror.substr(kRorPrefix.size());
    return ror;
}

[[noreturn]] void bad(std::string_view field, std::string_view value, std::string_view expected) {
    throw ValidationError(std::string(field), std::string(value), expected);
}
} // namespace

bool is_valid_ror_id(std::string_view ror) noexcept {
    return ror.starts_with(kRorPrefix) && valid_ror_suffix(ror_suffix(ror));
}

std::string normalize_ror_id(std::string_view ror) {
    std::string lowered(ror);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lowered.starts_with("http://ror.org/")) lowered.replace(0, 4, "https");
    const auto suffix = ror_suffix(lowered);
    if (!valid_ror_suffix(suffix))
        bad("ror", ror, "a ROR id 'https://ror.org/0' + 6 base-32 characters + a valid 2-digit checksum");
    return std::string(kRorPrefix) + std::string(suffix);
}

void validate_erasmus_code(std::string_view code) {
    constexpr std::string_view shape = "an Erasmus code such as 'PL WARSZAW01' or 'F  PARIS001'";
    if (code.size() < 5 || code.size() > 16) bad("erasmus", code, shape);
    std::size_t i = 0;
    while (i < code.size() && is_upper(code[i])) ++i;
    if (i == 0 || i > 3) bad("erasmus", code, shape);
    const std::size_t spaces_from = i;
    while (i < code.size() && code[i] == ' ') ++i;
    if (i == spaces_from || i - spaces_from > 2) bad("erasmus", code, shape);
    const std::size_t letters_from = i;
    while (i < code.size() && (is_upper(code[i]) || code[i] == '-')) ++i;
    if (i == letters_from) bad("erasmus", code, shape);
    const std::size_t digits_from = i;
    while (i < code.size() && is_digit(code[i])) ++i;
    if (i != code.size() || i - digits_from < 2 || i - digits_from > 3) bad("erasmus", code, shape);
}

void validate_schac_code(std::string_view code) {
    constexpr std::string_view shape = "a lower-case domain name such as 'uw.edu.pl'";
    if (code.empty() || code.size() > 253 || code.find('.') == std::string_view::npos) bad("schac", code, shape);
    std::size_t label_start = 0;
    for (std::size_t i = 0; i <= code.size(); ++i) {
        if (i == code.size() || code[i] == '.') {
            const auto label = code.substr(label_start, i - label_start);
            if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
                bad("schac", code, shape);
            label_start = i + 1;
        } else if (!is_lower(code[i]) && !is_digit(code[i]) && code[i] != '-') {
            bad("schac", code, shape);
        }
    }
}

void validate_pic(std::string_view pic) {
    if (pic.size() != 9 || !std::all_of(pic.begin(), pic.end(), is_digit))
        bad("pic", pic, "a 9-digit Participant Identification Code");
}

void validate_wikidata_id(std::string_view id) {
    if (id.size() < 2 || id.size() > 12 || id[0] != 'Q' || id[1] == '0' ||
        !std::all_of(id.begin() + 1, id.end(), is_digit))
        bad("wikidata", id, "a Wikidata item id such as 'Q1234'");
}

void validate_website(std::string_view url) {
    constexpr std::string_view shape = "an http:// or https:// address with a host";
    std::string_view rest;
    if (url.starts_with("https://")) rest = url.substr(8);
    else if (url.starts_with("http://")) rest = url.substr(7);
    else bad("website", url, shape);
    const auto host = rest.substr(0, rest.find('/'));
    if (host.empty() || url.size() > 2048 ||
        std::any_of(url.begin(), url.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '"'; }))
        bad("website", url, shape);
}

void validate_email(std::string_view email, std::string_view field) {
    constexpr std::string_view shape = "an e-mail address such as 'name@example.edu'";
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos ||
        email.size() > 254)
        bad(field, email, shape);
    const auto domain = email.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
        std::any_of(email.begin(), email.end(), [](unsigned char c) { return c <= ' ' || c == ',' || c == ';' || c == '<' || c == '>'; }))
        bad(field, email, shape);
}

void validate_sha256(std::string_view hex, std::string_view field) {
    if (hex.size() != 64 || !std::all_of(hex.begin(), hex.end(), [](char c) {
            return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }))
        bad(field, hex, "64 hexadecimal characters");
}

} // namespace iro
