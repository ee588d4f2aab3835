// iro init: creates a database, optionally with the home institution or the sample office.

#include "commands.hpp"

#include <iro/error.hpp>
#include <iro/institution.hpp>
#include <iro/sample_data.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <tuple>

namespace fs = std::filesystem;

namespace iro::cli {

namespace {

struct InitOptions {
    StoreOptions store;
    bool force = false;
    bool sample = false;
    std::uint64_t seed = SampleOptions{}.seed;
    std::string today;
    std::string home_name;
    std::string home_country;
    std::string home_city;
    std::string home_ror;
    std::string home_schac;
    std::string home_erasmus;
};

// A database file and the sidecars SQLite keeps beside it in WAL mode.
void remove_database(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fs::path(path + suffix));
}

std::optional<Institution> home_of(const InitOptions& o) {
    if (o.home_name.empty()) return std::nullopt;
    Institution home;
    home.names = {{o.home_name, "", NameKind::Display}};
    home.country = o.home_country;
    home.city = o.home_city;
    home.identifiers.ror = o.home_ror;
    home.identifiers.schac = o.home_schac;
    home.identifiers.erasmus = o.home_erasmus;
    home.is_home = true;
    return home;
}

void print_sample(const SampleSummary& s) {
    std::cout << fmt::format(
        "Sample office written:\n"
        "  institutions  {} ({} partners)\n"
        "  units         {}\n"
        "  contacts      {}\n"
        "  agreements    {}\n"
        "  people        {}\n"
        "  activities    {}\n"
        "  programs      {} ({} calls, {} applications)\n"
        "  visits        {}\n"
        "  centre links  {}\n",
        s.institutions, s.partners, s.units, s.contacts, s.agreements, s.people, s.activities, s.programs, s.calls,
        s.applications, s.visits, s.centre_links);
}

void run_init(const InitOptions& o) {
    const std::string& path = o.store.db;
    const bool in_memory = path == ":memory:";
    std::error_code ec;
    if (!in_memory && fs::exists(path, ec) && !o.force)
        throw ConflictError(fmt::format("'{}' already exists; give --force to replace it", path));

    SampleOptions sample;
    sample.seed = o.seed;
    if (!o.today.empty()) sample.today = parse_date_option(o.today, "--today");
    const auto home = home_of(o);

    // Build the new database beside the target and move it into place at the end, so that a
    // failure leaves an existing database as it was and no half-made file behind.
    const std::string building = in_memory ? path : path + ".partial";
    if (!in_memory) remove_database(building);
    std::optional<SampleSummary> summary;
    int schema = 0;
    InstitutionId home_id;
    try {
        OpenOptions open;
        open.actor = o.store.actor;
        auto store = Store::open(building, open);
        schema = store.schema_version();
        if (o.sample) summary = generate_sample_data(store, sample);
        if (home) home_id = store.institutions().add(*home);
    } catch (...) {  // the store is closed here
        if (!in_memory) remove_database(building);
        throw;
    }
    if (!in_memory) {
        remove_database(path);
        fs::rename(building, path);
    }

    std::cout << fmt::format("Created {} (schema version {})\n", path, schema);
    if (home) std::cout << fmt::format("Home institution: {} ({}), id {}\n", o.home_name, o.home_country, home_id.value());
    if (summary) print_sample(*summary);
}

} // namespace

void add_init_command(CLI::App& app, Context& context) {
    auto o = std::make_shared<InitOptions>();
    auto* init = app.add_subcommand("init", "Create a database, empty, with its home institution, or with the sample office");
    add_store_options(*init, o->store);
    init->add_flag("-f,--force", o->force, "Replace the database when the file exists");

    auto* sample = init->add_flag("--sample", o->sample, "Fill it with the deterministic sample office (Palestine Polytechnic University)");
    init->add_option("--seed", o->seed, "Seed of the sample office")->needs(sample);
    init->add_option("--today", o->today, "The day the sample office is at (default: today, UTC)")
        ->type_name("YYYY-MM-DD")
        ->needs(sample);

    auto* name = init->add_option("--home-name", o->home_name, "Display name of the home institution")->type_name("NAME");
    auto* country = init->add_option("--home-country", o->home_country, "Its ISO 3166-1 alpha-2 country code")->type_name("CC");
    name->needs(country);
    country->needs(name);
    name->excludes(sample);
    for (auto [flag, field, help] : {std::tuple{"--home-city", &o->home_city, "Its city"},
                                     std::tuple{"--home-ror", &o->home_ror, "Its ROR id"},
                                     std::tuple{"--home-schac", &o->home_schac, "Its SCHAC code / EWP HEI id (needed by 'import ewp')"},
                                     std::tuple{"--home-erasmus", &o->home_erasmus, "Its Erasmus code"}}) {
        init->add_option(flag, *field, help)->needs(name);
    }
    init->footer(
        "An existing file is refused (exit 6) unless --force, which replaces it. The new database is\n"
        "built beside the target and moved into place, so a failure leaves the old one as it was.\n"
        "Examples:\n"
        "  iro init --db office.db --home-name 'Palestine Polytechnic University' --home-country PS --home-schac ppu.edu\n"
        "  iro init --db demo.db --sample --force\n");
    when_chosen(*init, context, [o] { run_init(*o); });
}

} // namespace iro::cli
