#include "http/dispatch.h"

#include <spdlog/spdlog.h>

#include "app.h"
#include "auth/admin_access.h"
#include "auth/random.h"
#include "http/errors.h"
#include "http/form.h"
#include "http/response.h"
#include "text/escape.h"

namespace chatiere::http {

namespace {

std::string pick_language(Ctx& ctx) {
    if (auto q = ctx.query.find("lang"); q && i18n::is_language(*q)) {
        if (ctx.cookie("lang") != *q) ctx.set_cookie("lang", *q, 365LL * 86400);
        return *q;
    }
    if (auto c = ctx.cookie("lang"); i18n::is_language(c)) return c;
    return i18n::negotiate(ctx.req.get_header_value("Accept-Language"), ctx.app.config.default_language);
}

bool is_read_method(std::string_view m) { return m == "GET" || m == "HEAD"; }

}  // namespace

bool is_write_method(std::string_view m) { return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE"; }

void resolve_request(Ctx& ctx) {
    const std::string root = ctx.app.config.root_path();
    std::string_view path = ctx.req.path;
    // Behind a proxy that keeps the prefix, strip it; one that strips it already is fine too.
    if (root != "/" && path.rfind(root, 0) == 0) path.remove_prefix(root.size() - 1);
    else if (root != "/" && std::string(path) + "/" == root) path = "/";
    ctx.path = std::string(path);
    auto qmark = ctx.req.target.find('?');
    if (qmark != std::string::npos)
        ctx.query = Form::parse_urlencoded(std::string_view(ctx.req.target).substr(qmark + 1),
                                           static_cast<size_t>(ctx.app.config.max_form_fields));
    ctx.lang = pick_language(ctx);
    ctx.api = ctx.path.rfind("/api/", 0) == 0;
}

const Route& route_for(const Router& router, Ctx& ctx) {
    auto match = router.match(ctx.req.method, ctx.path);
    if (!match.route) {
        if (match.path_known) {
            ctx.res.set_header("Allow", match.allow);
            throw HttpError(405);
        }
        throw HttpError(404);
    }
    ctx.params = std::move(match.params);
    if (match.route->role == Role::Api || match.route->role == Role::Client) ctx.api = true;  // errors as JSON
    return *match.route;
}

void read_body(Ctx& ctx) {
    const auto& req = ctx.req;
    if (!is_write_method(req.method)) return;
    const auto max_fields = static_cast<size_t>(ctx.app.config.max_form_fields);
    const std::string& type = req.get_header_value("Content-Type");
    if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
        ctx.form = Form::parse_urlencoded(req.body, max_fields);
    } else if (req.is_multipart_form_data()) {
        if (req.files.size() > max_fields) throw HttpError(413, "error.too_many_fields");
        for (const auto& [name, part] : req.files)
            if (part.filename.empty()) {
                if (!text::valid_utf8(part.content)) throw HttpError(400, "error.bad_encoding");
                ctx.form.add(name, part.content);
            }
    }
}

// Tools, relying parties and signed links carry their own credentials.
bool loads_session(Role role) {
    return role != Role::Asset && role != Role::Api && role != Role::Client && role != Role::SignedLink;
}

bool checks_csrf(Role role) { return role != Role::Api && role != Role::Client && role != Role::SignedLink; }

bool authorise(Ctx& ctx, Role role) {
    if (role != Role::Member && role != Role::Admin) return true;
    if (!ctx.user) {
        if (is_read_method(ctx.req.method)) {
            redirect(ctx, "/login?next=" + percent_encode(ctx.path));
            return false;
        }
        throw HttpError(401, "error.login_needed");
    }
    if (role == Role::Admin) {
        switch (auth::admin_access(ctx.db(), ctx.user->admin, ctx.user->has_totp)) {
            case auth::AdminAccess::Allowed: break;
            case auth::AdminAccess::NotAdmin: throw HttpError(403);
            case auth::AdminAccess::SecondFactorRequired: throw HttpError(403, "account.totp_required_for_admin");
        }
    }
    return true;
}

void check_csrf(Ctx& ctx) {
    // Same-origin requests only: browsers send Origin on POST; a missing one (old clients,
    // privacy settings) falls back on the token alone.
    std::string origin = ctx.req.get_header_value("Origin");
    if (!origin.empty() && origin != ctx.app.config.origin()) {
        std::string host = ctx.req.get_header_value("Host");
        if (origin != "http://" + host && origin != "https://" + host) {
            spdlog::warn("{} {}: refused, Origin {} is not ours", ctx.req.method, ctx.req.path, origin);
            throw HttpError(403, "error.csrf");
        }
    }
    std::string sent = ctx.form.get("_csrf");
    if (sent.empty()) sent = ctx.req.get_header_value("X-CSRF-Token");
    std::string expected = ctx.csrf_token.empty() ? ctx.cookie("csrf") : ctx.csrf_token;
    if (sent.empty() || expected.empty() || !auth::same_secret(sent, expected)) {
        spdlog::info("{} {}: refused, CSRF token missing or wrong", ctx.req.method, ctx.req.path);
        throw HttpError(403, "error.csrf");
    }
}

CachedRender::CachedRender(Ctx& ctx, Role role) : ctx_(ctx) {
    const int ttl = ctx.app.config.page_cache_seconds;
    cacheable_ = ttl > 0 && (role == Role::Public || role == Role::Asset) && is_read_method(ctx.req.method) &&
                 !ctx.user && !ctx.res.has_header("Set-Cookie");
    generation_ = ctx.app.generation.load();
}

CachedRender::~CachedRender() {
    // The job of rendering a stale page is given back if the result was not stored.
    if (renders_) ctx_.app.page_cache.abandon(key_);
}

bool CachedRender::serve() {
    if (!cacheable_) return false;
    key_ = ctx_.lang + " " + ctx_.req.target;
    auto found = ctx_.app.page_cache.lookup(key_, generation_, ctx_.now(), ctx_.app.config.page_cache_seconds);
    ctx_.app.telemetry.record_page_cache(found.page != nullptr);
    if (found.page) {
        send_cached(ctx_, std::move(found.page));
        return true;
    }
    renders_ = found.renders;
    // Only on a miss: a hit needs no connection at all.
    changes_before_ = ctx_.db().total_changes();
    return false;
}

void CachedRender::fill() {
    const auto& res = ctx_.res;
    // A GET that wrote something (a one-time link being used) is never replayed; a 304
    // answer is not the page; an answer its handler marked no-store (the health check) is
    // not kept either.
    if (!cacheable_ || res.status != 200 || !ctx_.csrf_token.empty() || res.has_header("Set-Cookie") ||
        res.get_header_value("Cache-Control").find("no-store") != std::string::npos || res.body.empty() ||
        res.content_provider_ || ctx_.db().total_changes() != changes_before_)
        return;
    renders_ = false;
    ctx_.app.page_cache.put(key_, generation_, ctx_.now(), {res.status, {res.headers.begin(), res.headers.end()}, res.body});
}

void finish_answer(Ctx& ctx) {
    auto& res = ctx.res;
    if (is_write_method(ctx.req.method) && res.status < 400) ctx.app.generation.fetch_add(1);
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", ctx.user ? "private, no-store" : "no-cache");
    if (!ctx.api) res.set_header("Vary", "Accept-Language, Cookie");
}

void send_cached(Ctx& ctx, PageCache::Shared page) {
    auto& res = ctx.res;
    for (const auto& [k, v] : page->headers) res.headers.emplace(k, v);
    // A reader who has it already (If-None-Match with the page's ETag) gets 304, as from the handler.
    auto etag = page->headers.find("ETag");
    if (etag != page->headers.end()) {
        const std::string& inm = ctx.req.get_header_value("If-None-Match");
        if (!inm.empty() && etag_matches(inm, etag->second)) {
            res.status = 304;
            return;
        }
    }
    res.status = page->status;
    // A large page is written straight from the shared copy: a crowd of readers of a big page
    // (the status API of a large hoster) does not each hold a copy of it.
    constexpr size_t kShareFrom = 64 * 1024;
    if (page->body.size() < kShareFrom) {
        res.body = page->body;
        return;
    }
    std::string type = res.get_header_value("Content-Type");
    res.headers.erase("Content-Type");
    const size_t size = page->body.size();
    res.set_content_provider(size, type, [page = std::move(page)](size_t offset, size_t length, httplib::DataSink& sink) {
        sink.write(page->body.data() + offset, std::min(length, page->body.size() - offset));
        return true;
    });
}

void render_error(Ctx& ctx, int status, const std::string& key, const i18n::Params& params) {
    auto& res = ctx.res;
    res.status = status;
    res.body.clear();
    res.headers.erase("Content-Type");
    if (status == 401 || status == 403 || status >= 500) res.set_header("Cache-Control", "no-store");
    std::string code = std::to_string(status);
    std::string generic = "error." + code;
    const auto& cat = ctx.app.catalog;
    std::string title = cat.has(ctx.lang, generic + ".title") ? cat.t(ctx.lang, generic + ".title")
                                                               : cat.t(ctx.lang, "error.generic.title");
    std::string message = !key.empty() && cat.has(ctx.lang, key) ? cat.t(ctx.lang, key, params)
                          : cat.has(ctx.lang, generic + ".message") ? cat.t(ctx.lang, generic + ".message")
                                                                    : cat.t(ctx.lang, "error.generic.message");
    if (ctx.api) {
        send_json(ctx, {{"error", {{"status", status}, {"title", title}, {"message", message}}}}, status);
        return;
    }
    try {
        View data;
        data.set("status", code);
        data.set("message", message);
        render_page(ctx, "error", std::move(data), title, status);
    } catch (const std::exception& e) {
        // The error page itself failed (database gone?): say it plainly.
        spdlog::error("error page for {} failed: {}", status, e.what());
        res.headers.erase("Content-Type");
        res.set_content(title + "\n\n" + message + "\n", "text/plain; charset=utf-8");
        res.status = status;
    }
}

}  // namespace chatiere::http
