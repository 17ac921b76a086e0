#pragma once
// SQL for incidents, maintenance windows and their updates.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/incident.h"

namespace chatiere::store {

struct AffectedService {
    int64_t service_id = 0;
    std::string slug, name, visibility, admin_state;
    std::string effect;  // degraded | partial_outage | major_outage
    bool visible_to(bool include_members_only) const {
        return admin_state != "draft" && (include_members_only || visibility == "public");
    }
};

struct IncidentUpdate {
    int64_t id = 0, incident_id = 0, at = 0;
    std::optional<int64_t> author_id;
    std::string author_name;
    domain::IncidentState state = domain::IncidentState::Investigating;
    std::string body;
};

struct Incident {
    int64_t id = 0;
    domain::IncidentKind kind = domain::IncidentKind::Incident;
    std::string title;
    domain::Impact impact = domain::Impact::Minor;
    domain::IncidentState state = domain::IncidentState::Investigating;  // as stored; see status::effective_state for what to show
    int64_t created_at = 0, updated_at = 0, started_at = 0, closes_at = 0;
    std::optional<int64_t> resolved_at, scheduled_start, scheduled_end;
    std::string postmortem;
    std::vector<AffectedService> services;  // filled by the functions that say so
};

struct NewIncident {
    domain::IncidentKind kind = domain::IncidentKind::Incident;
    std::string title;
    domain::Impact impact = domain::Impact::Minor;
    domain::IncidentState state = domain::IncidentState::Investigating;
    int64_t started_at = 0;                              // 0: now (incidents)
    std::optional<int64_t> scheduled_start, scheduled_end;  // maintenance
    std::vector<std::pair<int64_t, std::string>> services;  // service id, effect
    std::string body;                                    // first update (Markdown)
    std::optional<int64_t> author_id;
    std::string author_name;
};

// Opens an incident or schedules a maintenance with its first update. Returns its id.
// The caller validates (see status/status.h) and holds the transaction.
int64_t create_incident(db::Database& db, const NewIncident& n, int64_t now);
// The readers below parse kind, state and impact; a row holding a value outside them is a
// std::runtime_error naming the row.
// With its affected services.
std::optional<Incident> find_incident(db::Database& db, int64_t id);
// Oldest first.
std::vector<IncidentUpdate> incident_updates(db::Database& db, int64_t incident_id);
std::optional<IncidentUpdate> latest_update(db::Database& db, int64_t incident_id);
// Adds an update and moves the stored state to `state` (validated by the caller): resolving
// an incident or completing a maintenance closes it now; starting a maintenance early
// moves its start to now.
int64_t add_incident_update(db::Database& db, int64_t incident_id, domain::IncidentState state, std::string_view body,
                            std::optional<int64_t> author_id, std::string_view author_name, int64_t now);
// How an update changes each service's effect (issue 15): the incident's effect on the service
// becomes `effect` (operational | degraded | partial_outage | major_outage; a service not yet
// touched joins the incident) and the update keeps a record of it for the timeline. The
// caller validates and holds the transaction.
void set_update_effects(db::Database& db, int64_t incident_id, int64_t update_id,
                        const std::vector<std::pair<int64_t, std::string>>& effects);
// What the updates of an incident changed, in update order, with the services' names.
struct UpdateEffect {
    int64_t update_id = 0;
    AffectedService service;  // its `effect` is the one the update set
};
std::vector<UpdateEffect> update_effects(db::Database& db, int64_t incident_id);
void set_postmortem(db::Database& db, int64_t incident_id, std::string_view text, int64_t now);

// Open incidents, running and upcoming maintenance (closes_at > now), with their services,
// newest first. Only those the reader may see (see list_incidents).
std::vector<Incident> active_incidents(db::Database& db, int64_t now, bool include_members_only);
// Those of them running at `now`: open incidents and maintenance in its window (not the
// scheduled ones still to come).
std::vector<Incident> running_incidents(db::Database& db, int64_t now, bool include_members_only);

// History, newest first (by id), one page: `limit` + 1 rows are read so the caller knows if
// there is a next page. An incident is hidden from the public when every service it touches
// is members-only (or draft); one that touches no service is public.
std::vector<Incident> list_incidents(db::Database& db, bool include_members_only, int limit, int offset);
// Newest change first (by updated_at), with services; for feeds and the API.
// `kind` keeps only that kind; none keeps both.
std::vector<Incident> recent_incidents(db::Database& db, bool include_members_only, int limit,
                                       std::optional<domain::IncidentKind> kind = std::nullopt);
// One service's incidents and maintenance, newest first (by id), with services.
std::vector<Incident> service_incidents(db::Database& db, int64_t service_id, int limit, int offset);
// Fills `services` of each incident.
void load_services(db::Database& db, std::vector<Incident>& incidents);

// One service's share of an incident or maintenance over a span, for status and history.
struct ServiceSpan {
    int64_t service_id = 0, incident_id = 0, started_at = 0, closes_at = 0;
    domain::IncidentKind kind = domain::IncidentKind::Incident;
    domain::IncidentState state = domain::IncidentState::Investigating;
    std::string effect;
};
// Every (service, incident) whose time overlaps [since, until).
std::vector<ServiceSpan> spans_between(db::Database& db, int64_t since, int64_t until);

// Active members who want mail about one of these services (their per-service choice, issue 19):
// id, e-mail, locale.
struct Recipient {
    int64_t member_id = 0;
    std::string email, locale;
};
std::vector<Recipient> incident_recipients(db::Database& db, const std::vector<int64_t>& service_ids);

}  // namespace chatiere::store
