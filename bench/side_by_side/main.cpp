// iro_side_by_side: the C++ half of ./scripts/bench. Each command runs iro and its baseline
// on the same data in the same process and prints one JSON object.
#include "load_measure.hpp"
#include "query_measure.hpp"
#include "snapshot_measure.hpp"

#include <iro/error.hpp>

#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"Side-by-side measures of iro against its baselines"};
    app.require_subcommand(1);

    std::string scale_name = "S";
    std::string work = "bench-work";
    auto* load = app.add_subcommand("load", "bulk load of a sample dataset: iro against the SQLite C floor");
    load->add_option("--scale", scale_name, "S, M or L")->check(CLI::IsMember({"S", "M", "L"}));
    load->add_option("--work", work, "directory for the database files");
    int repeats = 3;
    bool iro_only = false;
    load->add_option("--repeats", repeats, "rounds; each contender keeps its best time")->check(CLI::Range(1, 20));
    load->add_flag("--iro-only", iro_only, "skip the floor and report iro's peak RSS");

    auto* snapshot = app.add_subcommand("snapshot", "binary snapshot save + load against CSV export + import (after load)");
    snapshot->add_option("--work", work, "the directory of a load run");
    bool portable = false;
    snapshot->add_flag("--portable", portable, "also time the XML and text archives");
    snapshot->add_option("--repeats", repeats, "rounds; each contender keeps its best time")->check(CLI::Range(1, 20));

    auto* queries = app.add_subcommand("queries", "iro's queries and analyses against hand-written SQL (after load)");
    queries->add_option("--work", work, "the directory of a load run");
    queries->add_option("--repeats", repeats, "rounds; each contender keeps its best time")->check(CLI::Range(1, 50));

    CLI11_PARSE(app, argc, argv);
    try {
        if (*load) {
            const auto scale = iro::enum_from_string<iro::SampleScale>(scale_name);
            std::cout << iro::bench::measure_load(scale, work, repeats, iro_only).dump(2) << '\n';
        }
        if (*queries) std::cout << iro::bench::measure_queries(work, repeats).dump(2) << '\n';
        if (*snapshot) std::cout << iro::bench::measure_snapshot(work, portable, repeats).dump(2) << '\n';
    } catch (const std::exception& e) {
        std::cerr << "iro_side_by_side: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
