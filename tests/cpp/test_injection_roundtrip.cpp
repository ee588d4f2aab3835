// SQL metacharacters, injection attempts, spreadsheet formulas, markup and awkward Unicode
// pushed through every free text field of every stored value type: each string must come
// back from get() byte for byte, survive the CSV and JSON export -> import and a snapshot
// save -> load, be searched as plain text, and leave the database intact.
//
// Headers covered (every std::string member or text argument that reaches the store):
//   institution.hpp      Institution::names[].value (display, label), city; lang, country,
//                        website and identifiers are shaped values (see "shaped fields")
//   org_unit.hpp         OrgUnit::name, code
//   contact.hpp          Contact::name, role; email and phone shaped
//   person.hpp           Person::given_name, family_name, expertise.keywords; nationality,
//                        email, isced_codes shaped
//   agreement.hpp        Agreement::title, reference, note, parties[].signatory,
//                        documents[].title, location (sha256 shaped); Transition::note
//   agreements.hpp       transition/sign/... note and signatory arguments
//   document_ref.hpp     DocumentRef::title, location (agreements, activities, evidence)
//   mobility_quota.hpp   subject_areas and language_skills[].language are shaped codes
//   program.hpp          Program::name, eligibility (website shaped); Call::title,
//                        eligibility; Application::note; ApplicationTransition::note
//   money.hpp            Money::currency is a shaped code
//   activity.hpp         Activity::title, outcome, evidence[].title, evidence[].location
//   visit.hpp            Visit::note, Visits::transition note
//   centres.hpp          CentreLink::note, Centres::set_expertise keywords
//   accreditation.hpp    Framework::name, version, criteria[].code, title, description,
//                        parent; AccreditationScope::degree; AccreditationCase::note;
//                        CaseTransition::note (transition and decide); FollowUp::title;
//                        Finding::criterion, text; Evidence::criterion, title, document
//   accreditation_timeline.hpp  TimelineRules::body
//   ranking_methodology.hpp     Methodology::name, indicators[].name, pillar (system and
//                               codes shaped)
//   ranking_results.hpp  PublishedResult::institution (rank and score codes shaped)
//   rankings.hpp         home figure keys are shaped
//   audit.hpp / store.hpp  AuditEntry::actor through Store::set_actor
//   ror_details.hpp      RorName::value, RorLocation::name, country_name, subdivision_name,
//                        continent_name, RorRelationship::label (through import_ror, which
//                        also fills Institution::names and city)
// Text used only as a lookup key (search text, filters, system codes, audit entity names)
// is covered in "text used to look things up is only ever a value".
#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include <functional>
#include <map>
#include <optional>
#include <set>

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;

namespace {

// Built to exactly `bytes` bytes (ASCII), out of the same metacharacters.
std::string exact_length(std::size_t bytes) {
    static const std::string pattern = "'; DROP TABLE institution; --\"%_\\*/<x>&amp;=";
    std::string s;
    while (s.size() < bytes) s += pattern;
    s.resize(bytes);
    return s;
}

std::vector<std::string> nasty_strings() {
    return {
        "'; DROP TABLE institution; --",
        "\" OR 1=1 --",
        "Robert'); DELETE FROM agreement;--",
        "%_\\",
        "%",
        "_",
        "100% of the 'best' \"partners\"; \\ back\\\\slashes; semi;colons",
        "*/ /*",
        "' OR ''='",
        "1; SELECT * FROM audit_log WHERE '1'='1",
        "\xE2\x80\x8F" "RTL mark \xD8\xAC\xD8\xA7\xD9\x85\xD8\xB9\xD8\xA9 \xE2\x80\xAE" "override",  // U+200F, Arabic, U+202E
        "emoji \xF0\x9F\x98\x80\xF0\x9F\x8E\x93 and e\xCC\x81\xCC\x81 combining",
        "=cmd|' /C calc'!A0",
        "+1+1",
        "-2-2",
        "@SUM(1+1)",
        "'leading single quote",
        "<script>alert('x')</script>",
        "]]>",
        "&amp; &lt;tag&gt; &#39;",
        "  padded with spaces  ",
        "\"quoted\"",
        "a,b,\"c\",d",
        "line one\nline two\r\nthen\ttab",
        "\ttab first",
        "\"*\" OR \"x\" NEAR y",  // FTS5 operators
    };
}

bool single_line(const std::string& s) { return s.find_first_of("\n\r\t") == std::string::npos; }

// True when every character of `s` is in `charset`: such a string is a well-formed code.
bool only(const std::string& s, std::string_view charset) { return s.find_first_not_of(charset) == std::string::npos; }

constexpr std::string_view kLangChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
constexpr std::string_view kSystemChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
constexpr std::string_view kKeyChars = "abcdefghijklmnopqrstuvwxyz0123456789_";
constexpr std::string_view kPhoneChars = "0123456789 +-().";

// The records every field case builds on.
struct Base {
    InstitutionId home, partner, body;
    UnitId home_unit, home_centre;
    PersonId person;
    ProgramId program;
    CallId call;
    int counter = 0;  // keeps (name, version) pairs and codes unique within a store

