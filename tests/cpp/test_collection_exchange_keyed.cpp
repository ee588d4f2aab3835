// CSV and JSON exchange of the collections keyed by what they hold rather than by an id:
// centre expertise, centre links, custom ranking methodologies, published ranking results
// and the home institution's figures.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace iro;
using Catch::Matchers::Contains;

namespace {

// A home centre, a partner's centre and a faculty (not a centre).
struct CentreOffice {
    Store store = Store::open(":memory:");
    InstitutionId home, jordan;
    UnitId energy, water, faculty;
    CentreOffice() {
        home = store.institutions().add(test::make_institution("Palestine Polytechnic University", "PS", true));
        jordan = store.institutions().add(test::make_institution("University of Jordan", "JO"));
        energy = add_unit(home, UnitKind::ScientificCentre, "Renewable Energy Centre");
        water = add_unit(jordan, UnitKind::ScientificCentre, "Water Research Centre");
        faculty = add_unit(home, UnitKind::Faculty, "College of Engineering");
    }
    UnitId add_unit(InstitutionId institution, UnitKind kind, const char* name) {
        OrgUnit u;
        u.institution = institution;
        u.kind = kind;
        u.name = name;
        return store.units().add(u);
    }
};

std::string csv_of(const Store& s, std::initializer_list<Collection> collections) {
    std::string out;
    for (auto c : collections) out += export_csv(s, c);
    return out;
}

// Imports the named collections of `from` into `to` one CSV table at a time, with one id map.
void copy_tables(const Store& from, Store& to, std::initializer_list<Collection> collections) {
    ImportIdMap ids;
    TableImportOptions options;
    options.ids = &ids;
    for (auto c : collections) {
        INFO(to_string(c));
        const auto result = import_csv(to, c, export_csv(from, c), options);
        CHECK(result.added == result.read);
    }
}

struct BadRow {
    Collection collection;
    std::string csv;  // header and one data row
    std::string column;
    std::string value;
    std::string message;
};

} // namespace

TEST_CASE("centre expertise and links round-trip field by field through CSV and JSON", "[exchange][keyed]") {
    CentreOffice office;
    auto& centres = office.store.centres();
    centres.set_expertise(office.energy, Expertise{{"0713", "0714"}, {"Solar energy", "=smart grids, \"storage\""}});
    centres.set_expertise(office.water, Expertise{{"0712"}, {}});
    centres.link(office.energy, office.water, "Joint PhD supervision,\nshared lab");

    const auto expertise = export_csv(office.store, Collection::CentreExpertise);
    CHECK(expertise ==
          "centre,isced_codes,keywords\r\n"
          "1,\"[\"\"0713\"\",\"\"0714\"\"]\",\"[\"\"Solar energy\"\",\"\"=smart grids, \\\"\"storage\\\"\"\"\"]\"\r\n"
          "2,\"[\"\"0712\"\"]\",[]\r\n");
    const auto links = export_csv(office.store, Collection::CentreLinks);
    CHECK(links == "home_centre,partner_centre,note\r\n1,2,\"Joint PhD supervision,\nshared lab\"\r\n");

    const std::initializer_list<Collection> needed{Collection::Institutions, Collection::Units, Collection::CentreExpertise,
                                                    Collection::CentreLinks};
    SECTION("CSV") {
        auto copy = Store::open(":memory:");
        copy_tables(office.store, copy, needed);
        CHECK(copy.centres().expertise(office.energy) == centres.expertise(office.energy));
        CHECK(copy.centres().expertise(office.water) == centres.expertise(office.water));
        CHECK(copy.centres().links(office.energy) == centres.links(office.energy));
        CHECK(csv_of(copy, needed) == csv_of(office.store, needed));
    }
    SECTION("JSON") {
        const auto text = export_json(office.store, needed);
        CHECK_THAT(text, Contains("\"centre_links\": [\n    {\n      \"home_centre\": 1,"));
        auto copy = Store::open(":memory:");
        const auto results = import_json(copy, text);
        REQUIRE(results.size() == 4);
        CHECK(results[2].collection == Collection::CentreExpertise);
        CHECK(results[2].added == 2);
        CHECK(results[3].added == 1);
        CHECK(copy.centres().expertise(office.energy) == centres.expertise(office.energy));
        CHECK(copy.centres().links(office.water) == centres.links(office.water));
        CHECK(export_json(copy, needed) == text);
    }
    SECTION("importing the same rows again changes nothing") {
        const auto before = office.store.logical_dump();
        const auto again = import_csv(office.store, Collection::CentreExpertise, expertise);
        CHECK(again.unchanged == 2);
        CHECK(import_csv(office.store, Collection::CentreLinks, links).unchanged == 1);
        CHECK(import_json(office.store, export_json(office.store, needed)).at(3).unchanged == 1);
        CHECK(office.store.logical_dump() == before);
    }
}

