// People and visits: validation, erasure, the no-overlap rule, quota counting across
// academic years, mobility balance, visiting professors and the KPI set.
#include "test_support.hpp"

#include <fstream>
#include <iterator>

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

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct MobilityOffice : SmallOffice {
    explicit MobilityOffice(Store& s) : SmallOffice(s) {
        host_unit = s.units().add(OrgUnit{{}, home, {}, UnitKind::Faculty, "Engineering", ""});
        professor = s.people().add(Person{{}, "Hans", "Weber", PersonRole::VisitingProfessor, berlin, {}, "DE", "weber@fu-berlin.example",
                                          {{"0713"}, {"solar energy"}}, false});
        student = s.people().add(Person{{}, "Lina", "Saleh", PersonRole::Student, home, host_unit, "PS", "", {}, false});
        auto a = mou(berlin, "Erasmus+ with Berlin");
        a.kind = AgreementKind::ErasmusIia;
        a.status = AgreementStatus::InForce;
        a.in_force_from = d("2024-01-10");
        a.valid_until = d("2029-12-31");
        for (auto& p : a.parties) p.signed_on = d("2024-01-10");
        MobilityQuota out;
        out.sending = home;
        out.receiving = berlin;
        out.type = MobilityType::StudentStudies;
        out.academic_years = {AcademicYear{2024}, AcademicYear{2025}};
        out.mobilities_per_year = 2;
        out.total_months_per_year = 10;
        MobilityQuota in;
        in.sending = berlin;
        in.receiving = home;
        in.type = MobilityType::StaffTeaching;
        in.academic_years = {AcademicYear{2024}, AcademicYear{2025}};
        in.mobilities_per_year = 1;
        in.total_days_per_year = 10;
        a.quotas = {out, in};
        erasmus = s.agreements().add(a);
    }

    Visit incoming(const char* start, const char* end, VisitStatus status = VisitStatus::Planned) const {
        Visit v;
        v.person = professor;
        v.direction = VisitDirection::Incoming;
        v.purpose = VisitPurpose::Teaching;
        v.home_institution = berlin;
        v.host_institution = home;
        v.host_unit = host_unit;
        v.start = d(start);
        v.end = d(end);
        v.agreement = erasmus;
        v.mobility_type = MobilityType::StaffTeaching;
        v.status = status;
        v.lectures = 4;
        v.teaching_hours = 8;
        return v;
    }
    Visit outgoing(const char* start, const char* end, VisitStatus status = VisitStatus::Confirmed) const {
        Visit v;
        v.person = student;
        v.direction = VisitDirection::Outgoing;
        v.purpose = VisitPurpose::Study;
        v.home_institution = home;
        v.host_institution = berlin;
        v.start = d(start);
        v.end = d(end);
        v.agreement = erasmus;
        v.mobility_type = MobilityType::StudentStudies;
        v.status = status;
        return v;
    }
    UnitId host_unit;
    PersonId professor, student;
    AgreementId erasmus;
};
} // namespace

TEST_CASE("a person's committed visits may not overlap", "[visits][overlap]") {
    TestStore t(GENERATE(false, true));
    MobilityOffice office(t.store);
    auto& visits = t.store.visits();
    const auto first = visits.add(office.incoming("2025-03-01", "2025-03-10", VisitStatus::Confirmed));
    check_refused_unchanged(t.store, [&] {
        try {
            visits.add(office.incoming("2025-03-10", "2025-03-12", VisitStatus::Confirmed));  // shares the last day
            FAIL("overlap accepted");
        } catch (const ConflictError& e) {
            CHECK_THAT(e.what(), Contains("visit " + std::to_string(first.value())) && Contains("2025-03-01 to 2025-03-10") &&
                                     Contains("two places at once"));
        }
    });
    // Planned visits may overlap (plans change); confirming one that overlaps is refused.
    const auto planned = visits.add(office.incoming("2025-03-05", "2025-03-07"));
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(visits.transition(planned, VisitStatus::Confirmed),
                          Contains("visit " + std::to_string(planned.value())) && Contains("visit " + std::to_string(first.value())));
    });
    visits.transition(first, VisitStatus::Cancelled);
    visits.transition(planned, VisitStatus::Confirmed);  // the overlap is gone
    CHECK(visits.add(office.incoming("2025-03-11", "2025-03-12", VisitStatus::Confirmed)).valid());
    auto moved = visits.get(planned);
    moved.start = d("2025-03-12");
    moved.end = d("2025-03-14");
    check_refused_unchanged(t.store, [&] { CHECK_THROWS_AS(visits.update(moved), ConflictError); });
}

