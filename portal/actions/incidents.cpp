#include "actions/incidents.h"

#include "status/status.h"
#include "status/statuspage_json.h"
#include "store/audit.h"
#include "store/incidents.h"
#include "store/outbox.h"
#include "store/settings.h"
#include "store/webhooks.h"
#include "subscriptions/subscriptions.h"

namespace chatiere::actions {

using domain::IncidentKind;

FieldErrors validate_incident(const IncidentInput& in) {
    FieldErrors e;
    bool maintenance = in.kind == IncidentKind::Maintenance;
    if (in.title.empty()) e["title"] = "status.error.required";
    else if (in.title.size() > 200) e["title"] = "status.error.too_long";
    if (!maintenance && !domain::parse_impact(in.impact)) e["impact"] = "status.error.choice";
    if (in.body.size() > 20000) e["body"] = "status.error.too_long";
    if (!maintenance) {
        auto state = domain::parse_incident_state(in.state);
        if (!state || !domain::belongs_to(*state, IncidentKind::Incident) || domain::is_closed(*state))
            e["state"] = "status.error.choice";
        if (in.services.empty() && !in.touches_no_service) e["services"] = "front.incident.no_service_chosen";
    } else {
        if (!in.scheduled_start) e["window_start"] = "status.error.datetime";
        if (!in.scheduled_end) e["window_end"] = "status.error.datetime";
        else if (in.scheduled_start && *in.scheduled_end <= *in.scheduled_start) e["window_end"] = "status.error.window";
        if (in.services.empty()) e["services"] = "status.error.no_service";
    }
    for (const auto& [id, effect] : in.services)
        if (!status::parse_effect(effect)) e["services"] = "status.error.choice";
    return e;
}

std::string check_transition(const Context& c, int64_t incident_id, std::string_view state) {
    auto i = store::find_incident(c.db, incident_id);
    if (!i) return "status.api.not_found";
    auto current = status::effective_state(i->kind, i->state, i->started_at, i->closes_at, c.now);
    if (domain::is_closed(current)) return "status.error.closed";
    auto to = domain::parse_incident_state(state);
    bool ok = to && (i->kind == IncidentKind::Maintenance ? status::maintenance_transition_ok(current, *to)
                                                          : status::incident_transition_ok(current, *to));
    return ok ? "" : "status.error.transition";
}

bool is_update_effect(std::string_view effect) {
    return effect == "operational" || status::parse_effect(effect).has_value();
}

namespace {

std::string services_text(const store::Incident& i) {
    std::string out;
    for (const auto& s : i.services) out += (out.empty() ? "" : ", ") + s.name;
    return out;
}

// Each member attached to a touched service, in their language.
void notify_members(const Context& c, const store::Incident& i, bool resolved, const std::string& body) {
    std::vector<int64_t> ids;
    for (const auto& s : i.services) ids.push_back(s.service_id);
    if (ids.empty()) return;
    const auto& cat = c.catalog;
    std::string site = store::get_setting_or(c.db, "site.name", "Chatière");
    for (const auto& r : store::incident_recipients(c.db, ids)) {
        i18n::Params p{{"site", site},
                       {"title", i.title},
                       {"kind", cat.t(r.locale, "status.kind." + std::string(domain::to_string(i.kind)))},
                       {"services", services_text(i)},
                       {"body", body},
                       {"url", c.absolute_url("/status/incidents/" + std::to_string(i.id))},
                       {"account", c.absolute_url("/account")}};
        std::string k = resolved ? "resolved" : "opened";
        store::enqueue_mail(c.db, r.email, cat.t(r.locale, "status.mail." + k + "_subject", p),
                            cat.t(r.locale, "status.mail." + k + "_body", p), c.now);
    }
}

void queue_webhooks(const Context& c, const std::string& event, int64_t incident_id) {
    if (store::list_webhooks(c.db, true, 1).empty()) return;
    auto i = store::find_incident(c.db, incident_id);
    if (!i) return;
    // The admin registered these URLs: the whole picture, members-only services included.
    auto j = status::make_json_context(c.db, c.now, true, c.config.base_url, c.config.timezone, c.catalog,
                                       c.config.default_language);
    nlohmann::json payload = {
        {"event", event}, {"page", status::page_json(j)}, {"incident", status::incident_json(j, *i)}};
    store::queue_webhook_deliveries(c.db, payload.dump(), c.now);
}

}  // namespace

Opened open_incident(const Context& c, const IncidentInput& in) {
    Opened out;
    out.errors = validate_incident(in);
    if (!out.errors.empty()) return out;
    bool maintenance = in.kind == IncidentKind::Maintenance;
    store::NewIncident n;
    n.kind = in.kind;
    n.title = in.title;
    // Validated above: the texts parse.
    n.impact = maintenance ? domain::Impact::None : *domain::parse_impact(in.impact);
    n.state = maintenance ? domain::IncidentState::Scheduled : *domain::parse_incident_state(in.state);
    n.scheduled_start = in.scheduled_start;
    n.scheduled_end = in.scheduled_end;
    n.services = in.services;
    n.body = in.body;
    n.author_id = c.actor.id;
    n.author_name = c.actor.name;
    db::Transaction tx(c.db);
    out.id = store::create_incident(c.db, n, c.now);
    store::audit(c.db, c.now, c.actor.id, c.actor.name, maintenance ? "maintenance.schedule" : "incident.open",
                 "incident:" + std::to_string(out.id), in.title);
    auto i = store::find_incident(c.db, out.id);
    if (subscriptions::incident_changed(c.db, subscriptions::mailing_of(c.config, c.catalog, c.zone), out.id, c.now,
                                        subscriptions::Event::opened, in.notify))
        notify_members(c, *i, false, in.body);
    queue_webhooks(c, maintenance ? "maintenance.scheduled" : "incident.opened", out.id);
    tx.commit();
    return out;
}

namespace {

// The checks of update_incident, body aside.
std::string post_update(const Context& c, int64_t incident_id, const UpdateInput& in) {
    auto i = store::find_incident(c.db, incident_id);
    if (!i) return "status.api.not_found";
    std::string state = in.state.value_or(std::string(domain::to_string(i->state)));
    if (auto err = check_transition(c, incident_id, state); !err.empty()) return err;
    auto new_state = *domain::parse_incident_state(state);  // check_transition accepted it
    if (in.body.size() > 20000) return "status.error.too_long";
    for (const auto& [service, effect] : in.effects)
        if (i->kind != IncidentKind::Incident || !is_update_effect(effect)) return "status.error.choice";
    db::Transaction tx(c.db);
    int64_t update_id = store::add_incident_update(c.db, incident_id, new_state, in.body, c.actor.id, c.actor.name, c.now);
    store::set_update_effects(c.db, incident_id, update_id, in.effects);
    i = store::find_incident(c.db, incident_id);
    bool closed = domain::is_closed(new_state);
    store::audit(c.db, c.now, c.actor.id, c.actor.name, closed ? "incident.resolve" : "incident.update",
                 "incident:" + std::to_string(incident_id), state);
    bool tell = subscriptions::incident_changed(c.db, subscriptions::mailing_of(c.config, c.catalog, c.zone), incident_id,
                                                c.now, subscriptions::Event::changed, in.notify);
    if (closed && tell) notify_members(c, *i, true, in.body);
    bool maintenance = i->kind == IncidentKind::Maintenance;
    queue_webhooks(c, closed ? (maintenance ? "maintenance.completed" : "incident.resolved")
                             : (maintenance ? "maintenance.updated" : "incident.updated"),
                   incident_id);
    tx.commit();
    return "";
}

}  // namespace

std::string update_incident(const Context& c, int64_t incident_id, const UpdateInput& in) {
    auto i = store::find_incident(c.db, incident_id);
    if (!i) return "status.api.not_found";
    std::string state = in.state.value_or(std::string(domain::to_string(i->state)));
    if (auto err = check_transition(c, incident_id, state); !err.empty()) return err;
    if (in.body.empty()) return "front.incident.update_body_needed";
    return post_update(c, incident_id, in);
}

std::string resolve_incident(const Context& c, int64_t incident_id, const std::string& body, bool notify) {
    auto i = store::find_incident(c.db, incident_id);
    if (!i) return "status.api.not_found";
    auto closing = i->kind == IncidentKind::Maintenance ? domain::IncidentState::Completed : domain::IncidentState::Resolved;
    return post_update(c, incident_id, {std::string(domain::to_string(closing)), body, {}, notify});
}

std::string save_postmortem(const Context& c, int64_t incident_id, const std::string& text) {
    auto i = store::find_incident(c.db, incident_id);
    if (!i) return "status.api.not_found";
    auto state = status::effective_state(i->kind, i->state, i->started_at, i->closes_at, c.now);
    if (!domain::is_closed(state)) return "status.error.transition";
    if (text.size() > 50000) return "status.error.too_long";
    db::Transaction tx(c.db);
    store::set_postmortem(c.db, incident_id, text, c.now);
    store::audit(c.db, c.now, c.actor.id, c.actor.name, "incident.postmortem", "incident:" + std::to_string(incident_id),
                 "");
    queue_webhooks(c, "incident.postmortem", incident_id);
    tx.commit();
    return "";
}

}  // namespace chatiere::actions
