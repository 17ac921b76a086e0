#pragma once
// OpenID Connect requests as the provider reads them, without HTTP: the authorization
// request's parameters, the token request's form, HTTP Basic client credentials, redirect
// URI rules and PKCE. Everything here takes untrusted text and is fuzzed (tests/fuzz).
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/form.h"

namespace chatiere::oidc {

// An OAuth error code (RFC 6749 §4.1.2.1, §5.2; OIDC Core §3.1.2.6) and a short description.
struct Error {
    std::string code, description;
};

// The scopes the provider knows; others are ignored (OIDC Core §3.1.2.1).
inline const std::set<std::string, std::less<>>& known_scopes() {
    static const std::set<std::string, std::less<>> s{"openid", "profile", "email", "groups", "offline_access"};
    return s;
}

struct AuthorizationRequest {
    std::string client_id, redirect_uri, response_type, state, nonce, code_challenge, code_challenge_method;
    std::vector<std::string> scopes;  // known scopes asked for, in a stable order, no duplicates
    std::set<std::string> prompt;     // none, login, consent, select_account
    std::optional<int64_t> max_age;
    bool has_state = false;
    // Set when the request is malformed; can be sent back to redirect_uri once client_id and
    // redirect_uri themselves are known to be good (they are checked against the client first).
    std::optional<Error> error;
    std::string scope_text() const;  // scopes joined by spaces
};

// Reads the parameters of /oidc/authorize (the query of a GET or the form of a POST).
AuthorizationRequest parse_authorization_request(const http::Form& params);

struct TokenRequest {
    std::string grant_type, code, redirect_uri, code_verifier, refresh_token, client_id, client_secret, scope;
    bool has_client_secret = false;
    std::optional<Error> error;
};

// Reads the form of POST /oidc/token.
TokenRequest parse_token_request(const http::Form& form);

// client_id and client_secret from an Authorization header "Basic base64(id:secret)", each
// form-urlencoded first (RFC 6749 §2.3.1). nullopt when the header is not that.
std::optional<std::pair<std::string, std::string>> parse_basic_credentials(std::string_view header);

// An access token from "Bearer TOKEN" (RFC 6750 §2.1); nullopt otherwise.
std::optional<std::string> parse_bearer(std::string_view header);

// Whether `uri` may be registered as a redirect (or post-logout) URI: absolute https, or http
// on a loopback host (RFC 8252 §7.3); no fragment, no user info. Empty string when fine,
// else the reason.
std::string redirect_uri_problem(std::string_view uri);

// RFC 7636: whether BASE64URL(SHA-256(verifier)) equals the S256 challenge (constant time).
bool pkce_matches(std::string_view verifier, std::string_view challenge);
// A verifier or challenge: 43 to 128 characters of [A-Za-z0-9-._~].
bool pkce_text_valid(std::string_view s);

}  // namespace chatiere::oidc
