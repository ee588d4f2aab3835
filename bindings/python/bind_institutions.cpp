// Institution, OrgUnit and Contact, and the office's collections of them.

#include "bind.hpp"
#include "office.hpp"
#include "value_class.hpp"

#include <fmt/format.h>

namespace iro::python {

namespace {

std::string quoted(const std::string& s) {
    return fmt::format("'{}'", s);
}

std::string id_text(std::int64_t id) {
    return id > 0 ? std::to_string(id) : std::string("(new)");
}

// Every institution, the home one included: what len() and iteration see.
InstitutionFilter everything() {
    InstitutionFilter f;
    f.include_home = true;
    return f;
}

std::vector<OrgUnit> all_units(Store& s) {
    std::vector<OrgUnit> out;
    for (const auto& i : s.institutions().find(everything())) {
        auto units = s.units().of(i.id);
        out.insert(out.end(), units.begin(), units.end());
    }
    return out;
}

std::vector<Contact> all_contacts(Store& s) {
    std::vector<Contact> out;
    for (const auto& i : s.institutions().find(everything())) {
        auto contacts = s.contacts().of(i.id);
        out.insert(out.end(), contacts.begin(), contacts.end());
    }
    return out;
}

void bind_institution_class(py::module_& m) {
    using B = Stored<Institution>;
    ValueClass<B>(m, "Institution", "The home institution or a partner: a university, institute, centre, body or company.")
        .field("id", &Institution::id, "Set by the office; 0 until stored.")
        .field("type", &Institution::type, "InstitutionType.")
        .field("names", &Institution::names, "Name list, exactly one of kind display (a copy: assign a new list to change it).")
        .field("country", &Institution::country, "ISO 3166-1 alpha-2 code, 'JO'.")
        .field("city", &Institution::city, "City.")
        .field("website", &Institution::website, "http(s) URL, optional.")
        .field("identifiers", &Institution::identifiers, "Identifiers (ror, erasmus, schac, pic, wikidata), changed in place.")
        .field("status", &Institution::status, "InstitutionStatus.")
        .field("successor", &Institution::successor, "Id of the institution this one merged into, or None.")
        .field("is_home", &Institution::is_home, "True for the home institution.")
        .keyword("name",
                 [](B& i, py::handle v) {
                     i.names.insert(i.names.begin(), Name{from_py<std::string>(v, "name"), "", NameKind::Display});
                 })
        .keyword("ror", [](B& i, py::handle v) { i.identifiers.ror = from_py<std::string>(v, "ror"); })
        .keyword("erasmus", [](B& i, py::handle v) { i.identifiers.erasmus = from_py<std::string>(v, "erasmus"); })
        .keyword("schac", [](B& i, py::handle v) { i.identifiers.schac = from_py<std::string>(v, "schac"); })
        .keyword("pic", [](B& i, py::handle v) { i.identifiers.pic = from_py<std::string>(v, "pic"); })
        .keyword("wikidata", [](B& i, py::handle v) { i.identifiers.wikidata = from_py<std::string>(v, "wikidata"); })
        .finish(
            [](const B& i) {
                return fmt::format("<Institution {} {} {} {} {}{}>", id_text(i.id.value()), quoted(i.display_name()),
                                   to_string(i.type), i.country.empty() ? "--" : i.country, to_string(i.status),
                                   i.is_home ? " home" : "");
            },
            [](const B& a, const B& b) { return static_cast<const Institution&>(a) == static_cast<const Institution&>(b); })
        .def_property_readonly(
            "display_name", [](const B& i) { return to_py(i.display_name()); },
            "The display name, or the first name when none is marked display.");
}

void bind_unit_class(py::module_& m) {
    using B = Stored<OrgUnit>;
    ValueClass<B>(m, "OrgUnit", "An organisational unit: faculty, department, scientific centre or office.")
        .field("id", &OrgUnit::id, "Set by the office; 0 until stored.")
        .field("institution", &OrgUnit::institution, "Id of the institution it belongs to.")
        .field("parent", &OrgUnit::parent, "Id of the parent unit (same institution), or None.")
        .field("kind", &OrgUnit::kind, "UnitKind.")
        .field("name", &OrgUnit::name, "Name.")
        .field("code", &OrgUnit::code, "The institution's own short code, optional.")
        .finish(
            [](const B& u) {
                return fmt::format("<OrgUnit {} {} {} of institution {}>", id_text(u.id.value()), quoted(u.name), to_string(u.kind),
                                   u.institution.value());
            },
            [](const B& a, const B& b) { return static_cast<const OrgUnit&>(a) == static_cast<const OrgUnit&>(b); });
}

void bind_contact_class(py::module_& m) {
    using B = Stored<Contact>;
    ValueClass<B>(m, "Contact", "A person to write to at an institution or one of its units.")
        .field("id", &Contact::id, "Set by the office; 0 until stored.")
        .field("institution", &Contact::institution, "Institution id.")
        .field("unit", &Contact::unit, "Unit id (of that institution), or None.")
        .field("name", &Contact::name, "Name.")
        .field("role", &Contact::role, "Role, 'International Relations Officer'.")
        .field("email", &Contact::email, "E-mail, optional.")
        .field("phone", &Contact::phone, "Phone, free form, optional.")
        .finish(
            [](const B& c) {
                return fmt::format("<Contact {} {}{} of institution {}>", id_text(c.id.value()), quoted(c.name),
                                   c.role.empty() ? "" : " " + quoted(c.role), c.institution.value());
            },
            [](const B& a, const B& b) { return static_cast<const Contact&>(a) == static_cast<const Contact&>(b); });
}

// An id argument: an int or the matching object, which must come from this office.
template <class IdType>
IdType id_arg(const OfficeCore& core, py::handle h, const char* field) {
    core.check_origin(h);
    return from_py<IdType>(h, field);
}

template <class T>
T object_arg(const OfficeCore& core, py::handle h, const char* field) {
    core.check_origin(h);
    return from_py<T>(h, field);
}

std::string view_repr(const char* what, const OfficeCore& core) {
    return fmt::format("<iro.{} of {}>", what, quoted(core.path()));
}

void bind_institutions_view(py::module_& m) {
    py::class_<InstitutionsView>(m, "Institutions", "The office's institutions: the home institution and the partner registry.")
        .def(refused_constructor<InstitutionsView>("Institutions", "office.institutions"))
        .def(
            "add",
            [](InstitutionsView& v, py::object institution, py::kwargs fields) {
                auto value = value_from_call<Institution>(*v.core, institution, fields, "institution");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.institutions().get(s.institutions().add(value)); }));
            },
            py::arg("institution") = py::none(), py::pos_only(),
            "Validates and stores an institution, given as an Institution or as keyword fields (Institution's constructor "
            "keywords, e.g. name=..., country=..., ror=...). Returns the stored Institution.")
        .def(
            "add_many",
            [](InstitutionsView& v, py::object institutions) {
                auto values = object_arg<std::vector<Institution>>(*v.core, institutions, "institutions");
                return to_py(v.core->run([&](Store& s) { return s.institutions().add_many(std::move(values)); }));
            },
            py::arg("institutions"), "Stores many institutions in one transaction (all or nothing); returns their ids.")
        .def(
            "update",
            [](InstitutionsView& v, py::object institution) {
                auto value = object_arg<Institution>(*v.core, institution, "institution");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.institutions().update(value);
                    return s.institutions().get(value.id);
                }));
            },
            py::arg("institution"), "Replaces every field but the id; returns the stored Institution.")
        .def(
            "merge_into",
            [](InstitutionsView& v, py::object merged, py::object successor) {
                const auto a = id_arg<InstitutionId>(*v.core, merged, "merged");
                const auto b = id_arg<InstitutionId>(*v.core, successor, "successor");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.institutions().merge_into(a, b);
                    return s.institutions().get(a);
                }));
            },
            py::arg("merged"), py::arg("successor"), "Marks `merged` as merged into `successor`; returns the merged Institution.")
        .def(
            "get",
            [](InstitutionsView& v, py::object id) {
                const auto key = id_arg<InstitutionId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.institutions().get(key); }));
            },
            py::arg("id"), "The institution with this id (an int or an Institution); NotFoundError otherwise.")
        .def(
            "find_by_ror",
            [](InstitutionsView& v, py::object ror) -> py::object {
                const auto key = from_py<std::string>(ror, "ror");
                auto found = v.core->run([&](Store& s) { return s.institutions().find_by_ror(key); });
                return found ? v.core->to_py_stored(std::move(*found)) : py::none();
            },
            py::arg("ror"), "The institution with this ROR id (any accepted spelling), or None.")
        .def(
            "home", [](InstitutionsView& v) { return v.core->to_py_stored(v.core->run([](Store& s) { return s.institutions().home(); })); },
            "The home institution; NotFoundError when none is set.")
        .def(
            "has_home", [](InstitutionsView& v) { return v.core->run([](Store& s) { return s.institutions().has_home(); }); },
            "Whether a home institution is set.")
        .def(
            "find",
            [](InstitutionsView& v, py::kwargs filters) {
                const auto f = institution_filter(*v.core, filters);
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.institutions().find(f); }));
            },
            "Institutions matching the filters type, status, country, region, scope (relative to home) and include_home "
            "(default False: partners only).")
        .def(
            "count",
            [](InstitutionsView& v, py::kwargs filters) {
                const auto f = institution_filter(*v.core, filters);
                return v.core->run([&](Store& s) { return s.institutions().count(f); });
            },
            "How many institutions find() would return for the same filters.")
        .def(
            "search",
            [](InstitutionsView& v, py::object text, py::object limit) {
                const auto t = from_py<std::string>(text, "text");
                const auto n = from_py<int>(limit, "limit");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.institutions().search(t, n); }));
            },
            py::arg("text"), py::arg("limit") = 50,
            "Name search across languages and scripts (case, accents and Arabic letter variants folded); best first.")
        .def(
            "scope_of",
            [](InstitutionsView& v, py::object institution) {
                v.core->check_origin(institution);
                if (py::isinstance<Stored<Institution>>(institution)) {
                    const auto value = from_py<Institution>(institution, "institution");
                    return to_py(v.core->run([&](Store& s) { return s.institutions().scope_of(value); }));
                }
                const auto id = from_py<InstitutionId>(institution, "institution");
                return to_py(v.core->run([&](Store& s) { return s.institutions().scope_of(s.institutions().get(id)); }));
            },
            py::arg("institution"), "Scope of an institution (or id) relative to the home institution.")
        .def(
            "__len__",
            [](InstitutionsView& v) {
                return v.core->run([](Store& s) { return static_cast<std::size_t>(s.institutions().count(everything())); });
            },
            "Every stored institution, the home institution included.")
        .def(
            "__iter__",
            [](InstitutionsView& v) {
                return py::iter(v.core->to_py_stored(v.core->run([](Store& s) { return s.institutions().find(everything()); })));
            },
            "Iterates over every stored institution, the home institution included.")
        .def("__repr__", [](InstitutionsView& v) { return view_repr("Institutions", *v.core); });
}

