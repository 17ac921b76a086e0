// The membership's typed values (state, year policy): one parse/format pair each; the
// database and the settings keep their text.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chatiere::domain {

// Where a member stands with the association at a given day (issue 18):
// none (never paid) → member → renewal_due (the last N days) → grace (M days after the last
// day) → lapsed; honorary members stand outside the fees.
enum class MembershipState { Member, RenewalDue, Grace, Lapsed, Honorary, None };
// member | renewal_due | grace | lapsed | honorary | none
std::optional<MembershipState> parse_membership_state(std::string_view s);
std::string_view to_string(MembershipState s);

// How long a fee makes someone a member: a year from the payment (the default), the
// calendar year of the payment, or the association's year starting on a chosen day.
enum class MembershipPolicy { YearFromPayment, CalendarYear, AssociationYear };
// year_from_payment | calendar_year | association_year
std::optional<MembershipPolicy> parse_membership_policy(std::string_view s);
std::string_view to_string(MembershipPolicy p);

// A membership fee as the ledger holds it (kind membership_fee, linked to the member): the
// fields the state is derived from, and nothing private.
struct MembershipFee {
    int64_t id = 0;
    std::string date;  // "YYYY-MM-DD", the day it was paid
    int64_t amount = 0;  // cents; < 0 for a correcting entry
    std::string currency = "EUR";
    std::optional<int64_t> reverses_id;  // a correcting entry: the fee it cancels
    // Some entry reverses this one. Read apart from the member's own entries, since a fee
    // linked to a member afterwards leaves its correction unlinked.
    bool corrected = false;
};

}  // namespace chatiere::domain
