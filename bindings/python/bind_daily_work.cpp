// The office's daily work: cooperation activities, people and their visits, programs with
// their calls and applications, and the scientific centres; their enums, value classes and
// collections (office.activities, .people, .visits, .programs, .calls, .applications,
// .centres). Their DataFrames are in bind_daily_work_frames.cpp.

#include "bind.hpp"
#include "daily_work.hpp"
#include "enums.hpp"
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

std::string date_text(Date d) {
    return d.ok() ? format_date(d) : std::string("?");
}

std::string list_text(const std::vector<std::string>& items) {
    return items.empty() ? std::string("-") : joined(items, ",");
}

template <class IdType>
std::string ids_text(const std::vector<IdType>& ids) {
    std::vector<std::string> parts;
    for (auto id : ids) parts.push_back(std::to_string(id.value()));
    return list_text(parts);
}

template <class E>
std::string enums_text(const std::vector<E>& values) {
    std::vector<std::string> parts;
    for (auto v : values) parts.emplace_back(to_string(v));
    return list_text(parts);
}

template <class T>
bool equal(const T& a, const T& b) {
    return a == b;
}

template <class T>
bool stored_equal(const Stored<T>& a, const Stored<T>& b) {
    return static_cast<const T&>(a) == static_cast<const T&>(b);
}

template <class T>
T object_arg(const OfficeCore& core, py::handle h, const char* field) {
    core.check_origin(h);
    return from_py<T>(h, field);
}

std::string view_repr(const char* what, const OfficeCore& core) {
    return fmt::format("<iro.{} of {}>", what, quoted(core.path()));
}

// Removes keyword `name` from `fields` and returns it (None when absent).
py::object take_keyword(py::kwargs& fields, const char* name) {
    py::object value = keyword(fields, name);
    if (fields.contains(name)) PyDict_DelItemString(fields.ptr(), name);
    return value;
}

// ---------------------------------------------------------------- enums and small values

void bind_daily_enums(py::module_& m) {
    bind_enum<ActivityType>(m, "ActivityType", "The kind of a cooperation activity.");
    bind_enum<ActivityGrouping>(m, "ActivityGrouping", "How office.activities.count_by() groups activities.");
    bind_enum<PersonRole>(m, "PersonRole", "A person's role: faculty, researcher, student, administrative staff, visiting professor.");
    bind_enum<VisitDirection>(m, "VisitDirection", "Incoming (to the home institution) or outgoing (from it).");
    bind_enum<VisitPurpose>(m, "VisitPurpose", "What a visit is for.");
    bind_enum<VisitStatus>(m, "VisitStatus",
                           "The lifecycle of a visit: planned -> confirmed -> ongoing -> completed; cancelled before completion.");
    bind_enum<ProgramKind>(m, "ProgramKind", "The kind of a program.");
    bind_enum<Audience>(m, "Audience", "Who a program is for: students by level, faculty, administrative staff.");
    bind_enum<ApplicationStatus>(m, "ApplicationStatus",
                                 "The lifecycle of an application: draft -> submitted -> nominated -> accepted -> completed; "
                                 "rejected after submission or nomination; withdrawn before completion.");
    bind_enum<ExpertiseMatch::Kind>(m, "ExpertiseMatchKind", "What an expertise match is: a partner centre or a person.");
}

void bind_small_values(py::module_& m) {
    ValueClass<Money>(m, "Money", "An amount of money in an ISO 4217 currency.")
        .field("amount", &Money::amount, "In the currency's major unit (euros, dollars, dinars); 0 or more.")
        .field("currency", &Money::currency, "ISO 4217 code, upper case: 'EUR', 'USD', 'JOD', 'ILS'.")
        .finish([](const Money& x) { return fmt::format("<Money {} {}>", x.amount, x.currency.empty() ? "?" : x.currency); },
                equal<Money>);

    ValueClass<Expertise>(m, "Expertise", "Fields of expertise: ISCED-F 2013 codes and free keywords.")
        .field("isced_codes", &Expertise::isced_codes, "ISCED-F 2013 codes of 2 to 4 digits, '0613' (a copy: assign a new list).")
        .field("keywords", &Expertise::keywords, "Free keywords, 'solar energy' (a copy: assign a new list).")
        .finish(
            [](const Expertise& e) {
                std::vector<std::string> words;
                for (const auto& k : e.keywords) words.push_back(quoted(k));
                return fmt::format("<Expertise isced={} keywords={}>", list_text(e.isced_codes), list_text(words));
            },
            equal<Expertise>)
        .def("__bool__", [](const Expertise& e) { return !e.empty(); }, "False when there are no codes and no keywords.");

    ValueClass<ApplicationTransition>(m, "ApplicationTransition", "A recorded lifecycle move of an application.")
        .field("from_", &ApplicationTransition::from, "ApplicationStatus before the move; None for the record made when it was added.")
        .field("to", &ApplicationTransition::to, "ApplicationStatus after the move.")
        .field("on", &ApplicationTransition::on, "datetime.date of the move.")
        .field("actor", &ApplicationTransition::actor, "Who made it.")
        .field("note", &ApplicationTransition::note, "Free text.")
        .finish(
            [](const ApplicationTransition& t) {
                return fmt::format("<ApplicationTransition {}->{} {} by {}>",
                                   t.from ? std::string(to_string(*t.from)) : std::string("(new)"), to_string(t.to), date_text(t.on),
                                   quoted(t.actor));
            },
            equal<ApplicationTransition>);

    ValueClass<CentreLink>(m, "CentreLink", "A link between a home scientific centre and a partner's centre.")
        .field("home_centre", &CentreLink::home_centre, "Unit id of the home centre.")
        .field("partner_centre", &CentreLink::partner_centre, "Unit id of the partner's centre.")
        .field("note", &CentreLink::note, "Free text.")
        .finish(
            [](const CentreLink& l) {
                return fmt::format("<CentreLink {} <-> {}{}>", l.home_centre.value(), l.partner_centre.value(),
                                   l.note.empty() ? "" : " " + quoted(l.note));
            },
            equal<CentreLink>);

    ValueClass<ExpertiseMatch>(m, "ExpertiseMatch", "A partner centre or person whose expertise overlaps a home centre's.")
        .field("kind", &ExpertiseMatch::kind, "ExpertiseMatchKind: centre or person.")
        .field("id", &ExpertiseMatch::id, "The unit id (a centre) or the person id, by kind.")
        .field("name", &ExpertiseMatch::name, "The centre's name or the person's full name.")
        .field("institution", &ExpertiseMatch::institution, "Id of the partner institution.")
        .field("institution_name", &ExpertiseMatch::institution_name, "Its display name.")
        .field("score", &ExpertiseMatch::score, "1.0 when everything matched exactly (see Centres.match).")
        .field("reasons", &ExpertiseMatch::reasons, "Why it matched: 'same ISCED field 0613', \"keyword 'solar energy'\".")
        .finish(
            [](const ExpertiseMatch& x) {
                return fmt::format("<ExpertiseMatch {} {} {} of {} score {:.3g}>", to_string(x.kind), x.id, quoted(x.name),
                                   quoted(x.institution_name), x.score);
            },
            equal<ExpertiseMatch>);
}

