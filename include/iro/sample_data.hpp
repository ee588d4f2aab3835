#pragma once
// A deterministic sample office: Palestine Polytechnic University as the home institution,
// its colleges, departments, scientific centres and International Relations Office, real
// partner institutions from the ROR registry (CC0), and synthetic agreements that cover every
// kind, every lifecycle state, multilateral agreements, mobility quotas and agreements expiring
// soon. Around them, the office's daily work:
//   - people: faculty, researchers, administrative staff and students of the home institution,
//     faculty, researchers and visiting professors of partners, with ISCED-F expertise;
//   - scientific centres with expertise at home and at some partners, and links between them;
//   - cooperation activities of every type, with outcomes, funds and evidence; some agreements
//     in force have never been used and some only more than a year ago (dormant);
//   - programs of every kind with calls (some open on `today`, some deadlines within 30 and 60
//     days) and applications at every stage of their lifecycle;
//   - incoming and outgoing visits over the academic years around `today`, against the
//     agreements' mobility quotas or funded by programs, at every stage of their lifecycle.
// Examples, notebooks and tests use it to have an office worth looking at.
//
// Everything is written through the public API, so the data obeys every rule a user's data
// obeys and the audit log shows how it was made. Agreements are clearly marked as sample data:
// their references are "SAMPLE-<year>-<nnn>" and their notes start with "Sample data". People
// are fictitious ("<given name> Sample <n>", e-mail addresses under .example domains);
// activity outcomes end with "(sample data)", visit notes start with "Sample data".

#include "iro/date.hpp"

#include <cstdint>

namespace iro {

class Store;

struct SampleOptions {
    // Same seed and same `today` give the same store content (audit timestamps aside), with
    // every standard library: the generator draws numbers with its own code, not std::
    // distributions.
    std::uint64_t seed = 42;
    // The day the sample office "is at": lifecycle moves are dated on or before it, and some
    // agreements expire within 30, 90 and 180 days after it. Years 1950 to 9000.
    Date today = iro::today();
    // Partner institutions, 5 to 10000. The first 120 are real ROR records (a seeded choice when
    // fewer are asked for); beyond those, fictitious "Sample University <n>" partners without
    // identifiers are added.
    int partners = 120;
    // Agreements in the store at the end, renewals included, 30 to 10000.
    int agreements = 200;

    friend bool operator==(const SampleOptions&, const SampleOptions&) = default;
};

struct SampleSummary {
    std::int64_t institutions = 0;  // the home institution and the partners
    std::int64_t partners = 0;
    std::int64_t units = 0;         // organisational units of the home institution
    std::int64_t contacts = 0;
    std::int64_t agreements = 0;    // renewals included
    std::int64_t people = 0;        // of the home institution and of partners
    std::int64_t activities = 0;
    std::int64_t programs = 0;
    std::int64_t calls = 0;
    std::int64_t applications = 0;
    std::int64_t visits = 0;
    std::int64_t centre_links = 0;  // links between home and partner scientific centres
    std::int64_t accreditation_cases = 0;

    friend bool operator==(const SampleSummary&, const SampleSummary&) = default;
};

// Fills an empty store in one transaction: all of it is written or, on any error, none of it.
// Throws ValidationError for options out of range and ConflictError when the store already
// holds a home institution or any other institution.
SampleSummary generate_sample_data(Store& store, const SampleOptions& options = {});

} // namespace iro
