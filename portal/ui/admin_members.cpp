#include <spdlog/spdlog.h>

#include <set>

#include "app.h"
#include "auth/accounts.h"
#include "auth/one_time.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/audit.h"
#include "store/members.h"
#include "store/outbox.h"
#include "store/services.h"
#include "store/sessions.h"
#include "store/settings.h"
#include "text/number.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

constexpr int kPageSize = 50;

store::Member member_or_404(http::Ctx& ctx) {
    auto m = store::find_member(ctx.db(), ctx.id_param("id"));
    if (!m) throw http::HttpError(404);
    return *m;
}

void audit(http::Ctx& ctx, const std::string& action, const store::Member& target, const std::string& details = {}) {
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, action, "member:" + std::to_string(target.id),
                 details);
}

http::View member_view(http::Ctx& ctx, const store::Member& m) {
    http::View v;
    v.set("id", std::to_string(m.id));
    v.set("name", m.name);
    v.set("display_name", m.display_name);
    v.set("email", m.email);
    v.set("email_verified", m.email_verified);
    v.set("admin", m.admin());
    v.set("status", m.status);
    v.set("status_label", ctx.t("members.status_" + m.status));
    v.set("status_class", m.status == "active" ? "ok" : m.status == "pending" ? "warn" : "bad");
    v.set("pending", m.status == "pending");
    v.set("active", m.status == "active");
    v.set("suspended", m.status == "suspended");
    v.set("created", ctx.format_date(m.created_at));
    v.set("last_login", m.last_login_at ? ctx.format_datetime(*m.last_login_at)
                                        : ctx.t("members.never"));
    v.set("has_totp", m.totp_secret.has_value());
    v.set("is_me", ctx.user && ctx.user->id == m.id);
    return v;
}

}  // namespace

void admin_home(http::Ctx& ctx) {
    auto& db = ctx.db();
    http::View v;
    v.set("pending", std::to_string(store::count_members(db, "pending")));
    v.set("active", std::to_string(store::count_members(db, "active")));
    v.set("has_pending", store::count_members(db, "pending") > 0);
    v.set("stuck_mail", std::to_string(store::stuck_mail(db, 1000).size()));
    http::render_page(ctx, "admin", std::move(v), ctx.t("admin.title"));
}

void admin_members(http::Ctx& ctx) {
    auto& db = ctx.db();
    std::string search = ctx.query.get("q").substr(0, 100);
    std::string status = ctx.query.get("status");
    if (status != "pending" && status != "active" && status != "suspended") status.clear();
    int64_t after = 0;
    if (auto a = text::parse_decimal(ctx.query.get("after"), 18)) after = *a;
    // One more than a page tells whether there is a next page.
    auto rows = store::list_members(db, search, status, after, kPageSize + 1);
    bool more = rows.size() > kPageSize;
    if (more) rows.pop_back();
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& m : rows) list.push_back(member_view(ctx, m));
    v.set("members", list);
    v.set("has_members", !rows.empty());
    v.set("q", search);
    v.set("status_" + (status.empty() ? std::string("all") : status), true);
    if (more) {
        std::string next = "?after=" + std::to_string(rows.back().id);
        if (!search.empty()) next += "&q=" + http::percent_encode(search);
        if (!status.empty()) next += "&status=" + status;
        v.set("next", next);
    }
    v.set("paged", after > 0);
    std::string mode = auth::signup_mode(db);
    v.set("mode_" + mode, true);
    v.set("admin_totp_required", store::get_setting_or(db, "security.admin_totp_required", "0") == "1");
    if (auto done = ctx.query.get("done"); !done.empty() && ctx.app.catalog.has(ctx.lang, "members.done_" + done))
        v.set("notice", ctx.t("members.done_" + done));
    // The invitation link just made, kept on the server for this session and shown once.
    if (auto link = ctx.app.flash.take(ctx.user->session_id, ctx.now())) {
        v.set("invite_link", ctx.absolute_url(*link));
        ctx.res.set_header("Cache-Control", "no-store");
    }
    http::render_page(ctx, "admin_members", std::move(v), ctx.t("members.title"));
}

