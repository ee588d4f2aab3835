#include "snapshot_measure.hpp"

#include "measure.hpp"

#include <iro/collection_exchange.hpp>
#include <iro/snapshot.hpp>
#include <iro/store.hpp>

#include <stdexcept>

namespace iro::bench {

namespace {

std::int64_t visits_in(const std::string& path) { return Store::open(path).visits().count(); }

// Save the whole office, then load it into a fresh empty store.
double snapshot_round_trip(const std::filesystem::path& work, ArchiveFormat format, const std::string& name,
                           std::uintmax_t& bytes) {
    const auto archive = work / ("snapshot." + name);
    const auto target = work / ("snapshot-" + name + ".db");
    std::filesystem::remove(archive);
    fresh_copy(work / "empty.db", target);
    const double seconds = time_it([&] {
        {
            const auto source = Store::open((work / "iro.db").string());
            save_snapshot_file(source, archive.string(), format);
        }
        auto store = Store::open(target.string());
        load_snapshot_file(store, archive.string());
    });
    bytes = std::filesystem::file_size(archive);
    return seconds;
}

double csv_round_trip(const std::filesystem::path& work, std::uintmax_t& bytes) {
    const auto folder = work / "csv";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const auto target = work / "csv.db";
    fresh_copy(work / "empty.db", target);
    bytes = 0;
    const double seconds = time_it([&] {
        {
            const auto source = Store::open((work / "iro.db").string());
            for (auto c : all_collections()) export_csv_file(source, c, (folder / (std::string(to_string(c)) + ".csv")).string());
        }
        auto store = Store::open(target.string());
        ImportIdMap ids;
        TableImportOptions options;
        options.ids = &ids;
        options.max_bytes = std::uint64_t{1} << 32;
        options.max_rows = 10'000'000;
        for (auto c : all_collections()) import_csv_file(store, c, (folder / (std::string(to_string(c)) + ".csv")).string(), options);
    });
    for (const auto& f : std::filesystem::directory_iterator(folder)) bytes += f.file_size();
    return seconds;
}

} // namespace

nlohmann::json measure_snapshot(const std::filesystem::path& work, bool portable) {
    const auto expected = visits_in((work / "iro.db").string());
    nlohmann::json out = nlohmann::json::object();
    const std::pair<ArchiveFormat, const char*> formats[] = {
        {ArchiveFormat::Binary, "binary"}, {ArchiveFormat::Xml, "xml"}, {ArchiveFormat::Text, "text"}};
    for (const auto& [format, name] : formats) {
        if (format != ArchiveFormat::Binary && !portable) continue;
        std::uintmax_t bytes = 0;
        const double seconds = snapshot_round_trip(work, format, name, bytes);
        if (visits_in((work / (std::string("snapshot-") + name + ".db")).string()) != expected)
            throw std::runtime_error(std::string("the ") + name + " snapshot did not bring back every visit");
        out[name] = {{"seconds", seconds}, {"bytes", bytes}};
    }
    std::uintmax_t bytes = 0;
    const double seconds = csv_round_trip(work, bytes);
    if (visits_in((work / "csv.db").string()) != expected) throw std::runtime_error("the CSV import did not bring back every visit");
    out["csv"] = {{"seconds", seconds}, {"bytes", bytes}};
    return out;
}

} // namespace iro::bench
