#include "iro/ranking_home.hpp"

#include "iro/error.hpp"
#include "iro/store.hpp"
#include "ranking/codes.hpp"
#include "store/database.hpp"

#include <chrono>
#include <set>

namespace iro {

namespace {
std::optional<double> ratio(const std::map<std::string, double>& figures, std::string_view part, std::string_view whole) {
    const auto p = figures.find(std::string(part));
    const auto w = figures.find(std::string(whole));
    if (p == figures.end() || w == figures.end() || !(w->second > 0)) return std::nullopt;
    return p->second / w->second;
}
} // namespace

HomeIndicators compute_home_indicators(const Store& store, int year, std::optional<Date> on) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    detail::check_year(year, "year");
    HomeIndicators h;
    h.year = year;
    h.on = on.value_or(Date{std::chrono::year{year}, std::chrono::December, std::chrono::day{31}});
    check_date(h.on, "on");
    h.figures = store.rankings().home_figures(year);
    h.international_faculty_ratio = ratio(h.figures, kInternationalFaculty, kFacultyTotal);
    h.international_student_ratio = ratio(h.figures, kInternationalStudents, kStudentsTotal);
    // Partners of the research network: active institutions that are not bodies judging the
    // university (accreditation bodies, ranking organisations).
    h.partner_count = 0;
    for (const auto& i : store.institutions().find(InstitutionFilter{.status = InstitutionStatus::Active, .include_home = false}))
        if (i.type != InstitutionType::AccreditationBody && i.type != InstitutionType::RankingOrganisation) ++h.partner_count;

    std::map<std::int64_t, std::string> country_of;
    for (const auto& i : store.institutions().find(InstitutionFilter{.include_home = false})) country_of[i.id.value()] = i.country;
    std::set<std::string> countries;
    for (const auto& a : store.agreements().in_force_on(h.on))
        for (const auto& p : a.parties)
            if (const auto it = country_of.find(p.institution.value()); it != country_of.end()) countries.insert(it->second);
    h.partner_countries.assign(countries.begin(), countries.end());
    return h;
}

} // namespace iro
