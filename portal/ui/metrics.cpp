// /metrics: the portal's own figures in the Prometheus text format, for the operator's
// monitoring. Only clients in metrics_allow (by client address, resolved as for log-in
// throttling) or bearing metrics_token may read it; anyone else gets 403. Never cached.
#include <sodium.h>

#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "http/telemetry.h"
#include "store/metrics.h"
#include "store/operations.h"
#include "ui/handlers.h"
#include "version.h"

namespace chatiere::ui {

namespace {

bool bearer_matches(const http::Ctx& ctx) {
    const std::string& token = ctx.app.config.metrics_token;
    if (token.empty()) return false;
    const std::string& auth = ctx.req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (auth.size() != kBearer.size() + token.size() || auth.compare(0, kBearer.size(), kBearer) != 0) return false;
    return sodium_memcmp(auth.data() + kBearer.size(), token.data(), token.size()) == 0;
}

}  // namespace

void metrics(http::Ctx& ctx) {
    ctx.res.set_header("Cache-Control", "no-store");
    if (!bearer_matches(ctx) && !http::telemetry::address_allowed(ctx.client_address(), ctx.app.config.metrics_allow))
        throw http::HttpError(403);

    http::telemetry::Gauges g;
    g.db_pool_waits = ctx.app.db->waits();
    g.db_pool_wait_seconds = ctx.app.db->wait_seconds();
    g.version = CHATIERE_VERSION;
    {
        auto& db = ctx.db();
        int64_t now = ctx.now();
        auto outbox = store::outbox_state(db);
        g.outbox_pending = outbox.pending;
        g.outbox_oldest_age_seconds = outbox.oldest_created_at ? std::max<int64_t>(0, now - outbox.oldest_created_at) : 0;
        auto members = store::count_members(db, now);
        g.members_active = members.accounts;
        g.members_recent = members.active;
        auto open = store::open_incidents(db, now);
        g.open_incidents = open.incidents;
        g.open_maintenances = open.maintenances;
    }
    ctx.release_db();
    http::send_text(ctx, http::telemetry::exposition(ctx.app.telemetry.snapshot(), g),
                    "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace chatiere::ui
