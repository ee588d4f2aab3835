// Agreements: validation, the recorded lifecycle, renewals, validity and the queries
// offices run (in force, expiring, filters).
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

MobilityQuota student_quota(InstitutionId from, InstitutionId to) {
    MobilityQuota q;
    q.sending = from;
    q.receiving = to;
    q.type = MobilityType::StudentStudies;
    q.academic_years = {AcademicYear{2025}, AcademicYear{2026}};
    q.mobilities_per_year = 4;
    q.total_months_per_year = 20;
    q.subject_areas = {"0613", "0714"};
    q.eqf_levels = {6, 7};
    q.language_skills = {{"en", CefrLevel::B2}};
    return q;
}
} // namespace

TEST_CASE("an agreement walks its whole lifecycle and every move is recorded", "[agreements][lifecycle]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& agreements = t.store.agreements();
    t.store.set_actor("officer-1");
    const auto id = agreements.add(office.mou(office.jordan));
    CHECK(agreements.get(id).status == AgreementStatus::Proposed);

    agreements.transition(id, AgreementStatus::InNegotiation, d("2024-02-01"), "first draft sent");
    agreements.transition(id, AgreementStatus::UnderReview, d("2024-03-01"));
    agreements.transition(id, AgreementStatus::AwaitingSignature, d("2024-04-01"), "legal office approved");
    agreements.sign(id, office.home, d("2024-04-10"), "President");
    agreements.sign(id, office.jordan, d("2024-04-20"), "Vice President");
    agreements.enter_into_force(id, d("2024-05-01"));

    const auto a = agreements.get(id);
    CHECK(a.status == AgreementStatus::InForce);
    CHECK(a.in_force_from == d("2024-05-01"));
    CHECK(a.parties[0].signed_on == d("2024-04-10"));
    CHECK(a.parties[1].signatory == "Vice President");

    const auto history = agreements.history(id);
    REQUIRE(history.size() == 5);
    CHECK_FALSE(history[0].from.has_value());
    CHECK(history[0].to == AgreementStatus::Proposed);
    CHECK(history[1].from == AgreementStatus::Proposed);
    CHECK(history[1].to == AgreementStatus::InNegotiation);
    CHECK(history[1].note == "first draft sent");
    CHECK(history[1].actor == "officer-1");
    CHECK(history[4].to == AgreementStatus::InForce);
    CHECK(history[4].on == d("2024-05-01"));

    // add + 3 transitions + 2 signatures + entry into force
    CHECK(t.store.audit().for_entity("agreement", id.value()).size() == 7);

    agreements.terminate(id, d("2025-01-31"), "partner closed the programme");
    CHECK(agreements.get(id).terminated_on == d("2025-01-31"));
    CHECK(agreements.get(id).in_force_on(d("2025-01-30")));
    CHECK_FALSE(agreements.get(id).in_force_on(d("2025-01-31")));
}

