#include "outbox/webhooks.h"

#include <httplib.h>
#include <sodium.h>

#include <algorithm>

#include "net/post.h"
#include "net/target.h"
#include "store/webhooks.h"

namespace chatiere::outbox {

std::string webhook_signature(std::string_view secret, std::string_view body) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return std::string("sha256=") + hex;
}

int deliver_webhooks(db::Database& db, int64_t now, const PostFn& post, int limit) {
    constexpr int kMaxAttempts = 12;
    int delivered = 0;
    for (const auto& d : store::due_webhook_deliveries(db, now, limit)) {
        std::string error;
        try {
            error = post(d.url, d.payload, webhook_signature(d.secret, d.payload));
        } catch (const std::exception& e) {
            error = e.what();
        }
        if (error.empty()) {
            store::mark_delivery_done(db, d.id, now);
            ++delivered;
            continue;
        }
        int attempts = d.attempts + 1;
        std::optional<int64_t> retry;
        if (attempts < kMaxAttempts) retry = now + std::min<int64_t>(60LL << (attempts - 1), 6 * 3600);
        store::mark_delivery_failed(db, d.id, error.substr(0, 500), retry);
    }
    return delivered;
}

std::string webhook_target_problem(const std::string& url, bool allow_private, bool resolve_name) {
    auto target = net::parse_http_url(url);
    if (!target) return "bad URL";
    std::string error;
    if (!resolve_name && !net::parse_ip(target->host) && target->host != "localhost") return "";
    auto addresses = net::resolve(target->host, &error);
    if (addresses.empty()) return resolve_name ? error : "";
    net::choose_address(target->host, addresses, allow_private, &error);
    return error;
}

std::string http_post_json(const std::string& url, const std::string& body, const std::string& signature,
                           bool allow_private) {
    return net::post_to_checked_address(url, {{"X-Chatiere-Signature", signature}, {"User-Agent", "Chatiere-Webhook"}},
                                        body, "application/json", allow_private);
}

}  // namespace chatiere::outbox
