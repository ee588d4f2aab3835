#include "iro/agreement.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace iro {

namespace {
bool entered_force(AgreementStatus s) {
    return s == AgreementStatus::InForce || s == AgreementStatus::Expired || s == AgreementStatus::Renewed ||
           s == AgreementStatus::Terminated;
}
} // namespace

std::optional<Date> Agreement::period_end(Date on) const {
    if (!valid_until) return std::nullopt;
    Date end = *valid_until;
    if (tacit_renewal_years > 0) {
        // Each tacit renewal adds one period; step until the period holds `on`.
        while (std::chrono::sys_days{end} < std::chrono::sys_days{on}) end = add_months(end, 12 * tacit_renewal_years);
    }
    return end;
}

bool Agreement::in_force_on(Date on) const {
    if (!entered_force(status) || !in_force_from || on < *in_force_from) return false;
    if (terminated_on && on >= *terminated_on) return false;
    if (status == AgreementStatus::Renewed || status == AgreementStatus::Expired) {
        // A renewed or expired agreement does not renew tacitly any more.
        return !valid_until || on <= *valid_until;
    }
    const auto end = period_end(on);
    return !end || on <= *end;
}

void validate(const Agreement& a) {
    detail::check_text("title", a.title, detail::kMaxNameLength, true);
    detail::check_text("reference", a.reference, 100, false);
    detail::check_text("note", a.note, detail::kMaxNoteLength, false, true);

    if (a.parties.size() < 2)
        throw ValidationError("parties", std::to_string(a.parties.size()), "the home institution and at least one partner");
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < a.parties.size(); ++i) {
        const auto& p = a.parties[i];
        if (!p.institution.valid())
            throw ValidationError(fmt::format("parties[{}].institution", i), std::to_string(p.institution.value()), "a stored institution");
        if (!seen.insert(p.institution.value()).second)
            throw ValidationError(fmt::format("parties[{}].institution", i), std::to_string(p.institution.value()),
                                  "each institution once among the parties");
        if (p.signed_on) check_date(*p.signed_on, fmt::format("parties[{}].signed_on", i));
        detail::check_text(fmt::format("parties[{}].signatory", i), p.signatory, detail::kMaxNameLength, false);
    }

    if (a.areas.empty()) throw ValidationError("areas", "", "at least one area of cooperation");
    for (std::size_t i = 0; i < a.areas.size(); ++i)
        if (std::find(a.areas.begin(), a.areas.begin() + static_cast<std::ptrdiff_t>(i), a.areas[i]) != a.areas.begin() + static_cast<std::ptrdiff_t>(i))
            throw ValidationError("areas", std::string(to_string(a.areas[i])), "each area once");

    check_date(a.proposed_on, "proposed_on");
    if (a.in_force_from) check_date(*a.in_force_from, "in_force_from");
    if (a.valid_until) check_date(*a.valid_until, "valid_until");
    if (a.terminated_on) check_date(*a.terminated_on, "terminated_on");
    if (a.in_force_from && a.valid_until && *a.valid_until < *a.in_force_from)
        throw ValidationError("valid_until", format_date(*a.valid_until),
                              fmt::format("a date on or after in_force_from ({})", format_date(*a.in_force_from)));
    if (a.in_force_from && *a.in_force_from < a.proposed_on)
        throw ValidationError("in_force_from", format_date(*a.in_force_from),
                              fmt::format("a date on or after proposed_on ({})", format_date(a.proposed_on)));
    if (a.valid_until && *a.valid_until < a.proposed_on)
        throw ValidationError("valid_until", format_date(*a.valid_until),
                              fmt::format("a date on or after proposed_on ({})", format_date(a.proposed_on)));
    if (a.tacit_renewal_years < 0 || a.tacit_renewal_years > 10)
        throw ValidationError("tacit_renewal_years", std::to_string(a.tacit_renewal_years), "0 (none) to 10 years");
    if (a.tacit_renewal_years > 0 && !a.valid_until)
        throw ValidationError("tacit_renewal_years", std::to_string(a.tacit_renewal_years),
                              "0 for an open-ended agreement (tacit renewal needs valid_until)");
    if (a.notice_days < 0 || a.notice_days > 3650)
        throw ValidationError("notice_days", std::to_string(a.notice_days), "0 to 3650 days");

    for (std::size_t i = 0; i < a.quotas.size(); ++i) {
        const auto field = fmt::format("quotas[{}]", i);
        validate(a.quotas[i], field);
        for (auto side : {a.quotas[i].sending, a.quotas[i].receiving})
            if (!seen.contains(side.value()))
                throw ValidationError(field, std::to_string(side.value()), "sending and receiving institutions that are parties");
    }
    for (std::size_t i = 0; i < a.documents.size(); ++i) {
        const auto& d = a.documents[i];
        detail::check_text(fmt::format("documents[{}].title", i), d.title, detail::kMaxNameLength, true);
        detail::check_text(fmt::format("documents[{}].location", i), d.location, 2048, true);
        if (!d.sha256.empty()) validate_sha256(d.sha256, fmt::format("documents[{}].sha256", i));
    }
}

} // namespace iro
