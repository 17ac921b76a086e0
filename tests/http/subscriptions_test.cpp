// Status subscriptions by e-mail (issue 19), on a clock the test moves: double opt-in, expiry,
// no probing, rate limits, coalescing, one-click unsubscribe, per-service filtering, members-only
// services, maintenance, "do not notify", language, members' per-service choices, admin.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "auth/random.h"
#include "db/migrations.h"
#include "i18n/format.h"
#include "outbox/mailer.h"
#include "store/api_tokens.h"
#include "store/services.h"
#include "store/webhooks.h"
#include "store/subscriptions.h"
#include "subscriptions/subscriptions.h"
#include "support/auth.h"
#include "support/test_server.h"

using namespace chatiere;
using chatiere::testing::Browser;
using chatiere::testing::TestServer;
using nlohmann::json;

namespace {

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::string path_of(const std::string& url) {
    auto p = url.find("://");
    p = url.find('/', p + 3);
    return url.substr(p);
}

struct Mail {
    std::string subject, body, headers;
};

std::vector<Mail> mails_to(TestServer& s, const std::string& to) {
    auto db = s.app->db->acquire();
    auto q = db->prepare("SELECT subject, body, headers FROM outbox WHERE to_addr = ? ORDER BY id");
    q.bind(to);
    std::vector<Mail> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2)});
    return out;
}

int64_t service_id(TestServer& s, const std::string& slug) {
    auto db = s.app->db->acquire();
    return store::find_service_by_slug(*db, slug)->id;
}

// Runs the background job of subscriptions at the test's time.
int run_job(TestServer& s) {
    auto db = s.app->db->acquire();
    return subscriptions::run_due(*db, subscriptions::mailing_of(s.app->config, s.app->catalog, *s.app->time_zone()), s.now);
}

httplib::Params subscribe_fields(const std::string& email, const std::vector<std::string>& slugs, TestServer& s,
                                 const std::string& lang = "fr", bool maintenance = false) {
    httplib::Params p{{"email", email}, {"lang", lang}};
    if (slugs.empty()) p.emplace("scope", "all");
    else {
        p.emplace("scope", "chosen");
        for (const auto& slug : slugs) p.emplace("service", std::to_string(service_id(s, slug)));
    }
    if (maintenance) p.emplace("maintenance", "1");
    return p;
}

httplib::Result subscribe(TestServer& s, const httplib::Params& fields) {
    Browser b(s);
    return b.post("/status/subscribe", fields, "/status/subscribe");
}

// Follows the confirmation link of the newest mail to `email`, pressing its button.
httplib::Result confirm(TestServer& s, const std::string& email) {
    std::string link = testing::link_in_mail(s, email, s.app->config.base_url + "status/subscribe/confirm");
    REQUIRE(!link.empty());
    Browser b(s);
    auto page = b.get(path_of(link));
    REQUIRE(page);
    REQUIRE(page->status == 200);
    std::string token = link.substr(link.find("token=") + 6);
    return b.post("/status/subscribe/confirm", {{"token", token}}, "");
}

void subscribe_confirmed(TestServer& s, const std::string& email, const std::vector<std::string>& slugs,
                         const std::string& lang = "fr", bool maintenance = false) {
    auto r = subscribe(s, subscribe_fields(email, slugs, s, lang, maintenance));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto c = confirm(s, email);
    REQUIRE(c);
    REQUIRE(c->status == 303);
}

std::string api_token(TestServer& s) {
    std::string token = auth::random_token();
    auto db = s.app->db->acquire();
    store::create_api_token(*db, "monitoring", auth::hash_token(token), std::nullopt, s.now);
    return token;
}

httplib::Result post_json(TestServer& s, const std::string& path, const json& body, const std::string& token) {
    return s.client().Post(path, {{"Authorization", "Bearer " + token}}, body.dump(), "application/json");
}

std::string open_incident(TestServer& s, const std::string& token, const std::string& title,
                          const json& components, json extra = json::object()) {
    json body = {{"name", title}, {"components", components}, {"body", "Looking into it."}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    auto r = post_json(s, "/api/v2/incidents", body, token);
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return json::parse(r->body)["id"];
}

std::string header_value(const std::string& headers, const std::string& name) {
    auto p = headers.find(name + ": ");
    if (p == std::string::npos) return {};
    auto start = p + name.size() + 2;
    return headers.substr(start, headers.find('\n', start) - start);
}

}  // namespace

