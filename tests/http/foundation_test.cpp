#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>

#include "support/auth.h"
#include "support/raw_socket.h"
#include "support/test_server.h"

using namespace chatiere;
using chatiere::testing::TestServer;

namespace {

void check_security_headers(const httplib::Response& r) {
    INFO("status " << r.status);
    auto csp = r.get_header_value("Content-Security-Policy");
    CHECK(csp.find("default-src 'none'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(csp.find("script-src") == std::string::npos);  // no script at all: default-src 'none' applies
    CHECK(r.get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(r.get_header_value("Referrer-Policy") == "same-origin");
}

int count(const std::string& hay, const std::string& needle) {
    int n = 0;
    for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

}  // namespace

TEST_SUITE("http") {
    TEST_CASE("the homepage shows the hoster, its pages and its public services") {
        TestServer s;
        auto c = s.client();
        auto r = c.Get("/", {{"Accept-Language", "fr-FR,fr;q=0.9"}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == "text/html; charset=utf-8");
        CHECK(r->body.find("<html lang=\"fr\">") != std::string::npos);
        CHECK(r->body.find("Le Chaton des Collines") != std::string::npos);
        // The homepage's title is the hoster's name once; other pages put theirs first.
        CHECK(r->body.find("<title>Le Chaton des Collines</title>") != std::string::npos);
        CHECK(r->body.find("Nos services") != std::string::npos);
        CHECK(r->body.find("Nextcloud") != std::string::npos);
        CHECK(r->body.find("Postfix") == std::string::npos);  // the members-only mail service
        CHECK(r->body.find("href=\"/terms\"") != std::string::npos);
        CHECK(r->body.find("href=\"/privacy\"") != std::string::npos);
        CHECK(r->body.find("href=\"/legal\"") != std::string::npos);
        CHECK(r->body.find("<strong>CHATONS</strong>") != std::string::npos);  // Markdown about text
        CHECK(r->body.find("contact@chaton-collines.example") != std::string::npos);
        // No executable script: the only script element allowed is the JSON-LD data block.
        CHECK(count(r->body, "<script") == count(r->body, "<script type=\"application/ld+json\">"));
        CHECK(r->get_header_value("Vary").find("Accept-Language") != std::string::npos);
        // An anonymous visitor gets no cookie at all.
        CHECK_FALSE(r->has_header("Set-Cookie"));
        check_security_headers(*r);
    }

    TEST_CASE("language: Accept-Language, then the switch link, which sticks") {
        TestServer s;
        auto c = s.client();
        auto en = c.Get("/", {{"Accept-Language", "en-GB,en;q=0.9"}});
        REQUIRE(en);
        CHECK(en->body.find("<html lang=\"en\">") != std::string::npos);
        CHECK(en->body.find("Our services") != std::string::npos);
        // the switch keeps the reader on the same page
        CHECK(en->body.find("href=\"/?lang=fr\"") != std::string::npos);
        auto about = c.Get("/about?lang=fr", {{"Accept-Language", "en"}});
        REQUIRE(about);
        CHECK(about->body.find("<html lang=\"fr\">") != std::string::npos);
        CHECK(about->body.find("Qui sommes-nous") != std::string::npos);
        CHECK(about->body.find("href=\"/about?lang=en\"") != std::string::npos);
        std::string lang = testing::cookie_from(about, "lang");
        CHECK(lang == "fr");
        auto again = c.Get("/", {{"Accept-Language", "en"}, {"Cookie", "lang=fr"}});
        REQUIRE(again);
        CHECK(again->body.find("<html lang=\"fr\">") != std::string::npos);
        auto none = c.Get("/", {{"Accept-Language", "de"}});
        CHECK(none->body.find("<html lang=\"fr\">") != std::string::npos);  // default_language
    }

    TEST_CASE("content pages in both languages") {
        TestServer s;
        auto c = s.client();
        for (auto [path, fr, en] : {std::tuple{"/terms", "Conditions générales", "Terms of service"},
                                    std::tuple{"/privacy", "Politique de confidentialité", "Privacy policy"},
                                    std::tuple{"/legal", "Mentions légales", "Legal notice"}}) {
            INFO(path);
            auto rf = c.Get(path, {{"Accept-Language", "fr"}});
            REQUIRE(rf);
            CHECK(rf->status == 200);
            CHECK(rf->body.find(fr) != std::string::npos);
            CHECK(rf->body.find("<title>" + std::string(fr)) != std::string::npos);
            CHECK(rf->body.find(" · Le Chaton des Collines</title>") != std::string::npos);
            CHECK(rf->body.find("Dernière modification le") != std::string::npos);
            auto re = c.Get(path, {{"Accept-Language", "en"}});
            REQUIRE(re);
            CHECK(re->body.find(en) != std::string::npos);
        }
        auto missing = c.Get("/pages/nothing-here");
        REQUIRE(missing);
        CHECK(missing->status == 404);
    }

    TEST_CASE("the demo: services of several kinds, ten members nobody can log in as, incidents, contributions") {
        TestServer s;
        auto db = s.app->db->acquire();
        auto count = [&](const char* sql) {
            auto q = db->prepare(sql);
            REQUIRE(q.step());
            return q.i64(0);
        };
        CHECK(count("SELECT count(DISTINCT kind) FROM services") >= 5);
        CHECK(count("SELECT count(*) FROM members") == 10);
        CHECK(count("SELECT count(*) FROM members WHERE password_hash <> ''") == 0);  // no default account
        CHECK(count("SELECT count(*) FROM member_services") >= 10);
        CHECK(count("SELECT count(*) FROM incidents") >= 3);
        CHECK(count("SELECT count(*) FROM incidents WHERE resolved_at IS NULL AND kind = 'incident'") >= 1);
        CHECK(count("SELECT count(*) FROM ledger_entries") >= 20);
        CHECK(count("SELECT count(*) FROM ledger_entries WHERE member_id IS NOT NULL") >= 1);
        testing::Browser b(s);
        CHECK(b.post("/login", {{"login", "camille"}, {"password", ""}})->status == 400);
        CHECK(b.post("/login", {{"login", "camille"}, {"password", "anything at all"}})->status == 401);
    }

    TEST_CASE("healthz answers ok when the database answers") {
        TestServer s;
        auto r = s.client().Get("/healthz");
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->body == "ok\n");
        check_security_headers(*r);
    }

    TEST_CASE("static files: hashed URL cached forever, revalidation by ETag") {
        TestServer s;
        auto c = s.client();
        auto home = c.Get("/");
        REQUIRE(home);
        auto pos = home->body.find("href=\"/static/style.");
        REQUIRE(pos != std::string::npos);
        std::string url = home->body.substr(pos + 6, home->body.find('"', pos + 6) - pos - 6);
        CHECK(url.size() > std::string("/static/style..css").size());
        auto css = c.Get(url);
        REQUIRE(css);
        CHECK(css->status == 200);
        CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
        CHECK(css->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
        CHECK(css->body == std::string(*s.app->assets.file("web/static/style.css")));
        std::string etag = css->get_header_value("ETag");
        CHECK(!etag.empty());
        auto again = c.Get(url, {{"If-None-Match", etag}});
        REQUIRE(again);
        CHECK(again->status == 304);
        CHECK(again->body.empty());
        auto plain = c.Get("/static/style.css");
        REQUIRE(plain);
        CHECK(plain->get_header_value("Cache-Control") == "public, max-age=300");
        CHECK(c.Get("/static/nope.css")->status == 404);
        CHECK(c.Get("/static/..%2Fsql%2F001_init.sql")->status == 404);
    }

    TEST_CASE("404 and 405 are error pages in the reader's language, with the headers") {
        TestServer s;
        auto c = s.client();
        auto r = c.Get("/no/such/page", {{"Accept-Language", "en"}});
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(r->body.find("Page not found") != std::string::npos);
        CHECK(r->body.find("<html lang=\"en\">") != std::string::npos);
        check_security_headers(*r);
        auto fr = c.Get("/no/such/page", {{"Accept-Language", "fr"}});
        CHECK(fr->body.find("Page introuvable") != std::string::npos);
        auto m = c.Delete("/");
        REQUIRE(m);
        CHECK(m->status == 405);
        CHECK(m->get_header_value("Allow") == "GET, HEAD");
        check_security_headers(*m);
        auto api = c.Get("/api/v2/nothing");
        REQUIRE(api);
        CHECK(api->status == 404);
        CHECK(api->get_header_value("Content-Type").rfind("application/json", 0) == 0);
        CHECK(api->body.find("\"status\":404") != std::string::npos);
    }

    TEST_CASE("HEAD answers like GET without a body") {
        TestServer s;
        auto r = s.client().Head("/");
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->body.empty());
    }

    TEST_CASE("a POST without the CSRF token is refused") {
        TestServer s;
        testing::make_member(s, "ana");
        testing::Browser b(s);
        REQUIRE(b.get("/login")->status == 200);  // the visitor's CSRF cookie is set
        REQUIRE_FALSE(b.cookie("csrf").empty());
        // A real form route: without the token, the log-in is refused before the handler runs.
        auto r = b.post_raw("/login", {{"login", "ana"}, {"password", "correct horse battery"}},
                            {{"Accept-Language", "en"}});
        REQUIRE(r);
        CHECK(r->status == 403);
        CHECK(r->body.find("This form has expired or does not come from this site") != std::string::npos);
        CHECK(testing::cookie_from(r, "session").empty());
        check_security_headers(*r);
        // With a wrong token, likewise; with the right one, the same form logs in.
        auto wrong = b.post_raw("/login", {{"login", "ana"}, {"password", "correct horse battery"}, {"_csrf", "x"}});
        REQUIRE(wrong);
        CHECK(wrong->status == 403);
        auto right = b.post("/login", {{"login", "ana"}, {"password", "correct horse battery"}}, "/login");
        REQUIRE(right);
        CHECK(right->status == 303);
    }

    TEST_CASE("request limits: URI, headers, bodies, ambiguous lengths") {
        TestServer s([](Config& c) {
            c.max_uri_length = 300;
            c.max_headers = 20;
            c.max_body_kib = 16;
            c.max_form_fields = 10;
        });
        auto c = s.client();
        auto longuri = c.Get(("/" + std::string(400, 'a')).c_str());
        REQUIRE(longuri);
        CHECK(longuri->status == 414);
        check_security_headers(*longuri);

        httplib::Headers many;
        for (int i = 0; i < 30; ++i) many.emplace("X-Filler-" + std::to_string(i), "1");
        auto hdrs = c.Get("/", many);
        REQUIRE(hdrs);
        CHECK(hdrs->status == 431);

        auto fields = c.Get("/?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11");
        REQUIRE(fields);
        CHECK(fields->status == 413);

        // Body larger than allowed, announced by Content-Length: refused before it is read,
        // and the connection is closed so its bytes are never parsed as a request.
        std::string big = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
                          "Content-Type: application/x-www-form-urlencoded\r\n\r\n" + std::string(1000, 'a');
        auto answer = testing::raw_exchange(s.port, big);
        CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
        CHECK(count(answer, "HTTP/1.1 ") == 1);

        // Content-Length together with Transfer-Encoding: refused (request smuggling).
        std::string smuggle = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        answer = testing::raw_exchange(s.port, smuggle);
        CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(count(answer, "HTTP/1.1 ") == 1);  // the smuggled GET is never answered

        // A GET with a body: the body is not read, so the connection must close.
        std::string get_body = "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 38\r\n\r\n"
                               "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        answer = testing::raw_exchange(s.port, get_body);
        CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(count(answer, "HTTP/1.1 ") == 1);

        // Garbage request line: cpp-httplib's own 400 gets our headers and error page too.
        answer = testing::raw_exchange(s.port, "BLAH\r\n\r\n");
        CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(answer.find("Content-Security-Policy: default-src 'none'") != std::string::npos);
        CHECK(answer.find("<html lang=") != std::string::npos);

        // Still serving.
        auto ok = c.Get("/healthz");
        REQUIRE(ok);
        CHECK(ok->status == 200);
    }

    TEST_CASE("everything lives under the base URL's path") {
        TestServer s([](Config& c) { c.base_url = "https://example.org/portail/"; });
        auto c = s.client();
        auto r = c.Get("/portail/", {{"Accept-Language", "fr"}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->body.find("href=\"/portail/terms\"") != std::string::npos);
        CHECK(r->body.find("href=\"/portail/static/style.") != std::string::npos);
        CHECK(r->get_header_value("Strict-Transport-Security").find("max-age=") == 0);
        auto terms = c.Get("/portail/terms");
        REQUIRE(terms);
        CHECK(terms->status == 200);
        auto lang = c.Get("/portail/about?lang=en");
        REQUIRE(lang);
        auto cookie = lang->get_header_value("Set-Cookie");
        CHECK(cookie.rfind("__Secure-lang=en;", 0) == 0);
        CHECK(cookie.find("Path=/portail/") != std::string::npos);
        CHECK(cookie.find("Secure") != std::string::npos);
        CHECK(cookie.find("HttpOnly") != std::string::npos);
        CHECK(cookie.find("SameSite=Lax") != std::string::npos);
    }
}

TEST_SUITE("idle_connections") {
    TEST_CASE("64 idle connections do not stall a new request") {
        TestServer s([](Config& c) { c.min_threads = 4; });
        std::vector<int> idle;
        for (int i = 0; i < 64; ++i) {
            int fd = testing::connect_loopback(s.port);
            REQUIRE(fd >= 0);
            // half a request line, then silence: the worst kind of idle client
            testing::send_all(fd, "GET / HT");
            idle.push_back(fd);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        auto start = std::chrono::steady_clock::now();
        auto r = s.client().Get("/");
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        REQUIRE(r);
        CHECK(r->status == 200);
        MESSAGE("GET / with 64 idle connections open: " << ms << " ms");
        CHECK(ms < 1000);
        for (int fd : idle) close(fd);
    }
}
