#include "iro/accreditation.hpp"

#include "core/csv.hpp"
#include "core/text_rules.hpp"
#include "iro/error.hpp"

#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <set>

namespace iro {

const Criterion* Framework::find(std::string_view code) const noexcept {
    for (const auto& c : criteria)
        if (c.code == code) return &c;
    return nullptr;
}

bool Framework::is_leaf(std::string_view code) const noexcept {
    for (const auto& c : criteria)
        if (c.parent == code) return false;
    return true;
}

void validate(const Framework& f) {
    detail::check_text("name", f.name, detail::kMaxNameLength, true);
    detail::check_text("version", f.version, 50, true);
    if (f.criteria.empty()) throw ValidationError("criteria", "", "at least one criterion");
    if (f.criteria.size() > 2000) throw ValidationError("criteria", std::to_string(f.criteria.size()), "at most 2000 criteria");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < f.criteria.size(); ++i) {
        const auto& c = f.criteria[i];
        const auto field = [&](const char* sub) { return fmt::format("criteria[{}].{}", i, sub); };
        detail::check_text(field("code"), c.code, 50, true);
        detail::check_text(field("title"), c.title, detail::kMaxNameLength, true);
        detail::check_text(field("description"), c.description, detail::kMaxNoteLength, false, true);
        if (!seen.insert(c.code).second) throw ValidationError(field("code"), c.code, "codes unique within the framework");
        // Parents come first, so a parent is always already seen; this also rules out cycles.
        if (!c.parent.empty() && !seen.contains(c.parent))
            throw ValidationError(field("parent"), c.parent, "the code of a criterion listed before this one");
        if (c.parent == c.code) throw ValidationError(field("parent"), c.parent, "another criterion than itself");
        if (!std::isfinite(c.weight) || c.weight <= 0 || c.weight > 1000)
            throw ValidationError(field("weight"), fmt::format("{}", c.weight), "a positive weight up to 1000");
    }
}

namespace {
Framework make(std::string name, std::string version, std::vector<Criterion> criteria) {
    Framework f;
    f.name = std::move(name);
    f.version = std::move(version);
    f.criteria = std::move(criteria);
    return f;
}

Criterion top(std::string code, std::string title, std::string description = {}) {
    return Criterion{std::move(code), std::move(title), std::move(description), {}, 1.0};
}
Criterion sub(std::string code, std::string title, std::string parent) {
    return Criterion{std::move(code), std::move(title), {}, std::move(parent), 1.0};
}
} // namespace

Framework builtin_framework(std::string_view key) {
    if (key == "ESG-2015") {
        // Standards and Guidelines for Quality Assurance in the European Higher Education
        // Area (2015), Part 1: internal quality assurance.
        return make("ESG 2015 Part 1: Standards for internal quality assurance", "2015",
                    {top("1.1", "Policy for quality assurance"),
                     top("1.2", "Design and approval of programmes"),
                     top("1.3", "Student-centred learning, teaching and assessment"),
                     top("1.4", "Student admission, progression, recognition and certification"),
                     top("1.5", "Teaching staff"),
                     top("1.6", "Learning resources and student support"),
                     top("1.7", "Information management"),
                     top("1.8", "Public information"),
                     top("1.9", "On-going monitoring and periodic review of programmes"),
                     top("1.10", "Cyclical external quality assurance")});
    }
    if (key == "ABET") {
        // ABET General Criteria for baccalaureate-level programmes.
        return make("ABET General Criteria", "2025-2026",
                    {top("1", "Students"), top("2", "Program Educational Objectives"), top("3", "Student Outcomes"),
                     top("4", "Continuous Improvement"), top("5", "Curriculum"), top("6", "Faculty"), top("7", "Facilities"),
                     top("8", "Institutional Support")});
    }
    if (key == "AACSB-2020") {
        // AACSB 2020 Guiding Principles and Standards for Business Accreditation: the three
        // sections with their nine standards, as a skeleton to extend.
        return make("AACSB 2020 Business Accreditation Standards", "2020",
                    {top("SMI", "Strategic Management and Innovation"),
                     sub("1", "Strategic Planning", "SMI"),
                     sub("2", "Physical, Virtual, and Financial Resources", "SMI"),
                     sub("3", "Faculty and Professional Staff Resources", "SMI"),
                     top("LS", "Learner Success"),
                     sub("4", "Curriculum", "LS"),
                     sub("5", "Assurance of Learning", "LS"),
                     sub("6", "Learner Progression", "LS"),
                     sub("7", "Teaching Effectiveness and Impact", "LS"),
                     top("TLESI", "Thought Leadership, Engagement, and Societal Impact"),
                     sub("8", "Impact of Scholarship", "TLESI"),
                     sub("9", "Engagement and Societal Impact", "TLESI")});
    }
    throw NotFoundError("built-in framework", key);
}

std::vector<std::string> builtin_framework_keys() { return {"AACSB-2020", "ABET", "ESG-2015"}; }

Framework framework_from_json(std::string_view json_text) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::parse_error& e) {
        throw FormatError(fmt::format("framework JSON is not valid JSON at byte {}: {}", e.byte, e.what()));
    }
    try {
        Framework f;
        f.name = j.at("name").get<std::string>();
        f.version = j.at("version").get<std::string>();
        for (const auto& c : j.at("criteria")) {
            Criterion criterion;
            criterion.code = c.at("code").get<std::string>();
            criterion.title = c.at("title").get<std::string>();
            criterion.description = c.value("description", "");
            criterion.parent = c.value("parent", "");
            criterion.weight = c.value("weight", 1.0);
            f.criteria.push_back(std::move(criterion));
        }
        validate(f);
        return f;
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(fmt::format("framework JSON does not have the expected shape: {}", e.what()));
    }
}

std::string framework_to_json(const Framework& f) {
    nlohmann::json criteria = nlohmann::json::array();
    for (const auto& c : f.criteria)
        criteria.push_back({{"code", c.code}, {"title", c.title}, {"description", c.description}, {"parent", c.parent}, {"weight", c.weight}});
    return nlohmann::json{{"name", f.name}, {"version", f.version}, {"criteria", criteria}}.dump(2);
}

Framework framework_from_csv(std::string_view csv_text) {
    const auto records = detail::parse_csv(csv_text);
    const std::vector<std::string> header{"code", "title", "description", "parent", "weight"};
    if (records.empty() || records[0].fields != header)
        throw FormatError("framework CSV must start with the header 'code,title,description,parent,weight'");
    Framework f;
    f.name = "Imported framework";
    f.version = "1";
    for (std::size_t i = 1; i < records.size(); ++i) {
        const auto& r = records[i];
        if (r.fields.size() != header.size())
            throw FormatError(fmt::format("framework CSV line {}: {} fields, expected {}", r.line, r.fields.size(), header.size()));
        Criterion c{r.fields[0], r.fields[1], r.fields[2], r.fields[3], 1.0};
        if (!r.fields[4].empty()) {
            std::size_t used = 0;
            try {
                c.weight = std::stod(r.fields[4], &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != r.fields[4].size())
                throw FormatError(fmt::format("framework CSV line {}, column weight: '{}' is not a number", r.line, r.fields[4]));
        }
        f.criteria.push_back(std::move(c));
    }
    validate(f);
    return f;
}

} // namespace iro
