#pragma once
// Who may use the hoster's services through single sign-on: the one rule, and what happens
// when a member's access changes. Included by actions/ (no HTTP, no protocol parsing here).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "store/members.h"
#include "store/oidc.h"

namespace chatiere::oidc {

// ---- the one rule ------------------------------------------------------------------------

// "May this member use this client now?" Refused: a member who no longer exists, one who is
// not active (pending, suspended), one outside the client's group. The membership issue
// extends it (lapsed memberships) here and nowhere else.
struct Decision {
    bool allowed = false;
    std::string reason;  // "deleted" | "pending" | "suspended" | "not_in_group" | "membership_lapsed" when refused
    explicit operator bool() const { return allowed; }
};
Decision may_use_client(db::Database& db, int64_t member_id, const store::OidcClient& client, int64_t now);

// The member's groups: slugs of the services they are attached to, and "admins" for admins.
std::vector<std::string> groups_of(db::Database& db, const store::Member& m);

// Called whenever what a member may use changes (suspended, deleted — call before the row
// goes —, detached from a service, role changed): grants of every client the member may no
// longer use are revoked at once, and clients with a back-channel logout URI are told.
void member_access_changed(db::Database& db, int64_t member_id, const std::string& issuer, int64_t now);
// Before a member's row is deleted: every client with a back-channel URI is told.
void member_deleted(db::Database& db, int64_t member_id, const std::string& issuer, int64_t now);

// The issuer identifier: the portal's base URL without its trailing slash.
std::string issuer_of(std::string_view base_url);

}  // namespace chatiere::oidc
