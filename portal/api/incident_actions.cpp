#include "api/incident_actions.h"

#include <httplib.h>
#include <sodium.h>

#include "api/status_json.h"
#include "net/target.h"
#include "app.h"
#include "status/status.h"
#include "store/audit.h"
#include "store/incidents.h"
#include "store/outbox.h"
#include "store/settings.h"
#include "store/webhooks.h"
#include "subscriptions/subscriptions.h"

namespace chatiere::api {

FieldErrors validate_incident(const IncidentInput& in) {
    FieldErrors e;
    if (in.title.empty()) e["title"] = "status.error.required";
    else if (in.title.size() > 200) e["title"] = "status.error.too_long";
    if (!status::is_impact(in.impact)) e["impact"] = "status.error.choice";
    if (in.body.size() > 20000) e["body"] = "status.error.too_long";
    if (in.kind == "incident") {
        if (!status::is_incident_state(in.state) || in.state == "resolved") e["state"] = "status.error.choice";
    } else if (in.kind == "maintenance") {
        if (!in.scheduled_start) e["window_start"] = "status.error.datetime";
        if (!in.scheduled_end) e["window_end"] = "status.error.datetime";
        else if (in.scheduled_start && *in.scheduled_end <= *in.scheduled_start) e["window_end"] = "status.error.window";
        if (in.services.empty()) e["services"] = "status.error.no_service";
    } else {
        e["kind"] = "status.error.choice";
    }
    for (const auto& [id, effect] : in.services)
        if (!status::parse_effect(effect)) e["services"] = "status.error.choice";
    return e;
}

std::string check_transition(http::Ctx& ctx, int64_t incident_id, const std::string& state) {
    auto i = store::find_incident(ctx.db(), incident_id);
    if (!i) return "status.api.not_found";
    std::string current = status::effective_state(i->kind, i->state, i->started_at, i->closes_at, ctx.now());
    if (status::is_closed_state(current)) return "status.error.closed";
    bool ok = i->kind == "maintenance" ? status::maintenance_transition_ok(current, state)
                                       : status::incident_transition_ok(current, state);
    return ok ? "" : "status.error.transition";
}

namespace {

std::string services_text(const store::Incident& i) {
    std::string out;
    for (const auto& s : i.services) out += (out.empty() ? "" : ", ") + s.name;
    return out;
}

void notify_members(http::Ctx& ctx, const store::Incident& i, bool resolved, const std::string& body, int64_t now) {
    std::vector<int64_t> ids;
    for (const auto& s : i.services) ids.push_back(s.service_id);
    if (ids.empty()) return;
    auto& db = ctx.db();
    const auto& cat = ctx.app.catalog;
    std::string site = store::get_setting_or(db, "site.name", "Chatière");
    for (const auto& r : store::incident_recipients(db, ids)) {
        // Only the services this member may see (they are a member: all but drafts).
        i18n::Params p{{"site", site},
                       {"title", i.title},
                       {"kind", cat.t(r.locale, "status.kind." + i.kind)},
                       {"services", services_text(i)},
                       {"body", body},
                       {"url", ctx.absolute_url("/status/incidents/" + std::to_string(i.id))},
                       {"account", ctx.absolute_url("/account")}};
        std::string k = resolved ? "resolved" : "opened";
        store::enqueue_mail(db, r.email, cat.t(r.locale, "status.mail." + k + "_subject", p),
                            cat.t(r.locale, "status.mail." + k + "_body", p), now);
    }
}

void queue_webhooks(http::Ctx& ctx, const std::string& event, int64_t incident_id, int64_t now) {
    auto& db = ctx.db();
    if (store::list_webhooks(db, true, 1).empty()) return;
    auto i = store::find_incident(db, incident_id);
    if (!i) return;
    auto j = make_json_context(ctx, true);  // the admin registered these URLs: the whole picture
    nlohmann::json payload = {{"event", event}, {"page", page_json(j)}, {"incident", incident_json(j, *i)}};
    store::queue_webhook_deliveries(db, payload.dump(), now);
}

}  // namespace

int64_t open_incident(http::Ctx& ctx, const IncidentInput& in, const Actor& actor) {
    auto& db = ctx.db();
    int64_t now = ctx.now();
    store::NewIncident n;
    n.kind = in.kind;
    n.title = in.title;
    n.impact = in.kind == "maintenance" ? "none" : in.impact;
    n.state = in.kind == "maintenance" ? "scheduled" : in.state;
    n.scheduled_start = in.scheduled_start;
    n.scheduled_end = in.scheduled_end;
    n.services = in.services;
    n.body = in.body;
    n.author_id = actor.id;
    n.author_name = actor.name;
    db::Transaction tx(db);
    int64_t id = store::create_incident(db, n, now);
    store::audit(db, now, actor.id, actor.name, in.kind == "maintenance" ? "maintenance.schedule" : "incident.open",
                 "incident:" + std::to_string(id), in.title);
    auto i = store::find_incident(db, id);
    if (subscriptions::incident_changed(db, subscriptions::mailing_of(ctx.app), id, now, subscriptions::Event::opened, in.notify))
        notify_members(ctx, *i, false, in.body, now);
    queue_webhooks(ctx, in.kind == "maintenance" ? "maintenance.scheduled" : "incident.opened", id, now);
    tx.commit();
    return id;
}

bool is_update_effect(std::string_view effect) {
    return effect == "operational" || status::parse_effect(effect).has_value();
}

void post_update(http::Ctx& ctx, int64_t incident_id, const std::string& state, const std::string& body,
                 const Actor& actor, const std::vector<std::pair<int64_t, std::string>>& effects, bool notify) {
    auto& db = ctx.db();
    int64_t now = ctx.now();
    db::Transaction tx(db);
    int64_t update_id = store::add_incident_update(db, incident_id, state, body, actor.id, actor.name, now);
    store::set_update_effects(db, incident_id, update_id, effects);
    auto i = store::find_incident(db, incident_id);
    bool closed = status::is_closed_state(state);
    store::audit(db, now, actor.id, actor.name, closed ? "incident.resolve" : "incident.update",
                 "incident:" + std::to_string(incident_id), state);
    bool tell = subscriptions::incident_changed(db, subscriptions::mailing_of(ctx.app), incident_id, now,
                                                subscriptions::Event::changed, notify);
    if (closed && tell) notify_members(ctx, *i, true, body, now);
    queue_webhooks(ctx, closed ? (i->kind == "maintenance" ? "maintenance.completed" : "incident.resolved")
                               : (i->kind == "maintenance" ? "maintenance.updated" : "incident.updated"),
                   incident_id, now);
    tx.commit();
}

void save_postmortem(http::Ctx& ctx, int64_t incident_id, const std::string& text, const Actor& actor) {
    auto& db = ctx.db();
    int64_t now = ctx.now();
    db::Transaction tx(db);
    store::set_postmortem(db, incident_id, text, now);
    store::audit(db, now, actor.id, actor.name, "incident.postmortem", "incident:" + std::to_string(incident_id), "");
    queue_webhooks(ctx, "incident.postmortem", incident_id, now);
    tx.commit();
}

std::string webhook_signature(std::string_view secret, std::string_view body) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return std::string("sha256=") + hex;
}

