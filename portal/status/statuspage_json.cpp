#include "status/statuspage_json.h"

#include "i18n/format.h"
#include "status/status.h"
#include "store/settings.h"

namespace chatiere::status {

using nlohmann::json;

namespace {
json time_or_null(std::optional<int64_t> t) { return t ? json(i18n::iso_utc(*t)) : json(nullptr); }
std::string absolute_url(const JsonContext& j, std::string_view p) {
    if (!p.empty() && p.front() == '/') p.remove_prefix(1);
    return j.base_url + std::string(p);
}
std::string page_id(const JsonContext& j) {
    std::string url = j.base_url;
    auto p = url.find("://");
    std::string host = p == std::string::npos ? url : url.substr(p + 3);
    return host.substr(0, host.find('/'));
}
}  // namespace

JsonContext make_json_context(db::Database& db, int64_t now, bool members, std::string base_url,
                              std::string time_zone, const i18n::Catalog& catalog, std::string lang) {
    JsonContext j{db, now, members, std::move(base_url), std::move(time_zone), catalog, std::move(lang), {}, {}};
    j.states = store::service_statuses(db, j.now, j.members);
    for (const auto& s : j.states) j.components[s.service.id] = component_json(j, s);
    return j;
}

json page_json(const JsonContext& j) {
    int64_t updated = 0;
    for (const auto& s : j.states) updated = std::max(updated, s.service.updated_at);
    auto recent = store::recent_incidents(j.db, j.members, 1);
    if (!recent.empty()) updated = std::max(updated, recent.front().updated_at);
    return {{"id", page_id(j)},
            {"name", store::get_setting_or(j.db, "site.name", "Chatière")},
            {"url", absolute_url(j, "/status")},
            {"time_zone", j.time_zone},
            {"updated_at", i18n::iso_utc(updated ? updated : j.now)}};
}

json component_json(const JsonContext& j, const store::ServiceState& s) {
    return {{"id", s.service.slug},
            {"name", s.service.name},
            {"status", std::string(statuspage_name(s.status))},
            {"created_at", i18n::iso_utc(s.service.created_at)},
            {"updated_at", i18n::iso_utc(s.service.updated_at)},
            {"position", s.service.position},
            {"description", s.service.description.empty() ? json(nullptr) : json(s.service.description)},
            {"showcase", true},
            {"start_date", s.service.start_date.empty() ? json(nullptr) : json(s.service.start_date)},
            {"group_id", nullptr},
            {"page_id", page_id(j)},
            {"group", false},
            {"only_show_if_degraded", false}};
}

json components_array(const JsonContext& j) {
    json out = json::array();
    for (const auto& s : j.states) out.push_back(j.components.at(s.service.id));
    return out;
}

json incident_json(const JsonContext& j, const store::Incident& i) {
    auto state = effective_state(i.kind, i.state, i.started_at, i.closes_at, j.now);
    json components = json::array();
    for (const auto& a : i.services) {
        auto c = j.components.find(a.service_id);
        if (c != j.components.end()) components.push_back(c->second);
    }
    json updates = json::array();
    std::optional<int64_t> monitoring_at;
    auto all = store::incident_updates(j.db, i.id);
    for (auto u = all.rbegin(); u != all.rend(); ++u) {  // newest first, as the API does
        if (u->state == domain::IncidentState::Monitoring) monitoring_at = u->at;
        updates.push_back({{"id", std::to_string(u->id)},
                           {"status", std::string(domain::to_string(u->state))},
                           {"body", u->body},
                           {"incident_id", std::to_string(i.id)},
                           {"created_at", i18n::iso_utc(u->at)},
                           {"updated_at", i18n::iso_utc(u->at)},
                           {"display_at", i18n::iso_utc(u->at)},
                           {"affected_components", nullptr},
                           {"deliver_notifications", true}});
    }
    json out = {{"id", std::to_string(i.id)},
                {"name", i.title},
                {"status", std::string(domain::to_string(state))},
                {"created_at", i18n::iso_utc(i.created_at)},
                {"updated_at", i18n::iso_utc(i.updated_at)},
                {"monitoring_at", time_or_null(monitoring_at)},
                {"resolved_at", time_or_null(domain::is_closed(state) ? std::optional<int64_t>(
                                                                                  i.resolved_at.value_or(i.closes_at))
                                                                            : std::nullopt)},
                {"impact", i.kind == domain::IncidentKind::Maintenance ? std::string("maintenance")
                                                                        : std::string(domain::to_string(i.impact))},
                {"shortlink", absolute_url(j, "/status/incidents/" + std::to_string(i.id))},
                {"started_at", i18n::iso_utc(i.started_at)},
                {"page_id", page_id(j)},
                {"incident_updates", updates},
                {"components", components}};
    if (i.kind == domain::IncidentKind::Maintenance) {
        out["scheduled_for"] = time_or_null(i.scheduled_start);
        out["scheduled_until"] = time_or_null(i.scheduled_end);
    }
    return out;
}

json status_json(const JsonContext& j, const std::vector<store::Incident>& unresolved) {
    // The worst of: the components' statuses, the open incidents' impacts.
    int level = 0;  // 0 none, 1 minor, 2 major, 3 critical
    bool maintenance = false;
    for (const auto& s : j.states) {
        switch (s.status) {
            case ServiceStatus::Degraded: level = std::max(level, 1); break;
            case ServiceStatus::PartialOutage: level = std::max(level, 2); break;
            case ServiceStatus::MajorOutage: level = std::max(level, 3); break;
            case ServiceStatus::Maintenance: maintenance = true; break;
            default: break;
        }
    }
    for (const auto& i : unresolved) {
        if (i.kind != domain::IncidentKind::Incident) continue;
        level = std::max(level, i.impact == domain::Impact::Critical ? 3
                                : i.impact == domain::Impact::Major  ? 2
                                : i.impact == domain::Impact::Minor  ? 1
                                                                     : 0);
    }
    static const char* names[] = {"none", "minor", "major", "critical"};
    std::string indicator = level == 0 && maintenance ? "maintenance" : names[level];
    return {{"indicator", indicator}, {"description", j.catalog.t(j.lang, "status.indicator." + indicator)}};
}

}  // namespace chatiere::status
