// to_frame() on the collections: pandas DataFrames with typed columns (datetime64[ns] dates,
// Categorical enums with their whole table as categories, int64 ids, nullable "Int64" for
// optional ids), filled column by column in C++ under the store lock and handed to pandas once.

#include "bind.hpp"
#include "daily_work.hpp"
#include "frame.hpp"
#include "office.hpp"

#include <algorithm>
#include <unordered_map>

namespace iro::python {

namespace {

Frame institutions_frame(Store& s, const InstitutionFilter& filter) {
    const auto rows = s.institutions().find(filter);
    // Institutions::scope_of reads the home institution and the regional set on every call;
    // the frame reads them once and applies the same rule (institutions.hpp).
    std::optional<std::string> home_country;
    if (s.institutions().has_home()) home_country = s.institutions().home().country;
    const auto regional = s.institutions().regional_countries();

    const auto n = rows.size();
    std::vector<std::int64_t> id;
    std::vector<std::string> display_name, country, country_name, subregion, city, ror, erasmus, schac, pic, wikidata, website;
    std::vector<std::optional<InstitutionType>> type;
    std::vector<std::optional<WorldRegion>> region;
    std::vector<std::optional<Scope>> scope;
    std::vector<std::optional<InstitutionStatus>> status;
    std::vector<std::optional<std::int64_t>> successor;
    std::vector<bool> is_home;
    for (auto* v : {&display_name, &country, &country_name, &subregion, &city, &ror, &erasmus, &schac, &pic, &wikidata, &website})
        v->reserve(n);
    for (const auto& i : rows) {
        const Country* c = find_country(i.country);
        id.push_back(i.id.value());
        display_name.push_back(i.display_name());
        type.emplace_back(i.type);
        country.push_back(i.country);
        country_name.emplace_back(c ? c->name : std::string_view{});
        region.push_back(c ? std::optional<WorldRegion>(c->region) : std::nullopt);
        subregion.emplace_back(c ? c->subregion : std::string_view{});
        if (!home_country) scope.emplace_back(std::nullopt);
        else if (i.country == *home_country) scope.emplace_back(Scope::Local);
        else if (std::find(regional.begin(), regional.end(), i.country) != regional.end()) scope.emplace_back(Scope::Regional);
        else scope.emplace_back(Scope::International);
        city.push_back(i.city);
        status.emplace_back(i.status);
        ror.push_back(i.identifiers.ror);
        erasmus.push_back(i.identifiers.erasmus);
        schac.push_back(i.identifiers.schac);
        pic.push_back(i.identifiers.pic);
        wikidata.push_back(i.identifiers.wikidata);
        website.push_back(i.website);
        successor.push_back(raw(i.successor));
        is_home.push_back(i.is_home);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.text("display_name", std::move(display_name));
    f.category("type", type);
    f.text("country", std::move(country));
    f.text("country_name", std::move(country_name));
    f.category("region", region);
    f.text("subregion", std::move(subregion));
    f.category("scope", scope);
    f.text("city", std::move(city));
    f.category("status", status);
    f.text("ror", std::move(ror));
    f.text("erasmus", std::move(erasmus));
    f.text("schac", std::move(schac));
    f.text("pic", std::move(pic));
    f.text("wikidata", std::move(wikidata));
    f.text("website", std::move(website));
    f.optional_int64("successor", successor);
    f.boolean("is_home", is_home);
    return f;
}

// Partner names and their distinct countries of an agreement, the home party left out.
std::pair<std::string, std::string> describe_partners(const NameIndex& names, const Agreement& a) {
    std::vector<InstitutionId> ids;
    for (const auto& p : a.parties) ids.push_back(p.institution);
    return names.describe(ids);
}

std::string areas_text(const Agreement& a) {
    std::vector<std::string> names;
    for (auto area : a.areas) names.emplace_back(to_string(area));
    return joined(names);
}

Frame agreements_frame(Store& s, const AgreementFilter& filter) {
    const auto rows = s.agreements().find(filter);
    const NameIndex partners_of(s, party_ids(rows, [](const Agreement& a) -> const Agreement& { return a; }));
    std::vector<std::int64_t> id, parties, tacit, notice, quotas;
    std::vector<std::string> reference, title, partners, partner_countries, areas;
    std::vector<std::optional<AgreementKind>> kind;
    std::vector<std::optional<AgreementStatus>> status;
    std::vector<std::optional<Date>> proposed_on, in_force_from, valid_until, terminated_on;
    std::vector<bool> multilateral;
    std::vector<std::optional<std::int64_t>> predecessor;
    for (const auto& a : rows) {
        auto [names, countries] = describe_partners(partners_of, a);
        id.push_back(a.id.value());
        reference.push_back(a.reference);
        title.push_back(a.title);
        kind.emplace_back(a.kind);
        status.emplace_back(a.status);
        proposed_on.emplace_back(a.proposed_on);
        in_force_from.push_back(a.in_force_from);
        valid_until.push_back(a.valid_until);
        terminated_on.push_back(a.terminated_on);
        partners.push_back(std::move(names));
        partner_countries.push_back(std::move(countries));
        areas.push_back(areas_text(a));
        parties.push_back(static_cast<std::int64_t>(a.parties.size()));
        multilateral.push_back(a.is_multilateral());
        tacit.push_back(a.tacit_renewal_years);
        notice.push_back(a.notice_days);
        predecessor.push_back(raw(a.predecessor));
        quotas.push_back(static_cast<std::int64_t>(a.quotas.size()));
    }
    Frame f;
    f.int64("id", std::move(id));
    f.text("reference", std::move(reference));
    f.text("title", std::move(title));
    f.category("kind", kind);
    f.category("status", status);
    f.date("proposed_on", proposed_on);
    f.date("in_force_from", in_force_from);
    f.date("valid_until", valid_until);
    f.date("terminated_on", terminated_on);
    f.text("partners", std::move(partners));
    f.text("partner_countries", std::move(partner_countries));
    f.text("areas", std::move(areas));
    f.int64("parties", std::move(parties));
    f.boolean("multilateral", multilateral);
    f.int64("tacit_renewal_years", std::move(tacit));
    f.int64("notice_days", std::move(notice));
    f.optional_int64("predecessor", predecessor);
    f.int64("quotas", std::move(quotas));
    return f;
}

Frame expiring_frame(Store& s, Date on, int within_days) {
    // The frame shows partners only, so the other parts are not read.
    const auto rows = s.agreements().expiring(on, within_days, AgreementParts::Parties);
    const NameIndex partners_of(s, party_ids(rows, [](const ExpiringAgreement& e) -> const Agreement& { return e.agreement; }));
    std::vector<std::int64_t> id, days_left, tacit, notice;
    std::vector<std::string> reference, title, partners, partner_countries;
    std::vector<std::optional<AgreementKind>> kind;
    std::vector<std::optional<AgreementStatus>> status;
    std::vector<std::optional<Date>> in_force_from, valid_until, ends_on, notice_by;
    std::vector<bool> renews;
    for (const auto& e : rows) {
        const auto& a = e.agreement;
        auto [names, countries] = describe_partners(partners_of, a);
        id.push_back(a.id.value());
        reference.push_back(a.reference);
        title.push_back(a.title);
        kind.emplace_back(a.kind);
        status.emplace_back(a.status);
        partners.push_back(std::move(names));
        partner_countries.push_back(std::move(countries));
        in_force_from.push_back(a.in_force_from);
        valid_until.push_back(a.valid_until);
        ends_on.emplace_back(e.ends_on);
        days_left.push_back(e.days_left);
        renews.push_back(e.renews_tacitly);
        notice_by.push_back(e.notice_by);
        tacit.push_back(a.tacit_renewal_years);
        notice.push_back(a.notice_days);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.text("reference", std::move(reference));
    f.text("title", std::move(title));
    f.category("kind", kind);
    f.category("status", status);
    f.text("partners", std::move(partners));
    f.text("partner_countries", std::move(partner_countries));
    f.date("in_force_from", in_force_from);
    f.date("valid_until", valid_until);
    f.date("ends_on", ends_on);
    f.int64("days_left", std::move(days_left));
    f.boolean("renews_tacitly", renews);
    f.date("notice_by", notice_by);
    f.int64("tacit_renewal_years", std::move(tacit));
    f.int64("notice_days", std::move(notice));
    return f;
}

// Units or contacts of one institution, or of all when none is given.
template <class T, class Of>
std::vector<T> of_institution(Store& s, std::optional<InstitutionId> institution, Of of) {
    if (institution) return of(s, *institution);
    InstitutionFilter all;
    all.include_home = true;
    std::vector<T> out;
    for (const auto& i : s.institutions().find(all)) {
        auto part = of(s, i.id);
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

Frame units_frame(Store& s, std::optional<InstitutionId> institution) {
    const auto rows = of_institution<OrgUnit>(s, institution, [](Store& st, InstitutionId i) { return st.units().of(i); });
    std::vector<std::int64_t> id, inst;
    std::vector<std::optional<std::int64_t>> parent;
    std::vector<std::optional<UnitKind>> kind;
    std::vector<std::string> name, code;
    for (const auto& u : rows) {
        id.push_back(u.id.value());
        inst.push_back(u.institution.value());
        parent.push_back(raw(u.parent));
        kind.emplace_back(u.kind);
        name.push_back(u.name);
        code.push_back(u.code);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.int64("institution", std::move(inst));
    f.optional_int64("parent", parent);
    f.category("kind", kind);
    f.text("name", std::move(name));
    f.text("code", std::move(code));
    return f;
}

Frame contacts_frame(Store& s, std::optional<InstitutionId> institution) {
    const auto rows = of_institution<Contact>(s, institution, [](Store& st, InstitutionId i) { return st.contacts().of(i); });
    std::vector<std::int64_t> id, inst;
    std::vector<std::optional<std::int64_t>> unit;
    std::vector<std::string> name, role, email, phone;
    for (const auto& c : rows) {
        id.push_back(c.id.value());
        inst.push_back(c.institution.value());
        unit.push_back(raw(c.unit));
        name.push_back(c.name);
        role.push_back(c.role);
        email.push_back(c.email);
        phone.push_back(c.phone);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.int64("institution", std::move(inst));
    f.optional_int64("unit", unit);
    f.text("name", std::move(name));
    f.text("role", std::move(role));
    f.text("email", std::move(email));
    f.text("phone", std::move(phone));
    return f;
}

Frame countries_frame() {
    std::vector<std::string> code, name, subregion;
    std::vector<std::optional<WorldRegion>> region;
    std::vector<bool> arab, mena;
    for (const auto& c : all_countries()) {
        code.emplace_back(c.code);
        name.emplace_back(c.name);
        region.emplace_back(c.region);
        subregion.emplace_back(c.subregion);
        arab.push_back(c.arab_world);
        mena.push_back(c.mena);
    }
    Frame f;
    f.text("code", std::move(code));
    f.text("name", std::move(name));
    f.category("region", region);
    f.text("subregion", std::move(subregion));
    f.boolean("arab_world", arab);
    f.boolean("mena", mena);
    return f;
}

std::optional<InstitutionId> institution_arg(const OfficeCore& core, py::handle h) {
    core.check_origin(h);
    return from_py<std::optional<InstitutionId>>(h, "institution");
}

} // namespace

void bind_frames(py::module_& m) {
    add_method<InstitutionsView>(
        "to_frame",
        [](InstitutionsView& v, py::kwargs filters) {
            const auto f = institution_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return institutions_frame(s, f); }).to_pandas();
        },
        "A DataFrame of the institutions find() returns for the same filters: id, display_name, type, country, "
        "country_name, region, subregion, scope, city, status, ror, erasmus, schac, pic, wikidata, website, successor, "
        "is_home.");
    add_method<InstitutionsView>(
        "summaries",
        [](InstitutionsView& v, py::object ids, py::kwargs filters) {
            std::optional<std::vector<InstitutionId>> wanted;
            if (!ids.is_none()) {
                if (py::len(filters) > 0)
                    throw ArgumentTypeError("ids", text_of(ids), "either ids or filters, not both");
                v.core->check_origin(ids);
                wanted = from_py<std::vector<InstitutionId>>(ids, "ids");
            }
            const auto f = institution_filter(*v.core, filters);
            const auto rows = v.core->run([&](Store& s) { return wanted ? s.institutions().summaries(*wanted) : s.institutions().summaries(f); });
            std::vector<std::int64_t> id;
            std::vector<std::string> name, country;
            std::vector<bool> is_home;
            for (const auto& r : rows) {
                id.push_back(r.id.value());
                name.push_back(r.display_name);
                country.push_back(r.country);
                is_home.push_back(r.is_home);
            }
            Frame frame;
            frame.int64("id", std::move(id));
            frame.text("display_name", std::move(name));
            frame.text("country", std::move(country));
            frame.boolean("is_home", is_home);
            return frame.to_pandas();
        },
        py::arg("ids") = py::none(),
        "A light DataFrame of institutions, in id order: id, display_name, country, is_home. Either the institutions "
        "`ids` lists (ints or Institutions, repeats allowed; NotFoundError for an unknown one) or those find() returns "
        "for the same filters. Reads no names but the display name, no identifiers and no addresses, so it suits "
        "lookups over the whole registry.");
    add_method<AgreementsView>(
        "to_frame",
        [](AgreementsView& v, py::kwargs filters) {
            const auto f = agreement_filter(*v.core, filters);
            return v.core->run([&](Store& s) { return agreements_frame(s, f); }).to_pandas();
        },
        "A DataFrame of the agreements find() returns for the same filters: id, reference, title, kind, status, "
        "proposed_on, in_force_from, valid_until, terminated_on, partners and partner_countries (joined by '; '), areas, "
        "parties, multilateral, tacit_renewal_years, notice_days, predecessor, quotas.");

    add_method<AgreementsView>(
        "expiring_frame",
        [](AgreementsView& v, py::object within_days, py::object on) {
            const auto days = from_py<int>(within_days, "within_days");
            const auto date = from_py<std::optional<Date>>(on, "on").value_or(today());
            return v.core->run([&](Store& s) { return expiring_frame(s, date, days); }).to_pandas();
        },
        py::arg("within_days") = 90, py::arg("on") = py::none(),
        "expiring() as a DataFrame: id, reference, title, kind, status, partners, partner_countries, in_force_from, "
        "valid_until, ends_on, days_left, renews_tacitly, notice_by, tacit_renewal_years, notice_days.");
    add_method<UnitsView>(
        "to_frame",
        [](UnitsView& v, py::object institution) {
            const auto key = institution_arg(*v.core, institution);
            return v.core->run([&](Store& s) { return units_frame(s, key); }).to_pandas();
        },
        py::arg("institution") = py::none(),
        "A DataFrame of the units of one institution (or of all): id, institution, parent, kind, name, code.");
    add_method<ContactsView>(
        "to_frame",
        [](ContactsView& v, py::object institution) {
            const auto key = institution_arg(*v.core, institution);
            return v.core->run([&](Store& s) { return contacts_frame(s, key); }).to_pandas();
        },
        py::arg("institution") = py::none(),
        "A DataFrame of the contacts of one institution (or of all): id, institution, unit, name, role, email, phone.");

    m.def(
        "countries_frame", [] { return countries_frame().to_pandas(); },
        "Every country as a DataFrame: code, name, region, subregion, arab_world, mena.");
}

} // namespace iro::python
