// Accreditation: frameworks of criteria, cases with their lifecycle and decision, findings,
// follow-ups and evidence, readiness per criterion, deadlines from a body's calendar, and the
// office's queries (office.accreditations).

#include "accreditation_support.hpp"
#include "bind.hpp"
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

std::string date_text(const std::optional<Date>& d) {
    return d && d->ok() ? format_date(*d) : std::string("?");
}

template <class T>
bool equal(const T& a, const T& b) {
    return a == b;
}

std::string scope_text(const AccreditationScope& s) {
    if (s.is_institutional()) return "institution";
    return fmt::format("unit {} {}{}", s.unit->value(), quoted(s.degree), s.level ? " " + std::string(to_string(*s.level)) : "");
}

std::string decision_text(const Decision& d) {
    if (!d.decided_on) return "no decision";
    std::string out = "decided " + date_text(d.decided_on);
    if (d.valid_until) out += ", valid until " + date_text(d.valid_until);
    if (d.interim_report_due) out += ", interim report " + date_text(d.interim_report_due);
    if (d.interim_visit) out += ", interim visit " + date_text(d.interim_visit);
    if (d.next_general_review) out += ", next review " + date_text(d.next_general_review);
    if (d.show_cause) out += ", show cause";
    return out;
}

std::string fixed_or_offset(int month, int day, int year_offset, int days, const char* offset_word) {
    if (month != 0) return fmt::format("{}/{}{}", day, month, year_offset ? fmt::format(" ({:+} year)", year_offset) : std::string());
    return fmt::format("{} days {} the visit", days, offset_word);
}

// The stored follow-up, finding or evidence item with this id, read back after a change
// (the library has no single-item getter for them).
FollowUp stored_follow_up(Accreditations& a, FollowUpId id, std::optional<CaseId> of) {
    const auto search = [&](CaseId c) -> std::optional<FollowUp> {
        for (auto& u : a.follow_ups(c))
            if (u.id == id) return u;
        return std::nullopt;
    };
    if (of)
        if (auto u = search(*of)) return *u;
    for (const auto& c : a.cases())
        if (auto u = search(c.id)) return *u;
    throw NotFoundError("follow-up", id.value());
}

template <class T, class List>
T stored_item(Accreditations& a, CaseId of, std::int64_t id, List list, const char* entity) {
    for (auto& item : (a.*list)(of))
        if (item.id.value() == id) return item;
    throw NotFoundError(entity, id);
}

void bind_enums(py::module_& m) {
    bind_enum<CaseType>(m, "CaseType", "The kind of an accreditation case: initial, reaccreditation, interim report, substantive change.");
    bind_enum<CaseStatus>(m, "CaseStatus",
                          "The lifecycle of an accreditation case, planning to the body's decision (and appeal).");
    bind_enum<DegreeLevel>(m, "DegreeLevel", "The level of an accredited programme's degree.");
    bind_enum<FindingLevel>(m, "FindingLevel", "ABET's levels of shortcoming: deficiency, weakness, concern, observation.");
    bind_enum<EvidenceStatus>(m, "EvidenceStatus", "Where a piece of evidence stands: missing, draft, complete, approved.");
    bind_enum<AccreditationState>(m, "AccreditationState",
                                  "Where a programme (or the institution) stands with a body on a date.");
}

