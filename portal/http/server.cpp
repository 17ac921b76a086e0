#include "http/server.h"

#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <chrono>

#include "auth/random.h"
#include "http/access_log.h"
#include "http/response.h"
#include "http/telemetry.h"
#include "auth/session.h"
#include "profile/metrics.h"
#include "store/settings.h"
#include "http/elastic_pool.h"
#include "http/errors.h"
#include "http/response.h"

namespace chatiere::http {

namespace {

// Per-thread request bookkeeping: cpp-httplib runs one request at a time on a thread, from
// the pre-routing handler to the logger.
thread_local std::chrono::steady_clock::time_point t_started{};
thread_local bool t_dispatched = false;
// The matched route's pattern, for the request counters of /metrics (telemetry.h).
thread_local std::string_view t_route = "refused";

bool is_write_method(std::string_view m) { return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE"; }

// httplib adds these four pseudo-headers to every request; they do not count against the limit.
constexpr size_t kPseudoHeaders = 4;
// Bodies up to this many times max_body_kib are read and discarded before the 413 answer.
constexpr uint64_t kDrainFactor = 4;

bool all_digits(std::string_view s) {
    if (s.empty() || s.size() > 18) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string pick_language(Ctx& ctx) {
    if (auto q = ctx.query.find("lang"); q && i18n::is_language(*q)) {
        if (ctx.cookie("lang") != *q) ctx.set_cookie("lang", *q, 365LL * 86400);
        return *q;
    }
    if (auto c = ctx.cookie("lang"); i18n::is_language(c)) return c;
    return i18n::negotiate(ctx.req.get_header_value("Accept-Language"), ctx.app.config.default_language);
}

}  // namespace

Server::Server(App& app, std::vector<Route> routes)
    : app_(app), router_(std::move(routes)), access_log_(access_logger()) {
    const Config& c = app_.config;
    csp_ = content_security_policy();
    server_.new_task_queue = [min = c.min_threads, max = c.max_threads] { return new ElasticPool(min, max); };
    // Without TCP_NODELAY every keep-alive response waits ~40 ms for the client's delayed ACK.
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(static_cast<size_t>(c.keepalive_max_requests));
    server_.set_keep_alive_timeout(c.keepalive_timeout_seconds);
    server_.set_read_timeout(c.read_timeout_seconds, 0);
    server_.set_write_timeout(c.write_timeout_seconds, 0);
    server_.set_payload_max_length(static_cast<size_t>(c.max_body_kib) * 1024);
    server_.set_socket_options([this](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listen_fd_ = sock;
    });
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        return pre_route(req, res);
    });
    auto handler = [this](const httplib::Request& req, httplib::Response& res) { dispatch(req, res); };
    // Requests with a body reach the dispatcher through these, after cpp-httplib has read the body.
    server_.Post(".*", handler);
    server_.Put(".*", handler);
    server_.Patch(".*", handler);
    server_.Delete(".*", handler);
    server_.Get(".*", handler);
    server_.Options(".*", handler);
    // Errors cpp-httplib answers by itself (malformed request line, too-large chunked body…)
    // get the same error page; their connection is closed since the request was not read whole.
    server_.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& req,
                                                                          httplib::Response& res) {
        if (t_dispatched) return httplib::Server::HandlerResponse::Unhandled;
        t_dispatched = true;
        Ctx ctx(app_, req, res);
        ctx.lang = i18n::negotiate(req.get_header_value("Accept-Language"), app_.config.default_language);
        render_error(ctx, res.status, {}, {});
        close_after(res);
        return httplib::Server::HandlerResponse::Handled;
    }));
    server_.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        spdlog::error("unhandled exception for {} {}", req.method, req.path);
        res.status = 500;
    });
    server_.set_post_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { finish_headers(req, res); });
    server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        profile::count_hit();
        telemetry::record_request(req.method, t_route, res.status,
                                  t_started == std::chrono::steady_clock::time_point{}
                                      ? 0.0
                                      : std::chrono::duration<double>(std::chrono::steady_clock::now() - t_started).count());
        t_route = "refused";
        if (app_.config.access_log) {
            double ms = t_started == std::chrono::steady_clock::time_point{}
                            ? 0.0
                            : std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_started)
                                  .count();
            size_t bytes = res.body.size() ? res.body.size() : res.content_length_;
            if (app_.config.access_log_ip)
                access_log_->info("{} {} {} {}B {:.1f}ms {}", req.method, req.path, res.status, bytes, ms, req.remote_addr);
            else
                access_log_->info("{} {} {} {}B {:.1f}ms", req.method, req.path, res.status, bytes, ms);
        }
        t_started = {};
        t_dispatched = false;
    });
}

Server::~Server() { stop(); }

int Server::bind(const std::string& host, int port) {
    int bound = port;
    if (port == 0) {
        bound = server_.bind_to_any_port(host);
        if (bound < 0) throw std::runtime_error("cannot listen on " + host + ": no free port");
    } else if (!server_.bind_to_port(host, port)) {
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) +
                                 " (address in use, or not allowed?)");
    }
    // cpp-httplib's built-in accept backlog is 5: a burst of new clients would get refused or
    // wait for SYN retries. Calling listen() again on the socket raises it.
    if (listen_fd_ >= 0) ::listen(listen_fd_, 1024);
    port_ = bound;
    return bound;
}

