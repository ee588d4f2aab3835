// CSV and JSON exchange of every collection: exact round trips of the sample office, RFC 4180
// edge cases, bad rows reported all at once with nothing written, formula neutralising,
// files that are never overwritten unless asked, and the size limits.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace iro;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

SampleOptions sample_options() {
    SampleOptions o;
    o.today = parse_date("2026-03-15");
    o.partners = 40;
    o.agreements = 60;
    return o;
}

template <class T>
std::vector<T> by_id(std::vector<T> v) {
    std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.id < b.id; });
    return v;
}

// Every exchanged collection of two stores, compared record by record and field by field
// (the value types' operator== compares every field).
void require_same_office(const Store& a, const Store& b) {
    InstitutionFilter all;
    all.include_home = true;
    CHECK(by_id(a.institutions().find(all)) == by_id(b.institutions().find(all)));
    CHECK(by_id(a.units().all()) == by_id(b.units().all()));
    CHECK(by_id(a.contacts().all()) == by_id(b.contacts().all()));
    CHECK(by_id(a.people().find()) == by_id(b.people().find()));
    CHECK(by_id(a.agreements().find()) == by_id(b.agreements().find()));
    CHECK(by_id(a.programs().find()) == by_id(b.programs().find()));
    CHECK(by_id(a.programs().calls()) == by_id(b.programs().calls()));
    CHECK(by_id(a.programs().applications()) == by_id(b.programs().applications()));
    CHECK(by_id(a.activities().find()) == by_id(b.activities().find()));
    CHECK(by_id(a.visits().find()) == by_id(b.visits().find()));
    CHECK(by_id(a.accreditations().frameworks()) == by_id(b.accreditations().frameworks()));
    CHECK(by_id(a.accreditations().cases()) == by_id(b.accreditations().cases()));
    for (const auto& u : a.units().all()) {
        if (u.kind != UnitKind::ScientificCentre) continue;
        INFO("centre " << u.id.value());
        CHECK(a.centres().expertise(u.id) == b.centres().expertise(u.id));
        CHECK(a.centres().links(u.id) == b.centres().links(u.id));
    }
    CHECK(a.rankings().custom_methodologies() == b.rankings().custom_methodologies());
    for (const auto& e : a.rankings().custom_methodologies())
        CHECK(a.rankings().load_methodology(e.system, e.year) == b.rankings().load_methodology(e.system, e.year));
    CHECK(a.rankings().editions_with_results() == b.rankings().editions_with_results());
    for (const auto& e : a.rankings().editions_with_results()) CHECK(a.rankings().results(e) == b.rankings().results(e));
    CHECK(a.rankings().home_figure_years() == b.rankings().home_figure_years());
    for (const auto year : a.rankings().home_figure_years()) CHECK(a.rankings().home_figures(year) == b.rankings().home_figures(year));
}

// The sample office has no ranking data of its own: two editions of published results
// (linked to sample institutions), a custom methodology and two years of home figures.
void add_ranking_data(Store& s) {
    InstitutionFilter all;
    all.include_home = true;
    const auto institutions = s.institutions().find(all);
    REQUIRE(institutions.size() > 3);
    PublishedResult first{"=First University, \"Main\"", institutions[1].id, "=1", 98.25, {{"academic_reputation", 100}, {"citations", 87.5}}};
    PublishedResult second{"Second Institute", std::nullopt, "2", std::nullopt, {{"citations", 91.125}}};
    PublishedResult third{"Third College", institutions[3].id, "801-850", std::nullopt, {}};
    s.rankings().save_results({"QS-WUR", 2025}, {first, second, third});
    s.rankings().save_results({"THE-WUR", 2024}, {third, first});
    Methodology m;
    m.system = "PPU-LOCAL";
    m.year = 2025;
    m.name = "Local view";
    m.indicators = {{"research", "Research", 0.6, "core"}, {"teaching", "Teaching", 0.4, ""}};
    m.components = {{"citations", "Citations", 0.6, "research"}};
    m.missing = MissingTreatment::Reweight;
    m.scaling = TotalScaling::MinMaxRescaled;
    m.scale_min = 0.5;
    m.total_decimals = 2;
    m.bands.exact_up_to = 10;
    m.bands.bands = {{11, 20}, {21, std::nullopt}};
    s.rankings().save_methodology(m);
    s.rankings().set_home_figures(2024, {{"international_faculty", 42}, {"faculty_total", 610.5}});
    s.rankings().set_home_figures(2025, {{"international_students", 120}});
}

