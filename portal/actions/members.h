// What an admin does to members: invite someone, approve or reactivate, suspend, change the
// role, delete. Each is checked, audited and, where the member must know, mailed.
#pragma once
#include <string>

#include "actions/context.h"
#include "store/members.h"

namespace chatiere::actions {

struct Invitation {
    std::string error;  // catalogue key ("account.email_invalid"); nothing done when set
    std::string path;   // "/signup?invite=<token>", below the portal's root
};
// Issues an invitation valid `days` days, mails it to `email` in `lang`, audits "member.invite".
Invitation invite_member(const Context& c, const std::string& email, const std::string& lang, int days = 7);

enum class MemberChange { Approve, Reactivate, Suspend, MakeAdmin, MakeMember };
// The audit's and the URL's name of a change: approve, reactivate, suspend, make-admin, make-member.
std::string_view to_string(MemberChange change);
std::optional<MemberChange> parse_member_change(std::string_view s);

// Applies the change (approving mails the member; suspending ends their sessions) and audits
// "member.<change>". Returns "" when done, else why not (nothing written):
// "members.already_active", "members.not_yourself" (an admin cannot suspend or demote themselves).
std::string change_member(const Context& c, const store::Member& m, MemberChange change);

// Deletes the member once `confirm` repeats their log-in name; audits "member.delete" first and
// leaves the admins the accounts to close on the services (actions::record_departures, issue 18).
// "" when done, else "members.not_yourself" or "members.delete_confirm_name".
std::string delete_member(const Context& c, const store::Member& m, const std::string& confirm);

// Records that the member has an account on the service, under `identifier` (their name there;
// also what single sign-on calls them for a client of that service). Audits
// "member.attach_service". "" when done, else "members.choose_service" (no such service).
std::string attach_service(const Context& c, const store::Member& m, int64_t service_id, const std::string& identifier);
// The same inside the caller's transaction (issue 18: approving a service request commits the
// request's state and the attachment together).
std::string attach_service_in_transaction(const Context& c, const store::Member& m, int64_t service_id,
                                          const std::string& identifier);
// The member no longer uses the service: its group leaves their next token, clients restricted
// to it refuse them at once. Audits "member.detach_service".
void detach_service(const Context& c, const store::Member& m, int64_t service_id);

}  // namespace chatiere::actions