TEST_CASE("illegal moves are refused, name both states and change nothing", "[agreements][lifecycle][errors]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& agreements = t.store.agreements();
    const auto id = agreements.add(office.mou(office.jordan));
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(agreements.transition(id, AgreementStatus::UnderReview, d("2024-02-01")),
                          Contains("'proposed'") && Contains("'under_review'"));
        CHECK_THROWS_AS(agreements.enter_into_force(id, d("2024-02-01")), ConflictError);
        CHECK_THROWS_AS(agreements.expire(id, d("2024-02-01")), ConflictError);
        CHECK_THROWS_AS(agreements.renew(id, d("2024-02-01"), d("2024-02-01"), d("2025-02-01")), ConflictError);
        CHECK_THROWS_AS(agreements.transition(id, AgreementStatus::Renewed, d("2024-02-01")), ConflictError);
        CHECK_THROWS_AS(agreements.transition(AgreementId{999}, AgreementStatus::InNegotiation, d("2024-02-01")), NotFoundError);
    });
    agreements.transition(id, AgreementStatus::InNegotiation, d("2024-02-01"));
    check_refused_unchanged(t.store, [&] {
        // Moves are dated in order.
        CHECK_THROWS_WITH(agreements.transition(id, AgreementStatus::UnderReview, d("2024-01-15")),
                          Contains("2024-01-15") && Contains("previous transition (2024-02-01)"));
    });
    agreements.transition(id, AgreementStatus::UnderReview, d("2024-02-02"));
    agreements.transition(id, AgreementStatus::AwaitingSignature, d("2024-02-03"));
    agreements.sign(id, office.home, d("2024-02-04"));
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(agreements.enter_into_force(id, d("2024-02-05")),
                          Contains("not signed by institution(s) " + std::to_string(office.jordan.value())));
        CHECK_THROWS_AS(agreements.sign(id, office.berlin, d("2024-02-05")), ValidationError);  // not a party
        CHECK_THROWS_AS(agreements.sign(id, office.jordan, d("2020-01-01")), ValidationError);  // before proposal
    });
    agreements.sign(id, office.jordan, d("2024-02-05"));
    agreements.enter_into_force(id, d("2024-02-06"));
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(agreements.sign(id, office.jordan, d("2024-02-07")), ConflictError);
        CHECK_THROWS_WITH(agreements.expire(id, d("2024-03-01")), Contains("open-ended"));
    });
    agreements.terminate(id, d("2024-03-01"));
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(agreements.transition(id, AgreementStatus::InForce, d("2024-04-01")), Contains("final state"));
    });
}

