// The iia-hash of EWP IIA API v7, computed as transform_version_7.xsl computes it. The
// comments quote the XSL expression each step implements.

#include "interchange/ewp_xml.hpp"
#include "iro/error.hpp"
#include "iro/ewp_iia.hpp"
#include "iro/sha256.hpp"

#include <fmt/format.h>

namespace iro::ewp {

namespace {
using detail::children_named;
using detail::local_name;
using detail::string_value;

constexpr std::string_view kFirstYear = "receiving-first-academic-year-id";
constexpr std::string_view kLastYear = "receiving-last-academic-year-id";

// @x='true' or @x='1': a string comparison, so " true" or "TRUE" do not count.
bool is_set(pugi::xml_attribute a) {
    const std::string_view v = a.value();
    return a && (v == "true" || v == "1");
}

// ancestor-or-self::*[@not-yet-defined='true' or @not-yet-defined='1']
bool not_yet_defined(pugi::xml_node element) {
    for (auto n = element; n.type() == pugi::node_element; n = n.parent())
        if (is_set(detail::plain_attribute(n, "not-yet-defined"))) return true;
    return false;
}

// ancestor::*[local-name() = 'sending-contact' or 'receiving-contact']: the contact element
// itself is not excluded, only what is inside it.
bool inside_contact(pugi::xml_node element) {
    for (auto n = element.parent(); n.type() == pugi::node_element; n = n.parent())
        if (local_name(n) == "sending-contact" || local_name(n) == "receiving-contact") return true;
    return false;
}

bool has_child_element(pugi::xml_node element) {
    for (auto c : element.children())
        if (c.type() == pugi::node_element) return true;
    return false;
}

// concat() over a node sequence: empty is "", more than one node is an error in XSLT 2.0.
std::string single_value(pugi::xml_node parent, std::string_view name, std::string_view where) {
    const auto nodes = children_named(parent, name);
    if (nodes.size() > 1) throw FormatError(fmt::format("{}: more than one <{}>", where, name));
    return nodes.empty() ? std::string{} : string_value(nodes.front());
}

// func:iscedPatch: the v6-value attribute when it is not empty, else the element's value.
std::string element_value(pugi::xml_node element) {
    if (local_name(element) == "isced-f-code") {
        const auto v6 = detail::plain_attribute(element, "v6-value");
        if (v6 && *v6.value() != '\0') return v6.value();
    }
    return string_value(element);
}

struct DocumentMarks {
    bool terminated = false;
    bool valid_for_approval = true;
};

// The XSL looks for these with "//", so across the whole document rather than in one iia.
DocumentMarks document_marks(pugi::xml_node root) {
    DocumentMarks marks;
    const auto visit = [&](pugi::xml_node e) {
        if (local_name(e) == "cooperation-conditions") {
            for (auto a : e.attributes())
                if (!detail::is_namespace_declaration(a) && local_name(std::string_view(a.name())) == "terminated-as-a-whole" &&
                    is_set(a))
                    marks.terminated = true;
        }
        const auto v6 = detail::plain_attribute(e, "v6-value");
        if (is_set(detail::plain_attribute(e, "not-yet-defined")) || (v6 && *v6.value() != '\0')) marks.valid_for_approval = false;
    };
    visit(root);
    detail::each_descendant_element(root, [&](pugi::xml_node e, int) { visit(e); });
    return marks;
}

std::string text_to_hash(pugi::xml_node iia, std::size_t index, bool terminated) {
    const auto where = fmt::format("iia[{}]", index + 1);
    std::string text;
    if (terminated) text += "_@terminated-as-a-whole@_";

    // for-each partner: dumpElement(iia-id, concat('iia-id', '_', position()))
    const auto partners = children_named(iia, "partner");
    for (std::size_t p = 0; p < partners.size(); ++p)
        text += fmt::format("_iia-id_{}={}_", p + 1, single_value(partners[p], "iia-id", fmt::format("{}/partner[{}]", where, p + 1)));

    // for-each cooperation-conditions/*, then for-each .//*
    for (auto conditions : children_named(iia, "cooperation-conditions")) {
        for (auto spec : conditions.children()) {
            if (spec.type() != pugi::node_element) continue;
            detail::each_descendant_element(spec, [&](pugi::xml_node e, int) {
                const auto name = local_name(e);
                if (inside_contact(e) || name == kFirstYear || name == kLastYear || not_yet_defined(e)) return;
                const auto parent = local_name(e.parent());
                const auto grandparent = local_name(e.parent().parent());
                // @* except @not-yet-defined except @v6-value (both without namespace)
                for (auto a : e.attributes()) {
                    const std::string_view attribute = a.name();
                    if (detail::is_namespace_declaration(a) || attribute == "not-yet-defined" || attribute == "v6-value") continue;
                    text += fmt::format("_@{}.{}.{}.{}={}@_", grandparent, parent, name, local_name(attribute), a.value());
                }
                if (!has_child_element(e)) text += fmt::format("_{}.{}.{}={}_", grandparent, parent, name, element_value(e));
            });
            const auto spec_where = fmt::format("{}/cooperation-conditions/{}", where, local_name(spec));
            text += fmt::format("_{}={}_", kFirstYear, single_value(spec, kFirstYear, spec_where));
            text += fmt::format("_{}={}_", kLastYear, single_value(spec, kLastYear, spec_where));
        }
    }
    return text;
}

HashedIia hashed(pugi::xml_node iia, std::size_t index, const DocumentMarks& marks) {
    HashedIia out;
    const auto partners = children_named(iia, "partner");
    if (!partners.empty()) out.iia_id = single_value(partners.front(), "iia-id", fmt::format("iia[{}]/partner[1]", index + 1));
    out.text_to_hash = text_to_hash(iia, index, marks.terminated);
    out.iia_hash = sha256_hex(out.text_to_hash);
    out.valid_for_approval = marks.valid_for_approval;
    return out;
}

HashedIia hash_one(std::string_view xml, std::string_view iia_id) {
    pugi::xml_document doc;
    detail::load(doc, xml);
    const auto root = detail::iias_root(doc);
    const auto iias = detail::iia_elements(doc);
    const auto k = detail::select_iia(iias, iia_id);
    return hashed(iias[k], k, document_marks(root));
}

} // namespace

std::vector<HashedIia> hash_iias(std::string_view get_response_xml) {
    pugi::xml_document doc;
    detail::load(doc, get_response_xml);
    const auto root = detail::iias_root(doc);
    const auto marks = document_marks(root);
    const auto iias = detail::iia_elements(doc);
    std::vector<HashedIia> out;
    out.reserve(iias.size());
    for (std::size_t k = 0; k < iias.size(); ++k) out.push_back(hashed(iias[k], k, marks));
    return out;
}

std::string iia_text_to_hash(std::string_view get_response_xml, std::string_view iia_id) {
    return hash_one(get_response_xml, iia_id).text_to_hash;
}

std::string iia_hash(std::string_view get_response_xml, std::string_view iia_id) {
    return hash_one(get_response_xml, iia_id).iia_hash;
}

} // namespace iro::ewp
