#include <doctest/doctest.h>

#include "http/dispatch.h"
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>
#include <thread>

#include "http/errors.h"
#include "http/response.h"
#include "http/server.h"
#include "store/sessions.h"
#include "store/settings.h"
#include "support/auth.h"
#include "support/test_server.h"

using namespace chatiere;
using chatiere::http::Role;
using chatiere::testing::TestServer;

namespace {

// A request as cpp-httplib hands it to the dispatcher, without a network.
struct Built {
    httplib::Request req;
    httplib::Response res;
    std::unique_ptr<http::Ctx> ctx;
    Built(App& app, const std::string& method, const std::string& target, httplib::Headers headers = {},
          const std::string& body = "") {
        req.method = method;
        req.target = target;
        req.path = target.substr(0, target.find('?'));
        req.headers = std::move(headers);
        req.body = body;
        ctx = std::make_unique<http::Ctx>(app, req, res);
        ctx->lang = "en";
        ctx->path = req.path;
    }
};

int status_of(const std::function<void()>& f, std::string* key = nullptr) {
    try {
        f();
    } catch (const http::HttpError& e) {
        if (key) *key = e.message_key;
        return e.status;
    }
    return 0;
}

http::CurrentUser user(bool admin, bool totp) {
    http::CurrentUser u;
    u.id = 1;
    u.name = u.login = admin ? "ada" : "bob";
    u.admin = admin;
    u.has_totp = totp;
    return u;
}

}  // namespace

