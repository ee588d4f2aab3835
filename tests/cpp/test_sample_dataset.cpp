#include "test_support.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

using namespace iro;
using iro::test::TestStore;
using Catch::Matchers::Contains;

namespace {

constexpr Date kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{29}};

std::int64_t quota_lines(const Store& store) {
    std::int64_t n = 0;
    for (const auto& a : store.agreements().find({})) n += static_cast<std::int64_t>(a.quotas.size());
    return n;
}

// The S dataset written without its visits, which the tests then add themselves.
SampleDataset load_all_but_visits(Store& store) {
    auto d = make_sample_dataset(sample_counts(SampleScale::S), 42, kToday);
    store.institutions().add_many(d.institutions);
    store.agreements().add_many(d.agreements);
    store.people().add_many(d.people);
    return d;
}

template <class Fn>
void refused_with_nothing_written(Store& store, Fn&& fn) {
    const auto before = store.logical_dump();
    fn();
    CHECK(store.logical_dump() == before);
}

} // namespace

TEST_CASE("sample dataset sizes follow the national scale", "[sample][dataset]") {
    const auto l = sample_counts(SampleScale::L);
    CHECK(l == SampleCounts{150'000, 20'000, 60'000, 300'000, 200'000, 1'000'000});
    const auto m = sample_counts(SampleScale::M);
    CHECK(m == SampleCounts{15'000, 2'000, 6'000, 30'000, 20'000, 100'000});
    CHECK(sample_counts(SampleScale::S).agreements == 200);
    CHECK(enum_from_string<SampleScale>("L") == SampleScale::L);
    CHECK_THROWS_AS(enum_from_string<SampleScale>("XL"), ValidationError);
}

TEST_CASE("a sample dataset is deterministic and loads whole through add_many", "[sample][dataset]") {
    const auto counts = sample_counts(SampleScale::S);
    const auto a = make_sample_dataset(counts, 7, kToday);
    const auto b = make_sample_dataset(counts, 7, kToday);
    CHECK(a.institutions == b.institutions);
    CHECK(a.agreements == b.agreements);
    CHECK(a.visits == b.visits);
    CHECK(make_sample_dataset(counts, 8, kToday).visits != a.visits);

    TestStore t(GENERATE(false, true));
    load_sample_dataset(t.store, a);
    CHECK(t.store.institutions().count(InstitutionFilter{.include_home = true}) == counts.institutions);
    CHECK(t.store.agreements().count() == counts.agreements);
    CHECK(quota_lines(t.store) == counts.quota_lines);
    CHECK(t.store.people().count() == counts.people);
    CHECK(t.store.activities().count() == counts.activities);
    CHECK(t.store.visits().count() == counts.visits);
    CHECK(t.store.institutions().get(InstitutionId{1}).is_home);
    // Some agreements end within 90 days of today, as the expiring measure needs.
    CHECK_FALSE(t.store.agreements().expiring(kToday, 90).empty());

    // One audit entry per add_many, naming the count and the id range.
    const auto audit = t.store.audit().latest(10);
    REQUIRE(audit.size() == 5);
    for (const auto& entry : audit) CHECK(entry.action == "add_many");
    const auto visits = std::find_if(audit.begin(), audit.end(), [](const AuditEntry& e) { return e.entity == "visit"; });
    REQUIRE(visits != audit.end());
    const auto summary = nlohmann::json::parse(visits->after);
    CHECK(summary.at("count") == counts.visits);
    CHECK(summary.at("first_id") == 1);
    CHECK(summary.at("last_id") == counts.visits);
    CHECK(visits->entity_id == 1);
}

TEST_CASE("a sample dataset loads only into an empty store", "[sample][dataset]") {
    auto store = Store::open(":memory:");
    Institution somewhere;
    somewhere.names = {Name{"Somewhere", "en", NameKind::Display}};
    somewhere.country = "JO";
    store.institutions().add(somewhere);
    refused_with_nothing_written(store, [&] {
        CHECK_THROWS_AS(load_sample_dataset(store, make_sample_dataset(sample_counts(SampleScale::S), 42, kToday)), ConflictError);
    });
}

TEST_CASE("a sample dataset whose ids would not follow its order is refused whole", "[sample][dataset]") {
    // No institution yet, but a person: the dataset's people would not get ids 1, 2, ...
    auto store = Store::open(":memory:");
    Person someone;
    someone.given_name = "Only";
    someone.family_name = "Person";
    store.people().add(someone);
    refused_with_nothing_written(store, [&] {
        CHECK_THROWS_WITH(load_sample_dataset(store, make_sample_dataset(sample_counts(SampleScale::S), 42, kToday)),
                          Contains("person 0 got id 2") && Contains("must be empty"));
    });
}

TEST_CASE("sample dataset counts out of range are refused", "[sample][dataset]") {
    auto counts = sample_counts(SampleScale::S);
    counts.institutions = 1;
    CHECK_THROWS_WITH(make_sample_dataset(counts), Contains("institutions") && Contains("from 2"));
    counts = sample_counts(SampleScale::S);
    counts.quota_lines = 3 * counts.agreements + 1;
    CHECK_THROWS_AS(make_sample_dataset(counts), ValidationError);
    counts = sample_counts(SampleScale::S);
    counts.visits = 20 * counts.people + 1;
    CHECK_THROWS_WITH(make_sample_dataset(counts), Contains("visits"));
}

// A batch of 1,000 visits or more is checked against the store in bulk; every refusal must be
// the one a row-by-row add gives, and nothing may be written.
TEST_CASE("bulk visit checks refuse what single adds refuse, naming the row", "[visits][bulk]") {
    for (const std::size_t size : {std::size_t{10}, std::size_t{1000}}) {
        INFO("batch of " << size);
        auto store = Store::open(":memory:");
        const auto d = load_all_but_visits(store);
        REQUIRE(d.visits.size() >= size);
        const std::vector<Visit> good(d.visits.begin(), d.visits.begin() + static_cast<std::ptrdiff_t>(size));
        const std::size_t k = size / 2;

        auto rows = good;
        rows[k].person = PersonId{9'999'999};
        refused_with_nothing_written(store, [&] { CHECK_THROWS_AS(store.visits().add_many(rows), NotFoundError); });

        rows = good;
        rows[k].direction = rows[k].direction == VisitDirection::Incoming ? VisitDirection::Outgoing : VisitDirection::Incoming;
        refused_with_nothing_written(store, [&] {
            try {
                store.visits().add_many(rows);
                FAIL("accepted a visit going the wrong way");
            } catch (const ValidationError& e) {
                CHECK_THAT(std::string(e.field()), Contains(fmt::format("visits[{}].", k)));
            }
        });

        // An agreement the partner is not party to.
        rows = good;
        const auto partner = rows[k].direction == VisitDirection::Incoming ? rows[k].home_institution : rows[k].host_institution;
        const auto other = std::find_if(d.agreements.begin(), d.agreements.end(), [&](const Agreement& a) {
            return std::none_of(a.parties.begin(), a.parties.end(), [&](const Party& p) { return p.institution == partner; });
        });
        REQUIRE(other != d.agreements.end());
        rows[k].agreement = AgreementId{other - d.agreements.begin() + 1};
        rows[k].mobility_type = MobilityType::StaffTeaching;
        refused_with_nothing_written(store, [&] {
            try {
                store.visits().add_many(rows);
                FAIL("accepted an agreement without the partner");
            } catch (const ValidationError& e) {
                CHECK(e.field() == fmt::format("visits[{}].agreement", k));
                CHECK_THAT(e.what(), Contains("is a party"));
            }
        });

        // Two committed visits of one person at the same time, both in the batch.
        rows = good;
        rows[k + 1] = rows[k];
        rows[k].status = VisitStatus::Confirmed;
        rows[k + 1].status = VisitStatus::Confirmed;
        refused_with_nothing_written(store, [&] {
            CHECK_THROWS_WITH(store.visits().add_many(rows), Contains("overlaps") && Contains("two places at once"));
        });

        // The good rows go in, and a committed visit overlapping a stored one is refused.
        const auto ids = store.visits().add_many(good);
        REQUIRE(ids.size() == size);
        CHECK(store.visits().get(ids[k]).person == good[k].person);
        auto again = good;
        for (auto& v : again) v.status = VisitStatus::Confirmed;
        const auto committed = std::find_if(good.begin(), good.end(), [](const Visit& v) { return is_committed(v.status); });
        REQUIRE(committed != good.end());
        refused_with_nothing_written(store, [&] { CHECK_THROWS_WITH(store.visits().add_many(again), Contains("overlaps")); });
    }
}

TEST_CASE("bulk adds of people and activities name a missing reference and write nothing", "[bulk]") {
    auto store = Store::open(":memory:");
    auto d = load_all_but_visits(store);
    auto people = std::vector<Person>(d.people.begin(), d.people.begin() + 20);
    people[5].affiliation = InstitutionId{9'999'999};
    refused_with_nothing_written(store, [&] { CHECK_THROWS_WITH(store.people().add_many(people), Contains("9999999")); });

    auto activities = d.activities;
    activities[3].people = {PersonId{8'888'888}};
    refused_with_nothing_written(store, [&] {
        CHECK_THROWS_AS(store.activities().add_many(activities), NotFoundError);
    });
    activities = d.activities;
    activities[4].agreement = AgreementId{7'777'777};
    refused_with_nothing_written(store, [&] { CHECK_THROWS_WITH(store.activities().add_many(activities), Contains("7777777")); });
    CHECK(store.activities().add_many(d.activities).size() == d.activities.size());
}

// dormant_agreements and unused_agreements narrow in SQL before they read agreements; the
// answer must equal the definition applied to every agreement through the public API.
TEST_CASE("agreement usage on a generated dataset equals the definition checked agreement by agreement", "[sample][dataset][usage]") {
    auto store = Store::open(":memory:");
    load_sample_dataset(store, make_sample_dataset(sample_counts(SampleScale::S), 7, kToday));
    std::map<std::int64_t, Date> last;  // the latest use up to kToday, by agreement
    const auto use = [&](const std::optional<AgreementId>& agreement, Date start) {
        if (!agreement || kToday < start) return;
        auto [it, added] = last.emplace(agreement->value(), start);
        if (!added && it->second < start) it->second = start;
    };
    for (const auto& a : store.activities().find({})) use(a.agreement, a.start);
    std::size_t cancelled = 0;
    for (const auto& v : store.visits().find({})) {
        if (v.status == VisitStatus::Cancelled) {
            ++cancelled;
            continue;
        }
        use(v.agreement, v.start);
    }
    REQUIRE(cancelled > 0);

    for (int months : {1, 6, 12, 36}) {
        INFO(months);
        std::vector<std::pair<std::int64_t, std::optional<Date>>> expected_dormant, got_dormant;
        const auto since = add_months(kToday, -months);
        for (const auto& a : store.agreements().in_force_on(kToday)) {
            const auto it = last.find(a.id.value());
            const std::optional<Date> used = it == last.end() ? std::nullopt : std::optional<Date>(it->second);
            if (!used || *used < since) expected_dormant.emplace_back(a.id.value(), used);
        }
        for (const auto& u : dormant_agreements(store, kToday, months)) {
            got_dormant.emplace_back(u.agreement.id.value(), u.last_used);
            // Returned whole: the parts are read for the agreements kept.
            CHECK(u.agreement == store.agreements().get(u.agreement.id));
        }
        REQUIRE_FALSE(expected_dormant.empty());
        CHECK(got_dormant == expected_dormant);
    }

    std::vector<std::int64_t> expected_unused, got_unused;
    for (const auto& a : store.agreements().in_force_on(kToday)) {
        const auto it = last.find(a.id.value());
        if (it == last.end() || it->second < *a.in_force_from) expected_unused.push_back(a.id.value());
    }
    for (const auto& u : unused_agreements(store, kToday)) got_unused.push_back(u.agreement.id.value());
    REQUIRE_FALSE(expected_unused.empty());
    CHECK(got_unused == expected_unused);
    // Counting agreements in force reads no parts, and agrees with the list.
    AgreementFilter in_force;
    in_force.in_force_on = kToday;
    CHECK(store.agreements().count(in_force) == static_cast<std::int64_t>(store.agreements().in_force_on(kToday).size()));
}

TEST_CASE("visits come back whole, by start date then id, for every filter", "[sample][dataset][visits]") {
    auto store = Store::open(":memory:");
    load_sample_dataset(store, make_sample_dataset(sample_counts(SampleScale::S), 11, kToday));
    const auto before = [](const Visit& a, const Visit& b) {
        return a.start != b.start ? a.start < b.start : a.id.value() < b.id.value();
    };
    const auto all = store.visits().find({});
    REQUIRE(static_cast<std::int64_t>(all.size()) == store.visits().count({}));
    REQUIRE(all.size() == 1'000);
    // The generator's ids do not follow start dates, so the order is made, not found.
    auto by_id = all;
    std::sort(by_id.begin(), by_id.end(), [](const Visit& a, const Visit& b) { return a.id.value() < b.id.value(); });
    REQUIRE_FALSE(std::is_sorted(by_id.begin(), by_id.end(), before));
    CHECK(std::adjacent_find(all.begin(), all.end(), [&](const Visit& a, const Visit& b) { return !before(a, b); }) == all.end());
    for (std::size_t k = 0; k < all.size(); k += 7) CHECK(all[k] == store.visits().get(all[k].id));

    // A filter keeps the same order: the matching subsequence of the whole list.
    const auto subsequence = [&](auto keep) {
        std::vector<Visit> out;
        std::copy_if(all.begin(), all.end(), std::back_inserter(out), keep);
        return out;
    };
    const int year = static_cast<int>(all[all.size() / 2].start.year());
    const auto partner = all.front().direction == VisitDirection::Incoming ? all.front().home_institution : all.front().host_institution;
    const auto in_year = subsequence([&](const Visit& v) { return static_cast<int>(v.start.year()) == year; });
    const auto with_partner = subsequence([&](const Visit& v) { return v.home_institution == partner || v.host_institution == partner; });
    const auto outgoing = subsequence([](const Visit& v) { return v.direction == VisitDirection::Outgoing; });
    REQUIRE(in_year.size() > 1);
    REQUIRE_FALSE(outgoing.empty());
    CHECK(store.visits().find({.year = year}) == in_year);
    CHECK(store.visits().find({.institution = partner}) == with_partner);
    CHECK(store.visits().find({.direction = VisitDirection::Outgoing}) == outgoing);

    // Activities keep the same order, with their parts.
    const auto activities = store.activities().find({});
    REQUIRE(static_cast<std::int64_t>(activities.size()) == store.activities().count({}));
    const auto activity_before = [](const Activity& a, const Activity& b) {
        return a.start != b.start ? a.start < b.start : a.id.value() < b.id.value();
    };
    CHECK(std::adjacent_find(activities.begin(), activities.end(), [&](const Activity& a, const Activity& b) { return !activity_before(a, b); }) ==
          activities.end());
    for (std::size_t k = 0; k < activities.size(); k += 5) CHECK(activities[k] == store.activities().get(activities[k].id));
    const int activity_year = static_cast<int>(activities[activities.size() / 2].start.year());
    std::vector<Activity> activities_in_year;
    std::copy_if(activities.begin(), activities.end(), std::back_inserter(activities_in_year),
                 [&](const Activity& a) { return static_cast<int>(a.start.year()) == activity_year; });
    REQUIRE(activities_in_year.size() > 1);
    CHECK(store.activities().find({.year = activity_year}) == activities_in_year);
}

TEST_CASE("quota use, mobility balance and the KPI quota sums equal their definitions on a generated dataset", "[sample][dataset][quota]") {
    auto store = Store::open(":memory:");
    load_sample_dataset(store, make_sample_dataset(sample_counts(SampleScale::S), 5, kToday));
    const auto visits = store.visits().find({});
    const auto agreements = store.agreements().find({});

    // Quota use, visit by visit: same agreement, sending -> receiving, type and academic year.
    const auto used_by_definition = [&](const Agreement& a, const MobilityQuota& q, int year) {
        std::int64_t n = 0;
        for (const auto& v : visits)
            if (v.agreement == a.id && v.status != VisitStatus::Cancelled && v.mobility_type == q.type &&
                v.home_institution == q.sending && v.host_institution == q.receiving && academic_year_of(v.start).start_year == year)
                ++n;
        return n;
    };
    std::vector<QuotaUse> expected;
    for (const auto& a : agreements) {
        std::vector<std::pair<int, std::size_t>> lines;  // academic year, line: the order of the result
        for (std::size_t k = 0; k < a.quotas.size(); ++k)
            for (const auto& y : a.quotas[k].academic_years) lines.emplace_back(y.start_year, k);
        std::sort(lines.begin(), lines.end());
        for (const auto& [year, k] : lines) {
            const auto& q = a.quotas[k];
            expected.push_back(QuotaUse{a.id, a.title, AcademicYear{year}, q.sending, q.receiving, q.type,
                                        used_by_definition(a, q, year), q.mobilities_per_year});
        }
    }
    const auto got = quota_utilisation(store);
    REQUIRE(got.size() == expected.size());
    REQUIRE(std::count_if(got.begin(), got.end(), [](const QuotaUse& u) { return u.used > 0; }) > 10);
    CHECK(got == expected);

    // The filters keep the matching lines, in the same order.
    const auto busiest = std::max_element(got.begin(), got.end(), [](const QuotaUse& x, const QuotaUse& y) { return x.used < y.used; });
    std::vector<QuotaUse> of_agreement, of_year;
    std::copy_if(expected.begin(), expected.end(), std::back_inserter(of_agreement), [&](const QuotaUse& u) { return u.agreement == busiest->agreement; });
    std::copy_if(expected.begin(), expected.end(), std::back_inserter(of_year), [&](const QuotaUse& u) { return u.academic_year == busiest->academic_year; });
    CHECK(quota_utilisation(store, busiest->agreement) == of_agreement);
    CHECK(quota_utilisation(store, std::nullopt, busiest->academic_year) == of_year);
    std::vector<QuotaUse> of_both;
    std::copy_if(of_agreement.begin(), of_agreement.end(), std::back_inserter(of_both), [&](const QuotaUse& u) { return u.academic_year == busiest->academic_year; });
    REQUIRE_FALSE(of_both.empty());
    CHECK(quota_utilisation(store, busiest->agreement, busiest->academic_year) == of_both);

    // The KPI set sums the lines of every academic year its period touches.
    const int kpi_year = static_cast<int>(busiest->academic_year.start_year) + 1;
    std::int64_t allowed = 0, used = 0;
    for (const auto& u : expected)
        if (u.academic_year.start_year >= kpi_year - 1 && u.academic_year.start_year <= kpi_year) allowed += u.allowed, used += u.used;
    const auto kpis = compute_kpis(store, kpi_year);
    REQUIRE(used > 0);
    CHECK(kpis.quota_allowed == allowed);
    CHECK(kpis.quota_used == used);

    // Mobility balance: each partner's incoming and outgoing visits in the period, by partner id.
    const Date from = add_months(kToday, -24);
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> counts;
    for (const auto& v : visits) {
        if (v.status == VisitStatus::Cancelled || v.start < from || kToday < v.start) continue;
        const bool incoming = v.direction == VisitDirection::Incoming;
        auto& c = counts[(incoming ? v.home_institution : v.host_institution).value()];
        ++(incoming ? c.first : c.second);
    }
    std::vector<MobilityBalance> balance;
    for (const auto& [partner, c] : counts) {
        const auto i = store.institutions().get(InstitutionId{partner});
        balance.push_back(MobilityBalance{i.id, i.display_name(), i.country, c.first, c.second});
    }
    REQUIRE(balance.size() > 10);
    CHECK(mobility_balance(store, from, kToday) == balance);
}
