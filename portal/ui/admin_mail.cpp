// /admin/mail: mail the outbox could not deliver yet, with the reason, and "retry now".
#include "app.h"
#include "http/response.h"
#include "store/audit.h"
#include "store/outbox.h"
#include "ui/handlers.h"

namespace chatiere::ui {

void admin_mail(http::Ctx& ctx) {
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& m : store::stuck_mail(ctx.db(), 200)) {
        http::View item;
        item.set("id", std::to_string(m.id));
        item.set("to", m.to);
        item.set("subject", m.subject);
        item.set("attempts", std::to_string(m.attempts));
        item.set("error", m.last_error);
        item.set("created", ctx.format_datetime(m.created_at));
        item.set("next", ctx.format_datetime(m.next_attempt_at));
        list.push_back(item);
    }
    v.set("mails", list);
    v.set("has_mails", !list.is_empty_list());
    if (ctx.query.get("done") == "retry") v.set("notice", ctx.t("mailadmin.retry_done"));
    http::render_page(ctx, "admin_mail", std::move(v), ctx.t("mailadmin.title"));
}

void admin_mail_retry(http::Ctx& ctx) {
    store::retry_mail_now(ctx.db(), ctx.id_param("id"), ctx.now());
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "mail.retry", "mail:" + ctx.param("id"));
    http::redirect(ctx, "/admin/mail?done=retry");
}

}  // namespace chatiere::ui