TEST_SUITE("dispatch steps") {
    TEST_CASE("resolve_request: the root path, the query and the language") {
        TestServer s([](Config& c) { c.base_url = "http://127.0.0.1:8080/portail/"; });
        Built kept(*s.app, "GET", "/portail/status?lang=fr&page=2");
        http::resolve_request(*kept.ctx);
        CHECK(kept.ctx->path == "/status");
        CHECK(kept.ctx->query.get("page") == "2");
        CHECK(kept.ctx->lang == "fr");
        CHECK(kept.res.get_header_value("Set-Cookie").find("lang=fr") != std::string::npos);
        Built stripped(*s.app, "GET", "/api/v1/status", {{"Accept-Language", "en-GB"}});
        http::resolve_request(*stripped.ctx);
        CHECK(stripped.ctx->path == "/api/v1/status");
        CHECK(stripped.ctx->lang == "en");
        CHECK(stripped.ctx->api);
        Built bare(*s.app, "GET", "/portail");
        http::resolve_request(*bare.ctx);
        CHECK(bare.ctx->path == "/");
    }

    TEST_CASE("route_for: parameters, 404, 405 with Allow") {
        TestServer s;
        http::Router router(http::route_table());
        Built found(*s.app, "GET", "/status/incidents/7");
        const auto& route = http::route_for(router, *found.ctx);
        CHECK(route.pattern == "/status/incidents/:id");
        CHECK(found.ctx->param("id") == "7");
        CHECK(found.ctx->id_param() == 7);
        Built missing(*s.app, "GET", "/no/such/page");
        CHECK(status_of([&] { http::route_for(router, *missing.ctx); }) == 404);
        Built wrong(*s.app, "DELETE", "/login");
        CHECK(status_of([&] { http::route_for(router, *wrong.ctx); }) == 405);
        CHECK(wrong.res.get_header_value("Allow").find("POST") != std::string::npos);
    }

    TEST_CASE("read_body: urlencoded fields of a write, nothing for a read") {
        TestServer s;
        Built post(*s.app, "POST", "/login", {{"Content-Type", "application/x-www-form-urlencoded"}}, "login=ana&x=%C3%A9");
        http::read_body(*post.ctx);
        CHECK(post.ctx->form.get("login") == "ana");
        CHECK(post.ctx->form.get("x") == "é");
        Built get(*s.app, "GET", "/login", {{"Content-Type", "application/x-www-form-urlencoded"}}, "login=ana");
        http::read_body(*get.ctx);
        CHECK_FALSE(get.ctx->form.has("login"));
        Built bad(*s.app, "POST", "/login", {{"Content-Type", "application/x-www-form-urlencoded"}}, "a=%ff");
        CHECK(status_of([&] { http::read_body(*bad.ctx); }) == 400);
    }

    TEST_CASE("authorise: anonymous, members, admins and the admins' second factor") {
        TestServer s;
        CHECK(http::loads_session(Role::Public));
        CHECK(http::loads_session(Role::Admin));
        CHECK_FALSE(http::loads_session(Role::Asset));
        CHECK_FALSE(http::loads_session(Role::Api));

        Built anon_get(*s.app, "GET", "/account");
        CHECK(http::authorise(*anon_get.ctx, Role::Public));
        CHECK_FALSE(http::authorise(*anon_get.ctx, Role::Member));
        CHECK(anon_get.res.status == 303);
        CHECK(anon_get.res.get_header_value("Location") == "/login?next=/account");

        Built anon_post(*s.app, "POST", "/account/profile");
        std::string key;
        CHECK(status_of([&] { http::authorise(*anon_post.ctx, Role::Member); }, &key) == 401);
        CHECK(key == "error.login_needed");

        Built member(*s.app, "GET", "/admin");
        member.ctx->user = user(false, false);
        CHECK(http::authorise(*member.ctx, Role::Member));
        CHECK(status_of([&] { http::authorise(*member.ctx, Role::Admin); }) == 403);

        Built admin(*s.app, "GET", "/admin");
        admin.ctx->user = user(true, false);
        CHECK(http::authorise(*admin.ctx, Role::Admin));
        store::put_setting(admin.ctx->db(), "security.admin_totp_required", "1", s.now);
        CHECK(status_of([&] { http::authorise(*admin.ctx, Role::Admin); }, &key) == 403);
        CHECK(key == "account.totp_required_for_admin");
        CHECK(http::authorise(*admin.ctx, Role::Member));  // their own pages, where it is set up
        admin.ctx->user->has_totp = true;
        CHECK(http::authorise(*admin.ctx, Role::Admin));
    }

    TEST_CASE("check_csrf: the token of the visitor's cookie, in the form or a header; a foreign Origin") {
        TestServer s;
        const std::string token(43, 'a');
        auto built = [&](httplib::Headers h, const std::string& body) {
            h.emplace("Content-Type", "application/x-www-form-urlencoded");
            auto b = std::make_unique<Built>(*s.app, "POST", "/account/profile", std::move(h), body);
            http::read_body(*b->ctx);
            return b;
        };
        auto good = built({{"Cookie", "csrf=" + token}}, "_csrf=" + token);
        CHECK_NOTHROW(http::check_csrf(*good->ctx));
        auto header = built({{"Cookie", "csrf=" + token}, {"X-CSRF-Token", token}}, "");
        CHECK_NOTHROW(http::check_csrf(*header->ctx));
        auto same_host = built({{"Cookie", "csrf=" + token}, {"Origin", "http://portal.test"}, {"Host", "portal.test"}},
                               "_csrf=" + token);
        CHECK_NOTHROW(http::check_csrf(*same_host->ctx));

        std::string key;
        auto missing = built({{"Cookie", "csrf=" + token}}, "a=1");
        CHECK(status_of([&] { http::check_csrf(*missing->ctx); }, &key) == 403);
        CHECK(key == "error.csrf");
        auto wrong = built({{"Cookie", "csrf=" + token}}, "_csrf=" + std::string(43, 'b'));
        CHECK(status_of([&] { http::check_csrf(*wrong->ctx); }) == 403);
        auto no_cookie = built({}, "_csrf=" + token);
        CHECK(status_of([&] { http::check_csrf(*no_cookie->ctx); }) == 403);
        auto foreign = built({{"Cookie", "csrf=" + token}, {"Origin", "https://evil.example"}, {"Host", "portal.test"}},
                             "_csrf=" + token);
        CHECK(status_of([&] { http::check_csrf(*foreign->ctx); }) == 403);
    }

    TEST_CASE("the page cache step: a public page for an anonymous reader is stored, then served") {
        TestServer s([](Config& c) { c.page_cache_seconds = 60; });
        const auto before = s.app->telemetry.snapshot();  // the start-up's health checks
        auto render = [&](bool logged_in) {
            auto b = std::make_unique<Built>(*s.app, "GET", "/status");
            if (logged_in) b->ctx->user = user(false, false);
            http::CachedRender cache(*b->ctx, Role::Public);
            if (cache.serve()) return std::make_pair(std::move(b), true);
            b->res.status = 200;
            b->res.set_content("the page", "text/plain");
            http::finish_answer(*b->ctx);
            cache.fill();
            return std::make_pair(std::move(b), false);
        };
        CHECK_FALSE(render(false).second);  // rendered and stored
        auto [hit, served] = render(false);
        CHECK(served);
        CHECK(hit->res.body == "the page");
        CHECK_FALSE(render(true).second);  // a member's page is never from the cache
        auto snap = s.app->telemetry.snapshot();
        CHECK(snap.cache_hits - before.cache_hits == 1);
        CHECK(snap.cache_misses - before.cache_misses == 1);
    }
}

