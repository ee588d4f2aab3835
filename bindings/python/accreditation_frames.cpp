// Accreditation DataFrames: cases, evidence, findings, follow-ups, where each programme
// stands on a date, expiring accreditations, and readiness per criterion and its gaps. Filled
// column by column under the store lock and handed to pandas once.

#include "accreditation_support.hpp"

#include <map>
#include <string>

namespace iro::python::accreditation {

namespace {

// Names of the bodies, frameworks and home units that the rows refer to by id.
struct Names {
    std::map<std::int64_t, std::string> bodies;
    std::map<std::int64_t, std::string> frameworks;
    std::map<std::int64_t, InstitutionId> body_of_framework;
    std::map<std::int64_t, std::string> units;

    explicit Names(Store& s) {
        for (const auto& f : s.accreditations().frameworks()) {
            frameworks[f.id.value()] = f.version.empty() ? f.name : f.name + " " + f.version;
            body_of_framework[f.id.value()] = f.body;
            if (!bodies.count(f.body.value())) bodies[f.body.value()] = s.institutions().get(f.body).display_name();
        }
        // A programme's unit is a unit of the home institution.
        if (s.institutions().has_home())
            for (const auto& u : s.units().of(s.institutions().home().id)) units[u.id.value()] = u.name;
    }

