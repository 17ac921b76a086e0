// Regression tests for what tests/robustness/*.sh found against a real portal.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "support/auth.h"
#include "support/raw_socket.h"
#include "support/test_server.h"

using namespace chatiere;
using chatiere::testing::TestServer;

namespace {

// Sends `head`, then `body` in `pieces` writes a few milliseconds apart (like a browser's
// upload), then reads the answer until the server closes. `sent_all` tells whether every
// write went through (a server that closes early makes them fail with EPIPE/ECONNRESET).
std::string slow_upload(int port, const std::string& head, const std::string& body, int pieces, bool& sent_all) {
    sent_all = false;
    int fd = testing::connect_loopback(port);
    if (fd < 0) return {};
    sent_all = testing::send_all(fd, head);
    size_t step = body.size() / static_cast<size_t>(pieces) + 1;
    for (size_t at = 0; sent_all && at < body.size(); at += step) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        sent_all = testing::send_all(fd, body.substr(at, step));
    }
    return testing::read_until_closed(fd);
}

}  // namespace

TEST_SUITE("robustness") {
    TEST_CASE("a body somewhat over the limit is read and answered with the 413 page, not a reset") {
        TestServer s([](Config& c) { c.max_body_kib = 16; });
        // 40 KB: over the 16 KiB limit, within the part that is read and discarded.
        std::string body = "a=" + std::string(40000, 'x');
        std::string head = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
        bool sent_all = false;
        std::string answer = slow_upload(s.port, head, body, 40, sent_all);
        CHECK(sent_all);  // the server did not close while the browser was still sending
        CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
        CHECK(answer.find("<html lang=") != std::string::npos);  // our error page
        CHECK(answer.find("HTTP/1.1 ", 1) == std::string::npos);  // one answer only

        // Far over the limit: refused as soon as the headers are read, as before.
        std::string huge = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1073741824\r\n\r\n";
        answer = slow_upload(s.port, huge, "", 1, sent_all);
        CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);

        auto ok = s.client().Get("/healthz");
        REQUIRE(ok);
        CHECK(ok->status == 200);
    }

    TEST_CASE("a database that cannot be written: a clear 503 on writes, reads keep working") {
        TestServer s([](Config& c) { c.db_connections = 2; }, false);
        auto admin = testing::login_admin(s);
        admin.set_cookie("lang", "en");
        auto set_query_only = [&](bool on) {
            // Every connection of the pool at once, as when the disk is full or read-only.
            auto a = s.app->db->acquire();
            auto b = s.app->db->acquire();
            a->exec(std::string("PRAGMA query_only = ") + (on ? "ON" : "OFF"));
            b->exec(std::string("PRAGMA query_only = ") + (on ? "ON" : "OFF"));
        };
        httplib::Params entry{{"date", "2025-11-20"}, {"kind", "donation"}, {"amount", "5"}, {"currency", "EUR"}};
        REQUIRE(admin.get("/admin/ledger"));
        set_query_only(true);
        auto refused = admin.post("/admin/ledger", entry, "");
        REQUIRE(refused);
        CHECK(refused->status == 503);
        CHECK(refused->body.find("cannot save anything right now") != std::string::npos);
        CHECK(refused->body.find("Nothing was lost") != std::string::npos);
        CHECK(refused->get_header_value("Cache-Control") == "no-store");
        auto page = admin.get("/admin/ledger");
        REQUIRE(page);
        CHECK(page->status == 200);
        auto home = s.client().Get("/");
        REQUIRE(home);
        CHECK(home->status == 200);

        set_query_only(false);
        auto again = admin.post("/admin/ledger", entry, "");
        REQUIRE(again);
        CHECK(again->status == 303);
    }
}
