#include <spdlog/spdlog.h>

#include "actions/requests.h"
#include "actions/membership.h"
#include "app.h"
#include "http/action_context.h"
#include "store/membership.h"
#include "auth/guard.h"
#include "auth/password.h"
#include "auth/session.h"
#include "http/action_context.h"
#include "http/response.h"
#include "i18n/format.h"
#include "oidc/provider.h"
#include "store/audit.h"
#include "store/member_export.h"
#include "store/members.h"
#include "ui/handlers.h"

namespace chatiere::ui {

// "Download my data": everything we hold on the member, as JSON.
void account_export(http::Ctx& ctx) {
    auto data = store::member_export(ctx.db(), ctx.user->id);
    // Requests for accounts on services, with what was said (issue 18).
    data["service_requests"] = store::member_requests_export(ctx.db(), ctx.user->id);
    data["exported_at"] = i18n::iso_utc(ctx.now());
    data["portal"] = ctx.app.config.base_url;
    // Membership history (issue 18): each fee as it counts, and the standing derived from them.
    {
        auto c = http::action_context(ctx, http::member_actor(ctx));
        auto fees = store::member_fees(ctx.db(), ctx.user->id);
        auto s = actions::member_standing(c, ctx.user->id);
        nlohmann::json m = {{"enabled", actions::membership_policy(ctx.db()).enabled},
                            {"state", std::string(domain::to_string(s.state))},
                            {"joined", s.joined},
                            {"member_until", s.member_until},
                            {"fees", nlohmann::json::array()}};
        static const char* verdicts[] = {"counted", "corrected", "below_minimum", "other_currency", "future", "correction"};
        for (size_t i = 0; i < fees.size() && i < s.fees.size(); ++i)
            m["fees"].push_back({{"entry", fees[i].id},
                                 {"date", fees[i].date},
                                 {"amount", fees[i].amount},
                                 {"currency", fees[i].currency},
                                 {"verdict", verdicts[static_cast<int>(s.fees[i].verdict)]},
                                 {"from", s.fees[i].from},
                                 {"until", s.fees[i].until}});
        data["membership"] = std::move(m);
    }
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"my-data.json\"");
    ctx.res.set_header("Cache-Control", "no-store");
    http::send_json(ctx, data);
}

void account_delete_form(http::Ctx& ctx) {
    http::render_page(ctx, "account_delete", {}, ctx.t("account.link_delete"));
}

void account_delete_submit(http::Ctx& ctx) {
    auto& db = ctx.db();
    auto m = *store::find_member(db, ctx.user->id);
    if (ctx.form.get("confirm") != "1" || !auth::confirm_identity(ctx, m, ctx.form.get("password"))) {
        http::View v;
        v.set("error", ctx.t("account.delete_not_confirmed"));
        http::render_page(ctx, "account_delete", std::move(v), ctx.t("account.link_delete"), 403);
        return;
    }
    if (m.admin() && store::count_members(db, domain::MemberStatus::Active, domain::MemberRole::Admin) <= 1) {
        http::View v;
        v.set("error", ctx.t("account.delete_last_admin"));
        http::render_page(ctx, "account_delete", std::move(v), ctx.t("account.link_delete"), 409);
        return;
    }
    db::Transaction tx(db);
    // Sessions, links to services and one-time links go with the row (ON DELETE CASCADE);
    // contributions stay in the ledger without the link to the member.
    store::audit(db, ctx.now(), std::nullopt, "", "member.delete_self", "member:" + std::to_string(m.id));
    // The accounts on services go to the admins' to-do: service and identifier only (issue 18).
    actions::record_departures(http::action_context(ctx, {}), m.id);
    oidc::member_deleted(db, m.id, oidc::issuer_of(ctx.app.config.base_url), ctx.now());
    store::delete_member(db, m.id);
    tx.commit();
    spdlog::info("member {} deleted their account", m.id);
    ctx.clear_cookie("session");
    ctx.user.reset();
    http::redirect(ctx, "/?done=account_deleted");
}

}  // namespace chatiere::ui
