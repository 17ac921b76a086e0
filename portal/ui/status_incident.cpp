// GET /status/incidents/:id: one incident or maintenance with its whole timeline.
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "text/markdown.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

std::optional<store::Incident> visible_incident(http::Ctx& ctx, int64_t id) {
    auto i = store::find_incident(ctx.db(), id);
    if (!i) return std::nullopt;
    std::vector<store::Incident> one{*i};
    store::filter_visible(one, sees_members_only(ctx));
    if (one.empty()) return std::nullopt;
    return one.front();
}

void status_incident(http::Ctx& ctx) {
    auto i = visible_incident(ctx, ctx.id_param());
    if (!i) throw http::HttpError(404);
    http::View v = incident_view(ctx, *i, false);
    v.set("updates", timeline_view(ctx, i->id));
    if (!i->postmortem.empty()) v.set("postmortem_html", text::markdown_to_html(i->postmortem, 2));
    http::render_page(ctx, "incident", std::move(v), i->title);
}

}  // namespace chatiere::ui
