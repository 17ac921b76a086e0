#pragma once
// Totals of the contribution log from monthly aggregates.
#include <map>
#include <string>
#include <vector>

// Totals of the log, computed from per-month aggregates (the ledger_monthly table) so that
// no request ever sums the whole log. Amounts stay integers; currencies are never mixed.
namespace chatiere::ledger {

// One aggregate row: the sum of every entry of a month, kind, category and currency.
// Correcting entries carry the opposite amount, so a corrected entry nets to zero here.
struct MonthlyRow {
    std::string month;  // "YYYY-MM"
    std::string kind, category, currency;
    int64_t total = 0;
    int64_t entries = 0;
};

using PerCurrency = std::map<std::string, int64_t>;

struct Totals {
    std::map<std::string, PerCurrency> income_by_kind;        // donation, membership_fee, grant
    std::map<std::string, PerCurrency> expense_by_category;   // servers, domains…
    PerCurrency income;    // cash income: donations, fees, grants
    PerCurrency expenses;
    PerCurrency balance;   // income − expenses, per currency
    PerCurrency in_kind;   // value of gifts in kind (not in the balance)
    int64_t volunteer_hundredths = 0;  // volunteer time, hundredths of an hour
    int64_t entries = 0;
};

// Totals of the months whose "YYYY-MM" starts with `prefix` ("2026", "2026-11", or "" for all).
Totals totals_for(const std::vector<MonthlyRow>& rows, std::string_view prefix);

struct MonthBar {
    std::string month;
    int64_t income = 0, expenses = 0;
};
// The `count` months ending with `last_month`, oldest first, in one currency.
std::vector<MonthBar> monthly_series(const std::vector<MonthlyRow>& rows, const std::string& last_month, int count,
                                     std::string_view currency);

// Years present in the rows, newest first.
std::vector<std::string> years_of(const std::vector<MonthlyRow>& rows);

// Progress towards a goal in per cent, 0…100 (an over-funded month shows 100).
int goal_percent(int64_t received, int64_t goal);

}  // namespace chatiere::ledger
