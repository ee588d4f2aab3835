// Rankings: methodologies and their maths over pandas DataFrames of indicator scores, the
// answers (what-if, gap to target, robustness), and on the office the custom methodologies,
// published results and the home institution's own figures (office.rankings).
//
// The pure-Python module iro.rankings (iro/rankings.py) is the public face of the free
// functions bound here with a leading underscore.

#include "bind.hpp"
#include "enums.hpp"
#include "rankings_support.hpp"
#include "value_class.hpp"

#include "iro/text_fold.hpp"

#include <fmt/format.h>
#include <iterator>

#include <algorithm>

namespace iro::python {

namespace {

using ranking::FrameTable;

std::string quoted(const std::string& s) {
    return fmt::format("'{}'", s);
}

std::string number(double v) {
    return fmt::format("{:g}", v);
}

std::string optional_number(const std::optional<double>& v, int decimals) {
    return v ? fmt::format("{:.{}f}", *v, decimals) : std::string("-");
}

std::string band_text(const RankBand& b) {
    return b.last ? fmt::format("{}-{}", b.first, *b.last) : fmt::format("{}+", b.first);
}

std::string bands_text(const RankingBands& b) {
    if (!b.exact_up_to) return "every rank exact";
    std::string out = fmt::format("exact to {}", *b.exact_up_to);
    if (!b.bands.empty()) {
        out += ", then " + band_text(b.bands.front());
        if (b.bands.size() > 2) out += " ...";
        if (b.bands.size() > 1) out += " " + band_text(b.bands.back());
        out += fmt::format(" ({} bands)", b.bands.size());
    }
    return out;
}

std::string methodology_repr(const Methodology& m) {
    std::string weights;
    for (const auto& i : m.indicators) weights += fmt::format("{}{} {}", weights.empty() ? "" : ", ", i.code, number(i.weight));
    std::string extra;
    if (!m.components.empty()) extra += fmt::format(" (+{} components)", m.components.size());
    std::string bounds;
    if (m.scale_min || m.scale_max)
        bounds = fmt::format(" bounds {}..{}", m.scale_min ? number(*m.scale_min) : "table", m.scale_max ? number(*m.scale_max) : "table");
    return fmt::format("<Methodology {} {} {}: {}{}; {}{}, missing {}, totals at {} dp, ranks at {} dp; {}{}>", m.system, m.year,
                       quoted(m.name), weights, extra, to_string(m.scaling), bounds, to_string(m.missing), m.total_decimals,
                       m.rank_decimals, bands_text(m.bands), m.bands.mark_ties ? ", '=' marks ties" : "");
}

std::string scored_text(const ScoredRow& r) {
    if (!r.total) return r.refused.empty() ? std::string("not scored") : "refused: " + r.refused;
    std::string out = fmt::format("total {}", optional_number(r.rounded_total, 1));
    if (r.rank) out += fmt::format(" rank {}", *r.rank);
    if (!r.label.empty() && r.label != std::to_string(r.rank.value_or(0))) out += fmt::format(" ({})", quoted(r.label));
    return out;
}

template <class T>
bool equal(const T& a, const T& b) {
    return a == b;
}

// The levers of gap_to_target: None (every weighted indicator up to 100), a dict of code
// to limit, or a list of codes (limit 100 each).
std::vector<GapLever> levers_from_py(const Methodology& m, py::handle levers) {
    std::vector<GapLever> out;
    if (levers.is_none()) {
        for (const auto& i : m.indicators)
            if (i.weight > 0) out.push_back({i.code, 100});
        return out;
    }
    if (!PyUnicode_Check(levers.ptr()) && py::hasattr(levers, "items")) {
        for (auto item : levers.attr("items")()) {
            const auto pair = py::reinterpret_borrow<py::sequence>(item);
            auto code = from_py<std::string>(pair[0], "levers key");
            const auto limit = from_py<double>(pair[1], fmt::format("levers['{}']", code));
            out.push_back({std::move(code), limit});
        }
        return out;
    }
    if (PyUnicode_Check(levers.ptr())) wrong_type("levers", levers, "a dict of indicator code to limit, or a list of codes");
    for (auto& code : from_py<std::vector<std::string>>(levers, "levers")) out.push_back({std::move(code), 100});
    return out;
}

// A CSV text given as text=... or read from path=... (UTF-8).
std::string csv_text(py::handle text, py::handle path) {
    if (text.is_none() == path.is_none())
        throw ArgumentTypeError("text", text.is_none() ? "None" : "a text and a path",
                                "either text (the CSV itself) or path (a file to read), exactly one of them");
    if (!text.is_none()) return from_py<std::string>(text, "text");
    if (!PyUnicode_Check(path.ptr()) && !py::hasattr(path, "__fspath__")) wrong_type("path", path, "a str or os.PathLike path");
    try {
        py::object file = py::module_::import("io").attr("open")(path, "r", py::arg("encoding") = "utf-8", py::arg("newline") = "");
        py::object content = file.attr("read")();
        file.attr("close")();
        return from_py<std::string>(content, "path");
    } catch (const py::error_already_set& e) {
        if (e.matches(PyExc_UnicodeDecodeError))
            throw FormatError(fmt::format("'{}' is not UTF-8 text: {}", text_of(path), text_of(e.value())));
        if (e.matches(PyExc_OSError)) throw StorageError(fmt::format("cannot read '{}': {}", text_of(path), text_of(e.value())));
        throw;
    }
}

std::map<std::string, std::string> column_mapping(py::handle columns) {
    if (PyUnicode_Check(columns.ptr()) || !py::hasattr(columns, "items"))
        wrong_type("columns", columns, "a dict of CSV header name to 'institution', 'rank', 'overall' or an indicator code");
    std::map<std::string, std::string> out;
    for (auto item : columns.attr("items")()) {
        const auto pair = py::reinterpret_borrow<py::sequence>(item);
        const auto header = from_py<std::string>(pair[0], "columns key");
        out[header] = from_py<std::string>(pair[1], fmt::format("columns['{}']", header));
    }
    return out;
}

// The indicator codes a column mapping reads, in the mapping's order (institution, rank
// and overall left out), to order the columns of the frame as the caller listed them.
std::vector<std::string> mapped_codes(py::handle columns) {
    std::vector<std::string> out;
    for (auto item : columns.attr("items")()) {
        const auto target = from_py<std::string>(py::reinterpret_borrow<py::sequence>(item)[1], "columns");
        if (std::find(kResultFields.begin(), kResultFields.end(), target) == kResultFields.end()) out.push_back(target);
    }
    return out;
}

py::list editions_to_py(const std::vector<RankingEdition>& editions) {
    py::list out;
    for (const auto& e : editions) out.append(py::make_tuple(to_py(e.system), e.year));
    return out;
}

// The indicator codes of an edition's methodology (stored or built in), to order columns.
std::vector<std::string> code_order(const Store& s, const std::string& system, int year) {
    std::vector<std::string> out;
    try {
        const auto m = s.rankings().methodology(system, year);
        for (const auto* list : {&m.indicators, &m.components})
            for (const auto& i : *list) out.push_back(i.code);
    } catch (const NotFoundError&) {
        // No methodology for the edition: columns in code order.
    }
    return out;
}

void bind_methodology_classes(py::module_& m) {
    bind_enum<MissingTreatment>(m, "MissingTreatment",
                                "What a missing indicator score does to a row: counts as 0, re-weights the present indicators, "
                                "or refuses the row.");
    bind_enum<TotalScaling>(m, "TotalScaling",
                            "How a row's weighted sum S becomes its total: S itself, 100 * S / max S (ARWU), or "
                            "1 + 99 * (S - Smin) / (Smax - Smin) (QS).");

    ValueClass<RankingIndicator>(m, "RankingIndicator", "One indicator (or component) of a ranking methodology.")
        .field("code", &RankingIndicator::code, "[a-z0-9_]+, unique within the methodology: 'ar', 'citations'.")
        .field("name", &RankingIndicator::name, "What it measures.")
        .field("weight", &RankingIndicator::weight, "Its share of the total: ARWU's alumni is 0.1.")
        .field("pillar", &RankingIndicator::pillar,
               "Indicators: the group it belongs to (free text); components: the code of the indicator they form.")
        .finish(
            [](const RankingIndicator& i) {
                return fmt::format("<RankingIndicator {} {} {}{}>", i.code, number(i.weight), quoted(i.name),
                                   i.pillar.empty() ? std::string() : fmt::format(" ({})", i.pillar));
            },
            equal<RankingIndicator>);

    ValueClass<RankBand>(m, "RankBand", "Ranks first..last published under one label '801-850'; an open band has no last ('1401+').")
        .field("first", &RankBand::first, "The first rank of the band.")
        .field("last", &RankBand::last, "The last rank, or None for an open band.")
        .finish([](const RankBand& b) { return fmt::format("<RankBand {}>", band_text(b)); }, equal<RankBand>)
        .def("__str__", &band_text);

    ValueClass<RankingBands>(m, "RankingBands",
                             "How ranks are published: exact up to exact_up_to (with '=' for a shared rank when mark_ties), "
                             "then the bands, which follow each other without gaps.")
        .field("exact_up_to", &RankingBands::exact_up_to, "Ranks up to this are exact; None: every rank is exact.")
        .field("bands", &RankingBands::bands, "RankBand list from exact_up_to + 1 (a copy).")
        .field("mark_ties", &RankingBands::mark_ties, "Shared exact ranks are written '=12'.")
        .finish([](const RankingBands& b) { return fmt::format("<RankingBands {}{}>", bands_text(b), b.mark_ties ? ", '=' marks ties" : ""); },
                equal<RankingBands>)
        .def(
            "label",
            [](const RankingBands& b, py::object rank, py::object tied) {
                return rank_label(b, from_py<int>(rank, "rank"), from_py<bool>(tied, "tied"));
            },
            py::arg("rank"), py::arg("tied") = false,
            "The published label of a rank: '12', '=12', '101-150', '1401+', or '' past the last closed band.")
        .def(
            "validate", [](const RankingBands& b) { validate(b); },
            "Raises ValidationError unless the bands follow each other without gaps from exact_up_to + 1.");

    auto cls = ValueClass<Methodology>(
                   m, "Methodology",
                   "A ranking edition's methodology: indicators and weights, how scores combine into a total, how "
                   "totals are rounded and ranked, and how ranks are published. iro.rankings.methodology(system, year) "
                   "gives the built-in ones.")
                   .field("system", &Methodology::system, "System code: 'ARWU', 'QS-WUR', 'THE-WUR' or one of your own.")
                   .field("year", &Methodology::year, "The edition's year.")
                   .field("name", &Methodology::name, "Human-readable name.")
                   .field("indicators", &Methodology::indicators, "RankingIndicator list the total is formed from (a copy).")
                   .field("components", &Methodology::components,
                          "Finer RankingIndicators forming an indicator that has no score of its own (THE's 17) (a copy).")
                   .field("missing", &Methodology::missing, "MissingTreatment: zero, reweight or refuse.")
                   .field("scaling", &Methodology::scaling, "TotalScaling: weighted_sum, scaled_to_top or min_max_rescaled.")
                   .field("scale_min", &Methodology::scale_min,
                          "min_max_rescaled only: the lowest weighted sum of the whole analysed population, or None (the table's).")
                   .field("scale_max", &Methodology::scale_max,
                          "min_max_rescaled only: the highest weighted sum of the whole analysed population, or None (the table's).")
                   .field("total_decimals", &Methodology::total_decimals, "Totals are published rounded to this many decimals.")
                   .field("rank_decimals", &Methodology::rank_decimals, "Ranks are decided on totals rounded to this many decimals.")
                   .field("bands", &Methodology::bands, "RankingBands: how ranks become published labels (a live view).")
                   .finish(methodology_repr, equal<Methodology>);

    cls.def_static(
           "builtin",
           [](py::object system, py::object year) {
               return methodology(from_py<std::string>(system, "system"), from_py<int>(year, "year"));
           },
           py::arg("system"), py::arg("year"),
           "The built-in methodology of an edition (ARWU 2005 on, QS-WUR 2024-2026, THE-WUR 2016 and 2024 on); "
           "NotFoundError otherwise.")
        .def_static(
            "from_json", [](py::object text) { return methodology_from_json(from_py<std::string>(text, "text")); }, py::arg("text"),
            "Reads a methodology from JSON text: FormatError when it is not JSON, ValidationError when it is not a valid "
            "methodology.")
        .def("to_json", [](const Methodology& self) { return to_py(methodology_to_json(self)); }, "The methodology as JSON text.")
        .def(
            "validate", [](const Methodology& self) { validate(self); },
            "Raises ValidationError (naming the field, e.g. 'indicators[2].weight') unless the methodology is valid.")
        .def_property_readonly(
            "edition", [](const Methodology& self) { return py::make_tuple(to_py(self.system), self.year); }, "(system, year).")
        .def_property_readonly(
            "weights",
            [](const Methodology& self) {
                py::dict out;
                for (const auto& i : self.indicators) out[to_py(i.code)] = i.weight;
                return out;
            },
            "The indicators' weights as a dict, in the methodology's order.")
        .def_property_readonly(
            "pillars",
            [](const Methodology& self) {
                // Insertion-ordered: a pillar appears where its first indicator does.
                py::dict out;
                const auto append = [&](const std::string& key, const std::string& code) {
                    py::str k = to_py(key);
                    if (!out.contains(k)) out[k] = py::list();
                    py::list(out[k]).append(to_py(code));
                };
                for (const auto& i : self.indicators) {
                    bool formed = false;
                    for (const auto& c : self.components)
                        if (c.pillar == i.code) {
                            append(i.code, c.code);
                            formed = true;
                        }
                    if (!formed) append(i.pillar.empty() ? i.code : i.pillar, i.code);
                }
                return out;
            },
            "The indicators grouped as the edition groups them, {pillar: [codes]}: by each indicator's pillar (QS's "
            "lenses, ARWU's criteria); an indicator formed from components (THE's five pillars) lists its components; "
            "an indicator without a pillar stands alone.")
        .def("weight_sum", &Methodology::weight_sum, "The sum of the indicators' weights.")
        .def(
            "find",
            [](const Methodology& self, py::object code) -> py::object {
                const auto* i = self.find(from_py<std::string>(code, "code"));
                return i ? to_py(*i) : py::none();
            },
            py::arg("code"), "The indicator or component with this code, or None.")
        .def(
            "to_frame", [](const Methodology& self) { return ranking::indicator_frame(self); },
            "The indicators, then the components, as a DataFrame: code, name, weight, pillar, kind ('indicator' or "
            "'component').")
        .def(
            "overall",
            [](const Methodology& self, py::object df, py::object bounds) {
                const auto meth = ranking::with_bounds(self, bounds);
                const auto table = ranking::read_table(meth, df, py::none(), false, false);
                std::vector<ScoredRow> scored;
                {
                    py::gil_scoped_release nogil;
                    scored = score_columns(meth, table.columns);
                }
                return ranking::overall_series(scored, table);
            },
            py::arg("df"), py::arg("bounds") = py::none(),
            "The total of every row of `df` (one column per indicator or component code, NaN for a missing score; other "
            "columns are ignored), unrounded, as a float Series aligned to df.index; NaN for a refused row. "
            "bounds=(scale_min, scale_max) sets the min-max bounds of the analysed population (QS).")
        .def(
            "rank", [](const Methodology& self, py::object scores) { return ranking::rank_series(self, scores); }, py::arg("scores"),
            "Competition ranks of totals (a Series or a list), decided at rank_decimals: 1 + the number of totals strictly "
            "higher once rounded, so ties share a rank and the next is skipped. An 'Int64' Series; <NA> for NaN.")
        .def(
            "band", [](const Methodology& self, py::object ranks, py::object tied) { return ranking::band_labels(self, ranks, tied); },
            py::arg("ranks"), py::arg("tied") = py::none(),
            "Published labels of ranks: for one int a str, for a Series or list a Series ('' for <NA>). A rank shared by "
            "another in the list is tied unless `tied` says otherwise.")
        .def(
            "score_table",
            [](const Methodology& self, py::object df, py::object name_column, py::object bounds) {
                const auto meth = ranking::with_bounds(self, bounds);
                const auto table = ranking::read_table(meth, df, name_column, true, false);
                std::vector<ScoredRow> scored;
                {
                    py::gil_scoped_release nogil;
                    scored = score_columns(meth, table.columns);
                }
                return ranking::scored_frame(scored, table);
            },
            py::arg("df"), py::arg("name_column") = py::none(), py::arg("bounds") = py::none(),
            "Scores every row of `df` as the edition would: a DataFrame aligned to df.index with name, weighted_sum, total, "
            "rounded_total, rank, label, tied and refused (why a row was not scored).")
        .def(
            "what_if",
            [](const Methodology& self, py::object df, py::object row, py::object changes, py::object name_column,
               py::object bounds) {
                const auto meth = ranking::with_bounds(self, bounds);
                auto table = ranking::read_table(meth, df, name_column);
                const auto at = ranking::select_row(table, df, row, name_column);
                const auto new_scores = ranking::number_map_from_py(changes, "changes");
                py::gil_scoped_release nogil;
                return what_if(meth, table.rows, table.columns.names[at], new_scores);
            },
            py::arg("df"), py::arg("row"), py::arg("changes"), py::arg("name_column") = py::none(), py::arg("bounds") = py::none(),
            "The total, rank and label of one row (an index label, or a name of name_column) before and after changing "
            "some of its scores ({code: new score}), among the same table. Returns a WhatIfResult.")
        .def(
            "what_if_many",
            [](const Methodology& self, py::object df, py::object scenarios, py::object name_column, py::object bounds) {
                const auto meth = ranking::with_bounds(self, bounds);
                // Column by column: a thousand scenarios need no map of scores per row.
                auto table = ranking::read_table(meth, df, name_column, true, false);
                if (!py::isinstance<py::sequence>(scenarios) || py::isinstance<py::str>(scenarios))
                    throw ValidationError("scenarios", py::str(py::type::of(scenarios).attr("__name__")).cast<std::string>(),
                                          "a list of (row, {code: new score}) pairs");
                // select_row names only its row; here every row gets a unique key, and the results
                // get the rows' own names back.
                std::vector<WhatIfScenario> list;
                std::vector<std::size_t> rows_at;
                // Label -> position, or -1 for a label that appears more than once.
                py::dict position;
                {
                    const py::object keys = name_column.is_none() ? py::object(df.attr("index")) : py::object(df.attr("__getitem__")(name_column));
                    std::int64_t i = 0;
                    for (const auto& key : keys.attr("tolist")()) {
                        const py::object k = py::reinterpret_borrow<py::object>(key);
                        if (PyObject_Hash(k.ptr()) == -1) {
                            PyErr_Clear();
                            ++i;
                            continue;
                        }
                        const int repeated = PyDict_Contains(position.ptr(), k.ptr());
                        if (repeated < 0) throw py::error_already_set();
                        const py::int_ at(repeated ? std::int64_t{-1} : i);
                        if (PyDict_SetItem(position.ptr(), k.ptr(), at.ptr()) < 0) throw py::error_already_set();
                        ++i;
                    }
                }
                std::size_t k = 0;
                fmt::memory_buffer changes_field;  // "scenarios[k].changes", kept off the heap: a thousand scenarios are usual
                for (const auto& item : scenarios.cast<py::sequence>()) {
                    if (!py::isinstance<py::tuple>(item) || py::len(item) != 2)
                        throw ValidationError(fmt::format("scenarios[{}]", k), py::repr(item).cast<std::string>(), "a (row, {code: new score}) pair");
                    const auto pair = item.cast<py::tuple>();
                    // A label seen once is found in the dict; anything else gets select_row's checks and errors.
                    const py::object label = pair[0];
                    PyObject* found = nullptr;  // borrowed
                    if (PyObject_Hash(label.ptr()) != -1) {
                        found = PyDict_GetItemWithError(position.ptr(), label.ptr());
                        if (!found && PyErr_Occurred()) throw py::error_already_set();
                    } else {
                        PyErr_Clear();
                    }
                    const std::int64_t at = found ? py::reinterpret_borrow<py::int_>(found).cast<std::int64_t>() : -1;
                    if (at >= 0) rows_at.push_back(static_cast<std::size_t>(at));
                    else rows_at.push_back(ranking::select_row(table, df, label, name_column));
                    changes_field.clear();
                    fmt::format_to(std::back_inserter(changes_field), "scenarios[{}].changes", k);
                    list.push_back(WhatIfScenario{
                        "", ranking::number_map_from_py(pair[1], std::string_view(changes_field.data(), changes_field.size()))});
                    ++k;
                }
                auto names = std::move(table.columns.names);
                table.columns.names.resize(names.size());
                for (std::size_t i = 0; i < names.size(); ++i) table.columns.names[i] = "\x1f#" + std::to_string(i);
                for (std::size_t j = 0; j < list.size(); ++j) list[j].row = table.columns.names[rows_at[j]];
                std::vector<WhatIfResult> results;
                {
                    py::gil_scoped_release nogil;
                    results = what_if_many(meth, table.columns, list);
                }
                py::list out;
                for (std::size_t j = 0; j < results.size(); ++j) {
                    results[j].before.name = results[j].after.name = names[rows_at[j]];
                    out.append(py::cast(std::move(results[j])));
                }
                return out;
            },
            py::arg("df"), py::arg("scenarios"), py::arg("name_column") = py::none(), py::arg("bounds") = py::none(),
            "what_if for many scenarios at once, [(row, {code: new score}), ...], on one table: the table is read and scored "
            "once, so a thousand scenarios cost about as much as a few score_table calls. Returns a list of WhatIfResult, "
            "each equal to what_if of that scenario alone.")
        .def(
            "gap_to_target",
            [](const Methodology& self, py::object df, py::object row, py::object target, py::object levers,
               py::object name_column, py::object bounds) {
                const auto meth = ranking::with_bounds(self, bounds);
                auto table = ranking::read_table(meth, df, name_column);
                const auto at = ranking::select_row(table, df, row, name_column);
                const auto chosen = levers_from_py(meth, levers);
                std::optional<int> rank;
                std::string label;
                if (PyUnicode_Check(target.ptr())) label = from_py<std::string>(target, "target");
                else if (PyIndex_Check(target.ptr()) && !PyBool_Check(target.ptr())) rank = from_py<int>(target, "target");
                else wrong_type("target", target, "a rank (an int) or a published label such as '501-510'");
                py::gil_scoped_release nogil;
                return rank ? gap_to_target(meth, table.rows, table.columns.names[at], *rank, chosen)
                            : gap_to_target(meth, table.rows, table.columns.names[at], label, chosen);
            },
            py::arg("df"), py::arg("row"), py::arg("target"), py::arg("levers") = py::none(), py::arg("name_column") = py::none(),
            py::arg("bounds") = py::none(),
            "The smallest sum of score increases that brings one row to rank `target` or better (an int, or a label: "
            "'101-150' means rank 150). levers: {code: limit}, a list of codes (limit 100), or None for every weighted "
            "indicator up to 100. Infeasible targets are answered with feasible=False and a reason. Returns a GapResult.")
        .def(
            "sensitivity",
            [](const Methodology& self, py::object df, py::object row, py::object name_column, py::object bounds) {
                const auto meth = ranking::with_bounds(self, bounds);
                auto table = ranking::read_table(meth, df, name_column);
                const auto at = ranking::select_row(table, df, row, name_column);
                std::vector<IndicatorSensitivity> rows;
                {
                    py::gil_scoped_release nogil;
                    rows = sensitivity(meth, table.rows, table.columns.names[at]);
                }
                return ranking::sensitivity_frame(meth, rows);
            },
            py::arg("df"), py::arg("row"), py::arg("name_column") = py::none(), py::arg("bounds") = py::none(),
            "What one more point of each indicator is worth to one row's total, the others fixed: a DataFrame with code, "
            "name, weight and per_point (NaN where a first score would change every weight).")
        .def(
            "robustness",
            [](const Methodology& self, py::object df, py::object row, py::object points, py::object name_column,
               py::object bounds) {
                const auto meth = ranking::with_bounds(self, bounds);
                auto table = ranking::read_table(meth, df, name_column);
                const auto at = ranking::select_row(table, df, row, name_column);
                const auto pts = from_py<double>(points, "points");
                py::gil_scoped_release nogil;
                return robustness(meth, table.rows, table.columns.names[at], pts);
            },
            py::arg("df"), py::arg("row"), py::arg("points"), py::arg("name_column") = py::none(), py::arg("bounds") = py::none(),
            "The best and worst rank of one row when every weighted indicator's weight moves by +-points percentage points "
            "(then rescaled to the same sum). Returns a RobustnessResult.");
}

void bind_result_classes(py::module_& m) {
    ValueClass<ScoredRow>(m, "ScoredRow", "One row as an edition would score it.")
        .field("name", &ScoredRow::name, "The row's name.")
        .field("weighted_sum", &ScoredRow::weighted_sum, "S, or None when the row was refused.")
        .field("total", &ScoredRow::total, "The total after scaling, unrounded.")
        .field("rounded_total", &ScoredRow::rounded_total, "The total rounded to the methodology's total_decimals.")
        .field("rank", &ScoredRow::rank, "Competition rank, or None when refused.")
        .field("tied", &ScoredRow::tied, "Another row shares the rank.")
        .field("label", &ScoredRow::label, "'12', '=12', '101-150'; '' when unranked or not listed.")
        .field("refused", &ScoredRow::refused, "Why the row was not scored; '' when it was.")
        .finish([](const ScoredRow& r) { return fmt::format("<ScoredRow {} {}>", quoted(r.name), scored_text(r)); }, equal<ScoredRow>);

    ValueClass<WhatIfResult>(m, "WhatIfResult", "One row before and after a change of its scores.")
        .field("before", &WhatIfResult::before, "ScoredRow with the scores as they are (a live view).")
        .field("after", &WhatIfResult::after, "ScoredRow with the changed scores (a live view).")
        .finish(
            [](const WhatIfResult& r) {
                return fmt::format("<WhatIfResult {}: {} -> {}>", quoted(r.after.name), scored_text(r.before), scored_text(r.after));
            },
            equal<WhatIfResult>)
        .def(
            "to_frame", [](const WhatIfResult& r) { return ranking::what_if_frame(r); },
            "before and after as a DataFrame indexed 'before', 'after': name, weighted_sum, total, rounded_total, rank, "
            "label, tied.");

    ValueClass<GapResult>(m, "GapResult", "The cheapest way for one row to reach a target rank.")
        .field("feasible", &GapResult::feasible, "The target can be reached within the levers' limits.")
        .field("reason", &GapResult::reason, "Why not, when infeasible; '' otherwise.")
        .field("target_rank", &GapResult::target_rank, "The rank to reach or beat.")
        .field("total_increase", &GapResult::total_increase, "The sum of the point increases.")
        .field(
            "increases", [](const GapResult& g) -> py::object { return ranking::number_map_to_py(g.increases); },
            [](GapResult& g, py::handle v) { g.increases = ranking::number_map_from_py(v, "increases"); },
            "{code: points added} for the indicators raised.")
        .field("before", &GapResult::before, "ScoredRow as it is (a live view).")
        .field("after", &GapResult::after, "ScoredRow with the increases; with every lever at its limit when infeasible.")
        .field(
            "levers",
            [](const GapResult& g) -> py::object {
                py::dict out;
                for (const auto& l : g.levers) out[to_py(l.code)] = l.limit;
                return out;
            },
            [](GapResult& g, py::handle v) {
                // In the order given, which decides between levers of equal weight.
                if (PyUnicode_Check(v.ptr()) || !py::hasattr(v, "items")) wrong_type("levers", v, "a dict of code to limit");
                std::vector<GapLever> levers;
                for (auto item : v.attr("items")()) {
                    const auto pair = py::reinterpret_borrow<py::sequence>(item);
                    auto code = from_py<std::string>(pair[0], "levers key");
                    const auto limit = from_py<double>(pair[1], fmt::format("levers['{}']", code));
                    levers.push_back({std::move(code), limit});
                }
                g.levers = std::move(levers);
            },
            "{code: limit} of the indicators the office may raise, in the order asked.")
        .field(
            "current",
            [](const GapResult& g) -> py::object {
                py::dict out;
                for (std::size_t k = 0; k < g.levers.size() && k < g.current.size(); ++k)
                    out[to_py(g.levers[k].code)] = to_py(g.current[k]);
                return out;
            },
            [](GapResult& g, py::handle v) {
                g.current.clear();
                if (PyUnicode_Check(v.ptr()) || !py::hasattr(v, "items")) wrong_type("current", v, "a dict of code to score or None");
                const auto given = py::reinterpret_borrow<py::object>(v);
                for (const auto& l : g.levers) {
                    py::object score = given.attr("get")(l.code);
                    g.current.push_back(from_py<std::optional<double>>(score, "current['" + l.code + "']"));
                }
            },
            "{code: the row's score before} for each lever (None when it had none).")
        .finish(
            [](const GapResult& g) {
                std::string raised;
                for (const auto& [code, add] : g.increases) raised += fmt::format("{}{} +{:.2f}", raised.empty() ? "" : ", ", code, add);
                if (!g.feasible)
                    return fmt::format("<GapResult {} to rank {}: not feasible; {}>", quoted(g.before.name), g.target_rank, g.reason);
                return fmt::format("<GapResult {} to rank {}: +{:.2f} points{}; {} -> {}>", quoted(g.before.name), g.target_rank,
                                   g.total_increase, raised.empty() ? std::string(" (already there)") : " (" + raised + ")",
                                   scored_text(g.before), scored_text(g.after));
            },
            equal<GapResult>)
        .def(
            "to_frame", [](const GapResult& g) { return ranking::gap_frame(g); },
            "One row per lever: code, limit, current score, increase (0 when not raised) and new_score.");

    ValueClass<RobustnessResult>(m, "RobustnessResult", "The rank range of one row over weight perturbations.")
        .field("rank", &RobustnessResult::rank, "The rank with the methodology's weights.")
        .field("best_rank", &RobustnessResult::best_rank, "The best rank over the scenarios.")
        .field("worst_rank", &RobustnessResult::worst_rank, "The worst rank over the scenarios.")
        .field("best_label", &RobustnessResult::best_label, "The published label of best_rank.")
        .field("worst_label", &RobustnessResult::worst_label, "The published label of worst_rank.")
        .field(
            "best_weights", [](const RobustnessResult& r) -> py::object { return ranking::number_map_to_py(r.best_weights); },
            [](RobustnessResult& r, py::handle v) { r.best_weights = ranking::number_map_from_py(v, "best_weights"); },
            "{code: weight} of the first scenario reaching best_rank.")
        .field(
            "worst_weights", [](const RobustnessResult& r) -> py::object { return ranking::number_map_to_py(r.worst_weights); },
            [](RobustnessResult& r, py::handle v) { r.worst_weights = ranking::number_map_from_py(v, "worst_weights"); },
            "{code: weight} of the first scenario reaching worst_rank.")
        .field(
            "scenarios", [](const RobustnessResult& r) -> py::object { return py::int_(r.scenarios); },
            [](RobustnessResult& r, py::handle v) {
                const auto n = from_py<std::int64_t>(v, "scenarios");
                if (n < 0) throw ValidationError("scenarios", std::to_string(n), "a count of 0 or more");
                r.scenarios = static_cast<std::size_t>(n);
            },
            "Weightings scored, the original included.")
        .field("sampled", &RobustnessResult::sampled, "True when the corners of the box were sampled (many indicators).")
        .finish(
            [](const RobustnessResult& r) {
                return fmt::format("<RobustnessResult rank {}, best {} ({}), worst {} ({}) over {} weightings{}>", r.rank, r.best_rank,
                                   quoted(r.best_label), r.worst_rank, quoted(r.worst_label), r.scenarios, r.sampled ? ", sampled" : "");
            },
            equal<RobustnessResult>)
        .def(
            "to_frame", [](const RobustnessResult& r) { return ranking::robustness_frame(r); },
            "The weights of the best and worst scenarios per indicator code: code, best_weight, worst_weight.");

    ValueClass<PublishedResult>(m, "PublishedResult", "One institution's row of a published ranking table.")
        .field("institution", &PublishedResult::institution, "The name as published.")
        .field("institution_id", &PublishedResult::institution_id, "The matching institution in the office, or None.")
        .field("rank", &PublishedResult::rank, "As published: '12', '=12', '801-850', '1401+'.")
        .field("overall", &PublishedResult::overall, "The published overall score, or None when the edition hides it.")
        .field(
            "scores", [](const PublishedResult& r) -> py::object { return ranking::number_map_to_py(r.scores); },
            [](PublishedResult& r, py::handle v) { r.scores = ranking::number_map_from_py(v, "scores"); },
            "{indicator code: score}; unpublished scores absent.")
        .finish(
            [](const PublishedResult& r) {
                return fmt::format("<PublishedResult {} {} overall {} ({} scores)>", quoted(r.institution), r.rank,
                                   optional_number(r.overall, 1), r.scores.size());
            },
            equal<PublishedResult>)
        .def(
            "validate", [](const PublishedResult& r) { validate(r); },
            "Raises ValidationError unless the name, rank, overall and scores are well formed.");

    ValueClass<HomeIndicators>(m, "HomeIndicators",
                               "The home institution's own ranking indicators for a year: the figures the office set and what "
                               "iro derives from its partner registry.")
        .field("year", &HomeIndicators::year, "The year.")
        .field("on", &HomeIndicators::on, "The day agreements were counted on.")
        .field(
            "figures", [](const HomeIndicators& h) -> py::object { return ranking::number_map_to_py(h.figures); },
            [](HomeIndicators& h, py::handle v) { h.figures = ranking::number_map_from_py(v, "figures"); },
            "{key: value} as set with office.rankings.set_home_figures.")
        .field("partner_count", &HomeIndicators::partner_count, "Active institutions in the office other than home.")
        .field("partner_countries", &HomeIndicators::partner_countries, "ISO codes of partners of agreements in force on `on`.")
        .field("international_faculty_ratio", &HomeIndicators::international_faculty_ratio,
               "international_faculty / faculty_total, or None.")
        .field("international_student_ratio", &HomeIndicators::international_student_ratio,
               "international_students / students_total, or None.")
        .finish(
            [](const HomeIndicators& h) {
                const auto share = [](const std::optional<double>& v) { return v ? fmt::format("{:.1f}%", 100 * *v) : std::string("n/a"); };
                return fmt::format("<HomeIndicators {}: {} partners, agreements in force with {} countries, international faculty "
                                   "{}, students {}>",
                                   h.year, h.partner_count, h.partner_countries.size(), share(h.international_faculty_ratio),
                                   share(h.international_student_ratio));
            },
            equal<HomeIndicators>);
}

void bind_rankings_view(py::module_& m) {
    py::class_<RankingsView>(m, "Rankings",
                             "The office's rankings: custom methodologies, published results per edition and the home "
                             "institution's own figures by year.")
        .def(refused_constructor<RankingsView>("Rankings", "office.rankings"))
        .def(
            "methodology",
            [](RankingsView& v, py::object system, py::object year) {
                const auto sys = from_py<std::string>(system, "system");
                const auto y = from_py<int>(year, "year");
                return v.core->run([&](Store& s) { return s.rankings().methodology(sys, y); });
            },
            py::arg("system"), py::arg("year"), "The stored methodology of the edition, else the built-in one; NotFoundError if neither.")
        .def(
            "save_methodology",
            [](RankingsView& v, py::object methodology) {
                const auto value = from_py<Methodology>(methodology, "methodology");
                v.core->run([&](Store& s) { s.rankings().save_methodology(value); });
            },
            py::arg("methodology"),
            "Adds or replaces a custom methodology (validated first). ConflictError for an edition with a built-in "
            "methodology: save a variant under a code of its own ('QS-WUR-LOCAL').")
        .def(
            "load_methodology",
            [](RankingsView& v, py::object system, py::object year) {
                const auto sys = from_py<std::string>(system, "system");
                const auto y = from_py<int>(year, "year");
                return v.core->run([&](Store& s) { return s.rankings().load_methodology(sys, y); });
            },
            py::arg("system"), py::arg("year"), "A stored custom methodology; NotFoundError when none is stored.")
        .def(
            "remove_methodology",
            [](RankingsView& v, py::object system, py::object year) {
                const auto sys = from_py<std::string>(system, "system");
                const auto y = from_py<int>(year, "year");
                v.core->run([&](Store& s) { s.rankings().remove_methodology(sys, y); });
            },
            py::arg("system"), py::arg("year"), "Removes a stored custom methodology; NotFoundError when none is stored.")
        .def(
            "custom_methodologies",
            [](RankingsView& v) { return editions_to_py(v.core->run([](Store& s) { return s.rankings().custom_methodologies(); })); },
            "The editions with a stored custom methodology, as (system, year) tuples in system then year order.")
        .def(
            "import_results",
            [](RankingsView& v, py::object system, py::object year, py::object columns, py::object text, py::object path) {
                const auto edition = RankingEdition{from_py<std::string>(system, "system"), from_py<int>(year, "year")};
                const auto mapping = column_mapping(columns);
                const auto csv = csv_text(text, path);
                auto [rows, order] = v.core->run([&](Store& s) {
                    auto results = import_results_csv(csv, mapping);
                    s.rankings().save_results(edition, results);
                    return std::pair{std::move(results), code_order(s, edition.system, edition.year)};
                });
                const auto listed = mapped_codes(columns);
                order.insert(order.end(), listed.begin(), listed.end());
                return ranking::results_frame(rows, order);
            },
            py::arg("system"), py::arg("year"), py::arg("columns"), py::kw_only(), py::arg("text") = py::none(),
            py::arg("path") = py::none(),
            "Reads published results from CSV (text=..., or path=... of a UTF-8 file) and stores them as the edition's "
            "results, replacing any. columns maps header names to 'institution', 'rank', 'overall' or an indicator code; "
            "other columns are ignored. FormatError for malformed CSV, ValidationError for a bad mapping or value; nothing "
            "is stored then. Returns the stored results as results() does.")
        .def(
            "save_results",
            [](RankingsView& v, py::object system, py::object year, py::object results) {
                const auto edition = RankingEdition{from_py<std::string>(system, "system"), from_py<int>(year, "year")};
                v.core->check_origin(results);
                const auto rows = from_py<std::vector<PublishedResult>>(results, "results");
                v.core->run([&](Store& s) { s.rankings().save_results(edition, rows); });
            },
            py::arg("system"), py::arg("year"), py::arg("results"),
            "Stores a list of PublishedResult as the edition's results, replacing any (all or nothing).")
        .def(
            "results",
            [](RankingsView& v, py::object system, py::object year) {
                const auto edition = RankingEdition{from_py<std::string>(system, "system"), from_py<int>(year, "year")};
                auto [rows, order] = v.core->run([&](Store& s) {
                    return std::pair{s.rankings().results(edition), code_order(s, edition.system, edition.year)};
                });
                return ranking::results_frame(rows, order);
            },
            py::arg("system"), py::arg("year"),
            "The edition's published results in stored order as a DataFrame: institution, institution_id, rank, rank_first, "
            "rank_last (<NA> for an open band), tied, overall (NaN when hidden), then one column per indicator code (the "
            "methodology's order), ready for Methodology.score_table. NotFoundError when none are stored.")
        .def(
            "remove_results",
            [](RankingsView& v, py::object system, py::object year) {
                const auto edition = RankingEdition{from_py<std::string>(system, "system"), from_py<int>(year, "year")};
                v.core->run([&](Store& s) { s.rankings().remove_results(edition); });
            },
            py::arg("system"), py::arg("year"), "Removes the edition's results; NotFoundError when none are stored.")
        .def(
            "editions",
            [](RankingsView& v, py::object system) {
                const auto sys = from_py<std::optional<std::string>>(system, "system").value_or("");
                return editions_to_py(v.core->run([&](Store& s) { return s.rankings().editions_with_results(sys); }));
            },
            py::arg("system") = py::none(), "Editions with stored results, as (system, year) tuples; of one system when given.")
        .def(
            "trajectory",
            [](RankingsView& v, py::object system, py::object institution) {
                const auto sys = from_py<std::string>(system, "system");
                v.core->check_origin(institution);
                std::optional<std::string> name;
                std::optional<InstitutionId> id;
                if (PyUnicode_Check(institution.ptr())) name = from_py<std::string>(institution, "institution");
                else if (!institution.is_none()) id = from_py<InstitutionId>(institution, "institution");
                const auto points = v.core->run([&](Store& s) {
                    validate_system_code(sys);
                    std::vector<std::string> keys;
                    std::optional<InstitutionId> linked;
                    if (name) {
                        keys.push_back(fold_for_search(*name));
                    } else {
                        const auto inst = id ? s.institutions().get(*id) : s.institutions().home();
                        linked = inst.id;
                        for (const auto& n : inst.names) keys.push_back(fold_for_search(n.value));
                    }
                    std::vector<ranking::TrajectoryPoint> out;
                    for (const auto& table : s.rankings().tables(sys)) {
                        // A result linked to the institution first, else one with any of its names.
                        const PublishedResult* found = nullptr;
                        for (const auto& r : table.results)
                            if (linked && r.institution_id == linked) {
                                found = &r;
                                break;
                            }
                        for (const auto& r : table.results) {
                            if (found) break;
                            if (std::find(keys.begin(), keys.end(), fold_for_search(r.institution)) != keys.end()) found = &r;
                        }
                        if (found) out.push_back({table.edition.year, found->institution, found->rank, found->overall});
                    }
                    return out;
                });
                return ranking::trajectory_frame(points);
            },
            py::arg("system"), py::arg("institution") = py::none(),
            "Where an institution stood in each stored table of a system, year ascending: year, institution (as published), "
            "rank, rank_first, rank_last, tied, overall. The institution is the home institution by default, an id or "
            "Institution (matched by a linked institution_id or any of its names), or a published name; names are "
            "compared with case, accents and Arabic letter variants folded. Years it is absent from are left out.")
        .def(
            "peer_benchmark",
            [](RankingsView& v, py::object system, py::object peers, py::object home, py::object indicators) {
                const auto sys = from_py<std::string>(system, "system");
                const auto peer_names = from_py<std::vector<std::string>>(peers, "peers");
                const auto home_name = from_py<std::optional<std::string>>(home, "home");
                const auto codes = indicators.is_none() ? std::vector<std::string>{} : from_py<std::vector<std::string>>(indicators, "indicators");
                const auto rows = v.core->run([&](Store& s) {
                    const auto mine = home_name ? *home_name : s.institutions().home().display_name();
                    return s.rankings().peer_benchmark(sys, mine, peer_names, codes);
                });
                return ranking::benchmark_frame(rows);
            },
            py::arg("system"), py::arg("peers"), py::arg("home") = py::none(), py::arg("indicators") = py::none(),
            "Home against each peer in every stored table of a system, indicator by indicator: year, institution (the "
            "peer), indicator ('overall' first), score, home_score, home_minus_peer. home defaults to the home "
            "institution's display name. NotFoundError when home or a peer is in none of the tables.")
        .def(
            "set_home_figures",
            [](RankingsView& v, py::object year, py::object figures) {
                const auto y = from_py<int>(year, "year");
                const auto values = ranking::number_map_from_py(figures, "figures");
                v.core->run([&](Store& s) { s.rankings().set_home_figures(y, values); });
            },
            py::arg("year"), py::arg("figures"),
            "Sets (adds or overwrites) the home institution's figures of a year: {'international_faculty': 42, "
            "'faculty_total': 610, ...}. Keys are [a-z0-9_]+; values finite and >= 0.")
        .def(
            "home_figures",
            [](RankingsView& v, py::object year) {
                const auto y = from_py<int>(year, "year");
                return ranking::number_map_to_py(v.core->run([&](Store& s) { return s.rankings().home_figures(y); }));
            },
            py::arg("year"), "The figures of a year as a dict; empty when none are set.")
        .def(
            "remove_home_figure",
            [](RankingsView& v, py::object year, py::object key) {
                const auto y = from_py<int>(year, "year");
                const auto k = from_py<std::string>(key, "key");
                v.core->run([&](Store& s) { s.rankings().remove_home_figure(y, k); });
            },
            py::arg("year"), py::arg("key"), "Removes one figure; NotFoundError when it is not set.")
        .def(
            "home_figure_years", [](RankingsView& v) { return to_py(v.core->run([](Store& s) { return s.rankings().home_figure_years(); })); },
            "The years with figures, ascending.")
        .def(
            "home_figures_frame",
            [](RankingsView& v) {
                const auto years = v.core->run([](Store& s) {
                    std::vector<std::pair<int, std::map<std::string, double>>> out;
                    for (int y : s.rankings().home_figure_years()) out.emplace_back(y, s.rankings().home_figures(y));
                    return out;
                });
                return ranking::home_figures_frame(years);
            },
            "Every year's figures as a DataFrame: year, then one column per key (NaN where a year has none).")
        .def(
            "compute_home_indicators",
            [](RankingsView& v, py::object year, py::object on) {
                const auto y = from_py<int>(year, "year");
                const auto date = from_py<std::optional<Date>>(on, "on");
                return v.core->run([&](Store& s) { return compute_home_indicators(s, y, date); });
            },
            py::arg("year"), py::arg("on") = py::none(),
            "The home institution's indicators of a year, with agreements counted on `on` (default 31 December of the "
            "year). Returns a HomeIndicators.")
        .def("__repr__", [](RankingsView& v) { return fmt::format("<iro.Rankings of {}>", quoted(v.core->path())); });

    auto office = py::reinterpret_borrow<py::class_<Office>>(py::type::of<Office>());
    office.def_property_readonly(
        "rankings", [](Office& o) { return RankingsView{o.core}; },
        "The rankings (iro.Rankings): custom methodologies, published results, the home institution's figures.");
}

void bind_ranking_functions(py::module_& m) {
    // Private: iro.rankings (iro/rankings.py) wraps them with their public names.
    m.def("_ranking_editions", [] { return editions_to_py(builtin_editions()); }, "Every edition with a built-in methodology.");
    m.def(
        "_ranking_systems",
        [] {
            py::list out;
            for (const auto& s : ranking_systems()) out.append(py::make_tuple(to_py(s.code), to_py(s.name), to_py(s.publisher)));
            return out;
        },
        "The ranking systems iro knows by name: (code, name, publisher) tuples.");
    m.def(
        "_has_builtin_methodology",
        [](py::object system, py::object year) {
            return has_builtin_methodology(from_py<std::string>(system, "system"), from_py<int>(year, "year"));
        },
        py::arg("system"), py::arg("year"), "Whether the edition has a built-in methodology.");
    m.def(
        "_read_results_csv",
        [](py::object columns, py::object text, py::object path) {
            const auto mapping = column_mapping(columns);
            const auto csv = csv_text(text, path);
            std::vector<PublishedResult> rows;
            {
                py::gil_scoped_release nogil;
                rows = import_results_csv(csv, mapping);
            }
            return ranking::results_frame(rows, mapped_codes(columns));
        },
        py::arg("columns"), py::arg("text") = py::none(), py::arg("path") = py::none(), "Published results from CSV, as a DataFrame.");
    m.def(
        "_parse_rank",
        [](py::object text) {
            const auto p = parse_rank(from_py<std::string>(text, "rank"));
            return py::make_tuple(p.first, to_py(p.last), p.tied);
        },
        py::arg("text"), "(first, last or None, tied) of a published rank.");
    m.def(
        "_format_rank",
        [](py::object first, py::object last, py::object tied) {
            const RankPosition p{from_py<int>(first, "first"), from_py<std::optional<int>>(last, "last"), from_py<bool>(tied, "tied")};
            return to_py(format_rank(p));
        },
        py::arg("first"), py::arg("last"), py::arg("tied"), "The canonical text of a rank position.");
    m.def(
        "_round_total",
        [](py::object value, py::object decimals) { return round_total(from_py<double>(value, "value"), from_py<int>(decimals, "decimals")); },
        py::arg("value"), py::arg("decimals"), "A total rounded half away from zero.");
    m.def(
        "_competition_ranks",
        [](py::object totals, py::object decimals) {
            const auto values = from_py<std::vector<double>>(totals, "totals");
            const auto d = from_py<int>(decimals, "decimals");
            std::vector<int> ranks;
            {
                py::gil_scoped_release nogil;
                ranks = competition_ranks(values, d);
            }
            return to_py(ranks);
        },
        py::arg("totals"), py::arg("decimals"), "Competition ranks of totals compared at `decimals`.");
}

} // namespace

void bind_rankings(py::module_& m) {
    bind_methodology_classes(m);
    bind_result_classes(m);
    bind_rankings_view(m);
    bind_ranking_functions(m);
}

} // namespace iro::python
