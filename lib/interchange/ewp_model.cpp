// iias-get-response v7 as values: the reader, the writer and the field-level diff.

#include "interchange/ewp_model.hpp"

#include "interchange/ewp_xml.hpp"
#include "iro/error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <limits>
#include <sstream>

namespace iro::ewp {

namespace detail {

namespace {

constexpr std::array<std::pair<MobilityType, std::string_view>, 4> kSpecElements{{
    {MobilityType::StudentStudies, "student-studies-mobility-spec"},
    {MobilityType::StudentTraineeship, "student-traineeship-mobility-spec"},
    {MobilityType::StaffTeaching, "staff-teacher-mobility-spec"},
    {MobilityType::StaffTraining, "staff-training-mobility-spec"},
}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// XML Schema's whiteSpace="collapse", which applies to booleans, numbers and dates.
std::string collapse(std::string_view text) {
    std::string out;
    bool pending = false;
    for (char c : text) {
        if (is_space(c)) {
            pending = !out.empty();
            continue;
        }
        if (pending) out += ' ';
        pending = false;
        out += c;
    }
    return out;
}

// The element's text, which must be plain: an element inside a value is a FormatError.
std::string text_of(pugi::xml_node element, const std::string& path) {
    for (auto c : element.children())
        if (c.type() == pugi::node_element) throw FormatError(fmt::format("{}: unexpected element <{}> inside a value", path, c.name()));
    return string_value(element);
}

std::vector<pugi::xml_node> child_elements(pugi::xml_node parent) {
    std::vector<pugi::xml_node> out;
    for (auto c : parent.children())
        if (c.type() == pugi::node_element) out.push_back(c);
    return out;
}

void only(pugi::xml_node parent, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (auto c : child_elements(parent))
        if (std::find(allowed.begin(), allowed.end(), local_name(c)) == allowed.end())
            throw FormatError(fmt::format("{}: unexpected element <{}>", path, c.name()));
}

pugi::xml_node optional_child(pugi::xml_node parent, std::string_view name, const std::string& path) {
    const auto found = children_named(parent, name);
    if (found.size() > 1) throw FormatError(fmt::format("{}: more than one <{}>", path, name));
    return found.empty() ? pugi::xml_node{} : found.front();
}

pugi::xml_node required_child(pugi::xml_node parent, std::string_view name, const std::string& path) {
    const auto found = optional_child(parent, name, path);
    if (!found) throw FormatError(fmt::format("{}: missing <{}>", path, name));
    return found;
}

std::string child_path(const std::string& path, std::string_view name) { return fmt::format("{}/{}", path, name); }

bool parse_boolean(std::string_view raw, const std::string& field) {
    const auto text = collapse(raw);
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    throw ValidationError(field, std::string(raw), "true or false");
}

// xs:integer in [low, high], as text: an optional sign, digits, no leading spaces inside.
int parse_integer(std::string_view raw, const std::string& field, int low, int high, std::string_view expected) {
    auto text = collapse(raw);
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    long long value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit) || ec != std::errc{} || end != digits.data() + digits.size() ||
        value < low || value > high)
        throw ValidationError(field, std::string(raw), expected);
    return static_cast<int>(value);
}

// xs:decimal greater than 0: digits with an optional fraction; no exponent.
double parse_positive_decimal(std::string_view raw, const std::string& field) {
    auto text = collapse(raw);
    std::string_view number = text;
    if (!number.empty() && number.front() == '+') number.remove_prefix(1);
    const auto dot = number.find('.');
    const auto whole = number.substr(0, dot);
    auto fraction = dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
    const bool digits = !number.empty() && number != "." && std::all_of(whole.begin(), whole.end(), is_digit) &&
                        std::all_of(fraction.begin(), fraction.end(), is_digit) && number.size() <= 40;
    while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
    const bool shape = digits && fraction.size() <= 2;  // the schema's fractionDigits="2"
    double value = 0;
    if (shape) {
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (ec == std::errc{} && end == number.data() + number.size() && value > 0 && value < 1e9) return value;
    }
    throw ValidationError(field, std::string(raw), "a decimal number greater than 0 with two decimals at most, e.g. 5 or 4.5");
}

// xs:date, whose optional time zone does not change the calendar day it names.
Date parse_xs_date(std::string_view raw, const std::string& field) {
    auto text = collapse(raw);
    std::string_view day = text;
    if (day.size() > 10) {
        const auto zone = day.substr(10);
        const bool offset = zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && is_digit(zone[1]) && is_digit(zone[2]) &&
                            zone[3] == ':' && is_digit(zone[4]) && is_digit(zone[5]);
        if (zone == "Z" || offset) day = day.substr(0, 10);
    }
    try {
        return parse_date(day, field);
    } catch (const ValidationError&) {
        throw ValidationError(field, std::string(raw), "a date written YYYY-MM-DD");
    }
}

AcademicYear parse_year(std::string_view text, const std::string& field) {
    try {
        return AcademicYear::parse(text);
    } catch (const ValidationError& e) {
        throw ValidationError(field, std::string(text), e.expected());
    }
}

bool ascii_printable_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '!' && c <= '~'; });
}

