#include "store/outbox.h"

namespace chatiere::store {

namespace {
OutgoingMail read_mail(db::Query& q) {
    OutgoingMail m;
    m.id = q.i64(0);
    m.to = q.text(1);
    m.subject = q.text(2);
    m.body = q.text(3);
    m.created_at = q.i64(4);
    m.attempts = q.integer(5);
    m.next_attempt_at = q.i64(6);
    m.last_error = q.text(7);
    m.sent_at = q.opt_i64(8);
    m.headers = q.text(9);
    return m;
}
}  // namespace

int64_t enqueue_mail(db::Database& db, std::string_view to, std::string_view subject, std::string_view body,
                     int64_t now) {
    db.prepare("INSERT INTO outbox (to_addr, subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)")
        .bind(to, subject, body, now, now)
        .run();
    return db.last_insert_id();
}

std::vector<OutgoingMail> due_mail(db::Database& db, int64_t now, int limit) {
    auto q = db.prepare(
        "SELECT id, to_addr, subject, body, created_at, attempts, next_attempt_at, last_error, sent_at, headers FROM outbox "
        "WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?");
    q.bind(now, limit);
    std::vector<OutgoingMail> out;
    while (q.step()) out.push_back(read_mail(q));
    return out;
}

void mark_mail_sent(db::Database& db, int64_t id, int64_t now) {
    db.prepare("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?")
        .bind(now, id)
        .run();
}

void mark_mail_failed(db::Database& db, int64_t id, std::string_view error, int64_t retry_at) {
    db.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?")
        .bind(error, retry_at, id)
        .run();
}

void retry_mail_now(db::Database& db, int64_t id, int64_t now) {
    db.prepare("UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL").bind(now, id).run();
}

std::vector<OutgoingMail> stuck_mail(db::Database& db, int limit) {
    auto q = db.prepare(
        "SELECT id, to_addr, subject, body, created_at, attempts, next_attempt_at, last_error, sent_at, headers FROM outbox "
        "WHERE sent_at IS NULL AND attempts > 0 ORDER BY next_attempt_at DESC LIMIT ?");
    q.bind(limit);
    std::vector<OutgoingMail> out;
    while (q.step()) out.push_back(read_mail(q));
    return out;
}

}  // namespace chatiere::store
