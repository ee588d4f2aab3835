#include "snapshot/archive_io.hpp"

#include "iro/error.hpp"

#include <boost/archive/archive_exception.hpp>

#include <cstring>
#include <ios>
#include <new>
#include <stdexcept>

namespace iro {

std::string_view archive_format_name(ArchiveFormat format) {
    switch (format) {
    case ArchiveFormat::Xml: return "xml";
    case ArchiveFormat::Text: return "text";
    case ArchiveFormat::Binary: return "binary";
    }
    return "xml";
}

ArchiveFormat parse_archive_format(std::string_view name, const std::string& field) {
    for (auto f : {ArchiveFormat::Xml, ArchiveFormat::Text, ArchiveFormat::Binary})
        if (archive_format_name(f) == name) return f;
    throw ValidationError(field, std::string(name), "one of xml, text, binary");
}

} // namespace iro

namespace iro::detail {

namespace {
thread_local ArchiveReadState* tls_state = nullptr;

constexpr std::string_view kSignature = "serialization::archive";
} // namespace

std::uint64_t ArchiveReadState::remaining() const {
    if (!in) return input_bytes;
    const auto pos = in->rdbuf()->pubseekoff(0, std::ios_base::cur, std::ios_base::in);
    if (pos < 0 || static_cast<std::uint64_t>(pos) > input_bytes) return 0;
    return input_bytes - static_cast<std::uint64_t>(pos);
}

ArchiveReadState* current_read_state() { return tls_state; }

ReadStateScope::ReadStateScope(ArchiveReadState& state) : previous_(tls_state) { tls_state = &state; }
ReadStateScope::~ReadStateScope() { tls_state = previous_; }

void throw_archive_format_error(std::string_view what) {
    const auto* state = current_read_state();
    if (state && !state->where.empty()) throw FormatError(fmt::format("damaged archive at {}: {}", state->where, what));
    throw FormatError(fmt::format("damaged archive: {}", what));
}

void check_archive_count(std::uint64_t count, std::uint64_t limit, std::string_view what) {
    if (count > limit) throw_archive_format_error(fmt::format("{} {} is over the limit of {}", what, count, limit));
    const auto* state = current_read_state();
    if (state) {
        const auto left = state->remaining();
        if (count > left)
            throw_archive_format_error(
                fmt::format("{} {} is more than the {} bytes left in the input could hold", what, count, left));
    }
}

void check_class_version(unsigned int version, unsigned int known, std::string_view type) {
    if (version > known)
        throw_archive_format_error(fmt::format("{} has class version {}, newer than this iro understands (up to {}); "
                                               "read it with a newer iro",
                                               type, version, known));
}

MemoryBuffer::MemoryBuffer(std::string_view bytes) {
    // The buffer is only ever read: std::streambuf wants non-const pointers.
    char* begin = const_cast<char*>(bytes.data());
    setg(begin, begin, begin + bytes.size());
}

MemoryBuffer::pos_type MemoryBuffer::seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode which) {
    if (!(which & std::ios_base::in)) return pos_type(off_type(-1));
    off_type base = 0;
    if (dir == std::ios_base::cur) base = gptr() - eback();
    else if (dir == std::ios_base::end) base = egptr() - eback();
    const off_type target = base + off;
    if (target < 0 || target > egptr() - eback()) return pos_type(off_type(-1));
    setg(eback(), eback() + target, egptr());
    return pos_type(target);
}

MemoryBuffer::pos_type MemoryBuffer::seekpos(pos_type pos, std::ios_base::openmode which) {
    return seekoff(off_type(pos), std::ios_base::beg, which);
}

std::optional<ArchiveFormat> detect_archive_format(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) ++i;
    if (bytes.substr(i).starts_with("<?xml")) return ArchiveFormat::Xml;
    // Text archives begin with the signature's length in decimal and the signature.
    if (bytes.starts_with(fmt::format("{} {}", kSignature.size(), kSignature))) return ArchiveFormat::Text;
    // Binary archives begin with the signature's length as a 64-bit little-endian count.
    if (bytes.size() >= 8 + kSignature.size()) {
        std::uint64_t length = 0;
        for (int b = 7; b >= 0; --b) length = (length << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(b)]);
        if (length == kSignature.size() && bytes.substr(8, kSignature.size()) == kSignature) return ArchiveFormat::Binary;
    }
    return std::nullopt;
}

void check_xml_closing_tag(std::string_view bytes, std::istream& in, std::string_view what) {
    if (in.fail() || in.eof()) return;  // the destructor leaves such a stream alone
    const auto at = in.tellg();
    if (at < 0) return;  // tellg failed and set failbit: likewise
    if (bytes.find('>', static_cast<std::size_t>(at)) == std::string_view::npos)
        throw FormatError(fmt::format("{}: the XML archive ends before its closing tag", what));
}

void rethrow_archive_failure(std::string_view what, const ArchiveReadState& state) {
    const std::string at = state.where.empty() ? std::string() : fmt::format(" at {}", state.where);
    try {
        throw;
    } catch (const Error&) {
        throw;
    } catch (const boost::archive::archive_exception& e) {
        throw FormatError(fmt::format("{}: damaged or unreadable archive{}: {}", what, at, e.what()));
    } catch (const std::ios_base::failure& e) {
        throw FormatError(fmt::format("{}: the archive ends early or cannot be read{}: {}", what, at, e.what()));
    } catch (const std::bad_alloc&) {
        throw FormatError(fmt::format("{}: the archive asks for more memory than is available{}", what, at));
    } catch (const std::length_error& e) {
        throw FormatError(fmt::format("{}: the archive holds an impossible length{}: {}", what, at, e.what()));
    } catch (const std::exception& e) {
        throw FormatError(fmt::format("{}: damaged archive{}: {}", what, at, e.what()));
    }
}

} // namespace iro::detail
