#include "store/membership.h"

#include <unordered_map>

namespace chatiere::store {

namespace {

#define FEE_COLUMNS                                                                              \
    "e.id, e.entry_date, e.amount, e.currency, e.reverses_id, "                                  \
    "EXISTS (SELECT 1 FROM ledger_entries c WHERE c.reverses_id = e.id), e.member_id"

domain::MembershipFee read_fee(db::Query& q) {
    domain::MembershipFee f;
    f.id = q.i64(0);
    f.date = q.text(1);
    f.amount = q.i64(2);
    f.currency = q.text(3);
    f.reverses_id = q.opt_i64(4);
    f.corrected = q.i64(5) != 0;
    return f;
}

}  // namespace

std::vector<domain::MembershipFee> member_fees(db::Database& db, int64_t member_id) {
    std::vector<domain::MembershipFee> out;
    auto q = db.prepare("SELECT " FEE_COLUMNS " FROM ledger_entries e "
                        "WHERE e.member_id = ? AND e.kind = 'membership_fee' ORDER BY e.entry_date, e.id");
    q.bind(member_id);
    while (q.step()) out.push_back(read_fee(q));
    return out;
}

bool is_honorary(db::Database& db, int64_t member_id) {
    auto q = db.prepare("SELECT honorary FROM members WHERE id = ?");
    q.bind(member_id);
    return q.step() && q.i64(0) != 0;
}

bool set_honorary(db::Database& db, int64_t member_id, bool honorary, int64_t now) {
    auto q = db.prepare("UPDATE members SET honorary = ?, updated_at = ? WHERE id = ?");
    q.bind(honorary, now, member_id);
    q.run();
    return db.changes() > 0;
}

std::vector<RegisterRow> register_rows(db::Database& db) {
    std::vector<RegisterRow> out;
    std::unordered_map<int64_t, size_t> index;
    auto m = db.prepare("SELECT id, name, honorary FROM members ORDER BY name, id");
    while (m.step()) {
        index.emplace(m.i64(0), out.size());
        out.push_back({m.i64(0), m.text(1), m.i64(2) != 0, {}});
    }
    auto f = db.prepare("SELECT " FEE_COLUMNS " FROM ledger_entries e "
                        "WHERE e.member_id IS NOT NULL AND e.kind = 'membership_fee' "
                        "ORDER BY e.member_id, e.entry_date, e.id");
    while (f.step()) {
        auto it = index.find(f.i64(6));
        if (it != index.end()) out[it->second].fees.push_back(read_fee(f));
    }
    return out;
}

bool link_fee(db::Database& db, int64_t entry_id, int64_t member_id) {
    auto q = db.prepare("UPDATE ledger_entries SET member_id = ? WHERE id = ? AND member_id IS NULL "
                        "AND kind = 'membership_fee' AND reverses_id IS NULL");
    q.bind(member_id, entry_id);
    q.run();
    return db.changes() > 0;
}

std::vector<FeeBelow> fees_below_minimum(db::Database& db, int64_t minimum, std::string_view currency, int limit) {
    std::vector<FeeBelow> out;
    // The newest fees under the minimum from the covering index alone, then their members'
    // names for those few: joining members before the LIMIT read every such fee's row.
    auto q = db.prepare("SELECT e.id, m.name, e.entry_date, e.currency, e.amount FROM ("
                        "SELECT id, member_id, entry_date, currency, amount "
                        "FROM ledger_entries f INDEXED BY ledger_entries_fees_by_amount "
                        "WHERE f.kind = 'membership_fee' AND f.member_id IS NOT NULL AND f.reverses_id IS NULL "
                        "AND f.amount < ?1 AND f.currency = ?2 "
                        "AND NOT EXISTS (SELECT 1 FROM ledger_entries c WHERE c.reverses_id = f.id) "
                        "ORDER BY f.entry_date DESC, f.id DESC LIMIT ?3) e "
                        "JOIN members m ON m.id = e.member_id ORDER BY e.entry_date DESC, e.id DESC");
    q.bind(minimum, currency, limit);
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.i64(4)});
    return out;
}

