#pragma once
// The stored institutions: the home institution and the partner registry.

#include "iro/country.hpp"
#include "iro/institution.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

namespace detail { class Database; }

struct InstitutionFilter {
    std::optional<InstitutionType> type{};
    std::optional<InstitutionStatus> status{};
    std::optional<std::string> country{};
    std::optional<WorldRegion> region{};
    std::optional<Scope> scope{};        // relative to the home institution
    bool include_home = false;         // the home institution is left out unless asked for

    friend bool operator==(const InstitutionFilter&, const InstitutionFilter&) = default;
};

// What lists and tables show of an institution, read without its names, identifiers and
// addresses: a light form for the thousands of rows of a registry.
struct InstitutionSummary {
    InstitutionId id;
    std::string display_name;  // as Institution::display_name()
    std::string country;
    bool is_home = false;

    bool operator==(const InstitutionSummary&) const = default;
};

class Institutions {
public:
    explicit Institutions(detail::Database& db) : db_(&db) {}

    // Validates and stores; returns the new id. A ConflictError when an identifier is already
    // used or when `is_home` is set and the store has a home institution.
    InstitutionId add(Institution institution);
    // Adds many in one transaction: all or nothing. Every add_many builds its tables' plain
    // indexes after the rows when the batch has 10,000 rows or more and the table holds no
    // more than that: one sort per index instead of a scattered insert per row.
    std::vector<InstitutionId> add_many(std::vector<Institution> institutions);
    // Replaces every field but the id; `is_home` cannot be moved this way.
    void update(const Institution& institution);
    // Marks `merged` as merged into `successor`; both keep their history.
    void merge_into(InstitutionId merged, InstitutionId successor);

    Institution get(InstitutionId id) const;  // NotFoundError
    std::optional<Institution> find_by_ror(std::string_view ror) const;
    Institution home() const;                 // NotFoundError when none is set
    bool has_home() const;

    std::vector<Institution> find(const InstitutionFilter& filter = {}) const;
    std::int64_t count(const InstitutionFilter& filter = {}) const;
    // The summaries of the institutions `filter` selects, in id order.
    std::vector<InstitutionSummary> summaries(const InstitutionFilter& filter = {}) const;
    // The summaries of `ids` (any order, repeats allowed), in id order; NotFoundError for an
    // unknown id.
    std::vector<InstitutionSummary> summaries(const std::vector<InstitutionId>& ids) const;

    // Full-text name search across languages and scripts; case, accents and Arabic letter
    // variants are folded. Best matches first.
    std::vector<Institution> search(std::string_view text, int limit = 50) const;

    // Local, regional or international, relative to the home institution.
    Scope scope_of(const Institution& institution) const;

    // The regional set (ISO codes). Defaults to default_regional_countries(home country).
    std::vector<std::string> regional_countries() const;
    void set_regional_countries(std::vector<std::string> codes);

private:
    detail::Database* db_;
};

} // namespace iro
