#include <catch2/catch.hpp>

#include "iro/agreement_usage.hpp"
#include "iro/error.hpp"
#include "iro/kpis.hpp"
#include "iro/mobility_stats.hpp"
#include "iro/office_report.hpp"
#include "iro/sample_data.hpp"
#include "iro/store.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using iro::AgreementFilter;

namespace {

const iro::Date kToday = iro::parse_date("2026-03-15");

iro::Store sample_office() {
    auto store = iro::Store::open(":memory:");
    iro::SampleOptions options;
    options.today = kToday;
    iro::generate_sample_data(store, options);
    return store;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The lines of one section: from its heading to the next heading (a line followed by dashes).
std::vector<std::string> section(const std::string& report, std::string_view heading) {
    const auto lines = lines_of(report);
    std::vector<std::string> out;
    for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
        if (lines[k] != heading || !lines[k + 1].starts_with("---")) continue;
        for (std::size_t j = k + 2; j < lines.size(); ++j) {
            if (j + 1 < lines.size() && !lines[j].empty() && lines[j][0] != ' ' && lines[j + 1].starts_with("---")) break;
            out.push_back(lines[j]);
        }
        return out;
    }
    FAIL("no section '" << heading << "' in the report");
    return out;
}

// The numbers at the end of the row whose first cell is `label`.
std::vector<std::int64_t> row(const std::vector<std::string>& lines, std::string_view label) {
    for (const auto& line : lines) {
        std::istringstream in(line);
        std::string first;
        in >> first;
        if (first != label) continue;
        std::vector<std::int64_t> numbers;
        for (std::string word; in >> word;)
            if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }))
                numbers.push_back(std::stoll(word));
        return numbers;
    }
    FAIL("no row '" << label << "'");
    return {};
}

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Terminal columns of UTF-8 text without wide characters: one per code point.
std::size_t columns(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !continuation_byte(c); }));
}

// The text of a line from a terminal column on.
std::string from_column(const std::string& line, std::size_t column) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (continuation_byte(line[i])) continue;
        if (seen++ == column) return line.substr(i);
    }
    return {};
}

} // namespace

TEST_CASE("office summary: the numbers equal what the API counts", "[report]") {
    const auto store = sample_office();
    const auto& agreements = store.agreements();
    const auto s = iro::summarize(store, kToday);

    CHECK(s.on == kToday);
    REQUIRE(s.home);
    CHECK(s.home->display_name() == "Palestine Polytechnic University");
    CHECK(s.home_units.at(iro::UnitKind::Faculty) == 5);
    CHECK(s.home_units.at(iro::UnitKind::Office) == 1);
    CHECK(s.home_contacts == static_cast<std::int64_t>(store.contacts().of(s.home->id).size()));

    CHECK(s.agreements == agreements.count());
    CHECK(s.in_force == static_cast<std::int64_t>(agreements.in_force_on(kToday).size()));
    CHECK(s.in_force_list.size() == static_cast<std::size_t>(s.in_force));
    for (const auto& [status, n] : s.by_status) {
        INFO(iro::to_string(status));
        AgreementFilter f;
        f.status = status;
        CHECK(n == agreements.count(f));
    }
    std::int64_t kinds = 0;
    for (const auto& [kind, t] : s.by_kind) {
        INFO(iro::to_string(kind));
        AgreementFilter f;
        f.kind = kind;
        CHECK(t.all == agreements.count(f));
        f.in_force_on = kToday;
        CHECK(t.in_force == agreements.count(f));
        kinds += t.all;
    }
    CHECK(kinds == s.agreements);
    // "Counts once in each region it touches" is the same question as the API's region filter.
    for (const auto& [region, t] : s.by_region) {
        INFO(iro::to_string(region));
        AgreementFilter f;
        f.region = region;
        CHECK(t.all == agreements.count(f));
        f.in_force_on = kToday;
        CHECK(t.in_force == agreements.count(f));
    }
    for (const auto& [area, t] : s.by_area) {
        INFO(iro::to_string(area));
        AgreementFilter f;
        f.area = area;
        CHECK(t.all == agreements.count(f));
    }
    for (std::size_t b = 0; b < iro::kExpiringBands.size(); ++b)
        CHECK(s.expiring_within[b] == static_cast<std::int64_t>(agreements.expiring(kToday, iro::kExpiringBands[b]).size()));
    CHECK(s.expiring.size() == static_cast<std::size_t>(s.expiring_within.back()));
    // Expiring lines are built from parties-only reads; their partners match the lines of the
    // same agreements read whole for the in-force list.
    REQUIRE_FALSE(s.expiring.empty());
    for (const auto& line : s.expiring) {
        const auto whole = std::find_if(s.in_force_list.begin(), s.in_force_list.end(),
                                        [&](const iro::AgreementLine& l) { return l.id == line.id; });
        REQUIRE(whole != s.in_force_list.end());
        CHECK_FALSE(line.partners.empty());
        CHECK(line.partners == whole->partners);
    }
    CHECK(std::is_sorted(s.expiring.begin(), s.expiring.end(),
                         [](const iro::AgreementLine& x, const iro::AgreementLine& y) { return x.days_left < y.days_left; }));

    CHECK(s.partners == store.institutions().count());
    std::int64_t scoped = 0;
    for (const auto& [scope, n] : s.partners_by_scope) {
        iro::InstitutionFilter f;
        f.scope = scope;
        CHECK(n == store.institutions().count(f));
        scoped += n;
    }
    CHECK(scoped == s.partners);
    std::int64_t by_country = 0;
    for (const auto& c : s.partners_by_country) by_country += c.partners;
    CHECK(by_country == s.partners);
    CHECK(std::is_sorted(s.partners_by_country.begin(), s.partners_by_country.end(),
                         [](const iro::CountryCount& x, const iro::CountryCount& y) { return x.partners > y.partners; }));

    REQUIRE(s.latest_audit.size() == 10);
    CHECK(s.latest_audit == store.audit().latest(10));
}

