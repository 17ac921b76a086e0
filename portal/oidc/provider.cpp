#include "oidc/provider.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "actions/membership.h"
#include "auth/random.h"
#include "http/form.h"
#include "net/post.h"
#include "net/target.h"
#include "oidc/jwt.h"
#include "store/audit.h"
#include "store/services.h"

namespace chatiere::oidc {

namespace {

std::string new_subject() { return auth::random_token(16); }

std::string subject_of(db::Database& db, int64_t member_id) { return store::oidc_subject(db, member_id, new_subject()); }

bool has_scope(const std::vector<std::string>& scopes, std::string_view s) {
    return std::find(scopes.begin(), scopes.end(), s) != scopes.end();
}

std::vector<std::string> split_scope(const std::string& s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        size_t j = s.find(' ', i);
        if (j == std::string::npos) j = s.size();
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

std::string client_target(const store::OidcClient& c) { return "oidc_client:" + c.client_id; }
std::string member_target(int64_t id) { return "member:" + std::to_string(id); }

// The claims about the member the scopes allow (OIDC Core §5.4), fresh from the database.
nlohmann::json member_claims(db::Database& db, const store::Member& m, const store::OidcClient& client,
                             const std::vector<std::string>& scopes) {
    nlohmann::json c;
    c["sub"] = subject_of(db, m.id);
    if (has_scope(scopes, "profile")) {
        std::string username = m.name;
        // On a client tied to a catalogue service, the member's identifier there when one is
        // recorded, so that accounts that exist on the service already map to the same person.
        if (client.service_id)
            for (const auto& s : store::member_services(db, m.id))
                if (s.service_id == *client.service_id && !s.identifier.empty()) username = s.identifier;
        c["preferred_username"] = username;
        c["name"] = m.shown_name();
    }
    if (has_scope(scopes, "email")) {
        c["email"] = m.email;
        c["email_verified"] = m.email_verified;
    }
    if (has_scope(scopes, "groups")) c["groups"] = groups_of(db, m);
    return c;
}

std::vector<std::string> amr_of(const std::string& amr) { return split_scope(amr); }

TokenResponse issue_tokens(db::Database& db, const store::OidcClient& client, const store::OidcGrant& grant,
                           const store::Member& m, const std::string& nonce, const std::string& issuer, int64_t now) {
    auto scopes = split_scope(grant.scope);
    std::string access = auth::random_token(32);
    std::string refresh = auth::random_token(32);
    store::insert_oidc_access_token(db, auth::hash_token(access), grant.id, now + kAccessTokenSeconds);
    store::insert_oidc_refresh_token(db, auth::hash_token(refresh), grant.id, now, now + kRefreshTokenSeconds);
    nlohmann::json id = member_claims(db, m, client, scopes);
    id["iss"] = issuer;
    id["aud"] = client.client_id;
    id["azp"] = client.client_id;
    id["iat"] = now;
    id["exp"] = now + kIdTokenSeconds;
    id["auth_time"] = grant.auth_time;
    auto amr = amr_of(grant.amr);
    id["amr"] = amr;
    id["acr"] = has_scope(amr, "otp") ? "mfa" : "pwd";
    if (!nonce.empty()) id["nonce"] = nonce;
    id["sid"] = grant.sid;
    TokenResponse r;
    r.body = {{"access_token", access},
              {"token_type", "Bearer"},
              {"expires_in", kAccessTokenSeconds},
              {"refresh_token", refresh},
              {"scope", grant.scope},
              {"id_token", sign(db, client.alg, id)}};
    return r;
}

void refuse(db::Database& db, int64_t now, const store::OidcClient& client, std::optional<int64_t> member_id,
            std::string_view why) {
    store::audit(db, now, std::nullopt, "", "oidc.refuse", client_target(client),
                 std::string(why) + (member_id ? " " + member_target(*member_id) : ""));
}

}  // namespace

// ---- the one rule ------------------------------------------------------------------------

std::vector<std::string> groups_of(db::Database& db, const store::Member& m) {
    std::vector<std::string> out;
    for (const auto& s : store::member_services(db, m.id)) out.push_back(s.slug);
    if (m.admin()) out.push_back(kAdminsGroup);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Decision may_use_client(db::Database& db, int64_t member_id, const store::OidcClient& client, int64_t now) {
    auto m = store::find_member(db, member_id);
    if (!m) return {false, "deleted"};
    if (m->status != domain::MemberStatus::Active) return {false, std::string(domain::to_string(m->status))};
    // Lapsed membership under the "sso" lapse effect (issue 18): data untouched, until renewal.
    if (auto why = actions::membership_sso_refusal(db, member_id, now); !why.empty()) return {false, why};
    if (!client.group_slug.empty()) {
        auto groups = groups_of(db, *m);
        if (std::find(groups.begin(), groups.end(), client.group_slug) == groups.end()) return {false, "not_in_group"};
    }
    return {true, ""};
}

void member_access_changed(db::Database& db, int64_t member_id, const std::string& issuer, int64_t now) {
    for (int64_t row : store::member_oidc_client_rows(db, member_id)) {
        auto client = store::find_oidc_client_by_row(db, row);
        if (!client) continue;
        auto d = may_use_client(db, member_id, *client, now);
        if (d) continue;
        queue_backchannel_logout(db, member_id, issuer, now, client->id);  // names the live sessions: first
        int n = store::revoke_member_oidc_grants(db, member_id, client->id, now);
        store::audit(db, now, std::nullopt, "", "oidc.revoke", client_target(*client),
                     member_target(member_id) + " " + d.reason + " (" + std::to_string(n) + " grants)");
    }
}

void member_deleted(db::Database& db, int64_t member_id, const std::string& issuer, int64_t now) {
    queue_backchannel_logout(db, member_id, issuer, now);
    int n = store::revoke_member_oidc_grants(db, member_id, std::nullopt, now);
    if (n) store::audit(db, now, std::nullopt, "", "oidc.revoke", member_target(member_id), "deleted (" + std::to_string(n) + " grants)");
}

std::string issuer_of(std::string_view base_url) {
    while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
    return std::string(base_url);
}

// ---- keys ----------------------------------------------------------------------------------

int ensure_keys(db::Database& db, int64_t now) {
    int made = 0;
    for (const char* alg : {"RS256", "EdDSA"}) {
        if (store::current_oidc_key(db, alg)) continue;
        auto k = generate_key(alg);
        store::insert_oidc_key(db, {k.kid, k.alg, k.private_key, k.public_jwk.dump(), now, std::nullopt});
        ++made;
    }
    return made;
}

std::vector<std::string> rotate_keys(db::Database& db, int64_t now) {
    std::vector<std::string> kids;
    db::Transaction tx(db);
    for (const char* alg : {"RS256", "EdDSA"}) {
        auto k = generate_key(alg);
        store::retire_oidc_keys(db, alg, now);
        store::insert_oidc_key(db, {k.kid, k.alg, k.private_key, k.public_jwk.dump(), now, std::nullopt});
        kids.push_back(k.kid);
    }
    store::audit(db, now, std::nullopt, "", "oidc.rotate_keys", "", kids[0] + " " + kids[1]);
    tx.commit();
    return kids;
}

nlohmann::json jwks(db::Database& db, int64_t now) {
    nlohmann::json keys = nlohmann::json::array();
    // A retired key signed ID and logout tokens up to its retirement: kept while they live.
    for (const auto& k : store::published_oidc_keys(db, now - std::max(kIdTokenSeconds, kLogoutTokenSeconds)))
        keys.push_back(nlohmann::json::parse(k.public_jwk));
    return {{"keys", keys}};
}

std::string sign(db::Database& db, std::string_view alg, const nlohmann::json& claims, std::string_view typ) {
    auto key = store::current_oidc_key(db, alg);
    if (!key) {
        ensure_keys(db, claims.value("iat", int64_t{0}));
        key = store::current_oidc_key(db, alg);
        if (!key) throw std::runtime_error("no OIDC signing key");
    }
    return sign_jwt(key->alg, key->kid, key->private_key, claims, typ);
}

std::optional<nlohmann::json> verify_own_token(db::Database& db, std::string_view token, int64_t now) {
    for (const auto& k : store::published_oidc_keys(db, now - std::max(kIdTokenSeconds, kLogoutTokenSeconds)))
        if (auto claims = verify_jwt(token, nlohmann::json::parse(k.public_jwk))) return claims;
    return std::nullopt;
}

// ---- clients -------------------------------------------------------------------------------

CreatedClient create_client(db::Database& db, const NewClient& in, std::optional<int64_t> actor_id,
                            std::string_view actor, int64_t now) {
    CreatedClient out;
    auto refuse_with = [&](std::string key, std::string value = {}) {
        out.error = std::move(key);
        out.error_value = std::move(value);
        return out;
    };
    if (in.name.empty() || in.name.size() > 200) return refuse_with("oidc.error_name");
    if (in.redirect_uris.empty()) return refuse_with("oidc.error_no_redirect");
    for (const auto& u : in.redirect_uris)
        if (!redirect_uri_problem(u).empty()) return refuse_with("oidc.error_redirect", u);
    for (const auto& u : in.post_logout_uris)
        if (!redirect_uri_problem(u).empty()) return refuse_with("oidc.error_redirect", u);
    if (!in.backchannel_logout_uri.empty() &&
        (!net::parse_http_url(in.backchannel_logout_uri) || in.backchannel_logout_uri.find('#') != std::string::npos))
        return refuse_with("oidc.error_backchannel", in.backchannel_logout_uri);
    if (in.alg != "RS256" && in.alg != "EdDSA") return refuse_with("oidc.error_alg", in.alg);
    if (!in.is_public && in.auth_method != "basic" && in.auth_method != "post")
        return refuse_with("oidc.error_auth", in.auth_method);
    store::OidcClient c;
    if (!in.service_slug.empty()) {
        auto s = store::find_service_by_slug(db, in.service_slug);
        if (!s) return refuse_with("oidc.error_service", in.service_slug);
        c.service_id = s->id;
    }
    if (!in.group_slug.empty() && in.group_slug != kAdminsGroup && !store::find_service_by_slug(db, in.group_slug))
        return refuse_with("oidc.error_group", in.group_slug);
    c.client_id = auth::random_credential(18);
    c.name = in.name;
    c.redirect_uris = in.redirect_uris;
    c.post_logout_uris = in.post_logout_uris;
    c.backchannel_logout_uri = in.backchannel_logout_uri;
    c.group_slug = in.group_slug;
    c.is_public = in.is_public;
    c.auth_method = in.is_public ? "none" : in.auth_method;
    c.alg = in.alg;
    if (!in.is_public) {
        out.client_secret = auth::random_credential(32);
        c.secret_hash = auth::hash_token(out.client_secret);
    }
    store::insert_oidc_client(db, c, now);
    store::audit(db, now, actor_id, actor, "oidc.client_add", client_target(c), c.name);
    out.client_id = c.client_id;
    return out;
}

std::string rotate_client_secret(db::Database& db, std::string_view client_id, std::optional<int64_t> actor_id,
                                 std::string_view actor, int64_t now) {
    auto c = store::find_oidc_client(db, client_id);
    if (!c || c->is_public) return "";
    std::string secret = auth::random_credential(32);
    store::set_oidc_client_secret(db, c->id, auth::hash_token(secret));
    store::audit(db, now, actor_id, actor, "oidc.client_rotate_secret", client_target(*c));
    return secret;
}

bool remove_client(db::Database& db, std::string_view client_id, std::optional<int64_t> actor_id,
                   std::string_view actor, int64_t now) {
    auto c = store::find_oidc_client(db, client_id);
    if (!c) return false;
    store::delete_oidc_client(db, client_id);
    store::audit(db, now, actor_id, actor, "oidc.client_remove", client_target(*c), c->name);
    return true;
}

bool client_secret_matches(const store::OidcClient& c, std::string_view secret) {
    if (c.is_public || c.secret_hash.empty() || secret.empty()) return false;
    return auth::same_secret(auth::hash_token(secret), c.secret_hash);
}

// ---- authorization -------------------------------------------------------------------------

std::string issue_code(db::Database& db, const store::OidcClient& client, const AuthorizationRequest& req,
                       const Authentication& a, int64_t now) {
    std::string code = auth::random_token(32);
    store::OidcCode c;
    c.code_hash = auth::hash_token(code);
    c.client_id = client.id;
    c.member_id = a.member_id;
    c.redirect_uri = req.redirect_uri;
    c.scope = req.scope_text();
    c.nonce = req.nonce;
    c.code_challenge = req.code_challenge;
    c.auth_time = a.auth_time;
    c.amr = a.second_factor ? "pwd otp" : "pwd";
    c.created_at = now;
    c.expires_at = now + kCodeSeconds;
    store::insert_oidc_code(db, c);
    store::audit(db, now, a.member_id, "", "oidc.code", client_target(client), c.scope);
    return code;
}

bool has_consent(db::Database& db, int64_t member_id, const store::OidcClient& client,
                 const std::vector<std::string>& scopes) {
    auto c = store::find_oidc_consent(db, member_id, client.id);
    if (!c) return false;
    auto given = split_scope(c->scope);
    return std::all_of(scopes.begin(), scopes.end(), [&](const std::string& s) { return has_scope(given, s); });
}

void give_consent(db::Database& db, int64_t member_id, const store::OidcClient& client,
                  const std::vector<std::string>& scopes, int64_t now) {
    // What was consented to before stays consented: asking for less later is no new question.
    std::set<std::string> all(scopes.begin(), scopes.end());
    if (auto old = store::find_oidc_consent(db, member_id, client.id))
        for (auto& s : split_scope(old->scope)) all.insert(s);
    std::string text;
    for (const auto& s : all) text += (text.empty() ? "" : " ") + s;
    store::save_oidc_consent(db, member_id, client.id, text, now);
    store::audit(db, now, member_id, "", "oidc.consent", client_target(client), text);
}

bool revoke_consent(db::Database& db, int64_t member_id, int64_t client_row, const std::string& issuer, int64_t now) {
    auto client = store::find_oidc_client_by_row(db, client_row);
    if (!client) return false;
    bool had = store::delete_oidc_consent(db, member_id, client->id);
    if (!had && store::live_oidc_sids(db, member_id, client->id).empty()) return false;
    queue_backchannel_logout(db, member_id, issuer, now, client->id);  // names the live sessions: first
    int n = store::revoke_member_oidc_grants(db, member_id, client->id, now);
    store::audit(db, now, member_id, "", "oidc.revoke", client_target(*client),
                 member_target(member_id) + " consent withdrawn (" + std::to_string(n) + " grants)");
    return true;
}

// ---- token endpoint ------------------------------------------------------------------------

TokenResponse token_error(int status, std::string_view code, std::string_view description) {
    TokenResponse r;
    r.status = status;
    r.body = {{"error", code}};
    if (!description.empty()) r.body["error_description"] = description;
    return r;
}

std::optional<store::OidcClient> authenticate_client(db::Database& db, const TokenRequest& req,
                                                     std::string_view authorization_header) {
    std::optional<std::pair<std::string, std::string>> basic;
    if (!authorization_header.empty()) {
        basic = parse_basic_credentials(authorization_header);
        if (!basic) return std::nullopt;
    }
    // RFC 6749 §2.3: one method per request.
    if (basic && req.has_client_secret) return std::nullopt;
    std::string id = basic ? basic->first : req.client_id;
    if (id.empty() || (basic && !req.client_id.empty() && req.client_id != id)) return std::nullopt;
    auto c = store::find_oidc_client(db, id);
    if (!c) {
        // Same work whether or not the client exists.
        auth::same_secret(auth::hash_token(basic ? basic->second : req.client_secret), auth::hash_token("-"));
        return std::nullopt;
    }
    if (c->is_public) return (basic || req.has_client_secret) ? std::nullopt : c;
    if (c->auth_method == "basic" && !basic) return std::nullopt;
    if (c->auth_method == "post" && (basic || !req.has_client_secret)) return std::nullopt;
    if (!client_secret_matches(*c, basic ? basic->second : req.client_secret)) return std::nullopt;
    return c;
}

TokenResponse exchange(db::Database& db, const store::OidcClient& client, const TokenRequest& req,
                       const std::string& issuer, int64_t now) {
    db::Transaction tx(db);
    auto done = [&](TokenResponse r) {
        tx.commit();  // refusals are audited and replays revoke: both must stay
        return r;
    };
    if (req.grant_type == "authorization_code") {
        auto code = store::find_oidc_code(db, auth::hash_token(req.code));
        if (!code || code->client_id != client.id) {
            refuse(db, now, client, std::nullopt, "unknown code");
            return done(token_error(400, "invalid_grant", "unknown code"));
        }
        if (code->used_at) {
            // RFC 6749 §4.1.2: a code used twice revokes what it was used for.
            if (code->grant_id) store::revoke_oidc_grant(db, *code->grant_id, now);
            store::audit(db, now, std::nullopt, "", "oidc.revoke", client_target(client),
                         member_target(code->member_id) + " code replayed");
            return done(token_error(400, "invalid_grant", "code already used"));
        }
        if (code->expires_at <= now) {
            refuse(db, now, client, code->member_id, "code expired");
            return done(token_error(400, "invalid_grant", "code expired"));
        }
        if (req.redirect_uri != code->redirect_uri) {
            refuse(db, now, client, code->member_id, "redirect_uri differs");
            return done(token_error(400, "invalid_grant", "redirect_uri differs from the authorization request"));
        }
        if (!code->code_challenge.empty() ? !pkce_matches(req.code_verifier, code->code_challenge)
                                          : !req.code_verifier.empty()) {
            refuse(db, now, client, code->member_id, "PKCE verifier wrong");
            return done(token_error(400, "invalid_grant", "code_verifier does not match"));
        }
        if (auto d = may_use_client(db, code->member_id, client, now); !d) {
            refuse(db, now, client, code->member_id, d.reason);
            return done(token_error(400, "invalid_grant", "the member may not use this client"));
        }
        store::OidcGrant g;
        g.client_id = client.id;
        g.member_id = code->member_id;
        g.scope = code->scope;
        g.auth_time = code->auth_time;
        g.amr = code->amr;
        g.created_at = now;
        g.sid = auth::random_token(16);
        g.id = store::insert_oidc_grant(db, g);
        if (!store::claim_oidc_code(db, code->code_hash, g.id, now)) {
            store::revoke_oidc_grant(db, g.id, now);
            return done(token_error(400, "invalid_grant", "code already used"));
        }
        auto m = store::find_member(db, code->member_id);
        auto r = issue_tokens(db, client, g, *m, code->nonce, issuer, now);
        store::audit(db, now, m->id, m->name, "oidc.grant", client_target(client), "grant:" + std::to_string(g.id));
        return done(std::move(r));
    }
    // refresh_token
    auto token = store::find_oidc_refresh_token(db, auth::hash_token(req.refresh_token));
    auto grant = token ? store::find_oidc_grant(db, token->grant_id) : std::nullopt;
    if (!token || !grant || grant->client_id != client.id) {
        refuse(db, now, client, std::nullopt, "unknown refresh token");
        return done(token_error(400, "invalid_grant", "unknown refresh token"));
    }
    if (token->used_at) {
        // Rotation with reuse detection: someone else holds a copy, end the whole family.
        store::revoke_oidc_grant(db, grant->id, now);
        store::audit(db, now, std::nullopt, "", "oidc.revoke", client_target(client),
                     member_target(grant->member_id) + " refresh token reused, grant:" + std::to_string(grant->id));
        return done(token_error(400, "invalid_grant", "refresh token already used"));
    }
    if (grant->revoked_at || token->expires_at <= now) {
        refuse(db, now, client, grant->member_id, grant->revoked_at ? "grant revoked" : "refresh token expired");
        return done(token_error(400, "invalid_grant", "refresh token no longer valid"));
    }
    auto scopes = split_scope(grant->scope);
    for (const auto& s : split_scope(req.scope))
        if (!has_scope(scopes, s)) return done(token_error(400, "invalid_scope", "more than was granted"));
    auto d = may_use_client(db, grant->member_id, client, now);
    if (d && !has_consent(db, grant->member_id, client, scopes)) d = {false, "no consent"};
    if (!d) {
        store::revoke_oidc_grant(db, grant->id, now);
        refuse(db, now, client, grant->member_id, d.reason);
        return done(token_error(400, "invalid_grant", "the member may not use this client"));
    }
    if (!store::claim_oidc_refresh_token(db, token->token_hash, now))
        return done(token_error(400, "invalid_grant", "refresh token already used"));
    auto m = store::find_member(db, grant->member_id);
    auto r = issue_tokens(db, client, *grant, *m, "", issuer, now);
    store::audit(db, now, m->id, m->name, "oidc.refresh", client_target(client), "grant:" + std::to_string(grant->id));
    return done(std::move(r));
}

// ---- userinfo ------------------------------------------------------------------------------

std::optional<nlohmann::json> userinfo(db::Database& db, std::string_view access_token, int64_t now) {
    auto grant = store::grant_of_access_token(db, auth::hash_token(access_token), now);
    if (!grant) return std::nullopt;
    auto client = store::find_oidc_client_by_row(db, grant->client_id);
    if (!client || !may_use_client(db, grant->member_id, *client, now)) return std::nullopt;
    auto scopes = split_scope(grant->scope);
    if (!has_consent(db, grant->member_id, *client, scopes)) return std::nullopt;
    auto m = store::find_member(db, grant->member_id);
    return member_claims(db, *m, *client, scopes);
}

// ---- logout --------------------------------------------------------------------------------

int queue_backchannel_logout(db::Database& db, int64_t member_id, const std::string& issuer, int64_t now,
                             std::optional<int64_t> only_client) {
    std::vector<int64_t> rows = only_client ? std::vector<int64_t>{*only_client} : store::member_oidc_client_rows(db, member_id);
    int queued = 0;
    for (int64_t row : rows) {
        auto client = store::find_oidc_client_by_row(db, row);
        if (!client || client->backchannel_logout_uri.empty()) continue;
        // Back-Channel Logout 1.0 §2.4: sub, and the sid of each live log-in (a client such as
        // Synapse ends only the sessions it knows by sid); the event, no nonce, a jti.
        auto sids = store::live_oidc_sids(db, member_id, client->id);
        if (sids.empty()) sids.push_back("");  // no live log-in: sub alone ends whatever is left
        for (const auto& sid : sids) {
            nlohmann::json claims = {
                {"iss", issuer},
                {"aud", client->client_id},
                {"iat", now},
                {"exp", now + kLogoutTokenSeconds},
                {"jti", auth::random_token(16)},
                {"sub", subject_of(db, member_id)},
                {"events", {{"http://schemas.openid.net/event/backchannel-logout", nlohmann::json::object()}}}};
            if (!sid.empty()) claims["sid"] = sid;
            store::queue_oidc_logout(db, client->id, client->backchannel_logout_uri,
                                     sign(db, client->alg, claims, "logout+jwt"), now);
            ++queued;
        }
        store::audit(db, now, std::nullopt, "", "oidc.backchannel_logout", client_target(*client),
                     member_target(member_id) + " (" + std::to_string(sids.size()) + " sessions)");
    }
    return queued;
}

int deliver_backchannel_logouts(db::Database& db, int64_t now, const PostForm& post, int limit) {
    // Attempts at 0, 5, 15, 35 and 75 seconds: within the logout token's two minutes.
    constexpr int kMaxAttempts = 5;
    int delivered = 0;
    for (const auto& job : store::due_oidc_logouts(db, now, limit)) {
        std::string error;
        try {
            error = post(job.url, "logout_token=" + http::percent_encode(job.logout_token));
        } catch (const std::exception& e) {
            error = e.what();
        }
        if (error.empty()) {
            store::mark_oidc_logout_done(db, job.id, now);
            ++delivered;
            continue;
        }
        int attempts = job.attempts + 1;
        std::optional<int64_t> retry;
        // The token itself expires: a late delivery is refused by the client, so retries stop
        // with its life (a new one is made if the member is refused again).
        if (attempts < kMaxAttempts) retry = now + (5LL << (attempts - 1));
        spdlog::warn("back-channel logout to {} failed: {}", job.url, error);
        store::mark_oidc_logout_failed(db, job.id, error.substr(0, 500), retry);
    }
    return delivered;
}

std::string http_post_form(const std::string& url, const std::string& body, bool allow_private) {
    return net::post_to_checked_address(url, {{"User-Agent", "Chatiere-OIDC"}, {"Cache-Control", "no-store"}}, body,
                                        "application/x-www-form-urlencoded", allow_private);
}

void expire(db::Database& db, int64_t now) {
    store::delete_expired_oidc_codes(db, now);
    store::delete_expired_oidc_tokens(db, now);
    store::delete_oidc_keys_retired_before(db, now - std::max(kIdTokenSeconds, kLogoutTokenSeconds) - 86400);
}

}  // namespace chatiere::oidc