std::size_t data_rows(const std::string& csv) {
    return static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
}

// The number of records of a collection in a store.
std::int64_t records(const Store& s, Collection c) {
    InstitutionFilter all;
    all.include_home = true;
    switch (c) {
    case Collection::Institutions: return s.institutions().count(all);
    case Collection::Units: return static_cast<std::int64_t>(s.units().all().size());
    case Collection::Contacts: return static_cast<std::int64_t>(s.contacts().all().size());
    case Collection::People: return s.people().count();
    case Collection::Agreements: return s.agreements().count();
    case Collection::Programs: return static_cast<std::int64_t>(s.programs().find().size());
    case Collection::Calls: return static_cast<std::int64_t>(s.programs().calls().size());
    case Collection::Applications: return static_cast<std::int64_t>(s.programs().applications().size());
    case Collection::Activities: return s.activities().count();
    case Collection::Visits: return s.visits().count();
    case Collection::Frameworks: return static_cast<std::int64_t>(s.accreditations().frameworks().size());
    case Collection::AccreditationCases: return static_cast<std::int64_t>(s.accreditations().cases().size());
    case Collection::CentreExpertise:
    case Collection::CentreLinks: {
        std::int64_t n = 0;
        for (const auto& u : s.units().all()) {
            if (u.kind != UnitKind::ScientificCentre) continue;
            if (c == Collection::CentreExpertise) n += s.centres().expertise(u.id).empty() ? 0 : 1;
            else for (const auto& l : s.centres().links(u.id)) n += l.home_centre == u.id ? 1 : 0;
        }
        return n;
    }
    case Collection::RankingMethodologies: return static_cast<std::int64_t>(s.rankings().custom_methodologies().size());
    case Collection::RankingResults: {
        std::int64_t n = 0;
        for (const auto& e : s.rankings().editions_with_results()) n += static_cast<std::int64_t>(s.rankings().results(e).size());
        return n;
    }
    case Collection::HomeFigures: {
        std::int64_t n = 0;
        for (const auto year : s.rankings().home_figure_years()) n += static_cast<std::int64_t>(s.rankings().home_figures(year).size());
        return n;
    }
    }
    return -1;
}

// A store with a home institution, two partners, a unit and a person, for the error cases.
struct Office {
    Store store = Store::open(":memory:");
    InstitutionId home, jordan, berlin;
    UnitId faculty;
    PersonId person;
    Office() {
        home = store.institutions().add(test::make_institution("Palestine Polytechnic University", "PS", true));
        jordan = store.institutions().add(test::make_institution("University of Jordan", "JO"));
        berlin = store.institutions().add(test::make_institution("Freie Universität Berlin", "DE"));
        OrgUnit u;
        u.institution = home;
        u.kind = UnitKind::Faculty;
        u.name = "College of Engineering";
        faculty = store.units().add(u);
        Person p;
        p.given_name = "Lina";
        p.family_name = "Sample";
        p.affiliation = home;
        person = store.people().add(p);
    }
};

} // namespace

TEST_CASE("every collection of the sample office round-trips through CSV into an empty store", "[exchange]") {
    auto source = Store::open(":memory:");
    generate_sample_data(source, sample_options());
    add_ranking_data(source);
    std::map<Collection, std::string> files;
    for (auto c : all_collections()) files[c] = export_csv(source, c);
    InstitutionFilter every;
    every.include_home = true;
    CHECK(data_rows(files[Collection::Institutions]) == static_cast<std::size_t>(source.institutions().count(every)));


    auto target = Store::open(":memory:");
    ImportIdMap ids;
    TableImportOptions options;
    options.ids = &ids;
    for (auto c : all_collections()) {
        INFO(to_string(c));
        const auto result = import_csv(target, c, files[c], options);
        CHECK(result.read == records(source, c));
        CHECK(result.read > 0);
        CHECK(result.added == result.read);
        CHECK(result.problems.empty());
    }
    require_same_office(source, target);
    for (auto c : all_collections()) CHECK(export_csv(target, c) == files[c]);

    SECTION("importing the same files again changes nothing") {
        const auto before = target.logical_dump();
        for (auto c : all_collections()) {
            const auto again = import_csv(target, c, files[c]);
            CHECK(again.unchanged == again.read);
            CHECK(again.added + again.updated == 0);
        }
        CHECK(target.logical_dump() == before);
    }
}

