// Issue 13, points 10 and 11: the online backup under write load, and durable commits.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "db/database.h"
#include "db/migrations.h"
#include "ops/backup.h"
#include "store/ledger.h"
#include "store/seed.h"
#include "support/test_server.h"

using namespace chatiere;

namespace {

// A contribution log of `entries` rows with 1 KiB private notes (≈ 1.2 KiB a row).
void fill_ledger(db::Database& db, int entries) {
    std::string note(1000, 'n');
    int id = 0;
    while (id < entries) {
        std::vector<ledger::Entry> batch;
        for (int i = 0; i < 5000 && id < entries; ++i, ++id) {
            ledger::Entry e;
            e.date = "2025-0" + std::to_string(1 + id % 9) + "-1" + std::to_string(id % 10);
            e.kind = "donation";
            e.amount = 100 + id % 5000;
            e.currency = "EUR";
            e.private_note = note + std::to_string(id);
            e.recorded_at = 1764000000 + id;
            e.recorded_by = "test";
            batch.push_back(std::move(e));
        }
        db::Transaction tx(db);
        store::append_entries(db, batch);
        tx.commit();
    }
}

}  // namespace

TEST_SUITE("backup and durability (issue 13)") {
    TEST_CASE("10: a backup of a 50 MB database finishes within 30 s while 200+ entries/s are written, and verifies") {
        testing::TempDb src, dst;
        std::filesystem::remove(dst.path);
        {
            db::Database db(src.path);
            db::migrate(db, db::embedded_migrations());
            fill_ledger(db, 45000);
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        auto size = std::filesystem::file_size(src.path);
        REQUIRE(size >= 50u * 1024 * 1024);

        // The portal's side: one entry per transaction, as the ledger form records them. This
        // connection syncs like NORMAL so that the rate depends on SQLite, not on this
        // machine's fsync (the portal's own connections use FULL; see the test below).
        std::atomic<bool> stop{false};
        std::atomic<int64_t> written{0};
        std::thread writer([&] {
            db::Database::Options fast;
            fast.synchronous_full = false;
            db::Database w(src.path, fast);
            int64_t n = 0;
            while (!stop) {
                ledger::Draft d;
                d.date = "2025-11-24";
                d.kind = "donation";
                d.amount = 500 + n % 100;
                d.private_note = "written during the backup";
                store::record_entry(w, d, 1764000000 + n, "load");
                ++n;
                written = n;
            }
        });
        // Stops the writer however the test ends (a failed REQUIRE must not leave it running).
        struct Join {
            std::atomic<bool>& stop;
            std::thread& t;
            ~Join() {
                stop = true;
                if (t.joinable()) t.join();
            }
        } join{stop, writer};
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        int64_t before = written;
        auto start = std::chrono::steady_clock::now();
        ops::BackupReport r;
        REQUIRE_NOTHROW(r = ops::backup_database(src.path, dst.path));
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        // Keep writing a little after, so that the rate is measured over the whole backup.
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        int64_t during = written - before;
        stop = true;
        writer.join();
        double rate = during / (seconds + 0.2);
        MESSAGE("backup of ", size / (1024 * 1024), " MB: ", r.total_seconds, " s (copy ", r.copy_seconds,
                " s, checks ", r.verify_seconds, " s), ", during, " entries written meanwhile (", rate, "/s)");
        CHECK(r.total_seconds < 30);
        CHECK(rate >= 200);
        CHECK(r.ledger_entries >= 45000);
        CHECK(!std::filesystem::exists(dst.path + ".partial"));
        CHECK(!std::filesystem::exists(dst.path + "-wal"));
        // The copy stands alone and checks out.
        db::Database copy(dst.path);
        auto q = copy.prepare("PRAGMA integrity_check");
        REQUIRE(q.step());
        CHECK(q.text(0) == "ok");
        int64_t checked = 0;
        CHECK(!store::verify_chain(copy, &checked));
        CHECK(checked == r.ledger_entries);
    }

    TEST_CASE("10: a backup never leaves a half-written file under the destination's name") {
        testing::TempDb src, dst;
        std::filesystem::remove(dst.path);
        {
            db::Database db(src.path);
            db::migrate(db, db::embedded_migrations());
            fill_ledger(db, 50);
            // A broken chain: the copy fails its checks and is not kept.
            db.exec("DROP TRIGGER ledger_entries_no_update");
            db.exec("UPDATE ledger_entries SET amount = amount + 1 WHERE id = 10");
        }
        // A leftover of a killed run is replaced.
        { std::ofstream(dst.path + ".partial") << "junk"; }
        CHECK_THROWS_AS(ops::backup_database(src.path, dst.path), ops::BackupError);
        CHECK(!std::filesystem::exists(dst.path));
        CHECK(!std::filesystem::exists(dst.path + ".partial"));
    }

    TEST_CASE("11: an acknowledged write survives a power cut: synchronous=FULL in WAL mode") {
        testing::TempDb tmp;
        db::Database db(tmp.path);
        auto mode = db.prepare("PRAGMA journal_mode");
        REQUIRE(mode.step());
        CHECK(mode.text(0) == "wal");
        auto q = db.prepare("PRAGMA synchronous");
        REQUIRE(q.step());
        CHECK(q.integer(0) == 2);  // FULL
        // The portal's connections too, and the setting that trades it away is explicit.
        testing::TestServer s;
        auto c = s.app->db->acquire();
        auto p = c->prepare("PRAGMA synchronous");
        REQUIRE(p.step());
        CHECK(p.integer(0) == 2);
        CHECK(Config{}.db_synchronous == "full");
    }
}
