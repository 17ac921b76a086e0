#pragma once
// SQL for membership: a member's fees as the ledger holds them, and the honorary flag.
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/membership.h"

namespace chatiere::store {

// The member's membership fees and their corrections, by date then id, each with
// `corrected` set when any entry reverses it.
std::vector<domain::MembershipFee> member_fees(db::Database& db, int64_t member_id);
// False for a member who does not exist.
bool is_honorary(db::Database& db, int64_t member_id);
// Returns false when there is no such member.
bool set_honorary(db::Database& db, int64_t member_id, bool honorary, int64_t now);

// One account of the register with everything its standing is derived from.
struct RegisterRow {
    int64_t id = 0;
    std::string name;
    bool honorary = false;
    std::vector<domain::MembershipFee> fees;
};
// Every account, by log-in name, with its fees: two ordered reads merged, not a query per
// member, so that the register stays cheap at 100,000 members.
std::vector<RegisterRow> register_rows(db::Database& db);

}  // namespace chatiere::store
