#include "iro/office_report.hpp"

#include "iro/agreement_usage.hpp"
#include "iro/error.hpp"
#include "iro/mobility_stats.hpp"
#include "iro/store.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <cstdint>
#include <fmt/format.h>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace iro {

namespace {

// ---------------------------------------------------------------------------------------------
// Gathering

void check_options(const ReportOptions& o) {
    if (o.audit_entries < 0 || o.audit_entries > 1000)
        throw ValidationError("audit_entries", std::to_string(o.audit_entries), "0 to 1000 entries");
    if (o.top_countries < 1 || o.top_countries > 1000)
        throw ValidationError("top_countries", std::to_string(o.top_countries), "1 to 1000 countries");
    if (o.column_width < 16 || o.column_width > 1000)
        throw ValidationError("column_width", std::to_string(o.column_width), "16 to 1000 characters");
    if (o.short_lists < 1 || o.short_lists > 1000)
        throw ValidationError("short_lists", std::to_string(o.short_lists), "1 to 1000 rows");
}

template <class E, class V>
std::map<E, V> every_value() {
    std::map<E, V> out;
    for (const auto& [value, name] : EnumNames<E>::table) out.emplace(value, V{});
    return out;
}

// The last day of the validity period holding `on`. A renewed or expired agreement no longer
// renews tacitly (Agreement::in_force_on reads it the same way).
std::optional<Date> current_end(const Agreement& a, Date on) {
    if (a.status == AgreementStatus::Renewed || a.status == AgreementStatus::Expired) return a.valid_until;
    return a.period_end(on);
}

using Names = std::unordered_map<InstitutionId, const Institution*>;

std::vector<std::string> partner_names(const Agreement& a, const Names& institutions) {
    std::vector<std::string> out;
    for (const auto& p : a.parties) {
        const auto it = institutions.find(p.institution);
        if (it == institutions.end()) continue;
        if (!it->second->is_home) out.push_back(it->second->display_name());
    }
    return out;
}

AgreementLine line_of(const Agreement& a, Date on, const Names& institutions) {
    AgreementLine line;
    line.id = a.id;
    line.reference = a.reference;
    line.title = a.title;
    line.kind = a.kind;
    line.status = a.status;
    line.partners = partner_names(a, institutions);
    line.ends_on = current_end(a, on);
    if (line.ends_on) line.days_left = days_between(on, *line.ends_on);
    line.renews_tacitly = a.status == AgreementStatus::InForce && a.tacit_renewal_years > 0 && a.valid_until;
    if (line.ends_on && a.notice_days > 0) line.notice_by = add_days(*line.ends_on, -a.notice_days);
    return line;
}

UsageLine usage_line(const AgreementUsage& u, const Names& institutions) {
    UsageLine line;
    line.id = u.agreement.id;
    line.reference = u.agreement.reference;
    line.title = u.agreement.title;
    line.partners = partner_names(u.agreement, institutions);
    line.in_force_from = u.agreement.in_force_from;
    line.last_used = u.last_used;
    return line;
}

std::string name_of(InstitutionId id, const Names& institutions) {
    const auto it = institutions.find(id);
    return it == institutions.end() ? std::string{} : it->second->display_name();
}

std::string country_of(InstitutionId id, const Names& institutions) {
    const auto it = institutions.find(id);
    return it == institutions.end() ? std::string{} : it->second->country;
}

CallLine call_line(const Call& c, Date on, const std::unordered_map<ProgramId, Program>& programs, const Names& institutions) {
    CallLine line;
    line.id = c.id;
    line.program = c.program;
    line.title = c.title;
    line.opens_on = c.opens_on;
    line.deadline = c.deadline;
    line.days_left = days_between(on, c.deadline);
    line.places = c.places;
    line.funding = c.funding;
    if (const auto it = programs.find(c.program); it != programs.end()) {
        const auto& p = it->second;
        line.program_name = p.name;
        line.kind = p.kind;
        line.audiences = p.audiences;
        if (p.provider) line.provider = name_of(*p.provider, institutions);
    }
    return line;
}

// Agreement usage, calls, visits, quotas, mobility balance and KPIs: the office's daily work.
void summarize_daily_work(const Store& store, Date on, const std::vector<Agreement>& all,
                          const std::unordered_set<AgreementId>& in_force_ids, const Names& by_id, OfficeSummary& s) {
    for (const auto& u : dormant_agreements(store, on, kDormantMonths)) s.dormant.push_back(usage_line(u, by_id));
    std::sort(s.dormant.begin(), s.dormant.end(), [](const UsageLine& x, const UsageLine& y) {
        // Never used first, then the longest unused.
        return std::make_tuple(x.last_used.has_value(), x.last_used.value_or(Date{}), x.reference, x.id) <
               std::make_tuple(y.last_used.has_value(), y.last_used.value_or(Date{}), y.reference, y.id);
    });
    for (const auto& u : unused_agreements(store, on)) s.never_used.push_back(usage_line(u, by_id));
    std::sort(s.never_used.begin(), s.never_used.end(), [](const UsageLine& x, const UsageLine& y) {
        return std::make_tuple(x.in_force_from.value_or(Date{}), x.reference, x.id) <
               std::make_tuple(y.in_force_from.value_or(Date{}), y.reference, y.id);
    });

    const auto& programs = store.programs();
    std::unordered_map<ProgramId, Program> program_by_id;
    for (auto& p : programs.find()) program_by_id.emplace(p.id, std::move(p));
    // Both queries come sorted by deadline.
    for (const auto& c : programs.open_calls(on)) s.open_calls.push_back(call_line(c, on, program_by_id, by_id));
    for (const auto& c : programs.upcoming_deadlines(on, kDeadlineDays)) s.deadlines.push_back(call_line(c, on, program_by_id, by_id));

    std::unordered_map<AgreementId, std::string> reference_of;
    for (const auto& a : all) reference_of.emplace(a.id, a.reference);
    const int year = static_cast<int>(on.year());
    s.visits = every_value<VisitDirection, VisitTally>();
    for (const auto& v : store.visits().find()) {
        if (v.status == VisitStatus::Cancelled) continue;
        auto& tally = s.visits[v.direction];
        if (static_cast<int>(v.start.year()) == year) {
            ++tally.this_year;
            if (v.start <= on) ++tally.started;
        }
        if (v.start > on || v.end < on) continue;
        ++tally.ongoing;
        VisitLine line;
        line.id = v.id;
        line.direction = v.direction;
        line.purpose = v.purpose;
        line.status = v.status;
        line.partner = v.direction == VisitDirection::Incoming ? v.home_institution : v.host_institution;
        line.partner_name = name_of(line.partner, by_id);
        line.partner_country = country_of(line.partner, by_id);
        line.start = v.start;
        line.end = v.end;
        if (v.agreement)
            if (const auto it = reference_of.find(*v.agreement); it != reference_of.end()) line.agreement_reference = it->second;
        if (v.program)
            if (const auto it = program_by_id.find(*v.program); it != program_by_id.end()) line.program_name = it->second.name;
        s.ongoing_visits.push_back(std::move(line));
    }

    std::map<std::string, CountryVisits> per_country;
    for (const auto& row : visiting_professors(store, year)) {
        auto& c = per_country[row.country];
        c.code = row.country;
        const Country* country = find_country(row.country);
        c.name = country ? std::string(country->name) : row.country;
        c.visits += row.visits;
        c.lectures += row.lectures;
        c.teaching_hours += row.teaching_hours;
    }
    for (auto& [code, c] : per_country) s.visiting_professors.push_back(std::move(c));
    std::stable_sort(s.visiting_professors.begin(), s.visiting_professors.end(),
                     [](const CountryVisits& x, const CountryVisits& y) { return x.visits > y.visits; });

    // Quotas of agreements that have ended no longer bind anyone.
    s.quota_year = academic_year_of(on);
    std::unordered_map<AgreementId, const Agreement*> agreement_by_id;
    for (const auto& a : all) agreement_by_id.emplace(a.id, &a);
    for (const auto& u : quota_utilisation(store, std::nullopt, s.quota_year)) {
        if (!in_force_ids.contains(u.agreement)) continue;
        QuotaLine line;
        line.agreement = u.agreement;
        line.title = u.agreement_title;
        if (const auto it = agreement_by_id.find(u.agreement); it != agreement_by_id.end()) line.reference = it->second->reference;
        const auto sender = by_id.find(u.sending);
        const bool home_sends = sender != by_id.end() && sender->second->is_home;
        line.direction = home_sends ? VisitDirection::Outgoing : VisitDirection::Incoming;
        line.partner = name_of(home_sends ? u.receiving : u.sending, by_id);
        line.type = u.type;
        line.used = u.used;
        line.allowed = u.allowed;
        line.share = u.share();
        s.quota_use.push_back(std::move(line));
    }
    std::stable_sort(s.quota_use.begin(), s.quota_use.end(), [](const QuotaLine& x, const QuotaLine& y) {
        if (x.share != y.share) return x.share > y.share;
        return x.used > y.used;
    });

    s.balance_from = add_months(on, -kBalanceMonths);
    for (const auto& b : mobility_balance(store, s.balance_from, on))
        s.mobility_balance.push_back(BalanceLine{b.partner, b.partner_name, b.country, b.incoming, b.outgoing});
    std::stable_sort(s.mobility_balance.begin(), s.mobility_balance.end(),
                     [](const BalanceLine& x, const BalanceLine& y) { return x.total() > y.total(); });

    // Year to date: agreements in force and dormant as of the report date, not 31 December.
    s.kpis.year = year;
    s.kpis.kpis = compute_kpis(store, Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}}, on);
}

