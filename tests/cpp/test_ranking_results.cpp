// Published results from CSV: RFC 4180 quoting, column mappings and every error path.
#include "test_support.hpp"

#include <cmath>

using namespace iro;
using Catch::Matchers::Contains;

namespace {
const std::map<std::string, std::string> kMapping = {
    {"Institution", "institution"}, {"Rank", "rank"}, {"Overall", "overall"}, {"Research", "research"}, {"Teaching", "teaching"}};

PublishedResult result(std::string name, std::string rank, std::optional<double> overall, std::map<std::string, double> scores) {
    return {std::move(name), std::nullopt, std::move(rank), overall, std::move(scores)};
}
} // namespace

TEST_CASE("CSV import: quoted fields, embedded commas, doubled quotes and line breaks", "[ranking]") {
    const std::string text =
        "\xEF\xBB\xBFRank,Institution,Country,Overall,Research,Teaching\r\n"
        "1,\"University of California, Berkeley\",US,95.5,90,80.25\r\n"
        "=2,\"The \"\"New\"\" School\",US,,\"70\",-\r\n"
        "801-850,\"Comma, name\",\"P\r\nS\",n/a,  12.5 ,\r\n"
        "\r\n"
        "1401+, Spaced Name ,\"\",\"\",1e1,+3\r\n";
    const auto rows = import_results_csv(text, kMapping);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == result("University of California, Berkeley", "1", 95.5, {{"research", 90}, {"teaching", 80.25}}));
    CHECK(rows[1] == result("The \"New\" School", "=2", std::nullopt, {{"research", 70}}));
    CHECK(rows[2] == result("Comma, name", "801-850", std::nullopt, {{"research", 12.5}}));
    CHECK(rows[3] == result("Spaced Name", "1401+", std::nullopt, {{"research", 10}, {"teaching", 3}}));

    // LF line ends, no final line end, unmapped columns ignored, ranks written canonically.
    const auto lf = import_results_csv("Institution,Rank,Extra\nA,12=,\"x,y\"\nB,\"13\",", {{"Institution", "institution"}, {"Rank", "rank"}});
    REQUIRE(lf.size() == 2);
    CHECK(lf[0] == result("A", "=12", std::nullopt, {}));
    CHECK(lf[1] == result("B", "13", std::nullopt, {}));
    // A header only gives no results.
    CHECK(import_results_csv("Institution,Rank\r\n", {{"Institution", "institution"}, {"Rank", "rank"}}).empty());
    // A trailing empty field and a lone CR line end.
    const auto cr = import_results_csv("Institution,Rank,Research\rA,1,\r", {{"Institution", "institution"}, {"Rank", "rank"}, {"Research", "research"}});
    REQUIRE(cr.size() == 1);
    CHECK(cr[0].scores.empty());
}

TEST_CASE("malformed CSV is a FormatError naming the line and column", "[ranking][errors]") {
    const std::map<std::string, std::string> m = {{"Institution", "institution"}, {"Rank", "rank"}};
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Institution,Rank\nA,1\nB\"x,2\n",
         "CSV line 3, column 1: a quote inside an unquoted field (quote the whole field and write the quote twice)"},
        {"Institution,Rank\nA,1\n\"B\"x,2\n", "CSV line 3, column 1: text after the closing quote of a quoted field"},
        {"Institution,Rank\nA,1\r\nB,\"2\n\n", "CSV line 3, column 2: a quoted field is never closed"},
        {"Institution,Rank\nA,1\nB\n", "CSV line 3, column 2: 1 fields where the header has 2"},
        {"Institution,Rank\nA,1,extra\n", "CSV line 2, column 3: 3 fields where the header has 2"},
        {"Institution,Rank,Note\nA,1,\"multi\nline\"\nB,2,3,4\n", "CSV line 4, column 4: 4 fields where the header has 3"},
        {"", "CSV text is empty: expected a header line and results"},
        {"\n\n", "CSV text is empty"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        CHECK_THROWS_AS(import_results_csv(text, m), FormatError);
        CHECK_THROWS_WITH(import_results_csv(text, m), Contains(message));
    }
}

