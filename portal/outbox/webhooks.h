// The webhook outbox worker: posts the deliveries store/webhooks queued, signed, with retries.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "db/database.h"

namespace chatiere::outbox {

// The signature header value for a webhook body: "sha256=<hex HMAC-SHA256(secret, body)>".
std::string webhook_signature(std::string_view secret, std::string_view body);

// Sends due webhook deliveries with `post(url, body, signature)` → "" on success (2xx) or an
// error text. Failed ones are retried with back-off (1 min, 2, 4 … capped at 6 h) and given
// up after 12 attempts. Returns how many were delivered.
using PostFn = std::function<std::string(const std::string& url, const std::string& body, const std::string& signature)>;
int deliver_webhooks(db::Database& db, int64_t now, const PostFn& post, int limit = 50);
// Posts with cpp-httplib (5 s timeouts, no redirects), for the serve loop. The host is
// resolved here and the request goes to the very address that was checked: unless
// `allow_private`, a host with any loopback, private, link-local (cloud metadata) or other
// internal address is refused (net::is_internal).
std::string http_post_json(const std::string& url, const std::string& body, const std::string& signature,
                           bool allow_private);
// Why a webhook URL is refused ("" when fine): bad URL, or (unless `allow_private`) an
// internal address — names are resolved when `resolve_name`, else only literal addresses
// and localhost are judged (the delivery checks again anyway).
std::string webhook_target_problem(const std::string& url, bool allow_private, bool resolve_name);

}  // namespace chatiere::outbox