void summarize_accreditation(const Store& store, Date on, OfficeSummary& s) {
    const auto& acc = store.accreditations();
    s.accreditation_status = acc.status_on(on);
    s.accreditation_expiring = acc.expiring(on, kAccreditationDays);
    s.overdue_evidence = static_cast<std::int64_t>(acc.overdue_evidence(on).size());
    s.overdue_follow_ups = static_cast<std::int64_t>(acc.overdue_follow_ups(on).size());
    for (const auto& c : acc.cases()) {
        if (is_decision(c.status)) continue;
        const auto framework = acc.get_framework(c.framework);
        const auto readiness = acc.readiness(c.id, on);
        CaseReadinessLine line;
        line.id = c.id;
        line.scope = c.scope.is_institutional() ? std::string("the institution") : c.scope.degree;
        line.body = store.institutions().get(framework.body).display_name();
        line.status = c.status;
        line.planned_visit = c.planned_visit;
        line.readiness = readiness.overall;
        line.gaps = static_cast<std::int64_t>(readiness.gaps.size());
        line.overdue = std::count_if(readiness.gaps.begin(), readiness.gaps.end(), [](const ReadinessGap& g) { return g.overdue; });
        s.case_readiness.push_back(std::move(line));
    }
    std::stable_sort(s.case_readiness.begin(), s.case_readiness.end(),
                     [](const CaseReadinessLine& a, const CaseReadinessLine& b) { return a.readiness < b.readiness; });
}

} // namespace