    std::string next() { return std::to_string(++counter); }
};

Base make_base(Store& s) {
    Base b;
    b.home = s.institutions().add(make_institution("Home University", "PS", true));
    b.partner = s.institutions().add(make_institution("Partner University", "JO"));
    auto body = make_institution("Accreditation Body", "US");
    body.type = InstitutionType::AccreditationBody;
    b.body = s.institutions().add(body);
    b.home_unit = s.units().add(OrgUnit{{}, b.home, {}, UnitKind::Faculty, "Faculty of Engineering", ""});
    b.home_centre = s.units().add(OrgUnit{{}, b.home, {}, UnitKind::ScientificCentre, "Home Centre", ""});
    Person p;
    p.given_name = "Base";
    p.family_name = "Person";
    b.person = s.people().add(p);
    Program program;
    program.name = "Base program";
    program.audiences = {Audience::Undergraduate};
    b.program = s.programs().add(program);
    Call call;
    call.program = b.program;
    call.title = "Base call";
    call.opens_on = d("2025-01-01");
    call.deadline = d("2025-03-01");
    b.call = s.programs().add_call(call);
    return b;
}

Agreement base_agreement(const Base& b) {
    Agreement a;
    a.title = "Agreement";
    a.parties = {Party{b.home, {}, {}, {}}, Party{b.partner, {}, {}, {}}};
    a.areas = {Area::Research};
    a.proposed_on = d("2024-01-10");
    return a;
}

Activity base_activity(const Base& b) {
    Activity a;
    a.title = "Activity";
    a.partners = {b.partner};
    a.start = d("2025-02-01");
    return a;
}

Visit base_visit(const Base& b) {
    Visit v;
    v.person = b.person;
    v.home_institution = b.partner;
    v.host_institution = b.home;
    v.start = d("2025-03-01");
    v.end = d("2025-03-10");
    return v;
}

FrameworkId add_framework(Store& s, Base& b, std::string name, std::string version, std::vector<Criterion> criteria) {
    Framework f;
    f.body = b.body;
    f.name = std::move(name);
    f.version = std::move(version);
    f.criteria = std::move(criteria);
    return s.accreditations().add_framework(f);
}

// A new case under a new framework whose only criterion has `code`.
CaseId add_case(Store& s, Base& b, const std::string& code = "C1") {
    const auto framework = add_framework(s, b, "Framework", b.next(), {Criterion{code, "Criterion", "", "", 1.0}});
    AccreditationCase c;
    c.scope = {b.home_unit, "B.Sc.", DegreeLevel::Bachelor};
    c.framework = framework;
    c.planned_visit = d("2026-10-12");
    return s.accreditations().open_case(c, d("2025-09-01"));
}

UnitId add_partner_centre(Store& s, const Base& b) {
    return s.units().add(OrgUnit{{}, b.partner, {}, UnitKind::ScientificCentre, "Partner Centre", ""});
}

Methodology base_methodology(int year) {
    Methodology m;
    m.system = "INJ-LOCAL";
    m.year = year;
    m.name = "Methodology";
    m.indicators = {RankingIndicator{"a", "Indicator", 1.0, ""}};
    return m;
}

// One free text field: how to store a string in a new record and how to read it back.
// `ids` names the collection whose ids the returned id belongs to (for translating ids after
// an import); `exchanged` is false for text that CSV and JSON exports do not carry (findings,
// follow-ups, evidence, histories, the audit log, timeline rules), which only snapshots carry.
struct TextField {
    std::string name;
    std::size_t max_bytes = 0;
    bool multiline = false;
    bool exchanged = true;
    std::optional<Collection> ids;
    std::function<std::int64_t(Store&, Base&, const std::string&)> put;
    std::function<std::string(const Store&, std::int64_t)> get;
};

// Single-line fields whose setter accepts a line break anyway: none. (Agreements::sign,
// TimelineRules::body and Store::set_actor once checked only the length.)
const std::set<std::string> kLineBreaksAccepted = {};

std::vector<TextField> text_fields() {
    std::vector<TextField> f;

    // --- institution.hpp ---
    f.push_back({"Institution.names[display].value", 500, false, true, Collection::Institutions,
                 [](Store& s, Base&, const std::string& v) { return s.institutions().add(make_institution(v, "DE")).value(); },
                 [](const Store& s, std::int64_t id) { return s.institutions().get(InstitutionId{id}).display_name(); }});
    f.push_back({"Institution.names[label].value", 500, false, true, Collection::Institutions,
                 [](Store& s, Base&, const std::string& v) {
                     auto i = make_institution("Labelled", "DE");
                     i.names.push_back({v, "ar", NameKind::Label});
                     return s.institutions().add(i).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.institutions().get(InstitutionId{id}).names.at(1).value; }});
    f.push_back({"Institution.city", 500, false, true, Collection::Institutions,
                 [](Store& s, Base&, const std::string& v) {
                     auto i = make_institution("City", "DE");
                     i.city = v;
                     return s.institutions().add(i).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.institutions().get(InstitutionId{id}).city; }});
    f.push_back({"Institution.city (update)", 500, false, true, Collection::Institutions,
                 [](Store& s, Base&, const std::string& v) {
                     const auto id = s.institutions().add(make_institution("Updated", "DE"));
                     auto i = s.institutions().get(id);
                     i.city = v;
                     s.institutions().update(i);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.institutions().get(InstitutionId{id}).city; }});

    // --- org_unit.hpp ---
    f.push_back({"OrgUnit.name", 500, false, true, Collection::Units,
                 [](Store& s, Base& b, const std::string& v) {
                     return s.units().add(OrgUnit{{}, b.home, {}, UnitKind::Department, v, ""}).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.units().get(UnitId{id}).name; }});
    f.push_back({"OrgUnit.code", 50, false, true, Collection::Units,
                 [](Store& s, Base& b, const std::string& v) {
                     return s.units().add(OrgUnit{{}, b.home, {}, UnitKind::Department, "Coded", v}).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.units().get(UnitId{id}).code; }});

    // --- contact.hpp ---
    const auto contact = [](Store& s, Base& b, std::string name, std::string role) {
        return s.contacts().add(Contact{{}, b.partner, {}, std::move(name), std::move(role), "", ""}).value();
    };
    f.push_back({"Contact.name", 500, false, true, Collection::Contacts,
                 [contact](Store& s, Base& b, const std::string& v) { return contact(s, b, v, ""); },
                 [](const Store& s, std::int64_t id) { return s.contacts().get(ContactId{id}).name; }});
    f.push_back({"Contact.role", 500, false, true, Collection::Contacts,
                 [contact](Store& s, Base& b, const std::string& v) { return contact(s, b, "Contact", v); },
                 [](const Store& s, std::int64_t id) { return s.contacts().get(ContactId{id}).role; }});

    // --- person.hpp ---
    f.push_back({"Person.given_name", 200, false, true, Collection::People,
                 [](Store& s, Base&, const std::string& v) {
                     Person p;
                     p.given_name = v;
                     p.family_name = "Family";
                     return s.people().add(p).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.people().get(PersonId{id}).given_name; }});
    f.push_back({"Person.family_name", 200, false, true, Collection::People,
                 [](Store& s, Base&, const std::string& v) {
                     Person p;
                     p.family_name = v;
                     return s.people().add(p).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.people().get(PersonId{id}).family_name; }});
    f.push_back({"Person.expertise.keywords[]", 100, false, true, Collection::People,
                 [](Store& s, Base&, const std::string& v) {
                     Person p;
                     p.family_name = "Expert";
                     p.expertise.keywords = {v};
                     return s.people().add(p).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.people().get(PersonId{id}).expertise.keywords.at(0); }});

    // --- agreement.hpp, agreements.hpp, document_ref.hpp ---
    const auto agreement_field = [](std::string field, std::size_t max, bool multiline, auto set, auto read) {
        return TextField{std::move(field), max, multiline, true, Collection::Agreements,
                         [set](Store& s, Base& b, const std::string& v) {
                             auto a = base_agreement(b);
                             set(a, v);
                             return s.agreements().add(a).value();
                         },
                         [read](const Store& s, std::int64_t id) { return read(s.agreements().get(AgreementId{id})); }};
    };
    f.push_back(agreement_field("Agreement.title", 500, false, [](Agreement& a, const std::string& v) { a.title = v; },
                                [](const Agreement& a) { return a.title; }));
    f.push_back(agreement_field("Agreement.reference", 100, false, [](Agreement& a, const std::string& v) { a.reference = v; },
                                [](const Agreement& a) { return a.reference; }));
    f.push_back(agreement_field("Agreement.note", 10'000, true, [](Agreement& a, const std::string& v) { a.note = v; },
                                [](const Agreement& a) { return a.note; }));
    f.push_back(agreement_field("Agreement.parties[].signatory", 500, false,
                                [](Agreement& a, const std::string& v) { a.parties[1].signatory = v; },
                                [](const Agreement& a) { return a.parties.at(1).signatory; }));
    f.push_back(agreement_field("Agreement.documents[].title", 500, false,
                                [](Agreement& a, const std::string& v) { a.documents = {DocumentRef{v, "/files/mou.pdf", ""}}; },
                                [](const Agreement& a) { return a.documents.at(0).title; }));
    f.push_back(agreement_field("Agreement.documents[].location", 2048, false,
                                [](Agreement& a, const std::string& v) { a.documents = {DocumentRef{"Signed copy", v, ""}}; },
                                [](const Agreement& a) { return a.documents.at(0).location; }));
    f.push_back({"Agreement.note (update)", 10'000, true, true, Collection::Agreements,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto id = s.agreements().add(base_agreement(b));
                     auto a = s.agreements().get(id);
                     a.note = v;
                     s.agreements().update(a);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.agreements().get(AgreementId{id}).note; }});
    f.push_back({"Agreements::sign signatory", 500, false, true, Collection::Agreements,
                 [](Store& s, Base& b, const std::string& v) {
                     auto a = base_agreement(b);
                     a.status = AgreementStatus::AwaitingSignature;
                     const auto id = s.agreements().add(a);
                     s.agreements().sign(id, b.partner, d("2024-03-01"), v);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.agreements().get(AgreementId{id}).parties.at(1).signatory; }});
    f.push_back({"Transition.note (Agreements::transition)", 10'000, true, false, Collection::Agreements,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto id = s.agreements().add(base_agreement(b));
                     s.agreements().transition(id, AgreementStatus::InNegotiation, d("2024-02-01"), v);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.agreements().history(AgreementId{id}).back().note; }});

    // --- program.hpp ---
    f.push_back({"Program.name", 500, false, true, Collection::Programs,
                 [](Store& s, Base&, const std::string& v) {
                     Program p;
                     p.name = v;
                     p.audiences = {Audience::Master};
                     return s.programs().add(p).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.programs().get(ProgramId{id}).name; }});
    f.push_back({"Program.eligibility", 10'000, true, true, Collection::Programs,
                 [](Store& s, Base&, const std::string& v) {
                     Program p;
                     p.name = "Program";
                     p.audiences = {Audience::Master};
                     p.eligibility = v;
                     return s.programs().add(p).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.programs().get(ProgramId{id}).eligibility; }});
    const auto call_with = [](Store& s, Base& b, std::string title, std::string eligibility) {
        Call c;
        c.program = b.program;
        c.title = std::move(title);
        c.eligibility = std::move(eligibility);
        c.opens_on = d("2025-01-01");
        c.deadline = d("2025-02-01");
        return s.programs().add_call(c).value();
    };
    f.push_back({"Call.title", 500, false, true, Collection::Calls,
                 [call_with](Store& s, Base& b, const std::string& v) { return call_with(s, b, v, ""); },
                 [](const Store& s, std::int64_t id) { return s.programs().get_call(CallId{id}).title; }});
    f.push_back({"Call.eligibility", 10'000, true, true, Collection::Calls,
                 [call_with](Store& s, Base& b, const std::string& v) { return call_with(s, b, "Call", v); },
                 [](const Store& s, std::int64_t id) { return s.programs().get_call(CallId{id}).eligibility; }});
    f.push_back({"Application.note", 10'000, true, true, Collection::Applications,
                 [](Store& s, Base& b, const std::string& v) {
                     Person applicant;
                     applicant.family_name = "Applicant " + b.next();
                     Application a;
                     a.call = b.call;
                     a.applicant = s.people().add(applicant);
                     a.created_on = d("2025-01-15");
                     a.note = v;
                     return s.programs().apply(a).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.programs().get_application(ApplicationId{id}).note; }});
    f.push_back({"ApplicationTransition.note", 10'000, true, false, Collection::Applications,
                 [](Store& s, Base& b, const std::string& v) {
                     Person applicant;
                     applicant.family_name = "Applicant " + b.next();
                     Application a;
                     a.call = b.call;
                     a.applicant = s.people().add(applicant);
                     a.created_on = d("2025-01-15");
                     const auto id = s.programs().apply(a);
                     s.programs().transition(id, ApplicationStatus::Submitted, d("2025-01-20"), v);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.programs().history(ApplicationId{id}).back().note; }});

    // --- activity.hpp ---
    const auto activity_field = [](std::string field, std::size_t max, bool multiline, auto set, auto read) {
        return TextField{std::move(field), max, multiline, true, Collection::Activities,
                         [set](Store& s, Base& b, const std::string& v) {
                             auto a = base_activity(b);
                             set(a, v);
                             return s.activities().add(a).value();
                         },
                         [read](const Store& s, std::int64_t id) { return read(s.activities().get(ActivityId{id})); }};
    };
    f.push_back(activity_field("Activity.title", 500, false, [](Activity& a, const std::string& v) { a.title = v; },
                               [](const Activity& a) { return a.title; }));
    f.push_back(activity_field("Activity.outcome", 10'000, true, [](Activity& a, const std::string& v) { a.outcome = v; },
                               [](const Activity& a) { return a.outcome; }));
    f.push_back(activity_field("Activity.evidence[].title", 500, false,
                               [](Activity& a, const std::string& v) { a.evidence = {DocumentRef{v, "https://example.org/x", ""}}; },
                               [](const Activity& a) { return a.evidence.at(0).title; }));
    f.push_back(activity_field("Activity.evidence[].location", 2048, false,
                               [](Activity& a, const std::string& v) { a.evidence = {DocumentRef{"Report", v, ""}}; },
                               [](const Activity& a) { return a.evidence.at(0).location; }));

    // --- visit.hpp ---
    f.push_back({"Visit.note", 10'000, true, true, Collection::Visits,
                 [](Store& s, Base& b, const std::string& v) {
                     auto visit = base_visit(b);
                     visit.note = v;
                     return s.visits().add(visit).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.visits().get(VisitId{id}).note; }});
    f.push_back({"Visits::transition note", 10'000, true, true, Collection::Visits,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto id = s.visits().add(base_visit(b));
                     s.visits().transition(id, VisitStatus::Cancelled, v);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.visits().get(VisitId{id}).note; }});

    // --- centres.hpp ---
    f.push_back({"Centres::set_expertise keywords[]", 100, false, true, Collection::Units,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto centre = add_partner_centre(s, b);
                     s.centres().set_expertise(centre, Expertise{{}, {v}});
                     return centre.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.centres().expertise(UnitId{id}).keywords.at(0); }});
    f.push_back({"CentreLink.note", 10'000, true, true, Collection::Units,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto centre = add_partner_centre(s, b);
                     s.centres().link(b.home_centre, centre, v);
                     return centre.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.centres().links(UnitId{id}).at(0).note; }});

    // --- accreditation.hpp ---
    f.push_back({"Framework.name", 500, false, true, Collection::Frameworks,
                 [](Store& s, Base& b, const std::string& v) {
                     return add_framework(s, b, v, b.next(), {Criterion{"1", "One", "", "", 1.0}}).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().get_framework(FrameworkId{id}).name; }});
    f.push_back({"Framework.version", 50, false, true, Collection::Frameworks,
                 [](Store& s, Base& b, const std::string& v) {
                     return add_framework(s, b, "Versioned " + b.next(), v, {Criterion{"1", "One", "", "", 1.0}}).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().get_framework(FrameworkId{id}).version; }});
    f.push_back({"Criterion.code and parent", 50, false, true, Collection::Frameworks,
                 [](Store& s, Base& b, const std::string& v) {
                     return add_framework(s, b, "Coded", b.next(),
                                          {Criterion{v, "Parent", "", "", 1.0}, Criterion{"child", "Child", "", v, 1.0}})
                         .value();
                 },
                 [](const Store& s, std::int64_t id) {
                     const auto fw = s.accreditations().get_framework(FrameworkId{id});
                     // Both must hold the string; a mismatch shows up as a difference.
                     return fw.criteria.at(1).parent == fw.criteria.at(0).code ? fw.criteria.at(0).code
                                                                               : fw.criteria.at(0).code + " != " + fw.criteria.at(1).parent;
                 }});
    f.push_back({"Criterion.title", 500, false, true, Collection::Frameworks,
                 [](Store& s, Base& b, const std::string& v) {
                     return add_framework(s, b, "Titled", b.next(), {Criterion{"1", v, "", "", 1.0}}).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().get_framework(FrameworkId{id}).criteria.at(0).title; }});
    f.push_back({"Criterion.description", 10'000, true, true, Collection::Frameworks,
                 [](Store& s, Base& b, const std::string& v) {
                     return add_framework(s, b, "Described", b.next(), {Criterion{"1", "One", v, "", 1.0}}).value();
                 },
                 [](const Store& s, std::int64_t id) {
                     return s.accreditations().get_framework(FrameworkId{id}).criteria.at(0).description;
                 }});
    f.push_back({"AccreditationScope.degree", 500, false, true, Collection::AccreditationCases,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto id = add_case(s, b);
                     auto c = s.accreditations().get_case(id);
                     c.scope.degree = v;
                     s.accreditations().update_case(c);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().get_case(CaseId{id}).scope.degree; }});
    f.push_back({"AccreditationCase.note", 10'000, true, true, Collection::AccreditationCases,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto framework = add_framework(s, b, "Framework", b.next(), {Criterion{"1", "One", "", "", 1.0}});
                     AccreditationCase c;
                     c.scope = {b.home_unit, "B.Sc.", DegreeLevel::Bachelor};
                     c.framework = framework;
                     c.note = v;
                     return s.accreditations().open_case(c, d("2025-09-01")).value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().get_case(CaseId{id}).note; }});
    f.push_back({"CaseTransition.note (transition)", 10'000, true, false, Collection::AccreditationCases,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto id = add_case(s, b);
                     s.accreditations().transition(id, CaseStatus::SelfStudyInPreparation, d("2025-10-01"), v);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().history(CaseId{id}).back().note; }});
    f.push_back({"CaseTransition.note (decide)", 10'000, true, false, Collection::AccreditationCases,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto id = add_case(s, b);
                     auto& acc = s.accreditations();
                     acc.transition(id, CaseStatus::SelfStudyInPreparation, d("2025-10-01"));
                     acc.transition(id, CaseStatus::SelfStudySubmitted, d("2026-06-25"));
                     acc.transition(id, CaseStatus::SiteVisitScheduled, d("2026-07-10"));
                     acc.transition(id, CaseStatus::VisitDone, d("2026-10-14"));
                     acc.transition(id, CaseStatus::DecisionPending, d("2026-10-20"));
                     acc.decide(id, CaseStatus::Accredited, Decision{d("2027-07-15"), d("2033-09-30"), {}, {}, {}, false}, v);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().history(CaseId{id}).back().note; }});
    f.push_back({"FollowUp.title", 500, false, false, Collection::AccreditationCases,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto id = add_case(s, b);
                     s.accreditations().add_follow_up(FollowUp{{}, id, v, d("2026-01-01"), {}});
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().follow_ups(CaseId{id}).at(0).title; }});
    f.push_back({"Finding.text", 10'000, true, false, Collection::AccreditationCases,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto id = add_case(s, b);
                     s.accreditations().add_finding(Finding{{}, id, "C1", FindingLevel::Concern, v, {}});
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().findings(CaseId{id}).at(0).text; }});
    f.push_back({"Finding.criterion", 50, false, false, Collection::AccreditationCases,
                 [](Store& s, Base& b, const std::string& v) {
                     const auto id = add_case(s, b, v);
                     s.accreditations().add_finding(Finding{{}, id, v, FindingLevel::Concern, "Text", {}});
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().findings(CaseId{id}).at(0).criterion; }});
    const auto evidence_field = [](std::string field, std::size_t max, auto make, auto read) {
        return TextField{std::move(field), max, false, false, Collection::AccreditationCases,
                         [make](Store& s, Base& b, const std::string& v) {
                             Evidence e = make(v);
                             const auto id = add_case(s, b, e.criterion);
                             e.accreditation_case = id;
                             s.accreditations().add_evidence(e);
                             return id.value();
                         },
                         [read](const Store& s, std::int64_t id) { return read(s.accreditations().evidence(CaseId{id}).at(0)); }};
    };
    const auto evidence = [](std::string criterion, std::string title, std::optional<DocumentRef> doc) {
        Evidence e;
        e.criterion = std::move(criterion);
        e.title = std::move(title);
        e.document = std::move(doc);
        return e;
    };
    f.push_back(evidence_field("Evidence.criterion", 50, [evidence](const std::string& v) { return evidence(v, "Evidence", {}); },
                               [](const Evidence& e) { return e.criterion; }));
    f.push_back(evidence_field("Evidence.title", 500, [evidence](const std::string& v) { return evidence("C1", v, {}); },
                               [](const Evidence& e) { return e.title; }));
    f.push_back(evidence_field("Evidence.document.title", 500,
                               [evidence](const std::string& v) { return evidence("C1", "Evidence", DocumentRef{v, "/x.pdf", ""}); },
                               [](const Evidence& e) { return e.document.value().title; }));
    f.push_back(evidence_field("Evidence.document.location", 2048,
                               [evidence](const std::string& v) { return evidence("C1", "Evidence", DocumentRef{"Doc", v, ""}); },
                               [](const Evidence& e) { return e.document.value().location; }));
    f.push_back({"Evidence.title (update_evidence)", 500, false, false, Collection::AccreditationCases,
                 [evidence](Store& s, Base& b, const std::string& v) {
                     const auto id = add_case(s, b);
                     auto e = evidence("C1", "Evidence", {});
                     e.accreditation_case = id;
                     e.id = s.accreditations().add_evidence(e);
                     e.title = v;
                     s.accreditations().update_evidence(e);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().evidence(CaseId{id}).at(0).title; }});

    // --- accreditation_timeline.hpp ---
    f.push_back({"TimelineRules.body", 100, false, false, Collection::Institutions,
                 [](Store& s, Base&, const std::string& v) {
                     auto body = make_institution("Timeline body", "US");
                     body.type = InstitutionType::AccreditationBody;
                     const auto id = s.institutions().add(body);
                     auto rules = abet_timeline_rules();
                     rules.body = v;
                     s.accreditations().set_timeline_rules(id, rules);
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) { return s.accreditations().timeline_rules(InstitutionId{id}).value().body; }});

    // --- ranking_methodology.hpp, ranking_results.hpp (keyed by year; the key survives as is) ---
    f.push_back({"Methodology.name", 500, false, true, std::nullopt,
                 [](Store& s, Base&, const std::string& v) {
                     auto m = base_methodology(2001);
                     m.name = v;
                     s.rankings().save_methodology(m);
                     return std::int64_t{2001};
                 },
                 [](const Store& s, std::int64_t year) { return s.rankings().load_methodology("INJ-LOCAL", static_cast<int>(year)).name; }});
    f.push_back({"RankingIndicator.name", 500, false, true, std::nullopt,
                 [](Store& s, Base&, const std::string& v) {
                     auto m = base_methodology(2002);
                     m.indicators[0].name = v;
                     s.rankings().save_methodology(m);
                     return std::int64_t{2002};
                 },
                 [](const Store& s, std::int64_t year) {
                     return s.rankings().load_methodology("INJ-LOCAL", static_cast<int>(year)).indicators.at(0).name;
                 }});
    f.push_back({"RankingIndicator.pillar", 500, false, true, std::nullopt,
                 [](Store& s, Base&, const std::string& v) {
                     auto m = base_methodology(2003);
                     m.indicators[0].pillar = v;
                     s.rankings().save_methodology(m);
                     return std::int64_t{2003};
                 },
                 [](const Store& s, std::int64_t year) {
                     return s.rankings().load_methodology("INJ-LOCAL", static_cast<int>(year)).indicators.at(0).pillar;
                 }});
    f.push_back({"PublishedResult.institution", 500, false, true, std::nullopt,
                 [](Store& s, Base&, const std::string& v) {
                     s.rankings().save_results({"INJ-LOCAL", 2001}, {PublishedResult{v, std::nullopt, "1", 90.0, {{"a", 90.0}}}});
                     return std::int64_t{2001};
                 },
                 [](const Store& s, std::int64_t year) {
                     return s.rankings().results({"INJ-LOCAL", static_cast<int>(year)}).at(0).institution;
                 }});

    // --- audit.hpp / store.hpp: the actor, on the audit entry and on a recorded transition ---
    f.push_back({"AuditEntry.actor (Store::set_actor)", 200, false, false, Collection::Agreements,
                 [](Store& s, Base& b, const std::string& v) {
                     s.set_actor(v);
                     const auto id = s.agreements().add(base_agreement(b));
                     s.set_actor("iro");
                     return id.value();
                 },
                 [](const Store& s, std::int64_t id) {
                     const auto entries = s.audit().for_entity("agreement", id);
                     const auto history = s.agreements().history(AgreementId{id});
                     return entries.at(0).actor == history.at(0).actor ? entries.at(0).actor
                                                                       : entries.at(0).actor + " != " + history.at(0).actor;
                 }});
    return f;
}

