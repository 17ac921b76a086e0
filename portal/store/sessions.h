#pragma once
// SQL for log-in sessions.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/member.h"

namespace chatiere::store {

struct Session {
    int64_t id = 0, member_id = 0;
    std::string csrf_token;
    int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
    bool remember = false;
    std::string user_agent;
    bool second_factor_pending = false;
};

// A session with its member's essentials, as loaded on every request.
struct SessionWithMember {
    Session session;
    std::string name, display_name, email;
    domain::MemberRole role = domain::MemberRole::Member;
    domain::MemberStatus status = domain::MemberStatus::Suspended;
    std::string locale;
    bool has_totp = false;
};

int64_t insert_session(db::Database& db, int64_t member_id, std::string_view token_hash, std::string_view csrf,
                       int64_t now, int64_t expires_at, bool remember, std::string_view user_agent,
                       bool second_factor_pending);
std::optional<SessionWithMember> find_session(db::Database& db, std::string_view token_hash);
void touch_session(db::Database& db, int64_t id, int64_t now);
void complete_second_factor(db::Database& db, int64_t id);
void delete_session(db::Database& db, int64_t id);
// Ends one of the member's sessions (no effect on another member's). Returns whether it existed.
bool delete_member_session(db::Database& db, int64_t member_id, int64_t session_id);
// Ends every session of the member except `keep` (0: all).
void delete_member_sessions(db::Database& db, int64_t member_id, int64_t keep);
std::vector<Session> member_sessions(db::Database& db, int64_t member_id);
// Removes sessions past their absolute end (the idle ones are refused when loaded).
int delete_expired_sessions(db::Database& db, int64_t now);

}  // namespace chatiere::store