OfficeSummary summarize(const Store& store, Date on, const ReportOptions& options) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    check_date(on, "on");
    check_options(options);
    OfficeSummary s;
    s.on = on;

    const auto& institutions = store.institutions();
    InstitutionFilter everyone;
    everyone.include_home = true;
    const auto all_institutions = institutions.find(everyone);
    Names by_id;
    for (const auto& i : all_institutions) {
        by_id.emplace(i.id, &i);
        if (i.is_home) s.home = i;
    }

    s.home_units = every_value<UnitKind, std::int64_t>();
    if (s.home) {
        for (const auto& u : store.units().of(s.home->id)) ++s.home_units[u.kind];
        s.home_contacts = static_cast<std::int64_t>(store.contacts().of(s.home->id).size());
    }

    // Agreements: one load of everything, tallied here; in force and expiring come from the
    // store's own queries so the report and the API can never disagree.
    const auto& agreements = store.agreements();
    const auto all = agreements.find();
    const auto in_force = agreements.in_force_on(on);
    std::unordered_set<AgreementId> in_force_ids;
    for (const auto& a : in_force) in_force_ids.insert(a.id);

    s.agreements = static_cast<std::int64_t>(all.size());
    s.in_force = static_cast<std::int64_t>(in_force.size());
    s.by_status = every_value<AgreementStatus, std::int64_t>();
    s.by_kind = every_value<AgreementKind, Tally>();
    s.by_region = every_value<WorldRegion, Tally>();
    s.by_area = every_value<Area, Tally>();
    const auto count = [](Tally& t, bool active) {
        ++t.all;
        if (active) ++t.in_force;
    };
    for (const auto& a : all) {
        const bool active = in_force_ids.contains(a.id);
        ++s.by_status[a.status];
        count(s.by_kind[a.kind], active);
        for (auto area : a.areas) count(s.by_area[area], active);
        std::set<WorldRegion> regions;
        std::size_t partners = 0;
        for (const auto& p : a.parties) {
            const auto it = by_id.find(p.institution);
            if (it == by_id.end() || it->second->is_home) continue;
            ++partners;
            if (const Country* c = find_country(it->second->country)) regions.insert(c->region);
        }
        for (auto r : regions) count(s.by_region[r], active);
        if (partners > 1) ++s.multilateral;
    }

    for (const auto& a : in_force) s.in_force_list.push_back(line_of(a, on, by_id));
    std::sort(s.in_force_list.begin(), s.in_force_list.end(), [](const AgreementLine& x, const AgreementLine& y) {
        // Open-ended agreements last.
        const auto key = [](const AgreementLine& l) {
            return std::make_tuple(!l.ends_on.has_value(), l.ends_on.value_or(Date{}), l.reference, l.id);
        };
        return key(x) < key(y);
    });

    for (const auto& e : agreements.expiring(on, kExpiringBands.back(), AgreementParts::Parties)) {
        auto line = line_of(e.agreement, on, by_id);
        // Agreements::expiring is the authority on the dates it reports.
        line.ends_on = e.ends_on;
        line.days_left = e.days_left;
        line.renews_tacitly = e.renews_tacitly;
        line.notice_by = e.notice_by;
        for (std::size_t b = 0; b < kExpiringBands.size(); ++b)
            if (e.days_left <= kExpiringBands[b]) ++s.expiring_within[b];
        s.expiring.push_back(std::move(line));
    }

    // Partners.
    s.partners = institutions.count();
    InstitutionFilter active;
    active.status = InstitutionStatus::Active;
    s.active_partners = institutions.count(active);
    s.partners_by_scope = every_value<Scope, std::int64_t>();
    if (s.home) {
        for (auto& [scope, n] : s.partners_by_scope) {
            InstitutionFilter f;
            f.scope = scope;
            n = institutions.count(f);
        }
    }
    std::map<std::string, std::int64_t> per_country;
    for (const auto& i : all_institutions)
        if (!i.is_home) ++per_country[i.country];
    for (const auto& [code, n] : per_country) {
        const Country* c = find_country(code);
        s.partners_by_country.push_back(CountryCount{code, c ? std::string(c->name) : code, n});
    }
    std::stable_sort(s.partners_by_country.begin(), s.partners_by_country.end(),
                     [](const CountryCount& x, const CountryCount& y) { return x.partners > y.partners; });

    summarize_daily_work(store, on, all, in_force_ids, by_id, s);

    summarize_accreditation(store, on, s);

    if (options.audit_entries > 0) s.latest_audit = store.audit().latest(options.audit_entries);
    return s;
}

