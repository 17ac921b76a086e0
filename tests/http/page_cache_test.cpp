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
