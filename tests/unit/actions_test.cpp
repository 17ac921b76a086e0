// The actions called directly, as the command line does (issue 16): no request anywhere.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "actions/incidents.h"
#include "actions/ledger.h"
#include "actions/members.h"
#include "actions/settings.h"
#include "app.h"
#include "db/migrations.h"
#include "demo/demo.h"
#include "domain/incident.h"
#include "store/incidents.h"
#include "store/ledger.h"
#include "store/members.h"
#include "store/sessions.h"
#include "store/services.h"
#include "store/settings.h"
#include "store/webhooks.h"
#include "support/test_server.h"

using namespace chatiere;

namespace {

// A demo portal's database, its catalogue and configuration, and one webhook listening.
struct Portal {
    testing::TempDb tmp;
    std::unique_ptr<App> app;
    std::optional<db::Pool::Lease> lease;
    int64_t now = 1764000000;
    Portal() {
        Config cfg;
        cfg.db = tmp.path;
        cfg.base_url = "https://chaton.example/portail/";
        app = make_app(cfg);
        lease.emplace(app->db->acquire());
        demo::seed_demo(db(), *app->time_zone(), now);
        store::create_webhook(db(), "https://hooks.example/in", "s3cret", now);
    }
    db::Database& db() { return **lease; }
    actions::Context ctx() { return {db(), now, app->config, app->catalog, *app->time_zone(), {std::nullopt, "cli:test"}}; }
    int64_t count(const std::string& sql) {
        auto q = db().prepare(sql);
        REQUIRE(q.step());
        return q.i64(0);
    }
    std::string text(const std::string& sql) {
        auto q = db().prepare(sql);
        REQUIRE(q.step());
        return q.text(0);
    }
    int64_t service(const std::string& slug) { return store::find_service_by_slug(db(), slug)->id; }
    // Everything an action may write, to check that a refusal wrote nothing.
    std::string snapshot() {
        return text("SELECT (SELECT count(*) FROM incidents) || '/' || (SELECT count(*) FROM incident_updates) || '/' || "
                    "(SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM outbox) || '/' || "
                    "(SELECT count(*) FROM webhook_deliveries) || '/' || "
                    "(SELECT group_concat(state || effect) FROM incidents JOIN incident_services ON incident_id = id) || "
                    "'/' || (SELECT coalesce(group_concat(postmortem), '') FROM incidents)");
    }
    // Members who receive the mail about these services.
    int64_t recipients(const std::vector<int64_t>& services) {
        return static_cast<int64_t>(store::incident_recipients(db(), services).size());
    }
};

actions::IncidentInput outage(Portal& p) {
    actions::IncidentInput in;
    in.title = "Mail is slow";
    in.impact = "major";
    in.state = "investigating";
    in.body = "We are looking into it.";
    in.services = {{p.service("mail"), "degraded"}, {p.service("cloud"), "major_outage"}};
    return in;
}

}  // namespace

