#pragma once
// Measures 1 and the S/M/L growth: iro's bulk load of a sample dataset against the SQLite C
// floor, on the same rows and the same schema.

#include <iro/sample_dataset.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

namespace iro::bench {

// Leaves work/iro.db (the loaded store, used by the later measures) and work/empty.db (the
// empty schema every contender starts from). `repeats` rounds, best time of each contender.
// With `iro_only`, the floor is skipped and the process's peak RSS is reported: iro's alone.
nlohmann::json measure_load(SampleScale scale, const std::filesystem::path& work, int repeats, bool iro_only);

} // namespace iro::bench