std::vector<int64_t> stale_members(db::Database& db, std::string_view today, int limit) {
    std::vector<int64_t> out;
    auto q = db.prepare("SELECT member_id FROM membership_stale WHERE due <= ? ORDER BY due, member_id LIMIT ?");
    q.bind(today, limit);
    while (q.step()) out.push_back(q.i64(0));
    return out;
}

int64_t stale_count(db::Database& db, std::string_view today) {
    auto q = db.prepare("SELECT count(*) FROM membership_stale WHERE due <= ?");
    q.bind(today);
    return q.step() ? q.i64(0) : 0;
}

void save_dates(db::Database& db, int64_t member_id, std::string_view since, std::string_view until,
                std::string_view recheck_on) {
    auto u = db.prepare("UPDATE members SET member_since = NULLIF(?, ''), member_until = NULLIF(?, '') "
                        "WHERE id = ? AND (member_since IS NOT NULLIF(?, '') OR member_until IS NOT NULLIF(?, ''))");
    u.bind(since, until, member_id, since, until);
    u.run();
    if (recheck_on.empty()) {
        auto d = db.prepare("DELETE FROM membership_stale WHERE member_id = ?");
        d.bind(member_id);
        d.run();
    } else {
        auto d = db.prepare("UPDATE membership_stale SET due = ? WHERE member_id = ?");
        d.bind(recheck_on, member_id);
        d.run();
    }
}

void mark_all_stale(db::Database& db) {
    db.exec("INSERT INTO membership_stale (member_id, due) SELECT id, '' FROM members WHERE true "
            "ON CONFLICT (member_id) DO UPDATE SET due = ''");
}

void mark_stale(db::Database& db, int64_t member_id) {
    auto q = db.prepare("INSERT INTO membership_stale (member_id, due) SELECT id, '' FROM members WHERE id = ? "
                        "ON CONFLICT (member_id) DO UPDATE SET due = ''");
    q.bind(member_id);
    q.run();
}

// From membership_days (sql/013), kept by trigger: a sum over days, not a count over members.
int64_t count_honorary(db::Database& db) {
    auto q = db.prepare("SELECT coalesce(sum(n), 0) FROM membership_days WHERE honorary = 1");
    return q.step() ? q.i64(0) : 0;
}

int64_t count_no_dates(db::Database& db) {
    auto q = db.prepare("SELECT coalesce(sum(n), 0) FROM membership_days WHERE honorary = 0 AND until = ''");
    return q.step() ? q.i64(0) : 0;
}

int64_t count_until_between(db::Database& db, std::string_view from, std::string_view to) {
    // '0000-00-00' and '9999-99-99' stand for open bounds so that one statement serves all.
    auto q = db.prepare("SELECT coalesce(sum(n), 0) FROM membership_days WHERE honorary = 0 AND until >= ? AND until < ?");
    q.bind(from.empty() ? std::string_view("0000-00-00") : from, to.empty() ? std::string_view("9999-99-99") : to);
    return q.step() ? q.i64(0) : 0;
}

namespace {

#define STANDING_COLUMNS \
    "id, name, display_name, email, honorary, member_since, member_until, created_at, locale, notify_membership"

StoredStanding read_standing(db::Query& q) {
    StoredStanding s;
    s.id = q.i64(0);
    s.name = q.text(1);
    s.display_name = q.text(2);
    s.email = q.text(3);
    s.honorary = q.i64(4) != 0;
    s.since = q.opt_text(5).value_or("");
    s.until = q.opt_text(6).value_or("");
    s.created_at = q.i64(7);
    s.locale = q.text(8);
    s.notify = q.i64(9) != 0;
    return s;
}

// Every row of a bound STANDING_COLUMNS query.
std::vector<StoredStanding> read_standings(db::Query& q) {
    std::vector<StoredStanding> out;
    while (q.step()) out.push_back(read_standing(q));
    return out;
}

}  // namespace

std::vector<StoredStanding> page_until_between(db::Database& db, std::string_view from, std::string_view to,
                                               std::string_view after_until, std::string_view after_name,
                                               int limit) {
    // The range starts at the key's day, so that a later page does not read the earlier ones;
    // on that day, the names after the key's.
    std::string_view lower = from.empty() ? std::string_view("0000-00-00") : from;
    if (after_until > lower) lower = after_until;
    auto q = db.prepare("SELECT " STANDING_COLUMNS " FROM members INDEXED BY members_by_standing "
                        "WHERE honorary = 0 AND member_until >= ? AND member_until < ? "
                        "AND (member_until > ? OR name > ?) ORDER BY member_until, name LIMIT ?");
    q.bind(lower, to.empty() ? std::string_view("9999-99-99") : to, after_until, after_name, limit);
    return read_standings(q);
}

