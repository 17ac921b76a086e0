// GET /status: overall banner, services with status and 90-day history, open incidents,
// upcoming maintenance.
#include "app.h"
#include "http/response.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

void status_page(http::Ctx& ctx) {
    bool members = sees_members_only(ctx);
    auto board = store::status_board(ctx.db(), ctx.now(), members);
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
        s.set("svg", history_svg(ctx, h, summary));
        s.set("summary", summary);
        s.set("availability", status::format_percent(ctx.lang, h.availability));
        services.push_back(s);
    }
    v.set("services", services);
    v.set("has_services", !services.is_empty_list());

    http::View open{http::View::type::list};
    for (const auto& i : board.open) open.push_back(incident_view(ctx, i, true));
    v.set("open", open);
    v.set("has_open", !open.is_empty_list());
    http::View upcoming{http::View::type::list};
    for (const auto& i : board.upcoming) upcoming.push_back(incident_view(ctx, i, true));
    v.set("upcoming", upcoming);
    v.set("has_upcoming", !upcoming.is_empty_list());

    v.set("feed_url", ctx.url("/status/feed.atom"));
    v.set("feed_title", ctx.t("status.feed.title"));
    http::render_page(ctx, "status", std::move(v), ctx.t("status.title"));
}

}  // namespace chatiere::ui
