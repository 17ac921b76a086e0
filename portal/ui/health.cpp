#include "http/response.h"
#include "ui/handlers.h"

namespace chatiere::ui {

// For monitoring and the proxy's health checks: "ok" when the database answers.
void healthz(http::Ctx& ctx) {
    bool ok = ctx.db().answers();
    ctx.res.set_header("Cache-Control", "no-store");
    http::send_text(ctx, ok ? "ok\n" : "database not answering\n", "text/plain; charset=utf-8", ok ? 200 : 503);
}

}  // namespace chatiere::ui
