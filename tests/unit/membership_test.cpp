#include <doctest/doctest.h>

#include <ctime>

#include "db/migrations.h"
#include "domain/membership.h"
#include "ledger/entry.h"
#include "membership/standing.h"
#include "store/ledger.h"
#include "store/membership.h"
#include "support/test_server.h"

using namespace chatiere;
using domain::MembershipFee;
using domain::MembershipPolicy;
using domain::MembershipState;
using membership::FeeVerdict;
using membership::Policy;

namespace {

// Noon (local time in `zone`) on a "YYYY-MM-DD" day.
int64_t at(const std::string& date, const i18n::TimeZone& zone = *i18n::TimeZone::utc(), int hour = 12,
           int minute = 0) {
    std::tm t{};
    t.tm_year = std::stoi(date.substr(0, 4)) - 1900;
    t.tm_mon = std::stoi(date.substr(5, 2)) - 1;
    t.tm_mday = std::stoi(date.substr(8, 2));
    t.tm_hour = hour;
    t.tm_min = minute;
    return zone.to_utc(t);
}

MembershipFee fee(int64_t id, std::string date, int64_t amount = 1500, std::string currency = "EUR") {
    MembershipFee f;
    f.id = id;
    f.date = std::move(date);
    f.amount = amount;
    f.currency = std::move(currency);
    return f;
}

MembershipFee correction_of(int64_t id, const MembershipFee& f) {
    MembershipFee c = f;
    c.id = id;
    c.amount = -f.amount;
    c.reverses_id = f.id;
    return c;
}

Policy policy(MembershipPolicy year = MembershipPolicy::YearFromPayment) {
    Policy p;
    p.year = year;
    return p;
}

membership::Standing on(const std::string& day, const std::vector<MembershipFee>& fees, const Policy& p = policy(),
                        bool honorary = false) {
    return membership::derive(fees, honorary, p, at(day), *i18n::TimeZone::utc());
}

MembershipState state_on(const std::string& day, const std::vector<MembershipFee>& fees, const Policy& p = policy()) {
    return on(day, fees, p).state;
}

}  // namespace

