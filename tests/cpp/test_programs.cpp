// Programs, calls and applications: the lifecycle, open calls, deadlines, participation
// and success rates.
#include "test_support.hpp"

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;
using S = ApplicationStatus;

namespace {
template <class Fn>
void check_refused_unchanged(Store& store, Fn&& fn) {
    const auto before = store.logical_dump();
    fn();
    CHECK(store.logical_dump() == before);
}

struct ProgramsOffice : SmallOffice {
    explicit ProgramsOffice(Store& s) : SmallOffice(s) {
        auto& p = s.programs();
        exchange = p.add(Program{{}, "Erasmus+ KA171 student exchange", ProgramKind::Exchange, berlin, {},
                                 {Audience::Undergraduate, Audience::Master}, "Enrolled full-time", "https://erasmus-plus.ec.europa.eu"});
        staff = p.add(Program{{}, "Staff training week", ProgramKind::CapacityDevelopment, jordan, {},
                              {Audience::Faculty, Audience::AdministrativeStaff}, "", ""});
        spring = p.add_call(Call{{}, exchange, "Spring 2026 mobility", d("2025-10-01"), d("2025-11-30"), 6, Money{850, "EUR"}, ""});
        autumn = p.add_call(Call{{}, exchange, "Autumn 2026 mobility", d("2026-03-01"), d("2026-04-15"), 4, {}, ""});
        week = p.add_call(Call{{}, staff, "Training week 2026", d("2026-02-01"), d("2026-04-30"), 10, Money{1200, "USD"}, ""});
        eng = s.units().add(OrgUnit{{}, home, {}, UnitKind::Faculty, "Engineering", ""});
        for (int i = 0; i < 6; ++i)
            people.push_back(s.people().add(Person{{}, "Student", std::to_string(i), PersonRole::Student, home, eng, "PS", "", {}, false}));
    }
    ApplicationId apply(CallId call, int who, Audience audience, const char* on = "2025-10-05") {
        return store.programs().apply(Application{{}, call, people[static_cast<std::size_t>(who)], audience, eng, S::Draft, d(on), ""});
    }
    ProgramId exchange, staff;
    CallId spring, autumn, week;
    UnitId eng;
    std::vector<PersonId> people;
};
} // namespace

TEST_CASE("open calls for an audience and upcoming deadlines", "[programs][calls]") {
    TestStore t(GENERATE(false, true));
    ProgramsOffice office(t.store);
    auto& p = t.store.programs();
    const auto titles = [](const std::vector<Call>& calls) {
        std::vector<std::string> out;
        for (const auto& c : calls) out.push_back(c.title);
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(titles(p.open_calls(d("2026-03-15"))) == V{"Autumn 2026 mobility", "Training week 2026"});
    CHECK(titles(p.open_calls(d("2026-03-15"), Audience::Master)) == V{"Autumn 2026 mobility"});
    CHECK(titles(p.open_calls(d("2026-03-15"), Audience::Faculty)) == V{"Training week 2026"});
    CHECK(titles(p.open_calls(d("2026-03-15"), Audience::Doctoral)).empty());
    CHECK(titles(p.open_calls(d("2025-11-30"))) == V{"Spring 2026 mobility"});  // the deadline day is still open
    CHECK(titles(p.open_calls(d("2025-12-01"))).empty());
    CHECK(titles(p.upcoming_deadlines(d("2026-04-01"), 14)) == V{"Autumn 2026 mobility"});
    CHECK(titles(p.upcoming_deadlines(d("2026-04-01"), 29)) == V{"Autumn 2026 mobility", "Training week 2026"});
    CHECK(p.get_call(office.spring).funding == Money{850, "EUR"});
    CHECK(p.find({.audience = Audience::Faculty}).size() == 1);
    CHECK(p.find({.provider = office.berlin}).front().name == "Erasmus+ KA171 student exchange");

    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(p.add_call(Call{{}, office.exchange, "Backwards", d("2026-05-01"), d("2026-04-01"), 1, {}, ""}), ValidationError);
        CHECK_THROWS_AS(p.add_call(Call{{}, ProgramId{99}, "Orphan", d("2026-05-01"), d("2026-06-01"), 1, {}, ""}), NotFoundError);
        CHECK_THROWS_AS(p.add_call(Call{{}, office.exchange, "Bad money", d("2026-05-01"), d("2026-06-01"), 1, Money{5, "XYZ"}, ""}),
                        ValidationError);
        CHECK_THROWS_AS(p.add(Program{{}, "No audience", ProgramKind::Scholarship, {}, {}, {}, "", ""}), ValidationError);
        CHECK_THROWS_AS(p.upcoming_deadlines(d("2026-04-01"), -1), ValidationError);
    });
}