bool fits(const TextField& field, const std::string& s) {
    return s.size() <= field.max_bytes && (field.multiline || single_line(s));
}

struct Placed {
    const TextField* field;
    std::string value;
    std::int64_t id;
};

// Stands for "a string of exactly the field's maximum length" in place_all.
const std::string kLongest = "\x01longest";

// Stores every string that fits every field; checks get() right away.
std::vector<Placed> place_all(Store& store, Base& base, const std::vector<TextField>& fields, const std::vector<std::string>& strings) {
    std::vector<Placed> placed;
    for (const auto& field : fields) {
        for (const auto& given : strings) {
            const auto s = given == kLongest ? exact_length(field.max_bytes) : given;
            if (!fits(field, s)) continue;
            INFO("field " << field.name << ", string [" << s << "]");
            std::int64_t id = 0;
            REQUIRE_NOTHROW(id = field.put(store, base, s));
            CHECK(field.get(store, id) == s);
            placed.push_back({&field, s, id});
        }
    }
    return placed;
}

std::int64_t translated(const ImportIdMap& ids, const TextField& field, std::int64_t id) {
    if (!field.ids) return id;
    const auto c = ids.find(*field.ids);
    if (c == ids.end()) return id;
    const auto it = c->second.find(id);
    return it == c->second.end() ? id : it->second;
}

