// GET /status/incidents/:id: one incident or maintenance with its whole timeline.
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "text/markdown.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

namespace {
int64_t parse_id(const std::string& s) {
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoll(s);
}
}  // namespace

std::optional<store::Incident> visible_incident(http::Ctx& ctx, const std::string& id_text) {
    int64_t id = parse_id(id_text);
    if (!id) return std::nullopt;
    auto i = store::find_incident(ctx.db(), id);
    if (!i) return std::nullopt;
    std::vector<store::Incident> one{*i};
    store::filter_visible(one, sees_members_only(ctx));
    if (one.empty()) return std::nullopt;
    return one.front();
}

void status_incident(http::Ctx& ctx) {
    auto i = visible_incident(ctx, ctx.param("id"));
    if (!i) throw http::HttpError(404);
    http::View v = incident_view(ctx, *i, false);
    http::View updates{http::View::type::list};
    auto all = store::incident_updates(ctx.db(), i->id);
    for (auto it = all.rbegin(); it != all.rend(); ++it) {  // newest first, like every status page
        http::View u;
        u.set("state_label", ctx.t("status.state." + it->state));
        u.set("at", i18n::format_datetime(ctx.app.catalog, ctx.lang, it->at));
        u.set("at_iso", i18n::iso_utc(it->at));
        u.set("author", it->author_name);
        u.set("body_html", text::markdown_to_html(it->body, 2));
        updates.push_back(u);
    }
    v.set("updates", updates);
    if (!i->postmortem.empty()) v.set("postmortem_html", text::markdown_to_html(i->postmortem, 2));
    http::render_page(ctx, "incident", std::move(v), i->title);
}

}  // namespace chatiere::ui
