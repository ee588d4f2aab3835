// EWP IIA API v7: the iia-hash of transform_version_7.xsl, reading and writing
// iias-get-response documents, import into agreements, export, and the field-level diff.
//
// The official example (tests/data/ewp/iia-get-response-v7.xml) declares its iia-hash.
// Hashes of variants marked "Saxon" were computed by Saxon-HE 9.9 running the official
// tests/data/ewp/transform_version_7.xsl on the same variant and hashing its text-to-hash.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kDeclaredHash = "87b33170d7a6c6d894215641f39e7b7de36501265479e5ab3922f32d5b225033";
const std::string kData = std::string(IRO_TEST_DATA_DIR) + "/ewp/";

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

const std::string& example() {
    static const std::string text = read_text(kData + "iia-get-response-v7.xml");
    return text;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

std::string example_with(std::initializer_list<std::pair<std::string_view, std::string_view>> edits) {
    auto text = example();
    for (const auto& [from, to] : edits) text = replaced(std::move(text), from, to);
    return text;
}

// Validates against the official XSDs, offline through tests/data/ewp/catalog.xml. Empty
// when xmllint is not installed (scripts/lib/common.sh installs it).
struct SchemaCheck {
    bool ran = false;
    bool valid = false;
    std::string output;
};

SchemaCheck validate_with_xmllint(const std::string& xml) {
    SchemaCheck check;
    if (std::system("command -v xmllint > /dev/null 2>&1") != 0) {
        WARN("xmllint is not installed: the XSD validation is skipped");
        return check;
    }
    TempDir dir;
    const auto file = dir.file("document.xml");
    std::ofstream(file, std::ios::binary) << xml;
    const auto command = "XML_CATALOG_FILES='" + kData + "catalog.xml' xmllint --nonet --noout --schema '" + kData +
                         "iias-get-response-v7.xsd' '" + file + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe)) check.output += buffer;
    check.ran = true;
    check.valid = pclose(pipe) == 0;
    return check;
}

void require_schema_valid(const std::string& xml) {
    const auto check = validate_with_xmllint(xml);
    INFO(check.output);
    if (check.ran) CHECK(check.valid);
}

// A store whose home institution is the University of Warsaw, the example's first partner.
struct Warsaw {
    explicit Warsaw(Store& s) {
        auto i = make_institution("University of Warsaw", "PL", true);
        i.identifiers.schac = "uw.edu.pl";
        home = s.institutions().add(i);
    }
    InstitutionId home;
};

ewp::ImportOptions with_hibo() {
    ewp::ImportOptions o;
    o.new_partner_countries = {{"hibo.no", "NO"}};
    o.received_on = d("2024-05-01");
    return o;
}

template <class Fn>
void refused_unchanged(Store& store, Fn&& fn) {
    const auto before = store.logical_dump();
    fn();
    CHECK(store.logical_dump() == before);
}

