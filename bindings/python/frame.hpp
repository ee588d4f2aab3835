#pragma once
// A pandas DataFrame built column by column: the columns are filled as plain C++ vectors
// (without the GIL, under the store mutex if need be), then turned into numpy arrays,
// Categoricals and lists and handed to pandas.DataFrame once.

#include "convert.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace iro::python {

class Frame {
public:
    void int64(std::string name, std::vector<std::int64_t> values);
    // pandas' nullable "Int64".
    void optional_int64(std::string name, const std::vector<std::optional<std::int64_t>>& values);
    void boolean(std::string name, const std::vector<bool>& values);
    // float64; NaN where a value is missing.
    void float64(std::string name, std::vector<double> values);
    // datetime64[ns]; missing dates are NaT.
    void date(std::string name, const std::vector<std::optional<Date>>& values);
    void text(std::string name, std::vector<std::string> values);
    // Text that repeats, given as codes into `dictionary` (-1 is the empty string): each
    // entry used becomes one Python string shared by its rows, so a million rows naming a
    // few thousand institutions make a few thousand strings.
    void text_codes(std::string name, std::shared_ptr<const std::vector<std::string>> dictionary, std::vector<std::int32_t> codes);

    // A pandas Categorical whose categories are the whole EnumNames<E> table, in its order,
    // so that counts show the values no row has.
    template <NamedEnum E>
    void category(std::string name, const std::vector<std::optional<E>>& values) {
        Column c{std::move(name), Kind::Category};
        for (const auto& [v, n] : EnumNames<E>::table) c.categories.emplace_back(n);
        c.ints.reserve(values.size());
        for (const auto& v : values) {
            std::int64_t code = -1;
            if (v)
                for (std::size_t i = 0; i < EnumNames<E>::table.size(); ++i)
                    if (EnumNames<E>::table[i].first == *v) code = static_cast<std::int64_t>(i);
            c.ints.push_back(code);
        }
        columns_.push_back(std::move(c));
    }

    // Needs the GIL. Warns (RuntimeWarning) about dates pandas cannot hold.
    py::object to_pandas() const;

private:
    enum class Kind { Int64, OptionalInt64, Bool, Float64, Date, Text, TextCodes, Category };
    struct Column {
        Column(std::string n, Kind k) : name(std::move(n)), kind(k) {}
        std::string name;
        Kind kind;
        std::vector<std::int64_t> ints;      // values, nanoseconds or category codes
        std::vector<double> reals;           // float64 values
        std::vector<std::uint8_t> flags;     // bools, or the missing-value mask
        std::vector<std::string> texts;      // text values
        std::vector<std::string> categories;
        std::vector<std::int32_t> codes;     // TextCodes: positions in `dictionary`
        std::shared_ptr<const std::vector<std::string>> dictionary;
        std::size_t out_of_range = 0;        // dates outside datetime64[ns]
    };
    std::vector<Column> columns_;
};

// A text column whose values repeat (titles, academic years, names): each distinct value is
// kept once and the rows hold codes into the list, for Frame::text_codes.
class RepeatedText {
public:
    void push_back(std::string_view value);
    void add_to(Frame& frame, std::string name);

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>> code_of_;
    std::shared_ptr<std::vector<std::string>> values_ = std::make_shared<std::vector<std::string>>();
    std::vector<std::int32_t> codes_;
};

} // namespace iro::python
