// The DataFrame side of rankings: tables of indicator scores read a whole column at a time,
// and the answers (totals, ranks, labels, what-if, gap, sensitivity, published results)
// built as pandas Series and DataFrames.

#include "frame.hpp"
#include "rankings_support.hpp"

#include <pybind11/numpy.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

namespace iro::python::ranking {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double or_nan(const std::optional<double>& v) {
    return v ? *v : kMissing;
}

py::module_ pandas() {
    return py::module_::import("pandas");
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

// The codes a methodology scores from: its indicators, then its components.
std::vector<std::string> codes_of(const Methodology& m) {
    std::vector<std::string> out;
    for (const auto* list : {&m.indicators, &m.components})
        for (const auto& i : *list) out.push_back(i.code);
    return out;
}

std::vector<std::string> column_names(py::handle df) {
    std::vector<std::string> out;
    for (auto c : df.attr("columns")) out.push_back(text_of(c));
    return out;
}

std::string column_field(std::string_view column) {
    return fmt::format("df['{}']", column);
}

// A numeric 1-D array (a Series' values, a list) as doubles, NaN where missing.
// ArgumentTypeError naming `field` for anything that is not numbers.
std::vector<double> numbers_of(py::handle pd, py::handle values, const std::string& field, std::string_view expected) {
    const bool series = py::isinstance(values, pd.attr("Series"));
    if (series) {
        py::object dtype = values.attr("dtype");
        const auto kind = py::str(dtype.attr("kind")).cast<std::string>();
        if (kind == "i" || kind == "u" || kind == "f") {
            // A numpy column holds NaN for a missing score already and is read as it is (a
            // view, cast to double by numpy). The nullable Int64 and Float64 columns hold
            // pd.NA: na_value makes it NaN.
            const bool plain = py::isinstance<py::dtype>(dtype);
            auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(
                plain ? values.attr("to_numpy")()
                      : values.attr("to_numpy")(py::arg("dtype") = "float64", py::arg("na_value") = kMissing));
            if (!a) throw ArgumentTypeError(field, "a column that numpy cannot read", std::string(expected));
            return std::vector<double>(a.data(), a.data() + a.size());
        }
        if (kind != "O")
            throw ArgumentTypeError(field, fmt::format("a column of dtype {}", text_of(dtype)), std::string(expected));
    } else {
        require_list_like(values, field);
        if (py::isinstance<py::array>(values) && values.attr("ndim").cast<int>() != 1)
            throw ArgumentTypeError(field, "an array of " + text_of(values.attr("ndim")) + " dimensions", std::string(expected));
    }
    // Object columns and plain lists: item by item, so that a stray text is named. None,
    // NaN and pd.NA are missing.
    py::object na = pd.attr("NA");
    std::vector<double> out;
    for (auto item : values) {
        if (item.is_none() || item.is(na)) out.push_back(kMissing);
        else out.push_back(Convert<double>::from(item, field));
    }
    return out;
}

std::vector<double> numbers_of(py::handle values, const std::string& field, std::string_view expected) {
    return numbers_of(pandas(), values, field, expected);
}

// The index of a Series, or None for other sequences (pandas then numbers from 0).
py::object index_of(py::handle values) {
    return py::isinstance(values, pandas().attr("Series")) ? py::object(values.attr("index")) : py::object(py::none());
}

py::object series(py::object data, py::object index, const char* name) {
    return pandas().attr("Series")(data, py::arg("index") = index, py::arg("name") = name);
}

template <class T>
std::optional<std::int64_t> as_int64(const std::optional<T>& v) {
    return v ? std::optional<std::int64_t>(*v) : std::nullopt;
}

void add_scored_columns(Frame& f, const std::vector<const ScoredRow*>& rows) {
    std::vector<std::string> name, label;
    std::vector<double> sum, total, rounded;
    std::vector<std::optional<std::int64_t>> rank;
    std::vector<bool> tied;
    for (const auto* r : rows) {
        name.push_back(r->name);
        sum.push_back(or_nan(r->weighted_sum));
        total.push_back(or_nan(r->total));
        rounded.push_back(or_nan(r->rounded_total));
        rank.push_back(as_int64(r->rank));
        label.push_back(r->label);
        tied.push_back(r->tied);
    }
    f.text("name", std::move(name));
    f.float64("weighted_sum", std::move(sum));
    f.float64("total", std::move(total));
    f.float64("rounded_total", std::move(rounded));
    f.optional_int64("rank", rank);
    f.text("label", std::move(label));
    f.boolean("tied", tied);
}

// A 1-D numpy array of Python objects, filled slot by slot.
class ObjectColumn {
public:
    explicit ObjectColumn(py::ssize_t size) : array_(py::dtype("object"), std::vector<py::ssize_t>{size}) {}
    void set(py::ssize_t i, py::object value) {
        auto** slots = static_cast<PyObject**>(array_.mutable_data());
        PyObject* old = slots[i];  // numpy starts an object array with NULL or None
        slots[i] = value.release().ptr();
        Py_XDECREF(old);
    }
    const py::array& array() const { return array_; }

private:
    py::array array_;
};

py::object with_index(const Frame& f, py::object index) {
    py::object df = f.to_pandas();
    if (!index.is_none()) df.attr("index") = index;
    return df;
}

} // namespace

FrameTable read_table(const Methodology& m, py::handle df, py::handle name_column, bool with_names, bool with_rows) {
    const py::object pd = pandas();
    if (!py::isinstance(df, pd.attr("DataFrame")))
        wrong_type("df", df, "a pandas.DataFrame with one column per indicator code");
    FrameTable t;
    t.index = df.attr("index");
    const auto n = py::len(df);
    py::object columns = df.attr("columns");

    auto& names = t.columns.names;
    if (!with_names) {
        names.resize(n);
    } else if (name_column.is_none()) {
        for (auto label : t.index) names.push_back(text_of(label));
    } else {
        const auto column = from_py<std::string>(name_column, "name_column");
        if (!columns.contains(py::str(column)))
            throw ValidationError("name_column", column, "a column of df: " + joined(column_names(df)));
        const auto field = column_field(column);
        py::object values = df.attr("__getitem__")(py::str(column));
        // A Series is read in one tolist() call, and its texts are kept for the answers.
        if (py::isinstance(values, pd.attr("Series"))) values = t.name_list = values.attr("tolist")();
        names.reserve(n);
        bool plain_texts = true;  // every name a str, not a subclass: the answers may hold them as they are
        for (auto v : values) {
            names.push_back(from_py<std::string>(v, field));
            plain_texts = plain_texts && PyUnicode_CheckExact(v.ptr());
        }
        if (!plain_texts || (t.name_list && (!PyList_Check(t.name_list.ptr()) || py::len(t.name_list) != names.size())))
            t.name_list = py::object();
    }

    // Whole columns, each checked as it is read.
    const auto codes = codes_of(m);
    auto& read = t.columns.columns;
    for (const auto& code : codes) {
        if (!columns.contains(py::str(code))) continue;
        const auto field = column_field(code);
        py::object column = df.attr("__getitem__")(py::str(code));
        if (py::isinstance(column, pd.attr("DataFrame")))
            throw ValidationError(field, fmt::format("{} columns", py::len(column.attr("columns"))), "one column per indicator code");
        auto values = numbers_of(pd, column, field, "numbers, with NaN or None for a missing score");
        for (std::size_t i = 0; i < n; ++i) {
            const double v = values[i];
            if (!std::isnan(v) && !std::isfinite(v))
                throw ValidationError(fmt::format("{} at {}", field, text_of(py::repr(t.index.attr("__getitem__")(i)))),
                                      fmt::format("{}", v), "a finite score, or NaN for a missing one");
        }
        read.push_back(ScoreColumn{code, std::move(values)});
    }
    if (read.empty())
        throw ValidationError("df", "columns " + joined(column_names(df)),
                              fmt::format("at least one column named after an indicator code of {} {}: {}", m.system, m.year,
                                          joined(codes)));
    if (!with_rows) return t;
    // The rows' scores are filled code by code in sorted order, so each lands at the end of
    // the row's map.
    std::vector<const ScoreColumn*> sorted;
    for (const auto& c : read) sorted.push_back(&c);
    std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->code < b->code; });
    t.rows.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& row = t.rows[i];
        row.name = names[i];
        for (const auto* c : sorted)
            if (!std::isnan(c->scores[i])) row.scores.emplace_hint(row.scores.end(), c->code, c->scores[i]);  // NaN: missing
    }
    return t;
}

