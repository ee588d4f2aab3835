// Rankings in the store: custom methodologies, published results, the home institution's
// figures and derived indicators; refused writes leave the store unchanged.
#include "test_support.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;

namespace {
template <class Fn>
void check_refused_unchanged(Store& store, Fn&& fn) {
    const auto before = store.logical_dump();
    fn();
    CHECK(store.logical_dump() == before);
}

Methodology custom() {
    Methodology m;
    m.system = "PS-NATIONAL";
    m.year = 2025;
    m.name = "National university ranking (office's model)";
    m.indicators = {{"research", "Research output", 0.5, "Research"},
                    {"teaching", "Teaching", 0.3, "Education"},
                    {"international", "International outlook", 0.2, "Reach"}};
    m.components = {{"partners", "Active partners", 0.1, "international"}, {"mobility", "Mobility", 0.1, "international"}};
    m.missing = MissingTreatment::Reweight;
    m.scaling = TotalScaling::MinMaxRescaled;
    m.scale_min = 3.25;
    m.scale_max = 88.5;
    m.bands = {10, {{11, 20}, {21, std::nullopt}}, true};
    return m;
}

std::string read_data(const std::string& name) {
    std::ifstream in(std::string(IRO_TEST_DATA_DIR) + "/rankings/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<PublishedResult> arwu2005() {
    return import_results_csv(read_data("arwu2005_top50.csv"), {{"university_name", "institution"}, {"world_rank", "rank"},
                                                                 {"total_score", "overall"}, {"alumni", "alumni"}, {"award", "award"},
                                                                 {"hici", "hici"}, {"ns", "ns"}, {"pub", "pub"}, {"pcp", "pcp"}});
}
} // namespace

TEST_CASE("custom methodologies are saved, listed, reloaded from a file and removed", "[ranking]") {
    TempDir dir;
    const auto path = dir.file("office.db");
    const auto m = custom();
    {
        auto store = Store::open(path);
        CHECK(store.schema_version() == Store::latest_schema_version());
        store.rankings().save_methodology(m);
        CHECK(store.rankings().load_methodology("PS-NATIONAL", 2025) == m);
        const auto entry = store.audit().latest(1).front();
        CHECK(entry.entity == "ranking_methodology");
        CHECK(entry.action == "add");
        CHECK(entry.after == methodology_to_json(m));
    }
    auto store = Store::open(path, {.create = false});
    CHECK(store.rankings().load_methodology("PS-NATIONAL", 2025) == m);
    CHECK(store.rankings().methodology("PS-NATIONAL", 2025) == m);
    CHECK(store.rankings().methodology("ARWU", 2010) == methodology("ARWU", 2010));  // built-in when none is stored

    auto next = m;
    next.year = 2026;
    next.indicators[0].weight = 0.6;
    next.indicators[1].weight = 0.2;
    store.rankings().save_methodology(next);
    auto changed = m;
    changed.name = "Renamed";
    store.rankings().save_methodology(changed);  // replaces
    CHECK(store.audit().latest(1).front().action == "update");
    CHECK(store.rankings().load_methodology("PS-NATIONAL", 2025) == changed);
    CHECK(store.rankings().custom_methodologies() == std::vector<RankingEdition>{{"PS-NATIONAL", 2025}, {"PS-NATIONAL", 2026}});

    store.rankings().remove_methodology("PS-NATIONAL", 2025);
    CHECK(store.audit().latest(1).front().action == "remove");
    CHECK(store.rankings().custom_methodologies() == std::vector<RankingEdition>{{"PS-NATIONAL", 2026}});
    CHECK_THROWS_MATCHES(store.rankings().load_methodology("PS-NATIONAL", 2025), NotFoundError,
                         Catch::Message("no custom ranking methodology 'PS-NATIONAL 2025'"));
    CHECK_THROWS_MATCHES(store.rankings().methodology("PS-NATIONAL", 2025), NotFoundError,
                         Catch::Message("no built-in ranking methodology 'PS-NATIONAL 2025'"));
}

TEST_CASE("refused methodology writes change nothing", "[ranking][errors]") {
    TestStore t(GENERATE(false, true));
    auto& rankings = t.store.rankings();
    rankings.save_methodology(custom());
    check_refused_unchanged(t.store, [&] {
        auto bad = custom();
        bad.indicators[1].weight = -1;
        CHECK_THROWS_MATCHES(rankings.save_methodology(bad), ValidationError,
                             Catch::Message("invalid indicators[1].weight '-1': expected a finite weight of 0 or more"));
        auto builtin = methodology("QS-WUR", 2026);
        builtin.scale_min = 10;
        builtin.scale_max = 90;
        CHECK_THROWS_MATCHES(rankings.save_methodology(builtin), ConflictError,
                             Catch::Message("QS-WUR 2026 has a built-in methodology and cannot be replaced; save yours under a system "
                                            "code of its own (e.g. 'QS-WUR-LOCAL')"));
        CHECK_THROWS_AS(rankings.remove_methodology("PS-NATIONAL", 1999), NotFoundError);
        CHECK_THROWS_AS(rankings.remove_methodology("ARWU", 2010), NotFoundError);
    });
    // A variant of a built-in edition goes under its own code.
    auto local = methodology("QS-WUR", 2026);
    local.system = "QS-WUR-LOCAL";
    local.scale_min = 10;
    local.scale_max = 90;
    rankings.save_methodology(local);
    CHECK(rankings.methodology("QS-WUR-LOCAL", 2026) == local);
}

TEST_CASE("custom methodologies from JSON text through the store", "[ranking]") {
    TestStore t(GENERATE(false, true));
    const auto m = methodology_from_json(R"json({
        "system": "QS-ARAB", "year": 2025, "name": "QS Arab Region (office's reconstruction)",
        "indicators": [{"code": "ar", "name": "Academic reputation", "weight": 0.5},
                       {"code": "irn", "name": "International research network", "weight": 0.5}],
        "scaling": "min_max_rescaled", "scale_min": 5, "scale_max": 95,
        "bands": {"exact_up_to": 100, "bands": [{"first": 101, "last": 120}, {"first": 121, "last": null}], "mark_ties": true}
    })json");
    t.store.rankings().save_methodology(m);
    CHECK(t.store.rankings().load_methodology("QS-ARAB", 2025) == m);
    CHECK(methodology_from_json(methodology_to_json(m)) == m);
}

