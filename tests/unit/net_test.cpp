// Issue 13, points 3 and 8: who the client is behind proxies, which addresses are internal.
#include <doctest/doctest.h>

#include "config.h"
#include "net/ip.h"
#include "net/target.h"

using namespace chatiere;
using namespace chatiere::net;

TEST_SUITE("net (issue 13)") {
    TEST_CASE("3: addresses and CIDR ranges") {
        auto lan = parse_networks("127.0.0.1, 10.0.0.0/8 172.16.0.0/12,fd00::/8");
        REQUIRE(lan.size() == 4);
        CHECK(in_any(lan, *parse_ip("10.200.1.1")));
        CHECK(in_any(lan, *parse_ip("172.31.255.255")));
        CHECK(!in_any(lan, *parse_ip("172.32.0.1")));
        CHECK(in_any(lan, *parse_ip("fd12::1")));
        CHECK(in_any(lan, *parse_ip("::ffff:127.0.0.1")));  // IPv4-mapped is IPv4
        CHECK(!in_any(lan, *parse_ip("127.0.0.2")));
        CHECK_THROWS_AS(parse_networks("10.0.0.0/33"), std::invalid_argument);
        CHECK_THROWS_AS(parse_networks("proxy.lan"), std::invalid_argument);
        CHECK(parse_networks("").empty());
        Config c;
        CHECK_THROWS_AS(set_option(c, "trusted_proxies", "10.0.0.0/8, nonsense"), ConfigError);
        set_option(c, "trusted_proxies", "10.0.0.0/8, ::1");
        CHECK(c.trusted_proxies == "10.0.0.0/8, ::1");
    }

    TEST_CASE("3: the client is the first untrusted address from the right, over every line") {
        auto trusted = parse_networks("127.0.0.1, 10.0.0.0/8");
        // Not from a proxy: the header is ignored.
        CHECK(client_address("198.51.100.1", {"1.2.3.4"}, trusted) == "198.51.100.1");
        // One proxy that appends: the forged left part is skipped.
        CHECK(client_address("127.0.0.1", {"6.6.6.6, 203.0.113.5"}, trusted) == "203.0.113.5");
        // A proxy that adds its own line (HAProxy, some nginx set-ups): every line counts.
        CHECK(client_address("127.0.0.1", {"6.6.6.6", "203.0.113.5"}, trusted) == "203.0.113.5");
        // Two proxies: a LAN one, then the local one.
        CHECK(client_address("127.0.0.1", {"6.6.6.6, 203.0.113.5, 10.0.0.7"}, trusted) == "203.0.113.5");
        CHECK(client_address("127.0.0.1", {"6.6.6.6, 203.0.113.5", "10.0.0.7"}, trusted) == "203.0.113.5");
        // Nothing but proxies: the leftmost; garbage stops the walk at the last trusted hop.
        CHECK(client_address("127.0.0.1", {"10.0.0.9, 10.0.0.7"}, trusted) == "10.0.0.9");
        CHECK(client_address("127.0.0.1", {"evil, 10.0.0.7"}, trusted) == "10.0.0.7");
        CHECK(client_address("127.0.0.1", {}, trusted) == "127.0.0.1");
        CHECK(client_address("127.0.0.1", {" [2001:db8::1] , "}, trusted) == "2001:db8::1");
        CHECK(client_address("::ffff:127.0.0.1", {"203.0.113.5"}, trusted) == "203.0.113.5");
        // Nothing trusted: always the connection.
        CHECK(client_address("127.0.0.1", {"203.0.113.5"}, {}) == "127.0.0.1");
    }

    TEST_CASE("8: internal addresses") {
        for (const char* a : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                              "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1",
                              "fc00::1", "::ffff:10.0.0.1", "64:ff9b::a00:1"})
            CHECK_MESSAGE(is_internal(*parse_ip(a)), a);
        for (const char* a : {"1.1.1.1", "93.184.216.34", "2a01:4f8::1", "2606:4700::1111"})
            CHECK_MESSAGE(!is_internal(*parse_ip(a)), a);
    }

    TEST_CASE("8: webhook URLs") {
        auto t = parse_http_url("https://hooks.example:8443/in?x=1#frag");
        REQUIRE(t);
        CHECK(t->scheme == "https");
        CHECK(t->host == "hooks.example");
        CHECK(t->port == 8443);
        CHECK(t->path == "/in?x=1");
        CHECK(t->host_header == "hooks.example:8443");
        auto v6 = parse_http_url("http://[fd00::1]/x");
        REQUIRE(v6);
        CHECK(v6->host == "fd00::1");
        CHECK(v6->port == 80);
        CHECK(!parse_http_url("http://user:pw@hooks.example/"));
        CHECK(!parse_http_url("ftp://hooks.example/"));
        CHECK(!parse_http_url("http://hooks.example:99999/"));
        CHECK(!parse_http_url("http://[not-v6]/"));
        std::string error;
        CHECK(!choose_address("h", {*parse_ip("93.184.216.34"), *parse_ip("10.0.0.1")}, false, &error));
        CHECK(error.find("10.0.0.1") != std::string::npos);  // one internal answer is enough to refuse
        CHECK(choose_address("h", {*parse_ip("10.0.0.1")}, true, &error));
    }
}
