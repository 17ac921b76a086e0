#pragma once
// Central checks for what can be guessed or abused: one log-in budget per account (log-in by
// name or by e-mail, and every check of the current password by a logged-in member), and a
// budget for the mails an anonymous visitor can make the portal send.
#include <string>
#include <string_view>

#include "http/context.h"
#include "store/members.h"

namespace chatiere::auth {

// The throttling key of a known account, whatever was typed to reach it.
std::string account_key(int64_t member_id);
// The key for a typed log-in that names no account (lower-cased).
std::string typed_login_key(std::string_view login);

// For a logged-in member confirming a sensitive change (password, e-mail, second factor
// off, recovery codes, deletion): checks the current password — or, when `code` is not empty
// and the member has a second factor, a fresh TOTP code — against the account's log-in
// budget. Throws HttpError 429 (with Retry-After) while the budget is spent; a wrong answer
// counts as a failed log-in and returns false; a right one clears the failures.
bool confirm_identity(http::Ctx& ctx, const store::Member& m, std::string_view password, std::string_view code = {});

// For a form that may mail someone (sign-up, reset, the check sent again): throws HttpError
// 429 (with Retry-After) when the client's address already made config.mail_per_ip_hour such
// requests this hour; otherwise counts this one (whether or not a mail leaves, so that the
// limit tells nothing about which addresses have an account). Call before doing anything.
void require_client_mail_budget(http::Ctx& ctx);
// Counts one mail to `address`. False (count nothing) when the address already had
// config.mail_per_address_hour this hour: send nothing, answer the same.
bool take_mail_budget(http::Ctx& ctx, std::string_view address);

}  // namespace chatiere::auth
