#pragma once
// SQL for status subscriptions by e-mail (issue 19): subscribers, their pending requests, the
// signing key of their links, what was sent about each incident, and members' per-service choices.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace chatiere::store {

struct Subscriber {
    int64_t id = 0;
    std::string email, lang, salt;
    bool all_services = false, maintenance = false;
    std::vector<int64_t> services;  // followed one by one (empty when all_services)
    int64_t created_at = 0, updated_at = 0;
};

struct SubscriptionRequest {
    std::string email, lang;
    bool all_services = false, maintenance = false;
    std::vector<int64_t> services;
    int64_t created_at = 0, expires_at = 0;
};

// The 32-byte key that signs subscription links; made (and kept) if missing.
std::vector<unsigned char> subscription_key(db::Database& db);

void insert_subscription_request(db::Database& db, const std::string& token_hash, const SubscriptionRequest& r);
// The request with this token hash, if it has not expired.
std::optional<SubscriptionRequest> find_subscription_request(db::Database& db, const std::string& token_hash,
                                                             int64_t now);
void delete_subscription_request(db::Database& db, const std::string& token_hash);
// Forgets requests never confirmed; returns how many.
int delete_expired_subscription_requests(db::Database& db, int64_t now);
int64_t count_subscription_requests(db::Database& db, int64_t now);

std::optional<Subscriber> find_subscriber(db::Database& db, int64_t id);
std::optional<Subscriber> find_subscriber_by_email(db::Database& db, const std::string& email);
// Creates the subscriber (with `salt`) or, for a known address, replaces its choices (the salt
// stays, so its earlier links keep working). Returns its id.
int64_t save_subscriber(db::Database& db, const Subscriber& s, int64_t now);
// Changes an existing subscriber's choices.
void update_subscriber(db::Database& db, const Subscriber& s, int64_t now);
bool delete_subscriber(db::Database& db, int64_t id);
// Every subscriber, with services, by address (the admin's export).
std::vector<Subscriber> all_subscribers(db::Database& db);

struct SubscriberCounts {
    int64_t total = 0, all_services = 0, maintenance = 0;
    std::vector<std::pair<int64_t, int64_t>> by_service;  // service id, subscribers following it one by one
};
SubscriberCounts count_subscribers(db::Database& db);

// Who gets mail about an event on these (public) services: everyone following all services
// or one of them; for maintenance, only those who asked for it. Each subscriber once.
struct SubscriberRecipient {
    int64_t id = 0;
    std::string email, lang, salt;
};
std::vector<SubscriberRecipient> subscribers_for(db::Database& db, const std::vector<int64_t>& service_ids,
                                                 bool maintenance);

struct IncidentNotice {
    int64_t incident_id = 0;
    bool silent = false;
    std::optional<int64_t> last_sent_at, due_at, reminder_sent_at;
};
std::optional<IncidentNotice> find_incident_notice(db::Database& db, int64_t incident_id);
void save_incident_notice(db::Database& db, const IncidentNotice& n);
// Whether an incident's newest update changed its state or a service's effect (a note that
// changes neither is not worth a mail).
bool latest_update_changed_something(db::Database& db, int64_t incident_id);
// Incidents whose coalesced changes are due.
std::vector<int64_t> due_incident_notices(db::Database& db, int64_t now);
// Maintenance starting within (now, now + lead] whose reminder has not been sent, not silent,
// and not announced within the lead already.
std::vector<int64_t> maintenance_needing_reminder(db::Database& db, int64_t now, int64_t lead);

// Queues many mails with the same extra headers pattern at once (the caller holds a
// transaction): to, subject, body, headers.
struct MailRow {
    std::string to, subject, body, headers;
};
void enqueue_mails(db::Database& db, const std::vector<MailRow>& mails, int64_t now);

// A member's per-service choice: explicit (true/false) or none (the default applies).
struct MemberAlert {
    int64_t service_id = 0;
    bool wanted = false;
};
std::vector<MemberAlert> member_alerts(db::Database& db, int64_t member_id);
void set_member_alerts(db::Database& db, int64_t member_id, const std::vector<MemberAlert>& alerts);

}  // namespace chatiere::store
