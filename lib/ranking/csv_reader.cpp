#include "ranking/csv_reader.hpp"

#include "iro/error.hpp"

#include <fmt/format.h>

namespace iro::detail::csv_reader {

namespace {
[[noreturn]] void fail(int line, std::size_t column, std::string_view what) {
    throw FormatError(fmt::format("CSV line {}, column {}: {}", line, column, what));
}
} // namespace

std::vector<Row> read(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<Row> rows;
    Row row{1, {}};
    std::string field;
    int line = 1;
    std::size_t i = 0;
    const auto at_line_end = [&](std::size_t k) { return k >= text.size() || text[k] == '\n' || text[k] == '\r'; };
    // Consumes one line end at i (CRLF counts once) and starts the next line.
    const auto skip_line_end = [&] {
        if (i < text.size() && text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
    };
    while (i <= text.size()) {
        const std::size_t column = row.fields.size() + 1;
        bool quoted = false;
        if (i < text.size() && text[i] == '"') {
            quoted = true;
            const int opened_line = line;
            ++i;
            for (;;) {
                if (i >= text.size()) fail(opened_line, column, "a quoted field is never closed");
                const char c = text[i];
                if (c == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
                field += c;
                ++i;
            }
            if (i < text.size() && text[i] != ',' && !at_line_end(i))
                fail(line, column, "text after the closing quote of a quoted field (a quote inside a field is written twice)");
        } else {
            while (i < text.size() && text[i] != ',' && !at_line_end(i)) {
                if (text[i] == '"')
                    fail(line, column, "a quote inside an unquoted field (quote the whole field and write the quote twice)");
                field += text[i++];
            }
        }
        const bool blank_line = !quoted && field.empty() && row.fields.empty();
        row.fields.push_back(std::move(field));
        field.clear();
        if (i < text.size() && text[i] == ',') {
            ++i;
            continue;
        }
        // End of the record: a line end or the end of the text.
        if (!blank_line) rows.push_back(std::move(row));
        if (i >= text.size()) break;
        skip_line_end();
        row = Row{line, {}};
    }
    return rows;
}

} // namespace iro::detail::csv_reader
