// GET /status/feed.atom and /status/services/:slug/feed.atom: Atom 1.0 (RFC 4287).
// One entry per incident or maintenance, its updates (newest first) as the content; entries
// newest change first; ids are tag: URIs that never change (host, creation date, number).
#include <algorithm>

#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/settings.h"
#include "text/markdown.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

std::optional<store::Service> visible_service(http::Ctx& ctx, const std::string& slug);  // status_service.cpp

namespace {

constexpr int kEntries = 50;

std::string host_of(const std::string& url) {
    auto p = url.find("://");
    std::string rest = p == std::string::npos ? url : url.substr(p + 3);
    rest = rest.substr(0, rest.find('/'));
    return rest.substr(0, rest.find(':'));
}

std::string entry_id(const std::string& host, const store::Incident& i) {
    return "tag:" + host + "," + i18n::iso_utc(i.created_at).substr(0, 10) + ":incident-" + std::to_string(i.id);
}

void write_feed(http::Ctx& ctx, const std::string& self_path, const std::string& alternate_path,
                const std::string& title, std::vector<store::Incident> incidents) {
    std::sort(incidents.begin(), incidents.end(), [](const auto& a, const auto& b) {
        return a.updated_at != b.updated_at ? a.updated_at > b.updated_at : a.id > b.id;
    });
    std::string host = host_of(ctx.absolute_url("/"));
    int64_t updated = incidents.empty() ? ctx.now() : incidents.front().updated_at;
    std::string site = store::get_setting(ctx.db(), "site.name").value_or("Chatière");
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
                      ctx.lang + "\">\n";
    out += "<id>" + xml_escape(ctx.absolute_url(self_path)) + "</id>\n";
    out += "<title>" + xml_escape(title) + "</title>\n";
    out += "<updated>" + i18n::iso_utc(updated) + "</updated>\n";
    out += "<author><name>" + xml_escape(site) + "</name></author>\n";
    out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_escape(ctx.absolute_url(self_path)) + "\"/>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(ctx.absolute_url(alternate_path)) + "\"/>\n";
    out += "<generator>Chatière</generator>\n";
    for (const auto& i : incidents) {
        std::string state(domain::to_string(status::effective_state(i.kind, i.state, i.started_at, i.closes_at, ctx.now())));
        std::string kind(domain::to_string(i.kind));
        std::string html;
        if (i.kind == domain::IncidentKind::Maintenance && i.scheduled_start && i.scheduled_end)
            html += "<p>" + xml_escape(ctx.t("status.window", {{"start", ctx.format_datetime(*i.scheduled_start)},
                                                               {"end", ctx.format_datetime(*i.scheduled_end)}})) +
                    "</p>";
        auto updates = store::incident_updates(ctx.db(), i.id);
        for (auto u = updates.rbegin(); u != updates.rend(); ++u) {
            html += "<p><strong>" + xml_escape(ctx.t("status.state." + std::string(domain::to_string(u->state)))) + "</strong> — " +
                    xml_escape(ctx.format_datetime(u->at)) + "</p>";
            html += text::markdown_to_html(u->body, 2);
        }
        if (!i.postmortem.empty())
            html += "<h3>" + xml_escape(ctx.t("status.postmortem")) + "</h3>" + text::markdown_to_html(i.postmortem, 2);
        std::string url = ctx.absolute_url("/status/incidents/" + std::to_string(i.id));
        out += "<entry>\n<id>" + xml_escape(entry_id(host, i)) + "</id>\n";
        out += "<title>" + xml_escape("[" + ctx.t("status.state." + state) + "] " + i.title) + "</title>\n";
        out += "<published>" + i18n::iso_utc(i.created_at) + "</published>\n";
        out += "<updated>" + i18n::iso_utc(i.updated_at) + "</updated>\n";
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(url) + "\"/>\n";
        out += "<category term=\"" + kind + "\" label=\"" + xml_escape(ctx.t("status.kind." + kind)) + "\"/>\n";
        out += "<content type=\"html\">" + xml_escape(html) + "</content>\n</entry>\n";
    }
    out += "</feed>\n";
    // The body's hash: a maintenance's state moves with the clock, so the content decides.
    // Browser-side feed readers on other sites read it; a wildcard never carries credentials.
    ctx.res.set_header("Access-Control-Allow-Origin", "*");
    if (http::not_modified(ctx, http::etag_of(out))) return;
    http::send_text(ctx, std::move(out), "application/atom+xml; charset=utf-8");
}

}  // namespace

void status_feed(http::Ctx& ctx) {
    bool members = sees_members_only(ctx);
    auto list = store::recent_incidents(ctx.db(), members, kEntries);
    store::filter_visible(list, members);
    write_feed(ctx, "/status/feed.atom", "/status", ctx.t("status.feed.title"), std::move(list));
}

void status_service_feed(http::Ctx& ctx) {
    auto s = visible_service(ctx, ctx.param("slug"));
    if (!s) throw http::HttpError(404);
    auto list = store::service_incidents(ctx.db(), s->id, kEntries, 0);
    if (list.size() > static_cast<size_t>(kEntries)) list.pop_back();
    store::filter_visible(list, sees_members_only(ctx));
    write_feed(ctx, "/status/services/" + s->slug + "/feed.atom", "/status/services/" + s->slug,
               ctx.t("status.feed.service_title", {{"name", s->name}}), std::move(list));
}

}  // namespace chatiere::ui
