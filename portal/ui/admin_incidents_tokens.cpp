// /admin/api-tokens (tokens for monitoring tools: shown once, stored hashed, revocable) and
// /admin/webhooks (URLs that get a signed JSON POST on every change; secret shown once).
#include "app.h"
#include "outbox/webhooks.h"
#include "auth/random.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/api_tokens.h"
#include "store/audit.h"
#include "store/webhooks.h"
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

void show_webhooks(http::Ctx& ctx, const std::string& new_secret, const std::string& typed, const std::string& error,
                   int status) {
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& w : store::list_webhooks(ctx.db(), false)) {
        http::View item;
        item.set("url", w.url);
        item.set("active", w.active);
        item.set("created", ctx.format_datetime(w.created_at));
        item.set("disable_action", ctx.url("/admin/webhooks/" + std::to_string(w.id) + "/disable"));
        list.push_back(item);
    }
    v.set("webhooks", list);
    v.set("has_webhooks", !list.is_empty_list());
    if (!new_secret.empty()) v.set("new_secret", new_secret);
    v.set("typed", typed);
    if (!error.empty()) v.set("error", ctx.t(error));
    v.set("done", ctx.query.get("done") == "saved");
    ctx.res.set_header("Cache-Control", "no-store");
    http::render_page(ctx, "admin_webhooks", std::move(v), ctx.t("status.admin.webhooks_title"), status);
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

void admin_webhooks(http::Ctx& ctx) { show_webhooks(ctx, "", "", "", 200); }

void admin_webhook_create(http::Ctx& ctx) {
    std::string url = ctx.form.get("url");
    while (!url.empty() && url.back() == ' ') url.pop_back();
    bool ok = (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) && url.size() <= 500 &&
              url.find_first_of(" \r\n\t<>\"") == std::string::npos && url.size() > 8;
    if (!ok) {
        show_webhooks(ctx, "", url, url.empty() ? "status.error.required" : "status.error.url", 422);
        return;
    }
    // An internal address is refused now when it can be seen without DNS; every delivery
    // checks the address it connects to anyway.
    if (auto problem = outbox::webhook_target_problem(url, ctx.app.config.webhook_allow_private, false);
        !problem.empty()) {
        show_webhooks(ctx, "", url, problem == "bad URL" ? "status.error.url" : "security.webhook_internal", 422);
        return;
    }
    std::string secret = auth::random_token(32);
    auto& db = ctx.db();
    db::Transaction tx(db);
    int64_t id = store::create_webhook(db, url, secret, ctx.now());
    store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), "webhook.create", "webhook:" + std::to_string(id), url);
    tx.commit();
    show_webhooks(ctx, secret, "", "", 201);
}

void admin_webhook_disable(http::Ctx& ctx) {
    int64_t id = ctx.id_param();
    auto& db = ctx.db();
    db::Transaction tx(db);
    if (store::deactivate_webhook(db, id))
        store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), "webhook.disable", "webhook:" + std::to_string(id), "");
    tx.commit();
    http::redirect(ctx, "/admin/webhooks?done=saved");
}

}  // namespace chatiere::ui