std::string read_identifier(pugi::xml_node parent, std::string_view name, const std::string& path) {
    const auto element = optional_child(parent, name, path);
    if (!element) return {};
    const auto field = child_path(path, name);
    auto id = text_of(element, field);
    if (!ascii_printable_id(id)) throw ValidationError(field, id, "1 to 64 printable ASCII characters without spaces");
    return id;
}

bool read_not_yet_defined(pugi::xml_node element, const std::string& path) {
    const auto a = plain_attribute(element, "not-yet-defined");
    return a && parse_boolean(a.value(), path + "/@not-yet-defined");
}

SubjectArea read_subject_area(pugi::xml_node element, const std::string& path) {
    only(element, path, {"isced-f-code", "isced-clarification"});
    SubjectArea s;
    const auto code = required_child(element, "isced-f-code", path);
    const auto code_path = child_path(path, "isced-f-code");
    s.isced_f_code = text_of(code, code_path);
    if (s.isced_f_code.size() != 4 || !std::all_of(s.isced_f_code.begin(), s.isced_f_code.end(), is_digit))
        throw ValidationError(code_path, s.isced_f_code, "a four-digit ISCED-F 2013 code such as '0314'");
    if (const auto v6 = plain_attribute(code, "v6-value")) {
        s.v6_value = v6.value();
        if (s.v6_value.empty() || s.v6_value.size() > 3 || !std::all_of(s.v6_value.begin(), s.v6_value.end(), is_digit))
            throw ValidationError(code_path + "/@v6-value", s.v6_value, "the IIA v6 ISCED code: 1 to 3 digits");
    }
    if (const auto c = optional_child(element, "isced-clarification", path)) s.clarification = text_of(c, child_path(path, "isced-clarification"));
    return s;
}

bool valid_language_tag(std::string_view tag) {
    // xs:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*
    std::size_t start = 0;
    for (std::size_t part = 0;; ++part) {
        const auto end = std::min(tag.find('-', start), tag.size());
        const auto piece = tag.substr(start, end - start);
        const bool ok = !piece.empty() && piece.size() <= 8 && std::all_of(piece.begin(), piece.end(), [&](char c) {
            const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            return alpha || (part > 0 && is_digit(c));
        });
        if (!ok) return false;
        if (end == tag.size()) return true;
        start = end + 1;
    }
}

