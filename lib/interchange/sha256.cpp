#include "iro/sha256.hpp"

#include "iro/error.hpp"

#include <openssl/evp.h>

#include <array>

namespace iro {

std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size != 32)
        throw Error("OpenSSL could not compute a SHA-256 digest");
    constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (unsigned int k = 0; k < size; ++k) {
        out += hex[digest[k] >> 4];
        out += hex[digest[k] & 0x0f];
    }
    return out;
}

} // namespace iro