TEST_CASE("applications follow their lifecycle and every move is recorded", "[programs][applications]") {
    TestStore t(GENERATE(false, true));
    ProgramsOffice office(t.store);
    auto& p = t.store.programs();
    const auto id = office.apply(office.spring, 0, Audience::Undergraduate);
    p.transition(id, S::Submitted, d("2025-10-10"));
    p.transition(id, S::Nominated, d("2025-12-05"), "ranked first");
    p.transition(id, S::Accepted, d("2026-01-10"));
    p.transition(id, S::Completed, d("2026-07-01"));
    CHECK(p.get_application(id).status == S::Completed);
    const auto history = p.history(id);
    REQUIRE(history.size() == 5);
    CHECK(history[2].note == "ranked first");
    CHECK(history[4].from == S::Accepted);

    const auto other = office.apply(office.spring, 1, Audience::Master);
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(p.transition(other, S::Accepted, d("2025-10-10")), Contains("'draft'") && Contains("'accepted'"));
        CHECK_THROWS_AS(p.transition(id, S::Withdrawn, d("2026-08-01")), ConflictError);  // completed is final
        CHECK_THROWS_AS(p.transition(other, S::Submitted, d("2025-01-01")), ValidationError);  // before the application
        // One application per person and call; the audience must be the program's.
        CHECK_THROWS_WITH(office.apply(office.spring, 0, Audience::Master), Contains("already applied"));
        CHECK_THROWS_WITH(office.apply(office.spring, 2, Audience::Faculty), Contains("audience") && Contains("undergraduate, master"));
        CHECK_THROWS_AS(p.apply(Application{{}, office.spring, PersonId{99}, Audience::Master, {}, S::Draft, d("2025-10-05"), ""}),
                        NotFoundError);
    });
}

TEST_CASE("participation and success rate", "[programs][queries]") {
    auto store = Store::open(":memory:");
    ProgramsOffice office(store);
    auto& p = store.programs();
    // Spring (deadline 2025): 3 submitted -> accepted, rejected, still submitted; 1 draft.
    const auto a0 = office.apply(office.spring, 0, Audience::Undergraduate);
    const auto a1 = office.apply(office.spring, 1, Audience::Undergraduate);
    const auto a2 = office.apply(office.spring, 2, Audience::Master);
    office.apply(office.spring, 3, Audience::Master);  // stays a draft
    for (auto id : {a0, a1, a2}) p.transition(id, S::Submitted, d("2025-10-20"));
    p.transition(a0, S::Nominated, d("2025-12-01"));
    p.transition(a0, S::Accepted, d("2025-12-15"));
    p.transition(a1, S::Rejected, d("2025-12-01"));
    // Autumn (deadline 2026): accepted then completed.
    const auto b0 = office.apply(office.autumn, 4, Audience::Undergraduate, "2026-03-05");
    p.transition(b0, S::Submitted, d("2026-03-06"));
    p.transition(b0, S::Nominated, d("2026-04-20"));
    p.transition(b0, S::Accepted, d("2026-05-01"));
    p.transition(b0, S::Completed, d("2026-12-20"));

    const auto rows = p.participation();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].year == 2025);
    CHECK(rows[0].audience == Audience::Undergraduate);
    CHECK(rows[0].applications == 2);
    CHECK(rows[0].accepted == 1);
    CHECK(rows[0].rejected == 1);
    CHECK(rows[1].audience == Audience::Master);
    CHECK(rows[1].applications == 1);  // the draft does not count
    CHECK(rows[2].year == 2026);
    CHECK(rows[2].unit == office.eng);
    CHECK(p.participation({.year = 2026}).size() == 1);

    const auto rates = p.success_rates();
    REQUIRE(rates.size() == 1);
    CHECK(rates[0].program == office.exchange);
    CHECK(rates[0].decided == 3);
    CHECK(rates[0].accepted == 2);
    CHECK(rates[0].rate == Approx(2.0 / 3.0));
    CHECK(p.success_rates({.year = 2025})[0].rate == Approx(0.5));
    CHECK(p.applications({.status = S::Draft}).size() == 1);
}