// ---------------------------------------------------------------------------------------------
// Formatting

namespace {

// The next code point of UTF-8 text; invalid bytes are taken one at a time as U+FFFD.
char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    char32_t cp = 0;
    if (c < 0x80) {
        ++i;
        return c;
    }
    if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1Fu; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0Fu; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07u; }
    else {
        ++i;
        return U'\uFFFD';
    }
    if (i + extra >= text.size()) {
        ++i;
        return U'\uFFFD';
    }
    for (std::size_t k = 1; k <= extra; ++k) {
        const auto cc = static_cast<unsigned char>(text[i + k]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return U'\uFFFD';
        }
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    i += extra + 1;
    return cp;
}

// Columns a terminal gives a code point: combining marks take none, East Asian wide and
// full-width characters two.
int columns_of(char32_t cp) {
    struct Range {
        char32_t first;
        char32_t last;
    };
    static constexpr Range kZero[] = {{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
                                      {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4},
                                      {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},
                                      {0x0E47, 0x0E4E}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
                                      {0xFE20, 0xFE2F}};
    static constexpr Range kWide[] = {{0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
                                      {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
                                      {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
                                      {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};
    for (const auto& r : kZero)
        if (cp >= r.first && cp <= r.last) return 0;
    for (const auto& r : kWide)
        if (cp >= r.first && cp <= r.last) return 2;
    return 1;
}

int display_width(std::string_view text) {
    int width = 0;
    for (std::size_t i = 0; i < text.size();) width += columns_of(next_code_point(text, i));
    return width;
}

// At most `width` columns; a cut text ends with "…".
std::string fit(std::string_view text, int width) {
    if (display_width(text) <= width) return std::string(text);
    std::string out;
    int used = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const int w = columns_of(next_code_point(text, i));
        if (used + w > width - 1) break;
        used += w;
        out.append(text.substr(start, i - start));
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "…";
}

std::string pad(std::string_view text, int width, bool right) {
    const int fill = std::max(0, width - display_width(text));
    const std::string spaces(static_cast<std::size_t>(fill), ' ');
    return right ? spaces + std::string(text) : std::string(text) + spaces;
}

struct Column {
    std::string header;
    bool right = false;  // numbers are right-aligned
};

// An aligned table: a header, a rule, the rows; two spaces between columns.
std::string table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows,
                  std::string_view indent = "  ") {
    std::vector<int> widths;
    for (const auto& c : columns) widths.push_back(display_width(c.header));
    for (const auto& row : rows)
        for (std::size_t k = 0; k < row.size() && k < widths.size(); ++k) widths[k] = std::max(widths[k], display_width(row[k]));
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out(indent);
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const std::string cell = k < cells.size() ? cells[k] : std::string{};
            if (k) out += "  ";
            out += pad(cell, widths[k], columns[k].right);
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::vector<std::string> headers;
    std::vector<std::string> rules;
    for (std::size_t k = 0; k < columns.size(); ++k) {
        headers.push_back(columns[k].header);
        rules.push_back(std::string(static_cast<std::size_t>(widths[k]), '-'));
    }
    std::string out = line(headers) + line(rules);
    for (const auto& row : rows) out += line(row);
    return out;
}

std::string heading(std::string_view title) {
    return fmt::format("\n{}\n{}\n", title, std::string(static_cast<std::size_t>(display_width(title)), '-'));
}

std::string join(const std::vector<std::string>& values, std::string_view separator) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += separator;
        out += v;
    }
    return out;
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string home_section(const OfficeSummary& s) {
    std::string out = heading("Home institution");
    if (!s.home) return out + "  No home institution is recorded yet.\n";
    const auto& h = *s.home;
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"Name", h.display_name()});
    std::vector<std::string> other;
    for (const auto& n : h.names) {
        if (n.kind == NameKind::Display) continue;
        other.push_back(fmt::format("{} ({}{}{})", n.value, n.lang, n.lang.empty() ? "" : ", ", to_string(n.kind)));
    }
    if (!other.empty()) rows.push_back({"Other names", join(other, "; ")});
    rows.push_back({"Type", std::string(to_string(h.type))});
    std::string where = h.city.empty() ? std::string{} : h.city + ", ";
    if (const Country* c = find_country(h.country))
        where += fmt::format("{} ({}); {}, {}", c->name, c->code, to_string(c->region), c->subregion);
    else
        where += h.country;
    rows.push_back({"Location", where});
    if (!h.website.empty()) rows.push_back({"Website", h.website});
    std::vector<std::string> ids;
    if (!h.identifiers.ror.empty()) ids.push_back("ROR " + h.identifiers.ror);
    if (!h.identifiers.erasmus.empty()) ids.push_back("Erasmus " + h.identifiers.erasmus);
    if (!h.identifiers.schac.empty()) ids.push_back("SCHAC " + h.identifiers.schac);
    if (!h.identifiers.pic.empty()) ids.push_back("PIC " + h.identifiers.pic);
    if (!h.identifiers.wikidata.empty()) ids.push_back("Wikidata " + h.identifiers.wikidata);
    if (!ids.empty()) rows.push_back({"Identifiers", join(ids, "; ")});
    const auto units = [&](UnitKind k) { return s.home_units.count(k) ? s.home_units.at(k) : 0; };
    rows.push_back({"Units", fmt::format("{}, {}, {}, {}", plural(units(UnitKind::Faculty), "faculty", "faculties"),
                                         plural(units(UnitKind::Department), "department", "departments"),
                                         plural(units(UnitKind::ScientificCentre), "scientific centre", "scientific centres"),
                                         plural(units(UnitKind::Office), "office", "offices"))});
    rows.push_back({"Contacts", std::to_string(s.home_contacts)});
    std::string body;
    std::vector<int> widths{0};
    for (const auto& r : rows) widths[0] = std::max(widths[0], display_width(r[0]));
    for (const auto& r : rows) body += "  " + pad(r[0], widths[0], false) + "  " + r[1] + "\n";
    return out + body;
}

template <class E>
std::string tally_section(std::string_view title, std::string_view first, const std::map<E, Tally>& tallies,
                          std::string_view note = {}) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& [value, t] : tallies) rows.push_back({std::string(to_string(value)), std::to_string(t.all), std::to_string(t.in_force)});
    std::string out = heading(title);
    if (!note.empty()) out += fmt::format("  {}\n\n", note);
    return out + table({{std::string(first)}, {"all", true}, {"in force", true}}, rows);
}

