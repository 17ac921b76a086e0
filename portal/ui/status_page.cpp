// GET /status: overall banner, services with status and 90-day history, open incidents,
// upcoming maintenance.
#include "app.h"
#include "charts/service_history.h"
#include "http/errors.h"
#include "http/response.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

namespace {
// A page of the status page: a hoster with hundreds of services gets them 50 at a time,
// and the page stays small and quick; the banner still sums up every service.
constexpr size_t kServicesPerPage = 50;
constexpr size_t kOpenShown = 50;
constexpr size_t kUpcomingShown = 10;
}  // namespace

void status_page(http::Ctx& ctx) {
    bool members = sees_members_only(ctx);
    const size_t page = static_cast<size_t>(ctx.page_number());
    auto board = store::status_board(ctx.db(), ctx.zone(), ctx.now(), members, (page - 1) * kServicesPerPage, kServicesPerPage);
    if (page > 1 && board.services.empty()) throw http::HttpError(404);
    http::View v;
    auto overall = board.overall;
    v.set("overall", status_badge(ctx, overall));
    v.set("overall_text", ctx.t("status.banner." + std::string(status::status_key(overall))));
    v.set("all_ok", overall == status::ServiceStatus::Operational);

    http::View services{http::View::type::list};
    for (const auto& h : board.services) {
        http::View s;
        s.set("name", h.state.service.name);
        s.set("url", ctx.url("/status/services/" + h.state.service.slug));
        s.set("badge", status_badge(ctx, h.state.status));
        s.set("members_only", h.state.service.visibility == "members");
        std::string summary;
        s.set("svg", charts::service_history_svg(h, ctx.app.catalog, ctx.lang, ctx.zone(), summary));
        history_details(ctx, h, s);  // date range, link to the days with trouble (issue 15)
        s.set("summary", summary);
        s.set("availability", status::format_percent(ctx.lang, h.availability));
        services.push_back(s);
    }
    v.set("services", services);
    v.set("has_services", !services.is_empty_list());
    if (board.total_services > kServicesPerPage) {
        size_t from = (page - 1) * kServicesPerPage + 1;
        size_t to = from + board.services.size() - 1;
        v.set("services_range", ctx.t("status.services_range", {{"from", std::to_string(from)},
                                                                 {"to", std::to_string(to)},
                                                                 {"total", std::to_string(board.total_services)}}));
        set_pagination(v, ctx, "/status", static_cast<int>(page), to < board.total_services);
    }

    http::View open{http::View::type::list};
    for (size_t k = 0; k < board.open.size() && k < kOpenShown; ++k) open.push_back(incident_view(ctx, board.open[k], true));
    v.set("open", open);
    v.set("has_open", !open.is_empty_list());
    v.set("more_open", board.open.size() > kOpenShown);
    http::View upcoming{http::View::type::list};
    for (size_t k = 0; k < board.upcoming.size() && k < kUpcomingShown; ++k)
        upcoming.push_back(incident_view(ctx, board.upcoming[k], true));
    v.set("more_upcoming", board.upcoming.size() > kUpcomingShown);
    v.set("upcoming", upcoming);
    v.set("has_upcoming", !upcoming.is_empty_list());

    v.set("feed_url", ctx.url("/status/feed.atom"));
    v.set("feed_title", ctx.t("status.feed.title"));
    http::render_page(ctx, "status", std::move(v), ctx.t("status.title"));
}

}  // namespace chatiere::ui
