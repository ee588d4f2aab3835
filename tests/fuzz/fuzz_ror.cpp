// libFuzzer target for the ROR import: any bytes must end in a result or an iro::Error,
// never a crash, a hang or another exception, and a refused import writes nothing. Build with
// clang++ -fsanitize=fuzzer,address.
#include "fuzz_store.hpp"

#include "iro/error.hpp"
#include "iro/ror_import.hpp"
#include "iro/store.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static iro::fuzz::ReusedStore reused([] { return iro::Store::open(":memory:"); });
    iro::RorImportOptions options;
    // Small limits reach the limit paths with small inputs.
    options.max_record_bytes = 4096;
    options.skip_invalid = size > 0 && data[0] % 2 == 0;
    bool refused = false;
    try {
        iro::import_ror(reused.store(), std::string_view(reinterpret_cast<const char*>(data), size), options);
    } catch (const iro::Error&) {
        refused = true;
    }
    reused.after(refused);
    return 0;
}
