#include "store/document_paths.hpp"

#include "iro/error.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace iro::detail {

namespace fs = std::filesystem;

namespace {
std::string scheme_of(const std::string& location) {
    const auto colon = location.find(':');
    if (colon == std::string::npos || colon < 2) return {};
    const auto scheme = location.substr(0, colon);
    if (!std::isalpha(static_cast<unsigned char>(scheme[0]))) return {};
    const bool ok = std::all_of(scheme.begin(), scheme.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
    if (!ok) return {};
    std::string lower = scheme;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

// Whether `p` (already normalised) is `root` itself or lies below it.
bool lies_inside(const fs::path& p, const fs::path& root) {
    const auto rel = p.lexically_relative(root);
    if (rel.empty() || rel == ".") return false;
    return *rel.begin() != "..";
}

std::string expected_text(const fs::path& root) {
    return fmt::format("a path inside the document root '{}' or a URL other than file:", root.string());
}
} // namespace

bool is_url_location(const std::string& location) { return !scheme_of(location).empty(); }

void check_document_location(const Database& db, const std::string& field, const std::string& location) {
    const auto& root = db.document_root();
    if (root.empty()) return;
    const auto scheme = scheme_of(location);
    if (scheme == "file") throw ValidationError(field, location, expected_text(root));
    if (!scheme.empty()) return;
    const fs::path p(location);
    const auto normal = (p.is_absolute() ? p : root / p).lexically_normal();
    if (!lies_inside(normal, root)) throw ValidationError(field, location, expected_text(root));
}

void check_document_locations(const Database& db, const std::string& field, const std::vector<DocumentRef>& documents) {
    for (std::size_t k = 0; k < documents.size(); ++k)
        check_document_location(db, fmt::format("{}[{}].location", field, k), documents[k].location);
}

fs::path resolve_document_path(const fs::path& root, const std::string& location, const std::string& field) {
    if (is_url_location(location))
        throw ValidationError(field, location, "a path inside the document root (a URL has no local file)");
    const fs::path p(location);
    std::error_code ec;
    // Resolves every symbolic link along the part of the path that exists.
    const auto resolved = fs::weakly_canonical(p.is_absolute() ? p : root / p, ec);
    if (ec || !lies_inside(resolved.lexically_normal(), root)) throw ValidationError(field, location, expected_text(root));
    return resolved;
}

} // namespace iro::detail
