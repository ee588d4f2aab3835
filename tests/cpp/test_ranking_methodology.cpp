// Ranking methodologies: the built-in editions, validation, JSON, and rank labels and bands.
#include "test_support.hpp"

#include <cmath>
#include <functional>

using namespace iro;
using Catch::Matchers::Contains;

namespace {
Methodology simple() {
    Methodology m;
    m.system = "NATIONAL-X";
    m.year = 2025;
    m.name = "National ranking";
    m.indicators = {{"research", "Research", 0.6, "Output"}, {"teaching", "Teaching", 0.4, "Learning"}};
    return m;
}

std::map<std::string, double> weights_of(const Methodology& m) {
    std::map<std::string, double> out;
    for (const auto& i : m.indicators) out[i.code] = i.weight;
    return out;
}

double sum_of(const std::map<std::string, double>& w) {
    double s = 0;
    for (const auto& [code, v] : w) s += v;
    return s;
}
} // namespace

TEST_CASE("ARWU is built in for every year from 2005 with the same formula", "[ranking]") {
    const int now = static_cast<int>(today().year());
    for (int year = 2005; year <= now; ++year) {
        const auto m = methodology("ARWU", year);
        CHECK(m.year == year);
        CHECK(weights_of(m) == std::map<std::string, double>{{"alumni", 0.1}, {"award", 0.2}, {"hici", 0.2}, {"ns", 0.2}, {"pub", 0.2}, {"pcp", 0.1}});
        CHECK(m.scaling == TotalScaling::ScaledToTop);
        CHECK(m.missing == MissingTreatment::Zero);
        CHECK(m.total_decimals == 1);
        CHECK(m.rank_decimals == 1);
        CHECK(m.bands.exact_up_to == 100);
        CHECK_FALSE(m.bands.mark_ties);
        CHECK_NOTHROW(validate(m));
    }
    std::vector<std::string> codes;
    for (const auto& i : methodology("ARWU", 2005).indicators) codes.push_back(i.code);
    CHECK(codes == std::vector<std::string>{"alumni", "award", "hici", "ns", "pub", "pcp"});
    // The listed table grew from 500 to 800 (2017) and 1000 (2018).
    CHECK(methodology("ARWU", 2016).bands.bands.back() == RankBand{401, 500});
    CHECK(methodology("ARWU", 2017).bands.bands.back() == RankBand{701, 800});
    CHECK(methodology("ARWU", 2018).bands.bands.back() == RankBand{901, 1000});

    CHECK_THROWS_MATCHES(methodology("ARWU", 2004), NotFoundError, Catch::Message("no built-in ranking methodology 'ARWU 2004'"));
    CHECK_THROWS_AS(methodology("ARWU", now + 1), NotFoundError);
    CHECK_THROWS_MATCHES(methodology("WEBOMETRICS", 2025), NotFoundError,
                         Catch::Message("no built-in ranking methodology 'WEBOMETRICS 2025'"));
    CHECK_THROWS_AS(methodology("NOPE", 2025), NotFoundError);
}

TEST_CASE("QS World University Rankings 2024 to 2026", "[ranking]") {
    const auto q26 = methodology("QS-WUR", 2026);
    CHECK(weights_of(q26) == std::map<std::string, double>{{"ar", 0.30}, {"er", 0.15}, {"fs", 0.10}, {"cpf", 0.20}, {"if", 0.05},
                                                           {"is", 0.05}, {"isd", 0.0}, {"irn", 0.05}, {"eo", 0.05}, {"st", 0.05}});
    std::vector<std::string> codes;
    for (const auto& i : q26.indicators) codes.push_back(i.code);
    CHECK(codes == std::vector<std::string>{"ar", "er", "fs", "cpf", "if", "is", "isd", "irn", "eo", "st"});
    CHECK(q26.scaling == TotalScaling::MinMaxRescaled);
    CHECK(q26.missing == MissingTreatment::Zero);
    CHECK_FALSE(q26.scale_min);
    CHECK_FALSE(q26.scale_max);
    CHECK(q26.bands.mark_ties);
    for (int year : {2024, 2025}) {
        auto w = weights_of(methodology("QS-WUR", year));
        CHECK_FALSE(w.count("isd"));
        w["isd"] = 0;
        CHECK(w == weights_of(q26));
    }
    CHECK_THROWS_AS(methodology("QS-WUR", 2023), NotFoundError);
    CHECK_THROWS_AS(methodology("QS-WUR", 2027), NotFoundError);
    CHECK(sum_of(weights_of(q26)) == Approx(1.0));
}