bool has_warning(const ewp::ImportReport& report, std::string_view part) {
    return std::any_of(report.warnings.begin(), report.warnings.end(), [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

} // namespace

// ---- SHA-256 and the iia-hash --------------------------------------------------------------

TEST_CASE("sha256_hex gives the FIPS 180-2 test vectors", "[ewp][hash]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1'000'000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("the official example's declared iia-hash is reproduced", "[ewp][hash]") {
    std::smatch declared;
    REQUIRE(std::regex_search(example(), declared, std::regex("<iia-hash>([0-9a-f]{64})</iia-hash>")));
    CHECK(declared[1] == kDeclaredHash);

    CHECK(ewp::iia_hash(example()) == declared[1].str());
    CHECK(ewp::iia_hash(example(), "0f7a5682-faf7-49a7-9cc7-ec486c49a281") == kDeclaredHash);
    CHECK(ewp::iia_hash(example(), "1954991") == kDeclaredHash);  // the second partner's id finds it too

    // The text the XSL produces: iia-ids by partner position, then each mobility spec's
    // leaves in document order (contacts, not-yet-defined elements and the two academic
    // years left out, the ISCED code replaced by its v6-value), then the two years.
    const std::string ss = "_cooperation-conditions.student-studies-mobility-spec.";
    const std::string st = "_cooperation-conditions.staff-teacher-mobility-spec.";
    const std::string expected =
        "_iia-id_1=0f7a5682-faf7-49a7-9cc7-ec486c49a281__iia-id_2=1954991_" + ss + "sending-hei-id=uw.edu.pl_" + ss +
        "sending-ounit-id=140_" + ss + "receiving-hei-id=hibo.no_" +
        "_student-studies-mobility-spec.subject-area.isced-f-code=031_"
        "_student-studies-mobility-spec.subject-area.isced-clarification=Social and behavioural sciences_" +
        ss + "total-months-per-year=5_" + ss + "blended=false_" + ss + "eqf-level=7_" + ss + "eqf-level=8_" +
        "_receiving-first-academic-year-id=2014/2015__receiving-last-academic-year-id=2020/2021_" + st + "sending-hei-id=uw.edu.pl_" + st +
        "sending-ounit-id=140_" + st + "receiving-hei-id=hibo.no_" + st + "mobilities-per-year=2_" +
        "_staff-teacher-mobility-spec.recommended-language-skill.language=en_"
        "_staff-teacher-mobility-spec.recommended-language-skill.cefr-level=C1_"
        "_staff-teacher-mobility-spec.subject-area.isced-f-code=0314_" +
        st + "total-days-per-year=8_" + "_receiving-first-academic-year-id=2016/2017__receiving-last-academic-year-id=2017/2018_";
    CHECK(ewp::iia_text_to_hash(example()) == expected);
    CHECK(sha256_hex(expected) == kDeclaredHash);

    const auto all = ewp::hash_iias(example());
    REQUIRE(all.size() == 1);
    CHECK(all[0].iia_id == "0f7a5682-faf7-49a7-9cc7-ec486c49a281");
    CHECK(all[0].iia_hash == kDeclaredHash);
    CHECK_FALSE(all[0].valid_for_approval);  // the example carries not-yet-defined and v6-value
}

TEST_CASE("changing a hashed field changes the iia-hash", "[ewp][hash]") {
    const std::vector<std::string> variants{
        example_with({{"<mobilities-per-year>2<", "<mobilities-per-year>3<"}}),
        example_with({{"<eqf-level>8<", "<eqf-level>6<"}}),
        example_with({{"2017/2018", "2018/2019"}}),
        example_with({{"2014/2015", "2015/2016"}}),
        example_with({{"<iia-id>1954991<", "<iia-id>1954992<"}}),
        example_with({{"<total-months-per-year>5<", "<total-months-per-year>5.0<"}}),
        example_with({{"<cefr-level>C1<", "<cefr-level>B2<"}}),
        example_with({{"<receiving-hei-id>hibo.no</receiving-hei-id>\n                <receiving-first-academic-year-id>2016",
                       "<receiving-hei-id>hibo.no</receiving-hei-id>\n                <receiving-ounit-id>7</receiving-ounit-id>"
                       "<receiving-first-academic-year-id>2016"}}),
    };
    std::set<std::string> hashes{kDeclaredHash};
    for (const auto& v : variants) {
        const auto h = ewp::iia_hash(v);
        CHECK(h != kDeclaredHash);
        hashes.insert(h);
    }
    CHECK(hashes.size() == variants.size() + 1);
}

TEST_CASE("contacts, codes, signing data and layout do not change the iia-hash", "[ewp][hash]") {
    for (const auto& v : {
             example_with({{"<c:contact-name>XYZ<", "<c:contact-name>Someone Else<"}}),
             example_with({{"<p:other-format>123456789<", "<p:other-format>987<"}}),
             example_with({{"<c:contact-name>Monica Turner<", "<c:contact-name>Mona Turner<"}}),
             example_with({{"<c:contact-name>Jadwiga Kowalska<", "<c:contact-name>J. K.<"}}),
             example_with({{"2014/E+/PL/4104B", "2015/E+/PL/1"}}),
             example_with({{"</signing-contact>\n        </partner>", "</signing-contact><signing-date>2015-01-01</signing-date>\n        </partner>"}}),
             example_with({{"<in-effect>true<", "<in-effect>false<"}}),
             example_with({{"<iia-hash>87b3", "<iia-hash>0000"}}),
             example_with({{"\n            <student-studies-mobility-spec>", "<student-studies-mobility-spec>"},
                           {"</sending-hei-id>\n", "</sending-hei-id>"}}),
             example_with({{"<iias-get-response\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a comment -->\n<iias-get-response\n"}}),
         })
        CHECK(ewp::iia_hash(v) == kDeclaredHash);
}

TEST_CASE("not-yet-defined and v6-value are handled as the XSL does", "[ewp][hash]") {
    // Without the marker the value is hashed.
    const auto defined = example_with({{"<mobilities-per-year not-yet-defined=\"true\">", "<mobilities-per-year>"}});
    CHECK(ewp::iia_hash(defined) != kDeclaredHash);
    CHECK_THAT(ewp::iia_text_to_hash(defined), Contains("student-studies-mobility-spec.mobilities-per-year=2_"));
    // A marker on the whole spec hides all of it but the two academic years (Saxon).
    const auto whole = example_with({{"<staff-teacher-mobility-spec>", "<staff-teacher-mobility-spec not-yet-defined=\"true\">"}});
    CHECK(ewp::iia_hash(whole) == "346214d13489b15be28f824bb0a29a78b84dfb705408e83f47ede1508c9ee260");
    CHECK_THAT(ewp::iia_text_to_hash(whole), Contains("2017/2018_") && !Contains("total-days-per-year"));
    // "false" does not hide, "1" does: the XSL compares strings (Saxon).
    CHECK(ewp::iia_hash(example_with({{"<mobilities-per-year not-yet-defined=\"true\">", "<mobilities-per-year not-yet-defined=\"false\">"},
                                      {"<recommended-language-skill not-yet-defined=\"true\">",
                                       "<recommended-language-skill not-yet-defined=\"1\">"}})) ==
          "a11c8b67a2481d79c99930411894b95b4b2ab18a12016ee4010a8aea3fdc18d8");
    // An empty v6-value is no v6-value (Saxon); without one the four-digit code is hashed.
    CHECK(ewp::iia_hash(example_with({{"v6-value=\"031\"", "v6-value=\"\""}})) ==
          "08f60c872c8a2904e1b66873d3355e1261e5ea7715200bb204c89c56e359fbd7");
    CHECK_THAT(ewp::iia_text_to_hash(example_with({{" v6-value=\"031\"", ""}})),
               Contains("student-studies-mobility-spec.subject-area.isced-f-code=0314_"));

    const auto plain = example_with({{" not-yet-defined=\"true\"", ""}, {" not-yet-defined=\"true\"", ""}, {" v6-value=\"031\"", ""}});
    CHECK(ewp::hash_iias(plain).at(0).valid_for_approval);
}

TEST_CASE("the iia-hash agrees with the official XSL on edge cases", "[ewp][hash]") {
    // Saxon: terminated-as-a-whole comes first.
    CHECK(ewp::iia_hash(example_with({{"<cooperation-conditions>", "<cooperation-conditions terminated-as-a-whole=\"true\">"}})) ==
          "ff85c8495d89dc7dfaa91da583f10f45f7275d005ded6a238f5aee7896f74e70");
    CHECK(ewp::iia_hash(example_with({{"<cooperation-conditions>", "<cooperation-conditions terminated-as-a-whole=\"false\">"}})) ==
          kDeclaredHash);
    // Saxon: attributes are hashed in document order with three ancestor names; attributes
    // inside contacts are not, those of the contact element itself are.
    CHECK(ewp::iia_hash(example_with({{"<eqf-level>7", "<eqf-level b=\"2\" a=\"1\">7"},
                                      {"<isced-clarification>", "<isced-clarification xml:lang=\"en\">"},
                                      {"<sending-contact>", "<sending-contact role=\"x\">"},
                                      {"<c:contact-name>XYZ", "<c:contact-name xml:lang=\"pl\">XYZ"}})) ==
          "356afd27dd843d810a0112708d6e23ef88ba69585dc099d710f314f524013cbd");
    CHECK(ewp::iia_hash(example_with(
              {{"<receiving-hei-id>hibo.no</receiving-hei-id>\n                <receiving-first",
                "<receiving-hei-id>hibo.no</receiving-hei-id><receiving-contact a=\"1\"><c:contact-name>Z</c:contact-name></receiving-contact>\n"
                "                <receiving-first"}})) == "6e64faf227f20b43571282319a6e48ebe52b9fb934191147ae61a057cb30fe14");
    // Saxon: a value's string value keeps its whitespace, CDATA and character references.
    CHECK(ewp::iia_hash(example_with({{"<mobilities-per-year>2</mobilities-per-year>", "<mobilities-per-year>\n  2 \t</mobilities-per-year>"},
                                      {"<total-days-per-year>8<", "<total-days-per-year><![CDATA[8&<]]><!-- c -->9&amp;&#x263A;<"}})) ==
          "55cae14f8f3c9f45ce002b02aa8cc8bfcb96f89a4dd7feb471c5d79c81c2dda2");
    // Namespace prefixes do not matter, only local names.
    CHECK(ewp::iia_hash(example_with({{"<iias-get-response\n", "<i:iias-get-response xmlns:i=\"" + std::string(ewp::kIiasNamespace) + "\"\n"},
                                      {"</iias-get-response>", "</i:iias-get-response>"},
                                      {"<in-effect>true</in-effect>", "<i:in-effect>true</i:in-effect>"}})) == kDeclaredHash);
}

TEST_CASE("documents with several iias are hashed one by one", "[ewp][hash]") {
    const auto iia = example().substr(example().find("<iia>"), example().find("</iia>") + 6 - example().find("<iia>"));
    auto second = replaced(replaced(iia, "0f7a5682-faf7-49a7-9cc7-ec486c49a281", "second-iia"), "<eqf-level>8<", "<eqf-level>6<");
    const auto both = replaced(example(), "</iia>", "</iia>\n    " + second);
    const auto all = ewp::hash_iias(both);
    REQUIRE(all.size() == 2);
    CHECK(all[0].iia_hash == kDeclaredHash);
    CHECK(all[1].iia_id == "second-iia");
    CHECK(ewp::iia_hash(both, "second-iia") == all[1].iia_hash);
    CHECK(all[1].iia_hash != kDeclaredHash);
    CHECK_THROWS_AS(ewp::iia_hash(both), ValidationError);
    CHECK_THROWS_AS(ewp::iia_hash(both, "no-such-iia"), NotFoundError);
}

TEST_CASE("malformed documents are refused with a FormatError that says why", "[ewp][hash][errors]") {
    CHECK_THROWS_AS(ewp::iia_hash(""), FormatError);
    CHECK_THROWS_WITH(ewp::iia_hash("not xml at all"), Contains("does not parse"));
    CHECK_THROWS_WITH(ewp::iia_hash(example().substr(0, 900)), Contains("does not parse"));
    CHECK_THROWS_WITH(ewp::iia_hash("<iias-get-response/>"), Contains("iias-get-response") && Contains("namespace ''"));
    CHECK_THROWS_WITH(ewp::iia_hash(replaced(example(), "stable-v7/endpoints/get-response.xsd\"", "stable-v6/endpoints/get-response.xsd\"")),
                      Contains("stable-v6"));
    CHECK_THROWS_WITH(ewp::iia_hash("<root xmlns=\"x\"/>"), Contains("<root>"));
    CHECK_THROWS_WITH(ewp::iia_hash("<!DOCTYPE a [<!ENTITY e \"x\">]>" + example()), Contains("DOCTYPE"));
    CHECK_THROWS_WITH(ewp::iia_hash(example() + "<second/>"), Contains("2 root elements"));
    CHECK_THROWS_WITH(ewp::iia_hash(replaced(example(), "<c:email>email@example.com</c:email>", "<x:email>email@example.com</x:email>")), Contains("undeclared namespace prefix 'x'"));
    CHECK_THROWS_WITH(ewp::iia_hash(replaced(example(), "<eqf-level>7", "<eqf-level a=\"1\" a=\"2\">7")), Contains("repeats the attribute"));
    CHECK_THROWS_WITH(ewp::iia_hash(replaced(example(), "<eqf-level>7", "<eqf-level>&#1;7")), Contains("invalid characters"));
    CHECK_THROWS_WITH(ewp::iia_hash(replaced(example(), "<iia-id>1954991</iia-id>", "<iia-id>1</iia-id><iia-id>2</iia-id>")),
                      Contains("iia[1]/partner[2]") && Contains("more than one <iia-id>"));
    std::string nested;
    for (int k = 0; k < 300; ++k) nested += "<x>";
    for (int k = 0; k < 300; ++k) nested += "</x>";
    CHECK_THROWS_WITH(ewp::iia_hash(replaced(example(), "<blended>false</blended>", nested)), Contains("deep"));
}

// ---- Reading and writing ---------------------------------------------------------------------

TEST_CASE("the official example reads into values and writes back with the same iia-hash", "[ewp][model]") {
    const auto iias = ewp::read_iias_get_response(example());
    REQUIRE(iias.size() == 1);
    const auto& iia = iias[0];
    REQUIRE(iia.partners.size() == 2);
    CHECK(iia.partners[0].hei_id == "uw.edu.pl");
    CHECK(iia.partners[0].iia_code == "983/E+/III14&15");
    CHECK(iia.partners[0].signing_contact_name == "Sylwia Nowak");
    CHECK(iia.partners[0].signing_contact_email == "email@example.com");
    CHECK_FALSE(iia.partners[0].signing_date);
    CHECK(iia.partners[1].iia_id == "1954991");
    CHECK(iia.in_effect);
    CHECK_FALSE(iia.terminated_as_a_whole);
    CHECK(iia.iia_hash == kDeclaredHash);
    REQUIRE(iia.specs.size() == 2);
    const auto& studies = iia.specs[0];
    CHECK(studies.type == MobilityType::StudentStudies);
    CHECK(studies.sending_ounit_id == "140");
    CHECK(studies.first_year == AcademicYear{2014});
    CHECK(studies.last_year == AcademicYear{2020});
    CHECK(studies.mobilities_per_year == 2);
    CHECK(studies.mobilities_not_yet_defined);
    REQUIRE(studies.language_skills.size() == 1);
    CHECK(studies.language_skills[0] == ewp::LanguageSkill{"en", "B1", std::nullopt, true});
    REQUIRE(studies.subject_areas.size() == 1);
    CHECK(studies.subject_areas[0] == ewp::SubjectArea{"0314", "031", "Social and behavioural sciences"});
    CHECK(studies.total_months_per_year == 5.0);
    CHECK_FALSE(studies.blended);
    CHECK(studies.eqf_levels == std::vector<int>{7, 8});
    const auto& teaching = iia.specs[1];
    CHECK(teaching.type == MobilityType::StaffTeaching);
    CHECK(teaching.total_days_per_year == 8.0);
    CHECK(teaching.language_skills[0] == ewp::LanguageSkill{"en", "C1", std::nullopt, false});

    const auto written = ewp::write_iias_get_response(iias);
    CHECK(ewp::iia_hash(written) == kDeclaredHash);
    CHECK(ewp::read_iias_get_response(written) == iias);
    CHECK_THAT(written, Contains("<iias-get-response xmlns=\"" + std::string(ewp::kIiasNamespace) + "\""));
    require_schema_valid(written);
    require_schema_valid(example());
}

TEST_CASE("the XSD check used by these tests rejects an invalid document", "[ewp][model]") {
    const auto check = validate_with_xmllint(replaced(example(), "<mobilities-per-year>2<", "<mobilities-per-year>0<"));
    if (check.ran) CHECK_FALSE(check.valid);
}

TEST_CASE("values of the wrong shape are ValidationErrors naming the element", "[ewp][model][errors]") {
    const auto field_of = [](const std::string& xml) {
        try {
            ewp::read_iias_get_response(xml);
        } catch (const ValidationError& e) {
            return e.field();
        }
        return std::string("(accepted)");
    };
    CHECK(field_of(replaced(example(), "2014/2015", "2014-2015")) ==
          "iia[1]/cooperation-conditions/student-studies-mobility-spec[1]/receiving-first-academic-year-id");
    CHECK(field_of(replaced(example(), "<mobilities-per-year>2<", "<mobilities-per-year>two<")) ==
          "iia[1]/cooperation-conditions/staff-teacher-mobility-spec[1]/mobilities-per-year");
    CHECK(field_of(replaced(example(), "<in-effect>true<", "<in-effect>yes<")) == "iia[1]/in-effect");
    CHECK(field_of(replaced(example(), "<total-months-per-year>5<", "<total-months-per-year>5.125<")) ==
          "iia[1]/cooperation-conditions/student-studies-mobility-spec[1]/total-months-per-year");
    CHECK(field_of(replaced(example(), "<total-months-per-year>5<", "<total-months-per-year> 5.50 <")) == "(accepted)");
    CHECK(field_of(replaced(example(), "<cefr-level>C1<", "<cefr-level>D1<")) ==
          "iia[1]/cooperation-conditions/staff-teacher-mobility-spec[1]/recommended-language-skill[1]/cefr-level");
    CHECK(field_of(replaced(example(), "<eqf-level>8<", "<eqf-level>9<")) ==
          "iia[1]/cooperation-conditions/student-studies-mobility-spec[1]/eqf-level[2]");
    CHECK(field_of(replaced(example(), "</signing-contact>\n        </partner>", "</signing-contact><signing-date>2015-02-30</signing-date></partner>")) ==
          "iia[1]/partner[2]/signing-date");
    CHECK_THROWS_WITH(ewp::read_iias_get_response(replaced(example(), "<mobilities-per-year>2</mobilities-per-year>", "")),
                      Contains("staff-teacher-mobility-spec[1]: missing <mobilities-per-year>"));
    CHECK_THROWS_WITH(ewp::read_iias_get_response(replaced(example(), "<hei-id>hibo.no</hei-id>", "")), Contains("partner[2]: missing <hei-id>"));
    CHECK_THROWS_WITH(ewp::read_iias_get_response(replaced(example(), "<total-days-per-year>", "<blended>true</blended><total-days-per-year>")),
                      Contains("unexpected element <blended>"));
}

// ---- Import ----------------------------------------------------------------------------------

TEST_CASE("importing the official example gives the agreement it describes", "[ewp][import]") {
    TestStore t(GENERATE(false, true));
    Warsaw uw(t.store);
    const auto report = ewp::import_iias(t.store, example(), with_hibo());
    REQUIRE(report.agreements.size() == 1);
    REQUIRE(report.new_institutions.size() == 1);

    const auto hibo = t.store.institutions().get(report.new_institutions[0]);
    CHECK(hibo.identifiers.schac == "hibo.no");
    CHECK(hibo.country == "NO");
    CHECK(hibo.type == InstitutionType::University);
    CHECK(hibo.display_name() == "hibo.no");

    const auto a = t.store.agreements().get(report.agreements[0]);
    CHECK(a.kind == AgreementKind::ErasmusIia);
    CHECK(a.status == AgreementStatus::AwaitingSignature);  // in effect, but no signing dates
    CHECK(a.reference == "983/E+/III14&15");
    CHECK(a.title == "Erasmus+ inter-institutional agreement with hibo.no");
    CHECK(a.proposed_on == d("2024-05-01"));
    CHECK(a.areas == std::vector<Area>{Area::StudentExchange, Area::StaffExchange});
    REQUIRE(a.parties.size() == 2);
    CHECK(a.parties[0] == Party{uw.home, std::nullopt, std::nullopt, "Sylwia Nowak"});
    CHECK(a.parties[1] == Party{hibo.id, std::nullopt, std::nullopt, "Monica Turner"});

    REQUIRE(a.quotas.size() == 2);
    MobilityQuota studies;
    studies.sending = uw.home;
    studies.receiving = hibo.id;
    studies.type = MobilityType::StudentStudies;
    for (int y = 2014; y <= 2020; ++y) studies.academic_years.push_back(AcademicYear{y});
    studies.mobilities_per_year = 2;
    studies.total_months_per_year = 5;
    studies.subject_areas = {"0314"};
    studies.eqf_levels = {7, 8};
    studies.language_skills = {{"en", CefrLevel::B1}};
    CHECK(a.quotas[0] == studies);
    MobilityQuota teaching;
    teaching.sending = uw.home;
    teaching.receiving = hibo.id;
    teaching.type = MobilityType::StaffTeaching;
    teaching.academic_years = {AcademicYear{2016}, AcademicYear{2017}};
    teaching.mobilities_per_year = 2;
    teaching.total_days_per_year = 8;
    teaching.subject_areas = {"0314"};
    teaching.language_skills = {{"en", CefrLevel::C1}};
    CHECK(a.quotas[1] == teaching);

    // What the agreement cannot hold is reported, element by element.
    CHECK(has_warning(report, "student-studies-mobility-spec[1]/mobilities-per-year: marked not-yet-defined"));
    CHECK(has_warning(report, "subject-area[1]/isced-f-code/@v6-value '031'"));
    CHECK(has_warning(report, "isced-clarification: kept with the EWP copy only"));
    CHECK(has_warning(report, "sending-ounit-id '140': no unit has this code"));
    CHECK(has_warning(report, "sending-contact: not kept"));
    CHECK(has_warning(report, "iia[1]/partner[1]/contact: not kept"));
    CHECK(has_warning(report, "iia[1]/in-effect: true, but not both partners give a signing-date"));
    CHECK(has_warning(report, "added 'hibo.no' as a university in NO"));
    CHECK_FALSE(has_warning(report, "iia-hash"));  // the declared hash is right
    // One audit entry for the whole import, naming the agreement and the partner it added.
    CHECK(t.store.audit().for_entity("agreement", a.id.value()).empty());
    const auto entry = t.store.audit().latest(1).front();
    CHECK(entry.entity == "ewp_import");
    const auto summary = nlohmann::json::parse(entry.after);
    CHECK(summary["iias"][0]["agreement"] == a.id.value());
    CHECK(summary["new_institutions"] == nlohmann::json::array({report.new_institutions.at(0).value()}));
}

TEST_CASE("signed IIAs in effect are in force; units are matched by code", "[ewp][import]") {
    TestStore t(false);
    Warsaw uw(t.store);
    auto hibo = make_institution("Høgskolen i Buskerud og Vestfold", "NO");
    hibo.identifiers.schac = "hibo.no";
    const auto hibo_id = t.store.institutions().add(hibo);
    OrgUnit faculty;
    faculty.institution = uw.home;
    faculty.kind = UnitKind::Faculty;
    faculty.name = "Faculty of Psychology";
    faculty.code = "140";
    const auto unit = t.store.units().add(faculty);

    const auto signed_iia = example_with({{"</signing-contact>\n            <c:contact>", "</signing-contact><signing-date>2015-03-02</signing-date><c:contact>"},
                                          {"</signing-contact>\n        </partner>", "</signing-contact><signing-date>2015-02-10</signing-date></partner>"}});
    const auto report = ewp::import_iias(t.store, signed_iia);
    CHECK(report.new_institutions.empty());
    const auto a = t.store.agreements().get(report.agreements.at(0));
    CHECK(a.status == AgreementStatus::InForce);
    CHECK(a.in_force_from == d("2015-03-02"));
    CHECK(a.proposed_on == d("2015-02-10"));
    CHECK(a.parties[0].signed_on == d("2015-03-02"));
    CHECK(a.parties[1].signed_on == d("2015-02-10"));
    CHECK(a.parties[1].institution == hibo_id);
    CHECK(a.title == "Erasmus+ inter-institutional agreement with Høgskolen i Buskerud og Vestfold");
    CHECK(a.quotas[0].sending_unit == unit);
    CHECK(a.quotas[1].sending_unit == unit);
    CHECK_FALSE(has_warning(report, "no unit has this code"));
    CHECK_FALSE(has_warning(report, "iia-hash"));  // signing dates are not hashed
}

TEST_CASE("bad documents and unknown partners are refused and change nothing", "[ewp][import][errors]") {
    TestStore t(GENERATE(false, true));
    Warsaw uw(t.store);

    refused_unchanged(t.store, [&] { CHECK_THROWS_AS(ewp::import_iias(t.store, "<iias-get-response", with_hibo()), FormatError); });
    refused_unchanged(t.store, [&] { CHECK_THROWS_AS(ewp::import_iias(t.store, "<iias-get-response/>", with_hibo()), FormatError); });
    refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(ewp::import_iias(t.store, replaced(example(), "<mobilities-per-year>2</mobilities-per-year>", ""), with_hibo()),
                          Contains("missing <mobilities-per-year>"));
    });
    refused_unchanged(t.store, [&] {
        try {
            ewp::import_iias(t.store, replaced(example(), "2016/2017", "2016/17"), with_hibo());
            FAIL("accepted a bad academic year");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "iia[1]/cooperation-conditions/staff-teacher-mobility-spec[1]/receiving-first-academic-year-id");
            CHECK(e.value() == "2016/17");
        }
    });
    refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(ewp::import_iias(t.store, replaced(example(), "2016/2017", "2018/2019"), with_hibo()),
                          Contains("receiving-last-academic-year-id") && Contains("not before"));
    });
    // The partner is neither stored nor given a country.
    refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(ewp::import_iias(t.store, example()), NotFoundError);
        CHECK_THROWS_WITH(ewp::import_iias(t.store, example()), Contains("'hibo.no'") && Contains("iia[1]/partner[2]/hei-id"));
    });
    refused_unchanged(t.store, [&] {
        auto o = with_hibo();
        o.new_partner_countries["hibo.no"] = "XX";
        CHECK_THROWS_WITH(ewp::import_iias(t.store, example(), o), Contains("new_partner_countries[hibo.no]"));
    });
    // The home institution must be one of the partners.
    refused_unchanged(t.store, [&] {
        const auto other = example_with({{"<hei-id>uw.edu.pl</hei-id>", "<hei-id>uj.edu.pl</hei-id>"}});
        CHECK_THROWS_WITH(ewp::import_iias(t.store, other, with_hibo()), Contains("home institution's SCHAC code 'uw.edu.pl'"));
    });
    refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(ewp::import_iias(t.store, replaced(example(), "<receiving-hei-id>hibo.no<", "<receiving-hei-id>other.no<"), with_hibo()),
                          Contains("student-studies-mobility-spec[1]/receiving-hei-id"));
    });
    // All or nothing: the first iia is stored before the second one fails.
    const auto iia = example().substr(example().find("<iia>"), example().find("</iia>") + 6 - example().find("<iia>"));
    auto second = replaced(replaced(iia, "0f7a5682-faf7-49a7-9cc7-ec486c49a281", "second-iia"), "<iia-id>1954991<", "<iia-id>1954992<");
    second = replaced(replaced(second, "983/E+/III14&amp;15", "983/E+/2"), "2016/2017", "2018/2019");
    refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(ewp::import_iias(t.store, replaced(example(), "</iia>", "</iia>" + second), with_hibo()), ValidationError);
    });
    const auto third = replaced(replaced(iia, "0f7a5682-faf7-49a7-9cc7-ec486c49a281", "third-iia"), "983/E+/III14&amp;15", "983/E+/3");
    refused_unchanged(t.store, [&] {
        // The second iia reuses the first one's hibo.no iia-id: a conflict inside one document.
        CHECK_THROWS_AS(ewp::import_iias(t.store, replaced(example(), "</iia>", "</iia>" + third), with_hibo()), ConflictError);
    });

    // The same IIA twice is a conflict.
    ewp::import_iias(t.store, example(), with_hibo());
    refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(ewp::import_iias(t.store, example(), with_hibo()), ConflictError);
        CHECK_THROWS_WITH(ewp::import_iias(t.store, example(), with_hibo()), Contains("already stored as agreement 1"));
    });
}