void bind_units_view(py::module_& m) {
    py::class_<UnitsView>(m, "OrgUnits", "The organisational units of every institution.")
        .def(refused_constructor<UnitsView>("OrgUnits", "office.units"))
        .def(
            "add",
            [](UnitsView& v, py::object unit, py::kwargs fields) {
                auto value = value_from_call<OrgUnit>(*v.core, unit, fields, "unit");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.units().get(s.units().add(value)); }));
            },
            py::arg("unit") = py::none(), py::pos_only(),
            "Stores a unit, given as an OrgUnit or as keyword fields (institution=..., name=..., kind=..., parent=...). "
            "Returns the stored OrgUnit.")
        .def(
            "update",
            [](UnitsView& v, py::object unit) {
                auto value = object_arg<OrgUnit>(*v.core, unit, "unit");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.units().update(value);
                    return s.units().get(value.id);
                }));
            },
            py::arg("unit"), "Replaces parent, kind, name and code; a unit cannot become its own ancestor.")
        .def(
            "get",
            [](UnitsView& v, py::object id) {
                const auto key = id_arg<UnitId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.units().get(key); }));
            },
            py::arg("id"), "The unit with this id; NotFoundError otherwise.")
        .def(
            "of",
            [](UnitsView& v, py::object institution) {
                const auto key = id_arg<InstitutionId>(*v.core, institution, "institution");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.units().of(key); }));
            },
            py::arg("institution"), "Every unit of an institution, parents before children.")
        .def(
            "children",
            [](UnitsView& v, py::object parent) {
                const auto key = id_arg<UnitId>(*v.core, parent, "parent");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.units().children(key); }));
            },
            py::arg("parent"), "The direct children of a unit.")
        .def(
            "__len__", [](UnitsView& v) { return v.core->run([](Store& s) { return all_units(s).size(); }); },
            "Units of every institution.")
        .def(
            "__iter__", [](UnitsView& v) { return py::iter(v.core->to_py_stored(v.core->run([](Store& s) { return all_units(s); }))); },
            "Iterates over the units of every institution.")
        .def("__repr__", [](UnitsView& v) { return view_repr("OrgUnits", *v.core); });
}

