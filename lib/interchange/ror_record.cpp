#include "interchange/ror_record.hpp"

#include "core/text_rules.hpp"
#include "iro/country.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace iro::detail {

namespace {
using nlohmann::json;

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

// Strings are shown as written; anything else as its JSON.
std::string shown(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

[[noreturn]] void wrong(const std::string& field, const json& value, std::string_view expected) {
    throw ValidationError(field, shown(value), expected);
}

const json* member(const json& object, std::string_view key, const std::string& parent, bool required) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) throw ValidationError(path(parent, key), it == object.end() ? "" : "null", "a value (the key is required)");
        return nullptr;
    }
    return &*it;
}

const json& object_at(const json& value, const std::string& field) {
    if (!value.is_object()) wrong(field, value, "a JSON object");
    return value;
}

std::string text_value(const json& value, const std::string& field, std::size_t max_bytes, bool required) {
    if (!value.is_string()) wrong(field, value, "a string");
    const auto& s = value.get_ref<const std::string&>();
    check_text(field, s, max_bytes, required);
    return s;
}

std::string required_text(const json& object, std::string_view key, const std::string& parent, std::size_t max_bytes) {
    return text_value(*member(object, key, parent, true), path(parent, key), max_bytes, true);
}

// Missing and null both read as the empty string.
std::string optional_text(const json& object, std::string_view key, const std::string& parent, std::size_t max_bytes) {
    const auto* v = member(object, key, parent, false);
    return v ? text_value(*v, path(parent, key), max_bytes, false) : std::string{};
}

// A missing or null list reads as empty, as ROR's schema defaults them to [].
const json* list(const json& object, std::string_view key, const std::string& parent, bool required, bool non_empty) {
    const auto* v = member(object, key, parent, required);
    if (!v) return nullptr;
    if (!v->is_array()) wrong(path(parent, key), *v, non_empty ? "a non-empty JSON array" : "a JSON array");
    if (non_empty && v->empty()) wrong(path(parent, key), *v, "a non-empty JSON array");
    return v;
}

template <class E>
E enum_value(const json& value, const std::string& field) {
    if (value.is_string())
        if (auto e = try_enum_from_string<E>(value.get_ref<const std::string&>())) return *e;
    wrong(field, value, "one of: " + enum_choices<E>());
}

std::string ror_id(const json& value, const std::string& field) {
    constexpr std::string_view expected = "a ROR id 'https://ror.org/0' + 6 base-32 characters + a valid 2-digit checksum";
    if (!value.is_string()) wrong(field, value, expected);
    try {
        return normalize_ror_id(value.get_ref<const std::string&>());
    } catch (const ValidationError&) {
        wrong(field, value, expected);
    }
}

std::int64_t integer(const json& value, const std::string& field, std::string_view expected) {
    if (value.is_number_integer()) {
        if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            wrong(field, value, expected);
        return value.get<std::int64_t>();
    }
    // A JSON number written as 1998.0 is still a whole number.
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
    }
    wrong(field, value, expected);
}

std::optional<double> coordinate(const json& object, std::string_view key, const std::string& parent, double limit) {
    const auto* v = member(object, key, parent, false);
    if (!v) return std::nullopt;
    const auto expected = fmt::format("a number from {} to {}, or null", -limit, limit);
    if (!v->is_number()) wrong(path(parent, key), *v, expected);
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < -limit || d > limit) wrong(path(parent, key), *v, expected);
    return d;
}

Date admin_date(const json& admin, std::string_view key, std::string* schema_version) {
    const auto& entry = object_at(*member(admin, key, "admin", true), path("admin", key));
    const auto field = path(path("admin", key), "date");
    const auto text = required_text(entry, "date", path("admin", key), kMaxShortText);
    const auto date = parse_date(text, field);
    const auto version = required_text(entry, "schema_version", path("admin", key), kMaxShortText);
    if (schema_version) *schema_version = version;
    return date;
}

std::string language(const json& name, const std::string& parent) {
    const auto* v = member(name, "lang", parent, false);
    if (!v) return {};
    const auto field = path(parent, "lang");
    constexpr std::string_view expected = "a language code such as 'ar' or 'en', or null";
    if (!v->is_string()) wrong(field, *v, expected);
    const auto& s = v->get_ref<const std::string&>();
    const bool ok = !s.empty() && s.size() <= 12 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!ok) wrong(field, *v, expected);
    return s;
}

