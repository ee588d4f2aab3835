// Dates, academic years, identifiers and text rules: the checks that need no store.
#include "test_support.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

using namespace iro;
using Catch::Matchers::Contains;

TEST_CASE("dates parse only as real calendar days", "[date]") {
    CHECK(format_date(parse_date("2024-02-29")) == "2024-02-29");
    CHECK(parse_date("2026-12-31") == Date{std::chrono::year{2026}, std::chrono::December, std::chrono::day{31}});
    for (const char* bad : {"2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-1-01", "20250101", "", "2025-01-32",
                            "abcd-ef-gh", "2025-01-01T00:00", "0000-01-01"}) {
        INFO(bad);
        try {
            parse_date(bad, "valid_until");
            FAIL("accepted " << bad);
        } catch (const ValidationError& e) {
            CHECK(e.field() == "valid_until");
            CHECK(e.value() == bad);
            CHECK_THAT(e.what(), Contains("YYYY-MM-DD"));
        }
    }
}

TEST_CASE("date arithmetic", "[date]") {
    CHECK(add_days(parse_date("2024-02-28"), 1) == parse_date("2024-02-29"));
    CHECK(add_days(parse_date("2024-12-31"), 1) == parse_date("2025-01-01"));
    CHECK(add_months(parse_date("2024-01-31"), 1) == parse_date("2024-02-29"));
    CHECK(add_months(parse_date("2023-01-31"), 1) == parse_date("2023-02-28"));
    CHECK(add_months(parse_date("2024-11-15"), 14) == parse_date("2026-01-15"));
    CHECK(days_between(parse_date("2024-01-01"), parse_date("2025-01-01")) == 366);
    CHECK(days_between(parse_date("2025-01-01"), parse_date("2024-12-31")) == -1);
}

TEST_CASE("academic years are written YYYY/YYYY+1", "[academic_year]") {
    CHECK(AcademicYear::parse("2025/2026").start_year == 2025);
    CHECK(AcademicYear{2025}.to_string() == "2025/2026");
    for (const char* bad : {"2025/2027", "2025-2026", "25/26", "2025/2026 ", "", "abcd/efgh"})
        CHECK_THROWS_AS(AcademicYear::parse(bad), ValidationError);
    CHECK_THROWS_WITH(AcademicYear::parse("2025/2027"), Contains("academic year") && Contains("2025/2027"));
}

TEST_CASE("every ROR id in the real sample has a valid checksum", "[identifiers][ror]") {
    std::ifstream in(std::string(IRO_TEST_DATA_DIR) + "/ror-v2-sample-400.json");
    REQUIRE(in);
    const auto records = nlohmann::json::parse(in);
    REQUIRE(records.size() == 400);
    for (const auto& r : records) {
        const auto id = r.at("id").get<std::string>();
        INFO(id);
        CHECK(is_valid_ror_id(id));
        CHECK(normalize_ror_id(id) == id);
    }
}

TEST_CASE("ROR ids: checksum, alphabet and forms", "[identifiers][ror]") {
    CHECK(is_valid_ror_id("https://ror.org/0109gxs86"));
    CHECK(normalize_ror_id("0109gxs86") == "https://ror.org/0109gxs86");
    CHECK(normalize_ror_id("HTTPS://ROR.ORG/0109GXS86") == "https://ror.org/0109gxs86");
    CHECK(normalize_ror_id("http://ror.org/0109gxs86") == "https://ror.org/0109gxs86");
    CHECK_FALSE(is_valid_ror_id("https://ror.org/0109gxs87"));  // checksum off by one
    CHECK_FALSE(is_valid_ror_id("https://ror.org/1109gxs86"));  // must start with 0
    CHECK_FALSE(is_valid_ror_id("https://ror.org/0109gxs8"));   // too short
    CHECK_FALSE(is_valid_ror_id("https://ror.org/0109gis86"));  // 'i' is not Crockford base 32
    CHECK_FALSE(is_valid_ror_id("0109gxs86"));                  // canonical form needs the URL
    CHECK_THROWS_WITH(normalize_ror_id("https://ror.org/0109gxs87"), Contains("ror") && Contains("checksum"));
}

