#pragma once
// Private code shared by office snapshots and value archives: bounded reading of strings
// and counts, format detection, and the conversion of archive failures into FormatError.
//
// Boost's own loaders for std::string and containers allocate the length they read before
// reading the data, so in text and binary archives an untrusted length would be an
// unbounded allocation. Everything here reads a length, checks it against the limits and the
// input that is left, and only then allocates. XML strings are read up to the next '<' and are
// bounded by the input, so they go through Boost directly.

#include "iro/archive_format.hpp"
#include "iro/error.hpp"

#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>
#include <boost/serialization/binary_object.hpp>
#include <boost/serialization/nvp.hpp>
#include <boost/serialization/split_free.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace iro::detail {

template <class Ar>
inline constexpr bool is_xml_archive_v =
    std::is_same_v<Ar, boost::archive::xml_iarchive> || std::is_same_v<Ar, boost::archive::xml_oarchive>;

// The state of one load: limits, how much input is left, and where the reader is (for
// error messages). Set for the duration of a load on the loading thread.
struct ArchiveReadState {
    std::istream* in = nullptr;
    std::uint64_t input_bytes = 0;
    std::uint64_t max_count = 0;       // containers: elements
    std::uint64_t max_text_bytes = 0;  // one string
    std::string where;                 // "table agreement, row 12"

    std::uint64_t remaining() const;
};

ArchiveReadState* current_read_state();

// Installs a read state for the current thread while alive.
class ReadStateScope {
public:
    explicit ReadStateScope(ArchiveReadState& state);
    ~ReadStateScope();
    ReadStateScope(const ReadStateScope&) = delete;
    ReadStateScope& operator=(const ReadStateScope&) = delete;

private:
    ArchiveReadState* previous_;
};

[[noreturn]] void throw_archive_format_error(std::string_view what);

// Checks a count or a length read from the archive against `limit` and the input left.
void check_archive_count(std::uint64_t count, std::uint64_t limit, std::string_view what);

// Refuses a class version newer than the code knows.
void check_class_version(unsigned int version, unsigned int known, std::string_view type);

// A std::string, bounded on load.
template <class Ar>
void archive_text(Ar& ar, const char* name, std::string& value) {
    if constexpr (is_xml_archive_v<Ar>) {
        ar & boost::serialization::make_nvp(name, value);
        if constexpr (Ar::is_loading::value) {
            const auto* state = current_read_state();
            if (state && value.size() > state->max_text_bytes)
                check_archive_count(value.size(), state->max_text_bytes, name);
        }
    } else if constexpr (Ar::is_saving::value) {
        std::uint64_t size = value.size();
        ar & boost::serialization::make_nvp("size", size);
        if (size) ar & boost::serialization::make_nvp(name, boost::serialization::make_binary_object(value.data(), value.size()));
    } else {
        std::uint64_t size = 0;
        ar & boost::serialization::make_nvp("size", size);
        const auto* state = current_read_state();
        check_archive_count(size, state ? state->max_text_bytes : 0, name);
        value.assign(static_cast<std::size_t>(size), '\0');
        if (size) ar & boost::serialization::make_nvp(name, boost::serialization::make_binary_object(value.data(), value.size()));
    }
}

// A count of elements that follow, bounded on load.
template <class Ar>
std::uint64_t archive_count(Ar& ar, const char* name, std::uint64_t count, std::uint64_t limit) {
    ar & boost::serialization::make_nvp(name, count);
    if constexpr (Ar::is_loading::value) check_archive_count(count, limit, name);
    return count;
}

// A vector whose elements are archived one by one (never through Boost's vector loader).
template <class Ar, class T, class Each>
void archive_vector(Ar& ar, const char* name, std::vector<T>& items, std::uint64_t limit, Each each) {
    const std::uint64_t n = archive_count(ar, name, items.size(), limit);
    if constexpr (Ar::is_loading::value) {
        items.clear();
        for (std::uint64_t i = 0; i < n; ++i) {
            T item{};
            each(ar, item);
            items.push_back(std::move(item));
        }
    } else {
        for (auto& item : items) each(ar, item);
    }
}

