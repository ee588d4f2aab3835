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
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

namespace iro::detail {

namespace {
using nlohmann::json;

// Deeper than any ROR record (four levels); the limit keeps hostile input from exhausting
// the stack in recursive JSON code.
constexpr std::size_t kMaxDepth = 32;
constexpr std::size_t kChunkBytes = std::size_t{1} << 18;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The dump's bytes, window by window: all of a text at once, or a file a chunk at a time.
class ByteWindows {
public:
    explicit ByteWindows(std::string_view text) : text_(text) {}
    explicit ByteWindows(std::FILE* file) : file_(file), buffer_(kChunkBytes) {}

    // The next bytes of the input; empty at its end.
    std::string_view next() {
        if (!file_) return std::exchange(text_, std::string_view{});
        const auto n = std::fread(buffer_.data(), 1, buffer_.size(), file_);
        if (n < buffer_.size() && std::ferror(file_))
            throw StorageError(fmt::format("cannot read the ROR dump at byte {}: {}", read_ + n, std::strerror(errno)));
        read_ += n;
        return {buffer_.data(), n};
    }

private:
    std::string_view text_;
    std::FILE* file_ = nullptr;
    std::vector<char> buffer_;
    std::uint64_t read_ = 0;
};

// ---------------------------------------------------------------------------------------
// The strict reader: nlohmann/json's SAX parser over the whole input. It only describes
// what is wrong with a dump the fast reader below could not read: the byte, the record and
// the parser's own words.

// Thrown by the reader from inside the parser, turned into iro errors by describe_problem().
struct SpanTooLarge {};
struct InputTooLarge {};

// Counts what the parser has consumed, which gives the byte offsets and both size limits.
class ByteReader {
public:
    ByteReader(ByteWindows& windows, const RorStreamLimits& limits) : windows_(windows), limits_(limits) { mark(); }

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
        window_start_ += window_.size();
        pos_ = 0;
        window_ = windows_.next();
        return !window_.empty();
    }

    ByteWindows& windows_;
    std::string_view window_;
    std::size_t pos_ = 0;
    std::uint64_t window_start_ = 0;
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

// The record's "id" as written, for messages.
std::string raw_id_of(const json& record) {
    if (!record.is_object()) return {};
    const auto it = record.find("id");
    if (it == record.end() || !it->is_string()) return {};
    return id_for_message(it->get_ref<const std::string&>());
}

// SAX handler: the top-level array's elements are built one at a time, so that a message
// can name the record and its id.
class RecordAssembler {
public:
    explicit RecordAssembler(ByteReader& reader) : reader_(reader) {}

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
    std::string record_id() const { return raw_id_of(record_); }

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
        ++index_;
        record_ = json();
        reader_.mark();
    }

    ByteReader& reader_;
    bool started_ = false;
    std::int64_t index_ = 0;
    json record_;
    std::vector<json*> stack_;
    std::string key_;
};

[[noreturn]] void too_large(const RorStreamLimits& limits) {
    throw ValidationError("input size", fmt::format("more than {} bytes", limits.max_bytes),
                          fmt::format("at most {} bytes (RorImportOptions::max_bytes)", limits.max_bytes));
}

[[noreturn]] void record_too_large(std::int64_t index, const std::string& ror, const RorStreamLimits& limits) {
    throw RorRecordError(index, ror, "record", fmt::format("more than {} bytes", limits.max_record_bytes),
                         fmt::format("a record of at most {} bytes of JSON (RorImportOptions::max_record_bytes)",
                                     limits.max_record_bytes));
}

// Reads the whole input with the strict reader and throws the first problem it finds.
// Returns when it finds none.
void describe_problem(ByteWindows& windows, const RorStreamLimits& limits) {
    ByteReader reader(windows, limits);
    RecordAssembler sax(reader);
    try {
        if (!json::sax_parse(ByteIterator(reader), ByteIterator(), &sax))
            throw FormatError(fmt::format("malformed JSON in the ROR dump at byte {} ({})", reader.offset(), sax.where()));
    } catch (const SpanTooLarge&) {
        if (sax.in_record()) record_too_large(sax.index(), sax.record_id(), limits);
        throw FormatError(fmt::format("malformed ROR dump: more than {} bytes without a record at byte {} ({})",
                                      limits.max_record_bytes, reader.offset(), sax.where()));
    } catch (const InputTooLarge&) {
        too_large(limits);
    }
}

// ---------------------------------------------------------------------------------------
// The fast reader. It finds each element of the top-level array by following only strings,
// escapes and brackets, and hands the element's bytes to simdjson. Anything unexpected
// stops it; the strict reader then says what is wrong.

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Why the fast reader stopped before the end of a well-formed dump.
enum class Stop { Malformed, Unparsable, TooDeep, RecordTooLarge, GapTooLarge };

struct Stopped {
    Stop why;
    std::int64_t index;              // of the record read or expected
    std::uint64_t offset;            // bytes consumed
    simdjson::error_code error{};    // for Unparsable
};

class RecordSplitter {
public:
    RecordSplitter(const RorStreamLimits& limits, const RorRecordSink& sink) : limits_(limits), sink_(sink) {}

