#include "convert.hpp"

#include <datetime.h>
#include <fmt/format.h>

#include <climits>

namespace iro::python {

PyObject* g_enum_base = nullptr;

std::string type_name(py::handle h) {
    // "iro._iro.Institution" reads better as "Institution"; builtins have no dots.
    const std::string_view full = Py_TYPE(h.ptr())->tp_name;
    const auto dot = full.rfind('.');
    return std::string(dot == std::string_view::npos ? full : full.substr(dot + 1));
}

std::string text_of(py::handle h) {
    PyObject* s = PyObject_Str(h.ptr());
    if (!s) {
        PyErr_Clear();
        return "<" + type_name(h) + ">";
    }
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(s, &size);
    std::string out = data ? std::string(data, static_cast<std::size_t>(size)) : "<" + type_name(h) + ">";
    if (!data) PyErr_Clear();
    Py_DECREF(s);
    return out;
}

void wrong_type(std::string_view field, py::handle h, std::string_view expected) {
    throw ArgumentTypeError(std::string(field), text_of(h), fmt::format("{} (got {})", expected, type_name(h)));
}

namespace {
// Whether h's type is or derives from the named one. numpy's types are found by name, as
// iro does not link numpy.
bool is_of_type(py::handle h, std::string_view name) {
    for (const PyTypeObject* t = Py_TYPE(h.ptr()); t; t = t->tp_base)
        if (name == t->tp_name) return true;
    return false;
}

// bool is an int in Python, but True as an id or a count is always a mistake; numpy.bool_
// likewise. A numpy array has __index__ and __float__ but is not one number.
bool is_bool_or_array(py::handle h) {
    return PyBool_Check(h.ptr()) || is_of_type(h, "numpy.bool_") || is_of_type(h, "numpy.ndarray");
}
} // namespace

std::int64_t int64_from_py(py::handle h, std::string_view field) {
    if (!PyLong_CheckExact(h.ptr()) && (is_bool_or_array(h) || !PyIndex_Check(h.ptr()))) wrong_type(field, h, "an int");
    auto index = py::reinterpret_steal<py::object>(PyNumber_Index(h.ptr()));
    if (!index) throw py::error_already_set();
    int overflow = 0;
    const long long value = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
    if (overflow != 0)
        throw ValidationError(std::string(field), text_of(h), "an integer that fits in 64 bits");
    if (value == -1 && PyErr_Occurred()) throw py::error_already_set();
    return value;
}

bool Convert<bool>::from(py::handle h, std::string_view field) {
    if (PyBool_Check(h.ptr())) return h.ptr() == Py_True;
    // numpy.bool_ is not a Python bool, but a frame column yields them.
    if (is_of_type(h, "numpy.bool_")) return PyObject_IsTrue(h.ptr()) == 1;
    wrong_type(field, h, "True or False");
}

int Convert<int>::from(py::handle h, std::string_view field) {
    const auto value = int64_from_py(h, field);
    if (value < INT_MIN || value > INT_MAX)
        throw ValidationError(std::string(field), std::to_string(value), "an integer that fits in 32 bits");
    return static_cast<int>(value);
}

double Convert<double>::from(py::handle h, std::string_view field) {
    // numpy.float32, float16 and longdouble are not Python floats (float64 is), but frame
    // columns and arrays yield them.
    const bool plain = PyFloat_CheckExact(h.ptr()) || PyLong_CheckExact(h.ptr());
    const bool number = PyFloat_Check(h.ptr()) || PyIndex_Check(h.ptr()) || is_of_type(h, "numpy.floating");
    if (!plain && (is_bool_or_array(h) || !number)) wrong_type(field, h, "a number");
    const double value = PyFloat_AsDouble(h.ptr());
    if (value == -1.0 && PyErr_Occurred()) {
        // An int too large for a double.
        PyErr_Clear();
        throw ValidationError(std::string(field), text_of(h), "a number that fits in a double");
    }
    return value;
}

std::string Convert<std::string>::from(py::handle h, std::string_view field) {
    if (!PyUnicode_Check(h.ptr())) wrong_type(field, h, "a str");
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(h.ptr(), &size);
    if (!data) {
        // Lone surrogates cannot be written as UTF-8.
        PyErr_Clear();
        throw ValidationError(std::string(field), "<text with unpaired surrogates>", "valid Unicode text");
    }
    return std::string(data, static_cast<std::size_t>(size));
}

py::object Convert<std::string>::to(const std::string& v) {
    // Stored text is validated UTF-8; "replace" keeps a damaged file readable instead of failing.
    auto s = py::reinterpret_steal<py::object>(PyUnicode_DecodeUTF8(v.data(), static_cast<Py_ssize_t>(v.size()), "replace"));
    if (!s) throw py::error_already_set();
    return s;
}

AcademicYear Convert<AcademicYear>::from(py::handle h, std::string_view field) {
    if (py::isinstance<AcademicYear>(h)) return h.cast<AcademicYear>();
    if (PyUnicode_Check(h.ptr())) {
        try {
            return AcademicYear::parse(Convert<std::string>::from(h, field));
        } catch (const ValidationError& e) {
            throw ValidationError(std::string(field), e.value(), e.expected());
        }
    }
    wrong_type(field, h, "an iro.AcademicYear or a str such as '2025/2026'");
}

void require_list_like(py::handle h, std::string_view field) {
    if (PyUnicode_Check(h.ptr()) || PyBytes_Check(h.ptr()) || PyDict_Check(h.ptr()) || !py::hasattr(h, "__iter__"))
        wrong_type(field, h, "a list");
}

std::string item_field(std::string_view field, std::size_t index) {
    return fmt::format("{}[{}]", field, index);
}

namespace {
constexpr std::string_view kDateExpected = "a datetime.date or an ISO date string 'YYYY-MM-DD'";

void ensure_datetime_api() {
    // The C API table is per translation unit; every datetime call in the module is in this file.
    if (!PyDateTimeAPI) {
        PyDateTime_IMPORT;
        if (!PyDateTimeAPI) throw py::error_already_set();
    }
}

// Reads year/month/day through attributes for date subclasses (pandas.NaT has none that
// are integers), through the C struct for plain dates.
Date date_parts(py::handle d, std::string_view field, py::handle original) {
    int y = 0, m = 0, day = 0;
    if (PyDate_CheckExact(d.ptr()) || PyDateTime_CheckExact(d.ptr())) {
// CPython's accessor macros are C casts.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
        y = PyDateTime_GET_YEAR(d.ptr());
        m = PyDateTime_GET_MONTH(d.ptr());
        day = PyDateTime_GET_DAY(d.ptr());
#pragma GCC diagnostic pop
    } else {
        py::object parts[3] = {py::getattr(d, "year", py::none()), py::getattr(d, "month", py::none()),
                               py::getattr(d, "day", py::none())};
        for (const auto& p : parts)
            if (!PyLong_Check(p.ptr())) throw ValidationError(std::string(field), text_of(original), "a real calendar date");
        y = parts[0].cast<int>();
        m = parts[1].cast<int>();
        day = parts[2].cast<int>();
    }
    const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)}, std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) throw ValidationError(std::string(field), text_of(original), "a real calendar date");
    return date;
}
} // namespace

