#pragma once
// The three forms of an iro archive (office snapshots and single values): XML and text are
// portable across platforms and meant for exchange; binary is fast and compact but ties the
// file to the platform that wrote it (byte order and type sizes).

#include <string>
#include <string_view>

namespace iro {

enum class ArchiveFormat { Xml, Text, Binary };

// "xml", "text" or "binary".
std::string_view archive_format_name(ArchiveFormat format);

// The inverse of archive_format_name; anything else is a ValidationError on `field`.
ArchiveFormat parse_archive_format(std::string_view name, const std::string& field = "format");

} // namespace iro
