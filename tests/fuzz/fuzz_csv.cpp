// libFuzzer target for the CSV reader and the collection import: any bytes must end in a
// result or an iro::Error, never a crash, a hang or another exception, and a refused import
// writes nothing. The first byte picks the collection (and whether bad rows are skipped); the
// rest is the CSV text, imported into an in-memory store that holds a home institution, a
// partner and a unit, so references can resolve. Build with clang++ -fsanitize=fuzzer,address.
#include "fuzz_store.hpp"

#include "iro/collection_exchange.hpp"
#include "iro/error.hpp"
#include "iro/store.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

iro::Store make_store() {
    auto store = iro::Store::open(":memory:");
    iro::Institution home;
    home.names = {{"Home University", "en", iro::NameKind::Display}};
    home.country = "PS";
    home.is_home = true;
    const auto home_id = store.institutions().add(home);
    iro::Institution partner;
    partner.names = {{"Partner University", "en", iro::NameKind::Display}};
    partner.country = "JO";
    store.institutions().add(partner);
    iro::OrgUnit unit;
    unit.institution = home_id;
    unit.kind = iro::UnitKind::Faculty;
    unit.name = "Faculty";
    store.units().add(unit);
    return store;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static iro::fuzz::ReusedStore reused(make_store);
    const auto collections = iro::all_collections();
    const auto collection = collections[data[0] % collections.size()];
    iro::TableImportOptions options;
    options.skip_bad_rows = (data[0] / collections.size()) % 2 == 1;
    // Small limits reach the limit paths with small inputs.
    options.max_bytes = 64 * 1024;
    options.max_rows = 200;
    bool refused = false;
    try {
        iro::import_csv(reused.store(), collection, std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), options);
    } catch (const iro::Error&) {
        refused = true;
    }
    if (!refused) {
        try {
            (void)iro::export_csv(reused.store(), collection);
        } catch (const iro::Error&) {
        }
    }
    reused.after(refused);
    return 0;
}
