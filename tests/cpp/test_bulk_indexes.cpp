// Large add_many batches drop their tables' plain indexes and build them again once the rows
// are in. The schema must come out the same, the indexes must match the rows, and a batch
// that fails must leave both rows and indexes as they were.
#include "test_support.hpp"

#include "store/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <optional>

using namespace iro;
using iro::test::TempDir;
using iro::test::dump_without_load_entry;
using Catch::Matchers::Contains;

namespace {

constexpr Date kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{29}};

// Every collection above the 10,000-row mark where a batch defers its indexes, except people.
SampleCounts large_counts() { return SampleCounts{12'000, 10'000, 3'000, 2'000, 10'000, 12'000}; }

// A snapshot defers when it holds 10,000 rows or more in all: about 14,000 here.
SampleCounts snapshot_counts() { return SampleCounts{3'000, 500, 500, 1'000, 2'000, 5'000}; }

// What a second connection sees of the file: index definitions, the schema counter (which
// every CREATE and DROP moves) and SQLite's check that each index matches its table.
struct FileView {
    std::vector<std::pair<std::string, std::string>> indexes;
    std::int64_t schema_version = 0;
    std::string integrity;
};

FileView view(const std::string& path) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    FileView v;
    SQLite::Statement st(raw, "SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' ORDER BY name");
    while (st.executeStep()) v.indexes.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
    v.schema_version = raw.execAndGet("PRAGMA schema_version").getInt64();
    v.integrity = raw.execAndGet("PRAGMA integrity_check").getString();
    return v;
}

// A store on a file, empty, and the large dataset to write into it.
struct LargeOffice {
    TempDir dir;
    std::string path = dir.file("office.db");
    Store store = Store::open(path);
    SampleDataset d = make_sample_dataset(large_counts(), 42, kToday);

    // Institutions, agreements and people, each in one batch: visits come next.
    void add_all_but_visits() {
        store.institutions().add_many(d.institutions);
        store.agreements().add_many(d.agreements);
        store.people().add_many(d.people);
    }
};

// Refuses one authorizer action (SQLITE_CREATE_INDEX, SQLITE_DROP_INDEX) on a connection
// for its lifetime; every other action is allowed.
class RefuseIndexAction {
public:
    RefuseIndexAction(sqlite3* handle, int action) : handle_(handle), action_(action) {
        sqlite3_set_authorizer(
            handle_,
            [](void* refused, int asked, const char*, const char*, const char*, const char*) {
                return asked == *static_cast<const int*>(refused) ? SQLITE_DENY : SQLITE_OK;
            },
            &action_);
    }
    ~RefuseIndexAction() { sqlite3_set_authorizer(handle_, nullptr, nullptr); }
    RefuseIndexAction(const RefuseIndexAction&) = delete;
    RefuseIndexAction& operator=(const RefuseIndexAction&) = delete;

private:
    sqlite3* handle_;
    int action_;
};

} // namespace

