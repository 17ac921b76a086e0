#pragma once
// SQL for API bearer tokens.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace chatiere::store {

struct ApiToken {
    int64_t id = 0;
    std::string name;
    std::optional<int64_t> created_by;
    int64_t created_at = 0;
    std::optional<int64_t> last_used_at, revoked_at;
};

// Stores a token's hash (auth::hash_token); returns the id.
int64_t create_api_token(db::Database& db, std::string_view name, std::string_view token_hash,
                         std::optional<int64_t> created_by, int64_t now);
// The live (not revoked) token with this hash; marks it used at `now`.
std::optional<ApiToken> use_api_token(db::Database& db, std::string_view token_hash, int64_t now);
// Newest first (the admin's list; a hoster has a handful).
std::vector<ApiToken> list_api_tokens(db::Database& db, int limit = 200);
// Returns false when there was no live token with this id.
bool revoke_api_token(db::Database& db, int64_t id, int64_t now);

}  // namespace chatiere::store
