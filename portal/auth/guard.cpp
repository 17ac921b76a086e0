#include "auth/guard.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app.h"
#include "auth/password.h"
#include "auth/totp.h"
#include "http/errors.h"

namespace chatiere::auth {

namespace {
std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

[[noreturn]] void too_many(http::Ctx& ctx, int64_t wait) {
    ctx.res.set_header("Retry-After", std::to_string(wait));
    throw http::HttpError(429, "account.login_throttled", {{"seconds", std::to_string(wait)}});
}
}  // namespace

std::string account_key(int64_t member_id) { return "member:" + std::to_string(member_id); }
std::string typed_login_key(std::string_view login) { return "login:" + lower(login); }

bool confirm_identity(http::Ctx& ctx, const store::Member& m, std::string_view password, std::string_view code) {
    auto now = ctx.now();
    std::string key = account_key(m.id);
    if (auto wait = ctx.app.login_by_account.wait(key, now)) too_many(ctx, *wait);
    bool ok = false;
    if (!code.empty() && m.totp_secret) {
        if (auto step = totp_match(*m.totp_secret, code, now)) ok = store::claim_totp_step(ctx.db(), m.id, *step);
    } else if (!password.empty() && password.size() <= 1024) {
        ok = verify_password(ctx.app.hash_gate, m.password_hash, password);
    }
    if (!ok) {
        ctx.app.login_by_account.failure(key, now);
        spdlog::info("current password refused for member {} from {}", m.id, ctx.client_address());
        return false;
    }
    ctx.app.login_by_account.success(key);
    return true;
}

void require_client_mail_budget(http::Ctx& ctx) {
    std::string client = ctx.client_address();
    if (auto wait = ctx.app.mail_by_client.wait(client, ctx.now())) too_many(ctx, *wait);
    // Every attempt counts, whether or not a mail leaves: the limit tells nothing about
    // which addresses have an account.
    ctx.app.mail_by_client.failure(client, ctx.now());
}

bool take_mail_budget(http::Ctx& ctx, std::string_view address) {
    auto now = ctx.now();
    std::string to = lower(address);
    if (ctx.app.mail_by_address.wait(to, now)) {
        spdlog::info("mail to an address not sent: its hourly limit is reached");
        return false;
    }
    ctx.app.mail_by_address.failure(to, now);
    return true;
}

}  // namespace chatiere::auth
