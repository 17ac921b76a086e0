#include "status/status.h"

#include "domain/incident.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>

namespace chatiere::status {

std::optional<Effect> parse_effect(std::string_view s) {
    if (s == "degraded") return Effect::Degraded;
    if (s == "partial_outage") return Effect::PartialOutage;
    if (s == "major_outage") return Effect::MajorOutage;
    return std::nullopt;
}

std::string_view effect_name(Effect e) {
    switch (e) {
        case Effect::Degraded: return "degraded";
        case Effect::PartialOutage: return "partial_outage";
        case Effect::MajorOutage: return "major_outage";
        default: return "none";
    }
}

ServiceStatus derive(std::string_view admin_state, Effect worst, bool maintenance_running) {
    if (admin_state == "draft") return ServiceStatus::Draft;
    if (admin_state == "off") return ServiceStatus::Off;
    if (worst == Effect::MajorOutage) return ServiceStatus::MajorOutage;
    if (worst == Effect::PartialOutage) return ServiceStatus::PartialOutage;
    if (maintenance_running) return ServiceStatus::Maintenance;
    if (worst == Effect::Degraded) return ServiceStatus::Degraded;
    return ServiceStatus::Operational;
}

std::string_view status_key(ServiceStatus s) {
    switch (s) {
        case ServiceStatus::Operational: return "operational";
        case ServiceStatus::Degraded: return "degraded";
        case ServiceStatus::PartialOutage: return "partial_outage";
        case ServiceStatus::MajorOutage: return "major_outage";
        case ServiceStatus::Maintenance: return "maintenance";
        case ServiceStatus::Off: return "off";
        case ServiceStatus::Draft: return "draft";
    }
    return "operational";
}

std::string_view statuspage_name(ServiceStatus s) {
    switch (s) {
        case ServiceStatus::Degraded: return "degraded_performance";
        case ServiceStatus::PartialOutage: return "partial_outage";
        case ServiceStatus::MajorOutage: return "major_outage";
        case ServiceStatus::Maintenance: return "under_maintenance";
        // A stopped or unpublished service answers nobody: the closest of the API's names.
        case ServiceStatus::Off:
        case ServiceStatus::Draft: return "major_outage";
        default: return "operational";
    }
}

std::string_view chatonsinfos_level(ServiceStatus s) {
    switch (s) {
        case ServiceStatus::Operational:
        case ServiceStatus::Degraded: return "ON";
        case ServiceStatus::PartialOutage:
        case ServiceStatus::MajorOutage: return "DOWN";
        case ServiceStatus::Maintenance: return "MAINTENANCE";
        case ServiceStatus::Off: return "OFF";
        case ServiceStatus::Draft: return "DRAFT";
    }
    return "ON";
}

std::string_view badge_class(ServiceStatus s) {
    switch (s) {
        case ServiceStatus::Operational: return "ok";
        case ServiceStatus::Degraded: return "warn";
        case ServiceStatus::PartialOutage:
        case ServiceStatus::MajorOutage: return "bad";
        case ServiceStatus::Maintenance: return "maint";
        default: return "off";
    }
}

int severity(ServiceStatus s) {
    switch (s) {
        case ServiceStatus::Degraded: return 1;
        case ServiceStatus::Maintenance: return 2;
        case ServiceStatus::PartialOutage: return 3;
        case ServiceStatus::MajorOutage: return 4;
        default: return 0;
    }
}

namespace {
using domain::IncidentState;
int incident_rank(IncidentState s) {
    switch (s) {
        case IncidentState::Investigating: return 0;
        case IncidentState::Identified: return 1;
        case IncidentState::Monitoring: return 2;
        case IncidentState::Resolved: return 3;
        default: return -1;
    }
}
int maintenance_rank(IncidentState s) {
    switch (s) {
        case IncidentState::Scheduled: return 0;
        case IncidentState::InProgress: return 1;
        case IncidentState::Completed: return 2;
        default: return -1;
    }
}
}  // namespace

bool is_incident_state(std::string_view s) {
    auto state = domain::parse_incident_state(s);
    return state && incident_rank(*state) >= 0;
}

bool incident_transition_ok(IncidentState from, IncidentState to) {
    int f = incident_rank(from), t = incident_rank(to);
    if (f < 0 || t < 0) return false;
    if (from == IncidentState::Resolved) return false;
    return t >= f;
}

bool incident_transition_ok(std::string_view from, std::string_view to) {
    auto f = domain::parse_incident_state(from), t = domain::parse_incident_state(to);
    return f && t && incident_transition_ok(*f, *t);
}

IncidentState maintenance_state(IncidentState stored, int64_t start, int64_t end, int64_t now) {
    if (stored == IncidentState::Completed || now >= end) return IncidentState::Completed;
    if (stored == IncidentState::InProgress || now >= start) return IncidentState::InProgress;
    return IncidentState::Scheduled;
}

std::string_view maintenance_state(std::string_view stored, int64_t start, int64_t end, int64_t now) {
    // An unknown text moves with the clock alone, like "scheduled".
    auto s = domain::parse_incident_state(stored).value_or(IncidentState::Scheduled);
    return domain::to_string(maintenance_state(s, start, end, now));
}

bool maintenance_transition_ok(IncidentState from, IncidentState to) {
    int f = maintenance_rank(from), t = maintenance_rank(to);
    if (f < 0 || t < 0) return false;
    if (from == IncidentState::Completed) return false;
    return t >= f;
}

bool maintenance_transition_ok(std::string_view from, std::string_view to) {
    auto f = domain::parse_incident_state(from), t = domain::parse_incident_state(to);
    return f && t && maintenance_transition_ok(*f, *t);
}

std::string effective_state(std::string_view kind, std::string_view stored, int64_t started_at, int64_t closes_at,
                            int64_t now) {
    if (domain::parse_incident_kind(kind) == domain::IncidentKind::Maintenance)
        return std::string(maintenance_state(stored, started_at, closes_at, now));
    return std::string(stored);
}

domain::IncidentState effective_state(domain::IncidentKind kind, domain::IncidentState stored, int64_t started_at,
                                      int64_t closes_at, int64_t now) {
    if (kind == domain::IncidentKind::Maintenance) return maintenance_state(stored, started_at, closes_at, now);
    return stored;
}

bool is_closed_state(std::string_view s) {
    auto state = domain::parse_incident_state(s);
    return state && domain::is_closed(*state);
}

bool is_impact(std::string_view s) { return domain::parse_impact(s).has_value(); }

namespace {
// Sweeps the clipped outages; calls f(segment_start, segment_end, worst effect) for each
// piece of [from, to) where some outage runs.
template <typename F>
void sweep(const std::vector<Outage>& outages, int64_t from, int64_t to, F f) {
    std::vector<std::pair<int64_t, int>> events;  // (time, +effect to add / -effect to remove)
    for (const auto& o : outages) {
        int64_t s = std::max(o.start, from), e = std::min(o.end, to);
        if (s >= e || o.effect == Effect::None) continue;
        events.emplace_back(s, static_cast<int>(o.effect));
        events.emplace_back(e, -static_cast<int>(o.effect));
    }
    std::sort(events.begin(), events.end());
    std::map<int, int> active;  // effect → count
    int64_t prev = from;
    for (const auto& [t, ev] : events) {
        if (!active.empty() && t > prev) f(prev, t, static_cast<Effect>(active.rbegin()->first));
        prev = t;
        if (ev > 0) ++active[ev];
        else if (--active[-ev] == 0) active.erase(-ev);
    }
}
}  // namespace

int64_t weighted_down_tenths(const std::vector<Outage>& outages, int64_t from, int64_t to) {
    int64_t total = 0;
    sweep(outages, from, to, [&](int64_t s, int64_t e, Effect worst) {
        int weight = worst == Effect::MajorOutage ? 10 : worst == Effect::PartialOutage ? 3 : 0;
        total += (e - s) * weight;
    });
    return total;
}

double availability_percent(const std::vector<Outage>& outages, int64_t from, int64_t to) {
    if (to <= from) return 100.0;
    double down = static_cast<double>(weighted_down_tenths(outages, from, to)) / 10.0;
    return 100.0 * (1.0 - down / static_cast<double>(to - from));
}

Effect worst_effect(const std::vector<Outage>& outages, int64_t from, int64_t to) {
    Effect w = Effect::None;
    sweep(outages, from, to, [&](int64_t, int64_t, Effect e) { w = std::max(w, e); });
    return w;
}

std::vector<DayStat> per_day(const std::vector<Outage>& outages, const std::vector<int64_t>& b) {
    std::vector<DayStat> out(b.size() < 2 ? 0 : b.size() - 1);
    if (out.empty()) return out;
    struct Seg {
        int64_t s, e;
        Effect w;
    };
    std::vector<Seg> segs;
    sweep(outages, b.front(), b.back(), [&](int64_t s, int64_t e, Effect w) { segs.push_back({s, e, w}); });
    size_t d = 0;
    for (const auto& seg : segs) {
        while (d < out.size() && b[d + 1] <= seg.s) ++d;
        for (size_t k = d; k < out.size() && b[k] < seg.e; ++k) {
            int64_t s = std::max(seg.s, b[k]), e = std::min(seg.e, b[k + 1]);
            if (s >= e) continue;
            int weight = seg.w == Effect::MajorOutage ? 10 : seg.w == Effect::PartialOutage ? 3 : 0;
            out[k].down_tenths += (e - s) * weight;
            out[k].worst = std::max(out[k].worst, seg.w);
        }
    }
    return out;
}

std::vector<int64_t> day_boundaries(const i18n::TimeZone& zone, int64_t now, int days) {
    const std::tm tm = zone.local(now);
    std::vector<int64_t> out;
    for (int i = days - 1; i >= 0; --i) {
        std::tm d = tm;
        d.tm_mday -= i;
        d.tm_hour = d.tm_min = d.tm_sec = 0;
        out.push_back(zone.to_utc(d));
    }
    out.push_back(now);
    return out;
}

std::string format_percent(std::string_view lang, double p) {
    // Truncate, never round up: 99.999 % is not 100 %.
    int64_t hundredths = static_cast<int64_t>(std::floor(p * 100.0 + 1e-9));
    if (hundredths < 0) hundredths = 0;
    if (hundredths % 100 == 0) return std::to_string(hundredths / 100);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld%s%02lld", static_cast<long long>(hundredths / 100), lang == "fr" ? "," : ".",
                  static_cast<long long>(hundredths % 100));
    return buf;
}

}  // namespace chatiere::status