TEST_CASE("bad agreements are refused with the field named and nothing written", "[agreements][errors]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& agreements = t.store.agreements();
    struct Case {
        const char* what;
        std::function<void(Agreement&)> spoil;
        const char* field;
    };
    const std::vector<Case> cases = {
        {"blank title", [](Agreement& a) { a.title = " "; }, "title"},
        {"one party", [](Agreement& a) { a.parties.pop_back(); }, "parties"},
        {"duplicate party", [&](Agreement& a) { a.parties[1].institution = office.home; }, "parties[1].institution"},
        {"no areas", [](Agreement& a) { a.areas.clear(); }, "areas"},
        {"repeated area", [](Agreement& a) { a.areas = {Area::Culture, Area::Culture}; }, "areas"},
        {"end before start", [](Agreement& a) { a.in_force_from = d("2025-01-01"); a.valid_until = d("2024-12-31"); }, "valid_until"},
        {"impossible date", [](Agreement& a) { a.valid_until = Date{std::chrono::year{2025}, std::chrono::February, std::chrono::day{30}}; }, "valid_until"},
        {"start before proposal", [](Agreement& a) { a.in_force_from = d("2023-01-01"); }, "in_force_from"},
        {"tacit renewal without end", [](Agreement& a) { a.tacit_renewal_years = 2; }, "tacit_renewal_years"},
        {"negative notice", [](Agreement& a) { a.notice_days = -1; }, "notice_days"},
        {"note over the limit", [](Agreement& a) { a.note = std::string(10'001, 'n'); }, "note"},
        {"days for students", [&](Agreement& a) { auto q = student_quota(office.home, office.jordan); q.total_days_per_year = 10; a.quotas = {q}; }, "quotas[0].total_days_per_year"},
        {"EQF level 9", [&](Agreement& a) { auto q = student_quota(office.home, office.jordan); q.eqf_levels = {9}; a.quotas = {q}; }, "quotas[0].eqf_levels"},
        {"bad ISCED code", [&](Agreement& a) { auto q = student_quota(office.home, office.jordan); q.subject_areas = {"06a3"}; a.quotas = {q}; }, "quotas[0].subject_areas"},
        {"quota to itself", [&](Agreement& a) { a.quotas = {student_quota(office.home, office.home)}; }, "quotas[0].receiving"},
        {"quota with a non-party", [&](Agreement& a) { a.quotas = {student_quota(office.home, office.berlin)}; }, "quotas[0]"},
        {"quota without years", [&](Agreement& a) { auto q = student_quota(office.home, office.jordan); q.academic_years.clear(); a.quotas = {q}; }, "quotas[0].academic_years"},
        {"bad document hash", [](Agreement& a) { a.documents = {{"Signed copy", "mou.pdf", "abc"}}; }, "documents[0].sha256"},
        {"renewed on add", [](Agreement& a) { a.status = AgreementStatus::Renewed; }, "status"},
        {"in force without signatures", [](Agreement& a) { a.status = AgreementStatus::InForce; a.in_force_from = d("2024-02-01"); }, "parties[0].signed_on"},
        {"terminated date while proposed", [](Agreement& a) { a.terminated_on = d("2024-05-01"); }, "terminated_on"},
        {"no home party", [&](Agreement& a) { a.parties[0].institution = office.berlin; }, "parties"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto a = office.mou(office.jordan);
        c.spoil(a);
        check_refused_unchanged(t.store, [&] {
            try {
                agreements.add(a);
                FAIL("accepted");
            } catch (const ValidationError& e) {
                CHECK(e.field() == c.field);
                CHECK_THAT(e.what(), Contains("expected"));
            }
        });
    }
    auto unknown = office.mou(InstitutionId{999});
    check_refused_unchanged(t.store, [&] { CHECK_THROWS_WITH(agreements.add(unknown), Contains("no institution (parties[1]) with id 999")); });

    auto first = office.mou(office.jordan);
    first.reference = "IRO/2024/001";
    agreements.add(first);
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(agreements.add(first), Contains("reference 'IRO/2024/001' is already used"));
    });
}

TEST_CASE("quotas, documents, units and multilateral parties round-trip", "[agreements]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    const auto eng = t.store.units().add(OrgUnit{{}, office.home, {}, UnitKind::Faculty, "Engineering", ""});
    auto a = office.mou(office.jordan, "Erasmus+ KA171 inter-institutional agreement");
    a.kind = AgreementKind::ErasmusIia;
    a.parties.push_back(Party{office.berlin, {}, {}, "Rector"});
    a.parties[0].unit = eng;
    a.quotas = {student_quota(office.home, office.berlin), student_quota(office.berlin, office.home)};
    MobilityQuota staff;
    staff.sending = office.home;
    staff.receiving = office.jordan;
    staff.type = MobilityType::StaffTeaching;
    staff.academic_years = {AcademicYear{2025}};
    staff.mobilities_per_year = 2;
    staff.total_days_per_year = 10;
    staff.blended = true;
    a.quotas.push_back(staff);
    a.documents = {{"Signed agreement", "agreements/2024/iia.pdf", std::string(64, 'e')}};
    a.valid_until = d("2029-08-31");
    a.in_force_from = d("2024-09-01");
    a.tacit_renewal_years = 1;
    a.notice_days = 90;
    a.note = "Line one\nLine two";
    const auto id = t.store.agreements().add(a);
    a.id = id;
    const auto stored = t.store.agreements().get(id);
    CHECK(stored == a);
    CHECK(stored.is_multilateral());

    // update replaces the editable fields; status is not one of them.
    auto edited = stored;
    edited.title = "Renamed";
    edited.quotas.pop_back();
    t.store.agreements().update(edited);
    CHECK(t.store.agreements().get(id) == edited);
    edited.status = AgreementStatus::InForce;
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_WITH(t.store.agreements().update(edited), Contains("only through transitions"));
    });
}

