#include "store/requests.h"

namespace chatiere::store {

namespace {

#define REQUEST_COLUMNS                                                                                      \
    "r.id, r.member_id, r.service_id, r.state, r.terms_accepted, r.automatic, r.identifier, r.created_at, " \
    "r.updated_at, r.decided_at, m.name, s.slug, s.name, r.queue_key"
#define REQUEST_FROM \
    " FROM service_requests r JOIN members m ON m.id = r.member_id JOIN services s ON s.id = r.service_id "

ServiceRequest read_request(db::Query& q) {
    ServiceRequest r;
    r.id = q.i64(0);
    r.member_id = q.i64(1);
    r.service_id = q.i64(2);
    r.state = q.text(3);
    r.terms_accepted = q.i64(4) != 0;
    r.automatic = q.i64(5) != 0;
    r.identifier = q.text(6);
    r.created_at = q.i64(7);
    r.updated_at = q.i64(8);
    r.decided_at = q.opt_i64(9);
    r.member_name = q.text(10);
    r.service_slug = q.text(11);
    r.service_name = q.text(12);
    r.queue_key = q.i64(13);
    return r;
}

std::vector<ServiceRequest> read_all(db::Query& q) {
    std::vector<ServiceRequest> out;
    while (q.step()) out.push_back(read_request(q));
    return out;
}

}  // namespace

bool request_is_open(std::string_view state) { return state == "pending" || state == "question"; }

int64_t insert_request(db::Database& db, int64_t member_id, int64_t service_id, bool terms_accepted, int64_t now) {
    db.prepare(
          "INSERT INTO service_requests (member_id, service_id, terms_accepted, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?)")
        .bind(member_id, service_id, terms_accepted, now, now)
        .run();
    return db.last_insert_id();
}

void add_request_note(db::Database& db, int64_t request_id, std::string_view kind, std::string_view body, int64_t now) {
    db.prepare("INSERT INTO service_request_notes (request_id, kind, body, at) VALUES (?, ?, ?, ?)")
        .bind(request_id, kind, body, now)
        .run();
}

std::optional<ServiceRequest> find_request(db::Database& db, int64_t id) {
    auto q = db.prepare("SELECT " REQUEST_COLUMNS REQUEST_FROM "WHERE r.id = ?");
    q.bind(id);
    if (!q.step()) return std::nullopt;
    return read_request(q);
}

std::optional<ServiceRequest> open_request(db::Database& db, int64_t member_id, int64_t service_id) {
    auto q = db.prepare("SELECT " REQUEST_COLUMNS REQUEST_FROM
                        "WHERE r.member_id = ? AND r.service_id = ? AND r.state IN ('pending', 'question')");
    q.bind(member_id, service_id);
    if (!q.step()) return std::nullopt;
    return read_request(q);
}

bool move_request(db::Database& db, int64_t id, std::initializer_list<std::string_view> from, std::string_view to,
                  int64_t now, std::string_view identifier) {
    for (auto state : from) {
        bool decided = !request_is_open(to);
        db.prepare(
              "UPDATE service_requests SET state = ?3, updated_at = ?4, "
              "decided_at = CASE WHEN ?5 THEN ?4 ELSE decided_at END, "
              "identifier = CASE WHEN ?6 = '' THEN identifier ELSE ?6 END WHERE id = ?1 AND state = ?2")
            .bind(id, state, to, now, decided, identifier)
            .run();
        if (db.changes() > 0) return true;
    }
    return false;
}

void set_request_automatic(db::Database& db, int64_t id) {
    db.prepare("UPDATE service_requests SET automatic = 1 WHERE id = ?").bind(id).run();
}

std::vector<RequestNote> request_notes(db::Database& db, int64_t request_id) {
    std::vector<RequestNote> out;
    auto q = db.prepare(
        "SELECT id, request_id, kind, body, at FROM service_request_notes WHERE request_id = ? ORDER BY id LIMIT 500");
    q.bind(request_id);
    while (q.step()) out.push_back({q.i64(0), q.i64(1), q.text(2), q.text(3), q.i64(4)});
    return out;
}

std::vector<ServiceRequest> member_requests(db::Database& db, int64_t member_id, int limit) {
    auto q = db.prepare("SELECT " REQUEST_COLUMNS REQUEST_FROM "WHERE r.member_id = ? ORDER BY r.id DESC LIMIT ?");
    q.bind(member_id, limit);
    return read_all(q);
}

std::vector<ServiceRequest> request_queue(db::Database& db, std::optional<std::string_view> state, int64_t after,
                                          int limit) {
    if (state) {
        auto q = db.prepare("SELECT " REQUEST_COLUMNS REQUEST_FROM
                            "WHERE r.state = ?1 AND r.id < ?2 ORDER BY r.id DESC LIMIT ?3");
        q.bind(*state, after == 0 ? INT64_MAX : after, limit);
        return read_all(q);
    }
    auto q = db.prepare("SELECT " REQUEST_COLUMNS REQUEST_FROM "WHERE r.queue_key > ?1 ORDER BY r.queue_key LIMIT ?2");
    q.bind(after == 0 ? INT64_MIN : after, limit);
    return read_all(q);
}

int64_t count_requests(db::Database& db, std::string_view state) {
    auto q = db.prepare("SELECT count(*) FROM service_requests WHERE state = ?");
    q.bind(state);
    return q.step() ? q.i64(0) : 0;
}

std::vector<ServiceRequest> requests_after(db::Database& db, int64_t after_id, int limit) {
    auto q = db.prepare("SELECT " REQUEST_COLUMNS REQUEST_FROM "WHERE r.id > ? ORDER BY r.id LIMIT ?");
    q.bind(after_id, limit);
    return read_all(q);
}

int64_t last_request_id(db::Database& db) {
    auto q = db.prepare("SELECT coalesce(max(id), 0) FROM service_requests");
    return q.step() ? q.i64(0) : 0;
}

nlohmann::json member_requests_export(db::Database& db, int64_t member_id) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : member_requests(db, member_id, 100000)) {
        nlohmann::json notes = nlohmann::json::array();
        for (const auto& n : request_notes(db, r.id)) notes.push_back({{"kind", n.kind}, {"body", n.body}, {"at", n.at}});
        out.push_back({{"id", r.id},
                       {"service", r.service_slug},
                       {"service_name", r.service_name},
                       {"state", r.state},
                       {"identifier", r.identifier},
                       {"terms_accepted", r.terms_accepted},
                       {"automatic", r.automatic},
                       {"created_at", r.created_at},
                       {"updated_at", r.updated_at},
                       {"decided_at", r.decided_at ? nlohmann::json(*r.decided_at) : nlohmann::json()},
                       {"notes", notes}});
    }
    return out;
}

