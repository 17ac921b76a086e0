// /admin/incidents: open an incident or schedule a maintenance (one short form that works on a
// phone), follow it up with updates, resolve it, write the post-mortem. The writes go through
// api/incident_actions.h, shared with the write API (audit, mail, webhooks).
#include <ctime>

#include "api/incident_actions.h"
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "text/markdown.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {


namespace {

api::Actor actor_of(const http::Ctx& ctx) {
    return {ctx.user->id, ctx.user->login.empty() ? ctx.user->name : ctx.user->login};
}

std::string unix_newlines(const std::string& v) {
    std::string out;
    for (char c : v)
        if (c != '\r') out += c;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// "2026-11-24T21:00" in the local time zone → unix time.
std::optional<int64_t> parse_local(const std::string& v) {
    std::tm tm{};
    if (v.size() < 16 || std::sscanf(v.c_str(), "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                                     &tm.tm_min) != 5)
        return std::nullopt;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    return static_cast<int64_t>(std::mktime(&tm));
}

// The value of a datetime-local field.
std::string format_local(int64_t t) { return i18n::strftime_local(t, "%Y-%m-%dT%H:%M"); }

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

void show_new(http::Ctx& ctx, const std::string& kind, const std::map<std::string, std::string>& values,
              const api::FieldErrors& errors, int status) {
    auto get = [&](const std::string& k, const std::string& def = {}) {
        auto it = values.find(k);
        return it == values.end() ? def : it->second;
    };
    http::View v;
    v.set("maintenance", kind == "maintenance");
    v.set("kind", kind);
    std::string title = ctx.t(kind == "maintenance" ? "status.admin.new_maintenance" : "status.admin.new_incident");
    v.set("page_title", title);
    v.set("title", get("title"));
    v.set("body", get("body"));
    v.set("impacts", options(ctx, "status.impact.", {"minor", "major", "critical", "none"}, get("impact", "major")));
    v.set("states", options(ctx, "status.state.", {"investigating", "identified", "monitoring"}, get("state", "investigating")));
    int64_t start = ctx.now() + 86400 - ctx.now() % 3600;
    v.set("window_start", get("window_start", format_local(start)));
    v.set("window_end", get("window_end", format_local(start + 2 * 3600)));
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
    http::View errs;
    for (const auto& [field, key] : errors) errs.set(field, ctx.t(key));
    v.set("errors", errs);
    v.set("has_errors", !errors.empty());
    http::render_page(ctx, "admin_incident_new", std::move(v), title, status);
}

int64_t id_param(http::Ctx& ctx) {
    const std::string& s = ctx.param("id");
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) throw http::HttpError(404);
    return std::stoll(s);
}

void show_incident(http::Ctx& ctx, int64_t id, const std::string& typed_body, const std::string& error_key, int status) {
    auto i = store::find_incident(ctx.db(), id);
    if (!i) throw http::HttpError(404);
    http::View v = incident_view(ctx, *i, false);
    std::string state = status::effective_state(i->kind, i->state, i->started_at, i->closes_at, ctx.now());
    std::vector<std::string> next;
    for (std::string s : i->kind == "maintenance" ? std::vector<std::string>{"scheduled", "in_progress", "completed"}
                                                  : std::vector<std::string>{"investigating", "identified", "monitoring", "resolved"}) {
        bool ok = i->kind == "maintenance" ? status::maintenance_transition_ok(state, s)
                                           : status::incident_transition_ok(state, s);
        if (ok) next.push_back(s);
    }
    v.set("can_update", !next.empty());
    v.set("next_states", options(ctx, "status.state.", next, state));
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
    int page = page_number(ctx);
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
    std::string kind = ctx.query.get("kind") == "maintenance" ? "maintenance" : "incident";
    show_new(ctx, kind, {}, {}, 200);
}

void admin_incident_create(http::Ctx& ctx) {
    api::IncidentInput in;
    in.kind = ctx.form.get("kind") == "maintenance" ? "maintenance" : "incident";
    std::map<std::string, std::string> values;
    for (const char* k : {"title", "impact", "state", "window_start", "window_end"}) values[k] = ctx.form.get(k);
    values["body"] = unix_newlines(ctx.form.get("body"));
    in.title = values["title"];
    while (!in.title.empty() && in.title.back() == ' ') in.title.pop_back();
    in.impact = in.kind == "maintenance" ? "none" : values["impact"];
    in.state = in.kind == "maintenance" ? "scheduled" : values["state"];
    in.body = values["body"];
    api::FieldErrors errors;
    if (in.kind == "maintenance") {
        in.scheduled_start = parse_local(values["window_start"]);
        in.scheduled_end = parse_local(values["window_end"]);
    }
    for (const auto& s : store::list_services(ctx.db(), true, true)) {
        std::string name = "effect_" + std::to_string(s.id);
        std::string effect = ctx.form.get(name);
        values[name] = effect;
        if (!effect.empty()) in.services.emplace_back(s.id, effect);
    }
    for (auto& [k, e] : api::validate_incident(in)) errors[k] = e;
    if (in.title.find_first_of("\r\n") != std::string::npos) errors["title"] = "status.error.too_long";
    if (!errors.empty()) {
        show_new(ctx, in.kind, values, errors, 422);
        return;
    }
    int64_t id = api::open_incident(ctx, in, actor_of(ctx));
    http::redirect(ctx, "/admin/incidents/" + std::to_string(id) + "?done=saved");
}

void admin_incident(http::Ctx& ctx) { show_incident(ctx, id_param(ctx), "", "", 200); }

void admin_incident_update(http::Ctx& ctx) {
    int64_t id = id_param(ctx);
    if (!store::find_incident(ctx.db(), id)) throw http::HttpError(404);
    std::string state = ctx.form.get("state");
    std::string body = unix_newlines(ctx.form.get("body"));
    std::string err = api::check_transition(ctx, id, state);
    if (err.empty() && body.empty()) err = "status.error.required";
    if (err.empty() && body.size() > 20000) err = "status.error.too_long";
    if (!err.empty()) {
        show_incident(ctx, id, body, err, 422);
        return;
    }
    api::post_update(ctx, id, state, body, actor_of(ctx));
    http::redirect(ctx, "/admin/incidents/" + std::to_string(id) + "?done=saved");
}

void admin_incident_postmortem(http::Ctx& ctx) {
    int64_t id = id_param(ctx);
    auto i = store::find_incident(ctx.db(), id);
    if (!i) throw http::HttpError(404);
    std::string text = unix_newlines(ctx.form.get("postmortem"));
    std::string state = status::effective_state(i->kind, i->state, i->started_at, i->closes_at, ctx.now());
    if (!status::is_closed_state(state)) {
        show_incident(ctx, id, "", "status.error.transition", 422);
        return;
    }
    if (text.size() > 50000) {
        show_incident(ctx, id, "", "status.error.too_long", 422);
        return;
    }
    api::save_postmortem(ctx, id, text, actor_of(ctx));
    http::redirect(ctx, "/admin/incidents/" + std::to_string(id) + "?done=saved");
}

}  // namespace chatiere::ui
