#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "auth/totp.h"
#include "outbox/mailer.h"
#include "store/members.h"
#include "store/outbox.h"
#include "store/settings.h"
#include "support/auth.h"

using namespace chatiere;
using testing::Browser;
using testing::TestServer;
using testing::link_in_mail;
using testing::signup_fields;

namespace {

std::string path_of(const std::string& url) {
    auto p = url.find("://");
    return url.substr(url.find('/', p + 3));
}

void set_mode(TestServer& s, const std::string& mode) {
    auto db = s.app->db->acquire();
    store::put_setting(*db, "signup.mode", mode, s.now);
}


}  // namespace

TEST_SUITE("accounts") {
    TEST_CASE("sign-up, open mode: verify the address, then log in") {
        TestServer s;
        set_mode(s, "open");
        Browser b(s);
        auto r = b.post("/signup", signup_fields("dora", "dora@example.org"), "/signup");
        REQUIRE(r);
        CHECK(r->status == 200);
        std::string link = link_in_mail(s, "dora@example.org", "http://");
        REQUIRE(!link.empty());
        // Not active before the address is checked.
        Browser d(s);
        CHECK(d.post("/login", {{"login", "dora"}, {"password", "a long enough passphrase"}})->status == 403);
        auto v = d.get(path_of(link));
        REQUIRE(v);
        CHECK(v->status == 200);
        CHECK(d.get(path_of(link))->status == 410);  // a link works once
        auto ok = d.post("/login", {{"login", "dora"}, {"password", "a long enough passphrase"}});
        CHECK(ok->status == 303);
    }

    TEST_CASE("an e-mail check link expires after 48 hours") {
        TestServer s;
        set_mode(s, "open");
        Browser b(s);
        CHECK(b.post("/signup", signup_fields("ivy", "ivy@example.org"), "/signup")->status == 200);
        std::string link = link_in_mail(s, "ivy@example.org", "http://");
        REQUIRE(!link.empty());
        s.now += 48 * 3600 + 1;
        CHECK(b.get(path_of(link))->status == 410);
        auto db = s.app->db->acquire();
        CHECK(store::find_member_by_login(*db, "ivy")->status == domain::MemberStatus::Pending);
    }

    TEST_CASE("sign-up, approval mode: verified address still waits for an admin") {
        TestServer s;
        set_mode(s, "approval");
        Browser b(s);
        CHECK(b.post("/signup", signup_fields("eve", "eve@example.org"), "/signup")->status == 200);
        std::string link = link_in_mail(s, "eve@example.org", "http://");
        CHECK(b.get(path_of(link))->status == 200);
        Browser e(s);
        auto r = e.post("/login", {{"login", "eve"}, {"password", "a long enough passphrase"}});
        CHECK(r->status == 403);
        CHECK(r->body.find("administrat") != std::string::npos);
        auto admin = testing::login_admin(s);
        int64_t id;
        {
            auto db = s.app->db->acquire();
            id = store::find_member_by_login(*db, "eve")->id;
        }
        CHECK(admin.post("/admin/members/" + std::to_string(id) + "/approve", {}, "")->status == 303);
        CHECK(e.post("/login", {{"login", "eve"}, {"password", "a long enough passphrase"}})->status == 303);
    }

    TEST_CASE("sign-up, closed mode: only with a one-time invitation") {
        TestServer s;
        set_mode(s, "closed");
        Browser b(s);
        auto form = b.get("/signup");
        CHECK(form->body.find("name=\"password\"") == std::string::npos);  // no form without invitation
        CHECK(b.post("/signup", signup_fields("fay", "fay@example.org"), "")->status == 403);
        auto admin = testing::login_admin(s);
        auto inv = admin.post("/admin/invitations", {{"email", "fay@example.org"}}, "");
        REQUIRE(inv);
        CHECK(inv->status == 303);
        std::string link = link_in_mail(s, "fay@example.org", "http://");
        REQUIRE(link.find("invite=") != std::string::npos);
        std::string token = link.substr(link.find("invite=") + 7);
        auto page = b.get(path_of(link));
        CHECK(page->status == 200);
        auto fields = signup_fields("fay", "someone-else@example.org");
        fields.emplace("invite", token);
        auto r = b.post("/signup", fields, "");
        CHECK(r->status == 303);
        {
            auto db = s.app->db->acquire();
            auto m = store::find_member_by_login(*db, "fay");
            REQUIRE(m);
            CHECK(m->email == "fay@example.org");  // the invited address, not a typed one
            CHECK(m->status == domain::MemberStatus::Active);
        }
        auto again = signup_fields("fay2", "x@example.org");
        again.emplace("invite", token);
        CHECK(b.post("/signup", again, "")->status == 410);  // used once
    }

    TEST_CASE("sign-up refuses bad input with a reason per field, keeping what was typed") {
        TestServer s;
        set_mode(s, "open");
        testing::make_member(s, "taken");
        Browser b(s);
        auto r = b.post("/signup",
                        {{"name", "taken"}, {"email", "not-an-address"}, {"password", "short"}, {"password_confirm", "x"}},
                        "/signup");
        REQUIRE(r);
        CHECK(r->status == 422);
        CHECK(r->body.find("déjà pris") != std::string::npos);
        CHECK(r->body.find("Cette adresse de courriel n") != std::string::npos);
        CHECK(r->body.find("au moins 12 caractères") != std::string::npos);
        CHECK(r->body.find("value=\"not-an-address\"") != std::string::npos);
        // An address that already has an account: the same answer as a new one, and a mail to its owner.
        auto dup = b.post("/signup", signup_fields("newname", "taken@example.org"), "");
        CHECK(dup->status == 200);
        CHECK(link_in_mail(s, "taken@example.org", "http://").find("/password/forgot") != std::string::npos);
    }

    TEST_CASE("password reset: one use, expires, ends every session, never tells if the address exists") {
        TestServer s;
        testing::make_member(s, "gus");
        auto logged = testing::login(s, "gus");
        Browser b(s);
        auto known = b.post("/password/forgot", {{"email", "gus@example.org"}}, "/password/forgot");
        auto unknown = b.post("/password/forgot", {{"email", "nobody@example.org"}}, "");
        CHECK(known->status == 200);
        CHECK(unknown->status == 200);
        CHECK(known->body == unknown->body);
        std::string link = link_in_mail(s, "gus@example.org", "http://");
        REQUIRE(!link.empty());
        std::string token = link.substr(link.find("token=") + 6);
        CHECK(b.get(path_of(link))->status == 200);
        auto r = b.post("/password/reset",
                        {{"token", token}, {"password", "brand new passphrase"}, {"password_confirm", "brand new passphrase"}},
                        "");
        CHECK(r->status == 303);
        CHECK(logged.get("/account")->status == 303);  // the old session is gone
        CHECK(b.post("/password/reset",
                     {{"token", token}, {"password", "another passphrase x"}, {"password_confirm", "another passphrase x"}},
                     "")
                  ->status == 410);
        testing::login(s, "gus", "brand new passphrase");
        // Expiry: a link older than an hour is refused.
        b.post("/password/forgot", {{"email", "gus@example.org"}}, "");
        std::string late = link_in_mail(s, "gus@example.org", "http://");
        s.now += 3601;
        CHECK(b.get(path_of(late))->status == 410);
    }

    TEST_CASE("password change ends the other sessions and keeps this one") {
        TestServer s;
        testing::make_member(s, "hal");
        auto phone = testing::login(s, "hal");
        auto laptop = testing::login(s, "hal");
        auto wrong = laptop.post("/account/password", {{"current", "nope nope nope"}, {"password", "x"}}, "");
        CHECK(wrong->status == 403);
        auto r = laptop.post("/account/password", {{"current", "correct horse battery"},
                                                   {"password", "a fresh passphrase"},
                                                   {"password_confirm", "a fresh passphrase"}},
                             "");
        CHECK(r->status == 303);
        CHECK(laptop.get("/account")->status == 200);
        CHECK(phone.get("/account")->status == 303);
    }

    TEST_CASE("sessions page: list and end a session; another member's session cannot be ended") {
        TestServer s;
        testing::make_member(s, "ida");
        testing::make_member(s, "jon");
        auto a = testing::login(s, "ida");
        auto a2 = testing::login(s, "ida");
        auto j = testing::login(s, "jon");
        auto page = a.get("/account/sessions");
        REQUIRE(page->status == 200);
        int64_t jon_session, ida2_session;
        {
            auto db = s.app->db->acquire();
            auto q = db->prepare("SELECT s.id FROM sessions s JOIN members m ON m.id = s.member_id WHERE m.name = ? ORDER BY s.id DESC");
            q.bind("jon");
            REQUIRE(q.step());
            jon_session = q.i64(0);
        }
        {
            auto db = s.app->db->acquire();
            auto q = db->prepare("SELECT s.id FROM sessions s JOIN members m ON m.id = s.member_id WHERE m.name = ? ORDER BY s.id DESC");
            q.bind("ida");
            REQUIRE(q.step());
            ida2_session = q.i64(0);
        }
        CHECK(a.post("/account/sessions/" + std::to_string(jon_session) + "/end", {}, "")->status == 404);
        CHECK(j.get("/account")->status == 200);
        CHECK(a.post("/account/sessions/" + std::to_string(ida2_session) + "/end", {}, "")->status == 303);
        CHECK(a2.get("/account")->status == 303);
        CHECK(a.get("/account")->status == 200);
    }

    TEST_CASE("TOTP: RFC 6238 test vector, enable, log in, a replayed code is refused, recovery codes work once") {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59 s → 94287082 (8 digits): 287082.
        std::string secret = auth::base32_encode(reinterpret_cast<const unsigned char*>("12345678901234567890"), 20);
        CHECK(auth::totp_code(secret, 59 / 30) == "287082");
        CHECK(auth::totp_code(secret, 1111111109 / 30) == "081804");

        TestServer s;
        testing::make_member(s, "kim");
        auto b = testing::login(s, "kim");
        auto page = b.get("/account/second-factor");
        auto p = page->body.find("name=\"secret\" value=\"");
        REQUIRE(p != std::string::npos);
        std::string key = page->body.substr(p + 21, 32);
        auto enabled = b.post("/account/second-factor/enable", {{"secret", key}, {"code", auth::totp_code(key, auth::totp_step(s.now))}}, "");
        REQUIRE(enabled->status == 200);
        std::vector<std::string> codes;
        for (size_t q = enabled->body.find("<code>"); q != std::string::npos; q = enabled->body.find("<code>", q + 1))
            codes.push_back(enabled->body.substr(q + 6, 14));
        CHECK(codes.size() == 10);

        // Log in again: password, then the code.
        s.now += 30;
        Browser c(s);
        auto first = c.post("/login", {{"login", "kim"}, {"password", "correct horse battery"}});
        REQUIRE(first->status == 303);
        CHECK(first->get_header_value("Location").rfind("/login/second-factor", 0) == 0);
        CHECK(c.get("/account")->status == 303);  // not logged in yet
        c.get("/login/second-factor");
        std::string code = auth::totp_code(key, auth::totp_step(s.now));
        CHECK(c.post("/login/second-factor", {{"code", code}}, "")->status == 303);
        CHECK(c.get("/account")->status == 200);

        // The same code again, in another log-in: refused (replay).
        Browser d(s);
        d.post("/login", {{"login", "kim"}, {"password", "correct horse battery"}});
        d.get("/login/second-factor");
        CHECK(d.post("/login/second-factor", {{"code", code}}, "")->status == 401);
        // A recovery code works once.
        CHECK(d.post("/login/second-factor", {{"code", codes[0]}}, "")->status == 303);
        Browser e(s);
        e.post("/login", {{"login", "kim"}, {"password", "correct horse battery"}});
        e.get("/login/second-factor");
        CHECK(e.post("/login/second-factor", {{"code", codes[0]}}, "")->status == 401);
    }

    TEST_CASE("mail: a failing sendmail keeps the message, a later run delivers it") {
        TestServer s;
        testing::TempDb dir_holder;
        std::string dir = dir_holder.path + ".mail";
        std::filesystem::create_directories(dir);
        std::string good = dir + "/sendmail-ok.sh", bad = dir + "/sendmail-fail.sh";
        {
            std::ofstream f(good);
            f << "#!/bin/sh\ncat > \"" << dir << "/msg-$$.eml\"\n";
        }
        {
            std::ofstream f(bad);
            f << "#!/bin/sh\ncat > /dev/null\necho 'relay down' >&2\nexit 75\n";
        }
        std::filesystem::permissions(good, std::filesystem::perms::owner_all);
        std::filesystem::permissions(bad, std::filesystem::perms::owner_all);

        auto db = s.app->db->acquire();
        store::enqueue_mail(*db, "lea@example.org", "Panne du nuage — résolue", "Bonjour,\nC'est réparé.\n", s.now);
        auto via = [](const std::string& cmd) {
            return [cmd](const std::string& m) { return outbox::send_with_sendmail(cmd, m); };
        };
        CHECK(outbox::deliver_due_mail(*db, "portal@example.org", s.now, via(bad)) == 0);
        auto stuck = store::stuck_mail(*db, 10);
        REQUIRE(stuck.size() == 1);
        CHECK(stuck[0].last_error.find("status 75") != std::string::npos);
        CHECK(stuck[0].attempts == 1);
        // Not due again before its back-off.
        CHECK(outbox::deliver_due_mail(*db, "portal@example.org", s.now + 10, via(good)) == 0);
        CHECK(outbox::deliver_due_mail(*db, "portal@example.org", s.now + 61, via(good)) == 1);
        CHECK(store::stuck_mail(*db, 10).empty());
        int files = 0;
        std::string message;
        for (const auto& e : std::filesystem::directory_iterator(dir))
            if (e.path().extension() == ".eml") {
                ++files;
                std::ifstream in(e.path());
                message.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            }
        CHECK(files == 1);
        CHECK(message.find("To: lea@example.org\r\n") != std::string::npos);
        CHECK(message.find("Subject: =?UTF-8?B?") != std::string::npos);
        CHECK(message.find("Content-Type: text/plain; charset=utf-8") != std::string::npos);
        CHECK(message.find("C'est réparé.\r\n") != std::string::npos);
        // A missing sendmail is an error, not a crash, and the mail waits.
        store::enqueue_mail(*db, "max@example.org", "x", "y", s.now);
        CHECK(outbox::deliver_due_mail(*db, "p@example.org", s.now, via("/nonexistent/sendmail -t")) == 0);
        CHECK(store::stuck_mail(*db, 10).size() == 1);
        // No header injection through a subject.
        store::OutgoingMail evil;
        evil.to = "a@example.org\r\nBcc: victim@example.org";
        evil.subject = "hi\r\nBcc: victim@example.org";
        auto composed = outbox::compose(evil, "p@example.org", s.now);
        CHECK(composed.find("\r\nBcc:") == std::string::npos);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("the data export holds every row about the member and nothing about others") {
        TestServer s;
        int64_t me = testing::make_member(s, "nina");
        int64_t other = testing::make_member(s, "omar");
        {
            auto db = s.app->db->acquire();
            auto svc = db->prepare("SELECT id FROM services ORDER BY id LIMIT 1");
            REQUIRE(svc.step());
            int64_t service = svc.i64(0);
            store::attach_service(*db, me, service, "nina@cloud", s.now);
            store::attach_service(*db, other, service, "omar@cloud", s.now);
            store::enqueue_mail(*db, "omar@example.org", "secret for omar", "body", s.now);
            store::enqueue_mail(*db, "nina@example.org", "hello nina", "body", s.now);
        }
        auto b = testing::login(s, "nina");
        testing::login(s, "omar");
        auto r = b.get("/account/export.json");
        REQUIRE(r);
        CHECK(r->status == 200);
        auto j = nlohmann::json::parse(r->body);
        CHECK(j["member"]["name"] == "nina");
        CHECK_FALSE(j["member"].contains("password_hash"));
        CHECK(j["tables"]["member_services"].size() == 1);
        CHECK(j["tables"]["member_services"][0]["identifier"] == "nina@cloud");
        CHECK(j["tables"]["sessions"].size() == 1);
        CHECK_FALSE(j["tables"]["sessions"][0].contains("token_hash"));
        CHECK(j["tables"]["outbox"].size() == 1);
        CHECK(r->body.find("omar") == std::string::npos);
    }

    TEST_CASE("deleting one's account needs the password; the member's rows go") {
        TestServer s;
        int64_t id = testing::make_member(s, "pia");
        auto b = testing::login(s, "pia");
        CHECK(b.post("/account/delete", {{"password", "wrong wrong wrong"}, {"confirm", "1"}}, "")->status == 403);
        CHECK(b.post("/account/delete", {{"password", "correct horse battery"}, {"confirm", "1"}}, "")->status == 303);
        auto db = s.app->db->acquire();
        CHECK_FALSE(store::find_member(*db, id).has_value());
        auto q = db->prepare("SELECT count(*) FROM sessions WHERE member_id = ?");
        q.bind(id);
        REQUIRE(q.step());
        CHECK(q.integer(0) == 0);
    }
}