TEST_SUITE("actions (issue 16)") {
    TEST_CASE("open_incident writes the incident, its audit line, the members' mail and the webhooks") {
        Portal p;
        int64_t mails = p.count("SELECT count(*) FROM outbox");
        int64_t expected = p.recipients({p.service("mail"), p.service("cloud")});
        REQUIRE(expected > 0);
        auto opened = actions::open_incident(p.ctx(), outage(p));
        REQUIRE(opened.errors.empty());
        auto i = store::find_incident(p.db(), opened.id);
        REQUIRE(i);
        CHECK(i->kind == domain::IncidentKind::Incident);
        CHECK(i->title == "Mail is slow");
        CHECK(i->impact == domain::Impact::Major);
        CHECK(i->state == domain::IncidentState::Investigating);
        CHECK(i->services.size() == 2);
        CHECK(p.text("SELECT actor || '|' || action || '|' || target || '|' || details FROM audit_log ORDER BY id DESC") ==
              "cli:test|incident.open|incident:" + std::to_string(opened.id) + "|Mail is slow");
        CHECK(p.count("SELECT count(*) FROM outbox") == mails + expected);
        CHECK(p.count("SELECT count(*) FROM outbox WHERE subject LIKE '%Mail is slow%' AND body LIKE "
                      "'%https://chaton.example/portail/status/incidents/" +
                      std::to_string(opened.id) + "%'") == expected);
        CHECK(p.count("SELECT count(*) FROM webhook_deliveries") == 1);
        auto payload = nlohmann::json::parse(p.text("SELECT payload FROM webhook_deliveries"));
        CHECK(payload["event"] == "incident.opened");
        CHECK(payload["incident"]["id"] == std::to_string(opened.id));
        CHECK(payload["incident"]["shortlink"] == "https://chaton.example/portail/status/incidents/" + std::to_string(opened.id));
        CHECK(payload["page"]["id"] == "chaton.example");
    }

    TEST_CASE("open_incident refuses bad input field by field and writes nothing") {
        Portal p;
        std::string before = p.snapshot();
        auto refused = [&](actions::IncidentInput in, const std::string& field, const std::string& key) {
            auto r = actions::open_incident(p.ctx(), in);
            CHECK(r.id == 0);
            REQUIRE(r.errors.count(field));
            CHECK(r.errors.at(field) == key);
            CHECK(p.snapshot() == before);
        };
        auto in = outage(p);
        in.title = "";
        refused(in, "title", "status.error.required");
        in = outage(p);
        in.title = std::string(201, 'x');
        refused(in, "title", "status.error.too_long");
        in = outage(p);
        in.impact = "huge";
        refused(in, "impact", "status.error.choice");
        in = outage(p);
        in.state = "resolved";  // an incident is not opened closed
        refused(in, "state", "status.error.choice");
        in = outage(p);
        in.state = "scheduled";  // a maintenance's state
        refused(in, "state", "status.error.choice");
        in = outage(p);
        in.services = {{p.service("mail"), "broken"}};
        refused(in, "services", "status.error.choice");
        in = outage(p);
        in.services.clear();  // nothing goes out empty…
        refused(in, "services", "front.incident.no_service_chosen");
        in.touches_no_service = true;  // …unless the author said so
        CHECK(actions::open_incident(p.ctx(), in).errors.empty());
    }

    TEST_CASE("a maintenance: its window is checked, it is scheduled, audited and announced") {
        Portal p;
        actions::IncidentInput in;
        in.kind = domain::IncidentKind::Maintenance;
        in.title = "Cloud upgrade";
        in.impact = "";  // ignored for a maintenance
        in.state = "";
        in.services = {{p.service("cloud"), "major_outage"}};
        in.scheduled_start = p.now + 86400;
        in.scheduled_end = p.now + 3600;
        std::string before = p.snapshot();
        auto r = actions::open_incident(p.ctx(), in);
        CHECK(r.errors.at("window_end") == "status.error.window");
        in.scheduled_end.reset();
        CHECK(actions::open_incident(p.ctx(), in).errors.at("window_end") == "status.error.datetime");
        in.scheduled_end = p.now + 86400 + 7200;
        in.services.clear();
        CHECK(actions::open_incident(p.ctx(), in).errors.at("services") == "status.error.no_service");
        CHECK(p.snapshot() == before);
        in.services = {{p.service("cloud"), "major_outage"}};
        int64_t mails = p.count("SELECT count(*) FROM outbox");
        r = actions::open_incident(p.ctx(), in);
        REQUIRE(r.errors.empty());
        auto i = store::find_incident(p.db(), r.id);
        CHECK(i->kind == domain::IncidentKind::Maintenance);
        CHECK(i->state == domain::IncidentState::Scheduled);
        CHECK(i->impact == domain::Impact::None);
        CHECK(i->scheduled_start == p.now + 86400);
        CHECK(i->scheduled_end == p.now + 86400 + 7200);
        CHECK(p.text("SELECT action FROM audit_log ORDER BY id DESC") == "maintenance.schedule");
        CHECK(p.count("SELECT count(*) FROM outbox") == mails + p.recipients({p.service("cloud")}));
        CHECK(nlohmann::json::parse(p.text("SELECT payload FROM webhook_deliveries"))["event"] ==
              "maintenance.scheduled");
    }

    TEST_CASE("update_incident and resolve_incident: transitions, effects, audit, mail on resolution, webhooks") {
        Portal p;
        auto opened = actions::open_incident(p.ctx(), outage(p));
        REQUIRE(opened.errors.empty());
        int64_t id = opened.id;
        int64_t mails = p.count("SELECT count(*) FROM outbox");
        std::string before = p.snapshot();

        actions::UpdateInput u;
        u.state = "identified";
        CHECK(actions::update_incident(p.ctx(), id, u) == "front.incident.update_body_needed");
        u.body = std::string(20001, 'x');
        CHECK(actions::update_incident(p.ctx(), id, u) == "status.error.too_long");
        u.body = "Found it.";
        u.effects = {{p.service("mail"), "sideways"}};
        CHECK(actions::update_incident(p.ctx(), id, u) == "status.error.choice");
        u.effects.clear();
        u.state = "scheduled";
        CHECK(actions::update_incident(p.ctx(), id, u) == "status.error.transition");
        CHECK(actions::update_incident(p.ctx(), id + 1000, u) == "status.api.not_found");
        CHECK(p.snapshot() == before);

        u.state = "identified";
        u.effects = {{p.service("mail"), "operational"}};
        CHECK(actions::update_incident(p.ctx(), id, u) == "");
        auto i = store::find_incident(p.db(), id);
        CHECK(i->state == domain::IncidentState::Identified);
        for (const auto& s : i->services)
            if (s.slug == "mail") CHECK(s.effect == "operational");
        CHECK(p.text("SELECT action || '|' || details FROM audit_log ORDER BY id DESC") == "incident.update|identified");
        CHECK(p.count("SELECT count(*) FROM outbox") == mails);  // updates do not mail, resolutions do
        CHECK(nlohmann::json::parse(p.text("SELECT payload FROM webhook_deliveries ORDER BY id DESC"))["event"] ==
              "incident.updated");

        u.state = "investigating";  // never back
        CHECK(actions::update_incident(p.ctx(), id, u) == "status.error.transition");
        u.state.reset();  // no state: the stored one stays
        u.effects.clear();
        CHECK(actions::update_incident(p.ctx(), id, u) == "");
        CHECK(store::find_incident(p.db(), id)->state == domain::IncidentState::Identified);

        CHECK(actions::resolve_incident(p.ctx(), id, "") == "");
        i = store::find_incident(p.db(), id);
        CHECK(i->state == domain::IncidentState::Resolved);
        CHECK(i->resolved_at);
        CHECK(p.text("SELECT actor || '|' || action || '|' || details FROM audit_log ORDER BY id DESC") ==
              "cli:test|incident.resolve|resolved");
        CHECK(p.count("SELECT count(*) FROM outbox") == mails + p.recipients({p.service("mail"), p.service("cloud")}));
        CHECK(nlohmann::json::parse(p.text("SELECT payload FROM webhook_deliveries ORDER BY id DESC"))["event"] ==
              "incident.resolved");

        before = p.snapshot();
        CHECK(actions::resolve_incident(p.ctx(), id, "again") == "status.error.closed");
        u.state = "resolved";
        CHECK(actions::update_incident(p.ctx(), id, u) == "status.error.closed");
        CHECK(p.snapshot() == before);
        CHECK(actions::save_postmortem(p.ctx(), id, std::string(50001, 'x')) == "status.error.too_long");
        CHECK(p.snapshot() == before);
        CHECK(actions::save_postmortem(p.ctx(), id, "What we learnt.") == "");
        CHECK(p.text("SELECT action FROM audit_log ORDER BY id DESC") == "incident.postmortem");
    }

    TEST_CASE("a maintenance takes no per-service effects in its updates and completes when resolved") {
        Portal p;
        actions::IncidentInput in;
        in.kind = domain::IncidentKind::Maintenance;
        in.title = "Cloud upgrade";
        in.services = {{p.service("cloud"), "major_outage"}};
        in.scheduled_start = p.now + 86400;
        in.scheduled_end = p.now + 90000;
        auto r = actions::open_incident(p.ctx(), in);
        REQUIRE(r.errors.empty());
        CHECK(actions::save_postmortem(p.ctx(), r.id, "too early") == "status.error.transition");
        actions::UpdateInput u{std::string("in_progress"), "Starting now.", {{p.service("cloud"), "degraded"}}};
        CHECK(actions::update_incident(p.ctx(), r.id, u) == "status.error.choice");
        u.effects.clear();
        CHECK(actions::update_incident(p.ctx(), r.id, u) == "");
        CHECK(actions::resolve_incident(p.ctx(), r.id, "Done.") == "");
        CHECK(store::find_incident(p.db(), r.id)->state == domain::IncidentState::Completed);
        CHECK(nlohmann::json::parse(p.text("SELECT payload FROM webhook_deliveries ORDER BY id DESC"))["event"] ==
              "maintenance.completed");
    }

    TEST_CASE("the typed incident values parse and format each other") {
        using namespace domain;
        for (auto k : {IncidentKind::Incident, IncidentKind::Maintenance}) CHECK(parse_incident_kind(to_string(k)) == k);
        for (auto s : {IncidentState::Investigating, IncidentState::Identified, IncidentState::Monitoring,
                       IncidentState::Resolved, IncidentState::Scheduled, IncidentState::InProgress,
                       IncidentState::Completed})
            CHECK(parse_incident_state(to_string(s)) == s);
        for (auto i : {Impact::None, Impact::Minor, Impact::Major, Impact::Critical}) CHECK(parse_impact(to_string(i)) == i);
        CHECK(to_string(IncidentState::InProgress) == "in_progress");
        CHECK_FALSE(parse_incident_state("Resolved"));
        CHECK_FALSE(parse_impact(""));
        CHECK_FALSE(parse_incident_kind("outage"));
        for (auto r : {ledger::BreakReason::Hash, ledger::BreakReason::PrevHash})
            CHECK(ledger::parse_break_reason(ledger::to_string(r)) == r);
    }

    TEST_CASE("the incident store parses its text values; an unknown one names the row") {
        Portal p;
        auto opened = actions::open_incident(p.ctx(), outage(p));
        REQUIRE(opened.errors.empty());
        p.db().prepare("UPDATE incident_updates SET state = 'lost' WHERE incident_id = ?").bind(opened.id).run();
        int64_t update_id = p.count("SELECT max(id) FROM incident_updates");
        try {
            store::incident_updates(p.db(), opened.id);
            FAIL("no error");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()) ==
                  "incident_updates row " + std::to_string(update_id) + ": unknown state 'lost'");
        }
        CHECK(store::find_incident(p.db(), opened.id)->state == domain::IncidentState::Investigating);
    }
}

