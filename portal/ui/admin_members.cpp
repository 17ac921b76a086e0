// /admin/members: the member list (search, filter by status), one member's page, and what an admin
// does to a member (approve, suspend, change the role, delete, attach or detach a service).
#include <spdlog/spdlog.h>

#include <set>

#include "actions/members.h"
#include "app.h"
#include "http/action_context.h"
#include "auth/accounts.h"
#include "auth/one_time.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "oidc/provider.h"
#include "store/members.h"
#include "store/outbox.h"
#include "store/services.h"
#include "store/sessions.h"
#include "store/settings.h"
#include "text/number.h"
#include "ui/handlers.h"
#include "ui/membership_view.h"

namespace chatiere::ui {

namespace {

constexpr int kPageSize = 50;

store::Member member_or_404(http::Ctx& ctx) {
    auto m = store::find_member(ctx.db(), ctx.id_param("id"));
    if (!m) throw http::HttpError(404);
    return *m;
}

http::View member_view(http::Ctx& ctx, const store::Member& m) {
    http::View v;
    v.set("id", std::to_string(m.id));
    v.set("name", m.name);
    v.set("display_name", m.display_name);
    v.set("email", m.email);
    v.set("email_verified", m.email_verified);
    v.set("admin", m.admin());
    v.set("status", std::string(domain::to_string(m.status)));
    v.set("status_label", ctx.t("members.status_" + std::string(domain::to_string(m.status))));
    using domain::MemberStatus;
    v.set("status_class", m.status == MemberStatus::Active ? "ok" : m.status == MemberStatus::Pending ? "warn" : "bad");
    v.set("pending", m.status == MemberStatus::Pending);
    v.set("active", m.status == MemberStatus::Active);
    v.set("suspended", m.status == MemberStatus::Suspended);
    v.set("created", ctx.format_date(m.created_at));
    v.set("last_login", m.last_login_at ? ctx.format_datetime(*m.last_login_at)
                                        : ctx.t("members.never"));
    v.set("has_totp", m.totp_secret.has_value());
    v.set("is_me", ctx.user && ctx.user->id == m.id);
    return v;
}

}  // namespace

void admin_members(http::Ctx& ctx) {
    auto& db = ctx.db();
    std::string search = ctx.query.get("q").substr(0, 100);
    auto status_filter = domain::parse_member_status(ctx.query.get("status"));
    std::string status = status_filter ? std::string(domain::to_string(*status_filter)) : "";
    int64_t after = 0;
    if (auto a = text::parse_decimal(ctx.query.get("after"), 18)) after = *a;
    // One more than a page tells whether there is a next page.
    auto rows = store::list_members(db, search, status_filter, after, kPageSize + 1);
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
    add_member_membership_view(ctx, v, m.id);  // issue 18
    http::render_page(ctx, "admin_member", std::move(v), m.name);
}

void admin_member_action(http::Ctx& ctx) {
    auto m = member_or_404(ctx);
    const std::string& action = ctx.param("action");
    auto c = http::action_context(ctx, http::member_actor(ctx));
    if (action == "delete") {
        if (auto err = actions::delete_member(c, m, ctx.form.get("confirm")); !err.empty())
            throw http::HttpError(err == "members.delete_confirm_name" ? 422 : 409, err);
        spdlog::info("admin {} deleted member {}", ctx.user->id, m.id);
        http::redirect(ctx, "/admin/members?done=deleted");
        return;
    }
    auto change = actions::parse_member_change(action);
    if (!change) throw http::HttpError(404);
    if (auto err = actions::change_member(c, m, *change); !err.empty()) throw http::HttpError(409, err);
    spdlog::info("admin {}: member.{} on member {}", ctx.user->id, action, m.id);
    http::redirect(ctx, "/admin/members/" + std::to_string(m.id) + "?done=" + action);
}

void admin_member_attach(http::Ctx& ctx) {
    auto m = member_or_404(ctx);
    const std::string& sid = ctx.form.get("service_id");
    auto service_id = text::parse_decimal(sid, 18);
    if (!service_id) throw http::HttpError(422, "members.choose_service");
    std::string identifier = ctx.form.get("identifier").substr(0, 200);
    if (auto err = actions::attach_service(http::action_context(ctx, http::member_actor(ctx)), m, *service_id, identifier);
        !err.empty())
        throw http::HttpError(422, err);
    http::redirect(ctx, "/admin/members/" + std::to_string(m.id) + "?done=attached");
}

void admin_member_detach(http::Ctx& ctx) {
    auto m = member_or_404(ctx);
    int64_t service = ctx.id_param("service");
    actions::detach_service(http::action_context(ctx, http::member_actor(ctx)), m, service);
    http::redirect(ctx, "/admin/members/" + std::to_string(m.id) + "?done=detached");
}

}  // namespace chatiere::ui
