#pragma once
// SHA-256 digests, as used for document fingerprints and the EWP iia-hash.

#include <string>
#include <string_view>

namespace iro {

// The SHA-256 digest of the bytes, as 64 lower-case hexadecimal characters.
std::string sha256_hex(std::string_view bytes);

} // namespace iro
