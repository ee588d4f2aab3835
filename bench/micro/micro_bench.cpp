// Micro benchmarks (Google Benchmark) of iro's hot paths on the S sample dataset in memory.
// The side-by-side comparisons live in bench/side_by_side and bench/python; these track the
// cost of single operations from one change to the next.
#include <iro/iro.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

// One S store per process, loaded on first use.
iro::Store& s_store() {
    static std::unique_ptr<iro::Store> store = [] {
        auto s = std::make_unique<iro::Store>(iro::Store::open(":memory:"));
        iro::load_sample_dataset(*s, iro::make_sample_dataset(iro::sample_counts(iro::SampleScale::S)));
        return s;
    }();
    return *store;
}

void get_visit_by_id(benchmark::State& state) {
    auto& store = s_store();
    const auto visits = store.visits().count();
    std::int64_t id = 0;
    for (auto _ : state) {
        id = id % visits + 1;
        benchmark::DoNotOptimize(store.visits().get(iro::VisitId{id}));
    }
}
BENCHMARK(get_visit_by_id);

void get_agreement_by_id(benchmark::State& state) {
    auto& store = s_store();
    const auto agreements = store.agreements().count();
    std::int64_t id = 0;
    for (auto _ : state) {
        id = id % agreements + 1;
        benchmark::DoNotOptimize(store.agreements().get(iro::AgreementId{id}));
    }
}
BENCHMARK(get_agreement_by_id);

void search_institutions(benchmark::State& state) {
    auto& store = s_store();
    for (auto _ : state) benchmark::DoNotOptimize(store.institutions().search("bench univ 12"));
}
BENCHMARK(search_institutions);

void fold_a_name(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(iro::fold_for_search("Université de Montréal — الجامعة الأردنية"));
}
BENCHMARK(fold_a_name);

void expiring_within_90_days(benchmark::State& state) {
    auto& store = s_store();
    const auto on = iro::today();
    for (auto _ : state) benchmark::DoNotOptimize(store.agreements().expiring(on, 90));
}
BENCHMARK(expiring_within_90_days);

void kpis_of_a_year(benchmark::State& state) {
    auto& store = s_store();
    const int year = static_cast<int>(iro::today().year());
    for (auto _ : state) benchmark::DoNotOptimize(iro::compute_kpis(store, year));
}
BENCHMARK(kpis_of_a_year);

// A bulk add of `range(0)` visits into a store that has the S dataset's people and partners.
void add_many_visits(benchmark::State& state) {
    const auto dataset = iro::make_sample_dataset(iro::sample_counts(iro::SampleScale::S));
    for (auto _ : state) {
        state.PauseTiming();
        auto store = iro::Store::open(":memory:");
        auto copy = dataset;
        copy.visits.resize(static_cast<std::size_t>(state.range(0)));
        store.institutions().add_many(copy.institutions);
        store.agreements().add_many(copy.agreements);
        store.people().add_many(copy.people);
        state.ResumeTiming();
        benchmark::DoNotOptimize(store.visits().add_many(copy.visits));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(add_many_visits)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// Scoring and ranking a 1,500-row table in the QS-WUR 2026 shape: the ten indicator scores
// from 1 to 100 at one decimal, about 8% missing, fixed seed (as bench/python/ranking_numpy.py).
std::vector<iro::TableRow> qs_shaped_table(const iro::Methodology& m, std::size_t rows) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> score(1.0, 100.0), chance(0.0, 1.0);
    std::vector<iro::TableRow> table(rows);
    for (std::size_t k = 0; k < rows; ++k) {
        table[k].name = "University " + std::to_string(k);
        for (const auto& i : m.indicators)
            if (chance(rng) >= 0.08) table[k].scores.emplace(i.code, std::round(score(rng) * 10) / 10);
    }
    return table;
}

void score_table_qs_1500(benchmark::State& state) {
    const auto m = iro::methodology("QS-WUR", 2026);
    const auto table = qs_shaped_table(m, 1500);
    for (auto _ : state) benchmark::DoNotOptimize(iro::score_table(m, table));
    state.SetItemsProcessed(state.iterations() * 1500);
}
BENCHMARK(score_table_qs_1500)->Unit(benchmark::kMicrosecond);

// The same table column by column, as Methodology.score_table in Python passes it.
void score_columns_qs_1500(benchmark::State& state) {
    const auto m = iro::methodology("QS-WUR", 2026);
    const auto table = qs_shaped_table(m, 1500);
    iro::ScoreColumns columns;
    for (const auto& row : table) columns.names.push_back(row.name);
    for (const auto& i : m.indicators) {
        iro::ScoreColumn c{i.code, {}};
        for (const auto& row : table) {
            const auto it = row.scores.find(i.code);
            c.scores.push_back(it == row.scores.end() ? std::nan("") : *it->second);
        }
        columns.columns.push_back(std::move(c));
    }
    for (auto _ : state) benchmark::DoNotOptimize(iro::score_columns(m, columns));
    state.SetItemsProcessed(state.iterations() * 1500);
}
BENCHMARK(score_columns_qs_1500)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