TEST_CASE("a store without a home SCHAC code cannot import", "[ewp][import][errors]") {
    TestStore t(false);
    SmallOffice office(t.store);
    refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(ewp::import_iias(t.store, example(), with_hibo()), Contains("home institution's identifiers.schac"));
    });
}

// ---- Export and round trips -------------------------------------------------------------------

TEST_CASE("an imported IIA exports as the same document with the same iia-hash", "[ewp][export]") {
    TestStore t(GENERATE(false, true));
    Warsaw uw(t.store);
    const auto id = ewp::import_iias(t.store, example(), with_hibo()).agreements.at(0);

    const auto exported = ewp::export_iia(t.store, id);
    CHECK(ewp::iia_hash(exported) == kDeclaredHash);
    CHECK(ewp::read_iias_get_response(exported) == ewp::read_iias_get_response(example()));
    CHECK(ewp::diff_iia(t.store, id, example()).empty());
    require_schema_valid(exported);

    // Imported into another office, the export is the same agreement, field by field.
    TestStore other(false);
    Warsaw uw2(other.store);
    const auto id2 = ewp::import_iias(other.store, exported, with_hibo()).agreements.at(0);
    auto a = t.store.agreements().get(id);
    auto b = other.store.agreements().get(id2);
    CHECK(a.title == b.title);
    CHECK(a.reference == b.reference);
    CHECK(a.status == b.status);
    CHECK(a.parties == b.parties);
    CHECK(a.areas == b.areas);
    CHECK(a.quotas == b.quotas);
    CHECK(a == b);
    CHECK(ewp::to_iia(t.store, id) == ewp::to_iia(other.store, id2));
}