std::size_t select_row(FrameTable& t, py::handle df, py::handle row, py::handle name_column) {
    const bool by_name = !name_column.is_none();
    const char* expected = by_name ? "one name of the name column" : "one label of the frame's index";
    if (row.is_none() || PyList_Check(row.ptr()) || PyDict_Check(row.ptr()) || PyAnySet_Check(row.ptr()) ||
        py::isinstance<py::array>(row) || py::isinstance(row, pandas().attr("Series")))
        wrong_type("row", row, expected);
    py::object keys = by_name ? py::object(df.attr("__getitem__")(name_column)) : py::object(df.attr("index"));
    std::vector<std::size_t> found;
    try {
        auto mask = py::array_t<bool>::ensure(py::module_::import("numpy").attr("asarray")(keys.attr("__eq__")(row), py::arg("dtype") = "bool"));
        if (mask && static_cast<std::size_t>(mask.size()) == t.columns.names.size())
            for (py::ssize_t i = 0; i < mask.size(); ++i)
                if (mask.data()[i]) found.push_back(static_cast<std::size_t>(i));
    } catch (const py::error_already_set& e) {
        // Labels that cannot be compared with `row` (or a tuple pandas reads as a list) do not match it.
        if (!e.matches(PyExc_TypeError) && !e.matches(PyExc_ValueError)) throw;
    }
    if (found.empty()) throw NotFoundError("ranking table row", text_of(row));
    if (found.size() > 1)
        throw ValidationError("row", text_of(row),
                              by_name ? "a name that appears once in the name column" : "a label that appears once in the frame's index");
    const auto at = found.front();
    for (std::size_t i = 0; i < t.rows.size(); ++i) t.rows[i].name = i == at ? t.columns.names[i] : "\x1f#" + std::to_string(i);
    return at;
}

