#pragma once
// The stored side of rankings: custom methodologies, published results per edition and the
// home institution's own figures by year.

#include "iro/ranking_analysis.hpp"
#include "iro/ranking_methodology.hpp"
#include "iro/ranking_results.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

namespace detail { class Database; }

class Rankings {
public:
    explicit Rankings(detail::Database& db) : db_(&db) {}

    // --- methodologies ---
    // Adds or replaces a custom methodology (validated first). ConflictError for an edition
    // with a built-in methodology: save a variant under a code of its own ("QS-WUR-LOCAL").
    void save_methodology(const Methodology& methodology);
    Methodology load_methodology(std::string_view system, int year) const;  // NotFoundError
    void remove_methodology(std::string_view system, int year);            // NotFoundError
    // The stored custom editions, in system then year order.
    std::vector<RankingEdition> custom_methodologies() const;
    // The stored methodology of the edition, else the built-in one; NotFoundError if neither.
    Methodology methodology(std::string_view system, int year) const;

    // --- published results ---
    // Replaces the edition's results with `results` (validated first; linked institutions
    // must exist). All or nothing.
    void save_results(const RankingEdition& edition, const std::vector<PublishedResult>& results);
    // In stored order; NotFoundError when the edition has none.
    std::vector<PublishedResult> results(const RankingEdition& edition) const;
    void remove_results(const RankingEdition& edition);  // NotFoundError
    // Editions with stored results, in system then year order; all systems when `system`
    // is empty.
    std::vector<RankingEdition> editions_with_results(std::string_view system = {}) const;
    // Every stored table of a system, year ascending.
    std::vector<PublishedTable> tables(std::string_view system) const;
    // peer_benchmark() over the stored tables of `system`.
    std::vector<BenchmarkRow> peer_benchmark(std::string_view system, std::string_view home,
                                             const std::vector<std::string>& peers,
                                             const std::vector<std::string>& indicators = {}) const;

    // --- the home institution's own figures ---
    // Sets (adds or overwrites) figures of a year, e.g. {"international_faculty", 42},
    // {"faculty_total", 610}. Keys are [a-z0-9_]+; values finite and >= 0.
    void set_home_figures(int year, const std::map<std::string, double>& figures);
    void remove_home_figure(int year, std::string_view key);  // NotFoundError
    std::map<std::string, double> home_figures(int year) const;  // empty when none
    std::vector<int> home_figure_years() const;

private:
    detail::Database* db_;
};

} // namespace iro