TEST_CASE("the sample office round-trips through one JSON document", "[exchange]") {
    auto source = Store::open(":memory:");
    generate_sample_data(source, sample_options());
    add_ranking_data(source);
    const auto text = export_json(source);
    auto target = Store::open(":memory:");
    const auto results = import_json(target, text);
    REQUIRE(results.size() == all_collections().size());
    for (const auto& r : results) {
        INFO(to_string(r.collection));
        CHECK(r.added == r.read);
        CHECK(r.read == records(source, r.collection));
    }
    require_same_office(source, target);
    CHECK(export_json(target) == text);
    CHECK_THAT(text, Contains("\"format\": \"iro-collections\"") && Contains("\"version\": 1"));
}

TEST_CASE("ids with gaps are remapped and references follow them", "[exchange]") {
    Office office;
    // File ids 10 and 20 are not in the store: both rows are added, the unit's institution
    // reference follows the new id of file row 10.
    const auto result = import_json(office.store, R"({"format": "iro-collections", "version": 1,
        "institutions": [{"id": 10, "names": [{"value": "Université Laval", "lang": "fr", "kind": "display"}], "country": "CA"},
                         {"id": 20, "names": [{"value": "Old Laval", "lang": "en", "kind": "display"}], "country": "CA",
                          "status": "merged", "successor": 10}],
        "units": [{"id": 7, "institution": 10, "name": "Faculté des sciences", "kind": "faculty"}]})");
    REQUIRE(result.size() == 2);
    CHECK(result[0].added == 2);
    const auto laval = office.store.institutions().get(InstitutionId{4});
    CHECK(laval.display_name() == "Université Laval");
    CHECK(office.store.institutions().get(InstitutionId{5}).successor == InstitutionId{4});
    CHECK(office.store.units().get(UnitId{2}).institution == InstitutionId{4});
}

TEST_CASE("a reference to a later row of the same table waits for that row", "[exchange]") {
    Office office;
    const auto csv =
        "id,names,country,status,successor\r\n"
        "10,\"[{\"\"value\"\":\"\"Old Name\"\",\"\"lang\"\":\"\"en\"\",\"\"kind\"\":\"\"display\"\"}]\",JO,merged,11\r\n"
        "11,\"[{\"\"value\"\":\"\"New Name\"\",\"\"lang\"\":\"\"en\"\",\"\"kind\"\":\"\"display\"\"}]\",JO,active,\r\n";
    const auto result = import_csv(office.store, Collection::Institutions, csv);
    CHECK(result.added == 2);
    const auto merged = office.store.institutions().get(InstitutionId{5});
    CHECK(merged.display_name() == "Old Name");
    CHECK(merged.successor == InstitutionId{4});
}

TEST_CASE("CSV export quotes what RFC 4180 requires and reads it back exactly", "[exchange]") {
    Office office;
    Contact c;
    c.institution = office.jordan;
    c.name = "Dr. \"Sami\" Haddad, PhD";
    c.role = "Officer, \"international\"";
    c.email = "sami@example.org";
    c.phone = " +962 6 535 5000 ";
    office.store.contacts().add(c);
    Contact arabic;
    arabic.institution = office.jordan;
    arabic.name = "د. سامي حداد";
    arabic.role = "Directrice des relations internationales (Université)";
    office.store.contacts().add(arabic);

    const auto csv = export_csv(office.store, Collection::Contacts);
    CHECK(csv.starts_with("id,institution,unit,name,role,email,phone\r\n"));
    CHECK_THAT(csv, Contains("\"Dr. \"\"Sami\"\" Haddad, PhD\""));
    CHECK_THAT(csv, Contains("\"Officer, \"\"international\"\"\""));
    CHECK_THAT(csv, Contains("\" +962 6 535 5000 \""));
    CHECK_THAT(csv, Contains(",د. سامي حداد,"));

    auto target = Store::open(":memory:");
    const auto institutions = export_csv(office.store, Collection::Institutions);
    import_csv(target, Collection::Institutions, institutions);
    // A byte order mark in front is skipped.
    const auto result = import_csv(target, Collection::Contacts, "\xEF\xBB\xBF" + csv);
    CHECK(result.added == 2);
    CHECK(target.contacts().all() == office.store.contacts().all());
    CHECK(export_csv(target, Collection::Contacts) == csv);

    // Line breaks inside a field (a multi-line note) survive, CRLF and LF alike.
    Agreement mou;
    mou.title = "MoU";
    Party home_party;
    home_party.institution = office.home;
    Party partner_party;
    partner_party.institution = office.jordan;
    mou.parties = {home_party, partner_party};
    mou.areas = {Area::Research};
    mou.proposed_on = parse_date("2026-01-15");
    mou.note = "Line one\r\nline two\nline three, with \"quotes\"";
    office.store.agreements().add(mou);
    const auto agreements = export_csv(office.store, Collection::Agreements);
    CHECK_THAT(agreements, Contains("\"Line one\r\nline two\nline three, with \"\"quotes\"\"\"\r\n"));
    CHECK(import_csv(target, Collection::Agreements, agreements).added == 1);
    CHECK(target.agreements().find() == office.store.agreements().find());
}

