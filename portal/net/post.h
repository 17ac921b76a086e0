#pragma once
// POSTing to a URL the admin configured (webhooks, back-channel logout), to the very address
// that was checked.
#include <string>
#include <utility>
#include <vector>

namespace chatiere::net {

// POSTs `body` with cpp-httplib (5 s timeouts, no redirects: one could point inside). The host
// is resolved here and the request goes to the address that was checked: unless
// `allow_private`, a host with any loopback, private, link-local (cloud metadata) or other
// internal address is refused (net::is_internal). Returns "" on a 2xx answer, else what went
// wrong ("bad URL", the refusal, "connection failed to …", "HTTP 500").
std::string post_to_checked_address(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                                    const std::string& body, const std::string& content_type, bool allow_private);

}  // namespace chatiere::net
