#include "store/sessions.h"

namespace chatiere::store {

int64_t insert_session(db::Database& db, int64_t member_id, std::string_view token_hash, std::string_view csrf,
                       int64_t now, int64_t expires_at, bool remember, std::string_view user_agent,
                       bool second_factor_pending) {
    db.prepare(
          "INSERT INTO sessions (member_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, remember, "
          "user_agent, second_factor_pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(member_id, token_hash, csrf, now, now, expires_at, remember, user_agent.substr(0, 300),
              second_factor_pending)
        .run();
    return db.last_insert_id();
}

std::optional<SessionWithMember> find_session(db::Database& db, std::string_view token_hash) {
    auto q = db.prepare(
        "SELECT s.id, s.member_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.remember, "
        "s.user_agent, s.second_factor_pending, m.name, m.display_name, m.email, m.role, m.status, m.locale, "
        "m.totp_secret IS NOT NULL FROM sessions s JOIN members m ON m.id = s.member_id WHERE s.token_hash = ?");
    q.bind(token_hash);
    if (!q.step()) return std::nullopt;
    SessionWithMember r;
    r.session = {q.i64(0), q.i64(1), q.text(2), q.i64(3), q.i64(4), q.i64(5), q.integer(6) != 0, q.text(7),
                 q.integer(8) != 0};
    r.name = q.text(9);
    r.display_name = q.text(10);
    r.email = q.text(11);
    r.role = domain::parse_member_role(q.text(12)).value_or(domain::MemberRole::Member);
    r.status = domain::parse_member_status(q.text(13)).value_or(domain::MemberStatus::Suspended);
    r.locale = q.text(14);
    r.has_totp = q.integer(15) != 0;
    return r;
}

void touch_session(db::Database& db, int64_t id, int64_t now) {
    db.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?").bind(now, id).run();
}

void complete_second_factor(db::Database& db, int64_t id) {
    db.prepare("UPDATE sessions SET second_factor_pending = 0 WHERE id = ?").bind(id).run();
}

void delete_session(db::Database& db, int64_t id) { db.prepare("DELETE FROM sessions WHERE id = ?").bind(id).run(); }

bool delete_member_session(db::Database& db, int64_t member_id, int64_t session_id) {
    db.prepare("DELETE FROM sessions WHERE id = ? AND member_id = ?").bind(session_id, member_id).run();
    return db.changes() == 1;
}

void delete_member_sessions(db::Database& db, int64_t member_id, int64_t keep) {
    db.prepare("DELETE FROM sessions WHERE member_id = ? AND id <> ?").bind(member_id, keep).run();
}

std::vector<Session> member_sessions(db::Database& db, int64_t member_id) {
    auto q = db.prepare(
        "SELECT id, member_id, csrf_token, created_at, last_seen_at, expires_at, remember, user_agent, "
        "second_factor_pending FROM sessions WHERE member_id = ? ORDER BY last_seen_at DESC");
    q.bind(member_id);
    std::vector<Session> out;
    while (q.step())
        out.push_back({q.i64(0), q.i64(1), q.text(2), q.i64(3), q.i64(4), q.i64(5), q.integer(6) != 0, q.text(7),
                       q.integer(8) != 0});
    return out;
}

int delete_expired_sessions(db::Database& db, int64_t now) {
    db.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(now).run();
    return db.changes();
}

}  // namespace chatiere::store
