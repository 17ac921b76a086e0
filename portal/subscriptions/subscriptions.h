#pragma once
// Status subscriptions by e-mail (issue 19): double opt-in, signed manage/unsubscribe links,
// and the mail subscribers get about incidents and maintenance (at once for an opening,
// coalesced for later changes, reminders before a window). No HTTP here; SQL is in store/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "db/database.h"
#include "i18n/catalog.h"
#include "i18n/time_zone.h"
#include "store/services.h"
#include "store/subscriptions.h"

namespace chatiere::subscriptions {

// What writing subscription mail needs from the portal's configuration.
struct Mailing {
    const i18n::Catalog& catalog;
    const i18n::TimeZone& zone;     // dates in mail
    std::string base_url;           // ends with '/'
    int coalesce_seconds = 300;     // later changes within it: one mail
    int reminder_seconds = 3600;    // maintenance reminder this long before the window (0: none)
};
Mailing mailing_of(const Config& config, const i18n::Catalog& catalog, const i18n::TimeZone& zone);

// Requests wait this long for their address to be confirmed.
constexpr int64_t kRequestLifetime = 48 * 3600;

// The services a visitor may follow: public and not drafts.
std::vector<store::Service> followable_services(db::Database& db);

// The token of a subscriber's links: "<id>.<base64url HMAC-SHA256(portal key, id and salt)>".
// It does not expire; it dies with the subscription.
std::string link_token(db::Database& db, int64_t subscriber_id, std::string_view salt);
// The subscriber a link token names, checked in constant time.
std::optional<store::Subscriber> subscriber_from_token(db::Database& db, std::string_view token);
std::string manage_url(const Mailing& m, std::string_view token);
std::string unsubscribe_url(const Mailing& m, std::string_view token);

struct Choice {
    std::string lang = "fr";
    bool all_services = false, maintenance = false;
    std::vector<int64_t> services;  // ignored when all_services; only followable ones are kept
};

// Records a request and queues the mail with its confirmation link — the same whether or not
// the address already subscribes (confirming replaces its choices). The caller limits the rate.
void request(db::Database& db, const Mailing& m, const std::string& email, Choice choice, int64_t now);
// The pending request a confirmation token names, if it has not expired.
std::optional<store::SubscriptionRequest> pending_request(db::Database& db, std::string_view token, int64_t now);
// Turns the request into a subscription; returns the subscriber's link token (none when the
// token is unknown or expired).
std::optional<std::string> confirm(db::Database& db, std::string_view token, int64_t now);

enum class Event {
    opened,   // an incident opened or a maintenance scheduled: mail at once
    changed,  // a later state or effect change, or the end: coalesced, sent by run_due
};
// Called where an incident is opened or updated, inside its transaction. `notify` false (the
// admin's "do not notify"): at opening, nothing is ever sent about it; on a change, this change
// is not sent. Returns whether people may be told about this change (false for a silent
// incident): members' mail follows it too.
bool incident_changed(db::Database& db, const Mailing& m, int64_t incident_id, int64_t now, Event event,
                      bool notify = true);

// The background job: sends coalesced changes that are due and maintenance reminders, forgets
// expired requests. Returns how many mails it queued.
int run_due(db::Database& db, const Mailing& m, int64_t now);

}  // namespace chatiere::subscriptions