TEST_CASE("the partner's side of the same IIA lists itself first and still agrees", "[ewp][export]") {
    TestStore t(false);
    auto hibo = make_institution("Høgskolen i Buskerud og Vestfold", "NO", true);
    hibo.identifiers.schac = "hibo.no";
    t.store.institutions().add(hibo);
    ewp::ImportOptions o;
    o.new_partner_countries = {{"uw.edu.pl", "PL"}};
    const auto report = ewp::import_iias(t.store, example(), o);
    const auto a = t.store.agreements().get(report.agreements.at(0));
    CHECK(a.reference == "2014/E+/PL/4104B");  // our own iia-code
    CHECK(a.quotas[0].sending == report.new_institutions.at(0));

    const auto ours = ewp::to_iia(t.store, a.id);
    CHECK(ours.partners[0].hei_id == "hibo.no");
    CHECK(ours.partners[0].iia_id == "1954991");
    CHECK(ewp::diff_iia(t.store, a.id, example()).empty());
    const auto exported = ewp::export_iia(t.store, a.id);
    CHECK(ewp::iia_hash(exported) != kDeclaredHash);  // iia-id_1 is now hibo.no's
    CHECK_THAT(ewp::iia_text_to_hash(exported), Contains("_iia-id_1=1954991__iia-id_2=0f7a5682-faf7-49a7-9cc7-ec486c49a281_"));
    require_schema_valid(exported);
}

