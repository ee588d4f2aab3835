#include "iro/ranking_results.hpp"

#include "core/csv.hpp"
#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "ranking/codes.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <set>

namespace iro {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_blank_cell(std::string_view cell) {
    const auto s = trim(cell);
    return s.empty() || s == "-" || s == "n/a" || s == "N/A" || s == "N/a";
}

// Locale-independent: a spreadsheet's "72.4" must not depend on the reader's settings.
std::optional<double> parse_number(std::string_view cell) {
    auto s = trim(cell);
    if (s.starts_with('+')) s.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

void check_score(double value, const std::string& field) {
    if (!std::isfinite(value)) throw ValidationError(field, fmt::format("{}", value), "a finite number");
}
} // namespace

void validate(const PublishedResult& r, std::string_view field) {
    const std::string f(field);
    detail::check_text(f + ".institution", r.institution, detail::kMaxNameLength, true);
    if (r.institution_id && !r.institution_id->valid())
        throw ValidationError(f + ".institution_id", std::to_string(r.institution_id->value()), "a stored institution's id");
    parse_rank(r.rank, f + ".rank");
    if (r.overall) check_score(*r.overall, f + ".overall");
    for (const auto& [code, score] : r.scores) {
        detail::check_indicator_code(code, f + ".scores");
        check_score(score, fmt::format("{}.scores.{}", f, code));
    }
}

std::vector<PublishedResult> import_results_csv(std::string_view text, const std::map<std::string, std::string>& columns) {
    // The mapping is checked before the text: a wrong mapping is the caller's, not the file's.
    std::set<std::string> targets;
    for (const auto& [column, target] : columns) {
        const bool field = std::find(kResultFields.begin(), kResultFields.end(), target) != kResultFields.end();
        if (!field) detail::check_indicator_code(target, fmt::format("columns['{}']", column));
        if (!targets.insert(target).second)
            throw ValidationError(fmt::format("columns['{}']", column), target, "a target no other column maps to");
    }
    for (const char* required : {"institution", "rank"})
        if (!targets.count(required))
            throw ValidationError("columns", fmt::format("no column mapped to {}", required),
                                  fmt::format("a mapping with a column for {}", required));

    const auto rows = detail::parse_csv(text);
    if (rows.empty()) throw FormatError("CSV text is empty: expected a header line and results");
    const auto& header = rows.front().fields;
    struct Use {
        std::size_t index;
        std::string column;
        std::string target;
    };
    std::vector<Use> uses;
    for (const auto& [column, target] : columns) {
        const auto it = std::find_if(header.begin(), header.end(), [&wanted = column](const std::string& h) { return trim(h) == wanted; });
        if (it == header.end()) {
            std::string names;
            for (const auto& h : header) names += (names.empty() ? "" : ", ") + std::string(trim(h));
            throw ValidationError(fmt::format("columns['{}']", column), column, fmt::format("a column of the header: {}", names));
        }
        uses.push_back({static_cast<std::size_t>(it - header.begin()), column, target});
    }

    std::vector<PublishedResult> out;
    out.reserve(rows.size() - 1);
    for (std::size_t k = 1; k < rows.size(); ++k) {
        const auto& row = rows[k];
        if (row.fields.size() != header.size())
            throw FormatError(fmt::format("CSV line {}, column {}: {} fields where the header has {}", row.line,
                                          std::min(row.fields.size(), header.size()) + 1, row.fields.size(), header.size()));
        PublishedResult r;
        for (const auto& use : uses) {
            const auto cell = trim(row.fields[use.index]);
            const auto where = fmt::format("line {} column '{}'", row.line, use.column);
            if (use.target == "institution") {
                detail::check_text(where, cell, detail::kMaxNameLength, true);
                r.institution = std::string(cell);
            } else if (use.target == "rank") {
                r.rank = format_rank(parse_rank(cell, where));
            } else if (is_blank_cell(cell)) {
                continue;
            } else if (const auto value = parse_number(cell)) {
                if (use.target == "overall") r.overall = *value;
                else r.scores[use.target] = *value;
            } else {
                throw ValidationError(where, std::string(cell), "a number, or a blank cell ('', '-' or 'n/a')");
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace iro
