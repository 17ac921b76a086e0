#include "store/oidc.h"

namespace chatiere::store {

namespace {

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t end = s.find('\n', start);
        if (end == std::string::npos) end = s.size();
        if (end > start) out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::string join_lines(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty()) out += '\n';
        out += s;
    }
    return out;
}

constexpr const char* kClientColumns =
    "c.id, c.client_id, c.name, c.secret_hash, c.redirect_uris, c.post_logout_uris, c.backchannel_logout_uri, "
    "c.service_id, COALESCE(s.slug, ''), c.group_slug, c.public, c.auth_method, c.alg, c.created_at "
    "FROM oidc_clients c LEFT JOIN services s ON s.id = c.service_id ";

OidcClient read_client(db::Query& q) {
    OidcClient c;
    c.id = q.i64(0);
    c.client_id = q.text(1);
    c.name = q.text(2);
    c.secret_hash = q.text(3);
    c.redirect_uris = split_lines(q.text(4));
    c.post_logout_uris = split_lines(q.text(5));
    c.backchannel_logout_uri = q.text(6);
    c.service_id = q.opt_i64(7);
    c.service_slug = q.text(8);
    c.group_slug = q.text(9);
    c.is_public = q.i64(10) != 0;
    c.auth_method = q.text(11);
    c.alg = q.text(12);
    c.created_at = q.i64(13);
    return c;
}

std::vector<OidcClient> read_clients(db::Query& q) {
    std::vector<OidcClient> out;
    while (q.step()) out.push_back(read_client(q));
    return out;
}

OidcGrant read_grant(db::Query& q) {
    return {q.i64(0), q.i64(1), q.i64(2), q.text(3), q.i64(4), q.text(5), q.i64(6), q.opt_i64(7), q.text(8)};
}
constexpr const char* kGrantColumns =
    "g.id, g.client_id, g.member_id, g.scope, g.auth_time, g.amr, g.created_at, g.revoked_at, g.sid ";

}  // namespace

int64_t insert_oidc_client(db::Database& db, const OidcClient& c, int64_t now) {
    db.prepare(
          "INSERT INTO oidc_clients (client_id, name, secret_hash, redirect_uris, post_logout_uris, "
          "backchannel_logout_uri, service_id, group_slug, public, auth_method, alg, created_at) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(c.client_id, c.name, c.secret_hash, join_lines(c.redirect_uris), join_lines(c.post_logout_uris),
              c.backchannel_logout_uri, c.service_id, c.group_slug, c.is_public, c.auth_method, c.alg, now)
        .run();
    return db.last_insert_id();
}

std::optional<OidcClient> find_oidc_client(db::Database& db, std::string_view client_id) {
    auto q = db.prepare(std::string("SELECT ") + kClientColumns + "WHERE c.client_id = ?");
    q.bind(client_id);
    if (q.step()) return read_client(q);
    return std::nullopt;
}

std::optional<OidcClient> find_oidc_client_by_row(db::Database& db, int64_t id) {
    auto q = db.prepare(std::string("SELECT ") + kClientColumns + "WHERE c.id = ?");
    q.bind(id);
    if (q.step()) return read_client(q);
    return std::nullopt;
}

std::vector<OidcClient> list_oidc_clients(db::Database& db) {
    auto q = db.prepare(std::string("SELECT ") + kClientColumns + "ORDER BY c.name COLLATE NOCASE, c.id");
    return read_clients(q);
}

std::vector<OidcClient> oidc_clients_of_service(db::Database& db, int64_t service_id) {
    auto q = db.prepare(std::string("SELECT ") + kClientColumns + "WHERE c.service_id = ? ORDER BY c.id");
    q.bind(service_id);
    return read_clients(q);
}

bool delete_oidc_client(db::Database& db, std::string_view client_id) {
    db.prepare("DELETE FROM oidc_clients WHERE client_id = ?").bind(client_id).run();
    return db.changes() > 0;
}

void set_oidc_client_secret(db::Database& db, int64_t id, std::string_view secret_hash) {
    db.prepare("UPDATE oidc_clients SET secret_hash = ? WHERE id = ?").bind(secret_hash, id).run();
}

