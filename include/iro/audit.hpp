#pragma once
// The audit log: one entry for every change made through the store.

#include <cstdint>
#include <string>
#include <vector>

namespace iro {

namespace detail { class Database; }

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;         // UTC timestamp, "2026-11-29T17:09:13.123Z"
    std::string actor;      // who made the change (Store::set_actor)
    std::string entity;     // "institution", "agreement", ...
    std::int64_t entity_id = 0;
    std::string action;     // "add", "update", "transition", "sign", "renew", ...
    std::string before;     // JSON of the entity before the change; empty for "add"
    std::string after;      // JSON after the change

    friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

class AuditLog {
public:
    explicit AuditLog(detail::Database& db) : db_(&db) {}

    // Newest first.
    std::vector<AuditEntry> latest(int limit = 20) const;
    // Every entry about one entity, oldest first.
    std::vector<AuditEntry> for_entity(const std::string& entity, std::int64_t entity_id) const;
    std::int64_t size() const;

private:
    detail::Database* db_;
};

} // namespace iro