TEST_CASE("published results are stored per edition", "[ranking]") {
    TempDir dir;
    const auto path = dir.file("office.db");
    const auto results = arwu2005();
    auto linked = results;
    {
        auto store = Store::open(path);
        const auto harvard = store.institutions().add(make_institution("Harvard University", "US"));
        linked[0].institution_id = harvard;
        store.rankings().save_results({"ARWU", 2005}, linked);
        const auto entry = store.audit().latest(1).front();
        CHECK(entry.entity == "ranking_results");
        CHECK(entry.after == R"({"results":50,"system":"ARWU","year":2005})");
    }
    auto store = Store::open(path, {.create = false});
    auto& rankings = store.rankings();
    CHECK(rankings.results({"ARWU", 2005}) == linked);
    CHECK(rankings.editions_with_results() == std::vector<RankingEdition>{{"ARWU", 2005}});

    // Replacing keeps nothing of the old rows; other editions are untouched.
    const std::vector<PublishedResult> mini = {{"Harvard University", std::nullopt, "1", 100, {{"alumni", 100}}},
                                               {"Stanford University", std::nullopt, "2", std::nullopt, {}}};
    rankings.save_results({"ARWU", 2006}, mini);
    rankings.save_results({"ARWU", 2005}, {mini[1]});
    CHECK(store.audit().latest(1).front().before == R"({"results":50,"system":"ARWU","year":2005})");
    CHECK(rankings.results({"ARWU", 2005}) == std::vector<PublishedResult>{mini[1]});
    CHECK(rankings.results({"ARWU", 2006}) == mini);
    CHECK(rankings.editions_with_results("ARWU") == std::vector<RankingEdition>{{"ARWU", 2005}, {"ARWU", 2006}});
    CHECK(rankings.editions_with_results("QS-WUR").empty());
    CHECK(rankings.tables("ARWU").size() == 2);

    rankings.remove_results({"ARWU", 2005});
    CHECK_THROWS_MATCHES(rankings.results({"ARWU", 2005}), NotFoundError, Catch::Message("no published ranking results 'ARWU 2005'"));
    CHECK(rankings.editions_with_results() == std::vector<RankingEdition>{{"ARWU", 2006}});
    rankings.remove_results({"ARWU", 2006});
    // An edition with nothing left leaves no row behind.
    CHECK_THAT(store.logical_dump(), Contains("table ranking_edition (0 rows)"));
}