// ---------------------------------------------------------------- stored value classes

void bind_activity_class(py::module_& m) {
    using B = Stored<Activity>;
    ValueClass<B>(m, "Activity", "A cooperation activity: a joint project, publication, event or course with partners.")
        .field("id", &Activity::id, "Set by the office; 0 until stored.")
        .field("type", &Activity::type, "ActivityType.")
        .field("title", &Activity::title, "Title.")
        .field("partners", &Activity::partners, "Partner institution ids, at least one (Institutions are accepted).")
        .field("agreement", &Activity::agreement, "Id of the agreement it was done under, or None.")
        .field("area", &Activity::area, "Area of cooperation.")
        .field("start", &Activity::start, "datetime.date it started; None until set.")
        .field("end", &Activity::end, "datetime.date it ended, or None for a one-day activity.")
        .field("home_units", &Activity::home_units, "Ids of the home institution's units involved.")
        .field("people", &Activity::people, "Ids of the people involved.")
        .field("outcome", &Activity::outcome, "What came of it, in words.")
        .field("publications", &Activity::publications, "Publications that came of it.")
        .field("participants", &Activity::participants, "Participants.")
        .field("funds", &Activity::funds, "Money list: funding obtained, one entry per currency (a copy).")
        .field("evidence", &Activity::evidence, "DocumentRef list (a copy).")
        .finish(
            [](const B& a) {
                return fmt::format("<Activity {} {} {} {} partners {}>", id_text(a.id.value()), quoted(a.title), to_string(a.type),
                                   date_text(a.start), ids_text(a.partners));
            },
            stored_equal<Activity>);
}

void bind_person_class(py::module_& m) {
    using B = Stored<Person>;
    ValueClass<B>(m, "Person", "Someone the office deals with; personal data is kept to a minimum and can be erased.")
        .field("id", &Person::id, "Set by the office; 0 until stored.")
        .field("given_name", &Person::given_name, "Given name.")
        .field("family_name", &Person::family_name, "Family name; an anonymous token once erased.")
        .field("role", &Person::role, "PersonRole.")
        .field("affiliation", &Person::affiliation, "Id of the institution the person belongs to, or None.")
        .field("unit", &Person::unit, "Id of a unit of the affiliation, or None.")
        .field("nationality", &Person::nationality, "ISO 3166-1 alpha-2 code, optional.")
        .field("email", &Person::email, "E-mail, optional.")
        .field("expertise", &Person::expertise, "Expertise (isced_codes, keywords), changed in place.")
        .field("erased", &Person::erased, "Set by office.people.erase(); an erased person cannot be edited.")
        .finish(
            [](const B& p) {
                std::string where = p.affiliation ? fmt::format(" of institution {}", p.affiliation->value()) : std::string();
                return fmt::format("<Person {} {} {}{}{}>", id_text(p.id.value()), quoted(p.full_name()), to_string(p.role), where,
                                   p.erased ? " (erased)" : "");
            },
            stored_equal<Person>)
        .def_property_readonly("full_name", [](const B& p) { return to_py(p.full_name()); }, "Given and family name.");
}

