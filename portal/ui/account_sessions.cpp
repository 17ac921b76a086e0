#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/audit.h"
#include "store/sessions.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {
// "Firefox on Android" from a User-Agent header: enough for a person to recognise a device.
std::string describe_device(const http::Ctx& ctx, const std::string& ua) {
    auto has = [&](const char* s) { return ua.find(s) != std::string::npos; };
    std::string browser = has("Firefox/")   ? "Firefox"
                          : has("Edg/")     ? "Edge"
                          : has("OPR/")     ? "Opera"
                          : has("Chrome/")  ? "Chrome"
                          : has("Safari/")  ? "Safari"
                          : has("curl/")    ? "curl"
                                            : ctx.t("account.unknown_browser");
    std::string os = has("Android")                       ? "Android"
                     : has("iPhone") || has("iPad")       ? "iOS"
                     : has("Windows")                     ? "Windows"
                     : has("Mac OS X") || has("Macintosh") ? "macOS"
                     : has("Linux")                       ? "Linux"
                                                          : "";
    return os.empty() ? browser : ctx.t("account.browser_on", {{"browser", browser}, {"os", os}});
}
}  // namespace

void account_sessions(http::Ctx& ctx) {
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& s : store::member_sessions(ctx.db(), ctx.user->id)) {
        if (s.second_factor_pending) continue;
        http::View item;
        item.set("id", std::to_string(s.id));
        item.set("device", describe_device(ctx, s.user_agent));
        item.set("last_seen", ctx.format_datetime(s.last_seen_at));
        item.set("started", ctx.format_datetime(s.created_at));
        item.set("current", s.id == ctx.user->session_id);
        list.push_back(item);
    }
    v.set("sessions", list);
    if (ctx.query.get("done") == "ended") v.set("notice", ctx.t("account.session_ended"));
    http::render_page(ctx, "account_sessions", std::move(v), ctx.t("account.link_sessions"));
}

void account_session_end(http::Ctx& ctx) {
    int64_t id = ctx.id_param();
    // Only one of the member's own sessions: another member's id is simply not found.
    if (!store::delete_member_session(ctx.db(), ctx.user->id, id)) throw http::HttpError(404);
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "member.session_end",
                 "session:" + std::to_string(id));
    if (id == ctx.user->session_id) {
        ctx.clear_cookie("session");
        http::redirect(ctx, "/login?done=logged_out");
        return;
    }
    http::redirect(ctx, "/account/sessions?done=ended");
}

}  // namespace chatiere::ui
