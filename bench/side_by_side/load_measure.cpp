#include "load_measure.hpp"

#include "load_floor_tables.hpp"
#include "measure.hpp"

#include <iro/sample_dataset.hpp>
#include <iro/store.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <optional>
#include <stdexcept>

namespace iro::bench {

namespace {

std::int64_t count_rows(const std::string& path, const FloorTables& reference) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    std::int64_t total = 0;
    for (int k = 0; k < reference.count(); ++k) {
        sqlite3_stmt* st = nullptr;
        const auto sql = fmt::format("SELECT count(*) FROM {}", reference.tables()[k].name);
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            total += sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return total;
}

} // namespace

nlohmann::json measure_load(SampleScale scale, const std::filesystem::path& work, int repeats, bool iro_only) {
    std::filesystem::create_directories(work);
    const auto empty = work / "empty.db";
    std::filesystem::remove(empty);
    { auto store = Store::open(empty.string()); }

    const auto counts = sample_counts(scale);
    SampleDataset dataset;
    const double generate = time_it([&] { dataset = make_sample_dataset(counts); });

    // Contenders take turns, and each keeps its best time: the machine is shared and noisy.
    const auto iro_path = (work / "iro.db").string();
    const auto floor_path = (work / "floor.db").string();
    double iro_seconds = 0;
    double floor_seconds = 0;
    double iro_peak_rss = 0;
    std::optional<FloorTables> tables;
    for (int round = 0; round < repeats; ++round) {
        // iro: open the store, write every collection with add_many in one transaction, close.
        SampleDataset copy = dataset;
        fresh_copy(empty, iro_path);
        const double t = time_it([&] {
            auto store = Store::open(iro_path);
            load_sample_dataset(store, std::move(copy));
        });
        iro_seconds = round == 0 ? t : std::min(iro_seconds, t);
        // iro's peak: the process has held only the generated rows and iro's load so far.
        if (round == 0) iro_peak_rss = peak_rss_mib();

        if (iro_only) continue;
        // The floor: the same rows of every table, read back from iro's file, into the same schema.
        if (!tables) tables = FloorTables::read(iro_path);
        fresh_copy(empty, floor_path);
        char error[512] = "";
        int failed = 0;
        const double f = time_it([&] { failed = floor_load(floor_path.c_str(), tables->tables(), tables->count(), error, sizeof error); });
        if (failed) throw std::runtime_error(std::string("floor load failed: ") + error);
        floor_seconds = round == 0 ? f : std::min(floor_seconds, f);
    }
    if (iro_only)
        return {{"scale", std::string(to_string(scale))}, {"iro_seconds", iro_seconds}, {"generate_seconds", generate},
                // The process holds the generated rows too: they are the input of the load.
                {"peak_rss_mib", iro_peak_rss}, {"repeats", repeats}};
    if (count_rows(floor_path, *tables) != tables->rows())
        throw std::runtime_error("the floor database does not hold the same number of rows as iro's");

    nlohmann::json tables_json = nlohmann::json::object();
    for (int k = 0; k < tables->count(); ++k) tables_json[tables->tables()[k].name] = tables->tables()[k].row_count;
    return {
        {"scale", std::string(to_string(scale))},
        {"rows", tables->rows()},
        {"repeats", repeats},
        {"tables", tables_json},
        {"generate_seconds", generate},
        {"iro_seconds", iro_seconds},
        {"iro_peak_rss_mib", iro_peak_rss},
        {"floor_seconds", floor_seconds},
        {"iro_db", iro_path},
        {"empty_db", empty.string()},
    };
}

} // namespace iro::bench
