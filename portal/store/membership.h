#pragma once
// SQL for membership: a member's fees as the ledger holds them, and the honorary flag.
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
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

// Links an anonymous membership fee (not a correction) to a member; false when the entry is
// not such a fee or is already linked (the trigger of sql/013 refuses the rest anyway).
bool link_fee(db::Database& db, int64_t entry_id, int64_t member_id);

// Linked fees (not corrected) under `minimum` cents in `currency`, newest first, at most `limit`.
struct FeeBelow {
    int64_t entry_id = 0;
    std::string member_name, date, currency;
    int64_t amount = 0;
};
std::vector<FeeBelow> fees_below_minimum(db::Database& db, int64_t minimum, std::string_view currency, int limit);

// --- Stored dates (sql/013_membership_standing.sql) ---

// Members whose dates are due for a recomputation on `today` ("YYYY-MM-DD"), at most `limit`.
std::vector<int64_t> stale_members(db::Database& db, std::string_view today, int limit);
int64_t stale_count(db::Database& db, std::string_view today);
// Stores a member's dates ("" for NULL) and takes them off the stale list, or keeps them on it
// due `recheck_on` when not empty (a fee dated after today).
void save_dates(db::Database& db, int64_t member_id, std::string_view since, std::string_view until,
                std::string_view recheck_on);
// Every member on the stale list (after a change of policy).
void mark_all_stale(db::Database& db);
void mark_stale(db::Database& db, int64_t member_id);

// The number of accounts (from the per-day totals kept by trigger) in a range of stored dates (see membership::StateBounds): honorary,
// or not honorary with member_until in [from, to) ("" bounds are open; `none` for NULL).
int64_t count_honorary(db::Database& db);
int64_t count_no_dates(db::Database& db);
int64_t count_until_between(db::Database& db, std::string_view from, std::string_view to);

// One account of the register as stored.
struct StoredStanding {
    int64_t id = 0;
    std::string name, display_name, email;
    bool honorary = false;
    std::string since, until;  // "" when NULL
    int64_t created_at = 0;
    std::string locale = "fr";
    bool notify = true;  // membership reminders by mail (notify_membership)
};
// A page of accounts whose stored dates fall in [from, to) (not honorary), ordered by
// (member_until, name), after the (after_until, after_name) key (both "" from the start).
std::vector<StoredStanding> page_until_between(db::Database& db, std::string_view from, std::string_view to,
                                               std::string_view after_until, std::string_view after_name,
                                               int limit);
// Accounts that never paid (not honorary), or honorary ones, by name after `after_name`.
std::vector<StoredStanding> page_no_dates(db::Database& db, std::string_view after_name, int limit);
std::vector<StoredStanding> page_honorary(db::Database& db, std::string_view after_name, int limit);
// Every account, by name after `after_name`.
std::vector<StoredStanding> page_all(db::Database& db, std::string_view after_name, int limit);
std::optional<StoredStanding> stored_standing(db::Database& db, int64_t member_id);

// --- The daily job (sql/013) ---
std::string job_day(db::Database& db, std::string_view name);  // "" when never run
void set_job_day(db::Database& db, std::string_view name, std::string_view day);
// The state each member was last seen in, by the daily job.
std::map<int64_t, std::string> seen_states(db::Database& db);
void set_seen_state(db::Database& db, int64_t member_id, std::string_view state, std::string_view day);
// Records a reminder; false when it was already sent (the UNIQUE key).
bool record_reminder(db::Database& db, int64_t member_id, std::string_view member_until, int days_before, int64_t now);
// Active admins' e-mail and language, for the monthly summary.
std::vector<std::pair<std::string, std::string>> admin_recipients(db::Database& db);
// Accounts whose first membership day falls in [from, to) (the summary's new members).
int64_t count_joined_between(db::Database& db, std::string_view from, std::string_view to);
// The member's choice to receive membership reminders.
void set_notify_membership(db::Database& db, int64_t member_id, bool on);

}  // namespace chatiere::store