TEST_CASE("office report: every section, the home institution and the same numbers", "[report]") {
    const auto store = sample_office();
    const auto& agreements = store.agreements();
    const auto report = iro::office_report(store, kToday);

    for (const char* heading : {"Home institution", "Agreements by status", "Agreements by kind",
                                "Agreements by world region of partner", "Agreements by area of cooperation",
                                "Agreements in force on 2026-03-15", "Agreements expiring within 180 days", "Partners by scope",
                                "Latest audit-log entries (10)"}) {
        INFO(heading);
        CHECK_FALSE(section(report, heading).empty());
    }
    CHECK_THAT(report, Catch::Contains("Partners by country (top 10 of "));
    CHECK_THAT(report, Catch::Contains("Palestine Polytechnic University"));
    CHECK_THAT(report, Catch::Contains("جامعة بوليتكنك فلسطين"));
    CHECK_THAT(report, Catch::Contains("renews tacitly"));
    CHECK_THAT(report, Catch::Contains("notice by "));

    AgreementFilter in_force;
    in_force.status = iro::AgreementStatus::InForce;
    CHECK(row(section(report, "Agreements by status"), "in_force") == std::vector<std::int64_t>{agreements.count(in_force)});
    CHECK(row(section(report, "Agreements by status"), "total") == std::vector<std::int64_t>{agreements.count()});

    AgreementFilter mou;
    mou.kind = iro::AgreementKind::Mou;
    const auto all_mou = agreements.count(mou);
    mou.in_force_on = kToday;
    CHECK(row(section(report, "Agreements by kind"), "mou") == std::vector<std::int64_t>{all_mou, agreements.count(mou)});

    const auto in_force_lines = section(report, "Agreements in force on 2026-03-15");
    const auto in_force_now = static_cast<std::int64_t>(agreements.in_force_on(kToday).size());
    REQUIRE_FALSE(in_force_lines.empty());
    CHECK(in_force_lines.front().starts_with("  " + std::to_string(in_force_now) + " in force ("));

    const auto expiring = section(report, "Agreements expiring within 180 days");
    const std::string bands = "  Expiring within 30 / 90 / 180 days: " + std::to_string(agreements.expiring(kToday, 30).size()) +
                              " / " + std::to_string(agreements.expiring(kToday, 90).size()) + " / " +
                              std::to_string(agreements.expiring(kToday, 180).size());
    CHECK(expiring.front() == bands);
    // Each expiring agreement is listed once, with its reference.
    for (const auto& e : agreements.expiring(kToday, 180)) {
        INFO(e.agreement.reference);
        CHECK(std::count_if(expiring.begin(), expiring.end(),
                            [&](const std::string& l) { return l.find(" " + e.agreement.reference + " ") != std::string::npos; }) == 1);
    }

    iro::InstitutionFilter local;
    local.scope = iro::Scope::Local;
    CHECK(row(section(report, "Partners by scope"), "local") == std::vector<std::int64_t>{store.institutions().count(local)});
    CHECK(row(section(report, "Partners by scope"), "total") == std::vector<std::int64_t>{store.institutions().count()});

    const auto latest = store.audit().latest(1).front();
    CHECK_THAT(report, Catch::Contains(latest.at));
}