TEST_CASE("renewal creates a linked successor", "[agreements][renewal]") {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    auto& agreements = store.agreements();
    auto a = office.mou(office.jordan);
    a.reference = "IRO/2019/7";
    a.status = AgreementStatus::InForce;
    a.proposed_on = d("2019-01-01");
    a.in_force_from = d("2019-03-01");
    a.valid_until = d("2024-02-29");
    for (auto& p : a.parties) p.signed_on = d("2019-02-15");
    const auto old_id = agreements.add(a);

    check_refused_unchanged(store, [&] {
        CHECK_THROWS_AS(agreements.renew(old_id, d("2024-02-01"), d("2024-03-01"), d("2024-01-01")), ValidationError);
        CHECK_THROWS_AS(agreements.renew(old_id, d("2024-02-01"), d("2018-03-01"), d("2029-01-01")), ValidationError);
    });
    const auto new_id = agreements.renew(old_id, d("2024-02-01"), d("2024-03-01"), d("2029-02-28"), "five more years");
    const auto old_one = agreements.get(old_id);
    const auto new_one = agreements.get(new_id);
    CHECK(old_one.status == AgreementStatus::Renewed);
    CHECK(new_one.status == AgreementStatus::InForce);
    CHECK(new_one.predecessor == old_id);
    CHECK(new_one.in_force_from == d("2024-03-01"));
    CHECK(new_one.valid_until == d("2029-02-28"));
    CHECK(new_one.reference == "IRO/2019/7-R2024");
    CHECK(new_one.parties.size() == 2);
    // The old agreement stays in force until its own end date.
    CHECK(old_one.in_force_on(d("2024-02-29")));
    CHECK_FALSE(old_one.in_force_on(d("2024-03-01")));
    CHECK(agreements.history(old_id).back().to == AgreementStatus::Renewed);
    CHECK(agreements.history(new_id).front().note == "renewal of agreement " + std::to_string(old_id.value()));
}

TEST_CASE("expiry: expire only after the end, tacit renewal extends the period", "[agreements][validity]") {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    auto& agreements = store.agreements();
    const auto fixed = office.in_force(office.jordan, "2020-01-01", "2024-12-31", "Fixed term");
    check_refused_unchanged(store, [&] {
        CHECK_THROWS_WITH(agreements.expire(fixed, d("2024-12-31")), Contains("until 2024-12-31"));
    });
    agreements.expire(fixed, d("2025-01-01"));
    CHECK(agreements.get(fixed).status == AgreementStatus::Expired);

    auto tacit = office.mou(office.berlin, "Tacit");
    tacit.status = AgreementStatus::InForce;
    tacit.proposed_on = d("2020-01-01");
    tacit.in_force_from = d("2020-01-01");
    tacit.valid_until = d("2022-12-31");
    tacit.tacit_renewal_years = 2;
    for (auto& p : tacit.parties) p.signed_on = d("2020-01-01");
    const auto tacit_id = agreements.add(tacit);
    const auto t = agreements.get(tacit_id);
    CHECK(t.period_end(d("2022-06-01")) == d("2022-12-31"));
    CHECK(t.period_end(d("2023-01-01")) == d("2024-12-31"));
    CHECK(t.period_end(d("2025-06-30")) == d("2026-12-31"));
    CHECK(t.in_force_on(d("2030-01-01")));
    CHECK_THROWS_AS(agreements.expire(tacit_id, d("2030-01-01")), ConflictError);
}

