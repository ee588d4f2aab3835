// Methodologies as JSON text: what custom methodologies are written in and stored as.

#include "iro/error.hpp"
#include "iro/ranking_methodology.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>

namespace iro {

namespace {
using nlohmann::json;

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json indicator_list(const std::vector<RankingIndicator>& list) {
    json out = json::array();
    for (const auto& i : list) out.push_back({{"code", i.code}, {"name", i.name}, {"weight", i.weight}, {"pillar", i.pillar}});
    return out;
}

// --- reading: every wrong shape names the field and what it should be -----------------

[[noreturn]] void wrong(const std::string& field, const json& value, std::string_view expected) {
    throw ValidationError(field, value.dump(), expected);
}

void allow_only(const json& object, const std::string& field, std::initializer_list<std::string_view> keys) {
    if (!object.is_object()) wrong(field.empty() ? "methodology" : field, object, "a JSON object");
    for (const auto& [key, value] : object.items())
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            std::string names;
            for (auto k : keys) names += (names.empty() ? "" : ", ") + std::string(k);
            throw ValidationError(field.empty() ? "methodology" : field, key, "one of the keys " + names);
        }
}

std::string path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

const json* member(const json& object, std::string_view key, const std::string& parent, bool required) {
    const auto it = object.find(key);
    if (it == object.end()) {
        if (required) throw ValidationError(path(parent, key), "", "a value (the key is required)");
        return nullptr;
    }
    return &*it;
}

std::string text(const json& object, std::string_view key, const std::string& parent, bool required) {
    const auto* v = member(object, key, parent, required);
    if (!v) return {};
    if (!v->is_string()) wrong(path(parent, key), *v, "a string");
    return v->get<std::string>();
}

std::optional<double> number(const json& object, std::string_view key, const std::string& parent, bool required) {
    const auto* v = member(object, key, parent, required);
    if (!v || v->is_null()) {
        if (v && required) wrong(path(parent, key), *v, "a number");
        return std::nullopt;
    }
    if (!v->is_number()) wrong(path(parent, key), *v, "a number");
    return v->get<double>();
}

std::optional<int> integer(const json& object, std::string_view key, const std::string& parent, bool required) {
    const auto* v = member(object, key, parent, required);
    if (!v || v->is_null()) {
        if (v && required) wrong(path(parent, key), *v, "a whole number");
        return std::nullopt;
    }
    if (!v->is_number_integer()) wrong(path(parent, key), *v, "a whole number");
    const auto n = v->get<std::int64_t>();
    if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) wrong(path(parent, key), *v, "a whole number in range");
    return static_cast<int>(n);
}

const json& array(const json& object, std::string_view key, const std::string& parent, bool required) {
    static const json empty = json::array();
    const auto* v = member(object, key, parent, required);
    if (!v) return empty;
    if (!v->is_array()) wrong(path(parent, key), *v, "an array");
    return *v;
}

std::vector<RankingIndicator> read_indicators(const json& list, const std::string& field) {
    std::vector<RankingIndicator> out;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const auto f = fmt::format("{}[{}]", field, k);
        allow_only(list[k], f, {"code", "name", "weight", "pillar"});
        out.push_back({text(list[k], "code", f, true), text(list[k], "name", f, false), *number(list[k], "weight", f, true),
                       text(list[k], "pillar", f, false)});
    }
    return out;
}

RankingBands read_bands(const json& j) {
    allow_only(j, "bands", {"exact_up_to", "bands", "mark_ties"});
    RankingBands b;
    b.exact_up_to = integer(j, "exact_up_to", "bands", false);
    const auto& list = array(j, "bands", "bands", false);
    for (std::size_t k = 0; k < list.size(); ++k) {
        const auto f = fmt::format("bands.bands[{}]", k);
        allow_only(list[k], f, {"first", "last"});
        b.bands.push_back({*integer(list[k], "first", f, true), integer(list[k], "last", f, false)});
    }
    if (const auto* v = member(j, "mark_ties", "bands", false)) {
        if (!v->is_boolean()) wrong("bands.mark_ties", *v, "true or false");
        b.mark_ties = v->get<bool>();
    }
    return b;
}
} // namespace

std::string methodology_to_json(const Methodology& m) {
    json bands = json::array();
    for (const auto& b : m.bands.bands) bands.push_back({{"first", b.first}, {"last", b.last ? json(*b.last) : json(nullptr)}});
    const json j = {
        {"system", m.system},
        {"year", m.year},
        {"name", m.name},
        {"indicators", indicator_list(m.indicators)},
        {"components", indicator_list(m.components)},
        {"missing", to_string(m.missing)},
        {"scaling", to_string(m.scaling)},
        {"scale_min", optional_number(m.scale_min)},
        {"scale_max", optional_number(m.scale_max)},
        {"total_decimals", m.total_decimals},
        {"rank_decimals", m.rank_decimals},
        {"bands",
         {{"exact_up_to", m.bands.exact_up_to ? json(*m.bands.exact_up_to) : json(nullptr)},
          {"bands", bands},
          {"mark_ties", m.bands.mark_ties}}},
    };
    return j.dump(2);
}

Methodology methodology_from_json(std::string_view text_in) {
    json j;
    try {
        j = json::parse(text_in);
    } catch (const json::parse_error& e) {
        throw FormatError(fmt::format("methodology JSON is not valid JSON at byte {}: {}", e.byte, e.what()));
    }
    allow_only(j, "", {"system", "year", "name", "indicators", "components", "missing", "scaling", "scale_min", "scale_max",
                       "total_decimals", "rank_decimals", "bands"});
    Methodology m;
    m.system = text(j, "system", "", true);
    m.year = *integer(j, "year", "", true);
    m.name = text(j, "name", "", false);
    m.indicators = read_indicators(array(j, "indicators", "", true), "indicators");
    m.components = read_indicators(array(j, "components", "", false), "components");
    if (const auto missing = text(j, "missing", "", false); !missing.empty()) m.missing = enum_from_string<MissingTreatment>(missing);
    if (const auto scaling = text(j, "scaling", "", false); !scaling.empty()) m.scaling = enum_from_string<TotalScaling>(scaling);
    m.scale_min = number(j, "scale_min", "", false);
    m.scale_max = number(j, "scale_max", "", false);
    m.total_decimals = integer(j, "total_decimals", "", false).value_or(1);
    m.rank_decimals = integer(j, "rank_decimals", "", false).value_or(1);
    if (const auto* bands = member(j, "bands", "", false)) m.bands = read_bands(*bands);
    validate(m);
    return m;
}

} // namespace iro
