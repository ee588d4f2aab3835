#include "interchange/ror_store.hpp"

#include "iro/error.hpp"
#include "iro/store.hpp"
#include "store/database.hpp"
#include "store/institution_names.hpp"

#include <bit>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace iro::detail {

namespace {
using nlohmann::json;

void bind_nullable_text(Statement& st, int index, const std::string& value) {
    if (value.empty()) st.bind(index);
    else st.bind(index, value);
}

void bind_optional_double(Statement& st, int index, const std::optional<double>& value) {
    if (value) st.bind(index, *value);
    else st.bind(index);
}

template <class E>
std::string enum_list(const std::vector<E>& values) {
    json out = json::array();
    for (auto v : values) out.push_back(to_string(v));
    return out.dump();
}

std::vector<std::string> text_list(const std::string& stored, std::string_view column) {
    try {
        return json::parse(stored).get<std::vector<std::string>>();
    } catch (const json::exception&) {
        throw StorageError(fmt::format("the store holds a malformed list in {}: {}", column, stored));
    }
}

template <class E>
std::vector<E> enum_list_from(const std::string& stored, std::string_view column) {
    std::vector<E> out;
    for (const auto& name : text_list(stored, column)) out.push_back(enum_from_string<E>(name));
    return out;
}

std::optional<double> column_double(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getDouble();
}

} // namespace

std::optional<RorStoredState> find_ror_state(Database& db, const std::string& ror) {
    auto& st = db.statement(
        "SELECT i.id, i.status, i.successor_id, i.is_home, r.content_hash, r.status FROM institution i "
        "LEFT JOIN ror_record r ON r.institution_id = i.id WHERE i.ror = ?");
    st.bind(1, ror);
    if (!st.executeStep()) return std::nullopt;
    RorStoredState s;
    s.id = InstitutionId{st.getColumn(0).getInt64()};
    s.status = enum_from_string<InstitutionStatus>(st.getColumn(1).getString());
    if (auto successor = column_optional_id(st.getColumn(2))) s.successor = InstitutionId{*successor};
    s.is_home = st.getColumn(3).getInt() != 0;
    if (!st.getColumn(4).isNull()) s.content_hash = std::bit_cast<std::uint64_t>(st.getColumn(4).getInt64());
    if (!st.getColumn(5).isNull()) s.ror_status = enum_from_string<RorStatus>(st.getColumn(5).getString());
    st.reset();
    return s;
}

std::optional<InstitutionId> find_institution_id_by_ror(Database& db, const std::string& ror) {
    auto& st = db.statement("SELECT id FROM institution WHERE ror = ?");
    st.bind(1, ror);
    if (!st.executeStep()) return std::nullopt;
    const InstitutionId id{st.getColumn(0).getInt64()};
    st.reset();
    return id;
}

InstitutionId insert_ror_institution(Database& db, const Institution& institution) {
    auto& st = db.statement(
        "INSERT INTO institution (type, country, city, website, ror, wikidata, status, successor_id, is_home) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)");
    st.bind(1, std::string(to_string(institution.type)));
    st.bind(2, institution.country);
    st.bind(3, institution.city);
    st.bind(4, institution.website);
    bind_nullable_text(st, 5, institution.identifiers.ror);
    bind_nullable_text(st, 6, institution.identifiers.wikidata);
    st.bind(7, std::string(to_string(institution.status)));
    bind_optional_id(st, 8, institution.successor ? std::optional<std::int64_t>(institution.successor->value()) : std::nullopt);
    st.exec();
    Institution stored = institution;
    stored.id = InstitutionId{db.last_insert_id()};
    write_names_and_search(db, stored, false);
    return stored.id;
}

void update_ror_institution(Database& db, const Institution& institution) {
    auto& st = db.statement(
        "UPDATE institution SET type = ?, country = ?, city = ?, website = ?, wikidata = ?, status = ?, successor_id = ? "
        "WHERE id = ?");
    st.bind(1, std::string(to_string(institution.type)));
    st.bind(2, institution.country);
    st.bind(3, institution.city);
    st.bind(4, institution.website);
    bind_nullable_text(st, 5, institution.identifiers.wikidata);
    st.bind(6, std::string(to_string(institution.status)));
    bind_optional_id(st, 7, institution.successor ? std::optional<std::int64_t>(institution.successor->value()) : std::nullopt);
    st.bind(8, static_cast<int64_t>(institution.id.value()));
    st.exec();
    write_names_and_search(db, institution, true);
}