TEST_SUITE("request helpers") {
    TEST_CASE("Ctx: id_param, page_number, actor_name; an unknown parameter is a programming error") {
        TestServer s;
        Built b(*s.app, "GET", "/x?page=3");
        http::resolve_request(*b.ctx);
        b.ctx->params = {{"id", "42"}, {"bad", "12x"}, {"big", "99999999999999999999"}, {"neg", "-1"}};
        CHECK(b.ctx->id_param() == 42);
        CHECK(b.ctx->has_param("bad"));
        CHECK_FALSE(b.ctx->has_param("slug"));
        for (const char* name : {"bad", "big", "neg"}) {
            CAPTURE(name);
            CHECK(status_of([&] { b.ctx->id_param(name); }) == 404);
        }
        std::string key;
        CHECK(status_of([&] { b.ctx->id_param("bad", "status.api.not_found"); }, &key) == 404);
        CHECK(key == "status.api.not_found");
        CHECK_THROWS_AS(b.ctx->param("slug"), std::logic_error);
        CHECK_THROWS_AS(b.ctx->id_param("slug"), std::logic_error);
        CHECK(b.ctx->page_number() == 3);
        for (const char* q : {"/x", "/x?page=0", "/x?page=-2", "/x?page=abc", "/x?page=1234567", "/x?page=2x"}) {
            CAPTURE(q);
            Built p(*s.app, "GET", q);
            http::resolve_request(*p.ctx);
            CHECK(p.ctx->page_number() == 1);
        }
        CHECK(b.ctx->actor_name().empty());
        b.ctx->user = user(true, false);
        b.ctx->user->login = "";
        b.ctx->user->name = "Ada L.";
        CHECK(b.ctx->actor_name() == "Ada L.");
        b.ctx->user->login = "ada";
        CHECK(b.ctx->actor_name() == "ada");
    }

    TEST_CASE("a handler asking for a parameter its route does not capture: 500 and a log line") {
        TestServer s;
        http::Server server(*s.app, {{"GET", "/things/:id", Role::Public, [](http::Ctx& ctx) {
                                          http::send_text(ctx, ctx.param("slug"), "text/plain");
                                      }}});
        int port = server.bind("127.0.0.1", 0);
        std::thread t([&] { server.run(); });
        std::ostringstream log;
        auto previous = spdlog::default_logger();
        spdlog::set_default_logger(
            std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log)));
        httplib::Client c("127.0.0.1", port);
        int status = 0;
        for (int i = 0; i < 100 && status == 0; ++i) {
            if (auto r = c.Get("/things/1")) status = r->status;
            else std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        server.stop();
        t.join();
        spdlog::set_default_logger(previous);
        CHECK(status == 500);
        CHECK(log.str().find("GET /things/1: route /things/1 has no parameter :slug") != std::string::npos);
    }

    TEST_CASE("an invalid id in a URL is a page that does not exist (404)") {
        TestServer s;
        auto admin = testing::login_admin(s);
        for (const char* path : {"/status/incidents/abc", "/status/incidents/12x", "/status/incidents/-1",
                                 "/status/incidents/99999999999999999999", "/news/abc", "/news/9223372036854775808"}) {
            CAPTURE(path);
            auto r = s.client().Get(path);
            REQUIRE(r);
            CHECK(r->status == 404);
        }
        for (const char* path : {"/admin/incidents/12x", "/admin/incidents/99999999999999999999", "/admin/members/1x",
                                 "/admin/services/x1", "/admin/news/+1"}) {
            CAPTURE(path);
            auto r = admin.get(path);
            REQUIRE(r);
            CHECK(r->status == 404);
        }
        // A POST to a session's URL with a number followed by letters ended that session before:
        // the digits were read and the rest ignored.
        auto member = testing::login(s, "admin");
        int64_t session = 0;
        {
            auto db = s.app->db->acquire();
            auto q = db->prepare("SELECT id FROM sessions ORDER BY id DESC LIMIT 1");
            REQUIRE(q.step());
            session = q.i64(0);
        }
        auto r = member.post("/account/sessions/" + std::to_string(session) + "x/end", {}, "/account/sessions");
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(member.get("/account")->status == 200);  // still logged in
    }
}
