#include "app.h"
#include "auth/accounts.h"
#include "auth/guard.h"
#include "auth/password.h"
#include "auth/random.h"
#include "auth/totp.h"
#include "http/errors.h"
#include "http/response.h"
#include "store/audit.h"
#include "store/members.h"
#include "store/settings.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {
std::string grouped(const std::string& secret) {
    std::string out;
    for (size_t i = 0; i < secret.size(); ++i) {
        if (i && i % 4 == 0) out += ' ';
        out += secret[i];
    }
    return out;
}

void show(http::Ctx& ctx, const store::Member& m, const std::string& secret, const std::string& error_key, int status) {
    http::View v;
    v.set("enabled", m.totp_secret.has_value());
    if (m.totp_secret) {
        v.set("codes_left", std::to_string(store::count_unused_recovery_codes(ctx.db(), m.id)));
    } else {
        std::string site = store::get_setting_or(ctx.db(), "site.name", "Chatiere");
        v.set("secret", secret);
        v.set("secret_grouped", grouped(secret));
        v.set("otpauth", auth::totp_uri(secret, site, m.name));
    }
    if (!error_key.empty()) v.set("error", ctx.t(error_key));
    if (ctx.query.get("done") == "disabled") v.set("notice", ctx.t("account.totp_disabled"));
    http::render_page(ctx, "account_second_factor", std::move(v), ctx.t("account.second_factor_title"), status);
}

// The recovery codes are shown this once, never stored in clear.
void show_recovery_codes(http::Ctx& ctx, const std::vector<std::string>& codes) {
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& c : codes) list.push_back(http::View(c));
    v.set("codes", list);
    ctx.res.set_header("Cache-Control", "no-store");
    http::render_page(ctx, "account_recovery_codes", std::move(v), ctx.t("account.recovery_title"));
}
}  // namespace

void account_second_factor(http::Ctx& ctx) {
    auto m = store::find_member(ctx.db(), ctx.user->id);
    show(ctx, *m, auth::new_totp_secret(), "", 200);
}

void account_second_factor_enable(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = *store::find_member(db, ctx.user->id);
    if (m.totp_secret) throw http::HttpError(409, "account.totp_already_on");
    std::string secret = ctx.form.get("secret");
    auto key = auth::base32_decode(secret);
    if (!key || key->size() != 20) throw http::HttpError(400);
    auto step = auth::totp_match(secret, ctx.form.get("code"), ctx.now());
    if (!step) {
        show(ctx, m, secret, "account.second_factor_wrong", 422);
        return;
    }
    auto codes = auth::new_recovery_codes();
    std::vector<std::string> hashes;
    for (const auto& c : codes) hashes.push_back(auth::hash_token(auth::normalize_recovery_code(c)));
    db::Transaction tx(db);
    store::set_member_totp(db, m.id, secret, ctx.now());
    store::claim_totp_step(db, m.id, *step);  // the code just typed cannot be used again
    store::replace_recovery_codes(db, m.id, hashes);
    store::audit(db, ctx.now(), m.id, m.name, "member.totp_on", "member:" + std::to_string(m.id));
    tx.commit();
    show_recovery_codes(ctx, codes);
}

void account_second_factor_disable(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = *store::find_member(db, ctx.user->id);
    if (!auth::confirm_identity(ctx, m, ctx.form.get("password"))) {
        show(ctx, m, "", "account.current_password_wrong", 403);
        return;
    }
    db::Transaction tx(db);
    store::set_member_totp(db, m.id, std::nullopt, ctx.now());
    store::replace_recovery_codes(db, m.id, {});
    store::audit(db, ctx.now(), m.id, m.name, "member.totp_off", "member:" + std::to_string(m.id));
    auth::notify_member(ctx.app, db, m, "totp_off", ctx.now());
    tx.commit();
    http::redirect(ctx, "/account/second-factor?done=disabled");
}

// New recovery codes (the old ones stop working), shown once; asks for the password.
void account_recovery_codes_regenerate(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = *store::find_member(db, ctx.user->id);
    if (!m.totp_secret) throw http::HttpError(409);
    if (!auth::confirm_identity(ctx, m, ctx.form.get("password"))) {
        show(ctx, m, "", "account.current_password_wrong", 403);
        return;
    }
    auto codes = auth::new_recovery_codes();
    std::vector<std::string> hashes;
    for (const auto& c : codes) hashes.push_back(auth::hash_token(auth::normalize_recovery_code(c)));
    db::Transaction tx(db);
    store::replace_recovery_codes(db, m.id, hashes);
    store::audit(db, ctx.now(), m.id, m.name, "member.recovery_codes", "member:" + std::to_string(m.id));
    auth::notify_member(ctx.app, db, m, "recovery_codes", ctx.now());
    tx.commit();
    show_recovery_codes(ctx, codes);
}

}  // namespace chatiere::ui
