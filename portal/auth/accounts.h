#pragma once
// Account rules shared by sign-up, profile, admin pages and the command line.
#include <optional>
#include <string>

#include "i18n/catalog.h"
#include "store/members.h"

namespace chatiere {
struct App;
}

// The account rules shared by the sign-up, profile and admin pages and the command line.
namespace chatiere::auth {

// closed (invitation only) | approval (open, an admin approves) | open
std::string signup_mode(db::Database& db);
// The ChatonsInfos service.registration value for the current mode: None / Member / Free.
std::string registration_for_profile(db::Database& db);

// Problems with a proposed log-in name or e-mail (catalogue keys), or nullopt.
std::optional<std::string> name_problem(std::string_view name);
std::optional<std::string> email_problem(std::string_view email);

// Queues a mail to a member in their language from catalogue keys mail.<kind>.subject and
// mail.<kind>.body, with {site}, {name} and the given placeholders filled in.
void mail_member(App& app, db::Database& db, const store::Member& m, const std::string& kind,
                 i18n::Params params, int64_t now);
void mail_address(App& app, db::Database& db, const std::string& to, const std::string& lang,
                  const std::string& kind, i18n::Params params, int64_t now);

// Addresses compare without regard to case (the column is COLLATE NOCASE).
bool same_address(std::string_view a, std::string_view b);

// Tells a member that something changed on their account (catalogue mail.<kind>), with a link
// to reset the password in case it was not them. Notices are never throttled.
void notify_member(App& app, db::Database& db, const store::Member& m, const std::string& kind, int64_t now,
                   i18n::Params params = {});

// Sends the e-mail check link (valid 48 hours).
void send_verification(App& app, db::Database& db, const store::Member& m, int64_t now);

}  // namespace chatiere::auth
