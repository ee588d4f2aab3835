#pragma once
// Reading one <iia> into ewp::Iia (private to the library), shared by the public reader, the
// importer and the diff.

#include "iro/ewp_iia.hpp"

#include <pugixml.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace iro::ewp::detail {

// Reads one iia element; `path` names it in messages ("iia[1]"). What the model leaves out
// (contacts other than the signing one, pdf-file) is appended to `dropped`, when given, as
// "<path>: <what and why>".
Iia read_iia(pugi::xml_node iia, const std::string& path, std::vector<std::string>* dropped);

// The element name of each kind of cooperation condition.
std::string_view spec_element(MobilityType type) noexcept;

// Numbers as EWP writes them: no exponent, at most two decimals, no trailing zeros.
std::string format_decimal(double value);

} // namespace iro::ewp::detail
