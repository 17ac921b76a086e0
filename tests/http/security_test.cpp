// Issue 13: what the outside review of accounts, proxies and webhooks found, each point with
// the test that failed before its fix.
#include <doctest/doctest.h>

#include <atomic>

#include "outbox/webhooks.h"
#include "auth/one_time.h"
#include "auth/totp.h"
#include "store/members.h"
#include "store/settings.h"
#include "store/tokens.h"
#include "support/auth.h"

using namespace chatiere;
using testing::Browser;
using testing::TestServer;
using testing::link_in_mail;
using testing::signup_fields;

namespace {

int mails_to(TestServer& s, const std::string& to, const std::string& subject_part = "") {
    auto db = s.app->db->acquire();
    auto q = db->prepare("SELECT count(*) FROM outbox WHERE to_addr = ? AND instr(subject, ?) > 0");
    q.bind(to, subject_part);
    return q.step() ? q.integer(0) : 0;
}

std::string path_of(const std::string& url) {
    auto p = url.find("://");
    if (p == std::string::npos) return url;
    return url.substr(url.find('/', p + 3));
}

std::string token_of(const std::string& link) { return link.substr(link.find("token=") + 6); }

store::Member member(TestServer& s, const std::string& name) {
    auto db = s.app->db->acquire();
    return *store::find_member_by_login(*db, name);
}

httplib::Params profile_form(const std::string& email, const std::string& password = "") {
    httplib::Params p{{"display_name", "Someone"}, {"email", email}, {"locale", "fr"}, {"notify", "1"}};
    if (!password.empty()) p.emplace("current_password", password);
    return p;
}

// The newest link mailed to `email` after asking for a reset through the real form, from
// client address 192.0.2.<n> (so that the per-client mail limit stays out of the way).
std::string reset_link(TestServer& s, const std::string& email, int n) {
    Browser b(s);
    b.get("/password/forgot");
    b.post_raw("/password/forgot", {{"email", email}, {"_csrf", b.csrf()}},
               {{"X-Forwarded-For", "192.0.2." + std::to_string(100 + n)}});
    return link_in_mail(s, email, "http://");
}

void open_signup(TestServer& s) {
    auto db = s.app->db->acquire();
    store::put_setting(*db, "signup.mode", "open", s.now);
}


}  // namespace

