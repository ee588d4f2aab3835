#pragma once
// The office report: where the office stands on a given day. summarize() gathers the numbers
// into a struct that programs and the Python module use directly; office_report() prints the
// same struct as plain UTF-8 text with aligned columns. The report names institutions,
// agreements, programs and calls, never people: visits appear by partner, purpose and dates.

#include "iro/academic_year.hpp"
#include "iro/accreditations.hpp"
#include "iro/agreement.hpp"
#include "iro/audit.hpp"
#include "iro/country.hpp"
#include "iro/date.hpp"
#include "iro/institution.hpp"
#include "iro/kpis.hpp"
#include "iro/mobility_quota.hpp"
#include "iro/money.hpp"
#include "iro/org_unit.hpp"
#include "iro/program.hpp"
#include "iro/visit.hpp"

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
    // Rows of the text's short lists (agreements never used, mobility balance by partner),
    // 1 to 1000. The summary always holds the whole lists.
    int short_lists = 10;

    friend bool operator==(const ReportOptions&, const ReportOptions&) = default;
};

// The expiring bands of the report, in days after the report date.
inline constexpr std::array<int, 3> kExpiringBands{30, 90, 180};

// An agreement in force with no use for this many months is dormant (dormant_agreements).
inline constexpr int kDormantMonths = 12;
// The report lists call deadlines within this many days of the report date.
inline constexpr int kDeadlineDays = 30;
// The mobility balance covers the visits starting within this many months up to the report date.
inline constexpr int kBalanceMonths = 12;

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

// An agreement in force and its last use (a cooperation activity or a visit not cancelled).
struct UsageLine {
    AgreementId id;
    std::string reference;
    std::string title;
    std::vector<std::string> partners;  // display names, in party order
    std::optional<Date> in_force_from;
    std::optional<Date> last_used;      // empty: never used

    friend bool operator==(const UsageLine&, const UsageLine&) = default;
};

// A call as the report lists it.
struct CallLine {
    CallId id;
    ProgramId program;
    std::string program_name;
    ProgramKind kind = ProgramKind::Exchange;
    std::vector<Audience> audiences;  // the program's
    std::string provider;             // display name; empty when the program has none
    std::string title;
    Date opens_on{};
    Date deadline{};
    int days_left = 0;  // from the report date to the deadline
    int places = 0;     // 0: not fixed
    std::optional<Money> funding;  // per place

    friend bool operator==(const CallLine&, const CallLine&) = default;
};

// Visits (not cancelled) in one direction.
struct VisitTally {
    std::int64_t this_year = 0;  // starting in the calendar year of the report date
    std::int64_t started = 0;    // of those, starting on or before the report date
    std::int64_t ongoing = 0;    // whose period holds the report date, whatever year they started

    friend bool operator==(const VisitTally&, const VisitTally&) = default;
};

// A visit as the report lists it: by partner, purpose and dates, without the person.
struct VisitLine {
    VisitId id;
    VisitDirection direction = VisitDirection::Incoming;
    VisitPurpose purpose = VisitPurpose::Teaching;
    VisitStatus status = VisitStatus::Planned;
    InstitutionId partner;         // the institution other than the home one
    std::string partner_name;
    std::string partner_country;   // ISO 3166-1 alpha-2
    Date start{};
    Date end{};
    std::string agreement_reference;  // empty without an agreement (or without a reference)
    std::string program_name;         // empty without a program

    friend bool operator==(const VisitLine&, const VisitLine&) = default;
};

// Incoming visits by visiting professors, faculty and researchers in one calendar year, per
// country of the visitors' home institutions (visiting_professors(), host units added up).
struct CountryVisits {
    std::string code;  // ISO 3166-1 alpha-2
    std::string name;  // English short name
    std::int64_t visits = 0;
    std::int64_t lectures = 0;
    double teaching_hours = 0;

    friend bool operator==(const CountryVisits&, const CountryVisits&) = default;
};

// One quota line in the report's academic year (quota_utilisation()).
struct QuotaLine {
    AgreementId agreement;
    std::string reference;
    std::string title;
    std::string partner;  // display name of the side that is not the home institution
    VisitDirection direction = VisitDirection::Outgoing;  // outgoing: the home institution sends
    MobilityType type = MobilityType::StudentStudies;
    std::int64_t used = 0;
    std::int64_t allowed = 0;
    double share = 0;  // used / allowed; 0 when nothing is allowed

    friend bool operator==(const QuotaLine&, const QuotaLine&) = default;
};

// Visits (not cancelled) to and from one partner (mobility_balance()).
struct BalanceLine {
    InstitutionId partner;
    std::string partner_name;
    std::string country;
    std::int64_t incoming = 0;
    std::int64_t outgoing = 0;

    std::int64_t total() const noexcept { return incoming + outgoing; }
    std::int64_t balance() const noexcept { return incoming - outgoing; }
    friend bool operator==(const BalanceLine&, const BalanceLine&) = default;
};

// The KPI set of the report's calendar year (compute_kpis(store, year)).
struct ReportKpis {
    int year = 0;
    KpiSet kpis;

    friend bool operator==(const ReportKpis&, const ReportKpis&) = default;
};

// How far an open accreditation case is with its evidence.
struct CaseReadinessLine {
    CaseId id;
    std::string scope;  // the degree, or "the institution"
    std::string body;
    CaseStatus status = CaseStatus::Planning;
    std::optional<Date> planned_visit;
    double readiness = 0;
    std::int64_t gaps = 0;
    std::int64_t overdue = 0;

    friend bool operator==(const CaseReadinessLine&, const CaseReadinessLine&) = default;
};

// Accreditations ending within this many days are listed.
inline constexpr int kAccreditationDays = 180;

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

    // Use of agreements: dormant_agreements(store, on, kDormantMonths), never used first and
    // then the longest unused; unused_agreements(store, on), oldest entry into force first.
    std::vector<UsageLine> dormant;
    std::vector<UsageLine> never_used;

    // Calls open on `on`, and calls whose deadline falls within kDeadlineDays of it (open or
    // not); both soonest deadline first.
    std::vector<CallLine> open_calls;
    std::vector<CallLine> deadlines;

    std::map<VisitDirection, VisitTally> visits;  // both directions
    std::vector<VisitLine> ongoing_visits;        // period holds `on`, not cancelled; by start
    std::vector<CountryVisits> visiting_professors;  // the calendar year of `on`; most visits first

    // Quota lines of agreements in force on `on`, for the academic year holding `on`; highest
    // share first, then most used.
    AcademicYear quota_year;
    std::vector<QuotaLine> quota_use;

    // mobility_balance(store, balance_from, on) with balance_from kBalanceMonths before `on`:
    // most visits first.
    Date balance_from{};
    std::vector<BalanceLine> mobility_balance;

    ReportKpis kpis;  // the calendar year of `on`, up to `on`

    // Accreditation on `on`: every scope's state, accreditations ending within
    // kAccreditationDays, open cases with their readiness, and what is overdue.
    std::vector<ProgrammeStatus> accreditation_status;
    std::vector<ExpiringAccreditation> accreditation_expiring;
    std::vector<CaseReadinessLine> case_readiness;  // open cases, least ready first
    std::int64_t overdue_evidence = 0;
    std::int64_t overdue_follow_ups = 0;

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
