// Service requests and leaving (issue 18): a member asks for an account on a service; the
// admins approve it (attaching the member, which adds the service's group to single sign-on),
// refuse it with a reason or ask a question, each mailed; a service may approve members in good
// standing at once. Deleting an account leaves the admins the accounts to close by hand.
#pragma once
#include <cstdint>
#include <string>

#include "actions/context.h"
#include "store/members.h"
#include "store/requests.h"
#include "store/services.h"

namespace chatiere::actions {

// Longest message, question, reply or reason (characters of UTF-8, counted as bytes).
constexpr size_t kRequestTextMax = 4000;
constexpr size_t kIdentifierMax = 200;

// Whether the service's registration (";"-listed: None/Free/Member/Client) lets a member ask:
// Member or Free is listed.
bool registration_takes_requests(std::string_view registration);

// Why `m` may not ask for `s` now, as a catalogue key, or "" when they may:
// requests.not_open (registration, draft or off service), requests.full (registration_load FULL),
// requests.already_attached, requests.already_asked (an open request).
std::string why_not_ask(const Context& c, int64_t member_id, const store::Service& s);

// Whether a request from the member for the service would be approved at once (the service is
// "automatic" and the member in good standing, or membership is turned off).
bool request_would_be_automatic(const Context& c, int64_t member_id, int64_t service_id);

struct AskOutcome {
    std::string error;   // catalogue key; nothing done when set (also requests.terms_needed, requests.too_long)
    int64_t request_id = 0;
    bool approved = false;  // automatic: attached at once
};
// The member asks for an account on `s`, with an optional message, having accepted the terms.
// On an "automatic" service a member in good standing (member, renewal due, grace, honorary),
// or anyone when membership is turned off, is attached at once under their log-in name;
// otherwise the request waits, and admins who want it get a mail. Audited "request.create"
// (and "request.approve" when automatic).
AskOutcome ask_for_service(const Context& c, const store::Member& m, const store::Service& s,
                           const std::string& message, bool accept_terms);

// The admin's answers. Each returns "" when done, else a catalogue key (nothing written):
// requests.not_found, requests.decided (no longer open), requests.identifier_needed,
// requests.reason_needed, requests.question_needed, requests.too_long, members.choose_service.
// Approving attaches the member (actions::attach_service) under `identifier`; the member is
// mailed in each case; approve and refuse are audited.
std::string approve_request(const Context& c, int64_t request_id, const std::string& identifier);
std::string refuse_request(const Context& c, int64_t request_id, const std::string& reason);
std::string ask_about_request(const Context& c, int64_t request_id, const std::string& question);
// The member answers a question (their own request only: requests.not_found otherwise); the
// request goes back to the queue. requests.not_asked when no question waits for an answer.
std::string reply_to_request(const Context& c, int64_t member_id, int64_t request_id, const std::string& message);

// The member withdraws their own open request (requests.not_found for anyone else's,
// requests.decided when answered already). Audited "request.cancel".
std::string cancel_request(const Context& c, int64_t member_id, int64_t request_id);

// An admin's choice of how to hear about requests: "each" or "digest".
std::string set_request_notify(const Context& c, int64_t admin_id, const std::string& choice);
// The daily digest: for each admin who chose it, once per local day, one mail listing the
// requests made since their last digest (none when there were none). Returns the mails queued.
int send_request_digests(const Context& c);

// Before an account is deleted: one to-do per service the member is attached to (the service's
// name and the identifier there — the log-in name when none was recorded — nothing else).
void record_departures(const Context& c, int64_t member_id);
// An admin closed that account by hand: the identifier is erased; audited "departure.closed".
// "" when done, else requests.departure_not_found or requests.departure_closed.
std::string close_departure(const Context& c, int64_t departure_id);

}  // namespace chatiere::actions