LanguageSkill read_language_skill(pugi::xml_node element, const std::string& path) {
    only(element, path, {"language", "cefr-level", "subject-area"});
    LanguageSkill skill;
    const auto language_path = child_path(path, "language");
    skill.language = collapse(text_of(required_child(element, "language", path), language_path));
    if (!valid_language_tag(skill.language)) throw ValidationError(language_path, skill.language, "a language tag such as 'en' or 'en-GB'");
    if (const auto cefr = optional_child(element, "cefr-level", path)) {
        const auto cefr_path = child_path(path, "cefr-level");
        skill.cefr_level = text_of(cefr, cefr_path);
        const auto& c = skill.cefr_level;
        if (c.size() != 2 || (c[0] != 'A' && c[0] != 'B' && c[0] != 'C') || (c[1] != '1' && c[1] != '2'))
            throw ValidationError(cefr_path, c, "a CEFR level from A1 to C2");
    }
    if (const auto area = optional_child(element, "subject-area", path)) skill.subject_area = read_subject_area(area, child_path(path, "subject-area"));
    skill.not_yet_defined = read_not_yet_defined(element, path);
    return skill;
}

MobilitySpec read_spec(pugi::xml_node element, MobilityType type, const std::string& path, std::vector<std::string>* dropped) {
    const bool student = is_student_mobility(type);
    if (student)
        only(element, path,
             {"sending-hei-id", "sending-ounit-id", "sending-contact", "receiving-hei-id", "receiving-ounit-id", "receiving-contact",
              "receiving-first-academic-year-id", "receiving-last-academic-year-id", "mobilities-per-year", "recommended-language-skill",
              "subject-area", "other-info-terms", "total-months-per-year", "blended", "eqf-level"});
    else
        only(element, path,
             {"sending-hei-id", "sending-ounit-id", "sending-contact", "receiving-hei-id", "receiving-ounit-id", "receiving-contact",
              "receiving-first-academic-year-id", "receiving-last-academic-year-id", "mobilities-per-year", "recommended-language-skill",
              "subject-area", "other-info-terms", "total-days-per-year"});
    MobilitySpec s;
    s.type = type;
    const auto text = [&](std::string_view name) { return text_of(required_child(element, name, path), child_path(path, name)); };
    s.sending_hei_id = text("sending-hei-id");
    s.receiving_hei_id = text("receiving-hei-id");
    s.sending_ounit_id = read_identifier(element, "sending-ounit-id", path);
    s.receiving_ounit_id = read_identifier(element, "receiving-ounit-id", path);
    s.first_year = parse_year(text("receiving-first-academic-year-id"), child_path(path, "receiving-first-academic-year-id"));
    s.last_year = parse_year(text("receiving-last-academic-year-id"), child_path(path, "receiving-last-academic-year-id"));
    const auto mobilities = required_child(element, "mobilities-per-year", path);
    const auto mobilities_path = child_path(path, "mobilities-per-year");
    s.mobilities_per_year = parse_integer(text_of(mobilities, mobilities_path), mobilities_path, 1, std::numeric_limits<int>::max(),
                                          "a whole number of mobilities from 1");
    s.mobilities_not_yet_defined = read_not_yet_defined(mobilities, mobilities_path);
    const auto skills = children_named(element, "recommended-language-skill");
    for (std::size_t k = 0; k < skills.size(); ++k)
        s.language_skills.push_back(read_language_skill(skills[k], fmt::format("{}/recommended-language-skill[{}]", path, k + 1)));
    const auto areas = children_named(element, "subject-area");
    for (std::size_t k = 0; k < areas.size(); ++k)
        s.subject_areas.push_back(read_subject_area(areas[k], fmt::format("{}/subject-area[{}]", path, k + 1)));
    if (const auto other = optional_child(element, "other-info-terms", path)) s.other_info_terms = text_of(other, child_path(path, "other-info-terms"));
    if (student) {
        if (const auto months = optional_child(element, "total-months-per-year", path))
            s.total_months_per_year = parse_positive_decimal(text_of(months, child_path(path, "total-months-per-year")),
                                                             child_path(path, "total-months-per-year"));
        if (const auto blended = optional_child(element, "blended", path))
            s.blended = parse_boolean(text_of(blended, child_path(path, "blended")), child_path(path, "blended"));
        const auto levels = children_named(element, "eqf-level");
        for (std::size_t k = 0; k < levels.size(); ++k) {
            const auto field = fmt::format("{}/eqf-level[{}]", path, k + 1);
            s.eqf_levels.push_back(parse_integer(text_of(levels[k], field), field, 1, 8, "an EQF level from 1 to 8"));
        }
    } else if (const auto days = optional_child(element, "total-days-per-year", path)) {
        s.total_days_per_year = parse_positive_decimal(text_of(days, child_path(path, "total-days-per-year")),
                                                       child_path(path, "total-days-per-year"));
    }
    if (dropped) {
        for (std::string_view contact : {"sending-contact", "receiving-contact"})
            if (!children_named(element, contact).empty())
                dropped->push_back(fmt::format("{}/{}: not kept (iro keeps the signing contacts only)", path, contact));
    }
    return s;
}

