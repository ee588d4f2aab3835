#pragma once
// Reading a ROR dump as a stream (private to the library): one element of the top-level
// array at a time is found, parsed with simdjson and handed over, so memory holds one
// record, never the dump. A dump that cannot be read is read again by nlohmann/json's
// stricter, slower parser, which says where and why.

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace iro::detail {

struct RorStreamLimits {
    std::uint64_t max_bytes = 0;         // the whole input
    std::uint64_t max_record_bytes = 0;  // one element of the array, and the gap between two
};

// Called for each element of the array in order (the element may be any JSON value) with
// its 0-based index and the bytes read so far. The element is valid during the call only.
using RorRecordSink = std::function<void(simdjson::dom::element record, std::int64_t index, std::uint64_t bytes_read)>;

// Errors: FormatError (with the byte offset) for malformed JSON or a top-level value that is
// not an array; RorRecordError for an element larger than max_record_bytes, nested too
// deeply or holding a number beyond a 64-bit integer or a double; ValidationError for input
// larger than max_bytes. Whatever the sink throws passes
// through.
void stream_ror_text(std::string_view text, const RorStreamLimits& limits, const RorRecordSink& sink);

// The size of a dump file. NotFoundError when there is none, StorageError when it cannot be read.
std::uint64_t ror_file_size(const std::string& path);

// As stream_ror_text, reading the file in chunks.
void stream_ror_file(const std::string& path, const RorStreamLimits& limits, const RorRecordSink& sink);

} // namespace iro::detail
