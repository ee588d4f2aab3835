// Every mutating call of the public API writes exactly one audit entry, naming the entity
// and the action, and a refused call writes none.
//
// The table below lists every public mutating method, header by header. When a header gains
// a mutating method, add a row and update its count here:
//   institutions.hpp         5  Institutions: add, add_many, update, merge_into, set_regional_countries
//   org_units.hpp            5  OrgUnits: add, update; Contacts: add, update, remove
//   agreements.hpp           9  add, add_many, update, transition, sign, enter_into_force,
//                               terminate, expire, renew (the successor is in renew's entry)
//   people.hpp               8  People: add, add_many, update, erase; Visits: add, add_many,
//                               update, transition
//   programs.hpp             6  add, update, add_call, update_call, apply, transition
//   activities.hpp           3  add, add_many, update
//   centres.hpp              3  set_expertise, link, unlink
//   accreditations.hpp      11  add_framework, set_timeline_rules, open_case, update_case,
//                               transition, decide, add_follow_up, complete_follow_up,
//                               add_finding, add_evidence, update_evidence
//   rankings.hpp             6  save_methodology, remove_methodology, save_results,
//                               remove_results, set_home_figures, remove_home_figure
//   collection_exchange.hpp  4  import_csv, import_csv_file, import_json, import_json_file
//                               (one entry per call that writes, with each collection's counts)
//   snapshot.hpp             3  load_snapshot (bytes), load_snapshot (stream), load_snapshot_file
//   ror_import.hpp           2  import_ror, import_ror_file (one entry listing what changed)
//   ewp_iia.hpp              1  import_iias (one entry naming its agreements and new partners)
//   sample_data.hpp          1  generate_sample_data    (composite: see "composite calls")
//   sample_dataset.hpp       1  load_sample_dataset     (composite: see "composite calls")
//   store.hpp                0  (set_actor changes who is recorded, not the data: no entry)
//   audit.hpp, ror_details.hpp, value_archive.hpp, and the value and analysis headers: none.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

using namespace iro;
using namespace iro::test;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// A store with one of everything the mutations below work on.
struct Office : SmallOffice {
    explicit Office(Store& s) : SmallOffice(s) {
        auto b = make_institution("ABET", "US");
        b.type = InstitutionType::AccreditationBody;
        body = s.institutions().add(b);
        faculty = s.units().add(OrgUnit{{}, home, {}, UnitKind::Faculty, "Faculty of Engineering", ""});
        home_centre = s.units().add(OrgUnit{{}, home, {}, UnitKind::ScientificCentre, "Energy Centre", ""});
        partner_centre = s.units().add(OrgUnit{{}, jordan, {}, UnitKind::ScientificCentre, "Solar Centre", ""});
        contact = s.contacts().add(Contact{{}, jordan, {}, "Contact", "Officer", "", ""});
        Person p;
        p.given_name = "Lina";
        p.family_name = "Haddad";
        person = s.people().add(p);
        Program program_value;
        program_value.name = "Exchange";
        program_value.audiences = {Audience::Undergraduate};
        program = s.programs().add(program_value);
        Call c;
        c.program = program;
        c.title = "Call 2025";
        c.opens_on = d("2025-01-01");
        c.deadline = d("2025-03-01");
        call = s.programs().add_call(c);
        application = s.programs().apply(Application{{}, call, person, Audience::Undergraduate, {}, {}, d("2025-01-10"), ""});
        agreement = s.agreements().add(mou(jordan));
        activity = s.activities().add(an_activity());
        visit = s.visits().add(a_visit());
        auto fw = builtin_framework("ABET");
        fw.body = body;
        framework = s.accreditations().add_framework(fw);
        accreditation_case = s.accreditations().open_case(a_case(), d("2025-09-01"));
    }

    Activity an_activity() const {
        Activity a;
        a.title = "Joint project";
        a.partners = {jordan};
        a.start = d("2025-02-01");
        return a;
    }
    Visit a_visit() const {
        Visit v;
        v.person = person;
        v.home_institution = jordan;
        v.host_institution = home;
        v.start = d("2025-03-01");
        v.end = d("2025-03-10");
        return v;
    }
    AccreditationCase a_case() const {
        AccreditationCase c;
        c.scope = {faculty, "B.Sc. in Computer Engineering", DegreeLevel::Bachelor};
        c.framework = framework;
        c.planned_visit = d("2026-10-12");
        return c;
    }
    Methodology a_methodology() const {
        Methodology m;
        m.system = "LOCAL-RANK";
        m.year = 2025;
        m.name = "Local ranking";
        m.indicators = {RankingIndicator{"teaching", "Teaching", 1.0, ""}};
        return m;
    }
    void to_decision_pending(CaseId id) const {
        auto& acc = store.accreditations();
        acc.transition(id, CaseStatus::SelfStudyInPreparation, d("2025-10-01"));
        acc.transition(id, CaseStatus::SelfStudySubmitted, d("2026-06-25"));
        acc.transition(id, CaseStatus::SiteVisitScheduled, d("2026-07-10"));
        acc.transition(id, CaseStatus::VisitDone, d("2026-10-14"));
        acc.transition(id, CaseStatus::DecisionPending, d("2026-10-20"));
    }
    AgreementId awaiting_signature() const {
        auto a = mou(jordan, "Awaiting signature");
        a.status = AgreementStatus::AwaitingSignature;
        return store.agreements().add(a);
    }

