#include <doctest/doctest.h>

#include "http/router.h"
#include "store/members.h"
#include "store/settings.h"
#include "support/auth.h"

using namespace chatiere;
using testing::Browser;
using testing::TestServer;

namespace {
std::string status_of(const httplib::Result& r) { return r ? std::to_string(r->status) : "no answer"; }
}  // namespace

TEST_SUITE("accounts") {
    TEST_CASE("URLs × roles: who reaches what") {
        TestServer s;
        testing::make_member(s, "member1");
        Browser anon(s);
        auto member = testing::login(s, "member1");
        auto admin = testing::login_admin(s);

        struct Row {
            const char* path;
            int anonymous, member_status, admin_status;
        };
        // 303 = sent to /login; 403 = refused.
        const Row table[] = {
            {"/", 200, 200, 200},
            {"/login", 200, 303, 303},
            {"/account", 303, 200, 200},
            {"/account/profile", 303, 200, 200},
            {"/account/sessions", 303, 200, 200},
            {"/account/second-factor", 303, 200, 200},
            {"/account/export.json", 303, 200, 200},
            {"/admin", 303, 403, 200},
            {"/admin/members", 303, 403, 200},
            {"/admin/members/1", 303, 403, 200},
            {"/admin/audit", 303, 403, 200},
            {"/admin/mail", 303, 403, 200},
            {"/admin/subscriptions", 303, 403, 200},
            {"/admin/subscriptions.csv", 303, 403, 200},
            {"/status/subscribe", 200, 200, 200},
        };
        for (const auto& row : table) {
            INFO(row.path);
            CHECK(status_of(anon.get(row.path)) == std::to_string(row.anonymous));
            CHECK(status_of(member.get(row.path)) == std::to_string(row.member_status));
            CHECK(status_of(admin.get(row.path)) == std::to_string(row.admin_status));
        }
        // Every admin route in the route table refuses a member, whatever its method.
        for (const auto& route : http::route_table()) {
            if (route.role != http::Role::Admin) continue;
            std::string path = route.pattern;
            for (auto p = path.find(':'); p != std::string::npos; p = path.find(':')) {
                auto end = path.find('/', p);
                path.replace(p, end == std::string::npos ? std::string::npos : end - p, "1");
            }
            INFO(route.method << " " << route.pattern);
            auto r = route.method == "GET" ? member.get(path) : member.post(path, {}, "");
            REQUIRE(r);
            CHECK(r->status == 403);
        }
    }

    TEST_CASE("a member cannot change another member's data") {
        TestServer s;
        int64_t victim = testing::make_member(s, "victim");
        testing::make_member(s, "mallory");
        auto m = testing::login(s, "mallory");
        // Admin actions on someone else: refused.
        CHECK(m.post("/admin/members/" + std::to_string(victim) + "/suspend", {}, "")->status == 403);
        CHECK(m.post("/admin/members/" + std::to_string(victim) + "/make-admin", {}, "")->status == 403);
        // The member's own forms act on the session's member only: an id in the form is ignored.
        m.post("/account/profile", {{"id", std::to_string(victim)}, {"display_name", "pwned"}, {"email", "mallory@example.org"}}, "");
        auto db = s.app->db->acquire();
        auto v = store::find_member(*db, victim);
        CHECK(v->display_name == "victim");
        CHECK(v->status == domain::MemberStatus::Active);
        CHECK(v->role == domain::MemberRole::Member);
        // The export holds only the member's own rows.
        auto e = m.get("/account/export.json");
        CHECK(e->body.find("victim") == std::string::npos);
    }

    TEST_CASE("admins can be required to use a second factor") {
        TestServer s;
        auto admin = testing::login_admin(s);
        CHECK(admin.get("/admin/members")->status == 200);
        CHECK(admin.post("/admin/security", {{"admin_totp_required", "1"}}, "")->status == 303);
        auto r = admin.get("/admin/members");
        CHECK(r->status == 403);
        CHECK(r->body.find("deux étapes") != std::string::npos);
        CHECK(admin.get("/account/second-factor")->status == 200);  // where it is set up
    }

    TEST_CASE("the admin approves, suspends, reactivates, changes roles, attaches services; all audited") {
        TestServer s;
        int64_t id = testing::make_member(s, "quinn", "correct horse battery", false, "pending");
        auto admin = testing::login_admin(s);
        std::string base = "/admin/members/" + std::to_string(id);
        CHECK(admin.post(base + "/approve", {}, "")->status == 303);
        CHECK(admin.post(base + "/suspend", {}, "")->status == 303);
        CHECK(admin.post(base + "/reactivate", {}, "")->status == 303);
        CHECK(admin.post(base + "/make-admin", {}, "")->status == 303);
        CHECK(admin.post(base + "/make-member", {}, "")->status == 303);
        int64_t service;
        {
            auto db = s.app->db->acquire();
            auto q = db->prepare("SELECT id FROM services ORDER BY id LIMIT 1");
            REQUIRE(q.step());
            service = q.i64(0);
        }
        CHECK(admin.post(base + "/services", {{"service_id", std::to_string(service)}, {"identifier", "quinn@cloud"}}, "")
                  ->status == 303);
        auto page = admin.get(base);
        CHECK(page->body.find("quinn@cloud") != std::string::npos);
        auto q = testing::login(s, "quinn");
        CHECK(q.get("/account")->body.find("quinn@cloud") != std::string::npos);
        CHECK(admin.post(base + "/services/" + std::to_string(service) + "/detach", {}, "")->status == 303);
        CHECK(admin.post(base + "/delete", {{"confirm", "wrong"}}, "")->status == 422);
        CHECK(admin.post(base + "/delete", {{"confirm", "quinn"}}, "")->status == 303);
        auto audit = admin.get("/admin/audit");
        for (const char* action : {"member.approve", "member.suspend", "member.reactivate", "member.make-admin",
                                   "member.make-member", "member.attach_service", "member.detach_service",
                                   "member.delete"}) {
            INFO(action);
            CHECK(audit->body.find(action) != std::string::npos);
        }
        // An admin cannot suspend or demote themselves (no lock-out by mistake).
        int64_t self;
        {
            auto db = s.app->db->acquire();
            self = store::find_member_by_login(*db, "admin")->id;
        }
        CHECK(admin.post("/admin/members/" + std::to_string(self) + "/suspend", {}, "")->status == 409);
    }

    TEST_CASE("the member list pages and searches by prefix") {
        TestServer s;
        {
            auto db = s.app->db->acquire();
            db::Transaction tx(*db);
            for (int i = 0; i < 120; ++i) {
                store::Member m;
                m.name = "user" + std::to_string(1000 + i);
                m.email = m.name + "@example.org";
                m.status = domain::MemberStatus::Active;
                store::insert_member(*db, m, s.now);
            }
            tx.commit();
        }
        auto admin = testing::login_admin(s);
        auto first = admin.get("/admin/members");
        CHECK(first->body.find("rel=\"next\"") != std::string::npos);
        auto found = admin.get("/admin/members?q=user105");
        CHECK(found->body.find("user1050") != std::string::npos);
        CHECK(found->body.find("user1059") != std::string::npos);
        CHECK(found->body.find("user1060") == std::string::npos);
        auto by_mail = admin.get("/admin/members?q=USER1101%40");
        CHECK(by_mail->body.find("user1101@example.org") != std::string::npos);
    }
}

