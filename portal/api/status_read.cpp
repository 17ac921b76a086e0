// GET /api/v2/*.json: the status-page API. Members-only services (and incidents touching only
// them) appear only to a logged-in member's browser.
#include "api/handlers.h"
#include "api/status_json.h"
#include "http/response.h"
#include "status/status.h"

namespace chatiere::api {

using nlohmann::json;

namespace {

constexpr int kRecent = 50;

void send(http::Ctx& ctx, const json& body) {
    // Widgets on other sites read it; a browser never sends credentials with a wildcard.
    ctx.res.set_header("Access-Control-Allow-Origin", "*");
    http::send_json(ctx, body);
}

// Open incidents, running maintenance, upcoming maintenance, split by their shown state.
struct Active {
    std::vector<store::Incident> unresolved, in_progress, upcoming;
};
Active active(const JsonContext& j) {
    auto list = store::active_incidents(j.db, j.now, j.members);
    store::filter_visible(list, j.members);
    Active a;
    for (auto& i : list) {
        auto state = status::effective_state(i.kind, i.state, i.started_at, i.closes_at, j.now);
        if (i.kind == domain::IncidentKind::Incident) a.unresolved.push_back(std::move(i));
        else if (state == domain::IncidentState::InProgress) a.in_progress.push_back(std::move(i));
        else if (state == domain::IncidentState::Scheduled) a.upcoming.push_back(std::move(i));
    }
    std::reverse(a.upcoming.begin(), a.upcoming.end());
    return a;
}

json array_of(const JsonContext& j, const std::vector<store::Incident>& list) {
    json out = json::array();
    for (const auto& i : list) out.push_back(incident_json(j, i));
    return out;
}

}  // namespace

void summary(http::Ctx& ctx) {
    auto j = make_json_context(ctx);
    auto a = active(j);
    json maint = array_of(j, a.in_progress);
    for (auto& m : array_of(j, a.upcoming)) maint.push_back(std::move(m));
    send(ctx, {{"page", page_json(j)},
               {"components", components_array(j)},
               {"incidents", array_of(j, a.unresolved)},
               {"scheduled_maintenances", maint},
               {"status", status_json(j, a.unresolved)}});
}

void status(http::Ctx& ctx) {
    auto j = make_json_context(ctx);
    auto a = active(j);
    send(ctx, {{"page", page_json(j)}, {"status", status_json(j, a.unresolved)}});
}

void components(http::Ctx& ctx) {
    auto j = make_json_context(ctx);
    send(ctx, {{"page", page_json(j)}, {"components", components_array(j)}});
}

void incidents(http::Ctx& ctx) {
    auto j = make_json_context(ctx);
    auto list = store::recent_incidents(ctx.db(), j.members, kRecent, domain::IncidentKind::Incident);
    store::filter_visible(list, j.members);
    send(ctx, {{"page", page_json(j)}, {"incidents", array_of(j, list)}});
}

void incidents_unresolved(http::Ctx& ctx) {
    auto j = make_json_context(ctx);
    send(ctx, {{"page", page_json(j)}, {"incidents", array_of(j, active(j).unresolved)}});
}

// The last 50 maintenances, whatever their state (scheduled, in progress, completed), newest first.
void maintenances(http::Ctx& ctx) {
    auto j = make_json_context(ctx);
    auto list = store::recent_incidents(ctx.db(), j.members, kRecent, domain::IncidentKind::Maintenance);
    store::filter_visible(list, j.members);
    send(ctx, {{"page", page_json(j)}, {"scheduled_maintenances", array_of(j, list)}});
}

void maintenances_upcoming(http::Ctx& ctx) {
    auto j = make_json_context(ctx);
    send(ctx, {{"page", page_json(j)}, {"scheduled_maintenances", array_of(j, active(j).upcoming)}});
}

void maintenances_active(http::Ctx& ctx) {
    auto j = make_json_context(ctx);
    send(ctx, {{"page", page_json(j)}, {"scheduled_maintenances", array_of(j, active(j).in_progress)}});
}

}  // namespace chatiere::api
