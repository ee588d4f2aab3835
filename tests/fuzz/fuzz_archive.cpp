// libFuzzer target for the archive reader (office snapshots and value archives): any bytes
// must end in a result or an iro::Error, never a crash, a hang, another exception or an
// allocation beyond the limits, and a refused snapshot load writes nothing. Build with
// clang++ -fsanitize=fuzzer,address.
#include "fuzz_store.hpp"

#include "iro/error.hpp"
#include "iro/snapshot.hpp"
#include "iro/store.hpp"
#include "iro/value_archive.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

template <class T>
void load_value(std::string_view bytes) {
    try {
        (void)iro::from_archive<T>(bytes);
    } catch (const iro::Error&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static iro::fuzz::ReusedStore reused([] { return iro::Store::open(":memory:"); });
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // Small limits reach the limit paths with small inputs.
    iro::SnapshotLimits limits;
    limits.max_input_bytes = 1 << 20;
    limits.max_tables = 80;
    limits.max_columns = 40;
    limits.max_rows_per_table = 1000;
    limits.max_cell_bytes = 4096;
    bool refused = false;
    try {
        iro::load_snapshot(reused.store(), bytes, limits);
    } catch (const iro::Error&) {
        refused = true;
    }
    reused.after(refused);
    load_value<iro::Agreement>(bytes);
    load_value<iro::Institution>(bytes);
    load_value<iro::Methodology>(bytes);  // maps, optionals and nested values
    load_value<iro::KpiSet>(bytes);
    load_value<iro::ewp::Iia>(bytes);
    return 0;
}
