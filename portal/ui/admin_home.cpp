// /admin: the administration home — members waiting for approval, active members, mail stuck
// in the outbox, and links to every admin page.
#include "app.h"
#include "http/response.h"
#include "store/members.h"
#include "store/outbox.h"
#include "store/requests.h"
#include "ui/handlers.h"

namespace chatiere::ui {

void admin_home(http::Ctx& ctx) {
    auto& db = ctx.db();
    http::View v;
    v.set("pending", std::to_string(store::count_members(db, domain::MemberStatus::Pending)));
    v.set("active", std::to_string(store::count_members(db, domain::MemberStatus::Active)));
    v.set("has_pending", store::count_members(db, domain::MemberStatus::Pending) > 0);
    v.set("stuck_mail", std::to_string(store::stuck_mail(db, 1000).size()));
    // Service requests waiting, accounts to close after departures (issue 18).
    v.set("pending_requests", std::to_string(store::count_requests(db, "pending")));
    v.set("departures", std::to_string(store::count_open_departures(db)));
    http::render_page(ctx, "admin", std::move(v), ctx.t("admin.title"));
}

}  // namespace chatiere::ui
