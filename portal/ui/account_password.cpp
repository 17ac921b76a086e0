#include "app.h"
#include "auth/accounts.h"
#include "auth/guard.h"
#include "auth/password.h"
#include "http/response.h"
#include "store/audit.h"
#include "store/members.h"
#include "store/sessions.h"
#include "store/tokens.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {
void show(http::Ctx& ctx, const std::string& error_field, const std::string& error_key, int status) {
    http::View v;
    if (!error_key.empty()) {
        v.set("error", ctx.t(error_key));
        v.set("error_" + error_field, true);
    }
    http::render_page(ctx, "account_password", std::move(v), ctx.t("account.link_password"), status);
}
}  // namespace

void account_password_form(http::Ctx& ctx) { show(ctx, "", "", 200); }

void account_password_submit(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = store::find_member(db, ctx.user->id);
    // Say what is missing before judging what was typed (issue 15).
    if (ctx.form.get("current").empty()) {
        show(ctx, "current", "front.account.current_missing", 422);
        return;
    }
    if (ctx.form.get("password").empty()) {
        show(ctx, "password", "front.account.password_missing", 422);
        return;
    }
    if (!auth::confirm_identity(ctx, *m, ctx.form.get("current"))) {
        show(ctx, "current", "account.current_password_wrong", 403);
        return;
    }
    std::string password = ctx.form.get("password");
    if (auto problem = auth::password_problem(password, m->name, m->email)) {
        show(ctx, "password", *problem, 422);
        return;
    }
    if (password != ctx.form.get("password_confirm")) {
        show(ctx, "password_confirm", "account.password_mismatch", 422);
        return;
    }
    std::string hash = auth::hash_password(ctx.app.hash_gate, password);
    db::Transaction tx(db);
    store::set_member_password(db, m->id, hash, ctx.now());
    // Whoever knew the old password is logged out everywhere else.
    store::delete_member_sessions(db, m->id, ctx.user->session_id);
    // A reset link asked before the change must not undo it.
    store::revoke_member_tokens(db, m->id, "reset", ctx.now());
    auth::notify_member(ctx.app, db, *m, "password_changed", ctx.now());
    store::audit(db, ctx.now(), m->id, m->name, "member.password_change", "member:" + std::to_string(m->id));
    tx.commit();
    http::redirect(ctx, "/account?done=password_changed");
}

}  // namespace chatiere::ui