TEST_CASE("malformed CSV is a FormatError with line and column, and nothing is written", "[exchange][errors]") {
    Office office;
    const auto before = office.store.logical_dump();
    const std::vector<std::pair<std::string, std::string>> cases{
        {"id,institution,name\r\n,1,\"Open\r\n", "CSV line 2, column 3: a quoted field is never closed"},
        {"id,institution,name\r\n,1,A\"B\r\n", "CSV line 2, column 3: a quote inside an unquoted field"},
        {"id,institution,name\r\n,1,\"A\"B\r\n", "CSV line 2, column 3: text after the closing quote"},
        {"", "CSV text is empty"},
        {"id,institution,name,colour\r\n", "CSV line 1: unknown units column 'colour'; the columns are: id, institution, parent, kind, name, code"},
        {"id,institution,kind\r\n", "CSV line 1: the units header lacks the required column 'name'"},
        {"id,name,institution,name\r\n", "CSV line 1: column 'name' appears twice in the header"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        CHECK_THROWS_AS(import_csv(office.store, Collection::Units, text), FormatError);
        CHECK_THROWS_WITH(import_csv(office.store, Collection::Units, text), Contains(message));
    }
    CHECK(office.store.logical_dump() == before);
}

TEST_CASE("malformed JSON is a FormatError with the byte offset", "[exchange][errors]") {
    Office office;
    const auto before = office.store.logical_dump();
    CHECK_THROWS_MATCHES(import_json(office.store, R"({"format": "iro-collections", "version": 1, "units": [})"), FormatError,
                         Catch::Matchers::Message(
                             "JSON at byte 55: [json.exception.parse_error.101] parse error at line 1, column 55: syntax error "
                             "while parsing value - unexpected '}'; expected '[', '{', or a literal"));
    CHECK_THROWS_WITH(import_json(office.store, R"({"version": 1})"), Contains("lacks \"format\": \"iro-collections\""));
    CHECK_THROWS_WITH(import_json(office.store, R"({"format": "iro-collections", "version": 2})"), Contains("version 2: expected 1"));
    CHECK_THROWS_WITH(import_json(office.store, R"({"format": "iro-collections", "version": 1, "partners": []})"),
                      Contains("unknown member 'partners'"));
    CHECK_THROWS_WITH(import_json(office.store, R"({"format": "iro-collections", "version": 1, "units": [{"colour": 1}]})"),
                      Contains("JSON units[0]: unknown column 'colour'"));
    CHECK_THROWS_WITH(import_json(office.store, R"({"format": "iro-collections", "version": 1, "units": {}})"),
                      Contains("'units' is not an array"));
    CHECK(office.store.logical_dump() == before);
}

namespace {

struct BadRow {
    Collection collection;
    std::string csv;  // header and one data row
    std::string column;
    std::string value;
    std::string message;
};

} // namespace

TEST_CASE("each bad row is reported with row, column, value and message, and nothing is written", "[exchange][errors]") {
    Office office;
    const auto names = [](const std::string& value) {
        return "\"[{\"\"value\"\":\"\"" + value + "\"\",\"\"lang\"\":\"\"en\"\",\"\"kind\"\":\"\"display\"\"}]\"";
    };
    const std::string long_name(600, 'x');
    const std::vector<BadRow> cases{
        {Collection::Institutions, "names,country,type\r\n" + names("A") + ",JO,univ\r\n", "type", "univ",
         "invalid type 'univ': expected one of: university, research_institute"},
        {Collection::Institutions, "names,country\r\n" + names("A") + ",XX\r\n", "country", "XX", "invalid country 'XX'"},
        {Collection::Institutions, "names,country\r\n" + names(long_name) + ",JO\r\n", "names", long_name, "invalid names[0]"},
        {Collection::Institutions, "names,country\r\n\"[{\"\"value\"\":1}]\",JO\r\n", "names", "1",
         "invalid names[0].value '1': expected a JSON string"},
        {Collection::Institutions, "names,country\r\n[broken,JO\r\n", "names", "[broken",
         "expected a JSON array written in the cell"},
        {Collection::Institutions, "names,country,is_home\r\n" + names("A") + ",JO,yes\r\n", "is_home", "yes",
         "invalid is_home 'yes': expected true or false"},
        {Collection::Institutions, "names,country\r\n" + std::string(40, '[') + std::string(40, ']') + ",JO\r\n", "names", "",
         "expected JSON nested at most 32 levels deep"},
        {Collection::Units, "institution,name,kind\r\n99,Physics,faculty\r\n", "institution", "99",
         "invalid institution '99': expected the id of one of the institutions in the store or earlier in the import"},
        {Collection::Units, "institution,name,kind\r\n1,Physics,college\r\n", "kind", "college",
         "invalid kind 'college': expected one of: faculty, department, scientific_centre, office"},
        {Collection::Units, "institution,name\r\nfirst,Physics\r\n", "institution", "first",
         "expected a positive whole number"},
        {Collection::Contacts, "institution,name,email\r\n2,Sami,not-an-address\r\n", "email", "not-an-address", "invalid email"},
        {Collection::People, "given_name,family_name,nationality\r\nLina,Sample,Palestine\r\n", "nationality", "Palestine",
         "invalid nationality"},
        {Collection::People, "given_name,family_name,isced_codes\r\nLina,Sample,\"[\"\"12345\"\"]\"\r\n", "isced_codes", "12345",
         "invalid expertise.isced_codes[0] '12345': expected ISCED-F 2013 codes of 2 to 4 digits"},
        {Collection::Agreements,
         "title,parties,areas,proposed_on\r\nMoU,\"[{\"\"institution\"\":1},{\"\"institution\"\":2}]\",\"[\"\"research\"\"]\",2026-02-30\r\n",
         "proposed_on", "2026-02-30", "invalid proposed_on '2026-02-30'"},
        {Collection::Agreements,
         "title,parties,areas,proposed_on\r\nMoU,\"[{\"\"institution\"\":1},{\"\"institution\"\":2}]\",\"[\"\"sports\"\"]\",2026-02-01\r\n",
         "areas", "sports", "invalid areas[0] 'sports'"},
        {Collection::Agreements,
         "title,parties,areas,proposed_on\r\nMoU,\"[{\"\"institution\"\":1},{\"\"institution\"\":77}]\",\"[\"\"research\"\"]\",2026-02-01\r\n",
         "parties", "77", "invalid parties[1].institution '77'"},
        {Collection::Programs, "name,audiences\r\nDAAD,[]\r\n", "audiences", "", "invalid audiences"},
        {Collection::Visits,
         "person,home_institution,host_institution,start,end,teaching_hours\r\n1,2,1,2026-05-01,2026-05-10,many\r\n",
         "teaching_hours", "many", "invalid teaching_hours 'many': expected a number"},
        {Collection::Visits, "person,home_institution,host_institution,start,end\r\n1,2,1,2026-05-10,2026-05-01\r\n", "end",
         "2026-05-01", "invalid end"},
        {Collection::Frameworks, "body,name,version,criteria\r\n1,Standards,2026,\"[{\"\"code\"\":\"\"1\"\",\"\"title\"\":\"\"Mission\"\"}]\"\r\n",
         "body", "1", "invalid body '1': expected an institution of type 'accreditation_body'"},
        {Collection::AccreditationCases, "framework,status\r\n99,planning\r\n", "framework", "99",
         "invalid framework '99': expected the id of one of the frameworks in the store or earlier in the import"},
    };
    const auto before = office.store.logical_dump();
    for (const auto& bad : cases) {
        INFO(bad.csv);
        try {
            import_csv(office.store, bad.collection, bad.csv);
            FAIL("no error");
        } catch (const RowsRejectedError& e) {
            REQUIRE(e.problems().size() == 1);
            const auto& p = e.problems().front();
            CHECK(p.collection == bad.collection);
            CHECK(p.row == 1);
            CHECK(p.line == 2);
            CHECK(p.column == bad.column);
            if (!bad.value.empty()) CHECK(p.value == bad.value);
            CHECK_THAT(p.message, Contains(bad.message));
            CHECK_THAT(std::string(e.what()), Contains("row 1 (line 2)") && Contains(bad.message));
        }
        CHECK(office.store.logical_dump() == before);
    }
}

TEST_CASE("every bad row is listed, not only the first; skip_bad_rows writes the good ones", "[exchange][errors]") {
    Office office;
    const std::string csv =
        "id,institution,name,kind\r\n"
        ",1,Physics,department\r\n"
        ",1,Chemistry,lab\r\n"
        ",1,,department\r\n"
        ",1,Biology,department\r\n"
        ",42,Geology,department\r\n";
    const auto before = office.store.logical_dump();
    try {
        import_csv(office.store, Collection::Units, csv);
        FAIL("no error");
    } catch (const RowsRejectedError& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].row == 2);
        CHECK(e.problems()[0].column == "kind");
        CHECK(e.problems()[1].row == 3);
        CHECK(e.problems()[1].column == "name");
        CHECK(e.problems()[2].row == 5);
        CHECK(e.problems()[2].line == 6);
        CHECK(e.problems()[2].column == "institution");
        CHECK_THAT(std::string(e.what()), StartsWith("invalid rows '3 bad rows': expected rows that pass validation (nothing was written): units row 2 (line 3), column 'kind'"));
    }
    CHECK(office.store.logical_dump() == before);
    const auto audit_before = office.store.audit().size();

    TableImportOptions skip;
    skip.skip_bad_rows = true;
    const auto result = import_csv(office.store, Collection::Units, csv, skip);
    CHECK(result.read == 5);
    CHECK(result.added == 2);
    CHECK(result.skipped == 3);
    REQUIRE(result.problems.size() == 3);
    CHECK(result.problems[1].row == 3);
    CHECK(office.store.units().all().size() == 3);
    // One audit entry for the import, with its counts.
    CHECK(office.store.audit().size() == audit_before + 1);
    const auto entry = office.store.audit().latest(1).front();
    CHECK(entry.entity == "import");
    CHECK(entry.action == "import_csv");
    CHECK(entry.after == R"([{"added":2,"collection":"units","read":5,"skipped":3,"unchanged":0,"updated":0}])");
}