    InstitutionId body;
    UnitId faculty, home_centre, partner_centre;
    ContactId contact;
    PersonId person;
    ProgramId program;
    CallId call;
    ApplicationId application;
    AgreementId agreement;
    ActivityId activity;
    VisitId visit;
    FrameworkId framework;
    CaseId accreditation_case;
};

using Call_ = std::function<void()>;

// One row: what to set up, the call that must write one entry (entity, action), and a call
// that must be refused and write nothing.
struct Mutation {
    const char* header;
    const char* method;
    std::string entity;
    std::string action;
    std::function<Call_(Store&, Office&)> prepare;
    std::function<Call_(Store&, Office&)> refused;
    bool empty_store = false;  // the call needs a store without office data (snapshot loads)
    // Entries one successful call writes. 1 for every row but the known exception below.
    int entries = 1;
};

// Replaces the first `from` in `text`.
std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// The record's file id (1) is given one the target store does not have, so the row is added.
std::string one_record_csv(const Store& source) {
    return replaced(export_csv(source, Collection::Institutions), "\r\n1,", "\r\n999,");
}

std::vector<Mutation> mutations(const TempDir& dir) {
    std::vector<Mutation> m;
    const auto refuse_bad_institution = [](Store& s, Office&) -> Call_ {
        return [&s] { s.institutions().add(make_institution("Bad", "XX")); };
    };

    // --- institutions.hpp ---
    m.push_back({"institutions.hpp", "Institutions::add", "institution", "add",
                 [](Store& s, Office&) -> Call_ { return [&s] { s.institutions().add(make_institution("New", "FR")); }; },
                 refuse_bad_institution});
    m.push_back({"institutions.hpp", "Institutions::add_many", "institution", "add_many",
                 [](Store& s, Office&) -> Call_ {
                     return [&s] { s.institutions().add_many({make_institution("A", "FR"), make_institution("B", "IT")}); };
                 },
                 [](Store& s, Office&) -> Call_ {
                     return [&s] { s.institutions().add_many({make_institution("A", "FR"), make_institution("B", "XX")}); };
                 }});
    m.push_back({"institutions.hpp", "Institutions::update", "institution", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto i = s.institutions().get(o.jordan);
                         i.city = "Amman";
                         s.institutions().update(i);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto i = s.institutions().get(o.jordan);
                         i.country = "XX";
                         s.institutions().update(i);
                     };
                 }});
    m.push_back({"institutions.hpp", "Institutions::merge_into", "institution", "merge",
                 [](Store& s, Office& o) -> Call_ {
                     const auto merged = s.institutions().add(make_institution("Old name", "JO"));
                     return [&s, &o, merged] { s.institutions().merge_into(merged, o.jordan); };
                 },
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.institutions().merge_into(o.jordan, o.jordan); }; }});
    m.push_back({"institutions.hpp", "Institutions::set_regional_countries", "setting", "set_regional_countries",
                 [](Store& s, Office&) -> Call_ { return [&s] { s.institutions().set_regional_countries({"JO", "EG"}); }; },
                 [](Store& s, Office&) -> Call_ { return [&s] { s.institutions().set_regional_countries({"JO", "XX"}); }; }});

    // --- org_units.hpp ---
    m.push_back({"org_units.hpp", "OrgUnits::add", "unit", "add",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.units().add(OrgUnit{{}, o.home, {}, UnitKind::Department, "Physics", ""}); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.units().add(OrgUnit{{}, o.home, {}, UnitKind::Department, "", ""}); };
                 }});
    m.push_back({"org_units.hpp", "OrgUnits::update", "unit", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto u = s.units().get(o.faculty);
                         u.code = "ENG";
                         s.units().update(u);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto u = s.units().get(o.faculty);
                         u.parent = o.faculty;
                         s.units().update(u);
                     };
                 }});
    m.push_back({"org_units.hpp", "Contacts::add", "contact", "add",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.contacts().add(Contact{{}, o.jordan, {}, "Rana", "", "", ""}); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.contacts().add(Contact{{}, o.jordan, {}, "Rana", "", "not an address", ""}); };
                 }});
    m.push_back({"org_units.hpp", "Contacts::update", "contact", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto c = s.contacts().get(o.contact);
                         c.phone = "+962 6 000 0000";
                         s.contacts().update(c);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto c = s.contacts().get(o.contact);
                         c.name.clear();
                         s.contacts().update(c);
                     };
                 }});
    m.push_back({"org_units.hpp", "Contacts::remove", "contact", "remove",
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.contacts().remove(o.contact); }; },
                 [](Store& s, Office&) -> Call_ { return [&s] { s.contacts().remove(ContactId{999}); }; }});

    // --- agreements.hpp ---
    m.push_back({"agreements.hpp", "Agreements::add", "agreement", "add",
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.agreements().add(o.mou(o.berlin)); }; },
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.agreements().add(o.mou(o.berlin, "")); }; }});
    m.push_back({"agreements.hpp", "Agreements::add_many", "agreement", "add_many",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.agreements().add_many({o.mou(o.berlin), o.mou(o.birzeit)}); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.agreements().add_many({o.mou(o.berlin), o.mou(o.birzeit, "")}); };
                 }});
    m.push_back({"agreements.hpp", "Agreements::update", "agreement", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto a = s.agreements().get(o.agreement);
                         a.note = "Revised";
                         s.agreements().update(a);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto a = s.agreements().get(o.agreement);
                         a.status = AgreementStatus::InForce;
                         s.agreements().update(a);
                     };
                 }});
    m.push_back({"agreements.hpp", "Agreements::transition", "agreement", "transition",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.agreements().transition(o.agreement, AgreementStatus::InNegotiation, d("2024-02-01")); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.agreements().transition(o.agreement, AgreementStatus::Expired, d("2024-02-01")); };
                 }});
    m.push_back({"agreements.hpp", "Agreements::sign", "agreement", "sign",
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = o.awaiting_signature();
                     return [&s, &o, id] { s.agreements().sign(id, o.jordan, d("2024-03-01"), "President"); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.agreements().sign(o.agreement, o.jordan, d("2024-03-01"), "President"); };
                 }});
    m.push_back({"agreements.hpp", "Agreements::enter_into_force", "agreement", "transition",
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = o.awaiting_signature();
                     s.agreements().sign(id, o.home, d("2024-03-01"));
                     s.agreements().sign(id, o.jordan, d("2024-03-02"));
                     return [&s, id] { s.agreements().enter_into_force(id, d("2024-04-01")); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = o.awaiting_signature();
                     return [&s, id] { s.agreements().enter_into_force(id, d("2024-04-01")); };  // nobody signed
                 }});
    m.push_back({"agreements.hpp", "Agreements::terminate", "agreement", "transition",
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = o.in_force(o.jordan, "2024-01-01", "2028-12-31");
                     return [&s, id] { s.agreements().terminate(id, d("2025-01-01")); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = o.in_force(o.jordan, "2024-01-01", "2028-12-31");
                     return [&s, id] { s.agreements().terminate(id, d("2023-01-01")); };  // before it entered force
                 }});
    m.push_back({"agreements.hpp", "Agreements::expire", "agreement", "transition",
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = o.in_force(o.jordan, "2020-01-01", "2024-12-31");
                     return [&s, id] { s.agreements().expire(id, d("2025-01-01")); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = o.in_force(o.jordan, "2020-01-01", "2024-12-31");
                     return [&s, id] { s.agreements().expire(id, d("2024-06-01")); };  // still in force
                 }});
    m.push_back({"agreements.hpp", "Agreements::renew", "agreement", "renew",
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = o.in_force(o.jordan, "2020-01-01", "2024-12-31");
                     return [&s, id] { s.agreements().renew(id, d("2024-12-01"), d("2025-01-01"), d("2029-12-31")); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = o.in_force(o.jordan, "2020-01-01", "2024-12-31");
                     return [&s, id] { s.agreements().renew(id, d("2024-12-01"), d("2025-01-01"), d("2024-12-31")); };
                 },
                 false,
                 // The successor it creates is recorded in the same "renew" entry.
                 1});

    // --- people.hpp ---
    const auto person = [](const char* family) {
        Person p;
        p.family_name = family;
        return p;
    };
    m.push_back({"people.hpp", "People::add", "person", "add",
                 [person](Store& s, Office&) -> Call_ { return [&s, person] { s.people().add(person("Khalil")); }; },
                 [person](Store& s, Office&) -> Call_ { return [&s, person] { s.people().add(person("")); }; }});
    m.push_back({"people.hpp", "People::add_many", "person", "add_many",
                 [person](Store& s, Office&) -> Call_ {
                     return [&s, person] { s.people().add_many({person("Khalil"), person("Nasser")}); };
                 },
                 [person](Store& s, Office&) -> Call_ { return [&s, person] { s.people().add_many({person("Khalil"), person("")}); }; }});
    m.push_back({"people.hpp", "People::update", "person", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto p = s.people().get(o.person);
                         p.nationality = "PS";
                         s.people().update(p);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto p = s.people().get(o.person);
                         p.nationality = "XX";
                         s.people().update(p);
                     };
                 }});
    m.push_back({"people.hpp", "People::erase", "person", "erase",
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.people().erase(o.person); }; },
                 [](Store& s, Office&) -> Call_ { return [&s] { s.people().erase(PersonId{999}); }; }});
    m.push_back({"people.hpp", "Visits::add", "visit", "add",
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.visits().add(o.a_visit()); }; },
                 [](Store& s, Office& o) -> Call_ {
                     auto v = o.a_visit();
                     v.end = d("2025-02-01");
                     return [&s, v] { s.visits().add(v); };
                 }});
    m.push_back({"people.hpp", "Visits::add_many", "visit", "add_many",
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.visits().add_many({o.a_visit(), o.a_visit()}); }; },
                 [](Store& s, Office& o) -> Call_ {
                     auto bad = o.a_visit();
                     bad.end = d("2025-02-01");
                     return [&s, &o, bad] { s.visits().add_many({o.a_visit(), bad}); };
                 }});
    m.push_back({"people.hpp", "Visits::update", "visit", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto v = s.visits().get(o.visit);
                         v.lectures = 3;
                         s.visits().update(v);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto v = s.visits().get(o.visit);
                         v.status = VisitStatus::Completed;
                         s.visits().update(v);
                     };
                 }});
    m.push_back({"people.hpp", "Visits::transition", "visit", "transition",
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.visits().transition(o.visit, VisitStatus::Confirmed); }; },
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.visits().transition(o.visit, VisitStatus::Completed); }; }});

    // --- programs.hpp ---
    m.push_back({"programs.hpp", "Programs::add", "program", "add",
                 [](Store& s, Office&) -> Call_ {
                     return [&s] { s.programs().add(Program{{}, "Scholarship", ProgramKind::Scholarship, {}, {}, {Audience::Master}, "", ""}); };
                 },
                 [](Store& s, Office&) -> Call_ {
                     return [&s] { s.programs().add(Program{{}, "Scholarship", ProgramKind::Scholarship, {}, {}, {}, "", ""}); };
                 }});
    m.push_back({"programs.hpp", "Programs::update", "program", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto p = s.programs().get(o.program);
                         p.eligibility = "Second-year students";
                         s.programs().update(p);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto p = s.programs().get(o.program);
                         p.name.clear();
                         s.programs().update(p);
                     };
                 }});
    m.push_back({"programs.hpp", "Programs::add_call", "call", "add",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.programs().add_call(Call{{}, o.program, "Call 2026", d("2026-01-01"), d("2026-03-01"), 0, {}, ""}); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.programs().add_call(Call{{}, o.program, "Call 2026", d("2026-03-01"), d("2026-01-01"), 0, {}, ""}); };
                 }});
    m.push_back({"programs.hpp", "Programs::update_call", "call", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto c = s.programs().get_call(o.call);
                         c.places = 4;
                         s.programs().update_call(c);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto c = s.programs().get_call(o.call);
                         c.title.clear();
                         s.programs().update_call(c);
                     };
                 }});
    m.push_back({"programs.hpp", "Programs::apply", "application", "add",
                 [](Store& s, Office& o) -> Call_ {
                     Person p;
                     p.family_name = "Second applicant";
                     const auto applicant = s.people().add(p);
                     return [&s, &o, applicant] {
                         s.programs().apply(Application{{}, o.call, applicant, Audience::Undergraduate, {}, {}, d("2025-01-12"), ""});
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.programs().apply(Application{{}, o.call, o.person, Audience::Doctoral, {}, {}, d("2025-01-12"), ""}); };
                 }});
    m.push_back({"programs.hpp", "Programs::transition", "application", "transition",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.programs().transition(o.application, ApplicationStatus::Submitted, d("2025-01-20")); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.programs().transition(o.application, ApplicationStatus::Completed, d("2025-01-20")); };
                 }});

    // --- activities.hpp ---
    m.push_back({"activities.hpp", "Activities::add", "activity", "add",
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.activities().add(o.an_activity()); }; },
                 [](Store& s, Office& o) -> Call_ {
                     auto a = o.an_activity();
                     a.partners.clear();
                     return [&s, a] { s.activities().add(a); };
                 }});
    m.push_back({"activities.hpp", "Activities::add_many", "activity", "add_many",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.activities().add_many({o.an_activity(), o.an_activity()}); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     auto bad = o.an_activity();
                     bad.title.clear();
                     return [&s, &o, bad] { s.activities().add_many({o.an_activity(), bad}); };
                 }});
    m.push_back({"activities.hpp", "Activities::update", "activity", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto a = s.activities().get(o.activity);
                         a.outcome = "Two papers";
                         s.activities().update(a);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto a = s.activities().get(o.activity);
                         a.participants = -1;
                         s.activities().update(a);
                     };
                 }});

    // --- centres.hpp ---
    m.push_back({"centres.hpp", "Centres::set_expertise", "unit", "set_expertise",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.centres().set_expertise(o.home_centre, Expertise{{"0713"}, {"solar energy"}}); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.centres().set_expertise(o.faculty, Expertise{{"0713"}, {}}); };  // not a centre
                 }});
    m.push_back({"centres.hpp", "Centres::link", "centre_link", "link",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.centres().link(o.home_centre, o.partner_centre, "Joint lab"); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.centres().link(o.home_centre, o.faculty); };  // not a centre
                 }});
    m.push_back({"centres.hpp", "Centres::unlink", "centre_link", "unlink",
                 [](Store& s, Office& o) -> Call_ {
                     s.centres().link(o.home_centre, o.partner_centre);
                     return [&s, &o] { s.centres().unlink(o.home_centre, o.partner_centre); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.centres().unlink(o.home_centre, o.partner_centre); };  // not linked
                 }});

    // --- accreditations.hpp ---
    m.push_back({"accreditations.hpp", "Accreditations::add_framework", "accreditation_framework", "add",
                 [](Store& s, Office& o) -> Call_ {
                     auto fw = builtin_framework("ESG-2015");
                     fw.body = o.body;
                     return [&s, fw] { s.accreditations().add_framework(fw); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     auto fw = builtin_framework("ABET");
                     fw.body = o.body;  // the same (name, version) again
                     return [&s, fw] { s.accreditations().add_framework(fw); };
                 }});
    m.push_back({"accreditations.hpp", "Accreditations::set_timeline_rules", "institution", "set_timeline_rules",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.accreditations().set_timeline_rules(o.body, abet_timeline_rules()); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     auto rules = abet_timeline_rules();
                     rules.body.clear();
                     return [&s, &o, rules] { s.accreditations().set_timeline_rules(o.body, rules); };
                 }});
    m.push_back({"accreditations.hpp", "Accreditations::open_case", "accreditation_case", "add",
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.accreditations().open_case(o.a_case(), d("2025-09-01")); }; },
                 [](Store& s, Office& o) -> Call_ {
                     auto c = o.a_case();
                     c.scope.degree.clear();
                     return [&s, c] { s.accreditations().open_case(c, d("2025-09-01")); };
                 }});
    m.push_back({"accreditations.hpp", "Accreditations::update_case", "accreditation_case", "update",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto c = s.accreditations().get_case(o.accreditation_case);
                         c.note = "Visit team named";
                         s.accreditations().update_case(c);
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         auto c = s.accreditations().get_case(o.accreditation_case);
                         c.scope.degree.clear();
                         s.accreditations().update_case(c);
                     };
                 }});
    m.push_back({"accreditations.hpp", "Accreditations::transition", "accreditation_case", "transition",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         s.accreditations().transition(o.accreditation_case, CaseStatus::SelfStudyInPreparation, d("2025-10-01"));
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.accreditations().transition(o.accreditation_case, CaseStatus::Accredited, d("2025-10-01")); };
                 }});
    m.push_back({"accreditations.hpp", "Accreditations::decide", "accreditation_case", "decide",
                 [](Store& s, Office& o) -> Call_ {
                     o.to_decision_pending(o.accreditation_case);
                     return [&s, &o] {
                         s.accreditations().decide(o.accreditation_case, CaseStatus::Accredited,
                                                   Decision{d("2027-07-15"), d("2033-09-30"), {}, {}, {}, false});
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     o.to_decision_pending(o.accreditation_case);
                     return [&s, &o] {
                         s.accreditations().decide(o.accreditation_case, CaseStatus::Accredited, Decision{d("2027-07-15"), {}, {}, {}, {}, false});
                     };
                 }});
    m.push_back({"accreditations.hpp", "Accreditations::add_follow_up", "accreditation_follow_up", "add",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.accreditations().add_follow_up(FollowUp{{}, o.accreditation_case, "Report", d("2026-01-01"), {}}); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] { s.accreditations().add_follow_up(FollowUp{{}, o.accreditation_case, "", d("2026-01-01"), {}}); };
                 }});
    m.push_back({"accreditations.hpp", "Accreditations::complete_follow_up", "accreditation_follow_up", "complete",
                 [](Store& s, Office& o) -> Call_ {
                     const auto id = s.accreditations().add_follow_up(FollowUp{{}, o.accreditation_case, "Report", d("2026-01-01"), {}});
                     return [&s, id] { s.accreditations().complete_follow_up(id, d("2025-12-01")); };
                 },
                 [](Store& s, Office&) -> Call_ { return [&s] { s.accreditations().complete_follow_up(FollowUpId{999}, d("2025-12-01")); }; }});
    m.push_back({"accreditations.hpp", "Accreditations::add_finding", "accreditation_finding", "add",
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         s.accreditations().add_finding(Finding{{}, o.accreditation_case, "3", FindingLevel::Concern, "Outcomes unclear", {}});
                     };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     return [&s, &o] {
                         s.accreditations().add_finding(Finding{{}, o.accreditation_case, "no such criterion", FindingLevel::Concern, "Text", {}});
                     };
                 }});
    const auto evidence = [](const Office& o, const char* criterion) {
        Evidence e;
        e.accreditation_case = o.accreditation_case;
        e.criterion = criterion;
        e.title = "Course syllabi";
        return e;
    };
    m.push_back({"accreditations.hpp", "Accreditations::add_evidence", "accreditation_evidence", "add",
                 [evidence](Store& s, Office& o) -> Call_ {
                     return [&s, &o, evidence] { s.accreditations().add_evidence(evidence(o, "3")); };
                 },
                 [evidence](Store& s, Office& o) -> Call_ {
                     return [&s, &o, evidence] { s.accreditations().add_evidence(evidence(o, "no such criterion")); };
                 }});
    m.push_back({"accreditations.hpp", "Accreditations::update_evidence", "accreditation_evidence", "update",
                 [evidence](Store& s, Office& o) -> Call_ {
                     auto e = evidence(o, "3");
                     e.id = s.accreditations().add_evidence(e);
                     e.status = EvidenceStatus::Draft;
                     return [&s, e] { s.accreditations().update_evidence(e); };
                 },
                 [evidence](Store& s, Office& o) -> Call_ {
                     auto e = evidence(o, "3");
                     e.id = s.accreditations().add_evidence(e);
                     e.title.clear();
                     return [&s, e] { s.accreditations().update_evidence(e); };
                 }});

    // --- rankings.hpp ---
    m.push_back({"rankings.hpp", "Rankings::save_methodology", "ranking_methodology", "add",
                 [](Store& s, Office& o) -> Call_ { return [&s, &o] { s.rankings().save_methodology(o.a_methodology()); }; },
                 [](Store& s, Office& o) -> Call_ {
                     auto bad = o.a_methodology();
                     bad.indicators.clear();
                     return [&s, bad] { s.rankings().save_methodology(bad); };
                 }});
    m.push_back({"rankings.hpp", "Rankings::save_methodology (replacing)", "ranking_methodology", "update",
                 [](Store& s, Office& o) -> Call_ {
                     s.rankings().save_methodology(o.a_methodology());
                     auto changed = o.a_methodology();
                     changed.name = "Local ranking, revised";
                     return [&s, changed] { s.rankings().save_methodology(changed); };
                 },
                 [](Store& s, Office& o) -> Call_ {
                     auto builtin = o.a_methodology();
                     builtin.system = "ARWU";
                     builtin.year = 2020;
                     return [&s, builtin] { s.rankings().save_methodology(builtin); };
                 }});
    m.push_back({"rankings.hpp", "Rankings::remove_methodology", "ranking_methodology", "remove",
                 [](Store& s, Office& o) -> Call_ {
                     s.rankings().save_methodology(o.a_methodology());
                     return [&s] { s.rankings().remove_methodology("LOCAL-RANK", 2025); };
                 },
                 [](Store& s, Office&) -> Call_ { return [&s] { s.rankings().remove_methodology("LOCAL-RANK", 2025); }; }});
    const auto results = std::vector<PublishedResult>{PublishedResult{"University of Jordan", std::nullopt, "1", 90.0, {}}};
    m.push_back({"rankings.hpp", "Rankings::save_results", "ranking_results", "add",
                 [results](Store& s, Office&) -> Call_ { return [&s, results] { s.rankings().save_results({"LOCAL-RANK", 2025}, results); }; },
                 [](Store& s, Office&) -> Call_ {
                     return [&s] {
                         s.rankings().save_results({"LOCAL-RANK", 2025}, {PublishedResult{"X", std::nullopt, "first", {}, {}}});
                     };
                 }});
    m.push_back({"rankings.hpp", "Rankings::remove_results", "ranking_results", "remove",
                 [results](Store& s, Office&) -> Call_ {
                     s.rankings().save_results({"LOCAL-RANK", 2025}, results);
                     return [&s] { s.rankings().remove_results({"LOCAL-RANK", 2025}); };
                 },
                 [](Store& s, Office&) -> Call_ { return [&s] { s.rankings().remove_results({"LOCAL-RANK", 2025}); }; }});
    m.push_back({"rankings.hpp", "Rankings::set_home_figures", "ranking_home_figures", "add",
                 [](Store& s, Office&) -> Call_ {
                     return [&s] { s.rankings().set_home_figures(2025, {{"faculty_total", 610}, {"international_faculty", 42}}); };
                 },
                 [](Store& s, Office&) -> Call_ { return [&s] { s.rankings().set_home_figures(2025, {{"Faculty Total", 610}}); }; }});
    m.push_back({"rankings.hpp", "Rankings::remove_home_figure", "ranking_home_figures", "remove",
                 [](Store& s, Office&) -> Call_ {
                     s.rankings().set_home_figures(2025, {{"faculty_total", 610}, {"international_faculty", 42}});
                     return [&s] { s.rankings().remove_home_figure(2025, "faculty_total"); };
                 },
                 [](Store& s, Office&) -> Call_ { return [&s] { s.rankings().remove_home_figure(2025, "faculty_total"); }; }});

    // --- collection_exchange.hpp: one entry per import call ---
    const auto one_institution_csv = [] {
        auto source = Store::open(":memory:");
        source.institutions().add(make_institution("Imported University", "FR"));
        return one_record_csv(source);
    };
    m.push_back({"collection_exchange.hpp", "import_csv", "import", "import_csv",
                 [one_institution_csv](Store& s, Office&) -> Call_ {
                     const auto text = one_institution_csv();
                     return [&s, text] { import_csv(s, Collection::Institutions, text); };
                 },
                 [one_institution_csv](Store& s, Office&) -> Call_ {
                     const auto text = replaced(one_institution_csv(), ",FR,", ",XX,");
                     return [&s, text] { import_csv(s, Collection::Institutions, text); };
                 }});
    m.push_back({"collection_exchange.hpp", "import_csv_file", "import", "import_csv",
                 [one_institution_csv, &dir](Store& s, Office&) -> Call_ {
                     const auto path = dir.file("one.csv");
                     std::ofstream(path, std::ios::binary) << one_institution_csv();
                     return [&s, path] { import_csv_file(s, Collection::Institutions, path); };
                 },
                 [&dir](Store& s, Office&) -> Call_ {
                     const auto path = dir.file("missing.csv");
                     return [&s, path] { import_csv_file(s, Collection::Institutions, path); };
                 }});
    const auto one_institution_json = [] {
        auto source = Store::open(":memory:");
        source.institutions().add(make_institution("Imported University", "FR"));
        return replaced(export_json(source, {Collection::Institutions}), "\"id\": 1,", "\"id\": 999,");
    };
    m.push_back({"collection_exchange.hpp", "import_json", "import", "import_json",
                 [one_institution_json](Store& s, Office&) -> Call_ {
                     const auto text = one_institution_json();
                     return [&s, text] { import_json(s, text); };
                 },
                 [](Store& s, Office&) -> Call_ { return [&s] { import_json(s, "{\"format\": \"iro-collections\", \"version\": 1, "); }; }});
    m.push_back({"collection_exchange.hpp", "import_json_file", "import", "import_json",
                 [one_institution_json, &dir](Store& s, Office&) -> Call_ {
                     const auto path = dir.file("one.json");
                     std::ofstream(path, std::ios::binary) << one_institution_json();
                     return [&s, path] { import_json_file(s, path); };
                 },
                 [&dir](Store& s, Office&) -> Call_ {
                     const auto path = dir.file("missing.json");
                     return [&s, path] { import_json_file(s, path); };
                 }});

    // --- snapshot.hpp: into an empty store ---
    const auto archive = [] {
        auto source = Store::open(":memory:");
        SmallOffice office(source);
        office.in_force(office.jordan, "2024-01-01", "2028-12-31");
        // Without the source's audit log, which a whole-office archive carries along.
        SnapshotSelection selection;
        selection.collections = {"institutions", "agreements"};
        return save_snapshot(source, ArchiveFormat::Binary, selection);
    };
    const auto office_store = [](Store& s) {
        SmallOffice office(s);
    };
    m.push_back({"snapshot.hpp", "load_snapshot (bytes)", "snapshot", "snapshot.load",
                 [archive](Store& s, Office&) -> Call_ {
                     const auto bytes = archive();
                     return [&s, bytes] { load_snapshot(s, bytes); };
                 },
                 [archive, office_store](Store& s, Office&) -> Call_ {
                     const auto bytes = archive();
                     office_store(s);  // a store with data refuses a snapshot
                     return [&s, bytes] { load_snapshot(s, bytes); };
                 },
                 true});
    m.push_back({"snapshot.hpp", "load_snapshot (stream)", "snapshot", "snapshot.load",
                 [archive](Store& s, Office&) -> Call_ {
                     const auto bytes = archive();
                     return [&s, bytes] {
                         std::istringstream in(bytes);
                         load_snapshot(s, in);
                     };
                 },
                 [archive](Store& s, Office&) -> Call_ {
                     auto bytes = archive();
                     bytes.resize(bytes.size() / 2);  // truncated
                     return [&s, bytes] {
                         std::istringstream in(bytes);
                         load_snapshot(s, in);
                     };
                 },
                 true});
    m.push_back({"snapshot.hpp", "load_snapshot_file", "snapshot", "snapshot.load",
                 [archive, &dir](Store& s, Office&) -> Call_ {
                     const auto path = dir.file("office.iro");
                     std::ofstream(path, std::ios::binary) << archive();
                     return [&s, path] { load_snapshot_file(s, path); };
                 },
                 [&dir](Store& s, Office&) -> Call_ {
                     const auto path = dir.file("missing.iro");
                     return [&s, path] { load_snapshot_file(s, path); };
                 },
                 true});

    // --- ror_import.hpp: one new record ---
    const auto one_ror_record = [] {
        const auto all = nlohmann::json::parse(read_text(std::string(IRO_TEST_DATA_DIR) + "/ror-v2-sample-400.json"));
        return nlohmann::json::array({all.at(0)}).dump();
    };
    m.push_back({"ror_import.hpp", "import_ror", "ror_import", "import",
                 [one_ror_record](Store& s, Office&) -> Call_ {
                     const auto text = one_ror_record();
                     return [&s, text] { import_ror(s, text); };
                 },
                 [](Store& s, Office&) -> Call_ { return [&s] { import_ror(s, "[{\"id\": 1}"); }; }});
    m.push_back({"ror_import.hpp", "import_ror_file", "ror_import", "import",
                 [one_ror_record, &dir](Store& s, Office&) -> Call_ {
                     const auto path = dir.file("ror.json");
                     std::ofstream(path, std::ios::binary) << one_ror_record();
                     return [&s, path] { import_ror_file(s, path); };
                 },
                 [&dir](Store& s, Office&) -> Call_ {
                     const auto path = dir.file("missing-ror.json");
                     return [&s, path] { import_ror_file(s, path); };
                 }});
    return m;
}

} // namespace