TEST_CASE("office report: columns line up and long text is cut", "[report]") {
    const auto store = sample_office();
    iro::ReportOptions options;
    options.column_width = 20;
    const auto report = iro::office_report(store, kToday, options);
    // Every row of a table is as wide as its rule line (right-aligned numbers end with it).
    const auto kinds = section(report, "Agreements by kind");
    const auto rule = std::find_if(kinds.begin(), kinds.end(), [](const std::string& l) { return l.starts_with("  ---"); });
    REQUIRE(rule != kinds.end());
    for (auto it = rule + 1; it != kinds.end() && !it->empty(); ++it) CHECK(columns(*it) == columns(*rule));

    const auto in_force = section(report, "Agreements in force on 2026-03-15");
    const auto header = std::find_if(in_force.begin(), in_force.end(), [](const std::string& l) { return l.starts_with("  reference"); });
    REQUIRE(header != in_force.end());
    const auto partners_at = columns(header->substr(0, header->find("partners")));
    const auto until_at = columns(header->substr(0, header->find("valid until")));
    CHECK(until_at - partners_at == 22);  // 20 columns of partner names and two spaces
    int cut = 0;
    for (auto it = header + 2; it != in_force.end() && !it->empty(); ++it) {
        INFO(*it);
        // The "valid until" column starts at the same place on every row, after two spaces.
        const auto cell = from_column(*it, until_at);
        CHECK((cell.starts_with("20") || cell.starts_with("open-ended")));
        CHECK(from_column(*it, until_at - 2).starts_with("  "));
        if (it->find("…") != std::string::npos) ++cut;
    }
    CHECK(cut > 0);
}

TEST_CASE("office report: an empty store and a store without agreements", "[report]") {
    auto store = iro::Store::open(":memory:");
    const auto empty = iro::summarize(store, kToday);
    CHECK_FALSE(empty.home);
    CHECK(empty.agreements == 0);
    CHECK(empty.partners_by_scope.at(iro::Scope::International) == 0);
    const auto report = iro::office_report(store, kToday);
    CHECK_THAT(report, Catch::Contains("No home institution is recorded yet."));
    CHECK(row(section(report, "Agreements by status"), "total") == std::vector<std::int64_t>{0});
    // The daily-work sections are there, with nothing in them.
    CHECK(section(report, "Dormant agreements (no use in 12 months)").front() ==
          "  0 of 0 agreements in force have had no activity or visit since 2025-03-15");
    CHECK(section(report, "Calls open on 2026-03-15").front() == "  0 open: 0 for students, 0 for faculty, 0 for administrative staff");
    CHECK(row(section(report, "Visits in 2026"), "incoming") == std::vector<std::int64_t>{0, 0, 0});
    const auto professors = section(report, "Visiting professors by country, 2026");
    CHECK(std::find(professors.begin(), professors.end(), "  none") != professors.end());
    CHECK(row(section(report, "Key performance indicators, 2026"), "new") == std::vector<std::int64_t>{0});
    CHECK(empty.quota_use.empty());
    CHECK(empty.mobility_balance.empty());
    CHECK(section(report, "Latest audit-log entries (0)").front() == "  none");

    iro::Institution home;
    home.names = {{"Home University", "en", iro::NameKind::Display}};
    home.country = "JO";
    home.is_home = true;
    store.institutions().add(home);
    iro::Institution partner;
    partner.names = {{"Partner University", "en", iro::NameKind::Display}};
    partner.country = "EG";
    store.institutions().add(partner);
    const auto s = iro::summarize(store, kToday);
    CHECK(s.partners_by_scope.at(iro::Scope::Regional) == 1);
    CHECK(s.partners_by_country == std::vector<iro::CountryCount>{{"EG", "Egypt", 1}});
    CHECK_THAT(iro::format_office_report(s), Catch::Contains("Home University"));
}

