// /admin/audit: the audit log, newest first, a page at a time.
#include "app.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/audit.h"
#include "text/number.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {
constexpr int kPageSize = 50;
}  // namespace

void admin_audit(http::Ctx& ctx) {
    int64_t before = 0;
    if (auto b = text::parse_decimal(ctx.query.get("before"), 18)) before = *b;
    auto rows = store::audit_page(ctx.db(), before, kPageSize + 1);
    bool more = rows.size() > kPageSize;
    if (more) rows.pop_back();
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& e : rows) {
        http::View item;
        item.set("at", ctx.format_datetime(e.at));
        item.set("at_iso", i18n::iso_utc(e.at));
        item.set("actor", e.actor.empty() ? ctx.t("audit.system") : e.actor);
        item.set("action", e.action);
        item.set("target", e.target);
        item.set("details", e.details);
        list.push_back(item);
    }
    v.set("entries", list);
    if (more) v.set("next", "?before=" + std::to_string(rows.back().id));
    http::render_page(ctx, "admin_audit", std::move(v), ctx.t("audit.title"));
}

}  // namespace chatiere::ui
