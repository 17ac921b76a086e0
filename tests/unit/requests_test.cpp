// Service requests (issue 18) below the pages: which registrations take requests, one open
// request per member and service, the queue's order, and the queries every page runs reading
// an index rather than a whole table.
#include <doctest/doctest.h>

#include "actions/requests.h"
#include "db/migrations.h"
#include "store/requests.h"
#include "support/test_server.h"

using namespace chatiere;

namespace {

struct Db {
    testing::TempDb tmp;
    db::Database db{tmp.path};
    Db() { db::migrate(db, db::embedded_migrations()); }
    int64_t member(const std::string& name, const std::string& role = "member") {
        db.prepare("INSERT INTO members (name, email, role, status, created_at, updated_at) VALUES (?, ?, ?, 'active', 0, 0)")
            .bind(name, name + "@example.org", role)
            .run();
        return db.last_insert_id();
    }
    int64_t service(const std::string& slug) {
        db.prepare("INSERT INTO services (slug, name, created_at, updated_at) VALUES (?, ?, 0, 0)").bind(slug, slug).run();
        return db.last_insert_id();
    }
    // The query plan's lines, joined.
    std::string plan(const std::string& sql) {
        auto q = db.prepare("EXPLAIN QUERY PLAN " + sql);
        std::string out;
        while (q.step()) out += q.text(3) + "\n";
        return out;
    }
};

}  // namespace

TEST_SUITE("service requests (issue 18)") {
    TEST_CASE("registrations that take requests: Member or Free among the listed ones") {
        using actions::registration_takes_requests;
        CHECK(registration_takes_requests("Member"));
        CHECK(registration_takes_requests("Free"));
        CHECK(registration_takes_requests("Member;Client"));
        CHECK(registration_takes_requests("Client;Free"));
        CHECK_FALSE(registration_takes_requests("None"));
        CHECK_FALSE(registration_takes_requests("Client"));
        CHECK_FALSE(registration_takes_requests(""));
        CHECK_FALSE(registration_takes_requests("Members"));
        CHECK_FALSE(registration_takes_requests("member"));
    }

    TEST_CASE("one open request per member and service, in the schema itself") {
        Db d;
        int64_t m = d.member("nora"), s = d.service("cloud"), other = d.service("chat");
        int64_t first = store::insert_request(d.db, m, s, true, 10);
        CHECK_THROWS(store::insert_request(d.db, m, s, true, 11));
        CHECK_NOTHROW(store::insert_request(d.db, m, other, true, 11));
        CHECK(store::open_request(d.db, m, s)->id == first);
        CHECK(store::move_request(d.db, first, {"pending", "question"}, "question", 12));
        CHECK_THROWS(store::insert_request(d.db, m, s, true, 13));  // a question is still open
        CHECK(store::move_request(d.db, first, {"pending", "question"}, "refused", 14));
        CHECK_FALSE(store::move_request(d.db, first, {"pending", "question"}, "approved", 15));  // decided once
        auto r = store::find_request(d.db, first);
        CHECK(r->state == "refused");
        CHECK(r->decided_at == 14);
        CHECK_FALSE(store::open_request(d.db, m, s));
        CHECK_NOTHROW(store::insert_request(d.db, m, s, true, 16));  // asked again after a refusal
        CHECK_THROWS(d.db.exec("UPDATE service_requests SET state = 'maybe'"));
        CHECK_THROWS(d.db.exec("UPDATE services SET request_mode = 'sometimes'"));
    }

    TEST_CASE("the queue: waiting newest first, then questions, then decided; a page continues after the last key") {
        Db d;
        int64_t s = d.service("cloud");
        std::vector<int64_t> ids;
        for (int i = 0; i < 6; ++i) ids.push_back(store::insert_request(d.db, d.member("m" + std::to_string(i)), s, true, i));
        store::move_request(d.db, ids[0], {"pending"}, "approved", 10, "m0");
        store::move_request(d.db, ids[1], {"pending"}, "question", 10);
        store::move_request(d.db, ids[4], {"pending"}, "refused", 10);
        auto all = store::request_queue(d.db, std::nullopt, 0, 10);
        std::vector<int64_t> order;
        for (const auto& r : all) order.push_back(r.id);
        CHECK(order == std::vector<int64_t>{ids[5], ids[3], ids[2], ids[1], ids[4], ids[0]});
        auto page1 = store::request_queue(d.db, std::nullopt, 0, 2);
        auto page2 = store::request_queue(d.db, std::nullopt, page1.back().queue_key, 2);
        REQUIRE(page2.size() == 2);
        CHECK(page2[0].id == ids[2]);
        CHECK(page2[1].id == ids[1]);
        auto pending = store::request_queue(d.db, std::string_view("pending"), 0, 2);
        REQUIRE(pending.size() == 2);
        CHECK(pending[0].id == ids[5]);
        auto more = store::request_queue(d.db, std::string_view("pending"), pending.back().id, 2);
        REQUIRE(more.size() == 1);
        CHECK(more[0].id == ids[2]);
        CHECK(store::count_requests(d.db, "pending") == 3);
    }

    TEST_CASE("the pages' queries read indexes, never a whole table") {
        Db d;
        const std::string cols = "SELECT r.id FROM service_requests r ";
        auto queue = d.plan(cols + "WHERE r.queue_key > 0 ORDER BY r.queue_key LIMIT 51");
        INFO(queue);
        CHECK(queue.find("service_requests_queue") != std::string::npos);
        auto by_state = d.plan(cols + "WHERE r.state = 'approved' AND r.id < 100 ORDER BY r.id DESC LIMIT 51");
        INFO(by_state);
        CHECK(by_state.find("service_requests_by_state") != std::string::npos);
        auto mine = d.plan(cols + "WHERE r.member_id = 1 ORDER BY r.id DESC LIMIT 50");
        INFO(mine);
        CHECK(mine.find("service_requests_by_member") != std::string::npos);
        auto admins = d.plan("SELECT id FROM members INDEXED BY members_admins WHERE role = 'admin' AND status = 'active' ORDER BY id");
        INFO(admins);
        CHECK(admins.find("members_admins") != std::string::npos);
        auto departures = d.plan("SELECT id FROM departures WHERE closed_at IS NULL AND id > 0 ORDER BY id LIMIT 101");
        INFO(departures);
        CHECK(departures.find("departures_open") != std::string::npos);
        // A scan, if any, walks a partial index (the admins), never a table.
        for (const auto& p : {queue, by_state, mine, admins, departures}) {
            size_t start = 0;
            while (start < p.size()) {
                size_t end = p.find('\n', start);
                std::string line = p.substr(start, end - start);
                INFO(line);
                CHECK((line.find("SCAN") == std::string::npos || line.find("USING") != std::string::npos));
                start = end + 1;
            }
        }
    }
}