// A read-only stream buffer over bytes that stay alive elsewhere (no copy), with tellg.
class MemoryBuffer : public std::streambuf {
public:
    explicit MemoryBuffer(std::string_view bytes);

protected:
    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode which) override;
    pos_type seekpos(pos_type pos, std::ios_base::openmode which) override;
};

// The format of an archive from its first bytes; nullopt when it is none of them.
std::optional<ArchiveFormat> detect_archive_format(std::string_view bytes);

// Runs `fn(archive)` on an input archive of the detected format over `bytes`, turning every
// failure of the archive library or the stream into FormatError (prefixed with `what`, and
// naming the position in the read state).
template <class Fn>
void read_archive(std::string_view bytes, std::string_view what, ArchiveReadState& state, Fn&& fn);

// Runs `fn(archive)` on an output archive of `format` writing to `out`; the archive is closed
// (the XML end tags written) before this returns.
template <class Fn>
void write_archive(std::ostream& out, ArchiveFormat format, Fn&& fn) {
    constexpr unsigned flags = boost::archive::no_codecvt;
    switch (format) {
    case ArchiveFormat::Xml: {
        boost::archive::xml_oarchive ar(out, flags);
        fn(ar);
        break;
    }
    case ArchiveFormat::Text: {
        boost::archive::text_oarchive ar(out, flags);
        fn(ar);
        break;
    }
    case ArchiveFormat::Binary: {
        boost::archive::binary_oarchive ar(out, flags);
        fn(ar);
        break;
    }
    }
    out.flush();
}

[[noreturn]] void rethrow_archive_failure(std::string_view what, const ArchiveReadState& state);

// Boost 1.74's xml_iarchive reads the closing tag in its destructor, and when the input ends
// before a '>' it throws there, which ends the process (found by a test cutting archives
// short). Called after a successful load, while the archive is still alive, this throws
// FormatError for such input instead.
void check_xml_closing_tag(std::string_view bytes, std::istream& in, std::string_view what);

template <class Fn>
void read_archive(std::string_view bytes, std::string_view what, ArchiveReadState& state, Fn&& fn) {
    const auto format = detect_archive_format(bytes);
    if (bytes.empty()) throw FormatError(fmt::format("{}: the input is empty, not an iro archive", what));
    if (!format)
        throw FormatError(fmt::format("{}: not an iro archive (expected XML, text or binary Boost archive data; "
                                      "its {} bytes begin with none of them)",
                                      what, bytes.size()));
    MemoryBuffer buffer(bytes);
    std::istream in(&buffer);
    in.exceptions(std::ios_base::badbit);
    state.in = &in;
    state.input_bytes = bytes.size();
    ReadStateScope scope(state);
    constexpr unsigned flags = boost::archive::no_codecvt;
    try {
        switch (*format) {
        case ArchiveFormat::Xml: {
            // Boost 1.74's end-tag check indexes the expected name at the length of the tag it
            // read, past the end of the name for a longer tag (found by fuzzing). Structure is
            // still checked by the element order and the content by the checksum.
            boost::archive::xml_iarchive ar(in, flags | boost::archive::no_xml_tag_checking);
            fn(ar);
            check_xml_closing_tag(bytes, in, what);
            break;
        }
        case ArchiveFormat::Text: {
            boost::archive::text_iarchive ar(in, flags);
            fn(ar);
            break;
        }
        case ArchiveFormat::Binary: {
            boost::archive::binary_iarchive ar(in, flags);
            fn(ar);
            break;
        }
        }
    } catch (const Error&) {
        throw;
    } catch (...) {
        rethrow_archive_failure(what, state);
    }
}

} // namespace iro::detail
