#include "actions/membership.h"

#include "store/membership.h"
#include "store/settings.h"

namespace chatiere::actions {

membership::Policy membership_policy(db::Database& db) {
    return membership::policy_from_settings(store::settings_with_prefix(db, "membership."));
}

membership::Standing member_standing(const Context& c, int64_t member_id) {
    return membership::derive(store::member_fees(c.db, member_id), store::is_honorary(c.db, member_id),
                              membership_policy(c.db), c.now, c.zone);
}

std::vector<RegisterLine> membership_register(const Context& c, std::optional<domain::MembershipState> state) {
    const auto policy = membership_policy(c.db);
    std::vector<RegisterLine> out;
    for (auto& row : store::register_rows(c.db)) {
        auto standing = membership::derive(row.fees, row.honorary, policy, c.now, c.zone);
        if (state && standing.state != *state) continue;
        out.push_back({row.id, std::move(row.name), std::move(standing)});
    }
    return out;
}

}  // namespace chatiere::actions