void read_names(const json& record, RorRecord& out) {
    const auto& names = *list(record, "names", "", true, true);
    int displays = 0;
    for (std::size_t k = 0; k < names.size(); ++k) {
        const auto at = item("names", k);
        const auto& n = object_at(names[k], at);
        RorName name;
        name.value = required_text(n, "value", at, kMaxNameLength);
        name.lang = language(n, at);
        const auto& types = *list(n, "types", at, true, true);
        for (std::size_t t = 0; t < types.size(); ++t)
            name.types.push_back(enum_value<RorNameType>(types[t], item(path(at, "types"), t)));
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

void read_types(const json& record, RorRecord& out) {
    const auto& types = *list(record, "types", "", true, true);
    for (std::size_t t = 0; t < types.size(); ++t) out.details.types.push_back(enum_value<RorOrgType>(types[t], item("types", t)));
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

void read_locations(const json& record, RorRecord& out) {
    const auto& locations = *list(record, "locations", "", true, true);
    for (std::size_t k = 0; k < locations.size(); ++k) {
        const auto at = item("locations", k);
        const auto& l = object_at(locations[k], at);
        RorLocation loc;
        loc.geonames_id = integer(*member(l, "geonames_id", at, true), path(at, "geonames_id"), "a GeoNames id (an integer)");
        const auto geo_at = path(at, "geonames_details");
        const auto& geo = object_at(*member(l, "geonames_details", at, true), geo_at);
        loc.name = required_text(geo, "name", geo_at, kMaxNameLength);
        // The first location gives the institution its country, so there it is required.
        const auto* code = member(geo, "country_code", geo_at, k == 0);
        if (code) {
            const auto field = path(geo_at, "country_code");
            if (!code->is_string() || !find_country(code->get_ref<const std::string&>()))
                wrong(field, *code, "an assigned ISO 3166-1 alpha-2 country code such as 'PS' (upper case)");
            loc.country_code = code->get<std::string>();
        }
        loc.country_name = optional_text(geo, "country_name", geo_at, kMaxNameLength);
        loc.subdivision_code = optional_text(geo, "country_subdivision_code", geo_at, kMaxShortText);
        loc.subdivision_name = optional_text(geo, "country_subdivision_name", geo_at, kMaxNameLength);
        loc.continent_code = optional_text(geo, "continent_code", geo_at, kMaxShortText);
        loc.continent_name = optional_text(geo, "continent_name", geo_at, kMaxNameLength);
        loc.lat = coordinate(geo, "lat", geo_at, 90.0);
        loc.lng = coordinate(geo, "lng", geo_at, 180.0);
        out.details.locations.push_back(std::move(loc));
    }
    out.institution.country = out.details.locations.front().country_code;
    out.institution.city = out.details.locations.front().name;
}

void read_relationships(const json& record, RorRecord& out) {
    const auto* rels = list(record, "relationships", "", false, false);
    if (!rels) return;
    for (std::size_t k = 0; k < rels->size(); ++k) {
        const auto at = item("relationships", k);
        const auto& r = object_at((*rels)[k], at);
        RorRelationship rel;
        rel.type = enum_value<RorRelationshipType>(*member(r, "type", at, true), path(at, "type"));
        rel.id = ror_id(*member(r, "id", at, true), path(at, "id"));
        rel.label = required_text(r, "label", at, kMaxNameLength);
        out.details.relationships.push_back(std::move(rel));
    }
}

void read_external_ids(const json& record, RorRecord& out) {
    const auto* ids = list(record, "external_ids", "", false, false);
    if (!ids) return;
    for (std::size_t k = 0; k < ids->size(); ++k) {
        const auto at = item("external_ids", k);
        const auto& e = object_at((*ids)[k], at);
        RorExternalId ext;
        ext.type = enum_value<RorExternalIdType>(*member(e, "type", at, true), path(at, "type"));
        const auto& all = *list(e, "all", at, true, false);
        for (std::size_t v = 0; v < all.size(); ++v) ext.all.push_back(text_value(all[v], item(path(at, "all"), v), kMaxIdLength, true));
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

void read_links(const json& record, RorRecord& out) {
    const auto* links = list(record, "links", "", false, false);
    if (!links) return;
    for (std::size_t k = 0; k < links->size(); ++k) {
        const auto at = item("links", k);
        const auto& l = object_at((*links)[k], at);
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

void read_domains(const json& record, RorRecord& out) {
    const auto* domains = list(record, "domains", "", false, false);
    if (!domains) return;
    for (std::size_t k = 0; k < domains->size(); ++k)
        out.details.domains.push_back(text_value((*domains)[k], item("domains", k), kMaxDomainLength, true));
}

void read_established(const json& record, RorRecord& out) {
    const auto* v = member(record, "established", "", false);
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

std::string raw_ror_id(const json& record) {
    if (!record.is_object()) return {};
    const auto it = record.find("id");
    if (it == record.end() || !it->is_string()) return {};
    auto id = it->get<std::string>();
    // Only for messages: keep a hostile id short.
    if (id.size() > 64) id = id.substr(0, 64) + "...";
    return id;
}

RorRecord read_ror_record(const json& record) {
    if (!record.is_object()) wrong("record", record, "a JSON object (one ROR organisation)");
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
    const auto& admin = object_at(*member(record, "admin", "", true), "admin");
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
