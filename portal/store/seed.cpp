#include "store/seed.h"

#include "ledger/chain.h"

namespace chatiere::store {

int64_t count_real_members(db::Database& db) {
    auto q = db.prepare(
        "SELECT count(*) FROM members WHERE role <> 'admin' AND email NOT LIKE '%.example' "
        "AND email NOT LIKE '%@example.org' AND email NOT LIKE '%@example.com' AND email NOT LIKE '%@example.net'");
    q.step();
    return q.i64(0);
}

int64_t count_seeded_members(db::Database& db) {
    auto q = db.prepare("SELECT count(*) FROM members WHERE email LIKE '%@seed.example'");
    q.step();
    return q.i64(0);
}

int64_t count_seeded_services(db::Database& db) {
    auto q = db.prepare("SELECT count(*) FROM services WHERE website LIKE 'https://%.seed.example/'");
    q.step();
    return q.i64(0);
}

void append_entries(db::Database& db, std::vector<ledger::Entry>& entries) {
    int64_t id = 1;
    std::string prev = ledger::kGenesis;
    {
        auto q = db.prepare("SELECT id, hash FROM ledger_entries ORDER BY id DESC LIMIT 1");
        if (q.step()) {
            id = q.i64(0) + 1;
            prev = q.text(1);
        }
    }
    auto ins = db.prepare(
        "INSERT INTO ledger_entries (id, entry_date, kind, amount, currency, member_id, public_name, private_note, "
        "category, reverses_id, import_key, recorded_at, recorded_by, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (auto& e : entries) {
        e.id = id++;
        e.prev_hash = prev;
        e.hash = ledger::entry_hash(prev, e);
        ins.bind(e.id, e.date, e.kind, e.amount, e.currency, e.member_id, e.public_name, e.private_note, e.category,
                 e.reverses_id, e.import_key, e.recorded_at, e.recorded_by, e.prev_hash, e.hash);
        ins.run();
        prev = e.hash;
    }
}

void refresh_planner_statistics(db::Database& db) { db.exec("PRAGMA optimize"); }

}  // namespace chatiere::store
