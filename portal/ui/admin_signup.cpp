// How people join: the sign-up mode (closed, approval, open) and invitations by mail.
#include "actions/members.h"
#include "app.h"
#include "http/action_context.h"
#include "http/errors.h"
#include "http/response.h"
#include "store/audit.h"
#include "store/settings.h"
#include "ui/handlers.h"

namespace chatiere::ui {

void admin_signup_mode(http::Ctx& ctx) {
    std::string mode = ctx.form.get("mode");
    if (mode != "closed" && mode != "approval" && mode != "open") throw http::HttpError(422, "members.bad_mode");
    store::put_setting(ctx.db(), "signup.mode", mode, ctx.now());
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "settings.signup_mode", "signup.mode", mode);
    http::redirect(ctx, "/admin/members?done=mode");
}

void admin_invite(http::Ctx& ctx) {
    auto invitation = actions::invite_member(http::action_context(ctx, http::member_actor(ctx)), ctx.form.get("email"),
                                             ctx.lang);
    if (!invitation.error.empty()) throw http::HttpError(422, invitation.error);
    // The admin also sees the link, to hand it over another way if mail is slow: once, on the
    // next page, never in a URL (browser history, proxy and access logs).
    ctx.app.flash.put(ctx.user->session_id, invitation.path, ctx.now());
    http::redirect(ctx, "/admin/members?done=invited");
}

}  // namespace chatiere::ui