Methodology with_bounds(Methodology m, py::handle bounds) {
    if (bounds.is_none()) return m;
    if (!(PyTuple_Check(bounds.ptr()) || PyList_Check(bounds.ptr())) || py::len(bounds) != 2)
        wrong_type("bounds", bounds, "a pair (scale_min, scale_max) of numbers or None");
    if (m.scaling != TotalScaling::MinMaxRescaled)
        throw ValidationError("bounds", text_of(bounds),
                              fmt::format("no bounds for {} {}: its totals are {}; bounds apply to min_max_rescaled totals", m.system,
                                          m.year, to_string(m.scaling)));
    const auto pair = py::reinterpret_borrow<py::sequence>(bounds);
    m.scale_min = from_py<std::optional<double>>(pair[0], "bounds[0]");
    m.scale_max = from_py<std::optional<double>>(pair[1], "bounds[1]");
    return m;
}

py::object overall_series(const std::vector<ScoredRow>& scored, const FrameTable& table) {
    py::array_t<double> totals(static_cast<py::ssize_t>(scored.size()));
    auto total = totals.mutable_unchecked<1>();
    for (std::size_t i = 0; i < scored.size(); ++i) total(static_cast<py::ssize_t>(i)) = or_nan(scored[i].total);
    return series(totals, table.index, "overall");
}

py::object scored_frame(const std::vector<ScoredRow>& scored, const FrameTable& table) {
    const auto n = static_cast<py::ssize_t>(scored.size());
    py::array_t<double> sum_array(n), total_array(n), rounded_array(n);
    py::array_t<std::int64_t> rank_array(n);
    py::array_t<bool> unranked_array(n), tied_array(n);
    auto sum = sum_array.mutable_unchecked<1>();
    auto total = total_array.mutable_unchecked<1>();
    auto rounded = rounded_array.mutable_unchecked<1>();
    auto rank = rank_array.mutable_unchecked<1>();
    auto unranked = unranked_array.mutable_unchecked<1>();
    auto tied = tied_array.mutable_unchecked<1>();
    // Text columns as numpy object arrays, which pandas takes as they are (a list it would
    // first convert).
    ObjectColumn names(n), labels(n), refused(n);
    // The name column's own texts when the table came from one (the names are those texts).
    const bool same_names = table.name_list && py::len(table.name_list) == scored.size();
    // A label is one str per rank and tie (banded ranks share it); a reason one str per text.
    std::unordered_map<std::int64_t, py::object> label_of;
    std::unordered_map<std::string, py::object> reason_of;
    const py::str empty("");
    for (py::ssize_t i = 0; i < n; ++i) {
        const auto& r = scored[static_cast<std::size_t>(i)];
        sum(i) = or_nan(r.weighted_sum);
        total(i) = or_nan(r.total);
        rounded(i) = or_nan(r.rounded_total);
        rank(i) = r.rank.value_or(0);
        unranked(i) = !r.rank;
        tied(i) = r.tied;
        names.set(i, same_names ? py::reinterpret_borrow<py::object>(PyList_GET_ITEM(table.name_list.ptr(), i)) : to_py(r.name));
        if (r.label.empty()) {
            labels.set(i, empty);
        } else {
            auto& label = label_of[std::int64_t{r.rank.value_or(0)} * 2 + (r.tied ? 1 : 0)];
            if (!label) label = to_py(r.label);
            labels.set(i, label);
        }
        if (r.refused.empty()) {
            refused.set(i, empty);
        } else {
            auto& reason = reason_of[r.refused];
            if (!reason) reason = to_py(r.refused);
            refused.set(i, reason);
        }
    }
    const py::object pd = pandas();
    py::dict data;
    data["name"] = names.array();
    data["weighted_sum"] = sum_array;
    data["total"] = total_array;
    data["rounded_total"] = rounded_array;
    data["rank"] = pd.attr("arrays").attr("IntegerArray")(rank_array, unranked_array);
    data["label"] = labels.array();
    data["tied"] = tied_array;
    data["refused"] = refused.array();
    // Every column is a new array of this call: nothing to copy or consolidate.
    return pd.attr("DataFrame")(data, py::arg("index") = table.index, py::arg("copy") = false);
}