TEST_CASE("in force on a date and expiring within 180/90/30 days", "[agreements][queries]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& agreements = t.store.agreements();
    const auto today = d("2026-11-29");
    const auto in_20 = office.in_force(office.jordan, "2022-01-01", "2026-12-19", "Ends in 20 days");
    const auto in_30 = office.in_force(office.jordan, "2022-01-01", "2026-12-29", "Ends in 30 days");
    const auto in_31 = office.in_force(office.birzeit, "2022-01-01", "2026-12-30", "Ends in 31 days");
    const auto in_90 = office.in_force(office.berlin, "2022-01-01", "2027-02-27", "Ends in 90 days");
    const auto in_150 = office.in_force(office.berlin, "2022-01-01", "2027-04-28", "Ends in 150 days");
    const auto today_end = office.in_force(office.berlin, "2022-01-01", "2026-11-29", "Ends today");
    office.in_force(office.berlin, "2022-01-01", "2026-11-28", "Ended yesterday");
    office.in_force(office.berlin, "2022-01-01", std::nullopt, "Open-ended");
    office.in_force(office.berlin, "2027-01-01", "2027-03-01", "Not yet in force");
    agreements.add(office.mou(office.jordan, "Only proposed"));

    auto tacit = office.mou(office.jordan, "Renews tacitly");
    tacit.status = AgreementStatus::InForce;
    tacit.proposed_on = tacit.parties[0].signed_on.emplace(d("2020-01-01"));
    tacit.parties[1].signed_on = d("2020-01-01");
    tacit.in_force_from = d("2020-01-01");
    tacit.valid_until = d("2021-01-09");
    tacit.tacit_renewal_years = 1;  // periods end 2022-01-09, ..., 2027-01-09 (41 days away)
    tacit.notice_days = 60;
    const auto tacit_id = agreements.add(tacit);

    const auto ids = [](const std::vector<ExpiringAgreement>& rows) {
        std::vector<AgreementId> out;
        for (const auto& r : rows) out.push_back(r.agreement.id);
        return out;
    };
    CHECK(ids(agreements.expiring(today, 30)) == std::vector<AgreementId>{today_end, in_20, in_30});
    CHECK(ids(agreements.expiring(today, 90)) == std::vector<AgreementId>{today_end, in_20, in_30, in_31, tacit_id, in_90});
    CHECK(agreements.expiring(today, 180).size() == 7);
    CHECK(ids(agreements.expiring(today, 180)).back() == in_150);

    const auto rows = agreements.expiring(today, 90);
    const auto tacit_row = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.agreement.id == tacit_id; });
    REQUIRE(tacit_row != rows.end());
    CHECK(tacit_row->ends_on == d("2027-01-09"));
    CHECK(tacit_row->days_left == 41);
    CHECK(tacit_row->renews_tacitly);
    CHECK(tacit_row->notice_by == d("2026-11-10"));
    CHECK(rows.front().days_left == 0);

    // in force: 6 with an end on/after today + open-ended + tacit; not the future or ended ones.
    CHECK(agreements.in_force_on(today).size() == 8);
    CHECK(agreements.count(AgreementFilter{.in_force_on = today}) == 8);
    CHECK_THROWS_AS(agreements.expiring(today, -1), ValidationError);
}

TEST_CASE("expiring with parties only leaves the other parts out and cannot be written back", "[agreements][queries]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& agreements = t.store.agreements();
    const auto today = d("2026-11-29");
    office.in_force(office.jordan, "2022-01-01", "2026-12-19", "Plain, ends in 20 days");
    auto full = office.mou(office.birzeit, "With every part, ends in 40 days");
    full.parties.push_back(Party{office.berlin, {}, d("2022-01-02"), "Rector"});
    full.areas = {Area::Education, Area::Research};
    full.quotas = {student_quota(office.home, office.birzeit), student_quota(office.berlin, office.home)};
    full.documents = {{"Signed agreement", "agreements/2022/full.pdf", std::string(64, 'a')}};
    full.status = AgreementStatus::InForce;
    full.proposed_on = d("2021-12-01");
    for (auto& p : full.parties) p.signed_on = d("2022-01-02");
    full.in_force_from = d("2022-01-02");
    full.valid_until = d("2027-01-08");
    full.notice_days = 30;
    const auto full_id = agreements.add(full);

    const auto whole = agreements.expiring(today, 90);
    const auto light = agreements.expiring(today, 90, AgreementParts::Parties);
    REQUIRE(whole.size() == 2);
    REQUIRE(light.size() == whole.size());
    CHECK(whole[1].agreement.id == full_id);
    CHECK(whole[1].agreement.quotas.size() == 2);
    CHECK(whole[1].agreement.documents.size() == 1);
    for (std::size_t k = 0; k < whole.size(); ++k) {
        // Everything but areas, quota lines and documents, which are left empty.
        auto expected = whole[k];
        expected.agreement.areas.clear();
        expected.agreement.quotas.clear();
        expected.agreement.documents.clear();
        CHECK(light[k].agreement == expected.agreement);
        CHECK(light[k].ends_on == expected.ends_on);
        CHECK(light[k].days_left == expected.days_left);
        CHECK(light[k].renews_tacitly == expected.renews_tacitly);
        CHECK(light[k].notice_by == expected.notice_by);
    }
    CHECK(light[1].agreement.parties.size() == 3);
    CHECK(light[1].notice_by == d("2026-12-09"));

    // update() replaces every part, so a partial agreement is not for writing back. It has no
    // areas, which update() refuses, so it cannot replace the stored parts by mistake.
    check_refused_unchanged(t.store, [&] {
        try {
            agreements.update(light[1].agreement);
            FAIL("update accepted an agreement read with parties only");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "areas");
        }
    });
    CHECK(agreements.get(full_id).quotas.size() == 2);
    CHECK(to_string(AgreementParts::Parties) == "parties");
    CHECK(enum_from_string<AgreementParts>("all") == AgreementParts::All);
}

