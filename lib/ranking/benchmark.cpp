#include "iro/error.hpp"
#include "iro/ranking_analysis.hpp"
#include "iro/text_fold.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace iro {

namespace {
// Folded name -> the first result of that name, for one table.
using NameIndex = std::map<std::string, const PublishedResult*>;

NameIndex index_names(const PublishedTable& table) {
    NameIndex index;
    for (const auto& r : table.results) index.emplace(fold_for_search(r.institution), &r);
    return index;
}

const PublishedResult* find_result(const NameIndex& index, const std::string& folded) {
    const auto it = index.find(folded);
    return it == index.end() ? nullptr : it->second;
}

std::optional<double> value_of(const PublishedResult* r, const std::string& indicator) {
    if (!r) return std::nullopt;
    if (indicator == "overall") return r->overall;
    const auto it = r->scores.find(indicator);
    return it == r->scores.end() ? std::nullopt : std::optional<double>(it->second);
}
} // namespace

std::vector<BenchmarkRow> peer_benchmark(const std::vector<PublishedTable>& tables, std::string_view home,
                                         const std::vector<std::string>& peers, const std::vector<std::string>& indicators) {
    if (peers.empty()) throw ValidationError("peers", "[]", "at least one peer institution");
    std::vector<const PublishedTable*> ordered;
    for (const auto& t : tables) ordered.push_back(&t);
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) { return a->edition.year < b->edition.year; });
    std::vector<NameIndex> names;
    for (const auto* t : ordered) names.push_back(index_names(*t));

    const auto home_key = fold_for_search(home);
    std::vector<std::string> peer_keys;
    for (const auto& p : peers) peer_keys.push_back(fold_for_search(p));
    const auto require_somewhere = [&](const std::string& key, std::string_view name) {
        for (const auto& index : names)
            if (find_result(index, key)) return;
        throw NotFoundError("published ranking result for", name);
    };
    require_somewhere(home_key, home);
    for (std::size_t p = 0; p < peers.size(); ++p) require_somewhere(peer_keys[p], peers[p]);

    std::vector<BenchmarkRow> out;
    for (std::size_t n = 0; n < ordered.size(); ++n) {
        const auto* t = ordered[n];
        const auto* mine = find_result(names[n], home_key);
        for (std::size_t p = 0; p < peers.size(); ++p) {
            const auto* theirs = find_result(names[n], peer_keys[p]);
            std::vector<std::string> codes = indicators;
            if (codes.empty()) {
                // "overall" first, then every code either side has, in code order.
                std::set<std::string> all;
                for (const auto* r : {mine, theirs})
                    if (r)
                        for (const auto& [code, score] : r->scores) all.insert(code);
                codes.push_back("overall");
                codes.insert(codes.end(), all.begin(), all.end());
            }
            for (const auto& code : codes) {
                BenchmarkRow row{t->edition.year, peers[p], code, value_of(theirs, code), value_of(mine, code), std::nullopt};
                if (!row.score && !row.home_score) continue;
                if (row.score && row.home_score) row.home_minus_peer = *row.home_score - *row.score;
                out.push_back(std::move(row));
            }
        }
    }
    return out;
}

} // namespace iro
