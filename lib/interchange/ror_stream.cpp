#include "interchange/ror_stream.hpp"

#include "interchange/ror_record.hpp"
#include "iro/error.hpp"
#include "iro/ror_import.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <iterator>
#include <memory>
#include <vector>

namespace iro::detail {

namespace {
using nlohmann::json;

// Deeper than any ROR record (four levels); the limit keeps hostile input from exhausting
// the stack in recursive JSON code.
constexpr std::size_t kMaxDepth = 32;
constexpr std::size_t kChunkBytes = std::size_t{1} << 18;

// Thrown by the reader from inside the parser, turned into iro errors by stream().
struct SpanTooLarge {};
struct InputTooLarge {};

// The bytes of the dump, from memory or from a file read in chunks. Counts what the parser
// has consumed, which gives the byte offsets, progress and both size limits.
class ByteReader {
public:
    ByteReader(std::string_view text, const RorStreamLimits& limits) : window_(text), limits_(limits) { mark(); }
    ByteReader(std::FILE* file, const RorStreamLimits& limits) : file_(file), buffer_(kChunkBytes), limits_(limits) { mark(); }

    bool at_end() { return pos_ >= window_.size() && !refill(); }
    char peek() const { return window_[pos_]; }
    void advance() {
        ++pos_;
        if (offset() > stop_at_) {
            if (offset() > limits_.max_bytes) throw InputTooLarge{};
            throw SpanTooLarge{};
        }
    }
    std::uint64_t offset() const { return window_start_ + pos_; }

    // Starts a span (a record, or the gap before the next one) that may be max_record_bytes long.
    void mark() { stop_at_ = std::min(limits_.max_bytes, offset() + limits_.max_record_bytes); }

private:
    bool refill() {
        if (!file_) return false;
        window_start_ += window_.size();
        pos_ = 0;
        const auto n = std::fread(buffer_.data(), 1, buffer_.size(), file_);
        if (n < buffer_.size() && std::ferror(file_))
            throw StorageError(fmt::format("cannot read the ROR dump at byte {}: {}", window_start_ + n, std::strerror(errno)));
        window_ = std::string_view(buffer_.data(), n);
        return n > 0;
    }

    std::string_view window_;
    std::size_t pos_ = 0;
    std::uint64_t window_start_ = 0;
    std::FILE* file_ = nullptr;
    std::vector<char> buffer_;
    RorStreamLimits limits_;
    std::uint64_t stop_at_ = 0;
};

// The input iterator nlohmann/json's parser reads from; a null reader is the end.
class ByteIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = char;

    ByteIterator() = default;
    explicit ByteIterator(ByteReader& reader) : reader_(&reader) {}

    char operator*() const { return reader_->peek(); }
    ByteIterator& operator++() {
        reader_->advance();
        return *this;
    }
    ByteIterator operator++(int) {
        auto before = *this;
        reader_->advance();
        return before;
    }
    friend bool operator==(const ByteIterator& a, const ByteIterator& b) { return a.done() == b.done(); }

private:
    bool done() const { return !reader_ || reader_->at_end(); }
    ByteReader* reader_ = nullptr;
};

const char* kind_of(json::value_t type) {
    switch (type) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    default: return "a number";
    }
}

// SAX handler: the top-level array's elements are built one at a time and handed to the sink.
class RecordAssembler {
public:
    RecordAssembler(ByteReader& reader, const RorRecordSink& sink) : reader_(reader), sink_(sink) {}

    bool null() { return value(json(nullptr)); }
    bool boolean(bool v) { return value(json(v)); }
    bool number_integer(json::number_integer_t v) { return value(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return value(json(v)); }
    bool number_float(json::number_float_t v, const json::string_t&) { return value(json(v)); }
    bool string(json::string_t& v) { return value(json(std::move(v))); }
    bool binary(json::binary_t&) { return value(json(nullptr)); }  // JSON text has no binary values
    bool key(json::string_t& k) {
        key_ = std::move(k);
        return true;
    }
    bool start_object(std::size_t) { return open(json::value_t::object); }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(json::value_t::array); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
        // nlohmann's message starts with "[json.exception.parse_error.101] "; the rest is for people.
        std::string_view what = ex.what();
        if (const auto end = what.find("] "); what.starts_with("[json.exception") && end != std::string_view::npos)
            what.remove_prefix(end + 2);
        // nlohmann counts the offending byte (or the end of input) as read; report its 0-based offset.
        const auto offset = position > 0 ? position - 1 : 0;
        throw FormatError(fmt::format("malformed JSON in the ROR dump at byte {} ({}): {}", offset, where(), what));
    }

    std::int64_t index() const { return index_; }
    bool in_record() const { return !stack_.empty(); }
    std::string record_id() const { return raw_ror_id(record_); }

