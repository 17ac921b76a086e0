#include <spdlog/spdlog.h>

#include "app.h"
#include "auth/accounts.h"
#include "auth/guard.h"
#include "auth/one_time.h"
#include "auth/password.h"
#include "http/errors.h"
#include "http/response.h"
#include "store/audit.h"
#include "store/members.h"
#include "store/sessions.h"
#include "store/tokens.h"
#include "ui/handlers.h"

namespace chatiere::ui {

void password_forgot_form(http::Ctx& ctx) {
    http::render_page(ctx, "password_forgot", {}, ctx.t("reset.title"));
}

void password_forgot_submit(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto now = ctx.now();
    std::string email = ctx.form.get("email");
    std::string address = "reset:" + ctx.client_address();
    if (auto wait = ctx.app.login_by_address.wait(address, now)) {
        ctx.res.set_header("Retry-After", std::to_string(*wait));
        throw http::HttpError(429, "account.login_throttled", {{"seconds", std::to_string(*wait)}});
    }
    // Each request counts, so that this form cannot be used to flood someone's mailbox.
    ctx.app.login_by_address.failure(address, now);
    auth::require_client_mail_budget(ctx);
    if (auto m = store::find_member_by_email(db, email); m && m->status != domain::MemberStatus::Suspended && auth::take_mail_budget(ctx, m->email)) {
        if (m->email_verified) {
            // The link is bound to the address it goes to: it dies if the address changes.
            std::string token = auth::issue_token(db, "reset", m->id, m->email, std::nullopt, now, 3600);
            auth::mail_member(ctx.app, db, *m, "reset", {{"link", ctx.absolute_url("/password/reset?token=" + token)}},
                              now);
            spdlog::info("password reset link sent to member {}", m->id);
        } else {
            // Never a reset link to an address nobody proved: first the check of the address.
            auth::send_verification(ctx.app, db, *m, now);
            spdlog::info("reset asked for member {} whose address is not verified: check mail sent instead", m->id);
        }
    }
    // The same answer whether or not the address is known, verified, or over its limit.
    http::View v;
    v.set("sent", true);
    http::render_page(ctx, "password_forgot", std::move(v), ctx.t("reset.title"));
}

namespace {
void show_reset(http::Ctx& ctx, const std::string& token, const std::string& error_key, int status) {
    http::View v;
    v.set("token", token);
    if (!error_key.empty()) v.set("error", ctx.t(error_key));
    http::render_page(ctx, "password_reset", std::move(v), ctx.t("reset.choose_title"), status);
}
}  // namespace

namespace {
// A valid reset link that still matches its member's current address.
std::optional<std::pair<store::OneTimeToken, store::Member>> reset_link(http::Ctx& ctx, const std::string& token) {
    auto valid = auth::check_token(ctx.db(), token, "reset", ctx.now());
    if (!valid || !valid->member_id) return std::nullopt;
    auto m = store::find_member(ctx.db(), *valid->member_id);
    if (!m || !auth::same_address(m->email, valid->email)) return std::nullopt;
    return std::pair{*valid, *m};
}
}  // namespace

void password_reset_form(http::Ctx& ctx) {
    std::string token = ctx.query.get("token");
    if (!reset_link(ctx, token)) throw http::HttpError(410, "reset.link_invalid");
    show_reset(ctx, token, "", 200);
}

void password_reset_submit(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto now = ctx.now();
    std::string token = ctx.form.get("token");
    auto link = reset_link(ctx, token);
    if (!link) throw http::HttpError(410, "reset.link_invalid");
    auto& [valid, member] = *link;
    const store::Member* m = &member;
    std::string password = ctx.form.get("password");
    if (auto problem = auth::password_problem(password, m->name, m->email)) {
        show_reset(ctx, token, *problem, 422);
        return;
    }
    if (password != ctx.form.get("password_confirm")) {
        show_reset(ctx, token, "account.password_mismatch", 422);
        return;
    }
    std::string hash = auth::hash_password(ctx.app.hash_gate, password);
    db::Transaction tx(db);
    if (!auth::consume_token(db, token, "reset", now)) throw http::HttpError(410, "reset.link_invalid");
    store::set_member_password(db, m->id, hash, now);
    // The link came by mail: the address is proven.
    if (!m->email_verified) store::set_member_email_verified(db, m->id, now);
    // Every other reset link of the member dies with this one.
    store::revoke_member_tokens(db, m->id, "reset", now);
    store::delete_member_sessions(db, m->id, 0);
    store::audit(db, now, m->id, m->name, "member.password_reset", "member:" + std::to_string(m->id));
    auth::notify_member(ctx.app, db, *m, "password_changed", now);
    tx.commit();
    ctx.app.login_by_account.success(auth::account_key(m->id));
    http::redirect(ctx, "/login?done=password_reset");
}

}  // namespace chatiere::ui
