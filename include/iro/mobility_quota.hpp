#pragma once
// Mobility quotas in the shape of Erasmus Without Paper cooperation conditions: one line
// per direction (sending -> receiving) and mobility type.

#include "iro/academic_year.hpp"
#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

enum class MobilityType { StudentStudies, StudentTraineeship, StaffTeaching, StaffTraining };

template <>
struct EnumNames<MobilityType> {
    static constexpr std::string_view field = "mobility type";
    static constexpr std::array<std::pair<MobilityType, std::string_view>, 4> table{{
        {MobilityType::StudentStudies, "student_studies"},
        {MobilityType::StudentTraineeship, "student_traineeship"},
        {MobilityType::StaffTeaching, "staff_teaching"},
        {MobilityType::StaffTraining, "staff_training"},
    }};
};

constexpr bool is_student_mobility(MobilityType t) noexcept {
    return t == MobilityType::StudentStudies || t == MobilityType::StudentTraineeship;
}

// Common European Framework of Reference for Languages.
enum class CefrLevel { A1, A2, B1, B2, C1, C2 };

template <>
struct EnumNames<CefrLevel> {
    static constexpr std::string_view field = "CEFR level";
    static constexpr std::array<std::pair<CefrLevel, std::string_view>, 6> table{{
        {CefrLevel::A1, "A1"},
        {CefrLevel::A2, "A2"},
        {CefrLevel::B1, "B1"},
        {CefrLevel::B2, "B2"},
        {CefrLevel::C1, "C1"},
        {CefrLevel::C2, "C2"},
    }};
};

struct LanguageSkill {
    std::string language;  // ISO 639-1, "en"
    CefrLevel level = CefrLevel::B2;

    friend bool operator==(const LanguageSkill&, const LanguageSkill&) = default;
};

struct MobilityQuota {
    InstitutionId sending;
    InstitutionId receiving;
    std::optional<UnitId> sending_unit;
    std::optional<UnitId> receiving_unit;
    MobilityType type = MobilityType::StudentStudies;
    std::vector<AcademicYear> academic_years;
    int mobilities_per_year = 0;
    std::optional<double> total_months_per_year;  // student mobility only
    std::optional<int> total_days_per_year;       // staff mobility only
    std::vector<std::string> subject_areas;       // ISCED-F 2013 codes, "0613"
    std::vector<int> eqf_levels;                  // 1..8
    std::vector<LanguageSkill> language_skills;
    bool blended = false;

    friend bool operator==(const MobilityQuota&, const MobilityQuota&) = default;
};

// Checks the fields that need no store. `field` prefixes the names in error messages
// ("quotas[2].eqf_levels").
void validate(const MobilityQuota& quota, std::string_view field = "quota");

} // namespace iro
