// Scientific centres (expertise, links, matching) and the iCalendar export.
#include "test_support.hpp"

#include <fstream>
#include <iterator>
#include <sstream>

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;

TEST_CASE("expertise matching ranks partner centres and people and says why", "[centres][matching]") {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    auto& units = store.units();
    auto& centres = store.centres();
    const auto energy = units.add(OrgUnit{{}, office.home, {}, UnitKind::ScientificCentre, "Renewable Energy Centre", ""});
    centres.set_expertise(energy, Expertise{{"0713", "0714"}, {"Solar energy", "smart grids"}});

    const auto exact = units.add(OrgUnit{{}, office.berlin, {}, UnitKind::ScientificCentre, "Energy Systems Lab", ""});
    centres.set_expertise(exact, Expertise{{"0713", "0714"}, {"solar ENERGY", "smart grids"}});
    const auto narrow = units.add(OrgUnit{{}, office.jordan, {}, UnitKind::ScientificCentre, "Engineering Research Centre", ""});
    centres.set_expertise(narrow, Expertise{{"0715"}, {}});  // same narrow field 071 as both codes
    const auto broad = units.add(OrgUnit{{}, office.jordan, {}, UnitKind::ScientificCentre, "Architecture Centre", ""});
    centres.set_expertise(broad, Expertise{{"0731"}, {}});   // same broad field 07
    const auto unrelated = units.add(OrgUnit{{}, office.jordan, {}, UnitKind::ScientificCentre, "Medical Centre", ""});
    centres.set_expertise(unrelated, Expertise{{"0912"}, {"oncology"}});
    const auto person = store.people().add(Person{{}, "Yusuf", "Odeh", PersonRole::Researcher, office.jordan, {}, "JO", "",
                                                  Expertise{{"0713"}, {"solar energy"}}, false});

    const auto matches = centres.match(energy);
    REQUIRE(matches.size() == 4);
    CHECK(matches[0].kind == ExpertiseMatch::Kind::Centre);
    CHECK(matches[0].id == exact.value());
    CHECK(matches[0].score == Approx(1.0));
    CHECK(matches[0].institution_name == "Freie Universität Berlin");
    CHECK(matches[0].reasons.size() == 4);
    // The person: 0713 exact (1) + 0714 narrow via 0713 (0.5) + one keyword (1) = 2.5 / 4.
    CHECK(matches[1].kind == ExpertiseMatch::Kind::Person);
    CHECK(matches[1].id == person.value());
    CHECK(matches[1].score == Approx(0.625));
    CHECK(matches[1].name == "Yusuf Odeh");
    CHECK_THAT(matches[1].reasons[0], Contains("same ISCED field 0713"));
    CHECK_THAT(matches[1].reasons[1], Contains("narrow ISCED field 071"));
    CHECK(matches[1].reasons[2] == "keyword 'Solar energy'");
    CHECK(matches[2].id == narrow.value());
    CHECK(matches[2].score == Approx(0.25));  // (0.5 + 0.5) / 4
    CHECK(matches[3].id == broad.value());
    CHECK(matches[3].score == Approx(0.125));  // (0.25 + 0.25) / 4
    CHECK(centres.match(energy, 2).size() == 2);

    // An erased person is no longer matched by name.
    store.people().erase(person);
    CHECK(centres.match(energy).size() == 3);

    centres.link(energy, exact, "joint PhD supervision");
    CHECK(centres.links(exact) == std::vector<CentreLink>{{energy, exact, "joint PhD supervision"}});
    CHECK_THROWS_AS(centres.link(exact, energy), ValidationError);  // home side must be ours
    const auto faculty = units.add(OrgUnit{{}, office.home, {}, UnitKind::Faculty, "Engineering", ""});
    CHECK_THROWS_WITH(centres.set_expertise(faculty, Expertise{{"0713"}, {}}), Contains("scientific_centre"));
    CHECK_THROWS_AS(centres.match(exact), ValidationError);
    centres.unlink(energy, exact);
    CHECK(centres.links(energy).empty());
    CHECK_THROWS_AS(centres.unlink(energy, exact), NotFoundError);
}

namespace {
// Builds the calendar fixture: fixed ids and dates so the export is byte-for-byte stable.
std::string calendar_for_golden() {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    office.in_force(office.jordan, "2024-01-01", "2027-03-31", "MoU with the University of Jordan; research, culture");
    auto tacit = office.mou(office.berlin, "Framework agreement with a long title that certainly needs folding across several lines of text");
    tacit.status = AgreementStatus::InForce;
    tacit.in_force_from = tacit.proposed_on = d("2020-01-01");
    tacit.valid_until = d("2022-06-30");
    tacit.tacit_renewal_years = 1;
    tacit.notice_days = 90;
    tacit.reference = "IRO/2020/1";
    for (auto& p : tacit.parties) p.signed_on = d("2020-01-01");
    store.agreements().add(tacit);
    const auto program = store.programs().add(Program{{}, "Erasmus+ KA171", ProgramKind::Exchange, office.berlin, {}, {Audience::Master}, "", ""});
    store.programs().add_call(Call{{}, program, "Autumn call, Master students", d("2026-12-01"), d("2027-01-15"), 3, {}, ""});
    const auto visitor = store.people().add(Person{{}, "Hans", "Weber", PersonRole::VisitingProfessor, office.berlin, {}, "DE", "", {}, false});
    Visit v;
    v.person = visitor;
    v.direction = VisitDirection::Incoming;
    v.home_institution = office.berlin;
    v.host_institution = office.home;
    v.start = d("2027-02-01");
    v.end = d("2027-02-07");
    store.visits().add(v);
    // The store's random uid is the only varying part; fix it for the golden file.
    return export_ics(store, CalendarOptions{d("2026-12-01"), d("2027-12-31"), true, true, true, "20261129T120000Z"});
}
} // namespace

TEST_CASE("the iCalendar export matches the golden file and RFC 5545 rules", "[calendar]") {
    auto text = calendar_for_golden();
    // Replace the store's random uid so the text can be compared with the committed file.
    const auto uid_at = text.find("UID:agreement-expiry-1-");
    REQUIRE(uid_at != std::string::npos);
    const auto uid = text.substr(uid_at + 23, 32);
    for (auto pos = text.find(uid); pos != std::string::npos; pos = text.find(uid, pos)) text.replace(pos, uid.size(), "STORE");

    std::ifstream in(std::string(IRO_TEST_DATA_DIR) + "/calendar_golden.ics", std::ios::binary);
    REQUIRE(in);
    const std::string golden{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    CHECK(text == golden);

    // Every line ends in CRLF and is at most 75 octets; continuation lines start with a space.
    std::size_t start = 0;
    int folded = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        CHECK(end - start <= 75);
        if (text[start] == ' ') ++folded;
        start = end + 2;
    }
    CHECK(folded > 0);
    std::string unfolded = text;
    for (auto pos = unfolded.find("\r\n "); pos != std::string::npos; pos = unfolded.find("\r\n ", pos)) unfolded.erase(pos, 3);
    CHECK_THAT(unfolded, Contains("SUMMARY:Agreement expires: MoU with the University of Jordan\\; research\\, culture"));
    CHECK_THAT(text, Contains("TRIGGER:-P180D"));
    CHECK_THAT(text, Contains("DTSTART;VALUE=DATE:20270115"));
    CHECK(text.find("Weber") == std::string::npos);  // no personal names in a shared calendar
    CHECK_THROWS_AS(export_ics(Store::open(":memory:"), CalendarOptions{{}, {}, true, true, true, "yesterday"}), ValidationError);
}
