// /admin/api-tokens: tokens for monitoring tools (the write API): shown once, stored hashed,
// revocable.
#include "app.h"
#include "auth/random.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/api_tokens.h"
#include "store/audit.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

void show_tokens(http::Ctx& ctx, const std::string& new_token, const std::string& typed, const std::string& error,
                 int status) {
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& t : store::list_api_tokens(ctx.db())) {
        http::View item;
        item.set("name", t.name);
        item.set("created", ctx.format_datetime(t.created_at));
        if (t.last_used_at) item.set("last_used", ctx.format_datetime(*t.last_used_at));
        item.set("revoked", t.revoked_at.has_value());
        item.set("revoke_action", ctx.url("/admin/api-tokens/" + std::to_string(t.id) + "/revoke"));
        list.push_back(item);
    }
    v.set("tokens", list);
    v.set("has_tokens", !list.is_empty_list());
    if (!new_token.empty()) v.set("new_token", new_token);
    v.set("typed", typed);
    if (!error.empty()) v.set("error", ctx.t(error));
    v.set("api_base", ctx.absolute_url("/api/v2/incidents"));
    v.set("done", ctx.query.get("done") == "saved");
    ctx.res.set_header("Cache-Control", "no-store");
    http::render_page(ctx, "admin_api_tokens", std::move(v), ctx.t("status.admin.tokens_title"), status);
}

}  // namespace

void admin_api_tokens(http::Ctx& ctx) { show_tokens(ctx, "", "", "", 200); }

void admin_api_token_create(http::Ctx& ctx) {
    std::string name = ctx.form.get("name");
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (name.empty() || name.size() > 100 || name.find_first_of("\r\n") != std::string::npos) {
        show_tokens(ctx, "", name, name.empty() ? "status.error.required" : "status.error.too_long", 422);
        return;
    }
    std::string token = auth::random_token(32);
    auto& db = ctx.db();
    db::Transaction tx(db);
    int64_t id = store::create_api_token(db, name, auth::hash_token(token), ctx.user->id, ctx.now());
    store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), "api_token.create", "api_token:" + std::to_string(id), name);
    tx.commit();
    // Shown once, in this response only (never in a URL or a log).
    show_tokens(ctx, token, "", "", 201);
}

void admin_api_token_revoke(http::Ctx& ctx) {
    int64_t id = ctx.id_param();
    auto& db = ctx.db();
    db::Transaction tx(db);
    if (store::revoke_api_token(db, id, ctx.now()))
        store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), "api_token.revoke", "api_token:" + std::to_string(id), "");
    tx.commit();
    http::redirect(ctx, "/admin/api-tokens?done=saved");
}

}  // namespace chatiere::ui
