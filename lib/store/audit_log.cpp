#include "iro/audit.hpp"

#include "iro/error.hpp"
#include "store/database.hpp"

namespace iro {

namespace {
AuditEntry read_entry(detail::Statement& st) {
    AuditEntry e;
    e.id = st.getColumn(0).getInt64();
    e.at = st.getColumn(1).getString();
    e.actor = st.getColumn(2).getString();
    e.entity = st.getColumn(3).getString();
    e.entity_id = st.getColumn(4).getInt64();
    e.action = st.getColumn(5).getString();
    e.before = st.getColumn(6).getString();
    e.after = st.getColumn(7).getString();
    return e;
}
constexpr const char* kColumns = "SELECT id, at, actor, entity, entity_id, action, before, after FROM audit_log ";
} // namespace

std::vector<AuditEntry> AuditLog::latest(int limit) const {
    if (limit < 1 || limit > 1'000'000) throw ValidationError("limit", std::to_string(limit), "a number from 1 to 1000000");
    auto& st = db_->statement(std::string(kColumns) + "ORDER BY id DESC LIMIT ?");
    st.bind(1, limit);
    std::vector<AuditEntry> out;
    while (st.executeStep()) out.push_back(read_entry(st));
    return out;
}

std::vector<AuditEntry> AuditLog::for_entity(const std::string& entity, std::int64_t entity_id) const {
    auto& st = db_->statement(std::string(kColumns) + "WHERE entity = ? AND entity_id = ? ORDER BY id");
    st.bind(1, entity);
    st.bind(2, static_cast<int64_t>(entity_id));
    std::vector<AuditEntry> out;
    while (st.executeStep()) out.push_back(read_entry(st));
    return out;
}

std::int64_t AuditLog::size() const {
    auto& st = db_->statement("SELECT count(*) FROM audit_log");
    st.executeStep();
    const auto n = st.getColumn(0).getInt64();
    st.reset();
    return n;
}

} // namespace iro
