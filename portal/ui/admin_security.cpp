// /admin/security: whether admins must set up a second factor before reaching admin pages.
#include "app.h"
#include "http/response.h"
#include "store/audit.h"
#include "store/settings.h"
#include "ui/handlers.h"

namespace chatiere::ui {

void admin_security(http::Ctx& ctx) {
    std::string required = ctx.form.get("admin_totp_required") == "1" ? "1" : "0";
    store::put_setting(ctx.db(), "security.admin_totp_required", required, ctx.now());
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "settings.admin_totp_required",
                 "security.admin_totp_required", required);
    http::redirect(ctx, "/admin/members?done=security");
}

}  // namespace chatiere::ui
