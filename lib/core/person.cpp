#include "iro/person.hpp"

#include "core/text_rules.hpp"
#include "iro/country.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace iro {

void validate(const Expertise& e, std::string_view field) {
    for (std::size_t i = 0; i < e.isced_codes.size(); ++i) {
        const auto& code = e.isced_codes[i];
        if (code.size() < 2 || code.size() > 4 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
            throw ValidationError(fmt::format("{}.isced_codes[{}]", field, i), code, "ISCED-F 2013 codes of 2 to 4 digits, e.g. '0613'");
    }
    for (std::size_t i = 0; i < e.keywords.size(); ++i)
        detail::check_text(fmt::format("{}.keywords[{}]", field, i), e.keywords[i], 100, true);
    if (e.isced_codes.size() + e.keywords.size() > 200)
        throw ValidationError(std::string(field), std::to_string(e.isced_codes.size() + e.keywords.size()) + " items",
                              "at most 200 codes and keywords");
}

std::string Person::full_name() const {
    if (given_name.empty()) return family_name;
    if (family_name.empty()) return given_name;
    return given_name + " " + family_name;
}

void validate(const Person& p) {
    detail::check_text("given_name", p.given_name, 200, false);
    detail::check_text("family_name", p.family_name, 200, false);
    if (p.given_name.find_first_not_of(' ') == std::string::npos && p.family_name.find_first_not_of(' ') == std::string::npos)
        throw ValidationError("family_name", p.family_name, "a name (given or family)");
    if (!p.nationality.empty()) {
        if (!find_country(p.nationality))
            throw ValidationError("nationality", p.nationality, "an ISO 3166-1 alpha-2 code such as 'PS' or 'DE'");
    }
    if (!p.email.empty()) validate_email(p.email);
    if (p.unit && !p.affiliation)
        throw ValidationError("unit", std::to_string(p.unit->value()), "no unit without an affiliation");
    validate(p.expertise);
}

} // namespace iro
