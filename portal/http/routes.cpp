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
        {"GET",  "/signup",               R::Public, ui::signup_form},
        {"POST", "/signup",               R::Public, ui::signup_submit},
        {"GET",  "/signup/verify",        R::Public, ui::signup_verify},
        {"GET",  "/signup/resend",        R::Public, ui::signup_resend_form},
        {"POST", "/signup/resend",        R::Public, ui::signup_resend_submit},
        {"GET",  "/account/email/confirm", R::Public, ui::account_email_confirm},
        {"GET",  "/account/email/revert", R::Public, ui::account_email_revert_form},
        {"POST", "/account/email/revert", R::Public, ui::account_email_revert_submit},
        {"GET",  "/password/forgot",      R::Public, ui::password_forgot_form},
        {"POST", "/password/forgot",      R::Public, ui::password_forgot_submit},
        {"GET",  "/password/reset",       R::Public, ui::password_reset_form},
        {"POST", "/password/reset",       R::Public, ui::password_reset_submit},

        // the member's space
        {"GET",  "/account",              R::Member, ui::account_home},
        {"GET",  "/account/profile",      R::Member, ui::account_profile_form},
        {"POST", "/account/profile",      R::Member, ui::account_profile_submit},
        {"GET",  "/account/password",     R::Member, ui::account_password_form},
        {"POST", "/account/password",     R::Member, ui::account_password_submit},
        {"GET",  "/account/sessions",     R::Member, ui::account_sessions},
        {"POST", "/account/sessions/:id/end", R::Member, ui::account_session_end},
        {"GET",  "/account/second-factor",         R::Member, ui::account_second_factor},
        {"POST", "/account/second-factor/enable",  R::Member, ui::account_second_factor_enable},
        {"POST", "/account/second-factor/disable", R::Member, ui::account_second_factor_disable},
        {"POST", "/account/second-factor/recovery-codes", R::Member, ui::account_recovery_codes_regenerate},
        {"GET",  "/account/export.json",  R::Member, ui::account_export},
        {"GET",  "/account/delete",       R::Member, ui::account_delete_form},
        {"POST", "/account/delete",       R::Member, ui::account_delete_submit},

        // administration: members, invitations, audit log, mail
        {"GET",  "/admin",                                 R::Admin, ui::admin_home},
        {"GET",  "/admin/members",                         R::Admin, ui::admin_members},
        {"GET",  "/admin/members/:id",                     R::Admin, ui::admin_member},
        {"POST", "/admin/members/:id/services",            R::Admin, ui::admin_member_attach},
        {"POST", "/admin/members/:id/services/:service/detach", R::Admin, ui::admin_member_detach},
        {"POST", "/admin/members/:id/honorary",            R::Admin, ui::admin_member_honorary},  // issue 18, before :action
        {"POST", "/admin/members/:id/:action",             R::Admin, ui::admin_member_action},
        {"POST", "/admin/signup-mode",                     R::Admin, ui::admin_signup_mode},
        {"POST", "/admin/security",                        R::Admin, ui::admin_security},
        {"POST", "/admin/invitations",                     R::Admin, ui::admin_invite},
        {"GET",  "/admin/audit",                           R::Admin, ui::admin_audit},
        {"GET",  "/admin/mail",                            R::Admin, ui::admin_mail},
        {"POST", "/admin/mail/:id/retry",                  R::Admin, ui::admin_mail_retry},

        // published profile (issue 6): ChatonsInfos files, signatures, public key, Librehosters
        {"GET",  "/.well-known/chatonsinfos/:file", R::Asset, ui::chatonsinfos_file},
        {"GET",  "/librehost.json",       R::Asset,  ui::librehost_json},
        {"GET",  "/admin/profile",        R::Admin,  ui::admin_profile},
        {"POST", "/admin/profile/push",   R::Admin,  ui::admin_profile_push},
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
        {"GET",  "/api/v2/scheduled-maintenances.json",          R::Public, api::maintenances},
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

        // the contribution log (issue 5): open books, exports with hashes, admin ledger, member's view
        {"GET",  "/contributions",                            R::Public, ui::contributions_page},
        {"GET",  "/contributions.csv",                        R::Public, ui::contributions_csv},
        {"GET",  "/contributions-spreadsheet.csv",                R::Public, ui::contributions_spreadsheet_csv},
        {"GET",  "/contributions.json",                       R::Public, ui::contributions_json},
        {"GET",  "/admin/ledger",                             R::Admin,  ui::admin_ledger},
        {"POST", "/admin/ledger",                             R::Admin,  ui::admin_ledger_record},
        {"POST", "/admin/ledger/:id/correct",                 R::Admin,  ui::admin_ledger_correct},
        {"POST", "/admin/ledger/goal",                        R::Admin,  ui::admin_ledger_goal},
        {"POST", "/admin/ledger/publish",                     R::Admin,  ui::admin_ledger_publish},
        {"POST", "/admin/ledger/verify",                      R::Admin,  ui::admin_ledger_verify},
        {"GET",  "/admin/ledger/import",                      R::Admin,  ui::admin_ledger_import_form},
        {"POST", "/admin/ledger/import",                      R::Admin,  ui::admin_ledger_import_preview},
        {"POST", "/admin/ledger/import/confirm",              R::Admin,  ui::admin_ledger_import_confirm},
        {"GET",  "/account/contributions",                    R::Member, ui::account_contributions},
        {"GET",  "/account/contributions/receipt/:year",      R::Member, ui::account_contributions_receipt},

        // the hoster's own pages (issue 7): history and changes, terms acceptance, transparency,
        // news and its feed, the logo; their administration
        {"GET",  "/pages/:slug/history",                      R::Public, ui::page_history},
        {"GET",  "/pages/:slug/changes",                      R::Public, ui::page_changes},
        {"GET",  "/terms/changes",                            R::Public, ui::terms_changes},
        {"POST", "/terms/accept",                             R::Member, ui::terms_accept},
        {"GET",  "/transparency",                             R::Public, ui::transparency},
        {"GET",  "/news",                                     R::Public, ui::news_list},
        {"GET",  "/news/feed.atom",                           R::Public, ui::news_feed},
        {"GET",  "/news/:id",                                 R::Public, ui::news_item},
        {"GET",  "/logo",                                     R::Asset,  ui::logo_file},
        {"GET",  "/admin/pages",                              R::Admin,  ui::admin_pages},
        {"GET",  "/admin/pages/new",                          R::Admin,  ui::admin_page_new},
        {"POST", "/admin/pages/new",                          R::Admin,  ui::admin_page_create},
        {"GET",  "/admin/pages/:slug/:lang",                  R::Admin,  ui::admin_page_form},
        {"POST", "/admin/pages/:slug/:lang",                  R::Admin,  ui::admin_page_submit},
        {"GET",  "/admin/news",                               R::Admin,  ui::admin_news},
        {"GET",  "/admin/news/new",                           R::Admin,  ui::admin_news_form},
        {"POST", "/admin/news/new",                           R::Admin,  ui::admin_news_submit},
        {"GET",  "/admin/news/:id",                           R::Admin,  ui::admin_news_form},
        {"POST", "/admin/news/:id",                           R::Admin,  ui::admin_news_submit},
        {"GET",  "/admin/news/:id/delete",                    R::Admin,  ui::admin_news_delete_form},
        {"POST", "/admin/news/:id/delete",                    R::Admin,  ui::admin_news_delete},
        {"GET",  "/admin/settings/logo",                      R::Admin,  ui::admin_logo_form},
        {"POST", "/admin/settings/logo",                      R::Admin,  ui::admin_logo_upload},
        {"POST", "/admin/settings/logo/remove",               R::Admin,  ui::admin_logo_remove},

        // OpenID Connect provider (issue 17): the portal logs members in to the hoster's services
        {"GET",     "/.well-known/openid-configuration", R::Asset,  ui::oidc_discovery},
        {"OPTIONS", "/.well-known/openid-configuration", R::Asset,  ui::oidc_preflight},
        {"GET",     "/oidc/jwks",                        R::Asset,  ui::oidc_jwks},
        {"OPTIONS", "/oidc/jwks",                        R::Asset,  ui::oidc_preflight},
        {"GET",     "/oidc/authorize",                   R::Public, ui::oidc_authorize},
        {"POST",    "/oidc/consent",                     R::Public, ui::oidc_consent},
        {"POST",    "/oidc/token",                       R::Client, ui::oidc_token},
        {"GET",     "/oidc/userinfo",                    R::Client, ui::oidc_userinfo},
        {"POST",    "/oidc/userinfo",                    R::Client, ui::oidc_userinfo},
        {"OPTIONS", "/oidc/userinfo",                    R::Asset,  ui::oidc_preflight},
        {"GET",     "/oidc/logout",                      R::Public, ui::oidc_logout_form},
        {"POST",    "/oidc/logout",                      R::Public, ui::oidc_logout_submit},
        {"GET",     "/admin/apps",                       R::Admin,  ui::admin_apps},
        {"POST",    "/admin/apps",                       R::Admin,  ui::admin_app_create},
        {"POST",    "/admin/apps/:client_id/rotate-secret", R::Admin, ui::admin_app_rotate_secret},
        {"POST",    "/admin/apps/:client_id/remove",     R::Admin,  ui::admin_app_remove},
        {"GET",     "/account/apps",                     R::Member, ui::account_apps},
        {"POST",    "/account/apps/:id/revoke",          R::Member, ui::account_app_revoke},

        // status subscriptions by e-mail (issue 19): double opt-in, signed links, one-click leave
        {"GET",  "/status/subscribe",                         R::Public,     ui::status_subscribe_form},
        {"POST", "/status/subscribe",                         R::Public,     ui::status_subscribe_submit},
        {"GET",  "/status/subscribe/confirm",                 R::Public,     ui::status_subscribe_confirm_form},
        {"POST", "/status/subscribe/confirm",                 R::Public,     ui::status_subscribe_confirm},
        {"GET",  "/status/subscription",                      R::Public,     ui::status_subscription},
        {"POST", "/status/subscription",                      R::Public,     ui::status_subscription_save},
        {"GET",  "/status/subscription/unsubscribe",          R::Public,     ui::status_unsubscribe_form},
        {"POST", "/status/subscription/unsubscribe",          R::SignedLink, ui::status_unsubscribe},
        {"GET",  "/admin/subscriptions",                      R::Admin,      ui::admin_subscriptions},
        {"GET",  "/admin/subscriptions.csv",                  R::Admin,      ui::admin_subscriptions_csv},
        {"POST", "/admin/subscriptions/delete",               R::Admin,      ui::admin_subscriptions_delete},

        // membership (issue 18): the register, the policy, linking an imported fee
        {"GET",  "/admin/membership",                         R::Admin,      ui::admin_membership},
        {"POST", "/admin/membership/settings",                R::Admin,      ui::admin_membership_settings},
        {"GET",  "/admin/membership/register.csv",            R::Admin,      ui::admin_membership_csv},
        {"POST", "/admin/ledger/:id/link",                    R::Admin,      ui::admin_ledger_link},

        // infrastructure
        {"GET",  "/healthz",          R::Asset,  ui::healthz},
        {"GET",  "/metrics",          R::Asset,  ui::metrics},  // metrics_allow or metrics_token
        {"GET",  "/static/:file",     R::Asset,  ui::static_file},
        {"GET",  "/robots.txt",       R::Asset,  ui::robots_txt},
    };
}

}  // namespace chatiere::http