std::vector<StoredStanding> page_no_dates(db::Database& db, std::string_view after_name, int limit) {
    auto q = db.prepare("SELECT " STANDING_COLUMNS " FROM members INDEXED BY members_by_standing "
                        "WHERE honorary = 0 AND member_until IS NULL AND name > ? ORDER BY name LIMIT ?");
    q.bind(after_name, limit);
    return read_standings(q);
}

std::vector<StoredStanding> page_honorary(db::Database& db, std::string_view after_name, int limit) {
    auto q = db.prepare("SELECT " STANDING_COLUMNS " FROM members INDEXED BY members_honorary_by_name "
                        "WHERE honorary = 1 AND name > ? ORDER BY name LIMIT ?");
    q.bind(after_name, limit);
    return read_standings(q);
}

std::vector<StoredStanding> page_all(db::Database& db, std::string_view after_name, int limit) {
    auto q = db.prepare("SELECT " STANDING_COLUMNS " FROM members WHERE name > ? ORDER BY name LIMIT ?");
    q.bind(after_name, limit);
    return read_standings(q);
}

std::optional<StoredStanding> stored_standing(db::Database& db, int64_t member_id) {
    auto q = db.prepare("SELECT " STANDING_COLUMNS " FROM members WHERE id = ?");
    q.bind(member_id);
    if (!q.step()) return std::nullopt;
    return read_standing(q);
}

std::string job_day(db::Database& db, std::string_view name) {
    auto q = db.prepare("SELECT day FROM membership_jobs WHERE name = ?");
    q.bind(name);
    return q.step() ? q.text(0) : std::string();
}

void set_job_day(db::Database& db, std::string_view name, std::string_view day) {
    auto q = db.prepare("INSERT INTO membership_jobs (name, day) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET day = excluded.day");
    q.bind(name, day);
    q.run();
}

std::map<int64_t, std::string> seen_states(db::Database& db) {
    std::map<int64_t, std::string> out;
    auto q = db.prepare("SELECT member_id, state FROM membership_seen");
    while (q.step()) out.emplace(q.i64(0), q.text(1));
    return out;
}

void set_seen_state(db::Database& db, int64_t member_id, std::string_view state, std::string_view day) {
    auto q = db.prepare("INSERT INTO membership_seen (member_id, state, seen_on) VALUES (?, ?, ?) "
                        "ON CONFLICT (member_id) DO UPDATE SET state = excluded.state, seen_on = excluded.seen_on");
    q.bind(member_id, state, day);
    q.run();
}

bool record_reminder(db::Database& db, int64_t member_id, std::string_view member_until, int days_before, int64_t now) {
    auto q = db.prepare("INSERT OR IGNORE INTO membership_reminders (member_id, member_until, days_before, sent_at) "
                        "VALUES (?, ?, ?, ?)");
    q.bind(member_id, member_until, days_before, now);
    q.run();
    return db.changes() > 0;
}

std::vector<std::pair<std::string, std::string>> admin_recipients(db::Database& db) {
    std::vector<std::pair<std::string, std::string>> out;
    auto q = db.prepare("SELECT email, locale FROM members WHERE role = 'admin' AND status = 'active' ORDER BY id");
    while (q.step()) out.emplace_back(q.text(0), q.text(1));
    return out;
}

int64_t count_joined_between(db::Database& db, std::string_view from, std::string_view to) {
    auto q = db.prepare("SELECT count(*) FROM members WHERE member_since >= ? AND member_since < ?");
    q.bind(from, to);
    return q.step() ? q.i64(0) : 0;
}

void set_notify_membership(db::Database& db, int64_t member_id, bool on) {
    auto q = db.prepare("UPDATE members SET notify_membership = ? WHERE id = ?");
    q.bind(on, member_id);
    q.run();
}

}  // namespace chatiere::store