TEST_CASE("office report: bad options and dates are refused", "[report]") {
    const auto store = iro::Store::open(":memory:");
    const auto refused = [&](const iro::ReportOptions& o, const std::string& field) {
        try {
            iro::office_report(store, kToday, o);
            FAIL("accepted a bad " << field);
        } catch (const iro::ValidationError& e) {
            CHECK(e.field() == field);
        }
    };
    iro::ReportOptions o;
    o.audit_entries = -1;
    refused(o, "audit_entries");
    o = {};
    o.top_countries = 0;
    refused(o, "top_countries");
    o = {};
    o.column_width = 3;
    refused(o, "column_width");
    o = {};
    o.short_lists = 0;
    refused(o, "short_lists");
    const iro::Date impossible{std::chrono::year{2026}, std::chrono::month{2}, std::chrono::day{30}};
    CHECK_THROWS_AS(iro::summarize(store, impossible), iro::ValidationError);
}

namespace {

// Calls open on the day for any student level, each once.
std::set<iro::CallId> open_for_students(const iro::Store& store, iro::Date on) {
    std::set<iro::CallId> out;
    for (auto level : {iro::Audience::Undergraduate, iro::Audience::Master, iro::Audience::Doctoral})
        for (const auto& c : store.programs().open_calls(on, level)) out.insert(c.id);
    return out;
}

// Lines of a section that mention `text` as a whole cell (two spaces or the line's end around it).
std::size_t lines_with(const std::vector<std::string>& lines, const std::string& text) {
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
        const auto at = l.find(" " + text);
        if (at == std::string::npos) return false;
        const auto after = at + 1 + text.size();
        return after == l.size() || l[after] == ' ';
    }));
}

} // namespace

TEST_CASE("office summary: the daily work equals what the API computes", "[report]") {
    const auto store = sample_office();
    const auto s = iro::summarize(store, kToday);

    const auto dormant = iro::dormant_agreements(store, kToday, 12);
    REQUIRE(s.dormant.size() == dormant.size());
    REQUIRE_FALSE(s.dormant.empty());
    for (const auto& u : dormant) {
        const auto it = std::find_if(s.dormant.begin(), s.dormant.end(), [&](const iro::UsageLine& l) { return l.id == u.agreement.id; });
        REQUIRE(it != s.dormant.end());
        CHECK(it->last_used == u.last_used);
        CHECK(it->reference == u.agreement.reference);
    }
    // Never used first, then the longest unused.
    CHECK(std::is_sorted(s.dormant.begin(), s.dormant.end(), [](const iro::UsageLine& x, const iro::UsageLine& y) {
        return std::make_pair(x.last_used.has_value(), x.last_used.value_or(iro::Date{})) <
               std::make_pair(y.last_used.has_value(), y.last_used.value_or(iro::Date{}));
    }));
    CHECK(s.never_used.size() == iro::unused_agreements(store, kToday).size());
    CHECK_FALSE(s.never_used.empty());

    CHECK(s.open_calls.size() == store.programs().open_calls(kToday).size());
    CHECK(s.deadlines.size() == store.programs().upcoming_deadlines(kToday, 30).size());
    for (const auto& c : s.open_calls) {
        CHECK(c.opens_on <= kToday);
        CHECK(kToday <= c.deadline);
        CHECK(c.days_left == iro::days_between(kToday, c.deadline));
        CHECK_FALSE(c.program_name.empty());
        CHECK_FALSE(c.audiences.empty());
    }

    // Visits, counted by hand.
    std::map<iro::VisitDirection, iro::VisitTally> visits{{iro::VisitDirection::Incoming, {}}, {iro::VisitDirection::Outgoing, {}}};
    for (const auto& v : store.visits().find()) {
        if (v.status == iro::VisitStatus::Cancelled) continue;
        if (v.start.year() == kToday.year()) {
            ++visits[v.direction].this_year;
            if (v.start <= kToday) ++visits[v.direction].started;
        }
        if (v.start <= kToday && kToday <= v.end) ++visits[v.direction].ongoing;
    }
    CHECK(s.visits == visits);
    CHECK(static_cast<std::int64_t>(s.ongoing_visits.size()) == visits[iro::VisitDirection::Incoming].ongoing + visits[iro::VisitDirection::Outgoing].ongoing);

    std::int64_t professors = 0;
    for (const auto& c : s.visiting_professors) professors += c.visits;
    CHECK(professors == iro::compute_kpis(store, 2026).visiting_professors);

    // Quota lines of the agreements in force, highest share first.
    std::set<iro::AgreementId> in_force;
    for (const auto& a : store.agreements().in_force_on(kToday)) in_force.insert(a.id);
    std::size_t lines = 0;
    for (const auto& q : iro::quota_utilisation(store, std::nullopt, iro::academic_year_of(kToday)))
        if (in_force.contains(q.agreement)) ++lines;
    CHECK(s.quota_year == iro::academic_year_of(kToday));
    CHECK(s.quota_use.size() == lines);
    CHECK(std::is_sorted(s.quota_use.begin(), s.quota_use.end(), [](const iro::QuotaLine& x, const iro::QuotaLine& y) { return x.share > y.share; }));
    CHECK(std::any_of(s.quota_use.begin(), s.quota_use.end(), [](const iro::QuotaLine& q) { return q.used > 0; }));

    CHECK(s.balance_from == iro::add_months(kToday, -12));
    CHECK(s.mobility_balance.size() == iro::mobility_balance(store, s.balance_from, kToday).size());
    CHECK(std::is_sorted(s.mobility_balance.begin(), s.mobility_balance.end(),
                         [](const iro::BalanceLine& x, const iro::BalanceLine& y) { return x.total() > y.total(); }));

    const auto kpis = iro::compute_kpis(store, iro::parse_date("2026-01-01"), kToday);
    CHECK(s.kpis.year == 2026);
    CHECK(s.kpis.kpis.new_agreements == kpis.new_agreements);
    CHECK(s.kpis.kpis.applications == kpis.applications);
    CHECK(s.kpis.kpis.quota_used == kpis.quota_used);
    // The same store gives the same summary; a changed KPI makes it differ.
    auto again = iro::summarize(store, kToday);
    again.latest_audit = s.latest_audit;
    CHECK(again == s);
    again.kpis.kpis.dormant_share += 0.5;
    CHECK_FALSE(again == s);
}

