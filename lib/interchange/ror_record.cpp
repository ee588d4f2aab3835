#include "interchange/ror_record.hpp"

#include "core/text_rules.hpp"
#include "iro/country.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace iro::detail {

namespace {
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr std::size_t kMaxIdLength = 200;      // an external id (GRID, ISNI, FundRef, Wikidata)
constexpr std::size_t kMaxLinkLength = 2048;   // as validate_website allows
constexpr std::size_t kMaxDomainLength = 253;  // a DNS name
constexpr std::size_t kMaxShortText = 16;      // codes such as a schema version

// Bumped when the mapping to Institution changes, so that a re-import rewrites every record.
constexpr std::string_view kMappingVersion = "iro-ror-mapping-1";

std::string path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string item(const std::string& parent, std::size_t index) { return fmt::format("{}[{}]", parent, index); }

// The type is checked before each of these reads.
std::string_view string_of(element value) { return value.get_string().value_unsafe(); }
object object_of(element value) { return value.get_object().value_unsafe(); }
array array_of(element value) { return value.get_array().value_unsafe(); }

bool is_number(element value) {
    const auto type = value.type();
    return type == element_type::INT64 || type == element_type::UINT64 || type == element_type::DOUBLE;
}

// Strings are shown as written; anything else as its JSON, written as nlohmann/json writes it.
std::string shown(element value) {
    if (value.type() == element_type::STRING) return std::string(string_of(value));
    return nlohmann::json::parse(simdjson::minify(value)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

[[noreturn]] void wrong(const std::string& field, element value, std::string_view expected) {
    throw ValidationError(field, shown(value), expected);
}

// A key written twice counts with its last value, as in a JSON object read into a map.
std::optional<element> member(object o, std::string_view key, const std::string& parent, bool required) {
    std::optional<element> found;
    for (const auto field : o)
        if (field.key == key) found = field.value;
    if (!found || found->is_null()) {
        if (required) throw ValidationError(path(parent, key), found ? "null" : "", "a value (the key is required)");
        return std::nullopt;
    }
    return found;
}

object object_at(element value, const std::string& field) {
    if (value.type() != element_type::OBJECT) wrong(field, value, "a JSON object");
    return object_of(value);
}

std::string text_value(element value, const std::string& field, std::size_t max_bytes, bool required) {
    if (value.type() != element_type::STRING) wrong(field, value, "a string");
    const auto s = string_of(value);
    check_text(field, s, max_bytes, required);
    return std::string(s);
}

std::string required_text(object o, std::string_view key, const std::string& parent, std::size_t max_bytes) {
    return text_value(*member(o, key, parent, true), path(parent, key), max_bytes, true);
}

// Missing and null both read as the empty string.
std::string optional_text(object o, std::string_view key, const std::string& parent, std::size_t max_bytes) {
    const auto v = member(o, key, parent, false);
    return v ? text_value(*v, path(parent, key), max_bytes, false) : std::string{};
}

// A missing or null list reads as empty, as ROR's schema defaults them to [].
std::optional<array> list(object o, std::string_view key, const std::string& parent, bool required, bool non_empty) {
    const auto v = member(o, key, parent, required);
    if (!v) return std::nullopt;
    if (v->type() != element_type::ARRAY) wrong(path(parent, key), *v, non_empty ? "a non-empty JSON array" : "a JSON array");
    const auto a = array_of(*v);
    if (non_empty && a.begin() == a.end()) wrong(path(parent, key), *v, "a non-empty JSON array");
    return a;
}

// A list that must be there; returned by value, so that a range-for may read it directly.
array required_list(object o, std::string_view key, const std::string& parent, bool non_empty) {
    return *list(o, key, parent, true, non_empty);
}

template <class E>
E enum_value(element value, const std::string& field) {
    if (value.type() == element_type::STRING)
        if (auto e = try_enum_from_string<E>(string_of(value))) return *e;
    wrong(field, value, "one of: " + enum_choices<E>());
}

std::string ror_id(element value, const std::string& field) {
    constexpr std::string_view expected = "a ROR id 'https://ror.org/0' + 6 base-32 characters + a valid 2-digit checksum";
    if (value.type() != element_type::STRING) wrong(field, value, expected);
    try {
        return normalize_ror_id(string_of(value));
    } catch (const ValidationError&) {
        wrong(field, value, expected);
    }
}

std::int64_t integer(element value, const std::string& field, std::string_view expected) {
    // simdjson reads an integer as UINT64 only above INT64's range.
    if (value.type() == element_type::INT64) return value.get_int64().value_unsafe();
    // A JSON number written as 1998.0 is still a whole number.
    if (value.type() == element_type::DOUBLE) {
        const double d = value.get_double().value_unsafe();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
    }
    wrong(field, value, expected);
}

std::optional<double> coordinate(object o, std::string_view key, const std::string& parent, double limit) {
    const auto v = member(o, key, parent, false);
    if (!v) return std::nullopt;
    const auto expected = fmt::format("a number from {} to {}, or null", -limit, limit);
    if (!is_number(*v)) wrong(path(parent, key), *v, expected);
    const double d = v->get_double().value_unsafe();
    if (!std::isfinite(d) || d < -limit || d > limit) wrong(path(parent, key), *v, expected);
    return d;
}

Date admin_date(object admin, std::string_view key, std::string* schema_version) {
    const auto entry = object_at(*member(admin, key, "admin", true), path("admin", key));
    const auto field = path(path("admin", key), "date");
    const auto text = required_text(entry, "date", path("admin", key), kMaxShortText);
    const auto date = parse_date(text, field);
    const auto version = required_text(entry, "schema_version", path("admin", key), kMaxShortText);
    if (schema_version) *schema_version = version;
    return date;
}

std::string language(object name, const std::string& parent) {
    const auto v = member(name, "lang", parent, false);
    if (!v) return {};
    const auto field = path(parent, "lang");
    constexpr std::string_view expected = "a language code such as 'ar' or 'en', or null";
    if (v->type() != element_type::STRING) wrong(field, *v, expected);
    const auto s = string_of(*v);
    const bool ok = !s.empty() && s.size() <= 12 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!ok) wrong(field, *v, expected);
    return std::string(s);
}

void read_names(object record, RorRecord& out) {
    int displays = 0;
    std::size_t k = 0;
    for (const auto value : required_list(record, "names", "", true)) {
        const auto at = item("names", k++);
        const auto n = object_at(value, at);
        RorName name;
        name.value = required_text(n, "value", at, kMaxNameLength);
        name.lang = language(n, at);
        std::size_t t = 0;
        for (const auto type : required_list(n, "types", at, true))
            name.types.push_back(enum_value<RorNameType>(type, item(path(at, "types"), t++)));
        const auto has = [&](RorNameType type) {
            return std::find(name.types.begin(), name.types.end(), type) != name.types.end();
        };
        if (has(RorNameType::RorDisplay)) ++displays;
        // A name may carry several types; the strongest one becomes its kind.
        const NameKind kind = has(RorNameType::RorDisplay) ? NameKind::Display
                              : has(RorNameType::Label)    ? NameKind::Label
                              : has(RorNameType::Alias)    ? NameKind::Alias
                                                           : NameKind::Acronym;
        out.institution.names.push_back(Name{name.value, name.lang, kind});
        out.details.names.push_back(std::move(name));
    }
    if (displays != 1)
        throw ValidationError("names", fmt::format("{} names of type ror_display", displays),
                              "exactly one name of type ror_display");
}

void read_types(object record, RorRecord& out) {
    std::size_t t = 0;
    for (const auto type : required_list(record, "types", "", true))
        out.details.types.push_back(enum_value<RorOrgType>(type, item("types", t++)));
    // The first ROR type in this order decides; healthcare, archive and other map to Other.
    constexpr std::pair<RorOrgType, InstitutionType> priority[] = {
        {RorOrgType::Education, InstitutionType::University},     {RorOrgType::Facility, InstitutionType::ResearchInstitute},
        {RorOrgType::Funder, InstitutionType::Funder},            {RorOrgType::Government, InstitutionType::GovernmentBody},
        {RorOrgType::Nonprofit, InstitutionType::Foundation},     {RorOrgType::Company, InstitutionType::Company},
    };
    out.institution.type = InstitutionType::Other;
    for (const auto& [ror, type] : priority) {
        if (std::find(out.details.types.begin(), out.details.types.end(), ror) != out.details.types.end()) {
            out.institution.type = type;
            break;
        }
    }
}

void read_locations(object record, RorRecord& out) {
    std::size_t k = 0;
    for (const auto value : required_list(record, "locations", "", true)) {
        const auto at = item("locations", k);
        const auto l = object_at(value, at);
        RorLocation loc;
        loc.geonames_id = integer(*member(l, "geonames_id", at, true), path(at, "geonames_id"), "a GeoNames id (an integer)");
        const auto geo_at = path(at, "geonames_details");
        const auto geo = object_at(*member(l, "geonames_details", at, true), geo_at);
        loc.name = required_text(geo, "name", geo_at, kMaxNameLength);
        // The first location gives the institution its country, so there it is required.
        if (const auto code = member(geo, "country_code", geo_at, k == 0)) {
            if (code->type() != element_type::STRING || !find_country(string_of(*code)))
                wrong(path(geo_at, "country_code"), *code, "an assigned ISO 3166-1 alpha-2 country code such as 'PS' (upper case)");
            loc.country_code = std::string(string_of(*code));
        }
        loc.country_name = optional_text(geo, "country_name", geo_at, kMaxNameLength);
        loc.subdivision_code = optional_text(geo, "country_subdivision_code", geo_at, kMaxShortText);
        loc.subdivision_name = optional_text(geo, "country_subdivision_name", geo_at, kMaxNameLength);
        loc.continent_code = optional_text(geo, "continent_code", geo_at, kMaxShortText);
        loc.continent_name = optional_text(geo, "continent_name", geo_at, kMaxNameLength);
        loc.lat = coordinate(geo, "lat", geo_at, 90.0);
        loc.lng = coordinate(geo, "lng", geo_at, 180.0);
        out.details.locations.push_back(std::move(loc));
        ++k;
    }
    out.institution.country = out.details.locations.front().country_code;
    out.institution.city = out.details.locations.front().name;
}

void read_relationships(object record, RorRecord& out) {
    const auto rels = list(record, "relationships", "", false, false);
    if (!rels) return;
    std::size_t k = 0;
    for (const auto value : *rels) {
        const auto at = item("relationships", k++);
        const auto r = object_at(value, at);
        RorRelationship rel;
        rel.type = enum_value<RorRelationshipType>(*member(r, "type", at, true), path(at, "type"));
        rel.id = ror_id(*member(r, "id", at, true), path(at, "id"));
        rel.label = required_text(r, "label", at, kMaxNameLength);
        out.details.relationships.push_back(std::move(rel));
    }
}

void read_external_ids(object record, RorRecord& out) {
    const auto ids = list(record, "external_ids", "", false, false);
    if (!ids) return;
    std::size_t k = 0;
    for (const auto value : *ids) {
        const auto at = item("external_ids", k++);
        const auto e = object_at(value, at);
        RorExternalId ext;
        ext.type = enum_value<RorExternalIdType>(*member(e, "type", at, true), path(at, "type"));
        std::size_t v = 0;
        for (const auto id : required_list(e, "all", at, false))
            ext.all.push_back(text_value(id, item(path(at, "all"), v++), kMaxIdLength, true));
        ext.preferred = optional_text(e, "preferred", at, kMaxIdLength);
        if (ext.type == RorExternalIdType::Wikidata && out.institution.identifiers.wikidata.empty()) {
            // ROR often leaves `preferred` null when it lists a single id; that id is then the one.
            std::string chosen = ext.preferred;
            std::string field = path(at, "preferred");
            if (chosen.empty() && ext.all.size() == 1) {
                chosen = ext.all.front();
                field = item(path(at, "all"), 0);
            }
            if (!chosen.empty()) {
                try {
                    validate_wikidata_id(chosen);
                } catch (const ValidationError& e2) {
                    throw ValidationError(field, chosen, e2.expected());
                }
                out.institution.identifiers.wikidata = chosen;
            }
        }
        out.details.external_ids.push_back(std::move(ext));
    }
}

void read_links(object record, RorRecord& out) {
    const auto links = list(record, "links", "", false, false);
    if (!links) return;
    std::size_t k = 0;
    for (const auto value : *links) {
        const auto at = item("links", k++);
        const auto l = object_at(value, at);
        RorLink link;
        link.type = enum_value<RorLinkType>(*member(l, "type", at, true), path(at, "type"));
        link.value = required_text(l, "value", at, kMaxLinkLength);
        // A website iro cannot use (no scheme, say) stays in the links only.
        if (link.type == RorLinkType::Website && out.institution.website.empty()) {
            try {
                validate_website(link.value);
                out.institution.website = link.value;
            } catch (const ValidationError&) {
            }
        }
        out.details.links.push_back(std::move(link));
    }
}

void read_domains(object record, RorRecord& out) {
    const auto domains = list(record, "domains", "", false, false);
    if (!domains) return;
    std::size_t k = 0;
    for (const auto value : *domains) out.details.domains.push_back(text_value(value, item("domains", k++), kMaxDomainLength, true));
}

void read_established(object record, RorRecord& out) {
    const auto v = member(record, "established", "", false);
    if (!v) return;
    constexpr std::string_view expected = "a year from 1 to 9999, or null";
    const auto year = integer(*v, "established", expected);
    if (year < 1 || year > 9999) wrong("established", *v, expected);
    out.details.established = static_cast<int>(year);
}

// FNV-1a over a length-prefixed encoding: stable across runs, builds and platforms.
class Hasher {
public:
    void bytes(std::string_view s) {
        for (char c : s) {
            hash_ ^= static_cast<unsigned char>(c);
            hash_ *= 1099511628211ULL;
        }
    }
    void number(std::uint64_t n) {
        for (int shift = 0; shift < 64; shift += 8) {
            hash_ ^= (n >> shift) & 0xFFU;
            hash_ *= 1099511628211ULL;
        }
    }
    void text(std::string_view s) {
        number(s.size());
        bytes(s);
    }
    template <class E>
    void enumerator(E e) {
        text(to_string(e));
    }
    void optional(const std::optional<double>& d) {
        number(d ? 1 : 0);
        if (d) number(std::bit_cast<std::uint64_t>(*d));
    }
    std::uint64_t value() const { return hash_; }

private:
    std::uint64_t hash_ = 14695981039346656037ULL;
};

std::uint64_t hash_of(const RorDetails& d) {
    Hasher h;
    h.text(kMappingVersion);
    h.text(d.id);
    h.number(d.names.size());
    for (const auto& n : d.names) {
        h.text(n.value);
        h.text(n.lang);
        h.number(n.types.size());
        for (auto t : n.types) h.enumerator(t);
    }
    h.number(d.types.size());
    for (auto t : d.types) h.enumerator(t);
    h.enumerator(d.status);
    h.number(d.locations.size());
    for (const auto& l : d.locations) {
        h.number(static_cast<std::uint64_t>(l.geonames_id));
        for (const auto* s : {&l.name, &l.country_code, &l.country_name, &l.subdivision_code, &l.subdivision_name,
                              &l.continent_code, &l.continent_name})
            h.text(*s);
        h.optional(l.lat);
        h.optional(l.lng);
    }
    h.number(d.relationships.size());
    for (const auto& r : d.relationships) {
        h.enumerator(r.type);
        h.text(r.id);
        h.text(r.label);
    }
    h.number(d.external_ids.size());
    for (const auto& e : d.external_ids) {
        h.enumerator(e.type);
        h.number(e.all.size());
        for (const auto& v : e.all) h.text(v);
        h.text(e.preferred);
    }
    h.number(d.links.size());
    for (const auto& l : d.links) {
        h.enumerator(l.type);
        h.text(l.value);
    }
    h.number(d.domains.size());
    for (const auto& v : d.domains) h.text(v);
    h.number(d.established ? static_cast<std::uint64_t>(*d.established) : 0);
    h.text(format_date(d.created));
    h.text(format_date(d.last_modified));
    h.text(d.schema_version);
    return h.value();
}

// validate(Institution) names Institution fields; say where they came from in the record.
std::string record_field(const std::string& institution_field) {
    if (institution_field == "country") return "locations[0].geonames_details.country_code";
    if (institution_field == "city") return "locations[0].geonames_details.name";
    if (institution_field == "ror") return "id";
    if (institution_field == "website") return "links";
    if (institution_field == "wikidata") return "external_ids";
    return institution_field;  // names[i].value and names[i].lang are the same paths
}
} // namespace

std::string raw_ror_id(element record) {
    if (record.type() != element_type::OBJECT) return {};
    const auto id = member(object_of(record), "id", "", false);
    if (!id || id->type() != element_type::STRING) return {};
    return id_for_message(string_of(*id));
}

std::string id_for_message(std::string_view id) { return id.size() > 64 ? std::string(id.substr(0, 64)) + "..." : std::string(id); }

RorRecord read_ror_record(element value) {
    if (value.type() != element_type::OBJECT) wrong("record", value, "a JSON object (one ROR organisation)");
    const auto record = object_of(value);
    RorRecord out;
    out.details.id = ror_id(*member(record, "id", "", true), "id");
    out.institution.identifiers.ror = out.details.id;
    read_names(record, out);
    read_types(record, out);
    out.details.status = enum_value<RorStatus>(*member(record, "status", "", true), "status");
    out.institution.status = out.details.status == RorStatus::Active ? InstitutionStatus::Active : InstitutionStatus::Inactive;
    read_locations(record, out);
    read_relationships(record, out);
    read_external_ids(record, out);
    read_links(record, out);
    read_domains(record, out);
    read_established(record, out);
    const auto admin = object_at(*member(record, "admin", "", true), "admin");
    out.details.created = admin_date(admin, "created", nullptr);
    out.details.last_modified = admin_date(admin, "last_modified", &out.details.schema_version);

    try {
        validate(out.institution);
    } catch (const ValidationError& e) {
        throw ValidationError(record_field(e.field()), e.value(), e.expected());
    }
    if (out.details.status != RorStatus::Active)
        for (const auto& r : out.details.relationships)
            if (r.type == RorRelationshipType::Successor && r.id != out.details.id) out.successors.push_back(r.id);
    out.content_hash = hash_of(out.details);
    return out;
}

} // namespace iro::detail
