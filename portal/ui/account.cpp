#include "app.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/oidc.h"
#include "store/members.h"
#include "store/requests.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

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
    v.set("display_name", ctx.user->name);
    v.set("has_totp", ctx.user->has_totp);
    if (auto done = ctx.query.get("done"); !done.empty() && ctx.app.catalog.has(ctx.lang, "account.done." + done))
        v.set("notice", ctx.t("account.done." + done));
    http::render_page(ctx, "account", std::move(v), ctx.t("account.title"));
}

}  // namespace chatiere::ui
