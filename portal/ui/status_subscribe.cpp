// Status subscriptions for visitors (issue 19): the subscribe form, the confirmation of the
// mailed link (double opt-in), the manage page and the one-click unsubscribe its mails carry.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "app.h"
#include "auth/accounts.h"
#include "auth/guard.h"
#include "http/errors.h"
#include "http/response.h"
#include "subscriptions/subscriptions.h"
#include "text/number.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

struct Typed {
    std::string email, lang;
    bool all_services = true, maintenance = false;
    std::vector<int64_t> services;
};

Typed typed_from_form(http::Ctx& ctx) {
    Typed t;
    t.email = ctx.form.get("email");
    t.lang = ctx.form.get("lang") == "en" ? "en" : (ctx.form.get("lang") == "fr" ? "fr" : ctx.lang);
    t.all_services = ctx.form.get("scope") != "chosen";
    t.maintenance = ctx.form.get("maintenance") == "1";
    for (const auto& v : ctx.form.all("service")) {
        if (auto id = text::parse_decimal(v, 18)) t.services.push_back(*id);
    }
    return t;
}

// The choices of the subscribe and manage forms: language, all or chosen public services,
// maintenance.
void set_choices(http::Ctx& ctx, http::View& v, const Typed& t) {
    v.set("lang_fr", t.lang == "fr");
    v.set("lang_en", t.lang == "en");
    v.set("scope_all", t.all_services);
    v.set("scope_chosen", !t.all_services);
    v.set("maintenance", t.maintenance);
    http::View list{http::View::type::list};
    for (const auto& s : subscriptions::followable_services(ctx.db())) {
        http::View item;
        item.set("id", std::to_string(s.id));
        item.set("name", s.name);
        item.set("checked", std::find(t.services.begin(), t.services.end(), s.id) != t.services.end());
        list.push_back(item);
    }
    v.set("services", list);
}

void show_form(http::Ctx& ctx, const Typed& t, const std::string& error_field, const std::string& error_key,
               int status) {
    http::View v;
    v.set("email", t.email);
    set_choices(ctx, v, t);
    if (!error_key.empty()) {
        v.set("error", ctx.t(error_key));
        v.set("error_" + error_field, true);
    }
    http::render_page(ctx, "status_subscribe", std::move(v), ctx.t("subscriptions.title"), status);
}

void show_message(http::Ctx& ctx, const std::string& title_key, const std::string& text_key, int status = 200) {
    http::View v;
    v.set("heading", ctx.t(title_key));
    v.set("text", ctx.t(text_key));
    ctx.res.set_header("Cache-Control", "no-store");
    http::render_page(ctx, "status_subscribe_message", std::move(v), ctx.t(title_key), status);
}

// The token of a link, from the URL (mail links, List-Unsubscribe) or a form field.
std::string token_of(http::Ctx& ctx) {
    std::string t = ctx.query.get("token");
    return t.empty() ? ctx.form.get("token") : t;
}

void show_manage(http::Ctx& ctx, const store::Subscriber& s, const std::string& token, bool notice_saved,
                 bool notice_confirmed, const std::string& error_key = "", int status = 200) {
    http::View v;
    if (!error_key.empty()) v.set("error", ctx.t(error_key));
    v.set("email", s.email);
    v.set("token", token);
    Typed t{s.email, s.lang, s.all_services, s.maintenance, s.services};
    set_choices(ctx, v, t);
    v.set("saved", notice_saved);
    v.set("confirmed", notice_confirmed);
    v.set("unsubscribe_action", ctx.url("/status/subscription/unsubscribe?token=" + token));
    // The token is a key to this subscription: never kept by a cache.
    ctx.res.set_header("Cache-Control", "no-store");
    http::render_page(ctx, "status_subscription", std::move(v), ctx.t("subscriptions.manage_title"), status);
}

}  // namespace

void status_subscribe_form(http::Ctx& ctx) {
    Typed t;
    t.lang = ctx.lang;
    // From a service's status page: that service, chosen.
    std::string slug = ctx.query.get("service");
    if (!slug.empty())
        for (const auto& s : subscriptions::followable_services(ctx.db()))
            if (s.slug == slug) {
                t.all_services = false;
                t.services.push_back(s.id);
            }
    show_form(ctx, t, "", "", 200);
}

