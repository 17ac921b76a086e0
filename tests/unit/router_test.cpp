#include <doctest/doctest.h>

#include "http/form.h"
#include "http/errors.h"
#include "http/router.h"
#include "text/markdown.h"

using namespace chatiere;
using chatiere::http::Role;

TEST_SUITE("router") {
    TEST_CASE("matching, parameters, 404 and 405") {
        auto noop = [](http::Ctx&) {};
        http::Router r({{"GET", "/", Role::Public, noop},
                        {"GET", "/status/feed.atom", Role::Public, noop},
                        {"GET", "/status/:slug", Role::Public, noop},
                        {"POST", "/login", Role::Public, noop},
                        {"GET", "/login", Role::Public, noop}});
        auto m = r.match("GET", "/");
        CHECK(m.route == &r.routes()[0]);
        m = r.match("HEAD", "/");
        CHECK(m.route == &r.routes()[0]);
        m = r.match("GET", "/status/feed.atom");
        CHECK(m.route == &r.routes()[1]);  // the literal wins: it comes first
        m = r.match("GET", "/status/cloud");
        REQUIRE(m.route == &r.routes()[2]);
        CHECK(m.params.at(0).second == "cloud");
        m = r.match("GET", "/status/");
        CHECK(m.route == nullptr);
        CHECK_FALSE(m.path_known);
        m = r.match("DELETE", "/login");
        CHECK(m.route == nullptr);
        CHECK(m.path_known);
        CHECK(m.allow == "POST, GET, HEAD");
        CHECK(r.match("GET", "/nope").route == nullptr);
        CHECK(r.match("GET", "").route == nullptr);
        CHECK(r.match("GET", "//").route == nullptr);
    }

    TEST_CASE("the portal's route table compiles, and no route hides another") {
        auto routes = http::route_table();
        http::Router r(routes);
        for (size_t i = 0; i < routes.size(); ++i)
            for (size_t j = i + 1; j < routes.size(); ++j) {
                INFO(routes[i].method << " " << routes[i].pattern);
                CHECK_FALSE((routes[i].method == routes[j].method && routes[i].pattern == routes[j].pattern));
            }
        std::string shadowed;
        for (const auto& s : r.shadowed()) shadowed += s + "\n";
        INFO(shadowed);
        CHECK(r.shadowed().empty());
    }

    TEST_CASE("shadowed routes are found: a capture before a literal, a duplicate") {
        auto noop = [](http::Ctx&) {};
        // The literal after the capture can never match: /admin/:x takes /admin/members.
        http::Router hidden({{"GET", "/admin/:x", Role::Admin, noop},
                             {"GET", "/admin/members", Role::Admin, noop},
                             {"POST", "/admin/settings", Role::Admin, noop},
                             {"GET", "/admin/:x/:y", Role::Admin, noop},
                             {"GET", "/admin/:a/:b", Role::Admin, noop}});
        auto found = hidden.shadowed();
        REQUIRE(found.size() == 2);
        CHECK(found[0] == "GET /admin/members (after /admin/:x)");
        CHECK(found[1] == "GET /admin/:a/:b (after /admin/:x/:y)");
        CHECK(hidden.match("GET", "/admin/members").route == &hidden.routes()[0]);

        // Literal first, another method, another length, an empty segment: nothing hidden.
        http::Router sound({{"GET", "/admin/members", Role::Admin, noop},
                            {"GET", "/admin/:x", Role::Admin, noop},
                            {"POST", "/admin/:x", Role::Admin, noop},
                            {"GET", "/admin/:x/edit", Role::Admin, noop},
                            {"GET", "/admin/members/", Role::Admin, noop},
                            {"GET", "/:section/", Role::Admin, noop},
                            {"GET", "/status/:slug/history", Role::Public, noop},
                            {"GET", "/status/feed/:format", Role::Public, noop}});
        std::string listed;
        for (const auto& s : sound.shadowed()) listed += s + "\n";
        INFO(listed);
        CHECK(sound.shadowed().empty());
        CHECK(http::Router({{"POST", "/login", Role::Public, noop}, {"POST", "/login", Role::Public, noop}}).shadowed() ==
              std::vector<std::string>{"POST /login (after /login)"});
    }
}

