#pragma once
// Measure 4: iro's queries and analyses on a loaded store against the best hand-written SQL on
// the same file. Each pair's results are checked equal before they are timed.

#include <filesystem>
#include <nlohmann/json.hpp>

namespace iro::bench {

// `work` holds iro.db from a load run. Returns one record per query.
nlohmann::json measure_queries(const std::filesystem::path& work, int repeats);

} // namespace iro::bench