void bind_visit_class(py::module_& m) {
    using B = Stored<Visit>;
    ValueClass<B>(m, "Visit", "A visit or mobility: a visitor coming in, or staff and students going out.")
        .field("id", &Visit::id, "Set by the office; 0 until stored.")
        .field("person", &Visit::person, "Id of the person visiting.")
        .field("direction", &Visit::direction, "VisitDirection: incoming (host is the home institution) or outgoing.")
        .field("purpose", &Visit::purpose, "VisitPurpose.")
        .field("home_institution", &Visit::home_institution, "Id of the institution the visitor comes from.")
        .field("host_institution", &Visit::host_institution, "Id of the institution where the visit takes place.")
        .field("home_unit", &Visit::home_unit, "Unit id at the home side, or None.")
        .field("host_unit", &Visit::host_unit, "Unit id at the host side, or None.")
        .field("start", &Visit::start, "First day; None until set.")
        .field("end", &Visit::end, "Last day (inclusive); None until set.")
        .field("agreement", &Visit::agreement, "Id of the agreement that funds it, or None.")
        .field("program", &Visit::program, "Id of the program that funds it, or None.")
        .field("mobility_type", &Visit::mobility_type,
               "MobilityType it counts as against the agreement's quotas; required with an agreement.")
        .field("status", &Visit::status, "VisitStatus; changed only by office.visits.transition().")
        .field("lectures", &Visit::lectures, "Lectures given.")
        .field("teaching_hours", &Visit::teaching_hours, "Hours taught.")
        .field("seminars", &Visit::seminars, "Seminars given.")
        .field("note", &Visit::note, "Free text; transition notes are appended.")
        .finish(
            [](const B& v) {
                return fmt::format("<Visit {} {} {} person {} {}..{} {}>", id_text(v.id.value()), to_string(v.direction),
                                   to_string(v.purpose), v.person.value(), date_text(v.start), date_text(v.end), to_string(v.status));
            },
            stored_equal<Visit>)
        .def_property_readonly(
            "academic_year",
            [](const B& v) -> py::object { return v.start.ok() ? to_py(v.academic_year()) : py::none(); },
            "The AcademicYear the visit starts in (years start on 1 September); None while start is not set.");
}

void bind_program_classes(py::module_& m) {
    ValueClass<Stored<Program>>(m, "Program",
                                "A program for students or staff: exchange, scholarship, training abroad, research funding...")
        .field("id", &Program::id, "Set by the office; 0 until stored.")
        .field("name", &Program::name, "Name.")
        .field("kind", &Program::kind, "ProgramKind.")
        .field("provider", &Program::provider, "Id of the partner or funder offering it, or None.")
        .field("agreement", &Program::agreement, "Id of the agreement it runs under, or None.")
        .field("audiences", &Program::audiences, "Audience list, at least one, no repeats.")
        .field("eligibility", &Program::eligibility, "Who may apply, in words.")
        .field("website", &Program::website, "http(s) URL, optional.")
        .finish(
            [](const Stored<Program>& p) {
                return fmt::format("<Program {} {} {} for {}>", id_text(p.id.value()), quoted(p.name), to_string(p.kind),
                                   enums_text(p.audiences));
            },
            stored_equal<Program>);

    ValueClass<Stored<Call>>(m, "Call", "A call for applications to a program, with its deadline.")
        .field("id", &Call::id, "Set by the office; 0 until stored.")
        .field("program", &Call::program, "Id of the program.")
        .field("title", &Call::title, "Title.")
        .field("opens_on", &Call::opens_on, "First day applications are accepted; None until set.")
        .field("deadline", &Call::deadline, "Last day applications are accepted; None until set.")
        .field("places", &Call::places, "Places offered; 0 when not fixed.")
        .field("funding", &Call::funding, "Money per place, or None.")
        .field("eligibility", &Call::eligibility, "Who may apply, in words.")
        .finish(
            [](const Stored<Call>& c) {
                return fmt::format("<Call {} {} program {} {}..{}{}{}>", id_text(c.id.value()), quoted(c.title), c.program.value(),
                                   date_text(c.opens_on), date_text(c.deadline),
                                   c.places > 0 ? fmt::format(" places {}", c.places) : std::string(),
                                   c.funding ? fmt::format(" funding {} {}", c.funding->amount, c.funding->currency) : std::string());
            },
            stored_equal<Call>)
        .def(
            "is_open_on", [](const Stored<Call>& c, py::object on) { return c.is_open_on(from_py<Date>(on, "on")); }, py::arg("on"),
            "Whether applications are accepted on that date (opens_on <= on <= deadline).");

    ValueClass<Stored<Application>>(m, "Application", "An application or nomination of a person to a call.")
        .field("id", &Application::id, "Set by the office; 0 until stored.")
        .field("call", &Application::call, "Id of the call.")
        .field("applicant", &Application::applicant, "Id of the person applying.")
        .field("audience", &Application::audience, "Audience the applicant applies as; one of the program's.")
        .field("unit", &Application::unit, "Id of the applicant's home unit (of the home institution), or None.")
        .field("status", &Application::status, "ApplicationStatus; changed only by office.applications.transition().")
        .field("created_on", &Application::created_on, "datetime.date it was made; None until set.")
        .field("note", &Application::note, "Free text.")
        .finish(
            [](const Stored<Application>& a) {
                return fmt::format("<Application {} call {} applicant {} {} {}>", id_text(a.id.value()), a.call.value(),
                                   a.applicant.value(), to_string(a.audience), to_string(a.status));
            },
            stored_equal<Application>);
}

// ---------------------------------------------------------------- collections

std::vector<Activity> all_activities(Store& s) {
    return s.activities().find();
}