TEST_CASE("the diff reports exactly the fields that differ", "[ewp][diff]") {
    TestStore t(false);
    Warsaw uw(t.store);
    const auto id = ewp::import_iias(t.store, example(), with_hibo()).agreements.at(0);
    CHECK(ewp::diff_iia(t.store, id, example()).empty());

    const auto theirs = example_with({{"2014/E+/PL/4104B", "2014/E+/PL/4104C"},
                                      {"2020/2021", "2021/2022"},
                                      {"<mobilities-per-year>2</mobilities-per-year>", "<mobilities-per-year>4</mobilities-per-year>"}});
    const std::vector<ewp::Difference> expected{
        {"partner[hibo.no]/iia-code", "2014/E+/PL/4104B", "2014/E+/PL/4104C"},
        {"cooperation-conditions/student-studies-mobility-spec[1]/receiving-last-academic-year-id", "2020/2021", "2021/2022"},
        {"cooperation-conditions/staff-teacher-mobility-spec[1]/mobilities-per-year", "2", "4"},
    };
    CHECK(ewp::diff_iia(t.store, id, theirs) == expected);

    // A condition on one side only, and a partner's signature.
    const auto more = example_with({{"</cooperation-conditions>",
                                     "<staff-training-mobility-spec><sending-hei-id>hibo.no</sending-hei-id><receiving-hei-id>uw.edu.pl"
                                     "</receiving-hei-id><receiving-first-academic-year-id>2016/2017</receiving-first-academic-year-id>"
                                     "<receiving-last-academic-year-id>2016/2017</receiving-last-academic-year-id><mobilities-per-year>1"
                                     "</mobilities-per-year></staff-training-mobility-spec></cooperation-conditions>"},
                                    {"</signing-contact>\n        </partner>", "</signing-contact><signing-date>2015-02-10</signing-date></partner>"}});
    const std::vector<ewp::Difference> expected_more{
        {"partner[hibo.no]/signing-date", "", "2015-02-10"},
        {"cooperation-conditions/staff-training-mobility-spec[1]", "", "hibo.no -> uw.edu.pl, 2016/2017 to 2016/2017, 1 per year"},
    };
    CHECK(ewp::diff_iia(t.store, id, more) == expected_more);
}

