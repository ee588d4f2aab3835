#pragma once
// The office's daily work in Python (cooperation activities, people, visits, programs, calls,
// applications, scientific centres) and the analyses over it. Shared by bind_daily_work.cpp
// (classes and collections), bind_daily_work_frames.cpp (their DataFrames) and
// bind_analytics.cpp (Office methods: dormant agreements, quotas, mobility, KPIs, calendar).
//
// Design: each stored concept has its own collection on the Office, with the same shape as
// office.institutions and office.agreements (add, get, find, update, len, iteration,
// to_frame): office.activities, office.people, office.visits, office.programs, office.calls
// and office.applications (which change only through transition(): the library has no
// update for them). office.centres works on units of kind scientific_centre.

#include "office.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace iro::python {

#define IRO_DAILY_BOUND_AS(Type, Registered, PyName)   \
    template <>                                          \
    struct BoundAs<Type> {                               \
        static constexpr bool bound = true;              \
        using type = Registered;                         \
        static constexpr const char* name = PyName;      \
    };
IRO_DAILY_BOUND_AS(Money, Money, "Money")
IRO_DAILY_BOUND_AS(Expertise, Expertise, "Expertise")
IRO_DAILY_BOUND_AS(ApplicationTransition, ApplicationTransition, "ApplicationTransition")
IRO_DAILY_BOUND_AS(CentreLink, CentreLink, "CentreLink")
IRO_DAILY_BOUND_AS(ExpertiseMatch, ExpertiseMatch, "ExpertiseMatch")
IRO_DAILY_BOUND_AS(KpiSet, KpiSet, "KpiSet")
IRO_DAILY_BOUND_AS(Activity, Stored<Activity>, "Activity")
IRO_DAILY_BOUND_AS(Person, Stored<Person>, "Person")
IRO_DAILY_BOUND_AS(Visit, Stored<Visit>, "Visit")
IRO_DAILY_BOUND_AS(Program, Stored<Program>, "Program")
IRO_DAILY_BOUND_AS(Call, Stored<Call>, "Call")
IRO_DAILY_BOUND_AS(Application, Stored<Application>, "Application")
#undef IRO_DAILY_BOUND_AS

#define IRO_DAILY_ID_OWNER(IdType, Owner, Entity)        \
    template <>                                          \
    struct IdOwner<IdType> {                             \
        using type = Owner;                              \
        static constexpr const char* entity = Entity;    \
    };
IRO_DAILY_ID_OWNER(ActivityId, Activity, "activity")
IRO_DAILY_ID_OWNER(PersonId, Person, "person")
IRO_DAILY_ID_OWNER(VisitId, Visit, "visit")
IRO_DAILY_ID_OWNER(ProgramId, Program, "program")
IRO_DAILY_ID_OWNER(CallId, Call, "call")
IRO_DAILY_ID_OWNER(ApplicationId, Application, "application")
#undef IRO_DAILY_ID_OWNER

// The collections: thin handles on the shared core, made on each access of the Office
// property (they hold no state of their own).
struct ActivitiesView {
    std::shared_ptr<OfficeCore> core;
};
struct PeopleView {
    std::shared_ptr<OfficeCore> core;
};
struct VisitsView {
    std::shared_ptr<OfficeCore> core;
};
struct ProgramsView {
    std::shared_ptr<OfficeCore> core;
};
struct CallsView {
    std::shared_ptr<OfficeCore> core;
};
struct ApplicationsView {
    std::shared_ptr<OfficeCore> core;
};
struct CentresView {
    std::shared_ptr<OfficeCore> core;
};

// Filter keyword arguments, shared by find(), count() and to_frame().
ActivityFilter activity_filter(const OfficeCore& core, const py::kwargs& kwargs);
PersonFilter person_filter(const OfficeCore& core, const py::kwargs& kwargs);
VisitFilter visit_filter(const OfficeCore& core, const py::kwargs& kwargs);
ProgramFilter program_filter(const OfficeCore& core, const py::kwargs& kwargs);
ApplicationFilter application_filter(const OfficeCore& core, const py::kwargs& kwargs);

