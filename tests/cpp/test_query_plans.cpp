// Every filter the API offers has an index behind it: the statements a find() or count()
// runs never read a whole large table. A white-box test: it watches the statements on the
// store's own connection and asks SQLite for their plans.
#include "test_support.hpp"

#include "store/database.hpp"

#include <sqlite3.h>

#include <functional>
#include <regex>
#include <set>

using namespace iro;

namespace {

constexpr Date kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{29}};

// The SQL text of every statement run while `work` runs.
std::vector<std::string> statements_run(Store& store, const std::function<void()>& work) {
    sqlite3* handle = detail::database_of(store).connection().getHandle();
    std::vector<std::string> seen;
    const auto record = [](unsigned, void* context, void* stmt, void*) -> int {
        static_cast<std::vector<std::string>*>(context)->emplace_back(sqlite3_sql(static_cast<sqlite3_stmt*>(stmt)));
        return 0;
    };
    sqlite3_trace_v2(handle, SQLITE_TRACE_STMT, record, &seen);
    try {
        work();
    } catch (...) {
        sqlite3_trace_v2(handle, 0, nullptr, nullptr);
        throw;
    }
    sqlite3_trace_v2(handle, 0, nullptr, nullptr);
    return seen;
}

std::vector<std::string> plan_of(Store& store, const std::string& sql) {
    sqlite3* handle = detail::database_of(store).connection().getHandle();
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(handle, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::vector<std::string> lines;
    while (sqlite3_step(st) == SQLITE_ROW) lines.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 3)));
    sqlite3_finalize(st);
    return lines;
}

// A plan line that reads a whole table of the office's large tables, with or without an
// index to walk it in order.
bool scans_a_large_table(const std::string& line) {
    static const std::regex scan(R"(^SCAN (institution|agreement|person|activity|visit|agreement_party|activity_partner)\b(?! USING (COVERING )?INDEX .*\(.*\)))");
    static const std::regex scan_alias(R"(^SCAN (i|a|p|v|x)( USING (COVERING )?INDEX \w+)?$)");
    return std::regex_search(line, scan) || std::regex_search(line, scan_alias);
}

struct Case {
    std::string name;
    std::function<void(Store&)> run;
};

} // namespace

TEST_CASE("every filter of find() and count() is served by an index", "[store][plans]") {
    auto store = Store::open(":memory:");
    load_sample_dataset(store, make_sample_dataset(sample_counts(SampleScale::S), 42, kToday));
    const InstitutionId partner{2};
    const auto some_agreement = AgreementId{1};

    const std::vector<Case> cases = {
        {"institutions by type", [](Store& s) { s.institutions().find({.type = InstitutionType::University}); }},
        {"institutions by status", [](Store& s) { s.institutions().find({.status = InstitutionStatus::Inactive}); }},
        {"institutions by country", [](Store& s) { s.institutions().find({.country = "JO"}); }},
        {"institutions by region", [](Store& s) { s.institutions().find({.region = WorldRegion::Europe}); }},
        {"agreements by partner", [&](Store& s) { s.agreements().find({.partner = partner}); }},
        {"agreements by country", [](Store& s) { s.agreements().find({.country = "JO"}); }},
        {"agreements by kind", [](Store& s) { s.agreements().find({.kind = AgreementKind::Mou}); }},
        {"agreements by status", [](Store& s) { s.agreements().find({.status = AgreementStatus::Expired}); }},
        {"agreements by area", [](Store& s) { s.agreements().find({.area = Area::Culture}); }},
        {"agreements by home unit", [](Store& s) { s.agreements().find({.home_unit = UnitId{1}}); }},
        {"agreements expiring", [](Store& s) { s.agreements().expiring(kToday, 90); }},
        {"people by role", [](Store& s) { s.people().find({.role = PersonRole::VisitingProfessor}); }},
        {"people by affiliation", [&](Store& s) { s.people().find({.affiliation = partner}); }},
        {"people by nationality", [](Store& s) { s.people().find({.nationality = "JO"}); }},
        {"activities by partner", [&](Store& s) { s.activities().find({.partner = partner}); }},
        {"activities by agreement", [&](Store& s) { s.activities().find({.agreement = some_agreement}); }},
        {"activities by area", [](Store& s) { s.activities().find({.area = Area::Culture}); }},
        {"activities by type", [](Store& s) { s.activities().find({.type = ActivityType::Conference}); }},
        {"activities by year", [](Store& s) { s.activities().find({.year = 2024}); }},
        {"visits by person", [](Store& s) { s.visits().find({.person = PersonId{3}}); }},
        {"visits by direction", [](Store& s) { s.visits().count({.direction = VisitDirection::Incoming}); }},
        {"visits by status", [](Store& s) { s.visits().count({.status = VisitStatus::Planned}); }},
        {"visits by agreement", [&](Store& s) { s.visits().find({.agreement = some_agreement}); }},
        {"visits by program", [](Store& s) { s.visits().find({.program = ProgramId{1}}); }},
        {"visits by institution", [&](Store& s) { s.visits().find({.institution = partner}); }},
        {"visits by year", [](Store& s) { s.visits().count({.year = 2025}); }},
        {"get a visit", [](Store& s) { s.visits().get(VisitId{5}); }},
        {"get an agreement", [&](Store& s) { s.agreements().get(some_agreement); }},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto statements = statements_run(store, [&] { c.run(store); });
        REQUIRE_FALSE(statements.empty());
        for (const auto& sql : statements) {
            if (sql.rfind("SELECT", 0) != 0) continue;
            INFO(sql);
            for (const auto& line : plan_of(store, sql)) {
                INFO(line);
                CHECK_FALSE(scans_a_large_table(line));
            }
        }
    }
}

TEST_CASE("the plan check sees a full scan when there is one", "[store][plans]") {
    auto store = Store::open(":memory:");
    // No index serves a filter on the note: this must be reported as a scan.
    for (const auto& line : plan_of(store, "SELECT id FROM visit v WHERE v.note = ?")) CHECK(scans_a_large_table(line));
    for (const auto& line : plan_of(store, "SELECT id FROM visit v WHERE v.person_id = ?")) CHECK_FALSE(scans_a_large_table(line));
}