TEST_SUITE("security (issue 13)") {
    // 1. Account takeover through the e-mail address.
    TEST_CASE("1: changing the e-mail asks for the password, keeps the old address until confirmed, and can be undone") {
        TestServer s;
        testing::make_member(s, "ann");
        auto b = testing::login(s, "ann");
        // No password, a wrong one: refused, nothing changes, nothing is sent.
        CHECK(b.post("/account/profile", profile_form("thief@example.net"), "/account/profile")->status == 403);
        CHECK(b.post("/account/profile", profile_form("thief@example.net", "not my password"), "")->status == 403);
        CHECK(member(s, "ann").email == "ann@example.org");
        CHECK(mails_to(s, "thief@example.net") == 0);
        // With the password: the old address stays until the new one is confirmed.
        CHECK(b.post("/account/profile", profile_form("thief@example.net", "correct horse battery"), "")->status == 303);
        CHECK(member(s, "ann").email == "ann@example.org");
        CHECK(member(s, "ann").email_verified);
        CHECK(b.get("/account/profile")->body.find("thief@example.net") != std::string::npos);  // shown as pending
        std::string confirm = link_in_mail(s, "thief@example.net", "http://");
        REQUIRE(confirm.find("/account/email/confirm?token=") != std::string::npos);
        // A reset asked meanwhile still goes to the old address.
        CHECK(reset_link(s, "thief@example.net", 1).find("/password/reset") == std::string::npos);
        Browser other(s);
        CHECK(other.get(path_of(confirm))->status == 200);
        CHECK(other.get(path_of(confirm))->status == 410);  // once
        CHECK(member(s, "ann").email == "thief@example.net");
        // The old address is told, with a link that undoes the change.
        std::string revert = link_in_mail(s, "ann@example.org", "http://");
        REQUIRE(revert.find("/account/email/revert?token=") != std::string::npos);
        // Whoever holds the session now resets the password through the new address…
        std::string reset = reset_link(s, "thief@example.net", 2);
        REQUIRE(reset.find("/password/reset") != std::string::npos);
        // …and the owner undoes it from the old address: every session ends, every link dies.
        Browser owner(s);
        auto form = owner.get(path_of(revert));
        REQUIRE(form->status == 200);
        CHECK(owner.post("/account/email/revert", {{"token", token_of(revert)}}, "")->status == 303);
        CHECK(member(s, "ann").email == "ann@example.org");
        CHECK(b.get("/account")->status == 303);  // logged out
        Browser thief(s);
        CHECK(thief.get(path_of(reset))->status == 410);
        CHECK(owner.post("/account/email/revert", {{"token", token_of(revert)}}, "")->status == 410);
    }

    TEST_CASE("1: the undo link lasts 7 days") {
        TestServer s;
        testing::make_member(s, "bea");
        auto b = testing::login(s, "bea");
        CHECK(b.post("/account/profile", profile_form("bea2@example.org", "correct horse battery"), "/account/profile")->status == 303);
        Browser(s).get(path_of(link_in_mail(s, "bea2@example.org", "http://")));
        std::string revert = link_in_mail(s, "bea@example.org", "http://");
        s.now += 7 * 86400 + 1;
        CHECK(Browser(s).get(path_of(revert))->status == 410);
    }

    TEST_CASE("1: a reset link only goes to a verified address; an unverified one gets the address check") {
        TestServer s;
        testing::make_member(s, "cid");
        {
            auto db = s.app->db->acquire();
            db->prepare("UPDATE members SET email_verified = 0 WHERE name = 'cid'").run();
        }
        Browser b(s);
        auto unverified = b.post("/password/forgot", {{"email", "cid@example.org"}}, "/password/forgot");
        auto unknown = b.post("/password/forgot", {{"email", "nobody@example.org"}}, "");
        CHECK(unverified->body == unknown->body);  // the same answer either way
        std::string link = link_in_mail(s, "cid@example.org", "http://");
        CHECK(link.find("/password/reset") == std::string::npos);
        REQUIRE(link.find("/signup/verify?token=") != std::string::npos);
        CHECK(b.get(path_of(link))->status == 200);
        CHECK(member(s, "cid").email_verified);
        b.post("/password/forgot", {{"email", "cid@example.org"}}, "");
        CHECK(link_in_mail(s, "cid@example.org", "http://").find("/password/reset?token=") != std::string::npos);
    }

    // 2. Reset links outlive their purpose.
    TEST_CASE("2: every reset link dies when one is used, when the password changes, when the address changes") {
        TestServer s;
        testing::make_member(s, "dan");
        std::string first = reset_link(s, "dan@example.org", 1);
        std::string second = reset_link(s, "dan@example.org", 2);
        REQUIRE(first != second);
        Browser b(s);
        CHECK(b.post("/password/reset",
                     {{"token", token_of(second)}, {"password", "brand new passphrase"}, {"password_confirm", "brand new passphrase"}},
                     "/login")
                  ->status == 303);
        CHECK(b.get(path_of(first))->status == 410);  // used one → the others die
        s.now += 3601;  // a new hour: the address may be mailed again

        std::string third = reset_link(s, "dan@example.org", 3);
        auto dan = testing::login(s, "dan", "brand new passphrase");
        CHECK(dan.post("/account/password", {{"current", "brand new passphrase"},
                                             {"password", "yet another passphrase"},
                                             {"password_confirm", "yet another passphrase"}},
                       "/account/password")
                  ->status == 303);
        CHECK(b.get(path_of(third))->status == 410);  // password changed → dies

        std::string fourth = reset_link(s, "dan@example.org", 4);
        CHECK(dan.post("/account/profile", profile_form("dan.new@example.org", "yet another passphrase"), "/account/profile")
                  ->status == 303);
        CHECK(b.get(path_of(link_in_mail(s, "dan.new@example.org", "http://")))->status == 200);
        CHECK(b.get(path_of(fourth))->status == 410);  // address changed → dies
    }

    TEST_CASE("2: a reset link is bound to the address it was sent to") {
        TestServer s;
        int64_t id = testing::make_member(s, "eli");
        std::string token;
        {
            auto db = s.app->db->acquire();
            token = auth::issue_token(*db, "reset", id, "eli@example.org", std::nullopt, s.now, 3600);
            store::set_member_email(*db, id, "eli.other@example.org", s.now);  // changed by any other way
        }
        Browser b(s);
        CHECK(b.get("/password/reset?token=" + token)->status == 410);
        CHECK(b.post("/password/reset", {{"token", token}, {"password", "brand new passphrase"}, {"password_confirm", "brand new passphrase"}},
                     "/login")
                  ->status == 410);
    }

    // 3. Client address from a forged X-Forwarded-For.
    TEST_CASE("3: every X-Forwarded-For line is read, from the right") {
        TestServer s([](Config& c) {
            c.mail_per_ip_hour = 2;
            c.trusted_proxies = "127.0.0.1, 10.0.0.0/8";
        });
        // A client forges a first line; the proxy (HAProxy style) adds its own line with the real
        // client, after another trusted hop in the LAN range.
        auto forgot = [&](int n) {
            Browser b(s);
            b.get("/password/forgot");
            httplib::Headers h{{"X-Forwarded-For", "198.51.100." + std::to_string(n)},
                               {"X-Forwarded-For", "203.0.113.9, 10.1.2.3"}};
            return b.post_raw("/password/forgot", {{"email", "x" + std::to_string(n) + "@example.org"}, {"_csrf", b.csrf()}},
                              h);
        };
        CHECK(forgot(1)->status == 200);
        CHECK(forgot(2)->status == 200);
        CHECK(forgot(3)->status == 429);  // one client, whatever it forged
    }

    // 4. Two throttle budgets for one account.
    TEST_CASE("4: one log-in budget per account, by name or by e-mail") {
        TestServer s;
        testing::make_member(s, "fox");
        Browser b(s);
        for (int i = 0; i < 5; ++i)
            CHECK(b.post("/login", {{"login", i % 2 ? "FOX" : "fox"}, {"password", "wrong guess " + std::to_string(i)}})->status == 401);
        auto r = b.post("/login", {{"login", "fox@example.org"}, {"password", "correct horse battery"}});
        CHECK(r->status == 429);
        CHECK(r->has_header("Retry-After"));
    }

    // 5. Current-password checks without throttling.
    TEST_CASE("5: the current-password checks share the account's log-in budget") {
        TestServer s;
        testing::make_member(s, "gil");
        auto b = testing::login(s, "gil");
        for (int i = 0; i < 5; ++i)
            CHECK(b.post("/account/password", {{"current", "guess " + std::to_string(i)}, {"password", "whatever passphrase"},
                                               {"password_confirm", "whatever passphrase"}},
                         "/account/password")
                      ->status == 403);
        CHECK(b.post("/account/password", {{"current", "correct horse battery"}, {"password", "whatever passphrase"},
                                           {"password_confirm", "whatever passphrase"}},
                     "")
                  ->status == 429);
        CHECK(b.post("/account/delete", {{"password", "correct horse battery"}, {"confirm", "1"}}, "")->status == 429);
        CHECK(b.post("/account/profile", profile_form("gil2@example.org", "correct horse battery"), "")->status == 429);
        Browser other(s);
        CHECK(other.post("/login", {{"login", "gil"}, {"password", "correct horse battery"}})->status == 429);
        CHECK(member(s, "gil").status == domain::MemberStatus::Active);  // nothing was deleted
    }

    TEST_CASE("5: turning off the second factor is throttled too") {
        TestServer s;
        int64_t id = testing::make_member(s, "hoa");
        auto b = testing::login(s, "hoa");
        {
            auto db = s.app->db->acquire();
            store::set_member_totp(*db, id, auth::new_totp_secret(), s.now);
        }
        for (int i = 0; i < 5; ++i)
            CHECK(b.post("/account/second-factor/disable", {{"password", "guess " + std::to_string(i)}}, "/account")->status == 403);
        CHECK(b.post("/account/second-factor/disable", {{"password", "correct horse battery"}}, "")->status == 429);
        CHECK(member(s, "hoa").totp_secret.has_value());
    }

    // 6. Sign-up and mails without rate limits.
    TEST_CASE("6: defaults: 3 mails per address and 20 per client address an hour") {
        Config c;
        CHECK(c.mail_per_address_hour == 3);
        CHECK(c.mail_per_ip_hour == 20);
    }

    TEST_CASE("6: a sign-up with an existing address mails its owner at most 3 times an hour, same answer") {
        TestServer s([](Config& c) { c.base_url = "http://127.0.0.1:8080/"; });
        open_signup(s);
        testing::make_member(s, "ida");
        std::string first_body;
        for (int i = 0; i < 5; ++i) {
            Browser b(s);
            b.get("/signup");
            auto fields = signup_fields("ida" + std::to_string(i), "ida@example.org");
            fields.emplace("_csrf", b.csrf());
            // From five different client addresses: only the address's own limit applies.
            auto r = b.post_raw("/signup", fields, {{"X-Forwarded-For", "192.0.2." + std::to_string(10 + i)}});
            REQUIRE(r);
            CHECK(r->status == 200);
        }
        CHECK(mails_to(s, "ida@example.org") == 3);
        s.now += 3601;
        Browser b(s);
        CHECK(b.post("/signup", signup_fields("ida9", "ida@example.org"), "/signup")->status == 200);
        CHECK(mails_to(s, "ida@example.org") == 4);
    }

    TEST_CASE("6: sign-ups, resets and checks sent again from one client address are limited") {
        TestServer s([](Config& c) { c.mail_per_ip_hour = 4; });
        open_signup(s);
        Browser b(s);
        CHECK(b.post("/signup", signup_fields("jo1", "jo1@example.org"), "/signup")->status == 200);
        CHECK(b.post("/signup", signup_fields("jo2", "jo2@example.org"), "")->status == 200);
        CHECK(b.post("/signup/resend", {{"email", "jo1@example.org"}}, "")->status == 200);
        CHECK(mails_to(s, "jo1@example.org") == 2);  // the check, sent again
        CHECK(b.post("/password/forgot", {{"email", "jo2@example.org"}}, "")->status == 200);
        CHECK(b.post("/signup", signup_fields("jo3", "jo3@example.org"), "")->status == 429);
        CHECK(b.post("/password/forgot", {{"email", "jo2@example.org"}}, "")->status == 429);
        CHECK(b.post("/signup/resend", {{"email", "jo1@example.org"}}, "")->status == 429);
        CHECK(mails_to(s, "jo3@example.org") == 0);
    }

    TEST_CASE("6: the check sent again answers the same for a verified, unknown or unverified address") {
        TestServer s;
        testing::make_member(s, "kim");
        testing::make_member(s, "lou");
        {
            auto db = s.app->db->acquire();
            db->prepare("UPDATE members SET email_verified = 0 WHERE name = 'lou'").run();
        }
        Browser b(s);
        auto verified = b.post("/signup/resend", {{"email", "kim@example.org"}}, "/signup/resend");
        auto unknown = b.post("/signup/resend", {{"email", "zed@example.org"}}, "");
        auto unverified = b.post("/signup/resend", {{"email", "lou@example.org"}}, "");
        CHECK(verified->body == unknown->body);
        CHECK(unverified->body == unknown->body);
        CHECK(mails_to(s, "kim@example.org") == 0);
        CHECK(link_in_mail(s, "lou@example.org", "http://").find("/signup/verify?token=") != std::string::npos);
    }

    // 7. Members are told about changes to their account.
    TEST_CASE("7: notices for a password change, second factor off, new recovery codes") {
        TestServer s;
        int64_t id = testing::make_member(s, "max");
        auto b = testing::login(s, "max");
        CHECK(b.post("/account/password", {{"current", "correct horse battery"}, {"password", "a fresh passphrase"},
                                           {"password_confirm", "a fresh passphrase"}},
                     "/account/password")
                  ->status == 303);
        CHECK(mails_to(s, "max@example.org", "mot de passe a été changé") == 1);
        {
            auto db = s.app->db->acquire();
            store::set_member_totp(*db, id, auth::new_totp_secret(), s.now);
        }
        auto codes = b.post("/account/second-factor/recovery-codes", {{"password", "a fresh passphrase"}}, "/account");
        CHECK(codes->status == 200);
        CHECK(mails_to(s, "max@example.org", "nouveaux codes de secours") == 1);
        CHECK(b.post("/account/second-factor/disable", {{"password", "a fresh passphrase"}}, "")->status == 303);
        CHECK(mails_to(s, "max@example.org", "vérification en deux étapes a été désactivée") == 1);
        // A reset counts as a password change too.
        std::string link = reset_link(s, "max@example.org", 1);
        Browser(s).post("/password/reset", {{"token", token_of(link)}, {"password", "third passphrase ok"},
                                            {"password_confirm", "third passphrase ok"}},
                        "/login");
        CHECK(mails_to(s, "max@example.org", "mot de passe a été changé") == 2);
    }

    // 8. Webhooks can reach the inside.
    TEST_CASE("8: webhooks never reach internal addresses unless allowed") {
        httplib::Server receiver;
        std::atomic<int> hits{0};
        std::string host_seen;
        receiver.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
            host_seen = req.get_header_value("Host");
            ++hits;
            res.status = 204;
        });
        int port = receiver.bind_to_any_port("127.0.0.1");
        std::thread t([&] { receiver.listen_after_bind(); });
        std::string p = std::to_string(port);
        for (const std::string& url : {"http://127.0.0.1:" + p + "/hook", "http://localhost:" + p + "/hook",
                                      "http://[::ffff:127.0.0.1]:" + p + "/hook"}) {
            std::string error = outbox::http_post_json(url, "{}", "sha256=x", false);
            CHECK_MESSAGE(error.find("internal address") != std::string::npos, url, " → ", error);
        }
        CHECK(hits == 0);
        CHECK(outbox::http_post_json("http://localhost:" + p + "/hook", "{}", "sha256=x", true) == "");
        CHECK(hits == 1);
        CHECK(host_seen == "localhost:" + p);  // connected to the checked address, named by its host
        receiver.stop();
        t.join();
        CHECK(outbox::webhook_target_problem("http://169.254.169.254/latest/meta-data", false, false) != "");
        CHECK(outbox::webhook_target_problem("http://10.0.0.5/x", false, false) != "");
        CHECK(outbox::webhook_target_problem("http://10.0.0.5/x", true, false) == "");
        CHECK(outbox::webhook_target_problem("https://hooks.example/in", false, false) == "");
    }

    TEST_CASE("8: the admin cannot add a webhook to an internal address by default") {
        TestServer s;
        auto admin = testing::login_admin(s);
        auto r = admin.post("/admin/webhooks", {{"url", "http://127.0.0.1:2375/containers"}}, "/admin/webhooks");
        CHECK(r->status == 422);
        CHECK(admin.post("/admin/webhooks", {{"url", "http://[fd00::1]/x"}}, "")->status == 422);
        CHECK(admin.post("/admin/webhooks", {{"url", "https://hooks.example/in"}}, "")->status == 201);
        TestServer allowed([](Config& c) { c.webhook_allow_private = true; });
        auto a2 = testing::login_admin(allowed);
        CHECK(a2.post("/admin/webhooks", {{"url", "http://192.168.1.20/hook"}}, "/admin/webhooks")->status == 201);
    }

    // 9. Invitation token in the URL.
    TEST_CASE("9: the invitation link is shown once, never in a URL") {
        TestServer s;
        auto admin = testing::login_admin(s);
        auto r = admin.post("/admin/invitations", {{"email", "new@example.org"}}, "/admin/members");
        REQUIRE(r);
        CHECK(r->status == 303);
        std::string location = r->get_header_value("Location");
        CHECK(location.find("token") == std::string::npos);
        CHECK(location.find("invite_link") == std::string::npos);
        std::string link = link_in_mail(s, "new@example.org", "http://");
        std::string token = link.substr(link.find("invite=") + 7);
        REQUIRE(token.size() > 20);
        auto page = admin.get(path_of(location));
        CHECK(page->body.find(token) != std::string::npos);  // shown…
        CHECK(admin.get(path_of(location))->body.find(token) == std::string::npos);  // …once
        // A link passed in the query is not shown any more.
        CHECK(admin.get("/admin/members?invite_link=%2Fsignup%3Finvite%3Dforged")->body.find("invite=forged</code>") ==
              std::string::npos);
    }
}