TEST_CASE("refused result writes change nothing", "[ranking][errors]") {
    TestStore t(GENERATE(false, true));
    auto& rankings = t.store.rankings();
    rankings.save_results({"ARWU", 2005}, arwu2005());
    check_refused_unchanged(t.store, [&] {
        auto bad = arwu2005();
        bad[7].rank = "eight";
        CHECK_THROWS_WITH(rankings.save_results({"ARWU", 2005}, bad), Contains("invalid results[7].rank 'eight'"));
        bad = arwu2005();
        bad[2].scores["Bad"] = 1;
        CHECK_THROWS_WITH(rankings.save_results({"ARWU", 2005}, bad), Contains("invalid results[2].scores 'Bad'"));
        bad = arwu2005();
        bad[9].institution_id = InstitutionId{4242};
        CHECK_THROWS_MATCHES(rankings.save_results({"ARWU", 2005}, bad), NotFoundError, Catch::Message("no institution with id 4242"));
        CHECK_THROWS_MATCHES(rankings.save_results({"arwu", 2005}, arwu2005()), ValidationError,
                             Catch::Message("invalid edition.system 'arwu': expected 1 to 40 characters of A-Z, 0-9 and '-', e.g. QS-WUR"));
        CHECK_THROWS_WITH(rankings.save_results({"ARWU", 0}, arwu2005()), Contains("invalid edition.year '0'"));
        CHECK_THROWS_WITH(rankings.save_results({"ARWU", 2006}, {}), Contains("invalid results '[]'"));
        CHECK_THROWS_AS(rankings.remove_results({"ARWU", 2006}), NotFoundError);
        CHECK_THROWS_AS(rankings.results({"QS-WUR", 2026}), NotFoundError);
    });
}

TEST_CASE("home figures by year and the indicators derived from iro's data", "[ranking]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& rankings = t.store.rankings();
    rankings.set_home_figures(2025, {{"international_faculty", 30}, {"faculty_total", 600}, {"students_total", 9000}});
    rankings.set_home_figures(2025, {{"faculty_total", 500}});  // overwrites one, keeps the rest
    rankings.set_home_figures(2024, {{"international_students", 120}});
    CHECK(rankings.home_figures(2025) == std::map<std::string, double>{{"faculty_total", 500}, {"international_faculty", 30}, {"students_total", 9000}});
    CHECK(rankings.home_figure_years() == std::vector<int>{2024, 2025});
    CHECK(rankings.home_figures(2023).empty());
    const auto entry = t.store.audit().latest(2).back();
    CHECK(entry.entity == "ranking_home_figures");
    CHECK(entry.entity_id == 2025);
    CHECK(entry.action == "update");
    CHECK(entry.after == R"({"faculty_total":500.0,"international_faculty":30.0,"students_total":9000.0})");

    // Partners: active institutions other than home; an inactive one does not count.
    auto closed = make_institution("Closed Institute", "EG");
    closed.status = InstitutionStatus::Inactive;
    t.store.institutions().add(closed);
    office.in_force(office.jordan, "2024-01-01", "2028-12-31", "Jordan MoU");
    office.in_force(office.berlin, "2019-01-01", "2021-12-31", "Berlin MoU (ended)");

    auto h = compute_home_indicators(t.store, 2025);
    CHECK(h.year == 2025);
    CHECK(h.on == d("2025-12-31"));
    CHECK(h.partner_count == 3);
    CHECK(h.partner_countries == std::vector<std::string>{"JO"});
    CHECK(*h.international_faculty_ratio == Approx(0.06));
    CHECK_FALSE(h.international_student_ratio);  // no international_students in 2025
    CHECK(h.figures.size() == 3);

    h = compute_home_indicators(t.store, 2021, d("2021-06-30"));
    CHECK(h.partner_countries == std::vector<std::string>{"DE"});
    CHECK_FALSE(h.international_faculty_ratio);
    rankings.set_home_figures(2024, {{"students_total", 0}});
    CHECK_FALSE(compute_home_indicators(t.store, 2024).international_student_ratio);  // a zero total is no ratio
    rankings.set_home_figures(2024, {{"students_total", 4000}});
    CHECK(*compute_home_indicators(t.store, 2024).international_student_ratio == Approx(0.03));

    rankings.remove_home_figure(2024, "international_students");
    CHECK(rankings.home_figures(2024) == std::map<std::string, double>{{"students_total", 4000}});
    CHECK(t.store.audit().latest(1).front().action == "remove");
    CHECK_THROWS_AS(compute_home_indicators(t.store, 0), ValidationError);
}