TEST_CASE("THE World University Rankings 2016 and 2024 onwards", "[ranking]") {
    const auto t16 = methodology("THE-WUR", 2016);
    CHECK(weights_of(t16) ==
          std::map<std::string, double>{{"teaching", 0.30}, {"international", 0.075}, {"research", 0.30}, {"citations", 0.30}, {"income", 0.025}});
    CHECK(t16.scaling == TotalScaling::WeightedSum);
    CHECK(t16.components.empty());
    CHECK_THROWS_AS(methodology("THE-WUR", 2017), NotFoundError);
    CHECK_THROWS_AS(methodology("THE-WUR", 2023), NotFoundError);

    const auto t24 = methodology("THE-WUR", 2024);
    std::vector<std::string> pillars;
    for (const auto& i : t24.indicators) pillars.push_back(i.code);
    CHECK(pillars == std::vector<std::string>{"teaching", "research_environment", "research_quality", "industry", "international_outlook"});
    CHECK(weights_of(t24) == std::map<std::string, double>{{"teaching", 0.295}, {"research_environment", 0.29}, {"research_quality", 0.30},
                                                           {"industry", 0.04}, {"international_outlook", 0.075}});
    // The brief lists 17 weighted indicators under the five pillars (they add up to 100%).
    REQUIRE(t24.components.size() == 17);
    std::map<std::string, double> by_pillar;
    std::map<std::string, std::vector<std::string>> codes;
    for (const auto& c : t24.components) {
        by_pillar[c.pillar] += c.weight;
        codes[c.pillar].push_back(c.code);
    }
    for (const auto& i : t24.indicators) CHECK(by_pillar[i.code] == Approx(i.weight).margin(1e-12));
    CHECK(codes["teaching"] == std::vector<std::string>{"teaching_reputation", "staff_student_ratio", "doctorate_bachelor_ratio",
                                                        "doctorate_staff_ratio", "institutional_income"});
    CHECK(codes["research_environment"] == std::vector<std::string>{"research_reputation", "research_income", "research_productivity"});
    CHECK(codes["research_quality"] ==
          std::vector<std::string>{"citation_impact", "research_strength", "research_excellence", "research_influence"});
    CHECK(codes["industry"] == std::vector<std::string>{"industry_income", "patents"});
    CHECK(codes["international_outlook"] ==
          std::vector<std::string>{"international_students", "international_staff", "international_co_authorship"});
    CHECK(t24.find("teaching_reputation")->weight == 0.15);
    CHECK(t24.find("research_reputation")->weight == 0.18);
    CHECK(methodology("THE-WUR", static_cast<int>(today().year())).indicators == t24.indicators);
}

TEST_CASE("every built-in edition validates and the known systems are listed", "[ranking]") {
    const auto editions = builtin_editions();
    CHECK(std::is_sorted(editions.begin(), editions.end()));
    for (const auto& e : editions) {
        CHECK(has_builtin_methodology(e.system, e.year));
        const auto m = methodology(e.system, e.year);
        CHECK(m.edition() == e);
        CHECK_NOTHROW(validate(m));
    }
    CHECK(std::find(editions.begin(), editions.end(), RankingEdition{"THE-WUR", 2016}) != editions.end());
    CHECK_FALSE(has_builtin_methodology("THE-WUR", 2020));
    std::vector<std::string> systems;
    for (const auto& s : ranking_systems()) {
        systems.push_back(s.code);
        CHECK_NOTHROW(validate_system_code(s.code));
    }
    CHECK(systems == std::vector<std::string>{"ARWU", "QS-WUR", "QS-ARAB", "THE-WUR", "USNEWS-BGU", "WEBOMETRICS"});
}

