// Opening, migrating and refusing databases; the audit log and the logical dump.
#include "test_support.hpp"

#include <fstream>
#include <iterator>
#include <sqlite3.h>

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;

namespace {
std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs one statement through the raw SQLite C API, outside iro, and returns the first column.
std::string raw_query(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}
} // namespace

TEST_CASE("a new store is migrated from empty to the latest schema", "[store][migration]") {
    const bool on_file = GENERATE(false, true);
    TestStore t(on_file);
    CHECK(t.store.schema_version() == Store::latest_schema_version());
    CHECK(Store::latest_schema_version() >= 1);
    CHECK(t.store.institutions().count() == 0);
    CHECK_FALSE(t.store.institutions().has_home());
    CHECK_THROWS_AS(t.store.institutions().home(), NotFoundError);
}

TEST_CASE("file stores use WAL and foreign keys, and keep data across reopen", "[store]") {
    TempDir dir;
    const auto path = dir.file("office.db");
    {
        auto store = Store::open(path);
        store.institutions().add(make_institution("Palestine Polytechnic University", "PS", true));
    }
    CHECK(raw_query(path, "PRAGMA journal_mode") == "wal");
    CHECK(raw_query(path, "PRAGMA user_version") == std::to_string(Store::latest_schema_version()));
    CHECK(raw_query(path, "PRAGMA integrity_check") == "ok");
    auto store = Store::open(path, OpenOptions{.create = false});
    CHECK(store.institutions().home().display_name() == "Palestine Polytechnic University");
    CHECK(store.path() == path);
}

TEST_CASE("a database from a newer iro is refused and left untouched", "[store][migration]") {
    TempDir dir;
    const auto path = dir.file("newer.db");
    { auto store = Store::open(path); }
    raw_query(path, "PRAGMA user_version = 99");
    raw_query(path, "PRAGMA wal_checkpoint(TRUNCATE)");
    const auto before = read_bytes(path);
    CHECK_THROWS_AS(Store::open(path), StorageError);
    CHECK_THROWS_WITH(Store::open(path), Contains("schema version 99") && Contains("newer") && Contains("not changed"));
    CHECK(read_bytes(path) == before);
    CHECK(raw_query(path, "PRAGMA user_version") == "99");
}

TEST_CASE("missing, garbage and truncated files give a storage error", "[store]") {
    TempDir dir;
    CHECK_THROWS_AS(Store::open(dir.file("missing.db"), OpenOptions{.create = false}), StorageError);
    CHECK_THROWS_WITH(Store::open(dir.file("missing.db"), OpenOptions{.create = false}), Contains("no such file"));
    CHECK_THROWS_AS(Store::open(""), ValidationError);

    const auto garbage = dir.file("garbage.db");
    {
        std::ofstream out(garbage, std::ios::binary);
        for (int i = 0; i < 8192; ++i) out.put(static_cast<char>((i * 7919) % 251));
    }
    CHECK_THROWS_AS(Store::open(garbage), StorageError);
    CHECK_THROWS_WITH(Store::open(garbage), Contains("garbage.db"));

    const auto good = dir.file("good.db");
    {
        auto store = Store::open(good);
        SmallOffice office(store);
    }
    raw_query(good, "PRAGMA wal_checkpoint(TRUNCATE)");
    const auto bytes = read_bytes(good);
    const auto truncated = dir.file("truncated.db");
    {
        std::ofstream out(truncated, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 3));
    }
    // A truncated file either fails to open or fails on first read; never a crash.
    CHECK_THROWS_AS([&] {
        auto store = Store::open(truncated);
        store.institutions().find(InstitutionFilter{.include_home = true});
        store.agreements().find();
    }(), StorageError);
}

TEST_CASE("the audit log records every change with actor and before/after", "[store][audit]") {
    auto store = Store::open(":memory:", OpenOptions{.actor = "registrar"});
    SmallOffice office(store);
    CHECK(store.audit().size() == 4);
    auto partner = store.institutions().get(office.jordan);
    partner.city = "Amman";
    store.set_actor("iro-officer");
    store.institutions().update(partner);

    const auto latest = store.audit().latest(1);
    REQUIRE(latest.size() == 1);
    CHECK(latest[0].actor == "iro-officer");
    CHECK(latest[0].entity == "institution");
    CHECK(latest[0].entity_id == office.jordan.value());
    CHECK(latest[0].action == "update");
    CHECK_THAT(latest[0].before, Contains("\"city\":\"\""));
    CHECK_THAT(latest[0].after, Contains("\"city\":\"Amman\""));
    CHECK(latest[0].at.size() == 24);

    const auto history = store.audit().for_entity("institution", office.jordan.value());
    REQUIRE(history.size() == 2);
    CHECK(history[0].action == "add");
    CHECK(history[0].actor == "registrar");
    CHECK(history[0].before.empty());
    CHECK_THROWS_AS(store.set_actor(""), ValidationError);
}

TEST_CASE("the logical dump changes with the data and only with it", "[store]") {
    auto store = Store::open(":memory:");
    const auto empty = store.logical_dump();
    CHECK_THAT(empty, Contains("table institution (0 rows)"));
    CHECK_THAT(empty, Contains("table institution_search (0 rows)"));
    CHECK(empty.find("institution_search_data") == std::string::npos);
    CHECK(store.logical_dump() == empty);
    store.institutions().add(make_institution("Hebron University", "PS", true));
    CHECK(store.logical_dump() != empty);
    CHECK_THAT(store.logical_dump(), Contains("Hebron University"));
}

TEST_CASE("a damaged database surfaces as a storage error from every read", "[store][errors]") {
    TempDir dir;
    const auto path = dir.file("office.db");
    auto store = Store::open(path);
    SmallOffice office(store);
    store.agreements().add(office.mou(office.jordan));
    // Another program drops a table under the open store.
    raw_query(path, "DROP TABLE agreement_area");
    CHECK_THROWS_AS(store.agreements().find(), StorageError);
    CHECK_THROWS_WITH(store.agreements().get(AgreementId{1}), Contains("agreement_area"));
    CHECK_THROWS_AS(store.agreements().add(office.mou(office.berlin)), StorageError);
    CHECK(store.institutions().count() == 3);  // what is intact still works
}

TEST_CASE("units and contacts can be listed whole", "[units][contacts]") {
    auto store = Store::open(":memory:");
    SmallOffice office(store);
    store.units().add(OrgUnit{{}, office.home, {}, UnitKind::Office, "International Relations Office", "IRO"});
    store.units().add(OrgUnit{{}, office.jordan, {}, UnitKind::Faculty, "Faculty of Science", ""});
    store.contacts().add(Contact{{}, office.jordan, {}, "Partner office", "Coordinator", "io@ju.example", ""});
    CHECK(store.units().all().size() == 2);
    CHECK(store.units().all()[1].institution == office.jordan);
    CHECK(store.contacts().all().size() == 1);
}
