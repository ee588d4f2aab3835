#include "core/csv.hpp"

#include "iro/error.hpp"

#include <fmt/format.h>

namespace iro::detail {

namespace {
[[noreturn]] void fail(int line, std::size_t column, std::string_view what) {
    throw FormatError(fmt::format("CSV line {}, column {}: {}", line, column, what));
}
} // namespace

std::vector<CsvRecord> parse_csv(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<CsvRecord> rows;
    CsvRecord row{1, {}};
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
        row = CsvRecord{line, {}};
    }
    return rows;
}

std::string csv_field(std::string_view value) {
    const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                              (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!needs_quotes) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_record(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t k = 0; k < fields.size(); ++k) {
        if (k > 0) out += ',';
        out += csv_field(fields[k]);
    }
    return out + "\r\n";
}

} // namespace iro::detail