void bind_framework_classes(py::module_& m) {
    ValueClass<Criterion>(m, "Criterion", "One standard or criterion of a framework; sub-criteria name their parent's code.")
        .field("code", &Criterion::code, "'1.1', 'C3', 'Criterion 5'.")
        .field("title", &Criterion::title, "The criterion's title.")
        .field("description", &Criterion::description, "What it asks for.")
        .field("parent", &Criterion::parent, "The parent criterion's code; '' for a top-level criterion.")
        .field("weight", &Criterion::weight, "Relative weight among its siblings for readiness (default 1).")
        .finish(
            [](const Criterion& c) {
                return fmt::format("<Criterion {} {}{} weight {:g}>", c.code, quoted(c.title),
                                   c.parent.empty() ? std::string() : " under " + c.parent, c.weight);
            },
            equal<Criterion>);

    ValueClass<Framework>(m, "Framework", "A versioned framework of criteria published by an accreditation body.")
        .field("id", &Framework::id, "Set by the office; 0 until stored.")
        .field("body", &Framework::body, "The accreditation body: an institution of type accreditation_body.")
        .field("name", &Framework::name, "'ABET General Criteria for Baccalaureate Level Programs'.")
        .field("version", &Framework::version, "'2025-2026'.")
        .field("criteria", &Framework::criteria, "Criterion list, parents before children (a copy).")
        .finish(
            [](const Framework& f) {
                return fmt::format("<Framework {} {} {} body {}: {} criteria>", id_text(f.id.value()), quoted(f.name),
                                   quoted(f.version), id_text(f.body.value()), f.criteria.size());
            },
            equal<Framework>)
        .def(
            "find",
            [](const Framework& f, py::object code) -> py::object {
                const auto* c = f.find(from_py<std::string>(code, "code"));
                return c ? to_py(*c) : py::none();
            },
            py::arg("code"), "The criterion with this code, or None.")
        .def(
            "is_leaf", [](const Framework& f, py::object code) { return f.is_leaf(from_py<std::string>(code, "code")); },
            py::arg("code"), "Whether the criterion has no sub-criteria (evidence belongs to leaves).")
        .def(
            "validate", [](const Framework& f) { validate(f); },
            "Raises ValidationError (naming the field) unless codes, parents, titles and weights are valid.")
        .def("to_json", [](const Framework& f) { return to_py(framework_to_json(f)); }, "The framework as JSON text.")
        .def(
            "to_frame", [](const Framework& f) { return accreditation::criteria_frame(f).to_pandas(); },
            "The criteria as a DataFrame: code, title, description, parent, weight, depth, leaf.");
}

