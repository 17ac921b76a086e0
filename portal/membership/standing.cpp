#include "membership/standing.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <set>
#include <tuple>

namespace chatiere::membership {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

std::optional<int64_t> to_int(std::string_view s) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// "YYYY-MM-DD" → a day; nullopt for anything else (the ledger's CHECK only asks for digits).
std::optional<sys_days> parse_day(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto y = to_int(s.substr(0, 4)), m = to_int(s.substr(5, 2)), d = to_int(s.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    year_month_day ymd{year(static_cast<int>(*y)), month(static_cast<unsigned>(*m)), day(static_cast<unsigned>(*d))};
    if (!ymd.ok()) return std::nullopt;
    return sys_days(ymd);
}

std::string format_day(sys_days d) {
    year_month_day ymd(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

// The same month and day `years` later; a day the year lacks (29 February) rolls over to the
// next (1 March), as mktime would.
sys_days add_years(sys_days d, int years) {
    year_month_day ymd(d);
    year_month_day later{ymd.year() + std::chrono::years(years), ymd.month(), ymd.day()};
    if (later.ok()) return sys_days(later);
    return sys_days(year_month_day{later.year(), later.month(), day(1)}) + std::chrono::days(static_cast<unsigned>(later.day()) - 1);
}

// The policy year that contains `start`: its first day and its last.
std::pair<sys_days, sys_days> period_containing(sys_days start, const Policy& p) {
    if (p.year == domain::MembershipPolicy::YearFromPayment) return {start, add_years(start, 1) - std::chrono::days(1)};
    unsigned m = 1, d = 1;
    if (p.year == domain::MembershipPolicy::AssociationYear) {
        m = static_cast<unsigned>(p.year_start_month);
        d = static_cast<unsigned>(p.year_start_day);
    }
    year_month_day s(start);
    sys_days first = sys_days(year_month_day{s.year(), month(m), day(d)});
    if (first > start) first = sys_days(year_month_day{s.year() - std::chrono::years(1), month(m), day(d)});
    return {first, add_years(first, 1) - std::chrono::days(1)};
}

// The state on `today` for a membership whose last day is `last` (none: never paid).
void place(Standing& out, bool honorary, std::optional<sys_days> last, sys_days today, const Policy& policy) {
    using domain::MembershipState;
    if (honorary) {
        out.state = MembershipState::Honorary;
    } else if (!last) {
        out.state = MembershipState::None;
    } else if (*last >= today) {
        out.days_left = static_cast<int>((*last - today).count());
        out.state = out.days_left < policy.renewal_days ? MembershipState::RenewalDue : MembershipState::Member;
    } else {
        out.days_lapsed = static_cast<int>((today - *last).count());
        out.state = out.days_lapsed <= policy.grace_days ? MembershipState::Grace : MembershipState::Lapsed;
    }
}

}  // namespace

std::optional<std::pair<int, int>> parse_year_start(std::string_view s) {
    if (s.size() != 5 || s[2] != '-') return std::nullopt;
    auto m = to_int(s.substr(0, 2)), d = to_int(s.substr(3, 2));
    if (!m || !d || (*m == 2 && *d == 29)) return std::nullopt;
    // 2025 is not a leap year: a day valid in it exists every year.
    if (!year_month_day{year(2025), month(static_cast<unsigned>(*m)), day(static_cast<unsigned>(*d))}.ok())
        return std::nullopt;
    return std::pair{static_cast<int>(*m), static_cast<int>(*d)};
}

Policy policy_from_settings(const std::map<std::string, std::string>& settings) {
    Policy p;
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto it = settings.find(key);
        if (it == settings.end()) return std::nullopt;
        return it->second;
    };
    if (auto v = get("membership.enabled")) p.enabled = *v != "0";
    if (auto v = get("membership.policy"))
        if (auto y = domain::parse_membership_policy(*v)) p.year = *y;
    if (auto v = get("membership.year_start"))
        if (auto md = parse_year_start(*v)) std::tie(p.year_start_month, p.year_start_day) = *md;
    // Counts of days and cents are bounded so that date arithmetic never overflows.
    auto bounded = [&](const char* key, int64_t max) -> std::optional<int64_t> {
        auto v = get(key);
        if (!v) return std::nullopt;
        auto n = to_int(*v);
        if (!n || *n < 0 || *n > max) return std::nullopt;
        return n;
    };
    if (auto n = bounded("membership.minimum_fee", 100'000'000)) p.minimum_fee = *n;
    if (auto v = get("membership.currency"))
        if (v->size() == 3 && std::all_of(v->begin(), v->end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
            p.currency = *v;
    if (auto n = bounded("membership.renewal_days", 366)) p.renewal_days = static_cast<int>(*n);
    if (auto n = bounded("membership.grace_days", 366)) p.grace_days = static_cast<int>(*n);
    return p;
}

std::string day_of(int64_t now, const i18n::TimeZone& zone) {
    std::tm local = zone.local(now);
    return format_day(sys_days(year_month_day{year(local.tm_year + 1900), month(static_cast<unsigned>(local.tm_mon + 1)),
                                              day(static_cast<unsigned>(local.tm_mday))}));
}

std::optional<int> days_between(std::string_view from, std::string_view to) {
    auto a = parse_day(from), b = parse_day(to);
    if (!a || !b) return std::nullopt;
    return static_cast<int>((*b - *a).count());
}

std::string add_days(std::string_view d, int days) {
    auto p = parse_day(d);
    if (!p) return "";
    return format_day(*p + std::chrono::days(days));
}

domain::MembershipState state_on(std::string_view member_until, bool honorary, const Policy& policy,
                                 std::string_view today) {
    if (!policy.enabled) return domain::MembershipState::None;
    Standing out;
    auto t = parse_day(today);
    if (!t) return domain::MembershipState::None;
    place(out, honorary, member_until.empty() ? std::nullopt : parse_day(member_until), *t, policy);
    return out.state;
}

StateBounds state_bounds(const Policy& policy, std::string_view today) {
    return {std::string(today), add_days(today, policy.renewal_days), add_days(today, -policy.grace_days)};
}

Standing derive(const std::vector<domain::MembershipFee>& fees, bool honorary, const Policy& policy, int64_t now,
                const i18n::TimeZone& zone) {
    Standing out;
    if (!policy.enabled) return out;

    std::tm local = zone.local(now);
    const sys_days today = sys_days(year_month_day{year(local.tm_year + 1900), month(static_cast<unsigned>(local.tm_mon + 1)),
                                                   day(static_cast<unsigned>(local.tm_mday))});

    std::set<int64_t> corrected;
    for (const auto& f : fees)
        if (f.reverses_id) corrected.insert(*f.reverses_id);

    // Verdicts in the order given; periods in date order (then id, the order of recording).
    out.fees.resize(fees.size());
    std::vector<size_t> counted;
    for (size_t i = 0; i < fees.size(); ++i) {
        const auto& f = fees[i];
        auto& o = out.fees[i];
        o.id = f.id;
        auto date = parse_day(f.date);
        if (f.reverses_id || f.amount <= 0 || !date) o.verdict = FeeVerdict::Correction;
        else if (f.corrected || corrected.count(f.id)) o.verdict = FeeVerdict::Corrected;
        else if (policy.minimum_fee > 0 && f.currency != policy.currency) o.verdict = FeeVerdict::OtherCurrency;
        else if (f.amount < policy.minimum_fee) o.verdict = FeeVerdict::BelowMinimum;
        else if (*date > today) o.verdict = FeeVerdict::Future;
        else counted.push_back(i);
    }
    std::sort(counted.begin(), counted.end(), [&](size_t a, size_t b) {
        if (fees[a].date != fees[b].date) return fees[a].date < fees[b].date;
        return fees[a].id < fees[b].id;
    });

    std::optional<sys_days> first, last;
    for (size_t i : counted) {
        sys_days start = *parse_day(fees[i].date);
        if (last && start <= *last) start = *last + std::chrono::days(1);
        auto [from, until] = period_containing(start, policy);
        out.fees[i].from = format_day(from);
        out.fees[i].until = format_day(until);
        if (!first) first = from;
        last = until;
    }

    if (first) {
        out.joined = format_day(*first);
        out.member_until = format_day(*last);
    }
    place(out, honorary, last, today, policy);
    return out;
}

}  // namespace chatiere::membership
