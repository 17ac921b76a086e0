#include "ui/status_common.h"

#include <ctime>

#include "text/escape.h"

#include "app.h"
#include "i18n/format.h"
#include "text/markdown.h"

namespace chatiere::ui {

http::View status_badge(const http::Ctx& ctx, status::ServiceStatus s) {
    http::View b;
    b.set("label", ctx.t("status.service." + std::string(status::status_key(s))));
    b.set("class", std::string(status::badge_class(s)));
    b.set("key", std::string(status::status_key(s)));
    return b;
}

// A time on the status pages (issue 15): the date and time with the zone's UTC offset, and how
// long ago when it is less than a day: "30 novembre 2026 à 02:56 (UTC+1, il y a 12 min)".
std::string status_time(const http::Ctx& ctx, int64_t t) {
    long off = ctx.zone().offset_at(t);
    std::string zone = "UTC";
    if (off != 0) {
        zone += off < 0 ? "\u2212" : "+";
        long a = off < 0 ? -off : off;
        zone += std::to_string(a / 3600);
        if (a % 3600) {
            char mm[8];
            std::snprintf(mm, sizeof mm, ":%02ld", (a % 3600) / 60);
            zone += mm;
        }
    }
    std::string ago;
    int64_t d = ctx.now() - t;
    if (d >= 0 && d < 60) ago = ctx.t("front.time.just_now");
    else if (d >= 60 && d < 3600) ago = ctx.t("front.time.minutes_ago", {{"n", std::to_string(d / 60)}});
    else if (d >= 3600 && d < 86400) ago = ctx.t("front.time.hours_ago", {{"n", std::to_string(d / 3600)}});
    std::string when = ctx.format_datetime(t);
    return ctx.t(ago.empty() ? "front.time.with_zone" : "front.time.with_zone_ago",
                 {{"time", when}, {"zone", zone}, {"ago", ago}});
}

http::View incident_view(http::Ctx& ctx, const store::Incident& i, bool with_latest) {
    int64_t now = ctx.now();
    auto state = status::effective_state(i.kind, i.state, i.started_at, i.closes_at, now);
    std::string state_name(domain::to_string(state));
    http::View v;
    v.set("id", std::to_string(i.id));
    v.set("url", ctx.url("/status/incidents/" + std::to_string(i.id)));
    v.set("title", i.title);
    v.set("kind_label", ctx.t("status.kind." + std::string(domain::to_string(i.kind))));
    v.set("maintenance", i.kind == domain::IncidentKind::Maintenance);
    v.set("state", state_name);
    v.set("state_label", ctx.t("status.state." + state_name));
    v.set("closed", domain::is_closed(state));
    // Progress states have colours of their own, not the outage red (issue 15): looking into it
    // (amber), cause found (violet), watching the fix (teal), closed (green), maintenance (blue).
    v.set("state_class", domain::is_closed(state)                        ? std::string("ok")
                         : i.kind == domain::IncidentKind::Maintenance   ? std::string("maint")
                         : state == domain::IncidentState::Identified    ? std::string("found")
                         : state == domain::IncidentState::Monitoring    ? std::string("watch")
                                                                         : std::string("warn"));
    v.set("impact_class", i.impact == domain::Impact::Critical || i.impact == domain::Impact::Major ? std::string("bad")
                          : i.impact == domain::Impact::Minor                                        ? std::string("warn")
                                                                                                     : std::string("off"));
    v.set("impact_label", ctx.t("status.impact." + std::string(domain::to_string(i.impact))));
    v.set("started", status_time(ctx, i.started_at));
    v.set("started_iso", i18n::iso_utc(i.started_at));
    if (i.kind == domain::IncidentKind::Maintenance && i.scheduled_start && i.scheduled_end) {
        v.set("window_start", status_time(ctx, *i.scheduled_start));
        v.set("window_start_iso", i18n::iso_utc(*i.scheduled_start));
        v.set("window_end", status_time(ctx, *i.scheduled_end));
        v.set("window_end_iso", i18n::iso_utc(*i.scheduled_end));
    }
    if (i.resolved_at) {
        v.set("resolved", status_time(ctx, *i.resolved_at));
        v.set("resolved_iso", i18n::iso_utc(*i.resolved_at));
    }
    v.set("updated", status_time(ctx, i.updated_at));
    v.set("updated_iso", i18n::iso_utc(i.updated_at));
    http::View services{http::View::type::list};
    bool members = sees_members_only(ctx);
    for (const auto& a : i.services) {
        if (!a.visible_to(members)) continue;
        http::View s;
        s.set("name", a.name);
        s.set("url", ctx.url("/status/services/" + a.slug));
        s.set("effect_label", ctx.t("status.effect." + a.effect));
        services.push_back(s);
    }
    v.set("has_services", !services.is_empty_list());
    v.set("services", services);
    if (with_latest)
        if (auto u = store::latest_update(ctx.db(), i.id)) {
            v.set("latest_html", text::markdown_to_html(u->body, 3));
            v.set("latest_at", status_time(ctx, u->at));
            v.set("latest_iso", i18n::iso_utc(u->at));
            v.set("latest_state", ctx.t("status.state." + std::string(domain::to_string(u->state))));
        }
    return v;
}

http::View timeline_view(http::Ctx& ctx, int64_t incident_id) {
    http::View updates{http::View::type::list};
    auto all = store::incident_updates(ctx.db(), incident_id);
    auto changes = store::update_effects(ctx.db(), incident_id);  // issue 15
    bool members = sees_members_only(ctx);
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        http::View u;
        http::View effects{http::View::type::list};
        for (const auto& c : changes) {
            if (c.update_id != it->id || !c.service.visible_to(members)) continue;
            http::View e;
            e.set("name", c.service.name);
            e.set("label", ctx.t("status.effect." + c.service.effect));
            e.set("class", std::string(c.service.effect == "operational" ? "ok"
                                       : c.service.effect == "degraded" ? "warn" : "bad"));
            effects.push_back(e);
        }
        u.set("has_effects", !effects.is_empty_list());
        u.set("effects", effects);
        u.set("state_label", ctx.t("status.state." + std::string(domain::to_string(it->state))));
        u.set("at", status_time(ctx, it->at));
        u.set("at_iso", i18n::iso_utc(it->at));
        u.set("author", it->author_name);
        u.set("body_html", text::markdown_to_html(it->body, 2));
        updates.push_back(u);
    }
    return updates;
}

