#pragma once
// Mobility figures that span agreements, visits and institutions: quota use, the balance
// of incoming and outgoing visits per partner, and visiting professors.

#include "iro/academic_year.hpp"
#include "iro/date.hpp"
#include "iro/ids.hpp"
#include "iro/mobility_quota.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iro {

class Store;

// One quota line in one academic year: visits funded by the agreement that match its
// direction (sending -> receiving), mobility type and year, against the quota. Cancelled
// visits do not count.
struct QuotaUse {
    AgreementId agreement;
    std::string agreement_title;
    AcademicYear academic_year;
    InstitutionId sending;
    InstitutionId receiving;
    MobilityType type = MobilityType::StudentStudies;
    std::int64_t used = 0;
    std::int64_t allowed = 0;  // mobilities per year
    double share() const noexcept { return allowed > 0 ? static_cast<double>(used) / static_cast<double>(allowed) : 0.0; }
    friend bool operator==(const QuotaUse&, const QuotaUse&) = default;
};

std::vector<QuotaUse> quota_utilisation(const Store& store, std::optional<AgreementId> agreement = std::nullopt,
                                        std::optional<AcademicYear> year = std::nullopt);

// Incoming and outgoing visits (not cancelled) per partner institution, for visits that
// start within [from, to], by partner id. A visit naming an institution the file does not
// hold (possible only in a file written with foreign keys off) is NotFoundError naming it.
struct MobilityBalance {
    InstitutionId partner;
    std::string partner_name;
    std::string country;
    std::int64_t incoming = 0;
    std::int64_t outgoing = 0;
    std::int64_t balance() const noexcept { return incoming - outgoing; }
    friend bool operator==(const MobilityBalance&, const MobilityBalance&) = default;
};

std::vector<MobilityBalance> mobility_balance(const Store& store, Date from, Date to);

// Incoming visits (not cancelled) by visiting professors, faculty and researchers,
// grouped by the calendar year of the start, the host unit and the visitor's country (that
// of the home institution).
struct VisitingProfessorCount {
    int year = 0;
    std::optional<UnitId> host_unit;
    std::string host_unit_name;
    std::string country;
    std::int64_t visits = 0;
    std::int64_t people = 0;
    std::int64_t lectures = 0;
    double teaching_hours = 0;
    friend bool operator==(const VisitingProfessorCount&, const VisitingProfessorCount&) = default;
};

std::vector<VisitingProfessorCount> visiting_professors(const Store& store, std::optional<int> year = std::nullopt);

} // namespace iro
