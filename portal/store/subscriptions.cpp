#include "store/subscriptions.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

namespace chatiere::store {

namespace {

std::string ids_json(const std::vector<int64_t>& ids) { return nlohmann::json(ids).dump(); }

std::vector<int64_t> ids_from_json(const std::string& text) {
    std::vector<int64_t> out;
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_number_integer()) out.push_back(v.get<int64_t>());
    return out;
}

constexpr const char* kSubscriberColumns =
    "SELECT id, email, lang, all_services, maintenance, salt, created_at, updated_at FROM subscribers ";

Subscriber read_subscriber(db::Query& q) {
    Subscriber s;
    s.id = q.i64(0);
    s.email = q.text(1);
    s.lang = q.text(2);
    s.all_services = q.integer(3) != 0;
    s.maintenance = q.integer(4) != 0;
    s.salt = q.text(5);
    s.created_at = q.i64(6);
    s.updated_at = q.i64(7);
    return s;
}

void load_services(db::Database& db, Subscriber& s) {
    auto q = db.prepare("SELECT service_id FROM subscriber_services WHERE subscriber_id = ? ORDER BY service_id");
    q.bind(s.id);
    while (q.step()) s.services.push_back(q.i64(0));
}

void replace_services(db::Database& db, int64_t id, const std::vector<int64_t>& services) {
    db.prepare("DELETE FROM subscriber_services WHERE subscriber_id = ?").bind(id).run();
    for (int64_t sid : services)
        db.prepare(
              "INSERT OR IGNORE INTO subscriber_services (subscriber_id, service_id) "
              "SELECT ?, id FROM services WHERE id = ?")
            .bind(id, sid)
            .run();
}

}  // namespace

std::vector<unsigned char> subscription_key(db::Database& db) {
    auto q = db.prepare("SELECT secret FROM subscription_keys WHERE id = 1");
    if (q.step()) return q.blob(0);
    std::vector<unsigned char> key(32);
    randombytes_buf(key.data(), key.size());
    db.prepare("INSERT OR IGNORE INTO subscription_keys (id, secret) VALUES (1, ?)").bind(key).run();
    // Another connection may have made it first: read back the one that counts.
    auto again = db.prepare("SELECT secret FROM subscription_keys WHERE id = 1");
    again.step();
    return again.blob(0);
}

void insert_subscription_request(db::Database& db, const std::string& token_hash, const SubscriptionRequest& r) {
    db.prepare(
          "INSERT INTO subscription_requests (token_hash, email, lang, all_services, maintenance, services, "
          "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(token_hash, r.email, r.lang, r.all_services, r.maintenance, ids_json(r.services), r.created_at,
              r.expires_at)
        .run();
}

std::optional<SubscriptionRequest> find_subscription_request(db::Database& db, const std::string& token_hash,
                                                             int64_t now) {
    auto q = db.prepare(
        "SELECT email, lang, all_services, maintenance, services, created_at, expires_at FROM subscription_requests "
        "WHERE token_hash = ? AND expires_at > ?");
    q.bind(token_hash, now);
    if (!q.step()) return std::nullopt;
    SubscriptionRequest r;
    r.email = q.text(0);
    r.lang = q.text(1);
    r.all_services = q.integer(2) != 0;
    r.maintenance = q.integer(3) != 0;
    r.services = ids_from_json(q.text(4));
    r.created_at = q.i64(5);
    r.expires_at = q.i64(6);
    return r;
}

void delete_subscription_request(db::Database& db, const std::string& token_hash) {
    db.prepare("DELETE FROM subscription_requests WHERE token_hash = ?").bind(token_hash).run();
}

int delete_expired_subscription_requests(db::Database& db, int64_t now) {
    db.prepare("DELETE FROM subscription_requests WHERE expires_at <= ?").bind(now).run();
    return db.changes();
}

int64_t count_subscription_requests(db::Database& db, int64_t now) {
    auto q = db.prepare("SELECT count(*) FROM subscription_requests WHERE expires_at > ?");
    q.bind(now);
    q.step();
    return q.i64(0);
}