Partner read_partner(pugi::xml_node element, const std::string& path, std::vector<std::string>* dropped) {
    only(element, path, {"hei-id", "ounit-id", "iia-id", "iia-code", "signing-contact", "signing-date", "contact"});
    Partner p;
    p.hei_id = text_of(required_child(element, "hei-id", path), child_path(path, "hei-id"));
    p.ounit_id = read_identifier(element, "ounit-id", path);
    p.iia_id = read_identifier(element, "iia-id", path);
    if (const auto code = optional_child(element, "iia-code", path)) p.iia_code = text_of(code, child_path(path, "iia-code"));
    if (const auto contact = optional_child(element, "signing-contact", path)) {
        const auto contact_path = child_path(path, "signing-contact");
        const auto names = children_named(contact, "contact-name");
        const auto emails = children_named(contact, "email");
        if (!names.empty()) p.signing_contact_name = text_of(names.front(), child_path(contact_path, "contact-name"));
        if (!emails.empty()) p.signing_contact_email = collapse(text_of(emails.front(), child_path(contact_path, "email")));
        const bool more = names.size() > 1 || emails.size() > 1 || child_elements(contact).size() > names.size() + emails.size();
        if (more && dropped) dropped->push_back(fmt::format("{}: only the first contact-name and e-mail are kept", contact_path));
    }
    if (const auto date = optional_child(element, "signing-date", path))
        p.signing_date = parse_xs_date(text_of(date, child_path(path, "signing-date")), child_path(path, "signing-date"));
    if (!children_named(element, "contact").empty() && dropped)
        dropped->push_back(fmt::format("{}/contact: not kept (iro keeps the signing contact only)", path));
    return p;
}

// ---- writing ----

void append_text(pugi::xml_node parent, const char* name, std::string_view text) {
    parent.append_child(name).append_child(pugi::node_pcdata).set_value(std::string(text).c_str());
}

void write_subject_area(pugi::xml_node parent, const SubjectArea& area) {
    auto element = parent.append_child("subject-area");
    auto code = element.append_child("isced-f-code");
    if (!area.v6_value.empty()) code.append_attribute("v6-value") = area.v6_value.c_str();
    code.append_child(pugi::node_pcdata).set_value(area.isced_f_code.c_str());
    if (!area.clarification.empty()) append_text(element, "isced-clarification", area.clarification);
}