TEST_CASE("refused home figure writes change nothing", "[ranking][errors]") {
    TestStore t(GENERATE(false, true));
    auto& rankings = t.store.rankings();
    rankings.set_home_figures(2025, {{"faculty_total", 500}});
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_MATCHES(rankings.set_home_figures(2025, {{"Faculty Total", 1}}), ValidationError,
                             Catch::Message("invalid figures 'Faculty Total': expected a key of 1 to 40 characters of a-z, 0-9 and '_', e.g. "
                                            "international_faculty"));
        CHECK_THROWS_MATCHES(rankings.set_home_figures(2025, {{"faculty_total", 600}, {"international_faculty", -1}}), ValidationError,
                             Catch::Message("invalid figures.international_faculty '-1': expected a finite number of 0 or more"));
        CHECK_THROWS_WITH(rankings.set_home_figures(2025, {{"faculty_total", std::nan("")}}), Contains("invalid figures.faculty_total 'nan'"));
        CHECK_THROWS_MATCHES(rankings.set_home_figures(0, {{"faculty_total", 1}}), ValidationError,
                             Catch::Message("invalid year '0': expected a year from 1 to 9999"));
        CHECK_THROWS_AS(rankings.set_home_figures(2025, {}), ValidationError);
        CHECK_THROWS_MATCHES(rankings.remove_home_figure(2025, "students_total"), NotFoundError,
                             Catch::Message("no home figure '2025 students_total'"));
    });
}

TEST_CASE("peer benchmark over the stored tables of a system", "[ranking]") {
    TestStore t(GENERATE(false, true));
    auto& rankings = t.store.rankings();
    const auto r = [](const char* name, const char* rank, double overall, double ar) {
        return PublishedResult{name, std::nullopt, rank, overall, {{"ar", ar}}};
    };
    rankings.save_results({"QS-ARAB", 2024}, {r("Birzeit University", "70", 40, 33), r("Palestine Polytechnic University", "131-140", 25, 18)});
    rankings.save_results({"QS-ARAB", 2025}, {r("Birzeit University", "60", 45, 35), r("Palestine Polytechnic University", "120", 30.5, 20)});
    const auto rows = rankings.peer_benchmark("QS-ARAB", "Palestine Polytechnic University", {"Birzeit University"});
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == BenchmarkRow{2024, "Birzeit University", "overall", 40, 25, -15});
    CHECK(rows[3] == BenchmarkRow{2025, "Birzeit University", "ar", 35, 20, -15});
    CHECK_THROWS_AS(rankings.peer_benchmark("QS-ARAB", "Palestine Polytechnic University", {"Hebron University"}), NotFoundError);
    CHECK_THROWS_AS(rankings.peer_benchmark("qs", "Palestine Polytechnic University", {"Birzeit University"}), ValidationError);
}
