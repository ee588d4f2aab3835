// Cooperation activities: recording, validation, counts, and which agreements are used.
#include "test_support.hpp"

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

Activity activity(InstitutionId partner, std::optional<AgreementId> agreement, const char* start, Area area = Area::Research) {
    Activity a;
    a.type = ActivityType::JointResearchProject;
    a.title = "Joint project";
    a.partners = {partner};
    a.agreement = agreement;
    a.area = area;
    a.start = d(start);
    return a;
}
} // namespace

TEST_CASE("activities round-trip with outcomes, money and evidence", "[activities]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    const auto agreement = office.in_force(office.jordan, "2024-01-01", "2028-12-31");
    const auto unit = t.store.units().add(OrgUnit{{}, office.home, {}, UnitKind::ScientificCentre, "Water Centre", ""});
    const auto person = t.store.people().add(Person{{}, "Rana", "Khalil", PersonRole::Faculty, office.home, unit, "PS", "", {}, false});

    Activity a = activity(office.jordan, agreement, "2025-03-01");
    a.type = ActivityType::Conference;
    a.title = "Regional water conference, Amman";
    a.partners.push_back(office.berlin);
    a.end = d("2025-03-03");
    a.home_units = {unit};
    a.people = {person};
    a.outcome = "Two joint papers started;\nfollow-up workshop planned";
    a.publications = 2;
    a.participants = 140;
    a.funds = {{12500.5, "EUR"}, {3000, "JOD"}};
    a.evidence = {{"Programme", "activities/2025/amman.pdf", std::string(64, 'a')}};
    const auto id = t.store.activities().add(a);
    a.id = id;
    CHECK(t.store.activities().get(id) == a);

    a.title = "Renamed";
    a.funds.pop_back();
    t.store.activities().update(a);
    CHECK(t.store.activities().get(id) == a);
    CHECK(t.store.audit().for_entity("activity", id.value()).size() == 2);
}

TEST_CASE("bad activities are refused with the field named and nothing written", "[activities][errors]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    const auto partner_unit = t.store.units().add(OrgUnit{{}, office.jordan, {}, UnitKind::Faculty, "Science", ""});
    struct Case {
        const char* what;
        std::function<void(Activity&)> spoil;
        const char* field;
    };
    const std::vector<Case> cases = {
        {"no partner", [](Activity& a) { a.partners.clear(); }, "partners"},
        {"repeated partner", [&](Activity& a) { a.partners.push_back(office.jordan); }, "partners[1]"},
        {"blank title", [](Activity& a) { a.title = ""; }, "title"},
        {"end before start", [](Activity& a) { a.end = d("2024-12-31"); }, "end"},
        {"negative participants", [](Activity& a) { a.participants = -3; }, "participants"},
        {"unknown currency", [](Activity& a) { a.funds = {{10, "EURO"}}; }, "funds[0].currency"},
        {"lower-case currency", [](Activity& a) { a.funds = {{10, "eur"}}; }, "funds[0].currency"},
        {"negative money", [](Activity& a) { a.funds = {{-1, "USD"}}; }, "funds[0].amount"},
        {"NaN money", [](Activity& a) { a.funds = {{std::nan(""), "USD"}}; }, "funds[0].amount"},
        {"currency twice", [](Activity& a) { a.funds = {{1, "USD"}, {2, "USD"}}; }, "funds[1].currency"},
        {"partner unit as home unit", [&](Activity& a) { a.home_units = {partner_unit}; }, "home_units"},
        {"bad evidence hash", [](Activity& a) { a.evidence = {{"x", "y", "zz"}}; }, "evidence[0].sha256"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto a = activity(office.jordan, std::nullopt, "2025-01-01");
        c.spoil(a);
        check_refused_unchanged(t.store, [&] {
            try {
                t.store.activities().add(a);
                FAIL("accepted");
            } catch (const ValidationError& e) {
                CHECK(e.field() == c.field);
                CHECK_THAT(e.what(), Contains("expected"));
            }
        });
    }
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(t.store.activities().add(activity(InstitutionId{77}, std::nullopt, "2025-01-01")), NotFoundError);
        CHECK_THROWS_AS(t.store.activities().add(activity(office.jordan, AgreementId{77}, "2025-01-01")), NotFoundError);
        auto with_person = activity(office.jordan, std::nullopt, "2025-01-01");
        with_person.people = {PersonId{5}};
        CHECK_THROWS_WITH(t.store.activities().add(with_person), Contains("no person with id 5"));
    });
}