void check_placed(const Store& store, const std::vector<Placed>& placed, bool exchanged_only, const ImportIdMap* ids = nullptr) {
    for (const auto& p : placed) {
        if (exchanged_only && !p.field->exchanged) continue;
        INFO("field " << p.field->name << ", string [" << p.value << "]");
        const auto id = ids ? translated(*ids, *p.field, p.id) : p.id;
        std::string back;
        REQUIRE_NOTHROW(back = p.field->get(store, id));
        CHECK(back == p.value);
    }
}

// Every table is still there and SQLite finds the file sound.
void check_file_intact(const std::string& path, const std::string& dump_before) {
    {
        SQLite::Database db(path, SQLite::OPEN_READONLY);
        SQLite::Statement integrity(db, "PRAGMA integrity_check");
        REQUIRE(integrity.executeStep());
        CHECK(integrity.getColumn(0).getString() == "ok");
        SQLite::Statement fk(db, "PRAGMA foreign_key_check");
        CHECK_FALSE(fk.executeStep());
        for (const char* table : {"institution", "agreement", "org_unit", "contact", "person", "program", "call", "application",
                                  "activity", "visit", "audit_log", "meta"}) {
            SQLite::Statement st(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
            st.bind(1, table);
            REQUIRE(st.executeStep());
            CHECK(st.getColumn(0).getInt() == 1);
        }
    }
    auto reopened = Store::open(path);
    CHECK(reopened.logical_dump() == dump_before);
}

} // namespace

