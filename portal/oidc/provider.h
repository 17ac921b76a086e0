#pragma once
// What the OpenID Connect provider does, over the database and the clock: who may use which
// client, codes, tokens, claims, consents, keys, clients and back-channel logout. No HTTP
// here: ui/oidc_*.cpp and cli/oidc.cpp are the adapters.
#include <nlohmann/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "oidc/access.h"
#include "oidc/request.h"
#include "store/members.h"
#include "store/oidc.h"

namespace chatiere::oidc {

constexpr int64_t kCodeSeconds = 60;
constexpr int64_t kAccessTokenSeconds = 300;
constexpr int64_t kIdTokenSeconds = 600;
constexpr int64_t kRefreshTokenSeconds = 30 * 86400;
constexpr int64_t kLogoutTokenSeconds = 120;
// The group every admin is in; no service may take this slug.
inline constexpr const char* kAdminsGroup = "admins";

// ---- keys ----------------------------------------------------------------------------------

// Makes the RS256 and EdDSA signing keys when missing (init, migrate, serve). Returns how many were made.
int ensure_keys(db::Database& db, int64_t now);
// New keys for both algorithms; the old ones stay in the JWKS until their tokens expire.
std::vector<std::string> rotate_keys(db::Database& db, int64_t now);
// The JWKS document.
nlohmann::json jwks(db::Database& db, int64_t now);
// Signs `claims` with the current key of `alg`.
std::string sign(db::Database& db, std::string_view alg, const nlohmann::json& claims, std::string_view typ = "JWT");
// Verifies a token signed by one of the published keys; its claims, or nullopt.
std::optional<nlohmann::json> verify_own_token(db::Database& db, std::string_view token, int64_t now);

// ---- clients -------------------------------------------------------------------------------

struct NewClient {
    std::string name;
    std::vector<std::string> redirect_uris, post_logout_uris;
    std::string backchannel_logout_uri, service_slug, group_slug;
    bool is_public = false;
    std::string auth_method = "basic";  // basic | post (ignored for public clients)
    std::string alg = "RS256";
};
struct CreatedClient {
    std::string client_id, client_secret;  // secret empty for a public client
    // When refused (nothing created): a message key of web/i18n/*/oidc.toml, and its {value}
    // (the URI or slug at fault), for the admin's page and the command line alike.
    std::string error;
    std::string error_value;
};
CreatedClient create_client(db::Database& db, const NewClient& c, std::optional<int64_t> actor_id,
                            std::string_view actor, int64_t now);
// A new secret for a confidential client; "" when there is no such client or it is public.
std::string rotate_client_secret(db::Database& db, std::string_view client_id, std::optional<int64_t> actor_id,
                                 std::string_view actor, int64_t now);
bool remove_client(db::Database& db, std::string_view client_id, std::optional<int64_t> actor_id,
                   std::string_view actor, int64_t now);
// Constant-time check of a presented secret against the stored hash.
bool client_secret_matches(const store::OidcClient& c, std::string_view secret);

// ---- authorization -------------------------------------------------------------------------

// How the member logged in to the portal, for auth_time and amr.
struct Authentication {
    int64_t member_id = 0;
    int64_t auth_time = 0;
    bool second_factor = false;
};

// A code for the request (its consent already settled); audited.
std::string issue_code(db::Database& db, const store::OidcClient& client, const AuthorizationRequest& req,
                       const Authentication& auth, int64_t now);

// Whether the member has consented to at least these scopes for this client.
bool has_consent(db::Database& db, int64_t member_id, const store::OidcClient& client, const std::vector<std::string>& scopes);
void give_consent(db::Database& db, int64_t member_id, const store::OidcClient& client,
                  const std::vector<std::string>& scopes, int64_t now);
// The member withdraws a client: consent gone, its tokens revoked; audited. False if none.
bool revoke_consent(db::Database& db, int64_t member_id, int64_t client_row, const std::string& issuer, int64_t now);

// ---- token endpoint ------------------------------------------------------------------------

struct TokenResponse {
    int status = 200;
    nlohmann::json body;
};
// The client authenticated by the request (Basic header or form, as registered; a public
// client by client_id alone). nullopt: invalid_client.
std::optional<store::OidcClient> authenticate_client(db::Database& db, const TokenRequest& req,
                                                     std::string_view authorization_header);
TokenResponse exchange(db::Database& db, const store::OidcClient& client, const TokenRequest& req,
                       const std::string& issuer, int64_t now);
TokenResponse token_error(int status, std::string_view code, std::string_view description);

// ---- userinfo ------------------------------------------------------------------------------

// The claims for a live access token, or nullopt (expired, revoked, member may no longer use
// the client, consent withdrawn).
std::optional<nlohmann::json> userinfo(db::Database& db, std::string_view access_token, int64_t now);

// ---- logout --------------------------------------------------------------------------------

// Queues a back-channel logout token for each client of the member that registered a
// back-channel URI (all of them, or only `only_client`). Returns how many were queued.
int queue_backchannel_logout(db::Database& db, int64_t member_id, const std::string& issuer, int64_t now,
                             std::optional<int64_t> only_client = std::nullopt);
// Delivers due logout tokens with `post(url, form_body)` returning "" on success or the
// error; retries with backoff, then gives up (kept for the admin).
using PostForm = std::function<std::string(const std::string& url, const std::string& body)>;
int deliver_backchannel_logouts(db::Database& db, int64_t now, const PostForm& post, int limit = 50);
// POSTs a form to a client's back-channel URI (resolving once, internal addresses refused
// unless `allow_private`).
std::string http_post_form(const std::string& url, const std::string& body, bool allow_private);

// Removes expired codes and tokens and keys no longer published.
void expire(db::Database& db, int64_t now);

}  // namespace chatiere::oidc
