#pragma once
// Ledger entries and their rules, without storage.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The contribution log's entries and the rules they follow, without any storage.
namespace chatiere::ledger {

// What an entry is. Money kinds carry cents of an ISO 4217 currency; volunteer time carries
// hundredths of an hour with the pseudo-currency "HOUR" (250 = 2 h 30), kept apart from money.
inline constexpr std::string_view kKinds[] = {"donation", "membership_fee", "grant",
                                              "in_kind",  "volunteer_time", "expense"};
inline constexpr std::string_view kHour = "HOUR";
bool is_kind(std::string_view kind);
// Money coming in that counts towards the balance and the funding goal.
bool is_cash_income(std::string_view kind);

// An entry as written in the log.
struct Entry {
    int64_t id = 0;
    std::string date;      // "YYYY-MM-DD": a calendar day, never a time
    std::string kind;
    int64_t amount = 0;    // > 0; < 0 only for a correcting entry
    std::string currency;  // "EUR", … or "HOUR"
    std::optional<int64_t> member_id;        // private
    std::optional<std::string> public_name;  // only with the contributor's consent
    std::string private_note;                // private
    std::string category;                    // expenses only ("servers", "domains"…)
    std::optional<int64_t> reverses_id;      // a correcting entry: the entry it cancels
    std::optional<std::string> import_key;   // private
    int64_t recorded_at = 0;
    std::string recorded_by;                 // private
    std::string prev_hash, hash;

    // Not stored in the row: filled by some reads.
    std::optional<int64_t> corrected_by;  // the entry that reverses this one
    std::string member_name;              // for the admin
};

// What the admin (or an import) asks to record; the store adds id, time and hashes.
struct Draft {
    std::string date, kind;
    int64_t amount = 0;
    std::string currency = "EUR";
    std::optional<int64_t> member_id;
    std::optional<std::string> public_name;
    std::string private_note, category;
    std::optional<int64_t> reverses_id;
    std::optional<std::string> import_key;
};

// Checks a draft and normalises it (trims names, "other" as the default expense category,
// upper-case currency). Returns an error code ("date", "kind", "amount", "currency",
// "category", "public_name", "note") or nullopt when valid. Message keys: ledger.error.<code>.
std::optional<std::string> validate(Draft& d);
// The same error in English, for the command line.
std::string describe_error(std::string_view code);

// A real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view s);
// "2026-01" → "2025-12".
std::string previous_month(std::string_view month);

// "25.00", "25,5", "1234" → cents (2500, 2550, 123400). No sign, no thousands separator, at
// most two decimals, at most 10^13 cents. Never goes through floating point.
std::optional<int64_t> parse_amount(std::string_view text);
// An amount as people write it in a form (issue 15): parse_amount's forms, plus thousands
// grouped by a space, a no-break space or a narrow no-break space in groups of three
// ("1 000,50", "12 345"), and a trailing "€". Anything else: nullopt.
std::optional<int64_t> parse_written_amount(std::string_view text);
// 2500 → "25.00", -5 → "-0.05" (machine format, for CSV and JSON).
std::string amount_text(int64_t cents);

}  // namespace chatiere::ledger