TEST_CASE("injection strings round-trip exactly through every text field", "[injection]") {
    const auto fields = text_fields();
    auto strings = nasty_strings();
    strings.push_back(kLongest);
    for (const auto& s : strings) {
        INFO("string [" << (s == kLongest ? std::string("each field's maximum length") : s) << "]");
        TempDir dir;
        const auto path = dir.file("office.db");
        std::vector<Placed> placed;
        std::string dump;
        {
            auto store = Store::open(path);
            auto base = make_base(store);
            placed = place_all(store, base, fields, {s});
            dump = store.logical_dump();

            {
                INFO("CSV export -> import, table by table");
                auto target = Store::open(":memory:");
                ImportIdMap ids;
                TableImportOptions options;
                options.ids = &ids;
                for (const auto c : all_collections()) {
                    INFO("collection " << to_string(c));
                    const auto text = export_csv(store, c);
                    REQUIRE_NOTHROW(import_csv(target, c, text, options));
                    CHECK(export_csv(target, c) == text);
                }
                check_placed(target, placed, true, &ids);
            }
            {
                INFO("JSON export -> import");
                auto target = Store::open(":memory:");
                const auto text = export_json(store);
                REQUIRE_NOTHROW(import_json(target, text));
                CHECK(export_json(target) == text);
                check_placed(target, placed, true);
            }
            for (const auto format : {ArchiveFormat::Xml, ArchiveFormat::Text, ArchiveFormat::Binary}) {
                INFO("snapshot save -> load, format " << archive_format_name(format));
                auto target = Store::open(":memory:");
                const auto bytes = save_snapshot(store, format);
                REQUIRE_NOTHROW(load_snapshot(target, bytes));
                check_placed(target, placed, false);
            }
        }
        check_file_intact(path, dump);
    }
}

