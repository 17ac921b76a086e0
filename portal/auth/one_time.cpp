#include "auth/one_time.h"

#include "auth/random.h"

namespace chatiere::auth {

std::string issue_token(db::Database& db, std::string_view kind, std::optional<int64_t> member_id,
                        std::string_view email, std::optional<int64_t> created_by, int64_t now, int64_t ttl) {
    std::string token = random_token(32);
    store::insert_token(db, hash_token(token), kind, member_id, email, created_by, now, now + ttl);
    return token;
}

std::optional<store::OneTimeToken> check_token(db::Database& db, std::string_view token, std::string_view kind,
                                               int64_t now) {
    if (token.empty() || token.size() > 100) return std::nullopt;
    return store::find_valid_token(db, hash_token(token), kind, now);
}

std::optional<store::OneTimeToken> consume_token(db::Database& db, std::string_view token, std::string_view kind,
                                                 int64_t now) {
    auto t = check_token(db, token, kind, now);
    if (!t || !store::use_token(db, hash_token(token), now)) return std::nullopt;
    return t;
}

}  // namespace chatiere::auth
