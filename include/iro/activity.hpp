#pragma once
// Cooperation activities: what actually happens under a partnership (joint projects,
// publications, events, courses), documented with outcomes and evidence.

#include "iro/agreement.hpp"
#include "iro/date.hpp"
#include "iro/document_ref.hpp"
#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"
#include "iro/money.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iro {

enum class ActivityType {
    JointResearchProject,
    JointPublication,
    Conference,
    CulturalEvent,
    TrainingCourse,
    JointProgramme,
    CapacityBuilding,
    FundingApplication,
};

template <>
struct EnumNames<ActivityType> {
    static constexpr std::string_view field = "activity type";
    static constexpr std::array<std::pair<ActivityType, std::string_view>, 8> table{{
        {ActivityType::JointResearchProject, "joint_research_project"},
        {ActivityType::JointPublication, "joint_publication"},
        {ActivityType::Conference, "conference"},
        {ActivityType::CulturalEvent, "cultural_event"},
        {ActivityType::TrainingCourse, "training_course"},
        {ActivityType::JointProgramme, "joint_programme"},
        {ActivityType::CapacityBuilding, "capacity_building"},
        {ActivityType::FundingApplication, "funding_application"},
    }};
};

struct Activity {
    ActivityId id;  // set by the store
    ActivityType type = ActivityType::JointResearchProject;
    std::string title;
    std::vector<InstitutionId> partners;  // at least one partner institution
    std::optional<AgreementId> agreement; // the agreement it was done under, if any
    Area area = Area::Research;
    Date start{};
    std::optional<Date> end;               // empty for a one-day activity
    std::vector<UnitId> home_units;
    std::vector<PersonId> people;
    std::string outcome;                   // what came of it, in words
    int publications = 0;
    int participants = 0;
    std::vector<Money> funds;              // funding obtained, one entry per currency
    std::vector<DocumentRef> evidence;

    friend bool operator==(const Activity&, const Activity&) = default;
};

// Checks the fields that need no store. Throws ValidationError naming the bad field.
void validate(const Activity& activity);

} // namespace iro