TEST_CASE("a large bulk load builds its indexes after the rows and ends with the schema it began with", "[bulk][indexes]") {
    TempDir dir;
    const auto path = dir.file("office.db");
    auto store = Store::open(path);
    const auto before = view(path);
    REQUIRE(before.indexes.size() > 40);

    load_sample_dataset(store, make_sample_dataset(large_counts(), 42, kToday));
    const auto after = view(path);
    CHECK(after.indexes == before.indexes);
    CHECK(after.integrity == "ok");
    // Dropped and created again: the schema counter moved.
    CHECK(after.schema_version > before.schema_version);
    CHECK(store.visits().count() == 12'000);

    // Reads through the rebuilt indexes agree with the rows.
    const auto person = PersonId{17};
    std::size_t by_scan = 0;
    for (const auto& v : store.visits().find({})) by_scan += v.person == person ? 1 : 0;
    CHECK(store.visits().find(VisitFilter{.person = person}).size() == by_scan);
    CHECK(by_scan > 0);
}

TEST_CASE("a bulk add keeps its indexes when it is small or the table already holds more", "[bulk][indexes]") {
    LargeOffice office;
    office.add_all_but_visits();
    const auto& path = office.path;
    auto& store = office.store;
    auto& d = office.d;
    const std::vector<Visit> first(d.visits.begin(), d.visits.begin() + 10'500);
    const std::vector<Visit> rest(d.visits.begin() + 10'500, d.visits.end());

    // Reads before the batch use the statement cache too.
    CHECK(store.people().get(PersonId{3}).id == PersonId{3});
    CHECK(store.agreements().get(AgreementId{2}).id == AgreementId{2});
    CHECK(store.institutions().home().is_home);
    CHECK(store.institutions().has_home());
    CHECK(store.visits().count() == 0);

    // A read that fails on a damaged row leaves its statement on that row, holding a cursor.
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA ignore_check_constraints = ON");
        raw.exec("UPDATE person SET role = 'wizard' WHERE id = 5");
    }
    CHECK_THROWS_WITH(store.people().get(PersonId{5}), Contains("wizard"));

    auto counter = view(path).schema_version;
    store.visits().add_many(first);  // 10,500 rows into an empty table: deferred
    CHECK(view(path).schema_version > counter);

    counter = view(path).schema_version;
    store.visits().add_many(rest);  // 1,500 rows: below the mark
    CHECK(view(path).schema_version == counter);
    CHECK(store.visits().count() == 12'000);

    // 10,000 institutions into a table of 12,000: maintained row by row.
    std::vector<Institution> more;
    for (int k = 0; k < 10'000; ++k) more.push_back(iro::test::make_institution(fmt::format("Extra {}", k), "JO"));
    counter = view(path).schema_version;
    CHECK(store.institutions().add_many(more).size() == 10'000);
    CHECK(view(path).schema_version == counter);
    CHECK(view(path).integrity == "ok");
}

TEST_CASE("a large batch that fails inside a caller's transaction leaves no rows and every index, even when the caller commits", "[bulk][indexes]") {
    LargeOffice office;
    office.add_all_but_visits();
    const auto& path = office.path;
    auto& store = office.store;
    auto& d = office.d;
    const auto before = view(path);
    const auto dump = store.logical_dump();
    auto rows = d.visits;
    rows[11'000].person = PersonId{9'999'999};
    // The caller catches the batch's error and goes on to commit its transaction.
    detail::database_of(store).write([&] { CHECK_THROWS_WITH(store.visits().add_many(rows), Contains("9999999")); });
    CHECK(store.logical_dump() == dump);
    const auto after = view(path);
    CHECK(after.indexes == before.indexes);
    CHECK(after.integrity == "ok");
}

TEST_CASE("a large bulk add that fails part-way writes nothing and keeps every index", "[bulk][indexes]") {
    LargeOffice office;
    const auto& path = office.path;
    auto& store = office.store;
    auto& d = office.d;

    SECTION("a visit naming a missing person, after 11,000 good rows") {
        office.add_all_but_visits();
        const auto before = view(path);
        const auto dump = store.logical_dump();
        auto rows = d.visits;
        rows[11'000].person = PersonId{9'999'999};
        CHECK_THROWS_WITH(store.visits().add_many(rows), Contains("9999999"));
        CHECK(store.logical_dump() == dump);
        const auto after = view(path);
        CHECK(after.indexes == before.indexes);
        CHECK(after.schema_version == before.schema_version);
        CHECK(after.integrity == "ok");
    }

    SECTION("an institution repeating an identifier, which the unique index still refuses row by row") {
        const auto before = view(path);
        const auto dump = store.logical_dump();
        auto rows = d.institutions;
        rows[3].identifiers.ror = "https://ror.org/0109gxs86";
        rows[10'500].identifiers.ror = "https://ror.org/0109gxs86";
        CHECK_THROWS_AS(store.institutions().add_many(rows), ConflictError);
        CHECK_THROWS_WITH(store.institutions().add_many(rows), "ror 'https://ror.org/0109gxs86' is already used by institution 4");
        CHECK(store.logical_dump() == dump);
        const auto after = view(path);
        CHECK(after.indexes == before.indexes);
        CHECK(after.schema_version == before.schema_version);
        CHECK(after.integrity == "ok");
    }

    SECTION("an index that cannot be dropped, or built again once every row is in") {
        // An authorizer on iro's connection refuses DROP INDEX (the batch fails before its
        // first row) or CREATE INDEX (rebuilding fails once the rows are written).
        const auto refused = GENERATE(std::make_pair(SQLITE_DROP_INDEX, "preparing a bulk write"),
                                      std::make_pair(SQLITE_CREATE_INDEX, "building indexes after a bulk write"));
        const int action = refused.first;
        const std::string stage = refused.second;
        office.add_all_but_visits();
        const auto before = view(path);
        const auto dump = store.logical_dump();
        std::optional<RefuseIndexAction> refusing(std::in_place, detail::database_of(store).connection().getHandle(), action);
        // Inside a caller's transaction that catches the error and commits, only the batch's
        // own undo can restore the indexes.
        detail::database_of(store).write([&] {
            CHECK_THROWS_WITH(store.visits().add_many(d.visits), Contains(stage) && Contains("not authorized"));
        });
        refusing.reset();
        CHECK(store.logical_dump() == dump);
        const auto after = view(path);
        CHECK(after.indexes == before.indexes);
        CHECK(after.schema_version == before.schema_version);
        CHECK(after.integrity == "ok");
        // The store goes on: the same batch then succeeds.
        CHECK(store.visits().add_many(d.visits).size() == d.visits.size());
        CHECK(view(path).integrity == "ok");
    }
}

TEST_CASE("a snapshot load of a large office builds the indexes after the rows and the search rows in one pass", "[bulk][indexes][snapshot]") {
    auto source = Store::open(":memory:");
    load_sample_dataset(source, make_sample_dataset(snapshot_counts(), 42, kToday));
    const auto bytes = save_snapshot(source, ArchiveFormat::Binary);

    TempDir dir;
    const auto path = dir.file("restored.db");
    auto target = Store::open(path);
    const auto before = view(path);
    load_snapshot(target, bytes);
    const auto after = view(path);
    CHECK(after.indexes == before.indexes);
    CHECK(after.integrity == "ok");
    CHECK(after.schema_version > before.schema_version);
    CHECK(dump_without_load_entry(target) == dump_without_load_entry(source));

    // The rebuilt search rows find what the source's own rows find, for names in any script.
    for (const auto id : {1, 2, 500, 1'501, 3'000}) {
        const auto name = source.institutions().get(InstitutionId{id}).display_name();
        INFO(name);
        const auto expected = source.institutions().search(name, 5);
        REQUIRE_FALSE(expected.empty());
        CHECK(target.institutions().search(name, 5) == expected);
    }

    SECTION("an archive whose rows break a constraint is refused with the store and its indexes unchanged") {
        // Damaged behind iro's back, then archived: institution 2,500 claims to be a home
        // with a value the CHECK constraint refuses, so the load fails part-way through.
        const auto damaged_path = dir.file("damaged.db");
        {
            auto damaged = Store::open(damaged_path);
            load_sample_dataset(damaged, make_sample_dataset(snapshot_counts(), 42, kToday));
        }
        {
            SQLite::Database raw(damaged_path, SQLite::OPEN_READWRITE);
            raw.exec("PRAGMA ignore_check_constraints = ON");
            raw.exec("UPDATE institution SET is_home = 7 WHERE id = 2500");
        }
        const auto damaged_bytes = save_snapshot(Store::open(damaged_path), ArchiveFormat::Binary);

        const auto other_path = dir.file("other.db");
        auto other = Store::open(other_path);
        const auto fresh = view(other_path);
        CHECK_THROWS_WITH(load_snapshot(other, damaged_bytes), Contains("row 2500 of table institution"));
        const auto now = view(other_path);
        CHECK(now.indexes == fresh.indexes);
        CHECK(now.schema_version == fresh.schema_version);
        CHECK(other.institutions().count(InstitutionFilter{.include_home = true}) == 0);
    }
}
