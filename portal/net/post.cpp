#include "net/post.h"

#include <httplib.h>

#include "net/target.h"

namespace chatiere::net {

std::string post_to_checked_address(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                                    const std::string& body, const std::string& content_type, bool allow_private) {
    auto target = parse_http_url(url);
    if (!target) return "bad URL";
    // Resolve once, check, and connect to that very address: cpp-httplib's address map pins
    // the host to it, while the Host header, TLS server name and certificate check keep the name.
    std::string error;
    auto addresses = resolve(target->host, &error);
    auto address = choose_address(target->host, addresses, allow_private, &error);
    if (!address) return error;
    std::string host = target->host.find(':') != std::string::npos ? "[" + target->host + "]" : target->host;
    httplib::Client c(target->scheme + "://" + host + ":" + std::to_string(target->port));
    if (!c.is_valid()) return "bad URL";
    c.set_hostname_addr_map({{target->host, address->text()}});
    c.set_connection_timeout(5);
    c.set_read_timeout(5);
    c.set_write_timeout(5);
    c.set_follow_location(false);
    httplib::Headers h(headers.begin(), headers.end());
    auto r = c.Post(target->path, h, body, content_type);
    if (!r) return "connection failed to " + address->text() + ": " + httplib::to_string(r.error());
    if (r->status < 200 || r->status >= 300) return "HTTP " + std::to_string(r->status);
    return "";
}

}  // namespace chatiere::net