void admin_member(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = member_or_404(ctx);
    http::View v = member_view(ctx, m);
    http::View services{http::View::type::list};
    std::set<int64_t> attached;
    for (const auto& s : store::member_services(db, m.id)) {
        http::View item;
        item.set("service_id", std::to_string(s.service_id));
        item.set("name", s.name);
        item.set("identifier", s.identifier);
        services.push_back(item);
        attached.insert(s.service_id);
    }
    v.set("services", services);
    v.set("has_services", !services.is_empty_list());
    http::View available{http::View::type::list};
    for (const auto& s : store::list_services(db, true, true)) {
        if (attached.count(s.id)) continue;
        http::View item;
        item.set("id", std::to_string(s.id));
        item.set("name", s.name);
        available.push_back(item);
    }
    v.set("available", available);
    v.set("can_attach", !available.is_empty_list());
    if (auto done = ctx.query.get("done"); !done.empty() && ctx.app.catalog.has(ctx.lang, "members.done_" + done))
        v.set("notice", ctx.t("members.done_" + done));
    http::render_page(ctx, "admin_member", std::move(v), m.name);
}

void admin_member_action(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = member_or_404(ctx);
    const std::string& action = ctx.param("action");
    auto now = ctx.now();
    bool self = m.id == ctx.user->id;
    db::Transaction tx(db);
    if (action == "approve" || action == "reactivate") {
        if (m.status == "active") throw http::HttpError(409, "members.already_active");
        store::set_member_status(db, m.id, "active", now);
        if (action == "approve") auth::mail_member(ctx.app, db, m, "approved", {{"link", ctx.absolute_url("/login")}}, now);
    } else if (action == "suspend") {
        if (self) throw http::HttpError(409, "members.not_yourself");
        store::set_member_status(db, m.id, "suspended", now);
        store::delete_member_sessions(db, m.id, 0);
    } else if (action == "make-admin") {
        store::set_member_role(db, m.id, "admin", now);
    } else if (action == "make-member") {
        if (self) throw http::HttpError(409, "members.not_yourself");
        store::set_member_role(db, m.id, "member", now);
    } else if (action == "delete") {
        if (self) throw http::HttpError(409, "members.not_yourself");
        if (ctx.form.get("confirm") != m.name) throw http::HttpError(422, "members.delete_confirm_name");
        audit(ctx, "member.delete", m, m.name);
        store::delete_member(db, m.id);
        tx.commit();
        spdlog::info("admin {} deleted member {}", ctx.user->id, m.id);
        http::redirect(ctx, "/admin/members?done=deleted");
        return;
    } else {
        throw http::HttpError(404);
    }
    audit(ctx, "member." + action, m);
    tx.commit();
    spdlog::info("admin {}: member.{} on member {}", ctx.user->id, action, m.id);
    http::redirect(ctx, "/admin/members/" + std::to_string(m.id) + "?done=" + action);
}

void admin_member_attach(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = member_or_404(ctx);
    const std::string& sid = ctx.form.get("service_id");
    auto service_id = text::parse_decimal(sid, 18);
    if (!service_id) throw http::HttpError(422, "members.choose_service");
    auto service = store::find_service(db, *service_id);
    if (!service) throw http::HttpError(422, "members.choose_service");
    std::string identifier = ctx.form.get("identifier").substr(0, 200);
    store::attach_service(db, m.id, service->id, identifier, ctx.now());
    audit(ctx, "member.attach_service", m, service->slug + " " + identifier);
    http::redirect(ctx, "/admin/members/" + std::to_string(m.id) + "?done=attached");
}

void admin_member_detach(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = member_or_404(ctx);
    int64_t service = ctx.id_param("service");
    store::detach_service(db, m.id, service);
    audit(ctx, "member.detach_service", m, std::to_string(service));
    http::redirect(ctx, "/admin/members/" + std::to_string(m.id) + "?done=detached");
}