void insert_oidc_key(db::Database& db, const OidcKey& k) {
    db.prepare("INSERT INTO oidc_keys (kid, alg, private_key, public_jwk, created_at) VALUES (?,?,?,?,?)")
        .bind(k.kid, k.alg, k.private_key, k.public_jwk, k.created_at)
        .run();
}

std::optional<OidcKey> current_oidc_key(db::Database& db, std::string_view alg) {
    auto q = db.prepare(
        "SELECT kid, alg, private_key, public_jwk, created_at, retired_at FROM oidc_keys "
        "WHERE alg = ? AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1");
    q.bind(alg);
    if (q.step()) return OidcKey{q.text(0), q.text(1), q.text(2), q.text(3), q.i64(4), q.opt_i64(5)};
    return std::nullopt;
}

std::vector<OidcKey> published_oidc_keys(db::Database& db, int64_t retired_after) {
    auto q = db.prepare(
        "SELECT kid, alg, '', public_jwk, created_at, retired_at FROM oidc_keys "
        "WHERE retired_at IS NULL OR retired_at > ? ORDER BY alg DESC, created_at DESC");
    q.bind(retired_after);
    std::vector<OidcKey> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.i64(4), q.opt_i64(5)});
    return out;
}

void retire_oidc_keys(db::Database& db, std::string_view alg, int64_t now) {
    db.prepare("UPDATE oidc_keys SET retired_at = ? WHERE alg = ? AND retired_at IS NULL").bind(now, alg).run();
}

void delete_oidc_keys_retired_before(db::Database& db, int64_t before) {
    db.prepare("DELETE FROM oidc_keys WHERE retired_at IS NOT NULL AND retired_at < ?").bind(before).run();
}

