#include "iro/org_units.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "iro/identifiers.hpp"
#include "store/checks.hpp"
#include "store/database.hpp"
#include "store/json_convert.hpp"

#include <fmt/format.h>

namespace iro {

namespace {
constexpr const char* kUnitColumns = "SELECT id, institution_id, parent_id, kind, name, code FROM org_unit ";

OrgUnit read_unit(detail::Statement& st) {
    OrgUnit u;
    u.id = UnitId{st.getColumn(0).getInt64()};
    u.institution = InstitutionId{st.getColumn(1).getInt64()};
    if (auto p = detail::column_optional_id(st.getColumn(2))) u.parent = UnitId{*p};
    u.kind = enum_from_string<UnitKind>(st.getColumn(3).getString());
    u.name = st.getColumn(4).getString();
    u.code = st.getColumn(5).getString();
    return u;
}

std::optional<OrgUnit> load_unit(detail::Database& db, UnitId id) {
    auto& st = db.statement(std::string(kUnitColumns) + "WHERE id = ?");
    st.bind(1, static_cast<int64_t>(id.value()));
    if (!st.executeStep()) return std::nullopt;
    auto u = read_unit(st);
    st.reset();
    return u;
}

OrgUnit must_load_unit(detail::Database& db, UnitId id) {
    auto u = load_unit(db, id);
    if (!u) throw NotFoundError("unit", id.value());
    return std::move(*u);
}

void require_institution(detail::Database& db, InstitutionId id) { detail::require_row(db, "institution", "institution", id.value()); }

void validate_unit(const OrgUnit& u) {
    detail::check_text("name", u.name, detail::kMaxNameLength, true);
    detail::check_text("code", u.code, 50, false);
}

// The parent must exist, belong to the same institution and not be the unit or one of its
// descendants (that would make a cycle).
void check_parent(detail::Database& db, const OrgUnit& u) {
    if (!u.parent) return;
    auto parent = load_unit(db, *u.parent);
    if (!parent) throw NotFoundError("parent unit", u.parent->value());
    if (parent->institution != u.institution)
        throw ValidationError("parent", std::to_string(u.parent->value()),
                              fmt::format("a unit of the same institution ({})", u.institution.value()));
    for (std::optional<UnitId> cursor = u.parent; cursor && u.id.valid();) {
        if (*cursor == u.id)
            throw ConflictError(fmt::format("unit {} cannot be placed under {}: that unit lies inside it", u.id.value(),
                                            u.parent->value()));
        cursor = must_load_unit(db, *cursor).parent;
    }
}

} // namespace

namespace detail {
void require_row(Database& db, std::string_view table, std::string_view entity, std::int64_t id) {
    // The table name is one of iro's own constants, never caller input.
    auto& st = db.statement(fmt::format("SELECT 1 FROM {} WHERE id = ?", table));
    st.bind(1, static_cast<int64_t>(id));
    const bool found = st.executeStep();
    st.reset();
    if (!found) throw NotFoundError(entity, id);
}

void check_move_date(Database& db, std::string_view table, std::string_view key_column, std::int64_t id, Date on) {
    check_date(on, "on");
    // Table and column names are iro's own constants, never caller input.
    auto& st = db.statement(fmt::format("SELECT max(on_date) FROM {} WHERE {} = ?", table, key_column));
    st.bind(1, static_cast<int64_t>(id));
    st.executeStep();
    const auto last = column_date(st.getColumn(0));
    st.reset();
    if (last && on < *last)
        throw ValidationError("on", format_date(on), fmt::format("a date on or after the previous transition ({})", format_date(*last)));
}

void check_unit_belongs(Database& db, std::optional<UnitId> unit, InstitutionId institution, std::string_view field) {
    if (!unit) return;
    const auto u = load_unit(db, *unit);
    if (!u) throw NotFoundError("unit", unit->value());
    if (u->institution != institution)
        throw ValidationError(std::string(field), std::to_string(unit->value()),
                              fmt::format("a unit of institution {}", institution.value()));
}
} // namespace detail

UnitId OrgUnits::add(OrgUnit unit) {
    unit.id = UnitId{};
    validate_unit(unit);
    return db_->write([&] {
        require_institution(*db_, unit.institution);
        check_parent(*db_, unit);
        auto& st = db_->statement("INSERT INTO org_unit (institution_id, parent_id, kind, name, code) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, static_cast<int64_t>(unit.institution.value()));
        detail::bind_optional_id(st, 2, unit.parent ? std::optional<std::int64_t>(unit.parent->value()) : std::nullopt);
        st.bind(3, std::string(to_string(unit.kind)));
        st.bind(4, unit.name);
        st.bind(5, unit.code);
        st.exec();
        unit.id = UnitId{db_->last_insert_id()};
        db_->audit("unit", unit.id.value(), "add", "", detail::to_json_text(unit));
        return unit.id;
    });
}

void OrgUnits::update(const OrgUnit& unit) {
    validate_unit(unit);
    db_->write([&] {
        const auto before = must_load_unit(*db_, unit.id);
        if (before.institution != unit.institution)
            throw ConflictError(fmt::format("unit {} cannot move to another institution", unit.id.value()));
        check_parent(*db_, unit);
        auto& st = db_->statement("UPDATE org_unit SET parent_id = ?, kind = ?, name = ?, code = ? WHERE id = ?");
        detail::bind_optional_id(st, 1, unit.parent ? std::optional<std::int64_t>(unit.parent->value()) : std::nullopt);
        st.bind(2, std::string(to_string(unit.kind)));
        st.bind(3, unit.name);
        st.bind(4, unit.code);
        st.bind(5, static_cast<int64_t>(unit.id.value()));
        st.exec();
        db_->audit("unit", unit.id.value(), "update", detail::to_json_text(before), detail::to_json_text(unit));
    });
}

OrgUnit OrgUnits::get(UnitId id) const { return must_load_unit(*db_, id); }

std::vector<OrgUnit> OrgUnits::of(InstitutionId institution) const {
    // Walk the tree from the roots so that parents always come before children.
    std::vector<OrgUnit> all;
    {
        auto& st = db_->statement(std::string(kUnitColumns) + "WHERE institution_id = ? ORDER BY id");
        st.bind(1, static_cast<int64_t>(institution.value()));
        while (st.executeStep()) all.push_back(read_unit(st));
    }
    std::vector<OrgUnit> ordered;
    std::vector<std::optional<UnitId>> frontier{std::nullopt};
    while (!frontier.empty()) {
        std::vector<std::optional<UnitId>> next;
        for (const auto& parent : frontier)
            for (const auto& u : all)
                if (u.parent == parent) {
                    ordered.push_back(u);
                    next.emplace_back(u.id);
                }
        frontier = std::move(next);
    }
    return ordered;
}

std::vector<OrgUnit> OrgUnits::all() const {
    std::vector<OrgUnit> out;
    auto& st = db_->statement(std::string(kUnitColumns) + "ORDER BY id");
    while (st.executeStep()) out.push_back(read_unit(st));
    return out;
}

std::vector<OrgUnit> OrgUnits::children(UnitId parent) const {
    must_load_unit(*db_, parent);
    std::vector<OrgUnit> out;
    auto& st = db_->statement(std::string(kUnitColumns) + "WHERE parent_id = ? ORDER BY id");
    st.bind(1, static_cast<int64_t>(parent.value()));
    while (st.executeStep()) out.push_back(read_unit(st));
    return out;
}

namespace {
constexpr const char* kContactColumns = "SELECT id, institution_id, unit_id, name, role, email, phone FROM contact ";

Contact read_contact(detail::Statement& st) {
    Contact c;
    c.id = ContactId{st.getColumn(0).getInt64()};
    c.institution = InstitutionId{st.getColumn(1).getInt64()};
    if (auto u = detail::column_optional_id(st.getColumn(2))) c.unit = UnitId{*u};
    c.name = st.getColumn(3).getString();
    c.role = st.getColumn(4).getString();
    c.email = st.getColumn(5).getString();
    c.phone = st.getColumn(6).getString();
    return c;
}

Contact must_load_contact(detail::Database& db, ContactId id) {
    auto& st = db.statement(std::string(kContactColumns) + "WHERE id = ?");
    st.bind(1, static_cast<int64_t>(id.value()));
    if (!st.executeStep()) throw NotFoundError("contact", id.value());
    auto c = read_contact(st);
    st.reset();
    return c;
}

void validate_contact(const Contact& c) {
    detail::check_text("name", c.name, detail::kMaxNameLength, true);
    detail::check_text("role", c.role, detail::kMaxNameLength, false);
    if (!c.email.empty()) validate_email(c.email);
    detail::check_text("phone", c.phone, 50, false);
    for (char ch : c.phone)
        if (!((ch >= '0' && ch <= '9') || ch == '+' || ch == ' ' || ch == '-' || ch == '(' || ch == ')' || ch == '.'))
            throw ValidationError("phone", c.phone, "digits, spaces and + - ( ) . only");
}

void bind_contact(detail::Statement& st, const Contact& c) {
    detail::bind_optional_id(st, 1, c.unit ? std::optional<std::int64_t>(c.unit->value()) : std::nullopt);
    st.bind(2, c.name);
    st.bind(3, c.role);
    st.bind(4, c.email);
    st.bind(5, c.phone);
}
} // namespace

ContactId Contacts::add(Contact contact) {
    contact.id = ContactId{};
    validate_contact(contact);
    return db_->write([&] {
        require_institution(*db_, contact.institution);
        detail::check_unit_belongs(*db_, contact.unit, contact.institution, "unit");
        auto& st = db_->statement("INSERT INTO contact (unit_id, name, role, email, phone, institution_id) VALUES (?, ?, ?, ?, ?, ?)");
        bind_contact(st, contact);
        st.bind(6, static_cast<int64_t>(contact.institution.value()));
        st.exec();
        contact.id = ContactId{db_->last_insert_id()};
        db_->audit("contact", contact.id.value(), "add", "", detail::to_json_text(contact));
        return contact.id;
    });
}

void Contacts::update(const Contact& contact) {
    validate_contact(contact);
    db_->write([&] {
        const auto before = must_load_contact(*db_, contact.id);
        if (before.institution != contact.institution)
            throw ConflictError(fmt::format("contact {} cannot move to another institution", contact.id.value()));
        detail::check_unit_belongs(*db_, contact.unit, contact.institution, "unit");
        auto& st = db_->statement("UPDATE contact SET unit_id = ?, name = ?, role = ?, email = ?, phone = ? WHERE id = ?");
        bind_contact(st, contact);
        st.bind(6, static_cast<int64_t>(contact.id.value()));
        st.exec();
        db_->audit("contact", contact.id.value(), "update", detail::to_json_text(before), detail::to_json_text(contact));
    });
}

void Contacts::remove(ContactId id) {
    db_->write([&] {
        const auto before = must_load_contact(*db_, id);
        auto& st = db_->statement("DELETE FROM contact WHERE id = ?");
        st.bind(1, static_cast<int64_t>(id.value()));
        st.exec();
        db_->audit("contact", id.value(), "remove", detail::to_json_text(before), "");
    });
}

Contact Contacts::get(ContactId id) const { return must_load_contact(*db_, id); }

std::vector<Contact> Contacts::all() const {
    std::vector<Contact> out;
    auto& st = db_->statement(std::string(kContactColumns) + "ORDER BY id");
    while (st.executeStep()) out.push_back(read_contact(st));
    return out;
}

std::vector<Contact> Contacts::of(InstitutionId institution) const {
    std::vector<Contact> out;
    auto& st = db_->statement(std::string(kContactColumns) + "WHERE institution_id = ? ORDER BY id");
    st.bind(1, static_cast<int64_t>(institution.value()));
    while (st.executeStep()) out.push_back(read_contact(st));
    return out;
}

} // namespace iro
