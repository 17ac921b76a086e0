#pragma once
// OpenID Connect provider storage (issue 17): clients, signing keys, codes, grants with their
// refresh and access tokens, consents, and the back-channel logout queue. Hashes only for
// every secret and token.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace chatiere::store {

struct OidcClient {
    int64_t id = 0;
    std::string client_id, name, secret_hash;
    std::vector<std::string> redirect_uris, post_logout_uris;
    std::string backchannel_logout_uri;
    std::optional<int64_t> service_id;
    std::string service_slug;  // filled when read, "" when none
    std::string group_slug;
    bool is_public = false;
    std::string auth_method = "basic";  // basic | post | none
    std::string alg = "RS256";          // RS256 | EdDSA
    int64_t created_at = 0;
};

int64_t insert_oidc_client(db::Database& db, const OidcClient& c, int64_t now);
std::optional<OidcClient> find_oidc_client(db::Database& db, std::string_view client_id);
std::optional<OidcClient> find_oidc_client_by_row(db::Database& db, int64_t id);
std::vector<OidcClient> list_oidc_clients(db::Database& db);
// Clients attached to a service (for "log in with your portal account").
std::vector<OidcClient> oidc_clients_of_service(db::Database& db, int64_t service_id);
bool delete_oidc_client(db::Database& db, std::string_view client_id);
void set_oidc_client_secret(db::Database& db, int64_t id, std::string_view secret_hash);

struct OidcKey {
    std::string kid, alg, private_key, public_jwk;
    int64_t created_at = 0;
    std::optional<int64_t> retired_at;
};
void insert_oidc_key(db::Database& db, const OidcKey& k);
// The signing key of `alg`: the newest one not retired.
std::optional<OidcKey> current_oidc_key(db::Database& db, std::string_view alg);
// Keys to publish: the current ones and those retired after `retired_after`.
std::vector<OidcKey> published_oidc_keys(db::Database& db, int64_t retired_after);
void retire_oidc_keys(db::Database& db, std::string_view alg, int64_t now);
// Removes retired keys no token can still need.
void delete_oidc_keys_retired_before(db::Database& db, int64_t before);

struct OidcCode {
    std::string code_hash;
    int64_t client_id = 0, member_id = 0;
    std::string redirect_uri, scope, nonce, code_challenge;
    int64_t auth_time = 0;
    std::string amr;
    int64_t created_at = 0, expires_at = 0;
    std::optional<int64_t> used_at, grant_id;
};
void insert_oidc_code(db::Database& db, const OidcCode& c);
std::optional<OidcCode> find_oidc_code(db::Database& db, std::string_view code_hash);
// Marks the code used by `grant_id`; false when it was used already (a race lost).
bool claim_oidc_code(db::Database& db, std::string_view code_hash, int64_t grant_id, int64_t now);
int delete_expired_oidc_codes(db::Database& db, int64_t now);

struct OidcGrant {
    int64_t id = 0, client_id = 0, member_id = 0;
    std::string scope;
    int64_t auth_time = 0;
    std::string amr;
    int64_t created_at = 0;
    std::optional<int64_t> revoked_at;
    std::string sid;
};
int64_t insert_oidc_grant(db::Database& db, const OidcGrant& g);
std::optional<OidcGrant> find_oidc_grant(db::Database& db, int64_t id);
void revoke_oidc_grant(db::Database& db, int64_t id, int64_t now);
// The sids of the member's live grants with one client.
std::vector<std::string> live_oidc_sids(db::Database& db, int64_t member_id, int64_t client_id);
// Revokes every live grant of the member (to one client when `client_id` is given); returns how many.
int revoke_member_oidc_grants(db::Database& db, int64_t member_id, std::optional<int64_t> client_id, int64_t now);

void insert_oidc_refresh_token(db::Database& db, std::string_view hash, int64_t grant_id, int64_t now,
                               int64_t expires_at);
struct OidcRefreshToken {
    std::string token_hash;
    int64_t grant_id = 0, created_at = 0, expires_at = 0;
    std::optional<int64_t> used_at;
};
std::optional<OidcRefreshToken> find_oidc_refresh_token(db::Database& db, std::string_view hash);
// Marks it used; false when it was used already.
bool claim_oidc_refresh_token(db::Database& db, std::string_view hash, int64_t now);

void insert_oidc_access_token(db::Database& db, std::string_view hash, int64_t grant_id, int64_t expires_at);
// The grant of a live access token (not expired, grant not revoked).
std::optional<OidcGrant> grant_of_access_token(db::Database& db, std::string_view hash, int64_t now);
int delete_expired_oidc_tokens(db::Database& db, int64_t now);

struct OidcConsent {
    int64_t client_id = 0;
    std::string client_name, scope;
    int64_t granted_at = 0;
};
std::optional<OidcConsent> find_oidc_consent(db::Database& db, int64_t member_id, int64_t client_id);
void save_oidc_consent(db::Database& db, int64_t member_id, int64_t client_id, std::string_view scope, int64_t now);
bool delete_oidc_consent(db::Database& db, int64_t member_id, int64_t client_id);
std::vector<OidcConsent> member_oidc_consents(db::Database& db, int64_t member_id);
// Clients the member holds a live grant or a consent with (to tell them at logout).
std::vector<int64_t> member_oidc_client_rows(db::Database& db, int64_t member_id);

struct OidcLogoutJob {
    int64_t id = 0, client_id = 0;
    std::string url, logout_token;
    int attempts = 0;
    int64_t next_attempt_at = 0;
    std::string last_error;
    std::optional<int64_t> delivered_at;
};
void queue_oidc_logout(db::Database& db, int64_t client_id, std::string_view url, std::string_view token,
                       int64_t now);
std::vector<OidcLogoutJob> due_oidc_logouts(db::Database& db, int64_t now, int limit);
void mark_oidc_logout_done(db::Database& db, int64_t id, int64_t now);
void mark_oidc_logout_failed(db::Database& db, int64_t id, std::string_view error, std::optional<int64_t> retry_at);
std::vector<OidcLogoutJob> list_oidc_logouts(db::Database& db, int limit);

}  // namespace chatiere::store

namespace chatiere::store {
// The member's `sub`, made (random) on first use.
std::string oidc_subject(db::Database& db, int64_t member_id, std::string_view new_sub_if_missing);
std::optional<int64_t> member_of_oidc_subject(db::Database& db, std::string_view sub);
}  // namespace chatiere::store