TEST_CASE("every mutating call writes exactly one audit entry and a refused one writes none", "[audit]") {
    TempDir dir;
    for (const auto& mutation : mutations(dir)) {
        INFO(mutation.header << ": " << mutation.method);
        {
            auto store = Store::open(":memory:");
            // Calls that need an empty store get an office of their own, elsewhere.
            auto elsewhere = Store::open(":memory:");
            Office office(mutation.empty_store ? elsewhere : store);
            auto call = mutation.prepare(store, office);
            const auto before = store.audit().size();
            REQUIRE_NOTHROW(call());
            CHECK(store.audit().size() == before + mutation.entries);
            const auto latest = store.audit().latest(mutation.entries);
            REQUIRE(latest.size() == static_cast<std::size_t>(mutation.entries));
            CHECK(std::any_of(latest.begin(), latest.end(), [&](const AuditEntry& e) {
                return e.entity == mutation.entity && e.action == mutation.action;
            }));
            for (const auto& e : latest) {
                CHECK(e.actor == "iro");
                CHECK_FALSE(e.at.empty());
            }
        }
        {
            auto store = Store::open(":memory:");
            // Calls that need an empty store get an office of their own, elsewhere.
            auto elsewhere = Store::open(":memory:");
            Office office(mutation.empty_store ? elsewhere : store);
            auto call = mutation.refused(store, office);
            const auto before = store.audit().size();
            const auto dump = store.logical_dump();
            CHECK_THROWS_AS(call(), Error);
            CHECK(store.audit().size() == before);
            CHECK(store.logical_dump() == dump);
        }
    }
}