void bind_activities_view(py::module_& m) {
    py::class_<ActivitiesView>(m, "Activities", "The office's cooperation activities (office.activities).")
        .def(refused_constructor<ActivitiesView>("Activities", "office.activities"))
        .def(
            "add",
            [](ActivitiesView& v, py::object activity, py::kwargs fields) {
                auto value = value_from_call<Activity>(*v.core, activity, fields, "activity");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.activities().get(s.activities().add(value)); }));
            },
            py::arg("activity") = py::none(), py::pos_only(),
            "Validates and stores an activity, given as an Activity or as keyword fields (type=..., title=..., "
            "partners=[...], area=..., start=...). Returns the stored Activity.")
        .def(
            "add_many",
            [](ActivitiesView& v, py::object activities) {
                auto values = object_arg<std::vector<Activity>>(*v.core, activities, "activities");
                return to_py(v.core->run([&](Store& s) { return s.activities().add_many(std::move(values)); }));
            },
            py::arg("activities"), "Stores many activities in one transaction (all or nothing); returns their ids.")
        .def(
            "update",
            [](ActivitiesView& v, py::object activity) {
                auto value = object_arg<Activity>(*v.core, activity, "activity");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.activities().update(value);
                    return s.activities().get(value.id);
                }));
            },
            py::arg("activity"), "Replaces every field but the id; returns the stored Activity.")
        .def(
            "get",
            [](ActivitiesView& v, py::object id) {
                const auto key = id_arg<ActivityId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.activities().get(key); }));
            },
            py::arg("id"), "The activity with this id (an int or an Activity); NotFoundError otherwise.")
        .def(
            "find",
            [](ActivitiesView& v, py::kwargs filters) {
                const auto f = activity_filter(*v.core, filters);
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.activities().find(f); }));
            },
            "Activities matching the filters partner, agreement, area, type and year (of the start), by start date.")
        .def(
            "count",
            [](ActivitiesView& v, py::kwargs filters) {
                const auto f = activity_filter(*v.core, filters);
                return v.core->run([&](Store& s) { return s.activities().count(f); });
            },
            "How many activities find() would return for the same filters.")
        .def("__len__", [](ActivitiesView& v) { return v.core->run([](Store& s) { return s.activities().count(); }); })
        .def(
            "__iter__", [](ActivitiesView& v) { return py::iter(v.core->to_py_stored(v.core->run(all_activities))); },
            "Iterates over every activity, by start date.")
        .def("__repr__", [](ActivitiesView& v) { return view_repr("Activities", *v.core); });
}

std::vector<Person> all_people(Store& s) {
    return s.people().find();
}

void bind_people_view(py::module_& m) {
    py::class_<PeopleView>(m, "People", "The people the office deals with (office.people), erased ones included.")
        .def(refused_constructor<PeopleView>("People", "office.people"))
        .def(
            "add",
            [](PeopleView& v, py::object person, py::kwargs fields) {
                auto value = value_from_call<Person>(*v.core, person, fields, "person");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.people().get(s.people().add(value)); }));
            },
            py::arg("person") = py::none(), py::pos_only(),
            "Validates and stores a person, given as a Person or as keyword fields (given_name=..., family_name=..., "
            "role=..., affiliation=...). Returns the stored Person.")
        .def(
            "add_many",
            [](PeopleView& v, py::object people) {
                auto values = object_arg<std::vector<Person>>(*v.core, people, "people");
                return to_py(v.core->run([&](Store& s) { return s.people().add_many(std::move(values)); }));
            },
            py::arg("people"), "Stores many people in one transaction (all or nothing); returns their ids.")
        .def(
            "update",
            [](PeopleView& v, py::object person) {
                auto value = object_arg<Person>(*v.core, person, "person");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.people().update(value);
                    return s.people().get(value.id);
                }));
            },
            py::arg("person"), "Replaces every field but the id; an erased person cannot be edited (ConflictError).")
        .def(
            "get",
            [](PeopleView& v, py::object id) {
                const auto key = id_arg<PersonId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.people().get(key); }));
            },
            py::arg("id"), "The person with this id (an int or a Person); NotFoundError otherwise.")
        .def(
            "find",
            [](PeopleView& v, py::kwargs filters) {
                const auto f = person_filter(*v.core, filters);
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.people().find(f); }));
            },
            "People matching the filters role, affiliation, nationality and include_erased (default True), by id.")
        .def(
            "count",
            [](PeopleView& v, py::kwargs filters) {
                const auto f = person_filter(*v.core, filters);
                return v.core->run([&](Store& s) { return s.people().count(f); });
            },
            "How many people find() would return for the same filters.")
        .def(
            "erase",
            [](PeopleView& v, py::object id) {
                const auto key = id_arg<PersonId>(*v.core, id, "id");
                return to_py(v.core->run([&](Store& s) { return s.people().erase(key); }));
            },
            py::arg("id"),
            "Erases a person's personal data everywhere in the database, the audit log included: the names become an "
            "anonymous token, nationality, e-mail and expertise are cleared. Visits, applications and activities keep "
            "counting. Returns the token; ConflictError when already erased.")
        .def("__len__", [](PeopleView& v) { return v.core->run([](Store& s) { return s.people().count(); }); })
        .def(
            "__iter__", [](PeopleView& v) { return py::iter(v.core->to_py_stored(v.core->run(all_people))); },
            "Iterates over every person, by id.")
        .def("__repr__", [](PeopleView& v) { return view_repr("People", *v.core); });
}

std::vector<Visit> all_visits(Store& s) {
    return s.visits().find();
}

