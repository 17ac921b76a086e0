// Service requests and leaving (issue 18), through the real pages on a clock the test moves:
// a member asks, the admin approves (attaching them: their single sign-on groups gain the
// service), refuses with a mailed reason or asks a question the member answers; duplicates,
// closed registrations and forged forms are refused; "automatic for members in good standing";
// each admin's mail per request or daily digest; the departures to-do; the data export.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "actions/requests.h"
#include "ledger/entry.h"
#include "oidc/access.h"
#include "store/ledger.h"
#include "store/members.h"
#include "store/requests.h"
#include "store/services.h"
#include "store/settings.h"
#include "support/auth.h"
#include "support/test_server.h"

using namespace chatiere;
using chatiere::testing::Browser;
using chatiere::testing::TestServer;
using nlohmann::json;

namespace {

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

struct Mail {
    std::string subject, body;
};

std::vector<Mail> mails_to(TestServer& s, const std::string& to) {
    auto db = s.app->db->acquire();
    auto q = db->prepare("SELECT subject, body FROM outbox WHERE to_addr = ? ORDER BY id");
    q.bind(to);
    std::vector<Mail> out;
    while (q.step()) out.push_back({q.text(0), q.text(1)});
    return out;
}

int64_t count(TestServer& s, const std::string& sql) {
    auto db = s.app->db->acquire();
    auto q = db->prepare(sql);
    REQUIRE(q.step());
    return q.i64(0);
}

std::string text_of(TestServer& s, const std::string& sql) {
    auto db = s.app->db->acquire();
    auto q = db->prepare(sql);
    REQUIRE(q.step());
    return q.text(0);
}

// The newest request of a member, as the store reads it.
store::ServiceRequest last_request(TestServer& s, const std::string& member) {
    auto db = s.app->db->acquire();
    auto m = store::find_member_by_login(*db, member);
    REQUIRE(m);
    auto list = store::member_requests(*db, m->id, 1);
    REQUIRE(!list.empty());
    return list.front();
}

std::vector<std::string> groups(TestServer& s, const std::string& member) {
    auto db = s.app->db->acquire();
    auto m = store::find_member_by_login(*db, member);
    REQUIRE(m);
    return oidc::groups_of(*db, *m);
}

bool in(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

httplib::Params ask_fields(const std::string& message = "") {
    return {{"message", message}, {"accept_terms", "1"}};
}

std::string id_of(const store::ServiceRequest& r) { return std::to_string(r.id); }

// A membership fee recorded in the ledger, linked to the member.
void pay_fee(TestServer& s, const std::string& member, const std::string& date) {
    auto db = s.app->db->acquire();
    ledger::Draft d;
    d.date = date;
    d.kind = "membership_fee";
    d.amount = 1500;
    d.member_id = store::find_member_by_login(*db, member)->id;
    store::record_entry(*db, d, s.now, "test");
}

void set_mode(TestServer& s, const std::string& slug, const std::string& mode) {
    auto db = s.app->db->acquire();
    store::set_service_request_mode(*db, store::find_service_by_slug(*db, slug)->id, mode);
}

int run_digests(TestServer& s) {
    auto db = s.app->db->acquire();
    actions::Context c{*db, s.now, s.app->config, s.app->catalog, *s.app->time_zone(), {std::nullopt, ""}};
    return actions::send_request_digests(c);
}

}  // namespace

TEST_SUITE("service requests (issue 18)") {
    TEST_CASE("a member asks for the cloud; the admin approves: attached, the group in single sign-on, mailed, audited") {
        TestServer s;
        auto admin = testing::login_admin(s);
        testing::make_member(s, "nora");
        auto nora = testing::login(s, "nora");

        // The service's page and the member's space offer it.
        auto page = nora.get("/status/services/cloud");
        CHECK(has(page->body, "/services/cloud/request"));
        CHECK(has(nora.get("/account")->body, "/services/cloud/request"));
        auto form = nora.get("/services/cloud/request");
        REQUIRE(form->status == 200);
        CHECK(has(form->body, "name=\"accept_terms\""));
        CHECK(has(form->body, "name=\"message\""));

        // The terms must be accepted.
        auto no_terms = nora.post("/services/cloud/request", {{"message", "hello"}}, "");
        CHECK(no_terms->status == 422);
        CHECK(has(no_terms->body, "hello"));  // what was typed is kept
        CHECK(count(s, "SELECT count(*) FROM service_requests") == 0);

        auto sent = nora.post("/services/cloud/request", ask_fields("I would like nora.cloud, please."), "");
        REQUIRE(sent->status == 303);
        CHECK(sent->get_header_value("Location") == "/account/requests?done=asked");
        auto r = last_request(s, "nora");
        CHECK(r.state == "pending");
        CHECK(r.service_slug == "cloud");
        CHECK(r.terms_accepted);
        auto mine = nora.get("/account/requests");
        CHECK(has(mine->body, "Nuage"));
        CHECK(has(mine->body, "I would like nora.cloud, please."));
        // No second link while the request waits, and no duplicate.
        CHECK_FALSE(has(nora.get("/status/services/cloud")->body, "/services/cloud/request"));
        CHECK(nora.post("/services/cloud/request", ask_fields(), "")->status == 409);
        CHECK(count(s, "SELECT count(*) FROM service_requests") == 1);

        // The admin hears of it (one mail per request by default) and sees it in the queue.
        auto to_admin = mails_to(s, "admin@example.org");
        REQUIRE(to_admin.size() == 1);
        CHECK(has(to_admin[0].subject, "nora"));
        CHECK(has(to_admin[0].body, "/admin/requests/" + id_of(r)));
        CHECK(has(to_admin[0].body, "I would like nora.cloud"));
        CHECK(has(admin.get("/admin")->body, "/admin/requests"));
        auto queue = admin.get("/admin/requests");
        REQUIRE(queue->status == 200);
        CHECK(has(queue->body, "nora"));
        CHECK(admin.get("/admin/requests/" + id_of(r))->status == 200);
        CHECK(admin.get("/admin/requests/999999")->status == 404);

        // Approving without an identifier is refused; with one, the member is attached.
        CHECK(admin.post("/admin/requests/" + id_of(r) + "/approve", {{"identifier", "  "}}, "")->status == 422);
        CHECK_FALSE(in(groups(s, "nora"), "cloud"));
        auto ok = admin.post("/admin/requests/" + id_of(r) + "/approve", {{"identifier", "nora.cloud"}}, "");
        REQUIRE(ok->status == 303);
        r = last_request(s, "nora");
        CHECK(r.state == "approved");
        CHECK(r.identifier == "nora.cloud");
        CHECK(r.decided_at == s.now);
        CHECK(in(groups(s, "nora"), "cloud"));
        CHECK(text_of(s, "SELECT identifier FROM member_services JOIN services ON services.id = service_id "
                      "WHERE slug = 'cloud' AND member_id = " + std::to_string(r.member_id)) == "nora.cloud");
        CHECK(count(s, "SELECT count(*) FROM audit_log WHERE action = 'request.approve' AND target = 'request:" +
                           id_of(r) + "'") == 1);
        auto to_nora = mails_to(s, "nora@example.org");
        REQUIRE(to_nora.size() == 1);
        CHECK(has(to_nora[0].body, "nora.cloud"));
        // Decided once only.
        CHECK(admin.post("/admin/requests/" + id_of(r) + "/approve", {{"identifier", "other"}}, "")->status == 409);
        CHECK(admin.post("/admin/requests/" + id_of(r) + "/refuse", {{"reason", "late"}}, "")->status == 409);
        // The member sees it approved, with the identifier, and is not offered it again.
        CHECK(has(nora.get("/account/requests")->body, "nora.cloud"));
        CHECK_FALSE(has(nora.get("/status/services/cloud")->body, "/services/cloud/request"));
        CHECK(nora.get("/services/cloud/request")->status == 409);
    }

    TEST_CASE("refusal mails the reason; a question and the member's answer; nobody sees another's request") {
        TestServer s;
        auto admin = testing::login_admin(s);
        testing::make_member(s, "nora");
        testing::make_member(s, "omar");
        auto nora = testing::login(s, "nora");
        REQUIRE(nora.post("/services/discussion/request", ask_fields(), "")->status == 303);
        auto r = last_request(s, "nora");
        std::string base = "/admin/requests/" + id_of(r);

        CHECK(admin.post(base + "/question", {{"question", ""}}, "")->status == 422);
        REQUIRE(admin.post(base + "/question", {{"question", "Which team do you belong to?"}}, "")->status == 303);
        CHECK(last_request(s, "nora").state == "question");
        auto mails = mails_to(s, "nora@example.org");
        REQUIRE(mails.size() == 1);
        CHECK(has(mails[0].body, "Which team do you belong to?"));
        CHECK(has(mails[0].body, "/account/requests"));
        auto mine = nora.get("/account/requests");
        CHECK(has(mine->body, "Which team do you belong to?"));
        CHECK(has(mine->body, "/account/requests/" + id_of(r) + "/reply"));

        // Another member can neither read nor answer it.
        auto omar = testing::login(s, "omar");
        CHECK(omar.get("/account/requests/" + id_of(r))->status == 404);
        CHECK(omar.post("/account/requests/" + id_of(r) + "/reply", {{"message", "me!"}}, "")->status == 404);
        CHECK_FALSE(has(omar.get("/account/requests")->body, "Which team"));
        CHECK(nora.get("/account/requests/" + id_of(r))->status == 200);
        CHECK(nora.get("/account/requests/abc")->status == 404);

        size_t admin_mails = mails_to(s, "admin@example.org").size();
        CHECK(nora.post("/account/requests/" + id_of(r) + "/reply", {{"message", " "}}, "")->status == 422);
        REQUIRE(nora.post("/account/requests/" + id_of(r) + "/reply", {{"message", "The garden team."}}, "")->status == 303);
        CHECK(last_request(s, "nora").state == "pending");
        CHECK(mails_to(s, "admin@example.org").size() == admin_mails + 1);  // the answer, to the admin
        CHECK(has(admin.get(base)->body, "The garden team."));
        // Answered: no second answer until the next question.
        CHECK(nora.post("/account/requests/" + id_of(r) + "/reply", {{"message", "again"}}, "")->status == 409);

        CHECK(admin.post(base + "/refuse", {{"reason", ""}}, "")->status == 422);
        REQUIRE(admin.post(base + "/refuse", {{"reason", "The garden team has its own chat."}}, "")->status == 303);
        r = last_request(s, "nora");
        CHECK(r.state == "refused");
        mails = mails_to(s, "nora@example.org");
        REQUIRE(mails.size() == 2);
        CHECK(has(mails[1].body, "The garden team has its own chat."));
        CHECK(count(s, "SELECT count(*) FROM audit_log WHERE action = 'request.refuse'") == 1);
        CHECK_FALSE(in(groups(s, "nora"), "discussion"));
        CHECK(has(nora.get("/account/requests")->body, "The garden team has its own chat."));
        // Refused: the member may ask again, and withdraw it; nobody else may.
        CHECK(nora.post("/services/discussion/request", ask_fields(), "")->status == 303);
        auto again = last_request(s, "nora");
        CHECK(omar.post("/account/requests/" + id_of(again) + "/cancel", {}, "")->status == 404);
        CHECK(last_request(s, "nora").state == "pending");
        REQUIRE(nora.post("/account/requests/" + id_of(again) + "/cancel", {}, "")->status == 303);
        CHECK(last_request(s, "nora").state == "cancelled");
        CHECK(nora.post("/account/requests/" + id_of(again) + "/cancel", {}, "")->status == 409);
        CHECK(admin.post("/admin/requests/" + id_of(again) + "/approve", {{"identifier", "nora"}}, "")->status == 409);
        CHECK(count(s, "SELECT count(*) FROM audit_log WHERE action = 'request.cancel'") == 1);
        CHECK(has(admin.get("/admin/requests?state=cancelled")->body, ">nora<"));
    }

    TEST_CASE("refused: a service not open to requests, an unknown one, a form without its token") {
        TestServer s;
        testing::make_member(s, "nora");
        auto nora = testing::login(s, "nora");
        // The pad's registration is None.
        CHECK_FALSE(has(nora.get("/status/services/pad")->body, "/services/pad/request"));
        CHECK(nora.get("/services/pad/request")->status == 403);
        CHECK(nora.post("/services/pad/request", ask_fields(), "")->status == 403);
        CHECK(nora.get("/services/nope/request")->status == 404);
        CHECK(nora.post("/services/nope/request", ask_fields(), "")->status == 404);
        // Full: no new accounts.
        CHECK(nora.post("/services/videos/request", ask_fields(), "")->status == 409);
        // A forged form: no token.
        CHECK(nora.post_raw("/services/cloud/request", ask_fields())->status == 403);
        CHECK(count(s, "SELECT count(*) FROM service_requests") == 0);
        // A visitor is sent to log in first; the public page shows them the way.
        CHECK(has(s.client().Get("/status/services/cloud")->body, "/services/cloud/request"));
        auto anon = s.client().Get("/services/cloud/request");
        CHECK(anon->status == 303);
        CHECK(has(anon->get_header_value("Location"), "/login?next="));
        // Members' mail service is for members: a visitor does not see it at all.
        CHECK(s.client().Get("/status/services/mail")->status == 404);
    }

    TEST_CASE("automatic for members in good standing: at once with a fee, otherwise the queue; membership off: at once") {
        TestServer s;
        set_mode(s, "cloud", "automatic");
        for (const char* name : {"paula", "quentin", "rita", "sam"}) testing::make_member(s, name);
        pay_fee(s, "paula", "2025-11-01");  // the clock is 2025-11-24
        pay_fee(s, "rita", "2023-06-01");   // lapsed long ago

        auto paula = testing::login(s, "paula");
        CHECK(has(paula.get("/services/cloud/request")->body, "dès votre demande"));  // told it is at once
        CHECK_FALSE(has(testing::login(s, "quentin").get("/services/cloud/request")->body, "dès votre demande"));
        auto at_once = paula.post("/services/cloud/request", ask_fields(), "");
        REQUIRE(at_once->status == 303);
        CHECK(at_once->get_header_value("Location") == "/account/requests?done=approved");
        auto r = last_request(s, "paula");
        CHECK(r.state == "approved");
        CHECK(r.automatic);
        CHECK(r.identifier == "paula");
        CHECK(in(groups(s, "paula"), "cloud"));
        CHECK(has(mails_to(s, "paula@example.org").at(0).body, "paula"));

        for (const char* name : {"quentin", "rita"}) {
            INFO(name);
            auto b = testing::login(s, name);
            REQUIRE(b.post("/services/cloud/request", ask_fields(), "")->status == 303);
            CHECK(last_request(s, name).state == "pending");
            CHECK_FALSE(in(groups(s, name), "cloud"));
        }
        // A service left on approval keeps paula waiting too.
        REQUIRE(paula.post("/services/discussion/request", ask_fields(), "")->status == 303);
        CHECK(last_request(s, "paula").state == "pending");

        // Membership turned off: nothing to stand on, so the service's rule lets everyone in.
        {
            auto db = s.app->db->acquire();
            store::put_setting(*db, "membership.enabled", "0", s.now);
        }
        auto sam = testing::login(s, "sam");
        REQUIRE(sam.post("/services/cloud/request", ask_fields(), "")->status == 303);
        CHECK(last_request(s, "sam").state == "approved");
        CHECK(in(groups(s, "sam"), "cloud"));
    }

    TEST_CASE("the service form sets the request mode") {
        TestServer s;
        auto admin = testing::login_admin(s);
        auto db_id = [&] {
            auto db = s.app->db->acquire();
            return store::find_service_by_slug(*db, "cloud")->id;
        }();
        auto form = admin.get("/admin/services/" + std::to_string(db_id));
        REQUIRE(form->status == 200);
        CHECK(has(form->body, "name=\"request_mode\""));
        // Posting the form back as it is, with the mode changed.
        httplib::Params fields;
        for (const char* f : {"slug", "name", "registration", "registration_load", "position", "visibility",
                              "admin_state", "host_provider_type", "software_name"}) {
            std::string col = f;
            fields.emplace(f, text_of(s, "SELECT " + col + " FROM services WHERE slug = 'cloud'"));
        }
        fields.emplace("request_mode", "automatic");
        REQUIRE(admin.post("/admin/services/" + std::to_string(db_id), fields, "")->status == 303);
        CHECK(text_of(s, "SELECT request_mode FROM services WHERE slug = 'cloud'") == "automatic");
        fields.erase("request_mode");
        fields.emplace("request_mode", "anything");
        REQUIRE(admin.post("/admin/services/" + std::to_string(db_id), fields, "")->status == 303);
        CHECK(text_of(s, "SELECT request_mode FROM services WHERE slug = 'cloud'") == "approval");
    }

    TEST_CASE("admins choose: one mail per request, or a daily digest in their language") {
        TestServer s;
        auto ada = testing::login_admin(s, "ada");
        auto bert = testing::login_admin(s, "bert");
        {
            auto db = s.app->db->acquire();
            auto m = *store::find_member_by_login(*db, "bert");
            m.locale = "en";
            store::update_member_profile(*db, m, s.now);
        }
        CHECK(has(bert.get("/admin/requests")->body, "name=\"notify\""));
        CHECK(bert.post("/admin/requests/notifications", {{"notify", "weekly"}}, "")->status == 422);
        REQUIRE(bert.post("/admin/requests/notifications", {{"notify", "digest"}}, "")->status == 303);
        CHECK(text_of(s, "SELECT request_notify FROM members WHERE name = 'bert'") == "digest");

        for (const char* name : {"nora", "omar"}) {
            testing::make_member(s, name);
            auto b = testing::login(s, name);
            REQUIRE(b.post("/services/cloud/request", ask_fields(), "")->status == 303);
        }
        CHECK(mails_to(s, "ada@example.org").size() == 2);  // one per request
        CHECK(mails_to(s, "bert@example.org").empty());

        CHECK(run_digests(s) == 0);  // chosen today: the first digest is tomorrow's
        s.now += 86400;
        CHECK(run_digests(s) == 1);
        auto digest = mails_to(s, "bert@example.org");
        REQUIRE(digest.size() == 1);
        CHECK(has(digest[0].subject, "requests for accounts"));  // English, bert's language
        CHECK(has(digest[0].body, "nora"));
        CHECK(has(digest[0].body, "omar"));
        CHECK(has(digest[0].body, "/admin/requests"));
        CHECK(mails_to(s, "ada@example.org").size() == 2);  // ada gets no digest
        CHECK(run_digests(s) == 0);  // once a day
        s.now += 86400;
        CHECK(run_digests(s) == 0);  // nothing new: no mail
        testing::make_member(s, "pia");
        auto pia = testing::login(s, "pia");
        REQUIRE(pia.post("/services/discussion/request", ask_fields(), "")->status == 303);
        s.now += 86400;
        CHECK(run_digests(s) == 1);
        digest = mails_to(s, "bert@example.org");
        REQUIRE(digest.size() == 2);
        CHECK(has(digest[1].body, "pia"));
        CHECK_FALSE(has(digest[1].body, "nora"));  // only what is new
        (void)ada;
    }

    TEST_CASE("leaving: the admins get the services and identifiers to close, nothing else; an admin closes each") {
        TestServer s;
        auto admin = testing::login_admin(s);
        int64_t vera = testing::make_member(s, "vera", "correct horse battery", false, "active", "vera.secret@example.org");
        {
            auto db = s.app->db->acquire();
            store::attach_service(*db, vera, store::find_service_by_slug(*db, "cloud")->id, "vera.nuage", s.now);
            store::attach_service(*db, vera, store::find_service_by_slug(*db, "discussion")->id, "", s.now);
        }
        auto v = testing::login(s, "vera");
        REQUIRE(v.post("/services/videos/request", ask_fields(), "")->status == 409);  // full; nothing left behind
        REQUIRE(v.post("/account/delete", {{"password", "correct horse battery"}, {"confirm", "1"}}, "")->status == 303);

        // Only the service's name and the identifier: no link to the person, no address, no id.
        {
            auto db = s.app->db->acquire();
            auto q = db->prepare("SELECT group_concat(name, ',') FROM pragma_table_info('departures')");
            REQUIRE(q.step());
            CHECK(q.text(0) == "id,service_name,identifier,closed_at,closed_by");
        }
        CHECK(count(s, "SELECT count(*) FROM departures") == 2);
        CHECK(count(s, "SELECT count(*) FROM departures WHERE service_name = 'Nuage' AND identifier = 'vera.nuage'") == 1);
        // No identifier was recorded for the chat: the log-in name is what the service knows.
        CHECK(count(s, "SELECT count(*) FROM departures WHERE service_name = 'Discussion' AND identifier = 'vera'") == 1);
        CHECK(count(s, "SELECT count(*) FROM departures WHERE service_name LIKE '%secret%' OR identifier LIKE '%secret%'") == 0);

        auto page = admin.get("/admin/departures");
        REQUIRE(page->status == 200);
        CHECK(has(page->body, "vera.nuage"));
        CHECK(has(admin.get("/admin")->body, "/admin/departures"));
        int64_t id = count(s, "SELECT id FROM departures WHERE identifier = 'vera.nuage'");
        REQUIRE(admin.post("/admin/departures/" + std::to_string(id) + "/closed", {}, "")->status == 303);
        CHECK(text_of(s, "SELECT identifier FROM departures WHERE id = " + std::to_string(id)).empty());
        CHECK(text_of(s, "SELECT closed_by FROM departures WHERE id = " + std::to_string(id)) == "admin");
        CHECK(count(s, "SELECT count(*) FROM audit_log WHERE action = 'departure.closed' AND details = 'Nuage'") == 1);
        CHECK(count(s, "SELECT count(*) FROM audit_log WHERE action = 'departure.closed' AND details LIKE '%vera%'") == 0);
        CHECK_FALSE(has(admin.get("/admin/departures")->body, "vera.nuage"));
        CHECK(admin.post("/admin/departures/" + std::to_string(id) + "/closed", {}, "")->status == 409);
        CHECK(admin.post("/admin/departures/999999/closed", {}, "")->status == 404);
        // Forged: no token.
        int64_t other = count(s, "SELECT id FROM departures WHERE closed_at IS NULL");
        CHECK(admin.post_raw("/admin/departures/" + std::to_string(other) + "/closed", {})->status == 403);
        CHECK(count(s, "SELECT count(*) FROM departures WHERE closed_at IS NULL") == 1);
    }

    TEST_CASE("an admin deleting a member leaves the same to-do") {
        TestServer s;
        auto admin = testing::login_admin(s);
        int64_t id = testing::make_member(s, "wes");
        {
            auto db = s.app->db->acquire();
            store::attach_service(*db, id, store::find_service_by_slug(*db, "cloud")->id, "wes.cloud", s.now);
        }
        REQUIRE(admin.post("/admin/members/" + std::to_string(id) + "/delete", {{"confirm", "wes"}}, "")->status == 303);
        CHECK(count(s, "SELECT count(*) FROM departures WHERE identifier = 'wes.cloud' AND service_name = 'Nuage'") == 1);
    }

    TEST_CASE("the data export holds the member's requests and what was said, and no one else's") {
        TestServer s;
        auto admin = testing::login_admin(s);
        testing::make_member(s, "nora");
        testing::make_member(s, "omar");
        auto nora = testing::login(s, "nora");
        auto omar = testing::login(s, "omar");
        REQUIRE(nora.post("/services/cloud/request", ask_fields("for my photos"), "")->status == 303);
        REQUIRE(omar.post("/services/discussion/request", ask_fields("omar's secret plan"), "")->status == 303);
        auto r = last_request(s, "nora");
        REQUIRE(admin.post("/admin/requests/" + id_of(r) + "/question", {{"question", "How many photos?"}}, "")->status == 303);
        auto e = nora.get("/account/export.json");
        REQUIRE(e->status == 200);
        auto data = json::parse(e->body);
        REQUIRE(data["service_requests"].size() == 1);
        CHECK(data["service_requests"][0]["service"] == "cloud");
        CHECK(data["service_requests"][0]["state"] == "question");
        REQUIRE(data["service_requests"][0]["notes"].size() == 2);
        CHECK(data["service_requests"][0]["notes"][0]["body"] == "for my photos");
        CHECK(data["service_requests"][0]["notes"][1]["body"] == "How many photos?");
        CHECK_FALSE(has(e->body, "secret plan"));
    }

    TEST_CASE("the queue: waiting first, newest first, a page at a time, by state") {
        TestServer s;
        auto admin = testing::login_admin(s);
        {
            auto db = s.app->db->acquire();
            int64_t cloud = store::find_service_by_slug(*db, "cloud")->id;
            for (int i = 0; i < 60; ++i) {
                store::Member m;
                m.name = "q" + std::to_string(i);
                m.email = m.name + "@example.org";
                m.status = domain::MemberStatus::Active;
                int64_t id = store::insert_member(*db, m, s.now);
                int64_t r = store::insert_request(*db, id, cloud, true, s.now);
                if (i % 3 == 0) store::move_request(*db, r, {"pending"}, "approved", s.now, m.name);
            }
        }
        auto first = admin.get("/admin/requests");
        REQUIRE(first->status == 200);
        // The newest waiting request (q59 is approved; q58 waits) comes first, decided ones last.
        CHECK(has(first->body, ">q58<"));
        CHECK(first->body.find(">q58<") < first->body.find(">q57<"));  // q57 is approved: after the waiting ones
        auto next = first->body.find("/admin/requests?after=");
        REQUIRE(next != std::string::npos);
        std::string link = first->body.substr(next, first->body.find('"', next) - next);
        auto second = admin.get(link);
        REQUIRE(second->status == 200);
        CHECK(has(second->body, ">q0<"));  // approved, among the last
        CHECK_FALSE(has(second->body, ">q58<"));
        auto approved = admin.get("/admin/requests?state=approved");
        CHECK(has(approved->body, ">q0<"));
        CHECK_FALSE(has(approved->body, ">q58<"));
        CHECK(admin.get("/admin/requests?state=bogus")->status == 200);  // all, as without a filter
    }
}
