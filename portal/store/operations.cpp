#include "store/operations.h"

namespace chatiere::store {

OutboxState outbox_state(db::Database& db) {
    auto q = db.prepare("SELECT count(*), coalesce(min(created_at), 0) FROM outbox WHERE sent_at IS NULL");
    OutboxState s;
    if (q.step()) {
        s.pending = q.i64(0);
        s.oldest_created_at = q.i64(1);
    }
    return s;
}

OpenIncidents open_incidents(db::Database& db, int64_t now) {
    auto q = db.prepare(
        "SELECT coalesce(sum(kind = 'incident'), 0), coalesce(sum(kind = 'maintenance'), 0) FROM incidents "
        "WHERE closes_at > ? AND state NOT IN ('resolved', 'completed')");
    q.bind(now);
    OpenIncidents o;
    if (q.step()) {
        o.incidents = q.i64(0);
        o.maintenances = q.i64(1);
    }
    return o;
}

}  // namespace chatiere::store
