#pragma once
// What the OpenID Connect pages share: the issuer, the answer sent back to a client's
// redirect URI, CORS for the endpoints browsers call from other origins, and the widened
// form-action of pages on the way back to a client.
#include <string>
#include <string_view>

#include "http/context.h"
#include "oidc/request.h"
#include "store/oidc.h"

namespace chatiere::ui::oidc_web {

std::string issuer(const http::Ctx& ctx);

// The client and its registered redirect URI for this request; throws HttpError 400 (an
// error page, never a redirect) when the client is unknown or the URI not registered.
store::OidcClient client_for(http::Ctx& ctx, const oidc::AuthorizationRequest& req);

// Sends the browser to `redirect_uri` with `params` and the state and issuer (RFC 9207).
void answer_client(http::Ctx& ctx, const std::string& redirect_uri, const std::string& state, bool has_state,
                   std::vector<std::pair<std::string, std::string>> params, int status = 302);
void answer_error(http::Ctx& ctx, const oidc::AuthorizationRequest& req, const std::string& code,
                  const std::string& description);

// Access-Control-Allow-Origin: * (discovery, JWKS, userinfo: bearer tokens, no cookies).
void allow_cors(http::Ctx& ctx);

// "scheme://host[:port]" of a URI, "" when it has none.
std::string origin_of(std::string_view uri);

// For the log-in and second-factor pages: when `next` is an authorization request of a
// known client with a registered redirect URI, lets the form's redirects end there.
void allow_form_target_for_next(http::Ctx& ctx, std::string_view next);

}  // namespace chatiere::ui::oidc_web