void admin_signup_mode(http::Ctx& ctx) {
    std::string mode = ctx.form.get("mode");
    if (mode != "closed" && mode != "approval" && mode != "open") throw http::HttpError(422, "members.bad_mode");
    store::put_setting(ctx.db(), "signup.mode", mode, ctx.now());
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "settings.signup_mode", "signup.mode", mode);
    http::redirect(ctx, "/admin/members?done=mode");
}

void admin_security(http::Ctx& ctx) {
    std::string required = ctx.form.get("admin_totp_required") == "1" ? "1" : "0";
    store::put_setting(ctx.db(), "security.admin_totp_required", required, ctx.now());
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "settings.admin_totp_required",
                 "security.admin_totp_required", required);
    http::redirect(ctx, "/admin/members?done=security");
}

void admin_invite(http::Ctx& ctx) {
    auto& db = ctx.db();
    std::string email = ctx.form.get("email");
    if (auto p = auth::email_problem(email)) throw http::HttpError(422, *p);
    int days = 7;
    std::string token = auth::issue_token(db, "invite", std::nullopt, email, ctx.user->id, ctx.now(), days * 86400);
    std::string path = "/signup?invite=" + token;
    auth::mail_address(ctx.app, db, email, ctx.lang, "invite",
                       {{"link", ctx.absolute_url(path)}, {"days", std::to_string(days)}}, ctx.now());
    store::audit(db, ctx.now(), ctx.user->id, ctx.user->login, "member.invite", "email:" + email);
    // The admin also sees the link, to hand it over another way if mail is slow: once, on the
    // next page, never in a URL (browser history, proxy and access logs).
    ctx.app.flash.put(ctx.user->session_id, path, ctx.now());
    http::redirect(ctx, "/admin/members?done=invited");
}

void admin_audit(http::Ctx& ctx) {
    int64_t before = 0;
    if (auto b = text::parse_decimal(ctx.query.get("before"), 18)) before = *b;
    auto rows = store::audit_page(ctx.db(), before, kPageSize + 1);
    bool more = rows.size() > kPageSize;
    if (more) rows.pop_back();
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& e : rows) {
        http::View item;
        item.set("at", ctx.format_datetime(e.at));
        item.set("at_iso", i18n::iso_utc(e.at));
        item.set("actor", e.actor.empty() ? ctx.t("audit.system") : e.actor);
        item.set("action", e.action);
        item.set("target", e.target);
        item.set("details", e.details);
        list.push_back(item);
    }
    v.set("entries", list);
    if (more) v.set("next", "?before=" + std::to_string(rows.back().id));
    http::render_page(ctx, "admin_audit", std::move(v), ctx.t("audit.title"));
}

void admin_mail(http::Ctx& ctx) {
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& m : store::stuck_mail(ctx.db(), 200)) {
        http::View item;
        item.set("id", std::to_string(m.id));
        item.set("to", m.to);
        item.set("subject", m.subject);
        item.set("attempts", std::to_string(m.attempts));
        item.set("error", m.last_error);
        item.set("created", ctx.format_datetime(m.created_at));
        item.set("next", ctx.format_datetime(m.next_attempt_at));
        list.push_back(item);
    }
    v.set("mails", list);
    v.set("has_mails", !list.is_empty_list());
    if (ctx.query.get("done") == "retry") v.set("notice", ctx.t("mailadmin.retry_done"));
    http::render_page(ctx, "admin_mail", std::move(v), ctx.t("mailadmin.title"));
}

void admin_mail_retry(http::Ctx& ctx) {
    store::retry_mail_now(ctx.db(), ctx.id_param("id"), ctx.now());
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "mail.retry", "mail:" + ctx.param("id"));
    http::redirect(ctx, "/admin/mail?done=retry");
}

}  // namespace chatiere::ui
