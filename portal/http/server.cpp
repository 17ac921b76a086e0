#include "http/server.h"

#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <chrono>

#include "auth/session.h"
#include "http/access_log.h"
#include "http/dispatch.h"
#include "http/elastic_pool.h"
#include "http/errors.h"
#include "http/response.h"
#include "text/number.h"

namespace chatiere::http {

namespace {

// Per-thread request bookkeeping: cpp-httplib runs one request at a time on a thread, from
// the pre-routing handler to the logger.
thread_local std::chrono::steady_clock::time_point t_started{};
thread_local bool t_dispatched = false;
// The matched route's pattern, for the request counters of /metrics (telemetry.h).
thread_local std::string_view t_route = "refused";

// httplib adds these four pseudo-headers to every request; they do not count against the limit.
constexpr size_t kPseudoHeaders = 4;
// Bodies up to this many times max_body_kib are read and discarded before the 413 answer.
constexpr uint64_t kDrainFactor = 4;

double seconds_since(std::chrono::steady_clock::time_point t) {
    return t == std::chrono::steady_clock::time_point{}
               ? 0.0
               : std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
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
    server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log_request(req, res); });
}

void Server::log_request(const httplib::Request& req, const httplib::Response& res) {
    const double seconds = seconds_since(t_started);
    app_.hits.count();
    app_.telemetry.record_request(req.method, t_route, res.status, seconds);
    t_route = "refused";
    if (app_.config.access_log) {
        size_t bytes = res.body.size() ? res.body.size() : res.content_length_;
        if (app_.config.access_log_ip)
            access_log_->info("{} {} {} {}B {:.1f}ms {}", req.method, req.path, res.status, bytes, seconds * 1000,
                              req.remote_addr);
        else
            access_log_->info("{} {} {} {}B {:.1f}ms", req.method, req.path, res.status, bytes, seconds * 1000);
    }
    t_started = {};
    t_dispatched = false;
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
    } else if (has_cl && !text::parse_decimal(req.get_header_value("Content-Length"), 18)) {
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
        resolve_request(ctx);
        t_route = "unmatched";
        const Route& route = route_for(router_, ctx);
        t_route = route.pattern;
        read_body(ctx);
        if (loads_session(route.role)) auth::load_session(ctx);
        if (!authorise(ctx, route.role)) return;
        if (is_write_method(req.method) && checks_csrf(route.role)) check_csrf(ctx);
        run_handler(ctx, route);
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

void Server::run_handler(Ctx& ctx, const Route& route) {
    CachedRender cache(ctx, route.role);
    if (cache.serve()) return;
    route.handler(ctx);
    finish_answer(ctx);
    cache.fill();
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
