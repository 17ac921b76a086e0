// Membership as the portal reads it: the hoster's policy from settings, and each account's
// standing derived from its fees at the context's clock and zone.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "actions/context.h"
#include "domain/membership.h"
#include "membership/standing.h"

namespace chatiere::actions {

// The settings "membership.*" read into a policy (defaults for what is unset).
membership::Policy membership_policy(db::Database& db);

// One account's standing at c.now (state None for an unknown account). Service requests ask
// it ("automatic for members in good standing"); single sign-on asks it for lapsing.
membership::Standing member_standing(const Context& c, int64_t member_id);

struct RegisterLine {
    int64_t member_id = 0;
    std::string name;  // log-in name
    membership::Standing standing;
};
// Every account by log-in name with its standing at c.now; with `state`, only those in it.
std::vector<RegisterLine> membership_register(const Context& c, std::optional<domain::MembershipState> state = {});

}  // namespace chatiere::actions