TEST_CASE("a string of exactly the maximum length fits every text field and one byte more is refused", "[injection]") {
    const auto fields = text_fields();
    TestStore t(false);
    auto base = make_base(t.store);
    for (const auto& field : fields) {
        INFO("field " << field.name << ", " << field.max_bytes << " bytes");
        const auto longest = exact_length(field.max_bytes);
        const auto id = field.put(t.store, base, longest);
        CHECK(field.get(t.store, id) == longest);

        // Refused, never truncated: not even the first max_bytes of it are stored. (A field's
        // setup may write records of its own before the refused call, so the check is on the
        // text rather than on the whole dump.)
        auto fresh = Store::open(":memory:");
        auto fresh_base = make_base(fresh);
        const auto too_long = exact_length(field.max_bytes + 1);
        CHECK_THROWS_AS(field.put(fresh, fresh_base, too_long), ValidationError);
        CHECK_THROWS_WITH(field.put(fresh, fresh_base, too_long), Contains(std::to_string(field.max_bytes)));
        CHECK(fresh.logical_dump().find(longest) == std::string::npos);
    }
}

TEST_CASE("single-line text fields refuse line breaks and leave the store unchanged", "[injection]") {
    const auto fields = text_fields();
    TestStore t(false);
    auto base = make_base(t.store);
    for (const auto& field : fields) {
        if (field.multiline) continue;
        INFO("field " << field.name);
        if (kLineBreaksAccepted.count(field.name)) {
            const auto id = field.put(t.store, base, "first line\nsecond line");
            CHECK(field.get(t.store, id) == "first line\nsecond line");
            continue;
        }
        // As above, the field's own setup may write records first: check the text.
        auto fresh = Store::open(":memory:");
        auto fresh_base = make_base(fresh);
        CHECK_THROWS_AS(field.put(fresh, fresh_base, "first line\nDROP TABLE institution;"), ValidationError);
        CHECK(fresh.logical_dump().find("first line") == std::string::npos);
    }
}

