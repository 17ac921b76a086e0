#include "store/ledger.h"

#include <cstdint>

namespace chatiere::store {

namespace {

#define ENTRY_COLUMNS                                                                                        \
    "e.id, e.entry_date, e.kind, e.amount, e.currency, e.member_id, e.public_name, e.private_note, e.category, " \
    "e.reverses_id, e.import_key, e.recorded_at, e.recorded_by, e.prev_hash, e.hash"

ledger::Entry read_entry(db::Query& q) {
    ledger::Entry e;
    e.id = q.i64(0);
    e.date = q.text(1);
    e.kind = q.text(2);
    e.amount = q.i64(3);
    e.currency = q.text(4);
    e.member_id = q.opt_i64(5);
    e.public_name = q.opt_text(6);
    e.private_note = q.text(7);
    e.category = q.text(8);
    e.reverses_id = q.opt_i64(9);
    e.import_key = q.opt_text(10);
    e.recorded_at = q.i64(11);
    e.recorded_by = q.text(12);
    e.prev_hash = q.text(13);
    e.hash = q.text(14);
    return e;
}

bool is_corrected(db::Database& db, int64_t id) {
    auto q = db.prepare("SELECT 1 FROM ledger_entries WHERE reverses_id = ?");
    q.bind(id);
    return q.step();
}

}  // namespace

ledger::Entry record_entry(db::Database& db, ledger::Draft d, int64_t now, std::string_view by) {
    if (auto err = ledger::validate(d)) throw LedgerError(*err);
    std::optional<db::Transaction> tx;
    if (sqlite3_get_autocommit(db.raw())) tx.emplace(db);
    if (d.reverses_id) {
        auto orig = find_entry(db, *d.reverses_id);
        if (!orig || orig->reverses_id || is_corrected(db, orig->id) || orig->date != d.date || orig->kind != d.kind ||
            orig->currency != d.currency || orig->category != d.category || orig->amount != -d.amount ||
            orig->member_id != d.member_id || orig->public_name != d.public_name)
            throw LedgerError("reverses");
    }
    if (d.member_id) {
        auto q = db.prepare("SELECT 1 FROM members WHERE id = ?");
        q.bind(*d.member_id);
        if (!q.step()) throw LedgerError("member");
    }
    ledger::Entry e;
    std::string prev = ledger::kGenesis;
    {
        auto q = db.prepare("SELECT id, hash FROM ledger_entries ORDER BY id DESC LIMIT 1");
        if (q.step()) {
            e.id = q.i64(0) + 1;
            prev = q.text(1);
        } else {
            e.id = 1;
        }
    }
    e.date = d.date;
    e.kind = d.kind;
    e.amount = d.amount;
    e.currency = d.currency;
    e.member_id = d.member_id;
    e.public_name = d.public_name;
    e.private_note = d.private_note;
    e.category = d.category;
    e.reverses_id = d.reverses_id;
    e.import_key = d.import_key;
    e.recorded_at = now;
    e.recorded_by = std::string(by);
    e.prev_hash = prev;
    e.hash = ledger::entry_hash(prev, e);
    auto ins = db.prepare(
        "INSERT INTO ledger_entries (id, entry_date, kind, amount, currency, member_id, public_name, private_note, "
        "category, reverses_id, import_key, recorded_at, recorded_by, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(e.id, e.date, e.kind, e.amount, e.currency, e.member_id, e.public_name, e.private_note, e.category,
             e.reverses_id, e.import_key, e.recorded_at, e.recorded_by, e.prev_hash, e.hash);
    ins.run();
    if (tx) tx->commit();
    return e;
}

ledger::Entry reverse_entry(db::Database& db, int64_t id, std::string_view note, int64_t now, std::string_view by) {
    auto orig = find_entry(db, id);
    if (!orig || orig->reverses_id) throw LedgerError("reverses");
    ledger::Draft d;
    d.date = orig->date;
    d.kind = orig->kind;
    d.amount = -orig->amount;
    d.currency = orig->currency;
    d.member_id = orig->member_id;
    d.public_name = orig->public_name;
    d.category = orig->category;
    d.reverses_id = orig->id;
    d.private_note = std::string(note);
    return record_entry(db, std::move(d), now, by);
}

std::optional<ledger::Entry> find_entry(db::Database& db, int64_t id) {
    auto q = db.prepare("SELECT " ENTRY_COLUMNS ", (SELECT r.id FROM ledger_entries r WHERE r.reverses_id = e.id) "
                        "FROM ledger_entries e WHERE e.id = ?");
    q.bind(id);
    if (!q.step()) return std::nullopt;
    auto e = read_entry(q);
    e.corrected_by = q.opt_i64(15);
    return e;
}

std::optional<ledger::Entry> last_entry(db::Database& db) {
    auto q = db.prepare("SELECT " ENTRY_COLUMNS " FROM ledger_entries e ORDER BY e.id DESC LIMIT 1");
    if (!q.step()) return std::nullopt;
    return read_entry(q);
}

int64_t entry_count(db::Database& db) {
    // The ids are dense (1, 2, 3…: the chain gives each entry the next id), so the last id is the count.
    auto q = db.prepare("SELECT coalesce(max(id), 0) FROM ledger_entries");
    q.step();
    return q.i64(0);
}

bool import_key_exists(db::Database& db, std::string_view key) {
    auto q = db.prepare("SELECT 1 FROM ledger_entries WHERE import_key = ?");
    q.bind(key);
    return q.step();
}

std::vector<ledger::Entry> entries_page(db::Database& db, int64_t before_id, int limit, bool with_members) {
    std::vector<ledger::Entry> out;
    if (before_id <= 0) before_id = INT64_MAX;
    if (with_members) {
        auto q = db.prepare("SELECT " ENTRY_COLUMNS ", r.id, m.name FROM ledger_entries e "
                            "LEFT JOIN ledger_entries r ON r.reverses_id = e.id LEFT JOIN members m ON m.id = e.member_id "
                            "WHERE e.id < ? ORDER BY e.id DESC LIMIT ?");
        q.bind(before_id, limit);
        while (q.step()) {
            out.push_back(read_entry(q));
            out.back().corrected_by = q.opt_i64(15);
            out.back().member_name = q.opt_text(16).value_or("");
        }
    } else {
        auto q = db.prepare("SELECT " ENTRY_COLUMNS ", r.id FROM ledger_entries e "
                            "LEFT JOIN ledger_entries r ON r.reverses_id = e.id "
                            "WHERE e.id < ? ORDER BY e.id DESC LIMIT ?");
        q.bind(before_id, limit);
        while (q.step()) {
            out.push_back(read_entry(q));
            out.back().corrected_by = q.opt_i64(15);
        }
    }
    return out;
}

std::vector<ledger::Entry> entries_after(db::Database& db, int64_t after_id, int limit, int64_t up_to_id) {
    std::vector<ledger::Entry> out;
    auto q = db.prepare("SELECT " ENTRY_COLUMNS " FROM ledger_entries e WHERE e.id > ? AND e.id <= ? "
                        "ORDER BY e.id LIMIT ?");
    q.bind(after_id, up_to_id > 0 ? up_to_id : INT64_MAX, limit);
    while (q.step()) out.push_back(read_entry(q));
    return out;
}

std::vector<ledger::Entry> member_entries(db::Database& db, int64_t member_id, std::string_view before_date,
                                          int64_t before_id, int limit) {
    std::vector<ledger::Entry> out;
    auto q = db.prepare("SELECT " ENTRY_COLUMNS " FROM ledger_entries e "
                        "WHERE e.member_id = ? AND (e.entry_date, e.id) < (?, ?) "
                        "ORDER BY e.entry_date DESC, e.id DESC LIMIT ?");
    q.bind(member_id, before_date.empty() ? std::string("9999-99-99") : std::string(before_date),
           before_id > 0 ? before_id : INT64_MAX, limit);
    while (q.step()) out.push_back(read_entry(q));
    return out;
}

std::vector<ledger::Entry> member_entries_in_year(db::Database& db, int64_t member_id, std::string_view year) {
    std::vector<ledger::Entry> out;
    auto q = db.prepare("SELECT " ENTRY_COLUMNS " FROM ledger_entries e "
                        "WHERE e.member_id = ? AND e.entry_date >= ? AND e.entry_date < ? "
                        "ORDER BY e.entry_date, e.id");
    std::string from = std::string(year) + "-01-01";
    std::string to = std::to_string(std::stoi(std::string(year)) + 1) + "-01-01";
    q.bind(member_id, from, to);
    while (q.step()) out.push_back(read_entry(q));
    return out;
}

std::vector<MemberYearTotal> member_year_totals(db::Database& db, int64_t member_id) {
    std::vector<MemberYearTotal> out;
    auto q = db.prepare("SELECT substr(entry_date, 1, 4) AS y, kind, currency, sum(amount) FROM ledger_entries "
                        "WHERE member_id = ? GROUP BY y, kind, currency ORDER BY y DESC, kind, currency");
    q.bind(member_id);
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.i64(3)});
    return out;
}

