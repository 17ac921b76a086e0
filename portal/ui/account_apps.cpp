// /account/apps: the applications the member let log them in with their portal account, and
// withdrawing one (its tokens stop working at once).
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "oidc/provider.h"
#include "ui/handlers.h"
#include "ui/oidc_common.h"

namespace chatiere::ui {

void account_apps(http::Ctx& ctx) {
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& c : store::member_oidc_consents(ctx.db(), ctx.user->id)) {
        http::View item;
        item.set("name", c.client_name);
        std::string shares;
        size_t i = 0;
        while (i < c.scope.size()) {
            size_t j = c.scope.find(' ', i);
            if (j == std::string::npos) j = c.scope.size();
            std::string s = c.scope.substr(i, j - i);
            if (!s.empty() && s != "offline_access")
                shares += (shares.empty() ? "" : ", ") + ctx.t("oidc.scope_" + s);
            i = j + 1;
        }
        item.set("shares", shares);
        item.set("since", ctx.format_datetime(c.granted_at));
        item.set("revoke_action", ctx.url("/account/apps/" + std::to_string(c.client_id) + "/revoke"));
        list.push_back(item);
    }
    v.set("apps", list);
    v.set("has_apps", !list.is_empty_list());
    if (ctx.query.get("done") == "revoked") v.set("notice", ctx.t("oidc.account_revoked"));
    http::render_page(ctx, "account_apps", std::move(v), ctx.t("oidc.account_title"));
}

void account_app_revoke(http::Ctx& ctx) {
    if (!oidc::revoke_consent(ctx.db(), ctx.user->id, ctx.id_param(), oidc_web::issuer(ctx), ctx.now()))
        throw http::HttpError(404);
    http::redirect(ctx, "/account/apps?done=revoked");
}

}  // namespace chatiere::ui