TEST_CASE("shaped fields accept metacharacters their shape allows and refuse the rest", "[injection]") {
    TestStore t(GENERATE(false, true));
    auto base = make_base(t.store);
    auto& s = t.store;

    SECTION("e-mail addresses and websites keep quotes, percent signs and slashes") {
        const std::string email = "o'brien\"%_\\*/x'OR'1'='1@example.edu";
        const std::string website = "https://example.org/?q=';DROP%20TABLE%20institution;--&x=%_\\*/";
        Contact c{{}, base.partner, {}, "Contact", "", email, ""};
        const auto contact = s.contacts().add(c);
        CHECK(s.contacts().get(contact).email == email);

        Person p;
        p.family_name = "Mailed";
        p.email = email;
        const auto person = s.people().add(p);
        CHECK(s.people().get(person).email == email);

        auto i = make_institution("Webbed", "DE");
        i.website = website;
        const auto inst = s.institutions().add(i);
        CHECK(s.institutions().get(inst).website == website);

        Program prog;
        prog.name = "Webbed program";
        prog.audiences = {Audience::Faculty};
        prog.website = website;
        const auto program = s.programs().add(prog);
        CHECK(s.programs().get(program).website == website);

        auto target = Store::open(":memory:");
        REQUIRE_NOTHROW(import_json(target, export_json(s)));
        CHECK(export_json(target) == export_json(s));
        CHECK(target.contacts().get(contact).email == email);
        CHECK(target.people().get(person).email == email);
        CHECK(target.institutions().get(inst).website == website);
        CHECK(target.programs().get(program).website == website);
    }

    SECTION("codes, identifiers and keys refuse injection strings with a ValidationError") {
        const auto before = s.logical_dump();
        for (const auto& v : nasty_strings()) {
            INFO("string [" << v << "]");
            auto i = make_institution("Coded", "DE");
            i.country = v;
            CHECK_THROWS_AS(s.institutions().add(i), ValidationError);
            if (!only(v, kLangChars)) {
                i = make_institution("Coded", "DE");
                i.names[0].lang = v;
                CHECK_THROWS_AS(s.institutions().add(i), ValidationError);
            }
            i = make_institution("Coded", "DE");
            i.website = v;
            CHECK_THROWS_AS(s.institutions().add(i), ValidationError);
            for (auto id : {&Identifiers::ror, &Identifiers::erasmus, &Identifiers::schac, &Identifiers::pic, &Identifiers::wikidata}) {
                i = make_institution("Coded", "DE");
                i.identifiers.*id = v;
                CHECK_THROWS_AS(s.institutions().add(i), ValidationError);
            }
            CHECK_THROWS_AS(s.contacts().add(Contact{{}, base.partner, {}, "C", "", v, ""}), ValidationError);
            if (!only(v, kPhoneChars))
                CHECK_THROWS_AS(s.contacts().add(Contact{{}, base.partner, {}, "C", "", "", v}), ValidationError);
            Person p;
            p.family_name = "P";
            p.nationality = v;
            CHECK_THROWS_AS(s.people().add(p), ValidationError);
            p.nationality.clear();
            p.email = v;
            CHECK_THROWS_AS(s.people().add(p), ValidationError);
            p.email.clear();
            p.expertise.isced_codes = {v};
            CHECK_THROWS_AS(s.people().add(p), ValidationError);

            auto a = base_agreement(base);
            a.documents = {DocumentRef{"Doc", "/doc.pdf", v}};
            CHECK_THROWS_AS(s.agreements().add(a), ValidationError);
            a = base_agreement(base);
            MobilityQuota q;
            q.sending = base.home;
            q.receiving = base.partner;
            q.academic_years = {AcademicYear{2025}};
            q.mobilities_per_year = 2;
            q.total_months_per_year = 10;
            q.subject_areas = {v};
            a.quotas = {q};
            CHECK_THROWS_AS(s.agreements().add(a), ValidationError);
            q.subject_areas.clear();
            q.language_skills = {LanguageSkill{v, CefrLevel::B2}};
            a.quotas = {q};
            CHECK_THROWS_AS(s.agreements().add(a), ValidationError);

            Call call;
            call.program = base.program;
            call.title = "Funded";
            call.opens_on = d("2025-01-01");
            call.deadline = d("2025-02-01");
            call.funding = Money{100, v};
            CHECK_THROWS_AS(s.programs().add_call(call), ValidationError);

            auto m = base_methodology(2010);
            CHECK_THROWS_AS(s.rankings().save_results({"INJ-LOCAL", 2010}, {PublishedResult{"Inst", std::nullopt, v, {}, {}}}),
                            ValidationError);
            // System codes are [A-Z0-9-]+ ("-2-2" is one); indicator codes, score codes and
            // figure keys are [a-z0-9_]+ ("_" is one).
            if (!only(v, kSystemChars)) {
                m.system = v;
                CHECK_THROWS_AS(s.rankings().save_methodology(m), ValidationError);
                CHECK_THROWS_AS(s.rankings().save_results({v, 2010}, {PublishedResult{"Inst", std::nullopt, "1", {}, {}}}),
                                ValidationError);
            }
            if (!only(v, kKeyChars)) {
                m = base_methodology(2010);
                m.indicators[0].code = v;
                CHECK_THROWS_AS(s.rankings().save_methodology(m), ValidationError);
                CHECK_THROWS_AS(
                    s.rankings().save_results({"INJ-LOCAL", 2010}, {PublishedResult{"Inst", std::nullopt, "1", {}, {{v, 1.0}}}}),
                    ValidationError);
                CHECK_THROWS_AS(s.rankings().set_home_figures(2025, {{v, 1.0}}), ValidationError);
            }
        }
        CHECK(s.logical_dump() == before);
    }
}