TEST_CASE("bad values and mappings are ValidationErrors", "[ranking][errors]") {
    const std::string text = "Institution,Rank,Overall,Research,Teaching\nA,1,90,80,70\nB,2,85,high,70\n";
    CHECK_THROWS_MATCHES(import_results_csv(text, kMapping), ValidationError,
                         Catch::Message("invalid line 3 column 'Research' 'high': expected a number, or a blank cell ('', '-' or 'n/a')"));
    CHECK_THROWS_WITH(import_results_csv("Institution,Rank,Overall,Research,Teaching\nA,first,90,80,70\n", kMapping),
                      Contains("invalid line 2 column 'Rank' 'first': expected a rank or band"));
    CHECK_THROWS_WITH(import_results_csv("Institution,Rank,Overall,Research,Teaching\n  ,1,90,80,70\n", kMapping),
                      Contains("invalid line 2 column 'Institution' '': expected a non-empty text"));
    CHECK_THROWS_WITH(import_results_csv("Institution,Rank,Overall,Research,Teaching\nA,1,nan,80,70\n", kMapping),
                      Contains("invalid line 2 column 'Overall' 'nan'"));
    CHECK_THROWS_WITH(import_results_csv("Institution,Rank,Overall,Research,Teaching\nA,1,90,1e999,70\n", kMapping),
                      Contains("invalid line 2 column 'Research' '1e999'"));
    CHECK_THROWS_WITH(import_results_csv("Institution,Rank,Overall,Research,Teaching\nA,1,90,8 0,70\n", kMapping),
                      Contains("invalid line 2 column 'Research' '8 0'"));

    CHECK_THROWS_MATCHES(import_results_csv(text, {{"Institution", "institution"}}), ValidationError,
                         Catch::Message("invalid columns 'no column mapped to rank': expected a mapping with a column for rank"));
    CHECK_THROWS_MATCHES(import_results_csv(text, {{"Institution", "institution"}, {"Rank", "rank"}, {"Score", "research"}}), ValidationError,
                         Catch::Message("invalid columns['Score'] 'Score': expected a column of the header: Institution, Rank, Overall, "
                                        "Research, Teaching"));
    CHECK_THROWS_MATCHES(import_results_csv(text, {{"Institution", "institution"}, {"Rank", "rank"}, {"Research", "Research"}}), ValidationError,
                         Catch::Message("invalid columns['Research'] 'Research': expected 1 to 40 characters of a-z, 0-9 and '_', e.g. "
                                        "citations"));
    CHECK_THROWS_MATCHES(import_results_csv(text, {{"Institution", "institution"}, {"Rank", "rank"}, {"Overall", "institution"}}),
                         ValidationError, Catch::Message("invalid columns['Overall'] 'institution': expected a target no other column maps to"));
    // The mapping is checked before the text is read.
    CHECK_THROWS_AS(import_results_csv("broken\"", {{"Institution", "institution"}}), ValidationError);
}

TEST_CASE("published results are validated field by field", "[ranking][errors]") {
    CHECK_NOTHROW(validate(result("A", "=12", 50, {{"ar", 1}})));
    CHECK_THROWS_MATCHES(validate(result("", "1", std::nullopt, {}), "results[4]"), ValidationError,
                         Catch::Message("invalid results[4].institution '': expected a non-empty text"));
    CHECK_THROWS_WITH(validate(result("A", "1-", std::nullopt, {})), Contains("invalid result.rank '1-'"));
    CHECK_THROWS_WITH(validate(result("A", "1", INFINITY, {})), Contains("invalid result.overall 'inf': expected a finite number"));
    CHECK_THROWS_WITH(validate(result("A", "1", std::nullopt, {{"Bad Code", 1}})), Contains("invalid result.scores 'Bad Code'"));
    CHECK_THROWS_WITH(validate(result("A", "1", std::nullopt, {{"ar", std::nan("")}})), Contains("invalid result.scores.ar 'nan'"));
    auto linked = result("A", "1", std::nullopt, {});
    linked.institution_id = InstitutionId{};
    CHECK_THROWS_WITH(validate(linked), Contains("invalid result.institution_id '0'"));
}

TEST_CASE("published results become a table for the analysis", "[ranking]") {
    const auto t = to_table({result("A", "1", 90, {{"ar", 80}}), result("B", "2", std::nullopt, {})});
    REQUIRE(t.size() == 2);
    CHECK(t[0] == TableRow{"A", {{"ar", 80}}});
    CHECK(t[1] == TableRow{"B", {}});
}
