// /admin/webhooks: URLs that get a signed JSON POST on every incident change; secret shown once.
#include "app.h"
#include "auth/random.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "outbox/webhooks.h"
#include "store/audit.h"
#include "store/webhooks.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

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
