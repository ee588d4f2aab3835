#pragma once
// The sample office's accreditation work (private to the library): accreditation bodies,
// their frameworks, programme and institutional cases at different stages, with findings,
// follow-ups and evidence. Written through the public API after the daily work.

#include "iro/date.hpp"
#include "sample/sample_daily_work.hpp"

#include <vector>

namespace iro::detail {

// Adds the bodies, frameworks and cases; returns the number of cases.
int add_accreditation(Store& store, SampleRandom& rng, Date today, const std::vector<SampleUnit>& units);

} // namespace iro::detail
