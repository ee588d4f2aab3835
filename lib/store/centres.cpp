#include "iro/centres.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "iro/org_unit.hpp"
#include "iro/text_fold.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <set>

namespace iro {

namespace {
struct CentreRow {
    InstitutionId institution;
    bool home = false;
};

// The unit must exist and be a scientific centre.
CentreRow require_centre(detail::Database& db, UnitId id, std::string_view field) {
    auto& st = db.statement("SELECT u.kind, u.institution_id, i.is_home FROM org_unit u JOIN institution i ON i.id = u.institution_id WHERE u.id = ?");
    st.bind(1, static_cast<int64_t>(id.value()));
    if (!st.executeStep()) throw NotFoundError("unit", id.value());
    const auto kind = st.getColumn(0).getString();
    const CentreRow row{InstitutionId{st.getColumn(1).getInt64()}, st.getColumn(2).getInt() != 0};
    st.reset();
    if (kind != to_string(UnitKind::ScientificCentre))
        throw ValidationError(std::string(field), std::to_string(id.value()), fmt::format("a unit of kind 'scientific_centre' (this one is '{}')", kind));
    return row;
}

Expertise load_expertise(detail::Database& db, UnitId id) {
    Expertise e;
    auto& st = db.statement("SELECT kind, value FROM centre_expertise WHERE unit_id = ? ORDER BY kind, position");
    st.bind(1, static_cast<int64_t>(id.value()));
    while (st.executeStep()) (st.getColumn(0).getString() == "isced" ? e.isced_codes : e.keywords).push_back(st.getColumn(1).getString());
    return e;
}

std::string expertise_json(const Expertise& e) {
    return nlohmann::json{{"isced_codes", e.isced_codes}, {"keywords", e.keywords}}.dump();
}

// Scores a candidate against the home centre (see Centres::match) and says why.
double score(const Expertise& home, const std::vector<std::string>& home_keywords_folded, const Expertise& other,
             std::vector<std::string>& reasons) {
    double total = 0;
    for (const auto& code : home.isced_codes) {
        double best = 0;
        std::string why;
        for (const auto& theirs : other.isced_codes) {
            double s = 0;
            std::string w;
            if (theirs == code) {
                s = 1.0;
                w = fmt::format("same ISCED field {}", code);
            } else if (code.size() >= 3 && theirs.size() >= 3 && code.compare(0, 3, theirs, 0, 3) == 0) {
                s = 0.5;
                w = fmt::format("same narrow ISCED field {} ({} and {})", code.substr(0, 3), code, theirs);
            } else if (code.compare(0, 2, theirs, 0, 2) == 0) {
                s = 0.25;
                w = fmt::format("same broad ISCED field {} ({} and {})", code.substr(0, 2), code, theirs);
            }
            if (s > best) {
                best = s;
                why = std::move(w);
            }
        }
        if (best > 0) reasons.push_back(std::move(why));
        total += best;
    }
    std::set<std::string> theirs;
    for (const auto& k : other.keywords) theirs.insert(fold_for_search(k));
    for (std::size_t i = 0; i < home.keywords.size(); ++i) {
        if (theirs.contains(home_keywords_folded[i])) {
            total += 1.0;
            reasons.push_back(fmt::format("keyword '{}'", home.keywords[i]));
        }
    }
    const auto items = home.isced_codes.size() + home.keywords.size();
    return items ? total / static_cast<double>(items) : 0.0;
}
} // namespace

void Centres::set_expertise(UnitId centre, const Expertise& expertise) {
    validate(expertise);
    db_->write([&] {
        require_centre(*db_, centre, "centre");
        const auto before = load_expertise(*db_, centre);
        {
            auto& st = db_->statement("DELETE FROM centre_expertise WHERE unit_id = ?");
            st.bind(1, static_cast<int64_t>(centre.value()));
            st.exec();
        }
        const auto insert = [&](const char* kind, const std::vector<std::string>& values) {
            for (std::size_t k = 0; k < values.size(); ++k) {
                auto& st = db_->statement("INSERT INTO centre_expertise (unit_id, kind, value, position) VALUES (?, ?, ?, ?) "
                                          "ON CONFLICT DO NOTHING");
                st.bind(1, static_cast<int64_t>(centre.value()));
                st.bind(2, kind);
                st.bind(3, values[k]);
                st.bind(4, static_cast<int64_t>(k));
                st.exec();
            }
        };
        insert("isced", expertise.isced_codes);
        insert("keyword", expertise.keywords);
        db_->audit("unit", centre.value(), "set_expertise", expertise_json(before), expertise_json(load_expertise(*db_, centre)));
    });
}

Expertise Centres::expertise(UnitId centre) const {
    require_centre(*db_, centre, "centre");
    return load_expertise(*db_, centre);
}

void Centres::link(UnitId home_centre, UnitId partner_centre, std::string_view note) {
    detail::check_text("note", note, detail::kMaxNoteLength, false, true);
    db_->write([&] {
        const auto home = require_centre(*db_, home_centre, "home_centre");
        const auto partner = require_centre(*db_, partner_centre, "partner_centre");
        if (!home.home) throw ValidationError("home_centre", std::to_string(home_centre.value()), "a centre of the home institution");
        if (partner.home)
            throw ValidationError("partner_centre", std::to_string(partner_centre.value()), "a centre of a partner institution");
        auto& st = db_->statement("INSERT INTO centre_link (home_centre_id, partner_centre_id, note) VALUES (?, ?, ?) "
                                  "ON CONFLICT (home_centre_id, partner_centre_id) DO UPDATE SET note = excluded.note");
        st.bind(1, static_cast<int64_t>(home_centre.value()));
        st.bind(2, static_cast<int64_t>(partner_centre.value()));
        st.bind(3, std::string(note));
        st.exec();
        db_->audit("centre_link", home_centre.value(), "link", "",
                   nlohmann::json{{"home_centre", home_centre.value()}, {"partner_centre", partner_centre.value()}, {"note", note}}.dump());
    });
}

void Centres::unlink(UnitId home_centre, UnitId partner_centre) {
    db_->write([&] {
        auto& st = db_->statement("DELETE FROM centre_link WHERE home_centre_id = ? AND partner_centre_id = ?");
        st.bind(1, static_cast<int64_t>(home_centre.value()));
        st.bind(2, static_cast<int64_t>(partner_centre.value()));
        st.exec();
        if (db_->connection().getChanges() == 0)
            throw NotFoundError("centre link", fmt::format("{} -> {}", home_centre.value(), partner_centre.value()));
        db_->audit("centre_link", home_centre.value(), "unlink",
                   nlohmann::json{{"home_centre", home_centre.value()}, {"partner_centre", partner_centre.value()}}.dump(), "");
    });
}

std::vector<CentreLink> Centres::links(UnitId centre) const {
    require_centre(*db_, centre, "centre");
    auto& st = db_->statement("SELECT home_centre_id, partner_centre_id, note FROM centre_link WHERE home_centre_id = ? "
                              "OR partner_centre_id = ? ORDER BY home_centre_id, partner_centre_id");
    st.bind(1, static_cast<int64_t>(centre.value()));
    st.bind(2, static_cast<int64_t>(centre.value()));
    std::vector<CentreLink> out;
    while (st.executeStep())
        out.push_back(CentreLink{UnitId{st.getColumn(0).getInt64()}, UnitId{st.getColumn(1).getInt64()}, st.getColumn(2).getString()});
    return out;
}

std::vector<ExpertiseMatch> Centres::match(UnitId home_centre, int limit) const {
    if (limit < 1 || limit > 10'000) throw ValidationError("limit", std::to_string(limit), "a number from 1 to 10000");
    const auto home = require_centre(*db_, home_centre, "home_centre");
    if (!home.home) throw ValidationError("home_centre", std::to_string(home_centre.value()), "a centre of the home institution");
    const auto mine = load_expertise(*db_, home_centre);
    std::vector<std::string> folded;
    for (const auto& k : mine.keywords) folded.push_back(fold_for_search(k));

    std::vector<ExpertiseMatch> out;
    const auto consider = [&](ExpertiseMatch candidate, const Expertise& theirs) {
        candidate.score = score(mine, folded, theirs, candidate.reasons);
        if (candidate.score > 0) out.push_back(std::move(candidate));
    };
    {
        // Partner centres with their expertise in one pass.
        struct Row {
            ExpertiseMatch match;
            Expertise expertise;
        };
        std::vector<Row> rows;
        auto& st = db_->statement(
            "SELECT u.id, u.name, u.institution_id, (SELECT value FROM institution_name n WHERE n.institution_id = i.id "
            "ORDER BY kind <> 'display', position LIMIT 1), e.kind, e.value FROM org_unit u JOIN institution i ON i.id = u.institution_id "
            "JOIN centre_expertise e ON e.unit_id = u.id WHERE u.kind = 'scientific_centre' AND i.is_home = 0 ORDER BY u.id, e.kind, e.position");
        while (st.executeStep()) {
            const auto id = st.getColumn(0).getInt64();
            if (rows.empty() || rows.back().match.id != id) {
                ExpertiseMatch m;
                m.kind = ExpertiseMatch::Kind::Centre;
                m.id = id;
                m.name = st.getColumn(1).getString();
                m.institution = InstitutionId{st.getColumn(2).getInt64()};
                m.institution_name = st.getColumn(3).getString();
                rows.push_back(Row{std::move(m), {}});
            }
            (st.getColumn(4).getString() == "isced" ? rows.back().expertise.isced_codes : rows.back().expertise.keywords)
                .push_back(st.getColumn(5).getString());
        }
        for (auto& r : rows) consider(std::move(r.match), r.expertise);
    }
    {
        auto& st = db_->statement(
            "SELECT p.id, p.given_name, p.family_name, p.affiliation_id, (SELECT value FROM institution_name n WHERE n.institution_id = i.id "
            "ORDER BY kind <> 'display', position LIMIT 1), p.isced_codes, p.keywords FROM person p JOIN institution i ON i.id = p.affiliation_id "
            "WHERE i.is_home = 0 AND p.erased = 0 ORDER BY p.id");
        while (st.executeStep()) {
            ExpertiseMatch m;
            m.kind = ExpertiseMatch::Kind::Person;
            m.id = st.getColumn(0).getInt64();
            const auto given = st.getColumn(1).getString(), family = st.getColumn(2).getString();
            m.name = given.empty() ? family : family.empty() ? given : given + " " + family;
            m.institution = InstitutionId{st.getColumn(3).getInt64()};
            m.institution_name = st.getColumn(4).getString();
            Expertise e;
            e.isced_codes = nlohmann::json::parse(st.getColumn(5).getString()).get<std::vector<std::string>>();
            e.keywords = nlohmann::json::parse(st.getColumn(6).getString()).get<std::vector<std::string>>();
            consider(std::move(m), e);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const ExpertiseMatch& a, const ExpertiseMatch& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.kind != b.kind) return a.kind == ExpertiseMatch::Kind::Centre;
        return a.id < b.id;
    });
    if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
    return out;
}

} // namespace iro