TEST_CASE("text used to look things up is only ever a value", "[injection]") {
    TestStore t(GENERATE(false, true));
    make_base(t.store);
    auto& s = t.store;
    const auto strings = nasty_strings();
    std::map<std::string, InstitutionId> by_name;
    for (const auto& v : strings)
        if (single_line(v)) by_name[v] = s.institutions().add(make_institution(v, "DE"));
    const auto dump = s.logical_dump();
    const auto everyone = s.institutions().count({.include_home = true});
    REQUIRE(everyone > 10);

    SECTION("name search treats the query as words, never as LIKE patterns or FTS5 syntax") {
        for (const auto& entry : by_name) {
            const auto& v = entry.first;
            const auto id = entry.second;
            INFO("query [" << v << "]");
            std::vector<Institution> found;
            REQUIRE_NOTHROW(found = s.institutions().search(v));
            const bool has_word = std::any_of(v.begin(), v.end(), [](char c) {
                const auto u = static_cast<unsigned char>(c);
                return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
            });
            if (has_word) {
                CHECK(std::any_of(found.begin(), found.end(), [&](const Institution& i) { return i.id == id; }));
                CHECK(static_cast<std::int64_t>(found.size()) < everyone);
            }
        }
        // Wildcards and operators alone are not words: nothing matches, certainly not everything.
        for (const char* q : {"%", "_", "%_\\", "*", "*/ /*", "'", "\"", "' ''='", "\" \"\"=\"", "-", "^", ":"}) {
            INFO("query [" << q << "]");
            std::vector<Institution> found;
            REQUIRE_NOTHROW(found = s.institutions().search(q));
            CHECK(found.empty());
        }
        // "or" is a word like any other: it finds the names holding it, not every row.
        const auto ors = s.institutions().search("OR");
        for (const auto& i : ors) CHECK(fold_for_search(i.display_name()).find("or") != std::string::npos);
    }

    SECTION("filters and keys given injection strings refuse or find nothing, and write nothing") {
        for (const auto& v : strings) {
            INFO("string [" << v << "]");
            InstitutionFilter fi;
            fi.country = v;
            CHECK_THROWS_AS(s.institutions().find(fi), ValidationError);
            AgreementFilter fa;
            fa.country = v;
            CHECK_THROWS_AS(s.agreements().find(fa), ValidationError);
            PersonFilter fp;
            fp.nationality = v;
            CHECK_THROWS_AS(s.people().find(fp), ValidationError);
            CHECK_THROWS_AS(s.institutions().find_by_ror(v), ValidationError);
            CHECK(s.audit().for_entity(v, 1).empty());
            CHECK_THROWS_AS(s.rankings().load_methodology(v, 2020), NotFoundError);
            CHECK_THROWS_AS(s.rankings().methodology(v, 2020), NotFoundError);
            CHECK_THROWS_AS(s.rankings().remove_home_figure(2020, v), NotFoundError);
            CHECK(s.rankings().editions_with_results(v).empty());
            if (only(v, kSystemChars)) CHECK(s.rankings().tables(v).empty());
            else CHECK_THROWS_AS(s.rankings().tables(v), ValidationError);
        }
        CHECK(s.logical_dump() == dump);
    }
}

TEST_CASE("ROR records carrying injection strings import and read back exactly", "[injection]") {
    std::ifstream in(std::string(IRO_TEST_DATA_DIR) + "/ror-v2-sample-400.json", std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    const auto sample = nlohmann::json::parse(text.str()).at(0);  // names[1] is the ror_display name

    for (const auto& v : nasty_strings()) {
        if (!single_line(v)) continue;
        INFO("string [" << v << "]");
        auto record = sample;
        record["names"][0]["value"] = v;
        record["names"][1]["value"] = v;
        auto& geo = record["locations"][0]["geonames_details"];
        geo["name"] = v;
        geo["country_name"] = v;
        geo["country_subdivision_name"] = v;
        geo["continent_name"] = v;
        record["relationships"][0]["label"] = v;

        auto store = Store::open(":memory:");
        const auto result = import_ror(store, nlohmann::json::array({record}).dump());
        REQUIRE(result.added == 1);
        const auto institution = store.institutions().find_by_ror(record["id"].get<std::string>());
        REQUIRE(institution);
        CHECK(institution->display_name() == v);
        CHECK(institution->city == v);
        const auto details = ror_details(store, institution->id);
        REQUIRE(details.names.size() == 2);
        CHECK(details.names[0].value == v);
        CHECK(details.names[1].value == v);
        REQUIRE(details.locations.size() == 1);
        CHECK(details.locations[0].name == v);
        CHECK(details.locations[0].country_name == v);
        CHECK(details.locations[0].subdivision_name == v);
        CHECK(details.locations[0].continent_name == v);
        REQUIRE(details.relationships.size() == 1);
        CHECK(details.relationships[0].label == v);

        // The same dump again changes nothing: the stored text compares equal to the input.
        const auto again = import_ror(store, nlohmann::json::array({record}).dump());
        CHECK(again.unchanged == 1);

        auto target = Store::open(":memory:");
        load_snapshot(target, save_snapshot(store, ArchiveFormat::Binary));
        CHECK(ror_details(target, institution->id) == details);
        CHECK(target.institutions().get(institution->id) == *institution);
    }
}