TEST_CASE("rows with an id update the stored record; equal rows count as unchanged", "[exchange]") {
    Office office;
    auto csv = export_csv(office.store, Collection::Units);
    CHECK(import_csv(office.store, Collection::Units, csv).unchanged == 1);
    const auto pos = csv.find("College of Engineering");
    csv.replace(pos, std::string("College of Engineering").size(), "Engineering College");
    const auto result = import_csv(office.store, Collection::Units, csv);
    CHECK(result.updated == 1);
    CHECK(office.store.units().get(office.faculty).name == "Engineering College");
    // Columns left out keep their stored values.
    CHECK(import_csv(office.store, Collection::Units, "id,institution,name,code\r\n1,1,Engineering College,ENG\r\n").updated == 1);
    CHECK(office.store.units().get(office.faculty).kind == UnitKind::Faculty);
    CHECK(office.store.units().get(office.faculty).code == "ENG");
}

TEST_CASE("CSV export neutralises formulas and import restores the text exactly", "[exchange][security]") {
    Office office;
    const std::vector<std::string> texts{"=HYPERLINK(\"http://x\")", "+1 555", "-5 apples", "@sum(A1:A9)", "'=x",
                                         "'quoted", "plain", "a=b"};
    for (const auto& t : texts) {
        Contact c;
        c.institution = office.jordan;
        c.name = "Someone";
        c.role = t;
        office.store.contacts().add(c);
    }
    const auto csv = export_csv(office.store, Collection::Contacts);
    CHECK_THAT(csv, Contains(",\"'=HYPERLINK(\"\"http://x\"\")\","));
    CHECK_THAT(csv, Contains(",'+1 555,"));
    CHECK_THAT(csv, Contains(",'-5 apples,"));
    CHECK_THAT(csv, Contains(",'@sum(A1:A9),"));
    CHECK_THAT(csv, Contains(",''=x,"));
    CHECK_THAT(csv, Contains(",''quoted,"));
    CHECK_THAT(csv, Contains(",plain,"));
    CHECK_THAT(csv, Contains(",a=b,"));
    // No cell of the export starts a formula.
    for (const auto& t : texts)
        if (t.front() != 'p' && t.front() != 'a') CHECK_THAT(csv, !Contains("," + t) && !Contains("\"" + t));
    // Numbers are never prefixed: a negative integer stays a number.
    auto target = Store::open(":memory:");
    import_csv(target, Collection::Institutions, export_csv(office.store, Collection::Institutions));
    CHECK(import_csv(target, Collection::Contacts, csv).added == static_cast<std::int64_t>(texts.size()));
    std::vector<std::string> roles;
    for (const auto& c : target.contacts().all()) roles.push_back(c.role);
    CHECK(roles == texts);
    CHECK_THAT(export_csv(office.store, Collection::Agreements), !Contains(",'-"));
}

