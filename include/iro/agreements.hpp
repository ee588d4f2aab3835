#pragma once
// The stored agreements, their lifecycle and the queries an office runs every week.

#include "iro/agreement.hpp"
#include "iro/country.hpp"
#include "iro/institution.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iro {

namespace detail { class Database; }

struct AgreementFilter {
    std::optional<InstitutionId> partner{};
    std::optional<std::string> country{};      // of any partner
    std::optional<WorldRegion> region{};       // of any partner
    std::optional<Scope> scope{};              // of any partner, relative to home
    std::optional<AgreementKind> kind{};
    std::optional<AgreementStatus> status{};
    std::optional<Area> area{};
    std::optional<UnitId> home_unit{};
    std::optional<Date> in_force_on{};

    friend bool operator==(const AgreementFilter&, const AgreementFilter&) = default;
};

// What Agreements::expiring fills in besides each agreement's own row. An agreement read
// with Parties is for display: update() replaces every part, so write back only agreements
// read whole. (It has no areas, which update() refuses.)
enum class AgreementParts {
    All,      // parties, areas, quota lines with their years, documents
    Parties,  // parties only: areas, quota lines and documents are left empty
};

template <>
struct EnumNames<AgreementParts> {
    static constexpr std::string_view field = "parts";
    static constexpr std::array<std::pair<AgreementParts, std::string_view>, 2> table{{
        {AgreementParts::All, "all"},
        {AgreementParts::Parties, "parties"},
    }};
};

// An agreement whose current validity period ends within the asked window.
struct ExpiringAgreement {
    Agreement agreement;
    Date ends_on{};
    int days_left = 0;
    bool renews_tacitly = false;       // it renews unless notice is given
    std::optional<Date> notice_by{};     // last day to give notice, when a period is set
};

class Agreements {
public:
    explicit Agreements(detail::Database& db) : db_(&db) {}

    // Validates and stores a new agreement. Parties must exist, the home institution must be
    // one of them. The status may be other than proposed for agreements signed before they
    // were recorded; the first history entry then records that status.
    AgreementId add(Agreement agreement);
    std::vector<AgreementId> add_many(std::vector<Agreement> agreements);
    // Replaces the editable fields. Status, history and renewal links are not editable.
    void update(const Agreement& agreement);

    Agreement get(AgreementId id) const;
    std::vector<Agreement> find(const AgreementFilter& filter = {}) const;
    std::int64_t count(const AgreementFilter& filter = {}) const;

    // Lifecycle. Every move is checked against agreement_lifecycle.hpp and recorded.
    void transition(AgreementId id, AgreementStatus to, Date on, std::string_view note = {});
    // Records one party's signature; only while the agreement is awaiting signature.
    void sign(AgreementId id, InstitutionId party, Date on, std::string_view signatory = {});
    // Moves to in_force: every party must have signed; in_force_from defaults to `on`.
    void enter_into_force(AgreementId id, Date on, std::string_view note = {});
    void terminate(AgreementId id, Date on, std::string_view note = {});
    // Marks the agreement expired; refused before its validity has ended.
    void expire(AgreementId id, Date on, std::string_view note = {});
    // Creates the successor agreement (in force from `from`, until `until`) and marks this
    // one renewed. Returns the successor's id.
    AgreementId renew(AgreementId id, Date on, Date from, std::optional<Date> until,
                      std::string_view note = {});
    std::vector<Transition> history(AgreementId id) const;

    std::vector<Agreement> in_force_on(Date on) const;
    // In force on `on` with the current period ending within [on, on + within_days]: an
    // agreement whose last day is `on` is listed with 0 days left. Listings that show only
    // the partners ask for AgreementParts::Parties: the other parts are most of the read.
    std::vector<ExpiringAgreement> expiring(Date on, int within_days, AgreementParts parts = AgreementParts::All) const;

private:
    detail::Database* db_;
};

} // namespace iro
