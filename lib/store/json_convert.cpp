#include "store/json_convert.hpp"

#include <nlohmann/json.hpp>

namespace iro::detail {

namespace {
using nlohmann::json;

template <class T>
json optional_value(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

json optional_date(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }

template <class Tag>
json optional_id(const std::optional<Id<Tag>>& id) {
    return id ? json(id->value()) : json(nullptr);
}

template <class Tag>
json id_list(const std::vector<Id<Tag>>& ids) {
    json out = json::array();
    for (auto id : ids) out.push_back(id.value());
    return out;
}

std::string text(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
} // namespace

nlohmann::json quota_json(const MobilityQuota& q) {
    json years = json::array();
    for (const auto& y : q.academic_years) years.push_back(y.to_string());
    json languages = json::array();
    for (const auto& l : q.language_skills) languages.push_back({{"language", l.language}, {"level", to_string(l.level)}});
    return {{"sending", q.sending.value()},
            {"receiving", q.receiving.value()},
            {"sending_unit", optional_id(q.sending_unit)},
            {"receiving_unit", optional_id(q.receiving_unit)},
            {"type", to_string(q.type)},
            {"academic_years", years},
            {"mobilities_per_year", q.mobilities_per_year},
            {"total_months_per_year", optional_value(q.total_months_per_year)},
            {"total_days_per_year", optional_value(q.total_days_per_year)},
            {"subject_areas", q.subject_areas},
            {"eqf_levels", q.eqf_levels},
            {"language_skills", languages},
            {"blended", q.blended}};
}

std::string to_json_text(const Institution& i) {
    json names = json::array();
    for (const auto& n : i.names) names.push_back({{"value", n.value}, {"lang", n.lang}, {"kind", to_string(n.kind)}});
    const json j = {{"id", i.id.value()},
                    {"type", to_string(i.type)},
                    {"names", names},
                    {"country", i.country},
                    {"city", i.city},
                    {"website", i.website},
                    {"ror", i.identifiers.ror},
                    {"erasmus", i.identifiers.erasmus},
                    {"schac", i.identifiers.schac},
                    {"pic", i.identifiers.pic},
                    {"wikidata", i.identifiers.wikidata},
                    {"status", to_string(i.status)},
                    {"successor", optional_id(i.successor)},
                    {"is_home", i.is_home}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string to_json_text(const OrgUnit& u) {
    const json j = {{"id", u.id.value()},         {"institution", u.institution.value()}, {"parent", optional_id(u.parent)},
                    {"kind", to_string(u.kind)}, {"name", u.name},                      {"code", u.code}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string to_json_text(const Contact& c) {
    const json j = {{"id", c.id.value()}, {"institution", c.institution.value()}, {"unit", optional_id(c.unit)},
                    {"name", c.name},     {"role", c.role},                       {"email", c.email},
                    {"phone", c.phone}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string to_json_text(const Agreement& a) {
    json parties = json::array();
    for (const auto& p : a.parties)
        parties.push_back({{"institution", p.institution.value()},
                           {"unit", optional_id(p.unit)},
                           {"signed_on", optional_date(p.signed_on)},
                           {"signatory", p.signatory}});
    json areas = json::array();
    for (auto area : a.areas) areas.push_back(to_string(area));
    json quotas = json::array();
    for (const auto& q : a.quotas) quotas.push_back(quota_json(q));
    json documents = json::array();
    for (const auto& d : a.documents) documents.push_back({{"title", d.title}, {"location", d.location}, {"sha256", d.sha256}});
    const json j = {{"id", a.id.value()},
                    {"kind", to_string(a.kind)},
                    {"title", a.title},
                    {"reference", a.reference},
                    {"parties", parties},
                    {"areas", areas},
                    {"status", to_string(a.status)},
                    {"proposed_on", format_date(a.proposed_on)},
                    {"in_force_from", optional_date(a.in_force_from)},
                    {"valid_until", optional_date(a.valid_until)},
                    {"terminated_on", optional_date(a.terminated_on)},
                    {"tacit_renewal_years", a.tacit_renewal_years},
                    {"notice_days", a.notice_days},
                    {"predecessor", optional_id(a.predecessor)},
                    {"quotas", quotas},
                    {"documents", documents},
                    {"note", a.note}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string to_json_text(const Activity& a) {
    json funds = json::array();
    for (const auto& m : a.funds) funds.push_back({{"amount", m.amount}, {"currency", m.currency}});
    json evidence = json::array();
    for (const auto& d : a.evidence) evidence.push_back({{"title", d.title}, {"location", d.location}, {"sha256", d.sha256}});
    return text({{"id", a.id.value()},
                 {"type", to_string(a.type)},
                 {"title", a.title},
                 {"partners", id_list(a.partners)},
                 {"agreement", optional_id(a.agreement)},
                 {"area", to_string(a.area)},
                 {"start", format_date(a.start)},
                 {"end", optional_date(a.end)},
                 {"home_units", id_list(a.home_units)},
                 {"people", id_list(a.people)},
                 {"outcome", a.outcome},
                 {"publications", a.publications},
                 {"participants", a.participants},
                 {"funds", funds},
                 {"evidence", evidence}});
}

std::string to_json_text(const Person& p) {
    return text({{"id", p.id.value()},
                 {"given_name", p.given_name},
                 {"family_name", p.family_name},
                 {"role", to_string(p.role)},
                 {"affiliation", optional_id(p.affiliation)},
                 {"unit", optional_id(p.unit)},
                 {"nationality", p.nationality},
                 {"email", p.email},
                 {"isced_codes", p.expertise.isced_codes},
                 {"keywords", p.expertise.keywords},
                 {"erased", p.erased}});
}

std::string to_json_text(const Program& p) {
    json audiences = json::array();
    for (auto a : p.audiences) audiences.push_back(to_string(a));
    return text({{"id", p.id.value()},
                 {"name", p.name},
                 {"kind", to_string(p.kind)},
                 {"provider", optional_id(p.provider)},
                 {"agreement", optional_id(p.agreement)},
                 {"audiences", audiences},
                 {"eligibility", p.eligibility},
                 {"website", p.website}});
}

std::string to_json_text(const Call& c) {
    return text({{"id", c.id.value()},
                 {"program", c.program.value()},
                 {"title", c.title},
                 {"opens_on", format_date(c.opens_on)},
                 {"deadline", format_date(c.deadline)},
                 {"places", c.places},
                 {"funding", c.funding ? json{{"amount", c.funding->amount}, {"currency", c.funding->currency}} : json(nullptr)},
                 {"eligibility", c.eligibility}});
}

std::string to_json_text(const Application& a) {
    return text({{"id", a.id.value()},
                 {"call", a.call.value()},
                 {"applicant", a.applicant.value()},
                 {"audience", to_string(a.audience)},
                 {"unit", optional_id(a.unit)},
                 {"status", to_string(a.status)},
                 {"created_on", format_date(a.created_on)},
                 {"note", a.note}});
}

std::string to_json_text(const Visit& v) {
    return text({{"id", v.id.value()},
                 {"person", v.person.value()},
                 {"direction", to_string(v.direction)},
                 {"purpose", to_string(v.purpose)},
                 {"home_institution", v.home_institution.value()},
                 {"host_institution", v.host_institution.value()},
                 {"home_unit", optional_id(v.home_unit)},
                 {"host_unit", optional_id(v.host_unit)},
                 {"start", format_date(v.start)},
                 {"end", format_date(v.end)},
                 {"agreement", optional_id(v.agreement)},
                 {"program", optional_id(v.program)},
                 {"mobility_type", v.mobility_type ? json(to_string(*v.mobility_type)) : json(nullptr)},
                 {"status", to_string(v.status)},
                 {"lectures", v.lectures},
                 {"teaching_hours", v.teaching_hours},
                 {"seminars", v.seminars},
                 {"note", v.note}});
}

} // namespace iro::detail