TEST_CASE("centre rows follow the ids an import gave the units", "[exchange][keyed]") {
    CentreOffice office;
    ImportIdMap ids;
    TableImportOptions options;
    options.ids = &ids;
    // File ids 50 and 51 are not in the store: the units get 4 and 5, and the centre rows follow.
    const auto units = import_csv(office.store, Collection::Units,
                                  "id,institution,kind,name\r\n50,1,scientific_centre,Solar Lab\r\n"
                                  "51,2,scientific_centre,Desalination Lab\r\n",
                                  options);
    CHECK(units.added == 2);
    CHECK(ids[Collection::Units] == std::map<std::int64_t, std::int64_t>{{50, 4}, {51, 5}});
    const auto expertise = import_csv(office.store, Collection::CentreExpertise,
                                      "centre,isced_codes,keywords\r\n50,\"[\"\"0713\"\"]\",\"[\"\"photovoltaics\"\"]\"\r\n", options);
    CHECK(expertise.added == 1);
    CHECK(office.store.centres().expertise(UnitId{4}) == Expertise{{"0713"}, {"photovoltaics"}});
    CHECK(import_csv(office.store, Collection::CentreLinks, "home_centre,partner_centre\r\n50,51\r\n", options).added == 1);
    CHECK(office.store.centres().links(UnitId{4}) == std::vector<CentreLink>{{UnitId{4}, UnitId{5}, ""}});
}

TEST_CASE("centre rows add or replace by key, and left-out columns keep their values", "[exchange][keyed]") {
    CentreOffice office;
    auto& centres = office.store.centres();
    centres.set_expertise(office.energy, Expertise{{"0713"}, {"solar"}});
    centres.link(office.energy, office.water, "first note");
    const auto audit_before = office.store.audit().size();

    auto result = import_csv(office.store, Collection::CentreExpertise, "centre,keywords\r\n1,\"[\"\"wind\"\"]\"\r\n2,\"[\"\"desalination\"\"]\"\r\n");
    CHECK(result.updated == 1);
    CHECK(result.added == 1);
    CHECK(centres.expertise(office.energy) == Expertise{{"0713"}, {"wind"}});
    CHECK(centres.expertise(office.water) == Expertise{{}, {"desalination"}});

    result = import_csv(office.store, Collection::CentreLinks, "home_centre,partner_centre,note\r\n1,2,second note\r\n");
    CHECK(result.updated == 1);
    CHECK(centres.links(office.energy).front().note == "second note");
    // Without a note column the stored note stays.
    CHECK(import_csv(office.store, Collection::CentreLinks, "home_centre,partner_centre\r\n1,2\r\n").unchanged == 1);
    CHECK(centres.links(office.energy).size() == 1);
    // One audit entry per import call that wrote something (the third changed nothing).
    CHECK(office.store.audit().size() == audit_before + 2);
    for (const auto& e : office.store.audit().latest(2)) CHECK(e.action == "import_csv");
}

