#include <spdlog/spdlog.h>

#include "app.h"
#include "auth/accounts.h"
#include "auth/guard.h"
#include "auth/one_time.h"
#include "auth/password.h"
#include "http/errors.h"
#include "http/response.h"
#include "store/page_versions.h"
#include "store/audit.h"
#include "store/members.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

void show_form(http::Ctx& ctx, const std::string& mode, const std::optional<store::OneTimeToken>& invite,
               const std::map<std::string, std::string>& errors, int status) {
    http::View v;
    v.set("mode_" + mode, true);
    bool open = mode != "closed" || invite.has_value();
    v.set("form_open", open);
    if (invite) {
        v.set("invite", ctx.form.has("invite") ? ctx.form.get("invite") : ctx.query.get("invite"));
        v.set("invited_email", invite->email);
    }
    v.set("name", ctx.form.get("name"));
    v.set("email", invite ? invite->email : ctx.form.get("email"));
    http::View errs{http::View::type::list};
    for (const auto& [field, key] : errors) {
        v.set("error_" + field, ctx.t(key));
        http::View e;
        e.set("field", field);
        e.set("message", ctx.t(key));
        errs.push_back(e);
    }
    v.set("errors", errs);
    v.set("has_errors", !errors.empty());
    http::render_page(ctx, "signup", std::move(v), ctx.t("signup.title"), status);
}

std::optional<store::OneTimeToken> invite_from(http::Ctx& ctx) {
    std::string token = ctx.form.has("invite") ? ctx.form.get("invite") : ctx.query.get("invite");
    if (token.empty()) return std::nullopt;
    return auth::check_token(ctx.db(), token, "invite", ctx.now());
}

}  // namespace

void signup_form(http::Ctx& ctx) {
    std::string mode = auth::signup_mode(ctx.db());
    auto invite = invite_from(ctx);
    if (!ctx.query.get("invite").empty() && !invite) throw http::HttpError(410, "signup.invite_invalid");
    show_form(ctx, mode, invite, {}, 200);
}