Date date_from_py(py::handle h, std::string_view field) {
    ensure_datetime_api();
    if (PyUnicode_Check(h.ptr())) return parse_date(Convert<std::string>::from(h, field), field);
    // A datetime (pandas.Timestamp too) stands for its calendar date: analysts' dates often
    // come out of frames as timestamps at midnight.
    if (PyDateTime_Check(h.ptr())) {
        auto d = h.attr("date")();
        if (!PyDate_Check(d.ptr())) throw ValidationError(std::string(field), text_of(h), "a real calendar date");
        return date_parts(d, field, h);
    }
    if (PyDate_Check(h.ptr())) return date_parts(h, field, h);
    wrong_type(field, h, kDateExpected);
}

py::object date_to_py(Date date) {
    ensure_datetime_api();
    // A default-constructed Date is "not set yet" (a new Agreement's proposed_on).
    if (!date.ok()) return py::none();
    const int y = static_cast<int>(date.year());
    if (y < 1 || y > 9999) throw ValidationError("date", format_date(date), "a year from 1 to 9999");
    auto out = py::reinterpret_steal<py::object>(
        PyDate_FromDate(y, static_cast<int>(static_cast<unsigned>(date.month())), static_cast<int>(static_cast<unsigned>(date.day()))));
    if (!out) throw py::error_already_set();
    return out;
}

} // namespace iro::python