TEST_CASE("ranking results, methodologies and home figures round-trip field by field", "[exchange][keyed]") {
    CentreOffice office;
    auto& rankings = office.store.rankings();
    const PublishedResult first{"=Top \"University\", Main", office.jordan, "=1", 98.25, {{"academic_reputation", 100}, {"citations", 87.5}}};
    const PublishedResult second{"Second Institute", std::nullopt, "2", std::nullopt, {{"citations", 0.1}}};
    const PublishedResult third{"Third College", office.home, "801-850", std::nullopt, {}};
    rankings.save_results({"QS-WUR", 2025}, {first, second, third});
    rankings.save_results({"ARWU", 2024}, {third});
    rankings.set_home_figures(2024, {{"international_faculty", 42}, {"faculty_total", 610.5}});
    rankings.set_home_figures(2025, {{"international_students", 1e-3}});
    Methodology m;
    m.system = "PPU-LOCAL";
    m.year = 2025;
    m.name = "Local view";
    m.indicators = {{"research", "Research", 0.6, "core"}, {"teaching", "Teaching", 0.4, ""}};
    m.components = {{"citations", "Citations", 0.6, "research"}};
    m.missing = MissingTreatment::Reweight;
    m.scaling = TotalScaling::MinMaxRescaled;
    m.scale_min = 0.5;
    m.rank_decimals = 0;
    m.bands.exact_up_to = 10;
    m.bands.bands = {{11, 20}, {21, std::nullopt}};
    m.bands.mark_ties = true;
    rankings.save_methodology(m);

    const auto results = export_csv(office.store, Collection::RankingResults);
    CHECK(results ==
          "system,year,institution,institution_id,rank,overall,scores\r\n"
          "ARWU,2024,Third College,1,801-850,,{}\r\n"
          "QS-WUR,2025,\"'=Top \"\"University\"\", Main\",2,'=1,98.25,\"{\"\"academic_reputation\"\":100.0,\"\"citations\"\":87.5}\"\r\n"
          "QS-WUR,2025,Second Institute,,2,,\"{\"\"citations\"\":0.1}\"\r\n"
          "QS-WUR,2025,Third College,1,801-850,,{}\r\n");
    CHECK(export_csv(office.store, Collection::HomeFigures) ==
          "year,key,value\r\n2024,faculty_total,610.5\r\n2024,international_faculty,42\r\n2025,international_students,0.001\r\n");
    CHECK_THAT(export_csv(office.store, Collection::RankingMethodologies),
               Contains("PPU-LOCAL,2025,Local view,\"[{\"\"code\"\":\"\"research\"\",\"\"name\"\":\"\"Research\"\",\"\"pillar\"\":\"\"core\"\","
                        "\"\"weight\"\":0.6}") &&
                   Contains(",reweight,min_max_rescaled,0.5,,1,0,\"{\"\"bands\"\":[{\"\"first\"\":11,\"\"last\"\":20},"
                            "{\"\"first\"\":21,\"\"last\"\":null}],\"\"exact_up_to\"\":10,\"\"mark_ties\"\":true}\"\r\n"));

    const std::initializer_list<Collection> needed{Collection::Institutions, Collection::RankingMethodologies,
                                                    Collection::RankingResults, Collection::HomeFigures};
    const auto same = [&](const Store& copy) {
        CHECK(copy.rankings().editions_with_results() == rankings.editions_with_results());
        CHECK(copy.rankings().results({"QS-WUR", 2025}) == std::vector<PublishedResult>{first, second, third});
        CHECK(copy.rankings().results({"ARWU", 2024}) == std::vector<PublishedResult>{third});
        CHECK(copy.rankings().home_figure_years() == std::vector<int>{2024, 2025});
        CHECK(copy.rankings().home_figures(2024) == rankings.home_figures(2024));
        CHECK(copy.rankings().home_figures(2025) == rankings.home_figures(2025));
        CHECK(copy.rankings().load_methodology("PPU-LOCAL", 2025) == m);
    };
    SECTION("CSV") {
        auto copy = Store::open(":memory:");
        copy_tables(office.store, copy, needed);
        same(copy);
        CHECK(csv_of(copy, needed) == csv_of(office.store, needed));
    }
    SECTION("JSON") {
        const auto text = export_json(office.store, needed);
        CHECK_THAT(text, Contains("\"scores\": {\n        \"academic_reputation\": 100.0,"));
        auto copy = Store::open(":memory:");
        const auto imported = import_json(copy, text);
        REQUIRE(imported.size() == 4);
        CHECK(imported[2].added == 4);
        same(copy);
        CHECK(export_json(copy, needed) == text);
    }
    SECTION("importing the same rows again changes nothing") {
        const auto before = office.store.logical_dump();
        CHECK(import_csv(office.store, Collection::RankingResults, results).unchanged == 4);
        CHECK(import_csv(office.store, Collection::HomeFigures, export_csv(office.store, Collection::HomeFigures)).unchanged == 3);
        CHECK(import_csv(office.store, Collection::RankingMethodologies, export_csv(office.store, Collection::RankingMethodologies))
                  .unchanged == 1);
        CHECK(import_json(office.store, export_json(office.store, needed)).at(2).unchanged == 4);
        CHECK(office.store.logical_dump() == before);
    }
}

