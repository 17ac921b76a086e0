#pragma once
// Pure status logic: no SQL, no HTTP. Everything takes the clock as an argument.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/incident.h"
#include "i18n/time_zone.h"

namespace chatiere::status {

// "Still open": the closes_at of an unresolved incident.
inline constexpr int64_t kOpen = INT64_MAX;

// The effect of an incident on one service, from least to most severe.
enum class Effect { None = 0, Degraded = 1, PartialOutage = 2, MajorOutage = 3 };
std::optional<Effect> parse_effect(std::string_view s);  // degraded | partial_outage | major_outage
std::string_view effect_name(Effect e);                  // "none" for None

// A service's status as shown everywhere.
enum class ServiceStatus { Operational, Degraded, PartialOutage, MajorOutage, Maintenance, Off, Draft };

// What decides a service's status: the admin's state (auto | off | draft), the worst effect
// among its open incidents, and whether a maintenance touching it is running.
// Precedence: draft > off > major outage > partial outage > maintenance > degraded > operational
// (an unplanned outage is worse news than a planned maintenance, which is more than slowness).
ServiceStatus derive(std::string_view admin_state, Effect worst_open_effect, bool maintenance_running);

std::string_view status_key(ServiceStatus s);        // "operational", "degraded", … (i18n and CSS)
std::string_view statuspage_name(ServiceStatus s);   // operational, degraded_performance, partial_outage,
                                                     // major_outage, under_maintenance
std::string_view chatonsinfos_level(ServiceStatus s);  // ON, MAINTENANCE, DOWN, OFF, DRAFT
std::string_view badge_class(ServiceStatus s);       // ok, warn, bad, maint, off
int severity(ServiceStatus s);                       // for the overall banner; off/draft count 0

// --- incident state machine: investigating → identified → monitoring → resolved -------------
// An update may keep the state or move it forward (skipping steps is allowed); never back,
// never out of "resolved" (a resolved incident can only get a post-mortem).
bool is_incident_state(std::string_view s);
bool incident_transition_ok(std::string_view from, std::string_view to);
bool incident_transition_ok(domain::IncidentState from, domain::IncidentState to);

// --- maintenance: scheduled → in_progress → completed, moved by the clock -------------------
// `stored` is what an admin last set ("scheduled", "in_progress" when started early,
// "completed" when finished early or cancelled); the window [start, end) moves it on its own.
std::string_view maintenance_state(std::string_view stored, int64_t start, int64_t end, int64_t now);
domain::IncidentState maintenance_state(domain::IncidentState stored, int64_t start, int64_t end, int64_t now);
bool maintenance_transition_ok(std::string_view from_effective, std::string_view to);
bool maintenance_transition_ok(domain::IncidentState from_effective, domain::IncidentState to);

// The state shown for any incident or maintenance.
std::string effective_state(std::string_view kind, std::string_view stored, int64_t started_at, int64_t closes_at,
                            int64_t now);
domain::IncidentState effective_state(domain::IncidentKind kind, domain::IncidentState stored, int64_t started_at,
                                      int64_t closes_at, int64_t now);
bool is_closed_state(std::string_view state);  // resolved | completed

bool is_impact(std::string_view s);  // none | minor | major | critical

// --- availability ------------------------------------------------------------------------
// One span during which a service suffered `effect` (maintenance is planned: not counted).
struct Outage {
    int64_t start = 0, end = 0;  // [start, end); end may be kOpen
    Effect effect = Effect::Degraded;
};

// Weighted downtime, in tenths of a second, of [from, to): at each instant the worst effect
// of the overlapping outages counts (so overlaps count once), major outage fully, partial
// outage at 30 %, degraded performance not at all (the service still answers).
int64_t weighted_down_tenths(const std::vector<Outage>& outages, int64_t from, int64_t to);
// 100 × (1 − downtime / length), e.g. 99.5. 100 for an empty span.
double availability_percent(const std::vector<Outage>& outages, int64_t from, int64_t to);
// The worst effect seen at any instant of [from, to).
Effect worst_effect(const std::vector<Outage>& outages, int64_t from, int64_t to);

// Per-day downtime and worst effect for consecutive spans [b[i], b[i+1]): one sweep over the
// outages, O(n log n + days).
struct DayStat {
    int64_t down_tenths = 0;
    Effect worst = Effect::None;
};
std::vector<DayStat> per_day(const std::vector<Outage>& outages, const std::vector<int64_t>& boundaries);

// Local-midnight boundaries of the last `days` days up to `now`: days+1 instants, the last
// being `now` (today is partial), midnights in `zone`.
std::vector<int64_t> day_boundaries(const i18n::TimeZone& zone, int64_t now, int days);

// "99.95" / "99,95": two decimals, the decimal separator of the language; "100" when whole.
std::string format_percent(std::string_view lang, double percent);

}  // namespace chatiere::status
