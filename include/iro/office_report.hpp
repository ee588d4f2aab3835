#pragma once
// The office report: where the office stands on a given day. summarize() gathers the numbers
// into a struct that programs and the Python module use directly; office_report() prints the
// same struct as plain UTF-8 text with aligned columns.

#include "iro/agreement.hpp"
#include "iro/audit.hpp"
#include "iro/country.hpp"
#include "iro/date.hpp"
#include "iro/institution.hpp"
#include "iro/org_unit.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace iro {

class Store;

struct ReportOptions {
    int audit_entries = 10;     // latest audit-log entries, 0 to 1000
    int top_countries = 10;     // rows of "partners by country" in the text, 1 to 1000
    bool list_in_force = true;  // list every agreement in force, not only count them
    int column_width = 40;      // titles and partner names wider than this are cut with "…", 16 to 1000

    friend bool operator==(const ReportOptions&, const ReportOptions&) = default;
};

// The expiring bands of the report, in days after the report date.
inline constexpr std::array<int, 3> kExpiringBands{30, 90, 180};

// Agreements counted twice: all recorded, and those in force on the report date.
struct Tally {
    std::int64_t all = 0;
    std::int64_t in_force = 0;

    friend bool operator==(const Tally&, const Tally&) = default;
};

// One agreement as the report lists it.
struct AgreementLine {
    AgreementId id;
    std::string reference;
    std::string title;
    AgreementKind kind = AgreementKind::Mou;
    AgreementStatus status = AgreementStatus::InForce;
    std::vector<std::string> partners;  // display names of the partner parties, in party order
    std::optional<Date> ends_on;        // end of the validity period holding the report date; empty: open-ended
    int days_left = 0;                  // from the report date to ends_on; 0 when open-ended
    bool renews_tacitly = false;        // it renews unless notice is given
    std::optional<Date> notice_by;      // last day to give notice, when a notice period is set

    friend bool operator==(const AgreementLine&, const AgreementLine&) = default;
};

struct CountryCount {
    std::string code;  // ISO 3166-1 alpha-2
    std::string name;  // English short name
    std::int64_t partners = 0;

    friend bool operator==(const CountryCount&, const CountryCount&) = default;
};

struct OfficeSummary {
    Date on{};

    std::optional<Institution> home;              // empty while the store has no home institution
    std::map<UnitKind, std::int64_t> home_units;  // every kind, zeros included
    std::int64_t home_contacts = 0;

    std::int64_t agreements = 0;    // every recorded agreement, renewals included
    std::int64_t in_force = 0;      // in force on `on` (Agreements::in_force_on)
    std::int64_t multilateral = 0;  // agreements with more than one partner
    std::map<AgreementStatus, std::int64_t> by_status;  // every status, zeros included
    std::map<AgreementKind, Tally> by_kind;             // every kind
    std::map<WorldRegion, Tally> by_region;  // every region; an agreement counts once in each region its partners are in
    std::map<Area, Tally> by_area;           // every area

    std::vector<AgreementLine> in_force_list;  // in force on `on`: soonest end first, open-ended last
    std::vector<AgreementLine> expiring;       // Agreements::expiring(on, 180): soonest first
    std::array<std::int64_t, 3> expiring_within{};  // how many end within each of kExpiringBands (cumulative)

    std::int64_t partners = 0;  // partner institutions of any status (the home institution left out)
    std::int64_t active_partners = 0;
    std::map<Scope, std::int64_t> partners_by_scope;  // every scope; all zero without a home institution
    std::vector<CountryCount> partners_by_country;    // every partner country, most partners first, then by code

    std::vector<AuditEntry> latest_audit;  // newest first

    friend bool operator==(const OfficeSummary&, const OfficeSummary&) = default;
};

// Gathers the numbers through the store's public queries. Throws ValidationError for a bad
// date or options out of range.
OfficeSummary summarize(const Store& store, Date on, const ReportOptions& options = {});

// The plain-text report of a summary.
std::string format_office_report(const OfficeSummary& summary, const ReportOptions& options = {});

// summarize() and format_office_report() in one call.
std::string office_report(const Store& store, Date on, const ReportOptions& options = {});

} // namespace iro
