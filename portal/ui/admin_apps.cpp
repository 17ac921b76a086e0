// /admin/apps: the OpenID Connect clients (relying parties) — list, add (the secret shown
// once), new secret, remove. The same actions as `chatiere oidc client …`.
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "oidc/provider.h"
#include "store/services.h"
#include "ui/handlers.h"
#include "ui/oidc_common.h"

namespace chatiere::ui {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i <= text.size()) {
        size_t j = text.find('\n', i);
        if (j == std::string::npos) j = text.size();
        std::string line = text.substr(i, j - i);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        while (!line.empty() && line.front() == ' ') line.erase(0, 1);
        if (!line.empty()) out.push_back(line);
        i = j + 1;
    }
    return out;
}

void show_apps(http::Ctx& ctx, const oidc::CreatedClient* created, const std::string& error, int status) {
    auto& db = ctx.db();
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& c : store::list_oidc_clients(db)) {
        http::View item;
        item.set("name", c.name);
        item.set("client_id", c.client_id);
        std::string uris;
        for (const auto& u : c.redirect_uris) uris += (uris.empty() ? "" : " ") + u;
        item.set("redirect_uris", uris);
        item.set("service", c.service_slug);
        item.set("group", c.group_slug);
        item.set("public", c.is_public);
        item.set("alg", c.alg);
        item.set("backchannel", !c.backchannel_logout_uri.empty());
        item.set("created", ctx.format_datetime(c.created_at));
        item.set("remove_action", ctx.url("/admin/apps/" + c.client_id + "/remove"));
        item.set("rotate_action", ctx.url("/admin/apps/" + c.client_id + "/rotate-secret"));
        list.push_back(item);
    }
    v.set("apps", list);
    v.set("has_apps", !list.is_empty_list());
    http::View services{http::View::type::list};
    for (const auto& s : store::list_services(db, true, true)) {
        http::View item;
        item.set("slug", s.slug);
        item.set("name", s.name);
        services.push_back(item);
    }
    v.set("services", services);
    v.set("issuer", oidc_web::issuer(ctx));
    v.set("discovery", oidc_web::issuer(ctx) + "/.well-known/openid-configuration");
    if (created) {
        v.set("new_client_id", created->client_id);
        if (!created->client_secret.empty()) v.set("new_secret", created->client_secret);
    }
    if (!error.empty()) v.set("error", error);
    const auto& done = ctx.query.get("done");
    if (done == "removed") v.set("notice", ctx.t("oidc.admin_removed"));
    ctx.res.set_header("Cache-Control", "no-store");
    http::render_page(ctx, "admin_apps", std::move(v), ctx.t("oidc.admin_title"), status);
}

std::string actor(const http::Ctx& ctx) { return ctx.user->login; }

}  // namespace

void admin_apps(http::Ctx& ctx) { show_apps(ctx, nullptr, "", 200); }

void admin_app_create(http::Ctx& ctx) {
    oidc::NewClient c;
    c.name = ctx.form.get("name");
    c.redirect_uris = lines_of(ctx.form.get("redirect_uris"));
    c.post_logout_uris = lines_of(ctx.form.get("post_logout_uris"));
    c.backchannel_logout_uri = ctx.form.get("backchannel_logout_uri");
    c.service_slug = ctx.form.get("service");
    c.group_slug = ctx.form.get("group");
    c.is_public = ctx.form.get("public") == "1";
    c.auth_method = ctx.form.get("auth") == "post" ? "post" : "basic";
    c.alg = ctx.form.get("alg") == "EdDSA" ? "EdDSA" : "RS256";
    auto created = oidc::create_client(ctx.db(), c, ctx.user->id, actor(ctx), ctx.now());
    if (!created.error.empty()) {
        show_apps(ctx, nullptr, ctx.t(created.error, {{"value", created.error_value}}), 422);
        return;
    }
    show_apps(ctx, &created, "", 201);
}

void admin_app_rotate_secret(http::Ctx& ctx) {
    oidc::CreatedClient c;
    c.client_id = ctx.param("client_id");
    c.client_secret = oidc::rotate_client_secret(ctx.db(), c.client_id, ctx.user->id, actor(ctx), ctx.now());
    if (c.client_secret.empty()) throw http::HttpError(404);
    show_apps(ctx, &c, "", 200);
}

void admin_app_remove(http::Ctx& ctx) {
    if (!oidc::remove_client(ctx.db(), ctx.param("client_id"), ctx.user->id, actor(ctx), ctx.now()))
        throw http::HttpError(404);
    http::redirect(ctx, "/admin/apps?done=removed");
}

}  // namespace chatiere::ui