TEST_CASE("agreements filter by partner, place, scope, kind, status, area and unit", "[agreements][filters]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    auto& agreements = t.store.agreements();
    const auto centre = t.store.units().add(OrgUnit{{}, office.home, {}, UnitKind::ScientificCentre, "Biotechnology Centre", ""});

    auto research = office.mou(office.berlin, "Research with Berlin");
    research.kind = AgreementKind::ResearchCollaboration;
    research.areas = {Area::Research};
    research.parties[0].unit = centre;
    const auto r_id = agreements.add(research);

    auto culture = office.mou(office.jordan, "Culture with Jordan");
    culture.areas = {Area::Culture};
    const auto c_id = agreements.add(culture);

    auto local = office.mou(office.birzeit, "Local exchange");
    local.kind = AgreementKind::StudentExchange;
    local.areas = {Area::StudentExchange};
    const auto l_id = agreements.add(local);
    agreements.transition(l_id, AgreementStatus::InNegotiation, d("2024-02-01"));

    const auto ids = [&](const AgreementFilter& f) {
        std::vector<AgreementId> out;
        for (const auto& a : agreements.find(f)) out.push_back(a.id);
        return out;
    };
    using V = std::vector<AgreementId>;
    CHECK(ids({}) == V{r_id, c_id, l_id});
    CHECK(ids({.partner = office.jordan}) == V{c_id});
    CHECK(ids({.partner = office.home}) == V{r_id, c_id, l_id});
    CHECK(ids({.country = "DE"}) == V{r_id});
    CHECK(ids({.country = "PS"}) == V{l_id});  // the home party does not count as a partner
    CHECK(ids({.region = WorldRegion::Asia}) == V{c_id, l_id});
    CHECK(ids({.scope = Scope::Local}) == V{l_id});
    CHECK(ids({.scope = Scope::Regional}) == V{c_id});
    CHECK(ids({.scope = Scope::International}) == V{r_id});
    CHECK(ids({.kind = AgreementKind::ResearchCollaboration}) == V{r_id});
    CHECK(ids({.status = AgreementStatus::InNegotiation}) == V{l_id});
    CHECK(ids({.area = Area::Culture}) == V{c_id});
    CHECK(ids({.home_unit = centre}) == V{r_id});
    CHECK(ids({.region = WorldRegion::Asia, .kind = AgreementKind::Mou}) == V{c_id});
    CHECK(agreements.count({.area = Area::Research}) == 1);
    CHECK_THROWS_AS(agreements.find({.country = "Germany"}), ValidationError);
}
