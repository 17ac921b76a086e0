#include <doctest/doctest.h>

#include "db/database.h"
#include "db/migrations.h"
#include "store/members.h"
#include "support/test_server.h"

using namespace chatiere;

TEST_SUITE("migrations") {
    TEST_CASE("a fresh database gets every migration, in order") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        auto all = db::embedded_migrations();
        REQUIRE(!all.empty());
        CHECK(all.front().version == 1);
        CHECK(db::migrate(db, all) == static_cast<int>(all.size()));
        CHECK(db.user_version() == db::latest_version(all));
        CHECK(db::migrate(db, all) == 0);  // idempotent
        auto q = db.prepare("PRAGMA journal_mode");
        REQUIRE(q.step());
        CHECK(q.text(0) == "wal");
        auto fk = db.prepare("PRAGMA foreign_keys");
        REQUIRE(fk.step());
        CHECK(fk.integer(0) == 1);
    }

    TEST_CASE("upgrade applies only the newer ones") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        std::vector<db::Migration> v1 = {{1, "001_a.sql", "CREATE TABLE a (x INTEGER);"}};
        CHECK(db::migrate(db, v1) == 1);
        db.exec("INSERT INTO a VALUES (42)");
        auto v2 = v1;
        v2.push_back({2, "002_b.sql", "ALTER TABLE a ADD COLUMN y TEXT NOT NULL DEFAULT 'z';"});
        CHECK(db::migrate(db, v2) == 1);
        CHECK(db.user_version() == 2);
        auto q = db.prepare("SELECT x, y FROM a");
        REQUIRE(q.step());
        CHECK(q.integer(0) == 42);
        CHECK(q.text(1) == "z");
    }

    TEST_CASE("a database newer than the binary is refused") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        db.set_user_version(99);
        CHECK_THROWS_WITH(db::migrate(db, db::embedded_migrations()), doctest::Contains("newer than this chatiere"));
        CHECK(db.user_version() == 99);
    }

    TEST_CASE("a failing migration rolls back and leaves the previous version") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        std::vector<db::Migration> ms = {
            {1, "001_a.sql", "CREATE TABLE a (x INTEGER);"},
            {2, "002_bad.sql", "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);"},
        };
        CHECK_THROWS_WITH(db::migrate(db, ms), doctest::Contains("002_bad.sql"));
        CHECK(db.user_version() == 1);
        auto q = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'");
        REQUIRE(q.step());
        CHECK(q.integer(0) == 0);  // table b was rolled back with the rest of 002
    }
}

TEST_SUITE("db") {
    TEST_CASE("statements bind, step and reset when released") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, note TEXT)");
        db.prepare("INSERT INTO t (name, note) VALUES (?, ?)").bind("a'; DROP TABLE t; --", std::nullopt).run();
        db.prepare("INSERT INTO t (name, note) VALUES (?, ?)").bind(std::string("b"), std::optional<std::string>("n")).run();
        {
            auto q = db.prepare("SELECT name, note FROM t ORDER BY id");
            REQUIRE(q.step());
            CHECK(q.text(0) == "a'; DROP TABLE t; --");
            CHECK_FALSE(q.opt_text(1).has_value());
            // leave the statement mid-iteration: the Query's destructor resets it
        }
        db::Database other(tmp.path);
        other.exec("INSERT INTO t (name) VALUES ('c')");
        auto q = db.prepare("SELECT count(*) FROM t");
        REQUIRE(q.step());
        CHECK(q.integer(0) == 3);  // sees the other connection's write: no stale snapshot
    }

    TEST_CASE("a transaction rolls back unless committed") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        db.exec("CREATE TABLE t (x INTEGER)");
        {
            db::Transaction tx(db);
            db.exec("INSERT INTO t VALUES (1)");
        }
        {
            db::Transaction tx(db);
            db.exec("INSERT INTO t VALUES (2)");
            tx.commit();
        }
        auto q = db.prepare("SELECT group_concat(x) FROM t");
        REQUIRE(q.step());
        CHECK(q.text(0) == "2");
    }

    TEST_CASE("errors carry the SQL") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        CHECK_THROWS_WITH_AS(db.prepare("SELECT * FROM missing_table"), doctest::Contains("missing_table"),
                             db::DbError);
    }

    TEST_CASE("online backup copies a live database") {
        testing::TempDb src, dst;
        std::filesystem::remove(dst.path);
        db::Database db(src.path);
        db.exec("CREATE TABLE t (x TEXT)");
        for (int i = 0; i < 2000; ++i) db.prepare("INSERT INTO t VALUES (?)").bind(std::string(100, 'x')).run();
        int calls = 0;
        db::backup(db, dst.path, [&](int, int) { ++calls; });
        CHECK(calls > 0);
        db::Database copy(dst.path);
        auto q = copy.prepare("SELECT count(*) FROM t");
        REQUIRE(q.step());
        CHECK(q.integer(0) == 2000);
    }
}

TEST_SUITE("store") {
    TEST_CASE("count_members counts each combination of status and role") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        db::migrate(db, db::embedded_migrations());
        auto add = [&](const char* name, const char* role, const char* status) {
            db.prepare("INSERT INTO members (name, email, role, status, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)")
                .bind(name, std::string(name) + "@example.org", role, status)
                .run();
        };
        add("a1", "admin", "active");
        add("a2", "admin", "suspended");
        add("m1", "member", "active");
        add("m2", "member", "active");
        add("m3", "member", "pending");
        using domain::MemberRole, domain::MemberStatus;
        CHECK(store::count_members(db) == 5);
        CHECK(store::count_members(db, MemberStatus::Active) == 3);
        CHECK(store::count_members(db, MemberStatus::Pending) == 1);
        CHECK(store::count_members(db, std::nullopt, MemberRole::Admin) == 2);
        CHECK(store::count_members(db, std::nullopt, MemberRole::Member) == 3);
        CHECK(store::count_members(db, MemberStatus::Active, MemberRole::Admin) == 1);
        CHECK(store::count_members(db, MemberStatus::Active, MemberRole::Member) == 2);
        CHECK(store::count_members(db, MemberStatus::Suspended, MemberRole::Member) == 0);
    }
}