TEST_CASE("the table lists as many mutating methods per header as the list at the top says", "[audit]") {
    // Keep in step with the comment at the top of this file: a method added to a header needs
    // a row in mutations() and a new count in both places.
    const std::map<std::string, std::size_t> expected{
        {"institutions.hpp", 5}, {"org_units.hpp", 5},  {"agreements.hpp", 9},          {"people.hpp", 8},
        {"programs.hpp", 6},     {"activities.hpp", 3}, {"centres.hpp", 3},             {"accreditations.hpp", 11},
        {"rankings.hpp", 6},     {"snapshot.hpp", 3},   {"collection_exchange.hpp", 4}, {"ror_import.hpp", 2},
    };
    TempDir dir;
    std::map<std::string, std::set<std::string>> methods;
    for (const auto& m : mutations(dir)) {
        std::string name = m.method;
        if (const auto variant = name.find(" (replacing)"); variant != std::string::npos) name.erase(variant);
        methods[m.header].insert(name);
    }
    CHECK(methods.size() == expected.size());
    for (const auto& [header, count] : expected) {
        INFO(header);
        CHECK(methods[header].size() == count);
    }
}

TEST_CASE("the audit entry of a mutation names the record it changed", "[audit]") {
    auto store = Store::open(":memory:");
    Office o(store);
    auto i = store.institutions().get(o.jordan);
    i.city = "Amman";
    store.institutions().update(i);
    const auto entry = store.audit().latest(1).at(0);
    CHECK(entry.entity_id == o.jordan.value());
    CHECK(entry.before.find("\"city\"") != std::string::npos);
    CHECK(entry.after.find("Amman") != std::string::npos);

    store.agreements().transition(o.agreement, AgreementStatus::InNegotiation, d("2024-02-01"));
    CHECK(store.audit().latest(1).at(0).entity_id == o.agreement.value());
}

