#include "net/ip.h"

#include <arpa/inet.h>

#include <stdexcept>

namespace chatiere::net {

std::string IpAddress::text() const {
    char buf[INET6_ADDRSTRLEN] = {};
    inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
    return buf;
}

std::optional<IpAddress> parse_ip(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
    std::string s(text);
    IpAddress a;
    if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) return a;
    if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) != 1) return std::nullopt;
    a.v6 = true;
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(mapped, mapped + 12, a.bytes.begin())) {
        IpAddress v4;
        std::copy(a.bytes.begin() + 12, a.bytes.end(), v4.bytes.begin());
        return v4;
    }
    return a;
}

bool IpNetwork::contains(const IpAddress& a) const {
    if (a.v6 != base.v6) return false;
    int bits = prefix;
    for (size_t i = 0; bits > 0; ++i, bits -= 8) {
        uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
        if ((a.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
    }
    return true;
}

std::optional<IpNetwork> parse_network(std::string_view text) {
    auto slash = text.find('/');
    auto ip = parse_ip(text.substr(0, slash));
    if (!ip) return std::nullopt;
    int max = ip->v6 ? 128 : 32;
    // An IPv4-mapped network ("::ffff:10.0.0.0/104") is not accepted: write it as IPv4.
    if (slash != std::string_view::npos && text.substr(0, slash).find(':') != std::string_view::npos && !ip->v6)
        return std::nullopt;
    int prefix = max;
    if (slash != std::string_view::npos) {
        auto digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3) return std::nullopt;
        prefix = 0;
        for (char c : digits) {
            if (c < '0' || c > '9') return std::nullopt;
            prefix = prefix * 10 + (c - '0');
        }
        if (prefix > max) return std::nullopt;
    }
    return IpNetwork{*ip, prefix};
}

std::vector<IpNetwork> parse_networks(std::string_view list) {
    std::vector<IpNetwork> out;
    size_t pos = 0;
    while (pos < list.size()) {
        auto end = list.find_first_of(", \t", pos);
        if (end == std::string_view::npos) end = list.size();
        auto item = list.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty()) continue;
        auto n = parse_network(item);
        if (!n) throw std::invalid_argument("not an address or a CIDR range: \"" + std::string(item.substr(0, 60)) + "\"");
        out.push_back(*n);
    }
    return out;
}

bool in_any(const std::vector<IpNetwork>& networks, const IpAddress& a) {
    for (const auto& n : networks)
        if (n.contains(a)) return true;
    return false;
}

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace

std::string client_address(std::string_view peer, const std::vector<std::string>& lines,
                           const std::vector<IpNetwork>& trusted) {
    auto peer_ip = parse_ip(peer);
    if (!peer_ip) return std::string(peer.substr(0, 64));
    std::string current = peer_ip->text();
    if (!in_any(trusted, *peer_ip)) return current;
    // Lines in the order received: later lines were added by later proxies.
    for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
        std::string_view rest = *line;
        while (true) {
            auto comma = rest.rfind(',');
            std::string_view hop = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
            if (!hop.empty()) {
                auto ip = parse_ip(hop);
                if (!ip) return current;
                current = ip->text();
                if (!in_any(trusted, *ip)) return current;
            }
            if (comma == std::string_view::npos) break;
            rest = rest.substr(0, comma);
        }
    }
    return current;
}

bool is_internal(const IpAddress& a) {
    static const std::vector<IpNetwork> internal = parse_networks(
        "0.0.0.0/8 10.0.0.0/8 100.64.0.0/10 127.0.0.0/8 169.254.0.0/16 172.16.0.0/12 192.0.0.0/24 "
        "192.0.2.0/24 192.88.99.0/24 192.168.0.0/16 198.18.0.0/15 198.51.100.0/24 203.0.113.0/24 224.0.0.0/4 "
        "240.0.0.0/4 "
        "::/128 ::1/128 64:ff9b::/96 64:ff9b:1::/48 100::/64 2001::/23 2001:db8::/32 2002::/16 fc00::/7 "
        "fe80::/10 fec0::/10 ff00::/8");
    return in_any(internal, a);
}

}  // namespace chatiere::net