TEST_CASE("activities per partner, agreement, area and year", "[activities][queries]") {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    const auto mou = office.in_force(office.jordan, "2023-01-01", "2030-12-31", "Jordan MoU");
    auto& acts = store.activities();
    acts.add(activity(office.jordan, mou, "2024-02-01", Area::Research));
    acts.add(activity(office.jordan, mou, "2024-11-30", Area::Culture));
    acts.add(activity(office.jordan, mou, "2025-01-01", Area::Research));
    auto joint = activity(office.berlin, std::nullopt, "2025-06-01", Area::Education);
    joint.partners.push_back(office.jordan);
    acts.add(joint);

    CHECK(acts.count({.partner = office.jordan}) == 4);
    CHECK(acts.count({.partner = office.berlin}) == 1);
    CHECK(acts.count({.agreement = mou}) == 3);
    CHECK(acts.count({.area = Area::Research}) == 2);
    CHECK(acts.count({.year = 2024}) == 2);
    CHECK(acts.count({.partner = office.jordan, .year = 2025}) == 2);
    CHECK(acts.find({.year = 2025}).front().start == d("2025-01-01"));

    const auto by_partner = acts.count_by(ActivityGrouping::Partner);
    REQUIRE(by_partner.size() == 2);
    CHECK(by_partner[0] == GroupCount{std::to_string(office.jordan.value()), "University of Jordan", 4});
    CHECK(by_partner[1] == GroupCount{std::to_string(office.berlin.value()), "Freie Universität Berlin", 1});
    CHECK(acts.count_by(ActivityGrouping::Year) == std::vector<GroupCount>{{"2024", "2024", 2}, {"2025", "2025", 2}});
    CHECK(acts.count_by(ActivityGrouping::Agreement) == std::vector<GroupCount>{{std::to_string(mou.value()), "Jordan MoU", 3}});
    CHECK(acts.count_by(ActivityGrouping::Area, {.year = 2025}) ==
          std::vector<GroupCount>{{"education", "education", 1}, {"research", "research", 1}});
    CHECK_THROWS_AS(acts.count({.year = 0}), ValidationError);
}

TEST_CASE("dormant agreements: the exact N-month edge", "[usage][dormant]") {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    const auto on = d("2026-06-15");
    const auto used_at_edge = office.in_force(office.jordan, "2020-01-01", "2030-12-31", "Used exactly 12 months ago");
    const auto used_day_before = office.in_force(office.jordan, "2020-01-01", "2030-12-31", "Used 12 months and a day ago");
    const auto never = office.in_force(office.berlin, "2020-01-01", "2030-12-31", "Never used");
    const auto visit_only = office.in_force(office.berlin, "2020-01-01", "2030-12-31", "Used by a visit");
    const auto future_use = office.in_force(office.berlin, "2020-01-01", "2030-12-31", "Used only after the date");
    office.in_force(office.berlin, "2020-01-01", "2025-12-31", "Expired before the date");

    store.activities().add(activity(office.jordan, used_at_edge, "2025-06-15"));
    store.activities().add(activity(office.jordan, used_day_before, "2025-06-14"));
    store.activities().add(activity(office.berlin, future_use, "2026-06-16"));
    const auto visitor = store.people().add(Person{{}, "", "Weber", PersonRole::VisitingProfessor, office.berlin, {}, "DE", "", {}, false});
    Visit v;
    v.person = visitor;
    v.direction = VisitDirection::Incoming;
    v.home_institution = office.berlin;
    v.host_institution = office.home;
    v.start = d("2026-01-10");
    v.end = d("2026-01-20");
    v.agreement = visit_only;
    v.mobility_type = MobilityType::StaffTeaching;
    const auto visit_id = store.visits().add(v);

    const auto titles = [](const std::vector<AgreementUsage>& rows) {
        std::vector<std::string> out;
        for (const auto& r : rows) out.push_back(r.agreement.title);
        return out;
    };
    CHECK(titles(dormant_agreements(store, on, 12)) ==
          std::vector<std::string>{"Used 12 months and a day ago", "Never used", "Used only after the date"});
    const auto dormant = dormant_agreements(store, on, 12);
    CHECK(dormant[0].last_used == d("2025-06-14"));
    CHECK_FALSE(dormant[1].last_used.has_value());
    CHECK(titles(unused_agreements(store, on)) == std::vector<std::string>{"Never used", "Used only after the date"});

    // A cancelled visit is no use.
    store.visits().transition(visit_id, VisitStatus::Cancelled);
    CHECK(titles(dormant_agreements(store, on, 12)).size() == 4);
    CHECK_THROWS_AS(dormant_agreements(store, on, 0), ValidationError);
    (void)never;
}