void bind_visits_view(py::module_& m) {
    py::class_<VisitsView>(m, "Visits", "Incoming and outgoing visits (office.visits).")
        .def(refused_constructor<VisitsView>("Visits", "office.visits"))
        .def(
            "add",
            [](VisitsView& v, py::object visit, py::kwargs fields) {
                py::object partner = take_keyword(fields, "partner");
                if (!partner.is_none()) {
                    if (!visit.is_none())
                        throw ArgumentTypeError("partner", text_of(partner), "either an iro.Visit or keyword fields, not both");
                    for (const char* side : {"home_institution", "host_institution"})
                        if (fields.contains(side))
                            throw ArgumentTypeError(side, text_of(fields[side]),
                                                    "either partner or home_institution/host_institution, not both");
                }
                const auto partner_id = optional_id_arg<InstitutionId>(*v.core, partner, "partner");
                auto value = value_from_call<Visit>(*v.core, visit, fields, "visit");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    if (partner_id) {
                        const auto home = s.institutions().home().id;
                        const bool incoming = value.direction == VisitDirection::Incoming;
                        value.home_institution = incoming ? *partner_id : home;
                        value.host_institution = incoming ? home : *partner_id;
                    }
                    return s.visits().get(s.visits().add(value));
                }));
            },
            py::arg("visit") = py::none(), py::pos_only(),
            "Validates and stores a visit, given as a Visit or as keyword fields. Keywords: Visit's fields, plus "
            "partner=<id or Institution> as a shortcut for home_institution and host_institution (the home institution "
            "is the host of an incoming visit and the home of an outgoing one). A confirmed, ongoing or completed visit "
            "may not overlap another such visit of the same person (ConflictError naming both). Returns the stored Visit.")
        .def(
            "add_many",
            [](VisitsView& v, py::object visits) {
                auto values = object_arg<std::vector<Visit>>(*v.core, visits, "visits");
                return to_py(v.core->run([&](Store& s) { return s.visits().add_many(std::move(values)); }));
            },
            py::arg("visits"), "Stores many visits in one transaction (all or nothing); returns their ids.")
        .def(
            "update",
            [](VisitsView& v, py::object visit) {
                auto value = object_arg<Visit>(*v.core, visit, "visit");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.visits().update(value);
                    return s.visits().get(value.id);
                }));
            },
            py::arg("visit"), "Replaces the editable fields (the status changes only through transition()); returns the Visit.")
        .def(
            "transition",
            [](VisitsView& v, py::object id, py::object status, py::object note) {
                const auto key = id_arg<VisitId>(*v.core, id, "id");
                const auto to = from_py<VisitStatus>(status, "status");
                const auto text = from_py<std::string>(note, "note");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.visits().transition(key, to, text);
                    return s.visits().get(key);
                }));
            },
            py::arg("id"), py::arg("status"), py::arg("note") = "",
            "Moves a visit to `status` (the note is appended to the visit's note); illegal moves and overlapping "
            "commitments raise ConflictError. Returns the Visit.")
        .def(
            "get",
            [](VisitsView& v, py::object id) {
                const auto key = id_arg<VisitId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.visits().get(key); }));
            },
            py::arg("id"), "The visit with this id (an int or a Visit); NotFoundError otherwise.")
        .def(
            "find",
            [](VisitsView& v, py::kwargs filters) {
                const auto f = visit_filter(*v.core, filters);
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.visits().find(f); }));
            },
            "Visits matching the filters person, direction, status, agreement, program, institution (home or host) and "
            "year (of the start), by start date.")
        .def(
            "count",
            [](VisitsView& v, py::kwargs filters) {
                const auto f = visit_filter(*v.core, filters);
                return v.core->run([&](Store& s) { return s.visits().count(f); });
            },
            "How many visits find() would return for the same filters.")
        .def("__len__", [](VisitsView& v) { return v.core->run([](Store& s) { return s.visits().count(); }); })
        .def(
            "__iter__", [](VisitsView& v) { return py::iter(v.core->to_py_stored(v.core->run(all_visits))); },
            "Iterates over every visit, by start date.")
        .def("__repr__", [](VisitsView& v) { return view_repr("Visits", *v.core); });
}

std::vector<Program> all_programs(Store& s) {
    return s.programs().find();
}

void bind_programs_view(py::module_& m) {
    py::class_<ProgramsView>(m, "Programs",
                             "The programs offered to students and staff (office.programs); their calls are in office.calls "
                             "and the applications in office.applications.")
        .def(refused_constructor<ProgramsView>("Programs", "office.programs"))
        .def(
            "add",
            [](ProgramsView& v, py::object program, py::kwargs fields) {
                auto value = value_from_call<Program>(*v.core, program, fields, "program");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().get(s.programs().add(value)); }));
            },
            py::arg("program") = py::none(), py::pos_only(),
            "Validates and stores a program, given as a Program or as keyword fields (name=..., kind=..., "
            "audiences=[...], provider=...). Returns the stored Program.")
        .def(
            "update",
            [](ProgramsView& v, py::object program) {
                auto value = object_arg<Program>(*v.core, program, "program");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.programs().update(value);
                    return s.programs().get(value.id);
                }));
            },
            py::arg("program"), "Replaces every field but the id; returns the stored Program.")
        .def(
            "get",
            [](ProgramsView& v, py::object id) {
                const auto key = id_arg<ProgramId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().get(key); }));
            },
            py::arg("id"), "The program with this id (an int or a Program); NotFoundError otherwise.")
        .def(
            "find",
            [](ProgramsView& v, py::kwargs filters) {
                const auto f = program_filter(*v.core, filters);
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().find(f); }));
            },
            "Programs matching the filters kind, audience and provider, by id.")
        .def("__len__", [](ProgramsView& v) { return v.core->run([](Store& s) { return all_programs(s).size(); }); })
        .def(
            "__iter__", [](ProgramsView& v) { return py::iter(v.core->to_py_stored(v.core->run(all_programs))); },
            "Iterates over every program, by id.")
        .def("__repr__", [](ProgramsView& v) { return view_repr("Programs", *v.core); });
}

