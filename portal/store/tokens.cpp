#include "store/tokens.h"

namespace chatiere::store {

void insert_token(db::Database& db, std::string_view token_hash, std::string_view kind,
                  std::optional<int64_t> member_id, std::string_view email, std::optional<int64_t> created_by,
                  int64_t now, int64_t expires_at) {
    db.prepare(
          "INSERT INTO one_time_tokens (token_hash, kind, member_id, email, created_by, created_at, expires_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(token_hash, kind, member_id, email, created_by, now, expires_at)
        .run();
}

std::optional<OneTimeToken> find_valid_token(db::Database& db, std::string_view token_hash, std::string_view kind,
                                             int64_t now) {
    auto q = db.prepare(
        "SELECT kind, member_id, email, created_at, expires_at, used_at FROM one_time_tokens "
        "WHERE token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?");
    q.bind(token_hash, kind, now);
    if (!q.step()) return std::nullopt;
    return OneTimeToken{q.text(0), q.opt_i64(1), q.text(2), q.i64(3), q.i64(4), q.opt_i64(5)};
}

bool use_token(db::Database& db, std::string_view token_hash, int64_t now) {
    db.prepare("UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
        .bind(now, token_hash)
        .run();
    return db.changes() == 1;
}

int revoke_member_tokens(db::Database& db, int64_t member_id, std::string_view kinds, int64_t now) {
    db.prepare(
          "UPDATE one_time_tokens SET used_at = ?1 WHERE member_id = ?2 AND used_at IS NULL "
          "AND (?3 = '' OR instr(',' || ?3 || ',', ',' || kind || ',') > 0)")
        .bind(now, member_id, kinds)
        .run();
    return db.changes();
}

std::optional<std::string> pending_email_change(db::Database& db, int64_t member_id, int64_t now) {
    auto q = db.prepare(
        "SELECT email FROM one_time_tokens WHERE member_id = ? AND kind = 'email_change' AND used_at IS NULL "
        "AND expires_at > ? ORDER BY created_at DESC LIMIT 1");
    q.bind(member_id, now);
    if (q.step()) return q.text(0);
    return std::nullopt;
}

}  // namespace chatiere::store