std::string xml_escape(std::string_view s) { return text::escape_markup(s); }

void history_details(http::Ctx& ctx, const store::ServiceHistory& h, http::View& v) {
    if (h.days.empty()) return;
    v.set("range_from", ctx.format_date(h.days.front().start));
    v.set("range_to", ctx.format_date(h.days.back().start));
    http::View list{http::View::type::list};
    for (auto d = h.days.rbegin(); d != h.days.rend(); ++d) {
        std::string cls, what;
        if (d->stat.worst == status::Effect::MajorOutage) cls = "bad", what = ctx.t("status.effect.major_outage");
        else if (d->stat.worst == status::Effect::PartialOutage) cls = "bad", what = ctx.t("status.effect.partial_outage");
        else if (d->stat.worst == status::Effect::Degraded) cls = "warn", what = ctx.t("status.effect.degraded");
        else if (d->maintenance) cls = "maint", what = ctx.t("status.kind.maintenance");
        else continue;
        std::string day = i18n::strftime_local(ctx.zone(), d->start, "%Y-%m-%d");
        http::View item;
        item.set("date", ctx.format_date(d->start));
        item.set("iso", day);
        item.set("what", what);
        item.set("class", cls);
        item.set("url", ctx.url("/status/services/" + h.state.service.slug + "?day=" + day) + "#day");
        list.push_back(item);
    }
    v.set("has_trouble_days", !list.is_empty_list());
    v.set("trouble_days", list);
}

void set_pagination(http::View& v, const http::Ctx& ctx, const std::string& path, int page, bool has_next) {
    if (page > 1) v.set("prev_url", ctx.url(path) + (page == 2 ? std::string() : "?page=" + std::to_string(page - 1)));
    if (has_next) v.set("next_url", ctx.url(path) + "?page=" + std::to_string(page + 1));
    v.set("has_pagination", page > 1 || has_next);
}

StatusCards::StatusCards(http::Ctx& ctx, const std::vector<int64_t>& service_ids) : ctx_(ctx) {
    bool members = sees_members_only(ctx);
    for (const auto& st : store::service_statuses_of(ctx.db(), service_ids, ctx.now(), members)) {
        status_[st.service.id] = st.status;
        slug_[st.service.id] = st.service.slug;
    }
    open_ = store::running_incidents(ctx.db(), ctx.now(), members);
    store::filter_visible(open_, members);
    std::erase_if(open_, [&](const store::Incident& i) {
        return status::effective_state(i.kind, i.state, i.started_at, i.closes_at, ctx.now()) ==
               domain::IncidentState::Scheduled;
    });
}

void StatusCards::fill(http::View& card, int64_t service_id) const {
    auto it = status_.find(service_id);
    if (it == status_.end()) return;
    card.set("status", status_badge(ctx_, it->second));
    card.set("status_url", ctx_.url("/status/services/" + slug_.at(service_id)));
    http::View list{http::View::type::list};
    for (const auto& i : open_)
        for (const auto& a : i.services)
            if (a.service_id == service_id) {
                http::View item;
                item.set("title", i.title);
                item.set("url", ctx_.url("/status/incidents/" + std::to_string(i.id)));
                auto state = status::effective_state(i.kind, i.state, i.started_at, i.closes_at, ctx_.now());
                item.set("state_label", ctx_.t("status.state." + std::string(domain::to_string(state))));
                list.push_back(item);
            }
    card.set("has_incidents", !list.is_empty_list());
    card.set("incidents", list);
}

}  // namespace chatiere::ui
