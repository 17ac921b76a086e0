#include "net/target.h"

#include <cctype>

#include <netdb.h>
#include <sys/socket.h>

#include <cstring>

namespace chatiere::net {

std::optional<HttpTarget> parse_http_url(std::string_view url) {
    HttpTarget t;
    if (url.size() > 2000) return std::nullopt;
    if (url.rfind("http://", 0) == 0) {
        t.scheme = "http";
        url.remove_prefix(7);
        t.port = 80;
    } else if (url.rfind("https://", 0) == 0) {
        t.scheme = "https";
        url.remove_prefix(8);
        t.port = 443;
    } else {
        return std::nullopt;
    }
    for (unsigned char c : url)
        if (c <= 0x20 || c >= 0x7f || c == '\\') return std::nullopt;
    auto end = url.find_first_of("/?#");
    std::string_view authority = url.substr(0, end);
    std::string_view rest = end == std::string_view::npos ? std::string_view() : url.substr(end);
    if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
    if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
    t.path = rest.empty() ? "/" : rest.front() == '?' ? "/" + std::string(rest) : std::string(rest);
    std::string_view port_text;
    if (authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        t.host = std::string(authority.substr(1, close - 1));
        auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return std::nullopt;
            port_text = after.substr(1);
        }
        if (t.host.find(':') == std::string::npos || !parse_ip(t.host)) return std::nullopt;
    } else {
        auto colon = authority.find(':');
        t.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
        for (unsigned char c : t.host)
            if (!(std::isalnum(c) || c == '-' || c == '.' || c == '_')) return std::nullopt;
    }
    if (t.host.empty() || t.host.size() > 253) return std::nullopt;
    if (!port_text.empty() || authority.back() == ':') {
        if (port_text.empty() || port_text.size() > 5) return std::nullopt;
        int port = 0;
        for (char c : port_text) {
            if (c < '0' || c > '9') return std::nullopt;
            port = port * 10 + (c - '0');
        }
        if (port < 1 || port > 65535) return std::nullopt;
        t.port = port;
    }
    bool default_port = t.port == (t.scheme == "https" ? 443 : 80);
    std::string shown = t.host.find(':') != std::string::npos ? "[" + t.host + "]" : t.host;
    t.host_header = default_port ? shown : shown + ":" + std::to_string(t.port);
    return t;
}

std::vector<IpAddress> resolve(const std::string& host, std::string* error) {
    std::vector<IpAddress> out;
    if (auto literal = parse_ip(host)) {
        out.push_back(*literal);
        return out;
    }
    // "localhost" and its subdomains are loopback whatever the resolver says (RFC 6761 §6.3):
    // a system without an /etc/hosts entry for it must not make it unknown, nor a DNS answer
    // make it something else.
    std::string lower(host);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "localhost" || (lower.size() > 10 && lower.ends_with(".localhost"))) {
        out.push_back(*parse_ip("127.0.0.1"));
        return out;
    }
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    int rc = getaddrinfo(host.c_str(), nullptr, &hints, &res);
    if (rc != 0) {
        if (error) *error = "cannot resolve " + host + ": " + gai_strerror(rc);
        return out;
    }
    for (auto* p = res; p; p = p->ai_next) {
        IpAddress a;
        if (p->ai_family == AF_INET) {
            std::memcpy(a.bytes.data(), &reinterpret_cast<sockaddr_in*>(p->ai_addr)->sin_addr, 4);
        } else if (p->ai_family == AF_INET6) {
            a.v6 = true;
            std::memcpy(a.bytes.data(), &reinterpret_cast<sockaddr_in6*>(p->ai_addr)->sin6_addr, 16);
            if (auto plain = parse_ip(a.text())) a = *plain;  // IPv4-mapped → IPv4
        } else {
            continue;
        }
        out.push_back(a);
    }
    freeaddrinfo(res);
    if (out.empty() && error) *error = "no address for " + host;
    return out;
}

std::optional<IpAddress> choose_address(const std::string& host, const std::vector<IpAddress>& addresses,
                                        bool allow_private, std::string* error) {
    if (addresses.empty()) {
        if (error && error->empty()) *error = "no address for " + host;
        return std::nullopt;
    }
    if (!allow_private)
        for (const auto& a : addresses)
            if (is_internal(a)) {
                if (error)
                    *error = "refused: " + host + " resolves to the internal address " + a.text() +
                             " (webhook_allow_private is off)";
                return std::nullopt;
            }
    return addresses.front();
}

}  // namespace chatiere::net
