#pragma once
#include <string>

#include "http/context.h"
#include "http/router.h"

// Page handlers, one small file per page or action (portal/ui/*.cpp). Each reads the
// request, calls store/, and renders a template; none writes SQL.
namespace chatiere::ui {

// public pages
void home(http::Ctx& ctx);                           // home.cpp
http::Handler content_page(std::string slug);        // content_page.cpp: /about, /terms…
void extra_page(http::Ctx& ctx);                     // content_page.cpp: /pages/:slug

// accounts: log-in (login.cpp)
void login_form(http::Ctx& ctx);
void login_submit(http::Ctx& ctx);
void second_factor_form(http::Ctx& ctx);
void second_factor_submit(http::Ctx& ctx);
void logout(http::Ctx& ctx);

// accounts: the member's space (account*.cpp)
void account_home(http::Ctx& ctx);

// published profile (profile.cpp, admin_profile.cpp, admin_settings.cpp)
void chatonsinfos_file(http::Ctx& ctx);              // /.well-known/chatonsinfos/:file
void librehost_json(http::Ctx& ctx);                 // /librehost.json
void admin_profile(http::Ctx& ctx);                  // /admin/profile: the check report
void admin_settings_form(http::Ctx& ctx);            // /admin/settings: the hoster's identity
void admin_settings_submit(http::Ctx& ctx);

// services and their status (issue 4): status_*.cpp, admin_services*.cpp, admin_incidents*.cpp
void status_page(http::Ctx& ctx);                    // /status
void status_history(http::Ctx& ctx);                 // /status/history
void status_incident(http::Ctx& ctx);                // /status/incidents/:id
void status_service(http::Ctx& ctx);                 // /status/services/:slug
void status_feed(http::Ctx& ctx);                    // /status/feed.atom
void status_service_feed(http::Ctx& ctx);            // /status/services/:slug/feed.atom
void admin_services(http::Ctx& ctx);                 // /admin/services
void admin_service_form(http::Ctx& ctx);             // /admin/services/new, /admin/services/:id
void admin_service_submit(http::Ctx& ctx);
void admin_incidents(http::Ctx& ctx);                // /admin/incidents
void admin_incident_new(http::Ctx& ctx);             // /admin/incidents/new[?kind=maintenance]
void admin_incident_create(http::Ctx& ctx);
void admin_incident(http::Ctx& ctx);                 // /admin/incidents/:id: updates, post-mortem
void admin_incident_update(http::Ctx& ctx);
void admin_incident_postmortem(http::Ctx& ctx);
void admin_api_tokens(http::Ctx& ctx);               // /admin/api-tokens
void admin_api_token_create(http::Ctx& ctx);
void admin_api_token_revoke(http::Ctx& ctx);
void admin_webhooks(http::Ctx& ctx);                 // /admin/webhooks
void admin_webhook_create(http::Ctx& ctx);
void admin_webhook_disable(http::Ctx& ctx);

// infrastructure
void healthz(http::Ctx& ctx);                        // health.cpp
void static_file(http::Ctx& ctx);                    // static_file.cpp
void robots_txt(http::Ctx& ctx);                     // static_file.cpp

}  // namespace chatiere::ui
