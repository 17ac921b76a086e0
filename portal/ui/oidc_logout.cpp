// /oidc/logout: RP-initiated logout (OIDC RP-Initiated Logout 1.0). The member confirms with
// a form (a link alone must not log anyone out), the portal session ends, clients with a
// back-channel URI are told, and the browser goes back to a registered post-logout URI.
#include <algorithm>

#include "app.h"
#include "auth/session.h"
#include "http/errors.h"
#include "http/response.h"
#include "oidc/provider.h"
#include "store/audit.h"
#include "ui/handlers.h"
#include "ui/oidc_common.h"

namespace chatiere::ui {

namespace {

struct LogoutRequest {
    std::optional<store::OidcClient> client;
    std::string post_logout_uri, state, id_token_hint;
};

LogoutRequest read_logout(http::Ctx& ctx, const http::Form& p) {
    for (const char* name : {"id_token_hint", "post_logout_redirect_uri", "state", "client_id"})
        if (p.all(name).size() > 1) throw http::HttpError(400, "oidc.bad_logout");
    LogoutRequest r;
    r.id_token_hint = p.get("id_token_hint");
    r.post_logout_uri = p.get("post_logout_redirect_uri");
    r.state = p.get("state");
    if (r.state.size() > 2048 || r.id_token_hint.size() > 8192) throw http::HttpError(400, "oidc.bad_logout");
    std::string client_id = p.get("client_id");
    if (!r.id_token_hint.empty()) {
        // An expired ID token is a fine hint; one we did not sign is not.
        auto claims = oidc::verify_own_token(ctx.db(), r.id_token_hint, ctx.now());
        if (!claims || claims->value("iss", "") != oidc_web::issuer(ctx)) throw http::HttpError(400, "oidc.bad_logout");
        std::string aud = (*claims)["aud"].is_string() ? (*claims)["aud"].get<std::string>() : "";
        if (!client_id.empty() && client_id != aud) throw http::HttpError(400, "oidc.bad_logout");
        client_id = aud;
    }
    if (!client_id.empty()) r.client = store::find_oidc_client(ctx.db(), client_id);
    if (!r.post_logout_uri.empty()) {
        const auto* uris = r.client ? &r.client->post_logout_uris : nullptr;
        if (!uris || std::find(uris->begin(), uris->end(), r.post_logout_uri) == uris->end())
            throw http::HttpError(400, "oidc.bad_post_logout_uri");
    }
    return r;
}

void leave(http::Ctx& ctx, const LogoutRequest& r, int status) {
    if (r.post_logout_uri.empty()) {
        http::redirect(ctx, "/login?done=logged_out", status);
        return;
    }
    std::string url = r.post_logout_uri;
    if (!r.state.empty())
        url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("state=") + http::percent_encode(r.state);
    ctx.res.status = status;
    ctx.res.set_header("Location", url);
}

}  // namespace

void oidc_logout_form(http::Ctx& ctx) {
    auto r = read_logout(ctx, ctx.query);
    if (!ctx.user) {
        leave(ctx, r, 302);
        return;
    }
    http::View v;
    http::View fields{http::View::type::list};
    for (const char* name : {"id_token_hint", "post_logout_redirect_uri", "state", "client_id"})
        if (auto value = ctx.query.find(name)) {
            http::View f;
            f.set("name", name);
            f.set("value", *value);
            fields.push_back(f);
        }
    v.set("fields", fields);
    if (r.client) v.set("client_name", r.client->name);
    if (!r.post_logout_uri.empty())
        ctx.res.set_header("Content-Security-Policy", http::content_security_policy(oidc_web::origin_of(r.post_logout_uri)));
    http::render_page(ctx, "oidc_logout", std::move(v), ctx.t("oidc.logout_title"));
}

void oidc_logout_submit(http::Ctx& ctx) {
    auto r = read_logout(ctx, ctx.form);
    if (ctx.user) {
        int64_t member = ctx.user->id;
        oidc::queue_backchannel_logout(ctx.db(), member, oidc_web::issuer(ctx), ctx.now());
        store::audit(ctx.db(), ctx.now(), member, ctx.user->login, "oidc.logout",
                     r.client ? "oidc_client:" + r.client->client_id : "");
        auth::end_session(ctx);
    }
    leave(ctx, r, 303);
}

}  // namespace chatiere::ui