void bind_contacts_view(py::module_& m) {
    py::class_<ContactsView>(m, "Contacts", "The contacts of every institution.")
        .def(refused_constructor<ContactsView>("Contacts", "office.contacts"))
        .def(
            "add",
            [](ContactsView& v, py::object contact, py::kwargs fields) {
                auto value = value_from_call<Contact>(*v.core, contact, fields, "contact");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.contacts().get(s.contacts().add(value)); }));
            },
            py::arg("contact") = py::none(), py::pos_only(),
            "Stores a contact, given as a Contact or as keyword fields (institution=..., name=..., role=..., email=...). "
            "Returns the stored Contact.")
        .def(
            "update",
            [](ContactsView& v, py::object contact) {
                auto value = object_arg<Contact>(*v.core, contact, "contact");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.contacts().update(value);
                    return s.contacts().get(value.id);
                }));
            },
            py::arg("contact"), "Replaces unit, name, role, email and phone.")
        .def(
            "remove",
            [](ContactsView& v, py::object id) {
                const auto key = id_arg<ContactId>(*v.core, id, "id");
                v.core->run([&](Store& s) { s.contacts().remove(key); });
            },
            py::arg("id"), "Deletes a contact (the audit log keeps what it was).")
        .def(
            "get",
            [](ContactsView& v, py::object id) {
                const auto key = id_arg<ContactId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.contacts().get(key); }));
            },
            py::arg("id"), "The contact with this id; NotFoundError otherwise.")
        .def(
            "of",
            [](ContactsView& v, py::object institution) {
                const auto key = id_arg<InstitutionId>(*v.core, institution, "institution");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.contacts().of(key); }));
            },
            py::arg("institution"), "Every contact of an institution.")
        .def(
            "__len__", [](ContactsView& v) { return v.core->run([](Store& s) { return all_contacts(s).size(); }); },
            "Contacts of every institution.")
        .def(
            "__iter__",
            [](ContactsView& v) { return py::iter(v.core->to_py_stored(v.core->run([](Store& s) { return all_contacts(s); }))); },
            "Iterates over the contacts of every institution.")
        .def("__repr__", [](ContactsView& v) { return view_repr("Contacts", *v.core); });
}

} // namespace

InstitutionFilter institution_filter(const OfficeCore& core, const py::kwargs& kwargs) {
    check_keywords(kwargs, {"type", "status", "country", "region", "scope", "include_home"}, "the institution filters");
    core.check_origin(kwargs);
    InstitutionFilter f;
    f.type = from_py<std::optional<InstitutionType>>(keyword(kwargs, "type"), "type");
    f.status = from_py<std::optional<InstitutionStatus>>(keyword(kwargs, "status"), "status");
    f.country = from_py<std::optional<std::string>>(keyword(kwargs, "country"), "country");
    f.region = from_py<std::optional<WorldRegion>>(keyword(kwargs, "region"), "region");
    f.scope = from_py<std::optional<Scope>>(keyword(kwargs, "scope"), "scope");
    f.include_home = from_py<std::optional<bool>>(keyword(kwargs, "include_home"), "include_home").value_or(false);
    return f;
}

void bind_institutions(py::module_& m) {
    bind_institution_class(m);
    bind_unit_class(m);
    bind_contact_class(m);
    bind_institutions_view(m);
    bind_units_view(m);
    bind_contacts_view(m);
}

} // namespace iro::python
