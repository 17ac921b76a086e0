// The OpenID Connect endpoints clients call directly: discovery, JWKS, token, userinfo.
#include <spdlog/spdlog.h>

#include "app.h"
#include "auth/throttle.h"
#include "http/errors.h"
#include "http/response.h"
#include "oidc/provider.h"
#include "store/audit.h"
#include "ui/handlers.h"
#include "ui/oidc_common.h"

namespace chatiere::ui {

void oidc_discovery(http::Ctx& ctx) {
    oidc_web::allow_cors(ctx);
    std::string iss = oidc_web::issuer(ctx);
    nlohmann::json d = {
        {"issuer", iss},
        {"authorization_endpoint", iss + "/oidc/authorize"},
        {"token_endpoint", iss + "/oidc/token"},
        {"userinfo_endpoint", iss + "/oidc/userinfo"},
        {"jwks_uri", iss + "/oidc/jwks"},
        {"end_session_endpoint", iss + "/oidc/logout"},
        {"response_types_supported", {"code"}},
        {"response_modes_supported", {"query"}},
        {"grant_types_supported", {"authorization_code", "refresh_token"}},
        {"subject_types_supported", {"public"}},
        {"id_token_signing_alg_values_supported", {"RS256", "EdDSA"}},
        {"scopes_supported", {"openid", "profile", "email", "groups", "offline_access"}},
        {"claims_supported",
         {"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "azp", "sid", "preferred_username",
          "name", "email", "email_verified", "groups"}},
        {"acr_values_supported", {"pwd", "mfa"}},
        {"token_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post", "none"}},
        {"code_challenge_methods_supported", {"S256"}},
        {"prompt_values_supported", {"none", "login", "consent", "select_account"}},
        {"authorization_response_iss_parameter_supported", true},
        {"backchannel_logout_supported", true},
        {"backchannel_logout_session_supported", true},
        {"claims_parameter_supported", false},
        {"request_parameter_supported", false},
        {"request_uri_parameter_supported", false},
        {"ui_locales_supported", {"fr", "en"}},
    };
    ctx.res.set_header("Cache-Control", "public, max-age=300");
    http::send_json(ctx, d);
}

void oidc_jwks(http::Ctx& ctx) {
    oidc_web::allow_cors(ctx);
    auto& db = ctx.db();
    oidc::ensure_keys(db, ctx.now());
    // Never from the page cache: right after `oidc rotate-keys` a client that meets the new kid
    // fetches the set again and must find it.
    ctx.res.set_header("Cache-Control", "no-store");
    http::send_json(ctx, oidc::jwks(db, ctx.now()));
}

void oidc_preflight(http::Ctx& ctx) {
    oidc_web::allow_cors(ctx);
    ctx.res.status = 204;
}

void oidc_token(http::Ctx& ctx) {
    ctx.res.set_header("Cache-Control", "no-store");
    ctx.res.set_header("Pragma", "no-cache");
    auto send = [&](const oidc::TokenResponse& r) { http::send_json(ctx, r.body, r.status); };
    auto req = oidc::parse_token_request(ctx.form);
    const std::string& authorization = ctx.req.get_header_value("Authorization");
    // The throttle counts per client, named either way; an unnamed request by address.
    std::string key = req.client_id;
    if (auto basic = oidc::parse_basic_credentials(authorization)) key = basic->first;
    key = key.empty() ? "addr:" + ctx.client_address() : "client:" + key.substr(0, 128);
    auto now = ctx.now();
    if (auto wait = ctx.app.oidc_token_by_client.wait(key, now)) {
        ctx.res.set_header("Retry-After", std::to_string(*wait));
        send(oidc::token_error(429, "slow_down", "too many failed requests for this client"));
        return;
    }
    auto& db = ctx.db();
    auto client = oidc::authenticate_client(db, req, authorization);
    if (!client) {
        ctx.app.oidc_token_by_client.failure(key, now);
        store::audit(db, now, std::nullopt, "", "oidc.refuse", key, "client authentication failed");
        if (!authorization.empty()) ctx.res.set_header("WWW-Authenticate", "Basic realm=\"oidc\"");
        send(oidc::token_error(401, "invalid_client", "client authentication failed"));
        return;
    }
    if (req.error) {
        ctx.app.oidc_token_by_client.failure(key, now);
        send(oidc::token_error(400, req.error->code, req.error->description));
        return;
    }
    auto r = oidc::exchange(db, *client, req, oidc_web::issuer(ctx), now);
    if (r.status >= 400) ctx.app.oidc_token_by_client.failure(key, now);
    send(r);
}

void oidc_userinfo(http::Ctx& ctx) {
    oidc_web::allow_cors(ctx);
    ctx.res.set_header("Cache-Control", "no-store");
    auto token = oidc::parse_bearer(ctx.req.get_header_value("Authorization"));
    // RFC 6750 §2.2: in a form body too, never in the query.
    if (!token && ctx.req.method == "POST" && ctx.form.has("access_token")) token = ctx.form.get("access_token");
    auto claims = token ? oidc::userinfo(ctx.db(), *token, ctx.now()) : std::nullopt;
    if (!claims) {
        ctx.res.set_header("WWW-Authenticate", token ? "Bearer error=\"invalid_token\"" : "Bearer");
        http::send_json(ctx, {{"error", token ? "invalid_token" : "invalid_request"}}, 401);
        return;
    }
    http::send_json(ctx, *claims);
}

}  // namespace chatiere::ui
