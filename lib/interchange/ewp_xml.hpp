#pragma once
// XML helpers for the EWP readers (private to the library): a checked parse on top of
// pugixml, and the XPath notions the IIA code needs (local names, namespaces, string values).

#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace iro::ewp::detail {

// Deeper documents are refused, so that every walk over a tree is bounded.
inline constexpr int kMaxDepth = 256;

// Parses `xml` into `doc`, keeping whitespace-only text (it is part of string values), and
// checks what pugixml leaves to the caller: one root element, no DTD, declared namespace
// prefixes, no repeated attribute, valid UTF-8, a bounded depth. Throws FormatError, or
// ValidationError (check_size) for a document larger than kMaxDocumentBytes.
void load(pugi::xml_document& doc, std::string_view xml);

// ValidationError (field "xml") naming `limit_name` when `xml` is longer than `max_bytes`.
// load() applies it with kMaxDocumentBytes before parsing.
void check_size(std::string_view xml, std::size_t max_bytes, std::string_view limit_name);

// The root element, checked to be a v7 iias-get-response (FormatError otherwise).
pugi::xml_node iias_root(const pugi::xml_document& doc);

std::string_view local_name(std::string_view qualified_name) noexcept;
std::string_view local_name(pugi::xml_node node) noexcept;  // "" for the document node
bool has_prefix(std::string_view qualified_name) noexcept;
bool is_namespace_declaration(pugi::xml_attribute attribute) noexcept;

// The namespace URI of an element, from the declarations in scope.
std::string namespace_of(pugi::xml_node element);

// XPath's string value: every descendant text and CDATA section, in document order.
std::string string_value(pugi::xml_node node);

// The child elements with this local name.
std::vector<pugi::xml_node> children_named(pugi::xml_node parent, std::string_view name);

// The attribute without namespace prefix of that name; empty handle when absent.
pugi::xml_attribute plain_attribute(pugi::xml_node element, std::string_view name);

// Calls fn(element, depth) for every element under `node`, in document order (depth 1: the
// children of `node`). Iterative: load() bounds the depth, this adds no recursion.
template <class Fn>
void each_descendant_element(pugi::xml_node node, Fn&& fn) {
    int depth = 1;
    pugi::xml_node cur = node.first_child();
    while (cur) {
        if (cur.type() == pugi::node_element) fn(cur, depth);
        if (cur.first_child()) {
            cur = cur.first_child();
            ++depth;
            continue;
        }
        while (cur != node && !cur.next_sibling()) {
            cur = cur.parent();
            --depth;
        }
        if (cur == node) break;
        cur = cur.next_sibling();
    }
}

// Every element named "iia" (by local name) in document order, as the XSL selects them.
std::vector<pugi::xml_node> iia_elements(const pugi::xml_document& doc);

// The position of the iia chosen by `iia_id` in iia_elements(): the one whose first
// partner has that iia-id, else the first where any partner has it; with an empty id, the
// only one. NotFoundError, or ValidationError when the choice is ambiguous.
std::size_t select_iia(const std::vector<pugi::xml_node>& iias, std::string_view iia_id);

} // namespace iro::ewp::detail
