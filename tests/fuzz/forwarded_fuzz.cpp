// The client address behind proxies (X-Forwarded-For lines, trusted_proxies ranges) and the
// webhook URL parser: text an attacker (or a careless admin) chooses.
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "net/ip.h"
#include "net/target.h"

using namespace chatiere::net;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input = fuzz_input(data, size);
    // Lines separated by '\n'; the first one is the trusted list.
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos <= input.size()) {
        auto nl = input.find('\n', pos);
        if (nl == std::string_view::npos) nl = input.size();
        lines.emplace_back(input.substr(pos, nl - pos));
        pos = nl + 1;
    }
    std::vector<IpNetwork> trusted;
    try {
        trusted = parse_networks(lines.front());
    } catch (const std::invalid_argument&) {
        trusted = parse_networks("127.0.0.0/8, ::1, 10.0.0.0/8");
    }
    for (const auto& n : trusted) FUZZ_CHECK(n.prefix >= 0 && n.prefix <= (n.base.v6 ? 128 : 32));
    std::vector<std::string> forwarded(lines.begin() + 1, lines.end());
    std::string client = client_address("127.0.0.1", forwarded, trusted);
    // Always an address we could parse back, and the same text once normalised.
    auto ip = parse_ip(client);
    FUZZ_CHECK(ip.has_value());
    FUZZ_CHECK(ip->text() == client);
    // An untrusted peer is always the client, whatever the header says.
    FUZZ_CHECK(client_address("192.0.2.1", forwarded, {}) == "192.0.2.1");
    if (auto t = parse_http_url(lines.back())) {
        FUZZ_CHECK(t->scheme == "http" || t->scheme == "https");
        FUZZ_CHECK(!t->host.empty() && t->port >= 1 && t->port <= 65535);
        FUZZ_CHECK(!t->path.empty() && t->path.front() == '/');
        FUZZ_CHECK(t->host.find_first_of("@/ \r\n") == std::string::npos);
    }
    return 0;
}
