#pragma once
// Published ranking results: one row per institution of an edition, as the publisher
// shows it, and their import from spreadsheet CSV.

#include "iro/ids.hpp"
#include "iro/ranking_bands.hpp"
#include "iro/ranking_methodology.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

struct PublishedResult {
    std::string institution;                     // the name as published
    std::optional<InstitutionId> institution_id;  // the matching institution in the store, if linked
    std::string rank;                            // as published: "12", "=12", "801-850", "1401+"
                                                 // (the CSV import writes it as format_rank does)
    std::optional<double> overall;               // editions hide it below their top
    std::map<std::string, double> scores;        // indicator code -> score; unpublished ones absent

    friend bool operator==(const PublishedResult&, const PublishedResult&) = default;
};

// The published results of one edition, in the publisher's order.
struct PublishedTable {
    RankingEdition edition;
    std::vector<PublishedResult> results;

    friend bool operator==(const PublishedTable&, const PublishedTable&) = default;
};

// Throws ValidationError naming `field` (e.g. "results[3].rank") unless the name is a
// single line of text, the rank parses (parse_rank), the overall and scores are finite and
// score codes are indicator codes ([a-z0-9_]+).
void validate(const PublishedResult& result, std::string_view field = "result");

// Reads published results from CSV text (RFC 4180: quoted fields, embedded commas and line
// breaks, doubled quotes, CRLF or LF line ends; a UTF-8 byte order mark is skipped). The
// first record is the header. `columns` maps a header name to "institution", "rank",
// "overall" or an indicator code; unmapped columns are ignored and blank lines skipped.
// Cells "", "-" and "n/a" are blank: a blank score or overall is left out.
//
// FormatError, naming the line and column, for malformed CSV (a quote inside an unquoted
// field, text after a closing quote, an unclosed quote, a record with the wrong number of
// fields). ValidationError for a mapping that does not fit the header (institution and
// rank must be mapped, every mapped column must exist, no target twice) and for bad values
// (naming "line N column 'name'"): a score that is not a number, a rank that is not a rank,
// a blank institution.
std::vector<PublishedResult> import_results_csv(std::string_view text, const std::map<std::string, std::string>& columns);

} // namespace iro
