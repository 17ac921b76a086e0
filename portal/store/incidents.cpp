#include "store/incidents.h"

#include <set>
#include <stdexcept>

#include "status/status.h"

namespace chatiere::store {
namespace {

#define INCIDENT_COLUMNS                                                                                    \
    "i.id, i.kind, i.title, i.impact, i.state, i.created_at, i.updated_at, i.started_at, i.closes_at, "     \
    "i.resolved_at, i.scheduled_start, i.scheduled_end, i.postmortem"

// Whether the reader may see incident i (first bound parameter: include_members_only).
#define INCIDENT_VISIBLE                                                                                      \
    "(? OR NOT EXISTS (SELECT 1 FROM incident_services x WHERE x.incident_id = i.id) OR EXISTS (SELECT 1 "    \
    "FROM incident_services x JOIN services s ON s.id = x.service_id WHERE x.incident_id = i.id AND "         \
    "s.visibility = 'public' AND s.admin_state <> 'draft'))"

// The database keeps the text values; an unknown one is a broken row, named in the error.
template <typename T>
T parse_column(std::optional<T> parsed, const char* table, int64_t id, const char* column, const std::string& text) {
    if (!parsed)
        throw std::runtime_error(std::string(table) + " row " + std::to_string(id) + ": unknown " + column + " '" +
                                 text + "'");
    return *parsed;
}
domain::IncidentKind kind_of(const char* table, int64_t id, const std::string& text) {
    return parse_column(domain::parse_incident_kind(text), table, id, "kind", text);
}
domain::IncidentState state_of(const char* table, int64_t id, const std::string& text) {
    return parse_column(domain::parse_incident_state(text), table, id, "state", text);
}
domain::Impact impact_of(const char* table, int64_t id, const std::string& text) {
    return parse_column(domain::parse_impact(text), table, id, "impact", text);
}

Incident read_incident(db::Query& q) {
    Incident i;
    i.id = q.i64(0);
    i.kind = kind_of("incidents", i.id, q.text(1));
    i.title = q.text(2);
    i.impact = impact_of("incidents", i.id, q.text(3));
    i.state = state_of("incidents", i.id, q.text(4));
    i.created_at = q.i64(5);
    i.updated_at = q.i64(6);
    i.started_at = q.i64(7);
    i.closes_at = q.i64(8);
    i.resolved_at = q.opt_i64(9);
    i.scheduled_start = q.opt_i64(10);
    i.scheduled_end = q.opt_i64(11);
    i.postmortem = q.text(12);
    return i;
}

std::vector<AffectedService> services_of(db::Database& db, int64_t incident_id) {
    auto q = db.prepare(
        "SELECT s.id, s.slug, s.name, s.visibility, s.admin_state, x.effect FROM incident_services x "
        "JOIN services s ON s.id = x.service_id WHERE x.incident_id = ? ORDER BY s.position, s.id");
    q.bind(incident_id);
    std::vector<AffectedService> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
    return out;
}

IncidentUpdate read_update(db::Query& q) {
    int64_t id = q.i64(0);
    return {id, q.i64(1), q.i64(2), q.opt_i64(3), q.text(4), state_of("incident_updates", id, q.text(5)), q.text(6)};
}

}  // namespace

int64_t create_incident(db::Database& db, const NewIncident& n, int64_t now) {
    int64_t started = n.started_at ? n.started_at : now;
    int64_t closes = status::kOpen;
    if (n.kind == domain::IncidentKind::Maintenance) {
        started = n.scheduled_start.value_or(now);
        closes = n.scheduled_end.value_or(started + 3600);
    }
    std::optional<int64_t> resolved;
    if (domain::is_closed(n.state)) {
        resolved = now;
        closes = std::min(closes, now);
    }
    db.prepare(
          "INSERT INTO incidents (kind, title, impact, state, created_at, updated_at, started_at, closes_at, "
          "resolved_at, scheduled_start, scheduled_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
        .bind(std::string(domain::to_string(n.kind)), n.title, std::string(domain::to_string(n.impact)),
              std::string(domain::to_string(n.state)), now, now, started, closes, resolved, n.scheduled_start,
              n.scheduled_end)
        .run();
    int64_t id = db.last_insert_id();
    for (const auto& [service_id, effect] : n.services)
        db.prepare("INSERT OR REPLACE INTO incident_services (incident_id, service_id, effect) VALUES (?,?,?)")
            .bind(id, service_id, effect)
            .run();
    db.prepare("INSERT INTO incident_updates (incident_id, at, author_id, author_name, state, body) "
               "VALUES (?,?,?,?,?,?)")
        .bind(id, now, n.author_id, n.author_name, std::string(domain::to_string(n.state)), n.body)
        .run();
    return id;
}

std::optional<Incident> find_incident(db::Database& db, int64_t id) {
    std::optional<Incident> out;
    {
        auto q = db.prepare("SELECT " INCIDENT_COLUMNS " FROM incidents i WHERE i.id = ?");
        q.bind(id);
        if (q.step()) out = read_incident(q);
    }
    if (out) out->services = services_of(db, id);
    return out;
}

std::vector<IncidentUpdate> incident_updates(db::Database& db, int64_t incident_id) {
    auto q = db.prepare(
        "SELECT id, incident_id, at, author_id, author_name, state, body FROM incident_updates "
        "WHERE incident_id = ? ORDER BY at, id");
    q.bind(incident_id);
    std::vector<IncidentUpdate> out;
    while (q.step()) out.push_back(read_update(q));
    return out;
}

std::optional<IncidentUpdate> latest_update(db::Database& db, int64_t incident_id) {
    auto q = db.prepare(
        "SELECT id, incident_id, at, author_id, author_name, state, body FROM incident_updates "
        "WHERE incident_id = ? ORDER BY at DESC, id DESC LIMIT 1");
    q.bind(incident_id);
    if (q.step()) return read_update(q);
    return std::nullopt;
}

int64_t add_incident_update(db::Database& db, int64_t incident_id, domain::IncidentState new_state,
                            std::string_view body, std::optional<int64_t> author_id, std::string_view author_name,
                            int64_t now) {
    std::string state(domain::to_string(new_state));
    db.prepare("INSERT INTO incident_updates (incident_id, at, author_id, author_name, state, body) "
               "VALUES (?,?,?,?,?,?)")
        .bind(incident_id, now, author_id, author_name, state, body)
        .run();
    int64_t update_id = db.last_insert_id();
    if (domain::is_closed(new_state)) {
        db.prepare("UPDATE incidents SET state = ?, updated_at = ?, resolved_at = ?, closes_at = min(closes_at, ?), "
                   "started_at = min(started_at, ?) WHERE id = ?")
            .bind(state, now, now, now, now, incident_id)
            .run();
    } else if (new_state == domain::IncidentState::InProgress) {
        db.prepare("UPDATE incidents SET state = ?, updated_at = ?, started_at = min(started_at, ?) WHERE id = ?")
            .bind(state, now, now, incident_id)
            .run();
    } else {
        db.prepare("UPDATE incidents SET state = ?, updated_at = ? WHERE id = ?").bind(state, now, incident_id).run();
    }
    return update_id;
}

void set_update_effects(db::Database& db, int64_t incident_id, int64_t update_id,
                        const std::vector<std::pair<int64_t, std::string>>& effects) {
    for (const auto& [service_id, effect] : effects) {
        db.prepare("INSERT OR REPLACE INTO incident_services (incident_id, service_id, effect) VALUES (?,?,?)")
            .bind(incident_id, service_id, effect)
            .run();
        db.prepare("INSERT OR REPLACE INTO incident_update_effects (update_id, service_id, effect) VALUES (?,?,?)")
            .bind(update_id, service_id, effect)
            .run();
    }
}

std::vector<UpdateEffect> update_effects(db::Database& db, int64_t incident_id) {
    auto q = db.prepare(
        "SELECT e.update_id, s.id, s.slug, s.name, s.visibility, s.admin_state, e.effect FROM incident_update_effects e "
        "JOIN incident_updates u ON u.id = e.update_id JOIN services s ON s.id = e.service_id "
        "WHERE u.incident_id = ? ORDER BY e.update_id, s.position, s.id");
    q.bind(incident_id);
    std::vector<UpdateEffect> out;
    while (q.step()) out.push_back({q.i64(0), {q.i64(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)}});
    return out;
}

void set_postmortem(db::Database& db, int64_t incident_id, std::string_view text, int64_t now) {
    db.prepare("UPDATE incidents SET postmortem = ?, updated_at = ? WHERE id = ?").bind(text, now, incident_id).run();
}

void load_services(db::Database& db, std::vector<Incident>& incidents) {
    for (auto& i : incidents) i.services = services_of(db, i.id);
}

std::vector<Incident> active_incidents(db::Database& db, int64_t now, bool include_members_only) {
    std::vector<Incident> out;
    {
        auto q = db.prepare("SELECT " INCIDENT_COLUMNS " FROM incidents i WHERE i.closes_at > ? AND " INCIDENT_VISIBLE
                            " ORDER BY i.started_at DESC, i.id DESC");
        q.bind(now, include_members_only);
        while (q.step()) out.push_back(read_incident(q));
    }
    load_services(db, out);
    return out;
}

std::vector<Incident> running_incidents(db::Database& db, int64_t now, bool include_members_only) {
    std::vector<Incident> out;
    {
        auto q = db.prepare("SELECT " INCIDENT_COLUMNS " FROM incidents i WHERE i.closes_at > ? AND i.started_at <= ? AND "
                            INCIDENT_VISIBLE " ORDER BY i.started_at DESC, i.id DESC");
        q.bind(now, now, include_members_only);
        while (q.step()) out.push_back(read_incident(q));
    }
    load_services(db, out);
    return out;
}

std::vector<Incident> list_incidents(db::Database& db, bool include_members_only, int limit, int offset) {
    std::vector<Incident> out;
    {
        auto q = db.prepare("SELECT " INCIDENT_COLUMNS " FROM incidents i WHERE " INCIDENT_VISIBLE
                            " ORDER BY i.id DESC LIMIT ? OFFSET ?");
        q.bind(include_members_only, limit + 1, offset);
        while (q.step()) out.push_back(read_incident(q));
    }
    load_services(db, out);
    return out;
}

std::vector<Incident> recent_incidents(db::Database& db, bool include_members_only, int limit,
                                       std::optional<domain::IncidentKind> kind) {
    std::vector<Incident> out;
    {
        auto q = db.prepare("SELECT " INCIDENT_COLUMNS " FROM incidents i WHERE (? = '' OR i.kind = ?) AND "
                            INCIDENT_VISIBLE " ORDER BY i.updated_at DESC, i.id DESC LIMIT ?");
        std::string k(kind ? domain::to_string(*kind) : "");  // "": both kinds
        q.bind(k, k, include_members_only, limit);
        while (q.step()) out.push_back(read_incident(q));
    }
    load_services(db, out);
    return out;
}

std::vector<Incident> service_incidents(db::Database& db, int64_t service_id, int limit, int offset) {
    std::vector<Incident> out;
    {
        auto q = db.prepare("SELECT " INCIDENT_COLUMNS " FROM incident_services x JOIN incidents i ON i.id = "
                            "x.incident_id WHERE x.service_id = ? ORDER BY x.incident_id DESC LIMIT ? OFFSET ?");
        q.bind(service_id, limit + 1, offset);
        while (q.step()) out.push_back(read_incident(q));
    }
    load_services(db, out);
    return out;
}

std::vector<ServiceSpan> spans_between(db::Database& db, int64_t since, int64_t until) {
    auto q = db.prepare(
        "SELECT x.service_id, i.id, i.started_at, i.closes_at, i.kind, i.state, x.effect FROM incidents i "
        "JOIN incident_services x ON x.incident_id = i.id WHERE i.closes_at > ? AND i.started_at < ?");
    q.bind(since, until);
    std::vector<ServiceSpan> out;
    while (q.step()) {
        int64_t incident_id = q.i64(1);
        out.push_back({q.i64(0), incident_id, q.i64(2), q.i64(3), kind_of("incidents", incident_id, q.text(4)),
                       state_of("incidents", incident_id, q.text(5)), q.text(6)});
    }
    return out;
}

std::vector<Recipient> incident_recipients(db::Database& db, const std::vector<int64_t>& service_ids) {
    std::set<int64_t> seen;
    std::vector<Recipient> out;
    for (int64_t sid : service_ids) {
        // Per service (issue 19): an attached service is on unless the member said no (or had
        // turned the old single switch off); any other only when the member asked for it.
        auto q = db.prepare(
            "SELECT m.id, m.email, m.locale FROM member_services ms JOIN members m ON m.id = ms.member_id "
            "LEFT JOIN member_alerts a ON a.member_id = ms.member_id AND a.service_id = ms.service_id "
            "WHERE ms.service_id = ?1 AND m.status = 'active' AND coalesce(a.wanted, m.notify_incidents) = 1 "
            "UNION "
            "SELECT m.id, m.email, m.locale FROM member_alerts a JOIN members m ON m.id = a.member_id "
            "WHERE a.service_id = ?1 AND a.wanted = 1 AND m.status = 'active'");
        q.bind(sid);
        while (q.step())
            if (seen.insert(q.i64(0)).second) out.push_back({q.i64(0), q.text(1), q.text(2)});
    }
    return out;
}

}  // namespace chatiere::store
