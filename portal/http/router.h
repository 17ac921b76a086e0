#pragma once
// Matching request paths to the route table.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/context.h"

namespace chatiere::http {

using Handler = std::function<void(Ctx&)>;

struct Route {
    std::string method;   // GET, POST, PUT, PATCH, DELETE (GET also answers HEAD)
    std::string pattern;  // "/status/incidents/:id"
    Role role;
    Handler handler;
};

// Matches request paths against the route table. Patterns are split once, at start-up.
class Router {
public:
    explicit Router(std::vector<Route> routes);

    struct Match {
        const Route* route = nullptr;                            // null: no route for this method
        bool path_known = false;                                 // some route has this path (→ 405)
        std::string allow;                                       // methods allowed on this path
        std::vector<std::pair<std::string, std::string>> params;
    };
    Match match(std::string_view method, std::string_view path) const;
    const std::vector<Route>& routes() const { return routes_; }
    // Routes that can never match because an earlier one with the same method takes every
    // path they would ("/admin/:x" before "/admin/members"; an exact duplicate), described as
    // "GET /admin/members (after /admin/:x)". Empty for a sound table.
    std::vector<std::string> shadowed() const;

private:
    struct Compiled {
        std::vector<std::string> segments;  // ":name" captures one segment
    };
    std::vector<Route> routes_;
    std::vector<Compiled> compiled_;
};

// The route table of the portal (portal/http/routes.cpp).
std::vector<Route> route_table();

}  // namespace chatiere::http
