#include "iro/rankings.hpp"

#include "iro/error.hpp"
#include "ranking/codes.hpp"
#include "store/checks.hpp"
#include "store/database.hpp"

#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace iro {

namespace {
using nlohmann::json;

std::optional<std::int64_t> edition_id(detail::Database& db, std::string_view system, int year) {
    auto& st = db.statement("SELECT id FROM ranking_edition WHERE system = ? AND year = ?");
    st.bind(1, std::string(system));
    st.bind(2, year);
    if (!st.executeStep()) return std::nullopt;
    const auto id = st.getColumn(0).getInt64();
    st.reset();
    return id;
}

std::int64_t ensure_edition(detail::Database& db, const std::string& system, int year) {
    if (auto id = edition_id(db, system, year)) return *id;
    auto& st = db.statement("INSERT INTO ranking_edition (system, year) VALUES (?, ?)");
    st.bind(1, system);
    st.bind(2, year);
    st.exec();
    return db.last_insert_id();
}

// An edition row lives only while it has a methodology or results.
void drop_edition_if_empty(detail::Database& db, std::int64_t id) {
    auto& st = db.statement("DELETE FROM ranking_edition WHERE id = ? AND NOT EXISTS (SELECT 1 FROM ranking_methodology WHERE "
                            "edition_id = ?) AND NOT EXISTS (SELECT 1 FROM ranking_result WHERE edition_id = ?)");
    for (int k = 1; k <= 3; ++k) st.bind(k, static_cast<int64_t>(id));
    st.exec();
}

std::optional<std::string> stored_definition(detail::Database& db, std::int64_t edition) {
    auto& st = db.statement("SELECT definition FROM ranking_methodology WHERE edition_id = ?");
    st.bind(1, static_cast<int64_t>(edition));
    if (!st.executeStep()) return std::nullopt;
    auto text = st.getColumn(0).getString();
    st.reset();
    return text;
}

void check_edition(const RankingEdition& e) {
    validate_system_code(e.system, "edition.system");
    detail::check_year(e.year, "edition.year");
}

// Results can run to thousands of rows: the audit log records what changed, not a copy.
std::string results_summary(const RankingEdition& e, std::size_t count) {
    return json{{"system", e.system}, {"year", e.year}, {"results", count}}.dump();
}

std::size_t result_count(detail::Database& db, std::int64_t edition) {
    auto& st = db.statement("SELECT count(*) FROM ranking_result WHERE edition_id = ?");
    st.bind(1, static_cast<int64_t>(edition));
    st.executeStep();
    const auto n = static_cast<std::size_t>(st.getColumn(0).getInt64());
    st.reset();
    return n;
}

std::vector<RankingEdition> editions_where(detail::Database& db, const std::string& sql, std::string_view system) {
    auto& st = db.statement(sql);
    if (!system.empty()) st.bind(1, std::string(system));
    std::vector<RankingEdition> out;
    while (st.executeStep()) out.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt()});
    return out;
}

std::string figures_json(const std::map<std::string, double>& figures) { return json(figures).dump(); }

std::map<std::string, double> load_figures(detail::Database& db, int year) {
    auto& st = db.statement("SELECT key, value FROM ranking_home_figure WHERE year = ? ORDER BY key");
    st.bind(1, year);
    std::map<std::string, double> out;
    while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getDouble();
    return out;
}
} // namespace

// --- methodologies ------------------------------------------------------------------------

void Rankings::save_methodology(const Methodology& methodology) {
    validate(methodology);
    if (has_builtin_methodology(methodology.system, methodology.year))
        throw ConflictError(fmt::format("{} {} has a built-in methodology and cannot be replaced; save yours under a system "
                                        "code of its own (e.g. '{}-LOCAL')",
                                        methodology.system, methodology.year, methodology.system));
    const auto definition = methodology_to_json(methodology);
    db_->write([&] {
        const auto id = ensure_edition(*db_, methodology.system, methodology.year);
        const auto before = stored_definition(*db_, id);
        auto& st = db_->statement("INSERT INTO ranking_methodology (edition_id, definition) VALUES (?, ?) "
                                  "ON CONFLICT (edition_id) DO UPDATE SET definition = excluded.definition");
        st.bind(1, static_cast<int64_t>(id));
        st.bind(2, definition);
        st.exec();
        db_->audit("ranking_methodology", id, before ? "update" : "add", before.value_or(""), definition);
    });
}