void write_spec(pugi::xml_node parent, const MobilitySpec& s) {
    auto e = parent.append_child(std::string(spec_element(s.type)).c_str());
    append_text(e, "sending-hei-id", s.sending_hei_id);
    if (!s.sending_ounit_id.empty()) append_text(e, "sending-ounit-id", s.sending_ounit_id);
    append_text(e, "receiving-hei-id", s.receiving_hei_id);
    if (!s.receiving_ounit_id.empty()) append_text(e, "receiving-ounit-id", s.receiving_ounit_id);
    append_text(e, "receiving-first-academic-year-id", s.first_year.to_string());
    append_text(e, "receiving-last-academic-year-id", s.last_year.to_string());
    auto mobilities = e.append_child("mobilities-per-year");
    if (s.mobilities_not_yet_defined) mobilities.append_attribute("not-yet-defined") = "true";
    mobilities.append_child(pugi::node_pcdata).set_value(std::to_string(s.mobilities_per_year).c_str());
    for (const auto& skill : s.language_skills) {
        auto k = e.append_child("recommended-language-skill");
        if (skill.not_yet_defined) k.append_attribute("not-yet-defined") = "true";
        append_text(k, "language", skill.language);
        if (!skill.cefr_level.empty()) append_text(k, "cefr-level", skill.cefr_level);
        if (skill.subject_area) write_subject_area(k, *skill.subject_area);
    }
    for (const auto& area : s.subject_areas) write_subject_area(e, area);
    if (!s.other_info_terms.empty()) append_text(e, "other-info-terms", s.other_info_terms);
    if (is_student_mobility(s.type)) {
        if (s.total_months_per_year) append_text(e, "total-months-per-year", format_decimal(*s.total_months_per_year));
        append_text(e, "blended", s.blended ? "true" : "false");
        for (int level : s.eqf_levels) append_text(e, "eqf-level", std::to_string(level));
    } else if (s.total_days_per_year) {
        append_text(e, "total-days-per-year", format_decimal(*s.total_days_per_year));
    }
}

void write_partner(pugi::xml_node parent, const Partner& p) {
    auto e = parent.append_child("partner");
    append_text(e, "hei-id", p.hei_id);
    if (!p.ounit_id.empty()) append_text(e, "ounit-id", p.ounit_id);
    if (!p.iia_id.empty()) append_text(e, "iia-id", p.iia_id);
    if (!p.iia_code.empty()) append_text(e, "iia-code", p.iia_code);
    if (!p.signing_contact_name.empty()) {
        auto contact = e.append_child("signing-contact");
        append_text(contact, "c:contact-name", p.signing_contact_name);
        if (!p.signing_contact_email.empty()) append_text(contact, "c:email", p.signing_contact_email);
    }
    if (p.signing_date) append_text(e, "signing-date", format_date(*p.signing_date));
}

// What the schema requires of values that the model's types do not guarantee.
void check_writable(const Iia& iia, const std::string& path) {
    if (iia.partners.size() != 2) throw ValidationError(path + "/partner", std::to_string(iia.partners.size()), "two partners");
    for (std::size_t p = 0; p < iia.partners.size(); ++p) {
        const auto& partner = iia.partners[p];
        const auto at = fmt::format("{}/partner[{}]", path, p + 1);
        if (partner.hei_id.empty()) throw ValidationError(at + "/hei-id", "", "the partner's SCHAC code");
        if (!partner.ounit_id.empty() && !ascii_printable_id(partner.ounit_id))
            throw ValidationError(at + "/ounit-id", partner.ounit_id, "1 to 64 printable ASCII characters without spaces");
        if (!partner.iia_id.empty() && !ascii_printable_id(partner.iia_id))
            throw ValidationError(at + "/iia-id", partner.iia_id, "1 to 64 printable ASCII characters without spaces");
    }
    for (std::size_t k = 0; k < iia.specs.size(); ++k) {
        const auto& s = iia.specs[k];
        const auto at = fmt::format("{}/cooperation-conditions/{}", path, spec_element(s.type));
        if (s.sending_hei_id.empty() || s.receiving_hei_id.empty())
            throw ValidationError(at + "/sending-hei-id", s.sending_hei_id, "the SCHAC codes of both sides");
        if (s.last_year < s.first_year)
            throw ValidationError(at + "/receiving-last-academic-year-id", s.last_year.to_string(), "a year not before the first year");
        if (s.mobilities_per_year < 1)
            throw ValidationError(at + "/mobilities-per-year", std::to_string(s.mobilities_per_year), "at least 1");
        for (const auto& [id, element] : {std::pair{&s.sending_ounit_id, "sending-ounit-id"}, std::pair{&s.receiving_ounit_id, "receiving-ounit-id"}})
            if (!id->empty() && !ascii_printable_id(*id))
                throw ValidationError(fmt::format("{}/{}", at, element), *id, "1 to 64 printable ASCII characters without spaces");
        for (const auto& [total, element] :
             {std::pair{&s.total_months_per_year, "total-months-per-year"}, std::pair{&s.total_days_per_year, "total-days-per-year"}})
            if (*total && !(**total >= 0.005 && **total < 1e9))  // 0.005 is the least that two decimals do not write as 0
                throw ValidationError(fmt::format("{}/{}", at, element), fmt::format("{}", **total), "a number from 0.01, with two decimals at most");
        if (is_student_mobility(s.type) ? s.total_days_per_year.has_value() : s.total_months_per_year.has_value())
            throw ValidationError(at, "total", "total-months-per-year for students, total-days-per-year for staff");
        if (!is_student_mobility(s.type) && (!s.eqf_levels.empty() || s.blended))
            throw ValidationError(at, "eqf-level/blended", "neither EQF levels nor blended on staff mobility");
        for (int level : s.eqf_levels)
            if (level < 1 || level > 8) throw ValidationError(at + "/eqf-level", std::to_string(level), "an EQF level from 1 to 8");
    }
}