void bind_case_classes(py::module_& m) {
    ValueClass<AccreditationScope>(m, "AccreditationScope",
                                   "What is accredited: the whole institution (no unit), or a programme (unit + degree + level).")
        .field("unit", &AccreditationScope::unit, "A unit of the home institution, or None for the institution.")
        .field("degree", &AccreditationScope::degree, "'B.Sc. in Computer Engineering'; '' for the institution.")
        .field("level", &AccreditationScope::level, "DegreeLevel, or None for the institution.")
        .finish([](const AccreditationScope& s) { return fmt::format("<AccreditationScope {}>", scope_text(s)); },
                equal<AccreditationScope>)
        .def_property_readonly(
            "is_institutional", [](const AccreditationScope& s) { return s.is_institutional(); }, "No unit: the whole institution.");

    ValueClass<Decision>(m, "Decision", "An accreditation body's decision and the dates it sets.")
        .field("decided_on", &Decision::decided_on, "datetime.date of the decision.")
        .field("valid_until", &Decision::valid_until, "Last day of the accreditation; None unless the outcome accredits.")
        .field("next_general_review", &Decision::next_general_review, "ABET-style next general review, or None.")
        .field("interim_report_due", &Decision::interim_report_due, "Interim report due date, or None.")
        .field("interim_visit", &Decision::interim_visit, "Interim visit date, or None.")
        .field("show_cause", &Decision::show_cause, "A show-cause action.")
        .finish([](const Decision& d) { return fmt::format("<Decision {}>", decision_text(d)); }, equal<Decision>);

    ValueClass<AccreditationCase>(m, "AccreditationCase",
                                  "The institution or a programme going through a body's process under one framework.")
        .field("id", &AccreditationCase::id, "Set by the office; 0 until stored.")
        .field("scope", &AccreditationCase::scope, "AccreditationScope (a live view).")
        .field("framework", &AccreditationCase::framework, "The framework id (it fixes the body and the version).")
        .field("type", &AccreditationCase::type, "CaseType.")
        .field("status", &AccreditationCase::status, "CaseStatus; changed only by transition() and decide().")
        .field("planned_visit", &AccreditationCase::planned_visit, "datetime.date of the planned site visit, or None.")
        .field("decision", &AccreditationCase::decision, "Decision, set by decide() (a live view).")
        .field("note", &AccreditationCase::note, "Free text.")
        .keyword("unit", [](AccreditationCase& c, py::handle v) { c.scope.unit = from_py<std::optional<UnitId>>(v, "unit"); })
        .keyword("degree", [](AccreditationCase& c, py::handle v) { c.scope.degree = from_py<std::string>(v, "degree"); })
        .keyword("level", [](AccreditationCase& c, py::handle v) { c.scope.level = from_py<std::optional<DegreeLevel>>(v, "level"); })
        .finish(
            [](const AccreditationCase& c) {
                return fmt::format("<AccreditationCase {} {} framework {} {} {}{}>", id_text(c.id.value()), scope_text(c.scope),
                                   id_text(c.framework.value()), to_string(c.type), to_string(c.status),
                                   c.planned_visit ? " visit " + date_text(c.planned_visit) : std::string());
            },
            equal<AccreditationCase>);

    ValueClass<CaseTransition>(m, "CaseTransition", "A recorded lifecycle move of an accreditation case.")
        .field("from_", &CaseTransition::from, "CaseStatus before the move; None for the record made when the case was opened.")
        .field("to", &CaseTransition::to, "CaseStatus after the move.")
        .field("on", &CaseTransition::on, "datetime.date of the move.")
        .field("actor", &CaseTransition::actor, "Who made it.")
        .field("note", &CaseTransition::note, "Free text.")
        .finish(
            [](const CaseTransition& t) {
                return fmt::format("<CaseTransition {}->{} {} by {}>", t.from ? std::string(to_string(*t.from)) : std::string("(new)"),
                                   to_string(t.to), date_text(t.on), quoted(t.actor));
            },
            equal<CaseTransition>);

    ValueClass<FollowUp>(m, "FollowUp", "A condition set by a decision, or an action answering a finding, with its due date.")
        .field("id", &FollowUp::id, "Set by the office; 0 until stored.")
        .field("accreditation_case", &FollowUp::accreditation_case, "The case id.")
        .field("title", &FollowUp::title, "What must be done.")
        .field("due", &FollowUp::due, "datetime.date it is due.")
        .field("done_on", &FollowUp::done_on, "datetime.date it was done, or None.")
        .finish(
            [](const FollowUp& u) {
                return fmt::format("<FollowUp {} {} due {}{}>", id_text(u.id.value()), quoted(u.title), date_text(u.due),
                                   u.done_on ? " (done " + date_text(u.done_on) + ")" : std::string());
            },
            equal<FollowUp>)
        .def_property_readonly("done", [](const FollowUp& u) { return u.done_on.has_value(); }, "Whether done_on is set.");

    ValueClass<Finding>(m, "Finding", "A body's finding on one criterion of a case.")
        .field("id", &Finding::id, "Set by the office; 0 until stored.")
        .field("accreditation_case", &Finding::accreditation_case, "The case id.")
        .field("criterion", &Finding::criterion, "A criterion code of the case's framework.")
        .field("level", &Finding::level, "FindingLevel: deficiency, weakness, concern or observation.")
        .field("text", &Finding::text, "What the body found.")
        .field("follow_up", &Finding::follow_up, "The follow-up answering it (of the same case), or None.")
        .finish(
            [](const Finding& x) {
                return fmt::format("<Finding {} {} on {}: {}>", id_text(x.id.value()), to_string(x.level), x.criterion, quoted(x.text));
            },
            equal<Finding>);

    ValueClass<Evidence>(m, "Evidence", "A piece of evidence planned or gathered for a leaf criterion of a case.")
        .field("id", &Evidence::id, "Set by the office; 0 until stored.")
        .field("accreditation_case", &Evidence::accreditation_case, "The case id.")
        .field("criterion", &Evidence::criterion, "A leaf criterion code of the case's framework.")
        .field("title", &Evidence::title, "What the evidence is.")
        .field("document", &Evidence::document, "DocumentRef of the file, or None.")
        .field("owner_person", &Evidence::owner_person, "The person responsible (an id or Person), or None.")
        .field("owner_unit", &Evidence::owner_unit, "The unit responsible (an id or OrgUnit), or None; one owner at most.")
        .field("status", &Evidence::status, "EvidenceStatus: missing, draft, complete or approved.")
        .field("due", &Evidence::due, "datetime.date it is due, or None.")
        .field("required", &Evidence::required, "Counts for readiness (default True).")
        .finish(
            [](const Evidence& e) {
                return fmt::format("<Evidence {} on {} {} {}{}{}>", id_text(e.id.value()), e.criterion, quoted(e.title), to_string(e.status),
                                   e.due ? " due " + date_text(e.due) : std::string(), e.required ? "" : " (optional)");
            },
            equal<Evidence>)
        .def_property_readonly("done", [](const Evidence& e) { return is_done(e.status); }, "Complete or approved.");
}

