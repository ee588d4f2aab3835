#include <catch2/catch.hpp>

#include "iro/error.hpp"
#include "iro/office_report.hpp"
#include "iro/sample_data.hpp"
#include "iro/store.hpp"

#include <algorithm>
#include <cstdint>
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
    const iro::Date impossible{std::chrono::year{2026}, std::chrono::month{2}, std::chrono::day{30}};
    CHECK_THROWS_AS(iro::summarize(store, impossible), iro::ValidationError);
}
