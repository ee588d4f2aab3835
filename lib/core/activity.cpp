#include "iro/activity.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace iro {

void validate(const Activity& a) {
    detail::check_text("title", a.title, detail::kMaxNameLength, true);
    detail::check_text("outcome", a.outcome, detail::kMaxNoteLength, false, true);
    if (a.partners.empty()) throw ValidationError("partners", "", "at least one partner institution");
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < a.partners.size(); ++i) {
        if (!a.partners[i].valid() || !seen.insert(a.partners[i].value()).second)
            throw ValidationError(fmt::format("partners[{}]", i), std::to_string(a.partners[i].value()),
                                  "a stored institution, each once");
    }
    check_date(a.start, "start");
    if (a.end) {
        check_date(*a.end, "end");
        if (*a.end < a.start)
            throw ValidationError("end", format_date(*a.end), fmt::format("a date on or after start ({})", format_date(a.start)));
    }
    if (a.publications < 0 || a.publications > 1'000'000)
        throw ValidationError("publications", std::to_string(a.publications), "a count from 0");
    if (a.participants < 0 || a.participants > 10'000'000)
        throw ValidationError("participants", std::to_string(a.participants), "a count from 0");
    std::set<std::string> currencies;
    for (std::size_t i = 0; i < a.funds.size(); ++i) {
        validate(a.funds[i], fmt::format("funds[{}]", i));
        if (!currencies.insert(a.funds[i].currency).second)
            throw ValidationError(fmt::format("funds[{}].currency", i), a.funds[i].currency, "each currency once (add the amounts)");
    }
    const auto unique_ids = [](const auto& ids, const char* field) {
        std::set<std::int64_t> s;
        for (std::size_t i = 0; i < ids.size(); ++i)
            if (!ids[i].valid() || !s.insert(ids[i].value()).second)
                throw ValidationError(fmt::format("{}[{}]", field, i), std::to_string(ids[i].value()), "a stored id, each once");
    };
    unique_ids(a.home_units, "home_units");
    unique_ids(a.people, "people");
    for (std::size_t i = 0; i < a.evidence.size(); ++i) {
        const auto& d = a.evidence[i];
        detail::check_text(fmt::format("evidence[{}].title", i), d.title, detail::kMaxNameLength, true);
        detail::check_text(fmt::format("evidence[{}].location", i), d.location, 2048, true);
        if (!d.sha256.empty()) validate_sha256(d.sha256, fmt::format("evidence[{}].sha256", i));
    }
}

} // namespace iro
