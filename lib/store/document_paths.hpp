#pragma once
// Keeps document references inside the store's document root (OpenOptions::document_root):
// a path that would lead outside it is refused when written and when resolved.

#include "iro/document_ref.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace iro::detail {

class Database;

// True for a location with a URL scheme ("https://...", "urn:..."): kept elsewhere, never a
// path. One-letter schemes are not counted, so "C:/docs/a.pdf" stays a path.
bool is_url_location(const std::string& location);

// ValidationError naming `field` when the store has a document root and `location` is a
// path outside it (after resolving "..") or a file: URL. Without a root it accepts anything.
void check_document_location(const Database& db, const std::string& field, const std::string& location);
void check_document_locations(const Database& db, const std::string& field, const std::vector<DocumentRef>& documents);

// The file a reference points at, with symbolic links resolved; ValidationError when the
// location is a URL or resolves outside `root` (a symbolic link leading out counts as outside).
std::filesystem::path resolve_document_path(const std::filesystem::path& root, const std::string& location,
                                            const std::string& field);

} // namespace iro::detail