std::vector<std::pair<InstitutionId, InstitutionId>> mergeable_institutions(Database& db) {
    auto& st = db.statement(
        "SELECT rel.institution_id, target.id FROM ror_relationship rel "
        "JOIN ror_record rec ON rec.institution_id = rel.institution_id "
        "JOIN institution i ON i.id = rel.institution_id "
        "JOIN institution target ON target.ror = rel.ror "
        "WHERE rel.type = 'successor' AND rec.status <> 'active' AND i.status = 'inactive' AND target.id <> i.id "
        "ORDER BY rel.institution_id, rel.position");
    std::vector<std::pair<InstitutionId, InstitutionId>> out;
    while (st.executeStep()) {
        const InstitutionId id{st.getColumn(0).getInt64()};
        if (!out.empty() && out.back().first == id) continue;
        out.emplace_back(id, InstitutionId{st.getColumn(1).getInt64()});
    }
    return out;
}

void set_institution_status(Database& db, InstitutionId id, InstitutionStatus status, std::optional<InstitutionId> successor) {
    auto& st = db.statement("UPDATE institution SET status = ?, successor_id = ? WHERE id = ?");
    st.bind(1, std::string(to_string(status)));
    bind_optional_id(st, 2, successor ? std::optional<std::int64_t>(successor->value()) : std::nullopt);
    st.bind(3, static_cast<int64_t>(id.value()));
    st.exec();
}