    // Reads every window; nullopt when the dump was read to its end.
    std::optional<Stopped> read(ByteWindows& windows) {
        for (auto window = windows.next(); !window.empty(); window = windows.next()) {
            if (offset_ + window.size() > limits_.max_bytes) too_large(limits_);
            // A UTF-8 byte order mark may open the text, as JSON parsers commonly allow.
            std::size_t i = offset_ == 0 && window.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
            while (i < window.size()) {
                const auto stopped = in_value_ ? value(window, i) : between(window, i);
                if (stopped) return stopped;
            }
            offset_ += window.size();
        }
        if (in_value_ || expect_ != Expect::Nothing) return Stopped{Stop::Malformed, index_, offset_};
        return std::nullopt;
    }

private:
    enum class Expect { ArrayStart, FirstElement, Element, Separator, Nothing };

    // Outside the elements: the array's brackets, commas and whitespace.
    std::optional<Stopped> between(std::string_view window, std::size_t& i) {
        const char c = window[i];
        if (++gap_ > limits_.max_record_bytes) return Stopped{Stop::GapTooLarge, index_, offset_ + i};
        if (is_space(c)) {
            ++i;
            return std::nullopt;
        }
        switch (expect_) {
        case Expect::ArrayStart:
            if (c != '[') return Stopped{Stop::Malformed, index_, offset_ + i};
            expect_ = Expect::FirstElement;
            gap_ = 0;
            break;
        case Expect::FirstElement:
        case Expect::Element:
            if (c == ']' && expect_ == Expect::FirstElement) {
                expect_ = Expect::Nothing;
                break;
            }
            if (c == ']' || c == '}' || c == ',' || c == ':') return Stopped{Stop::Malformed, index_, offset_ + i};
            // The element's first byte: a container, a string, or a number or literal.
            record_.assign(1, c);
            in_value_ = true;
            depth_ = c == '{' || c == '[' ? 1 : 0;
            in_string_ = c == '"';
            escaped_ = false;
            break;
        case Expect::Separator:
            if (c == ',') expect_ = Expect::Element;
            else if (c == ']') expect_ = Expect::Nothing;
            else return Stopped{Stop::Malformed, index_, offset_ + i};
            break;
        case Expect::Nothing:
            return Stopped{Stop::Malformed, index_, offset_ + i};
        }
        ++i;
        return std::nullopt;
    }