TEST_CASE("editing a quota rewrites its condition and drops the EWP markers", "[ewp][export]") {
    TestStore t(false);
    Warsaw uw(t.store);
    const auto id = ewp::import_iias(t.store, example(), with_hibo()).agreements.at(0);

    auto a = t.store.agreements().get(id);
    a.quotas[1].mobilities_per_year = 3;
    t.store.agreements().update(a);
    const std::vector<ewp::Difference> one{{"cooperation-conditions/staff-teacher-mobility-spec[1]/mobilities-per-year", "3", "2"}};
    CHECK(ewp::diff_iia(t.store, id, example()) == one);  // ounit-id 140 carried over
    CHECK(ewp::iia_hash(ewp::export_iia(t.store, id)) != kDeclaredHash);

    a.quotas[0].eqf_levels = {6, 7, 8};
    t.store.agreements().update(a);
    const auto exported = ewp::export_iia(t.store, id);
    CHECK(exported.find("not-yet-defined") == std::string::npos);
    CHECK(exported.find("v6-value") == std::string::npos);
    CHECK_THAT(exported, Contains("Social and behavioural sciences"));
    CHECK(ewp::hash_iias(exported).at(0).valid_for_approval);
    require_schema_valid(exported);
    const auto diffs = ewp::diff_iia(t.store, id, example());
    std::vector<std::string> paths;
    for (const auto& x : diffs) paths.push_back(x.path);
    CHECK(paths == std::vector<std::string>{
                       "cooperation-conditions/student-studies-mobility-spec[1]/mobilities-per-year/@not-yet-defined",
                       "cooperation-conditions/student-studies-mobility-spec[1]/recommended-language-skill",
                       "cooperation-conditions/student-studies-mobility-spec[1]/subject-area",
                       "cooperation-conditions/student-studies-mobility-spec[1]/eqf-level",
                       "cooperation-conditions/staff-teacher-mobility-spec[1]/mobilities-per-year",
                   });
}

