#pragma once
// RFC 4180 CSV reading and writing (private to the library).

#include <string>
#include <string_view>
#include <vector>

namespace iro::detail {

struct CsvRecord {
    int line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
};

// Splits CSV text into records: fields separated by commas, quoted fields may hold commas,
// line breaks and doubled quotes, lines end in LF or CRLF, a UTF-8 byte order mark is
// skipped. Throws FormatError naming the line for an unterminated quote or text after a
// closing quote.
std::vector<CsvRecord> parse_csv(std::string_view text);

// Quotes a field when it holds a comma, quote, CR or LF, or begins or ends with a space.
std::string csv_field(std::string_view value);

} // namespace iro::detail