    template <class IdType>
    static std::string name_in(const std::map<std::int64_t, std::string>& names, std::optional<IdType> id) {
        if (!id) return {};
        const auto it = names.find(id->value());
        return it == names.end() ? std::string() : it->second;
    }
    InstitutionId body(FrameworkId framework) const {
        const auto it = body_of_framework.find(framework.value());
        return it == body_of_framework.end() ? InstitutionId{} : it->second;
    }
};

// The evidence, findings or follow-ups of one case, or of every case.
template <class T, class Of>
std::vector<T> of_cases(Store& s, std::optional<CaseId> one, Of of) {
    if (one) return of(s, *one);  // NotFoundError for an unknown case
    std::vector<T> out;
    for (const auto& c : s.accreditations().cases()) {
        auto part = of(s, c.id);
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

// Columns describing a programme (or the institution): unit, unit_name, degree, level.
struct ScopeColumns {
    std::vector<std::optional<std::int64_t>> unit;
    std::vector<std::string> unit_name, degree;
    std::vector<std::optional<DegreeLevel>> level;

    void add(const AccreditationScope& scope, const Names& names) {
        unit.push_back(raw(scope.unit));
        unit_name.push_back(Names::name_in(names.units, scope.unit));
        degree.push_back(scope.degree);
        level.push_back(scope.level);
    }
    void put(Frame& f) {
        f.optional_int64("unit", unit);
        f.text("unit_name", std::move(unit_name));
        f.text("degree", std::move(degree));
        f.category("level", level);
    }
};

} // namespace

CaseFilter case_filter(const OfficeCore& core, const py::kwargs& kwargs) {
    check_keywords(kwargs, {"framework", "body", "unit", "status"}, "the case filters");
    core.check_origin(kwargs);
    CaseFilter f;
    f.framework = from_py<std::optional<FrameworkId>>(keyword(kwargs, "framework"), "framework");
    f.body = from_py<std::optional<InstitutionId>>(keyword(kwargs, "body"), "body");
    f.unit = from_py<std::optional<UnitId>>(keyword(kwargs, "unit"), "unit");
    f.status = from_py<std::optional<CaseStatus>>(keyword(kwargs, "status"), "status");
    return f;
}

Frame cases_frame(Store& s, const CaseFilter& filter) {
    const auto rows = s.accreditations().cases(filter);
    const Names names(s);
    std::vector<std::int64_t> id, framework, body;
    std::vector<std::string> framework_name, body_name, note;
    ScopeColumns scope;
    std::vector<std::optional<CaseType>> type;
    std::vector<std::optional<CaseStatus>> status;
    std::vector<std::optional<Date>> planned_visit, decided_on, valid_until, next_review, interim_report, interim_visit;
    std::vector<bool> show_cause;
    for (const auto& c : rows) {
        const auto b = names.body(c.framework);
        id.push_back(c.id.value());
        framework.push_back(c.framework.value());
        framework_name.push_back(Names::name_in(names.frameworks, std::optional<FrameworkId>(c.framework)));
        body.push_back(b.value());
        body_name.push_back(Names::name_in(names.bodies, std::optional<InstitutionId>(b)));
        scope.add(c.scope, names);
        type.emplace_back(c.type);
        status.emplace_back(c.status);
        planned_visit.push_back(c.planned_visit);
        decided_on.push_back(c.decision.decided_on);
        valid_until.push_back(c.decision.valid_until);
        next_review.push_back(c.decision.next_general_review);
        interim_report.push_back(c.decision.interim_report_due);
        interim_visit.push_back(c.decision.interim_visit);
        show_cause.push_back(c.decision.show_cause);
        note.push_back(c.note);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.int64("framework", std::move(framework));
    f.text("framework_name", std::move(framework_name));
    f.int64("body", std::move(body));
    f.text("body_name", std::move(body_name));
    scope.put(f);
    f.category("type", type);
    f.category("status", status);
    f.date("planned_visit", planned_visit);
    f.date("decided_on", decided_on);
    f.date("valid_until", valid_until);
    f.date("next_general_review", next_review);
    f.date("interim_report_due", interim_report);
    f.date("interim_visit", interim_visit);
    f.boolean("show_cause", show_cause);
    f.text("note", std::move(note));
    return f;
}

Frame evidence_frame(Store& s, std::optional<CaseId> of) {
    const auto rows = of_cases<Evidence>(s, of, [](Store& st, CaseId c) { return st.accreditations().evidence(c); });
    std::vector<std::int64_t> id, case_id;
    std::vector<std::string> criterion, title, document;
    std::vector<std::optional<EvidenceStatus>> status;
    std::vector<bool> required, done;
    std::vector<std::optional<Date>> due;
    std::vector<std::optional<std::int64_t>> owner_person, owner_unit;
    for (const auto& e : rows) {
        id.push_back(e.id.value());
        case_id.push_back(e.accreditation_case.value());
        criterion.push_back(e.criterion);
        title.push_back(e.title);
        status.emplace_back(e.status);
        required.push_back(e.required);
        done.push_back(is_done(e.status));
        due.push_back(e.due);
        owner_person.push_back(raw(e.owner_person));
        owner_unit.push_back(raw(e.owner_unit));
        document.push_back(e.document ? e.document->location : std::string());
    }
    Frame f;
    f.int64("id", std::move(id));
    f.int64("case", std::move(case_id));
    f.text("criterion", std::move(criterion));
    f.text("title", std::move(title));
    f.category("status", status);
    f.boolean("required", required);
    f.boolean("done", done);
    f.date("due", due);
    f.optional_int64("owner_person", owner_person);
    f.optional_int64("owner_unit", owner_unit);
    f.text("document", std::move(document));
    return f;
}

Frame findings_frame(Store& s, std::optional<CaseId> of) {
    const auto rows = of_cases<Finding>(s, of, [](Store& st, CaseId c) { return st.accreditations().findings(c); });
    std::vector<std::int64_t> id, case_id;
    std::vector<std::string> criterion, text;
    std::vector<std::optional<FindingLevel>> level;
    std::vector<std::optional<std::int64_t>> follow_up;
    for (const auto& x : rows) {
        id.push_back(x.id.value());
        case_id.push_back(x.accreditation_case.value());
        criterion.push_back(x.criterion);
        level.emplace_back(x.level);
        text.push_back(x.text);
        follow_up.push_back(raw(x.follow_up));
    }
    Frame f;
    f.int64("id", std::move(id));
    f.int64("case", std::move(case_id));
    f.text("criterion", std::move(criterion));
    f.category("level", level);
    f.text("text", std::move(text));
    f.optional_int64("follow_up", follow_up);
    return f;
}

Frame follow_ups_frame(Store& s, std::optional<CaseId> of) {
    const auto rows = of_cases<FollowUp>(s, of, [](Store& st, CaseId c) { return st.accreditations().follow_ups(c); });
    std::vector<std::int64_t> id, case_id;
    std::vector<std::string> title;
    std::vector<std::optional<Date>> due, done_on;
    std::vector<bool> done;
    for (const auto& u : rows) {
        id.push_back(u.id.value());
        case_id.push_back(u.accreditation_case.value());
        title.push_back(u.title);
        due.emplace_back(u.due);
        done_on.push_back(u.done_on);
        done.push_back(u.done_on.has_value());
    }
    Frame f;
    f.int64("id", std::move(id));
    f.int64("case", std::move(case_id));
    f.text("title", std::move(title));
    f.date("due", due);
    f.date("done_on", done_on);
    f.boolean("done", done);
    return f;
}

Frame status_frame(Store& s, Date on) {
    const auto rows = s.accreditations().status_on(on);
    const Names names(s);
    ScopeColumns scope;
    std::vector<std::int64_t> body;
    std::vector<std::string> body_name;
    std::vector<std::optional<AccreditationState>> state;
    std::vector<std::optional<std::int64_t>> decisive;
    std::vector<std::optional<Date>> valid_until;
    for (const auto& p : rows) {
        scope.add(p.scope, names);
        // The library names the unit itself; the index only covers home units.
        scope.unit_name.back() = p.unit_name;
        body.push_back(p.body.value());
        body_name.push_back(p.body_name);
        state.emplace_back(p.state);
        decisive.push_back(raw(p.decisive_case));
        valid_until.push_back(p.valid_until);
    }
    Frame f;
    scope.put(f);
    f.int64("body", std::move(body));
    f.text("body_name", std::move(body_name));
    f.category("state", state);
    f.optional_int64("decisive_case", decisive);
    f.date("valid_until", valid_until);
    return f;
}

Frame expiring_frame(Store& s, Date on, int within_days) {
    const auto rows = s.accreditations().expiring(on, within_days);
    const Names names(s);
    std::vector<std::int64_t> case_id, body, days_left;
    std::vector<std::string> body_name;
    ScopeColumns scope;
    std::vector<std::optional<CaseStatus>> status;
    std::vector<std::optional<Date>> valid_until;
    for (const auto& e : rows) {
        const auto& c = e.accreditation_case;
        const auto b = names.body(c.framework);
        case_id.push_back(c.id.value());
        scope.add(c.scope, names);
        body.push_back(b.value());
        body_name.push_back(Names::name_in(names.bodies, std::optional<InstitutionId>(b)));
        status.emplace_back(c.status);
        valid_until.emplace_back(e.valid_until);
        days_left.push_back(e.days_left);
    }
    Frame f;
    f.int64("case", std::move(case_id));
    scope.put(f);
    f.int64("body", std::move(body));
    f.text("body_name", std::move(body_name));
    f.category("status", status);
    f.date("valid_until", valid_until);
    f.int64("days_left", std::move(days_left));
    return f;
}

Frame criteria_frame(const Framework& framework) {
    std::vector<std::string> code, title, description, parent;
    std::vector<double> weight;
    std::vector<std::int64_t> depth;
    std::vector<bool> leaf;
    std::map<std::string, std::int64_t> depth_of;
    for (const auto& c : framework.criteria) {
        const auto d = c.parent.empty() ? 0 : depth_of[c.parent] + 1;
        depth_of[c.code] = d;
        code.push_back(c.code);
        title.push_back(c.title);
        description.push_back(c.description);
        parent.push_back(c.parent);
        weight.push_back(c.weight);
        depth.push_back(d);
        leaf.push_back(framework.is_leaf(c.code));
    }
    Frame f;
    f.text("code", std::move(code));
    f.text("title", std::move(title));
    f.text("description", std::move(description));
    f.text("parent", std::move(parent));
    f.float64("weight", std::move(weight));
    f.int64("depth", std::move(depth));
    f.boolean("leaf", leaf);
    return f;
}

Frame readiness_criteria_frame(const Readiness& readiness) {
    std::vector<std::string> code, title, parent;
    std::vector<std::int64_t> depth, required, done;
    std::vector<double> weight, value;
    for (const auto& c : readiness.criteria) {
        code.push_back(c.code);
        title.push_back(c.title);
        parent.push_back(c.parent);
        depth.push_back(c.depth);
        weight.push_back(c.weight);
        required.push_back(c.required);
        done.push_back(c.done);
        value.push_back(c.readiness);
    }
    Frame f;
    f.text("code", std::move(code));
    f.text("title", std::move(title));
    f.text("parent", std::move(parent));
    f.int64("depth", std::move(depth));
    f.float64("weight", std::move(weight));
    f.int64("required", std::move(required));
    f.int64("done", std::move(done));
    f.float64("readiness", std::move(value));
    return f;
}

Frame readiness_gaps_frame(const Readiness& readiness) {
    std::vector<std::string> criterion, criterion_title, evidence_title;
    std::vector<std::optional<std::int64_t>> evidence;
    std::vector<std::optional<EvidenceStatus>> status;
    std::vector<std::optional<Date>> due;
    std::vector<bool> overdue;
    for (const auto& g : readiness.gaps) {
        criterion.push_back(g.criterion);
        criterion_title.push_back(g.criterion_title);
        evidence.push_back(raw(g.evidence));
        evidence_title.push_back(g.evidence_title);
        status.emplace_back(g.status);
        due.push_back(g.due);
        overdue.push_back(g.overdue);
    }
    Frame f;
    f.text("criterion", std::move(criterion));
    f.text("criterion_title", std::move(criterion_title));
    f.optional_int64("evidence", evidence);
    f.text("evidence_title", std::move(evidence_title));
    f.category("status", status);
    f.date("due", due);
    f.boolean("overdue", overdue);
    return f;
}

} // namespace iro::python::accreditation