TEST_CASE("an agreement made in iro exports as a valid IIA and imports back on the other side", "[ewp][export]") {
    TestStore a_side(false);
    auto ppu = make_institution("Palestine Polytechnic University", "PS", true);
    ppu.identifiers.schac = "ppu.edu";
    const auto home = a_side.store.institutions().add(ppu);
    auto warsaw = make_institution("University of Warsaw", "PL");
    warsaw.identifiers.schac = "uw.edu.pl";
    const auto uw = a_side.store.institutions().add(warsaw);
    OrgUnit engineering;
    engineering.institution = home;
    engineering.kind = UnitKind::Faculty;
    engineering.name = "College of Engineering";
    engineering.code = "ENG";
    const auto eng = a_side.store.units().add(engineering);

    Agreement a;
    a.kind = AgreementKind::ErasmusIia;
    a.title = "Erasmus+ KA171 with Warsaw";
    a.reference = "PPU-UW-2025";
    a.parties = {Party{home, eng, d("2025-02-01"), "Rector"}, Party{uw, {}, d("2025-02-03"), "Vice-Rector"}};
    a.areas = {Area::StudentExchange, Area::StaffExchange};
    a.status = AgreementStatus::InForce;
    a.proposed_on = d("2025-01-10");
    a.in_force_from = d("2025-02-03");
    MobilityQuota out;
    out.sending = home;
    out.receiving = uw;
    out.sending_unit = eng;
    out.type = MobilityType::StudentStudies;
    out.academic_years = {AcademicYear{2026}, AcademicYear{2025}};
    out.mobilities_per_year = 3;
    out.total_months_per_year = 15.5;
    out.subject_areas = {"0714"};
    out.eqf_levels = {6, 7};
    out.language_skills = {{"en", CefrLevel::B2}, {"pl", CefrLevel::A1}};
    out.blended = true;
    MobilityQuota in;
    in.sending = uw;
    in.receiving = home;
    in.type = MobilityType::StaffTeaching;
    in.academic_years = {AcademicYear{2025}, AcademicYear{2026}, AcademicYear{2027}};
    in.mobilities_per_year = 2;
    in.total_days_per_year = 10;
    in.language_skills = {{"en", CefrLevel::C1}};
    a.quotas = {in, out};  // written in the schema's order all the same
    const auto id = a_side.store.agreements().add(a);

    const auto exported = ewp::export_iia(a_side.store, id);
    require_schema_valid(exported);
    const auto iia = ewp::read_iias_get_response(exported).at(0);
    CHECK(iia.iia_hash == ewp::iia_hash(exported));
    CHECK(iia.partners[0] == ewp::Partner{"ppu.edu", "ENG", std::to_string(id.value()), "PPU-UW-2025", "Rector", "", d("2025-02-01")});
    CHECK(iia.partners[1] == ewp::Partner{"uw.edu.pl", "", "", "", "Vice-Rector", "", d("2025-02-03")});
    CHECK(iia.in_effect);
    REQUIRE(iia.specs.size() == 2);
    CHECK(iia.specs[0].type == MobilityType::StudentStudies);
    CHECK(iia.specs[0].first_year == AcademicYear{2025});
    CHECK(iia.specs[0].last_year == AcademicYear{2026});
    CHECK(iia.specs[0].total_months_per_year == 15.5);
    CHECK(iia.specs[0].sending_ounit_id == "ENG");
    CHECK(iia.specs[1].type == MobilityType::StaffTeaching);

    // The other side imports our copy.
    TestStore b_side(false);
    Warsaw warsaw_home(b_side.store);
    ewp::ImportOptions o;
    o.new_partner_countries = {{"ppu.edu", "PS"}};
    const auto report = ewp::import_iias(b_side.store, exported, o);
    CHECK(has_warning(report, "sending-ounit-id 'ENG': no unit has this code"));
    const auto b = b_side.store.agreements().get(report.agreements.at(0));
    const auto ppu_b = report.new_institutions.at(0);
    CHECK(b.status == AgreementStatus::InForce);
    CHECK(b.in_force_from == d("2025-02-03"));
    CHECK(b.proposed_on == d("2025-02-01"));
    CHECK(b.parties == std::vector<Party>{Party{warsaw_home.home, {}, d("2025-02-03"), "Vice-Rector"}, Party{ppu_b, {}, d("2025-02-01"), "Rector"}});
    REQUIRE(b.quotas.size() == 2);
    auto expected_out = out;
    expected_out.sending = ppu_b;
    expected_out.receiving = warsaw_home.home;
    expected_out.sending_unit.reset();
    expected_out.academic_years = {AcademicYear{2025}, AcademicYear{2026}};
    auto expected_in = in;
    expected_in.sending = warsaw_home.home;
    expected_in.receiving = ppu_b;
    CHECK(b.quotas[0] == expected_out);
    CHECK(b.quotas[1] == expected_in);
    // They know our iia-id and code; their own iia-id is theirs to give.
    const std::vector<ewp::Difference> only_their_id{{"partner[uw.edu.pl]/iia-id", std::to_string(b.id.value()), ""}};
    CHECK(ewp::diff_iia(b_side.store, b.id, exported) == only_their_id);
}