TEST_CASE("invalid methodologies are refused with the field named", "[ranking][errors]") {
    struct Case {
        const char* what;
        std::function<void(Methodology&)> spoil;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"lower-case system", [](Methodology& m) { m.system = "qs"; }, "invalid system 'qs': expected 1 to 40 characters of A-Z, 0-9 and '-', e.g. QS-WUR"},
        {"year 0", [](Methodology& m) { m.year = 0; }, "invalid year '0': expected a year from 1 to 9999"},
        {"no indicators", [](Methodology& m) { m.indicators.clear(); }, "invalid indicators '[]': expected at least one indicator"},
        {"upper-case code", [](Methodology& m) { m.indicators[0].code = "Research"; },
         "invalid indicators[0].code 'Research': expected 1 to 40 characters of a-z, 0-9 and '_', e.g. citations"},
        {"empty code", [](Methodology& m) { m.indicators[1].code = ""; }, "invalid indicators[1].code ''"},
        {"repeated code", [](Methodology& m) { m.indicators[1].code = "research"; },
         "invalid indicators[1].code 'research': expected a code not used by another indicator or component"},
        {"result field as code", [](Methodology& m) { m.indicators[1].code = "overall"; },
         "invalid indicators[1].code 'overall': expected a code other than institution, rank and overall"},
        {"negative weight", [](Methodology& m) { m.indicators[0].weight = -0.1; },
         "invalid indicators[0].weight '-0.1': expected a finite weight of 0 or more"},
        {"NaN weight", [](Methodology& m) { m.indicators[0].weight = std::nan(""); }, "invalid indicators[0].weight 'nan'"},
        {"infinite weight", [](Methodology& m) { m.indicators[0].weight = INFINITY; }, "invalid indicators[0].weight 'inf'"},
        {"zero weight sum",
         [](Methodology& m) {
             m.indicators[0].weight = 0;
             m.indicators[1].weight = 0;
         },
         "invalid indicators 'weights summing to 0': expected weights with a positive sum"},
        {"component of nothing", [](Methodology& m) { m.components = {{"reputation", "Reputation", 0.4, "learning"}}; },
         "invalid components[0].pillar 'learning': expected the code of the indicator the component forms"},
        {"components not adding up", [](Methodology& m) { m.components = {{"reputation", "Reputation", 0.3, "teaching"}}; },
         "invalid components 'weights under 'teaching' summing to 0.3': expected component weights adding up to the indicator's weight 0.4"},
        {"component reusing a code", [](Methodology& m) { m.components = {{"teaching", "T", 0.4, "teaching"}}; },
         "invalid components[0].code 'teaching'"},
        {"bound without min-max", [](Methodology& m) { m.scale_min = 0; },
         "invalid scale_min '0': expected no bound unless scaling is min_max_rescaled"},
        {"bounds the wrong way round",
         [](Methodology& m) {
             m.scaling = TotalScaling::MinMaxRescaled;
             m.scale_min = 50;
             m.scale_max = 50;
         },
         "invalid scale_max '50': expected a bound above scale_min (50)"},
        {"infinite bound",
         [](Methodology& m) {
             m.scaling = TotalScaling::MinMaxRescaled;
             m.scale_max = INFINITY;
         },
         "invalid scale_max 'inf': expected a finite number"},
        {"too many decimals", [](Methodology& m) { m.total_decimals = 7; }, "invalid total_decimals '7': expected 0 to 6 decimals"},
        {"negative rank decimals", [](Methodology& m) { m.rank_decimals = -1; }, "invalid rank_decimals '-1'"},
        {"a gap between bands",
         [](Methodology& m) {
             m.bands.exact_up_to = 100;
             m.bands.bands = {{101, 150}, {152, 200}};
         },
         "invalid bands.bands[1] '152-200': expected a band starting at 151, right after the previous one"},
        {"first band not after the exact ranks",
         [](Methodology& m) {
             m.bands.exact_up_to = 100;
             m.bands.bands = {{100, 150}};
         },
         "invalid bands.bands[0] '100-150'"},
        {"an open band in the middle",
         [](Methodology& m) {
             m.bands.exact_up_to = 10;
             m.bands.bands = {{11, std::nullopt}, {20, 30}};
         },
         "invalid bands.bands[0] '11+': expected an open band only at the end"},
        {"a band ending before it starts",
         [](Methodology& m) {
             m.bands.exact_up_to = 10;
             m.bands.bands = {{11, 5}};
         },
         "invalid bands.bands[0] '11-5': expected a last rank not below the first"},
        {"bands without an exact limit", [](Methodology& m) { m.bands.bands = {{1, 10}}; }, "invalid bands.exact_up_to 'none'"},
        {"control character in a name", [](Methodology& m) { m.indicators[0].name = "a\nb"; }, "invalid indicators[0].name"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto m = simple();
        c.spoil(m);
        CHECK_THROWS_WITH(validate(m), Contains(c.message));
        CHECK_THROWS_AS(validate(m), ValidationError);
    }
    CHECK_NOTHROW(validate(simple()));
}

