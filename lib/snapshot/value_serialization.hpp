#pragma once
// Boost serialization of the value types listed in iro/value_archive.hpp. Each type has a
// class version (IRO_VALUE_VERSION); a change to its fields raises the version and keeps the
// older reading in value_fields. Enums are archived by name (enum_strings.hpp) and dates as
// numbers yyyymmdd, so archives survive reordered enums and stay readable in XML. Lists and
// maps are a count, checked before anything is allocated, then their elements (a map's as key
// and value in turn).

#include "iro/date.hpp"
#include "iro/enum_strings.hpp"
#include "iro/ids.hpp"
#include "iro/value_archive.hpp"
#include "snapshot/archive_io.hpp"

#include <cstdint>
#include <boost/serialization/level.hpp>
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/version.hpp>

#include <map>
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
struct is_map : std::false_type {};
template <class K, class V, class C, class A>
struct is_map<std::map<K, V, C, A>> : std::true_type {};
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
        // As a number, checked on load: a binary archive's byte read straight into a bool is
        // undefined behaviour when it is neither 0 nor 1. The bytes and text are the same.
        std::uint8_t number = value ? 1 : 0;
        ar & make_nvp(name, number);
        if constexpr (Ar::is_loading::value) {
            if (number > 1) throw_archive_format_error(fmt::format("{} is not a boolean (0 or 1)", static_cast<int>(number)));
            value = number == 1;
        }
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
        item(ar, name, present);
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
    } else if constexpr (is_map<T>::value) {
        // A count, then key and value in turn; a repeated key is a damaged archive.
        const std::uint64_t n = archive_count(ar, name, value.size(), kMaxValueListItems);
        if constexpr (Ar::is_loading::value) {
            value.clear();
            for (std::uint64_t i = 0; i < n; ++i) {
                typename T::key_type key{};
                typename T::mapped_type mapped{};
                item(ar, "key", key);
                item(ar, "value", mapped);
                if (!value.emplace(std::move(key), std::move(mapped)).second)
                    throw_archive_format_error(fmt::format("{} repeats a key", name));
            }
        } else {
            for (auto& [k, v] : value) {
                auto key = k;
                item(ar, "key", key);
                item(ar, "value", v);
            }
        }
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

template <class Ar> void value_fields(Ar& ar, ExpertiseMatch& v, unsigned) {
    item(ar, "kind", v.kind); item(ar, "id", v.id); item(ar, "name", v.name); item(ar, "institution", v.institution);
    item(ar, "institution_name", v.institution_name); item(ar, "score", v.score); item(ar, "reasons", v.reasons);
}
template <class Ar> void value_fields(Ar& ar, KpiSet& v, unsigned) {
    item(ar, "from", v.from); item(ar, "to", v.to); item(ar, "new_agreements", v.new_agreements);
    item(ar, "new_by_region", v.new_by_region); item(ar, "new_by_kind", v.new_by_kind); item(ar, "new_by_area", v.new_by_area);
    item(ar, "active_agreements", v.active_agreements); item(ar, "active_by_region", v.active_by_region);
    item(ar, "active_by_kind", v.active_by_kind); item(ar, "active_by_area", v.active_by_area);
    item(ar, "dormant_agreements", v.dormant_agreements); item(ar, "dormant_share", v.dormant_share);
    item(ar, "incoming_visits", v.incoming_visits); item(ar, "outgoing_visits", v.outgoing_visits);
    item(ar, "mobility_balance", v.mobility_balance); item(ar, "visiting_professors", v.visiting_professors);
    item(ar, "applications", v.applications); item(ar, "accepted_applications", v.accepted_applications);
    item(ar, "application_success_rate", v.application_success_rate); item(ar, "quota_used", v.quota_used);
    item(ar, "quota_allowed", v.quota_allowed); item(ar, "quota_utilisation", v.quota_utilisation);
    item(ar, "accredited_scopes", v.accredited_scopes); item(ar, "accreditations_expiring", v.accreditations_expiring);
    item(ar, "open_accreditation_cases", v.open_accreditation_cases); item(ar, "overdue_evidence", v.overdue_evidence);
    item(ar, "overdue_follow_ups", v.overdue_follow_ups);
}
template <class Ar> void value_fields(Ar& ar, CountryRecord& v, unsigned) {
    item(ar, "code", v.code); item(ar, "name", v.name); item(ar, "region", v.region); item(ar, "subregion", v.subregion);
    item(ar, "arab_world", v.arab_world); item(ar, "mena", v.mena);
}

// Accreditation.
template <class Ar> void value_fields(Ar& ar, Criterion& v, unsigned) {
    item(ar, "code", v.code); item(ar, "title", v.title); item(ar, "description", v.description); item(ar, "parent", v.parent);
    item(ar, "weight", v.weight);
}
template <class Ar> void value_fields(Ar& ar, Framework& v, unsigned) {
    item(ar, "id", v.id); item(ar, "body", v.body); item(ar, "name", v.name); item(ar, "version", v.version);
    item(ar, "criteria", v.criteria);
}
template <class Ar> void value_fields(Ar& ar, AccreditationScope& v, unsigned) {
    item(ar, "unit", v.unit); item(ar, "degree", v.degree); item(ar, "level", v.level);
}
template <class Ar> void value_fields(Ar& ar, Decision& v, unsigned) {
    item(ar, "decided_on", v.decided_on); item(ar, "valid_until", v.valid_until);
    item(ar, "next_general_review", v.next_general_review); item(ar, "interim_report_due", v.interim_report_due);
    item(ar, "interim_visit", v.interim_visit); item(ar, "show_cause", v.show_cause);
}
template <class Ar> void value_fields(Ar& ar, AccreditationCase& v, unsigned) {
    item(ar, "id", v.id); item(ar, "scope", v.scope); item(ar, "framework", v.framework); item(ar, "type", v.type);
    item(ar, "status", v.status); item(ar, "planned_visit", v.planned_visit); item(ar, "decision", v.decision);
    item(ar, "note", v.note);
}
template <class Ar> void value_fields(Ar& ar, CaseTransition& v, unsigned) {
    item(ar, "from", v.from); item(ar, "to", v.to); item(ar, "on", v.on); item(ar, "actor", v.actor); item(ar, "note", v.note);
}
template <class Ar> void value_fields(Ar& ar, FollowUp& v, unsigned) {
    item(ar, "id", v.id); item(ar, "accreditation_case", v.accreditation_case); item(ar, "title", v.title);
    item(ar, "due", v.due); item(ar, "done_on", v.done_on);
}
template <class Ar> void value_fields(Ar& ar, Finding& v, unsigned) {
    item(ar, "id", v.id); item(ar, "accreditation_case", v.accreditation_case); item(ar, "criterion", v.criterion);
    item(ar, "level", v.level); item(ar, "text", v.text); item(ar, "follow_up", v.follow_up);
}
template <class Ar> void value_fields(Ar& ar, Evidence& v, unsigned) {
    item(ar, "id", v.id); item(ar, "accreditation_case", v.accreditation_case); item(ar, "criterion", v.criterion);
    item(ar, "title", v.title); item(ar, "document", v.document); item(ar, "owner_person", v.owner_person);
    item(ar, "owner_unit", v.owner_unit); item(ar, "status", v.status); item(ar, "due", v.due); item(ar, "required", v.required);
}
template <class Ar> void value_fields(Ar& ar, TimelineRules& v, unsigned) {
    item(ar, "body", v.body); item(ar, "request_month", v.request_month); item(ar, "request_day", v.request_day);
    item(ar, "request_year_offset", v.request_year_offset); item(ar, "request_days_before_visit", v.request_days_before_visit);
    item(ar, "self_study_month", v.self_study_month); item(ar, "self_study_day", v.self_study_day);
    item(ar, "self_study_year_offset", v.self_study_year_offset);
    item(ar, "self_study_days_before_visit", v.self_study_days_before_visit); item(ar, "visit_month_from", v.visit_month_from);
    item(ar, "visit_month_to", v.visit_month_to); item(ar, "decision_month", v.decision_month);
    item(ar, "decision_year_offset", v.decision_year_offset); item(ar, "decision_days_after_visit", v.decision_days_after_visit);
}
template <class Ar> void value_fields(Ar& ar, AccreditationTimeline& v, unsigned) {
    item(ar, "planned_visit", v.planned_visit); item(ar, "request_due", v.request_due);
    item(ar, "self_study_due", v.self_study_due); item(ar, "decision_expected", v.decision_expected);
}

// Imports.
template <class Ar> void value_fields(Ar& ar, RowProblem& v, unsigned) {
    item(ar, "collection", v.collection); item(ar, "row", v.row); item(ar, "line", v.line); item(ar, "column", v.column);
    item(ar, "value", v.value); item(ar, "message", v.message);
}
template <class Ar> void value_fields(Ar& ar, TableImportResult& v, unsigned) {
    item(ar, "collection", v.collection); item(ar, "read", v.read); item(ar, "added", v.added); item(ar, "updated", v.updated);
    item(ar, "unchanged", v.unchanged); item(ar, "skipped", v.skipped); item(ar, "problems", v.problems);
}
template <class Ar> void value_fields(Ar& ar, RorImportProblem& v, unsigned) {
    item(ar, "index", v.index); item(ar, "ror", v.ror); item(ar, "field", v.field); item(ar, "message", v.message);
}
template <class Ar> void value_fields(Ar& ar, RorImportResult& v, unsigned) {
    item(ar, "read", v.read); item(ar, "added", v.added); item(ar, "updated", v.updated); item(ar, "unchanged", v.unchanged);
    item(ar, "withdrawn", v.withdrawn); item(ar, "merged", v.merged); item(ar, "skipped", v.skipped);
    item(ar, "problems", v.problems);
}

// Rankings.
template <class Ar> void value_fields(Ar& ar, RankingIndicator& v, unsigned) {
    item(ar, "code", v.code); item(ar, "name", v.name); item(ar, "weight", v.weight); item(ar, "pillar", v.pillar);
}
template <class Ar> void value_fields(Ar& ar, RankBand& v, unsigned) { item(ar, "first", v.first); item(ar, "last", v.last); }
template <class Ar> void value_fields(Ar& ar, RankingBands& v, unsigned) {
    item(ar, "exact_up_to", v.exact_up_to); item(ar, "bands", v.bands); item(ar, "mark_ties", v.mark_ties);
}
template <class Ar> void value_fields(Ar& ar, Methodology& v, unsigned) {
    item(ar, "system", v.system); item(ar, "year", v.year); item(ar, "name", v.name); item(ar, "indicators", v.indicators);
    item(ar, "components", v.components); item(ar, "missing", v.missing); item(ar, "scaling", v.scaling);
    item(ar, "scale_min", v.scale_min); item(ar, "scale_max", v.scale_max); item(ar, "total_decimals", v.total_decimals);
    item(ar, "rank_decimals", v.rank_decimals); item(ar, "bands", v.bands);
}
template <class Ar> void value_fields(Ar& ar, ScoredRow& v, unsigned) {
    item(ar, "name", v.name); item(ar, "weighted_sum", v.weighted_sum); item(ar, "total", v.total);
    item(ar, "rounded_total", v.rounded_total); item(ar, "rank", v.rank); item(ar, "tied", v.tied); item(ar, "label", v.label);
    item(ar, "refused", v.refused);
}
template <class Ar> void value_fields(Ar& ar, WhatIfResult& v, unsigned) { item(ar, "before", v.before); item(ar, "after", v.after); }
template <class Ar> void value_fields(Ar& ar, GapLever& v, unsigned) { item(ar, "code", v.code); item(ar, "limit", v.limit); }
template <class Ar> void value_fields(Ar& ar, GapResult& v, unsigned) {
    item(ar, "feasible", v.feasible); item(ar, "reason", v.reason); item(ar, "target_rank", v.target_rank);
    item(ar, "total_increase", v.total_increase); item(ar, "increases", v.increases); item(ar, "before", v.before);
    item(ar, "after", v.after); item(ar, "levers", v.levers); item(ar, "current", v.current);
}
template <class Ar> void value_fields(Ar& ar, RobustnessResult& v, unsigned) {
    item(ar, "rank", v.rank); item(ar, "best_rank", v.best_rank); item(ar, "worst_rank", v.worst_rank);
    item(ar, "best_label", v.best_label); item(ar, "worst_label", v.worst_label); item(ar, "best_weights", v.best_weights);
    item(ar, "worst_weights", v.worst_weights);
    std::uint64_t scenarios = v.scenarios;  // a fixed width whatever size_t is
    item(ar, "scenarios", scenarios);
    v.scenarios = static_cast<std::size_t>(scenarios);
    item(ar, "sampled", v.sampled);
}
template <class Ar> void value_fields(Ar& ar, PublishedResult& v, unsigned) {
    item(ar, "institution", v.institution); item(ar, "institution_id", v.institution_id); item(ar, "rank", v.rank);
    item(ar, "overall", v.overall); item(ar, "scores", v.scores);
}
template <class Ar> void value_fields(Ar& ar, HomeIndicators& v, unsigned) {
    item(ar, "year", v.year); item(ar, "on", v.on); item(ar, "figures", v.figures); item(ar, "partner_count", v.partner_count);
    item(ar, "partner_countries", v.partner_countries);
    item(ar, "international_faculty_ratio", v.international_faculty_ratio);
    item(ar, "international_student_ratio", v.international_student_ratio);
}

// Erasmus Without Paper.
template <class Ar> void value_fields(Ar& ar, ewp::HashedIia& v, unsigned) {
    item(ar, "iia_id", v.iia_id); item(ar, "text_to_hash", v.text_to_hash); item(ar, "iia_hash", v.iia_hash);
    item(ar, "valid_for_approval", v.valid_for_approval);
}
template <class Ar> void value_fields(Ar& ar, ewp::SubjectArea& v, unsigned) {
    item(ar, "isced_f_code", v.isced_f_code); item(ar, "v6_value", v.v6_value); item(ar, "clarification", v.clarification);
}
template <class Ar> void value_fields(Ar& ar, ewp::LanguageSkill& v, unsigned) {
    item(ar, "language", v.language); item(ar, "cefr_level", v.cefr_level); item(ar, "subject_area", v.subject_area);
    item(ar, "not_yet_defined", v.not_yet_defined);
}
template <class Ar> void value_fields(Ar& ar, ewp::MobilitySpec& v, unsigned) {
    item(ar, "type", v.type); item(ar, "sending_hei_id", v.sending_hei_id); item(ar, "sending_ounit_id", v.sending_ounit_id);
    item(ar, "receiving_hei_id", v.receiving_hei_id); item(ar, "receiving_ounit_id", v.receiving_ounit_id);
    item(ar, "first_year", v.first_year); item(ar, "last_year", v.last_year);
    item(ar, "mobilities_per_year", v.mobilities_per_year); item(ar, "mobilities_not_yet_defined", v.mobilities_not_yet_defined);
    item(ar, "language_skills", v.language_skills); item(ar, "subject_areas", v.subject_areas);
    item(ar, "other_info_terms", v.other_info_terms); item(ar, "total_months_per_year", v.total_months_per_year);
    item(ar, "blended", v.blended); item(ar, "eqf_levels", v.eqf_levels); item(ar, "total_days_per_year", v.total_days_per_year);
}
template <class Ar> void value_fields(Ar& ar, ewp::Partner& v, unsigned) {
    item(ar, "hei_id", v.hei_id); item(ar, "ounit_id", v.ounit_id); item(ar, "iia_id", v.iia_id); item(ar, "iia_code", v.iia_code);
    item(ar, "signing_contact_name", v.signing_contact_name); item(ar, "signing_contact_email", v.signing_contact_email);
    item(ar, "signing_date", v.signing_date);
}
template <class Ar> void value_fields(Ar& ar, ewp::Iia& v, unsigned) {
    item(ar, "partners", v.partners); item(ar, "in_effect", v.in_effect); item(ar, "terminated_as_a_whole", v.terminated_as_a_whole);
    item(ar, "specs", v.specs); item(ar, "iia_hash", v.iia_hash);
}
template <class Ar> void value_fields(Ar& ar, ewp::ImportReport& v, unsigned) {
    item(ar, "agreements", v.agreements); item(ar, "new_institutions", v.new_institutions); item(ar, "warnings", v.warnings);
}
template <class Ar> void value_fields(Ar& ar, ewp::Difference& v, unsigned) {
    item(ar, "path", v.path); item(ar, "ours", v.ours); item(ar, "theirs", v.theirs);
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
IRO_VALUE_VERSION(iro::ExpertiseMatch, 1)
IRO_VALUE_VERSION(iro::KpiSet, 1)
IRO_VALUE_VERSION(iro::CountryRecord, 1)
IRO_VALUE_VERSION(iro::Criterion, 1)
IRO_VALUE_VERSION(iro::Framework, 1)
IRO_VALUE_VERSION(iro::AccreditationScope, 1)
IRO_VALUE_VERSION(iro::Decision, 1)
IRO_VALUE_VERSION(iro::AccreditationCase, 1)
IRO_VALUE_VERSION(iro::CaseTransition, 1)
IRO_VALUE_VERSION(iro::FollowUp, 1)
IRO_VALUE_VERSION(iro::Finding, 1)
IRO_VALUE_VERSION(iro::Evidence, 1)
IRO_VALUE_VERSION(iro::TimelineRules, 1)
IRO_VALUE_VERSION(iro::AccreditationTimeline, 1)
IRO_VALUE_VERSION(iro::RowProblem, 1)
IRO_VALUE_VERSION(iro::TableImportResult, 1)
IRO_VALUE_VERSION(iro::RorImportProblem, 1)
IRO_VALUE_VERSION(iro::RorImportResult, 1)
IRO_VALUE_VERSION(iro::RankingIndicator, 1)
IRO_VALUE_VERSION(iro::RankBand, 1)
IRO_VALUE_VERSION(iro::RankingBands, 1)
IRO_VALUE_VERSION(iro::Methodology, 1)
IRO_VALUE_VERSION(iro::ScoredRow, 1)
IRO_VALUE_VERSION(iro::WhatIfResult, 1)
IRO_VALUE_VERSION(iro::GapLever, 1)
IRO_VALUE_VERSION(iro::GapResult, 1)
IRO_VALUE_VERSION(iro::RobustnessResult, 1)
IRO_VALUE_VERSION(iro::PublishedResult, 1)
IRO_VALUE_VERSION(iro::HomeIndicators, 1)
IRO_VALUE_VERSION(iro::ewp::HashedIia, 1)
IRO_VALUE_VERSION(iro::ewp::SubjectArea, 1)
IRO_VALUE_VERSION(iro::ewp::LanguageSkill, 1)
IRO_VALUE_VERSION(iro::ewp::MobilitySpec, 1)
IRO_VALUE_VERSION(iro::ewp::Partner, 1)
IRO_VALUE_VERSION(iro::ewp::Iia, 1)
IRO_VALUE_VERSION(iro::ewp::ImportReport, 1)
IRO_VALUE_VERSION(iro::ewp::Difference, 1)
#undef IRO_VALUE_VERSION
