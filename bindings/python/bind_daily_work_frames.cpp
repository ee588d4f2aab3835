// DataFrames of the daily work: to_frame() on office.activities, .people, .visits, .programs,
// .calls, .applications and .centres, and the tables analysts ask of them (activity counts
// and funds, participation, success rates, expertise matches). Built column by column in C++
// under the store lock (see frame.hpp) and handed to pandas once.

#include "bind.hpp"
#include "daily_work.hpp"
#include "frame.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace iro::python {

NameIndex::NameIndex(Store& s, bool with_units) {
    InstitutionFilter all;
    all.include_home = true;
    // Summaries, not whole institutions: a frame needs names and countries only.
    index(s.institutions().summaries(all));
    if (with_units)
        for (const auto& u : s.units().all()) units[u.id.value()] = u.name;
}

NameIndex::NameIndex(Store& s, const std::vector<InstitutionId>& ids) { index(s.institutions().summaries(ids)); }

void NameIndex::index(std::vector<InstitutionSummary> summaries) {
    // Summaries come in id order. Ids are row ids, so mostly dense: a vector indexed by id
    // serves them unless they spread far beyond their number.
    const auto largest = summaries.empty() ? std::int64_t{0} : summaries.back().id.value();
    const bool dense = largest >= 0 && largest <= 4 * static_cast<std::int64_t>(summaries.size()) + 1024;
    if (dense) slot_by_id_.assign(static_cast<std::size_t>(largest) + 1, -1);
    institutions.reserve(summaries.size());
    for (auto& summary : summaries) {
        const auto id = summary.id.value();
        const auto at = static_cast<std::int32_t>(institutions.size());
        if (summary.is_home) home = summary.id;
        institutions.push_back({std::move(summary.display_name), std::move(summary.country), summary.is_home});
        if (dense && id >= 0) slot_by_id_[static_cast<std::size_t>(id)] = at;
        else slot_by_sparse_id_[id] = at;
    }
}

std::int32_t NameIndex::slot(std::optional<InstitutionId> id) const {
    if (!id) return -1;
    const auto v = id->value();
    if (v >= 0 && static_cast<std::size_t>(v) < slot_by_id_.size()) return slot_by_id_[static_cast<std::size_t>(v)];
    const auto it = slot_by_sparse_id_.find(v);
    return it == slot_by_sparse_id_.end() ? -1 : it->second;
}

std::shared_ptr<const std::vector<std::string>> NameIndex::names_by_slot() const {
    auto out = std::make_shared<std::vector<std::string>>();
    out->reserve(institutions.size());
    for (const auto& i : institutions) out->push_back(i.name);
    return out;
}

std::string NameIndex::institution_name(std::optional<InstitutionId> id) const {
    const auto at = slot(id);
    return at < 0 ? std::string() : institutions[static_cast<std::size_t>(at)].name;
}

std::string NameIndex::institution_country(std::optional<InstitutionId> id) const {
    const auto at = slot(id);
    return at < 0 ? std::string() : institutions[static_cast<std::size_t>(at)].country;
}

std::string NameIndex::unit_name(std::optional<UnitId> id) const {
    if (!id) return {};
    const auto it = units.find(id->value());
    return it == units.end() ? std::string() : it->second;
}

std::pair<std::string, std::string> NameIndex::describe(const std::vector<InstitutionId>& ids) const {
    std::vector<std::string> names, countries;
    for (auto id : ids) {
        const auto at = slot(id);
        if (at < 0) continue;
        const auto& info = institutions[static_cast<std::size_t>(at)];
        if (info.is_home) continue;
        names.push_back(info.name);
        if (std::find(countries.begin(), countries.end(), info.country) == countries.end()) countries.push_back(info.country);
    }
    return {joined(names), joined(countries)};
}

std::vector<OrgUnit> all_centres(Store& s) {
    std::optional<InstitutionId> home;
    if (s.institutions().has_home()) home = s.institutions().home().id;
    std::vector<OrgUnit> centres;  // OrgUnits::all() is by id
    for (auto& u : s.units().all())
        if (u.kind == UnitKind::ScientificCentre) centres.push_back(std::move(u));
    std::stable_partition(centres.begin(), centres.end(), [&](const OrgUnit& u) { return home && u.institution == *home; });
    return centres;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
    return out;
}

