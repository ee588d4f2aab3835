// EWP IIAs and the store: import as agreements, export our copy, compare with a partner's.

#include "interchange/ewp_model.hpp"
#include "interchange/ewp_xml.hpp"
#include "iro/error.hpp"
#include "iro/ewp_iia.hpp"
#include "iro/identifiers.hpp"
#include "iro/store.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace iro::ewp {

namespace {
using nlohmann::json;
using Database = ::iro::detail::Database;

bool entered_force(AgreementStatus s) {
    return s == AgreementStatus::InForce || s == AgreementStatus::Expired || s == AgreementStatus::Renewed ||
           s == AgreementStatus::Terminated;
}

// ---- ewp_iia_spec.spec: a cooperation condition as JSON ----

json to_json(const SubjectArea& a) {
    return {{"isced_f_code", a.isced_f_code}, {"v6_value", a.v6_value}, {"clarification", a.clarification}};
}

SubjectArea subject_area_from(const json& j) {
    return {j.at("isced_f_code").get<std::string>(), j.at("v6_value").get<std::string>(), j.at("clarification").get<std::string>()};
}

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::optional<double> number_from(const json& j) { return j.is_null() ? std::nullopt : std::optional<double>(j.get<double>()); }

std::string spec_json(const MobilitySpec& s) {
    json skills = json::array();
    for (const auto& k : s.language_skills)
        skills.push_back({{"language", k.language},
                          {"cefr_level", k.cefr_level},
                          {"subject_area", k.subject_area ? to_json(*k.subject_area) : json(nullptr)},
                          {"not_yet_defined", k.not_yet_defined}});
    json areas = json::array();
    for (const auto& a : s.subject_areas) areas.push_back(to_json(a));
    const json j = {{"type", to_string(s.type)},
                    {"sending_hei_id", s.sending_hei_id},
                    {"sending_ounit_id", s.sending_ounit_id},
                    {"receiving_hei_id", s.receiving_hei_id},
                    {"receiving_ounit_id", s.receiving_ounit_id},
                    {"first_year", s.first_year.start_year},
                    {"last_year", s.last_year.start_year},
                    {"mobilities_per_year", s.mobilities_per_year},
                    {"mobilities_not_yet_defined", s.mobilities_not_yet_defined},
                    {"language_skills", skills},
                    {"subject_areas", areas},
                    {"other_info_terms", s.other_info_terms},
                    {"total_months_per_year", optional_number(s.total_months_per_year)},
                    {"blended", s.blended},
                    {"eqf_levels", s.eqf_levels},
                    {"total_days_per_year", optional_number(s.total_days_per_year)}};
    return j.dump();
}

MobilitySpec spec_from_json(const std::string& text, AgreementId agreement) {
    try {
        const auto j = json::parse(text);
        MobilitySpec s;
        s.type = enum_from_string<MobilityType>(j.at("type").get<std::string>());
        s.sending_hei_id = j.at("sending_hei_id").get<std::string>();
        s.sending_ounit_id = j.at("sending_ounit_id").get<std::string>();
        s.receiving_hei_id = j.at("receiving_hei_id").get<std::string>();
        s.receiving_ounit_id = j.at("receiving_ounit_id").get<std::string>();
        s.first_year = AcademicYear{j.at("first_year").get<int>()};
        s.last_year = AcademicYear{j.at("last_year").get<int>()};
        s.mobilities_per_year = j.at("mobilities_per_year").get<int>();
        s.mobilities_not_yet_defined = j.at("mobilities_not_yet_defined").get<bool>();
        for (const auto& k : j.at("language_skills")) {
            LanguageSkill skill{k.at("language").get<std::string>(), k.at("cefr_level").get<std::string>(), std::nullopt,
                                k.at("not_yet_defined").get<bool>()};
            if (!k.at("subject_area").is_null()) skill.subject_area = subject_area_from(k.at("subject_area"));
            s.language_skills.push_back(std::move(skill));
        }
        for (const auto& a : j.at("subject_areas")) s.subject_areas.push_back(subject_area_from(a));
        s.other_info_terms = j.at("other_info_terms").get<std::string>();
        s.total_months_per_year = number_from(j.at("total_months_per_year"));
        s.blended = j.at("blended").get<bool>();
        s.eqf_levels = j.at("eqf_levels").get<std::vector<int>>();
        s.total_days_per_year = number_from(j.at("total_days_per_year"));
        return s;
    } catch (const json::exception& e) {
        throw StorageError(fmt::format("agreement {}: a stored EWP cooperation condition is unreadable ({})", agreement.value(), e.what()));
    } catch (const ValidationError& e) {
        throw StorageError(fmt::format("agreement {}: a stored EWP cooperation condition is unreadable ({})", agreement.value(), e.what()));
    }
}

// ---- lookups ----

std::optional<InstitutionId> institution_by_schac(Database& db, std::string_view schac) {
    auto& st = db.statement("SELECT id FROM institution WHERE schac = ?");
    st.bind(1, std::string(schac));
    if (!st.executeStep()) return std::nullopt;
    InstitutionId id{st.getColumn(0).getInt64()};
    st.reset();
    return id;
}

std::optional<UnitId> unit_by_code(Database& db, InstitutionId institution, std::string_view code) {
    if (code.empty()) return std::nullopt;
    auto& st = db.statement("SELECT id FROM org_unit WHERE institution_id = ? AND code = ? ORDER BY id LIMIT 1");
    st.bind(1, static_cast<int64_t>(institution.value()));
    st.bind(2, std::string(code));
    if (!st.executeStep()) return std::nullopt;
    UnitId id{st.getColumn(0).getInt64()};
    st.reset();
    return id;
}

std::string unit_code(const Store& store, const std::optional<UnitId>& unit) { return unit ? store.units().get(*unit).code : std::string{}; }

// ---- a cooperation condition as a quota ----

struct Sides {
    InstitutionId sending;
    InstitutionId receiving;
    std::optional<UnitId> sending_unit;
    std::optional<UnitId> receiving_unit;
};

// The quota a cooperation condition becomes. What the quota cannot hold is reported in
// `warnings`, when given; the whole condition stays in ewp_iia_spec.
MobilityQuota quota_from_spec(const MobilitySpec& s, const Sides& sides, const std::string& path, std::vector<std::string>* warnings) {
    const auto warn = [&](std::string text) {
        if (warnings) warnings->push_back(std::move(text));
    };
    MobilityQuota q;
    q.sending = sides.sending;
    q.receiving = sides.receiving;
    q.sending_unit = sides.sending_unit;
    q.receiving_unit = sides.receiving_unit;
    q.type = s.type;
    if (s.last_year < s.first_year)
        throw ValidationError(path + "/receiving-last-academic-year-id", s.last_year.to_string(),
                              fmt::format("a year not before receiving-first-academic-year-id ({})", s.first_year.to_string()));
    if (s.last_year.start_year - s.first_year.start_year >= 100)
        throw ValidationError(path + "/receiving-last-academic-year-id", s.last_year.to_string(), "at most 100 academic years after the first");
    for (int y = s.first_year.start_year; y <= s.last_year.start_year; ++y) q.academic_years.push_back(AcademicYear{y});
    q.mobilities_per_year = s.mobilities_per_year;
    if (s.mobilities_not_yet_defined)
        warn(fmt::format("{}/mobilities-per-year: marked not-yet-defined; recorded as {}", path, s.mobilities_per_year));
    q.total_months_per_year = s.total_months_per_year;
    if (s.total_days_per_year) {
        q.total_days_per_year = static_cast<int>(std::lround(*s.total_days_per_year));
        if (*q.total_days_per_year != *s.total_days_per_year)
            warn(fmt::format("{}/total-days-per-year: {} recorded as {} (iro counts whole days)", path,
                             detail::format_decimal(*s.total_days_per_year), *q.total_days_per_year));
    }
    for (std::size_t k = 0; k < s.subject_areas.size(); ++k) {
        const auto& area = s.subject_areas[k];
        q.subject_areas.push_back(area.isced_f_code);
        const auto at = fmt::format("{}/subject-area[{}]", path, k + 1);
        if (!area.v6_value.empty()) warn(fmt::format("{}/isced-f-code/@v6-value '{}': kept with the EWP copy only", at, area.v6_value));
        if (!area.clarification.empty()) warn(fmt::format("{}/isced-clarification: kept with the EWP copy only", at));
    }
    q.eqf_levels = s.eqf_levels;
    for (std::size_t k = 0; k < s.language_skills.size(); ++k) {
        const auto& skill = s.language_skills[k];
        const auto at = fmt::format("{}/recommended-language-skill[{}]", path, k + 1);
        const bool plain_code = skill.language.size() >= 2 && skill.language.size() <= 3 &&
                                std::all_of(skill.language.begin(), skill.language.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (!plain_code || skill.cefr_level.empty()) {
            warn(fmt::format("{}: '{}' without an ISO 639 code and CEFR level is kept with the EWP copy only", at, skill.language));
            continue;
        }
        q.language_skills.push_back(iro::LanguageSkill{skill.language, enum_from_string<CefrLevel>(skill.cefr_level)});
        if (skill.not_yet_defined)
            warn(fmt::format("{}: marked not-yet-defined; recorded as {} {}", at, skill.language, skill.cefr_level));
        if (skill.subject_area) warn(fmt::format("{}/subject-area: kept with the EWP copy only", at));
    }
    if (!s.other_info_terms.empty()) warn(fmt::format("{}/other-info-terms: kept with the EWP copy only", path));
    q.blended = s.blended;
    return q;
}

std::string spec_path(const std::string& iia_path, const std::vector<MobilitySpec>& specs, std::size_t k) {
    const auto n = std::count_if(specs.begin(), specs.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                                 [&](const MobilitySpec& s) { return s.type == specs[k].type; });
    return fmt::format("{}/cooperation-conditions/{}[{}]", iia_path, detail::spec_element(specs[k].type), n);
}

// ---- import ----

struct Importer {
    Store& store;
    Database& db;
    const ImportOptions& options;
    const Institution& home;
    Date received;
    ImportReport& report;
    std::map<std::string, InstitutionId, std::less<>> added{};

    void warn(std::string text) { report.warnings.push_back(std::move(text)); }

    InstitutionId partner_institution(const std::string& hei, const std::string& field) {
        try {
            validate_schac_code(hei);
        } catch (const ValidationError& e) {
            throw ValidationError(field, hei, e.expected());
        }
        if (auto id = institution_by_schac(db, hei)) return *id;
        if (auto it = added.find(hei); it != added.end()) return it->second;
        const auto country = options.new_partner_countries.find(hei);
        if (country == options.new_partner_countries.end())
            throw NotFoundError(fmt::format("institution with the SCHAC code of {} (add it, or give its country in "
                                            "ImportOptions::new_partner_countries)",
                                            field),
                                hei);
        Institution i;
        i.type = InstitutionType::University;
        i.names = {Name{hei, "", NameKind::Display}};
        i.country = country->second;
        i.identifiers.schac = hei;
        InstitutionId id;
        try {
            id = store.institutions().add(std::move(i));
        } catch (const ValidationError& e) {
            throw ValidationError(fmt::format("new_partner_countries[{}]", hei), e.value(), e.expected());
        }
        added.emplace(hei, id);
        report.new_institutions.push_back(id);
        warn(fmt::format("{}: added '{}' as a university in {} named after its hei-id; complete its record", field, hei, country->second));
        return id;
    }

    std::optional<UnitId> unit(InstitutionId institution, const std::string& ounit, const std::string& field) {
        auto found = unit_by_code(db, institution, ounit);
        if (!ounit.empty() && !found) warn(fmt::format("{} '{}': no unit has this code; kept with the EWP copy only", field, ounit));
        return found;
    }

    void check_not_imported(const Partner& p, InstitutionId institution, const std::string& field) {
        if (p.iia_id.empty()) return;
        auto& st = db.statement("SELECT agreement_id FROM ewp_iia_party WHERE institution_id = ? AND iia_id = ?");
        st.bind(1, static_cast<int64_t>(institution.value()));
        st.bind(2, p.iia_id);
        if (!st.executeStep()) return;
        const auto other = st.getColumn(0).getInt64();
        st.reset();
        throw ConflictError(fmt::format("{}: the IIA '{}' of {} is already stored as agreement {}", field, p.iia_id, p.hei_id, other));
    }

    AgreementId import(const Iia& iia, const std::string& path) {
        std::optional<std::size_t> at_home;
        for (std::size_t p = 0; p < iia.partners.size(); ++p)
            if (iia.partners[p].hei_id == home.identifiers.schac) at_home = p;
        if (!at_home)
            throw ValidationError(path + "/partner/hei-id", fmt::format("{}, {}", iia.partners[0].hei_id, iia.partners[1].hei_id),
                                  fmt::format("the home institution's SCHAC code '{}' among the partners", home.identifiers.schac));
        if (iia.partners[0].hei_id == iia.partners[1].hei_id)
            throw ValidationError(path + "/partner[2]/hei-id", iia.partners[1].hei_id, "a partner other than the first");
        const auto h = *at_home;
        const auto& ours = iia.partners[h];
        const auto& theirs = iia.partners[1 - h];
        const auto our_path = fmt::format("{}/partner[{}]", path, h + 1);
        const auto their_path = fmt::format("{}/partner[{}]", path, 2 - h);
        const auto partner = partner_institution(theirs.hei_id, their_path + "/hei-id");
        const std::map<std::string, InstitutionId, std::less<>> by_hei{{ours.hei_id, home.id}, {theirs.hei_id, partner}};

        Agreement a;
        a.kind = AgreementKind::ErasmusIia;
        a.title = fmt::format("Erasmus+ inter-institutional agreement with {}", store.institutions().get(partner).display_name());
        if (ours.iia_code.size() > 100)
            throw ValidationError(our_path + "/iia-code", ours.iia_code, "at most 100 bytes: it becomes the agreement's reference");
        a.reference = ours.iia_code;
        a.parties = {Party{home.id, unit(home.id, ours.ounit_id, our_path + "/ounit-id"), ours.signing_date, ours.signing_contact_name},
                     Party{partner, unit(partner, theirs.ounit_id, their_path + "/ounit-id"), theirs.signing_date,
                           theirs.signing_contact_name}};
        const bool students = std::any_of(iia.specs.begin(), iia.specs.end(), [](const auto& s) { return is_student_mobility(s.type); });
        const bool staff = std::any_of(iia.specs.begin(), iia.specs.end(), [](const auto& s) { return !is_student_mobility(s.type); });
        if (students || !staff) a.areas.push_back(Area::StudentExchange);
        if (staff) a.areas.push_back(Area::StaffExchange);

        std::vector<Date> signed_on;
        for (const auto& p : iia.partners)
            if (p.signing_date) signed_on.push_back(*p.signing_date);
        std::sort(signed_on.begin(), signed_on.end());
        a.proposed_on = signed_on.empty() ? received : signed_on.front();
        if (iia.in_effect && signed_on.size() == 2) {
            a.status = AgreementStatus::InForce;
            a.in_force_from = signed_on.back();
        } else {
            a.status = AgreementStatus::AwaitingSignature;
            if (iia.in_effect)
                warn(fmt::format("{}/in-effect: true, but not both partners give a signing-date; recorded as awaiting signature", path));
        }
        if (iia.terminated_as_a_whole) {
            if (a.status == AgreementStatus::InForce) {
                a.status = AgreementStatus::Terminated;
                a.terminated_on = std::max(received, *a.in_force_from);
                warn(fmt::format("{}/cooperation-conditions/@terminated-as-a-whole: the IIA gives no date; recorded as terminated on {}",
                                 path, format_date(*a.terminated_on)));
            } else {
                warn(fmt::format("{}/cooperation-conditions/@terminated-as-a-whole: not kept, the agreement never entered into force", path));
            }
        }
        a.note = fmt::format("Imported from an EWP IIA v7 get-response of {} (iia-id '{}').", iia.partners[0].hei_id, iia.partners[0].iia_id);

        for (std::size_t k = 0; k < iia.specs.size(); ++k) {
            const auto& s = iia.specs[k];
            const auto at = spec_path(path, iia.specs, k);
            const auto side = [&](const std::string& hei, const char* element) {
                const auto it = by_hei.find(hei);
                if (it == by_hei.end())
                    throw ValidationError(fmt::format("{}/{}", at, element), hei,
                                          fmt::format("the hei-id of one of the partners ({}, {})", ours.hei_id, theirs.hei_id));
                return it->second;
            };
            Sides sides{side(s.sending_hei_id, "sending-hei-id"), side(s.receiving_hei_id, "receiving-hei-id"), {}, {}};
            if (sides.sending == sides.receiving)
                throw ValidationError(at + "/receiving-hei-id", s.receiving_hei_id, "the other partner's hei-id");
            sides.sending_unit = unit(sides.sending, s.sending_ounit_id, at + "/sending-ounit-id");
            sides.receiving_unit = unit(sides.receiving, s.receiving_ounit_id, at + "/receiving-ounit-id");
            a.quotas.push_back(quota_from_spec(s, sides, at, &report.warnings));
        }

        check_not_imported(ours, home.id, our_path + "/iia-id");
        check_not_imported(theirs, partner, their_path + "/iia-id");
        AgreementId id;
        try {
            id = store.agreements().add(a);
        } catch (const ValidationError& e) {
            throw ValidationError(fmt::format("{} (agreement field {})", path, e.field()), e.value(), e.expected());
        }

        auto& row = db.statement("INSERT INTO ewp_iia (agreement_id, in_effect, status, iia_hash) VALUES (?, ?, ?, ?)");
        row.bind(1, static_cast<int64_t>(id.value()));
        row.bind(2, iia.in_effect ? 1 : 0);
        row.bind(3, std::string(to_string(a.status)));
        row.bind(4, iia.iia_hash);
        row.exec();
        for (const auto& [p, institution] : {std::pair{&ours, home.id}, std::pair{&theirs, partner}}) {
            auto& st = db.statement(
                "INSERT INTO ewp_iia_party (agreement_id, institution_id, ounit_id, iia_id, iia_code, signing_email) VALUES (?, ?, ?, ?, ?, ?)");
            st.bind(1, static_cast<int64_t>(id.value()));
            st.bind(2, static_cast<int64_t>(institution.value()));
            st.bind(3, p->ounit_id);
            st.bind(4, p->iia_id);
            st.bind(5, p->iia_code);
            st.bind(6, p->signing_contact_email);
            st.exec();
        }
        for (std::size_t k = 0; k < iia.specs.size(); ++k) {
            auto& st = db.statement("INSERT INTO ewp_iia_spec (agreement_id, position, spec) VALUES (?, ?, ?)");
            st.bind(1, static_cast<int64_t>(id.value()));
            st.bind(2, static_cast<int64_t>(k));
            st.bind(3, spec_json(iia.specs[k]));
            st.exec();
        }
        return id;
    }
};

// ---- export ----

struct PartyRow {
    std::string ounit_id;
    std::string iia_id;
    std::string iia_code;
    std::string signing_email;
};

struct StoredIia {
    std::optional<std::pair<bool, std::string>> in_effect_at_status;  // (in_effect, status) at import
    std::map<std::int64_t, PartyRow> parties;                          // by institution id
    std::map<std::size_t, MobilitySpec> specs;                         // by quota position
};

StoredIia load_stored(Database& db, AgreementId id) {
    StoredIia out;
    const auto key = static_cast<int64_t>(id.value());
    {
        auto& st = db.statement("SELECT in_effect, status FROM ewp_iia WHERE agreement_id = ?");
        st.bind(1, key);
        if (st.executeStep()) out.in_effect_at_status = std::pair{st.getColumn(0).getInt() != 0, st.getColumn(1).getString()};
        st.reset();
    }
    {
        auto& st = db.statement("SELECT institution_id, ounit_id, iia_id, iia_code, signing_email FROM ewp_iia_party WHERE agreement_id = ?");
        st.bind(1, key);
        while (st.executeStep())
            out.parties[st.getColumn(0).getInt64()] =
                PartyRow{st.getColumn(1).getString(), st.getColumn(2).getString(), st.getColumn(3).getString(), st.getColumn(4).getString()};
    }
    auto& st = db.statement("SELECT position, spec FROM ewp_iia_spec WHERE agreement_id = ?");
    st.bind(1, key);
    while (st.executeStep()) out.specs.emplace(static_cast<std::size_t>(st.getColumn(0).getInt64()), spec_from_json(st.getColumn(1).getString(), id));
    return out;
}

// The stored condition when the quota still reads as it did at import.
std::optional<MobilitySpec> unchanged_spec(Database& db, const StoredIia& stored, std::size_t k, const MobilityQuota& quota) {
    const auto it = stored.specs.find(k);
    if (it == stored.specs.end()) return std::nullopt;
    const auto& s = it->second;
    const auto sending = institution_by_schac(db, s.sending_hei_id);
    const auto receiving = institution_by_schac(db, s.receiving_hei_id);
    if (!sending || !receiving) return std::nullopt;
    const Sides sides{*sending, *receiving, unit_by_code(db, *sending, s.sending_ounit_id), unit_by_code(db, *receiving, s.receiving_ounit_id)};
    try {
        if (quota_from_spec(s, sides, "", nullptr) == quota) return s;
    } catch (const Error&) {
        // A condition that no longer converts is written from the quota instead.
    }
    return std::nullopt;
}

MobilitySpec spec_from_quota(const Store& store, const MobilityQuota& q, const std::map<std::int64_t, std::string>& hei_of,
                             const std::string& field) {
    MobilitySpec s;
    s.type = q.type;
    s.sending_hei_id = hei_of.at(q.sending.value());
    s.receiving_hei_id = hei_of.at(q.receiving.value());
    s.sending_ounit_id = unit_code(store, q.sending_unit);
    s.receiving_ounit_id = unit_code(store, q.receiving_unit);
    auto years = q.academic_years;
    std::sort(years.begin(), years.end());
    if (years.empty()) throw ValidationError(field + ".academic_years", "", "at least one academic year");
    for (std::size_t k = 1; k < years.size(); ++k)
        if (years[k].start_year != years[k - 1].start_year + 1)
            throw ValidationError(field + ".academic_years", years[k].to_string(),
                                  "consecutive academic years: an EWP IIA gives a first and a last year");
    s.first_year = years.front();
    s.last_year = years.back();
    if (q.mobilities_per_year < 1)
        throw ValidationError(field + ".mobilities_per_year", std::to_string(q.mobilities_per_year), "at least 1 in an EWP IIA");
    s.mobilities_per_year = q.mobilities_per_year;
    for (const auto& l : q.language_skills) s.language_skills.push_back(LanguageSkill{l.language, std::string(to_string(l.level)), {}, false});
    if ((q.type == MobilityType::StudentStudies || q.type == MobilityType::StaffTeaching) && s.language_skills.empty())
        throw ValidationError(field + ".language_skills", "",
                              "at least one recommended language skill for student studies and staff teaching (EWP IIA v7)");
    for (const auto& code : q.subject_areas) {
        if (code.size() != 4) throw ValidationError(field + ".subject_areas", code, "four-digit ISCED-F codes (EWP IIA v7)");
        s.subject_areas.push_back(SubjectArea{code, {}, {}});
    }
    if (is_student_mobility(q.type)) {
        s.total_months_per_year = q.total_months_per_year;
        if (s.total_months_per_year && *s.total_months_per_year <= 0)
            throw ValidationError(field + ".total_months_per_year", detail::format_decimal(*s.total_months_per_year), "more than 0 in an EWP IIA");
        s.blended = q.blended;
        s.eqf_levels = q.eqf_levels;
    } else {
        if (!q.eqf_levels.empty())
            throw ValidationError(field + ".eqf_levels", std::to_string(q.eqf_levels.front()), "no EQF levels on staff mobility (EWP IIA v7)");
        if (q.blended) throw ValidationError(field + ".blended", "true", "false: EWP has blended mobility for students only");
        if (q.total_days_per_year) {
            if (*q.total_days_per_year <= 0)
                throw ValidationError(field + ".total_days_per_year", std::to_string(*q.total_days_per_year), "more than 0 in an EWP IIA");
            s.total_days_per_year = *q.total_days_per_year;
        }
    }
    return s;
}

// An edited quota is written from its fields, keeping what the agreement has no field for
// and that still applies; the not-yet-defined and v6-value markers go, as EWP requires.
void carry_over(const MobilitySpec& before, MobilitySpec& s) {
    if (before.type != s.type) return;
    if (s.sending_ounit_id.empty() && s.sending_hei_id == before.sending_hei_id) s.sending_ounit_id = before.sending_ounit_id;
    if (s.receiving_ounit_id.empty() && s.receiving_hei_id == before.receiving_hei_id) s.receiving_ounit_id = before.receiving_ounit_id;
    for (auto& area : s.subject_areas) {
        const auto it = std::find_if(before.subject_areas.begin(), before.subject_areas.end(),
                                     [&](const SubjectArea& b) { return b.isced_f_code == area.isced_f_code; });
        if (it != before.subject_areas.end()) area.clarification = it->clarification;
    }
    s.other_info_terms = before.other_info_terms;
}

} // namespace

ImportReport import_iias(Store& store, std::string_view get_response_xml, const ImportOptions& options) {
    detail::check_size(get_response_xml, options.max_bytes, "ImportOptions::max_bytes");
    pugi::xml_document doc;
    detail::load(doc, get_response_xml);
    detail::iias_root(doc);
    const auto elements = detail::iia_elements(doc);
    std::vector<std::size_t> chosen;
    if (options.iia_id.empty())
        for (std::size_t k = 0; k < elements.size(); ++k) chosen.push_back(k);
    else
        chosen.push_back(detail::select_iia(elements, options.iia_id));

    // Everything is read before anything is written.
    ImportReport report;
    std::vector<Iia> iias;
    std::vector<std::string> paths;
    const auto hashes = hash_iias(get_response_xml);
    for (auto k : chosen) {
        paths.push_back(fmt::format("iia[{}]", k + 1));
        iias.push_back(detail::read_iia(elements[k], paths.back(), &report.warnings));
        const auto& declared = iias.back().iia_hash;
        if (declared.empty())
            report.warnings.push_back(fmt::format("{}/iia-hash: missing; the computed hash is {}", paths.back(), hashes[k].iia_hash));
        else if (declared != hashes[k].iia_hash)
            report.warnings.push_back(fmt::format("{}/iia-hash: {} differs from the hash of the cooperation conditions ({})", paths.back(),
                                                  declared, hashes[k].iia_hash));
    }
    const auto home = store.institutions().home();
    if (home.identifiers.schac.empty())
        throw ValidationError("home institution's identifiers.schac", "", "the home institution's SCHAC code, to find it among the IIA partners");
    auto& db = ::iro::detail::database_of(store);
    return db.write([&] {
        Importer importer{store, db, options, home, options.received_on.value_or(today()), report};
        {
            // The agreements and partners go in through the collections; the call writes one entry.
            ::iro::detail::RowAuditPause pause(db);
            for (std::size_t k = 0; k < iias.size(); ++k) report.agreements.push_back(importer.import(iias[k], paths[k]));
        }
        json imported = json::array();
        for (std::size_t k = 0; k < iias.size(); ++k)
            imported.push_back({{"agreement", report.agreements[k].value()},
                                {"from", iias[k].partners[0].hei_id},
                                {"iia_id", iias[k].partners[0].iia_id},
                                {"iia_hash", iias[k].iia_hash}});
        json added = json::array();
        for (const auto id : report.new_institutions) added.push_back(id.value());
        const json summary = {{"iias", imported}, {"new_institutions", added}};
        db.audit("ewp_import", 0, "import", "", summary.dump(-1, ' ', false, json::error_handler_t::replace));
        return report;
    });
}

Iia to_iia(const Store& store, AgreementId agreement) {
    auto& db = ::iro::detail::database_of(store);
    const auto a = store.agreements().get(agreement);
    if (a.parties.size() != 2)
        throw ValidationError("parties", std::to_string(a.parties.size()), "two parties: an EWP IIA is bilateral");
    const auto home = store.institutions().home();
    const std::size_t h = a.parties[0].institution == home.id ? 0 : 1;
    const auto stored = load_stored(db, agreement);

    Iia iia;
    std::map<std::int64_t, std::string> hei_of;
    for (const auto k : {h, 1 - h}) {
        const auto& party = a.parties[k];
        const auto institution = store.institutions().get(party.institution);
        if (institution.identifiers.schac.empty())
            throw ValidationError(fmt::format("parties[{}].institution", k), institution.display_name(),
                                  "an institution with a SCHAC code: EWP names each partner by its HEI id");
        hei_of[party.institution.value()] = institution.identifiers.schac;
        const auto row = stored.parties.find(party.institution.value());
        const PartyRow none;
        const auto& ids = row == stored.parties.end() ? none : row->second;
        Partner p;
        p.hei_id = institution.identifiers.schac;
        p.ounit_id = unit_code(store, party.unit);
        if (p.ounit_id.empty()) p.ounit_id = ids.ounit_id;
        p.iia_id = ids.iia_id;
        p.iia_code = ids.iia_code;
        if (k == h && p.iia_id.empty()) p.iia_id = std::to_string(a.id.value());
        if (k == h && p.iia_code.empty()) p.iia_code = a.reference;
        p.signing_contact_name = party.signatory;
        if (!party.signatory.empty()) p.signing_contact_email = ids.signing_email;
        p.signing_date = party.signed_on;
        iia.partners.push_back(std::move(p));
    }
    const auto& at_import = stored.in_effect_at_status;
    iia.in_effect = entered_force(a.status) || (at_import && at_import->first && at_import->second == to_string(a.status));
    iia.terminated_as_a_whole = a.status == AgreementStatus::Terminated;
    for (std::size_t k = 0; k < a.quotas.size(); ++k) {
        if (auto s = unchanged_spec(db, stored, k, a.quotas[k])) {
            iia.specs.push_back(std::move(*s));
            continue;
        }
        auto s = spec_from_quota(store, a.quotas[k], hei_of, fmt::format("quotas[{}]", k));
        if (const auto before = stored.specs.find(k); before != stored.specs.end()) carry_over(before->second, s);
        iia.specs.push_back(std::move(s));
    }
    return iia;
}

std::string export_iia(const Store& store, AgreementId agreement) { return write_iias_get_response({to_iia(store, agreement)}); }

std::vector<Difference> diff_iia(const Store& store, AgreementId ours, std::string_view their_get_response_xml, std::string_view iia_id) {
    pugi::xml_document doc;
    detail::load(doc, their_get_response_xml);
    detail::iias_root(doc);
    const auto elements = detail::iia_elements(doc);
    const auto k = detail::select_iia(elements, iia_id);
    const auto theirs = detail::read_iia(elements[k], fmt::format("iia[{}]", k + 1), nullptr);
    return diff(to_iia(store, ours), theirs);
}

} // namespace iro::ewp
