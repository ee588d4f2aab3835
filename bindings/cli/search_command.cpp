// iro search: finds institutions by any of their names, in any language or script.

#include "commands.hpp"

#include <iro/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <vector>

namespace iro::cli {

namespace {

struct SearchOptions {
    StoreOptions store;
    std::vector<std::string> words;
    int limit = 20;
    bool json = false;
};

void print_table(const std::vector<Institution>& found) {
    std::size_t id_width = 2;
    std::size_t ror_width = 3;
    for (const auto& i : found) {
        id_width = std::max(id_width, std::to_string(i.id.value()).size());
        ror_width = std::max(ror_width, std::max<std::size_t>(1, i.identifiers.ror.size()));
    }
    std::cout << fmt::format("{:<{}}  {:<7}  {:<{}}  {}\n", "ID", id_width, "COUNTRY", "ROR", ror_width, "NAME");
    for (const auto& i : found) {
        const auto& ror = i.identifiers.ror.empty() ? std::string("-") : i.identifiers.ror;
        std::cout << fmt::format("{:<{}}  {:<7}  {:<{}}  {}\n", i.id.value(), id_width, i.country, ror, ror_width,
                                 i.display_name());
    }
}

void print_json(const std::vector<Institution>& found) {
    auto rows = nlohmann::json::array();
    for (const auto& i : found) {
        rows.push_back({{"id", i.id.value()},
                        {"ror", i.identifiers.ror},
                        {"country", i.country},
                        {"city", i.city},
                        {"name", i.display_name()},
                        {"type", to_string(i.type)},
                        {"status", to_string(i.status)},
                        {"is_home", i.is_home}});
    }
    std::cout << rows.dump(2) << "\n";
}

void run_search(const SearchOptions& o) {
    std::string text;
    for (const auto& w : o.words) text += (text.empty() ? "" : " ") + w;
    const auto store = open_existing(o.store);
    const auto found = store.institutions().search(text, o.limit);
    if (o.json) print_json(found);
    else if (found.empty()) std::cout << fmt::format("No institution matches '{}'.\n", text);
    else print_table(found);
}

} // namespace

void add_search_command(CLI::App& app, Context& context) {
    auto o = std::make_shared<SearchOptions>();
    auto* search = app.add_subcommand("search", "Find institutions by name, in any language or script");
    add_store_options(*search, o->store);
    search->add_option("TEXT", o->words, "Words to look for; each must start a word of a name")->required();
    search->add_option("-n,--limit", o->limit, "At most this many results, best first")
        ->check(CLI::Range(1, 10000))
        ->capture_default_str();
    search->add_flag("--json", o->json, "Print a JSON array instead of a table");
    search->footer(
        "Case, accents and Arabic letter variants are folded: 'universite' finds 'Université',\n"
        "'جامعه' finds 'جامعة'. Prints the id, country, ROR id and display name.\n"
        "Example:\n"
        "  iro search --db office.db polytechnic palestine\n");
    when_chosen(*search, context, [o] { run_search(*o); });
}

} // namespace iro::cli