std::vector<ledger::MonthlyRow> monthly_rows(db::Database& db, std::string_view from_month, std::string_view to_month) {
    std::vector<ledger::MonthlyRow> out;
    auto q = db.prepare("SELECT month, kind, category, currency, total, entries FROM ledger_monthly "
                        "WHERE month >= ? AND month <= ? ORDER BY month, kind, category, currency");
    // (an empty string_view may have no data pointer, which SQLite would bind as NULL)
    q.bind(std::string(from_month), to_month.empty() ? std::string("9999-99") : std::string(to_month));
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.i64(4), q.i64(5)});
    return out;
}

std::vector<std::pair<std::string, int64_t>> contributors_by_year(db::Database& db) {
    std::vector<std::pair<std::string, int64_t>> out;
    auto q = db.prepare("SELECT year, count FROM ledger_yearly_contributors ORDER BY year DESC");
    while (q.step()) out.emplace_back(q.text(0), q.i64(1));
    return out;
}

std::optional<ledger::ChainVerifier::Break> verify_chain(db::Database& db, int64_t* checked, std::string* head) {
    ledger::ChainVerifier v;
    int64_t after = 0;
    while (true) {
        auto batch = entries_after(db, after, 5000);
        if (batch.empty()) break;
        for (const auto& e : batch)
            if (v.feed(e)) break;
        if (v.broken()) break;
        after = batch.back().id;
    }
    if (checked) *checked = v.count();
    if (head) *head = v.head();
    return v.broken();
}

