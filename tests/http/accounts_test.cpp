#include <doctest/doctest.h>

#include "auth/password.h"
#include "auth/random.h"
#include "store/members.h"
#include "store/sessions.h"
#include "support/auth.h"

using namespace chatiere;
using testing::Browser;
using testing::TestServer;

TEST_SUITE("accounts") {
    TEST_CASE("log-in, the member's space, log-out") {
        TestServer s;
        testing::make_member(s, "alice");
        Browser b(s);
        auto form = b.get("/login");
        REQUIRE(form);
        CHECK(form->status == 200);
        CHECK(form->body.find("name=\"_csrf\"") != std::string::npos);
        CHECK(!b.cookie("csrf").empty());  // the visitor's CSRF cookie, set with the form

        auto r = b.post("/login", {{"login", "alice"}, {"password", "correct horse battery"}});
        REQUIRE(r);
        CHECK(r->status == 303);
        CHECK(r->get_header_value("Location") == "/account");
        std::string set_cookie;
        for (auto it = r->headers.find("Set-Cookie"); it != r->headers.end() && it->first == "Set-Cookie"; ++it)
            if (it->second.rfind("session=", 0) == 0) set_cookie = it->second;
        CHECK(set_cookie.find("HttpOnly") != std::string::npos);
        CHECK(set_cookie.find("SameSite=Lax") != std::string::npos);
        CHECK(set_cookie.find("Max-Age") == std::string::npos);  // not "remember me": ends with the browser
        std::string token = b.cookie("session");
        CHECK(token.size() == 43);  // 256 random bits, base64url

        // Only the hash is stored.
        {
            auto db = s.app->db->acquire();
            CHECK_FALSE(store::find_session(*db, token).has_value());
            CHECK(store::find_session(*db, auth::hash_token(token)).has_value());
        }

        auto account = b.get("/account");
        REQUIRE(account);
        CHECK(account->status == 200);
        CHECK(account->body.find("alice") != std::string::npos);
        CHECK(account->get_header_value("Cache-Control") == "private, no-store");

        auto out = b.post("/logout", {}, "");
        REQUIRE(out);
        CHECK(out->status == 303);
        CHECK(b.cookie("session").empty());
        // The session is gone on the server too: replaying the old cookie does not work.
        b.set_cookie("session", token);
        auto after = b.get("/account");
        REQUIRE(after);
        CHECK(after->status == 303);
        CHECK(after->get_header_value("Location") == "/login?next=/account");
    }

    TEST_CASE("wrong password and unknown account get the same answer") {
        TestServer s;
        testing::make_member(s, "alice");
        Browser b(s);
        auto wrong = b.post("/login", {{"login", "alice"}, {"password", "not the password"}});
        auto unknown = b.post("/login", {{"login", "nobody"}, {"password", "not the password"}});
        REQUIRE(wrong);
        REQUIRE(unknown);
        CHECK(wrong->status == 401);
        CHECK(unknown->status == 401);
        auto message = [](const std::string& body) {
            auto p = body.find("class=\"alert error\"");
            return p == std::string::npos ? std::string() : body.substr(p, body.find("</p>", p) - p);
        };
        CHECK(message(wrong->body) == message(unknown->body));
        CHECK(!message(wrong->body).empty());
        CHECK(wrong->body.find("value=\"alice\"") != std::string::npos);  // what was typed is kept
        CHECK(b.cookie("session").empty());
    }

    TEST_CASE("a new session id at log-in (no fixation)") {
        TestServer s;
        testing::make_member(s, "alice");
        Browser b(s);
        b.set_cookie("session", auth::random_token(32));  // planted by an attacker
        std::string planted = b.cookie("session");
        b.post("/login", {{"login", "alice"}, {"password", "correct horse battery"}});
        CHECK(b.cookie("session") != planted);
        CHECK(!b.cookie("session").empty());
    }

    TEST_CASE("throttling: growing delays, then refusal, whether or not the account exists") {
        TestServer s;
        testing::make_member(s, "alice");
        Browser b(s);
        int refused = 0, throttled = 0;
        for (int i = 0; i < 8; ++i) {
            auto r = b.post("/login", {{"login", "alice"}, {"password", "wrong password " + std::to_string(i)}});
            REQUIRE(r);
            if (r->status == 401) ++refused;
            if (r->status == 429) {
                ++throttled;
                CHECK(!r->get_header_value("Retry-After").empty());
            }
        }
        CHECK(refused == 5);  // five free failures…
        CHECK(throttled == 3);  // …then a delay
        // Even the right password waits now.
        auto right = b.post("/login", {{"login", "alice"}, {"password", "correct horse battery"}});
        CHECK(right->status == 429);
        // Time passes: the delay is over.
        s.now += 3;
        right = b.post("/login", {{"login", "alice"}, {"password", "correct horse battery"}});
        CHECK(right->status == 303);
        // The same for an account that does not exist (nothing tells them apart).
        Browser other(s);
        for (int i = 0; i < 5; ++i)
            CHECK(other.post("/login", {{"login", "ghost"}, {"password", "wrong password x"}})->status == 401);
        auto ghost = other.post("/login", {{"login", "ghost"}, {"password", "wrong password x"}});
        CHECK(ghost->status == 429);
    }

    TEST_CASE("at most 100 failures an hour per account") {
        auth::Throttle t(5, 100, 900);
        int64_t now = 1000;
        for (int i = 0; i < 100; ++i) {
            while (auto w = t.wait("alice", now)) now += *w;
            t.failure("alice", now);
        }
        auto w = t.wait("alice", now);
        REQUIRE(w);
        CHECK(*w > 0);
        CHECK(*w <= 3600);
        CHECK_FALSE(t.wait("alice", now + 3600 + 901).has_value());
        // memory stays bounded whatever the number of keys
        auth::Throttle small(5, 100, 900, 50);
        for (int i = 0; i < 500; ++i) small.failure("key" + std::to_string(i), 1000);
        CHECK(small.keys() <= 50);
    }

    TEST_CASE("sessions expire when idle and at their absolute end") {
        TestServer s([](Config& c) {
            c.session_idle_minutes = 30;
            c.session_absolute_hours = 12;
        });
        testing::make_member(s, "alice");
        auto b = testing::login(s, "alice");
        s.now += 29 * 60;
        CHECK(b.get("/account")->status == 200);
        s.now += 29 * 60;  // activity keeps it alive
        CHECK(b.get("/account")->status == 200);
        s.now += 31 * 60;  // idle too long
        CHECK(b.get("/account")->status == 303);

        auto c = testing::login(s, "alice");
        for (int i = 0; i < 25; ++i) {  // active every 29 minutes for 12 hours
            s.now += 29 * 60;
            auto r = c.get("/account");
            if (i < 24) CHECK(r->status == 200);
            else CHECK(r->status == 303);  // past 12 hours
        }
    }

    TEST_CASE("remember me lasts 30 days without an idle limit") {
        TestServer s;
        testing::make_member(s, "alice");
        Browser b(s);
        auto r = b.post("/login", {{"login", "alice"}, {"password", "correct horse battery"}, {"remember", "1"}});
        REQUIRE(r->status == 303);
        std::string cookie = r->get_header_value("Set-Cookie");
        bool has_max_age = false;
        for (auto it = r->headers.find("Set-Cookie"); it != r->headers.end() && it->first == "Set-Cookie"; ++it)
            if (it->second.rfind("session=", 0) == 0) has_max_age = it->second.find("Max-Age=2592000") != std::string::npos;
        CHECK(has_max_age);
        s.now += 10 * 86400;
        CHECK(b.get("/account")->status == 200);
        s.now += 21 * 86400;
        CHECK(b.get("/account")->status == 303);
    }

    TEST_CASE("CSRF: a state-changing request without the right token is refused") {
        TestServer s;
        testing::make_member(s, "alice");
        auto b = testing::login(s, "alice");
        auto no_token = b.post_raw("/logout", {});
        REQUIRE(no_token);
        CHECK(no_token->status == 403);
        auto wrong = b.post_raw("/logout", {{"_csrf", auth::random_token(32)}});
        CHECK(wrong->status == 403);
        auto other_site = b.post_raw("/logout", {{"_csrf", b.csrf()}}, {{"Origin", "https://evil.example"}});
        CHECK(other_site->status == 403);
        CHECK(b.get("/account")->status == 200);  // still logged in: nothing happened
        // Log-in itself needs the token too (login CSRF).
        Browser fresh(s);
        auto login = fresh.post_raw("/login", {{"login", "alice"}, {"password", "correct horse battery"}});
        CHECK(login->status == 403);
    }

    TEST_CASE("a suspended or pending member cannot log in; suspension ends sessions") {
        TestServer s;
        int64_t id = testing::make_member(s, "bob");
        testing::make_member(s, "carol", "correct horse battery", false, "pending");
        auto b = testing::login(s, "bob");
        {
            auto db = s.app->db->acquire();
            store::set_member_status(*db, id, domain::MemberStatus::Suspended, s.now);
        }
        CHECK(b.get("/account")->status == 303);
        Browser c(s);
        auto r = c.post("/login", {{"login", "bob"}, {"password", "correct horse battery"}});
        CHECK(r->status == 403);
        auto p = c.post("/login", {{"login", "carol"}, {"password", "correct horse battery"}});
        CHECK(p->status == 403);
    }

    TEST_CASE("passwords: Argon2id, rules, rehash") {
        auth::HashGate gate;
        auto h = auth::hash_password(gate, "correct horse battery");
        CHECK(h.rfind("$argon2id$", 0) == 0);
        CHECK(h.find("m=19456,t=2") != std::string::npos);
        CHECK(auth::verify_password(gate, h, "correct horse battery"));
        CHECK_FALSE(auth::verify_password(gate, h, "correct horse batterz"));
        CHECK_FALSE(auth::verify_password(gate, "", "anything"));
        CHECK_FALSE(auth::needs_rehash(h));
        CHECK(auth::password_problem("short", "", "") == "account.password_too_short");
        CHECK(auth::password_problem(std::string(129, 'x'), "", "") == "account.password_too_long");
        CHECK(auth::password_problem("password1234", "", "") == "account.password_common");
        CHECK(auth::password_problem("Password1234", "", "") == "account.password_common");
        CHECK(auth::password_problem("alicewonderland", "alicewonderland", "") == "account.password_is_name");
        CHECK_FALSE(auth::password_problem("ласточка весной", "", "").has_value());  // any script, 15 characters
        CHECK(auth::password_problem("日本語のパスワ", "", "") == "account.password_too_short");  // 7 characters
        CHECK_FALSE(auth::password_problem("no rules at all here", "", "").has_value());
    }
}
