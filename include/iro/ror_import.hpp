#pragma once
// Importing the ROR data dump (https://ror.org, schema v2.1: a JSON array of organisation
// records) into the partner registry.
//
// The dump is read as a stream, one record at a time, so memory stays bounded whatever its
// size (beyond one record, about 40 bytes per record to spot an id repeated in the dump).
// Each record is validated, then written: an institution (matched to the store by its ROR
// id, updated in place on re-import, never duplicated) plus its RorDetails
// (ror_details.hpp). The whole import is one transaction: an error leaves the store as it
// was. Mapping, in short:
//   names      -> Institution::names; NameKind is the first of ror_display > label > alias >
//                 acronym among the name's types
//   types      -> Institution::type: the first of education (university), facility (research
//                 institute), funder, government (government body), nonprofit (foundation),
//                 company; otherwise (healthcare, archive, other) InstitutionType::Other
//   status     -> active: Active; inactive and withdrawn: Inactive, or Merged when a
//                 `successor` relationship names an institution in the store (looked up after
//                 the whole dump is written, so it may come later in the same dump)
//   locations[0].geonames_details -> country (country_code) and city (name)
//   links      -> Institution::website: the first valid `website` link
//   external_ids -> Identifiers::wikidata: the preferred Wikidata id, or the only one listed
// On an update, fields ROR leaves empty (website, Wikidata id) and fields ROR does not have
// (Erasmus code, SCHAC, PIC, the home flag) keep their stored values.

#include "iro/error.hpp"
#include "iro/ror_details.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace iro {

class Store;

// A record of the dump is not a valid ROR record. field() is the path inside the record
// ("locations[0].geonames_details.country_code"); the message also names the record by its
// position in the array and its ROR id.
class RorRecordError : public ValidationError {
public:
    RorRecordError(std::int64_t index, std::string ror, std::string field, std::string value, std::string_view expected);
    std::int64_t index() const noexcept { return index_; }       // 0-based position in the array
    const std::string& ror() const noexcept { return ror_; }     // as written; empty when unreadable
    const char* what() const noexcept override { return message_.c_str(); }

private:
    std::int64_t index_;
    std::string ror_;
    std::string message_;
};

// The progress callback asked to stop; nothing was written.
class ImportCancelledError : public Error {
public:
    using Error::Error;
};

// Called with the records read so far, the bytes read so far and the input's size.
// Returning false cancels the import.
using ImportProgress = std::function<bool(std::uint64_t records, std::uint64_t bytes_read, std::uint64_t bytes_total)>;

struct RorImportOptions {
    // Skip invalid records and list them in RorImportResult::problems instead of failing.
    // Malformed JSON and the size limits still stop the import.
    bool skip_invalid = false;
    std::uint64_t max_bytes = std::uint64_t{2} << 30;         // the whole input: 2 GiB
    std::uint64_t max_record_bytes = std::uint64_t{1} << 20;  // one record's JSON: 1 MiB
    ImportProgress progress;                                 // optional; also called once at the end
    std::uint64_t progress_every = 1000;                     // records between calls
    std::size_t max_problems = 1000;                         // problems listed; all are counted in `skipped`
};

struct RorImportProblem {
    std::int64_t index = 0;  // position in the array
    std::string ror;         // the record's id as written; empty when unreadable
    std::string field;       // path inside the record
    std::string message;

    friend bool operator==(const RorImportProblem&, const RorImportProblem&) = default;
};

// added + updated + unchanged + skipped == read. `withdrawn` counts the added and updated
// records that became withdrawn in ROR; `merged` the institutions that became Merged, which
// includes one imported earlier whose successor arrives with this dump.
struct RorImportResult {
    std::int64_t read = 0;
    std::int64_t added = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t withdrawn = 0;
    std::int64_t merged = 0;
    std::int64_t skipped = 0;
    std::vector<RorImportProblem> problems;

    friend bool operator==(const RorImportResult&, const RorImportResult&) = default;
};

// Imports a dump (or part of one) held in memory.
// Errors: FormatError (with the 0-based byte offset) for malformed JSON or a value that is not an
// array of records; RorRecordError for an invalid record (unless skip_invalid), one larger
// than max_record_bytes or one holding a number beyond a 64-bit integer or a double (those
// two stop the import even with skip_invalid); ValidationError for input larger than max_bytes or bad options;
// ImportCancelledError. In every case nothing is written.
RorImportResult import_ror(Store& store, std::string_view json_text, const RorImportOptions& options = {});

// As import_ror, reading the file as it goes. NotFoundError when the file does not exist,
// StorageError when it cannot be read.
RorImportResult import_ror_file(Store& store, const std::string& path, const RorImportOptions& options = {});

} // namespace iro