void insert_oidc_code(db::Database& db, const OidcCode& c) {
    db.prepare(
          "INSERT INTO oidc_codes (code_hash, client_id, member_id, redirect_uri, scope, nonce, code_challenge, "
          "auth_time, amr, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
        .bind(c.code_hash, c.client_id, c.member_id, c.redirect_uri, c.scope, c.nonce, c.code_challenge, c.auth_time,
              c.amr, c.created_at, c.expires_at)
        .run();
}

std::optional<OidcCode> find_oidc_code(db::Database& db, std::string_view code_hash) {
    auto q = db.prepare(
        "SELECT code_hash, client_id, member_id, redirect_uri, scope, nonce, code_challenge, auth_time, amr, "
        "created_at, expires_at, used_at, grant_id FROM oidc_codes WHERE code_hash = ?");
    q.bind(code_hash);
    if (!q.step()) return std::nullopt;
    return OidcCode{q.text(0), q.i64(1),  q.i64(2),  q.text(3),     q.text(4),     q.text(5),    q.text(6),
                    q.i64(7),  q.text(8), q.i64(9), q.i64(10), q.opt_i64(11), q.opt_i64(12)};
}

bool claim_oidc_code(db::Database& db, std::string_view code_hash, int64_t grant_id, int64_t now) {
    db.prepare("UPDATE oidc_codes SET used_at = ?, grant_id = ? WHERE code_hash = ? AND used_at IS NULL")
        .bind(now, grant_id, code_hash)
        .run();
    return db.changes() == 1;
}

int delete_expired_oidc_codes(db::Database& db, int64_t now) {
    // Used codes are kept a while past their end, so that a late replay still revokes.
    db.prepare("DELETE FROM oidc_codes WHERE expires_at < ?").bind(now - 3600).run();
    return db.changes();
}

int64_t insert_oidc_grant(db::Database& db, const OidcGrant& g) {
    db.prepare(
          "INSERT INTO oidc_grants (client_id, member_id, scope, auth_time, amr, sid, created_at) VALUES (?,?,?,?,?,?,?)")
        .bind(g.client_id, g.member_id, g.scope, g.auth_time, g.amr, g.sid, g.created_at)
        .run();
    return db.last_insert_id();
}

std::optional<OidcGrant> find_oidc_grant(db::Database& db, int64_t id) {
    auto q = db.prepare(std::string("SELECT ") + kGrantColumns + "FROM oidc_grants g WHERE g.id = ?");
    q.bind(id);
    if (q.step()) return read_grant(q);
    return std::nullopt;
}

void revoke_oidc_grant(db::Database& db, int64_t id, int64_t now) {
    db.prepare("UPDATE oidc_grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bind(now, id).run();
    db.prepare("DELETE FROM oidc_access_tokens WHERE grant_id = ?").bind(id).run();
}

std::vector<std::string> live_oidc_sids(db::Database& db, int64_t member_id, int64_t client_id) {
    auto q = db.prepare("SELECT sid FROM oidc_grants WHERE member_id = ? AND client_id = ? AND revoked_at IS NULL ORDER BY id");
    q.bind(member_id, client_id);
    std::vector<std::string> out;
    while (q.step()) out.push_back(q.text(0));
    return out;
}

int revoke_member_oidc_grants(db::Database& db, int64_t member_id, std::optional<int64_t> client_id, int64_t now) {
    std::vector<int64_t> ids;
    {
        auto q = db.prepare(
            "SELECT id FROM oidc_grants WHERE member_id = ? AND (? IS NULL OR client_id = ?) AND revoked_at IS NULL");
        q.bind(member_id, client_id, client_id);
        while (q.step()) ids.push_back(q.i64(0));
    }
    for (int64_t id : ids) revoke_oidc_grant(db, id, now);
    return static_cast<int>(ids.size());
}

void insert_oidc_refresh_token(db::Database& db, std::string_view hash, int64_t grant_id, int64_t now,
                               int64_t expires_at) {
    db.prepare("INSERT INTO oidc_refresh_tokens (token_hash, grant_id, created_at, expires_at) VALUES (?,?,?,?)")
        .bind(hash, grant_id, now, expires_at)
        .run();
}

std::optional<OidcRefreshToken> find_oidc_refresh_token(db::Database& db, std::string_view hash) {
    auto q = db.prepare(
        "SELECT token_hash, grant_id, created_at, expires_at, used_at FROM oidc_refresh_tokens WHERE token_hash = ?");
    q.bind(hash);
    if (q.step()) return OidcRefreshToken{q.text(0), q.i64(1), q.i64(2), q.i64(3), q.opt_i64(4)};
    return std::nullopt;
}

bool claim_oidc_refresh_token(db::Database& db, std::string_view hash, int64_t now) {
    db.prepare("UPDATE oidc_refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL").bind(now, hash).run();
    return db.changes() == 1;
}

void insert_oidc_access_token(db::Database& db, std::string_view hash, int64_t grant_id, int64_t expires_at) {
    db.prepare("INSERT INTO oidc_access_tokens (token_hash, grant_id, expires_at) VALUES (?,?,?)")
        .bind(hash, grant_id, expires_at)
        .run();
}

std::optional<OidcGrant> grant_of_access_token(db::Database& db, std::string_view hash, int64_t now) {
    auto q = db.prepare(std::string("SELECT ") + kGrantColumns +
                        "FROM oidc_access_tokens t JOIN oidc_grants g ON g.id = t.grant_id "
                        "WHERE t.token_hash = ? AND t.expires_at > ? AND g.revoked_at IS NULL");
    q.bind(hash, now);
    if (q.step()) return read_grant(q);
    return std::nullopt;
}

int delete_expired_oidc_tokens(db::Database& db, int64_t now) {
    int n = 0;
    db.prepare("DELETE FROM oidc_access_tokens WHERE expires_at <= ?").bind(now).run();
    n += db.changes();
    // A used refresh token is kept until its own end: presenting it again is how reuse is seen.
    db.prepare("DELETE FROM oidc_refresh_tokens WHERE expires_at <= ?").bind(now).run();
    n += db.changes();
    return n;
}

std::optional<OidcConsent> find_oidc_consent(db::Database& db, int64_t member_id, int64_t client_id) {
    auto q = db.prepare(
        "SELECT k.client_id, c.name, k.scope, k.granted_at FROM oidc_consents k JOIN oidc_clients c ON c.id = k.client_id "
        "WHERE k.member_id = ? AND k.client_id = ?");
    q.bind(member_id, client_id);
    if (q.step()) return OidcConsent{q.i64(0), q.text(1), q.text(2), q.i64(3)};
    return std::nullopt;
}

void save_oidc_consent(db::Database& db, int64_t member_id, int64_t client_id, std::string_view scope, int64_t now) {
    db.prepare(
          "INSERT INTO oidc_consents (member_id, client_id, scope, granted_at) VALUES (?,?,?,?) "
          "ON CONFLICT (member_id, client_id) DO UPDATE SET scope = excluded.scope, granted_at = excluded.granted_at")
        .bind(member_id, client_id, scope, now)
        .run();
}

bool delete_oidc_consent(db::Database& db, int64_t member_id, int64_t client_id) {
    db.prepare("DELETE FROM oidc_consents WHERE member_id = ? AND client_id = ?").bind(member_id, client_id).run();
    return db.changes() > 0;
}

std::vector<OidcConsent> member_oidc_consents(db::Database& db, int64_t member_id) {
    auto q = db.prepare(
        "SELECT k.client_id, c.name, k.scope, k.granted_at FROM oidc_consents k JOIN oidc_clients c ON c.id = k.client_id "
        "WHERE k.member_id = ? ORDER BY c.name COLLATE NOCASE");
    q.bind(member_id);
    std::vector<OidcConsent> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.i64(3)});
    return out;
}

