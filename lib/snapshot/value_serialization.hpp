#pragma once
// Boost serialization of the value types listed in iro/value_archive.hpp. Each type has a
// class version (IRO_VALUE_VERSION); a change to its fields raises the version and keeps the
// older reading in value_fields. Enums are archived by name (enum_strings.hpp) and dates as
// numbers yyyymmdd, so archives survive reordered enums and stay readable in XML.

#include "iro/date.hpp"
#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"
#include "iro/value_archive.hpp"
#include "snapshot/archive_io.hpp"

#include <boost/serialization/level.hpp>
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/version.hpp>

#include <optional>
#include <string>
#include <vector>

namespace iro::detail {

// The limit on the elements of one list inside a value.
inline constexpr std::uint64_t kMaxValueListItems = 1'000'000;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_id : std::false_type {};
template <class Tag>
struct is_id<Id<Tag>> : std::true_type {};

template <class Ar, class T>
void item(Ar& ar, const char* name, T& value) {
    using boost::serialization::make_nvp;
    if constexpr (std::is_same_v<T, std::string>) {
        archive_text(ar, name, value);
    } else if constexpr (std::is_same_v<T, bool>) {
        ar & make_nvp(name, value);
    } else if constexpr (std::is_enum_v<T>) {
        std::string text(Ar::is_saving::value ? to_string(value) : std::string_view());
        archive_text(ar, name, text);
        if constexpr (Ar::is_loading::value) {
            const auto parsed = try_enum_from_string<T>(text);
            if (!parsed)
                throw_archive_format_error(fmt::format("'{}' is not a {} (expected one of: {})", text.substr(0, 40),
                                                       EnumNames<T>::field, enum_choices<T>()));
            value = *parsed;
        }
    } else if constexpr (std::is_same_v<T, Date>) {
        // As the number yyyymmdd (20250131), exact for any year_month_day, also the
        // default-constructed one that a value built in Python may hold.
        std::int64_t packed = 0;
        if constexpr (Ar::is_saving::value) {
            const std::int64_t year = static_cast<int>(value.year());
            const std::int64_t rest = static_cast<unsigned>(value.month()) * 100 + static_cast<unsigned>(value.day());
            packed = year < 0 ? year * 10000 - rest : year * 10000 + rest;
        }
        ar & make_nvp(name, packed);
        if constexpr (Ar::is_loading::value) {
            const std::int64_t magnitude = packed < 0 ? -packed : packed;
            const std::int64_t year = magnitude / 10000;
            if (year > 32767) throw_archive_format_error(fmt::format("{} is not a date", packed));
            value = Date{std::chrono::year{static_cast<int>(packed < 0 ? -year : year)},
                         std::chrono::month{static_cast<unsigned>(magnitude / 100 % 100)},
                         std::chrono::day{static_cast<unsigned>(magnitude % 100)}};
        }
    } else if constexpr (is_id<T>::value) {
        std::int64_t raw = value.value();
        ar & make_nvp(name, raw);
        value = T{raw};
    } else if constexpr (std::is_arithmetic_v<T>) {
        ar & make_nvp(name, value);
    } else if constexpr (is_optional<T>::value) {
        bool present = value.has_value();
        ar & make_nvp(name, present);
        if constexpr (Ar::is_loading::value) {
            if (present) {
                typename T::value_type inner{};
                item(ar, name, inner);
                value = std::move(inner);
            } else {
                value.reset();
            }
        } else if (present) {
            item(ar, name, *value);
        }
    } else if constexpr (is_vector<T>::value) {
        archive_vector(ar, name, value, kMaxValueListItems,
                       [](Ar& a, typename T::value_type& element) { item(a, "item", element); });
    } else {
        ar & make_nvp(name, value);  // a value type with its own serialize()
    }
}

template <class Ar> void value_fields(Ar& ar, Name& v, unsigned) {
    item(ar, "value", v.value); item(ar, "lang", v.lang); item(ar, "kind", v.kind);
}
template <class Ar> void value_fields(Ar& ar, Identifiers& v, unsigned) {
    item(ar, "ror", v.ror); item(ar, "erasmus", v.erasmus); item(ar, "schac", v.schac); item(ar, "pic", v.pic);
    item(ar, "wikidata", v.wikidata);
}
template <class Ar> void value_fields(Ar& ar, Institution& v, unsigned) {
    item(ar, "id", v.id); item(ar, "type", v.type); item(ar, "names", v.names); item(ar, "country", v.country);
    item(ar, "city", v.city); item(ar, "website", v.website); item(ar, "identifiers", v.identifiers);
    item(ar, "status", v.status); item(ar, "successor", v.successor); item(ar, "is_home", v.is_home);
}
template <class Ar> void value_fields(Ar& ar, OrgUnit& v, unsigned) {
    item(ar, "id", v.id); item(ar, "institution", v.institution); item(ar, "parent", v.parent); item(ar, "kind", v.kind);
    item(ar, "name", v.name); item(ar, "code", v.code);
}
template <class Ar> void value_fields(Ar& ar, Contact& v, unsigned) {
    item(ar, "id", v.id); item(ar, "institution", v.institution); item(ar, "unit", v.unit); item(ar, "name", v.name);
    item(ar, "role", v.role); item(ar, "email", v.email); item(ar, "phone", v.phone);
}
template <class Ar> void value_fields(Ar& ar, AcademicYear& v, unsigned) { item(ar, "start_year", v.start_year); }
template <class Ar> void value_fields(Ar& ar, LanguageSkill& v, unsigned) {
    item(ar, "language", v.language); item(ar, "level", v.level);
}
template <class Ar> void value_fields(Ar& ar, MobilityQuota& v, unsigned) {
    item(ar, "sending", v.sending); item(ar, "receiving", v.receiving); item(ar, "sending_unit", v.sending_unit);
    item(ar, "receiving_unit", v.receiving_unit); item(ar, "type", v.type); item(ar, "academic_years", v.academic_years);
    item(ar, "mobilities_per_year", v.mobilities_per_year); item(ar, "total_months_per_year", v.total_months_per_year);
    item(ar, "total_days_per_year", v.total_days_per_year); item(ar, "subject_areas", v.subject_areas);
    item(ar, "eqf_levels", v.eqf_levels); item(ar, "language_skills", v.language_skills); item(ar, "blended", v.blended);
}
template <class Ar> void value_fields(Ar& ar, DocumentRef& v, unsigned) {
    item(ar, "title", v.title); item(ar, "location", v.location); item(ar, "sha256", v.sha256);
}
template <class Ar> void value_fields(Ar& ar, Party& v, unsigned) {
    item(ar, "institution", v.institution); item(ar, "unit", v.unit); item(ar, "signed_on", v.signed_on);
    item(ar, "signatory", v.signatory);
}
template <class Ar> void value_fields(Ar& ar, Transition& v, unsigned) {
    item(ar, "from", v.from); item(ar, "to", v.to); item(ar, "on", v.on); item(ar, "actor", v.actor); item(ar, "note", v.note);
}
template <class Ar> void value_fields(Ar& ar, Agreement& v, unsigned) {
    item(ar, "id", v.id); item(ar, "kind", v.kind); item(ar, "title", v.title); item(ar, "reference", v.reference);
    item(ar, "parties", v.parties); item(ar, "areas", v.areas); item(ar, "status", v.status);
    item(ar, "proposed_on", v.proposed_on); item(ar, "in_force_from", v.in_force_from); item(ar, "valid_until", v.valid_until);
    item(ar, "terminated_on", v.terminated_on); item(ar, "tacit_renewal_years", v.tacit_renewal_years);
    item(ar, "notice_days", v.notice_days); item(ar, "predecessor", v.predecessor); item(ar, "quotas", v.quotas);
    item(ar, "documents", v.documents); item(ar, "note", v.note);
}
template <class Ar> void value_fields(Ar& ar, ExpiringAgreement& v, unsigned) {
    item(ar, "agreement", v.agreement); item(ar, "ends_on", v.ends_on); item(ar, "days_left", v.days_left);
    item(ar, "renews_tacitly", v.renews_tacitly); item(ar, "notice_by", v.notice_by);
}
template <class Ar> void value_fields(Ar& ar, AuditEntry& v, unsigned) {
    item(ar, "id", v.id); item(ar, "at", v.at); item(ar, "actor", v.actor); item(ar, "entity", v.entity);
    item(ar, "entity_id", v.entity_id); item(ar, "action", v.action); item(ar, "before", v.before); item(ar, "after", v.after);
}
template <class Ar> void value_fields(Ar& ar, Money& v, unsigned) { item(ar, "amount", v.amount); item(ar, "currency", v.currency); }
template <class Ar> void value_fields(Ar& ar, Expertise& v, unsigned) {
    item(ar, "isced_codes", v.isced_codes); item(ar, "keywords", v.keywords);
}
template <class Ar> void value_fields(Ar& ar, Activity& v, unsigned) {
    item(ar, "id", v.id); item(ar, "type", v.type); item(ar, "title", v.title); item(ar, "partners", v.partners);
    item(ar, "agreement", v.agreement); item(ar, "area", v.area); item(ar, "start", v.start); item(ar, "end", v.end);
    item(ar, "home_units", v.home_units); item(ar, "people", v.people); item(ar, "outcome", v.outcome);
    item(ar, "publications", v.publications); item(ar, "participants", v.participants); item(ar, "funds", v.funds);
    item(ar, "evidence", v.evidence);
}
template <class Ar> void value_fields(Ar& ar, Person& v, unsigned) {
    item(ar, "id", v.id); item(ar, "given_name", v.given_name); item(ar, "family_name", v.family_name); item(ar, "role", v.role);
    item(ar, "affiliation", v.affiliation); item(ar, "unit", v.unit); item(ar, "nationality", v.nationality);
    item(ar, "email", v.email); item(ar, "expertise", v.expertise); item(ar, "erased", v.erased);
}
template <class Ar> void value_fields(Ar& ar, Visit& v, unsigned) {
    item(ar, "id", v.id); item(ar, "person", v.person); item(ar, "direction", v.direction); item(ar, "purpose", v.purpose);
    item(ar, "home_institution", v.home_institution); item(ar, "host_institution", v.host_institution);
    item(ar, "home_unit", v.home_unit); item(ar, "host_unit", v.host_unit); item(ar, "start", v.start); item(ar, "end", v.end);
    item(ar, "agreement", v.agreement); item(ar, "program", v.program); item(ar, "mobility_type", v.mobility_type);
    item(ar, "status", v.status); item(ar, "lectures", v.lectures); item(ar, "teaching_hours", v.teaching_hours);
    item(ar, "seminars", v.seminars); item(ar, "note", v.note);
}

template <class Ar> void value_fields(Ar& ar, Program& v, unsigned) {
    item(ar, "id", v.id); item(ar, "name", v.name); item(ar, "kind", v.kind); item(ar, "provider", v.provider);
    item(ar, "agreement", v.agreement); item(ar, "audiences", v.audiences); item(ar, "eligibility", v.eligibility);
    item(ar, "website", v.website);
}
template <class Ar> void value_fields(Ar& ar, Call& v, unsigned) {
    item(ar, "id", v.id); item(ar, "program", v.program); item(ar, "title", v.title); item(ar, "opens_on", v.opens_on);
    item(ar, "deadline", v.deadline); item(ar, "places", v.places); item(ar, "funding", v.funding);
    item(ar, "eligibility", v.eligibility);
}
template <class Ar> void value_fields(Ar& ar, Application& v, unsigned) {
    item(ar, "id", v.id); item(ar, "call", v.call); item(ar, "applicant", v.applicant); item(ar, "audience", v.audience);
    item(ar, "unit", v.unit); item(ar, "status", v.status); item(ar, "created_on", v.created_on); item(ar, "note", v.note);
}
template <class Ar> void value_fields(Ar& ar, ApplicationTransition& v, unsigned) {
    item(ar, "from", v.from); item(ar, "to", v.to); item(ar, "on", v.on); item(ar, "actor", v.actor); item(ar, "note", v.note);
}
template <class Ar> void value_fields(Ar& ar, CentreLink& v, unsigned) {
    item(ar, "home_centre", v.home_centre); item(ar, "partner_centre", v.partner_centre); item(ar, "note", v.note);
}

} // namespace iro::detail

