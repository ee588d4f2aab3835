#include "frame.hpp"

#include <pybind11/numpy.h>

#include <fmt/format.h>

#include <limits>
#include <string>
#include <vector>

namespace iro::python {

namespace {
constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kNanosPerDay = 86'400'000'000'000;
// datetime64[ns] holds 1677-09-21 00:12 .. 2262-04-11 23:47; whole days inside that span are safe.
constexpr std::int64_t kMinDay = -106'751;
constexpr std::int64_t kMaxDay = 106'751;

template <class T>
py::array_t<T> to_array(const std::vector<T>& v) {
    return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
}

// The pandas CategoricalDtype of a set of categories. pandas checks the categories each time
// one is made (about 80 µs, most of a small frame's cost), so each set gets one dtype, shared
// by every frame. The cache is a dict on the module: it lives and dies with its interpreter.
// The categories are made read-only, so that no frame can change them for the others.
py::object categorical_dtype(const py::module_& pd, const std::vector<std::string>& categories) {
    py::module_ module = py::module_::import("iro._iro");
    if (!py::hasattr(module, "_categorical_dtypes")) module.attr("_categorical_dtypes") = py::dict();
    py::dict made = module.attr("_categorical_dtypes");
    py::tuple key(categories.size());
    for (std::size_t k = 0; k < categories.size(); ++k) key[k] = py::str(categories[k]);
    if (made.contains(key)) return made[key];
    py::object dtype = pd.attr("CategoricalDtype")(py::list(key), py::arg("ordered") = false);
    dtype.attr("categories").attr("values").attr("setflags")(py::arg("write") = false);
    made[key] = dtype;
    return dtype;
}
} // namespace

void Frame::int64(std::string name, std::vector<std::int64_t> values) {
    Column c{std::move(name), Kind::Int64};
    c.ints = std::move(values);
    columns_.push_back(std::move(c));
}

void Frame::optional_int64(std::string name, const std::vector<std::optional<std::int64_t>>& values) {
    Column c{std::move(name), Kind::OptionalInt64};
    for (const auto& v : values) {
        c.ints.push_back(v.value_or(0));
        c.flags.push_back(v ? 0 : 1);
    }
    columns_.push_back(std::move(c));
}

void Frame::boolean(std::string name, const std::vector<bool>& values) {
    Column c{std::move(name), Kind::Bool};
    for (bool v : values) c.flags.push_back(v ? 1 : 0);
    columns_.push_back(std::move(c));
}

void Frame::float64(std::string name, std::vector<double> values) {
    Column c{std::move(name), Kind::Float64};
    c.reals = std::move(values);
    columns_.push_back(std::move(c));
}

void Frame::date(std::string name, const std::vector<std::optional<Date>>& values) {
    Column c{std::move(name), Kind::Date};
    for (const auto& v : values) {
        if (!v || !v->ok()) {
            c.ints.push_back(kNaT);
            continue;
        }
        const auto days = std::chrono::sys_days{*v}.time_since_epoch().count();
        if (days < kMinDay || days > kMaxDay) {
            c.ints.push_back(kNaT);
            ++c.out_of_range;
        } else {
            c.ints.push_back(static_cast<std::int64_t>(days) * kNanosPerDay);
        }
    }
    columns_.push_back(std::move(c));
}

void Frame::text(std::string name, std::vector<std::string> values) {
    Column c{std::move(name), Kind::Text};
    c.texts = std::move(values);
    columns_.push_back(std::move(c));
}

void Frame::text_codes(std::string name, std::shared_ptr<const std::vector<std::string>> dictionary, std::vector<std::int32_t> codes) {
    Column c{std::move(name), Kind::TextCodes};
    c.dictionary = std::move(dictionary);
    c.codes = std::move(codes);
    columns_.push_back(std::move(c));
}

void RepeatedText::push_back(std::string_view value) {
    // Rows often repeat the value before them (the title of each line of one agreement).
    if (!codes_.empty() && codes_.back() >= 0 && (*values_)[static_cast<std::size_t>(codes_.back())] == value) {
        codes_.push_back(codes_.back());
        return;
    }
    auto it = code_of_.find(value);
    if (it == code_of_.end()) {
        it = code_of_.emplace(std::string(value), static_cast<std::int32_t>(values_->size())).first;
        values_->emplace_back(value);
    }
    codes_.push_back(it->second);
}

void RepeatedText::add_to(Frame& frame, std::string name) {
    frame.text_codes(std::move(name), std::move(values_), std::move(codes_));
    values_ = std::make_shared<std::vector<std::string>>();
    codes_.clear();
    code_of_.clear();
}

namespace {
// A numpy object array of `n` strings, the i-th made by text_at(i) as a new reference.
// Filled in place: a list would be copied into an array again by pandas.
template <class TextAt>
py::array object_array(std::size_t n, TextAt text_at) {
    py::array out(py::dtype("object"), static_cast<py::ssize_t>(n));
    auto** slots = static_cast<PyObject**>(out.mutable_data());
    for (std::size_t i = 0; i < n; ++i) {
        PyObject* value = text_at(i).release().ptr();
        Py_XDECREF(slots[i]);
        slots[i] = value;
    }
    return out;
}
} // namespace

py::object Frame::to_pandas() const {
    auto pd = py::module_::import("pandas");
    py::dict data;
    for (const auto& c : columns_) {
        py::str key(c.name);
        switch (c.kind) {
        case Kind::Int64:
            data[key] = to_array(c.ints);
            break;
        case Kind::OptionalInt64: {
            py::array_t<bool> mask(static_cast<py::ssize_t>(c.flags.size()));
            auto m = mask.mutable_unchecked<1>();
            for (std::size_t i = 0; i < c.flags.size(); ++i) m(static_cast<py::ssize_t>(i)) = c.flags[i] != 0;
            data[key] = pd.attr("arrays").attr("IntegerArray")(to_array(c.ints), mask);
            break;
        }
        case Kind::Bool: {
            py::array_t<bool> values(static_cast<py::ssize_t>(c.flags.size()));
            auto v = values.mutable_unchecked<1>();
            for (std::size_t i = 0; i < c.flags.size(); ++i) v(static_cast<py::ssize_t>(i)) = c.flags[i] != 0;
            data[key] = values;
            break;
        }
        case Kind::Float64:
            data[key] = to_array(c.reals);
            break;
        case Kind::Date:
            data[key] = to_array(c.ints).attr("view")("datetime64[ns]");
            if (c.out_of_range > 0) {
                const auto message = fmt::format("{}: {} date(s) outside the range pandas can hold (1677-09-22 to 2262-04-11) "
                                                 "are shown as NaT",
                                                 c.name, c.out_of_range);
                if (PyErr_WarnEx(PyExc_RuntimeWarning, message.c_str(), 1) < 0) throw py::error_already_set();
            }
            break;
        case Kind::Text:
            data[key] = object_array(c.texts.size(), [&](std::size_t i) { return to_py(c.texts[i]); });
            break;
        case Kind::TextCodes: {
            const py::object empty = to_py(std::string());
            std::vector<py::object> made(c.dictionary->size());  // the Python string of each entry, once used
            data[key] = object_array(c.codes.size(), [&](std::size_t i) {
                const auto code = c.codes[i];
                if (code < 0) return empty;
                auto& text = made.at(static_cast<std::size_t>(code));
                if (!text) text = to_py((*c.dictionary)[static_cast<std::size_t>(code)]);
                return text;
            });
            break;
        }
        case Kind::Category: {
            data[key] = pd.attr("Categorical").attr("from_codes")(to_array(c.ints),
                                                                  py::arg("dtype") = categorical_dtype(pd, c.categories));
            break;
        }
        }
    }
    return pd.attr("DataFrame")(data);
}

} // namespace iro::python