void signup_submit(http::Ctx& ctx) {
    auto& db_read = ctx.db();  // until the password is hashed
    auto now = ctx.now();
    std::string mode = auth::signup_mode(db_read);
    auto invite = invite_from(ctx);
    if (!ctx.form.get("invite").empty() && !invite) throw http::HttpError(410, "signup.invite_invalid");
    if (mode == "closed" && !invite) throw http::HttpError(403, "signup.closed");

    std::string name = ctx.form.get("name");
    std::string email = invite ? invite->email : ctx.form.get("email");
    std::string password = ctx.form.get("password");
    std::map<std::string, std::string> errors;
    if (name.empty()) errors["name"] = "front.account.name_missing";  // say what is missing (issue 15)
    else if (auto p = auth::name_problem(name)) errors["name"] = *p;
    else if (store::member_name_taken(db_read, name)) errors["name"] = "account.name_taken";
    if (auto p = auth::email_problem(email)) errors["email"] = *p;
    if (password.empty()) errors["password"] = "front.account.password_missing";
    else if (auto p = auth::password_problem(password, name, email)) errors["password"] = *p;
    else if (password != ctx.form.get("password_confirm")) errors["password_confirm"] = "account.password_mismatch";
    if (ctx.form.get("accept_terms") != "1") errors["accept_terms"] = "signup.accept_terms_needed";
    if (!errors.empty()) {
        show_form(ctx, mode, invite, errors, 422);
        return;
    }

    // Every sign-up may mail someone: limited per client address (429) and per destination.
    auth::require_client_mail_budget(ctx);
    // Hash before taking the write lock, and without holding a connection while waiting
    // for a hashing slot (see auth::set_hash_concurrency).
    ctx.release_db();
    std::string password_hash = auth::hash_password(ctx.app.hash_gate, password);
    auto& db = ctx.db();
    db::Transaction tx(db);
    if (auto existing = store::find_member_by_email(db, email)) {
        // Say the same as for a new address, and tell the owner instead (within the
        // address's hourly limit, so that their mailbox cannot be flooded).
        if (auth::take_mail_budget(ctx, existing->email))
            auth::mail_member(ctx.app, db, *existing, "signup_exists", {{"link", ctx.absolute_url("/password/forgot")}},
                              now);
        tx.commit();
        spdlog::info("sign-up with an address already registered (member {})", existing->id);
    } else {
        store::Member m;
        m.name = name;
        m.display_name = name;
        m.email = email;
        m.locale = ctx.lang;
        m.password_hash = password_hash;
        // An invitation was sent to this address: following it proves the address.
        m.email_verified = invite.has_value();
        m.status = invite ? domain::MemberStatus::Active : domain::MemberStatus::Pending;
        m.id = store::insert_member(db, m, now);
        if (auto terms = store::latest_page_version(db, "terms")) store::accept_terms(db, m.id, terms, now);  // issue 7
        if (invite) {
            auth::consume_token(db, ctx.form.get("invite"), "invite", now);
            store::audit(db, now, m.id, m.name, "member.signup_invited", "member:" + std::to_string(m.id));
        } else {
            // Beyond the address's limit the account still exists: "send the check again" later.
            if (auth::take_mail_budget(ctx, m.email)) auth::send_verification(ctx.app, db, m, now);
            store::audit(db, now, m.id, m.name, "member.signup", "member:" + std::to_string(m.id), mode);
        }
        tx.commit();
        spdlog::info("new member {} signed up ({})", m.id, invite ? "invited" : mode);
        if (invite) {
            http::redirect(ctx, "/login?done=signed_up");
            return;
        }
    }
    http::View v;
    v.set("approval", mode == "approval");
    http::render_page(ctx, "signup_done", std::move(v), ctx.t("signup.done_title"));
}

void signup_verify(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto now = ctx.now();
    auto token = auth::consume_token(db, ctx.query.get("token"), "verify", now);
    if (!token || !token->member_id) throw http::HttpError(410, "signup.verify_invalid");
    auto m = store::find_member(db, *token->member_id);
    if (!m || m->email != token->email) throw http::HttpError(410, "signup.verify_invalid");
    store::set_member_email_verified(db, m->id, now);
    bool activated = false;
    if (m->status == domain::MemberStatus::Pending && auth::signup_mode(db) == "open") {
        store::set_member_status(db, m->id, domain::MemberStatus::Active, now);
        activated = true;
    }
    store::audit(db, now, m->id, m->name, "member.email_verified", "member:" + std::to_string(m->id));
    http::View v;
    v.set("activated", activated || m->status == domain::MemberStatus::Active);
    v.set("awaiting_approval", !activated && m->status == domain::MemberStatus::Pending);
    http::render_page(ctx, "signup_verified", std::move(v), ctx.t("signup.verified_title"));
}

// "Send the e-mail check again", for a member whose address is not verified yet.
void signup_resend_form(http::Ctx& ctx) {
    http::render_page(ctx, "signup_resend", {}, ctx.t("security.resend_title"));
}

void signup_resend_submit(http::Ctx& ctx) {
    auth::require_client_mail_budget(ctx);
    auto& db = ctx.db();
    auto now = ctx.now();
    if (auto m = store::find_member_by_email(db, ctx.form.get("email"));
        m && !m->email_verified && m->status != domain::MemberStatus::Suspended && auth::take_mail_budget(ctx, m->email)) {
        auth::send_verification(ctx.app, db, *m, now);
        spdlog::info("e-mail check sent again to member {}", m->id);
    }
    // The same answer whether or not the address is known, already verified, or over its limit.
    http::View v;
    v.set("sent", true);
    http::render_page(ctx, "signup_resend", std::move(v), ctx.t("security.resend_title"));
}

}  // namespace chatiere::ui
