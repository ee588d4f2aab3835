#include "interchange/ewp_xml.hpp"

#include "core/text_rules.hpp"
#include "iro/error.hpp"
#include "iro/ewp_iia.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <utility>

namespace iro::ewp::detail {

namespace {

constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

bool is_xml_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// XML 1.0 allows no C0 control character but tab, newline and carriage return, even
// through a character reference; pugixml does not check this.
bool has_forbidden_control(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
}

void check_text(std::string_view text, std::string_view what, pugi::xml_node where) {
    if (!::iro::detail::is_valid_utf8(text) || has_forbidden_control(text))
        throw FormatError(fmt::format("the XML has invalid characters in {} of <{}>", what, where.name()));
}

void check_name(std::string_view name) {
    const auto colon = name.find(':');
    const bool bad = name.empty() || !::iro::detail::is_valid_utf8(name) ||
                     (colon != std::string_view::npos &&
                      (colon == 0 || colon + 1 == name.size() || name.find(':', colon + 1) != std::string_view::npos));
    if (bad) throw FormatError(fmt::format("the XML has a malformed name '{}'", name));
}

std::string_view prefix_of(std::string_view qualified_name) {
    const auto colon = qualified_name.find(':');
    return colon == std::string_view::npos ? std::string_view{} : qualified_name.substr(0, colon);
}

// The URI bound to `prefix` at `element`; false when it is not bound.
bool lookup_namespace(pugi::xml_node element, std::string_view prefix, std::string& uri) {
    if (prefix == "xml") {
        uri = kXmlNamespace;
        return true;
    }
    const std::string declaration = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
    for (auto e = element; e && e.type() == pugi::node_element; e = e.parent()) {
        for (auto a : e.attributes()) {
            if (declaration == a.name()) {
                uri = a.value();
                return true;
            }
        }
    }
    uri.clear();
    return prefix.empty();
}

void check_element(pugi::xml_node element) {
    const std::string_view name = element.name();
    check_name(name);
    std::string uri;
    if (!lookup_namespace(element, prefix_of(name), uri))
        throw FormatError(fmt::format("the XML uses the undeclared namespace prefix '{}' in <{}>", prefix_of(name), name));
    std::set<std::pair<std::string, std::string>> seen;
    for (auto a : element.attributes()) {
        const std::string_view attribute = a.name();
        check_name(attribute);
        check_text(a.value(), fmt::format("attribute {}", attribute), element);
        std::pair<std::string, std::string> key;
        if (is_namespace_declaration(a)) {
            if (attribute != "xmlns" && *a.value() == '\0')
                throw FormatError(fmt::format("the XML declares the prefix '{}' with an empty namespace in <{}>",
                                              local_name(attribute), name));
            key = {"xmlns", std::string(attribute)};
        } else {
            const auto prefix = prefix_of(attribute);
            if (!prefix.empty() && !lookup_namespace(element, prefix, key.first))
                throw FormatError(fmt::format("the XML uses the undeclared namespace prefix '{}' in <{}>", prefix, name));
            key.second = local_name(attribute);
        }
        if (!seen.insert(std::move(key)).second)
            throw FormatError(fmt::format("the XML repeats the attribute {} in <{}>", attribute, name));
    }
}

} // namespace

void check_size(std::string_view xml, std::size_t max_bytes, std::string_view limit_name) {
    if (xml.size() > max_bytes)
        throw ValidationError("xml", fmt::format("a document of {} bytes", xml.size()),
                              fmt::format("an EWP document of at most {} bytes ({})", max_bytes, limit_name));
}

void load(pugi::xml_document& doc, std::string_view xml) {
    check_size(xml, kMaxDocumentBytes, "ewp::kMaxDocumentBytes");
    // Whitespace-only text is kept: it belongs to the string value that the XSL hashes.
    constexpr unsigned options = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype;
    const auto result = doc.load_buffer(xml.data(), xml.size(), options, pugi::encoding_auto);
    if (!result) throw FormatError(fmt::format("the XML does not parse: {} (at byte {})", result.description(), result.offset));

    int roots = 0;
    for (auto n : doc.children()) {
        switch (n.type()) {
        case pugi::node_element: ++roots; break;
        case pugi::node_doctype: throw FormatError("the XML has a document type declaration (<!DOCTYPE>); EWP documents have none");
        case pugi::node_pcdata: {
            const std::string_view text = n.value();
            if (!std::all_of(text.begin(), text.end(), is_xml_whitespace)) throw FormatError("the XML has text outside its root element");
            break;
        }
        case pugi::node_cdata: throw FormatError("the XML has a CDATA section outside its root element");
        default: break;
        }
    }
    if (roots != 1) throw FormatError(fmt::format("the XML has {} root elements; a document has exactly one", roots));

    check_element(doc.document_element());
    each_descendant_element(doc.document_element(), [](pugi::xml_node element, int depth) {
        if (depth >= kMaxDepth) throw FormatError(fmt::format("the XML nests elements more than {} deep", kMaxDepth));
        check_element(element);
        for (auto child : element.children())
            if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) check_text(child.value(), "the text", element);
    });
    for (auto child : doc.document_element().children())
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
            check_text(child.value(), "the text", doc.document_element());
}