std::optional<Subscriber> find_subscriber(db::Database& db, int64_t id) {
    auto q = db.prepare(std::string(kSubscriberColumns) + "WHERE id = ?");
    q.bind(id);
    if (!q.step()) return std::nullopt;
    auto s = read_subscriber(q);
    load_services(db, s);
    return s;
}

std::optional<Subscriber> find_subscriber_by_email(db::Database& db, const std::string& email) {
    auto q = db.prepare(std::string(kSubscriberColumns) + "WHERE email = ?");
    q.bind(email);
    if (!q.step()) return std::nullopt;
    auto s = read_subscriber(q);
    load_services(db, s);
    return s;
}

int64_t save_subscriber(db::Database& db, const Subscriber& s, int64_t now) {
    db.prepare(
          "INSERT INTO subscribers (email, lang, all_services, maintenance, salt, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO UPDATE SET lang = excluded.lang, "
          "all_services = excluded.all_services, maintenance = excluded.maintenance, updated_at = excluded.updated_at")
        .bind(s.email, s.lang, s.all_services, s.maintenance, s.salt, now, now)
        .run();
    auto q = db.prepare("SELECT id FROM subscribers WHERE email = ?");
    q.bind(s.email);
    q.step();
    int64_t id = q.i64(0);
    replace_services(db, id, s.all_services ? std::vector<int64_t>{} : s.services);
    return id;
}

void update_subscriber(db::Database& db, const Subscriber& s, int64_t now) {
    db.prepare("UPDATE subscribers SET lang = ?, all_services = ?, maintenance = ?, updated_at = ? WHERE id = ?")
        .bind(s.lang, s.all_services, s.maintenance, now, s.id)
        .run();
    replace_services(db, s.id, s.all_services ? std::vector<int64_t>{} : s.services);
}

bool delete_subscriber(db::Database& db, int64_t id) {
    db.prepare("DELETE FROM subscribers WHERE id = ?").bind(id).run();
    return db.changes() > 0;
}

std::vector<Subscriber> all_subscribers(db::Database& db) {
    std::vector<Subscriber> out;
    {
        auto q = db.prepare(std::string(kSubscriberColumns) + "ORDER BY email");
        while (q.step()) out.push_back(read_subscriber(q));
    }
    for (auto& s : out) load_services(db, s);
    return out;
}

SubscriberCounts count_subscribers(db::Database& db) {
    SubscriberCounts c;
    auto q = db.prepare("SELECT count(*), coalesce(sum(all_services), 0), coalesce(sum(maintenance), 0) FROM subscribers");
    q.step();
    c.total = q.i64(0);
    c.all_services = q.i64(1);
    c.maintenance = q.i64(2);
    auto s = db.prepare("SELECT service_id, count(*) FROM subscriber_services GROUP BY service_id");
    while (s.step()) c.by_service.emplace_back(s.i64(0), s.i64(1));
    return c;
}

std::vector<SubscriberRecipient> subscribers_for(db::Database& db, const std::vector<int64_t>& service_ids,
                                                 bool maintenance) {
    std::vector<SubscriberRecipient> out;
    if (service_ids.empty()) return out;
    // Two index look-ups (the partial index of those following everything, then the services'
    // index), never a scan of the whole table.
    auto q = db.prepare(
        "SELECT id, email, lang, salt FROM subscribers WHERE all_services = 1 AND (?1 = 0 OR maintenance = 1) "
        "UNION "
        "SELECT s.id, s.email, s.lang, s.salt FROM subscriber_services ss JOIN subscribers s ON s.id = ss.subscriber_id "
        "WHERE ss.service_id IN (SELECT value FROM json_each(?2)) AND (?1 = 0 OR s.maintenance = 1)");
    q.bind(maintenance, ids_json(service_ids));
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3)});
    return out;
}