Methodology Rankings::load_methodology(std::string_view system, int year) const {
    const auto id = edition_id(*db_, system, year);
    const auto definition = id ? stored_definition(*db_, *id) : std::nullopt;
    if (!definition) throw NotFoundError("custom ranking methodology", fmt::format("{} {}", system, year));
    return methodology_from_json(*definition);
}

void Rankings::remove_methodology(std::string_view system, int year) {
    db_->write([&] {
        const auto id = edition_id(*db_, system, year);
        const auto before = id ? stored_definition(*db_, *id) : std::nullopt;
        if (!before) throw NotFoundError("custom ranking methodology", fmt::format("{} {}", system, year));
        auto& st = db_->statement("DELETE FROM ranking_methodology WHERE edition_id = ?");
        st.bind(1, static_cast<int64_t>(*id));
        st.exec();
        drop_edition_if_empty(*db_, *id);
        db_->audit("ranking_methodology", *id, "remove", *before, "");
    });
}

std::vector<RankingEdition> Rankings::custom_methodologies() const {
    return editions_where(*db_,
                          "SELECT e.system, e.year FROM ranking_edition e JOIN ranking_methodology m ON m.edition_id = e.id "
                          "ORDER BY e.system, e.year",
                          {});
}

Methodology Rankings::methodology(std::string_view system, int year) const {
    if (const auto id = edition_id(*db_, system, year))
        if (const auto definition = stored_definition(*db_, *id)) return methodology_from_json(*definition);
    return iro::methodology(system, year);
}

// --- published results ---------------------------------------------------------------------

void Rankings::save_results(const RankingEdition& edition, const std::vector<PublishedResult>& results) {
    check_edition(edition);
    if (results.empty()) throw ValidationError("results", "[]", "at least one result (remove_results deletes an edition's results)");
    for (std::size_t k = 0; k < results.size(); ++k) validate(results[k], fmt::format("results[{}]", k));
    db_->write([&] {
        for (std::size_t k = 0; k < results.size(); ++k)
            if (results[k].institution_id)
                detail::require_row(*db_, "institution", "institution", results[k].institution_id->value());
        const auto id = ensure_edition(*db_, edition.system, edition.year);
        const auto before = result_count(*db_, id);
        auto& clear = db_->statement("DELETE FROM ranking_result WHERE edition_id = ?");
        clear.bind(1, static_cast<int64_t>(id));
        clear.exec();
        for (std::size_t k = 0; k < results.size(); ++k) {
            const auto& r = results[k];
            auto& st = db_->statement("INSERT INTO ranking_result (edition_id, position, institution, institution_id, rank_text, "
                                      "rank_first, overall) VALUES (?, ?, ?, ?, ?, ?, ?)");
            st.bind(1, static_cast<int64_t>(id));
            st.bind(2, static_cast<int64_t>(k));
            st.bind(3, r.institution);
            detail::bind_optional_id(st, 4, r.institution_id ? std::optional<std::int64_t>(r.institution_id->value()) : std::nullopt);
            st.bind(5, r.rank);
            st.bind(6, parse_rank(r.rank).first);
            if (r.overall) st.bind(7, *r.overall);
            else st.bind(7);
            st.exec();
            const auto result_id = db_->last_insert_id();
            for (const auto& [code, score] : r.scores) {
                auto& s = db_->statement("INSERT INTO ranking_result_score (result_id, indicator, score) VALUES (?, ?, ?)");
                s.bind(1, static_cast<int64_t>(result_id));
                s.bind(2, code);
                s.bind(3, score);
                s.exec();
            }
        }
        db_->audit("ranking_results", id, before ? "update" : "add", before ? results_summary(edition, before) : "",
                   results_summary(edition, results.size()));
    });
}

std::vector<PublishedResult> Rankings::results(const RankingEdition& edition) const {
    const auto id = edition_id(*db_, edition.system, edition.year);
    if (!id || result_count(*db_, *id) == 0)
        throw NotFoundError("published ranking results", fmt::format("{} {}", edition.system, edition.year));
    std::vector<PublishedResult> out;
    {
        auto& st = db_->statement("SELECT institution, institution_id, rank_text, overall FROM ranking_result WHERE edition_id = ? "
                                  "ORDER BY position");
        st.bind(1, static_cast<int64_t>(*id));
        while (st.executeStep()) {
            PublishedResult r;
            r.institution = st.getColumn(0).getString();
            if (auto i = detail::column_optional_id(st.getColumn(1))) r.institution_id = InstitutionId{*i};
            r.rank = st.getColumn(2).getString();
            if (!st.getColumn(3).isNull()) r.overall = st.getColumn(3).getDouble();
            out.push_back(std::move(r));
        }
    }
    auto& st = db_->statement("SELECT r.position, s.indicator, s.score FROM ranking_result_score s JOIN ranking_result r ON "
                              "r.id = s.result_id WHERE r.edition_id = ? ORDER BY r.position, s.indicator");
    st.bind(1, static_cast<int64_t>(*id));
    while (st.executeStep())
        out.at(static_cast<std::size_t>(st.getColumn(0).getInt64())).scores[st.getColumn(1).getString()] = st.getColumn(2).getDouble();
    return out;
}

