#pragma once
// The stored cooperation activities and the counts offices report.

#include "iro/activity.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iro {

namespace detail { class Database; }

struct ActivityFilter {
    std::optional<InstitutionId> partner{};
    std::optional<AgreementId> agreement{};
    std::optional<Area> area{};
    std::optional<ActivityType> type{};
    std::optional<int> year{};  // the calendar year the activity started

    friend bool operator==(const ActivityFilter&, const ActivityFilter&) = default;
};

// How activities are grouped in count_by.
enum class ActivityGrouping { Partner, Agreement, Area, Year, Type };

template <>
struct EnumNames<ActivityGrouping> {
    static constexpr std::string_view field = "grouping";
    static constexpr std::array<std::pair<ActivityGrouping, std::string_view>, 5> table{{
        {ActivityGrouping::Partner, "partner"},
        {ActivityGrouping::Agreement, "agreement"},
        {ActivityGrouping::Area, "area"},
        {ActivityGrouping::Year, "year"},
        {ActivityGrouping::Type, "type"},
    }};
};

struct GroupCount {
    std::string key;    // the id, enum name or year, as text
    std::string label;  // what a person reads: the partner's name, the agreement's title
    std::int64_t count = 0;

    friend bool operator==(const GroupCount&, const GroupCount&) = default;
};

class Activities {
public:
    explicit Activities(detail::Database& db) : db_(&db) {}

    ActivityId add(Activity activity);
    std::vector<ActivityId> add_many(std::vector<Activity> activities);
    void update(const Activity& activity);
    Activity get(ActivityId id) const;
    std::vector<Activity> find(const ActivityFilter& filter = {}) const;
    std::int64_t count(const ActivityFilter& filter = {}) const;
    // Activities per partner, agreement, area, year or type; largest groups first.
    std::vector<GroupCount> count_by(ActivityGrouping grouping, const ActivityFilter& filter = {}) const;

private:
    detail::Database* db_;
};

} // namespace iro
