#pragma once
// Specialised scientific centres: their fields of expertise, links between centres, and
// matching a home centre with partner centres and people.

#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"
#include "iro/person.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace iro {

namespace detail { class Database; }

struct CentreLink {
    UnitId home_centre;
    UnitId partner_centre;
    std::string note;

    friend bool operator==(const CentreLink&, const CentreLink&) = default;
};

struct ExpertiseMatch {
    enum class Kind { Centre, Person };
    Kind kind = Kind::Centre;
    std::int64_t id = 0;      // a UnitId or PersonId value, by kind
    std::string name;         // the centre's name or the person's full name
    InstitutionId institution;
    std::string institution_name;
    double score = 0;         // see Centres::match
    std::vector<std::string> reasons;  // "same ISCED field 0613", "keyword 'solar energy'"

    friend bool operator==(const ExpertiseMatch&, const ExpertiseMatch&) = default;
};

template <>
struct EnumNames<ExpertiseMatch::Kind> {
    static constexpr std::string_view field = "match kind";
    static constexpr std::array<std::pair<ExpertiseMatch::Kind, std::string_view>, 2> table{{
        {ExpertiseMatch::Kind::Centre, "centre"},
        {ExpertiseMatch::Kind::Person, "person"},
    }};
};

class Centres {
public:
    explicit Centres(detail::Database& db) : db_(&db) {}

    // Only units of kind scientific_centre carry expertise.
    void set_expertise(UnitId centre, const Expertise& expertise);
    Expertise expertise(UnitId centre) const;

    // Links a home centre with a partner's centre (either order is stored once).
    void link(UnitId home_centre, UnitId partner_centre, std::string_view note = {});
    void unlink(UnitId home_centre, UnitId partner_centre);
    std::vector<CentreLink> links(UnitId centre) const;

    // Ranks partner centres and partner-affiliated people by how well their expertise
    // overlaps the home centre's. Each of the home centre's ISCED codes scores its best
    // match among the candidate's codes: 1.0 for the same code, 0.5 for the same narrow
    // field (first 3 digits), 0.25 for the same broad field (first 2 digits); each of its
    // keywords scores 1.0 when the candidate has it too (case- and accent-folded). The sum
    // is divided by the home centre's number of codes and keywords, so 1.0 means everything
    // matched exactly. Highest score first, centres before people on a tie, then lower id;
    // candidates with no overlap are left out.
    std::vector<ExpertiseMatch> match(UnitId home_centre, int limit = 20) const;

private:
    detail::Database* db_;
};

} // namespace iro