TEST_CASE("ranking results replace each edition in the file as a whole and leave the others", "[exchange][keyed]") {
    CentreOffice office;
    auto& rankings = office.store.rankings();
    rankings.save_results({"QS-WUR", 2025}, {{"A", std::nullopt, "1", 90, {}}, {"B", std::nullopt, "2", 80, {}}, {"C", std::nullopt, "3", 70, {}}});
    rankings.save_results({"ARWU", 2024}, {{"A", std::nullopt, "1", std::nullopt, {}}});
    const auto audit_before = office.store.audit().size();
    // Rows of two editions, interleaved: each edition keeps the order of its own rows.
    const auto result = import_csv(office.store, Collection::RankingResults,
                                   "system,year,institution,rank,overall\r\n"
                                   "QS-WUR,2025,A,1,90\r\n"
                                   "THE-WUR,2025,X,1,\r\n"
                                   "QS-WUR,2025,C,2,75\r\n"
                                   "THE-WUR,2025,Y,2,\r\n");
    CHECK(result.read == 4);
    CHECK(result.unchanged == 1);
    CHECK(result.updated == 1);
    CHECK(result.added == 2);
    CHECK(rankings.results({"QS-WUR", 2025}) ==
          std::vector<PublishedResult>{{"A", std::nullopt, "1", 90, {}}, {"C", std::nullopt, "2", 75, {}}});
    CHECK(rankings.results({"THE-WUR", 2025}).size() == 2);
    CHECK(rankings.results({"THE-WUR", 2025})[1].institution == "Y");
    CHECK(rankings.results({"ARWU", 2024}).size() == 1);
    // One audit entry for the import.
    CHECK(office.store.audit().size() == audit_before + 1);
    CHECK(office.store.audit().latest(1).front().action == "import_csv");
}

TEST_CASE("home figures and methodologies add or replace by key", "[exchange][keyed]") {
    CentreOffice office;
    auto& rankings = office.store.rankings();
    rankings.set_home_figures(2024, {{"faculty_total", 600}});
    const auto result = import_csv(office.store, Collection::HomeFigures,
                                   "year,key,value\r\n2024,faculty_total,610\r\n2024,international_faculty,42\r\n");
    CHECK(result.updated == 1);
    CHECK(result.added == 1);
    CHECK(rankings.home_figures(2024) == std::map<std::string, double>{{"faculty_total", 610}, {"international_faculty", 42}});

    const std::string header = "system,year,name,indicators\r\n";
    const std::string indicators = "\"[{\"\"code\"\":\"\"research\"\",\"\"weight\"\":1}]\"";
    CHECK(import_csv(office.store, Collection::RankingMethodologies, header + "LOCAL,2025,First," + indicators + "\r\n").added == 1);
    CHECK(import_csv(office.store, Collection::RankingMethodologies, header + "LOCAL,2025,Second," + indicators + "\r\n").updated == 1);
    CHECK(rankings.load_methodology("LOCAL", 2025).name == "Second");
    // Left-out columns keep the stored values.
    CHECK(import_csv(office.store, Collection::RankingMethodologies, "system,year,total_decimals,indicators\r\nLOCAL,2025,3," + indicators + "\r\n")
              .updated == 1);
    CHECK(rankings.load_methodology("LOCAL", 2025).name == "Second");
    CHECK(rankings.load_methodology("LOCAL", 2025).total_decimals == 3);
    CHECK(rankings.custom_methodologies().size() == 1);
}

