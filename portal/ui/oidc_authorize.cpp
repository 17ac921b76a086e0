// /oidc/authorize (OIDC Core §3.1.2) and the consent form it may show: the member logs in with
// the portal's own log-in, says once what the client may receive, and goes back to the client
// with a code.
#include <spdlog/spdlog.h>

#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "oidc/provider.h"
#include "store/audit.h"
#include "store/sessions.h"
#include "ui/handlers.h"
#include "ui/oidc_common.h"

namespace chatiere::ui {

namespace {

using oidc::AuthorizationRequest;

// The authorization request again as a query, minus what the log-in just satisfied (a forced
// log-in or a maximum age), so that coming back from the log-in does not ask again.
std::string query_without_reauth(const http::Form& query) {
    std::string out;
    for (const auto& [k, v] : query.fields()) {
        std::string value = v;
        if (k == "max_age") continue;
        if (k == "prompt") {
            std::string kept;
            size_t i = 0;
            while (i < v.size()) {
                size_t j = v.find(' ', i);
                if (j == std::string::npos) j = v.size();
                std::string word = v.substr(i, j - i);
                if (!word.empty() && word != "login") kept += (kept.empty() ? "" : " ") + word;
                i = j + 1;
            }
            if (kept.empty()) continue;
            value = kept;
        }
        out += (out.empty() ? "" : "&") + http::percent_encode(k) + "=" + http::percent_encode(value);
    }
    return out;
}

oidc::Authentication authentication(http::Ctx& ctx) {
    oidc::Authentication a;
    a.member_id = ctx.user->id;
    a.second_factor = ctx.user->has_totp;  // the log-in asks for it whenever it is set up
    a.auth_time = ctx.now();
    for (const auto& s : store::member_sessions(ctx.db(), ctx.user->id))
        if (s.id == ctx.user->session_id) a.auth_time = s.created_at;
    return a;
}

std::string scope_label_key(const std::string& scope) { return "oidc.scope_" + scope; }

void show_consent(http::Ctx& ctx, const store::OidcClient& client, const AuthorizationRequest& req) {
    http::View v;
    v.set("client_name", client.name);
    v.set("member", ctx.user->name);
    http::View shares{http::View::type::list};
    for (const auto& s : req.scopes) {
        if (s == "offline_access") continue;
        http::View item;
        item.set("label", ctx.t(scope_label_key(s)));
        shares.push_back(item);
    }
    v.set("shares", shares);
    v.set("redirect_host", oidc_web::origin_of(req.redirect_uri));
    // The request travels in the form: nothing is kept on the server before the member answers.
    http::View fields{http::View::type::list};
    auto add = [&](const char* name, const std::string& value) {
        http::View f;
        f.set("name", name);
        f.set("value", value);
        fields.push_back(f);
    };
    add("client_id", req.client_id);
    add("redirect_uri", req.redirect_uri);
    add("response_type", req.response_type);
    add("scope", req.scope_text());
    if (req.has_state) add("state", req.state);
    if (!req.nonce.empty()) add("nonce", req.nonce);
    if (!req.code_challenge.empty()) {
        add("code_challenge", req.code_challenge);
        add("code_challenge_method", req.code_challenge_method);
    }
    v.set("fields", fields);
    ctx.res.set_header("Content-Security-Policy", http::content_security_policy(oidc_web::origin_of(req.redirect_uri)));
    http::render_page(ctx, "oidc_consent", std::move(v), ctx.t("oidc.consent_title", {{"client", client.name}}));
}

// Checks shared by the request and the consent answer; false when an answer was sent.
bool request_usable(http::Ctx& ctx, const store::OidcClient& client, const AuthorizationRequest& req) {
    if (req.error) {
        oidc_web::answer_error(ctx, req, req.error->code, req.error->description);
        return false;
    }
    if (client.is_public && req.code_challenge.empty()) {
        oidc_web::answer_error(ctx, req, "invalid_request", "PKCE (S256) is required for public clients");
        return false;
    }
    return true;
}

bool member_allowed(http::Ctx& ctx, const store::OidcClient& client, const AuthorizationRequest& req) {
    auto d = oidc::may_use_client(ctx.db(), ctx.user->id, client, ctx.now());
    if (d) return true;
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "oidc.refuse", "oidc_client:" + client.client_id,
                 d.reason);
    oidc_web::answer_error(ctx, req, "access_denied", "this account may not use this application");
    return false;
}

void send_code(http::Ctx& ctx, const store::OidcClient& client, const AuthorizationRequest& req, int status) {
    std::string code = oidc::issue_code(ctx.db(), client, req, authentication(ctx), ctx.now());
    oidc_web::answer_client(ctx, req.redirect_uri, req.state, req.has_state, {{"code", code}}, status);
}

}  // namespace

void oidc_authorize(http::Ctx& ctx) {
    auto req = oidc::parse_authorization_request(ctx.query);
    auto client = oidc_web::client_for(ctx, req);
    if (!request_usable(ctx, client, req)) return;
    const bool none = req.prompt.count("none") > 0;
    auto now = ctx.now();
    bool must_log_in = !ctx.user || req.prompt.count("login");
    if (ctx.user && !must_log_in && req.max_age && now - authentication(ctx).auth_time > *req.max_age) must_log_in = true;
    if (must_log_in) {
        if (none) {
            oidc_web::answer_error(ctx, req, "login_required", "");
            return;
        }
        std::string next = "/oidc/authorize?" + query_without_reauth(ctx.query);
        http::redirect(ctx, "/login?" + std::string(ctx.user ? "reauth=1&" : "") + "next=" + http::percent_encode(next), 302);
        return;
    }
    if (!member_allowed(ctx, client, req)) return;
    if (req.prompt.count("consent") || !oidc::has_consent(ctx.db(), ctx.user->id, client, req.scopes)) {
        if (none) {
            oidc_web::answer_error(ctx, req, "consent_required", "");
            return;
        }
        show_consent(ctx, client, req);
        return;
    }
    send_code(ctx, client, req, 302);
}

void oidc_consent(http::Ctx& ctx) {
    if (!ctx.user) throw http::HttpError(401, "error.login_needed");
    auto req = oidc::parse_authorization_request(ctx.form);
    auto client = oidc_web::client_for(ctx, req);
    if (!request_usable(ctx, client, req)) return;
    if (!member_allowed(ctx, client, req)) return;
    if (ctx.form.get("decision") != "allow") {
        store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "oidc.refuse", "oidc_client:" + client.client_id,
                     "consent declined");
        oidc_web::answer_client(ctx, req.redirect_uri, req.state, req.has_state,
                                {{"error", "access_denied"}, {"error_description", "the member declined"}}, 303);
        return;
    }
    oidc::give_consent(ctx.db(), ctx.user->id, client, req.scopes, ctx.now());
    send_code(ctx, client, req, 303);
}

}  // namespace chatiere::ui