TEST_SUITE("accounts") {
    TEST_CASE("the member's space shows their services' status and open incidents") {
        TestServer s;
        int64_t id = testing::make_member(s, "rita");
        int64_t cloud;
        {
            auto db = s.app->db->acquire();
            auto q = db->prepare("SELECT id FROM services WHERE slug = 'cloud'");
            REQUIRE(q.step());
            cloud = q.i64(0);
            store::attach_service(*db, id, cloud, "rita", s.now);
        }
        auto b = testing::login(s, "rita");
        auto before = b.get("/account");
        REQUIRE(before->status == 200);
        CHECK(before->body.find("class=\"badge") != std::string::npos);
        CHECK(before->body.find("Le nuage est en panne") == std::string::npos);
        auto admin = testing::login_admin(s);
        admin.get("/admin/incidents/new");
        auto ok = admin.post_multipart("/admin/incidents/new",
                                       {{"kind", "incident", "", ""}, {"title", "Le nuage est en panne", "", ""},
                                        {"impact", "critical", "", ""}, {"state", "investigating", "", ""},
                                        {"effect_" + std::to_string(cloud), "major_outage", "", ""},
                                        {"body", "On regarde.", "", ""}, {"step", "publish", "", ""}});
        REQUIRE(ok);
        REQUIRE(ok->status == 303);
        auto opened = b.get("/account");
        CHECK(opened->body.find("Le nuage est en panne") != std::string::npos);
        CHECK(opened->body.find("/status/services/cloud") != std::string::npos);
    }
}