TEST_CASE("export files are never overwritten unless asked", "[exchange][files]") {
    Office office;
    test::TempDir dir;
    const auto path = dir.file("units.csv");
    export_csv_file(office.store, Collection::Units, path);
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str() == export_csv(office.store, Collection::Units));
    CHECK_THROWS_MATCHES(export_csv_file(office.store, Collection::Units, path), ConflictError,
                         Catch::Matchers::Message(path + " already exists: pass overwrite to replace it"));
    ExportOptions overwrite;
    overwrite.overwrite = true;
    CHECK_NOTHROW(export_csv_file(office.store, Collection::Units, path, overwrite));
    const auto json_path = dir.file("office.json");
    export_json_file(office.store, json_path);
    CHECK_THROWS_AS(export_json_file(office.store, json_path), ConflictError);
    // Only the two files: no temporary file is left behind.
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 2);

    auto target = Store::open(":memory:");
    const auto results = import_json_file(target, json_path);
    CHECK(results.front().added == 3);
    CHECK_THROWS_AS(import_csv_file(target, Collection::Units, dir.file("missing.csv")), NotFoundError);
}

TEST_CASE("input over the size or row limit is a ValidationError and writes nothing", "[exchange][errors]") {
    Office office;
    const auto before = office.store.logical_dump();
    TableImportOptions small;
    small.max_bytes = 10;
    CHECK_THROWS_MATCHES(import_csv(office.store, Collection::Units, "id,institution,name\r\n,1,Physics\r\n", small), ValidationError,
                         Catch::Matchers::Message("invalid input '33 bytes': expected at most 10 bytes (TableImportOptions::max_bytes)"));
    CHECK_THROWS_AS(import_json(office.store, export_json(office.store), small), ValidationError);
    TableImportOptions few;
    few.max_rows = 1;
    CHECK_THROWS_MATCHES(import_csv(office.store, Collection::Units, "institution,name\r\n1,A\r\n1,B\r\n", few), ValidationError,
                         Catch::Matchers::Message("invalid units rows '2': expected at most 1 rows (TableImportOptions::max_rows)"));
    CHECK(office.store.logical_dump() == before);
}

