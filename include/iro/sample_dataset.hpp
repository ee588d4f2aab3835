#pragma once
// Sample data at benchmark scale. Where generate_sample_data() (sample_data.hpp) builds one
// office worth looking at, step by step through every lifecycle, this builds plain rows in
// memory at a chosen size (up to national scale: 150,000 institutions and 1,000,000 visits)
// and writes them with the bulk paths (`add_many`). Benchmarks use it to measure loading and
// queries; it is also a quick way to fill a store for load tests.
//
// Every row obeys the rules a user's row obeys: agreements in force have signatures, visits
// under an agreement are with one of its partners, a person's committed visits never overlap.
// Institutions are fictitious ("Bench University <n>"); people are "<given> Sample <n>".

#include "iro/activity.hpp"
#include "iro/agreement.hpp"
#include "iro/date.hpp"
#include "iro/enum_strings.hpp"
#include "iro/institution.hpp"
#include "iro/person.hpp"
#include "iro/visit.hpp"

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

class Store;

// S is the size of the demo office; L is a national-scale office; M is one tenth of L.
enum class SampleScale { S, M, L };

template <>
struct EnumNames<SampleScale> {
    static constexpr std::string_view field = "scale";
    static constexpr std::array<std::pair<SampleScale, std::string_view>, 3> table{{
        {SampleScale::S, "S"},
        {SampleScale::M, "M"},
        {SampleScale::L, "L"},
    }};
};

struct SampleCounts {
    std::int64_t institutions = 0;  // the home institution included
    std::int64_t agreements = 0;
    std::int64_t quota_lines = 0;   // spread over the Erasmus and exchange agreements
    std::int64_t people = 0;
    std::int64_t activities = 0;
    std::int64_t visits = 0;

    friend bool operator==(const SampleCounts&, const SampleCounts&) = default;
};

// L: 150,000 institutions, 20,000 agreements with 60,000 quota lines, 300,000 people,
// 200,000 activities and 1,000,000 visits. M is a tenth of each; S is about the demo.
SampleCounts sample_counts(SampleScale scale);

// Rows that reference each other by the ids they get when written to an empty store, in
// order: institution k (0-based) gets id k + 1, and so on. institutions[0] is the home
// institution.
struct SampleDataset {
    std::vector<Institution> institutions;
    std::vector<Agreement> agreements;
    std::vector<Person> people;
    std::vector<Activity> activities;
    std::vector<Visit> visits;
};

// Deterministic: the same counts, seed and `today` give the same rows. ValidationError when a
// count is out of range: institutions 2 to 10,000,000; agreements, people and activities 0 to
// 10,000,000; quota lines at most 3 per agreement; visits at most 20 per person.
SampleDataset make_sample_dataset(const SampleCounts& counts, std::uint64_t seed = 42, Date today = iro::today());

// Writes the dataset through the public bulk API (`add_many` of each collection) in one
// transaction: all of it or none. ConflictError when the store already holds an institution.
void load_sample_dataset(Store& store, SampleDataset dataset);

} // namespace iro