TEST_CASE("bad visits are refused with the field named and nothing written", "[visits][errors]") {
    TestStore t(GENERATE(false, true));
    MobilityOffice office(t.store);
    const auto other_agreement = office.in_force(office.jordan, "2024-01-01", "2030-01-01", "Jordan only");
    struct Case {
        const char* what;
        std::function<void(Visit&)> spoil;
        const char* field;
    };
    const std::vector<Case> cases = {
        {"end before start", [](Visit& v) { v.end = d("2025-02-01"); }, "end"},
        {"same institution", [&](Visit& v) { v.home_institution = office.home; }, "host_institution"},
        {"incoming to a partner", [&](Visit& v) { v.host_institution = office.jordan; }, "host_institution"},
        {"agreement without mobility type", [](Visit& v) { v.mobility_type.reset(); }, "mobility_type"},
        {"agreement the partner is not in", [&](Visit& v) { v.agreement = other_agreement; }, "agreement"},
        {"negative lectures", [](Visit& v) { v.lectures = -1; }, "lectures"},
        {"infinite hours", [](Visit& v) { v.teaching_hours = 1.0 / 0.0; }, "teaching_hours"},
        {"host unit of another institution", [&](Visit& v) { v.host_unit = office.store.units().add(OrgUnit{{}, office.jordan, {}, UnitKind::Faculty, "X", ""}); }, "host_unit"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto v = office.incoming("2025-03-01", "2025-03-10");
        c.spoil(v);
        check_refused_unchanged(t.store, [&] {
            try {
                t.store.visits().add(v);
                FAIL("accepted");
            } catch (const ValidationError& e) {
                CHECK(e.field() == c.field);
            }
        });
    }
    auto ghost = office.incoming("2025-03-01", "2025-03-10");
    ghost.person = PersonId{404};
    check_refused_unchanged(t.store, [&] { CHECK_THROWS_WITH(t.store.visits().add(ghost), Contains("no person with id 404")); });
    const auto id = t.store.visits().add(office.incoming("2025-03-01", "2025-03-10"));
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(t.store.visits().transition(id, VisitStatus::Completed), Contains("'planned'") && Contains("'completed'"));
        auto edited = t.store.visits().get(id);
        edited.status = VisitStatus::Ongoing;
        CHECK_THROWS_AS(t.store.visits().update(edited), ConflictError);
    });
}