void bind_timeline_classes(py::module_& m) {
    ValueClass<TimelineRules>(m, "TimelineRules",
                              "A body's calendar. Fixed dates are day/month in the visit's year shifted by a year offset; "
                              "the offset form counts days from the visit and is used when the month is 0.")
        .field("body", &TimelineRules::body, "The body's name, for messages: 'ABET'.")
        .field("request_month", &TimelineRules::request_month, "Request for evaluation due: month (0: use the offset form).")
        .field("request_day", &TimelineRules::request_day, "Request for evaluation due: day of the month.")
        .field("request_year_offset", &TimelineRules::request_year_offset, "Years from the visit year (-1: the year before).")
        .field("request_days_before_visit", &TimelineRules::request_days_before_visit, "Offset form: days before the visit.")
        .field("self_study_month", &TimelineRules::self_study_month, "Self-study due: month (0: use the offset form).")
        .field("self_study_day", &TimelineRules::self_study_day, "Self-study due: day of the month.")
        .field("self_study_year_offset", &TimelineRules::self_study_year_offset, "Years from the visit year.")
        .field("self_study_days_before_visit", &TimelineRules::self_study_days_before_visit, "Offset form: days before the visit.")
        .field("visit_month_from", &TimelineRules::visit_month_from, "Visits are allowed from this month ...")
        .field("visit_month_to", &TimelineRules::visit_month_to, "... to this month.")
        .field("decision_month", &TimelineRules::decision_month, "Decision expected in this month (0: use the offset form) ...")
        .field("decision_year_offset", &TimelineRules::decision_year_offset, "... of the visit year plus this offset.")
        .field("decision_days_after_visit", &TimelineRules::decision_days_after_visit, "Offset form: days after the visit.")
        .finish(
            [](const TimelineRules& r) {
                const auto decision = r.decision_month != 0
                                          ? fmt::format("month {}{}", r.decision_month,
                                                        r.decision_year_offset ? fmt::format(" ({:+} year)", r.decision_year_offset) : std::string())
                                          : fmt::format("{} days after the visit", r.decision_days_after_visit);
                return fmt::format("<TimelineRules {}: request {}, self-study {}, visits in months {}-{}, decision {}>", quoted(r.body),
                                   fixed_or_offset(r.request_month, r.request_day, r.request_year_offset, r.request_days_before_visit, "before"),
                                   fixed_or_offset(r.self_study_month, r.self_study_day, r.self_study_year_offset,
                                                   r.self_study_days_before_visit, "before"),
                                   r.visit_month_from, r.visit_month_to, decision);
            },
            equal<TimelineRules>)
        .def(
            "validate", [](const TimelineRules& r) { validate(r); }, "Raises ValidationError unless the rules are well formed.");

    ValueClass<AccreditationTimeline>(m, "AccreditationTimeline", "The deadlines derived from a planned visit and a body's rules.")
        .field("planned_visit", &AccreditationTimeline::planned_visit, "The planned site visit.")
        .field("request_due", &AccreditationTimeline::request_due, "The request for evaluation is due.")
        .field("self_study_due", &AccreditationTimeline::self_study_due, "The self-study report is due.")
        .field("decision_expected", &AccreditationTimeline::decision_expected,
               "The first day of the month the decision is expected in (or the offset date).")
        .finish(
            [](const AccreditationTimeline& t) {
                return fmt::format("<AccreditationTimeline visit {}: request by {}, self-study by {}, decision {}>", date_text(t.planned_visit),
                                   date_text(t.request_due), date_text(t.self_study_due), date_text(t.decision_expected));
            },
            equal<AccreditationTimeline>);

    py::class_<Readiness>(m, "Readiness",
                          "Readiness of a case on a date: the share of required evidence that is complete or approved, per "
                          "criterion (sub-criteria weighted into their parents) and overall, and the gaps that block it.")
        .def(refused_constructor<Readiness>("Readiness", "office.accreditations.readiness(case)"))
        .def_property_readonly("overall", [](const Readiness& r) { return r.overall; }, "Weighted mean of the top-level criteria, 0 to 1.")
        .def_property_readonly(
            "criteria", [](const Readiness& r) { return accreditation::readiness_criteria_frame(r).to_pandas(); },
            "A DataFrame in framework order: code, title, parent, depth, weight, required, done, readiness (0 to 1).")
        .def_property_readonly(
            "gaps", [](const Readiness& r) { return accreditation::readiness_gaps_frame(r).to_pandas(); },
            "The blocking gaps in framework order: criterion, criterion_title, evidence (<NA> when none is planned), "
            "evidence_title, status, due, overdue.")
        .def("__repr__", [](const Readiness& r) {
            std::size_t overdue = 0;
            for (const auto& g : r.gaps) overdue += g.overdue ? 1 : 0;
            return fmt::format("<Readiness {:.1f}% overall, {} criteria, {} gaps ({} overdue)>", 100 * r.overall, r.criteria.size(),
                               r.gaps.size(), overdue);
        });
}