// Class versions and the free serialize() Boost finds for each value type.
#define IRO_VALUE_VERSION(T, V)                                                       \
    BOOST_CLASS_VERSION(T, V)                                                         \
    BOOST_CLASS_TRACKING(T, boost::serialization::track_never)                        \
    namespace boost::serialization {                                                  \
    template <class Ar>                                                               \
    void serialize(Ar& ar, T& value, const unsigned int version) {                    \
        iro::detail::check_class_version(version, V, #T);                             \
        iro::detail::value_fields(ar, value, version);                                \
    }                                                                                 \
    }

IRO_VALUE_VERSION(iro::Name, 1)
IRO_VALUE_VERSION(iro::Identifiers, 1)
IRO_VALUE_VERSION(iro::Institution, 1)
IRO_VALUE_VERSION(iro::OrgUnit, 1)
IRO_VALUE_VERSION(iro::Contact, 1)
IRO_VALUE_VERSION(iro::AcademicYear, 1)
IRO_VALUE_VERSION(iro::LanguageSkill, 1)
IRO_VALUE_VERSION(iro::MobilityQuota, 1)
IRO_VALUE_VERSION(iro::DocumentRef, 1)
IRO_VALUE_VERSION(iro::Party, 1)
IRO_VALUE_VERSION(iro::Transition, 1)
IRO_VALUE_VERSION(iro::Agreement, 1)
IRO_VALUE_VERSION(iro::ExpiringAgreement, 1)
IRO_VALUE_VERSION(iro::AuditEntry, 1)
IRO_VALUE_VERSION(iro::Money, 1)
IRO_VALUE_VERSION(iro::Expertise, 1)
IRO_VALUE_VERSION(iro::Activity, 1)
IRO_VALUE_VERSION(iro::Person, 1)
IRO_VALUE_VERSION(iro::Visit, 1)
IRO_VALUE_VERSION(iro::Program, 1)
IRO_VALUE_VERSION(iro::Call, 1)
IRO_VALUE_VERSION(iro::Application, 1)
IRO_VALUE_VERSION(iro::ApplicationTransition, 1)
IRO_VALUE_VERSION(iro::CentreLink, 1)
#undef IRO_VALUE_VERSION
