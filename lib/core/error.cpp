#include "iro/error.hpp"

#include <fmt/format.h>

namespace iro {

namespace {
// Long or multi-line values would drown the message; show their start only.
std::string shown(const std::string& value) {
    constexpr std::size_t limit = 80;
    if (value.size() <= limit) return value;
    return value.substr(0, limit) + "...";
}
} // namespace

ValidationError::ValidationError(std::string field, std::string value, std::string_view expected)
    : Error(fmt::format("invalid {} '{}': expected {}", field, shown(value), expected)),
      field_(std::move(field)),
      value_(std::move(value)),
      expected_(expected) {}

NotFoundError::NotFoundError(std::string_view entity, std::int64_t id)
    : Error(fmt::format("no {} with id {}", entity, id)) {}

NotFoundError::NotFoundError(std::string_view entity, std::string_view key)
    : Error(fmt::format("no {} '{}'", entity, key)) {}

} // namespace iro
