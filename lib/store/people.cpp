#include "iro/people.hpp"

#include "iro/country.hpp"
#include "iro/error.hpp"
#include "store/bulk_add.hpp"
#include "store/checks.hpp"
#include "store/database.hpp"
#include "store/json_convert.hpp"
#include "store/sql_filter.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <random>

namespace iro {

namespace {
using nlohmann::json;

constexpr const char* kColumns =
    "SELECT id, given_name, family_name, role, affiliation_id, unit_id, nationality, email, isced_codes, keywords, erased "
    "FROM person p WHERE 1 = 1";

Person read_row(detail::Statement& st) {
    Person p;
    p.id = PersonId{st.getColumn(0).getInt64()};
    p.given_name = st.getColumn(1).getString();
    p.family_name = st.getColumn(2).getString();
    p.role = enum_from_string<PersonRole>(st.getColumn(3).getString());
    if (auto a = detail::column_optional_id(st.getColumn(4))) p.affiliation = InstitutionId{*a};
    if (auto u = detail::column_optional_id(st.getColumn(5))) p.unit = UnitId{*u};
    p.nationality = st.getColumn(6).getString();
    p.email = st.getColumn(7).getString();
    p.expertise.isced_codes = json::parse(st.getColumn(8).getString()).get<std::vector<std::string>>();
    p.expertise.keywords = json::parse(st.getColumn(9).getString()).get<std::vector<std::string>>();
    p.erased = st.getColumn(10).getInt() != 0;
    return p;
}

std::vector<Person> load(detail::Database& db, const detail::SqlFilter& f) {
    std::vector<Person> out;
    auto& st = db.statement(kColumns + f.where + " ORDER BY id");
    f.bind(st);
    while (st.executeStep()) out.push_back(read_row(st));
    return out;
}

Person must_load(detail::Database& db, PersonId id) {
    detail::SqlFilter f;
    f.add("p.id = ?", id.value());
    auto rows = load(db, f);
    if (rows.empty()) throw NotFoundError("person", id.value());
    return std::move(rows.front());
}

void check_against_store(detail::Database& db, const Person& p) {
    if (p.affiliation) {
        detail::require_row(db, "institution", "institution (affiliation)", p.affiliation->value());
        detail::check_unit_belongs(db, p.unit, *p.affiliation, "unit");
    }
}

void bind_main(detail::Statement& st, const Person& p) {
    st.bind(1, p.given_name);
    st.bind(2, p.family_name);
    st.bind(3, std::string(to_string(p.role)));
    detail::bind_optional_id(st, 4, p.affiliation ? std::optional<std::int64_t>(p.affiliation->value()) : std::nullopt);
    detail::bind_optional_id(st, 5, p.unit ? std::optional<std::int64_t>(p.unit->value()) : std::nullopt);
    st.bind(6, p.nationality);
    st.bind(7, p.email);
    st.bind(8, json(p.expertise.isced_codes).dump());
    st.bind(9, json(p.expertise.keywords).dump());
    st.bind(10, p.erased ? 1 : 0);
}

detail::SqlFilter make_filter(const PersonFilter& filter) {
    detail::SqlFilter f;
    if (filter.role) f.add("p.role = ?", std::string(to_string(*filter.role)));
    if (filter.affiliation) f.add("p.affiliation_id = ?", filter.affiliation->value());
    if (filter.nationality) f.add("p.nationality = ?", std::string(country(*filter.nationality).code));
    if (!filter.include_erased) f.add("p.erased = 0");
    return f;
}

// A random token that identifies an erased person in place of the name.
std::string anonymous_token() {
    std::random_device rd;
    std::uniform_int_distribution<unsigned> digit(0, 15);
    std::string token = "anonymous-";
    for (int i = 0; i < 12; ++i) token += "0123456789abcdef"[digit(rd)];
    return token;
}

// Adds one validated-and-checked person. `checks`: Full asks the store about every reference;
// Bulk leaves existence to the foreign keys and runs the full checks only when one fails, to
// name what is missing.
PersonId insert(detail::Database& db, Person& person, detail::RowChecks checks) {
    person.id = PersonId{};
    person.erased = false;
    validate(person);
    if (checks == detail::RowChecks::Full) check_against_store(db, person);
    else if (person.unit && person.affiliation) detail::check_unit_belongs(db, person.unit, *person.affiliation, "unit");
    auto& st = db.statement("INSERT INTO person (given_name, family_name, role, affiliation_id, unit_id, nationality, email, "
                            "isced_codes, keywords, erased) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_main(st, person);
    try {
        st.exec();
    } catch (const ConflictError&) {
        check_against_store(db, person);
        throw;
    }
    person.id = PersonId{db.last_insert_id()};
    if (db.audits_each_row()) db.audit("person", person.id.value(), "add", "", detail::to_json_text(person));
    return person.id;
}
} // namespace

PersonId People::add(Person person) {
    return db_->write([&] { return insert(*db_, person, detail::RowChecks::Full); });
}

std::vector<PersonId> People::add_many(std::vector<Person> people) {
    return detail::add_many_rows<PersonId>(*db_, "person", "people", people, {"person"}, [&](Person row) { return insert(*db_, row, detail::RowChecks::Bulk); });
}

void People::update(const Person& person) {
    validate(person);
    db_->write([&] {
        const auto before = must_load(*db_, person.id);
        if (before.erased) throw ConflictError(fmt::format("person {} has been erased and cannot be edited", person.id.value()));
        if (person.erased) throw ConflictError(fmt::format("person {}: use erase() to erase a person", person.id.value()));
        check_against_store(*db_, person);
        auto& st = db_->statement("UPDATE person SET given_name = ?, family_name = ?, role = ?, affiliation_id = ?, unit_id = ?, "
                                  "nationality = ?, email = ?, isced_codes = ?, keywords = ?, erased = ? WHERE id = ?");
        bind_main(st, person);
        st.bind(11, static_cast<int64_t>(person.id.value()));
        st.exec();
        db_->audit("person", person.id.value(), "update", detail::to_json_text(before), detail::to_json_text(person));
    });
}

Person People::get(PersonId id) const { return must_load(*db_, id); }

std::vector<Person> People::find(const PersonFilter& filter) const { return load(*db_, make_filter(filter)); }

std::int64_t People::count(const PersonFilter& filter) const {
    const auto f = make_filter(filter);
    auto& st = db_->statement("SELECT count(*) FROM person p WHERE 1 = 1" + f.where);
    f.bind(st);
    st.executeStep();
    const auto n = st.getColumn(0).getInt64();
    st.reset();
    return n;
}

std::string People::erase(PersonId id) {
    const auto token = db_->write([&] {
        const auto before = must_load(*db_, id);
        if (before.erased) throw ConflictError(fmt::format("person {} is already erased", id.value()));
        Person after = before;
        after.given_name.clear();
        after.family_name = anonymous_token();
        after.nationality.clear();
        after.email.clear();
        after.expertise = {};
        after.erased = true;
        auto& st = db_->statement("UPDATE person SET given_name = ?, family_name = ?, role = ?, affiliation_id = ?, unit_id = ?, "
                                  "nationality = ?, email = ?, isced_codes = ?, keywords = ?, erased = ? WHERE id = ?");
        bind_main(st, after);
        st.bind(11, static_cast<int64_t>(id.value()));
        st.exec();
        // The audit log held the personal fields too: its entries about this person now
        // show the erased record only.
        const auto erased_json = detail::to_json_text(after);
        auto& scrub = db_->statement("UPDATE audit_log SET before = CASE WHEN before = '' THEN '' ELSE ? END, after = ? "
                                     "WHERE entity = 'person' AND entity_id = ?");
        scrub.bind(1, erased_json);
        scrub.bind(2, erased_json);
        scrub.bind(3, static_cast<int64_t>(id.value()));
        scrub.exec();
        db_->audit("person", id.value(), "erase", "", erased_json);
        return after.family_name;
    });
    // Old page images may still sit in the write-ahead log; fold it into the file, whose
    // freed pages SQLite overwrites (secure_delete).
    db_->checkpoint();
    return token;
}

} // namespace iro