TEST_CASE("the progress callback sees the rows and can cancel", "[exchange]") {
    Office office;
    const auto before = office.store.logical_dump();
    TableImportOptions options;
    std::uint64_t last = 0;
    options.progress = [&](std::uint64_t rows, std::uint64_t, std::uint64_t) {
        last = rows;
        return true;
    };
    import_csv(office.store, Collection::Units, "institution,name\r\n1,A\r\n1,B\r\n", options);
    CHECK(last == 2);
    options.progress = [](std::uint64_t, std::uint64_t, std::uint64_t) { return false; };
    const auto middle = office.store.logical_dump();
    CHECK_THROWS_AS(import_csv(office.store, Collection::Units, "institution,name\r\n1,C\r\n", options), ImportCancelledError);
    CHECK(office.store.logical_dump() == middle);
    CHECK(middle != before);
}

TEST_CASE("collections have names and columns", "[exchange]") {
    CHECK(to_string(Collection::Units) == "units");
    CHECK(enum_from_string<Collection>("visits") == Collection::Visits);
    CHECK_THROWS_AS(enum_from_string<Collection>("partners"), ValidationError);
    CHECK(csv_columns(Collection::Units) == std::vector<std::string>{"id", "institution", "parent", "kind", "name", "code"});
    CHECK(enum_from_string<Collection>("accreditation_cases") == Collection::AccreditationCases);
    CHECK(all_collections().size() == 17);
    CHECK(enum_from_string<Collection>("ranking_results") == Collection::RankingResults);
    CHECK(csv_columns(Collection::CentreLinks) == std::vector<std::string>{"home_centre", "partner_centre", "note"});
    CHECK(csv_columns(Collection::RankingResults) ==
          std::vector<std::string>{"system", "year", "institution", "institution_id", "rank", "overall", "scores"});
    // Every collection comes after the ones it refers to.
    const auto all = all_collections();
    const auto at = [&](Collection c) { return std::find(all.begin(), all.end(), c) - all.begin(); };
    CHECK(at(Collection::Units) < at(Collection::CentreExpertise));
    CHECK(at(Collection::Units) < at(Collection::CentreLinks));
    CHECK(at(Collection::Institutions) < at(Collection::RankingResults));
}