namespace {

std::string money_text(const std::vector<Money>& funds) {
    std::vector<std::string> parts;
    for (const auto& f : funds) parts.push_back(fmt::format("{} {}", f.amount, f.currency));
    return joined(parts);
}

Frame activities_frame(Store& s, const ActivityFilter& filter) {
    const auto rows = s.activities().find(filter);
    const NameIndex names(s, true);
    std::vector<std::int64_t> id, people, publications, participants, evidence;
    std::vector<std::optional<ActivityType>> type;
    std::vector<std::optional<Area>> area;
    std::vector<std::string> title, partners, partner_countries, units, funds, outcome;
    std::vector<std::optional<std::int64_t>> agreement;
    std::vector<std::optional<Date>> start, end;
    for (const auto& a : rows) {
        auto [partner_names, countries] = names.describe(a.partners);
        std::vector<std::string> unit_names;
        for (auto u : a.home_units) unit_names.push_back(names.unit_name(u));
        id.push_back(a.id.value());
        type.emplace_back(a.type);
        title.push_back(a.title);
        partners.push_back(std::move(partner_names));
        partner_countries.push_back(std::move(countries));
        agreement.push_back(raw(a.agreement));
        area.emplace_back(a.area);
        start.emplace_back(a.start);
        end.push_back(a.end);
        units.push_back(joined(unit_names));
        people.push_back(static_cast<std::int64_t>(a.people.size()));
        publications.push_back(a.publications);
        participants.push_back(a.participants);
        funds.push_back(money_text(a.funds));
        evidence.push_back(static_cast<std::int64_t>(a.evidence.size()));
        outcome.push_back(a.outcome);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.category("type", type);
    f.text("title", std::move(title));
    f.text("partners", std::move(partners));
    f.text("partner_countries", std::move(partner_countries));
    f.optional_int64("agreement", agreement);
    f.category("area", area);
    f.date("start", start);
    f.date("end", end);
    f.text("home_units", std::move(units));
    f.int64("people", std::move(people));
    f.int64("publications", std::move(publications));
    f.int64("participants", std::move(participants));
    f.text("funds", std::move(funds));
    f.int64("evidence", std::move(evidence));
    f.text("outcome", std::move(outcome));
    return f;
}

Frame funds_frame(Store& s, const ActivityFilter& filter) {
    const auto rows = s.activities().find(filter);
    std::vector<std::int64_t> activity;
    std::vector<std::string> title, currency;
    std::vector<std::optional<ActivityType>> type;
    std::vector<std::optional<Area>> area;
    std::vector<std::optional<Date>> start;
    std::vector<double> amount;
    for (const auto& a : rows)
        for (const auto& money : a.funds) {
            activity.push_back(a.id.value());
            title.push_back(a.title);
            type.emplace_back(a.type);
            area.emplace_back(a.area);
            start.emplace_back(a.start);
            amount.push_back(money.amount);
            currency.push_back(money.currency);
        }
    Frame f;
    f.int64("activity", std::move(activity));
    f.text("title", std::move(title));
    f.category("type", type);
    f.category("area", area);
    f.date("start", start);
    f.float64("amount", std::move(amount));
    f.text("currency", std::move(currency));
    return f;
}

Frame counts_frame(const std::vector<GroupCount>& rows) {
    std::vector<std::string> key, label;
    std::vector<std::int64_t> count;
    for (const auto& r : rows) {
        key.push_back(r.key);
        label.push_back(r.label);
        count.push_back(r.count);
    }
    Frame f;
    f.text("key", std::move(key));
    f.text("label", std::move(label));
    f.int64("count", std::move(count));
    return f;
}

Frame people_frame(Store& s, const PersonFilter& filter) {
    const auto rows = s.people().find(filter);
    const NameIndex names(s, true);
    std::vector<std::int64_t> id;
    std::vector<std::string> given, family, full, affiliation_name, unit_name, nationality, email, isced, keywords;
    std::vector<std::optional<PersonRole>> role;
    std::vector<std::optional<std::int64_t>> affiliation, unit;
    std::vector<bool> erased;
    for (const auto& p : rows) {
        id.push_back(p.id.value());
        given.push_back(p.given_name);
        family.push_back(p.family_name);
        full.push_back(p.full_name());
        role.emplace_back(p.role);
        affiliation.push_back(raw(p.affiliation));
        affiliation_name.push_back(names.institution_name(p.affiliation));
        unit.push_back(raw(p.unit));
        unit_name.push_back(names.unit_name(p.unit));
        nationality.push_back(p.nationality);
        email.push_back(p.email);
        isced.push_back(joined(p.expertise.isced_codes));
        keywords.push_back(joined(p.expertise.keywords));
        erased.push_back(p.erased);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.text("given_name", std::move(given));
    f.text("family_name", std::move(family));
    f.text("full_name", std::move(full));
    f.category("role", role);
    f.optional_int64("affiliation", affiliation);
    f.text("affiliation_name", std::move(affiliation_name));
    f.optional_int64("unit", unit);
    f.text("unit_name", std::move(unit_name));
    f.text("nationality", std::move(nationality));
    f.text("email", std::move(email));
    f.text("isced_codes", std::move(isced));
    f.text("keywords", std::move(keywords));
    f.boolean("erased", erased);
    return f;
}

Frame visits_frame(Store& s, const VisitFilter& filter) {
    const auto rows = s.visits().find(filter);
    const NameIndex names(s, true);
    // Names, countries, units and academic years repeat across many visits: their columns
    // hold codes into one list of each (see Frame::text_codes).
    const auto institution_names = names.names_by_slot();
    auto institution_countries = std::make_shared<std::vector<std::string>>();
    std::vector<std::optional<WorldRegion>> region_by_slot;
    for (const auto& i : names.institutions) {
        institution_countries->push_back(i.country);
        const Country* c = find_country(i.country);
        region_by_slot.push_back(c ? std::optional<WorldRegion>(c->region) : std::nullopt);
    }
    auto unit_names = std::make_shared<std::vector<std::string>>();
    std::unordered_map<std::int64_t, std::int32_t> unit_code;
    const auto unit_of = [&](std::optional<UnitId> u) -> std::int32_t {
        if (!u) return -1;
        const auto [it, added] = unit_code.try_emplace(u->value(), static_cast<std::int32_t>(unit_names->size()));
        if (added) unit_names->push_back(names.unit_name(u));
        return it->second;
    };

    const auto n = rows.size();
    std::vector<std::int64_t> id, person, home_institution, host_institution, partner, days, lectures, seminars;
    std::vector<std::int32_t> home_name, host_name, partner_slot, home_unit_name, host_unit_name;
    RepeatedText academic_year;
    std::vector<std::optional<VisitDirection>> direction;
    std::vector<std::optional<VisitPurpose>> purpose;
    std::vector<std::optional<VisitStatus>> status;
    std::vector<std::optional<MobilityType>> mobility_type;
    std::vector<std::optional<WorldRegion>> region;
    std::vector<std::string> note;
    std::vector<std::optional<std::int64_t>> home_unit, host_unit, agreement, program;
    std::vector<std::optional<Date>> start, end;
    std::vector<double> hours;
    for (auto* v : {&id, &person, &home_institution, &host_institution, &partner, &days, &lectures, &seminars}) v->reserve(n);
    for (auto* v : {&home_name, &host_name, &partner_slot, &home_unit_name, &host_unit_name}) v->reserve(n);
    for (auto* v : {&home_unit, &host_unit, &agreement, &program}) v->reserve(n);
    for (auto* v : {&start, &end}) v->reserve(n);
    direction.reserve(n), purpose.reserve(n), status.reserve(n), mobility_type.reserve(n), region.reserve(n);
    note.reserve(n), hours.reserve(n);
    for (const auto& v : rows) {
        const auto other = v.direction == VisitDirection::Incoming ? v.home_institution : v.host_institution;
        const auto other_slot = names.slot(other);
        id.push_back(v.id.value());
        person.push_back(v.person.value());
        direction.emplace_back(v.direction);
        purpose.emplace_back(v.purpose);
        status.emplace_back(v.status);
        home_institution.push_back(v.home_institution.value());
        home_name.push_back(names.slot(v.home_institution));
        host_institution.push_back(v.host_institution.value());
        host_name.push_back(names.slot(v.host_institution));
        partner.push_back(other.value());
        partner_slot.push_back(other_slot);
        region.push_back(other_slot < 0 ? std::nullopt : region_by_slot[static_cast<std::size_t>(other_slot)]);
        home_unit.push_back(raw(v.home_unit));
        home_unit_name.push_back(unit_of(v.home_unit));
        host_unit.push_back(raw(v.host_unit));
        host_unit_name.push_back(unit_of(v.host_unit));
        start.emplace_back(v.start);
        end.emplace_back(v.end);
        days.push_back(days_between(v.start, v.end) + 1);
        academic_year.push_back(v.academic_year().to_string());
        agreement.push_back(raw(v.agreement));
        program.push_back(raw(v.program));
        mobility_type.push_back(v.mobility_type);
        lectures.push_back(v.lectures);
        hours.push_back(v.teaching_hours);
        seminars.push_back(v.seminars);
        note.push_back(v.note);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.int64("person", std::move(person));
    f.category("direction", direction);
    f.category("purpose", purpose);
    f.category("status", status);
    f.int64("home_institution", std::move(home_institution));
    f.text_codes("home_institution_name", institution_names, std::move(home_name));
    f.int64("host_institution", std::move(host_institution));
    f.text_codes("host_institution_name", institution_names, std::move(host_name));
    f.int64("partner", std::move(partner));
    f.text_codes("partner_name", institution_names, partner_slot);
    f.text_codes("partner_country", institution_countries, std::move(partner_slot));
    f.category("partner_region", region);
    f.optional_int64("home_unit", home_unit);
    f.text_codes("home_unit_name", unit_names, std::move(home_unit_name));
    f.optional_int64("host_unit", host_unit);
    f.text_codes("host_unit_name", unit_names, std::move(host_unit_name));
    f.date("start", start);
    f.date("end", end);
    f.int64("days", std::move(days));
    academic_year.add_to(f, "academic_year");
    f.optional_int64("agreement", agreement);
    f.optional_int64("program", program);
    f.category("mobility_type", mobility_type);
    f.int64("lectures", std::move(lectures));
    f.float64("teaching_hours", std::move(hours));
    f.int64("seminars", std::move(seminars));
    f.text("note", std::move(note));
    return f;
}

std::string audiences_text(const std::vector<Audience>& audiences) {
    std::vector<std::string> parts;
    for (auto a : audiences) parts.emplace_back(to_string(a));
    return joined(parts);
}

Frame programs_frame(Store& s, const ProgramFilter& filter) {
    const auto rows = s.programs().find(filter);
    const NameIndex names(s);
    std::unordered_map<std::int64_t, std::int64_t> calls_of;
    for (const auto& c : s.programs().calls()) ++calls_of[c.program.value()];
    std::vector<std::int64_t> id, calls;
    std::vector<std::string> name, provider_name, audiences, eligibility, website;
    std::vector<std::optional<ProgramKind>> kind;
    std::vector<std::optional<std::int64_t>> provider, agreement;
    for (const auto& p : rows) {
        id.push_back(p.id.value());
        name.push_back(p.name);
        kind.emplace_back(p.kind);
        provider.push_back(raw(p.provider));
        provider_name.push_back(names.institution_name(p.provider));
        agreement.push_back(raw(p.agreement));
        audiences.push_back(audiences_text(p.audiences));
        eligibility.push_back(p.eligibility);
        website.push_back(p.website);
        const auto it = calls_of.find(p.id.value());
        calls.push_back(it == calls_of.end() ? 0 : it->second);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.text("name", std::move(name));
    f.category("kind", kind);
    f.optional_int64("provider", provider);
    f.text("provider_name", std::move(provider_name));
    f.optional_int64("agreement", agreement);
    f.text("audiences", std::move(audiences));
    f.text("eligibility", std::move(eligibility));
    f.text("website", std::move(website));
    f.int64("calls", std::move(calls));
    return f;
}

std::unordered_map<std::int64_t, Program> programs_by_id(Store& s) {
    std::unordered_map<std::int64_t, Program> out;
    for (auto& p : s.programs().find()) out.emplace(p.id.value(), std::move(p));
    return out;
}

Frame calls_frame(Store& s, std::optional<ProgramId> program) {
    const auto rows = s.programs().calls(program);
    const auto programs = programs_by_id(s);
    std::vector<std::int64_t> id, program_id, places;
    std::vector<std::string> program_name, title, currency, eligibility;
    std::vector<std::optional<ProgramKind>> kind;
    std::vector<std::optional<Date>> opens_on, deadline;
    std::vector<double> amount;
    for (const auto& c : rows) {
        const auto it = programs.find(c.program.value());
        id.push_back(c.id.value());
        program_id.push_back(c.program.value());
        program_name.push_back(it == programs.end() ? std::string() : it->second.name);
        kind.push_back(it == programs.end() ? std::nullopt : std::optional<ProgramKind>(it->second.kind));
        title.push_back(c.title);
        opens_on.emplace_back(c.opens_on);
        deadline.emplace_back(c.deadline);
        places.push_back(c.places);
        amount.push_back(c.funding ? c.funding->amount : std::numeric_limits<double>::quiet_NaN());
        currency.push_back(c.funding ? c.funding->currency : std::string());
        eligibility.push_back(c.eligibility);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.int64("program", std::move(program_id));
    f.text("program_name", std::move(program_name));
    f.category("program_kind", kind);
    f.text("title", std::move(title));
    f.date("opens_on", opens_on);
    f.date("deadline", deadline);
    f.int64("places", std::move(places));
    f.float64("funding_amount", std::move(amount));
    f.text("funding_currency", std::move(currency));
    f.text("eligibility", std::move(eligibility));
    return f;
}

Frame applications_frame(Store& s, const ApplicationFilter& filter) {
    const auto rows = s.programs().applications(filter);
    const auto programs = programs_by_id(s);
    std::unordered_map<std::int64_t, Call> calls;
    for (auto& c : s.programs().calls()) calls.emplace(c.id.value(), std::move(c));
    const NameIndex names(s, true);
    std::vector<std::int64_t> id, call, program, applicant;
    std::vector<std::string> call_title, program_name, unit_name, note;
    std::vector<std::optional<Audience>> audience;
    std::vector<std::optional<ApplicationStatus>> status;
    std::vector<std::optional<std::int64_t>> unit;
    std::vector<std::optional<Date>> created_on, deadline;
    for (const auto& a : rows) {
        const auto c = calls.find(a.call.value());
        const auto p = c == calls.end() ? programs.end() : programs.find(c->second.program.value());
        id.push_back(a.id.value());
        call.push_back(a.call.value());
        call_title.push_back(c == calls.end() ? std::string() : c->second.title);
        deadline.push_back(c == calls.end() ? std::nullopt : std::optional<Date>(c->second.deadline));
        program.push_back(c == calls.end() ? 0 : c->second.program.value());
        program_name.push_back(p == programs.end() ? std::string() : p->second.name);
        applicant.push_back(a.applicant.value());
        audience.emplace_back(a.audience);
        unit.push_back(raw(a.unit));
        unit_name.push_back(names.unit_name(a.unit));
        status.emplace_back(a.status);
        created_on.emplace_back(a.created_on);
        note.push_back(a.note);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.int64("call", std::move(call));
    f.text("call_title", std::move(call_title));
    f.date("deadline", deadline);
    f.int64("program", std::move(program));
    f.text("program_name", std::move(program_name));
    f.int64("applicant", std::move(applicant));
    f.category("audience", audience);
    f.optional_int64("unit", unit);
    f.text("unit_name", std::move(unit_name));
    f.category("status", status);
    f.date("created_on", created_on);
    f.text("note", std::move(note));
    return f;
}

Frame participation_frame(Store& s, const ApplicationFilter& filter) {
    const auto rows = s.programs().participation(filter);
    const NameIndex names(s, true);
    std::vector<std::int64_t> program, year, applications, accepted, rejected;
    std::vector<std::string> program_name, unit_name;
    std::vector<std::optional<std::int64_t>> unit;
    std::vector<std::optional<Audience>> audience;
    for (const auto& r : rows) {
        program.push_back(r.program.value());
        program_name.push_back(r.program_name);
        year.push_back(r.year);
        unit.push_back(raw(r.unit));
        unit_name.push_back(names.unit_name(r.unit));
        audience.emplace_back(r.audience);
        applications.push_back(r.applications);
        accepted.push_back(r.accepted);
        rejected.push_back(r.rejected);
    }
    Frame f;
    f.int64("program", std::move(program));
    f.text("program_name", std::move(program_name));
    f.int64("year", std::move(year));
    f.optional_int64("unit", unit);
    f.text("unit_name", std::move(unit_name));
    f.category("audience", audience);
    f.int64("applications", std::move(applications));
    f.int64("accepted", std::move(accepted));
    f.int64("rejected", std::move(rejected));
    return f;
}

Frame success_rates_frame(Store& s, const ApplicationFilter& filter) {
    const auto rows = s.programs().success_rates(filter);
    std::vector<std::int64_t> program, decided, accepted;
    std::vector<std::string> program_name;
    std::vector<double> rate;
    for (const auto& r : rows) {
        program.push_back(r.program.value());
        program_name.push_back(r.program_name);
        decided.push_back(r.decided);
        accepted.push_back(r.accepted);
        rate.push_back(r.rate);
    }
    Frame f;
    f.int64("program", std::move(program));
    f.text("program_name", std::move(program_name));
    f.int64("decided", std::move(decided));
    f.int64("accepted", std::move(accepted));
    f.float64("rate", std::move(rate));
    return f;
}

Frame centres_frame(Store& s, std::optional<InstitutionId> institution) {
    const NameIndex names(s);
    // One institution's centres, or every institution's with the home ones first (as iteration).
    std::vector<OrgUnit> centres;
    if (institution) {
        for (auto& u : s.units().of(*institution))
            if (u.kind == UnitKind::ScientificCentre) centres.push_back(std::move(u));
        if (centres.empty()) s.institutions().get(*institution);  // NotFoundError for an unknown id
        std::sort(centres.begin(), centres.end(), [](const OrgUnit& a, const OrgUnit& b) { return a.id < b.id; });
    } else {
        centres = all_centres(s);
    }
    std::vector<std::int64_t> id, inst, links;
    std::vector<std::string> name, inst_name, country, isced, keywords;
    std::vector<bool> is_home;
    for (const auto& c : centres) {
        const auto expertise = s.centres().expertise(c.id);
        id.push_back(c.id.value());
        name.push_back(c.name);
        inst.push_back(c.institution.value());
        inst_name.push_back(names.institution_name(c.institution));
        country.push_back(names.institution_country(c.institution));
        is_home.push_back(names.home && *names.home == c.institution);
        isced.push_back(joined(expertise.isced_codes));
        keywords.push_back(joined(expertise.keywords));
        links.push_back(static_cast<std::int64_t>(s.centres().links(c.id).size()));
    }
    Frame f;
    f.int64("id", std::move(id));
    f.text("name", std::move(name));
    f.int64("institution", std::move(inst));
    f.text("institution_name", std::move(inst_name));
    f.text("country", std::move(country));
    f.boolean("is_home", is_home);
    f.text("isced_codes", std::move(isced));
    f.text("keywords", std::move(keywords));
    f.int64("links", std::move(links));
    return f;
}

Frame matches_frame(Store& s, UnitId home_centre, int limit) {
    const auto rows = s.centres().match(home_centre, limit);
    const NameIndex names(s);
    std::vector<std::optional<ExpertiseMatch::Kind>> kind;
    std::vector<std::int64_t> id, institution;
    std::vector<std::string> name, institution_name, country, reasons;
    std::vector<double> score;
    for (const auto& x : rows) {
        kind.emplace_back(x.kind);
        id.push_back(x.id);
        name.push_back(x.name);
        institution.push_back(x.institution.value());
        institution_name.push_back(x.institution_name);
        country.push_back(names.institution_country(x.institution));
        score.push_back(x.score);
        reasons.push_back(joined(x.reasons));
    }
    Frame f;
    f.category("kind", kind);
    f.int64("id", std::move(id));
    f.text("name", std::move(name));
    f.int64("institution", std::move(institution));
    f.text("institution_name", std::move(institution_name));
    f.text("country", std::move(country));
    f.float64("score", std::move(score));
    f.text("reasons", std::move(reasons));
    return f;
}

} // namespace

void bind_daily_work_frames(py::module_&) {
    add_method<ActivitiesView>(
        "to_frame",
        [](ActivitiesView& v, py::kwargs filters) {
            const auto f = activity_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return activities_frame(s, f); }).to_pandas();
        },
        "A DataFrame of the activities find() returns for the same filters: id, type, title, partners and "
        "partner_countries (joined by '; '), agreement, area, start, end, home_units (unit names), people (how many), "
        "publications, participants, funds ('12000 EUR; 500 USD'; see funds_frame), evidence (how many), outcome.");
    add_method<ActivitiesView>(
        "funds_frame",
        [](ActivitiesView& v, py::kwargs filters) {
            const auto f = activity_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return funds_frame(s, f); }).to_pandas();
        },
        "The funds of the activities find() returns, one row per activity and currency: activity, title, type, area, "
        "start, amount, currency. Sum amounts per currency only.");
    add_method<ActivitiesView>(
        "count_by",
        [](ActivitiesView& v, py::object by, py::kwargs filters) {
            const auto grouping = from_py<ActivityGrouping>(by, "by");
            const auto f = activity_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return counts_frame(s.activities().count_by(grouping, f)); }).to_pandas();
        },
        py::arg("by"),
        "Activities per partner, agreement, area, year or type (an ActivityGrouping), with the same filters as find(); "
        "largest groups first. Columns: key (the id, name or year as text), label (what a person reads), count.");
    add_method<PeopleView>(
        "to_frame",
        [](PeopleView& v, py::kwargs filters) {
            const auto f = person_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return people_frame(s, f); }).to_pandas();
        },
        "A DataFrame of the people find() returns for the same filters: id, given_name, family_name, full_name, role, "
        "affiliation, affiliation_name, unit, unit_name, nationality, email, isced_codes and keywords (joined by '; '), "
        "erased.");
    add_method<VisitsView>(
        "to_frame",
        [](VisitsView& v, py::kwargs filters) {
            const auto f = visit_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return visits_frame(s, f); }).to_pandas();
        },
        "A DataFrame of the visits find() returns for the same filters: id, person, direction, purpose, status, "
        "home_institution(_name), host_institution(_name), partner (the side that is not home), partner_name, "
        "partner_country, partner_region, home_unit(_name), host_unit(_name), start, end, days, academic_year, "
        "agreement, program, mobility_type, lectures, teaching_hours, seminars, note.");
    add_method<ProgramsView>(
        "to_frame",
        [](ProgramsView& v, py::kwargs filters) {
            const auto f = program_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return programs_frame(s, f); }).to_pandas();
        },
        "A DataFrame of the programs find() returns for the same filters: id, name, kind, provider, provider_name, "
        "agreement, audiences (joined by '; '), eligibility, website, calls (how many).");
    add_method<CallsView>(
        "to_frame",
        [](CallsView& v, py::object program) {
            const auto key = optional_id_arg<ProgramId>(*v.core, program, "program");
            return v.core->run([&](Store& s) { return calls_frame(s, key); }).to_pandas();
        },
        py::arg("program") = py::none(),
        "A DataFrame of the calls of one program (or of all), by deadline: id, program, program_name, program_kind, "
        "title, opens_on, deadline, places, funding_amount (NaN without funding), funding_currency ('' without), "
        "eligibility.");
    add_method<ApplicationsView>(
        "to_frame",
        [](ApplicationsView& v, py::kwargs filters) {
            const auto f = application_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return applications_frame(s, f); }).to_pandas();
        },
        "A DataFrame of the applications find() returns for the same filters: id, call, call_title, deadline, program, "
        "program_name, applicant, audience, unit, unit_name, status, created_on, note.");
    add_method<ApplicationsView>(
        "participation",
        [](ApplicationsView& v, py::kwargs filters) {
            const auto f = application_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return participation_frame(s, f); }).to_pandas();
        },
        "Applications by program, year (of the call's deadline), home unit and audience, with the same filters as "
        "find(). Columns: program, program_name, year, unit, unit_name, audience, applications (drafts left out), "
        "accepted (accepted or completed), rejected.");
    add_method<ApplicationsView>(
        "success_rates",
        [](ApplicationsView& v, py::kwargs filters) {
            const auto f = application_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return success_rates_frame(s, f); }).to_pandas();
        },
        "Success rate per program, with the same filters as find(). Columns: program, program_name, decided "
        "(accepted, completed or rejected), accepted (accepted or completed), rate (accepted / decided; 0 when nothing "
        "is decided).");
    add_method<CentresView>(
        "to_frame",
        [](CentresView& v, py::object institution) {
            const auto key = optional_id_arg<InstitutionId>(*v.core, institution, "institution");
            return v.core->run([&](Store& s) { return centres_frame(s, key); }).to_pandas();
        },
        py::arg("institution") = py::none(),
        "A DataFrame of the scientific centres of one institution (or of all, home centres first): id, name, "
        "institution, institution_name, country, is_home, isced_codes and keywords (joined by '; '), links (how many).");
    add_method<CentresView>(
        "match_frame",
        [](CentresView& v, py::object home_centre, py::object limit) {
            const auto key = id_arg<UnitId>(*v.core, home_centre, "home_centre");
            const auto n = from_py<int>(limit, "limit");
            return v.core->run([&](Store& s) { return matches_frame(s, key, n); }).to_pandas();
        },
        py::arg("home_centre"), py::arg("limit") = 20,
        "match() as a DataFrame: kind, id, name, institution, institution_name, country, score, reasons (joined by '; ').");
}

} // namespace iro::python