py::object sensitivity_frame(const Methodology& m, const std::vector<IndicatorSensitivity>& rows) {
    std::vector<std::string> code, name;
    std::vector<double> weight, per_point;
    for (const auto& s : rows) {
        code.push_back(s.code);
        const auto* indicator = m.find(s.code);
        name.push_back(indicator ? indicator->name : std::string());
        weight.push_back(s.weight);
        per_point.push_back(or_nan(s.per_point));
    }
    Frame f;
    f.text("code", std::move(code));
    f.text("name", std::move(name));
    f.float64("weight", std::move(weight));
    f.float64("per_point", std::move(per_point));
    return f.to_pandas();
}

py::object rank_series(const Methodology& m, py::handle scores) {
    const auto values = numbers_of(scores, "scores", "totals: numbers, with NaN for a row without a total");
    std::vector<double> finite;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) continue;
        if (!std::isfinite(values[i]))
            throw ValidationError(fmt::format("scores[{}]", i), fmt::format("{}", values[i]),
                                  "a finite total, or NaN for a row without a total");
        finite.push_back(values[i]);
    }
    std::vector<int> ranks;
    {
        py::gil_scoped_release nogil;
        ranks = competition_ranks(finite, m.rank_decimals);
    }
    std::vector<std::int64_t> out(values.size(), 0);
    py::array_t<bool> mask(static_cast<py::ssize_t>(values.size()));
    auto missing = mask.mutable_unchecked<1>();
    for (std::size_t i = 0, k = 0; i < values.size(); ++i) {
        const bool none = std::isnan(values[i]);
        missing(static_cast<py::ssize_t>(i)) = none;
        if (!none) out[i] = ranks[k++];
    }
    py::object data = pandas().attr("arrays").attr("IntegerArray")(py::array_t<std::int64_t>(static_cast<py::ssize_t>(out.size()), out.data()), mask);
    return series(data, index_of(scores), "rank");
}

py::object band_labels(const Methodology& m, py::handle ranks, py::handle tied) {
    if (PyIndex_Check(ranks.ptr()) && !PyBool_Check(ranks.ptr()) && !py::isinstance<py::array>(ranks)) {
        const auto rank = from_py<int>(ranks, "ranks");
        return py::str(rank_label(m.bands, rank, tied.is_none() ? false : from_py<bool>(tied, "tied")));
    }
    const auto values = numbers_of(ranks, "ranks", "ranks: whole numbers, with NaN for an unranked row");
    std::vector<int> whole(values.size(), 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) continue;
        if (!(values[i] >= 1 && values[i] <= 1e9) || std::floor(values[i]) != values[i])
            throw ValidationError(fmt::format("ranks[{}]", i), fmt::format("{}", values[i]), "a whole rank of 1 or more");
        whole[i] = static_cast<int>(values[i]);
    }
    std::vector<bool> shared(values.size(), false);
    if (tied.is_none()) {
        std::map<int, int> count;
        for (int r : whole)
            if (r > 0) ++count[r];
        for (std::size_t i = 0; i < whole.size(); ++i) shared[i] = whole[i] > 0 && count[whole[i]] > 1;
    } else {
        require_list_like(tied, "tied");
        std::vector<bool> flags;
        for (auto flag : tied) flags.push_back(from_py<bool>(flag, item_field("tied", flags.size())));
        if (flags.size() != shared.size())
            throw ValidationError("tied", fmt::format("{} flags", flags.size()), fmt::format("one flag per rank ({})", shared.size()));
        shared = std::move(flags);
    }
    py::list labels(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        labels[i] = py::str(whole[i] > 0 ? rank_label(m.bands, whole[i], shared[i]) : std::string());
    return series(labels, index_of(ranks), "label");
}

