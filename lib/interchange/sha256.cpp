#include "iro/sha256.hpp"

#include "iro/error.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>
#include <vector>

namespace iro {

namespace {
std::string to_hex(const std::array<unsigned char, EVP_MAX_MD_SIZE>& digest, unsigned int size) {
    constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (unsigned int k = 0; k < size; ++k) {
        out += hex[digest[k] >> 4];
        out += hex[digest[k] & 0x0f];
    }
    return out;
}
} // namespace

std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size != 32)
        throw Error("OpenSSL could not compute a SHA-256 digest");
    return to_hex(digest, size);
}

std::string sha256_file_hex(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw NotFoundError("file", path);
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw Error("OpenSSL could not start a SHA-256 digest");
    // Read in blocks, so a large scan never sits in memory whole.
    std::vector<char> block(1 << 16);
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        const auto got = in.gcount();
        if (got > 0 && EVP_DigestUpdate(ctx.get(), block.data(), static_cast<std::size_t>(got)) != 1)
            throw Error("OpenSSL could not compute a SHA-256 digest");
    }
    if (in.bad()) throw StorageError(fmt::format("cannot read '{}'", path));
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &size) != 1 || size != 32)
        throw Error("OpenSSL could not compute a SHA-256 digest");
    return to_hex(digest, size);
}

} // namespace iro
