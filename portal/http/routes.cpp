// The sitemap: every route the portal answers, with who may reach it.
// GET routes also answer HEAD. Paths are below the configured root path.
#include "http/router.h"
#include "ui/handlers.h"
#include "api/handlers.h"  // status API (issue 4)

namespace chatiere::http {

std::vector<Route> route_table() {
    using R = Role;
    return {
        // public pages
        {"GET",  "/",                 R::Public, ui::home},
        {"GET",  "/about",            R::Public, ui::content_page("about")},
        {"GET",  "/terms",            R::Public, ui::content_page("terms")},
        {"GET",  "/privacy",          R::Public, ui::content_page("privacy")},
        {"GET",  "/legal",            R::Public, ui::content_page("legal")},
        {"GET",  "/pages/:slug",      R::Public, ui::extra_page},

        // accounts
        {"GET",  "/login",                R::Public, ui::login_form},
        {"POST", "/login",                R::Public, ui::login_submit},
        {"GET",  "/login/second-factor",  R::Public, ui::second_factor_form},
        {"POST", "/login/second-factor",  R::Public, ui::second_factor_submit},
        {"POST", "/logout",               R::Public, ui::logout},

        // the member's space
        {"GET",  "/account",              R::Member, ui::account_home},

        // published profile (issue 6): ChatonsInfos files, signatures, public key, Librehosters
        {"GET",  "/.well-known/chatonsinfos/:file", R::Asset, ui::chatonsinfos_file},
        {"GET",  "/librehost.json",       R::Asset,  ui::librehost_json},
        {"GET",  "/admin/profile",        R::Admin,  ui::admin_profile},
        {"GET",  "/admin/settings",       R::Admin,  ui::admin_settings_form},
        {"POST", "/admin/settings",       R::Admin,  ui::admin_settings_submit},

        // services and their status (issue 4): status page, feeds, read API (Public: a member's
        // browser also sees members-only services), write API (bearer token), admin
        {"GET",  "/status",                                   R::Public, ui::status_page},
        {"GET",  "/status/history",                           R::Public, ui::status_history},
        {"GET",  "/status/feed.atom",                         R::Public, ui::status_feed},
        {"GET",  "/status/incidents/:id",                     R::Public, ui::status_incident},
        {"GET",  "/status/services/:slug",                    R::Public, ui::status_service},
        {"GET",  "/status/services/:slug/feed.atom",          R::Public, ui::status_service_feed},
        {"GET",  "/api/v2/summary.json",                      R::Public, api::summary},
        {"GET",  "/api/v2/status.json",                       R::Public, api::status},
        {"GET",  "/api/v2/components.json",                   R::Public, api::components},
        {"GET",  "/api/v2/incidents.json",                    R::Public, api::incidents},
        {"GET",  "/api/v2/incidents/unresolved.json",         R::Public, api::incidents_unresolved},
        {"GET",  "/api/v2/scheduled-maintenances/upcoming.json", R::Public, api::maintenances_upcoming},
        {"GET",  "/api/v2/scheduled-maintenances/active.json",   R::Public, api::maintenances_active},
        {"POST", "/api/v2/incidents",                         R::Api,    api::incident_open},
        {"POST", "/api/v2/incidents/:id/updates",             R::Api,    api::incident_update},
        {"POST", "/api/v2/incidents/:id/resolve",             R::Api,    api::incident_resolve},
        {"GET",  "/admin/services",                           R::Admin,  ui::admin_services},
        {"GET",  "/admin/services/new",                       R::Admin,  ui::admin_service_form},
        {"POST", "/admin/services/new",                       R::Admin,  ui::admin_service_submit},
        {"GET",  "/admin/services/:id",                       R::Admin,  ui::admin_service_form},
        {"POST", "/admin/services/:id",                       R::Admin,  ui::admin_service_submit},
        {"GET",  "/admin/incidents",                          R::Admin,  ui::admin_incidents},
        {"GET",  "/admin/incidents/new",                      R::Admin,  ui::admin_incident_new},
        {"POST", "/admin/incidents/new",                      R::Admin,  ui::admin_incident_create},
        {"GET",  "/admin/incidents/:id",                      R::Admin,  ui::admin_incident},
        {"POST", "/admin/incidents/:id/updates",              R::Admin,  ui::admin_incident_update},
        {"POST", "/admin/incidents/:id/postmortem",           R::Admin,  ui::admin_incident_postmortem},
        {"GET",  "/admin/api-tokens",                         R::Admin,  ui::admin_api_tokens},
        {"POST", "/admin/api-tokens",                         R::Admin,  ui::admin_api_token_create},
        {"POST", "/admin/api-tokens/:id/revoke",              R::Admin,  ui::admin_api_token_revoke},
        {"GET",  "/admin/webhooks",                           R::Admin,  ui::admin_webhooks},
        {"POST", "/admin/webhooks",                           R::Admin,  ui::admin_webhook_create},
        {"POST", "/admin/webhooks/:id/disable",               R::Admin,  ui::admin_webhook_disable},

        // infrastructure
        {"GET",  "/healthz",          R::Asset,  ui::healthz},
        {"GET",  "/static/:file",     R::Asset,  ui::static_file},
        {"GET",  "/robots.txt",       R::Asset,  ui::robots_txt},
    };
}

}  // namespace chatiere::http