TEST_SUITE("ledger verify (issue 16)") {
    TEST_CASE("one verdict: the chain, then the published head") {
        Portal p;
        auto v = actions::verify_ledger(p.db());
        REQUIRE(v.intact());
        CHECK(v.checked > 10);
        CHECK(v.head == store::last_entry(p.db())->hash);
        // A published head whose entry was removed with the whole tail after it: the chain
        // itself still holds, the published head tells.
        auto head = store::publish_head(p.db(), p.now, "test");
        REQUIRE(head);
        p.db().exec("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE id = " +
                    std::to_string(head->entry_id));
        v = actions::verify_ledger(p.db());
        CHECK_FALSE(v.broken);
        REQUIRE(v.lost_head);
        CHECK(v.lost_head->entry_id == head->entry_id);
        CHECK_FALSE(v.intact());
        p.db().exec("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET amount = amount + 1 WHERE id = 2");
        v = actions::verify_ledger(p.db());
        REQUIRE(v.broken);
        CHECK(v.broken->id == 2);
        CHECK(v.broken->reason == ledger::BreakReason::Hash);
    }

    TEST_CASE("open_read_only neither migrates nor writes, and refuses another schema version") {
        testing::TempDb tmp;
        {
            db::Database db(tmp.path);
            db::migrate(db, db::embedded_migrations());
            demo::seed_ledger(db, *i18n::TimeZone::utc(), 1764000000);
        }
        auto bytes = [&] {
            std::ifstream f(tmp.path, std::ios::binary);
            std::stringstream s;
            s << f.rdbuf();
            return s.str();
        };
        std::string before = bytes();
        auto mtime = std::filesystem::last_write_time(tmp.path);
        {
            auto db = db::open_read_only(tmp.path);
            CHECK(actions::verify_ledger(*db).intact());
            CHECK_THROWS(db->exec("CREATE TABLE t (x)"));
        }
        CHECK(bytes() == before);
        CHECK(std::filesystem::last_write_time(tmp.path) == mtime);
        int latest = db::latest_version(db::embedded_migrations());
        for (int version : {latest - 1, latest + 1}) {
            {
                db::Database db(tmp.path);
                db.set_user_version(version);
            }
            CHECK_THROWS_WITH(db::open_read_only(tmp.path),
                              doctest::Contains(version < latest ? "run chatiere migrate first" : "newer than this chatiere"));
            db::Database db(tmp.path);
            CHECK(db.user_version() == version);  // not migrated
        }
    }
}