std::string serialize(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "    ", pugi::format_indent, pugi::encoding_utf8);
    return out.str();
}

} // namespace

std::string_view spec_element(MobilityType type) noexcept {
    for (const auto& [t, name] : kSpecElements)
        if (t == type) return name;
    return {};
}

std::string format_decimal(double value) {
    auto text = fmt::format("{:.2f}", value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

Iia read_iia(pugi::xml_node element, const std::string& path, std::vector<std::string>* dropped) {
    only(element, path, {"partner", "in-effect", "cooperation-conditions", "iia-hash", "pdf-file"});
    Iia iia;
    const auto partners = children_named(element, "partner");
    if (partners.size() != 2) throw FormatError(fmt::format("{}: {} <partner> elements; an IIA has two", path, partners.size()));
    for (std::size_t p = 0; p < partners.size(); ++p)
        iia.partners.push_back(read_partner(partners[p], fmt::format("{}/partner[{}]", path, p + 1), dropped));
    iia.in_effect = parse_boolean(text_of(required_child(element, "in-effect", path), path + "/in-effect"), path + "/in-effect");
    const auto conditions = required_child(element, "cooperation-conditions", path);
    const auto conditions_path = path + "/cooperation-conditions";
    if (const auto terminated = plain_attribute(conditions, "terminated-as-a-whole"))
        iia.terminated_as_a_whole = parse_boolean(terminated.value(), conditions_path + "/@terminated-as-a-whole");
    std::array<int, 4> seen{};
    for (auto spec : child_elements(conditions)) {
        const auto name = local_name(spec);
        const auto kind = std::find_if(kSpecElements.begin(), kSpecElements.end(), [&](const auto& e) { return e.second == name; });
        if (kind == kSpecElements.end()) throw FormatError(fmt::format("{}: unexpected element <{}>", conditions_path, spec.name()));
        const auto n = ++seen[static_cast<std::size_t>(kind - kSpecElements.begin())];
        iia.specs.push_back(read_spec(spec, kind->first, fmt::format("{}/{}[{}]", conditions_path, name, n), dropped));
    }
    if (const auto hash = optional_child(element, "iia-hash", path)) iia.iia_hash = collapse(text_of(hash, path + "/iia-hash"));
    if (optional_child(element, "pdf-file", path) && dropped) dropped->push_back(fmt::format("{}/pdf-file: not kept", path));
    return iia;
}

} // namespace detail

std::vector<Iia> read_iias_get_response(std::string_view get_response_xml) {
    pugi::xml_document doc;
    detail::load(doc, get_response_xml);
    detail::iias_root(doc);
    const auto elements = detail::iia_elements(doc);
    std::vector<Iia> out;
    out.reserve(elements.size());
    for (std::size_t k = 0; k < elements.size(); ++k) out.push_back(detail::read_iia(elements[k], fmt::format("iia[{}]", k + 1), nullptr));
    return out;
}

std::string write_iias_get_response(const std::vector<Iia>& iias) {
    pugi::xml_document doc;
    auto root = doc.append_child("iias-get-response");
    root.append_attribute("xmlns") = std::string(kIiasNamespace).c_str();
    root.append_attribute("xmlns:c") = std::string(kContactNamespace).c_str();
    std::vector<pugi::xml_node> hashes;
    for (std::size_t k = 0; k < iias.size(); ++k) {
        const auto& iia = iias[k];
        detail::check_writable(iia, fmt::format("iia[{}]", k + 1));
        auto e = root.append_child("iia");
        for (const auto& p : iia.partners) detail::write_partner(e, p);
        detail::append_text(e, "in-effect", iia.in_effect ? "true" : "false");
        auto conditions = e.append_child("cooperation-conditions");
        if (iia.terminated_as_a_whole) conditions.append_attribute("terminated-as-a-whole") = "true";
        auto specs = iia.specs;
        std::stable_sort(specs.begin(), specs.end(), [](const auto& a, const auto& b) { return a.type < b.type; });
        for (const auto& s : specs) detail::write_spec(conditions, s);
        hashes.push_back(e.append_child("iia-hash"));
    }
    // The hash is taken from the written text, exactly as a reader of the document gets it.
    const auto computed = hash_iias(detail::serialize(doc));
    for (std::size_t k = 0; k < hashes.size(); ++k) hashes[k].append_child(pugi::node_pcdata).set_value(computed.at(k).iia_hash.c_str());
    return detail::serialize(doc);
}

// ---- diff ----

namespace {

std::string yes_no(bool value) { return value ? "true" : "false"; }

std::string subject_area_text(const SubjectArea& a) {
    auto out = a.isced_f_code;
    if (!a.v6_value.empty()) out += fmt::format(" (v6 {})", a.v6_value);
    if (!a.clarification.empty()) out += " " + a.clarification;
    return out;
}

template <class T, class Fn>
std::string join(const std::vector<T>& items, Fn&& text) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += "; ";
        out += text(item);
    }
    return out;
}

