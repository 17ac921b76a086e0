#pragma once
// SQL for webhooks and their queued deliveries.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace chatiere::store {

struct Webhook {
    int64_t id = 0;
    std::string url, secret;
    int64_t created_at = 0;
    bool active = true;
};

struct WebhookDelivery {
    int64_t id = 0, webhook_id = 0;
    std::string payload;
    int64_t created_at = 0;
    int attempts = 0;
    int64_t next_attempt_at = 0;
    std::string last_error;
    std::optional<int64_t> delivered_at;
    std::string url, secret;  // of its webhook
};

int64_t create_webhook(db::Database& db, std::string_view url, std::string_view secret, int64_t now);
std::vector<Webhook> list_webhooks(db::Database& db, bool active_only, int limit = 200);
bool deactivate_webhook(db::Database& db, int64_t id);
// Queues `payload` for every active webhook; returns how many deliveries were queued.
int queue_webhook_deliveries(db::Database& db, std::string_view payload, int64_t now);
// Deliveries due at `now` for active webhooks, oldest first.
std::vector<WebhookDelivery> due_webhook_deliveries(db::Database& db, int64_t now, int limit);
void mark_delivery_done(db::Database& db, int64_t id, int64_t now);
// Records a failed attempt; `retry_at` empty: give up (kept for the admin, never retried).
void mark_delivery_failed(db::Database& db, int64_t id, std::string_view error, std::optional<int64_t> retry_at);
std::optional<WebhookDelivery> find_delivery(db::Database& db, int64_t id);

}  // namespace chatiere::store
