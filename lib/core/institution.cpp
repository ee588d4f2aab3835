#include "iro/institution.hpp"

#include "core/text_rules.hpp"
#include "iro/country.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace iro {

std::string Institution::display_name() const {
    for (const auto& n : names)
        if (n.kind == NameKind::Display) return n.value;
    return names.empty() ? std::string{} : names.front().value;
}

void validate(const Institution& institution) {
    if (institution.names.empty())
        throw ValidationError("names", "", "at least one name, one of them of kind 'display'");
    int displays = 0;
    for (std::size_t i = 0; i < institution.names.size(); ++i) {
        const auto& n = institution.names[i];
        detail::check_text(fmt::format("names[{}].value", i), n.value, detail::kMaxNameLength, true);
        if (n.lang.size() > 12 || !std::all_of(n.lang.begin(), n.lang.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || (c >= '0' && c <= '9');
            }))
            throw ValidationError(fmt::format("names[{}].lang", i), n.lang, "a language tag such as 'ar' or 'en'");
        if (n.kind == NameKind::Display) ++displays;
    }
    if (displays != 1)
        throw ValidationError("names", fmt::format("{} display names", displays), "exactly one name of kind 'display'");

    country(institution.country);
    detail::check_text("city", institution.city, detail::kMaxNameLength, false);
    if (!institution.website.empty()) validate_website(institution.website);

    const auto& ids = institution.identifiers;
    if (!ids.ror.empty() && !is_valid_ror_id(ids.ror))
        throw ValidationError("ror", ids.ror, "a ROR id 'https://ror.org/0' + 6 base-32 characters + a valid 2-digit checksum");
    if (!ids.erasmus.empty()) validate_erasmus_code(ids.erasmus);
    if (!ids.schac.empty()) validate_schac_code(ids.schac);
    if (!ids.pic.empty()) validate_pic(ids.pic);
    if (!ids.wikidata.empty()) validate_wikidata_id(ids.wikidata);

    const bool merged = institution.status == InstitutionStatus::Merged;
    if (merged && !institution.successor)
        throw ValidationError("successor", "", "the institution this one merged into, since status is 'merged'");
    if (!merged && institution.successor)
        throw ValidationError("successor", std::to_string(institution.successor->value()),
                              "no successor unless status is 'merged'");
    if (institution.successor && institution.successor == institution.id && institution.id.valid())
        throw ValidationError("successor", std::to_string(institution.successor->value()), "another institution than itself");
    if (institution.is_home && institution.status != InstitutionStatus::Active)
        throw ValidationError("status", std::string(to_string(institution.status)), "'active' for the home institution");
}

} // namespace iro
