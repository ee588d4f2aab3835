#pragma once
// A reference to a document kept elsewhere (a signed PDF, a scan): never the file itself.

#include <string>

namespace iro {

struct DocumentRef {
    std::string title;
    std::string location;  // a path or URL
    std::string sha256;    // 64 hex characters, optional

    friend bool operator==(const DocumentRef&, const DocumentRef&) = default;
};

} // namespace iro