std::string ends_text(const AgreementLine& l) { return l.ends_on ? format_date(*l.ends_on) : std::string("open-ended"); }

std::string renewal_text(const AgreementLine& l) {
    std::vector<std::string> parts;
    if (l.renews_tacitly) parts.emplace_back("renews tacitly");
    if (l.notice_by) parts.push_back("notice by " + format_date(*l.notice_by));
    return join(parts, "; ");
}

std::string in_force_section(const OfficeSummary& s, const ReportOptions& o) {
    std::string out = heading(fmt::format("Agreements in force on {}", format_date(s.on)));
    const auto multilateral = std::count_if(s.in_force_list.begin(), s.in_force_list.end(),
                                            [](const AgreementLine& l) { return l.partners.size() > 1; });
    out += fmt::format("  {} in force ({} multilateral) of {} recorded\n", s.in_force, multilateral, s.agreements);
    if (!o.list_in_force || s.in_force_list.empty()) return out;
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : s.in_force_list)
        rows.push_back({l.reference, std::string(to_string(l.kind)), fit(l.title, o.column_width),
                        fit(join(l.partners, "; "), o.column_width), ends_text(l), renewal_text(l)});
    return out + "\n" +
           table({{"reference"}, {"kind"}, {"title"}, {"partners"}, {"valid until"}, {"renewal"}}, rows);
}

std::string expiring_section(const OfficeSummary& s, const ReportOptions& o) {
    std::string out = heading(fmt::format("Agreements expiring within {} days", kExpiringBands.back()));
    out += fmt::format("  Expiring within {} / {} / {} days: {} / {} / {}\n", kExpiringBands[0], kExpiringBands[1],
                       kExpiringBands[2], s.expiring_within[0], s.expiring_within[1], s.expiring_within[2]);
    int from = 0;
    for (std::size_t b = 0; b < kExpiringBands.size(); ++b) {
        const int to = kExpiringBands[b];
        std::vector<std::vector<std::string>> rows;
        for (const auto& l : s.expiring)
            if (l.days_left >= from && l.days_left <= to)
                rows.push_back({l.reference, fit(l.title, o.column_width), fit(join(l.partners, "; "), o.column_width),
                                ends_text(l), std::to_string(l.days_left), renewal_text(l)});
        const auto band = b == 0 ? fmt::format("Within {} days", to) : fmt::format("In {} to {} days", from, to);
        out += fmt::format("\n  {} ({})\n", band, rows.size());
        if (rows.empty()) out += "    none\n";
        else
            out += table({{"reference"}, {"title"}, {"partners"}, {"ends on"}, {"days left", true}, {"renewal"}}, rows,
                         "    ");
        from = to + 1;
    }
    return out;
}

std::string partners_section(const OfficeSummary& s, const ReportOptions& o) {
    std::string out = heading("Partners by scope");
    if (!s.home) out += "  No home institution: scope is relative to it.\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& [scope, n] : s.partners_by_scope) rows.push_back({std::string(to_string(scope)), std::to_string(n)});
    rows.push_back({"total", std::to_string(s.partners)});
    out += table({{"scope"}, {"partners", true}}, rows);
    out += fmt::format("  {} of {} partners are active\n", s.active_partners, s.partners);

    const auto shown = std::min(s.partners_by_country.size(), static_cast<std::size_t>(o.top_countries));
    out += heading(fmt::format("Partners by country (top {} of {})", shown, s.partners_by_country.size()));
    rows.clear();
    for (std::size_t k = 0; k < shown; ++k) {
        const auto& c = s.partners_by_country[k];
        rows.push_back({c.code, c.name, std::to_string(c.partners)});
    }
    if (rows.empty()) return out + "  none\n";
    return out + table({{"code"}, {"country"}, {"partners", true}}, rows);
}