std::string skill_text(const LanguageSkill& s) {
    auto out = s.language;
    if (!s.cefr_level.empty()) out += " " + s.cefr_level;
    if (s.subject_area) out += " for " + subject_area_text(*s.subject_area);
    if (s.not_yet_defined) out += " (not yet defined)";
    return out;
}

std::string optional_number(const std::optional<double>& v) { return v ? detail::format_decimal(*v) : std::string{}; }

std::string spec_summary(const MobilitySpec& s) {
    return fmt::format("{} -> {}, {} to {}, {} per year", s.sending_hei_id, s.receiving_hei_id, s.first_year.to_string(),
                       s.last_year.to_string(), s.mobilities_per_year);
}

struct Differ {
    std::vector<Difference> out;
    void operator()(std::string path, std::string ours, std::string theirs) {
        if (ours != theirs) out.push_back({std::move(path), std::move(ours), std::move(theirs)});
    }
};

void diff_partner(Differ& add, const std::string& at, const Partner& o, const Partner& t) {
    add(at + "/ounit-id", o.ounit_id, t.ounit_id);
    add(at + "/iia-id", o.iia_id, t.iia_id);
    add(at + "/iia-code", o.iia_code, t.iia_code);
    add(at + "/signing-contact/contact-name", o.signing_contact_name, t.signing_contact_name);
    add(at + "/signing-contact/email", o.signing_contact_email, t.signing_contact_email);
    add(at + "/signing-date", o.signing_date ? format_date(*o.signing_date) : "", t.signing_date ? format_date(*t.signing_date) : "");
}

