// Where a member stands, derived from their fees and the hoster's policy: pure, no storage.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/membership.h"
#include "i18n/time_zone.h"

namespace chatiere::membership {

// The hoster's membership policy (settings "membership.*", see sql/012_membership.sql).
struct Policy {
    bool enabled = true;
    domain::MembershipPolicy year = domain::MembershipPolicy::YearFromPayment;
    int year_start_month = 1, year_start_day = 1;  // association year only
    int64_t minimum_fee = 0;    // cents of `currency`; 0: any amount ("prix libre")
    std::string currency = "EUR";  // of the minimum (membership.currency)
    int renewal_days = 30;      // renewal due during the last N days
    int grace_days = 30;        // grace during the M days after the last day
};

// Reads the policy from the "membership.*" settings; a missing or malformed value keeps its
// default (the admin's form validates, so a bad value only comes from a hand-edited database,
// which must not stop the portal).
Policy policy_from_settings(const std::map<std::string, std::string>& settings);
// "MM-DD" for a first day of the association year; 29 February is refused, since most years
// would have no such day.
std::optional<std::pair<int, int>> parse_year_start(std::string_view s);

// Why a fee counts or not, for the admin's list.
enum class FeeVerdict {
    Counted,
    Corrected,      // a correcting entry nets it to zero
    BelowMinimum,   // under the policy's minimum
    OtherCurrency,  // not in the minimum's currency, so it cannot be compared with it
    Future,         // dated after today: it counts from its date
    Correction,     // the correcting entry itself
};

struct FeeOutcome {
    int64_t id = 0;
    FeeVerdict verdict = FeeVerdict::Counted;
    std::string from, until;  // the period it pays for ("YYYY-MM-DD", both included), if counted
};

struct Standing {
    domain::MembershipState state = domain::MembershipState::None;
    std::string joined;        // first day of the first counted fee's period, "" if none
    std::string member_until;  // last day of membership, both policies' "member until"; "" if none
    int days_left = 0;         // member/renewal_due: days after today still covered (0 on the last day)
    int days_lapsed = 0;       // grace/lapsed: days since the last day (1 the day after)
    std::vector<FeeOutcome> fees;  // in the order given
};

// Derives the standing at `now`, whose calendar day is read in `zone` (a fee's date is the
// hoster's own day). Fees are taken in date order; each counted fee pays for one policy year
// starting on its date, or on the day after the current membership ends if it was paid
// before then (an early renewal loses nothing). An honorary member is honorary whatever they
// paid; with membership off everyone is `none`.
Standing derive(const std::vector<domain::MembershipFee>& fees, bool honorary, const Policy& policy,
                int64_t now, const i18n::TimeZone& zone);

// The calendar day ("YYYY-MM-DD") of `now` in `zone`: the hoster's day.
std::string day_of(int64_t now, const i18n::TimeZone& zone);
// Days from `from` to `to` ("YYYY-MM-DD" both; negative when `to` is earlier); nullopt for a
// malformed day.
std::optional<int> days_between(std::string_view from, std::string_view to);
// `day` ("YYYY-MM-DD") moved by `days`; "" for a malformed day.
std::string add_days(std::string_view day, int days);

// The state on `today` of a membership whose last day is `member_until` ("" for someone who
// never paid), as derive() places it; with membership off everyone is `none`.
domain::MembershipState state_on(std::string_view member_until, bool honorary, const Policy& policy,
                                 std::string_view today);

// The state at a day as ranges of the last day (honorary apart, "" being none):
//   member       member_until >= member_from
//   renewal_due  today <= member_until < member_from
//   grace        grace_from <= member_until < today
//   lapsed       member_until < grace_from
struct StateBounds {
    std::string today, member_from, grace_from;
};
StateBounds state_bounds(const Policy& policy, std::string_view today);

}  // namespace chatiere::membership