std::vector<AskableService> askable_services(db::Database& db, int64_t member_id, int limit) {
    std::vector<AskableService> out;
    auto q = db.prepare(
        "SELECT s.id, s.slug, s.name FROM services s "
        "WHERE (';' || s.registration || ';' LIKE '%;Member;%' OR ';' || s.registration || ';' LIKE '%;Free;%') "
        "AND s.admin_state <> 'draft' AND s.registration_load <> 'FULL' "
        "AND NOT EXISTS (SELECT 1 FROM member_services ms WHERE ms.member_id = ?1 AND ms.service_id = s.id) "
        "AND NOT EXISTS (SELECT 1 FROM service_requests r WHERE r.member_id = ?1 AND r.service_id = s.id "
        "                AND r.state IN ('pending', 'question')) "
        "ORDER BY s.position, s.id LIMIT ?2");
    q.bind(member_id, limit);
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2)});
    return out;
}

std::string service_request_mode(db::Database& db, int64_t service_id) {
    auto q = db.prepare("SELECT request_mode FROM services WHERE id = ?");
    q.bind(service_id);
    return q.step() ? q.text(0) : "approval";
}

void set_service_request_mode(db::Database& db, int64_t service_id, std::string_view mode) {
    db.prepare("UPDATE services SET request_mode = ? WHERE id = ?").bind(mode, service_id).run();
}

std::vector<AdminContact> admin_contacts(db::Database& db) {
    std::vector<AdminContact> out;
    auto q = db.prepare(
        "SELECT id, name, email, locale, request_notify, request_digest_at, request_digest_after "
        "FROM members INDEXED BY members_admins WHERE role = 'admin' AND status = 'active' ORDER BY id");
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.opt_i64(5), q.i64(6)});
    return out;
}

std::string request_notify_of(db::Database& db, int64_t member_id) {
    auto q = db.prepare("SELECT request_notify FROM members WHERE id = ?");
    q.bind(member_id);
    return q.step() ? q.text(0) : "each";
}

void set_request_notify(db::Database& db, int64_t member_id, std::string_view notify, int64_t now) {
    // Choosing the digest again keeps its place; switching to it starts from the newest request.
    db.prepare(
          "UPDATE members SET "
          "request_digest_at = CASE WHEN request_notify <> ?2 AND ?2 = 'digest' THEN ?3 ELSE request_digest_at END, "
          "request_digest_after = CASE WHEN request_notify <> ?2 AND ?2 = 'digest' "
          "  THEN (SELECT coalesce(max(id), 0) FROM service_requests) ELSE request_digest_after END, "
          "request_notify = ?2 WHERE id = ?1")
        .bind(member_id, notify, now)
        .run();
}

void mark_digest_run(db::Database& db, int64_t member_id, int64_t now, int64_t after_id) {
    db.prepare("UPDATE members SET request_digest_at = ?, request_digest_after = ? WHERE id = ?")
        .bind(now, after_id, member_id)
        .run();
}

void insert_departure(db::Database& db, std::string_view service_name, std::string_view identifier) {
    db.prepare("INSERT INTO departures (service_name, identifier) VALUES (?, ?)").bind(service_name, identifier).run();
}

std::vector<Departure> open_departures(db::Database& db, int64_t after_id, int limit) {
    std::vector<Departure> out;
    auto q = db.prepare(
        "SELECT id, service_name, identifier, closed_at, closed_by FROM departures "
        "WHERE closed_at IS NULL AND id > ? ORDER BY id LIMIT ?");
    q.bind(after_id, limit);
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.opt_i64(3), q.text(4)});
    return out;
}

std::optional<Departure> find_departure(db::Database& db, int64_t id) {
    auto q = db.prepare("SELECT id, service_name, identifier, closed_at, closed_by FROM departures WHERE id = ?");
    q.bind(id);
    if (!q.step()) return std::nullopt;
    return Departure{q.i64(0), q.text(1), q.text(2), q.opt_i64(3), q.text(4)};
}

int64_t count_open_departures(db::Database& db) {
    auto q = db.prepare("SELECT count(*) FROM departures WHERE closed_at IS NULL");
    return q.step() ? q.i64(0) : 0;
}

bool close_departure(db::Database& db, int64_t id, std::string_view admin, int64_t now) {
    db.prepare("UPDATE departures SET closed_at = ?, closed_by = ?, identifier = '' WHERE id = ? AND closed_at IS NULL")
        .bind(now, admin, id)
        .run();
    return db.changes() > 0;
}

}  // namespace chatiere::store
