// libFuzzer target for the archive reader (office snapshots and value archives): any bytes
// must end in a result or an iro::Error, never a crash, a hang, another exception or an
// allocation beyond the limits. Build with clang++ -fsanitize=fuzzer,address.
#include "iro/error.hpp"
#include "iro/snapshot.hpp"
#include "iro/store.hpp"
#include "iro/value_archive.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // Small limits reach the limit paths with small inputs.
    iro::SnapshotLimits limits;
    limits.max_input_bytes = 1 << 20;
    limits.max_tables = 80;
    limits.max_columns = 40;
    limits.max_rows_per_table = 1000;
    limits.max_cell_bytes = 4096;
    try {
        auto store = iro::Store::open(":memory:");
        iro::load_snapshot(store, bytes, limits);
    } catch (const iro::Error&) {
    }
    try {
        iro::from_archive<iro::Agreement>(bytes);
    } catch (const iro::Error&) {
    }
    try {
        iro::from_archive<iro::Institution>(bytes);
    } catch (const iro::Error&) {
    }
    return 0;
}