void Rankings::remove_results(const RankingEdition& edition) {
    db_->write([&] {
        const auto id = edition_id(*db_, edition.system, edition.year);
        const auto before = id ? result_count(*db_, *id) : 0;
        if (!before) throw NotFoundError("published ranking results", fmt::format("{} {}", edition.system, edition.year));
        auto& st = db_->statement("DELETE FROM ranking_result WHERE edition_id = ?");
        st.bind(1, static_cast<int64_t>(*id));
        st.exec();
        drop_edition_if_empty(*db_, *id);
        db_->audit("ranking_results", *id, "remove", results_summary(edition, before), "");
    });
}

std::vector<RankingEdition> Rankings::editions_with_results(std::string_view system) const {
    const std::string sql = "SELECT e.system, e.year FROM ranking_edition e WHERE EXISTS (SELECT 1 FROM ranking_result r WHERE "
                            "r.edition_id = e.id)";
    return editions_where(*db_, system.empty() ? sql + " ORDER BY e.system, e.year" : sql + " AND e.system = ? ORDER BY e.system, e.year",
                          system);
}

std::vector<PublishedTable> Rankings::tables(std::string_view system) const {
    validate_system_code(system);
    std::vector<PublishedTable> out;
    for (const auto& e : editions_with_results(system)) out.push_back({e, results(e)});
    return out;
}

std::vector<BenchmarkRow> Rankings::peer_benchmark(std::string_view system, std::string_view home,
                                                   const std::vector<std::string>& peers,
                                                   const std::vector<std::string>& indicators) const {
    return iro::peer_benchmark(tables(system), home, peers, indicators);
}

// --- home figures ---------------------------------------------------------------------------

void Rankings::set_home_figures(int year, const std::map<std::string, double>& figures) {
    detail::check_year(year, "year");
    if (figures.empty()) throw ValidationError("figures", "{}", "at least one figure");
    for (const auto& [key, value] : figures) {
        if (!detail::is_indicator_code(key))
            throw ValidationError("figures", key, "a key of 1 to 40 characters of a-z, 0-9 and '_', e.g. international_faculty");
        if (!std::isfinite(value) || value < 0)
            throw ValidationError("figures." + key, fmt::format("{}", value), "a finite number of 0 or more");
    }
    db_->write([&] {
        const auto before = load_figures(*db_, year);
        for (const auto& [key, value] : figures) {
            auto& st = db_->statement("INSERT INTO ranking_home_figure (year, key, value) VALUES (?, ?, ?) "
                                      "ON CONFLICT (year, key) DO UPDATE SET value = excluded.value");
            st.bind(1, year);
            st.bind(2, key);
            st.bind(3, value);
            st.exec();
        }
        db_->audit("ranking_home_figures", year, before.empty() ? "add" : "update", before.empty() ? "" : figures_json(before),
                   figures_json(load_figures(*db_, year)));
    });
}

void Rankings::remove_home_figure(int year, std::string_view key) {
    db_->write([&] {
        const auto before = load_figures(*db_, year);
        if (!before.count(std::string(key))) throw NotFoundError("home figure", fmt::format("{} {}", year, key));
        auto& st = db_->statement("DELETE FROM ranking_home_figure WHERE year = ? AND key = ?");
        st.bind(1, year);
        st.bind(2, std::string(key));
        st.exec();
        db_->audit("ranking_home_figures", year, "remove", figures_json(before), figures_json(load_figures(*db_, year)));
    });
}

std::map<std::string, double> Rankings::home_figures(int year) const { return load_figures(*db_, year); }

std::vector<int> Rankings::home_figure_years() const {
    auto& st = db_->statement("SELECT DISTINCT year FROM ranking_home_figure ORDER BY year");
    std::vector<int> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getInt());
    return out;
}

} // namespace iro