void diff_spec(Differ& add, const std::string& at, const MobilitySpec& o, const MobilitySpec& t) {
    add(at + "/sending-hei-id", o.sending_hei_id, t.sending_hei_id);
    add(at + "/sending-ounit-id", o.sending_ounit_id, t.sending_ounit_id);
    add(at + "/receiving-hei-id", o.receiving_hei_id, t.receiving_hei_id);
    add(at + "/receiving-ounit-id", o.receiving_ounit_id, t.receiving_ounit_id);
    add(at + "/receiving-first-academic-year-id", o.first_year.to_string(), t.first_year.to_string());
    add(at + "/receiving-last-academic-year-id", o.last_year.to_string(), t.last_year.to_string());
    add(at + "/mobilities-per-year", std::to_string(o.mobilities_per_year), std::to_string(t.mobilities_per_year));
    add(at + "/mobilities-per-year/@not-yet-defined", yes_no(o.mobilities_not_yet_defined), yes_no(t.mobilities_not_yet_defined));
    add(at + "/recommended-language-skill", join(o.language_skills, skill_text), join(t.language_skills, skill_text));
    add(at + "/subject-area", join(o.subject_areas, subject_area_text), join(t.subject_areas, subject_area_text));
    add(at + "/other-info-terms", o.other_info_terms, t.other_info_terms);
    if (is_student_mobility(o.type)) {
        add(at + "/total-months-per-year", optional_number(o.total_months_per_year), optional_number(t.total_months_per_year));
        add(at + "/blended", yes_no(o.blended), yes_no(t.blended));
        const auto level = [](int l) { return std::to_string(l); };
        add(at + "/eqf-level", join(o.eqf_levels, level), join(t.eqf_levels, level));
    } else {
        add(at + "/total-days-per-year", optional_number(o.total_days_per_year), optional_number(t.total_days_per_year));
    }
}

} // namespace

std::vector<Difference> diff(const Iia& ours, const Iia& theirs) {
    Differ add;
    std::vector<std::string> heis;
    for (const auto* side : {&ours, &theirs})
        for (const auto& p : side->partners)
            if (std::find(heis.begin(), heis.end(), p.hei_id) == heis.end()) heis.push_back(p.hei_id);
    const auto find = [](const Iia& iia, const std::string& hei) -> const Partner* {
        for (const auto& p : iia.partners)
            if (p.hei_id == hei) return &p;
        return nullptr;
    };
    for (const auto& hei : heis) {
        const auto at = fmt::format("partner[{}]", hei);
        const auto* o = find(ours, hei);
        const auto* t = find(theirs, hei);
        if (o && t) diff_partner(add, at, *o, *t);
        else add(at, o ? hei : "", t ? hei : "");
    }
    add("in-effect", yes_no(ours.in_effect), yes_no(theirs.in_effect));
    add("cooperation-conditions/@terminated-as-a-whole", yes_no(ours.terminated_as_a_whole), yes_no(theirs.terminated_as_a_whole));
    for (const auto& [type, name] : detail::kSpecElements) {
        std::vector<const MobilitySpec*> o, t;
        for (const auto& s : ours.specs)
            if (s.type == type) o.push_back(&s);
        for (const auto& s : theirs.specs)
            if (s.type == type) t.push_back(&s);
        for (std::size_t k = 0; k < std::max(o.size(), t.size()); ++k) {
            const auto at = fmt::format("cooperation-conditions/{}[{}]", name, k + 1);
            if (k < o.size() && k < t.size()) diff_spec(add, at, *o[k], *t[k]);
            else add(at, k < o.size() ? spec_summary(*o[k]) : "", k < t.size() ? spec_summary(*t[k]) : "");
        }
    }
    return std::move(add.out);
}

} // namespace iro::ewp