std::vector<int64_t> member_oidc_client_rows(db::Database& db, int64_t member_id) {
    auto q = db.prepare(
        "SELECT client_id FROM oidc_grants WHERE member_id = ? AND revoked_at IS NULL "
        "UNION SELECT client_id FROM oidc_consents WHERE member_id = ?");
    q.bind(member_id, member_id);
    std::vector<int64_t> out;
    while (q.step()) out.push_back(q.i64(0));
    return out;
}

void queue_oidc_logout(db::Database& db, int64_t client_id, std::string_view url, std::string_view token,
                       int64_t now) {
    db.prepare(
          "INSERT INTO oidc_logout_queue (client_id, url, logout_token, created_at, next_attempt_at) VALUES (?,?,?,?,?)")
        .bind(client_id, url, token, now, now)
        .run();
}

namespace {
constexpr const char* kLogoutColumns =
    "id, client_id, url, logout_token, attempts, next_attempt_at, last_error, delivered_at FROM oidc_logout_queue ";
std::vector<OidcLogoutJob> read_logouts(db::Query& q) {
    std::vector<OidcLogoutJob> out;
    while (q.step())
        out.push_back({q.i64(0), q.i64(1), q.text(2), q.text(3), q.integer(4), q.i64(5), q.text(6), q.opt_i64(7)});
    return out;
}
}  // namespace

std::vector<OidcLogoutJob> due_oidc_logouts(db::Database& db, int64_t now, int limit) {
    auto q = db.prepare(std::string("SELECT ") + kLogoutColumns +
                        "WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?");
    q.bind(now, limit);
    return read_logouts(q);
}

void mark_oidc_logout_done(db::Database& db, int64_t id, int64_t now) {
    db.prepare("UPDATE oidc_logout_queue SET delivered_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?")
        .bind(now, id)
        .run();
}

void mark_oidc_logout_failed(db::Database& db, int64_t id, std::string_view error, std::optional<int64_t> retry_at) {
    // Given up: next_attempt_at far in the future, so it is never due again but stays for the admin.
    db.prepare("UPDATE oidc_logout_queue SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?")
        .bind(error, retry_at.value_or(INT64_MAX), id)
        .run();
}

std::vector<OidcLogoutJob> list_oidc_logouts(db::Database& db, int limit) {
    auto q = db.prepare(std::string("SELECT ") + kLogoutColumns + "ORDER BY id DESC LIMIT ?");
    q.bind(limit);
    return read_logouts(q);
}

}  // namespace chatiere::store

namespace chatiere::store {

std::string oidc_subject(db::Database& db, int64_t member_id, std::string_view new_sub_if_missing) {
    db.prepare("INSERT OR IGNORE INTO oidc_subjects (member_id, sub) VALUES (?, ?)").bind(member_id, new_sub_if_missing).run();
    auto q = db.prepare("SELECT sub FROM oidc_subjects WHERE member_id = ?");
    q.bind(member_id);
    return q.step() ? q.text(0) : std::string();
}

std::optional<int64_t> member_of_oidc_subject(db::Database& db, std::string_view sub) {
    auto q = db.prepare("SELECT member_id FROM oidc_subjects WHERE sub = ?");
    q.bind(sub);
    if (q.step()) return q.i64(0);
    return std::nullopt;
}

}  // namespace chatiere::store