// "+3", "-2", "0".
std::string signed_text(std::int64_t n) { return n == 0 ? std::string("0") : fmt::format("{:+}", n); }

std::string percent(double share) { return fmt::format("{:.0f}%", share * 100.0); }

std::string audiences_text(const std::vector<Audience>& audiences) {
    std::vector<std::string> names;
    for (auto a : audiences) names.emplace_back(to_string(a));
    return join(names, ", ");
}

std::string money_text(const std::optional<Money>& m) {
    if (!m) return {};
    return fmt::format("{:.0f} {}", m->amount, m->currency);
}

std::string usage_sections(const OfficeSummary& s, const ReportOptions& o) {
    std::string out = heading(fmt::format("Dormant agreements (no use in {} months)", kDormantMonths));
    out += fmt::format("  {} of {} agreements in force have had no activity or visit since {}\n", s.dormant.size(), s.in_force,
                       format_date(add_months(s.on, -kDormantMonths)));
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : s.dormant)
        rows.push_back({l.reference, fit(l.title, o.column_width), fit(join(l.partners, "; "), o.column_width),
                        l.last_used ? format_date(*l.last_used) : std::string("never")});
    if (!rows.empty()) out += "\n" + table({{"reference"}, {"title"}, {"partners"}, {"last used"}}, rows);

    out += heading("Agreements never used since entry into force");
    out += fmt::format("  {} agreements in force have had no activity or visit since they entered into force\n", s.never_used.size());
    if (s.never_used.empty()) return out;
    const auto shown = std::min(s.never_used.size(), static_cast<std::size_t>(o.short_lists));
    out += fmt::format("\n  The {} longest in force:\n", shown);
    rows.clear();
    for (std::size_t k = 0; k < shown; ++k) {
        const auto& l = s.never_used[k];
        rows.push_back({l.reference, fit(l.title, o.column_width), fit(join(l.partners, "; "), o.column_width),
                        l.in_force_from ? format_date(*l.in_force_from) : std::string{}});
    }
    return out + table({{"reference"}, {"title"}, {"partners"}, {"in force since"}}, rows);
}

bool for_students(const CallLine& c) {
    return std::any_of(c.audiences.begin(), c.audiences.end(), [](Audience a) {
        return a == Audience::Undergraduate || a == Audience::Master || a == Audience::Doctoral;
    });
}

bool for_audience(const CallLine& c, Audience a) { return std::find(c.audiences.begin(), c.audiences.end(), a) != c.audiences.end(); }

std::string calls_sections(const OfficeSummary& s, const ReportOptions& o) {
    std::string out = heading(fmt::format("Calls open on {}", format_date(s.on)));
    const auto count = [&](auto&& keep) { return std::count_if(s.open_calls.begin(), s.open_calls.end(), keep); };
    out += fmt::format("  {} open: {} for students, {} for faculty, {} for administrative staff\n", s.open_calls.size(),
                       count(for_students), count([](const CallLine& c) { return for_audience(c, Audience::Faculty); }),
                       count([](const CallLine& c) { return for_audience(c, Audience::AdministrativeStaff); }));
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : s.open_calls)
        rows.push_back({format_date(c.deadline), std::to_string(c.days_left), fit(c.title, o.column_width), std::string(to_string(c.kind)),
                        audiences_text(c.audiences), c.places > 0 ? std::to_string(c.places) : std::string{}, money_text(c.funding)});
    if (!rows.empty())
        out += "\n" + table({{"deadline"}, {"days left", true}, {"call"}, {"kind"}, {"for"}, {"places", true}, {"per place", true}}, rows);

    out += heading(fmt::format("Call deadlines within {} days", kDeadlineDays));
    out += fmt::format("  {} deadlines from {} to {}\n", s.deadlines.size(), format_date(s.on), format_date(add_days(s.on, kDeadlineDays)));
    rows.clear();
    for (const auto& c : s.deadlines)
        rows.push_back({format_date(c.deadline), std::to_string(c.days_left), fit(c.title, o.column_width),
                        fit(c.provider, o.column_width), format_date(c.opens_on)});
    if (!rows.empty()) out += "\n" + table({{"deadline"}, {"days left", true}, {"call"}, {"provider"}, {"opened on"}}, rows);
    return out;
}

