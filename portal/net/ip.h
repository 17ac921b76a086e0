#pragma once
// IP addresses and networks: which proxies are trusted (X-Forwarded-For), which webhook
// targets are public. Pure functions over text, no I/O.
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chatiere::net {

struct IpAddress {
    bool v6 = false;
    std::array<uint8_t, 16> bytes{};  // IPv4: the first 4 bytes
    std::string text() const;
    bool operator==(const IpAddress&) const = default;
};

// "192.0.2.1", "2001:db8::1", "[2001:db8::1]"; an IPv4-mapped IPv6 address (::ffff:192.0.2.1)
// is read as the IPv4 address it carries. Nothing else (no port, no zone, no names).
std::optional<IpAddress> parse_ip(std::string_view text);

struct IpNetwork {
    IpAddress base;
    int prefix = 0;  // bits
    bool contains(const IpAddress& a) const;
};

// "10.0.0.0/8", "fd00::/8", or one address (a /32 or /128).
std::optional<IpNetwork> parse_network(std::string_view text);
// A comma- or space-separated list; throws std::invalid_argument naming the bad item.
std::vector<IpNetwork> parse_networks(std::string_view list);
bool in_any(const std::vector<IpNetwork>& networks, const IpAddress& a);

// The client of a request: `peer` (the connection's address) unless it is a trusted proxy;
// then the X-Forwarded-For lines, read as one list, are walked from the right, skipping
// trusted proxies, and the first address that is not one is the client. An entry that is not
// an address stops the walk (the last trusted hop is used); when every hop is trusted, the
// leftmost one is the client.
std::string client_address(std::string_view peer, const std::vector<std::string>& forwarded_for_lines,
                           const std::vector<IpNetwork>& trusted);

// Loopback, private (RFC 1918, fc00::/7), link-local (cloud metadata 169.254.169.254),
// carrier-grade NAT, "this network", multicast, reserved and documentation ranges: what a
// webhook must not reach unless the admin allows private targets.
bool is_internal(const IpAddress& a);

}  // namespace chatiere::net
