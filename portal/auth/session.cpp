#include "auth/session.h"

#include "app.h"
#include "auth/random.h"

namespace chatiere::auth {

namespace {
constexpr const char* kCookie = "session";

bool plausible_token(const std::string& t) {
    if (t.size() != 43) return false;
    for (char c : t)
        if (!isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

// Whether the session is still alive at `now`; deletes it when not.
bool alive(http::Ctx& ctx, const store::SessionWithMember& s) {
    const Config& cfg = ctx.app.config;
    int64_t now = ctx.now();
    bool idle = !s.session.remember && s.session.last_seen_at + int64_t{cfg.session_idle_minutes} * 60 <= now;
    if (s.session.expires_at <= now || idle || s.status != domain::MemberStatus::Active) {
        store::delete_session(ctx.db(), s.session.id);
        ctx.clear_cookie(kCookie);
        return false;
    }
    return true;
}
}  // namespace

void load_session(http::Ctx& ctx) {
    std::string token = ctx.cookie(kCookie);
    if (!plausible_token(token)) return;
    auto s = store::find_session(ctx.db(), hash_token(token));
    if (!s) {
        ctx.clear_cookie(kCookie);
        return;
    }
    if (!alive(ctx, *s)) return;
    if (s->session.second_factor_pending) {
        // Half logged in: only the second-factor form, which is protected by this session's token.
        ctx.csrf_token = s->session.csrf_token;
        return;
    }
    // Writing last_seen on every request would turn every page view into a write.
    if (ctx.now() - s->session.last_seen_at >= 60) store::touch_session(ctx.db(), s->session.id, ctx.now());
    http::CurrentUser u;
    u.id = s->session.member_id;
    u.name = s->display_name.empty() ? s->name : s->display_name;
    u.login = s->name;
    u.email = s->email;
    u.admin = s->role == domain::MemberRole::Admin;
    u.session_id = s->session.id;
    u.has_totp = s->has_totp;
    ctx.user = std::move(u);
    ctx.csrf_token = s->session.csrf_token;
}

void start_session(http::Ctx& ctx, const store::Member& m, bool remember, bool second_factor_pending) {
    const Config& cfg = ctx.app.config;
    // Whatever session the browser had before ends now (no fixation).
    std::string old = ctx.cookie(kCookie);
    if (plausible_token(old))
        if (auto s = store::find_session(ctx.db(), hash_token(old))) store::delete_session(ctx.db(), s->session.id);
    std::string token = random_token(32);
    std::string csrf = random_token(32);
    int64_t now = ctx.now();
    int64_t lifetime = remember ? int64_t{cfg.session_remember_days} * 86400 : int64_t{cfg.session_absolute_hours} * 3600;
    int64_t id = store::insert_session(ctx.db(), m.id, hash_token(token), csrf, now, now + lifetime, remember,
                                       ctx.req.get_header_value("User-Agent"), second_factor_pending);
    ctx.set_cookie(kCookie, token, remember ? lifetime : -1);
    ctx.csrf_token = csrf;
    if (!second_factor_pending) {
        http::CurrentUser u;
        u.id = m.id;
        u.name = m.shown_name();
        u.login = m.name;
        u.email = m.email;
        u.admin = m.admin();
        u.session_id = id;
        u.has_totp = m.totp_secret.has_value();
        ctx.user = std::move(u);
    }
}

std::optional<store::SessionWithMember> pending_second_factor(http::Ctx& ctx) {
    std::string token = ctx.cookie(kCookie);
    if (!plausible_token(token)) return std::nullopt;
    auto s = store::find_session(ctx.db(), hash_token(token));
    if (!s || !s->session.second_factor_pending || !alive(ctx, *s)) return std::nullopt;
    // The second step must come soon after the password.
    if (ctx.now() - s->session.created_at > 600) {
        store::delete_session(ctx.db(), s->session.id);
        return std::nullopt;
    }
    ctx.csrf_token = s->session.csrf_token;
    return s;
}

void end_session(http::Ctx& ctx) {
    std::string token = ctx.cookie(kCookie);
    if (plausible_token(token))
        if (auto s = store::find_session(ctx.db(), hash_token(token))) store::delete_session(ctx.db(), s->session.id);
    ctx.clear_cookie(kCookie);
    ctx.user.reset();
}

}  // namespace chatiere::auth