int deliver_webhooks(db::Database& db, int64_t now, const PostFn& post, int limit) {
    constexpr int kMaxAttempts = 12;
    int delivered = 0;
    for (const auto& d : store::due_webhook_deliveries(db, now, limit)) {
        std::string error;
        try {
            error = post(d.url, d.payload, webhook_signature(d.secret, d.payload));
        } catch (const std::exception& e) {
            error = e.what();
        }
        if (error.empty()) {
            store::mark_delivery_done(db, d.id, now);
            ++delivered;
            continue;
        }
        int attempts = d.attempts + 1;
        std::optional<int64_t> retry;
        if (attempts < kMaxAttempts) retry = now + std::min<int64_t>(60LL << (attempts - 1), 6 * 3600);
        store::mark_delivery_failed(db, d.id, error.substr(0, 500), retry);
    }
    return delivered;
}

std::string webhook_target_problem(const std::string& url, bool allow_private, bool resolve_name) {
    auto target = net::parse_http_url(url);
    if (!target) return "bad URL";
    std::string error;
    if (!resolve_name && !net::parse_ip(target->host) && target->host != "localhost") return "";
    auto addresses = net::resolve(target->host, &error);
    if (addresses.empty()) return resolve_name ? error : "";
    net::choose_address(target->host, addresses, allow_private, &error);
    return error;
}

std::string http_post_json(const std::string& url, const std::string& body, const std::string& signature,
                           bool allow_private) {
    auto target = net::parse_http_url(url);
    if (!target) return "bad URL";
    // Resolve once, check, and connect to that very address: cpp-httplib's address map pins
    // the host to it, while the Host header, TLS server name and certificate check keep the name.
    std::string error;
    auto addresses = net::resolve(target->host, &error);
    auto address = net::choose_address(target->host, addresses, allow_private, &error);
    if (!address) return error;
    std::string host = target->host.find(':') != std::string::npos ? "[" + target->host + "]" : target->host;
    httplib::Client c(target->scheme + "://" + host + ":" + std::to_string(target->port));
    if (!c.is_valid()) return "bad URL";
    c.set_hostname_addr_map({{target->host, address->text()}});
    c.set_connection_timeout(5);
    c.set_read_timeout(5);
    c.set_write_timeout(5);
    c.set_follow_location(false);  // a redirect could point inside
    auto r = c.Post(target->path, {{"X-Chatiere-Signature", signature}, {"User-Agent", "Chatiere-Webhook"}}, body,
                    "application/json");
    if (!r) return "connection failed to " + address->text() + ": " + httplib::to_string(r.error());
    if (r->status < 200 || r->status >= 300) return "HTTP " + std::to_string(r->status);
    return "";
}

}  // namespace chatiere::api
