#include "actions/membership.h"
#include "app.h"
#include "http/action_context.h"
#include "ui/contributions_common.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/oidc.h"
#include "store/members.h"
#include "store/requests.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

namespace {

// The member's own membership: state, last day in the reader's words, and the hoster's funding
// links to renew; nothing when membership is off.
void add_membership_view(http::Ctx& ctx, http::View& v) {
    auto c = http::action_context(ctx, http::member_actor(ctx));
    const auto policy = actions::membership_policy(ctx.db());
    if (!policy.enabled) return;
    auto s = actions::member_standing(c, ctx.user->id);
    using domain::MembershipState;
    http::View m;
    m.set("state", ctx.t("membership.state." + std::string(domain::to_string(s.state))));
    m.set("state_code", std::string(domain::to_string(s.state)));
    if (!s.member_until.empty()) {
        bool over = s.state == MembershipState::Grace || s.state == MembershipState::Lapsed;
        m.set(over ? "ended" : "until", contributions::day(ctx, s.member_until));
        m.set("iso_until", s.member_until);
    }
    m.set("honorary", s.state == MembershipState::Honorary);
    m.set("none", s.state == MembershipState::None);
    contributions::add_goal_view(ctx, m);  // "funding_links": the hoster's funding links
    m.set("renew", s.state != MembershipState::Honorary && m.get("has_links") && m.get("has_links")->is_true());
    v.set("membership", m);
}

}  // namespace

// The member's space: their services with their identifier on each, and links to the rest.
void account_home(http::Ctx& ctx) {
    auto& db = ctx.db();
    http::View v;
    http::View services{http::View::type::list};
    auto mine = store::member_services(db, ctx.user->id);
    std::vector<int64_t> ids;
    for (const auto& s : mine) ids.push_back(s.service_id);
    StatusCards status(ctx, ids);
    for (const auto& s : mine) {
        http::View item;
        item.set("name", s.name);
        item.set("slug", s.slug);
        if (!s.website.empty()) item.set("website", s.website);
        item.set("identifier", s.identifier);
        item.set("portal_login", !store::oidc_clients_of_service(db, s.service_id).empty());
        item.set("since", ctx.format_date(s.since));
        // Its current status and the open incidents that touch it.
        status.fill(item, s.service_id);
        services.push_back(item);
    }
    v.set("has_services", !services.is_empty_list());
    v.set("services", services);
    // Services the member may ask for (issue 18), a few; the rest from each service's page.
    http::View askable{http::View::type::list};
    for (const auto& a : store::askable_services(db, ctx.user->id, 20)) {
        http::View item;
        item.set("name", a.name);
        item.set("slug", a.slug);
        askable.push_back(item);
    }
    v.set("has_askable", !askable.is_empty_list());
    v.set("askable", askable);
    add_membership_view(ctx, v);  // issue 18
    v.set("display_name", ctx.user->name);
    v.set("has_totp", ctx.user->has_totp);
    if (auto done = ctx.query.get("done"); !done.empty() && ctx.app.catalog.has(ctx.lang, "account.done." + done))
        v.set("notice", ctx.t("account.done." + done));
    http::render_page(ctx, "account", std::move(v), ctx.t("account.title"));
}

}  // namespace chatiere::ui
