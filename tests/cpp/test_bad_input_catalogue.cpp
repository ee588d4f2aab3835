// The bad-input catalogue: one table of refused inputs across every entry point of the
// library (the collections' add/update/lifecycle calls, ROR import, EWP IIA documents, CSV
// and JSON exchange, office snapshots and value archives, and the fields that end up in the
// .ics export). Every case runs against the same seeded office and checks three things:
// the exact error type (not a base class), that the message names what was wrong (field,
// line, column, path or limit), and that the logical dump of the stores is byte-for-byte the
// same before and after. docs/limits.md lists the limits exercised here.
#include "test_support.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <typeindex>
#include <typeinfo>

using namespace iro;
using namespace iro::test;

namespace {

std::string read_data(const std::string& name) {
    std::ifstream in(std::string(IRO_TEST_DATA_DIR) + "/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    return text;
}

std::string replace_first(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// The seeded office every case runs against, plus an empty store for snapshot loads (a
// snapshot only loads into a store without office data).
struct Office {
    Store store = Store::open(":memory:");
    Store empty = Store::open(":memory:");
    InstitutionId home, jordan, berlin, abet;
    UnitId engineering, home_centre, partner_centre;
    AgreementId proposed, in_force, awaiting;
    PersonId person;
    ProgramId program;
    CallId call;
    ApplicationId application;
    ActivityId activity;
    VisitId visit;
    FrameworkId framework;
    CaseId accreditation_case;
    std::string snapshot_xml;
    std::string snapshot_binary;
    std::string ewp;  // the official IIA example, with the home institution as its first partner

    Office() {
        auto h = make_institution("Palestine Polytechnic University", "PS", true);
        h.identifiers.schac = "ppu.edu";
        home = store.institutions().add(h);
        auto j = make_institution("University of Jordan", "JO");
        j.identifiers.ror = "https://ror.org/05k89ew48";
        jordan = store.institutions().add(j);
        berlin = store.institutions().add(make_institution("Freie Universität Berlin", "DE"));
        auto body = make_institution("ABET", "US");
        body.type = InstitutionType::AccreditationBody;
        abet = store.institutions().add(body);

        engineering = store.units().add(OrgUnit{{}, home, {}, UnitKind::Faculty, "Faculty of Engineering", "ENG"});
        home_centre = store.units().add(OrgUnit{{}, home, {}, UnitKind::ScientificCentre, "Centre for Renewable Energy", ""});
        partner_centre = store.units().add(OrgUnit{{}, jordan, {}, UnitKind::ScientificCentre, "Water Research Centre", ""});

        Agreement a;
        a.kind = AgreementKind::Mou;
        a.title = "Memorandum of understanding with Jordan";
        a.reference = "PPU-2024-001";
        a.parties = {Party{home, {}, {}, {}}, Party{jordan, {}, {}, {}}};
        a.areas = {Area::Research, Area::StudentExchange};
        a.proposed_on = d("2024-01-10");
        MobilityQuota q;
        q.sending = home;
        q.receiving = jordan;
        q.type = MobilityType::StudentStudies;
        q.academic_years = {AcademicYear{2025}};
        q.mobilities_per_year = 2;
        q.total_months_per_year = 10;
        a.quotas = {q};
        a.documents = {DocumentRef{"Signed copy", "files/ppu-2024-001.pdf", ""}};
        proposed = store.agreements().add(a);

        in_force = add_in_force(store, home, berlin);
        Agreement w;
        w.kind = AgreementKind::Mou;
        w.title = "Memorandum awaiting signature";
        w.parties = {Party{home, {}, {}, {}}, Party{jordan, {}, {}, {}}};
        w.areas = {Area::Education};
        w.status = AgreementStatus::AwaitingSignature;
        w.proposed_on = d("2024-05-01");
        awaiting = store.agreements().add(w);

        Person p;
        p.given_name = "Lina";
        p.family_name = "Haddad";
        p.role = PersonRole::Faculty;
        p.affiliation = home;
        p.unit = engineering;
        p.nationality = "PS";
        p.email = "lina@example.edu";
        person = store.people().add(p);

        Program prog;
        prog.name = "Erasmus+ KA171 with Jordan";
        prog.kind = ProgramKind::Exchange;
        prog.provider = jordan;
        prog.audiences = {Audience::Undergraduate, Audience::Faculty};
        program = store.programs().add(prog);
        Call c;
        c.program = program;
        c.title = "Spring 2026 call";
        c.opens_on = d("2026-01-01");
        c.deadline = d("2026-02-28");
        c.places = 4;
        call = store.programs().add_call(c);
        Application app;
        app.call = call;
        app.applicant = person;
        app.audience = Audience::Faculty;
        app.created_on = d("2026-01-05");
        application = store.programs().apply(app);

        Activity act;
        act.type = ActivityType::JointPublication;
        act.title = "Joint paper on solar desalination";
        act.partners = {jordan};
        act.area = Area::Research;
        act.start = d("2025-03-01");
        act.publications = 1;
        activity = store.activities().add(act);

        Visit v;
        v.person = person;
        v.direction = VisitDirection::Outgoing;
        v.purpose = VisitPurpose::Teaching;
        v.home_institution = home;
        v.host_institution = jordan;
        v.start = d("2026-04-01");
        v.end = d("2026-04-10");
        visit = store.visits().add(v);

        auto f = builtin_framework("ABET");
        f.body = abet;
        framework = store.accreditations().add_framework(f);
        AccreditationCase ac;
        ac.scope = {engineering, "B.Sc. in Computer Engineering", DegreeLevel::Bachelor};
        ac.framework = framework;
        ac.planned_visit = d("2026-10-12");
        accreditation_case = store.accreditations().open_case(ac, d("2025-09-01"));

        store.rankings().save_methodology(methodology());

        snapshot_xml = save_snapshot(store, ArchiveFormat::Xml);
        snapshot_binary = save_snapshot(store, ArchiveFormat::Binary);
        ewp = replace_all(read_data("ewp/iia-get-response-v7.xml"), "uw.edu.pl", "ppu.edu");
    }

    static Methodology methodology() {
        Methodology m;
        m.system = "PS-NATIONAL";
        m.year = 2025;
        m.name = "National university ranking (office's model)";
        m.indicators = {{"research", "Research output", 0.6, "Research"}, {"teaching", "Teaching", 0.4, "Education"}};
        return m;
    }

    // An agreement in force, signed by both sides.
    static AgreementId add_in_force(Store& store, InstitutionId home, InstitutionId partner) {
        Agreement a;
        a.kind = AgreementKind::Mou;
        a.title = "Cooperation agreement with Berlin";
        a.parties = {Party{home, {}, d("2024-02-01"), {}}, Party{partner, {}, d("2024-02-01"), {}}};
        a.areas = {Area::Research};
        a.status = AgreementStatus::InForce;
        a.proposed_on = d("2024-01-15");
        a.in_force_from = d("2024-02-01");
        a.valid_until = d("2029-01-31");
        return store.agreements().add(a);
    }

    std::string dump() const { return store.logical_dump() + "\n----\n" + empty.logical_dump(); }

    Institution partner(const char* name = "Université de Tunis", const char* country = "TN") const {
        return make_institution(name, country);
    }
    Agreement agreement() const { return store.agreements().get(proposed); }
    Person a_person() const { return store.people().get(person); }
    Visit a_visit() const { return store.visits().get(visit); }
    Program a_program() const { return store.programs().get(program); }
    Call a_call() const { return store.programs().get_call(call); }
    Activity an_activity() const { return store.activities().get(activity); }
};

struct Case {
    const char* entry;  // "C++ API", "ROR", "EWP", "CSV", "JSON", "archive", "ics"
    const char* name;
    std::function<void(Office&)> call;
    std::type_index error;
    std::vector<std::string> fragments;  // each must be in what()
};

template <class E>
std::type_index type() {
    return std::type_index(typeid(E));
}

const std::string kLong(501, 'x');          // the name limit (500 bytes) plus one
const std::string kLongNote(10'001, 'n');   // the note limit (10,000 bytes) plus one
const std::string kBadUtf8 = "Universit\xC3\x28";  // a lead byte followed by no continuation

std::string ror_record(const std::string& id, const std::string& country = "JO") {
    return R"({"id": ")" + id + R"(", "names": [{"value": "Test University", "types": ["ror_display"], "lang": "en"}],
        "types": ["education"], "status": "active",
        "locations": [{"geonames_id": 250441, "geonames_details": {"name": "Amman", "country_code": ")" +
           country + R"("}}],
        "links": [], "external_ids": [], "relationships": [], "domains": [], "established": 1962,
        "admin": {"created": {"date": "2026-01-01", "schema_version": "2.1"},
                  "last_modified": {"date": "2026-01-01", "schema_version": "2.1"}}})";
}

// A value archive of an institution, to damage.
std::string institution_archive(ArchiveFormat format = ArchiveFormat::Text) {
    return to_archive(make_institution("Archived University", "JO"), format);
}

std::vector<Case> catalogue() {
    std::vector<Case> table;
    const auto add = [&](const char* entry, const char* name, std::function<void(Office&)> fn, std::type_index error,
                         std::vector<std::string> fragments) {
        table.push_back(Case{entry, name, std::move(fn), error, std::move(fragments)});
    };
    const char* api = "C++ API";

    // ---- Institutions ----------------------------------------------------------------------
    add(api, "institution without a display name", [](Office& o) {
        auto i = o.partner();
        i.names[0].kind = NameKind::Label;
        o.store.institutions().add(i);
    }, type<ValidationError>(), {"names", "one name of kind 'display'"});
    add(api, "institution with unknown country code", [](Office& o) { o.store.institutions().add(o.partner("Uni", "XX")); },
        type<ValidationError>(), {"country", "'XX'"});
    add(api, "institution with three-letter country code", [](Office& o) { o.store.institutions().add(o.partner("Uni", "TUN")); },
        type<ValidationError>(), {"country", "'TUN'"});
    add(api, "institution name one byte over the limit", [](Office& o) { o.store.institutions().add(o.partner(kLong.c_str())); },
        type<ValidationError>(), {"names[0].value", "at most 500 bytes (got 501)"});
    add(api, "institution name of invalid UTF-8", [](Office& o) { o.store.institutions().add(o.partner(kBadUtf8.c_str())); },
        type<ValidationError>(), {"names[0].value", "UTF-8"});
    add(api, "institution name with a control character", [](Office& o) { o.store.institutions().add(o.partner("Uni\x07versity")); },
        type<ValidationError>(), {"names[0].value", "control"});
    add(api, "institution name blank", [](Office& o) { o.store.institutions().add(o.partner("   ")); },
        type<ValidationError>(), {"names[0].value"});
    add(api, "institution name language tag malformed", [](Office& o) {
        auto i = o.partner();
        i.names[0].lang = "english language";
        o.store.institutions().add(i);
    }, type<ValidationError>(), {"names[0].lang"});
    add(api, "institution ROR id with a wrong checksum", [](Office& o) {
        auto i = o.partner();
        i.identifiers.ror = "https://ror.org/05k89ew49";
        o.store.institutions().add(i);
    }, type<ValidationError>(), {"ror", "05k89ew49"});
    add(api, "institution PIC of two digits", [](Office& o) {
        auto i = o.partner();
        i.identifiers.pic = "12";
        o.store.institutions().add(i);
    }, type<ValidationError>(), {"pic", "'12'"});
    add(api, "institution SCHAC code without a dot", [](Office& o) {
        auto i = o.partner();
        i.identifiers.schac = "localhost";
        o.store.institutions().add(i);
    }, type<ValidationError>(), {"schac", "localhost"});
    add(api, "institution Wikidata id without Q", [](Office& o) {
        auto i = o.partner();
        i.identifiers.wikidata = "12345";
        o.store.institutions().add(i);
    }, type<ValidationError>(), {"wikidata", "12345"});
    add(api, "institution website not a URL", [](Office& o) {
        auto i = o.partner();
        i.website = "not a url";
        o.store.institutions().add(i);
    }, type<ValidationError>(), {"website", "not a url"});
    add(api, "institution city over the limit", [](Office& o) {
        auto i = o.partner();
        i.city = kLong;
        o.store.institutions().add(i);
    }, type<ValidationError>(), {"city", "at most 500 bytes"});
    add(api, "institution with a duplicate ROR id", [](Office& o) {
        auto i = o.partner();
        i.identifiers.ror = "https://ror.org/05k89ew48";
        o.store.institutions().add(i);
    }, type<ConflictError>(), {"05k89ew48"});
    add(api, "a second home institution", [](Office& o) {
        auto i = o.partner();
        i.is_home = true;
        o.store.institutions().add(i);
    }, type<ConflictError>(), {"home"});
    add(api, "institution update of an unknown id", [](Office& o) {
        auto i = o.partner();
        i.id = InstitutionId{9999};
        o.store.institutions().update(i);
    }, type<NotFoundError>(), {"9999"});
    add(api, "institution merged into itself", [](Office& o) { o.store.institutions().merge_into(o.jordan, o.jordan); },
        type<ValidationError>(), {"successor"});
    add(api, "regional set with an unknown country", [](Office& o) { o.store.institutions().set_regional_countries({"JO", "ZZ"}); },
        type<ValidationError>(), {"ZZ"});

    // ---- Units and contacts ----------------------------------------------------------------
    add(api, "unit of an unknown institution", [](Office& o) {
        o.store.units().add(OrgUnit{{}, InstitutionId{4242}, {}, UnitKind::Department, "Physics", ""});
    }, type<NotFoundError>(), {"4242"});
    add(api, "unit with a blank name", [](Office& o) { o.store.units().add(OrgUnit{{}, o.home, {}, UnitKind::Department, "", ""}); },
        type<ValidationError>(), {"name"});
    add(api, "unit whose parent belongs to another institution", [](Office& o) {
        o.store.units().add(OrgUnit{{}, o.home, o.partner_centre, UnitKind::Department, "Physics", ""});
    }, type<ValidationError>(), {"parent"});
    add(api, "unit code over 50 bytes", [](Office& o) {
        o.store.units().add(OrgUnit{{}, o.home, {}, UnitKind::Department, "Physics", std::string(51, 'C')});
    }, type<ValidationError>(), {"code", "at most 50 bytes"});
    add(api, "contact with a malformed e-mail", [](Office& o) {
        o.store.contacts().add(Contact{{}, o.jordan, {}, "Rana Odeh", "Officer", "rana@", ""});
    }, type<ValidationError>(), {"email", "rana@"});
    add(api, "contact phone with a line break", [](Office& o) {
        o.store.contacts().add(Contact{{}, o.jordan, {}, "Rana Odeh", "Officer", "", "+962\n6 535 5000"});
    }, type<ValidationError>(), {"phone"});

    // ---- Agreements ------------------------------------------------------------------------
    add(api, "agreement title one byte over the limit", [](Office& o) {
        auto a = o.agreement();
        a.id = {};
        a.reference = "";
        a.title = kLong;
        o.store.agreements().add(a);
    }, type<ValidationError>(), {"title", "at most 500 bytes (got 501)"});
    add(api, "agreement title empty", [](Office& o) {
        auto a = o.agreement();
        a.title = "";
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"title"});
    add("ics", "agreement title with CR LF (would start a new .ics line)", [](Office& o) {
        auto a = o.agreement();
        a.title = "MoU\r\nBEGIN:VEVENT";
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"title"});
    add("ics", "agreement reference with a line feed (.ics description)", [](Office& o) {
        auto a = o.agreement();
        a.reference = "PPU\nX-INJECTED:1";
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"reference"});
    add(api, "agreement reference over 100 bytes", [](Office& o) {
        auto a = o.agreement();
        a.reference = std::string(101, 'R');
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"reference", "at most 100 bytes"});
    add(api, "agreement note one byte over the limit", [](Office& o) {
        auto a = o.agreement();
        a.note = kLongNote;
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"note", "at most 10000 bytes (got 10001)"});
    add(api, "agreement note of invalid UTF-8", [](Office& o) {
        auto a = o.agreement();
        a.note = kBadUtf8;
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"note", "UTF-8"});
    add(api, "agreement without areas", [](Office& o) {
        auto a = o.agreement();
        a.areas.clear();
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"areas"});
    add(api, "agreement with a repeated area", [](Office& o) {
        auto a = o.agreement();
        a.areas = {Area::Research, Area::Research};
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"areas"});
    add(api, "agreement party that does not exist", [](Office& o) {
        auto a = o.agreement();
        a.parties[1].institution = InstitutionId{5555};
        a.quotas.clear();
        o.store.agreements().update(a);
    }, type<NotFoundError>(), {"5555"});
    add(api, "agreement without the home institution", [](Office& o) {
        auto a = o.agreement();
        a.parties[0].institution = o.berlin;
        a.quotas.clear();
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"home"});
    add(api, "agreement proposed on an impossible date", [](Office& o) {
        auto a = o.agreement();
        a.proposed_on = std::chrono::year{2026} / 2 / 30;
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"proposed_on"});
    add(api, "agreement with negative tacit renewal", [](Office& o) {
        auto a = o.agreement();
        a.tacit_renewal_years = -1;
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"tacit_renewal_years", "'-1'"});
    add(api, "agreement with negative notice days", [](Office& o) {
        auto a = o.agreement();
        a.notice_days = -30;
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"notice_days", "'-30'"});
    add(api, "agreement with a duplicate reference", [](Office& o) {
        auto a = o.agreement();
        a.id = {};
        o.store.agreements().add(a);
    }, type<ConflictError>(), {"PPU-2024-001"});
    add(api, "quota with negative mobilities", [](Office& o) {
        auto a = o.agreement();
        a.quotas[0].mobilities_per_year = -2;
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"quotas[0].mobilities_per_year", "'-2'"});
    add(api, "quota of student mobility with staff days", [](Office& o) {
        auto a = o.agreement();
        a.quotas[0].total_days_per_year = 5;
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"quotas[0].total_days_per_year"});
    add(api, "quota with an ISCED code of one digit", [](Office& o) {
        auto a = o.agreement();
        a.quotas[0].subject_areas = {"7"};
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"quotas[0].subject_areas", "'7'"});
    add(api, "quota with EQF level 9", [](Office& o) {
        auto a = o.agreement();
        a.quotas[0].eqf_levels = {6, 9};
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"quotas[0].eqf_levels", "'9'"});
    add(api, "quota from an institution that is no party", [](Office& o) {
        auto a = o.agreement();
        a.quotas[0].receiving = o.berlin;
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"quotas[0]", "'3'", "parties"});
    add(api, "quota language of three capitals", [](Office& o) {
        auto a = o.agreement();
        a.quotas[0].language_skills = {LanguageSkill{"ENG", CefrLevel::B2}};
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"quotas[0].language_skills", "ENG"});
    add(api, "document with a malformed SHA-256", [](Office& o) {
        auto a = o.agreement();
        a.documents[0].sha256 = "abc123";
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"documents[0].sha256", "'abc123'", "64 hexadecimal"});
    add(api, "document location one byte over 2048", [](Office& o) {
        auto a = o.agreement();
        a.documents[0].location = std::string(2049, 'p');
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"documents[0].location", "at most 2048 bytes"});
    add(api, "update that changes the status", [](Office& o) {
        auto a = o.agreement();
        a.status = AgreementStatus::InForce;
        o.store.agreements().update(a);
    }, type<ConflictError>(), {"status"});
    add(api, "illegal lifecycle move proposed -> in_force", [](Office& o) {
        o.store.agreements().transition(o.proposed, AgreementStatus::InForce, d("2024-03-01"));
    }, type<ConflictError>(), {"proposed", "in_force"});
    add(api, "transition of an unknown agreement", [](Office& o) {
        o.store.agreements().transition(AgreementId{777}, AgreementStatus::InNegotiation, d("2024-03-01"));
    }, type<NotFoundError>(), {"777"});
    add(api, "signature before the agreement awaits it", [](Office& o) {
        o.store.agreements().sign(o.proposed, o.jordan, d("2024-03-01"), "President");
    }, type<ConflictError>(), {"agreement 1", "'awaiting_signature'"});
    add(api, "signature by an institution that is no party", [](Office& o) {
        o.store.agreements().sign(o.awaiting, o.berlin, d("2024-06-01"), "President");
    }, type<ValidationError>(), {"party"});
    add(api, "signatory one byte over the limit", [](Office& o) {
        o.store.agreements().sign(o.awaiting, o.jordan, d("2024-06-01"), kLong);
    }, type<ValidationError>(), {"signatory", "at most 500 bytes"});
    add(api, "signatory of invalid UTF-8", [](Office& o) {
        o.store.agreements().sign(o.awaiting, o.jordan, d("2024-06-01"), kBadUtf8);
    }, type<ValidationError>(), {"signatory", "UTF-8"});
    add(api, "signatory with a line feed", [](Office& o) {
        o.store.agreements().sign(o.awaiting, o.jordan, d("2024-06-01"), "President\nX-INJECTED:1");
    }, type<ValidationError>(), {"signatory", "single line"});
    add(api, "entry into force without signatures", [](Office& o) {
        o.store.agreements().enter_into_force(o.awaiting, d("2024-06-01"));
    }, type<ConflictError>(), {"sign"});
    add(api, "expiry of an agreement still in force", [](Office& o) {
        o.store.agreements().expire(o.in_force, d("2025-01-01"));
    }, type<ConflictError>(), {"2029-01-31"});
    add(api, "transition note one byte over the limit", [](Office& o) {
        o.store.agreements().transition(o.proposed, AgreementStatus::InNegotiation, d("2024-03-01"), kLongNote);
    }, type<ValidationError>(), {"note", "at most 10000 bytes"});

    // ---- People and visits -----------------------------------------------------------------
    add(api, "person family name over 200 bytes", [](Office& o) {
        auto p = o.a_person();
        p.family_name = std::string(201, 'H');
        o.store.people().update(p);
    }, type<ValidationError>(), {"family_name", "at most 200 bytes"});
    add(api, "person with unknown nationality", [](Office& o) {
        auto p = o.a_person();
        p.nationality = "QQ";
        o.store.people().update(p);
    }, type<ValidationError>(), {"nationality", "'QQ'"});
    add(api, "person with a malformed e-mail", [](Office& o) {
        auto p = o.a_person();
        p.email = "lina at example";
        o.store.people().update(p);
    }, type<ValidationError>(), {"email", "lina at example"});
    add(api, "person expertise ISCED code of letters", [](Office& o) {
        auto p = o.a_person();
        p.expertise.isced_codes = {"abc"};
        o.store.people().update(p);
    }, type<ValidationError>(), {"expertise.isced_codes[0]", "'abc'"});
    add(api, "person unit of another institution", [](Office& o) {
        auto p = o.a_person();
        p.unit = o.partner_centre;
        o.store.people().update(p);
    }, type<ValidationError>(), {"unit"});
    add(api, "erasing an unknown person", [](Office& o) { o.store.people().erase(PersonId{31337}); },
        type<NotFoundError>(), {"31337"});
    add(api, "visit ending before it starts", [](Office& o) {
        auto v = o.a_visit();
        v.end = d("2026-03-01");
        o.store.visits().update(v);
    }, type<ValidationError>(), {"end", "2026-03-01"});
    add(api, "visit of an unknown person", [](Office& o) {
        auto v = o.a_visit();
        v.id = {};
        v.person = PersonId{8080};
        o.store.visits().add(v);
    }, type<NotFoundError>(), {"8080"});
    add(api, "visit with negative lectures", [](Office& o) {
        auto v = o.a_visit();
        v.lectures = -1;
        o.store.visits().update(v);
    }, type<ValidationError>(), {"lectures", "'-1'"});
    add(api, "visit with NaN teaching hours", [](Office& o) {
        auto v = o.a_visit();
        v.teaching_hours = std::numeric_limits<double>::quiet_NaN();
        o.store.visits().update(v);
    }, type<ValidationError>(), {"teaching_hours"});
    add(api, "visit note with a NUL byte", [](Office& o) {
        auto v = o.a_visit();
        v.note = std::string("note\0more", 9);
        o.store.visits().update(v);
    }, type<ValidationError>(), {"invalid note"});
    add(api, "visit move planned -> completed", [](Office& o) { o.store.visits().transition(o.visit, VisitStatus::Completed); },
        type<ConflictError>(), {"planned", "completed"});

    // ---- Programs, calls, applications -----------------------------------------------------
    add(api, "program without audiences", [](Office& o) {
        auto p = o.a_program();
        p.audiences.clear();
        o.store.programs().update(p);
    }, type<ValidationError>(), {"audiences"});
    add(api, "program name one byte over the limit", [](Office& o) {
        auto p = o.a_program();
        p.name = kLong;
        o.store.programs().update(p);
    }, type<ValidationError>(), {"name", "at most 500 bytes (got 501)"});
    add(api, "program eligibility one byte over the note limit", [](Office& o) {
        auto p = o.a_program();
        p.eligibility = kLongNote;
        o.store.programs().update(p);
    }, type<ValidationError>(), {"eligibility", "at most 10000 bytes"});
    add(api, "call deadline before it opens", [](Office& o) {
        auto c = o.a_call();
        c.deadline = d("2025-12-01");
        o.store.programs().update_call(c);
    }, type<ValidationError>(), {"deadline", "2025-12-01"});
    add(api, "call with negative places", [](Office& o) {
        auto c = o.a_call();
        c.places = -4;
        o.store.programs().update_call(c);
    }, type<ValidationError>(), {"places", "'-4'"});
    add(api, "call funding in a lower-case currency", [](Office& o) {
        auto c = o.a_call();
        c.funding = Money{1500, "eur"};
        o.store.programs().update_call(c);
    }, type<ValidationError>(), {"currency", "'eur'"});
    add("ics", "call title with CR LF (.ics summary)", [](Office& o) {
        auto c = o.a_call();
        c.title = "Spring call\r\nDTSTART:19700101";
        o.store.programs().update_call(c);
    }, type<ValidationError>(), {"title"});
    add(api, "application to an unknown call", [](Office& o) {
        Application app;
        app.call = CallId{6060};
        app.applicant = o.person;
        app.created_on = d("2026-01-06");
        o.store.programs().apply(app);
    }, type<NotFoundError>(), {"6060"});
    add(api, "application move draft -> completed", [](Office& o) {
        o.store.programs().transition(o.application, ApplicationStatus::Completed, d("2026-02-01"));
    }, type<ConflictError>(), {"draft", "completed"});

    // ---- Activities and centres ------------------------------------------------------------
    add(api, "activity without partners", [](Office& o) {
        auto a = o.an_activity();
        a.partners.clear();
        o.store.activities().update(a);
    }, type<ValidationError>(), {"partners"});
    add(api, "activity ending before it starts", [](Office& o) {
        auto a = o.an_activity();
        a.end = d("2025-01-01");
        o.store.activities().update(a);
    }, type<ValidationError>(), {"end", "2025-01-01"});
    add(api, "activity with negative publications", [](Office& o) {
        auto a = o.an_activity();
        a.publications = -3;
        o.store.activities().update(a);
    }, type<ValidationError>(), {"publications", "'-3'"});
    add(api, "activity outcome one byte over the note limit", [](Office& o) {
        auto a = o.an_activity();
        a.outcome = kLongNote;
        o.store.activities().update(a);
    }, type<ValidationError>(), {"outcome", "at most 10000 bytes"});
    add(api, "activity of an unknown partner", [](Office& o) {
        auto a = o.an_activity();
        a.id = {};
        a.partners = {InstitutionId{9191}};
        o.store.activities().add(a);
    }, type<NotFoundError>(), {"9191"});
    add(api, "centre linked to itself", [](Office& o) { o.store.centres().link(o.home_centre, o.home_centre); },
        type<ValidationError>(), {"centre"});
    add(api, "centre expertise keyword over 100 bytes", [](Office& o) {
        o.store.centres().set_expertise(o.home_centre, Expertise{{}, {std::string(101, 'k')}});
    }, type<ValidationError>(), {"keywords[0]", "at most 100 bytes"});

    // ---- Accreditation ---------------------------------------------------------------------
    add(api, "case under an unknown framework", [](Office& o) {
        AccreditationCase ac;
        ac.scope = {o.engineering, "B.Sc. in Civil Engineering", DegreeLevel::Bachelor};
        ac.framework = FrameworkId{4040};
        o.store.accreditations().open_case(ac, d("2025-09-01"));
    }, type<NotFoundError>(), {"4040"});
    add("ics", "case degree with CR LF (.ics summary)", [](Office& o) {
        auto ac = o.store.accreditations().get_case(o.accreditation_case);
        ac.scope.degree = "B.Sc.\r\nEND:VCALENDAR";
        o.store.accreditations().update_case(ac);
    }, type<ValidationError>(), {"degree"});
    add(api, "case move planning -> accredited", [](Office& o) {
        o.store.accreditations().transition(o.accreditation_case, CaseStatus::Accredited, d("2025-10-01"));
    }, type<ConflictError>(), {"accreditation case 1", "decide()"});
    add(api, "evidence for an unknown criterion", [](Office& o) {
        Evidence e;
        e.accreditation_case = o.accreditation_case;
        e.criterion = "99";
        e.title = "Self-study chapter";
        o.store.accreditations().add_evidence(e);
    }, type<ValidationError>(), {"criterion", "'99'"});
    add(api, "follow-up with an empty title", [](Office& o) {
        o.store.accreditations().add_follow_up(FollowUp{{}, o.accreditation_case, "", d("2026-01-01"), {}});
    }, type<ValidationError>(), {"title"});
    add("ics", "follow-up title with a line feed (.ics summary)", [](Office& o) {
        o.store.accreditations().add_follow_up(FollowUp{{}, o.accreditation_case, "Report\nATTENDEE:x", d("2026-01-01"), {}});
    }, type<ValidationError>(), {"title"});

    // ---- Rankings --------------------------------------------------------------------------
    add(api, "methodology with a negative weight", [](Office& o) {
        auto m = Office::methodology();
        m.indicators[1].weight = -0.4;
        o.store.rankings().save_methodology(m);
    }, type<ValidationError>(), {"indicators[1].weight"});
    add(api, "methodology replacing a built-in edition", [](Office& o) {
        auto m = methodology("QS-WUR", 2026);
        m.scale_min = 10;
        m.scale_max = 90;
        o.store.rankings().save_methodology(m);
    }, type<ConflictError>(), {"QS-WUR 2026", "built-in"});
    add(api, "methodology name over the limit", [](Office& o) {
        auto m = Office::methodology();
        m.name = kLong;
        o.store.rankings().save_methodology(m);
    }, type<ValidationError>(), {"name", "at most 500 bytes"});
    add(api, "removing an unknown methodology", [](Office& o) { o.store.rankings().remove_methodology("PS-NATIONAL", 1999); },
        type<NotFoundError>(), {"PS-NATIONAL 1999"});
    add(api, "home figure that is not finite", [](Office& o) {
        o.store.rankings().set_home_figures(2025, {{"students", std::numeric_limits<double>::infinity()}});
    }, type<ValidationError>(), {"students"});

    // ---- Parsers of single values ----------------------------------------------------------
    add(api, "date with month 13", [](Office&) { (void)parse_date("2026-13-01"); }, type<ValidationError>(), {"date", "2026-13-01"});
    add(api, "academic year that spans two years", [](Office&) { (void)AcademicYear::parse("2025/2027"); },
        type<ValidationError>(), {"2025/2027"});
    add(api, "unknown enum name", [](Office&) { (void)enum_from_string<AgreementStatus>("signed"); },
        type<ValidationError>(), {"status", "'signed'"});

    // ---- ROR import ------------------------------------------------------------------------
    add("ROR", "malformed JSON", [](Office& o) { import_ror(o.store, R"([{"id": "https://ror.org/05k89ew48",)"); },
        type<FormatError>(), {"byte"});
    add("ROR", "top level not an array", [](Office& o) { import_ror(o.store, R"({"id": "x"})"); },
        type<FormatError>(), {"array"});
    add("ROR", "record id with a bad checksum", [](Office& o) { import_ror(o.store, "[" + ror_record("https://ror.org/05k89ew49") + "]"); },
        type<RorRecordError>(), {"id", "05k89ew49", "record 0"});
    add("ROR", "record with an unknown country", [](Office& o) { import_ror(o.store, "[" + ror_record("https://ror.org/05k89ew48", "XX") + "]"); },
        type<RorRecordError>(), {"locations[0].geonames_details.country_code", "'XX'"});
    add("ROR", "record larger than max_record_bytes", [](Office& o) {
        RorImportOptions options;
        options.max_record_bytes = 100;
        import_ror(o.store, "[" + ror_record("https://ror.org/05k89ew48") + "]", options);
    }, type<RorRecordError>(), {"100"});
    add("ROR", "input larger than max_bytes", [](Office& o) {
        RorImportOptions options;
        options.max_bytes = 64;
        import_ror(o.store, "[" + ror_record("https://ror.org/05k89ew48") + "]", options);
    }, type<ValidationError>(), {"64"});
    add("ROR", "second record invalid: the first is not kept", [](Office& o) {
        import_ror(o.store, "[" + ror_record("https://ror.org/05k89ew48") + "," + ror_record("https://ror.org/0") + "]");
    }, type<RorRecordError>(), {"ROR record 1", "invalid id 'https://ror.org/0'"});
    add("ROR", "dump file that does not exist", [](Office& o) { import_ror_file(o.store, "/nonexistent/ror-dump.json"); },
        type<NotFoundError>(), {"/nonexistent/ror-dump.json"});

    // ---- EWP IIA documents -----------------------------------------------------------------
    add("EWP", "XML that does not parse", [](Office& o) { ewp::import_iias(o.store, "<iias-get-response><iia>"); },
        type<FormatError>(), {"does not parse", "byte"});
    add("EWP", "root in the wrong namespace", [](Office& o) {
        ewp::import_iias(o.store, replace_first(o.ewp, "stable-v7/endpoints/get-response.xsd\"", "stable-v6/endpoints/get-response.xsd\""));
    }, type<FormatError>(), {"iias-get-response", "namespace"});
    add("EWP", "partner without hei-id", [](Office& o) {
        ewp::import_iias(o.store, replace_first(o.ewp, "<hei-id>hibo.no</hei-id>", ""));
    }, type<FormatError>(), {"iia[1]/partner[2]", "missing <hei-id>"});
    add("EWP", "signing date that is no date", [](Office& o) {
        const auto xml = replace_first(o.ewp, "</signing-contact>", "</signing-contact><signing-date>2015-13-45</signing-date>");
        ewp::import_iias(o.store, xml);
    }, type<ValidationError>(), {"iia[1]/partner[1]/signing-date", "2015-13-45"});
    add("EWP", "academic year of the wrong shape", [](Office& o) {
        ewp::import_iias(o.store, replace_first(o.ewp, "<receiving-first-academic-year-id>", "<receiving-first-academic-year-id>x"));
    }, type<ValidationError>(), {"receiving-first-academic-year-id"});
    add("EWP", "document type declaration", [](Office& o) {
        ewp::import_iias(o.store, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"e\">]>" + o.ewp.substr(o.ewp.find("<iias-get-response")));
    }, type<FormatError>(), {"DOCTYPE"});
    add("EWP", "partner HEI not stored", [](Office& o) { ewp::import_iias(o.store, o.ewp); }, type<NotFoundError>(), {"hibo.no"});
    add("EWP", "document over ImportOptions::max_bytes", [](Office& o) {
        ewp::ImportOptions options;
        options.max_bytes = 1024;
        options.new_partner_countries = {{"hibo.no", "NO"}};
        ewp::import_iias(o.store, o.ewp, options);
    }, type<ValidationError>(), {"xml", "at most 1024 bytes", "ImportOptions::max_bytes"});
    add("EWP", "document over kMaxDocumentBytes", [](Office&) {
        std::string big = "<iias-get-response>";
        big.append(ewp::kMaxDocumentBytes, ' ');
        (void)ewp::hash_iias(big);
    }, type<ValidationError>(), {"xml", "at most 67108864 bytes", "kMaxDocumentBytes"});
    add("EWP", "partner country that is no country", [](Office& o) {
        ewp::ImportOptions options;
        options.new_partner_countries = {{"hibo.no", "NOR"}};
        ewp::import_iias(o.store, o.ewp, options);
    }, type<ValidationError>(), {"new_partner_countries[hibo.no]", "'NOR'"});

    // ---- CSV -------------------------------------------------------------------------------
    add("CSV", "unknown header column", [](Office& o) {
        import_csv(o.store, Collection::Institutions, "id,colour\r\n,blue\r\n");
    }, type<FormatError>(), {"colour"});
    add("CSV", "header without a required column", [](Office& o) {
        import_csv(o.store, Collection::Units, "id,name\r\n,Physics\r\n");
    }, type<FormatError>(), {"institution"});
    add("CSV", "bad cell: unknown country", [](Office& o) {
        import_csv(o.store, Collection::Institutions, replace_first(export_csv(o.store, Collection::Institutions), ",DE,", ",XX,"));
    }, type<RowsRejectedError>(), {"country", "XX", "line 4"});
    add("CSV", "more rows than max_rows", [](Office& o) {
        TableImportOptions options;
        options.max_rows = 1;
        import_csv(o.store, Collection::Institutions, export_csv(o.store, Collection::Institutions), options);
    }, type<ValidationError>(), {"max_rows", "1"});
    add("CSV", "more bytes than max_bytes", [](Office& o) {
        TableImportOptions options;
        options.max_bytes = 16;
        import_csv(o.store, Collection::Institutions, export_csv(o.store, Collection::Institutions), options);
    }, type<ValidationError>(), {"16"});
    add("CSV", "unterminated quoted field", [](Office& o) {
        import_csv(o.store, Collection::Programs, "id,name\r\n,\"Erasmus\r\n");
    }, type<FormatError>(), {"line 2"});
    add("CSV", "file that does not exist", [](Office& o) {
        import_csv_file(o.store, Collection::Institutions, "/nonexistent/institutions.csv");
    }, type<NotFoundError>(), {"/nonexistent/institutions.csv"});

    // ---- JSON exchange ---------------------------------------------------------------------
    add("JSON", "malformed JSON", [](Office& o) { import_json(o.store, R"({"format": "iro-collections", "version": 1, )"); },
        type<FormatError>(), {"byte"});
    add("JSON", "wrong format marker", [](Office& o) { import_json(o.store, R"({"format": "something-else", "version": 1})"); },
        type<FormatError>(), {"\"format\"", "iro-collections"});
    add("JSON", "newer version", [](Office& o) { import_json(o.store, R"({"format": "iro-collections", "version": 99})"); },
        type<FormatError>(), {"version", "99"});
    add("JSON", "unknown collection", [](Office& o) {
        import_json(o.store, R"({"format": "iro-collections", "version": 1, "spaceships": []})");
    }, type<FormatError>(), {"spaceships"});
    add("JSON", "row with a negative quota", [](Office& o) {
        auto text = export_json(o.store, {Collection::Agreements});
        text = replace_first(text, "\"mobilities_per_year\": 2", "\"mobilities_per_year\": -2");
        import_json(o.store, text);
    }, type<RowsRejectedError>(), {"quotas", "mobilities_per_year"});
    add("JSON", "more bytes than max_bytes", [](Office& o) {
        TableImportOptions options;
        options.max_bytes = 10;
        import_json(o.store, R"({"format": "iro-collections", "version": 1})", options);
    }, type<ValidationError>(), {"10"});

    // ---- Snapshots and value archives ------------------------------------------------------
    add("archive", "garbage bytes", [](Office& o) { load_snapshot(o.empty, std::string("PK\x03\x04 not an archive")); },
        type<FormatError>(), {"archive"});
    add("archive", "empty input", [](Office& o) { load_snapshot(o.empty, std::string_view{}); }, type<FormatError>(), {"empty"});
    add("archive", "truncated XML snapshot", [](Office& o) { load_snapshot(o.empty, o.snapshot_xml.substr(0, o.snapshot_xml.size() / 2)); },
        type<FormatError>(), {"snapshot"});
    add("archive", "truncated binary snapshot", [](Office& o) {
        load_snapshot(o.empty, o.snapshot_binary.substr(0, o.snapshot_binary.size() - 100));
    }, type<FormatError>(), {"archive"});
    add("archive", "content changed under its checksum", [](Office& o) {
        load_snapshot(o.empty, replace_first(o.snapshot_xml, "University of Jordan", "University of Jordam"));
    }, type<FormatError>(), {"checksum"});
    add("archive", "more tables than SnapshotLimits::max_tables", [](Office& o) {
        SnapshotLimits limits;
        limits.max_tables = 3;
        load_snapshot(o.empty, o.snapshot_binary, limits);
    }, type<FormatError>(), {"over the limit of 3"});
    add("archive", "more bytes than SnapshotLimits::max_input_bytes", [](Office& o) {
        SnapshotLimits limits;
        limits.max_input_bytes = 1000;
        load_snapshot(o.empty, o.snapshot_xml, limits);
    }, type<FormatError>(), {"over the limit of 1000"});
    add("archive", "archive from a newer iro (header class version)", [](Office& o) {
        auto text = o.snapshot_xml;
        const auto at = text.find("<header class_id=");
        REQUIRE(at != std::string::npos);
        text[text.find("version=\"", at) + 9] = '7';
        load_snapshot(o.empty, text);
    }, type<FormatError>(), {"class version 7, newer"});
    add("archive", "snapshot into a store with data", [](Office& o) { load_snapshot(o.store, o.snapshot_xml); },
        type<ConflictError>(), {"not empty"});
    add("archive", "snapshot file that does not exist", [](Office& o) { load_snapshot_file(o.empty, "/nonexistent/office.xml"); },
        type<NotFoundError>(), {"no snapshot file '/nonexistent/office.xml'"});
    add("archive", "value archive of garbage", [](Office&) { (void)from_archive<Institution>("hello"); },
        type<FormatError>(), {"Institution"});
    add("archive", "value archive of another type", [](Office&) { (void)from_archive<Agreement>(institution_archive()); },
        type<FormatError>(), {"holds a Institution, not a Agreement"});
    add("archive", "value archive from a newer iro (class version)", [](Office&) {
        auto text = institution_archive(ArchiveFormat::Xml);
        const auto at = text.find("<value class_id=");
        REQUIRE(at != std::string::npos);
        text[text.find("version=\"", at) + 9] = '9';
        (void)from_archive<Institution>(text);
    }, type<FormatError>(), {"class version 9, newer"});
    add("archive", "value archive cut short", [](Office&) {
        const auto text = institution_archive(ArchiveFormat::Binary);
        (void)from_archive<Institution>(text.substr(0, text.size() - 10));
    }, type<FormatError>(), {"Institution"});
    add("archive", "value archive over kMaxValueArchiveBytes", [](Office&) {
        auto text = institution_archive();
        text.append(kMaxValueArchiveBytes, ' ');
        (void)from_archive<Institution>(text);
    }, type<FormatError>(), {"over the limit of 268435456 bytes", "kMaxValueArchiveBytes"});

    // ---- .ics export options ---------------------------------------------------------------
    add("ics", "DTSTAMP that is no UTC time", [](Office& o) {
        CalendarOptions options;
        options.stamp = "20260101T000000\r\nX";
        (void)export_ics(o.store, options);
    }, type<ValidationError>(), {"stamp"});
    add("ics", "range that ends before it starts", [](Office& o) {
        CalendarOptions options;
        options.from = d("2026-06-01");
        options.to = d("2026-01-01");
        (void)export_ics(o.store, options);
    }, type<ValidationError>(), {"to", "2026-01-01"});
    return table;
}

// Bad input that was once written instead of refused: out-of-range enum values (stored as
// '?', after which every load of the record failed) and a validity that ends before the
// proposal when in_force_from is empty. Each runs on a fresh office.
std::vector<Case> enum_and_period_cases() {
    std::vector<Case> table;
    const auto add = [&](const char* entry, const char* name, std::function<void(Office&)> fn, std::type_index error,
                         std::vector<std::string> fragments) {
        table.push_back(Case{entry, name, std::move(fn), error, std::move(fragments)});
    };
    const char* api = "C++ API";
    add(api, "agreement with an unknown area value", [](Office& o) {
        auto a = o.agreement();
        a.areas = {static_cast<Area>(77)};
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"area"});
    add(api, "agreement with an unknown kind value", [](Office& o) {
        auto a = o.agreement();
        a.kind = static_cast<AgreementKind>(99);
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"kind"});
    add(api, "activity with an unknown type value", [](Office& o) {
        auto a = o.an_activity();
        a.type = static_cast<ActivityType>(42);
        o.store.activities().update(a);
    }, type<ValidationError>(), {"activity type"});
    add(api, "agreement valid until before it was proposed (no in_force_from)", [](Office& o) {
        auto a = o.agreement();
        a.valid_until = d("2023-12-31");
        o.store.agreements().update(a);
    }, type<ValidationError>(), {"valid_until", "2023-12-31"});
    return table;
}

std::string type_name(std::type_index t) {
    const std::pair<std::type_index, const char*> names[] = {
        {type<ValidationError>(), "ValidationError"}, {type<NotFoundError>(), "NotFoundError"},
        {type<ConflictError>(), "ConflictError"},     {type<StorageError>(), "StorageError"},
        {type<FormatError>(), "FormatError"},         {type<RowsRejectedError>(), "RowsRejectedError"},
        {type<RorRecordError>(), "RorRecordError"},   {type<ImportCancelledError>(), "ImportCancelledError"}};
    for (const auto& [k, v] : names)
        if (k == t) return v;
    return t.name();
}

// Runs one case: the typed error, the fragments in its message, and an unchanged office.
void run_case(Office& office, const Case& k) {
    INFO(k.entry << ": " << k.name);
    const auto before = office.dump();
    std::optional<std::type_index> thrown;
    std::string message;
    try {
        k.call(office);
    } catch (const std::exception& e) {
        thrown = std::type_index(typeid(e));
        message = e.what();
    }
    INFO("message: " << message);
    CHECK(thrown.has_value());
    if (thrown) CHECK(type_name(*thrown) == type_name(k.error));
    for (const auto& fragment : k.fragments) CHECK_THAT(message, Catch::Matchers::Contains(fragment));
    CHECK(office.dump() == before);
}

} // namespace

TEST_CASE("every bad input gets its typed error, a message naming the fault, and changes nothing", "[catalogue]") {
    Office office;
    const auto cases = catalogue();
    std::set<std::string> names;
    std::map<std::string, int> per_entry;
    for (const auto& k : cases) {
        CHECK(names.insert(std::string(k.entry) + ": " + k.name).second);
        ++per_entry[k.entry];
        run_case(office, k);
    }
    CHECK(cases.size() >= 90);
    for (const char* entry : {"C++ API", "ROR", "EWP", "CSV", "JSON", "archive", "ics"}) {
        INFO(entry);
        CHECK(per_entry[entry] >= 2);
    }
}

TEST_CASE("out-of-range enum values and impossible validity periods are refused before they are written", "[catalogue]") {
    for (const auto& k : enum_and_period_cases()) {
        Office office;
        run_case(office, k);
    }
}

TEST_CASE("the .ics export of the seeded office has only folded CRLF lines without control characters", "[catalogue]") {
    Office office;
    CalendarOptions options;
    options.stamp = "20260101T000000Z";
    const auto ics = export_ics(office.store, options);
    REQUIRE(ics.size() > 2);
    REQUIRE(ics.substr(ics.size() - 2) == "\r\n");
    std::size_t start = 0;
    int lines = 0;
    while (start < ics.size()) {
        const auto end = ics.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        const auto line = std::string_view(ics).substr(start, end - start);
        INFO(line);
        CHECK(line.size() <= 75);
        CHECK(std::none_of(line.begin(), line.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; }));
        start = end + 2;
        ++lines;
    }
    CHECK(lines > 10);
}
