// The incident's typed values (kind, state, impact): one parse/format pair each; the database
// and the API keep their text.
#pragma once
#include <optional>
#include <string_view>

namespace chatiere::domain {

enum class IncidentKind { Incident, Maintenance };
std::optional<IncidentKind> parse_incident_kind(std::string_view s);  // incident | maintenance
std::string_view to_string(IncidentKind k);

// An incident goes investigating → identified → monitoring → resolved; a maintenance
// scheduled → in_progress → completed (see status/status.h for the transitions).
enum class IncidentState { Investigating, Identified, Monitoring, Resolved, Scheduled, InProgress, Completed };
std::optional<IncidentState> parse_incident_state(std::string_view s);
std::string_view to_string(IncidentState s);
// Resolved or completed: only a post-mortem may follow.
bool is_closed(IncidentState s);
// Whether the state belongs to that kind's life cycle.
bool belongs_to(IncidentState s, IncidentKind k);

enum class Impact { None, Minor, Major, Critical };
std::optional<Impact> parse_impact(std::string_view s);  // none | minor | major | critical
std::string_view to_string(Impact i);

}  // namespace chatiere::domain
