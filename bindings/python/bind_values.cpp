// Enums, the small value classes, countries and the free helper functions.

#include "bind.hpp"
#include "convert.hpp"
#include "enums.hpp"
#include "value_class.hpp"

#include <fmt/format.h>

namespace iro::python {

namespace {

std::string quoted(const std::string& s) {
    return fmt::format("'{}'", s);
}

template <class T>
bool equal(const T& a, const T& b) {
    return a == b;
}

} // namespace

void bind_values(py::module_& m) {
    py::object enum_base = py::module_::import("enum").attr("Enum");
    g_enum_base = enum_base.inc_ref().ptr();

    bind_enum<InstitutionType>(m, "InstitutionType", "What kind of body an institution is.");
    bind_enum<InstitutionStatus>(m, "InstitutionStatus", "Whether an institution is active, inactive or merged into a successor.");
    bind_enum<NameKind>(m, "NameKind", "The kind of an institution name, as in ROR: display, label, alias, acronym.");
    bind_enum<Scope>(m, "Scope", "Where a partner sits relative to the home institution: local, regional, international.");
    bind_enum<WorldRegion>(m, "WorldRegion", "UN M49 top-level regions.");
    bind_enum<UnitKind>(m, "UnitKind", "The kind of an organisational unit.");
    bind_enum<AgreementKind>(m, "AgreementKind", "The kind of an agreement (memorandum of understanding, exchange, ...).");
    bind_enum<AgreementStatus>(m, "AgreementStatus", "The lifecycle states of an agreement.");
    bind_enum<AgreementParts>(m, "AgreementParts",
                              "What a read of agreements fills in: all parts, or parties only (areas, quotas and documents "
                              "left empty).");
    bind_enum<Area>(m, "Area", "Areas of cooperation.");
    bind_enum<MobilityType>(m, "MobilityType", "Mobility types of Erasmus Without Paper cooperation conditions.");
    bind_enum<CefrLevel>(m, "CefrLevel", "Common European Framework of Reference levels, A1 to C2.");

    ValueClass<Name>(m, "Name", "One name of an institution, with its language tag and kind.")
        .field("value", &Name::value, "The name itself.")
        .field("lang", &Name::lang, "BCP 47 primary language tag ('ar', 'en'); '' when unknown.")
        .field("kind", &Name::kind, "NameKind: display, label, alias or acronym.")
        .finish([](const Name& n) { return fmt::format("<Name {} {} {}>", quoted(n.value), n.lang.empty() ? "-" : n.lang, to_string(n.kind)); },
                equal<Name>);

    ValueClass<Identifiers>(m, "Identifiers", "An institution's identifiers; '' means not known.")
        .field("ror", &Identifiers::ror, "ROR id, 'https://ror.org/0xxxxxxNN'.")
        .field("erasmus", &Identifiers::erasmus, "Erasmus code, 'PL WARSZAW01'.")
        .field("schac", &Identifiers::schac, "SCHAC / EWP HEI id, a domain such as 'uw.edu.pl'.")
        .field("pic", &Identifiers::pic, "EU Participant Identification Code, 9 digits.")
        .field("wikidata", &Identifiers::wikidata, "Wikidata item, 'Q12345'.")
        .finish(
            [](const Identifiers& i) {
                std::string parts;
                for (const auto& [k, v] : {std::pair{"ror", &i.ror}, {"erasmus", &i.erasmus}, {"schac", &i.schac},
                                           {"pic", &i.pic}, {"wikidata", &i.wikidata}})
                    if (!v->empty()) parts += fmt::format(" {}={}", k, quoted(*v));
                return fmt::format("<Identifiers{}>", parts.empty() ? " (none)" : parts);
            },
            equal<Identifiers>);

    auto year = ValueClass<AcademicYear>(m, "AcademicYear", "An academic year as EWP writes it: '2025/2026' has start_year 2025.");
    year.field("start_year", &AcademicYear::start_year, "2025 for '2025/2026'.")
        .finish([](const AcademicYear& y) { return fmt::format("<AcademicYear {}>", y.to_string()); }, equal<AcademicYear>)
        .def_static(
            "parse", [](py::object text) { return AcademicYear::parse(from_py<std::string>(text, "academic year")); },
            py::arg("text"), "Parses 'YYYY/YYYY+1'; ValidationError otherwise.")
        .def("__str__", &AcademicYear::to_string)
        .def("to_string", &AcademicYear::to_string, "'2025/2026'.")
        .def("__lt__", [](const AcademicYear& a, const AcademicYear& b) { return a < b; })
        .def("__le__", [](const AcademicYear& a, const AcademicYear& b) { return a <= b; })
        .def("__gt__", [](const AcademicYear& a, const AcademicYear& b) { return a > b; })
        .def("__ge__", [](const AcademicYear& a, const AcademicYear& b) { return a >= b; });

    ValueClass<LanguageSkill>(m, "LanguageSkill", "A recommended language skill: ISO 639-1 language and CEFR level.")
        .field("language", &LanguageSkill::language, "ISO 639-1 code, 'en'.")
        .field("level", &LanguageSkill::level, "CefrLevel, A1 to C2.")
        .finish([](const LanguageSkill& l) { return fmt::format("<LanguageSkill {} {}>", l.language, to_string(l.level)); },
                equal<LanguageSkill>);

    ValueClass<MobilityQuota>(m, "MobilityQuota",
                              "One EWP cooperation condition: mobilities from a sending to a receiving institution.")
        .field("sending", &MobilityQuota::sending, "Sending institution id.")
        .field("receiving", &MobilityQuota::receiving, "Receiving institution id.")
        .field("sending_unit", &MobilityQuota::sending_unit, "Sending unit id or None.")
        .field("receiving_unit", &MobilityQuota::receiving_unit, "Receiving unit id or None.")
        .field("type", &MobilityQuota::type, "MobilityType.")
        .field("academic_years", &MobilityQuota::academic_years, "AcademicYear list ('2025/2026' strings are accepted).")
        .field("mobilities_per_year", &MobilityQuota::mobilities_per_year, "Mobilities per academic year.")
        .field("total_months_per_year", &MobilityQuota::total_months_per_year, "Student mobility only: total months per year, or None.")
        .field("total_days_per_year", &MobilityQuota::total_days_per_year, "Staff mobility only: total days per year, or None.")
        .field("subject_areas", &MobilityQuota::subject_areas, "ISCED-F 2013 codes, '0613'.")
        .field("eqf_levels", &MobilityQuota::eqf_levels, "EQF levels 1 to 8.")
        .field("language_skills", &MobilityQuota::language_skills, "LanguageSkill list.")
        .field("blended", &MobilityQuota::blended, "Blended mobility.")
        .finish(
            [](const MobilityQuota& q) {
                std::string years;
                for (const auto& y : q.academic_years) years += (years.empty() ? "" : ",") + y.to_string();
                return fmt::format("<MobilityQuota {}->{} {} {} x{}>", q.sending.value(), q.receiving.value(), to_string(q.type),
                                   years.empty() ? "-" : years, q.mobilities_per_year);
            },
            equal<MobilityQuota>);

    ValueClass<DocumentRef>(m, "DocumentRef", "A reference to a document kept elsewhere (never the file itself).")
        .field("title", &DocumentRef::title, "What the document is.")
        .field("location", &DocumentRef::location, "A path or URL.")
        .field("sha256", &DocumentRef::sha256, "64 hexadecimal characters, optional.")
        .finish([](const DocumentRef& d) { return fmt::format("<DocumentRef {} {}>", quoted(d.title), quoted(d.location)); },
                equal<DocumentRef>);

    ValueClass<Party>(m, "Party", "One signatory side of an agreement.")
        .field("institution", &Party::institution, "Institution id.")
        .field("unit", &Party::unit, "Unit id narrowing the party, or None.")
        .field("signed_on", &Party::signed_on, "datetime.date of the signature, or None.")
        .field("signatory", &Party::signatory, "Name and title of the person who signs.")
        .finish(
            [](const Party& p) {
                std::string out = fmt::format("<Party institution={}", p.institution.value());
                if (p.unit) out += fmt::format(" unit={}", p.unit->value());
                out += p.signed_on ? " signed " + format_date(*p.signed_on) : std::string(" unsigned");
                if (!p.signatory.empty()) out += " by " + quoted(p.signatory);
                return out + ">";
            },
            equal<Party>);

    ValueClass<Transition>(m, "Transition", "A recorded lifecycle move of an agreement.")
        .field("from_", &Transition::from, "AgreementStatus before the move; None for the record made when it was added.")
        .field("to", &Transition::to, "AgreementStatus after the move.")
        .field("on", &Transition::on, "datetime.date of the move.")
        .field("actor", &Transition::actor, "Who made it.")
        .field("note", &Transition::note, "Free text.")
        .finish(
            [](const Transition& t) {
                return fmt::format("<Transition {}->{} {} by {}>", t.from ? std::string(to_string(*t.from)) : std::string("(new)"),
                                   to_string(t.to), t.on.ok() ? format_date(t.on) : std::string("?"), quoted(t.actor));
            },
            equal<Transition>);

    ValueClass<AuditEntry>(m, "AuditEntry", "One change recorded in the audit log.")
        .field("id", &AuditEntry::id, "Entry number.")
        .field("at", &AuditEntry::at, "UTC timestamp, '2026-11-29T17:09:13.123Z'.")
        .field("actor", &AuditEntry::actor, "Who made the change.")
        .field("entity", &AuditEntry::entity, "'institution', 'agreement', ...")
        .field("entity_id", &AuditEntry::entity_id, "Id of the changed entity.")
        .field("action", &AuditEntry::action, "'add', 'update', 'transition', ...")
        .field("before", &AuditEntry::before, "JSON before the change; '' for 'add'.")
        .field("after", &AuditEntry::after, "JSON after the change.")
        .finish(
            [](const AuditEntry& e) {
                return fmt::format("<AuditEntry {} {} {} {} {} {}>", e.id, e.at, quoted(e.actor), e.action, e.entity, e.entity_id);
            },
            equal<AuditEntry>);

    ValueClass<CountryRecord>(m, "Country", "An ISO 3166-1 country with its UN M49 region.")
        .field("code", &CountryRecord::code, "ISO 3166-1 alpha-2, upper case.")
        .field("name", &CountryRecord::name, "English short name.")
        .field("region", &CountryRecord::region, "WorldRegion.")
        .field("subregion", &CountryRecord::subregion, "UN M49 sub-region, 'Western Asia'.")
        .field("arab_world", &CountryRecord::arab_world, "Member of the League of Arab States.")
        .field("mena", &CountryRecord::mena, "Middle East and North Africa (World Bank).")
        .finish(
            [](const CountryRecord& c) {
                return fmt::format("<Country {} {} {} {}>", c.code, quoted(c.name), to_string(c.region), quoted(c.subregion));
            },
            equal<CountryRecord>);

    m.def(
        "country", [](py::object code) { return CountryRecord::from(country(from_py<std::string>(code, "country"))); },
        py::arg("code"), "The country with this ISO 3166-1 alpha-2 code ('PS'); ValidationError for an unknown code.");
    m.def(
        "find_country",
        [](py::object code) -> py::object {
            const Country* c = find_country(from_py<std::string>(code, "country"));
            return c ? py::cast(CountryRecord::from(*c)) : py::none();
        },
        py::arg("code"), "The country with this code, or None.");
    m.def(
        "countries",
        [](py::object region) {
            const auto r = from_py<std::optional<WorldRegion>>(region, "region");
            std::vector<CountryRecord> out;
            for (const auto& c : all_countries())
                if (!r || c.region == *r) out.push_back(CountryRecord::from(c));
            return to_py(out);
        },
        py::arg("region") = py::none(), "Every assigned country, sorted by code; only those of `region` when given.");
    m.def(
        "default_regional_countries",
        [](py::object home) { return to_py(default_regional_countries(from_py<std::string>(home, "home_country"))); },
        py::arg("home_country"),
        "The default regional set for a home country: the Arab world and MENA when it belongs to either, "
        "otherwise its UN M49 sub-region.");
    m.def(
        "fold_for_search", [](py::object text) { return to_py(fold_for_search(from_py<std::string>(text, "text"))); },
        py::arg("text"), "Folds case, accents and Arabic letter variants for searching.");
    m.def(
        "normalize_ror_id", [](py::object ror) { return to_py(normalize_ror_id(from_py<std::string>(ror, "ror"))); },
        py::arg("ror"), "The canonical 'https://ror.org/0...' form; ValidationError for a bad id or checksum.");
    m.def(
        "is_valid_ror_id", [](py::object ror) { return is_valid_ror_id(from_py<std::string>(ror, "ror")); }, py::arg("ror"),
        "True for a canonical ROR id with a valid checksum.");
    m.def(
        "next_states", [](py::object status) { return to_py(next_states(from_py<AgreementStatus>(status, "status"))); },
        py::arg("status"), "The agreement states reachable in one move from `status`.");
    m.def(
        "is_legal_transition",
        [](py::object from, py::object to) {
            return is_legal_transition(from_py<AgreementStatus>(from, "from_"), from_py<AgreementStatus>(to, "to"));
        },
        py::arg("from_"), py::arg("to"), "Whether the lifecycle allows the move.");
    m.def(
        "is_final", [](py::object status) { return is_final(from_py<AgreementStatus>(status, "status")); }, py::arg("status"),
        "True for states without a way out (renewed, terminated).");
    m.def(
        "parse_date", [](py::object text) { return to_py(parse_date(from_py<std::string>(text, "date"))); }, py::arg("text"),
        "Parses 'YYYY-MM-DD' into a datetime.date; ValidationError for impossible dates such as 2025-02-30.");
}

} // namespace iro::python