std::vector<Call> all_calls(Store& s) {
    return s.programs().calls();
}

void bind_calls_view(py::module_& m) {
    py::class_<CallsView>(m, "Calls", "The calls for applications of every program (office.calls).")
        .def(refused_constructor<CallsView>("Calls", "office.calls"))
        .def(
            "add",
            [](CallsView& v, py::object call, py::kwargs fields) {
                auto value = value_from_call<Call>(*v.core, call, fields, "call");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().get_call(s.programs().add_call(value)); }));
            },
            py::arg("call") = py::none(), py::pos_only(),
            "Validates and stores a call, given as a Call or as keyword fields (program=..., title=..., opens_on=..., "
            "deadline=..., places=..., funding=iro.Money(...)). Returns the stored Call.")
        .def(
            "update",
            [](CallsView& v, py::object call) {
                auto value = object_arg<Call>(*v.core, call, "call");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.programs().update_call(value);
                    return s.programs().get_call(value.id);
                }));
            },
            py::arg("call"), "Replaces every field but the id; returns the stored Call.")
        .def(
            "get",
            [](CallsView& v, py::object id) {
                const auto key = id_arg<CallId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().get_call(key); }));
            },
            py::arg("id"), "The call with this id (an int or a Call); NotFoundError otherwise.")
        .def(
            "find",
            [](CallsView& v, py::object program) {
                const auto key = optional_id_arg<ProgramId>(*v.core, program, "program");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().calls(key); }));
            },
            py::arg("program") = py::none(), "The calls of one program (or of all), by deadline.")
        .def(
            "open_calls",
            [](CallsView& v, py::object on, py::object audience) {
                const auto date = date_or_today(on, "on");
                const auto who = from_py<std::optional<Audience>>(audience, "audience");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().open_calls(date, who); }));
            },
            py::arg("on") = py::none(), py::arg("audience") = py::none(),
            "Calls open on `on` (default today: opens_on <= on <= deadline), for programs with that audience if given; "
            "by deadline.")
        .def(
            "upcoming_deadlines",
            [](CallsView& v, py::object on, py::object within_days) {
                const auto date = date_or_today(on, "on");
                const auto days = from_py<int>(within_days, "within_days");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().upcoming_deadlines(date, days); }));
            },
            py::arg("on") = py::none(), py::arg("within_days") = 30,
            "Calls whose deadline falls within [on, on + within_days] (on defaults to today), soonest first.")
        .def("__len__", [](CallsView& v) { return v.core->run([](Store& s) { return all_calls(s).size(); }); })
        .def(
            "__iter__", [](CallsView& v) { return py::iter(v.core->to_py_stored(v.core->run(all_calls))); },
            "Iterates over every call, by deadline.")
        .def("__repr__", [](CallsView& v) { return view_repr("Calls", *v.core); });
}

std::vector<Application> all_applications(Store& s) {
    return s.programs().applications();
}

void bind_applications_view(py::module_& m) {
    py::class_<ApplicationsView>(m, "Applications", "Applications and nominations to calls (office.applications).")
        .def(refused_constructor<ApplicationsView>("Applications", "office.applications"))
        .def(
            "add",
            [](ApplicationsView& v, py::object application, py::kwargs fields) {
                const bool dated = !application.is_none() || fields.contains("created_on");
                auto value = value_from_call<Application>(*v.core, application, fields, "application");
                if (!dated) value.created_on = today();
                return v.core->to_py_stored(
                    v.core->run([&](Store& s) { return s.programs().get_application(s.programs().apply(value)); }));
            },
            py::arg("application") = py::none(), py::pos_only(),
            "Records an application (the C++ Programs::apply), given as an Application or as keyword fields (call=..., "
            "applicant=..., audience=..., unit=...). It starts as a draft unless another status is given (records made "
            "after the fact); created_on defaults to today. One application per person and call (ConflictError). "
            "Returns the stored Application.")
        .def(
            "get",
            [](ApplicationsView& v, py::object id) {
                const auto key = id_arg<ApplicationId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().get_application(key); }));
            },
            py::arg("id"), "The application with this id (an int or an Application); NotFoundError otherwise.")
        .def(
            "find",
            [](ApplicationsView& v, py::kwargs filters) {
                const auto f = application_filter(*v.core, filters);
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.programs().applications(f); }));
            },
            "Applications matching the filters program, call, applicant, status, audience, unit and year (of the call's "
            "deadline), by id.")
        .def(
            "transition",
            [](ApplicationsView& v, py::object id, py::object status, py::object on, py::object note) {
                const auto key = id_arg<ApplicationId>(*v.core, id, "id");
                const auto to = from_py<ApplicationStatus>(status, "status");
                const auto date = from_py<Date>(on, "on");
                const auto text = from_py<std::string>(note, "note");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.programs().transition(key, to, date, text);
                    return s.programs().get_application(key);
                }));
            },
            py::arg("id"), py::arg("status"), py::arg("on"), py::arg("note") = "",
            "Moves an application to `status` on date `on` (not before its previous move); illegal moves raise "
            "ConflictError. Returns the Application.")
        .def(
            "history",
            [](ApplicationsView& v, py::object id) {
                const auto key = id_arg<ApplicationId>(*v.core, id, "id");
                return to_py(v.core->run([&](Store& s) { return s.programs().history(key); }));
            },
            py::arg("id"), "Every recorded move of an application, oldest first (ApplicationTransition list).")
        .def("__len__", [](ApplicationsView& v) { return v.core->run([](Store& s) { return all_applications(s).size(); }); })
        .def(
            "__iter__", [](ApplicationsView& v) { return py::iter(v.core->to_py_stored(v.core->run(all_applications))); },
            "Iterates over every application, by id.")
        .def("__repr__", [](ApplicationsView& v) { return view_repr("Applications", *v.core); });
}