std::optional<IncidentNotice> find_incident_notice(db::Database& db, int64_t incident_id) {
    auto q = db.prepare(
        "SELECT silent, last_sent_at, due_at, reminder_sent_at FROM incident_notices WHERE incident_id = ?");
    q.bind(incident_id);
    if (!q.step()) return std::nullopt;
    return IncidentNotice{incident_id, q.integer(0) != 0, q.opt_i64(1), q.opt_i64(2), q.opt_i64(3)};
}

void save_incident_notice(db::Database& db, const IncidentNotice& n) {
    db.prepare(
          "INSERT INTO incident_notices (incident_id, silent, last_sent_at, due_at, reminder_sent_at) "
          "VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET silent = excluded.silent, "
          "last_sent_at = excluded.last_sent_at, due_at = excluded.due_at, reminder_sent_at = excluded.reminder_sent_at")
        .bind(n.incident_id, n.silent, n.last_sent_at, n.due_at, n.reminder_sent_at)
        .run();
}

bool latest_update_changed_something(db::Database& db, int64_t incident_id) {
    auto q = db.prepare(
        "SELECT id, state FROM incident_updates WHERE incident_id = ? ORDER BY at DESC, id DESC LIMIT 2");
    q.bind(incident_id);
    std::vector<std::pair<int64_t, std::string>> last;
    while (q.step()) last.emplace_back(q.i64(0), q.text(1));
    if (last.size() < 2) return true;
    if (last[0].second != last[1].second) return true;
    auto e = db.prepare("SELECT 1 FROM incident_update_effects WHERE update_id = ? LIMIT 1");
    e.bind(last[0].first);
    return e.step();
}

std::vector<int64_t> due_incident_notices(db::Database& db, int64_t now) {
    auto q = db.prepare(
        "SELECT incident_id FROM incident_notices WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at");
    q.bind(now);
    std::vector<int64_t> out;
    while (q.step()) out.push_back(q.i64(0));
    return out;
}

std::vector<int64_t> maintenance_needing_reminder(db::Database& db, int64_t now, int64_t lead) {
    auto q = db.prepare(
        "SELECT i.id FROM incidents i LEFT JOIN incident_notices n ON n.incident_id = i.id "
        "WHERE i.closes_at > ? AND i.kind = 'maintenance' AND i.state = 'scheduled' "
        "AND i.scheduled_start > ? AND i.scheduled_start <= ? "
        "AND coalesce(n.silent, 0) = 0 AND n.reminder_sent_at IS NULL "
        // announced (or last told about) within the lead already: a reminder would repeat it
        "AND (n.last_sent_at IS NULL OR n.last_sent_at < i.scheduled_start - ?)");
    q.bind(now, now, now + lead, lead);
    std::vector<int64_t> out;
    while (q.step()) out.push_back(q.i64(0));
    return out;
}

void enqueue_mails(db::Database& db, const std::vector<MailRow>& mails, int64_t now) {
    for (const auto& m : mails)
        db.prepare(
              "INSERT INTO outbox (to_addr, subject, body, headers, created_at, next_attempt_at) "
              "VALUES (?, ?, ?, ?, ?, ?)")
            .bind(m.to, m.subject, m.body, m.headers, now, now)
            .run();
}

std::vector<MemberAlert> member_alerts(db::Database& db, int64_t member_id) {
    auto q = db.prepare("SELECT service_id, wanted FROM member_alerts WHERE member_id = ?");
    q.bind(member_id);
    std::vector<MemberAlert> out;
    while (q.step()) out.push_back({q.i64(0), q.integer(1) != 0});
    return out;
}

void set_member_alerts(db::Database& db, int64_t member_id, const std::vector<MemberAlert>& alerts) {
    for (const auto& a : alerts)
        db.prepare(
              "INSERT INTO member_alerts (member_id, service_id, wanted) SELECT ?, id, ? FROM services WHERE id = ? "
              "ON CONFLICT (member_id, service_id) DO UPDATE SET wanted = excluded.wanted")
            .bind(member_id, a.wanted, a.service_id)
            .run();
}

}  // namespace chatiere::store