pugi::xml_node iias_root(const pugi::xml_document& doc) {
    const auto root = doc.document_element();
    const auto uri = namespace_of(root);
    if (local_name(root) != "iias-get-response" || uri != kIiasNamespace)
        throw FormatError(fmt::format("expected an EWP IIA v7 <iias-get-response> in namespace {}, found <{}> in namespace '{}'",
                                      kIiasNamespace, local_name(root), uri));
    return root;
}

std::string_view local_name(std::string_view qualified_name) noexcept {
    const auto colon = qualified_name.find(':');
    return colon == std::string_view::npos ? qualified_name : qualified_name.substr(colon + 1);
}

std::string_view local_name(pugi::xml_node node) noexcept {
    return node.type() == pugi::node_element ? local_name(std::string_view(node.name())) : std::string_view{};
}

bool has_prefix(std::string_view qualified_name) noexcept { return qualified_name.find(':') != std::string_view::npos; }

bool is_namespace_declaration(pugi::xml_attribute attribute) noexcept {
    const std::string_view name = attribute.name();
    return name == "xmlns" || name.starts_with("xmlns:");
}

std::string namespace_of(pugi::xml_node element) {
    std::string uri;
    lookup_namespace(element, prefix_of(element.name()), uri);
    return uri;
}

std::string string_value(pugi::xml_node node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) return node.value();
    std::string out;
    if (!node.first_child()) return out;
    if (node.first_child() == node.last_child() && node.first_child().type() == pugi::node_pcdata) return node.first_child().value();
    // Walks every node, not only elements, to collect the text in document order.
    pugi::xml_node cur = node.first_child();
    while (cur) {
        if (cur.type() == pugi::node_pcdata || cur.type() == pugi::node_cdata) out += cur.value();
        if (cur.first_child()) {
            cur = cur.first_child();
            continue;
        }
        while (cur != node && !cur.next_sibling()) cur = cur.parent();
        if (cur == node) break;
        cur = cur.next_sibling();
    }
    return out;
}

std::vector<pugi::xml_node> children_named(pugi::xml_node parent, std::string_view name) {
    std::vector<pugi::xml_node> out;
    for (auto c : parent.children())
        if (c.type() == pugi::node_element && local_name(c) == name) out.push_back(c);
    return out;
}

pugi::xml_attribute plain_attribute(pugi::xml_node element, std::string_view name) {
    for (auto a : element.attributes())
        if (name == a.name()) return a;
    return {};
}

std::vector<pugi::xml_node> iia_elements(const pugi::xml_document& doc) {
    std::vector<pugi::xml_node> out;
    const auto root = doc.document_element();
    if (local_name(root) == "iia") out.push_back(root);
    each_descendant_element(root, [&](pugi::xml_node e, int) {
        if (local_name(e) == "iia") out.push_back(e);
    });
    return out;
}

std::size_t select_iia(const std::vector<pugi::xml_node>& iias, std::string_view iia_id) {
    if (iia_id.empty()) {
        if (iias.size() == 1) return 0;
        if (iias.empty()) throw FormatError("the iias-get-response holds no iia");
        throw ValidationError("iia_id", "", fmt::format("the iia-id of one of the {} iia elements of the response", iias.size()));
    }
    const auto has_id = [&](pugi::xml_node partner) {
        const auto ids = children_named(partner, "iia-id");
        return std::any_of(ids.begin(), ids.end(), [&](pugi::xml_node id) { return string_value(id) == iia_id; });
    };
    for (std::size_t k = 0; k < iias.size(); ++k) {
        const auto partners = children_named(iias[k], "partner");
        if (!partners.empty() && has_id(partners.front())) return k;
    }
    for (std::size_t k = 0; k < iias.size(); ++k) {
        const auto partners = children_named(iias[k], "partner");
        if (std::any_of(partners.begin(), partners.end(), has_id)) return k;
    }
    throw NotFoundError("iia with iia-id", iia_id);
}

} // namespace iro::ewp::detail
