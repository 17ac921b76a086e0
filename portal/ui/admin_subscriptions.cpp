// The admin's view of status subscriptions (issue 19): how many follow each service (not who),
// the export of every subscription (CSV, for access requests), and deleting one address's.
#include <map>

#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "ledger/csv.h"
#include "store/audit.h"
#include "store/services.h"
#include "store/subscriptions.h"
#include "ui/handlers.h"

namespace chatiere::ui {

void admin_subscriptions(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto counts = store::count_subscribers(db);
    std::map<int64_t, int64_t> by_service(counts.by_service.begin(), counts.by_service.end());
    http::View rows{http::View::type::list};
    for (const auto& s : store::list_services(db, true, true)) {
        http::View r;
        r.set("name", s.name);
        r.set("members_only", s.visibility != "public");
        // Those following every public service count for each public one.
        int64_t n = by_service[s.id] + (s.visibility == "public" && s.admin_state != "draft" ? counts.all_services : 0);
        r.set("count", i18n::format_integer(ctx.lang, n));
        rows.push_back(r);
    }
    http::View v;
    v.set("services", rows);
    v.set("total", i18n::format_integer(ctx.lang, counts.total));
    v.set("all_services", i18n::format_integer(ctx.lang, counts.all_services));
    v.set("maintenance", i18n::format_integer(ctx.lang, counts.maintenance));
    v.set("pending", i18n::format_integer(ctx.lang, store::count_subscription_requests(db, ctx.now())));
    std::string done = ctx.query.get("done");
    v.set("deleted", done == "deleted");
    v.set("not_found", done == "not_found");
    http::render_page(ctx, "admin_subscriptions", std::move(v), ctx.t("subscriptions.admin.title"));
}

void admin_subscriptions_csv(http::Ctx& ctx) {
    auto& db = ctx.db();
    std::map<int64_t, std::string> slugs;
    for (const auto& s : store::list_services(db, true, true)) slugs[s.id] = s.slug;
    std::string out = "email,lang,all_services,maintenance,services,subscribed_at\r\n";
    for (const auto& s : store::all_subscribers(db)) {
        std::string services;
        for (int64_t id : s.services) services += (services.empty() ? "" : " ") + slugs[id];
        out += ledger::csv_field(ledger::csv_text_cell(s.email)) + "," + s.lang + "," + (s.all_services ? "1" : "0") + "," +
               (s.maintenance ? "1" : "0") + "," + ledger::csv_field(services) + "," + i18n::iso_utc(s.created_at) +
               "\r\n";
    }
    {
        db::Transaction tx(db);
        store::audit(db, ctx.now(), ctx.user->id, ctx.user->login, "subscriptions.export", "subscriptions", "");
        tx.commit();
    }
    ctx.res.set_header("Cache-Control", "no-store");
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"subscriptions.csv\"");
    http::send_text(ctx, std::move(out), "text/csv; charset=utf-8");
}

void admin_subscriptions_delete(http::Ctx& ctx) {
    auto& db = ctx.db();
    std::string email = ctx.form.get("email");
    bool found = false;
    db::Transaction tx(db);
    if (auto s = store::find_subscriber_by_email(db, email)) {
        store::delete_subscriber(db, s->id);
        // The log says a subscription went, not whose: the address is what was to be erased.
        store::audit(db, ctx.now(), ctx.user->id, ctx.user->login, "subscription.delete",
                     "subscriber:" + std::to_string(s->id), "");
        found = true;
    }
    tx.commit();
    http::redirect(ctx, found ? "/admin/subscriptions?done=deleted" : "/admin/subscriptions?done=not_found");
}

}  // namespace chatiere::ui