TEST_SUITE("member and ledger actions (issue 16)") {
    TEST_CASE("approve mails the member, suspend ends their sessions, an admin cannot suspend or demote themselves") {
        Portal p;
        auto lea = *store::find_member_by_login(p.db(), "lea");
        REQUIRE(lea.status == domain::MemberStatus::Pending);
        int64_t mails = p.count("SELECT count(*) FROM outbox WHERE to_addr = '" + lea.email + "'");
        CHECK(actions::change_member(p.ctx(), lea, actions::MemberChange::Approve) == "");
        CHECK(store::find_member(p.db(), lea.id)->status == domain::MemberStatus::Active);
        CHECK(p.count("SELECT count(*) FROM outbox WHERE to_addr = '" + lea.email + "'") == mails + 1);
        CHECK(p.text("SELECT actor || '|' || action || '|' || target FROM audit_log ORDER BY id DESC") ==
              "cli:test|member.approve|member:" + std::to_string(lea.id));
        lea = *store::find_member(p.db(), lea.id);
        CHECK(actions::change_member(p.ctx(), lea, actions::MemberChange::Reactivate) == "members.already_active");

        store::insert_session(p.db(), lea.id, "hash", "csrf", p.now, p.now + 3600, false, "test", false);
        CHECK(store::member_sessions(p.db(), lea.id).size() == 1);
        CHECK(actions::change_member(p.ctx(), lea, actions::MemberChange::Suspend) == "");
        CHECK(store::find_member(p.db(), lea.id)->status == domain::MemberStatus::Suspended);
        CHECK(store::member_sessions(p.db(), lea.id).empty());

        actions::Context self = p.ctx();
        self.actor = {lea.id, "lea"};
        std::string before = p.snapshot() + std::to_string(p.count("SELECT count(*) FROM audit_log"));
        CHECK(actions::change_member(self, lea, actions::MemberChange::Suspend) == "members.not_yourself");
        CHECK(actions::change_member(self, lea, actions::MemberChange::MakeMember) == "members.not_yourself");
        CHECK(actions::delete_member(self, lea, "lea") == "members.not_yourself");
        CHECK(actions::delete_member(p.ctx(), lea, "Lea") == "members.delete_confirm_name");
        CHECK(p.snapshot() + std::to_string(p.count("SELECT count(*) FROM audit_log")) == before);
        CHECK(actions::change_member(p.ctx(), lea, actions::MemberChange::MakeAdmin) == "");
        CHECK(store::find_member(p.db(), lea.id)->role == domain::MemberRole::Admin);
        CHECK(actions::delete_member(p.ctx(), lea, "lea") == "");
        CHECK_FALSE(store::find_member(p.db(), lea.id));
        CHECK(p.text("SELECT action || '|' || details FROM audit_log ORDER BY id DESC") == "member.delete|lea");
        for (auto change : {actions::MemberChange::Approve, actions::MemberChange::Reactivate,
                            actions::MemberChange::Suspend, actions::MemberChange::MakeAdmin,
                            actions::MemberChange::MakeMember})
            CHECK(actions::parse_member_change(actions::to_string(change)) == change);
        for (auto s : {domain::MemberStatus::Pending, domain::MemberStatus::Active, domain::MemberStatus::Suspended})
            CHECK(domain::parse_member_status(domain::to_string(s)) == s);
        for (auto r : {domain::MemberRole::Member, domain::MemberRole::Admin})
            CHECK(domain::parse_member_role(domain::to_string(r)) == r);
    }

    TEST_CASE("invite_member: a checked address, a link mailed, audited") {
        Portal p;
        CHECK(actions::invite_member(p.ctx(), "not an address", "fr").error == "account.email_invalid");
        auto inv = actions::invite_member(p.ctx(), "new@example.org", "en");
        REQUIRE(inv.error.empty());
        CHECK(inv.path.rfind("/signup?invite=", 0) == 0);
        CHECK(p.count("SELECT count(*) FROM outbox WHERE to_addr = 'new@example.org' AND body LIKE "
                      "'%https://chaton.example/portail/signup?invite=%'") == 1);
        CHECK(p.text("SELECT action || '|' || target FROM audit_log ORDER BY id DESC") == "member.invite|email:new@example.org");
    }

    TEST_CASE("record_entry: every field's error at once, nothing written; else appended and audited") {
        Portal p;
        int64_t entries = p.count("SELECT count(*) FROM ledger_entries");
        actions::RecordInput bad;
        bad.draft.date = "yesterday";
        bad.draft.kind = "gift";
        bad.draft.currency = "EURO";
        bad.draft.amount = 0;
        bad.member = "nobody-has-this-name";
        auto r = actions::record_entry(p.ctx(), bad);
        CHECK_FALSE(r.entry);
        for (const char* field : {"date", "kind", "currency", "amount", "member"}) CHECK(r.errors.count(field));
        CHECK(p.count("SELECT count(*) FROM ledger_entries") == entries);
        actions::RecordInput in;
        in.draft.date = "2025-11-20";
        in.draft.kind = "donation";
        in.draft.currency = "EUR";
        in.draft.amount = 2500;
        in.member = "camille";
        r = actions::record_entry(p.ctx(), in);
        REQUIRE(r.entry);
        CHECK(r.errors.empty());
        CHECK(r.entry->member_id == store::find_member_by_login(p.db(), "camille")->id);
        CHECK(p.count("SELECT count(*) FROM ledger_entries") == entries + 1);
        CHECK(p.text("SELECT actor || '|' || action || '|' || details FROM audit_log ORDER BY id DESC") ==
              "cli:test|ledger.add|2025-11-20 donation 25.00 EUR");
        CHECK(actions::verify_ledger(p.db()).intact());
    }
}