TEST_SUITE("membership (issue 18)") {
    TEST_CASE("states and policies: one parse/format pair each, round trip, unknown text refused") {
        for (auto s : {MembershipState::Member, MembershipState::RenewalDue, MembershipState::Grace,
                       MembershipState::Lapsed, MembershipState::Honorary, MembershipState::None})
            CHECK(domain::parse_membership_state(domain::to_string(s)) == s);
        CHECK(domain::to_string(MembershipState::RenewalDue) == "renewal_due");
        CHECK_FALSE(domain::parse_membership_state("Member"));
        CHECK_FALSE(domain::parse_membership_state(""));
        for (auto p : {MembershipPolicy::YearFromPayment, MembershipPolicy::CalendarYear, MembershipPolicy::AssociationYear})
            CHECK(domain::parse_membership_policy(domain::to_string(p)) == p);
        CHECK_FALSE(domain::parse_membership_policy("yearly"));
    }

    TEST_CASE("none: never paid, or membership turned off") {
        auto s = on("2026-06-01", {});
        CHECK(s.state == MembershipState::None);
        CHECK(s.member_until.empty());
        CHECK(s.joined.empty());

        Policy off = policy();
        off.enabled = false;
        auto o = on("2026-06-01", {fee(1, "2026-05-01")}, off);
        CHECK(o.state == MembershipState::None);
        CHECK(o.member_until.empty());
        // turned off, even an honorary member has no membership to show
        CHECK(on("2026-06-01", {}, off, true).state == MembershipState::None);
    }

    TEST_CASE("a year from payment: member, renewal due in the last 30 days, 30 days of grace, lapsed") {
        const std::vector<MembershipFee> fees{fee(1, "2026-03-15")};
        auto paid = on("2026-03-15", fees);
        CHECK(paid.state == MembershipState::Member);
        CHECK(paid.joined == "2026-03-15");
        CHECK(paid.member_until == "2027-03-14");  // the last day, included
        CHECK(paid.fees[0].verdict == FeeVerdict::Counted);
        CHECK(paid.fees[0].from == "2026-03-15");
        CHECK(paid.fees[0].until == "2027-03-14");

        auto before = on("2027-02-12", fees);
        CHECK(before.state == MembershipState::Member);
        CHECK(before.days_left == 30);
        auto due = on("2027-02-13", fees);
        CHECK(due.state == MembershipState::RenewalDue);
        CHECK(due.days_left == 29);
        auto last_day = on("2027-03-14", fees);
        CHECK(last_day.state == MembershipState::RenewalDue);
        CHECK(last_day.days_left == 0);

        auto grace = on("2027-03-15", fees);
        CHECK(grace.state == MembershipState::Grace);
        CHECK(grace.days_lapsed == 1);
        CHECK(grace.member_until == "2027-03-14");
        auto end_of_grace = on("2027-04-13", fees);
        CHECK(end_of_grace.state == MembershipState::Grace);
        CHECK(end_of_grace.days_lapsed == 30);
        auto lapsed = on("2027-04-14", fees);
        CHECK(lapsed.state == MembershipState::Lapsed);
        CHECK(lapsed.days_lapsed == 31);
    }

    TEST_CASE("an early renewal starts the day after the current year ends; after a lapse, on its date") {
        auto early = on("2027-03-01", {fee(1, "2026-03-15"), fee(2, "2027-03-01")});
        CHECK(early.state == MembershipState::Member);
        CHECK(early.fees[1].from == "2027-03-15");
        CHECK(early.member_until == "2028-03-14");

        // given out of date order, they are still taken by date
        auto shuffled = on("2027-03-01", {fee(2, "2027-03-01"), fee(1, "2026-03-15")});
        CHECK(shuffled.member_until == "2028-03-14");
        CHECK(shuffled.fees[0].id == 2);
        CHECK(shuffled.fees[0].from == "2027-03-15");

        const std::vector<MembershipFee> again{fee(1, "2025-01-10"), fee(2, "2026-06-01")};
        CHECK(state_on("2026-05-31", {again[0]}) == MembershipState::Lapsed);
        auto renewed = on("2026-06-01", again);
        CHECK(renewed.state == MembershipState::Member);
        CHECK(renewed.joined == "2025-01-10");
        CHECK(renewed.fees[1].from == "2026-06-01");
        CHECK(renewed.member_until == "2027-05-31");
    }

    TEST_CASE("the calendar year: a fee pays for the year of its date; paid in December while due, for the next") {
        const Policy cal = policy(MembershipPolicy::CalendarYear);
        auto s = on("2026-05-01", {fee(1, "2026-05-01")}, cal);
        CHECK(s.joined == "2026-01-01");
        CHECK(s.member_until == "2026-12-31");
        CHECK(s.state == MembershipState::Member);
        CHECK(state_on("2026-12-02", {fee(1, "2026-05-01")}, cal) == MembershipState::RenewalDue);
        CHECK(state_on("2027-01-01", {fee(1, "2026-05-01")}, cal) == MembershipState::Grace);
        CHECK(state_on("2027-02-01", {fee(1, "2026-05-01")}, cal) == MembershipState::Lapsed);

        auto renewed = on("2026-12-10", {fee(1, "2026-05-01"), fee(2, "2026-12-10")}, cal);
        CHECK(renewed.state == MembershipState::Member);
        CHECK(renewed.fees[1].from == "2027-01-01");
        CHECK(renewed.member_until == "2027-12-31");
        // the last day of the year, then the first of the next
        CHECK(on("2026-12-31", {fee(1, "2026-12-31")}, cal).member_until == "2026-12-31");
        CHECK(on("2027-01-01", {fee(1, "2027-01-01")}, cal).member_until == "2027-12-31");
    }

    TEST_CASE("the association year starting on a chosen day") {
        Policy assoc = policy(MembershipPolicy::AssociationYear);
        assoc.year_start_month = 9;
        assoc.year_start_day = 1;
        auto spring = on("2026-03-10", {fee(1, "2026-03-10")}, assoc);
        CHECK(spring.joined == "2025-09-01");
        CHECK(spring.member_until == "2026-08-31");
        CHECK(spring.state == MembershipState::Member);  // 174 days left
        CHECK(on("2026-08-31", {fee(1, "2026-08-31")}, assoc).member_until == "2026-08-31");
        auto first_day = on("2026-09-01", {fee(1, "2026-09-01")}, assoc);
        CHECK(first_day.joined == "2026-09-01");
        CHECK(first_day.member_until == "2027-08-31");
        CHECK(state_on("2026-09-01", {fee(1, "2026-03-10")}, assoc) == MembershipState::Grace);
    }

    TEST_CASE("29 February: a year from it ends on 28 February; a year ending on it; an association year across it") {
        CHECK(on("2028-02-29", {fee(1, "2028-02-29")}).member_until == "2029-02-28");
        CHECK(on("2029-02-28", {fee(1, "2028-02-29")}).state == MembershipState::RenewalDue);
        CHECK(on("2029-03-01", {fee(1, "2028-02-29")}).state == MembershipState::Grace);
        CHECK(on("2027-03-01", {fee(1, "2027-03-01")}).member_until == "2028-02-29");
        CHECK(on("2028-02-28", {fee(1, "2027-02-28")}).member_until == "2028-02-27");
        // renewed early from a year that ends on 29 February: the next starts on 1 March
        auto stacked = on("2028-02-20", {fee(1, "2027-03-01"), fee(2, "2028-02-20")});
        CHECK(stacked.fees[1].from == "2028-03-01");
        CHECK(stacked.member_until == "2029-02-28");

        Policy assoc = policy(MembershipPolicy::AssociationYear);
        assoc.year_start_month = 3;
        assoc.year_start_day = 1;
        auto leap = on("2028-02-29", {fee(1, "2028-02-29")}, assoc);
        CHECK(leap.joined == "2027-03-01");
        CHECK(leap.member_until == "2028-02-29");
        CHECK(leap.state == MembershipState::RenewalDue);
    }

    TEST_CASE("the year boundary in Europe/Paris: the day is the hoster's, not UTC's") {
        const auto paris = i18n::TimeZone::load("Europe/Paris");
        const Policy cal = policy(MembershipPolicy::CalendarYear);
        const std::vector<MembershipFee> fees{fee(1, "2026-05-01")};
        // 2026-12-31 23:30 UTC is already 2027-01-01 00:30 in Paris
        const int64_t new_year_paris = at("2026-12-31", *i18n::TimeZone::utc(), 23, 30);
        auto in_paris = membership::derive(fees, false, cal, new_year_paris, paris);
        CHECK(in_paris.state == MembershipState::Grace);
        CHECK(in_paris.days_lapsed == 1);
        auto in_utc = membership::derive(fees, false, cal, new_year_paris, *i18n::TimeZone::utc());
        CHECK(in_utc.state == MembershipState::RenewalDue);
        CHECK(in_utc.days_left == 0);
        // one minute before midnight in Paris, still the last day
        auto last_minute = membership::derive(fees, false, cal, at("2026-12-31", paris, 23, 59), paris);
        CHECK(last_minute.state == MembershipState::RenewalDue);
        // a fee paid in Paris on New Year's Day at 00:30 counts at once for the new year
        auto paid = membership::derive({fee(2, "2027-01-01")}, false, cal, new_year_paris, paris);
        CHECK(paid.state == MembershipState::Member);
        CHECK(paid.member_until == "2027-12-31");
        CHECK(membership::derive({fee(2, "2027-01-01")}, false, cal, new_year_paris, *i18n::TimeZone::utc()).state ==
              MembershipState::None);  // still 2026 in UTC: the fee is in the future
    }

    TEST_CASE("corrections: a fee netted to zero no longer counts") {
        const auto f = fee(1, "2026-03-15");
        auto corrected = on("2026-06-01", {f, correction_of(2, f)});
        CHECK(corrected.state == MembershipState::None);
        CHECK(corrected.member_until.empty());
        CHECK(corrected.fees[0].verdict == FeeVerdict::Corrected);
        CHECK(corrected.fees[1].verdict == FeeVerdict::Correction);

        // the store's flag alone (a correction that is not the member's own entry)
        auto flagged = f;
        flagged.corrected = true;
        CHECK(on("2026-06-01", {flagged}).state == MembershipState::None);

        // the wrong fee corrected, the right one recorded: only the right one counts
        const auto right = fee(3, "2026-04-01");
        auto s = on("2026-06-01", {f, correction_of(2, f), right});
        CHECK(s.state == MembershipState::Member);
        CHECK(s.joined == "2026-04-01");
        CHECK(s.member_until == "2027-03-31");

        // a renewal corrected away: the member lapses as if it had never been paid
        const auto renewal = fee(4, "2027-03-01");
        CHECK(on("2027-05-01", {f, renewal}).state == MembershipState::Member);
        CHECK(on("2027-05-01", {f, renewal, correction_of(5, renewal)}).state == MembershipState::Lapsed);
    }

    TEST_CASE("the minimum fee: below it, or in another currency, does not count; none means any amount") {
        Policy p = policy();
        CHECK(on("2026-06-01", {fee(1, "2026-05-01", 1)}, p).state == MembershipState::Member);  // prix libre
        p.minimum_fee = 1000;
        auto below = on("2026-06-01", {fee(1, "2026-05-01", 999)}, p);
        CHECK(below.state == MembershipState::None);
        CHECK(below.fees[0].verdict == FeeVerdict::BelowMinimum);
        CHECK(below.fees[0].until.empty());
        CHECK(on("2026-06-01", {fee(1, "2026-05-01", 1000)}, p).state == MembershipState::Member);
        auto usd = on("2026-06-01", {fee(1, "2026-05-01", 5000, "USD")}, p);
        CHECK(usd.state == MembershipState::None);
        CHECK(usd.fees[0].verdict == FeeVerdict::OtherCurrency);
        // a small fee between two good ones does not extend the year
        auto mixed = on("2026-06-01", {fee(1, "2025-06-15", 1000), fee(2, "2026-05-01", 500)}, p);
        CHECK(mixed.member_until == "2026-06-14");
        CHECK(mixed.state == MembershipState::RenewalDue);
    }

    TEST_CASE("honorary members are honorary whatever they paid; their last paid day is kept") {
        auto never = on("2026-06-01", {}, policy(), true);
        CHECK(never.state == MembershipState::Honorary);
        CHECK(never.member_until.empty());
        auto old = on("2026-06-01", {fee(1, "2020-01-01")}, policy(), true);
        CHECK(old.state == MembershipState::Honorary);
        CHECK(old.member_until == "2020-12-31");
    }

    TEST_CASE("a fee dated after today counts from its date") {
        auto s = on("2026-05-31", {fee(1, "2026-06-01")});
        CHECK(s.state == MembershipState::None);
        CHECK(s.fees[0].verdict == FeeVerdict::Future);
        CHECK(on("2026-06-01", {fee(1, "2026-06-01")}).state == MembershipState::Member);
    }

    TEST_CASE("the windows are the hoster's: no renewal window, no grace, longer ones") {
        const std::vector<MembershipFee> fees{fee(1, "2026-03-15")};
        Policy p = policy();
        p.renewal_days = 0;
        p.grace_days = 0;
        CHECK(state_on("2027-03-14", fees, p) == MembershipState::Member);
        CHECK(state_on("2027-03-15", fees, p) == MembershipState::Lapsed);
        p.renewal_days = 60;
        p.grace_days = 90;
        CHECK(state_on("2027-01-14", fees, p) == MembershipState::RenewalDue);
        CHECK(state_on("2027-01-13", fees, p) == MembershipState::Member);
        CHECK(state_on("2027-06-12", fees, p) == MembershipState::Grace);
        CHECK(state_on("2027-06-13", fees, p) == MembershipState::Lapsed);
    }

    TEST_CASE("the policy from settings: defaults, each key, malformed values keep the default") {
        auto d = membership::policy_from_settings({});
        CHECK(d.enabled);
        CHECK(d.year == MembershipPolicy::YearFromPayment);
        CHECK(d.minimum_fee == 0);
        CHECK(d.renewal_days == 30);
        CHECK(d.grace_days == 30);

        auto p = membership::policy_from_settings({{"membership.enabled", "0"},
                                                   {"membership.policy", "association_year"},
                                                   {"membership.year_start", "09-01"},
                                                   {"membership.minimum_fee", "1000"},
                                                   {"membership.renewal_days", "45"},
                                                   {"membership.grace_days", "0"},
                                                   {"membership.currency", "CHF"}});
        CHECK(p.currency == "CHF");
        CHECK_FALSE(p.enabled);
        CHECK(p.year == MembershipPolicy::AssociationYear);
        CHECK(p.year_start_month == 9);
        CHECK(p.year_start_day == 1);
        CHECK(p.minimum_fee == 1000);
        CHECK(p.renewal_days == 45);
        CHECK(p.grace_days == 0);

        auto bad = membership::policy_from_settings({{"membership.policy", "monthly"},
                                                     {"membership.year_start", "02-29"},
                                                     {"membership.minimum_fee", "-5"},
                                                     {"membership.renewal_days", "30 days"},
                                                     {"membership.grace_days", "99999"},
                                                     {"membership.currency", "chf"}});
        CHECK(bad.currency == "EUR");
        CHECK(bad.year == MembershipPolicy::YearFromPayment);
        CHECK(bad.year_start_month == 1);
        CHECK(bad.minimum_fee == 0);
        CHECK(bad.renewal_days == 30);
        CHECK(bad.grace_days == 30);

        CHECK(membership::parse_year_start("01-01") == std::pair{1, 1});
        CHECK(membership::parse_year_start("12-31") == std::pair{12, 31});
        CHECK_FALSE(membership::parse_year_start("02-29"));
        CHECK_FALSE(membership::parse_year_start("04-31"));
        CHECK_FALSE(membership::parse_year_start("13-01"));
        CHECK_FALSE(membership::parse_year_start("9-1"));
    }

    TEST_CASE("store: a member's fees with their corrections, the honorary flag, the register") {
        testing::TempDb tmp;
        db::Database db{tmp.path};
        db::migrate(db, db::embedded_migrations());
        auto add_member = [&](const std::string& name) {
            auto q = db.prepare("INSERT INTO members (name, email, created_at, updated_at) VALUES (?, ?, 0, 0)");
            q.bind(name, name + "@example.org");
            q.run();
            return db.last_insert_id();
        };
        auto add = [&](const std::string& date, const std::string& kind, int64_t amount, std::optional<int64_t> member) {
            ledger::Draft d;
            d.date = date;
            d.kind = kind;
            d.amount = amount;
            d.member_id = member;
            return store::record_entry(db, d, 1764000000, "test");
        };
        const int64_t bob = add_member("bob"), alice = add_member("alice"), carol = add_member("carol");
        add("2026-03-01", "membership_fee", 1500, alice);
        add("2026-03-02", "donation", 5000, alice);  // not a fee
        auto wrong = add("2026-01-10", "membership_fee", 1500, alice);
        store::reverse_entry(db, wrong.id, "twice", 1764000001, "test");
        add("2026-02-01", "membership_fee", 2000, bob);
        add("2026-02-01", "membership_fee", 2000, std::nullopt);  // an anonymous import

        auto fees = store::member_fees(db, alice);
        REQUIRE(fees.size() == 3);  // the two fees and the correction, by date then id
        CHECK(fees[0].id == wrong.id);
        CHECK(fees[0].corrected);
        CHECK(fees[1].reverses_id == wrong.id);
        CHECK(fees[1].amount == -1500);
        CHECK(fees[2].date == "2026-03-01");
        CHECK_FALSE(fees[2].corrected);
        auto s = membership::derive(fees, false, Policy{}, at("2026-06-01"), *i18n::TimeZone::utc());
        CHECK(s.state == MembershipState::Member);
        CHECK(s.member_until == "2027-02-28");

        CHECK_FALSE(store::is_honorary(db, carol));
        CHECK(store::set_honorary(db, carol, true, 1764000002));
        CHECK(store::is_honorary(db, carol));
        CHECK_FALSE(store::set_honorary(db, 9999, true, 1764000002));
        CHECK_FALSE(store::is_honorary(db, 9999));

        auto rows = store::register_rows(db);
        REQUIRE(rows.size() == 3);
        CHECK(rows[0].name == "alice");
        CHECK(rows[0].fees.size() == 3);
        CHECK(rows[1].name == "bob");
        CHECK(rows[1].id == bob);
        CHECK(rows[1].fees.size() == 1);
        CHECK(rows[2].name == "carol");
        CHECK(rows[2].honorary);
        CHECK(rows[2].fees.empty());

        // the honorary column exists with its check
        CHECK_THROWS(db.exec("UPDATE members SET honorary = 2 WHERE id = " + std::to_string(bob)));
    }
}