void bind_centres_view(py::module_& m) {
    py::class_<CentresView>(m, "Centres",
                            "The specialised scientific centres (units of kind scientific_centre, added through "
                            "office.units): their expertise, links between home and partner centres, expertise matching.")
        .def(refused_constructor<CentresView>("Centres", "office.centres"))
        .def(
            "set_expertise",
            [](CentresView& v, py::object centre, py::object expertise, py::kwargs fields) {
                const auto key = id_arg<UnitId>(*v.core, centre, "centre");
                const auto value = value_from_call<Expertise>(*v.core, expertise, fields, "expertise");
                return to_py(v.core->run([&](Store& s) {
                    s.centres().set_expertise(key, value);
                    return s.centres().expertise(key);
                }));
            },
            py::arg("centre"), py::arg("expertise") = py::none(), py::pos_only(),
            "Replaces a centre's expertise, given as an Expertise or as keywords isced_codes=[...], keywords=[...]. "
            "Returns the stored Expertise (repeated items kept once).")
        .def(
            "expertise",
            [](CentresView& v, py::object centre) {
                const auto key = id_arg<UnitId>(*v.core, centre, "centre");
                return to_py(v.core->run([&](Store& s) { return s.centres().expertise(key); }));
            },
            py::arg("centre"), "A centre's Expertise; ValidationError for a unit that is not a scientific centre.")
        .def(
            "link",
            [](CentresView& v, py::object home_centre, py::object partner_centre, py::object note) {
                const auto home = id_arg<UnitId>(*v.core, home_centre, "home_centre");
                const auto partner = id_arg<UnitId>(*v.core, partner_centre, "partner_centre");
                const auto text = from_py<std::string>(note, "note");
                v.core->run([&](Store& s) { s.centres().link(home, partner, text); });
            },
            py::arg("home_centre"), py::arg("partner_centre"), py::arg("note") = "",
            "Links a home centre with a partner's centre; linking again replaces the note.")
        .def(
            "unlink",
            [](CentresView& v, py::object home_centre, py::object partner_centre) {
                const auto home = id_arg<UnitId>(*v.core, home_centre, "home_centre");
                const auto partner = id_arg<UnitId>(*v.core, partner_centre, "partner_centre");
                v.core->run([&](Store& s) { s.centres().unlink(home, partner); });
            },
            py::arg("home_centre"), py::arg("partner_centre"), "Removes a link; NotFoundError when there is none.")
        .def(
            "links",
            [](CentresView& v, py::object centre) {
                const auto key = id_arg<UnitId>(*v.core, centre, "centre");
                return to_py(v.core->run([&](Store& s) { return s.centres().links(key); }));
            },
            py::arg("centre"), "The links of a centre (home or partner side), as CentreLink objects.")
        .def(
            "match",
            [](CentresView& v, py::object home_centre, py::object limit) {
                const auto key = id_arg<UnitId>(*v.core, home_centre, "home_centre");
                const auto n = from_py<int>(limit, "limit");
                return to_py(v.core->run([&](Store& s) { return s.centres().match(key, n); }));
            },
            py::arg("home_centre"), py::arg("limit") = 20,
            "Partner centres and partner-affiliated people ranked by how well their expertise overlaps the home "
            "centre's. Each ISCED code of the home centre scores its best match (1.0 same code, 0.5 same narrow field, "
            "0.25 same broad field), each keyword 1.0 when shared; the sum is divided by the number of codes and "
            "keywords. Highest score first, centres before people on a tie; no overlap, no match.")
        .def("__len__", [](CentresView& v) { return v.core->run([](Store& s) { return all_centres(s).size(); }); })
        .def(
            "__iter__", [](CentresView& v) { return py::iter(v.core->to_py_stored(v.core->run(all_centres))); },
            "Iterates over the scientific centres (OrgUnit objects), the home institution's first.")
        .def("__repr__", [](CentresView& v) { return view_repr("Centres", *v.core); });
}

template <class View>
void office_property(const char* name, const char* doc) {
    add_property<Office>(name, [](Office& o) { return View{o.core}; }, doc);
}

} // namespace