TEST_SUITE("the actions' home (issue 16)") {
    TEST_CASE("change_settings writes and audits only what changed") {
        Portal p;
        std::string name = store::get_setting_or(p.db(), "site.name", "");
        int64_t audits = p.count("SELECT count(*) FROM audit_log");
        CHECK(actions::change_settings(p.ctx(), {{"site.name", name}, {"site.website", "https://new.example/"}}) == 1);
        CHECK(store::get_setting_or(p.db(), "site.website", "") == "https://new.example/");
        CHECK(p.count("SELECT count(*) FROM audit_log") == audits + 1);
        CHECK(p.text("SELECT actor || '|' || action || '|' || target FROM audit_log ORDER BY id DESC") ==
              "cli:test|settings.change|setting:site.website");
    }

    TEST_CASE("nothing under portal/actions/ includes HTTP, not even through another header") {
        namespace fs = std::filesystem;
        fs::path portal = fs::path(CHATIERE_SOURCE_DIR) / "portal";
        std::regex include(R"re(^\s*#\s*include\s*([<"])([^>"]+)[>"])re");
        std::set<std::string> seen;
        std::vector<std::pair<std::string, std::string>> todo;  // (file below portal/, who included it)
        for (const auto& e : fs::directory_iterator(portal / "actions"))
            todo.emplace_back("actions/" + e.path().filename().string(), "");
        REQUIRE(todo.size() >= 10);
        while (!todo.empty()) {
            auto [file, by] = todo.back();
            todo.pop_back();
            if (!seen.insert(file).second) continue;
            std::ifstream in(portal / file);
            REQUIRE_MESSAGE(in, file);
            std::string line;
            while (std::getline(in, line)) {
                std::smatch m;
                if (!std::regex_search(line, m, include)) continue;
                std::string target = m[2];
                bool forbidden = target == "httplib.h" || target == "app.h" || target.rfind("http/", 0) == 0 ||
                                 target.rfind("ui/", 0) == 0 || target.rfind("api/", 0) == 0;
                CHECK_MESSAGE(!forbidden, file << " includes " << target << " (reached from " << by << ")");
                if (m[1] == "\"" && fs::exists(portal / target)) todo.emplace_back(target, by.empty() ? file : by);
            }
        }
    }
}