TEST_SUITE("form") {
    TEST_CASE("urlencoded decoding") {
        auto f = http::Form::parse_urlencoded("a=1&b=caf%C3%A9+cr%C3%A8me&a=2&&empty=&flag", 10);
        CHECK(f.get("a") == "1");
        CHECK(f.all("a").size() == 2);
        CHECK(f.get("b") == "café crème");
        CHECK(f.has("empty"));
        CHECK(f.get("empty").empty());
        CHECK(f.has("flag"));
        CHECK_FALSE(f.has("missing"));
    }

    TEST_CASE("malformed input is refused with a status") {
        auto status = [](std::string_view text, size_t max) {
            try {
                http::Form::parse_urlencoded(text, max);
            } catch (const http::HttpError& e) {
                return e.status;
            }
            return 0;
        };
        CHECK(status("a=%", 10) == 400);
        CHECK(status("a=%4", 10) == 400);
        CHECK(status("a=%zz", 10) == 400);
        CHECK(status("a=%ff%fe", 10) == 400);      // not UTF-8
        CHECK(status("a=%C0%AF", 10) == 400);      // overlong
        CHECK(status("a=%ED%A0%80", 10) == 400);   // surrogate
        CHECK(status("a=1&b=2&c=3", 2) == 413);
        CHECK(status("a=1&b=2", 2) == 0);
    }

    TEST_CASE("local paths for redirects") {
        CHECK(http::is_local_path("/account"));
        CHECK_FALSE(http::is_local_path("//evil.example"));
        CHECK_FALSE(http::is_local_path("/\\evil.example"));
        CHECK_FALSE(http::is_local_path("https://evil.example"));
        CHECK_FALSE(http::is_local_path("/a\r\nSet-Cookie: x"));
        CHECK_FALSE(http::is_local_path(""));
    }
}

TEST_SUITE("markdown") {
    TEST_CASE("rendering is harmless") {
        auto html = text::markdown_to_html("# Title\n\nHello <script>alert(1)</script> **world**\n\n"
                                           "<div onclick=\"x()\">raw</div>\n\n[click](javascript:alert(1)) "
                                           "![pixel](https://tracker.example/p.png) ![local](/static/logo.svg)");
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("onclick") == std::string::npos);
        CHECK(html.find("javascript:") == std::string::npos);
        CHECK(html.find("<img src=\"https://tracker") == std::string::npos);
        CHECK(html.find("<a href=\"https://tracker.example/p.png\">pixel</a>") != std::string::npos);
        CHECK(html.find("<img src=\"/static/logo.svg\"") != std::string::npos);
        CHECK(html.find("<h2>Title</h2>") != std::string::npos);  // shifted below the page's h1
        CHECK(html.find("<strong>world</strong>") != std::string::npos);
        // Headings never skip a level below the one they sit under.
        auto nested = text::markdown_to_html("## Purpose\n\ntext\n\n### Detail\n", 1);
        CHECK(nested.find("<h2>Purpose</h2>") != std::string::npos);
        CHECK(nested.find("<h3>Detail</h3>") != std::string::npos);
        CHECK(text::markdown_to_html("## Join us", 2).find("<h3>Join us</h3>") != std::string::npos);
        CHECK(text::markdown_to_html("###### deep\n\n# top", 5).find("<h6>deep</h6>") != std::string::npos);
    }

    TEST_CASE("invalid UTF-8 and odd input do not break it") {
        CHECK_NOTHROW(text::markdown_to_html(std::string("\xff\xfe\x00" "abc", 6)));
        CHECK_NOTHROW(text::markdown_to_html(std::string(5000, '>')));
        CHECK_NOTHROW(text::markdown_to_html(std::string(5000, '[')));
        CHECK(text::markdown_to_html("").empty());
    }
}
