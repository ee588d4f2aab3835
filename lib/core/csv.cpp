#include "core/csv.hpp"

#include "iro/error.hpp"

#include <fmt/format.h>

namespace iro::detail {

std::vector<CsvRecord> parse_csv(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<CsvRecord> records;
    CsvRecord record;
    std::string field;
    int line = 1;
    record.line = 1;
    bool quoted = false;      // inside a quoted field
    bool after_quote = false; // a quoted field just closed: only a separator may follow
    bool any = false;         // the current record has content
    const auto end_field = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
        after_quote = false;
    };
    const auto end_record = [&] {
        end_field();
        records.push_back(std::move(record));
        record = CsvRecord{};
        any = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                    after_quote = true;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == ',') {
            end_field();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !field.empty() || after_quote) end_record();
            ++line;
            record.line = line;
        } else if (after_quote) {
            throw FormatError(fmt::format("CSV line {}: unexpected character after a closing quote", line));
        } else if (c == '"' && field.empty()) {
            quoted = true;
            any = true;
        } else if (c == '"') {
            throw FormatError(fmt::format("CSV line {}: a quote inside an unquoted field (quote the whole field and double the quote)", line));
        } else {
            field += c;
            any = true;
        }
    }
    if (quoted) throw FormatError(fmt::format("CSV line {}: a quoted field is never closed", record.line));
    if (any || !field.empty() || after_quote) end_record();
    return records;
}

std::string csv_field(std::string_view value) {
    const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                              (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!needs_quotes) return std::string(value);
    std::string out = "\"";
    for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace iro::detail
