#pragma once
// One-time link tokens: invitations, password resets, e-mail checks.
#include <optional>
#include <string>

#include "db/database.h"
#include "store/tokens.h"

namespace chatiere::auth {

// Makes a one-time link token (invite, reset, verify): random, stored hashed, expiring.
// Returns the token to put in the link (it is never stored).
std::string issue_token(db::Database& db, std::string_view kind, std::optional<int64_t> member_id,
                        std::string_view email, std::optional<int64_t> created_by, int64_t now, int64_t ttl_seconds);
// The token's record if it is valid (right kind, unused, not expired); does not use it.
std::optional<store::OneTimeToken> check_token(db::Database& db, std::string_view token, std::string_view kind,
                                               int64_t now);
// Uses it: returns the record once; a second call (or a concurrent one) gets nullopt.
std::optional<store::OneTimeToken> consume_token(db::Database& db, std::string_view token, std::string_view kind,
                                                 int64_t now);

}  // namespace chatiere::auth
