#pragma once
// The HTTP server and its single dispatcher.
#include <httplib.h>
#include <spdlog/logger.h>

#include <memory>

#include "app.h"
#include "http/router.h"

namespace chatiere::http {

// The portal's HTTP server: cpp-httplib set up for real traffic, with every request going
// through one dispatcher (limits, routing, session, roles, CSRF, errors, headers, log) whose
// steps are in http/dispatch.h.
class Server {
public:
    Server(App& app, std::vector<Route> routes);
    ~Server();

    // Binds the configured address (or any free port when `port` is 0). Throws on failure.
    int bind(const std::string& host, int port);
    // Serves until stop(). Blocks.
    void run();
    void stop();
    int port() const { return port_; }

    // Handles one request (exposed for the error handler and tests).
    void dispatch(const httplib::Request& req, httplib::Response& res);

private:
    httplib::Server::HandlerResponse pre_route(const httplib::Request& req, httplib::Response& res);
    void finish_headers(const httplib::Request& req, httplib::Response& res);
    void log_request(const httplib::Request& req, const httplib::Response& res);
    // The route's handler, with the page cache around it (dispatch.h, step 7).
    void run_handler(Ctx& ctx, const Route& route);

    App& app_;
    Router router_;
    std::shared_ptr<spdlog::logger> access_log_;
    httplib::Server server_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::string csp_;
};

}  // namespace chatiere::http