TEST_CASE("set_actor is not a change of data: no entry but later entries carry the actor", "[audit]") {
    auto store = Store::open(":memory:");
    Office o(store);
    const auto before = store.audit().size();
    store.set_actor("registrar");
    CHECK(store.audit().size() == before);
    CHECK_THROWS_AS(store.set_actor(""), ValidationError);
    CHECK(store.audit().size() == before);
    store.institutions().add(make_institution("Audited", "FR"));
    CHECK(store.audit().size() == before + 1);
    CHECK(store.audit().latest(1).at(0).actor == "registrar");
}

TEST_CASE("a whole-office snapshot brings its audit log along and adds one entry for the load", "[audit]") {
    auto source = Store::open(":memory:");
    SmallOffice office(source);
    const auto carried = source.audit().size();
    const auto bytes = save_snapshot(source, ArchiveFormat::Xml);

    auto target = Store::open(":memory:");
    REQUIRE(target.audit().size() == 0);
    load_snapshot(target, bytes);
    CHECK(target.audit().size() == carried + 1);
    const auto latest = target.audit().latest(1).at(0);
    CHECK(latest.entity == "snapshot");
    CHECK(latest.action == "snapshot.load");
}

// Batch imports: one entry per call, whose summary names what the call changed.
TEST_CASE("batch imports: a ROR import writes one entry naming what it changed", "[audit]") {
    const auto all = nlohmann::json::parse(read_text(std::string(IRO_TEST_DATA_DIR) + "/ror-v2-sample-400.json"));
    auto store = Store::open(":memory:");
    const auto two = nlohmann::json::array({all.at(0), all.at(1)});
    auto before = store.audit().size();
    const auto added = import_ror(store, two.dump());
    CHECK(added.added == 2);
    CHECK(store.audit().size() == before + 1);

    auto changed = two;
    changed[0]["names"].push_back({{"value", "Alias added later"}, {"types", {"alias"}}, {"lang", nullptr}});
    before = store.audit().size();
    const auto updated = import_ror(store, changed.dump());
    CHECK(updated.updated == 1);
    CHECK(updated.unchanged == 1);
    CHECK(store.audit().size() == before + 1);
    const auto latest = store.audit().latest(1).front();
    CHECK(latest.entity == "ror_import");
    const auto summary = nlohmann::json::parse(latest.after);
    const auto id = store.institutions().find_by_ror(changed[0]["id"].get<std::string>())->id.value();
    CHECK(summary["updated_ids"] == nlohmann::json::array({id}));
}