TEST_CASE("what an IIA cannot express is refused on export, naming the field", "[ewp][export][errors]") {
    TestStore t(false);
    SmallOffice office(t.store);
    auto home = t.store.institutions().home();
    home.identifiers.schac = "ppu.edu";
    t.store.institutions().update(home);
    auto jordan = t.store.institutions().get(office.jordan);
    jordan.identifiers.schac = "ju.edu.jo";
    t.store.institutions().update(jordan);

    const auto field_of = [&](const Agreement& a) {
        const auto id = t.store.agreements().add(a);
        try {
            ewp::export_iia(t.store, id);
        } catch (const ValidationError& e) {
            return e.field();
        }
        return std::string("(exported)");
    };
    auto a = office.mou(office.jordan);
    MobilityQuota q;
    q.sending = office.home;
    q.receiving = office.jordan;
    q.type = MobilityType::StaffTraining;
    q.academic_years = {AcademicYear{2025}};
    q.mobilities_per_year = 1;
    a.quotas = {q};
    CHECK(field_of(a) == "(exported)");

    auto gap = a;
    gap.quotas[0].academic_years = {AcademicYear{2025}, AcademicYear{2027}};
    CHECK(field_of(gap) == "quotas[0].academic_years");
    auto none = a;
    none.quotas[0].mobilities_per_year = 0;
    CHECK(field_of(none) == "quotas[0].mobilities_per_year");
    auto short_code = a;
    short_code.quotas[0].subject_areas = {"06"};
    CHECK(field_of(short_code) == "quotas[0].subject_areas");
    auto levels = a;
    levels.quotas[0].eqf_levels = {7};
    CHECK(field_of(levels) == "quotas[0].eqf_levels");
    auto teaching = a;
    teaching.quotas[0].type = MobilityType::StaffTeaching;
    CHECK(field_of(teaching) == "quotas[0].language_skills");
    auto three = office.mou(office.jordan);
    three.parties.push_back(Party{office.berlin, {}, {}, {}});
    CHECK(field_of(three) == "parties");
    CHECK(field_of(office.mou(office.birzeit)) == "parties[1].institution");
}
