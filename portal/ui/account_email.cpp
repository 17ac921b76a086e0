// The two links of an e-mail change: confirming the new address, and undoing the change from
// the old one ("this wasn't me"). Both work without a session: the link is the proof.
#include "app.h"
#include "auth/email_change.h"
#include "http/errors.h"
#include "http/response.h"
#include "ui/handlers.h"

namespace chatiere::ui {

void account_email_confirm(http::Ctx& ctx) {
    auto r = auth::confirm_email_change(ctx.app, ctx.db(), ctx.query.get("token"), ctx.now());
    if (r.outcome == auth::EmailChange::Taken) throw http::HttpError(409, "account.email_taken");
    if (r.outcome != auth::EmailChange::Done) throw http::HttpError(410, "security.link_invalid");
    http::View v;
    v.set("confirmed", true);
    http::render_page(ctx, "account_email", std::move(v), ctx.t("security.email_title"));
}

void account_email_revert_form(http::Ctx& ctx) {
    std::string token = ctx.query.get("token");
    if (!auth::email_revert_valid(ctx.db(), token, ctx.now())) throw http::HttpError(410, "security.link_invalid");
    http::View v;
    v.set("revert", true);
    v.set("token", token);
    // The page holds the link's token: keep it out of caches.
    ctx.res.set_header("Cache-Control", "no-store");
    http::render_page(ctx, "account_email", std::move(v), ctx.t("security.email_title"));
}

void account_email_revert_submit(http::Ctx& ctx) {
    auto r = auth::revert_email_change(ctx.app, ctx.db(), ctx.form.get("token"), ctx.now());
    if (r.outcome == auth::EmailChange::Taken) throw http::HttpError(409, "security.email_revert_taken");
    if (r.outcome != auth::EmailChange::Done) throw http::HttpError(410, "security.link_invalid");
    if (ctx.user && ctx.user->id == r.member->id) {
        ctx.clear_cookie("session");
        ctx.user.reset();
    }
    http::redirect(ctx, "/login?done=email_restored");
}

}  // namespace chatiere::ui