TEST_CASE("batch imports: an EWP import writes one entry naming its agreements and new partners", "[audit]") {
    auto store = Store::open(":memory:");
    auto home = make_institution("University of Warsaw", "PL", true);
    home.identifiers.schac = "uw.edu.pl";
    store.institutions().add(home);
    ewp::ImportOptions options;
    options.new_partner_countries = {{"hibo.no", "NO"}};
    options.received_on = d("2024-05-01");
    const auto before = store.audit().size();
    const auto report = ewp::import_iias(store, read_text(std::string(IRO_TEST_DATA_DIR) + "/ewp/iia-get-response-v7.xml"), options);
    REQUIRE(report.agreements.size() == 1);
    REQUIRE(report.new_institutions.size() == 1);
    CHECK(store.audit().size() == before + 1);
    const auto latest = store.audit().latest(1).at(0);
    CHECK(latest.entity == "ewp_import");
    CHECK(latest.action == "import");
    const auto summary = nlohmann::json::parse(latest.after);
    CHECK(summary["iias"].at(0)["agreement"] == report.agreements[0].value());
    CHECK(summary["new_institutions"] == nlohmann::json::array({report.new_institutions[0].value()}));
}

// Composite calls fill an empty store through the public collections, which audit as usual.
TEST_CASE("composite calls: the sample generators audit through the collections they use", "[audit]") {
    SECTION("load_sample_dataset: one add_many entry per non-empty collection") {
        auto store = Store::open(":memory:");
        SampleCounts counts;
        counts.institutions = 5;
        counts.agreements = 3;
        counts.people = 4;
        counts.activities = 2;
        counts.visits = 4;
        load_sample_dataset(store, make_sample_dataset(counts, 42, d("2026-01-15")));
        const auto entries = store.audit().latest(100);
        CHECK(entries.size() == 5);
        for (const auto& e : entries) CHECK(e.action == "add_many");
    }
    SECTION("generate_sample_data: every entry is one the collections write") {
        auto store = Store::open(":memory:");
        SampleOptions options;
        options.partners = 5;
        options.agreements = 30;
        const auto summary = generate_sample_data(store, options);
        CHECK(store.audit().size() > 1);
        CHECK(summary.institutions >= 6);
    }
}
