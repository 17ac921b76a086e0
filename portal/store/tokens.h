#pragma once
// SQL for one-time link tokens.
#include <optional>
#include <string>

#include "db/database.h"

namespace chatiere::store {

// One-time links: invitations, password resets and e-mail checks. Only hashes are stored.
struct OneTimeToken {
    std::string kind;  // invite | reset | verify | email_change | email_revert
    std::optional<int64_t> member_id;
    std::string email;
    int64_t created_at = 0, expires_at = 0;
    std::optional<int64_t> used_at;
};

void insert_token(db::Database& db, std::string_view token_hash, std::string_view kind,
                  std::optional<int64_t> member_id, std::string_view email, std::optional<int64_t> created_by,
                  int64_t now, int64_t expires_at);
// A token of that kind that is neither used nor expired.
std::optional<OneTimeToken> find_valid_token(db::Database& db, std::string_view token_hash, std::string_view kind,
                                             int64_t now);
// Ends every unused link of a member of the given kinds ("reset,verify"; empty: every kind).
// Returns how many were ended.
int revoke_member_tokens(db::Database& db, int64_t member_id, std::string_view kinds, int64_t now);
// The address of the member's newest pending e-mail change (email_change link still valid).
std::optional<std::string> pending_email_change(db::Database& db, int64_t member_id, int64_t now);
// Marks it used; false when it was used meanwhile (two clicks at once: only one wins).
bool use_token(db::Database& db, std::string_view token_hash, int64_t now);

}  // namespace chatiere::store
