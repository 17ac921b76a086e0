#include <doctest/doctest.h>

#include "store/services.h"
#include "store/settings.h"
#include "support/auth.h"

using namespace chatiere;
using testing::TestServer;

TEST_SUITE("http") {
    TEST_CASE("anonymous pages are cached until a write or the next minute; personal pages never") {
        TestServer s([](Config& cfg) { cfg.page_cache_seconds = 60; });
        auto c = s.client();
        auto first = c.Get("/");
        REQUIRE(first->status == 200);
        CHECK(first->body.find("Zèbre") == std::string::npos);
        {
            // A change that bypasses the portal (like a command-line write): not seen at once…
            auto db = s.app->db->acquire();
            store::Service z;
            z.slug = "zebre";
            z.name = "Zèbre";
            store::save_service(*db, z, s.now);
        }
        auto cached = c.Get("/");
        CHECK(cached->body == first->body);
        CHECK(cached->get_header_value("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
        CHECK(cached->get_header_value("Vary") == "Accept-Language, Cookie");
        // …but within the minute,
        s.now += 60;
        CHECK(c.Get("/")->body.find("Zèbre") != std::string::npos);
        // and at once after any write through the portal.
        {
            auto db = s.app->db->acquire();
            auto z = *store::find_service_by_slug(*db, "zebre");
            z.name = "Girafe";
            store::save_service(*db, z, s.now);
        }
        s.app->generation.fetch_add(1);  // what every successful POST does
        CHECK(c.Get("/")->body.find("Girafe") != std::string::npos);
        // Each language has its own copy.
        auto en = c.Get("/", {{"Accept-Language", "en"}});
        CHECK(en->body.find("Our services") != std::string::npos);

        // A page with a form is never shared: each visitor gets their own CSRF token.
        auto a = c.Get("/login");
        auto b = c.Get("/login");
        CHECK(testing::csrf_from(a->body) != testing::csrf_from(b->body));
        CHECK(!testing::cookie_from(b, "csrf").empty());

        // A logged-in member never gets the anonymous copy (members-only services show).
        testing::make_member(s, "mia");
        auto m = testing::login(s, "mia");
        auto mine = m.get("/");
        CHECK(mine->body.find("Courriel") != std::string::npos);
        CHECK(c.Get("/")->body.find(">Courriel<") == std::string::npos);
    }

    TEST_CASE("a GET that writes (a one-time link) is never served from the cache") {
        TestServer s([](Config& cfg) { cfg.page_cache_seconds = 60; });
        {
            auto db = s.app->db->acquire();
            store::put_setting(*db, "signup.mode", "open", s.now);
        }
        testing::Browser b(s);
        auto r = b.post("/signup", {{"name", "noa"}, {"email", "noa@example.org"}, {"password", "a long enough passphrase"},
                                    {"password_confirm", "a long enough passphrase"}, {"accept_terms", "1"}},
                        "/signup");
        REQUIRE(r->status == 200);
        std::string link;
        {
            auto db = s.app->db->acquire();
            auto q = db->prepare("SELECT body FROM outbox WHERE to_addr = 'noa@example.org'");
            REQUIRE(q.step());
            std::string body = q.text(0);
            auto p = body.find("/signup/verify?token=");
            REQUIRE(p != std::string::npos);
            link = body.substr(p, body.find_first_of(" \n", p) - p);
        }
        auto c = s.client();
        CHECK(c.Get(link.c_str())->status == 200);
        CHECK(c.Get(link.c_str())->status == 410);
    }
}

TEST_SUITE("http") {
    TEST_CASE("page cache: profile files are cached and revalidated; a large page is sent whole from the shared copy") {
        TestServer s([](Config& cfg) { cfg.page_cache_seconds = 60; });
        {
            auto db = s.app->db->acquire();
            for (int k = 0; k < 300; ++k) {
                store::Service svc;
                svc.slug = "grand-" + std::to_string(k);
                svc.name = "Grand service " + std::to_string(k);
                svc.description = std::string(200, 'x');
                store::save_service(*db, svc, s.now);
            }
        }
        auto c = s.client();
        // The organization profile: once published (the first request records the publication,
        // a write, so that answer is not kept), answers come from the cache (a command-line
        // change is not seen yet), and an If-None-Match gets 304.
        const std::string org = "/.well-known/chatonsinfos/organization.properties";
        REQUIRE(c.Get(org)->status == 200);
        auto first = c.Get(org);
        REQUIRE(first);
        REQUIRE(first->status == 200);
        std::string etag = first->get_header_value("ETag");
        REQUIRE_FALSE(etag.empty());
        {
            auto db = s.app->db->acquire();
            store::put_setting(*db, "site.name", "Renamed outside the portal", s.now);
        }
        auto second = c.Get(org);
        CHECK(second->body == first->body);
        CHECK(second->get_header_value("ETag") == etag);
        auto revalidated = c.Get(org, {{"If-None-Match", etag}});
        CHECK(revalidated->status == 304);
        CHECK(revalidated->body.empty());
        CHECK(revalidated->get_header_value("ETag") == etag);
        s.now += 60;
        CHECK(c.Get(org)->body.find("Renamed outside the portal") != std::string::npos);

        // A page over 64 KiB: the cached answer is the same bytes, with its length and type.
        auto big = c.Get("/api/v2/summary.json");
        REQUIRE(big);
        REQUIRE(big->body.size() > 64 * 1024);
        auto again = c.Get("/api/v2/summary.json");
        REQUIRE(again);
        CHECK(again->status == 200);
        CHECK(again->body == big->body);
        CHECK(again->get_header_value("Content-Length") == std::to_string(big->body.size()));
        CHECK(again->get_header_value("Content-Type") == big->get_header_value("Content-Type"));
        auto head = c.Head("/api/v2/summary.json");
        REQUIRE(head);
        CHECK(head->status == 200);
        CHECK(head->body.empty());
    }
}

TEST_SUITE("http") {
    TEST_CASE("page cache: an answer marked no-store, like the health check, is never kept") {
        TestServer s([](Config& cfg) { cfg.page_cache_seconds = 60; });
        auto c = s.client();
        REQUIRE(c.Get("/healthz")->status == 200);
        REQUIRE(c.Get("/robots.txt")->status == 200);
        uint64_t generation = s.app->generation.load();
        auto health = s.app->page_cache.lookup("fr /healthz", generation, s.now, 60);
        CHECK_FALSE(health.page);
        CHECK_FALSE(health.renders);  // never stored at all
        CHECK(s.app->page_cache.lookup("fr /robots.txt", generation, s.now, 60).page);  // an ordinary document is
    }
}