TEST_CASE("other identifiers", "[identifiers]") {
    CHECK_NOTHROW(validate_erasmus_code("PL WARSZAW01"));
    CHECK_NOTHROW(validate_erasmus_code("F  PARIS001"));
    CHECK_NOTHROW(validate_erasmus_code("D  BERLIN01"));
    CHECK_NOTHROW(validate_erasmus_code("IRL DUBLIN01"));
    for (const char* bad : {"pl warszaw01", "PLWARSZAW01", "PL WARSZAW", "PL    WARSZAW01", "PL WARSZAW0001", ""})
        CHECK_THROWS_AS(validate_erasmus_code(bad), ValidationError);

    CHECK_NOTHROW(validate_schac_code("uw.edu.pl"));
    CHECK_NOTHROW(validate_schac_code("ppu.edu"));
    for (const char* bad : {"UW.edu.pl", "localhost", "uw..pl", "-uw.pl", "uw.pl-", "uw edu.pl", ""})
        CHECK_THROWS_AS(validate_schac_code(bad), ValidationError);

    CHECK_NOTHROW(validate_pic("999986096"));
    CHECK_THROWS_WITH(validate_pic("12345"), Contains("pic") && Contains("9-digit"));
    CHECK_NOTHROW(validate_wikidata_id("Q51781734"));
    for (const char* bad : {"51781734", "Q", "Q0123", "q123", "Q12a"}) CHECK_THROWS_AS(validate_wikidata_id(bad), ValidationError);

    CHECK_NOTHROW(validate_website("https://www.ppu.edu"));
    for (const char* bad : {"www.ppu.edu", "ftp://x.org", "https://", "https://a b.org"})
        CHECK_THROWS_AS(validate_website(bad), ValidationError);
    CHECK_NOTHROW(validate_email("iro@ppu.edu"));
    for (const char* bad : {"iro", "@ppu.edu", "iro@ppu", "iro@@ppu.edu", "iro@ppu.edu.", "a b@ppu.edu"})
        CHECK_THROWS_AS(validate_email(bad), ValidationError);
    CHECK_NOTHROW(validate_sha256(std::string(64, 'a')));
    CHECK_THROWS_AS(validate_sha256(std::string(63, 'a')), ValidationError);
    CHECK_THROWS_AS(validate_sha256(std::string(64, 'g')), ValidationError);
}

TEST_CASE("search folding: case, accents, Arabic letter variants, tatweel", "[search][fold]") {
    CHECK(fold_for_search("Université de TOURS") == "universite de tours");
    CHECK(fold_for_search("Universität Wien") == "universitat wien");
    CHECK(fold_for_search("ÅRHUS Ünïvërsïtý") == "arhus university");
    CHECK(fold_for_search("أحمد") == fold_for_search("احمد"));
    CHECK(fold_for_search("إبراهيم") == fold_for_search("ابراهيم"));
    CHECK(fold_for_search("آمال") == fold_for_search("امال"));
    CHECK(fold_for_search("الجامعة") == "الجامعه");
    CHECK(fold_for_search("مستشفى") == "مستشفي");
    CHECK(fold_for_search("جـــامعة") == "جامعه");          // tatweel removed
    CHECK(fold_for_search("جَامِعَة") == "جامعه");            // harakat removed
    CHECK(fold_for_search("Запорізький") == "запорізькии");  // Cyrillic: lower case, breve on й dropped
    CHECK(fold_for_search(std::string("bad \xff utf8")).find("bad") == 0);
}

TEST_CASE("enum names come from one table", "[enums]") {
    CHECK(to_string(AgreementStatus::InForce) == "in_force");
    CHECK(enum_from_string<AgreementKind>("erasmus_iia") == AgreementKind::ErasmusIia);
    CHECK_FALSE(try_enum_from_string<Area>("Research").has_value());
    CHECK_THROWS_WITH(enum_from_string<Area>("sports"), Contains("area") && Contains("sports") && Contains("research"));
    for (const auto& [value, name] : EnumNames<AgreementStatus>::table) CHECK(enum_from_string<AgreementStatus>(name) == value);
}
