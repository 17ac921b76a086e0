#pragma once
// SQL for the contribution log and its monthly aggregates.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "ledger/chain.h"
#include "ledger/entry.h"
#include "ledger/totals.h"

// The contribution log (sql/004_ledger.sql): append-only entries chained by hash, per-month
// aggregates kept by trigger, funding goals and published chain heads.
namespace chatiere::store {

// Thrown when a draft is refused; `code` is a ledger error code (ledger.error.<code>).
struct LedgerError : std::runtime_error {
    std::string code;
    explicit LedgerError(std::string code) : std::runtime_error("ledger: " + code), code(std::move(code)) {}
};

// Validates and appends an entry, computing its hashes; runs in its own transaction unless
// the caller already holds one. Throws LedgerError for a bad draft (or a correction of an
// entry that does not exist, is a correction, or is already corrected).
ledger::Entry record_entry(db::Database& db, ledger::Draft draft, int64_t now, std::string_view recorded_by);
// Records the correcting entry of `id`: same date, kind, currency, category, member and
// public name, opposite amount. Throws LedgerError("reverses") when it cannot be corrected.
ledger::Entry reverse_entry(db::Database& db, int64_t id, std::string_view note, int64_t now,
                            std::string_view recorded_by);

std::optional<ledger::Entry> find_entry(db::Database& db, int64_t id);
// The newest entry (the chain head), if any.
std::optional<ledger::Entry> last_entry(db::Database& db);
int64_t entry_count(db::Database& db);
bool import_key_exists(db::Database& db, std::string_view key);

// Newest first, `limit` entries older than `before_id` (0: from the newest), with
// `corrected_by` filled (and `member_name` when `with_members`).
std::vector<ledger::Entry> entries_page(db::Database& db, int64_t before_id, int limit, bool with_members = false);
// Oldest first, `limit` entries after `after_id`, up to `up_to_id` (0: no limit).
std::vector<ledger::Entry> entries_after(db::Database& db, int64_t after_id, int limit, int64_t up_to_id = 0);

// A member's own entries, newest first (by date, then id), paged with (before_date, before_id).
std::vector<ledger::Entry> member_entries(db::Database& db, int64_t member_id, std::string_view before_date,
                                          int64_t before_id, int limit);
// A member's entries of one year, oldest first (the receipt).
std::vector<ledger::Entry> member_entries_in_year(db::Database& db, int64_t member_id, std::string_view year);
struct MemberYearTotal {
    std::string year, kind, currency;
    int64_t total = 0;
};
// A member's totals per year, kind and currency (corrections net out), newest year first.
std::vector<MemberYearTotal> member_year_totals(db::Database& db, int64_t member_id);

// Per-month aggregates for months between `from_month` and `to_month` inclusive ("" = open).
std::vector<ledger::MonthlyRow> monthly_rows(db::Database& db, std::string_view from_month = {},
                                             std::string_view to_month = {});
// Contributors per year ("2026" → 42), newest first.
std::vector<std::pair<std::string, int64_t>> contributors_by_year(db::Database& db);

// Checks the whole chain in id order, in batches. Returns the first break, if any; `checked`
// gets the number of entries read.
std::optional<ledger::ChainVerifier::Break> verify_chain(db::Database& db, int64_t* checked = nullptr,
                                                         std::string* head = nullptr);

struct FundingGoal {
    int64_t id = 0;
    std::string period = "monthly";  // monthly | yearly
    int64_t amount = 0;              // cents; 0 = no goal
    std::string currency = "EUR";
    std::string valid_from;          // YYYY-MM-DD
    int64_t created_at = 0;
    std::string created_by;
};
// The goal in force on `today` (YYYY-MM-DD), if any (an amount of 0 ends the previous goal).
std::optional<FundingGoal> current_goal(db::Database& db, std::string_view today);
int64_t add_goal(db::Database& db, const FundingGoal& goal, int64_t now);

struct PublishedHead {
    int64_t id = 0, entry_id = 0, published_at = 0;
    std::string hash, published_by;
};
// Records the current chain head as published; nullopt when the log is empty.
std::optional<PublishedHead> publish_head(db::Database& db, int64_t now, std::string_view by);
std::optional<PublishedHead> latest_published_head(db::Database& db);

// The id of the member with this log-in name (to link an entry from the command line).
std::optional<int64_t> ledger_member_id(db::Database& db, std::string_view name);

}  // namespace chatiere::store