std::string visits_sections(const OfficeSummary& s, const ReportOptions& o) {
    const int year = static_cast<int>(s.on.year());
    std::string out = heading(fmt::format("Visits in {}", year));
    out += "  Visits not cancelled; a visit counts in the year it starts.\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& [direction, t] : s.visits)
        rows.push_back({std::string(to_string(direction)), std::to_string(t.this_year), std::to_string(t.started), std::to_string(t.ongoing)});
    out += table({{"direction"}, {fmt::format("in {}", year), true}, {fmt::format("started by {}", format_date(s.on)), true},
                  {fmt::format("ongoing on {}", format_date(s.on)), true}},
                 rows);
    out += fmt::format("\n  Ongoing on {} ({})\n", format_date(s.on), s.ongoing_visits.size());
    rows.clear();
    for (const auto& v : s.ongoing_visits)
        rows.push_back({std::string(to_string(v.direction)), std::string(to_string(v.purpose)), fit(v.partner_name, o.column_width),
                        v.partner_country, format_date(v.start), format_date(v.end), v.agreement_reference,
                        fit(v.program_name, o.column_width)});
    if (rows.empty()) out += "    none\n";
    else
        out += table({{"direction"}, {"purpose"}, {"partner"}, {"country"}, {"from"}, {"to"}, {"agreement"}, {"program"}}, rows, "    ");

    out += heading(fmt::format("Visiting professors by country, {}", year));
    out += "  Incoming visits by visiting professors, faculty and researchers, by the country of their home institution.\n";
    rows.clear();
    for (const auto& c : s.visiting_professors)
        rows.push_back({c.code, c.name, std::to_string(c.visits), std::to_string(c.lectures), fmt::format("{:g}", c.teaching_hours)});
    if (rows.empty()) return out + "  none\n";
    return out + "\n" + table({{"code"}, {"country"}, {"visits", true}, {"lectures", true}, {"teaching hours", true}}, rows);
}

std::string quota_section(const OfficeSummary& s, const ReportOptions& o) {
    std::string out = heading(fmt::format("Mobility quota use, academic year {}", s.quota_year.to_string()));
    std::int64_t used = 0;
    std::int64_t allowed = 0;
    for (const auto& q : s.quota_use) {
        used += q.used;
        allowed += q.allowed;
    }
    out += fmt::format("  {} of {} mobilities used ({}) on {} quota lines of agreements in force\n", used, allowed,
                       percent(allowed > 0 ? static_cast<double>(used) / static_cast<double>(allowed) : 0.0), s.quota_use.size());
    std::vector<std::vector<std::string>> rows;
    for (const auto& q : s.quota_use)
        rows.push_back({q.reference, fit(q.partner, o.column_width), std::string(to_string(q.direction)), std::string(to_string(q.type)),
                        std::to_string(q.used), std::to_string(q.allowed), percent(q.share)});
    if (rows.empty()) return out;
    return out + "\n" +
           table({{"reference"}, {"partner"}, {"direction"}, {"type"}, {"used", true}, {"allowed", true}, {"share", true}}, rows);
}

std::string balance_section(const OfficeSummary& s, const ReportOptions& o) {
    std::string out = heading(fmt::format("Mobility balance by partner, {} to {}", format_date(s.balance_from), format_date(s.on)));
    const auto shown = std::min(s.mobility_balance.size(), static_cast<std::size_t>(o.short_lists));
    out += fmt::format("  Top {} of {} partners by visits (not cancelled) starting in the period\n", shown, s.mobility_balance.size());
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < shown; ++k) {
        const auto& b = s.mobility_balance[k];
        rows.push_back({fit(b.partner_name, o.column_width), b.country, std::to_string(b.incoming), std::to_string(b.outgoing),
                        std::to_string(b.total()), signed_text(b.balance())});
    }
    if (rows.empty()) return out;
    return out + "\n" +
           table({{"partner"}, {"country"}, {"incoming", true}, {"outgoing", true}, {"total", true}, {"balance", true}}, rows);
}

std::string counts_text(const std::map<std::string, std::int64_t>& counts) {
    std::vector<std::string> parts;
    for (const auto& [key, n] : counts) parts.push_back(fmt::format("{} {}", key, n));
    return parts.empty() ? std::string("none") : join(parts, ", ");
}

std::string kpi_section(const OfficeSummary& s) {
    const auto& k = s.kpis.kpis;
    std::string out = heading(fmt::format("Key performance indicators, {}", s.kpis.year));
    out += fmt::format("  From {} to {}; agreements in force and dormant as of {}.\n\n", format_date(k.from), format_date(k.to),
                       format_date(k.to));
    const std::vector<std::vector<std::string>> rows{
        {"new agreements", std::to_string(k.new_agreements)},
        {"  by region", counts_text(k.new_by_region)},
        {"  by kind", counts_text(k.new_by_kind)},
        {"active agreements", std::to_string(k.active_agreements)},
        {"  by region", counts_text(k.active_by_region)},
        {"dormant agreements", fmt::format("{} ({} of active)", k.dormant_agreements, percent(k.dormant_share))},
        {"incoming visits", std::to_string(k.incoming_visits)},
        {"outgoing visits", std::to_string(k.outgoing_visits)},
        {"mobility balance", signed_text(k.mobility_balance)},
        {"visiting professors", std::to_string(k.visiting_professors)},
        {"applications", std::to_string(k.applications)},
        {"accepted applications", fmt::format("{} ({} success rate)", k.accepted_applications, percent(k.application_success_rate))},
        {"quota use", fmt::format("{} of {} ({})", k.quota_used, k.quota_allowed, percent(k.quota_utilisation))},
        {"accredited scopes", std::to_string(k.accredited_scopes)},
        {"accreditations ending in 180 days", std::to_string(k.accreditations_expiring)},
        {"open accreditation cases", std::to_string(k.open_accreditation_cases)},
        {"overdue evidence", std::to_string(k.overdue_evidence)},
        {"overdue follow-ups", std::to_string(k.overdue_follow_ups)},
    };
    int width = 0;
    for (const auto& r : rows) width = std::max(width, display_width(r[0]));
    for (const auto& r : rows) out += "  " + pad(r[0], width, false) + "  " + r[1] + "\n";
    return out;
}