// An id argument: an int or the matching object, which must come from this office.
template <class IdType>
IdType id_arg(const OfficeCore& core, py::handle h, const char* field) {
    core.check_origin(h);
    return from_py<IdType>(h, field);
}

template <class IdType>
std::optional<IdType> optional_id_arg(const OfficeCore& core, py::handle h, const char* field) {
    core.check_origin(h);
    return from_py<std::optional<IdType>>(h, field);
}

// `on`, or today when None.
inline Date date_or_today(py::handle on, const char* field) {
    return from_py<std::optional<Date>>(on, field).value_or(today());
}

// Adds a method or a read-only property to a class bound in another file.
template <class Cls, class Fn, class... Extra>
void add_method(const char* name, Fn&& fn, const Extra&... extra) {
    py::object cls = py::type::of<Cls>();
    cls.attr(name) = py::cpp_function(std::forward<Fn>(fn), py::name(name), py::is_method(cls),
                                      py::sibling(py::getattr(cls, name, py::none())), extra...);
}

template <class Cls, class Fn>
void add_property(const char* name, Fn&& fn, const char* doc) {
    py::object cls = py::type::of<Cls>();
    py::cpp_function getter(std::forward<Fn>(fn), py::is_method(cls));
    cls.attr(name) = py::module_::import("builtins").attr("property")(getter, py::none(), py::none(), doc);
}

// Names of institutions and units, read once per frame to describe ids.
struct NameIndex {
    struct InstitutionInfo {
        std::string name;
        std::string country;
        bool is_home = false;
    };
    std::vector<InstitutionInfo> institutions;  // in the order read; see slot()
    std::unordered_map<std::int64_t, std::string> units;
    std::optional<InstitutionId> home;

    // Institutions always; units too when asked (every institution's units are read).
    explicit NameIndex(Store& s, bool with_units = false);
    // Only the institutions `ids` (repeats allowed); `home` is set when it is one of them.
    NameIndex(Store& s, const std::vector<InstitutionId>& ids);
    // The position of an institution in `institutions`, or -1 when there is none. Frames of
    // many rows keep slots, not names, so that each name is copied once.
    std::int32_t slot(std::optional<InstitutionId> id) const;
    // The names of `institutions`, by slot, for Frame::text_codes.
    std::shared_ptr<const std::vector<std::string>> names_by_slot() const;
    std::string institution_name(std::optional<InstitutionId> id) const;
    std::string institution_country(std::optional<InstitutionId> id) const;
    std::string unit_name(std::optional<UnitId> id) const;
    // Partner names and their distinct countries, in the given order, the home institution
    // left out; both joined by "; ".
    std::pair<std::string, std::string> describe(const std::vector<InstitutionId>& ids) const;

private:
    void index(std::vector<InstitutionSummary> summaries);
    std::vector<std::int32_t> slot_by_id_;  // when ids are dense; else the map
    std::unordered_map<std::int64_t, std::int32_t> slot_by_sparse_id_;
};

// The institutions of the parties of some agreements, for NameIndex.
template <class Rows, class AgreementOf>
std::vector<InstitutionId> party_ids(const Rows& rows, AgreementOf agreement_of) {
    std::vector<InstitutionId> ids;
    for (const auto& r : rows)
        for (const auto& p : agreement_of(r).parties) ids.push_back(p.institution);
    return ids;
}

std::string joined(const std::vector<std::string>& parts, const char* separator = "; ");

// The scientific centres (units of kind scientific_centre), the home institution's first, then by id.
std::vector<OrgUnit> all_centres(Store& s);

template <class IdType>
std::optional<std::int64_t> raw(const std::optional<IdType>& id) {
    return id ? std::optional<std::int64_t>(id->value()) : std::nullopt;
}

} // namespace iro::python