TEST_SUITE("subscriptions") {
    TEST_CASE("queued List-* headers reach the message; nothing else can be added or injected") {
        store::OutgoingMail m;
        m.id = 7;
        m.to = "a@example.net";
        m.subject = "s";
        m.body = "b";
        m.headers = "List-Id: <status.example.org>\nList-Unsubscribe: <https://example.org/u?token=1.x>\r\n"
                    "Bcc: victim@example.net\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\nFrom: evil\n";
        std::string msg = outbox::compose(m, "portal@example.org", 0);
        std::string head = msg.substr(0, msg.find("\r\n\r\n"));
        CHECK(has(head, "\r\nList-Id: <status.example.org>\r\n"));
        CHECK(has(head, "\r\nList-Unsubscribe: <https://example.org/u?token=1.x>\r\n"));
        CHECK(has(head, "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        CHECK_FALSE(has(msg, "Bcc"));
        CHECK_FALSE(has(head, "From: evil"));
    }

    TEST_CASE("double opt-in: nothing but the confirmation before the link is followed") {
        TestServer s;
        std::string token = api_token(s);
        auto r = subscribe(s, subscribe_fields("ann@example.net", {"cloud"}, s));
        REQUIRE(r);
        CHECK(r->status == 200);
        auto m = mails_to(s, "ann@example.net");
        REQUIRE(m.size() == 1);
        CHECK(has(m[0].subject, "Confirmez"));
        CHECK(has(m[0].body, "Nuage"));
        open_incident(s, token, "Cloud slow", {{"cloud", "degraded"}});
        s.now += 3600;
        run_job(s);
        CHECK(mails_to(s, "ann@example.net").size() == 1);  // not confirmed: nothing sent

        // The link shows a button; the GET itself subscribes no one (mail scanners follow links).
        std::string link = testing::link_in_mail(s, "ann@example.net", s.app->config.base_url + "status/subscribe/confirm");
        REQUIRE(!link.empty());
        CHECK(s.client().Get(path_of(link))->status == 200);
        {
            auto db = s.app->db->acquire();
            CHECK_FALSE(store::find_subscriber_by_email(*db, "ann@example.net"));
        }
        auto c = confirm(s, "ann@example.net");
        REQUIRE(c);
        CHECK(c->status == 303);
        CHECK(has(c->get_header_value("Location"), "/status/subscription?done=confirmed&token="));
        // The link works once.
        Browser again(s);
        CHECK(again.post("/status/subscribe/confirm", {{"token", link.substr(link.find("token=") + 6)}}, "/status/subscribe")->status == 410);

        open_incident(s, token, "Cloud down", {{"cloud", "major_outage"}});
        m = mails_to(s, "ann@example.net");
        REQUIRE(m.size() == 2);
        CHECK(m[1].subject.front() == '[');
        CHECK(has(m[1].subject, "] Cloud down"));
        CHECK(has(m[1].body, "Cloud down"));
        CHECK(has(m[1].body, "Nuage"));
        CHECK(has(m[1].body, "/status/subscription?token="));
        CHECK(has(m[1].body, "/status/subscription/unsubscribe?token="));
        CHECK(has(header_value(m[1].headers, "List-Unsubscribe"), "/status/subscription/unsubscribe?token="));
        CHECK(header_value(m[1].headers, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click");
        CHECK(has(header_value(m[1].headers, "List-Id"), "<status."));
    }

    TEST_CASE("unconfirmed requests expire after 48 hours") {
        TestServer s;
        REQUIRE(subscribe(s, subscribe_fields("late@example.net", {}, s))->status == 200);
        std::string link = testing::link_in_mail(s, "late@example.net", s.app->config.base_url + "status/subscribe/confirm");
        REQUIRE(!link.empty());
        s.now += 48 * 3600 - 10;
        CHECK(s.client().Get(path_of(link))->status == 200);
        s.now += 11;
        CHECK(s.client().Get(path_of(link))->status == 410);
        Browser b(s);
        CHECK(b.post("/status/subscribe/confirm", {{"token", link.substr(link.find("token=") + 6)}}, "/status/subscribe")->status == 410);
        run_job(s);
        auto db = s.app->db->acquire();
        CHECK(store::count_subscription_requests(*db, 0) == 0);  // forgotten, not only ignored
        CHECK_FALSE(store::find_subscriber_by_email(*db, "late@example.net"));
    }

    TEST_CASE("the same answer for an address already subscribed; confirming replaces its choices") {
        TestServer s;
        subscribe_confirmed(s, "known@example.net", {"cloud"});
        auto known = subscribe(s, subscribe_fields("known@example.net", {"pad"}, s));
        auto fresh = subscribe(s, subscribe_fields("fresh@example.net", {"pad"}, s));
        REQUIRE(known);
        REQUIRE(fresh);
        CHECK(known->status == fresh->status);
        CHECK(known->body == fresh->body);
        // Unconfirmed, the new request changes nothing.
        {
            auto db = s.app->db->acquire();
            auto sub = store::find_subscriber_by_email(*db, "known@example.net");
            REQUIRE(sub);
            CHECK(sub->services == std::vector<int64_t>{service_id(s, "cloud")});
        }
        REQUIRE(confirm(s, "known@example.net")->status == 303);
        auto db = s.app->db->acquire();
        CHECK(store::find_subscriber_by_email(*db, "known@example.net")->services == std::vector<int64_t>{service_id(s, "pad")});
    }

    TEST_CASE("rate limits: per address (same answer, no mail) and per client (429)") {
        TestServer s([](Config& c) {
            c.mail_per_address_hour = 2;
            c.mail_per_ip_hour = 4;
        });
        for (int i = 0; i < 3; ++i) CHECK(subscribe(s, subscribe_fields("flood@example.net", {}, s))->status == 200);
        CHECK(mails_to(s, "flood@example.net").size() == 2);
        CHECK(subscribe(s, subscribe_fields("other@example.net", {}, s))->status == 200);
        auto r = subscribe(s, subscribe_fields("third@example.net", {}, s));
        CHECK(r->status == 429);
        CHECK(mails_to(s, "third@example.net").empty());
        s.now += 3601;
        CHECK(subscribe(s, subscribe_fields("third@example.net", {}, s))->status == 200);
        CHECK(mails_to(s, "third@example.net").size() == 1);
    }

    TEST_CASE("later changes within the coalescing window go out as one mail") {
        TestServer s;  // default window: 300 s
        std::string token = api_token(s);
        subscribe_confirmed(s, "co@example.net", {"cloud"});
        int64_t t0 = s.now;
        std::string id = open_incident(s, token, "Cloud flaky", {{"cloud", "degraded"}});
        CHECK(mails_to(s, "co@example.net").size() == 2);  // confirmation + the opening, at once
        s.now = t0 + 60;
        REQUIRE(post_json(s, "/api/v2/incidents/" + id + "/updates", {{"status", "identified"}, {"body", "Found it."}}, token)->status == 201);
        run_job(s);
        CHECK(mails_to(s, "co@example.net").size() == 2);
        s.now = t0 + 120;
        REQUIRE(post_json(s, "/api/v2/incidents/" + id + "/updates",
                          {{"status", "monitoring"}, {"body", "Fixed."}, {"components", {{"cloud", "operational"}}}}, token)
                    ->status == 201);
        s.now = t0 + 200;
        REQUIRE(post_json(s, "/api/v2/incidents/" + id + "/resolve", {{"body", "All good."}}, token)->status == 200);
        s.now = t0 + 299;
        run_job(s);
        CHECK(mails_to(s, "co@example.net").size() == 2);
        s.now = t0 + 300;
        CHECK(run_job(s) >= 1);
        auto m = mails_to(s, "co@example.net");
        REQUIRE(m.size() == 3);
        CHECK(has(m[2].subject, "Résolu"));
        CHECK(has(m[2].body, "All good."));
        s.now = t0 + 3600;
        run_job(s);
        CHECK(mails_to(s, "co@example.net").size() == 3);

        // A change long after the last mail goes out at the next turn of the job; a note that
        // changes neither the state nor an effect is not mailed.
        std::string id2 = open_incident(s, token, "Cloud again", {{"cloud", "degraded"}});
        s.now += 4000;
        REQUIRE(post_json(s, "/api/v2/incidents/" + id2 + "/updates", {{"body", "Still looking."}}, token)->status == 201);
        run_job(s);
        CHECK(mails_to(s, "co@example.net").size() == 4);
        s.now += 10;
        REQUIRE(post_json(s, "/api/v2/incidents/" + id2 + "/resolve", {{"body", "Done."}}, token)->status == 200);
        run_job(s);
        CHECK(mails_to(s, "co@example.net").size() == 5);
    }

    TEST_CASE("one-click unsubscribe: POST to the List-Unsubscribe URL with no cookie") {
        TestServer s;
        std::string token = api_token(s);
        subscribe_confirmed(s, "bye@example.net", {});
        open_incident(s, token, "Pad down", {{"pad", "major_outage"}});
        auto m = mails_to(s, "bye@example.net");
        REQUIRE(m.size() == 2);
        std::string url = header_value(m[1].headers, "List-Unsubscribe");
        REQUIRE(url.size() > 2);
        url = url.substr(1, url.size() - 2);  // <…>
        // Following the link (a GET, what scanners do) unsubscribes no one.
        CHECK(s.client().Get(path_of(url))->status == 200);
        {
            auto db = s.app->db->acquire();
            CHECK(store::find_subscriber_by_email(*db, "bye@example.net"));
        }
        // A forged token does nothing.
        std::string forged = path_of(url);
        forged.back() = forged.back() == 'A' ? 'B' : 'A';
        CHECK(s.client().Post(forged, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded")->status == 404);
        {
            auto db = s.app->db->acquire();
            CHECK(store::find_subscriber_by_email(*db, "bye@example.net"));
        }
        // RFC 8058: what a mail client sends — no cookie, no CSRF token.
        auto r = s.client().Post(path_of(url), "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(testing::cookie_from(r, "csrf").empty());
        {
            auto db = s.app->db->acquire();
            CHECK_FALSE(store::find_subscriber_by_email(*db, "bye@example.net"));
        }
        // Again: there is nothing left to leave.
        CHECK(s.client().Post(path_of(url), "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded")->status == 404);
        // The manage link now says so, and nothing more is sent.
        CHECK(s.client().Get("/status/subscription?token=" + url.substr(url.find("token=") + 6))->status == 404);
        open_incident(s, token, "Pad down again", {{"pad", "major_outage"}});
        CHECK(mails_to(s, "bye@example.net").size() == 2);
    }

    TEST_CASE("per-service filtering, and members-only services never reach visitors") {
        TestServer s;
        std::string token = api_token(s);
        // The form does not offer the members-only mail service.
        auto form = s.client().Get("/status/subscribe");
        REQUIRE(form->status == 200);
        CHECK(has(form->body, "Nuage"));
        CHECK_FALSE(has(form->body, ">Courriel<"));
        // Choosing it alone is choosing nothing.
        CHECK(subscribe(s, subscribe_fields("sly@example.net", {"mail"}, s))->status == 422);
        CHECK(mails_to(s, "sly@example.net").empty());

        subscribe_confirmed(s, "padonly@example.net", {"pad"});
        subscribe_confirmed(s, "all@example.net", {});
        open_incident(s, token, "Cloud down", {{"cloud", "major_outage"}});
        CHECK(mails_to(s, "padonly@example.net").size() == 1);
        CHECK(mails_to(s, "all@example.net").size() == 2);
        open_incident(s, token, "Pad down", {{"pad", "major_outage"}});
        CHECK(mails_to(s, "padonly@example.net").size() == 2);
        // Members-only alone: nothing to anyone following everything.
        open_incident(s, token, "Mail down", {{"mail", "major_outage"}});
        CHECK(mails_to(s, "all@example.net").size() == 3);
        // Both: the mail names the public one only.
        open_incident(s, token, "Cloud and mail", {{"cloud", "degraded"}, {"mail", "major_outage"}});
        auto m = mails_to(s, "all@example.net");
        REQUIRE(m.size() == 4);
        CHECK(has(m[3].body, "Nuage"));
        CHECK_FALSE(has(m[3].body, "Courriel"));
    }

    TEST_CASE("maintenance only for those who asked, with a reminder shortly before") {
        TestServer s;  // reminder: 60 minutes before
        subscribe_confirmed(s, "maint@example.net", {}, "fr", true);
        subscribe_confirmed(s, "nomaint@example.net", {}, "fr", false);
        Browser admin = testing::login_admin(s);
        int64_t start = s.now + 86400 - s.now % 3600;
        auto r = admin.post("/admin/incidents/new",
                            {{"kind", "maintenance"},
                             {"title", "Cloud upgrade"},
                             {"window_start", i18n::strftime_local(*s.app->time_zone(), start, "%Y-%m-%dT%H:%M")},
                             {"window_end", i18n::strftime_local(*s.app->time_zone(), start + 7200, "%Y-%m-%dT%H:%M")},
                             {"effect_" + std::to_string(service_id(s, "cloud")), "degraded"},
                             {"body", "New version."},
                             {"step", "publish"}},
                            "/admin/incidents/new");
        REQUIRE(r);
        REQUIRE(r->status == 303);
        auto m = mails_to(s, "maint@example.net");
        REQUIRE(m.size() == 2);
        CHECK(has(m[1].subject, "Maintenance prévue"));
        CHECK(mails_to(s, "nomaint@example.net").size() == 1);
        s.now = start - 3601;
        run_job(s);
        CHECK(mails_to(s, "maint@example.net").size() == 2);
        s.now = start - 3500;
        run_job(s);
        m = mails_to(s, "maint@example.net");
        REQUIRE(m.size() == 3);
        CHECK(has(m[2].subject, "Rappel"));
        s.now = start - 60;
        run_job(s);
        CHECK(mails_to(s, "maint@example.net").size() == 3);
        CHECK(mails_to(s, "nomaint@example.net").size() == 1);

        // Announced 30 minutes before its window: the announcement is the reminder.
        int64_t soon = s.now + 1800;
        Browser admin2 = testing::login(s, "admin");  // a day has passed: a new session
        r = admin2.post("/admin/incidents/new",
                       {{"kind", "maintenance"},
                        {"title", "Pad restart"},
                        {"window_start", i18n::strftime_local(*s.app->time_zone(), soon, "%Y-%m-%dT%H:%M")},
                        {"window_end", i18n::strftime_local(*s.app->time_zone(), soon + 600, "%Y-%m-%dT%H:%M")},
                        {"effect_" + std::to_string(service_id(s, "pad")), "degraded"},
                        {"body", "Quick."},
                        {"step", "publish"}},
                       "");
        REQUIRE(r->status == 303);
        CHECK(mails_to(s, "maint@example.net").size() == 4);
        s.now += 60;
        run_job(s);
        CHECK(mails_to(s, "maint@example.net").size() == 4);
    }

    TEST_CASE("\"do not notify\": nothing to subscribers or members, webhooks still fire") {
        TestServer s;
        std::string token = api_token(s);
        int64_t member = testing::make_member(s, "memb", "correct horse battery", false, "active", "memb@example.net");
        {
            auto db = s.app->db->acquire();
            db->prepare("INSERT INTO member_services (member_id, service_id, since) VALUES (?, ?, ?)")
                .bind(member, service_id(s, "cloud"), s.now)
                .run();
            store::create_webhook(*db, "http://hooks.example/x", "s3cret", s.now);
            db->prepare("DELETE FROM webhook_deliveries").run();
        }
        subscribe_confirmed(s, "quiet@example.net", {"cloud"});
        std::string id = open_incident(s, token, "Typo fix", {{"cloud", "degraded"}}, {{"notify", false}});
        s.now += 600;
        REQUIRE(post_json(s, "/api/v2/incidents/" + id + "/resolve", {{"body", "ok"}}, token)->status == 200);
        s.now += 600;
        run_job(s);
        CHECK(mails_to(s, "quiet@example.net").size() == 1);
        CHECK(mails_to(s, "memb@example.net").empty());
        {
            auto db = s.app->db->acquire();
            auto q = db->prepare("SELECT count(*) FROM webhook_deliveries");
            q.step();
            CHECK(q.i64(0) == 2);
        }
        // The admin form's checkbox does the same.
        Browser admin = testing::login_admin(s);
        auto r = admin.post("/admin/incidents/new",
                            {{"kind", "incident"}, {"title", "Silent"}, {"impact", "minor"}, {"state", "investigating"},
                             {"effect_" + std::to_string(service_id(s, "cloud")), "degraded"}, {"body", "x"},
                             {"silent", "1"}, {"step", "publish"}},
                            "/admin/incidents/new");
        REQUIRE(r->status == 303);
        CHECK(mails_to(s, "quiet@example.net").size() == 1);
        CHECK(mails_to(s, "memb@example.net").empty());
        // A normal one reaches both…
        std::string real = open_incident(s, token, "Real outage", {{"cloud", "major_outage"}});
        CHECK(mails_to(s, "quiet@example.net").size() == 2);
        CHECK(mails_to(s, "memb@example.net").size() == 1);
        // …but an update marked "do not notify" (here the resolution) reaches neither.
        s.now += 600;
        REQUIRE(post_json(s, "/api/v2/incidents/" + real + "/resolve", {{"body", "ok"}, {"notify", false}}, token)->status == 200);
        s.now += 600;
        run_job(s);
        CHECK(mails_to(s, "quiet@example.net").size() == 2);
        CHECK(mails_to(s, "memb@example.net").size() == 1);
        CHECK(post_json(s, "/api/v2/incidents", {{"name", "x"}, {"notify", "no"}}, token)->status == 400);
    }

    TEST_CASE("each subscriber reads in the language chosen") {
        TestServer s;
        std::string token = api_token(s);
        subscribe_confirmed(s, "fr@example.net", {}, "fr");
        subscribe_confirmed(s, "en@example.net", {}, "en");
        CHECK(has(mails_to(s, "en@example.net")[0].subject, "Confirm your"));
        std::string id = open_incident(s, token, "Visio down", {{"visio", "major_outage"}});
        s.now += 10;
        post_json(s, "/api/v2/incidents/" + id + "/resolve", {{"body", "ok"}}, token);
        s.now += 300;
        run_job(s);
        auto fr = mails_to(s, "fr@example.net");
        auto en = mails_to(s, "en@example.net");
        REQUIRE(fr.size() == 3);
        REQUIRE(en.size() == 3);
        CHECK(has(fr[1].body, "Se désabonner en un clic"));
        CHECK(has(en[1].body, "Unsubscribe in one click"));
        CHECK(has(fr[2].subject, "Résolu"));
        CHECK(has(en[2].subject, "Resolved"));
    }

    TEST_CASE("the manage link changes choices without logging in") {
        TestServer s;
        std::string token = api_token(s);
        subscribe_confirmed(s, "mgr@example.net", {"cloud"});
        open_incident(s, token, "Cloud down", {{"cloud", "major_outage"}});
        std::string link = testing::link_in_mail(s, "mgr@example.net", s.app->config.base_url + "status/subscription?token=");
        REQUIRE(!link.empty());
        Browser b(s);
        auto page = b.get(path_of(link));
        REQUIRE(page->status == 200);
        CHECK(has(page->body, "mgr@example.net"));
        CHECK(page->get_header_value("Cache-Control") == "no-store");
        std::string t = link.substr(link.find("token=") + 6);
        auto r = b.post("/status/subscription",
                        {{"token", t}, {"lang", "en"}, {"scope", "chosen"}, {"service", std::to_string(service_id(s, "pad"))}}, "");
        CHECK(r->status == 303);
        // Without its CSRF token the form is refused.
        Browser stranger(s);
        CHECK(stranger.post_raw("/status/subscription", {{"token", t}, {"scope", "all"}})->status == 403);
        // A token for another id does not verify.
        CHECK(s.client().Get("/status/subscription?token=999" + t.substr(t.find('.')))->status == 404);
        open_incident(s, token, "Cloud down again", {{"cloud", "major_outage"}});
        CHECK(mails_to(s, "mgr@example.net").size() == 2);
        open_incident(s, token, "Pad down", {{"pad", "major_outage"}});
        auto m = mails_to(s, "mgr@example.net");
        REQUIRE(m.size() == 3);
        CHECK(has(m[2].body, "Unsubscribe in one click"));
    }

    TEST_CASE("members choose per service; attached services on by default") {
        TestServer s;
        std::string token = api_token(s);
        int64_t id = testing::make_member(s, "mia", "correct horse battery", false, "active", "mia@example.net");
        {
            auto db = s.app->db->acquire();
            db->prepare("INSERT INTO member_services (member_id, service_id, since) VALUES (?, ?, ?)")
                .bind(id, service_id(s, "cloud"), s.now)
                .run();
        }
        Browser mia = testing::login(s, "mia");
        auto page = mia.get("/account/profile");
        REQUIRE(page->status == 200);
        // Cloud, which she uses, is ticked; pad is not.
        std::string cloud = "value=\"" + std::to_string(service_id(s, "cloud")) + "\" checked";
        std::string pad = "value=\"" + std::to_string(service_id(s, "pad")) + "\" checked";
        CHECK(has(page->body, cloud));
        CHECK_FALSE(has(page->body, pad));
        open_incident(s, token, "Cloud down", {{"cloud", "major_outage"}});
        CHECK(mails_to(s, "mia@example.net").size() == 1);
        // Off for cloud, on for pad (which she does not use).
        auto r = mia.post("/account/profile",
                          {{"display_name", "Mia"}, {"email", "mia@example.net"}, {"locale", "fr"},
                           {"alert", std::to_string(service_id(s, "pad"))}},
                          "/account/profile");
        REQUIRE(r->status == 303);
        open_incident(s, token, "Cloud down again", {{"cloud", "major_outage"}});
        CHECK(mails_to(s, "mia@example.net").size() == 1);
        open_incident(s, token, "Pad down", {{"pad", "major_outage"}});
        CHECK(mails_to(s, "mia@example.net").size() == 2);

        // One who had the old switch off: the service they use is not ticked, and stays quiet.
        int64_t ned = testing::make_member(s, "ned", "correct horse battery", false, "active", "ned@example.net");
        {
            auto db = s.app->db->acquire();
            db->prepare("INSERT INTO member_services (member_id, service_id, since) VALUES (?, ?, ?)")
                .bind(ned, service_id(s, "cloud"), s.now)
                .run();
            db->prepare("UPDATE members SET notify_incidents = 0 WHERE id = ?").bind(ned).run();
        }
        Browser nb = testing::login(s, "ned");
        CHECK_FALSE(has(nb.get("/account/profile")->body, cloud));
        open_incident(s, token, "Cloud down once more", {{"cloud", "major_outage"}});
        CHECK(mails_to(s, "ned@example.net").empty());
    }

    TEST_CASE("migration: a member who had turned the single switch off stays off for every service") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        auto all = db::embedded_migrations();
        std::vector<db::Migration> before;
        for (const auto& m : all)
            if (m.name.rfind("011_", 0) != 0 && m.version < 11) before.push_back(m);
        db::migrate(db, before);
        db.exec("INSERT INTO services (slug, name, created_at, updated_at) VALUES ('a', 'A', 0, 0), ('b', 'B', 0, 0)");
        db.exec("INSERT INTO members (name, email, notify_incidents, created_at, updated_at) VALUES "
                "('off', 'off@example.net', 0, 0, 0), ('on', 'on@example.net', 1, 0, 0)");
        db::migrate(db, all);
        auto q = db.prepare("SELECT m.name, count(*), sum(a.wanted) FROM member_alerts a JOIN members m ON m.id = a.member_id GROUP BY m.name");
        std::map<std::string, std::pair<int64_t, int64_t>> rows;
        while (q.step()) rows[q.text(0)] = {q.i64(1), q.i64(2)};
        CHECK(rows.size() == 1);
        CHECK(rows["off"] == std::pair<int64_t, int64_t>{2, 0});  // every service, off
        // The key that signs links exists from the start.
        CHECK(store::subscription_key(db).size() == 32);
    }

    TEST_CASE("admins see counts, export and delete; the privacy page says what is kept") {
        TestServer s;
        subscribe_confirmed(s, "one@example.net", {"cloud"});
        subscribe_confirmed(s, "two@example.net", {});
        Browser admin = testing::login_admin(s);
        auto page = admin.get("/admin/subscriptions");
        REQUIRE(page->status == 200);
        CHECK_FALSE(has(page->body, "one@example.net"));
        CHECK_FALSE(has(page->body, "two@example.net"));
        auto csv = admin.get("/admin/subscriptions.csv");
        REQUIRE(csv->status == 200);
        CHECK(has(csv->body, "one@example.net,fr,0,0,cloud,"));
        CHECK(has(csv->body, "two@example.net,fr,1,0,,"));
        CHECK(s.client().Get("/admin/subscriptions.csv")->status != 200);
        CHECK(admin.post("/admin/subscriptions/delete", {{"email", "ONE@example.net"}}, "")->status == 303);
        auto db = s.app->db->acquire();
        CHECK_FALSE(store::find_subscriber_by_email(*db, "one@example.net"));
        CHECK(store::find_subscriber_by_email(*db, "two@example.net"));
        auto privacy = s.client().Get("/privacy");
        REQUIRE(privacy->status == 200);
        CHECK(has(privacy->body, "48"));
    }
}