py::object what_if_frame(const WhatIfResult& r) {
    Frame f;
    add_scored_columns(f, {&r.before, &r.after});
    py::list index;
    index.append("before");
    index.append("after");
    return with_index(f, index);
}

py::object gap_frame(const GapResult& r) {
    std::vector<std::string> code;
    std::vector<double> limit, current, increase, raised_to;
    for (std::size_t k = 0; k < r.levers.size(); ++k) {
        const auto& lever = r.levers[k];
        const auto it = r.increases.find(lever.code);
        const double add = it == r.increases.end() ? 0.0 : it->second;
        const double now = k < r.current.size() ? or_nan(r.current[k]) : kMissing;
        code.push_back(lever.code);
        limit.push_back(lever.limit);
        current.push_back(now);
        increase.push_back(add);
        raised_to.push_back(now + add);  // NaN when the row had no score
    }
    Frame f;
    f.text("code", std::move(code));
    f.float64("limit", std::move(limit));
    f.float64("current", std::move(current));
    f.float64("increase", std::move(increase));
    f.float64("new_score", std::move(raised_to));
    return f.to_pandas();
}

py::object robustness_frame(const RobustnessResult& r) {
    std::vector<std::string> code;
    std::vector<double> best, worst;
    for (const auto& [c, w] : r.best_weights) {
        code.push_back(c);
        best.push_back(w);
        const auto it = r.worst_weights.find(c);
        worst.push_back(it == r.worst_weights.end() ? kMissing : it->second);
    }
    Frame f;
    f.text("code", std::move(code));
    f.float64("best_weight", std::move(best));
    f.float64("worst_weight", std::move(worst));
    return f.to_pandas();
}

py::object indicator_frame(const Methodology& m) {
    std::vector<std::string> code, name, pillar, kind;
    std::vector<double> weight;
    for (const auto& [list, what] : {std::pair{&m.indicators, "indicator"}, std::pair{&m.components, "component"}})
        for (const auto& i : *list) {
            code.push_back(i.code);
            name.push_back(i.name);
            weight.push_back(i.weight);
            pillar.push_back(i.pillar);
            kind.emplace_back(what);
        }
    Frame f;
    f.text("code", std::move(code));
    f.text("name", std::move(name));
    f.float64("weight", std::move(weight));
    f.text("pillar", std::move(pillar));
    f.text("kind", std::move(kind));
    return f.to_pandas();
}

py::object results_frame(const std::vector<PublishedResult>& results, const std::vector<std::string>& order) {
    std::set<std::string> all;
    for (const auto& r : results)
        for (const auto& [code, score] : r.scores) all.insert(code);
    std::vector<std::string> codes;
    for (const auto& c : order)
        if (all.count(c) && std::find(codes.begin(), codes.end(), c) == codes.end()) codes.push_back(c);
    for (const auto& c : all)
        if (std::find(codes.begin(), codes.end(), c) == codes.end()) codes.push_back(c);

    std::vector<std::string> institution, rank;
    std::vector<std::optional<std::int64_t>> id, first, last;
    std::vector<bool> tied;
    std::vector<double> overall;
    std::vector<std::vector<double>> scores(codes.size());
    for (const auto& r : results) {
        institution.push_back(r.institution);
        id.push_back(r.institution_id ? std::optional<std::int64_t>(r.institution_id->value()) : std::nullopt);
        rank.push_back(r.rank);
        const auto position = parse_rank(r.rank);
        first.emplace_back(position.first);
        last.push_back(as_int64(position.last));
        tied.push_back(position.tied);
        overall.push_back(or_nan(r.overall));
        for (std::size_t k = 0; k < codes.size(); ++k) {
            const auto it = r.scores.find(codes[k]);
            scores[k].push_back(it == r.scores.end() ? kMissing : it->second);
        }
    }
    Frame f;
    f.text("institution", std::move(institution));
    f.optional_int64("institution_id", id);
    f.text("rank", std::move(rank));
    f.optional_int64("rank_first", first);
    f.optional_int64("rank_last", last);
    f.boolean("tied", tied);
    f.float64("overall", std::move(overall));
    for (std::size_t k = 0; k < codes.size(); ++k) f.float64(codes[k], std::move(scores[k]));
    return f.to_pandas();
}

