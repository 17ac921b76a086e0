#include <spdlog/spdlog.h>

#include <algorithm>

#include "app.h"
#include "auth/guard.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/totp.h"
#include "auth/random.h"
#include "http/errors.h"
#include "http/response.h"
#include "store/audit.h"
#include "store/members.h"
#include "ui/handlers.h"
#include "ui/oidc_common.h"

namespace chatiere::ui {

namespace {

std::string safe_next(const http::Ctx& ctx) {
    std::string next = ctx.form.has("next") ? ctx.form.get("next") : ctx.query.get("next");
    // Room for an OpenID Connect authorization request (state, nonce, PKCE challenge, URI).
    return http::is_local_path(next) && next.size() < 4000 ? next : "/account";
}

void show_login(http::Ctx& ctx, const std::string& login, const std::string& error_key, int status,
                const std::string& wait = {}) {
    http::View v;
    v.set("login", login);
    v.set("next", safe_next(ctx));
    ui::oidc_web::allow_form_target_for_next(ctx, safe_next(ctx));
    if (!error_key.empty()) v.set("error", ctx.t(error_key, {{"seconds", wait}}));
    if (ctx.query.get("done") == "logged_out") v.set("notice", ctx.t("account.logged_out"));
    if (ctx.query.get("done") == "password_reset") v.set("notice", ctx.t("account.password_reset_done"));
    if (ctx.query.get("done") == "email_restored") v.set("notice", ctx.t("security.email_restored"));
    http::render_page(ctx, "login", std::move(v), ctx.t("account.login_title"), status);
}

}  // namespace

void login_form(http::Ctx& ctx) {
    // reauth: an OpenID Connect client asked for a fresh log-in (prompt=login, max_age).
    if (ctx.user && ctx.query.get("reauth") != "1") {
        http::redirect(ctx, safe_next(ctx));
        return;
    }
    show_login(ctx, "", "", 200);
}

void login_submit(http::Ctx& ctx) {
    std::string login = ctx.form.get("login");
    std::string password = ctx.form.get("password");
    bool remember = ctx.form.get("remember") == "1";
    auto now = ctx.now();
    if (login.empty() || password.empty() || login.size() > 254 || password.size() > 1024) {
        show_login(ctx, login.substr(0, 254), "account.login_missing", 400);
        return;
    }
    // One budget per account, whatever was typed to reach it (name or e-mail); a login that
    // names no account has its own, so that the throttle behaves the same either way.
    auto member = store::find_member_by_login(ctx.db(), login);
    ctx.release_db();
    std::string account_key = member ? auth::account_key(member->id) : auth::typed_login_key(login);
    std::string address_key = ctx.client_address();
    auto wait_account = ctx.app.login_by_account.wait(account_key, now);
    auto wait_address = ctx.app.login_by_address.wait(address_key, now);
    if (wait_account || wait_address) {
        int64_t wait = std::max(wait_account.value_or(0), wait_address.value_or(0));
        ctx.res.set_header("Retry-After", std::to_string(wait));
        show_login(ctx, login, "account.login_throttled", 429, std::to_string(wait));
        return;
    }
    // Verify against a dummy hash when there is no such account: same time either way.
    bool ok = auth::verify_password(ctx.app.hash_gate, member ? member->password_hash : std::string(), password);
    if (!member || !ok) {
        ctx.app.login_by_account.failure(account_key, now);
        ctx.app.login_by_address.failure(address_key, now);
        spdlog::info("log-in refused for \"{}\" from {}", auth::typed_login_key(login).substr(6, 64), address_key);
        show_login(ctx, login, "account.login_failed", 401);
        return;
    }
    ctx.app.login_by_account.success(account_key);
    if (member->status == domain::MemberStatus::Pending) {
        show_login(ctx, login, member->email_verified ? "account.login_pending_approval" : "account.login_pending_email",
                   403);
        return;
    }
    if (member->status == domain::MemberStatus::Suspended) {
        show_login(ctx, login, "account.login_suspended", 403);
        return;
    }
    if (auth::needs_rehash(member->password_hash))
        store::set_member_password(ctx.db(), member->id, auth::hash_password(ctx.app.hash_gate, password), now);
    bool second_factor = member->totp_secret.has_value();
    auth::start_session(ctx, *member, remember, second_factor);
    if (second_factor) {
        http::redirect(ctx, "/login/second-factor?next=" + http::percent_encode(safe_next(ctx)));
        return;
    }
    store::set_member_last_login(ctx.db(), member->id, now);
    spdlog::info("member {} logged in", member->id);
    http::redirect(ctx, safe_next(ctx));
}

void second_factor_form(http::Ctx& ctx) {
    if (!auth::pending_second_factor(ctx)) {
        http::redirect(ctx, "/login");
        return;
    }
    http::View v;
    v.set("next", safe_next(ctx));
    ui::oidc_web::allow_form_target_for_next(ctx, safe_next(ctx));
    http::render_page(ctx, "login_second_factor", std::move(v), ctx.t("account.second_factor_title"));
}

void second_factor_submit(http::Ctx& ctx) {
    auto pending = auth::pending_second_factor(ctx);
    if (!pending) {
        http::redirect(ctx, "/login");
        return;
    }
    int64_t member_id = pending->session.member_id;
    std::string key = "2fa:" + std::to_string(member_id);
    auto now = ctx.now();
    if (auto wait = ctx.app.login_by_account.wait(key, now)) {
        ctx.res.set_header("Retry-After", std::to_string(*wait));
        throw http::HttpError(429, "account.login_throttled", {{"seconds", std::to_string(*wait)}});
    }
    auto member = store::find_member(ctx.db(), member_id);
    std::string code = ctx.form.get("code");
    bool ok = false;
    if (member && member->totp_secret) {
        if (auto step = auth::totp_match(*member->totp_secret, code, now))
            ok = store::claim_totp_step(ctx.db(), member_id, *step);  // a replayed code fails here
        else if (code.size() >= 10)
            ok = store::use_recovery_code(ctx.db(), member_id, auth::hash_token(auth::normalize_recovery_code(code)), now);
    }
    if (!ok) {
        ctx.app.login_by_account.failure(key, now);
        http::View v;
        v.set("next", safe_next(ctx));
        v.set("error", ctx.t("account.second_factor_wrong"));
        http::render_page(ctx, "login_second_factor", std::move(v), ctx.t("account.second_factor_title"), 401);
        return;
    }
    ctx.app.login_by_account.success(key);
    // A fresh session id once fully authenticated.
    bool remember = pending->session.remember;
    store::delete_session(ctx.db(), pending->session.id);
    auth::start_session(ctx, *member, remember, false);
    store::set_member_last_login(ctx.db(), member_id, now);
    http::redirect(ctx, safe_next(ctx));
}

void logout(http::Ctx& ctx) {
    auth::end_session(ctx);
    http::redirect(ctx, "/login?done=logged_out");
}

}  // namespace chatiere::ui