void bind_accreditations_view(py::module_& m) {
    using V = AccreditationsView;
    py::class_<V>(m, "Accreditations",
                  "The office's accreditation work: frameworks, cases and their lifecycle, findings, follow-ups, evidence, "
                  "readiness, deadlines and the status of every programme.")
        .def(refused_constructor<V>("Accreditations", "office.accreditations"))
        .def(
            "add_framework",
            [](V& v, py::object framework, py::kwargs fields) {
                const auto value = value_from_call<Framework>(*v.core, framework, fields, "framework");
                return v.core->run([&](Store& s) {
                    auto& a = s.accreditations();
                    return a.get_framework(a.add_framework(value));
                });
            },
            py::arg("framework") = py::none(), py::pos_only(),
            "Stores a framework, given as a Framework or as keyword fields; the body must be an institution of type "
            "accreditation_body and a body's (name, version) is unique (ConflictError). Returns the stored Framework.")
        .def(
            "get_framework",
            [](V& v, py::object id) {
                const auto key = id_arg<FrameworkId>(*v.core, id, "id");
                return v.core->run([&](Store& s) { return s.accreditations().get_framework(key); });
            },
            py::arg("id"), "The framework with this id (an int or a Framework); NotFoundError otherwise.")
        .def(
            "frameworks",
            [](V& v, py::object body) {
                const auto b = optional_id_arg<InstitutionId>(*v.core, body, "body");
                return to_py(v.core->run([&](Store& s) { return s.accreditations().frameworks(b); }));
            },
            py::arg("body") = py::none(), "The stored frameworks, of one body when given.")
        .def(
            "set_timeline_rules",
            [](V& v, py::object body, py::object rules) {
                const auto b = id_arg<InstitutionId>(*v.core, body, "body");
                const auto r = from_py<TimelineRules>(rules, "rules");
                v.core->run([&](Store& s) { s.accreditations().set_timeline_rules(b, r); });
            },
            py::arg("body"), py::arg("rules"), "Sets a body's calendar (TimelineRules), replacing earlier rules.")
        .def(
            "timeline_rules",
            [](V& v, py::object body) {
                const auto b = id_arg<InstitutionId>(*v.core, body, "body");
                return to_py(v.core->run([&](Store& s) { return s.accreditations().timeline_rules(b); }));
            },
            py::arg("body"), "A body's TimelineRules, or None when none are set.")
        .def(
            "timeline",
            [](V& v, py::object c) {
                const auto id = id_arg<CaseId>(*v.core, c, "case");
                return v.core->run([&](Store& s) { return s.accreditations().timeline(id); });
            },
            py::arg("case"),
            "The deadlines of a case's planned visit under its body's rules (AccreditationTimeline). ValidationError "
            "without a planned visit or for a visit outside the body's months; NotFoundError when the body has no rules.")
        .def(
            "open_case",
            [](V& v, py::object c, py::object on, py::kwargs fields) {
                const auto value = value_from_call<AccreditationCase>(*v.core, c, fields, "case");
                const auto date = date_or_today(on, "on");
                return v.core->run([&](Store& s) {
                    auto& a = s.accreditations();
                    return a.get_case(a.open_case(value, date));
                });
            },
            py::arg("case") = py::none(), py::pos_only(), py::arg("on") = py::none(),
            "Opens a case in planning on `on` (default today), given as an AccreditationCase or as keyword fields "
            "(unit=, degree= and level= fill the scope). Returns the stored AccreditationCase.")
        .def(
            "update_case",
            [](V& v, py::object c) {
                v.core->check_origin(c);
                const auto value = from_py<AccreditationCase>(c, "case");
                return v.core->run([&](Store& s) {
                    s.accreditations().update_case(value);
                    return s.accreditations().get_case(value.id);
                });
            },
            py::arg("case"),
            "Replaces the scope, type, planned visit and note; status, decision and framework change only through "
            "transition() and decide() (ConflictError). Returns the stored AccreditationCase.")
        .def(
            "get_case",
            [](V& v, py::object id) {
                const auto key = id_arg<CaseId>(*v.core, id, "id");
                return v.core->run([&](Store& s) { return s.accreditations().get_case(key); });
            },
            py::arg("id"), "The case with this id (an int or an AccreditationCase); NotFoundError otherwise.")
        .def(
            "cases",
            [](V& v, py::kwargs filters) {
                const auto f = accreditation::case_filter(*v.core, filters);
                return to_py(v.core->run([&](Store& s) { return s.accreditations().cases(f); }));
            },
            "Cases matching the filters framework, body, unit and status.")
        .def(
            "to_frame",
            [](V& v, py::kwargs filters) {
                const auto f = accreditation::case_filter(*v.core, filters);
                return v.core->run([&](Store& s) { return accreditation::cases_frame(s, f); }).to_pandas();
            },
            "A DataFrame of the cases cases() returns for the same filters: id, framework, framework_name, body, body_name, "
            "unit, unit_name, degree, level, type, status, planned_visit, decided_on, valid_until, next_general_review, "
            "interim_report_due, interim_visit, show_cause, note.")
        .def(
            "transition",
            [](V& v, py::object c, py::object status, py::object on, py::object note) {
                const auto id = id_arg<CaseId>(*v.core, c, "case");
                const auto to = from_py<CaseStatus>(status, "status");
                const auto date = from_py<Date>(on, "on");
                const auto text = from_py<std::string>(note, "note");
                return v.core->run([&](Store& s) {
                    s.accreditations().transition(id, to, date, text);
                    return s.accreditations().get_case(id);
                });
            },
            py::arg("case"), py::arg("status"), py::arg("on"), py::arg("note") = "",
            "Moves a case to `status` on `on`; illegal moves raise ConflictError (decisions go through decide()). "
            "Returns the AccreditationCase.")
        .def(
            "decide",
            [](V& v, py::object c, py::object outcome, py::object decision, py::object note, py::kwargs fields) {
                const auto id = id_arg<CaseId>(*v.core, c, "case");
                const auto to = from_py<CaseStatus>(outcome, "outcome");
                const auto value = value_from_call<Decision>(*v.core, decision, fields, "decision");
                const auto text = from_py<std::string>(note, "note");
                return v.core->run([&](Store& s) {
                    s.accreditations().decide(id, to, value, text);
                    return s.accreditations().get_case(id);
                });
            },
            py::arg("case"), py::arg("outcome"), py::arg("decision") = py::none(), py::arg("note") = "",
            "Records the body's decision (a Decision, or its fields as keywords: decided_on, valid_until, ...) and moves "
            "the case from decision_pending to `outcome`: accredited, accredited_with_conditions, deferred or denied. "
            "Returns the AccreditationCase.")
        .def(
            "history",
            [](V& v, py::object c) {
                const auto id = id_arg<CaseId>(*v.core, c, "case");
                return to_py(v.core->run([&](Store& s) { return s.accreditations().history(id); }));
            },
            py::arg("case"), "Every recorded lifecycle move of a case, oldest first (CaseTransition list).")
        .def(
            "add_follow_up",
            [](V& v, py::object follow_up, py::kwargs fields) {
                const auto value = value_from_call<FollowUp>(*v.core, follow_up, fields, "follow_up");
                return v.core->run([&](Store& s) {
                    auto& a = s.accreditations();
                    return stored_follow_up(a, a.add_follow_up(value), value.accreditation_case);
                });
            },
            py::arg("follow_up") = py::none(), py::pos_only(),
            "Stores a follow-up (a FollowUp or keyword fields: accreditation_case, title, due). Returns the stored FollowUp.")
        .def(
            "complete_follow_up",
            [](V& v, py::object follow_up, py::object on) {
                const auto id = id_arg<FollowUpId>(*v.core, follow_up, "follow_up");
                const auto date = from_py<Date>(on, "on");
                std::optional<CaseId> of;
                if (py::isinstance<FollowUp>(follow_up)) of = follow_up.cast<const FollowUp&>().accreditation_case;
                return v.core->run([&](Store& s) {
                    auto& a = s.accreditations();
                    a.complete_follow_up(id, date);
                    return stored_follow_up(a, id, of);
                });
            },
            py::arg("follow_up"), py::arg("on"),
            "Marks a follow-up done on `on`; ConflictError when it already is. Returns the FollowUp.")
        .def(
            "follow_ups",
            [](V& v, py::object c) {
                const auto id = id_arg<CaseId>(*v.core, c, "case");
                return to_py(v.core->run([&](Store& s) { return s.accreditations().follow_ups(id); }));
            },
            py::arg("case"), "The follow-ups of a case.")
        .def(
            "follow_ups_frame",
            [](V& v, py::object c) {
                const auto id = optional_id_arg<CaseId>(*v.core, c, "case");
                return v.core->run([&](Store& s) { return accreditation::follow_ups_frame(s, id); }).to_pandas();
            },
            py::arg("case") = py::none(), "The follow-ups of a case (or of all) as a DataFrame: id, case, title, due, done_on, done.")
        .def(
            "add_finding",
            [](V& v, py::object finding, py::kwargs fields) {
                const auto value = value_from_call<Finding>(*v.core, finding, fields, "finding");
                return v.core->run([&](Store& s) {
                    auto& a = s.accreditations();
                    const auto id = a.add_finding(value);
                    return stored_item<Finding>(a, value.accreditation_case, id.value(), &Accreditations::findings, "finding");
                });
            },
            py::arg("finding") = py::none(), py::pos_only(),
            "Stores a finding (a Finding or keyword fields: accreditation_case, criterion, level, text, follow_up). "
            "Returns the stored Finding.")
        .def(
            "findings",
            [](V& v, py::object c) {
                const auto id = id_arg<CaseId>(*v.core, c, "case");
                return to_py(v.core->run([&](Store& s) { return s.accreditations().findings(id); }));
            },
            py::arg("case"), "The findings of a case.")
        .def(
            "findings_frame",
            [](V& v, py::object c) {
                const auto id = optional_id_arg<CaseId>(*v.core, c, "case");
                return v.core->run([&](Store& s) { return accreditation::findings_frame(s, id); }).to_pandas();
            },
            py::arg("case") = py::none(), "The findings of a case (or of all) as a DataFrame: id, case, criterion, level, text, follow_up.")
        .def(
            "add_evidence",
            [](V& v, py::object evidence, py::kwargs fields) {
                const auto value = value_from_call<Evidence>(*v.core, evidence, fields, "evidence");
                return v.core->run([&](Store& s) {
                    auto& a = s.accreditations();
                    const auto id = a.add_evidence(value);
                    return stored_item<Evidence>(a, value.accreditation_case, id.value(), &Accreditations::evidence, "evidence");
                });
            },
            py::arg("evidence") = py::none(), py::pos_only(),
            "Stores a piece of evidence for a leaf criterion (an Evidence or keyword fields). Returns the stored Evidence.")
        .def(
            "update_evidence",
            [](V& v, py::object evidence) {
                v.core->check_origin(evidence);
                const auto value = from_py<Evidence>(evidence, "evidence");
                return v.core->run([&](Store& s) {
                    auto& a = s.accreditations();
                    a.update_evidence(value);
                    return stored_item<Evidence>(a, value.accreditation_case, value.id.value(), &Accreditations::evidence, "evidence");
                });
            },
            py::arg("evidence"), "Replaces a stored evidence item (it stays with its case). Returns the stored Evidence.")
        .def(
            "evidence",
            [](V& v, py::object c) {
                const auto id = id_arg<CaseId>(*v.core, c, "case");
                return to_py(v.core->run([&](Store& s) { return s.accreditations().evidence(id); }));
            },
            py::arg("case"), "The evidence of a case.")
        .def(
            "evidence_frame",
            [](V& v, py::object c) {
                const auto id = optional_id_arg<CaseId>(*v.core, c, "case");
                return v.core->run([&](Store& s) { return accreditation::evidence_frame(s, id); }).to_pandas();
            },
            py::arg("case") = py::none(),
            "The evidence of a case (or of all) as a DataFrame: id, case, criterion, title, status, required, done, due, "
            "owner_person, owner_unit, document (its location).")
        .def(
            "readiness",
            [](V& v, py::object c, py::object on) {
                const auto id = id_arg<CaseId>(*v.core, c, "case");
                const auto date = date_or_today(on, "on");
                return v.core->run([&](Store& s) { return s.accreditations().readiness(id, date); });
            },
            py::arg("case"), py::arg("on") = py::none(),
            "Readiness of a case on `on` (default today; evidence due before it is overdue). Returns a Readiness.")
        .def(
            "status_on",
            [](V& v, py::object on) {
                const auto date = date_or_today(on, "on");
                return v.core->run([&](Store& s) { return accreditation::status_frame(s, date); }).to_pandas();
            },
            py::arg("on") = py::none(),
            "Where every programme (and the institution) stands with each body on `on` (default today): unit, unit_name, "
            "degree, level, body, body_name, state, decisive_case, valid_until.")
        .def(
            "expiring",
            [](V& v, py::object on, py::object within_days) {
                const auto date = date_or_today(on, "on");
                const auto days = from_py<int>(within_days, "within_days");
                return v.core->run([&](Store& s) { return accreditation::expiring_frame(s, date, days); }).to_pandas();
            },
            py::arg("on") = py::none(), py::arg("within_days") = 180,
            "Accredited cases whose validity ends within [on, on + within_days] (on defaults to today): case, unit, "
            "unit_name, degree, level, body, body_name, status, valid_until, days_left.")
        .def(
            "overdue_evidence",
            [](V& v, py::object on) {
                const auto date = date_or_today(on, "on");
                return to_py(v.core->run([&](Store& s) { return s.accreditations().overdue_evidence(date); }));
            },
            py::arg("on") = py::none(), "Required evidence not done and due before `on` (default today).")
        .def(
            "overdue_follow_ups",
            [](V& v, py::object on) {
                const auto date = date_or_today(on, "on");
                return to_py(v.core->run([&](Store& s) { return s.accreditations().overdue_follow_ups(date); }));
            },
            py::arg("on") = py::none(), "Follow-ups not done and due before `on` (default today).")
        .def(
            "__len__", [](V& v) { return v.core->run([](Store& s) { return s.accreditations().cases().size(); }); },
            "Every accreditation case.")
        .def(
            "__iter__", [](V& v) { return py::iter(to_py(v.core->run([](Store& s) { return s.accreditations().cases(); }))); },
            "Iterates over every accreditation case.")
        .def("__repr__", [](V& v) { return fmt::format("<iro.Accreditations of {}>", quoted(v.core->path())); });

    auto office = py::reinterpret_borrow<py::class_<Office>>(py::type::of<Office>());
    office.def_property_readonly(
        "accreditations", [](Office& o) { return AccreditationsView{o.core}; },
        "The accreditation work (iro.Accreditations): frameworks, cases, evidence, readiness, deadlines.");
}

