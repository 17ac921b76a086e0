#pragma once
// SQL for the daily counters behind metrics.*.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

// Daily counters behind the published metrics.* lines (table metrics_daily). Names are
// "http.hits", "members.accounts", "members.active", "service.<id>.accounts". Nothing
// identifies a person.
namespace chatiere::store {

// Adds `delta` to the day's counter (summed counters such as http.hits).
void add_metric(db::Database& db, std::string_view name, std::string_view day, int64_t delta);
// Sets the day's value (snapshots such as members.accounts).
void set_metric(db::Database& db, std::string_view name, std::string_view day, int64_t value);
std::optional<int64_t> get_metric(db::Database& db, std::string_view name, std::string_view day);

// Per month ("2026-03") of the days in [from_day, to_day): the sum of the days, or the value
// of the last day that has one (for snapshots).
std::map<std::string, int64_t> metric_monthly_sums(db::Database& db, std::string_view name, std::string_view from_day,
                                                   std::string_view to_day);
std::map<std::string, int64_t> metric_monthly_last(db::Database& db, std::string_view name, std::string_view from_day,
                                                   std::string_view to_day);
// The first day with a value for `name` ("" when none).
std::string metric_first_day(db::Database& db, std::string_view name);

// Counts for the daily snapshot (run by the serve loop, never on a request path).
struct MemberCounts {
    int64_t accounts = 0;  // active member accounts
    int64_t active = 0;    // of which logged in during the last 30 days
};
MemberCounts count_members(db::Database& db, int64_t now);
// Accounts per service id (member ↔ service links).
std::vector<std::pair<int64_t, int64_t>> count_service_accounts(db::Database& db);

}  // namespace chatiere::store
