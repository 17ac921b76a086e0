// /admin/incidents: open an incident or schedule a maintenance (one short form that works on a
// phone), follow it up with updates, resolve it, write the post-mortem. The writes go through
// actions/incidents.h, shared with the write API and the command line (checks, audit, mail, webhooks).
#include <array>
#include <ctime>

#include "actions/incidents.h"
#include "app.h"
#include "http/action_context.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "text/markdown.h"
#include "ui/handlers.h"
#include "ui/status_common.h"
#include "status/status.h"
#include "store/services.h"

namespace chatiere::ui {


namespace {

actions::Context action_context(http::Ctx& ctx) { return http::action_context(ctx, http::member_actor(ctx)); }

std::string unix_newlines(const std::string& v) {
    std::string out;
    for (char c : v)
        if (c != '\r') out += c;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// "2026-11-24T21:00" in the local time zone → unix time.
std::optional<int64_t> parse_local(const i18n::TimeZone& zone, const std::string& v) {
    std::tm tm{};
    if (v.size() < 16 || std::sscanf(v.c_str(), "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                                     &tm.tm_min) != 5)
        return std::nullopt;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return zone.to_utc(tm);
}

// The value of a datetime-local field.
std::string format_local(const i18n::TimeZone& zone, int64_t t) { return i18n::strftime_local(zone, t, "%Y-%m-%dT%H:%M"); }

http::View options(http::Ctx& ctx, const std::string& prefix, const std::vector<std::string>& values,
                   const std::string& selected) {
    http::View list{http::View::type::list};
    for (const auto& v : values) {
        http::View o;
        o.set("value", v);
        o.set("label", ctx.t(prefix + v));
        o.set("selected", v == selected);
        list.push_back(o);
    }
    return list;
}

// The card the public will see on /status once published (issue 15): built from the input,
// nothing written.
http::View preview_view(http::Ctx& ctx, const actions::IncidentInput& in) {
    bool maintenance = in.kind == domain::IncidentKind::Maintenance;
    store::Incident i;
    i.kind = in.kind;
    i.title = in.title;
    // Shown once validated: the texts parse.
    i.impact = maintenance ? domain::Impact::None : domain::parse_impact(in.impact).value_or(domain::Impact::Minor);
    i.state = maintenance ? domain::IncidentState::Scheduled
                          : domain::parse_incident_state(in.state).value_or(domain::IncidentState::Investigating);
    i.started_at = i.created_at = i.updated_at = maintenance && in.scheduled_start ? *in.scheduled_start : ctx.now();
    i.closes_at = maintenance && in.scheduled_end ? *in.scheduled_end : status::kOpen;
    i.scheduled_start = in.scheduled_start;
    i.scheduled_end = in.scheduled_end;
    for (const auto& s : store::list_services(ctx.db(), true, true))
        for (const auto& [id, effect] : in.services)
            if (id == s.id) i.services.push_back({s.id, s.slug, s.name, s.visibility, s.admin_state, effect});
    http::View v = incident_view(ctx, i, false);
    if (!in.body.empty()) v.set("latest_html", text::markdown_to_html(in.body, 3));
    return v;
}

void show_new(http::Ctx& ctx, domain::IncidentKind kind, const std::map<std::string, std::string>& values,
              const actions::FieldErrors& errors, int status, const actions::IncidentInput* preview = nullptr) {
    auto get = [&](const std::string& k, const std::string& def = {}) {
        auto it = values.find(k);
        return it == values.end() ? def : it->second;
    };
    http::View v;
    bool maintenance = kind == domain::IncidentKind::Maintenance;
    v.set("maintenance", maintenance);
    v.set("kind", std::string(domain::to_string(kind)));
    std::string title = ctx.t(maintenance ? "status.admin.new_maintenance" : "status.admin.new_incident");
    v.set("page_title", title);
    v.set("title", get("title"));
    v.set("body", get("body"));
    v.set("impacts", options(ctx, "status.impact.", {"minor", "major", "critical", "none"}, get("impact", "major")));
    v.set("states", options(ctx, "status.state.", {"investigating", "identified", "monitoring"}, get("state", "investigating")));
    int64_t start = ctx.now() + 86400 - ctx.now() % 3600;
    v.set("window_start", get("window_start", format_local(ctx.zone(), start)));
    v.set("window_end", get("window_end", format_local(ctx.zone(), start + 2 * 3600)));
    http::View services{http::View::type::list};
    for (const auto& s : store::list_services(ctx.db(), true, true)) {
        http::View item;
        std::string name = "effect_" + std::to_string(s.id);
        item.set("field", name);
        item.set("name", s.name);
        http::View opts{http::View::type::list};
        std::string sel = get(name);
        for (const char* e : {"", "degraded", "partial_outage", "major_outage"}) {
            http::View o;
            o.set("value", std::string(e));
            o.set("label", *e ? ctx.t(std::string("status.effect.") + e) : ctx.t("status.admin.effect_none"));
            o.set("selected", sel == e);
            opts.push_back(o);
        }
        item.set("options", opts);
        services.push_back(item);
    }
    v.set("services", services);
    v.set("no_service", get("no_service") == "1");
    v.set("silent", get("silent") == "1");
    if (preview) {
        // The publish form carries what was previewed, so what goes out is what was seen.
        v.set("preview", preview_view(ctx, *preview));
        http::View hidden{http::View::type::list};
        for (const auto& [k, val] : values) {
            if (val.empty()) continue;
            if (maintenance ? (k == "impact" || k == "state") : (k == "window_start" || k == "window_end")) continue;
            http::View h;
            h.set("name", k);
            h.set("value", val);
            hidden.push_back(h);
        }
        v.set("hidden", hidden);
    }
    http::View errs;
    http::View error_list{http::View::type::list};  // the summary, in the form's order
    static const std::vector<std::array<std::string, 3>> anchors = {
        {"title", "f-title", "status.admin.title_field"},      {"impact", "f-impact", "status.admin.impact_field"},
        {"state", "f-state", "front.incident.state"},          {"window_start", "f-ws", "status.admin.window_start"},
        {"window_end", "f-we", "status.admin.window_end"},     {"services", "f-services", "status.admin.services_field"},
        {"body", "f-body", "status.admin.first_update"},       {"kind", "f-title", "status.admin.title_field"}};
    for (const auto& [field, key] : errors) errs.set(field, ctx.t(key));
    for (const auto& [field, anchor, label] : anchors)
        if (auto e = errors.find(field); e != errors.end()) {
            http::View item;
            item.set("id", anchor);
            item.set("message", ctx.t("front.error.summary_item", {{"field", ctx.t(label)}, {"message", ctx.t(e->second)}}));
            error_list.push_back(item);
        }
    v.set("errors", errs);
    v.set("error_list", error_list);
    v.set("has_errors", !errors.empty());
    http::render_page(ctx, "admin_incident_new", std::move(v), title, status);
}

// The update form's list per service (issue 15): a service the incident touches can move to any
// effect, "operational" included; one it does not touch yet can join it.
http::View effect_fields(http::Ctx& ctx, const store::Incident& i, const std::map<std::string, std::string>& typed) {
    http::View list{http::View::type::list};
    for (const auto& s : store::list_services(ctx.db(), true, true)) {
        std::string current;
        for (const auto& a : i.services)
            if (a.service_id == s.id) current = a.effect;
        std::string field = "effect_" + std::to_string(s.id);
        auto t = typed.find(field);
        std::string sel = t != typed.end() ? t->second : current;
        http::View item;
        item.set("field", field);
        item.set("name", s.name);
        http::View opts{http::View::type::list};
        std::vector<std::string> values = current.empty()
            ? std::vector<std::string>{"", "degraded", "partial_outage", "major_outage"}
            : std::vector<std::string>{"major_outage", "partial_outage", "degraded", "operational"};
        for (const auto& e : values) {
            http::View o;
            o.set("value", e);
            o.set("label", e.empty() ? ctx.t("status.admin.effect_none") : ctx.t("status.effect." + e));
            o.set("selected", sel == e);
            opts.push_back(o);
        }
        item.set("options", opts);
        list.push_back(item);
    }
    return list;
}

void show_incident(http::Ctx& ctx, int64_t id, const std::string& typed_body, const std::string& error_key, int status,
                   const std::map<std::string, std::string>& typed_effects = {}) {
    auto i = store::find_incident(ctx.db(), id);
    if (!i) throw http::HttpError(404);
    http::View v = incident_view(ctx, *i, false);
    if (i->kind == domain::IncidentKind::Incident) {
        auto fields = effect_fields(ctx, *i, typed_effects);
        v.set("has_effect_fields", !fields.is_empty_list());
        v.set("effect_fields", fields);
    }
    auto state = status::effective_state(i->kind, i->state, i->started_at, i->closes_at, ctx.now());
    using S = domain::IncidentState;
    bool maintenance = i->kind == domain::IncidentKind::Maintenance;
    std::vector<std::string> next;
    for (S s : maintenance ? std::vector<S>{S::Scheduled, S::InProgress, S::Completed}
                           : std::vector<S>{S::Investigating, S::Identified, S::Monitoring, S::Resolved}) {
        bool ok = maintenance ? status::maintenance_transition_ok(state, s) : status::incident_transition_ok(state, s);
        if (ok) next.push_back(std::string(domain::to_string(s)));
    }
    v.set("can_update", !next.empty());
    v.set("next_states", options(ctx, "status.state.", next, std::string(domain::to_string(state))));
    v.set("typed_body", typed_body);
    if (!error_key.empty()) v.set("error", ctx.t(error_key));
    v.set("public_url", ctx.url("/status/incidents/" + std::to_string(id)));
    v.set("update_action", ctx.url("/admin/incidents/" + std::to_string(id) + "/updates"));
    v.set("postmortem_action", ctx.url("/admin/incidents/" + std::to_string(id) + "/postmortem"));
    v.set("postmortem", i->postmortem);
    v.set("done", ctx.query.get("done") == "saved");
    v.set("updates", timeline_view(ctx, id));
    http::render_page(ctx, "admin_incident", std::move(v), i->title, status);
}

}  // namespace

void admin_incidents(http::Ctx& ctx) {
    http::View v;
    http::View open{http::View::type::list};
    for (const auto& i : store::active_incidents(ctx.db(), ctx.now(), true)) {
        auto item = incident_view(ctx, i, false);
        item.set("admin_url", ctx.url("/admin/incidents/" + std::to_string(i.id)));
        open.push_back(item);
    }
    v.set("open", open);
    v.set("has_open", !open.is_empty_list());
    int page = ctx.page_number();
    auto list = store::list_incidents(ctx.db(), true, 20, (page - 1) * 20);
    bool has_next = list.size() > 20;
    if (has_next) list.pop_back();
    http::View all{http::View::type::list};
    for (const auto& i : list) {
        auto item = incident_view(ctx, i, false);
        item.set("admin_url", ctx.url("/admin/incidents/" + std::to_string(i.id)));
        all.push_back(item);
    }
    v.set("all", all);
    set_pagination(v, ctx, "/admin/incidents", page, has_next);
    v.set("created", ctx.query.get("done") == "created");
    http::render_page(ctx, "admin_incidents", std::move(v), ctx.t("status.admin.incidents_title"));
}

void admin_incident_new(http::Ctx& ctx) {
    auto kind = domain::parse_incident_kind(ctx.query.get("kind")).value_or(domain::IncidentKind::Incident);
    show_new(ctx, kind, {}, {}, 200);
}

void admin_incident_create(http::Ctx& ctx) {
    actions::IncidentInput in;
    in.kind = domain::parse_incident_kind(ctx.form.get("kind")).value_or(domain::IncidentKind::Incident);
    auto kind = in.kind;
    std::map<std::string, std::string> values;
    for (const char* k : {"title", "impact", "state", "window_start", "window_end"}) values[k] = ctx.form.get(k);
    values["body"] = unix_newlines(ctx.form.get("body"));
    // "Do not notify" (issue 19): kept through the preview like the other fields.
    if (ctx.form.get("silent") == "1") values["silent"] = "1";
    in.notify = values["silent"] != "1";
    in.title = values["title"];
    while (!in.title.empty() && in.title.back() == ' ') in.title.pop_back();
    in.impact = values["impact"];
    in.state = values["state"];
    in.body = values["body"];
    if (in.kind == domain::IncidentKind::Maintenance) {
        in.scheduled_start = parse_local(ctx.zone(), values["window_start"]);
        in.scheduled_end = parse_local(ctx.zone(), values["window_end"]);
    }
    for (const auto& s : store::list_services(ctx.db(), true, true)) {
        std::string name = "effect_" + std::to_string(s.id);
        std::string effect = ctx.form.get(name);
        values[name] = effect;
        if (!effect.empty()) in.services.emplace_back(s.id, effect);
    }
    values["no_service"] = ctx.form.get("no_service") == "1" ? "1" : "";
    in.touches_no_service = !values["no_service"].empty();
    actions::FieldErrors errors = actions::validate_incident(in);
    // A one-line field: a line break can only come from a forged form.
    if (in.title.find_first_of("\r\n") != std::string::npos) errors["title"] = "status.error.too_long";
    if (!errors.empty()) {
        show_new(ctx, kind, values, errors, 422);
        return;
    }
    // The admin sees what the public will see before it is published.
    if (ctx.form.get("step") != "publish") {
        show_new(ctx, kind, values, {}, 200, &in);
        return;
    }
    auto opened = actions::open_incident(action_context(ctx), in);
    if (!opened.errors.empty()) {
        show_new(ctx, kind, values, opened.errors, 422);
        return;
    }
    http::redirect(ctx, "/admin/incidents/" + std::to_string(opened.id) + "?done=saved");
}

void admin_incident(http::Ctx& ctx) { show_incident(ctx, ctx.id_param(), "", "", 200); }

void admin_incident_update(http::Ctx& ctx) {
    int64_t id = ctx.id_param();
    auto incident = store::find_incident(ctx.db(), id);
    if (!incident) throw http::HttpError(404);
    actions::UpdateInput in;
    in.state = ctx.form.get("state");
    in.body = unix_newlines(ctx.form.get("body"));
    in.notify = ctx.form.get("silent") != "1";  // "do not notify" (issue 19)
    // How each service is affected from now on (issue 15): only the lists that change something.
    std::map<std::string, std::string> typed;
    if (incident->kind == domain::IncidentKind::Incident) {
        for (const auto& s : store::list_services(ctx.db(), true, true)) {
            std::string field = "effect_" + std::to_string(s.id);
            std::string effect = ctx.form.get(field);
            typed[field] = effect;
            std::string current;
            for (const auto& a : incident->services)
                if (a.service_id == s.id) current = a.effect;
            if (effect.empty() || effect == current || (current.empty() && effect == "operational")) continue;
            in.effects.emplace_back(s.id, effect);
        }
    }
    if (auto err = actions::update_incident(action_context(ctx), id, in); !err.empty()) {
        show_incident(ctx, id, in.body, err, 422, typed);
        return;
    }
    http::redirect(ctx, "/admin/incidents/" + std::to_string(id) + "?done=saved");
}

void admin_incident_postmortem(http::Ctx& ctx) {
    int64_t id = ctx.id_param();
    if (!store::find_incident(ctx.db(), id)) throw http::HttpError(404);
    std::string text = unix_newlines(ctx.form.get("postmortem"));
    if (auto err = actions::save_postmortem(action_context(ctx), id, text); !err.empty()) {
        show_incident(ctx, id, "", err, 422);
        return;
    }
    http::redirect(ctx, "/admin/incidents/" + std::to_string(id) + "?done=saved");
}

}  // namespace chatiere::ui
