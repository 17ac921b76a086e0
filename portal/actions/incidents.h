// Opening, updating and resolving an incident or a maintenance, and its post-mortem — the same
// for the admin pages, the write API and `chatiere incident`: the checks, the write (one
// transaction), the audit line, the members' mail and the webhooks queue.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "actions/context.h"
#include "domain/incident.h"

namespace chatiere::actions {

struct IncidentInput {
    domain::IncidentKind kind = domain::IncidentKind::Incident;
    std::string title;
    // As the author typed them: a value outside the choices is a field error, reported the
    // same way to every adapter. Ignored for a maintenance (impact none, state scheduled).
    std::string impact = "minor", state = "investigating";
    std::optional<int64_t> scheduled_start, scheduled_end;  // maintenance
    std::vector<std::pair<int64_t, std::string>> services;  // service id, effect
    std::string body;
    // Nothing goes out empty (issue 15): an incident touches at least one service unless its
    // author said it touches none (the form's box; the write API's incidents may omit them).
    bool touches_no_service = false;
    bool notify = true;  // false: "do not notify" — no mail to subscribers or members (webhooks still fire)
};

// Field → catalogue key ("title", "impact", "state", "window_start", "window_end",
// "services", "body", "kind"); empty when the input may be published.
FieldErrors validate_incident(const IncidentInput& in);

struct Opened {
    FieldErrors errors;  // nothing was written when not empty
    int64_t id = 0;
};
// Validates, then writes the incident with its first update, audits ("incident.open" or
// "maintenance.schedule"), mails the members of the touched services and queues the webhooks.
Opened open_incident(const Context& c, const IncidentInput& in);

// Whether an incident may move to `state` now: "" when it may, else a catalogue key
// ("status.api.not_found", "status.error.closed", "status.error.transition").
std::string check_transition(const Context& c, int64_t incident_id, std::string_view state);

// Whether an update may set EFFECT on a service: operational, degraded, partial_outage,
// major_outage (issue 15).
bool is_update_effect(std::string_view effect);

struct UpdateInput {
    std::optional<std::string> state;  // none: the stored state stays
    std::string body;                  // required
    // How the update changes each service (service id, effect; see is_update_effect), empty to
    // change none. Incidents only.
    std::vector<std::pair<int64_t, std::string>> effects;
    bool notify = true;  // false: this update mails neither subscribers nor members
};
// Checks, writes the update, audits ("incident.update", or "incident.resolve" when it closes
// it), mails the members when it closes it, queues the webhooks. Returns "" when done, else the
// catalogue key of what was refused (nothing written): see check_transition, and
// "front.incident.update_body_needed", "status.error.too_long", "status.error.choice".
std::string update_incident(const Context& c, int64_t incident_id, const UpdateInput& in);
// Resolves an incident (completes a maintenance), with an optional last word: update_incident
// with the closing state and no body needed.
std::string resolve_incident(const Context& c, int64_t incident_id, const std::string& body, bool notify = true);
// Once closed: "" when saved, else "status.api.not_found", "status.error.transition",
// "status.error.too_long".
std::string save_postmortem(const Context& c, int64_t incident_id, const std::string& text);

}  // namespace chatiere::actions
