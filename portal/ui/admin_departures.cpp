// /admin/departures: the accounts people had on the services when they deleted their own,
// to close by hand — the service and the identifier, nothing else — each marked closed by an
// admin, which erases the identifier (issue 18).
#include "actions/requests.h"
#include "app.h"
#include "http/action_context.h"
#include "http/errors.h"
#include "http/response.h"
#include "text/number.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {
constexpr int kPageSize = 100;
}  // namespace

void admin_departures(http::Ctx& ctx) {
    int64_t after = 0;
    if (auto a = text::parse_decimal(ctx.query.get("after"), 18)) after = *a;
    auto rows = store::open_departures(ctx.db(), after, kPageSize + 1);
    bool more = rows.size() > static_cast<size_t>(kPageSize);
    if (more) rows.pop_back();
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& d : rows) {
        http::View item;
        item.set("id", std::to_string(d.id));
        item.set("service", d.service_name);
        item.set("identifier", d.identifier);
        list.push_back(item);
    }
    v.set("departures", list);
    v.set("has_departures", !list.is_empty_list());
    if (more) v.set("next", "?after=" + std::to_string(rows.back().id));
    if (ctx.query.get("done") == "closed") v.set("notice", ctx.t("requests.departures_done"));
    http::render_page(ctx, "admin_departures", std::move(v), ctx.t("requests.departures_title"));
}

void admin_departure_closed(http::Ctx& ctx) {
    int64_t id = ctx.id_param("id", "requests.departure_not_found");
    auto c = http::action_context(ctx, http::member_actor(ctx));
    auto error = actions::close_departure(c, id);
    if (error == "requests.departure_not_found") throw http::HttpError(404, error);
    if (!error.empty()) throw http::HttpError(409, error);
    http::redirect(ctx, "/admin/departures?done=closed");
}

}  // namespace chatiere::ui