std::optional<FundingGoal> current_goal(db::Database& db, std::string_view today) {
    auto q = db.prepare("SELECT id, period, amount, currency, valid_from, created_at, created_by FROM funding_goals "
                        "WHERE valid_from <= ? ORDER BY valid_from DESC, id DESC LIMIT 1");
    q.bind(today);
    if (!q.step()) return std::nullopt;
    FundingGoal g{q.i64(0), q.text(1), q.i64(2), q.text(3), q.text(4), q.i64(5), q.text(6)};
    if (g.amount <= 0) return std::nullopt;
    return g;
}

int64_t add_goal(db::Database& db, const FundingGoal& g, int64_t now) {
    auto q = db.prepare("INSERT INTO funding_goals (period, amount, currency, valid_from, created_at, created_by) "
                        "VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(g.period, g.amount, g.currency, g.valid_from, now, g.created_by);
    q.run();
    return db.last_insert_id();
}

std::optional<PublishedHead> publish_head(db::Database& db, int64_t now, std::string_view by) {
    auto head = last_entry(db);
    if (!head) return std::nullopt;
    auto q = db.prepare("INSERT INTO ledger_published_heads (entry_id, hash, published_at, published_by) "
                        "VALUES (?, ?, ?, ?)");
    q.bind(head->id, head->hash, now, by);
    q.run();
    return PublishedHead{db.last_insert_id(), head->id, now, head->hash, std::string(by)};
}

std::optional<PublishedHead> latest_published_head(db::Database& db) {
    auto q = db.prepare("SELECT id, entry_id, published_at, hash, published_by FROM ledger_published_heads "
                        "ORDER BY id DESC LIMIT 1");
    if (!q.step()) return std::nullopt;
    return PublishedHead{q.i64(0), q.i64(1), q.i64(2), q.text(3), q.text(4)};
}

std::optional<int64_t> ledger_member_id(db::Database& db, std::string_view name) {
    auto q = db.prepare("SELECT id FROM members WHERE name = ?");
    q.bind(name);
    if (!q.step()) return std::nullopt;
    return q.i64(0);
}

}  // namespace chatiere::store
