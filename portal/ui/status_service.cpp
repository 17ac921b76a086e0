// GET /status/services/:slug: one service's status, history and incidents (paginated).
// GET /status/history: every incident and maintenance, newest first (paginated).
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
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
    int page = page_number(ctx);
    auto h = store::service_history(ctx.db(), *s, ctx.now());
    http::View v;
    v.set("name", s->name);
    v.set("description", s->description);
    if (!s->website.empty()) v.set("website", s->website);
    v.set("badge", status_badge(ctx, h.state.status));
    std::string summary;
    v.set("svg", history_svg(ctx, h, summary));
    v.set("summary", summary);
    v.set("availability", status::format_percent(ctx.lang, h.availability));
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
    http::render_page(ctx, "status_service", std::move(v), s->name);
}

void status_history(http::Ctx& ctx) {
    int page = page_number(ctx);
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
