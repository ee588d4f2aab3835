#pragma once
// Measure 9: a binary snapshot saved and loaded again, against CSV export and import of every
// collection through iro; the portable XML and text archives are reported beside them.

#include <filesystem>
#include <nlohmann/json.hpp>

namespace iro::bench {

// `work` holds iro.db (a loaded store) and empty.db (the empty schema).
// `portable`: also time the XML and text archives (slower; the suite skips them at L).
// `repeats`: rounds in which every contender runs once; each keeps its best time.
nlohmann::json measure_snapshot(const std::filesystem::path& work, bool portable, int repeats);

} // namespace iro::bench