void Server::run() { server_.listen_after_bind(); }

void Server::stop() {
    if (server_.is_running()) server_.stop();
    access_log_->flush();
}

httplib::Server::HandlerResponse Server::pre_route(const httplib::Request& req, httplib::Response& res) {
    t_started = std::chrono::steady_clock::now();
    t_dispatched = false;
    t_route = "refused";
    const Config& c = app_.config;
    int refuse = 0;
    std::string key;
    bool has_te = req.has_header("Transfer-Encoding");
    bool has_cl = req.has_header("Content-Length");
    if (req.headers.size() > static_cast<size_t>(c.max_headers) + kPseudoHeaders) {
        refuse = 431;
        key = "error.too_many_headers";
    } else if (req.target.size() > static_cast<size_t>(c.max_uri_length)) {
        refuse = 414;
    } else if (has_te && has_cl) {
        // Two ways of saying where the body ends: a proxy in front might believe the other one.
        refuse = 400;
        key = "error.ambiguous_length";
    } else if (req.get_header_value_count("Content-Length") > 1 || req.get_header_value_count("Transfer-Encoding") > 1) {
        refuse = 400;
        key = "error.ambiguous_length";
    } else if (has_te && req.get_header_value("Transfer-Encoding") != "chunked") {
        refuse = 501;
    } else if (has_cl && !all_digits(req.get_header_value("Content-Length"))) {
        refuse = 400;
    } else if (has_cl && std::stoull(req.get_header_value("Content-Length")) >
                             kDrainFactor * static_cast<uint64_t>(c.max_body_kib) * 1024) {
        // Far too large: refused before reading. A body up to kDrainFactor times the limit is
        // left to cpp-httplib, which reads and discards it before answering 413 — closing with
        // unread bytes would reset the connection and a browser would show "connection reset"
        // instead of our page.
        refuse = 413;
        key = "error.too_large";
    } else if (!is_write_method(req.method) && (has_te || (has_cl && req.get_header_value("Content-Length") != "0"))) {
        // cpp-httplib reads no body for these methods: its bytes would be taken as the next request.
        refuse = 400;
    }
    if (refuse) {
        t_dispatched = true;
        Ctx ctx(app_, req, res);
        ctx.lang = i18n::negotiate(req.get_header_value("Accept-Language"), c.default_language);
        ctx.api = req.path.find("/api/") != std::string::npos;
        render_error(ctx, refuse, key, {});
        close_after(res);
        return httplib::Server::HandlerResponse::Handled;
    }
    if (is_write_method(req.method)) return httplib::Server::HandlerResponse::Unhandled;
    dispatch(req, res);
    return httplib::Server::HandlerResponse::Handled;
}