ActivityFilter activity_filter(const OfficeCore& core, const py::kwargs& kwargs) {
    check_keywords(kwargs, {"partner", "agreement", "area", "type", "year"}, "the activity filters");
    core.check_origin(kwargs);
    ActivityFilter f;
    f.partner = from_py<std::optional<InstitutionId>>(keyword(kwargs, "partner"), "partner");
    f.agreement = from_py<std::optional<AgreementId>>(keyword(kwargs, "agreement"), "agreement");
    f.area = from_py<std::optional<Area>>(keyword(kwargs, "area"), "area");
    f.type = from_py<std::optional<ActivityType>>(keyword(kwargs, "type"), "type");
    f.year = from_py<std::optional<int>>(keyword(kwargs, "year"), "year");
    return f;
}

PersonFilter person_filter(const OfficeCore& core, const py::kwargs& kwargs) {
    check_keywords(kwargs, {"role", "affiliation", "nationality", "include_erased"}, "the person filters");
    core.check_origin(kwargs);
    PersonFilter f;
    f.role = from_py<std::optional<PersonRole>>(keyword(kwargs, "role"), "role");
    f.affiliation = from_py<std::optional<InstitutionId>>(keyword(kwargs, "affiliation"), "affiliation");
    f.nationality = from_py<std::optional<std::string>>(keyword(kwargs, "nationality"), "nationality");
    f.include_erased = from_py<std::optional<bool>>(keyword(kwargs, "include_erased"), "include_erased").value_or(true);
    return f;
}

VisitFilter visit_filter(const OfficeCore& core, const py::kwargs& kwargs) {
    check_keywords(kwargs, {"person", "direction", "status", "agreement", "program", "institution", "year"},
                   "the visit filters");
    core.check_origin(kwargs);
    VisitFilter f;
    f.person = from_py<std::optional<PersonId>>(keyword(kwargs, "person"), "person");
    f.direction = from_py<std::optional<VisitDirection>>(keyword(kwargs, "direction"), "direction");
    f.status = from_py<std::optional<VisitStatus>>(keyword(kwargs, "status"), "status");
    f.agreement = from_py<std::optional<AgreementId>>(keyword(kwargs, "agreement"), "agreement");
    f.program = from_py<std::optional<ProgramId>>(keyword(kwargs, "program"), "program");
    f.institution = from_py<std::optional<InstitutionId>>(keyword(kwargs, "institution"), "institution");
    f.year = from_py<std::optional<int>>(keyword(kwargs, "year"), "year");
    return f;
}

ProgramFilter program_filter(const OfficeCore& core, const py::kwargs& kwargs) {
    check_keywords(kwargs, {"kind", "audience", "provider"}, "the program filters");
    core.check_origin(kwargs);
    ProgramFilter f;
    f.kind = from_py<std::optional<ProgramKind>>(keyword(kwargs, "kind"), "kind");
    f.audience = from_py<std::optional<Audience>>(keyword(kwargs, "audience"), "audience");
    f.provider = from_py<std::optional<InstitutionId>>(keyword(kwargs, "provider"), "provider");
    return f;
}

ApplicationFilter application_filter(const OfficeCore& core, const py::kwargs& kwargs) {
    check_keywords(kwargs, {"program", "call", "applicant", "status", "audience", "unit", "year"}, "the application filters");
    core.check_origin(kwargs);
    ApplicationFilter f;
    f.program = from_py<std::optional<ProgramId>>(keyword(kwargs, "program"), "program");
    f.call = from_py<std::optional<CallId>>(keyword(kwargs, "call"), "call");
    f.applicant = from_py<std::optional<PersonId>>(keyword(kwargs, "applicant"), "applicant");
    f.status = from_py<std::optional<ApplicationStatus>>(keyword(kwargs, "status"), "status");
    f.audience = from_py<std::optional<Audience>>(keyword(kwargs, "audience"), "audience");
    f.unit = from_py<std::optional<UnitId>>(keyword(kwargs, "unit"), "unit");
    f.year = from_py<std::optional<int>>(keyword(kwargs, "year"), "year");
    return f;
}

void bind_daily_work(py::module_& m) {
    bind_daily_enums(m);
    bind_small_values(m);
    bind_activity_class(m);
    bind_person_class(m);
    bind_visit_class(m);
    bind_program_classes(m);
    bind_activities_view(m);
    bind_people_view(m);
    bind_visits_view(m);
    bind_programs_view(m);
    bind_calls_view(m);
    bind_applications_view(m);
    bind_centres_view(m);

    office_property<ActivitiesView>("activities", "The cooperation activities (iro.Activities).");
    office_property<PeopleView>("people", "The people (iro.People).");
    office_property<VisitsView>("visits", "The visits (iro.Visits).");
    office_property<ProgramsView>("programs", "The programs (iro.Programs).");
    office_property<CallsView>("calls", "The calls of the programs (iro.Calls).");
    office_property<ApplicationsView>("applications", "The applications to calls (iro.Applications).");
    office_property<CentresView>("centres", "The scientific centres (iro.Centres).");

    m.def(
        "academic_year_of", [](py::object date) { return academic_year_of(from_py<Date>(date, "date")); }, py::arg("date"),
        "The AcademicYear holding a date; academic years start on 1 September.");
    m.def(
        "is_currency_code", [](py::object code) { return is_currency_code(from_py<std::string>(code, "code")); },
        py::arg("code"), "True for the ISO 4217 code of a currency in use ('EUR', 'JOD').");
}

} // namespace iro::python
