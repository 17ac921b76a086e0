#include "ui/oidc_common.h"

#include <algorithm>

#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "oidc/provider.h"
#include "store/audit.h"

namespace chatiere::ui::oidc_web {

std::string issuer(const http::Ctx& ctx) { return oidc::issuer_of(ctx.app.config.base_url); }

store::OidcClient client_for(http::Ctx& ctx, const oidc::AuthorizationRequest& req) {
    auto client = req.client_id.empty() ? std::nullopt : store::find_oidc_client(ctx.db(), req.client_id);
    if (!client) throw http::HttpError(400, "oidc.unknown_client");
    const auto& uris = client->redirect_uris;
    if (req.redirect_uri.empty() || std::find(uris.begin(), uris.end(), req.redirect_uri) == uris.end()) {
        store::audit(ctx.db(), ctx.now(), std::nullopt, "", "oidc.refuse", "oidc_client:" + client->client_id,
                     "unregistered redirect_uri");
        throw http::HttpError(400, "oidc.bad_redirect_uri");
    }
    return *client;
}

void answer_client(http::Ctx& ctx, const std::string& redirect_uri, const std::string& state, bool has_state,
                   std::vector<std::pair<std::string, std::string>> params, int status) {
    if (has_state) params.emplace_back("state", state);
    params.emplace_back("iss", issuer(ctx));
    std::string url = redirect_uri;
    char sep = url.find('?') == std::string::npos ? '?' : '&';
    for (const auto& [k, v] : params) {
        url += sep + http::percent_encode(k) + "=" + http::percent_encode(v);
        sep = '&';
    }
    ctx.res.status = status;
    ctx.res.set_header("Location", url);
    ctx.res.set_header("Cache-Control", "no-store");
}

void answer_error(http::Ctx& ctx, const oidc::AuthorizationRequest& req, const std::string& code,
                  const std::string& description) {
    std::vector<std::pair<std::string, std::string>> p{{"error", code}};
    if (!description.empty()) p.emplace_back("error_description", description);
    answer_client(ctx, req.redirect_uri, req.state, req.has_state, std::move(p));
}

void allow_cors(http::Ctx& ctx) {
    ctx.res.set_header("Access-Control-Allow-Origin", "*");
    ctx.res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    ctx.res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
    ctx.res.set_header("Access-Control-Max-Age", "600");
}

std::string origin_of(std::string_view uri) {
    auto scheme = uri.find("://");
    if (scheme == std::string_view::npos) return "";
    auto end = uri.find_first_of("/?#", scheme + 3);
    return std::string(uri.substr(0, end));
}

void allow_form_target_for_next(http::Ctx& ctx, std::string_view next) {
    constexpr std::string_view kPrefix = "/oidc/authorize?";
    if (next.rfind(kPrefix, 0) != 0) return;
    try {
        auto params = http::Form::parse_urlencoded(next.substr(kPrefix.size()), 100);
        auto client = store::find_oidc_client(ctx.db(), params.get("client_id"));
        std::string uri = params.get("redirect_uri");
        if (!client || std::find(client->redirect_uris.begin(), client->redirect_uris.end(), uri) == client->redirect_uris.end())
            return;
        std::string origin = origin_of(uri);
        // Only characters an origin can hold reach the header.
        if (origin.empty() || origin.find_first_of(" ;,'\"\r\n") != std::string::npos) return;
        ctx.res.set_header("Content-Security-Policy", http::content_security_policy(origin));
    } catch (const http::HttpError&) {
        // A malformed next is simply not widened.
    }
}

}  // namespace chatiere::ui::oidc_web
