#pragma once
// SQL for service requests (a member asks for an account on a service), the admins' choice of
// how to hear about them, a service's request mode, and the departures to-do (issue 18).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.h"

namespace chatiere::store {

struct ServiceRequest {
    int64_t id = 0, member_id = 0, service_id = 0;
    std::string state;  // pending | question | approved | refused | cancelled
    bool terms_accepted = false, automatic = false;
    std::string identifier;
    int64_t created_at = 0, updated_at = 0;
    std::optional<int64_t> decided_at;
    // Joined for display.
    std::string member_name, service_slug, service_name;
    int64_t queue_key = 0;
};

struct RequestNote {
    int64_t id = 0, request_id = 0;
    std::string kind;  // message | question | reply | reason
    std::string body;
    int64_t at = 0;
};

// True for the states a request can still be answered in.
bool request_is_open(std::string_view state);

int64_t insert_request(db::Database& db, int64_t member_id, int64_t service_id, bool terms_accepted, int64_t now);
void add_request_note(db::Database& db, int64_t request_id, std::string_view kind, std::string_view body, int64_t now);
std::optional<ServiceRequest> find_request(db::Database& db, int64_t id);
// The member's open request on the service, if any.
std::optional<ServiceRequest> open_request(db::Database& db, int64_t member_id, int64_t service_id);
// Moves the request from one of `from` (comma-free state names) to `to`; false when it was not
// in one of them (someone else decided first). Decided states set decided_at; `identifier` is
// recorded when not empty.
bool move_request(db::Database& db, int64_t id, std::initializer_list<std::string_view> from, std::string_view to,
                  int64_t now, std::string_view identifier = {});
// Approved by the service's rule rather than by an admin.
void set_request_automatic(db::Database& db, int64_t id);
std::vector<RequestNote> request_notes(db::Database& db, int64_t request_id);

// The member's requests, newest first (a member has few).
std::vector<ServiceRequest> member_requests(db::Database& db, int64_t member_id, int limit = 200);
// One page of the admin's queue. Without `state`: pending (newest first), then those waiting
// for the member, then the decided ones, after `after_key` (0: from the start; the queue_key
// of the last row shown). With `state`: that state only, newest first, ids below `before_id`.
std::vector<ServiceRequest> request_queue(db::Database& db, std::optional<std::string_view> state, int64_t after,
                                          int limit);
int64_t count_requests(db::Database& db, std::string_view state);
// Requests made after request id `after_id` (the digest), oldest first, at most `limit`.
std::vector<ServiceRequest> requests_after(db::Database& db, int64_t after_id, int limit);
int64_t last_request_id(db::Database& db);

// Services a member may ask for: registration lists Member or Free, not a draft, not full,
// not attached already, no open request; in display order, the first `limit` (id, slug, name).
struct AskableService {
    int64_t id = 0;
    std::string slug, name;
};
std::vector<AskableService> askable_services(db::Database& db, int64_t member_id, int limit);

// The member's requests for their data export: each with its service, state, dates and notes.
nlohmann::json member_requests_export(db::Database& db, int64_t member_id);

// A service's request mode: approval (default) | automatic.
std::string service_request_mode(db::Database& db, int64_t service_id);
void set_service_request_mode(db::Database& db, int64_t service_id, std::string_view mode);

// The admins (active), with their language and how they want to hear about requests.
struct AdminContact {
    int64_t id = 0;
    std::string name, email, locale, notify;  // notify: each | digest
    std::optional<int64_t> digest_at;
    int64_t digest_after = 0;
};
std::vector<AdminContact> admin_contacts(db::Database& db);
std::string request_notify_of(db::Database& db, int64_t member_id);
// Sets the choice; choosing the digest starts it from now (what came before is not sent again).
void set_request_notify(db::Database& db, int64_t member_id, std::string_view notify, int64_t now);
void mark_digest_run(db::Database& db, int64_t member_id, int64_t now, int64_t after_id);

// Departures: service name and identifier, nothing else.
struct Departure {
    int64_t id = 0;
    std::string service_name, identifier;
    std::optional<int64_t> closed_at;
    std::string closed_by;
};
void insert_departure(db::Database& db, std::string_view service_name, std::string_view identifier);
// The open ones, oldest first, with ids above `after_id`.
std::vector<Departure> open_departures(db::Database& db, int64_t after_id, int limit);
std::optional<Departure> find_departure(db::Database& db, int64_t id);
int64_t count_open_departures(db::Database& db);
// Marks it closed and erases the identifier; false when it was closed already.
bool close_departure(db::Database& db, int64_t id, std::string_view admin, int64_t now);

}  // namespace chatiere::store