TEST_CASE("bad rows of the keyed collections name row, column and value, and nothing is written", "[exchange][keyed][errors]") {
    CentreOffice office;
    office.store.centres().set_expertise(office.energy, Expertise{{"0713"}, {}});
    const std::string results = "system,year,institution,institution_id,rank,overall,scores\r\n";
    const std::vector<BadRow> cases{
        // centre_expertise: bad key, unknown reference, a unit that is not a centre, bad values
        {Collection::CentreExpertise, "centre,isced_codes\r\nfirst,[]\r\n", "centre", "first", "expected a positive whole number"},
        {Collection::CentreExpertise, "centre,isced_codes\r\n99,[]\r\n", "centre", "99",
         "invalid centre '99': expected the id of one of the units in the store or earlier in the import"},
        {Collection::CentreExpertise, "centre,isced_codes\r\n3,[]\r\n", "centre", "3",
         "invalid centre '3': expected a unit of kind 'scientific_centre' (this one is 'faculty')"},
        {Collection::CentreExpertise, "centre,isced_codes\r\n1,\"[\"\"12345\"\"]\"\r\n", "isced_codes", "12345",
         "expected ISCED-F 2013 codes of 2 to 4 digits"},
        {Collection::CentreExpertise, "centre,keywords\r\n1,solar\r\n", "keywords", "solar", "expected a JSON array written in the cell"},
        // centre_links
        {Collection::CentreLinks, "home_centre,partner_centre\r\n,2\r\n", "home_centre", "", "expected a positive whole number"},
        {Collection::CentreLinks, "home_centre,partner_centre\r\n1,99\r\n", "partner_centre", "99",
         "expected the id of one of the units in the store or earlier in the import"},
        {Collection::CentreLinks, "home_centre,partner_centre\r\n3,2\r\n", "home_centre", "3", "scientific_centre"},
        {Collection::CentreLinks, "home_centre,partner_centre\r\n2,1\r\n", "home_centre", "2",
         "invalid home_centre '2': expected a centre of the home institution"},
        {Collection::CentreLinks, "home_centre,partner_centre,note\r\n1,2,a\x01" "b\r\n", "note", "a\x01" "b", "invalid note"},
        // ranking_results
        {Collection::RankingResults, results + "qs wur,2025,A,,1,,\r\n", "system", "qs wur", "invalid system 'qs wur'"},
        {Collection::RankingResults, results + "QS-WUR,0,A,,1,,\r\n", "year", "0", "invalid year '0': expected a year from 1 to 9999"},
        {Collection::RankingResults, results + "QS-WUR,2025,A,99,1,,\r\n", "institution_id", "99",
         "invalid institution_id '99': expected the id of one of the institutions in the store or earlier in the import"},
        {Collection::RankingResults, results + "QS-WUR,2025,A,,first,,\r\n", "rank", "first", "invalid result.rank 'first'"},
        {Collection::RankingResults, results + "QS-WUR,2025,A,,1,high,\r\n", "overall", "high", "invalid overall 'high': expected a number"},
        {Collection::RankingResults, results + "QS-WUR,2025,A,,1,,\"{\"\"citations\"\":\"\"high\"\"}\"\r\n", "scores", "high",
         "invalid scores.citations 'high': expected a number"},
        {Collection::RankingResults, results + "QS-WUR,2025,A,,1,,[]\r\n", "scores", "[]", "expected a JSON object written in the cell"},
        {Collection::RankingResults, results + "QS-WUR,2025,,,1,,\r\n", "institution", "", "invalid result.institution"},
        // home_figures
        {Collection::HomeFigures, "year,key,value\r\n2025,International Faculty,4\r\n", "key", "International Faculty",
         "expected a key of 1 to 40 characters of a-z, 0-9 and '_'"},
        {Collection::HomeFigures, "year,key,value\r\n0,staff,4\r\n", "year", "0", "expected a year from 1 to 9999"},
        {Collection::HomeFigures, "year,key,value\r\n2025,staff,-1\r\n", "value", "-1", "expected a finite number of 0 or more"},
        {Collection::HomeFigures, "year,key,value\r\n2025,staff,many\r\n", "value", "many", "expected a number"},
        // ranking_methodologies
        {Collection::RankingMethodologies, "system,year,indicators\r\nlocal,2025,[]\r\n", "system", "local", "invalid system 'local'"},
        {Collection::RankingMethodologies, "system,year,indicators\r\nLOCAL,2025,[]\r\n", "indicators", "[]", "at least one indicator"},
        {Collection::RankingMethodologies, "system,year,indicators\r\nLOCAL,2025,\"[{\"\"code\"\":\"\"r\"\",\"\"weight\"\":-1}]\"\r\n",
         "indicators", "-1", "invalid indicators[0].weight '-1'"},
        {Collection::RankingMethodologies, "system,year,indicators,bands\r\nLOCAL,2025,\"[{\"\"code\"\":\"\"r\"\",\"\"weight\"\":1}]\",\"{\"\"step\"\":1}\"\r\n",
         "bands", "1", "invalid bands.step '1'"},
        {Collection::RankingMethodologies, "system,year,indicators\r\nARWU,2024,\"[{\"\"code\"\":\"\"r\"\",\"\"weight\"\":1}]\"\r\n", "", "",
         "ARWU 2024 has a built-in methodology"},
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
            CHECK(p.value == bad.value);
            CHECK_THAT(p.message, Contains(bad.message));
            CHECK_THAT(std::string(e.what()), Contains("row 1 (line 2)") && Contains(bad.message));
        }
        CHECK(office.store.logical_dump() == before);
    }
}

