#include <algorithm>
#include <map>
#include <set>

#include "actions/membership.h"
#include "app.h"
#include "store/membership.h"
#include "auth/accounts.h"
#include "auth/email_change.h"
#include "auth/guard.h"
#include "http/response.h"
#include "store/audit.h"
#include "store/members.h"
#include "store/services.h"
#include "store/subscriptions.h"
#include "store/tokens.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

// Per service (issue 19): a service the member uses is on unless they said no (or had turned
// the old single switch off); any other service only when they ticked it.
std::map<int64_t, bool> alert_choices(http::Ctx& ctx, const store::Member& m, std::set<int64_t>& used) {
    auto& db = ctx.db();
    for (const auto& ms : store::member_services(db, m.id)) used.insert(ms.service_id);
    std::map<int64_t, bool> explicit_choice;
    for (const auto& a : store::member_alerts(db, m.id)) explicit_choice[a.service_id] = a.wanted;
    std::map<int64_t, bool> out;
    for (const auto& s : store::list_services(db, true, false)) {
        auto e = explicit_choice.find(s.id);
        out[s.id] = e != explicit_choice.end() ? e->second : (used.count(s.id) && m.notify_incidents);
    }
    return out;
}

http::View alert_fields(http::Ctx& ctx, const store::Member& m, const std::map<int64_t, bool>* typed) {
    std::set<int64_t> used;
    auto choices = alert_choices(ctx, m, used);
    http::View list{http::View::type::list};
    for (const auto& s : store::list_services(ctx.db(), true, false)) {
        http::View item;
        item.set("id", std::to_string(s.id));
        item.set("name", s.name);
        item.set("yours", used.count(s.id) > 0);
        bool on = typed ? typed->count(s.id) && typed->at(s.id) : choices[s.id];
        item.set("checked", on);
        list.push_back(item);
    }
    return list;
}

void show(http::Ctx& ctx, const store::Member& m, const std::string& error_field, const std::string& error_key,
          int status) {
    http::View v;
    v.set("display_name", m.display_name);
    v.set("email", m.email);
    v.set("email_unverified", !m.email_verified);
    v.set("has_totp", m.totp_secret.has_value());
    if (auto pending = store::pending_email_change(ctx.db(), m.id, ctx.now()))
        v.set("pending_email", ctx.t("security.email_pending", {{"email", *pending}}));
    v.set("locale_fr", m.locale == "fr");
    v.set("locale_en", m.locale == "en");
    v.set("alerts", alert_fields(ctx, m, nullptr));
    // Membership reminders by mail (issue 18), when membership is on.
    if (actions::membership_policy(ctx.db()).enabled)
        if (auto st = store::stored_standing(ctx.db(), m.id)) {
            http::View r;
            r.set("checked", st->notify);
            v.set("membership_reminders", r);
        }
    if (!error_key.empty()) {
        v.set("error", ctx.t(error_key));
        v.set("error_" + error_field, true);
    }
    if (ctx.query.get("done") == "saved") v.set("notice", ctx.t("account.profile_saved"));
    if (ctx.query.get("done") == "email_pending") v.set("notice", ctx.t("security.email_link_sent"));
    http::render_page(ctx, "account_profile", std::move(v), ctx.t("account.link_profile"), status);
}
}  // namespace

void account_profile_form(http::Ctx& ctx) {
    auto m = store::find_member(ctx.db(), ctx.user->id);
    show(ctx, *m, "", "", 200);
}

void account_profile_submit(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = *store::find_member(db, ctx.user->id);
    store::Member changed = m;
    changed.display_name = ctx.form.get("display_name");
    changed.email = ctx.form.get("email");
    changed.locale = ctx.form.get("locale") == "en" ? "en" : "fr";
    // Every listed service gets an explicit choice: ticked or not.
    std::vector<store::MemberAlert> alerts;
    {
        auto ticked = ctx.form.all("alert");
        for (const auto& s : store::list_services(db, true, false))
            alerts.push_back({s.id, std::find(ticked.begin(), ticked.end(), std::to_string(s.id)) != ticked.end()});
    }
    if (changed.display_name.size() > 100) {
        show(ctx, changed, "display_name", "account.display_name_long", 422);
        return;
    }
    if (auto p = auth::email_problem(changed.email)) {
        show(ctx, changed, "email", *p, 422);
        return;
    }
    // The address is what a password reset trusts: changing it takes the current password (or
    // a fresh second-factor code), and the old one stays in force until the new one is confirmed.
    bool new_email = !auth::same_address(changed.email, m.email);
    std::string requested = changed.email;
    if (new_email) {
        if (auto other = store::find_member_by_email(db, requested); other && other->id != m.id) {
            show(ctx, changed, "email", "account.email_taken", 422);
            return;
        }
        if (!auth::confirm_identity(ctx, m, ctx.form.get("current_password"), ctx.form.get("code"))) {
            show(ctx, changed, "current_password", "security.email_needs_password", 403);
            return;
        }
    }
    changed.email = m.email;
    changed.email_verified = m.email_verified;
    db::Transaction tx(db);
    store::update_member_profile(db, changed, ctx.now());
    store::set_member_alerts(db, m.id, alerts);
    if (actions::membership_policy(db).enabled)  // the box is only shown then (issue 18)
        store::set_notify_membership(db, m.id, ctx.form.get("membership_reminders") == "on");
    if (new_email) auth::request_email_change(ctx.app, db, m, requested, ctx.now());
    store::audit(db, ctx.now(), m.id, m.name, "member.profile", "member:" + std::to_string(m.id),
                 new_email ? "e-mail change requested" : "");
    tx.commit();
    http::redirect(ctx, new_email ? "/account/profile?done=email_pending" : "/account/profile?done=saved");
}

}  // namespace chatiere::ui
