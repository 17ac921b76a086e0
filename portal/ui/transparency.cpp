// /transparency: where the data lives and which free software runs, derived from the service
// catalogue (members-only services only for logged-in members; drafts never), with the
// admin's intro (page "transparency-intro"), the open books and the published profile.
#include <map>
#include <set>

#include "app.h"
#include "http/response.h"
#include "store/pages.h"
#include "store/services.h"
#include "text/markdown.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

namespace {

// A label for an enum value from the catalogue ("pages.provider.HOME"), else the value.
std::string label(const http::Ctx& ctx, const std::string& prefix, const std::string& value) {
    if (value.empty()) return {};
    std::string key = prefix + value;
    return ctx.app.catalog.has(ctx.lang, key) ? ctx.t(key) : value;
}

std::string registration_label(const http::Ctx& ctx, const std::string& value) {
    std::string out;
    size_t start = 0;
    while (start <= value.size()) {
        size_t end = value.find(';', start);
        std::string part = value.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!part.empty()) out += (out.empty() ? "" : ", ") + label(ctx, "pages.registration.", part);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

void set_if(http::View& v, const std::string& key, const std::string& value) {
    if (!value.empty()) v.set(key, value);
}

}  // namespace

void transparency(http::Ctx& ctx) {
    auto& db = ctx.db();
    http::View v;
    if (auto intro = store::find_page(db, "transparency-intro", ctx.lang))
        v.set("intro_html", text::markdown_to_html(intro->body, 1));

    auto services = store::list_services(db, sees_members_only(ctx));
    http::View rows{http::View::type::list};
    // Software and hosts, once each (by name), in order of first appearance.
    std::vector<const store::Service*> software, hosts;
    std::set<std::string> seen_software, seen_hosts;
    for (const auto& s : services) {
        http::View r;
        r.set("name", s.name);
        r.set("slug", s.slug);
        r.set("status_url", ctx.url("/status/services/" + s.slug));
        r.set("members_only", s.visibility == "members");
        set_if(r, "software", s.software_name);
        set_if(r, "version", s.software_version);
        set_if(r, "license", s.software_license_name);
        set_if(r, "license_url", s.software_license_url);
        set_if(r, "source_url", s.software_source_url);
        set_if(r, "host", s.host_name);
        set_if(r, "provider_type", label(ctx, "pages.provider.", s.host_provider_type));
        set_if(r, "server_type", label(ctx, "pages.server.", s.host_server_type));
        set_if(r, "country", s.host_country_name.empty() ? s.host_country_code : s.host_country_name);
        set_if(r, "registration", registration_label(ctx, s.registration));
        r.set("full", s.registration_load == "FULL");
        rows.push_back(r);
        if (!s.software_name.empty() && seen_software.insert(s.software_name).second) software.push_back(&s);
        if (!s.host_name.empty() && seen_hosts.insert(s.host_name).second) hosts.push_back(&s);
    }
    v.set("services", rows);
    v.set("has_services", !services.empty());

    http::View sw{http::View::type::list};
    for (const auto* s : software) {
        http::View r;
        r.set("name", s->software_name);
        set_if(r, "website", s->software_website);
        set_if(r, "license", s->software_license_name);
        set_if(r, "license_url", s->software_license_url);
        set_if(r, "source_url", s->software_source_url);
        sw.push_back(r);
    }
    v.set("software_list", sw);  // not "software": a card without software would see this list
    v.set("has_software", !software.empty());

    http::View hs{http::View::type::list};
    for (const auto* s : hosts) {
        http::View r;
        r.set("name", s->host_name);
        set_if(r, "description", s->host_description);
        set_if(r, "provider_type", label(ctx, "pages.provider.", s->host_provider_type));
        set_if(r, "country", s->host_country_name.empty() ? s->host_country_code : s->host_country_name);
        hs.push_back(r);
    }
    v.set("hosts", hs);
    v.set("has_hosts", !hosts.empty());
    v.set("profile_url", ctx.url("/.well-known/chatonsinfos/organization.properties"));
    http::render_page(ctx, "transparency", std::move(v), ctx.t("pages.transparency.title"));
}

}  // namespace chatiere::ui
