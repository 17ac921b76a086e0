#pragma once
// What happens when someone opens, updates or resolves an incident or a maintenance — from
// the admin pages or from the write API: validation, the write (one transaction), the audit
// line, the members' mail and the webhooks. No SQL here: it calls store/.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/context.h"

namespace chatiere::api {

struct Actor {
    std::optional<int64_t> id;  // member id; none for a tool
    std::string name;           // member name, or "api:<token name>"
};

struct IncidentInput {
    std::string kind = "incident", title, impact = "minor", state;
    std::optional<int64_t> scheduled_start, scheduled_end;   // maintenance
    std::vector<std::pair<int64_t, std::string>> services;  // service id, effect
    std::string body;
    bool notify = true;  // false: "do not notify" — no mail to subscribers or members (webhooks still fire)
};

// field → catalogue key of the error; empty when the input is fine.
using FieldErrors = std::map<std::string, std::string>;
FieldErrors validate_incident(const IncidentInput& in);
// Validates a new state for an incident; returns an error key or "".
std::string check_transition(http::Ctx& ctx, int64_t incident_id, const std::string& state);

// Each writes in one transaction, audits, queues mail and webhooks. Call after validating.
int64_t open_incident(http::Ctx& ctx, const IncidentInput& in, const Actor& actor);
// `effects`: how the update changes each service (service id, effect; see
// validate_update_effects), empty to change none.
void post_update(http::Ctx& ctx, int64_t incident_id, const std::string& state, const std::string& body,
                 const Actor& actor, const std::vector<std::pair<int64_t, std::string>>& effects = {},
                 bool notify = true);
// Whether an update may set EFFECT on a service: operational, degraded, partial_outage,
// major_outage (issue 15).
bool is_update_effect(std::string_view effect);
void save_postmortem(http::Ctx& ctx, int64_t incident_id, const std::string& text, const Actor& actor);

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

}  // namespace chatiere::api