void bind_accreditation_functions(py::module_& m) {
    m.def(
        "builtin_framework",
        [](py::object key, py::object body) {
            auto f = builtin_framework(from_py<std::string>(key, "key"));
            if (const auto b = from_py<std::optional<InstitutionId>>(body, "body")) f.body = *b;
            return f;
        },
        py::arg("key"), py::arg("body") = py::none(),
        "A framework iro ships, with the published structure and titles: 'ESG-2015', 'ABET' or 'AACSB-2020' "
        "(NotFoundError otherwise). body= sets the accreditation body for add_framework.");
    m.def("builtin_framework_keys", [] { return to_py(builtin_framework_keys()); }, "The keys of the frameworks iro ships.");
    m.def(
        "framework_from_json", [](py::object text) { return framework_from_json(from_py<std::string>(text, "text")); },
        py::arg("text"),
        "Reads a framework from JSON {'name', 'version', 'criteria': [{'code', 'title', 'description', 'parent', "
        "'weight'}]}; FormatError for unreadable text.");
    m.def(
        "framework_from_csv", [](py::object text) { return framework_from_csv(from_py<std::string>(text, "text")); },
        py::arg("text"),
        "Reads a framework's criteria from CSV with the header code,title,description,parent,weight; FormatError (with "
        "the line) for unreadable text.");
    m.def("abet_timeline_rules", &abet_timeline_rules,
          "ABET's calendar: request for evaluation by 31 January and self-study by 1 July of the visit year, visits "
          "September to December, decision in July of the following year.");
    m.def(
        "derive_timeline",
        [](py::object rules, py::object planned_visit) {
            return derive_timeline(from_py<TimelineRules>(rules, "rules"), from_py<Date>(planned_visit, "planned_visit"));
        },
        py::arg("rules"), py::arg("planned_visit"),
        "The deadlines for a planned visit under a body's rules (AccreditationTimeline); ValidationError when the visit "
        "month is outside the body's window or the rules are malformed.");
}

} // namespace

void bind_accreditation(py::module_& m) {
    bind_enums(m);
    bind_framework_classes(m);
    bind_case_classes(m);
    bind_timeline_classes(m);
    bind_accreditations_view(m);
    bind_accreditation_functions(m);
}

} // namespace iro::python