TEST_CASE("office report: the daily-work sections show the API's numbers", "[report]") {
    const auto store = sample_office();
    const auto report = iro::office_report(store, kToday);

    for (const char* heading : {"Dormant agreements (no use in 12 months)", "Agreements never used since entry into force",
                                "Calls open on 2026-03-15", "Call deadlines within 30 days", "Visits in 2026",
                                "Visiting professors by country, 2026", "Mobility quota use, academic year 2025/2026",
                                "Mobility balance by partner, 2025-03-15 to 2026-03-15", "Key performance indicators, 2026"}) {
        INFO(heading);
        CHECK_FALSE(section(report, heading).empty());
    }

    const auto in_force = store.agreements().in_force_on(kToday).size();
    const auto dormant = iro::dormant_agreements(store, kToday, 12);
    const auto dormant_lines = section(report, "Dormant agreements (no use in 12 months)");
    CHECK(dormant_lines.front() == "  " + std::to_string(dormant.size()) + " of " + std::to_string(in_force) +
                                       " agreements in force have had no activity or visit since 2025-03-15");
    // Each dormant agreement once, with its last use or "never".
    for (const auto& u : dormant) {
        INFO(u.agreement.reference);
        const auto listed = std::find_if(dormant_lines.begin(), dormant_lines.end(),
                                         [&](const std::string& l) { return l.starts_with("  " + u.agreement.reference + " "); });
        REQUIRE(listed != dormant_lines.end());
        CHECK(listed->ends_with(u.last_used ? iro::format_date(*u.last_used) : std::string("never")));
        CHECK(lines_with(dormant_lines, u.agreement.reference) == 1);
    }

    const auto unused = iro::unused_agreements(store, kToday);
    const auto unused_lines = section(report, "Agreements never used since entry into force");
    CHECK(unused_lines.front() ==
          "  " + std::to_string(unused.size()) + " agreements in force have had no activity or visit since they entered into force");
    const auto listed_unused = std::count_if(unused_lines.begin(), unused_lines.end(), [](const std::string& l) { return l.starts_with("  SAMPLE-"); });
    CHECK(listed_unused == static_cast<std::ptrdiff_t>(std::min<std::size_t>(unused.size(), 10)));

    const auto& programs = store.programs();
    const auto open = programs.open_calls(kToday);
    CHECK(section(report, "Calls open on 2026-03-15").front() ==
          "  " + std::to_string(open.size()) + " open: " + std::to_string(open_for_students(store, kToday).size()) + " for students, " +
              std::to_string(programs.open_calls(kToday, iro::Audience::Faculty).size()) + " for faculty, " +
              std::to_string(programs.open_calls(kToday, iro::Audience::AdministrativeStaff).size()) + " for administrative staff");
    const auto deadlines = programs.upcoming_deadlines(kToday, 30);
    REQUIRE_FALSE(deadlines.empty());
    const auto deadline_lines = section(report, "Call deadlines within 30 days");
    CHECK(deadline_lines.front() == "  " + std::to_string(deadlines.size()) + " deadlines from 2026-03-15 to 2026-04-14");
    for (const auto& c : deadlines) CHECK(lines_with(deadline_lines, iro::format_date(c.deadline)) >= 1);

    // Visits starting in 2026, by direction: all, started by the report date, ongoing on it.
    const auto visit_lines = section(report, "Visits in 2026");
    for (auto direction : {iro::VisitDirection::Incoming, iro::VisitDirection::Outgoing}) {
        iro::VisitFilter f;
        f.direction = direction;
        std::int64_t year = 0, started = 0, ongoing = 0;
        for (const auto& v : store.visits().find(f)) {
            if (v.status == iro::VisitStatus::Cancelled) continue;
            if (v.start.year() == kToday.year()) {
                ++year;
                if (v.start <= kToday) ++started;
            }
            if (v.start <= kToday && kToday <= v.end) ++ongoing;
        }
        INFO(iro::to_string(direction));
        CHECK(year > 0);
        CHECK(row(visit_lines, iro::to_string(direction)) == std::vector<std::int64_t>{year, started, ongoing});
    }

    const auto kpis = iro::compute_kpis(store, iro::parse_date("2026-01-01"), kToday);
    const auto kpi_lines = section(report, "Key performance indicators, 2026");
    CHECK(row(kpi_lines, "new") == std::vector<std::int64_t>{kpis.new_agreements});
    CHECK(row(kpi_lines, "active") == std::vector<std::int64_t>{kpis.active_agreements});
    CHECK(row(kpi_lines, "incoming") == std::vector<std::int64_t>{kpis.incoming_visits});
    CHECK(row(kpi_lines, "outgoing") == std::vector<std::int64_t>{kpis.outgoing_visits});
    CHECK(row(kpi_lines, "applications") == std::vector<std::int64_t>{kpis.applications});
    CHECK(row(kpi_lines, "visiting") == std::vector<std::int64_t>{kpis.visiting_professors});

    // Visiting professors: the countries of visiting_professors(), host units added up.
    std::map<std::string, std::int64_t> by_country;
    for (const auto& c : iro::visiting_professors(store, 2026)) by_country[c.country] += c.visits;
    REQUIRE_FALSE(by_country.empty());
    const auto professor_lines = section(report, "Visiting professors by country, 2026");
    for (const auto& [code, n] : by_country) {
        INFO(code);
        const auto numbers = row(professor_lines, code);
        REQUIRE_FALSE(numbers.empty());
        CHECK(numbers.front() == n);
    }

    // Quota use of the current academic year: the total over the lines of agreements in force.
    std::set<iro::AgreementId> in_force_ids;
    for (const auto& a : store.agreements().in_force_on(kToday)) in_force_ids.insert(a.id);
    std::int64_t used = 0, allowed = 0;
    std::size_t quota_lines = 0;
    for (const auto& q : iro::quota_utilisation(store, std::nullopt, iro::AcademicYear{2025})) {
        if (!in_force_ids.contains(q.agreement)) continue;
        used += q.used;
        allowed += q.allowed;
        ++quota_lines;
    }
    REQUIRE(used > 0);
    const auto quota = section(report, "Mobility quota use, academic year 2025/2026");
    CHECK(quota.front().starts_with("  " + std::to_string(used) + " of " + std::to_string(allowed) + " mobilities used ("));
    CHECK(quota.front().ends_with(" on " + std::to_string(quota_lines) + " quota lines of agreements in force"));

    // Mobility balance: the top ten partners by visits, with the API's numbers.
    auto balance = iro::mobility_balance(store, iro::parse_date("2025-03-15"), kToday);
    REQUIRE(balance.size() > 3);
    std::stable_sort(balance.begin(), balance.end(), [](const iro::MobilityBalance& x, const iro::MobilityBalance& y) {
        return x.incoming + x.outgoing > y.incoming + y.outgoing;
    });
    const auto balance_lines = section(report, "Mobility balance by partner, 2025-03-15 to 2026-03-15");
    const auto shown = std::min<std::size_t>(balance.size(), 10);
    CHECK(balance_lines.front() ==
          "  Top " + std::to_string(shown) + " of " + std::to_string(balance.size()) + " partners by visits (not cancelled) starting in the period");
    const auto top = balance.front();
    CHECK(std::any_of(balance_lines.begin(), balance_lines.end(), [&](const std::string& l) {
        return l.find(" " + top.country + " ") != std::string::npos &&
               l.find(std::to_string(top.incoming + top.outgoing)) != std::string::npos;
    }));

    // Visits are described by partner, purpose and dates: no person's name or address.
    for (const auto& p : store.people().find()) {
        INFO(p.full_name());
        CHECK(report.find(p.full_name()) == std::string::npos);
        if (!p.email.empty()) CHECK(report.find(p.email) == std::string::npos);
    }
    CHECK(report.find("Sample 1 ") == std::string::npos);
}

