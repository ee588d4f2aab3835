#include "iro/accreditation_readiness.hpp"

#include <map>

namespace iro {

Readiness compute_readiness(const Framework& framework, const std::vector<Evidence>& evidence, Date on) {
    Readiness out;
    std::map<std::string, std::size_t> index;  // code -> position in out.criteria
    for (const auto& c : framework.criteria) {
        CriterionReadiness r;
        r.code = c.code;
        r.title = c.title;
        r.parent = c.parent;
        r.weight = c.weight;
        r.depth = c.parent.empty() ? 0 : out.criteria[index.at(c.parent)].depth + 1;
        index.emplace(c.code, out.criteria.size());
        out.criteria.push_back(std::move(r));
    }
    // Leaves first: count their own required evidence.
    std::map<std::string, std::vector<const Evidence*>> by_criterion;
    for (const auto& e : evidence)
        if (e.required) by_criterion[e.criterion].push_back(&e);
    for (auto& r : out.criteria) {
        if (!framework.is_leaf(r.code)) continue;
        for (const auto* e : by_criterion[r.code]) {
            ++r.required;
            if (is_done(e->status)) ++r.done;
        }
        r.readiness = r.required > 0 ? static_cast<double>(r.done) / r.required : 0.0;
    }
    // Then parents, children before parents: walk the framework backwards, since a parent
    // is always listed before its children.
    for (auto it = out.criteria.rbegin(); it != out.criteria.rend(); ++it) {
        if (framework.is_leaf(it->code)) continue;
        double weighted = 0, weights = 0;
        for (const auto& child : out.criteria) {
            if (child.parent != it->code) continue;
            weighted += child.weight * child.readiness;
            weights += child.weight;
            it->required += child.required;
            it->done += child.done;
        }
        it->readiness = weights > 0 ? weighted / weights : 0.0;
    }
    double weighted = 0, weights = 0;
    for (const auto& r : out.criteria) {
        if (!r.parent.empty()) continue;
        weighted += r.weight * r.readiness;
        weights += r.weight;
    }
    out.overall = weights > 0 ? weighted / weights : 0.0;

    for (const auto& c : framework.criteria) {
        if (!framework.is_leaf(c.code)) continue;
        const auto& items = by_criterion[c.code];
        if (items.empty()) {
            out.gaps.push_back(ReadinessGap{c.code, c.title, std::nullopt, "no required evidence planned", EvidenceStatus::Missing, std::nullopt, false});
            continue;
        }
        for (const auto* e : items) {
            if (is_done(e->status)) continue;
            out.gaps.push_back(ReadinessGap{c.code, c.title, e->id, e->title, e->status, e->due, e->due && *e->due < on});
        }
    }
    return out;
}

} // namespace iro
