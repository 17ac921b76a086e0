#pragma once
// Outgoing HTTP requests the admin configures (webhooks): parse the URL, resolve the host
// ourselves, refuse internal addresses unless allowed, and hand back the exact address to
// connect to — so the check is made on the address actually connected to, and a second DNS
// answer (rebinding) cannot send the request elsewhere.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/ip.h"

namespace chatiere::net {

struct HttpTarget {
    std::string scheme;       // http | https
    std::string host;         // name or address, without brackets
    int port = 80;
    std::string host_header;  // host[:port] as the Host header carries it
    std::string path;         // "/…" with the query
};

// http(s)://host[:port][/path]; no user info, no fragment, no spaces. nullopt when not that.
std::optional<HttpTarget> parse_http_url(std::string_view url);

// The addresses `host` resolves to (getaddrinfo), or the error text.
std::vector<IpAddress> resolve(const std::string& host, std::string* error);

// Where to connect: the first resolved address, provided no resolved address is internal
// (unless `allow_private`). Returns nullopt with `error` set otherwise.
std::optional<IpAddress> choose_address(const std::string& host, const std::vector<IpAddress>& addresses,
                                        bool allow_private, std::string* error);

}  // namespace chatiere::net