TEST_CASE("office report: short lists follow the option, the summary keeps everything", "[report]") {
    const auto store = sample_office();
    iro::ReportOptions options;
    options.short_lists = 3;
    const auto s = iro::summarize(store, kToday, options);
    REQUIRE(s.never_used.size() > 3);
    REQUIRE(s.mobility_balance.size() > 3);
    const auto report = iro::format_office_report(s, options);
    const auto unused = section(report, "Agreements never used since entry into force");
    CHECK(std::count_if(unused.begin(), unused.end(), [](const std::string& l) { return l.starts_with("  SAMPLE-"); }) == 3);
    const auto balance = section(report, "Mobility balance by partner, 2025-03-15 to 2026-03-15");
    CHECK(balance.front().starts_with("  Top 3 of " + std::to_string(s.mobility_balance.size()) + " partners"));
}

TEST_CASE("office report: the accreditation section and KPIs show the API's numbers", "[report][accreditation]") {
    const auto store = sample_office();
    const auto& acc = store.accreditations();
    const auto s = iro::summarize(store, kToday);
    CHECK(s.accreditation_status == acc.status_on(kToday));
    CHECK(s.accreditation_expiring == acc.expiring(kToday, iro::kAccreditationDays));
    CHECK(s.overdue_evidence == static_cast<std::int64_t>(acc.overdue_evidence(kToday).size()));
    CHECK(s.overdue_follow_ups == static_cast<std::int64_t>(acc.overdue_follow_ups(kToday).size()));
    std::size_t open = 0;
    for (const auto& c : acc.cases())
        if (!iro::is_decision(c.status)) {
            ++open;
            const auto line = std::find_if(s.case_readiness.begin(), s.case_readiness.end(), [&](const auto& l) { return l.id == c.id; });
            REQUIRE(line != s.case_readiness.end());
            CHECK(line->readiness == Approx(acc.readiness(c.id, kToday).overall));
        }
    CHECK(s.case_readiness.size() == open);
    CHECK(open == 3);
    CHECK(s.accreditation_expiring.size() == 1);

    const auto report = iro::format_office_report(s);
    CHECK_THAT(report, Catch::Matchers::Contains("Accreditation on 2026-03-15"));
    CHECK_THAT(report, Catch::Matchers::Contains("Open cases: " + std::to_string(open)));
    CHECK_THAT(report, Catch::Matchers::Contains("accredited scopes"));
    CHECK(s.kpis.kpis.open_accreditation_cases == static_cast<std::int64_t>(open));
    CHECK(s.kpis.kpis.overdue_evidence == s.overdue_evidence);
}
