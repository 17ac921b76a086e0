// The write API for monitoring tools: Authorization: Bearer <token> (admin-made, stored
// hashed). JSON in, JSON out; errors are JSON {"error": {status, title, message}}.
//   POST /api/v2/incidents                {"name", "status"?, "impact"?, "body"?, "components"?: {slug: effect}}
//   POST /api/v2/incidents/:id/updates    {"status"?, "body", "components"?: {slug: effect}}
//                                         (effect: operational, degraded_performance, partial_outage,
//                                         major_outage: how each service is affected from now on)
//   POST /api/v2/incidents/:id/resolve    {"body"?}
// The fields may also be wrapped in {"incident": {…}}, as Statuspage's manage API does.
#include <functional>

#include "actions/incidents.h"
#include "api/handlers.h"
#include "api/status_json.h"
#include "auth/random.h"
#include "http/action_context.h"
#include "http/errors.h"
#include "http/response.h"
#include "status/status.h"
#include "store/api_tokens.h"
#include "store/incidents.h"
#include "store/services.h"

namespace chatiere::api {

using nlohmann::json;

namespace {

actions::Actor authenticate(http::Ctx& ctx) {
    const std::string& h = ctx.req.get_header_value("Authorization");
    std::string token;
    if (h.size() > 7 && (h.rfind("Bearer ", 0) == 0 || h.rfind("bearer ", 0) == 0)) token = h.substr(7);
    while (!token.empty() && token.back() == ' ') token.pop_back();
    std::optional<store::ApiToken> t;
    if (!token.empty() && token.size() <= 200) {
        db::Transaction tx(ctx.db());
        t = store::use_api_token(ctx.db(), auth::hash_token(token), ctx.now());
        tx.commit();
    }
    if (!t) {
        ctx.res.set_header("WWW-Authenticate", "Bearer");
        throw http::HttpError(401, "status.api.unauthorized");
    }
    return {std::nullopt, "api:" + t->name};
}

json body_of(http::Ctx& ctx) {
    json j = json::parse(ctx.req.body, nullptr, false);
    if (ctx.req.body.empty()) j = json::object();
    if (j.is_discarded() || !j.is_object()) throw http::HttpError(400, "status.api.bad_json");
    if (j.contains("incident") && j["incident"].is_object()) return j["incident"];
    return j;
}

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_string()) throw http::HttpError(400, "status.api.bad_json");
    return it->get<std::string>();
}

// "notify": false is the admin's "do not notify" (issue 19); anything but a boolean is refused.
bool notify_of(const json& j) {
    auto it = j.find("notify");
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_boolean()) throw http::HttpError(400, "status.api.bad_json");
    return it->get<bool>();
}

int64_t incident_id(http::Ctx& ctx) {
    int64_t id = ctx.id_param("id", "status.api.not_found");
    auto i = store::find_incident(ctx.db(), id);
    if (!i || i->kind != domain::IncidentKind::Incident) throw http::HttpError(404, "status.api.not_found");
    return id;
}

void reply(http::Ctx& ctx, int64_t id, int status) {
    auto i = store::find_incident(ctx.db(), id);
    auto j = make_json_context(ctx, true);
    http::send_json(ctx, incident_json(j, *i), status);
}

// The body's "components": {slug: effect} (Statuspage's names; degraded_performance is our
// "degraded") as (service id, effect); an unknown service or an effect `allowed` refuses is a 422.
std::vector<std::pair<int64_t, std::string>> components_of(http::Ctx& ctx, const json& b,
                                                           const std::function<bool(const std::string&)>& allowed) {
    std::vector<std::pair<int64_t, std::string>> out;
    auto c = b.find("components");
    if (c == b.end() || c->is_null()) return out;
    if (!c->is_object()) throw http::HttpError(400, "status.api.bad_json");
    for (const auto& [slug, effect_json] : c->items()) {
        std::string effect = effect_json.is_string() ? effect_json.get<std::string>() : "";
        if (effect == "degraded_performance") effect = "degraded";
        auto s = store::find_service_by_slug(ctx.db(), slug);
        if (!s || !allowed(effect)) throw http::HttpError(422, "status.api.bad_component", {{"id", slug}});
        out.emplace_back(s->id, effect);
    }
    return out;
}

}  // namespace

void incident_open(http::Ctx& ctx) {
    auto actor = authenticate(ctx);
    json b = body_of(ctx);
    actions::IncidentInput in;
    in.title = str(b, "name");
    if (in.title.empty()) in.title = str(b, "title");
    in.state = str(b, "status");
    if (in.state.empty()) in.state = "investigating";
    in.impact = str(b, "impact");
    if (in.impact.empty()) in.impact = str(b, "impact_override");
    if (in.impact.empty()) in.impact = "minor";
    in.body = str(b, "body");
    in.services = components_of(ctx, b, [](const std::string& e) { return status::parse_effect(e).has_value(); });
    in.notify = notify_of(b);
    in.touches_no_service = true;  // a monitoring tool may not know which service it is
    auto opened = actions::open_incident(http::action_context(ctx, actor), in);
    const auto& errors = opened.errors;
    if (errors.count("title")) throw http::HttpError(422, "status.api.missing_title");
    if (errors.count("impact")) throw http::HttpError(422, "status.api.bad_impact");
    if (errors.count("state")) throw http::HttpError(422, "status.api.bad_status");
    if (!errors.empty()) throw http::HttpError(422, "status.api.bad_json");
    ctx.res.set_header("Location", ctx.absolute_url("/status/incidents/" + std::to_string(opened.id)));
    reply(ctx, opened.id, 201);
}

void incident_update(http::Ctx& ctx) {
    auto actor = authenticate(ctx);
    int64_t id = incident_id(ctx);
    json b = body_of(ctx);
    auto c = http::action_context(ctx, actor);
    // The action checks all of this again; here the API's own order of answers.
    actions::UpdateInput in;
    in.body = str(b, "body");
    if (in.body.empty()) throw http::HttpError(422, "status.api.missing_body");
    if (in.body.size() > 20000) throw http::HttpError(413, "error.too_large");
    std::string state = str(b, "status");
    if (!state.empty()) in.state = state;
    std::string err = actions::check_transition(
        c, id, state.empty() ? std::string(domain::to_string(store::find_incident(ctx.db(), id)->state)) : state);
    if (err == "status.error.closed") throw http::HttpError(409, "status.api.already_resolved");
    if (!err.empty()) throw http::HttpError(422, "status.api.bad_status");
    // How each service is affected from now on (issue 15), as Statuspage's component statuses.
    in.effects = components_of(ctx, b, [](const std::string& e) { return actions::is_update_effect(e); });
    in.notify = notify_of(b);
    err = actions::update_incident(c, id, in);
    if (err == "status.error.closed") throw http::HttpError(409, "status.api.already_resolved");
    if (!err.empty()) throw http::HttpError(422, "status.api.bad_status");
    reply(ctx, id, 201);
}

void incident_resolve(http::Ctx& ctx) {
    auto actor = authenticate(ctx);
    int64_t id = incident_id(ctx);
    json b = body_of(ctx);
    std::string body = str(b, "body");
    if (body.size() > 20000) throw http::HttpError(413, "error.too_large");
    if (!actions::resolve_incident(http::action_context(ctx, actor), id, body, notify_of(b)).empty())
        throw http::HttpError(409, "status.api.already_resolved");
    reply(ctx, id, 200);
}

}  // namespace chatiere::api