std::string accreditation_section(const OfficeSummary& s, const ReportOptions& o) {
    std::string out = heading(fmt::format("Accreditation on {}", format_date(s.on)));
    std::map<AccreditationState, std::int64_t> by_state;
    for (const auto& p : s.accreditation_status) ++by_state[p.state];
    std::string states;
    for (const auto& [state, n] : by_state) states += fmt::format("{}{} {}", states.empty() ? "" : ", ", to_string(state), n);
    out += fmt::format("  Scopes by state: {}\n", states.empty() ? std::string("none") : states);
    out += fmt::format("  Overdue: {} required evidence items, {} follow-ups\n", s.overdue_evidence, s.overdue_follow_ups);
    if (!s.accreditation_status.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& p : s.accreditation_status)
            rows.push_back({p.scope.is_institutional() ? std::string("the institution") : fit(p.scope.degree, o.column_width),
                            fit(p.body_name, o.column_width),
                            std::string(to_string(p.state)), p.valid_until ? format_date(*p.valid_until) : std::string("")});
        out += "\n" + table({{"scope"}, {"body"}, {"state"}, {"valid until"}}, rows);
    }
    out += fmt::format("\n  Accreditations ending within {} days: {}\n", kAccreditationDays, s.accreditation_expiring.size());
    if (!s.accreditation_expiring.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& e : s.accreditation_expiring)
            rows.push_back({fit(e.accreditation_case.scope.is_institutional() ? std::string("the institution") : e.accreditation_case.scope.degree,
                                o.column_width),
                            format_date(e.valid_until), std::to_string(e.days_left)});
        out += "\n" + table({{"scope"}, {"valid until"}, {"days left", true}}, rows);
    }
    out += fmt::format("\n  Open cases: {}\n", s.case_readiness.size());
    if (!s.case_readiness.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& c : s.case_readiness)
            rows.push_back({fit(c.scope, o.column_width), fit(c.body, o.column_width), std::string(to_string(c.status)),
                            c.planned_visit ? format_date(*c.planned_visit) : std::string(""), percent(c.readiness), std::to_string(c.gaps),
                            std::to_string(c.overdue)});
        out += "\n" + table({{"scope"}, {"body"}, {"status"}, {"visit"}, {"readiness", true}, {"gaps", true}, {"overdue", true}}, rows);
    }
    return out;
}

std::string audit_section(const OfficeSummary& s) {
    std::string out = heading(fmt::format("Latest audit-log entries ({})", s.latest_audit.size()));
    if (s.latest_audit.empty()) return out + "  none\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : s.latest_audit) rows.push_back({e.at, e.actor, e.action, e.entity, std::to_string(e.entity_id)});
    return out + table({{"time"}, {"actor"}, {"action"}, {"entity"}, {"id", true}}, rows);
}

} // namespace

std::string format_office_report(const OfficeSummary& s, const ReportOptions& options) {
    check_options(options);
    const std::string title = fmt::format("International Relations Office report, {}{}", format_date(s.on),
                                          s.home ? " — " + s.home->display_name() : std::string{});
    std::string out = fmt::format("{}\n{}\n", title, std::string(static_cast<std::size_t>(display_width(title)), '='));
    out += home_section(s);

    std::vector<std::vector<std::string>> rows;
    for (const auto& [status, n] : s.by_status) rows.push_back({std::string(to_string(status)), std::to_string(n)});
    rows.push_back({"total", std::to_string(s.agreements)});
    out += heading("Agreements by status") + table({{"status"}, {"agreements", true}}, rows);
    out += fmt::format("  {} multilateral (more than one partner)\n", s.multilateral);

    out += tally_section("Agreements by kind", "kind", s.by_kind);
    out += tally_section("Agreements by world region of partner", "region", s.by_region,
                         "An agreement counts once in each region its partners are in.");
    out += tally_section("Agreements by area of cooperation", "area", s.by_area,
                         "An agreement counts once in each of its areas.");
    out += in_force_section(s, options);
    out += expiring_section(s, options);
    out += usage_sections(s, options);
    out += calls_sections(s, options);
    out += visits_sections(s, options);
    out += quota_section(s, options);
    out += balance_section(s, options);
    out += partners_section(s, options);
    out += accreditation_section(s, options);
    out += kpi_section(s);
    out += audit_section(s);
    return out;
}

std::string office_report(const Store& store, Date on, const ReportOptions& options) {
    return format_office_report(summarize(store, on, options), options);
}

} // namespace iro
