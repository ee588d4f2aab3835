#pragma once
// The sample office's daily work (private to the library): people, scientific centres and
// their links, cooperation activities, programs with calls and applications, and visits.
// It is written after the institutions, units and agreements, through the public API.

#include "iro/date.hpp"
#include "iro/ids.hpp"
#include "iro/org_unit.hpp"

#include <string>
#include <vector>

namespace iro {
class Store;
}

namespace iro::detail {

class SampleRandom;

// A unit of the home institution as the generator knows it.
struct SampleUnit {
    UnitId id;
    UnitKind kind = UnitKind::Department;
    std::vector<std::string> isced;  // ISCED-F 2013 fields; a faculty has those of its departments
};

// Adds the daily work to a store that already holds the home institution, its units, the
// partners and the agreements. `size` is the number of agreements asked for: the amounts of
// everything else follow it. Draws from `rng` only, so the same state gives the same data.
void add_daily_work(Store& store, SampleRandom& rng, Date today, int size, const std::vector<SampleUnit>& units);

} // namespace iro::detail