void Server::dispatch(const httplib::Request& req, httplib::Response& res) {
    t_dispatched = true;
    Ctx ctx(app_, req, res);
    ctx.lang = app_.config.default_language;
    try {
        const std::string root = app_.config.root_path();
        std::string_view path = req.path;
        // Behind a proxy that keeps the prefix, strip it; one that strips it already is fine too.
        if (root != "/" && path.rfind(root, 0) == 0) path.remove_prefix(root.size() - 1);
        else if (root != "/" && std::string(path) + "/" == root) path = "/";
        ctx.path = std::string(path);
        auto qmark = req.target.find('?');
        if (qmark != std::string::npos)
            ctx.query = Form::parse_urlencoded(std::string_view(req.target).substr(qmark + 1),
                                               static_cast<size_t>(app_.config.max_form_fields));
        ctx.lang = pick_language(ctx);
        ctx.api = ctx.path.rfind("/api/", 0) == 0;

        auto match = router_.match(req.method, ctx.path);
        if (!match.route) {
            t_route = "unmatched";
            if (match.path_known) {
                res.set_header("Allow", match.allow);
                throw HttpError(405);
            }
            throw HttpError(404);
        }
        ctx.params = std::move(match.params);
        const Route& route = *match.route;
        t_route = route.pattern;
        const bool tool = route.role == Role::Api || route.role == Role::Client;
        if (tool) ctx.api = true;

        if (is_write_method(req.method)) {
            const std::string& type = req.get_header_value("Content-Type");
            if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
                ctx.form = Form::parse_urlencoded(req.body, static_cast<size_t>(app_.config.max_form_fields));
            } else if (req.is_multipart_form_data()) {
                if (req.files.size() > static_cast<size_t>(app_.config.max_form_fields))
                    throw HttpError(413, "error.too_many_fields");
                for (const auto& [name, part] : req.files)
                    if (part.filename.empty()) {
                        if (!valid_utf8(part.content)) throw HttpError(400, "error.bad_encoding");
                        ctx.form.add(name, part.content);
                    }
            }
        }

        // Tools and signed links carry their own credentials: no session, no CSRF check.
        const bool tokened = tool || route.role == Role::SignedLink;
        if (route.role != Role::Asset && !tokened) auth::load_session(ctx);
        if (route.role == Role::Member || route.role == Role::Admin) {
            if (!ctx.user) {
                if (req.method == "GET" || req.method == "HEAD") {
                    redirect(ctx, "/login?next=" + percent_encode(ctx.path));
                    return;
                }
                throw HttpError(401, "error.login_needed");
            }
            if (route.role == Role::Admin) {
                if (!ctx.user->admin) throw HttpError(403);
                // The hoster may require a second factor for admins: until it is set up, only
                // the member's own pages (where it is set up) are reachable.
                if (!ctx.user->has_totp && store::get_setting_or(ctx.db(), "security.admin_totp_required", "0") == "1")
                    throw HttpError(403, "account.totp_required_for_admin");
            }
        }
        if (is_write_method(req.method) && !tokened) check_csrf(ctx);

        // Public pages and documents as anonymous visitors see them come from the page cache
        // when nothing has changed since (see PageCache).
        const int ttl = app_.config.page_cache_seconds;
        bool cacheable = ttl > 0 && (route.role == Role::Public || route.role == Role::Asset) &&
                         (req.method == "GET" || req.method == "HEAD") && !ctx.user && !res.has_header("Set-Cookie");
        std::string cache_key;
        const uint64_t generation = app_.generation.load();
        // The job of rendering a stale page, given back if the result is not stored.
        struct RenderJob {
            PageCache* cache = nullptr;
            const std::string* key = nullptr;
            ~RenderJob() {
                if (cache) cache->abandon(*key);
            }
        } render_job;
        if (cacheable) {
            cache_key = ctx.lang + " " + req.target;
            auto found = app_.page_cache.lookup(cache_key, generation, ctx.now(), ttl);
            telemetry::record_page_cache(found.page != nullptr);
            if (found.page) {
                send_cached(ctx, std::move(found.page));
                return;
            }
            if (found.renders) {
                render_job.cache = &app_.page_cache;
                render_job.key = &cache_key;
            }
        }
        // Only on a miss: a hit needs no connection at all.
        int64_t changes_before = cacheable ? ctx.db().total_changes() : 0;
        route.handler(ctx);
        if (is_write_method(req.method) && res.status < 400) app_.generation.fetch_add(1);
        if (!res.has_header("Cache-Control"))
            res.set_header("Cache-Control", ctx.user ? "private, no-store" : "no-cache");
        if (!ctx.api) res.set_header("Vary", "Accept-Language, Cookie");
        // A GET that wrote something (a one-time link being used) is never replayed; a 304
        // answer is not the page; an answer its handler marked no-store (the health check) is
        // not kept either.
        if (cacheable && res.status == 200 && ctx.csrf_token.empty() && !res.has_header("Set-Cookie") &&
            res.get_header_value("Cache-Control").find("no-store") == std::string::npos &&
            !res.body.empty() && !res.content_provider_ && ctx.db().total_changes() == changes_before) {
            render_job.cache = nullptr;
            app_.page_cache.put(cache_key, generation, ctx.now(),
                                {res.status, {res.headers.begin(), res.headers.end()}, res.body});
        }
    } catch (const HttpError& e) {
        render_error(ctx, e.status, e.message_key, e.params);
    } catch (const db::DbError& e) {
        spdlog::error("{} {}: database: {}", req.method, req.path, e.what());
        render_error(ctx, e.unavailable() ? 503 : 500, e.unavailable() ? "error.unavailable" : "", {});
    } catch (const std::exception& e) {
        spdlog::error("{} {}: {}", req.method, req.path, e.what());
        render_error(ctx, 500, {}, {});
    }
}

void Server::send_cached(Ctx& ctx, PageCache::Shared page) {
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

void Server::check_csrf(Ctx& ctx) {
    // Same-origin requests only: browsers send Origin on POST; a missing one (old clients,
    // privacy settings) falls back on the token alone.
    std::string origin = ctx.req.get_header_value("Origin");
    if (!origin.empty() && origin != app_.config.origin()) {
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

void Server::render_error(Ctx& ctx, int status, const std::string& key, const i18n::Params& params) {
    auto& res = ctx.res;
    res.status = status;
    res.body.clear();
    res.headers.erase("Content-Type");
    if (status == 401 || status == 403 || status >= 500) res.set_header("Cache-Control", "no-store");
    std::string code = std::to_string(status);
    std::string generic = "error." + code;
    const auto& cat = app_.catalog;
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

void Server::finish_headers(const httplib::Request& req, httplib::Response& res) {
    auto set_default = [&](const char* name, const std::string& value) {
        if (!res.has_header(name)) res.set_header(name, value);
    };
    set_default("Content-Security-Policy", csp_);
    set_default("X-Content-Type-Options", "nosniff");
    set_default("Referrer-Policy", "same-origin");
    set_default("X-Frame-Options", "DENY");
    set_default("Cross-Origin-Opener-Policy", "same-origin");
    set_default("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    if (app_.config.https()) set_default("Strict-Transport-Security", "max-age=31536000");
    (void)req;
}

}  // namespace chatiere::http