void write_ror_details(Database& db, InstitutionId institution, const RorDetails& d, std::uint64_t content_hash, bool replace) {
    const auto id = static_cast<int64_t>(institution.value());
    if (replace) {
        // The other ror_* rows go with it (ON DELETE CASCADE).
        auto& st = db.statement("DELETE FROM ror_record WHERE institution_id = ?");
        st.bind(1, id);
        st.exec();
    }
    {
        auto& st = db.statement(
            "INSERT INTO ror_record (institution_id, status, types, domains, established, created_on, last_modified_on, "
            "schema_version, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, std::string(to_string(d.status)));
        st.bind(3, enum_list(d.types));
        st.bind(4, json(d.domains).dump());
        if (d.established) st.bind(5, *d.established);
        else st.bind(5);
        st.bind(6, format_date(d.created));
        st.bind(7, format_date(d.last_modified));
        st.bind(8, d.schema_version);
        st.bind(9, static_cast<int64_t>(std::bit_cast<std::int64_t>(content_hash)));
        st.exec();
    }
    for (std::size_t p = 0; p < d.names.size(); ++p) {
        auto& st = db.statement("INSERT INTO ror_name (institution_id, position, value, lang, types) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(p));
        st.bind(3, d.names[p].value);
        st.bind(4, d.names[p].lang);
        st.bind(5, enum_list(d.names[p].types));
        st.exec();
    }
    for (std::size_t p = 0; p < d.locations.size(); ++p) {
        const auto& l = d.locations[p];
        auto& st = db.statement(
            "INSERT INTO ror_location (institution_id, position, geonames_id, name, country_code, country_name, "
            "subdivision_code, subdivision_name, continent_code, continent_name, lat, lng) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(p));
        st.bind(3, static_cast<int64_t>(l.geonames_id));
        st.bind(4, l.name);
        st.bind(5, l.country_code);
        st.bind(6, l.country_name);
        st.bind(7, l.subdivision_code);
        st.bind(8, l.subdivision_name);
        st.bind(9, l.continent_code);
        st.bind(10, l.continent_name);
        bind_optional_double(st, 11, l.lat);
        bind_optional_double(st, 12, l.lng);
        st.exec();
    }
    for (std::size_t p = 0; p < d.relationships.size(); ++p) {
        const auto& r = d.relationships[p];
        auto& st = db.statement("INSERT INTO ror_relationship (institution_id, position, type, ror, label) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(p));
        st.bind(3, std::string(to_string(r.type)));
        st.bind(4, r.id);
        st.bind(5, r.label);
        st.exec();
    }
    for (std::size_t p = 0; p < d.external_ids.size(); ++p) {
        const auto& e = d.external_ids[p];
        auto& st = db.statement(
            "INSERT INTO ror_external_id (institution_id, position, type, all_ids, preferred) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(p));
        st.bind(3, std::string(to_string(e.type)));
        st.bind(4, json(e.all).dump());
        st.bind(5, e.preferred);
        st.exec();
    }
    for (std::size_t p = 0; p < d.links.size(); ++p) {
        auto& st = db.statement("INSERT INTO ror_link (institution_id, position, type, value) VALUES (?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(p));
        st.bind(3, std::string(to_string(d.links[p].type)));
        st.bind(4, d.links[p].value);
        st.exec();
    }
}

std::optional<RorDetails> read_ror_details(Database& db, InstitutionId institution) {
    const auto id = static_cast<int64_t>(institution.value());
    RorDetails d;
    {
        auto& st = db.statement(
            "SELECT r.status, r.types, r.domains, r.established, r.created_on, r.last_modified_on, r.schema_version, i.ror "
            "FROM ror_record r JOIN institution i ON i.id = r.institution_id WHERE r.institution_id = ?");
        st.bind(1, id);
        if (!st.executeStep()) return std::nullopt;
        d.status = enum_from_string<RorStatus>(st.getColumn(0).getString());
        d.types = enum_list_from<RorOrgType>(st.getColumn(1).getString(), "ror_record.types");
        d.domains = text_list(st.getColumn(2).getString(), "ror_record.domains");
        if (!st.getColumn(3).isNull()) d.established = st.getColumn(3).getInt();
        d.created = parse_date(st.getColumn(4).getString(), "ror_record.created_on");
        d.last_modified = parse_date(st.getColumn(5).getString(), "ror_record.last_modified_on");
        d.schema_version = st.getColumn(6).getString();
        d.id = st.getColumn(7).isNull() ? std::string{} : st.getColumn(7).getString();
        st.reset();
    }
    {
        auto& st = db.statement("SELECT value, lang, types FROM ror_name WHERE institution_id = ? ORDER BY position");
        st.bind(1, id);
        while (st.executeStep())
            d.names.push_back(RorName{st.getColumn(0).getString(), st.getColumn(1).getString(),
                                      enum_list_from<RorNameType>(st.getColumn(2).getString(), "ror_name.types")});
    }
    {
        auto& st = db.statement(
            "SELECT geonames_id, name, country_code, country_name, subdivision_code, subdivision_name, continent_code, "
            "continent_name, lat, lng FROM ror_location WHERE institution_id = ? ORDER BY position");
        st.bind(1, id);
        while (st.executeStep()) {
            RorLocation l;
            l.geonames_id = st.getColumn(0).getInt64();
            l.name = st.getColumn(1).getString();
            l.country_code = st.getColumn(2).getString();
            l.country_name = st.getColumn(3).getString();
            l.subdivision_code = st.getColumn(4).getString();
            l.subdivision_name = st.getColumn(5).getString();
            l.continent_code = st.getColumn(6).getString();
            l.continent_name = st.getColumn(7).getString();
            l.lat = column_double(st.getColumn(8));
            l.lng = column_double(st.getColumn(9));
            d.locations.push_back(std::move(l));
        }
    }
    {
        auto& st = db.statement("SELECT type, ror, label FROM ror_relationship WHERE institution_id = ? ORDER BY position");
        st.bind(1, id);
        while (st.executeStep())
            d.relationships.push_back(RorRelationship{enum_from_string<RorRelationshipType>(st.getColumn(0).getString()),
                                                      st.getColumn(1).getString(), st.getColumn(2).getString()});
    }
    {
        auto& st = db.statement("SELECT type, all_ids, preferred FROM ror_external_id WHERE institution_id = ? ORDER BY position");
        st.bind(1, id);
        while (st.executeStep())
            d.external_ids.push_back(RorExternalId{enum_from_string<RorExternalIdType>(st.getColumn(0).getString()),
                                                   text_list(st.getColumn(1).getString(), "ror_external_id.all_ids"),
                                                   st.getColumn(2).getString()});
    }
    {
        auto& st = db.statement("SELECT type, value FROM ror_link WHERE institution_id = ? ORDER BY position");
        st.bind(1, id);
        while (st.executeStep())
            d.links.push_back(RorLink{enum_from_string<RorLinkType>(st.getColumn(0).getString()), st.getColumn(1).getString()});
    }
    return d;
}

} // namespace iro::detail

namespace iro {

std::optional<RorDetails> find_ror_details(const Store& store, InstitutionId institution) {
    try {
        return detail::read_ror_details(detail::database_of(store), institution);
    } catch (...) {
        detail::rethrow_as_iro_error("reading ROR details");
    }
}

RorDetails ror_details(const Store& store, InstitutionId institution) {
    auto details = find_ror_details(store, institution);
    if (!details) throw NotFoundError("imported ROR record for institution", institution.value());
    return std::move(*details);
}

} // namespace iro
