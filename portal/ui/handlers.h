#pragma once
// Declarations of the page handlers that the route table points at.
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

// accounts: sign-up and password reset (signup.cpp, password_reset.cpp)
void signup_form(http::Ctx& ctx);
void signup_submit(http::Ctx& ctx);
void signup_verify(http::Ctx& ctx);
void signup_resend_form(http::Ctx& ctx);    // /signup/resend: the e-mail check sent again
void signup_resend_submit(http::Ctx& ctx);
void account_email_confirm(http::Ctx& ctx);        // link sent to a new address (account_email.cpp)
void account_email_revert_form(http::Ctx& ctx);    // "this wasn't me" link sent to the old address
void account_email_revert_submit(http::Ctx& ctx);
void password_forgot_form(http::Ctx& ctx);
void password_forgot_submit(http::Ctx& ctx);
void password_reset_form(http::Ctx& ctx);
void password_reset_submit(http::Ctx& ctx);

// accounts: the member's space (account*.cpp)
void account_home(http::Ctx& ctx);
void account_profile_form(http::Ctx& ctx);
void account_profile_submit(http::Ctx& ctx);
void account_password_form(http::Ctx& ctx);
void account_password_submit(http::Ctx& ctx);
void account_sessions(http::Ctx& ctx);
void account_session_end(http::Ctx& ctx);
void account_second_factor(http::Ctx& ctx);
void account_second_factor_enable(http::Ctx& ctx);
void account_second_factor_disable(http::Ctx& ctx);
void account_recovery_codes_regenerate(http::Ctx& ctx);
void account_export(http::Ctx& ctx);
void account_delete_form(http::Ctx& ctx);
void account_delete_submit(http::Ctx& ctx);

// published profile (profile.cpp, admin_profile.cpp, admin_settings.cpp)
void chatonsinfos_file(http::Ctx& ctx);              // /.well-known/chatonsinfos/:file
void librehost_json(http::Ctx& ctx);                 // /librehost.json
void admin_profile(http::Ctx& ctx);                  // /admin/profile: the check report
void admin_profile_push(http::Ctx& ctx);             // POST /admin/profile/push: directory address
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

// the contribution log (issue 5): contributions*.cpp, admin_ledger*.cpp, account_contributions*.cpp
void contributions_page(http::Ctx& ctx);             // /contributions: open books
void contributions_csv(http::Ctx& ctx);              // /contributions.csv: public fields + hashes
void contributions_spreadsheet_csv(http::Ctx& ctx);  // /contributions-spreadsheet.csv: BOM, ;, decimal comma
void contributions_json(http::Ctx& ctx);             // /contributions.json
void admin_ledger(http::Ctx& ctx);                   // /admin/ledger: entries, record, goal, chain head
void admin_ledger_record(http::Ctx& ctx);
void admin_ledger_correct(http::Ctx& ctx);           // /admin/ledger/:id/correct: records the reversal
void admin_ledger_goal(http::Ctx& ctx);
void admin_ledger_publish(http::Ctx& ctx);
void admin_ledger_verify(http::Ctx& ctx);
void admin_ledger_import_form(http::Ctx& ctx);       // /admin/ledger/import: upload → preview → confirm
void admin_ledger_import_preview(http::Ctx& ctx);
void admin_ledger_import_confirm(http::Ctx& ctx);
void account_contributions(http::Ctx& ctx);          // /account/contributions: the member's own
void account_contributions_receipt(http::Ctx& ctx);  // /account/contributions/receipt/:year

// administration
void admin_home(http::Ctx& ctx);                     // admin_home.cpp: /admin
void admin_members(http::Ctx& ctx);                  // admin_members.cpp: the list, one member, what is done to them
void admin_member(http::Ctx& ctx);
void admin_member_action(http::Ctx& ctx);
void admin_member_attach(http::Ctx& ctx);
void admin_member_detach(http::Ctx& ctx);
void admin_signup_mode(http::Ctx& ctx);              // admin_signup.cpp: sign-up mode and invitations
void admin_invite(http::Ctx& ctx);
void admin_security(http::Ctx& ctx);                 // admin_security.cpp: second factor required for admins
void admin_audit(http::Ctx& ctx);                    // admin_audit.cpp
void admin_mail(http::Ctx& ctx);                     // admin_mail.cpp: mail stuck in the outbox, retry
void admin_mail_retry(http::Ctx& ctx);

// the hoster's own pages (issue 7): content_page.cpp, pages_admin.cpp, news*.cpp, transparency.cpp, logo.cpp
void page_history(http::Ctx& ctx);                   // /pages/:slug/history
void page_changes(http::Ctx& ctx);                   // /pages/:slug/changes?since=N: line diff
void terms_changes(http::Ctx& ctx);                  // /terms/changes?since=N
void terms_accept(http::Ctx& ctx);                   // POST /terms/accept: the member accepts the current terms
void transparency(http::Ctx& ctx);                   // /transparency
void news_list(http::Ctx& ctx);                      // /news
void news_item(http::Ctx& ctx);                      // /news/:id
void news_feed(http::Ctx& ctx);                      // /news/feed.atom
void logo_file(http::Ctx& ctx);                      // /logo: the uploaded logo, with ETag
void admin_pages(http::Ctx& ctx);                    // /admin/pages
void admin_page_new(http::Ctx& ctx);                 // /admin/pages/new
void admin_page_create(http::Ctx& ctx);
void admin_page_form(http::Ctx& ctx);                // /admin/pages/:slug/:lang
void admin_page_submit(http::Ctx& ctx);
void admin_news(http::Ctx& ctx);                     // /admin/news
void admin_news_form(http::Ctx& ctx);                // /admin/news/new, /admin/news/:id
void admin_news_submit(http::Ctx& ctx);
void admin_news_delete_form(http::Ctx& ctx);         // /admin/news/:id/delete: confirmation
void admin_news_delete(http::Ctx& ctx);
void admin_logo_form(http::Ctx& ctx);                // /admin/settings/logo
void admin_logo_upload(http::Ctx& ctx);
void admin_logo_remove(http::Ctx& ctx);