    // Inside an element: copies its bytes up to its end or the window's.
    std::optional<Stopped> value(std::string_view window, std::size_t& i) {
        // Reads no further than one byte past the record limit, so that memory stays bounded
        // whatever the input holds.
        const auto room = limits_.max_record_bytes - record_.size();
        const auto end = window.size() - i > room ? i + room + 1 : window.size();
        std::size_t j = i;
        bool ended = false;
        for (; j < end && !ended; ++j) {
            const char c = window[j];
            if (in_string_) {
                if (escaped_) escaped_ = false;
                else if (c == '\\') escaped_ = true;
                else if (c == '"') {
                    in_string_ = false;
                    ended = depth_ == 0;
                }
            } else if (depth_ == 0) {
                // A number or literal ends before the byte that follows it.
                if (c == ',' || c == ']' || is_space(c)) {
                    ended = true;
                    --j;
                }
            } else if (c == '"') {
                in_string_ = true;
            } else if (c == '{' || c == '[') {
                if (++depth_ > kMaxDepth) return Stopped{Stop::TooDeep, index_, offset_ + j};
            } else if (c == '}' || c == ']') {
                ended = --depth_ == 0;
            }
        }
        record_.append(window.data() + i, j - i);
        i = j;
        if (record_.size() > limits_.max_record_bytes) return Stopped{Stop::RecordTooLarge, index_, offset_ + i};
        if (!ended) return std::nullopt;
        in_value_ = false;
        expect_ = Expect::Separator;
        gap_ = 0;
        // simdjson reads up to SIMDJSON_PADDING bytes past the end; reserved, the buffer is reused.
        record_.reserve(record_.size() + simdjson::SIMDJSON_PADDING);
        const auto parsed = parser_.parse(record_);
        if (parsed.error()) return Stopped{Stop::Unparsable, index_, offset_ + i, parsed.error()};
        sink_(parsed.value_unsafe(), index_, offset_ + i);
        ++index_;
        return std::nullopt;
    }

    const RorStreamLimits& limits_;
    const RorRecordSink& sink_;
    simdjson::dom::parser parser_;
    std::string record_;
    Expect expect_ = Expect::ArrayStart;
    bool in_value_ = false;
    bool in_string_ = false;
    bool escaped_ = false;
    std::size_t depth_ = 0;   // containers open in the element
    std::uint64_t gap_ = 0;   // bytes since the last element
    std::uint64_t offset_ = 0;  // of the window being read
    std::int64_t index_ = 0;
};

// Reads with the fast reader; when it stops, has the strict reader (reading the input again
// through `reopen`) throw the problem with its byte offset and record, as it always has.
template <class Reopen>
void stream(ByteWindows& windows, const RorStreamLimits& limits, const RorRecordSink& sink, Reopen&& reopen) {
    RecordSplitter splitter(limits, sink);
    const auto stopped = splitter.read(windows);
    if (!stopped) return;
    const auto where = [&] {
        return stopped->index == 0 ? std::string("before the first record") : fmt::format("after record {}", stopped->index - 1);
    };
    reopen([&](ByteWindows& again) { describe_problem(again, limits); });
    // The strict reader found nothing wrong where the fast one stopped.
    switch (stopped->why) {
    case Stop::RecordTooLarge:
        // The strict reader starts counting after a record's first byte, so it lets one more through.
        record_too_large(stopped->index, "", limits);
    case Stop::GapTooLarge:
        throw FormatError(fmt::format("malformed ROR dump: more than {} bytes without a record at byte {} ({})",
                                      limits.max_record_bytes, stopped->offset, where()));
    case Stop::Unparsable:
        // A number beyond 64-bit integers and doubles, which simdjson refuses and nlohmann/json
        // reads loosely.
        throw RorRecordError(stopped->index, "", "record", simdjson::error_message(stopped->error),
                             "a ROR organisation record whose numbers fit a 64-bit integer or a double");
    case Stop::Malformed:
    case Stop::TooDeep:
        break;
    }
    throw FormatError(fmt::format("cannot read the ROR dump at byte {} ({}): its two readers disagree on well-formed JSON",
                                  stopped->offset, where()));
}
} // namespace

void stream_ror_text(std::string_view text, const RorStreamLimits& limits, const RorRecordSink& sink) {
    if (text.size() > limits.max_bytes)
        throw ValidationError("input size", fmt::format("{} bytes", text.size()),
                              fmt::format("at most {} bytes (RorImportOptions::max_bytes)", limits.max_bytes));
    ByteWindows windows(text);
    stream(windows, limits, sink, [&](const auto& read_again) {
        ByteWindows again(text);
        read_again(again);
    });
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
    const auto open = [&] {
        std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
        if (!file) throw StorageError(fmt::format("cannot open the ROR dump '{}': {}", path, std::strerror(errno)));
        return file;
    };
    const auto file = open();
    ByteWindows windows(file.get());
    stream(windows, limits, sink, [&](const auto& read_again) {
        const auto again = open();
        ByteWindows from_start(again.get());
        read_again(from_start);
    });
}

} // namespace iro::detail
