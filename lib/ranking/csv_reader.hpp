#pragma once
// An RFC 4180 CSV reader that knows where every field starts, so import errors can name
// the line and column (private to the library).

#include <string>
#include <string_view>
#include <vector>

namespace iro::detail::csv_reader {

struct Row {
    int line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
};

// Splits `text` into records: fields separated by commas; a field in double quotes may hold
// commas, line breaks and doubled quotes; records end in CRLF, LF or a lone CR; a UTF-8
// byte order mark is skipped; empty lines are skipped. FormatError "CSV line L, column C:
// ..." for a quote inside an unquoted field, text after a closing quote, or a quoted field
// that is never closed.
std::vector<Row> read(std::string_view text);

} // namespace iro::detail::csv_reader