TEST_CASE("quota use counts visits by type, direction and academic year", "[visits][quota]") {
    auto store = Store::open(":memory:");
    MobilityOffice office(store);
    auto& visits = store.visits();
    // 2024/2025 runs 2024-09-01 .. 2025-08-31.
    visits.add(office.outgoing("2024-09-01", "2024-12-20"));                     // 2024/2025, first day
    visits.add(office.outgoing("2025-01-05", "2025-02-01", VisitStatus::Planned)); // 2024/2025 (planned counts)
    visits.add(office.outgoing("2025-08-31", "2025-09-30", VisitStatus::Planned)); // 2024/2025, last day
    visits.add(office.outgoing("2025-09-01", "2025-12-01", VisitStatus::Planned)); // 2025/2026, first day
    const auto cancelled = visits.add(office.outgoing("2025-10-01", "2025-10-05", VisitStatus::Planned));
    visits.transition(cancelled, VisitStatus::Cancelled);
    visits.add(office.incoming("2025-04-01", "2025-04-05"));                     // staff teaching, incoming, 2024/2025
    auto no_agreement = office.outgoing("2024-06-01", "2024-06-05");
    no_agreement.agreement.reset();
    no_agreement.mobility_type.reset();
    visits.add(no_agreement);                                                    // does not count

    const auto rows = quota_utilisation(store, office.erasmus);
    REQUIRE(rows.size() == 4);  // two lines x two years
    const auto find = [&](int year, MobilityType type) {
        for (const auto& r : rows)
            if (r.academic_year.start_year == year && r.type == type) return r;
        FAIL("no row");
        return rows.front();
    };
    CHECK(find(2024, MobilityType::StudentStudies).used == 3);
    CHECK(find(2024, MobilityType::StudentStudies).allowed == 2);
    CHECK(find(2024, MobilityType::StudentStudies).share() == Approx(1.5));
    CHECK(find(2025, MobilityType::StudentStudies).used == 1);
    CHECK(find(2024, MobilityType::StaffTeaching).used == 1);
    CHECK(find(2025, MobilityType::StaffTeaching).used == 0);
    CHECK(quota_utilisation(store, std::nullopt, AcademicYear{2025}).size() == 2);
    CHECK(academic_year_of(d("2025-08-31")).start_year == 2024);
    CHECK(academic_year_of(d("2025-09-01")).start_year == 2025);
}

TEST_CASE("mobility balance, visiting professors and the KPI set", "[visits][kpis]") {
    auto store = Store::open(":memory:");
    MobilityOffice office(store);
    auto& visits = store.visits();
    visits.add(office.incoming("2025-03-01", "2025-03-10", VisitStatus::Confirmed));
    visits.add(office.incoming("2025-05-01", "2025-05-03", VisitStatus::Confirmed));
    visits.add(office.outgoing("2025-02-01", "2025-02-20"));
    const auto other = store.people().add(Person{{}, "Omar", "Haddad", PersonRole::Faculty, office.jordan, {}, "JO", "", {}, false});
    Visit from_jordan = office.incoming("2025-06-01", "2025-06-05");
    from_jordan.person = other;
    from_jordan.home_institution = office.jordan;
    from_jordan.agreement.reset();
    from_jordan.mobility_type.reset();
    from_jordan.host_unit.reset();
    visits.add(from_jordan);

    const auto balance = mobility_balance(store, d("2025-01-01"), d("2025-12-31"));
    REQUIRE(balance.size() == 2);
    CHECK(balance[0].partner == office.jordan);
    CHECK(balance[0].incoming == 1);
    CHECK(balance[0].outgoing == 0);
    CHECK(balance[1].partner == office.berlin);
    CHECK(balance[1].partner_name == "Freie Universität Berlin");
    CHECK(balance[1].incoming == 2);
    CHECK(balance[1].outgoing == 1);
    CHECK(balance[1].balance() == 1);
    CHECK(mobility_balance(store, d("2025-04-01"), d("2025-05-31")).size() == 1);

    const auto profs = visiting_professors(store, 2025);
    REQUIRE(profs.size() == 2);
    // Grouped by host unit and country: the Berlin professor twice in Engineering, one from Jordan.
    const auto& de = profs[1].country == "DE" ? profs[1] : profs[0];
    CHECK(de.visits == 2);
    CHECK(de.people == 1);
    CHECK(de.lectures == 8);
    CHECK(de.teaching_hours == Approx(16));
    CHECK(de.host_unit_name == "Engineering");

    const auto k = compute_kpis(store, 2025);
    CHECK(k.incoming_visits == 3);
    CHECK(k.outgoing_visits == 1);
    CHECK(k.mobility_balance == 2);
    CHECK(k.visiting_professors == 3);
    CHECK(k.active_agreements == 1);
    CHECK(k.active_by_kind.at("erasmus_iia") == 1);
    CHECK(k.active_by_region.at("europe") == 1);
    CHECK(k.new_agreements == 0);
    CHECK(compute_kpis(store, 2024).new_agreements == 1);
    CHECK(compute_kpis(store, 2024).new_by_area.at("research") == 1);
    // Quota: academic years 2024/2025 and 2025/2026 touch 2025; allowed 2 + 1 per year.
    CHECK(k.quota_allowed == 6);
    CHECK(k.quota_used == 3);
    CHECK(k.quota_utilisation == Approx(0.5));
    CHECK(k.dormant_agreements == 0);
    CHECK_THROWS_AS(compute_kpis(store, d("2025-02-01"), d("2025-01-01")), ValidationError);
}

