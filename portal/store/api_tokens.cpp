#include "store/api_tokens.h"

namespace chatiere::store {
namespace {
ApiToken read_token(db::Query& q) {
    return {q.i64(0), q.text(1), q.opt_i64(2), q.i64(3), q.opt_i64(4), q.opt_i64(5)};
}
}  // namespace

int64_t create_api_token(db::Database& db, std::string_view name, std::string_view token_hash,
                         std::optional<int64_t> created_by, int64_t now) {
    db.prepare("INSERT INTO api_tokens (name, token_hash, created_by, created_at) VALUES (?,?,?,?)")
        .bind(name, token_hash, created_by, now)
        .run();
    return db.last_insert_id();
}

std::optional<ApiToken> use_api_token(db::Database& db, std::string_view token_hash, int64_t now) {
    std::optional<ApiToken> t;
    {
        auto q = db.prepare(
            "SELECT id, name, created_by, created_at, last_used_at, revoked_at FROM api_tokens "
            "WHERE token_hash = ? AND revoked_at IS NULL");
        q.bind(token_hash);
        if (q.step()) t = read_token(q);
    }
    if (t) {
        db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(now, t->id).run();
        t->last_used_at = now;
    }
    return t;
}

std::vector<ApiToken> list_api_tokens(db::Database& db, int limit) {
    auto q = db.prepare(
        "SELECT id, name, created_by, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY id DESC LIMIT ?");
    q.bind(limit);
    std::vector<ApiToken> out;
    while (q.step()) out.push_back(read_token(q));
    return out;
}

bool revoke_api_token(db::Database& db, int64_t id, int64_t now) {
    db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bind(now, id).run();
    return db.changes() > 0;
}

}  // namespace chatiere::store