// status subscriptions by e-mail (issue 19)
void status_subscribe_form(http::Ctx& ctx);          // status_subscribe.cpp: /status/subscribe[?service=slug]
void status_subscribe_submit(http::Ctx& ctx);
void status_subscribe_confirm_form(http::Ctx& ctx);  // /status/subscribe/confirm?token=: a button (double opt-in)
void status_subscribe_confirm(http::Ctx& ctx);
void status_subscription(http::Ctx& ctx);            // /status/subscription?token=: manage
void status_subscription_save(http::Ctx& ctx);
void status_unsubscribe_form(http::Ctx& ctx);        // /status/subscription/unsubscribe?token=: one button
void status_unsubscribe(http::Ctx& ctx);             // POST: RFC 8058 one-click (Role::SignedLink)
void admin_subscriptions(http::Ctx& ctx);            // admin_subscriptions.cpp: counts per service
void admin_subscriptions_csv(http::Ctx& ctx);        // export (GDPR)
void admin_subscriptions_delete(http::Ctx& ctx);     // POST: delete one address's subscription

// service requests and leaving (issue 18): service_request.cpp, account_requests.cpp,
// admin_requests.cpp, admin_departures.cpp
void service_request_form(http::Ctx& ctx);           // /services/:slug/request: message, the service's terms
void service_request_submit(http::Ctx& ctx);
void account_requests(http::Ctx& ctx);               // /account/requests: the member's own, with answers
void account_request(http::Ctx& ctx);                // /account/requests/:id: one of them (404 if not theirs)
void account_request_reply(http::Ctx& ctx);          // POST: the member answers a question
void account_request_cancel(http::Ctx& ctx);         // POST: the member withdraws an open request
void admin_requests(http::Ctx& ctx);                 // /admin/requests: the queue, waiting first, by state
void admin_requests_notify(http::Ctx& ctx);          // POST: one mail per request or a daily digest
void admin_request(http::Ctx& ctx);                  // /admin/requests/:id: one request, the answers
void admin_request_approve(http::Ctx& ctx);          // POST: identifier; attaches the member
void admin_request_refuse(http::Ctx& ctx);           // POST: reason, mailed
void admin_request_question(http::Ctx& ctx);         // POST: question, mailed
void admin_departures(http::Ctx& ctx);               // /admin/departures: accounts to close by hand
void admin_departure_closed(http::Ctx& ctx);         // POST: marked closed, identifier erased

// infrastructure
void healthz(http::Ctx& ctx);                        // health.cpp
void metrics(http::Ctx& ctx);                        // metrics.cpp: /metrics (Prometheus), allow-list or token
void static_file(http::Ctx& ctx);                    // static_file.cpp
void robots_txt(http::Ctx& ctx);                     // static_file.cpp

// OpenID Connect provider (issue 17): oidc_authorize.cpp, oidc_endpoints.cpp, oidc_logout.cpp,
// admin_apps.cpp, account_apps.cpp
void oidc_authorize(http::Ctx& ctx);        // /oidc/authorize
void oidc_consent(http::Ctx& ctx);          // POST /oidc/consent: the member's answer
void oidc_discovery(http::Ctx& ctx);        // /.well-known/openid-configuration
void oidc_jwks(http::Ctx& ctx);             // /oidc/jwks
void oidc_preflight(http::Ctx& ctx);        // OPTIONS on the CORS endpoints
void oidc_token(http::Ctx& ctx);            // POST /oidc/token
void oidc_userinfo(http::Ctx& ctx);         // /oidc/userinfo
void oidc_logout_form(http::Ctx& ctx);      // /oidc/logout: confirm
void oidc_logout_submit(http::Ctx& ctx);
void admin_apps(http::Ctx& ctx);
void admin_app_create(http::Ctx& ctx);
void admin_app_rotate_secret(http::Ctx& ctx);
void admin_app_remove(http::Ctx& ctx);
void account_apps(http::Ctx& ctx);
void account_app_revoke(http::Ctx& ctx);

// membership (issue 18)
void admin_membership(http::Ctx& ctx);           // /admin/membership: counts, register, policy
void admin_membership_settings(http::Ctx& ctx);  // POST /admin/membership/settings
void admin_membership_csv(http::Ctx& ctx);       // /admin/membership/register.csv
void admin_member_honorary(http::Ctx& ctx);      // POST /admin/members/:id/honorary
void admin_ledger_link(http::Ctx& ctx);          // POST /admin/ledger/:id/link

}  // namespace chatiere::ui
