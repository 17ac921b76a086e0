// GET /status/services/:slug: one service's status, history and incidents (paginated).
// GET /status/history: every incident and maintenance, newest first (paginated).
#include "actions/requests.h"
#include "app.h"
#include "charts/service_history.h"
#include "http/errors.h"
#include "http/action_context.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/oidc.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

namespace {
constexpr int kPerPage = 20;
}

std::optional<store::Service> visible_service(http::Ctx& ctx, const std::string& slug) {
    auto s = store::find_service_by_slug(ctx.db(), slug);
    if (!s || s->admin_state == "draft" || (s->visibility != "public" && !sees_members_only(ctx))) return std::nullopt;
    return s;
}

void status_service(http::Ctx& ctx) {
    auto s = visible_service(ctx, ctx.param("slug"));
    if (!s) throw http::HttpError(404);
    int page = ctx.page_number();
    auto h = store::service_history(ctx.db(), ctx.zone(), *s, ctx.now());
    http::View v;
    v.set("name", s->name);
    v.set("description", s->description);
    if (!s->website.empty()) v.set("website", s->website);
    v.set("portal_login", !store::oidc_clients_of_service(ctx.db(), s->id).empty());
    v.set("badge", status_badge(ctx, h.state.status));
    std::string summary;
    v.set("svg", charts::service_history_svg(h, ctx.app.catalog, ctx.lang, ctx.zone(), summary));
    v.set("summary", summary);
    v.set("availability", status::format_percent(ctx.lang, h.availability));
    history_details(ctx, h, v);  // date range, days with trouble (issue 15)
    // ?day=YYYY-MM-DD: what happened to this service that day, linked from the list of days.
    if (std::string day = ctx.query.get("day"); !day.empty()) {
        for (const auto& d : h.days) {
            if (i18n::strftime_local(ctx.zone(), d.start, "%Y-%m-%d") != day) continue;
            http::View detail;
            detail.set("date", ctx.format_date(d.start));
            double pct = 100.0 - static_cast<double>(d.stat.down_tenths) / 10.0 / static_cast<double>(d.end - d.start) * 100.0;
            detail.set("availability", status::format_percent(ctx.lang, pct));
            http::View items{http::View::type::list};
            for (const auto& i : store::service_incidents(ctx.db(), s->id, 500, 0))
                if (i.started_at < d.end && i.closes_at > d.start) items.push_back(incident_view(ctx, i, false));
            detail.set("has_items", !items.is_empty_list());
            detail.set("items", items);
            v.set("day", detail);
        }
    }
    auto list = store::service_incidents(ctx.db(), s->id, kPerPage, (page - 1) * kPerPage);
    bool has_next = list.size() > static_cast<size_t>(kPerPage);
    if (has_next) list.pop_back();
    http::View incidents{http::View::type::list};
    for (const auto& i : list) incidents.push_back(incident_view(ctx, i, false));
    v.set("incidents", incidents);
    v.set("has_incidents", !incidents.is_empty_list());
    set_pagination(v, ctx, "/status/services/" + s->slug, page, has_next);
    v.set("feed_url", ctx.url("/status/services/" + s->slug + "/feed.atom"));
    v.set("feed_title", ctx.t("status.feed.service_title", {{"name", s->name}}));
    // Visitors may follow public services by e-mail (issue 19); members-only ones are never offered.
    if (s->visibility == "public") v.set("subscribe_url", ctx.url("/status/subscribe?service=" + s->slug));
    // "Ask for an account" (issue 18): for a visitor, the way to log in and ask; for a member,
    // only when they may ask now.
    if (ctx.user ? actions::why_not_ask(http::action_context(ctx, http::member_actor(ctx)), ctx.user->id, *s).empty()
                 : actions::registration_takes_requests(s->registration) && s->registration_load != "FULL")
        v.set("ask_url", ctx.url("/services/" + s->slug + "/request"));
    http::render_page(ctx, "status_service", std::move(v), s->name);
}

void status_history(http::Ctx& ctx) {
    int page = ctx.page_number();
    auto list = store::list_incidents(ctx.db(), sees_members_only(ctx), kPerPage, (page - 1) * kPerPage);
    bool has_next = list.size() > static_cast<size_t>(kPerPage);
    if (has_next) list.pop_back();
    store::filter_visible(list, sees_members_only(ctx));
    http::View v;
    http::View incidents{http::View::type::list};
    for (const auto& i : list) incidents.push_back(incident_view(ctx, i, false));
    v.set("incidents", incidents);
    v.set("has_incidents", !incidents.is_empty_list());
    set_pagination(v, ctx, "/status/history", page, has_next);
    v.set("feed_url", ctx.url("/status/feed.atom"));
    v.set("feed_title", ctx.t("status.feed.title"));
    http::render_page(ctx, "status_history", std::move(v), ctx.t("status.history.title"));
}

}  // namespace chatiere::ui