TEST_CASE("skip_bad_rows writes only the good rows of the keyed collections", "[exchange][keyed][errors]") {
    CentreOffice office;
    TableImportOptions skip;
    skip.skip_bad_rows = true;
    const std::vector<std::pair<Collection, std::string>> files{
        {Collection::CentreExpertise, "centre,isced_codes\r\n1,\"[\"\"0713\"\"]\"\r\n3,\"[\"\"0713\"\"]\"\r\n99,[]\r\n"},
        {Collection::CentreLinks, "home_centre,partner_centre\r\n1,2\r\n2,1\r\n1,99\r\n"},
        {Collection::RankingResults, "system,year,institution,rank\r\nQS-WUR,2025,A,1\r\nQS-WUR,2025,B,first\r\nQS-WUR,0,C,3\r\n"},
        {Collection::HomeFigures, "year,key,value\r\n2025,staff,4\r\n2025,Staff,5\r\n2025,students,-2\r\n"},
        {Collection::RankingMethodologies,
         "system,year,indicators\r\nLOCAL,2025,\"[{\"\"code\"\":\"\"r\"\",\"\"weight\"\":1}]\"\r\nLOCAL,2026,[]\r\nARWU,2024,\"[{\"\"code\"\":\"\"r\"\",\"\"weight\"\":1}]\"\r\n"},
    };
    for (const auto& [collection, csv] : files) {
        INFO(csv);
        const auto before = office.store.logical_dump();
        CHECK_THROWS_AS(import_csv(office.store, collection, csv), RowsRejectedError);
        CHECK(office.store.logical_dump() == before);
        const auto result = import_csv(office.store, collection, csv, skip);
        CHECK(result.read == 3);
        CHECK(result.added == 1);
        CHECK(result.skipped == 2);
        REQUIRE(result.problems.size() == 2);
        CHECK(result.problems[0].row == 2);
        CHECK(result.problems[1].row == 3);
    }
    CHECK(office.store.centres().expertise(office.energy) == Expertise{{"0713"}, {}});
    CHECK(office.store.centres().links(office.energy) == std::vector<CentreLink>{{office.energy, office.water, ""}});
    CHECK(office.store.rankings().results({"QS-WUR", 2025}) == std::vector<PublishedResult>{{"A", std::nullopt, "1", std::nullopt, {}}});
    CHECK(office.store.rankings().home_figures(2025) == std::map<std::string, double>{{"staff", 4}});
    CHECK(office.store.rankings().custom_methodologies() == std::vector<RankingEdition>{{"LOCAL", 2025}});
}

TEST_CASE("a bad row of one edition in a JSON document refuses the whole document", "[exchange][keyed][errors]") {
    CentreOffice office;
    const auto before = office.store.logical_dump();
    const std::string doc = R"({"format": "iro-collections", "version": 1,
        "home_figures": [{"year": 2025, "key": "staff", "value": 4}],
        "ranking_results": [{"system": "QS-WUR", "year": 2025, "institution": "A", "rank": "1", "scores": {"citations": 50}},
                            {"system": "QS-WUR", "year": 2025, "institution": "B", "rank": "2", "scores": [1]}]})";
    try {
        import_json(office.store, doc);
        FAIL("no error");
    } catch (const RowsRejectedError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0] == RowProblem{Collection::RankingResults, 2, 0, "scores", "[1]", "invalid scores '[1]': expected a JSON object"});
    }
    CHECK(office.store.logical_dump() == before);
}
