#pragma once
// Validators for the identifiers institutions carry. Each returns normally for a valid
// value and throws ValidationError naming the field, the value and the expected shape.

#include <string>
#include <string_view>

namespace iro {

// ROR id "https://ror.org/0" + 6 Crockford base-32 characters + 2-digit checksum
// (ISO 7064 mod 97-10 over the base-32 number). The bare form "0abcdef12" is accepted by
// normalize_ror_id and expanded to the URL.
bool is_valid_ror_id(std::string_view ror) noexcept;
std::string normalize_ror_id(std::string_view ror);  // throws ValidationError("ror", ...)

// Erasmus institution code, e.g. "PL WARSZAW01", "F  PARIS001", "D  BERLIN01".
void validate_erasmus_code(std::string_view code);

// SCHAC home organisation / EWP HEI id: a lower-case domain name, e.g. "uw.edu.pl".
void validate_schac_code(std::string_view code);

// EU Participant Identification Code: 9 digits.
void validate_pic(std::string_view pic);

// Wikidata item: "Q" followed by digits.
void validate_wikidata_id(std::string_view id);

// http(s) URL with a host.
void validate_website(std::string_view url);

// Something@domain.tld, no spaces.
void validate_email(std::string_view email, std::string_view field = "email");

// 64 hexadecimal characters (SHA-256).
void validate_sha256(std::string_view hex, std::string_view field = "sha256");

} // namespace iro
