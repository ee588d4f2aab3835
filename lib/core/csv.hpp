#pragma once
// The one RFC 4180 CSV reader and writer of the library (private). The reader knows where
// every record starts, so callers can name the line and column of a problem.

#include <string>
#include <string_view>
#include <vector>

namespace iro::detail {

struct CsvRecord {
    int line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
};

// Splits `text` into records: fields separated by commas; a field in double quotes may hold
// commas, line breaks and doubled quotes; records end in CRLF, LF or a lone CR; a UTF-8
// byte order mark is skipped; empty lines are skipped. FormatError "CSV line L, column C:
// ..." for a quote inside an unquoted field, text after a closing quote, or a quoted field
// that is never closed.
std::vector<CsvRecord> parse_csv(std::string_view text);

// One field as written: quoted (with inner quotes doubled) when it holds a comma, quote, CR
// or LF, or begins or ends with a space.
std::string csv_field(std::string_view value);

// One record: the fields through csv_field, joined by commas, ended by CRLF.
std::string csv_record(const std::vector<std::string>& fields);

} // namespace iro::detail
