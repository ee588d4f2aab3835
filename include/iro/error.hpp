#pragma once
// One error model for the whole library. Every failure a caller can trigger is one of
// these types; the Python module maps each one to a Python exception of the same name.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace iro {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad input: names the field, the rejected value and what would be accepted.
class ValidationError : public Error {
public:
    ValidationError(std::string field, std::string value, std::string_view expected);
    const std::string& field() const noexcept { return field_; }
    const std::string& value() const noexcept { return value_; }
    const std::string& expected() const noexcept { return expected_; }

private:
    std::string field_;
    std::string value_;
    std::string expected_;
};

// A lookup by id or key found nothing.
class NotFoundError : public Error {
public:
    NotFoundError(std::string_view entity, std::int64_t id);
    NotFoundError(std::string_view entity, std::string_view key);
};

// The input is well formed but clashes with what is stored: duplicates, illegal state
// transitions, a second home institution.
class ConflictError : public Error {
public:
    using Error::Error;
};

// The database could not be opened, read or written, or has a schema this build does not know.
class StorageError : public Error {
public:
    using Error::Error;
};

// A file or text in an interchange format could not be parsed.
class FormatError : public Error {
public:
    using Error::Error;
};

// A Store was called from a thread that does not own it (see Store::use_from_this_thread).
// Thrown before the call touches the connection, so the store is unchanged and still usable
// by its owner.
class ThreadError : public Error {
public:
    using Error::Error;
};

} // namespace iro
