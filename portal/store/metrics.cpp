#include "store/metrics.h"

namespace chatiere::store {

void add_metric(db::Database& db, std::string_view name, std::string_view day, int64_t delta) {
    auto q = db.prepare(
        "INSERT INTO metrics_daily (name, day, value) VALUES (?, ?, ?) "
        "ON CONFLICT (name, day) DO UPDATE SET value = value + excluded.value");
    q.bind(name, day, delta).run();
}

void set_metric(db::Database& db, std::string_view name, std::string_view day, int64_t value) {
    auto q = db.prepare(
        "INSERT INTO metrics_daily (name, day, value) VALUES (?, ?, ?) "
        "ON CONFLICT (name, day) DO UPDATE SET value = excluded.value");
    q.bind(name, day, value).run();
}

std::optional<int64_t> get_metric(db::Database& db, std::string_view name, std::string_view day) {
    auto q = db.prepare("SELECT value FROM metrics_daily WHERE name = ? AND day = ?");
    q.bind(name, day);
    if (q.step()) return q.i64(0);
    return std::nullopt;
}

std::map<std::string, int64_t> metric_monthly_sums(db::Database& db, std::string_view name, std::string_view from_day,
                                                   std::string_view to_day) {
    auto q = db.prepare(
        "SELECT substr(day, 1, 7), sum(value) FROM metrics_daily WHERE name = ? AND day >= ? AND day < ? "
        "GROUP BY substr(day, 1, 7)");
    q.bind(name, from_day, to_day);
    std::map<std::string, int64_t> out;
    while (q.step()) out[q.text(0)] = q.i64(1);
    return out;
}

std::map<std::string, int64_t> metric_monthly_last(db::Database& db, std::string_view name, std::string_view from_day,
                                                   std::string_view to_day) {
    // SQLite takes the bare column `value` from the row that has max(day).
    auto q = db.prepare(
        "SELECT substr(day, 1, 7), value, max(day) FROM metrics_daily WHERE name = ? AND day >= ? AND day < ? "
        "GROUP BY substr(day, 1, 7)");
    q.bind(name, from_day, to_day);
    std::map<std::string, int64_t> out;
    while (q.step()) out[q.text(0)] = q.i64(1);
    return out;
}

std::string metric_first_day(db::Database& db, std::string_view name) {
    auto q = db.prepare("SELECT min(day) FROM metrics_daily WHERE name = ?");
    q.bind(name);
    if (q.step() && !q.is_null(0)) return q.text(0);
    return {};
}

MemberCounts count_members(db::Database& db, int64_t now) {
    auto q = db.prepare(
        "SELECT count(*), coalesce(sum(last_login_at >= ?), 0) FROM members WHERE status = 'active'");
    q.bind(now - 30 * 86400);
    MemberCounts c;
    if (q.step()) {
        c.accounts = q.i64(0);
        c.active = q.i64(1);
    }
    return c;
}

std::vector<std::pair<int64_t, int64_t>> count_service_accounts(db::Database& db) {
    auto q = db.prepare("SELECT service_id, count(*) FROM member_services GROUP BY service_id");
    std::vector<std::pair<int64_t, int64_t>> out;
    while (q.step()) out.emplace_back(q.i64(0), q.i64(1));
    return out;
}

}  // namespace chatiere::store
