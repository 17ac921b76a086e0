#include "store/audit.h"

namespace chatiere::store {

void audit(db::Database& db, int64_t now, std::optional<int64_t> actor_id, std::string_view actor,
           std::string_view action, std::string_view target, std::string_view details) {
    db.prepare("INSERT INTO audit_log (at, actor_id, actor, action, target, details) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(now, actor_id, actor, action, target, details)
        .run();
}

std::vector<AuditEntry> audit_page(db::Database& db, int64_t before_id, int limit) {
    auto q = db.prepare(
        "SELECT id, at, actor_id, actor, action, target, details FROM audit_log "
        "WHERE (?1 = 0 OR id < ?1) ORDER BY id DESC LIMIT ?2");
    q.bind(before_id, limit);
    std::vector<AuditEntry> out;
    while (q.step()) out.push_back({q.i64(0), q.i64(1), q.opt_i64(2), q.text(3), q.text(4), q.text(5), q.text(6)});
    return out;
}

}  // namespace chatiere::store