TEST_CASE("methodologies round-trip through JSON", "[ranking]") {
    auto m = simple();
    m.indicators.push_back({"international", "International outlook", 0.2, ""});
    m.components = {{"staff", "International staff", 0.125, "international"}, {"students", "International students", 0.075, "international"}};
    m.missing = MissingTreatment::Reweight;
    m.scaling = TotalScaling::MinMaxRescaled;
    m.scale_min = 12.5;
    m.scale_max = 97.0 / 3.0;  // not a short decimal: the round trip must keep every bit
    m.total_decimals = 2;
    m.rank_decimals = 0;
    m.bands = {50, {{51, 100}, {101, std::nullopt}}, true};
    const auto text = methodology_to_json(m);
    CHECK(methodology_from_json(text) == m);
    for (const auto& e : builtin_editions()) {
        const auto b = methodology(e.system, e.year);
        CHECK(methodology_from_json(methodology_to_json(b)) == b);
    }
    // Omitted keys take their defaults.
    const auto minimal = methodology_from_json(R"({"system": "MINI", "year": 2030, "indicators": [{"code": "a", "weight": 1}]})");
    CHECK(minimal.name.empty());
    CHECK(minimal.missing == MissingTreatment::Zero);
    CHECK(minimal.scaling == TotalScaling::WeightedSum);
    CHECK(minimal.total_decimals == 1);
    CHECK_FALSE(minimal.bands.exact_up_to);
}

TEST_CASE("bad methodology JSON: FormatError for the text, ValidationError for the content", "[ranking][errors]") {
    CHECK_THROWS_AS(methodology_from_json("{\"system\": "), FormatError);
    CHECK_THROWS_WITH(methodology_from_json("not json"), Contains("methodology JSON is not valid JSON at byte 2"));
    CHECK_THROWS_AS(methodology_from_json(""), FormatError);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"[1, 2]", "invalid methodology '[1,2]': expected a JSON object"},
        {R"({"system": "X", "year": 2025, "indicators": [], "colour": "red"})", "invalid methodology 'colour': expected one of the keys system,"},
        {R"({"year": 2025, "indicators": [{"code": "a", "weight": 1}]})", "invalid system '': expected a value (the key is required)"},
        {R"({"system": "X", "year": "2025", "indicators": [{"code": "a", "weight": 1}]})", "invalid year '\"2025\"': expected a whole number"},
        {R"({"system": "X", "year": 2025.5, "indicators": [{"code": "a", "weight": 1}]})", "invalid year '2025.5': expected a whole number"},
        {R"({"system": "X", "year": 2025, "indicators": {"a": 1}})", "invalid indicators '{\"a\":1}': expected an array"},
        {R"({"system": "X", "year": 2025, "indicators": [{"code": "a", "weight": "heavy"}]})",
         "invalid indicators[0].weight '\"heavy\"': expected a number"},
        {R"({"system": "X", "year": 2025, "indicators": [{"code": "a"}]})", "invalid indicators[0].weight ''"},
        {R"({"system": "X", "year": 2025, "indicators": [{"code": "a", "weight": 1, "unit": "%"}]})",
         "invalid indicators[0] 'unit': expected one of the keys code, name, weight, pillar"},
        {R"({"system": "X", "year": 2025, "indicators": [{"code": "a", "weight": -1}]})", "invalid indicators[0].weight '-1'"},
        {R"({"system": "X", "year": 2025, "indicators": [{"code": "a", "weight": 1}], "missing": "ignore"})",
         "invalid missing 'ignore': expected one of: zero, reweight, refuse"},
        {R"({"system": "X", "year": 2025, "indicators": [{"code": "a", "weight": 1}], "scaling": "log"})",
         "invalid scaling 'log': expected one of: weighted_sum, scaled_to_top, min_max_rescaled"},
        {R"({"system": "X", "year": 2025, "indicators": [{"code": "a", "weight": 1}], "bands": {"exact_up_to": 10, "bands": [{"first": 11, "last": "20"}]}})",
         "invalid bands.bands[0].last '\"20\"': expected a whole number"},
        {R"({"system": "X", "year": 2025, "indicators": [{"code": "a", "weight": 1}], "bands": {"mark_ties": 1}})",
         "invalid bands.mark_ties '1': expected true or false"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        CHECK_THROWS_AS(methodology_from_json(text), ValidationError);
        CHECK_THROWS_WITH(methodology_from_json(text), Contains(message));
    }
}