TEST_CASE("a bad row in any table of a JSON document writes none of the document", "[exchange][errors]") {
    Office office;
    const auto before = office.store.logical_dump();
    const std::string doc = R"({"format": "iro-collections", "version": 1,
        "institutions": [{"names": [{"value": "Université Laval", "lang": "fr", "kind": "display"}], "country": "CA"}],
        "units": [{"institution": 1, "name": "Sciences", "kind": "faculty"},
                  {"institution": 1, "name": "Arts", "kind": 7},
                  {"institution": 1, "kind": "faculty"}]})";
    try {
        import_json(office.store, doc);
        FAIL("no error");
    } catch (const RowsRejectedError& e) {
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0] == RowProblem{Collection::Units, 2, 0, "kind", "7", "invalid kind '7': expected a JSON string"});
        CHECK(e.problems()[1] == RowProblem{Collection::Units, 3, 0, "name", "", "the required column 'name' is missing"});
    }
    CHECK(office.store.logical_dump() == before);

    TableImportOptions skip;
    skip.skip_bad_rows = true;
    const auto results = import_json(office.store, doc, skip);
    REQUIRE(results.size() == 2);
    CHECK(results[0].added == 1);
    CHECK(results[1].added == 1);
    CHECK(results[1].skipped == 2);
}

TEST_CASE("accreditation cases reach their status through transitions and decisions", "[exchange]") {
    Office office;
    auto body = test::make_institution("Accreditation Board", "US");
    body.type = InstitutionType::AccreditationBody;
    const auto body_id = office.store.institutions().add(body);
    const auto frameworks = import_csv(office.store, Collection::Frameworks,
                                       "id,body,name,version,criteria\r\n1," + std::to_string(body_id.value()) +
                                           ",Standards,2026,\"[{\"\"code\"\":\"\"1\"\",\"\"title\"\":\"\"Mission\"\"}]\"\r\n");
    CHECK(frameworks.added == 1);
    const auto framework = office.store.accreditations().frameworks().front();
    CHECK(framework.criteria == std::vector<Criterion>{Criterion{"1", "Mission", "", "", 1.0}});

    const std::string header = "id,framework,unit,degree,level,type,status,decided_on,valid_until,note\r\n";
    const auto cases = import_csv(office.store, Collection::AccreditationCases,
                                  header + "1,1,,,,initial,accredited,2026-01-10,2032-01-10,\r\n"
                                           "2,1," + std::to_string(office.faculty.value()) +
                                           ",B.Sc. in Physics,bachelor,initial,appeal,2026-02-01,,appealed\r\n"
                                           "3,1,,,,reaccreditation,visit_done,,,\r\n");
    CHECK(cases.added == 3);
    const auto stored = by_id(office.store.accreditations().cases());
    REQUIRE(stored.size() == 3);
    CHECK(stored[0].status == CaseStatus::Accredited);
    CHECK(stored[0].decision.valid_until == parse_date("2032-01-10"));
    CHECK(stored[1].status == CaseStatus::Appeal);
    CHECK(stored[1].decision.decided_on == parse_date("2026-02-01"));
    CHECK(stored[1].scope.level == DegreeLevel::Bachelor);
    CHECK(stored[1].note == "appealed");
    CHECK(stored[2].status == CaseStatus::VisitDone);
    CHECK(office.store.accreditations().history(stored[1].id).back().to == CaseStatus::Appeal);

    const auto before = office.store.logical_dump();
    try {
        import_csv(office.store, Collection::AccreditationCases, header + ",1,,,,initial,accredited,2026-01-10,,\r\n");
        FAIL("no error");
    } catch (const RowsRejectedError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems().front().row == 1);
        CHECK(e.problems().front().column == "valid_until");
        CHECK_THAT(e.problems().front().message, Contains("the end of the accreditation"));
    }
    CHECK(office.store.logical_dump() == before);
    // A stored case keeps its status: a row that changes it is refused.
    CHECK_THROWS_AS(import_csv(office.store, Collection::AccreditationCases,
                               "id,framework,status\r\n" + std::to_string(stored[2].id.value()) + ",1,planning\r\n"),
                    RowsRejectedError);
    CHECK(office.store.logical_dump() == before);
}