    // Where the parser is, for messages.
    std::string where() const {
        if (!started_) return "before the array of records";
        if (in_record()) {
            const auto id = record_id();
            return id.empty() ? fmt::format("in record {}", index_) : fmt::format("in record {}, {}", index_, id);
        }
        return index_ == 0 ? "before the first record" : fmt::format("after record {}", index_ - 1);
    }

private:
    bool open(json::value_t type) {
        if (!started_) {
            if (type != json::value_t::array)
                throw FormatError(fmt::format("the ROR dump must be a JSON array of records; found {} at byte {}", kind_of(type),
                                              reader_.offset()));
            started_ = true;
            reader_.mark();
            return true;
        }
        if (stack_.empty()) {
            record_ = json(type);
            stack_.push_back(&record_);
            reader_.mark();
            return true;
        }
        if (stack_.size() >= kMaxDepth)
            throw RorRecordError(index_, record_id(), "record", fmt::format("nested deeper than {} levels", kMaxDepth),
                                 "a ROR organisation record");
        stack_.push_back(insert(json(type)));
        return true;
    }

    bool close() {
        if (stack_.empty()) return true;  // the end of the top-level array
        stack_.pop_back();
        if (stack_.empty()) finish();
        return true;
    }

    bool value(json&& v) {
        if (!started_)
            throw FormatError(fmt::format("the ROR dump must be a JSON array of records; found {} at byte 0", kind_of(v.type())));
        if (stack_.empty()) {
            record_ = std::move(v);
            finish();
            return true;
        }
        insert(std::move(v));
        return true;
    }

    // Pointers to open containers stay valid: a parent gains no element while a child is open.
    json* insert(json&& v) {
        json& top = *stack_.back();
        if (top.is_object()) {
            json& slot = top[key_];
            slot = std::move(v);
            return &slot;
        }
        top.push_back(std::move(v));
        return &top.back();
    }

    void finish() {
        sink_(record_, index_, reader_.offset());
        ++index_;
        record_ = json();
        reader_.mark();
    }

    ByteReader& reader_;
    const RorRecordSink& sink_;
    bool started_ = false;
    std::int64_t index_ = 0;
    json record_;
    std::vector<json*> stack_;
    std::string key_;
};

void stream(ByteReader& reader, const RorStreamLimits& limits, const RorRecordSink& sink) {
    RecordAssembler sax(reader, sink);
    try {
        if (!json::sax_parse(ByteIterator(reader), ByteIterator(), &sax))
            throw FormatError(fmt::format("malformed JSON in the ROR dump at byte {} ({})", reader.offset(), sax.where()));
    } catch (const SpanTooLarge&) {
        if (sax.in_record())
            throw RorRecordError(sax.index(), sax.record_id(), "record", fmt::format("more than {} bytes", limits.max_record_bytes),
                                 fmt::format("a record of at most {} bytes of JSON (RorImportOptions::max_record_bytes)",
                                             limits.max_record_bytes));
        throw FormatError(fmt::format("malformed ROR dump: more than {} bytes without a record at byte {} ({})",
                                      limits.max_record_bytes, reader.offset(), sax.where()));
    } catch (const InputTooLarge&) {
        throw ValidationError("input size", fmt::format("more than {} bytes", limits.max_bytes),
                              fmt::format("at most {} bytes (RorImportOptions::max_bytes)", limits.max_bytes));
    }
}
} // namespace

void stream_ror_text(std::string_view text, const RorStreamLimits& limits, const RorRecordSink& sink) {
    if (text.size() > limits.max_bytes)
        throw ValidationError("input size", fmt::format("{} bytes", text.size()),
                              fmt::format("at most {} bytes (RorImportOptions::max_bytes)", limits.max_bytes));
    ByteReader reader(text, limits);
    stream(reader, limits, sink);
}

std::uint64_t ror_file_size(const std::string& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) throw NotFoundError("ROR dump file", path);
    if (std::filesystem::is_directory(status)) throw StorageError(fmt::format("cannot read the ROR dump '{}': it is a directory", path));
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw StorageError(fmt::format("cannot read the ROR dump '{}': {}", path, ec.message()));
    return size;
}

void stream_ror_file(const std::string& path, const RorStreamLimits& limits, const RorRecordSink& sink) {
    const auto size = ror_file_size(path);
    if (size > limits.max_bytes)
        throw ValidationError("input size", fmt::format("{} bytes", size),
                              fmt::format("at most {} bytes (RorImportOptions::max_bytes)", limits.max_bytes));
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) throw StorageError(fmt::format("cannot open the ROR dump '{}': {}", path, std::strerror(errno)));
    ByteReader reader(file.get(), limits);
    stream(reader, limits, sink);
}

} // namespace iro::detail
