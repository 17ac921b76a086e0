#include "store/webhooks.h"

namespace chatiere::store {

int64_t create_webhook(db::Database& db, std::string_view url, std::string_view secret, int64_t now) {
    db.prepare("INSERT INTO webhooks (url, secret, created_at) VALUES (?,?,?)").bind(url, secret, now).run();
    return db.last_insert_id();
}

std::vector<Webhook> list_webhooks(db::Database& db, bool active_only, int limit) {
    auto q = db.prepare("SELECT id, url, secret, created_at, active FROM webhooks WHERE (? = 0 OR active = 1) "
                        "ORDER BY id DESC LIMIT ?");
    q.bind(active_only, limit);
    std::vector<Webhook> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.i64(3), q.i64(4) != 0});
    return out;
}

bool deactivate_webhook(db::Database& db, int64_t id) {
    db.prepare("UPDATE webhooks SET active = 0 WHERE id = ? AND active = 1").bind(id).run();
    return db.changes() > 0;
}

int queue_webhook_deliveries(db::Database& db, std::string_view payload, int64_t now) {
    db.prepare("INSERT INTO webhook_deliveries (webhook_id, payload, created_at, next_attempt_at) "
               "SELECT id, ?, ?, ? FROM webhooks WHERE active = 1")
        .bind(payload, now, now)
        .run();
    return db.changes();
}

namespace {
#define DELIVERY_COLUMNS                                                                                  \
    "d.id, d.webhook_id, d.payload, d.created_at, d.attempts, d.next_attempt_at, d.last_error, "          \
    "d.delivered_at, w.url, w.secret"
WebhookDelivery read_delivery(db::Query& q) {
    return {q.i64(0), q.i64(1), q.text(2), q.i64(3), q.integer(4), q.i64(5), q.text(6), q.opt_i64(7), q.text(8),
            q.text(9)};
}
}  // namespace

std::vector<WebhookDelivery> due_webhook_deliveries(db::Database& db, int64_t now, int limit) {
    auto q = db.prepare("SELECT " DELIVERY_COLUMNS " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id "
                        "WHERE d.delivered_at IS NULL AND d.next_attempt_at <= ? AND w.active = 1 "
                        "ORDER BY d.next_attempt_at, d.id LIMIT ?");
    q.bind(now, limit);
    std::vector<WebhookDelivery> out;
    while (q.step()) out.push_back(read_delivery(q));
    return out;
}

std::optional<WebhookDelivery> find_delivery(db::Database& db, int64_t id) {
    auto q = db.prepare("SELECT " DELIVERY_COLUMNS
                        " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?");
    q.bind(id);
    if (q.step()) return read_delivery(q);
    return std::nullopt;
}

void mark_delivery_done(db::Database& db, int64_t id, int64_t now) {
    db.prepare("UPDATE webhook_deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?")
        .bind(now, id)
        .run();
}

void mark_delivery_failed(db::Database& db, int64_t id, std::string_view error, std::optional<int64_t> retry_at) {
    // Given up: next_attempt_at far in the future keeps it out of the due list (the index is
    // on pending rows only, which stay few).
    db.prepare("UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?")
        .bind(error, retry_at.value_or(INT64_MAX), id)
        .run();
}

}  // namespace chatiere::store
