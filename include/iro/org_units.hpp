#pragma once
// The stored organisational units and contacts of every institution.

#include "iro/contact.hpp"
#include "iro/org_unit.hpp"

#include <vector>

namespace iro {

namespace detail { class Database; }

class OrgUnits {
public:
    explicit OrgUnits(detail::Database& db) : db_(&db) {}

    UnitId add(OrgUnit unit);
    void update(const OrgUnit& unit);  // a unit cannot become its own ancestor
    OrgUnit get(UnitId id) const;
    // Every unit of an institution, parents before children.
    std::vector<OrgUnit> of(InstitutionId institution) const;
    std::vector<OrgUnit> children(UnitId parent) const;
    // Every unit of every institution, by id.
    std::vector<OrgUnit> all() const;

private:
    detail::Database* db_;
};

class Contacts {
public:
    explicit Contacts(detail::Database& db) : db_(&db) {}

    ContactId add(Contact contact);
    void update(const Contact& contact);
    void remove(ContactId id);
    Contact get(ContactId id) const;
    std::vector<Contact> of(InstitutionId institution) const;
    // Every contact of every institution, by id.
    std::vector<Contact> all() const;

private:
    detail::Database* db_;
};

} // namespace iro