TEST_CASE("rank labels: exact ranks, shared ranks, band edges and open bands", "[ranking]") {
    const auto arwu = methodology("ARWU", 2005).bands;
    CHECK(rank_label(arwu, 1) == "1");
    CHECK(rank_label(arwu, 12, true) == "12");  // ARWU does not mark shared ranks
    CHECK(rank_label(arwu, 100) == "100");
    CHECK(rank_label(arwu, 101) == "101-150");
    CHECK(rank_label(arwu, 150) == "101-150");
    CHECK(rank_label(arwu, 151) == "151-200");
    CHECK(rank_label(arwu, 201) == "201-300");
    CHECK(rank_label(arwu, 500) == "401-500");
    CHECK(rank_label(arwu, 501).empty());  // 2005 listed 500
    CHECK(rank_label(methodology("ARWU", 2020).bands, 1000) == "901-1000");
    CHECK(rank_label(methodology("ARWU", 2020).bands, 1001).empty());

    const auto qs = methodology("QS-WUR", 2026).bands;
    CHECK(rank_label(qs, 12, true) == "=12");
    CHECK(rank_label(qs, 500, true) == "=500");
    CHECK(rank_label(qs, 501, true) == "501-510");
    CHECK(rank_label(qs, 510) == "501-510");
    CHECK(rank_label(qs, 600) == "591-600");
    CHECK(rank_label(qs, 601) == "601-650");
    CHECK(rank_label(qs, 1000) == "951-1000");
    CHECK(rank_label(qs, 1001) == "1001-1200");
    CHECK(rank_label(qs, 1400) == "1201-1400");
    CHECK(rank_label(qs, 1401) == "1401+");
    CHECK(rank_label(qs, 9999) == "1401+");

    const auto the = methodology("THE-WUR", 2025).bands;
    CHECK(rank_label(the, 200) == "200");
    CHECK(rank_label(the, 201) == "201-250");
    CHECK(rank_label(the, 1501) == "1501+");
    CHECK(rank_label(methodology("THE-WUR", 2016).bands, 800) == "601-800");

    CHECK(rank_label(RankingBands{}, 4321, true) == "4321");  // no bands: every rank exact
    CHECK(rank_label(RankingBands{0, {{1, 10}}, false}, 1) == "1-10");
    CHECK_THROWS_MATCHES(rank_label(arwu, 0), ValidationError, Catch::Message("invalid rank '0': expected a rank of 1 or more"));
}

TEST_CASE("published rank text is read and written back", "[ranking]") {
    CHECK(parse_rank("12") == RankPosition{12, 12, false});
    CHECK(parse_rank("=12") == RankPosition{12, 12, true});
    CHECK(parse_rank("12=") == RankPosition{12, 12, true});
    CHECK(parse_rank(" 801-850 ") == RankPosition{801, 850, false});
    CHECK(parse_rank("801\xE2\x80\x93" "850") == RankPosition{801, 850, false});
    CHECK(parse_rank("801 - 850") == RankPosition{801, 850, false});
    CHECK(parse_rank("1401+") == RankPosition{1401, std::nullopt, false});
    CHECK(parse_rank("12").exact());
    CHECK_FALSE(parse_rank("801-850").exact());
    for (const char* text : {"12", "=12", "801-850", "1401+"}) CHECK(format_rank(parse_rank(text)) == text);
    CHECK(format_rank(parse_rank("12=")) == "=12");
    for (const char* bad : {"", "abc", "0", "-5", "850-801", "=801-850", "12.5", "=1401+", "1401++", "1-", "1234567890"}) {
        INFO(bad);
        CHECK_THROWS_AS(parse_rank(bad), ValidationError);
    }
    CHECK_THROWS_MATCHES(parse_rank("top ten", "rank"), ValidationError,
                         Catch::Message("invalid rank 'top ten': expected a rank or band such as 12, =12, 801-850 or 1401+"));
}
