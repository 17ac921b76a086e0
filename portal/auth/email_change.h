#pragma once
// Changing a member's e-mail address, which is what a password reset trusts:
//   request  — the current address stays in force; a link goes to the new one (48 hours);
//   confirm  — the link was followed: the new address replaces the old one, every other
//              outstanding link dies, and the old address is told, with a "this wasn't me"
//              link valid 7 days;
//   revert   — that link was followed: the old address comes back, every session ends and
//              every outstanding link dies (the owner then resets the password).
#include <optional>
#include <string>

#include "app.h"
#include "store/members.h"

namespace chatiere::auth {

constexpr int64_t kEmailConfirmSeconds = 48 * 3600;
constexpr int64_t kEmailRevertSeconds = 7 * 86400;

// Call after checking the member's identity and that the address is free. The caller holds the
// transaction.
void request_email_change(App& app, db::Database& db, const store::Member& m, const std::string& new_email,
                          int64_t now);

enum class EmailChange { Done, Invalid, Taken };
struct EmailChangeResult {
    EmailChange outcome = EmailChange::Invalid;
    std::optional<store::Member> member;  // as it was before
};

// Each runs in its own transaction.
EmailChangeResult confirm_email_change(App& app, db::Database& db, const std::string& token, int64_t now);
// Checks a "this wasn't me" link without using it.
bool email_revert_valid(db::Database& db, const std::string& token, int64_t now);
EmailChangeResult revert_email_change(App& app, db::Database& db, const std::string& token, int64_t now);

}  // namespace chatiere::auth
