// Databases written at every schema version so far (tests/data/databases/, made once by
// make_databases.py and never regenerated) open, migrate to the latest version and keep
// their data. A new schema step adds its own file here.
#include "test_support.hpp"

#include <fstream>
#include <iterator>

using namespace iro;
using iro::test::TempDir;

namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST_CASE("databases of every schema version open, migrate and keep their data", "[store][migration]") {
    const int version = GENERATE(range(1, Store::latest_schema_version() + 1));
    INFO("schema version " << version);
    const std::string source = std::string(IRO_TEST_DATA_DIR) + "/databases/office-v" + std::to_string(version) + ".db";
    REQUIRE(std::filesystem::exists(source));
    TempDir dir;
    const auto path = dir.file("office.db");
    std::filesystem::copy_file(source, path);

    {
        auto store = Store::open(path, OpenOptions{.create = false});
        CHECK(store.schema_version() == Store::latest_schema_version());
        const auto home = store.institutions().get(InstitutionId{1});
        CHECK(home.is_home);
        CHECK(home.display_name() == "Palestine Polytechnic University");
        CHECK(store.institutions().search("jordan").at(0).id == InstitutionId{2});
        const auto a = store.agreements().get(AgreementId{1});
        CHECK(a.reference == "IRO-2024-001");
        CHECK(a.status == AgreementStatus::InForce);
        REQUIRE(a.quotas.size() == 1);
        CHECK(a.quotas[0].mobilities_per_year == 4);
        CHECK(a.quotas[0].academic_years == std::vector<AcademicYear>{AcademicYear{2024}});
        CHECK(a.quotas[0].language_skills.at(0).language == "en");
        if (version >= 2) {
            CHECK(store.people().get(PersonId{1}).family_name == "Sample");
            CHECK(store.visits().get(VisitId{1}).lectures == 4);
        }
        // The migrated store takes new data like any other.
        Institution other;
        other.names = {Name{"Another Partner", "en", NameKind::Display}};
        other.country = "DE";
        CHECK(store.institutions().add(other).value() == 3);
        CHECK(store.audit().latest(1).at(0).action == "add");
    }
    // Reopened, it is at the latest version already and unchanged by opening.
    const auto migrated = read_bytes(path);
    { auto store = Store::open(path, OpenOptions{.create = false}); CHECK(store.institutions().count() == 2); }
    CHECK(read_bytes(path).size() == migrated.size());
}

TEST_CASE("a database of every version cut short is a storage error and stays as it was", "[store][migration]") {
    const int version = GENERATE(range(1, Store::latest_schema_version() + 1));
    INFO("schema version " << version);
    const auto bytes = read_bytes(std::string(IRO_TEST_DATA_DIR) + "/databases/office-v" + std::to_string(version) + ".db");
    TempDir dir;
    const auto path = dir.file("cut.db");
    for (const std::size_t keep : {std::size_t{100}, std::size_t{4096} + 17, bytes.size() / 2}) {
        INFO("first " << keep << " bytes");
        {
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out.write(bytes.data(), static_cast<std::streamsize>(keep));
        }
        try {
            auto store = Store::open(path, OpenOptions{.create = false});
            // SQLite may open a file cut at a page boundary and fail only on reading: then a
            // read must fail as a storage error too.
            store.agreements().find({});
            store.visits().count();
            FAIL("a truncated database was read without an error");
        } catch (const StorageError&) {
        }
        CHECK(read_bytes(path) == bytes.substr(0, keep));
    }
}