py::object benchmark_frame(const std::vector<BenchmarkRow>& rows) {
    std::vector<std::int64_t> year;
    std::vector<std::string> institution, indicator;
    std::vector<double> score, home, difference;
    for (const auto& r : rows) {
        year.push_back(r.year);
        institution.push_back(r.institution);
        indicator.push_back(r.indicator);
        score.push_back(or_nan(r.score));
        home.push_back(or_nan(r.home_score));
        difference.push_back(or_nan(r.home_minus_peer));
    }
    Frame f;
    f.int64("year", std::move(year));
    f.text("institution", std::move(institution));
    f.text("indicator", std::move(indicator));
    f.float64("score", std::move(score));
    f.float64("home_score", std::move(home));
    f.float64("home_minus_peer", std::move(difference));
    return f.to_pandas();
}

py::object trajectory_frame(const std::vector<TrajectoryPoint>& points) {
    std::vector<std::int64_t> year;
    std::vector<std::string> institution, rank;
    std::vector<std::optional<std::int64_t>> first, last;
    std::vector<bool> tied;
    std::vector<double> overall;
    for (const auto& p : points) {
        const auto position = parse_rank(p.rank);
        year.push_back(p.year);
        institution.push_back(p.institution);
        rank.push_back(p.rank);
        first.emplace_back(position.first);
        last.push_back(as_int64(position.last));
        tied.push_back(position.tied);
        overall.push_back(or_nan(p.overall));
    }
    Frame f;
    f.int64("year", std::move(year));
    f.text("institution", std::move(institution));
    f.text("rank", std::move(rank));
    f.optional_int64("rank_first", first);
    f.optional_int64("rank_last", last);
    f.boolean("tied", tied);
    f.float64("overall", std::move(overall));
    return f.to_pandas();
}

py::object home_figures_frame(const std::vector<std::pair<int, std::map<std::string, double>>>& years) {
    std::set<std::string> keys;
    for (const auto& [year, figures] : years)
        for (const auto& [key, value] : figures) keys.insert(key);
    std::vector<std::int64_t> year_column;
    std::map<std::string, std::vector<double>> columns;
    for (const auto& [year, figures] : years) {
        year_column.push_back(year);
        for (const auto& key : keys) {
            const auto it = figures.find(key);
            columns[key].push_back(it == figures.end() ? kMissing : it->second);
        }
    }
    Frame f;
    f.int64("year", std::move(year_column));
    for (auto& [key, values] : columns) f.float64(key, std::move(values));
    return f.to_pandas();
}

py::dict number_map_to_py(const std::map<std::string, double>& values) {
    py::dict out;
    for (const auto& [k, v] : values) out[to_py(k)] = v;
    return out;
}

std::map<std::string, double> number_map_from_py(py::handle h, std::string_view field) {
    // A dict, or any mapping with items() (a pandas Series of figures too); not a text.
    const bool dict = PyDict_CheckExact(h.ptr());
    if (!dict && (PyUnicode_Check(h.ptr()) || PyBytes_Check(h.ptr()) || !py::hasattr(h, "items")))
        wrong_type(field, h, "a dict of code to number");
    std::map<std::string, double> out;
    const auto add = [&](py::handle key_object, py::handle value) {
        // A str key with a float is read directly: the error texts are made only when needed,
        // as what_if_many reads a thousand of these.
        if (PyUnicode_CheckExact(key_object.ptr()) && PyFloat_CheckExact(value.ptr())) {
            Py_ssize_t size = 0;
            if (const char* text = PyUnicode_AsUTF8AndSize(key_object.ptr(), &size)) {
                out[std::string(text, static_cast<std::size_t>(size))] = PyFloat_AS_DOUBLE(value.ptr());
                return;
            }
            PyErr_Clear();  // from_py reports it
        }
        const auto key = from_py<std::string>(key_object, fmt::format("{} key", field));
        out[key] = from_py<double>(value, fmt::format("{}['{}']", field, key));
    };
    if (dict) {
        PyObject* key = nullptr;
        PyObject* value = nullptr;
        Py_ssize_t pos = 0;
        while (PyDict_Next(h.ptr(), &pos, &key, &value)) add(key, value);
        return out;
    }
    for (auto item : h.attr("items")()) {
        const auto pair = py::reinterpret_borrow<py::sequence>(item);
        add(pair[0], pair[1]);
    }
    return out;
}

} // namespace iro::python::ranking