void status_subscribe_submit(http::Ctx& ctx) {
    Typed t = typed_from_form(ctx);
    if (auto p = auth::email_problem(t.email)) return show_form(ctx, t, "email", *p, 422);
    if (!t.all_services) {
        bool any = false;
        for (const auto& s : subscriptions::followable_services(ctx.db()))
            any = any || std::find(t.services.begin(), t.services.end(), s.id) != t.services.end();
        if (!any) return show_form(ctx, t, "services", "subscriptions.error.no_service", 422);
    }
    // Like sign-up: a budget per client address (429), one per destination (beyond it nothing
    // leaves, and the answer is the same), and the same answer for a known address.
    auth::require_client_mail_budget(ctx);
    if (auth::take_mail_budget(ctx, t.email)) {
        auto& db = ctx.db();
        db::Transaction tx(db);
        subscriptions::request(db, subscriptions::mailing_of(ctx.app.config, ctx.app.catalog, ctx.zone()), t.email,
                               {t.lang, t.all_services, t.maintenance, t.services}, ctx.now());
        tx.commit();
    }
    show_message(ctx, "subscriptions.sent_title", "subscriptions.sent_text");
}

void status_subscribe_confirm_form(http::Ctx& ctx) {
    std::string token = ctx.query.get("token");
    auto r = subscriptions::pending_request(ctx.db(), token, ctx.now());
    if (!r) return show_message(ctx, "subscriptions.expired_title", "subscriptions.expired_text", 410);
    // A button, not the GET itself: mail scanners that follow links must not subscribe anyone.
    http::View v;
    v.set("token", token);
    v.set("email", r->email);
    ctx.res.set_header("Cache-Control", "no-store");
    http::render_page(ctx, "status_subscribe_confirm", std::move(v), ctx.t("subscriptions.confirm_title"));
}

void status_subscribe_confirm(http::Ctx& ctx) {
    auto& db = ctx.db();
    db::Transaction tx(db);
    auto token = subscriptions::confirm(db, ctx.form.get("token"), ctx.now());
    if (!token) {
        tx.commit();
        return show_message(ctx, "subscriptions.expired_title", "subscriptions.expired_text", 410);
    }
    tx.commit();
    spdlog::info("status subscription confirmed");
    http::redirect(ctx, "/status/subscription?done=confirmed&token=" + *token);
}

void status_subscription(http::Ctx& ctx) {
    std::string token = token_of(ctx);
    auto s = subscriptions::subscriber_from_token(ctx.db(), token);
    if (!s) return show_message(ctx, "subscriptions.gone_title", "subscriptions.gone_text", 404);
    show_manage(ctx, *s, token, ctx.query.get("done") == "saved", ctx.query.get("done") == "confirmed");
}

void status_subscription_save(http::Ctx& ctx) {
    std::string token = token_of(ctx);
    auto& db = ctx.db();
    auto s = subscriptions::subscriber_from_token(db, token);
    if (!s) return show_message(ctx, "subscriptions.gone_title", "subscriptions.gone_text", 404);
    Typed t = typed_from_form(ctx);
    store::Subscriber changed = *s;
    changed.lang = t.lang;
    changed.all_services = t.all_services;
    changed.maintenance = t.maintenance;
    changed.services.clear();
    for (const auto& f : subscriptions::followable_services(db))
        if (std::find(t.services.begin(), t.services.end(), f.id) != t.services.end()) changed.services.push_back(f.id);
    if (!changed.all_services && changed.services.empty()) {
        // Following nothing is leaving: say so rather than keep an empty subscription.
        return show_manage(ctx, *s, token, false, false, "subscriptions.error.no_service_manage", 422);
    }
    db::Transaction tx(db);
    store::update_subscriber(db, changed, ctx.now());
    tx.commit();
    http::redirect(ctx, "/status/subscription?done=saved&token=" + token);
}

void status_unsubscribe_form(http::Ctx& ctx) {
    std::string token = token_of(ctx);
    auto s = subscriptions::subscriber_from_token(ctx.db(), token);
    if (!s) return show_message(ctx, "subscriptions.gone_title", "subscriptions.gone_text", 404);
    http::View v;
    v.set("email", s->email);
    v.set("action", ctx.url("/status/subscription/unsubscribe?token=" + token));
    ctx.res.set_header("Cache-Control", "no-store");
    http::render_page(ctx, "status_unsubscribe", std::move(v), ctx.t("subscriptions.unsubscribe_title"));
}

// RFC 8058 one-click: POST with "List-Unsubscribe=One-Click", no cookie; the signed token is
// the authority (Role::SignedLink: no session, no form CSRF token). A token that names no
// subscription (already left, or forged) answers 404 "no subscription here": a 4xx also keeps
// junk requests from invalidating the page cache, as any successful POST does.
void status_unsubscribe(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto s = subscriptions::subscriber_from_token(db, token_of(ctx));
    if (!s) return show_message(ctx, "subscriptions.gone_title", "subscriptions.gone_text", 404);
    db::Transaction tx(db);
    store::delete_subscriber(db, s->id);
    tx.commit();
    spdlog::info("status subscription {} ended by its link", s->id);
    show_message(ctx, "subscriptions.unsubscribed_title", "subscriptions.unsubscribed_text");
}

}  // namespace chatiere::ui