TEST_CASE("erasing a person keeps statistics and leaves no personal field in the file", "[people][erase]") {
    TempDir dir;
    const auto path = dir.file("office.db");
    {
        auto store = Store::open(path);
        MobilityOffice office(store);
        store.visits().add(office.incoming("2025-03-01", "2025-03-10", VisitStatus::Confirmed));
        auto p = store.people().get(office.professor);
        p.email = "h.weber@fu-berlin.example";  // an update leaves the old value in the audit log too
        store.people().update(p);
        const auto before = compute_kpis(store, 2025);

        const auto token = store.people().erase(office.professor);
        const auto erased = store.people().get(office.professor);
        CHECK(erased.erased);
        CHECK(erased.family_name == token);
        CHECK(erased.given_name.empty());
        CHECK(erased.email.empty());
        CHECK(erased.nationality.empty());
        CHECK(erased.expertise.empty());
        CHECK(erased.role == PersonRole::VisitingProfessor);
        CHECK(store.visits().count({.person = office.professor}) == 1);
        CHECK(compute_kpis(store, 2025).visiting_professors == before.visiting_professors);
        CHECK_THROWS_AS(store.people().erase(office.professor), ConflictError);
        CHECK_THROWS_AS(store.people().update(erased), ConflictError);
        const auto dump = store.logical_dump();
        for (const char* personal : {"Weber", "Hans", "weber@fu-berlin", "solar energy"}) CHECK(dump.find(personal) == std::string::npos);
    }
    const auto bytes = file_bytes(path) + file_bytes(path + "-wal");
    for (const char* personal : {"Weber", "Hans", "weber@fu-berlin", "solar energy"}) {
        INFO(personal);
        CHECK(bytes.find(personal) == std::string::npos);
    }
    CHECK(bytes.find("Lina") != std::string::npos);  // only that person was erased
}

TEST_CASE("people: validation and filters", "[people]") {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    auto& people = store.people();
    check_refused_unchanged(store, [&] {
        CHECK_THROWS_AS(people.add(Person{{}, "", " ", PersonRole::Faculty, {}, {}, "", "", {}, false}), ValidationError);
        CHECK_THROWS_AS(people.add(Person{{}, "A", "B", PersonRole::Faculty, {}, {}, "XX", "", {}, false}), ValidationError);
        CHECK_THROWS_AS(people.add(Person{{}, "A", "B", PersonRole::Faculty, {}, {}, "", "no-at-sign", {}, false}), ValidationError);
        CHECK_THROWS_AS(people.add(Person{{}, "A", "B", PersonRole::Faculty, {}, {}, "", "", {{"12345"}, {}}, false}), ValidationError);
        CHECK_THROWS_AS(people.add(Person{{}, "A", "B", PersonRole::Faculty, InstitutionId{99}, {}, "", "", {}, false}), NotFoundError);
    });
    people.add(Person{{}, "A", "B", PersonRole::Faculty, office.jordan, {}, "JO", "", {}, false});
    people.add(Person{{}, "C", "D", PersonRole::Student, office.home, {}, "PS", "", {}, false});
    CHECK(people.count({.role = PersonRole::Student}) == 1);
    CHECK(people.count({.affiliation = office.jordan}) == 1);
    CHECK(people.find({.nationality = "PS"}).front().full_name() == "C D");
}
