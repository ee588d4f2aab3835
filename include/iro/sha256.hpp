#pragma once
// SHA-256 digests, as used for document fingerprints and the EWP iia-hash.

#include <string>
#include <string_view>

namespace iro {

// The SHA-256 digest of the bytes, as 64 lower-case hexadecimal characters.
std::string sha256_hex(std::string_view bytes);

// The same for a file's content, read in blocks. NotFoundError when it cannot be opened,
// StorageError when reading fails part way.
std::string sha256_file_hex(const std::string& path);

} // namespace iro
