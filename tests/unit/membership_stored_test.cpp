// Membership at scale and over time (issue 18): the stored dates, the register and its counts,
// linking an imported fee, the daily job (audit, reminders, summary) and the lapse effect on
// single sign-on, on a clock the test moves.
#include <doctest/doctest.h>

#include <chrono>
#include <ctime>

#include "actions/ledger.h"
#include "actions/membership.h"
#include "actions/settings.h"
#include "app.h"
#include "db/migrations.h"
#include "oidc/access.h"
#include "store/ledger.h"
#include "store/membership.h"
#include "support/membership_scale.h"
#include "support/test_server.h"
#include "support/timing.h"

using namespace chatiere;
using domain::MembershipState;

namespace {

// Noon UTC on a "YYYY-MM-DD" day.
int64_t at(const std::string& date) {
    std::tm t{};
    t.tm_year = std::stoi(date.substr(0, 4)) - 1900;
    t.tm_mon = std::stoi(date.substr(5, 2)) - 1;
    t.tm_mday = std::stoi(date.substr(8, 2));
    t.tm_hour = 12;
    return timegm(&t);
}

struct Books {
    testing::TempDb tmp;
    std::unique_ptr<App> app;
    std::optional<db::Pool::Lease> lease;
    int64_t now = at("2026-01-10");

    Books() {
        Config cfg;
        cfg.db = tmp.path;
        cfg.base_url = "https://chaton.example/";
        cfg.timezone = "UTC";
        app = make_app(cfg);
        lease.emplace(app->db->acquire());
    }
    db::Database& db() { return **lease; }
    actions::Context ctx() { return {db(), now, app->config, app->catalog, *i18n::TimeZone::utc(), {std::nullopt, "cli:test"}}; }
    int64_t member(const std::string& name, const std::string& locale = "fr") {
        auto q = db().prepare("INSERT INTO members (name, email, status, locale, created_at, updated_at) "
                              "VALUES (?, ?, 'active', ?, 0, 0)");
        q.bind(name, name + "@example.org", locale);
        q.run();
        return db().last_insert_id();
    }
    ledger::Entry fee(const std::string& date, std::optional<int64_t> member, int64_t amount = 1500,
                      const std::string& kind = "membership_fee") {
        ledger::Draft d;
        d.date = date;
        d.kind = kind;
        d.amount = amount;
        d.member_id = member;
        return store::record_entry(db(), d, now, "test");
    }
    void set(const std::string& key, const std::string& value) { actions::change_settings(ctx(), {{key, value}}); }
    // The state and last day as the register (stored dates) says.
    std::pair<MembershipState, std::string> reg(int64_t id) {
        for (const auto& l : actions::membership_register(ctx()))
            if (l.member_id == id) return {l.state, l.member_until};
        FAIL("not in the register");
        return {};
    }
    MembershipState state(int64_t id) {
        auto [s, until] = reg(id);
        // The stored dates say what derive() says.
        auto d = actions::member_standing(ctx(), id);
        CHECK(d.state == s);
        CHECK(d.member_until == until);
        return s;
    }
    int64_t count(const std::string& sql) {
        auto q = db().prepare(sql);
        REQUIRE(q.step());
        return q.i64(0);
    }
};

}  // namespace

TEST_SUITE("membership stored (issue 18)") {
    TEST_CASE("payment, renewal due, grace, lapse, renewal after lapse: the register follows the clock") {
        Books b;
        auto alice = b.member("alice");
        auto none = b.member("zoe");
        b.fee("2026-01-10", alice);
        CHECK(b.state(alice) == MembershipState::Member);
        CHECK(b.reg(alice).second == "2027-01-09");
        CHECK(b.state(none) == MembershipState::None);
        b.now = at("2026-12-20");
        CHECK(b.state(alice) == MembershipState::RenewalDue);
        b.now = at("2027-01-09");  // the last day
        CHECK(b.state(alice) == MembershipState::RenewalDue);
        b.now = at("2027-01-10");
        CHECK(b.state(alice) == MembershipState::Grace);
        b.now = at("2027-02-08");  // 30 days after the last day: still grace
        CHECK(b.state(alice) == MembershipState::Grace);
        b.now = at("2027-02-09");
        CHECK(b.state(alice) == MembershipState::Lapsed);
        auto counts = actions::membership_counts(b.ctx());
        CHECK(counts[MembershipState::Lapsed] == 1);
        CHECK(counts[MembershipState::None] == 1);
        CHECK(counts[MembershipState::Member] == 0);
        b.fee("2027-02-09", alice);  // renewal after the lapse: a year from its date
        CHECK(b.state(alice) == MembershipState::Member);
        CHECK(b.reg(alice).second == "2028-02-08");
        counts = actions::membership_counts(b.ctx());
        CHECK(counts[MembershipState::Member] == 1);
        CHECK(counts[MembershipState::Lapsed] == 0);
    }

    TEST_CASE("honorary, correction, below the minimum, a future fee, membership turned off") {
        Books b;
        auto hon = b.member("hon"), bob = b.member("bob"), carol = b.member("carol"), dan = b.member("dan");
        CHECK(actions::set_honorary(b.ctx(), hon, true));
        CHECK(b.state(hon) == MembershipState::Honorary);
        CHECK(b.count("SELECT count(*) FROM audit_log WHERE action = 'member.honorary'") == 1);
        CHECK_FALSE(actions::set_honorary(b.ctx(), 9999, true));

        auto wrong = b.fee("2026-01-05", bob);
        CHECK(b.state(bob) == MembershipState::Member);
        store::reverse_entry(b.db(), wrong.id, "wrong", b.now, "test");  // straight to the store: the trigger keeps step
        CHECK(b.state(bob) == MembershipState::None);

        b.fee("2026-01-05", carol, 1000);
        CHECK(b.state(carol) == MembershipState::Member);
        b.set("membership.minimum_fee", "1500");  // a change of policy recomputes everyone
        CHECK(b.state(carol) == MembershipState::None);
        auto below = store::fees_below_minimum(b.db(), 1500, "EUR", 10);
        REQUIRE(below.size() == 1);
        CHECK(below[0].member_name == "carol");

        b.fee("2026-02-01", dan);  // paid ahead: counts from its date
        CHECK(b.state(dan) == MembershipState::None);
        b.now = at("2026-02-01");
        CHECK(b.state(dan) == MembershipState::Member);
        CHECK(b.reg(dan).second == "2027-01-31");

        b.set("membership.enabled", "0");
        CHECK(b.state(dan) == MembershipState::None);
        CHECK(b.state(hon) == MembershipState::None);
        auto counts = actions::membership_counts(b.ctx());
        CHECK(counts[MembershipState::None] == 4);
        CHECK(counts[MembershipState::Honorary] == 0);
        CHECK(actions::register_page(b.ctx(), MembershipState::Member, "", 50).lines.empty());
        b.set("membership.enabled", "1");
        CHECK(b.state(dan) == MembershipState::Member);
    }

    TEST_CASE("each policy: a year from payment, the calendar year, the association year") {
        Books b;
        auto a = b.member("a");
        b.fee("2026-03-01", a);
        b.now = at("2026-03-02");
        CHECK(b.reg(a).second == "2027-02-28");
        b.set("membership.policy", "calendar_year");
        CHECK(b.reg(a).second == "2026-12-31");
        b.set("membership.policy", "association_year");
        b.set("membership.year_start", "09-01");
        CHECK(b.reg(a).second == "2026-08-31");
        b.now = at("2026-08-15");
        CHECK(b.state(a) == MembershipState::RenewalDue);
        b.set("membership.year_start", "03-01");
        CHECK(b.reg(a).second == "2027-02-28");
    }

    TEST_CASE("the register pages by key without losing or repeating anyone; counts add up") {
        Books b;
        // 130 members: paid on days spread over two years, a few honorary, some never paid.
        std::map<int64_t, MembershipState> expected;
        b.now = at("2026-06-15");
        for (int i = 0; i < 130; ++i) {
            char name[16];
            std::snprintf(name, sizeof name, "m%03d", (i * 37) % 130);
            auto id = b.member(name);
            if (i % 10 == 9) continue;
            char date[16];
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2024 + (i % 3 == 0), 1 + i % 12, 1 + i % 28);
            b.fee(date, id);
            if (i % 17 == 0) actions::set_honorary(b.ctx(), id, true);
        }
        for (const auto& l : actions::membership_register(b.ctx())) {
            expected[l.member_id] = l.state;
            CHECK(actions::member_standing(b.ctx(), l.member_id).state == l.state);
        }
        CHECK(expected.size() == 130);
        auto counts = actions::membership_counts(b.ctx());
        int64_t total = 0;
        for (auto [s, n] : counts) total += n;
        CHECK(total == 130);
        for (auto s : {MembershipState::Member, MembershipState::RenewalDue, MembershipState::Grace, MembershipState::Lapsed,
                       MembershipState::Honorary, MembershipState::None}) {
            std::set<int64_t> seen;
            std::string after;
            std::string last_key;
            do {
                auto page = actions::register_page(b.ctx(), s, after, 7);
                for (const auto& l : page.lines) {
                    CHECK(l.state == s);
                    CHECK(seen.insert(l.member_id).second);
                }
                after = page.next;
            } while (!after.empty());
            CHECK(static_cast<int64_t>(seen.size()) == counts[s]);
        }
    }

    TEST_CASE("an anonymous fee linked to a member afterwards, once; the chain still verifies") {
        Books b;
        auto ana = b.member("ana"), ben = b.member("ben");
        auto imported = b.fee("2026-01-02", std::nullopt);
        auto gift = b.fee("2026-01-02", std::nullopt, 500, "donation");
        CHECK(b.state(ana) == MembershipState::None);
        CHECK_FALSE(actions::link_fee(b.ctx(), imported.id, ana));
        CHECK(b.state(ana) == MembershipState::Member);
        CHECK(b.reg(ana).second == "2027-01-01");
        CHECK(b.count("SELECT count(*) FROM audit_log WHERE action = 'ledger.link' AND details = 'member ana'") == 1);
        CHECK(actions::link_fee(b.ctx(), imported.id, ben) == "linked");
        CHECK(actions::link_fee(b.ctx(), gift.id, ben) == "not_fee");
        CHECK(actions::link_fee(b.ctx(), 9999, ben) == "no_entry");
        auto other = b.fee("2026-01-03", std::nullopt);
        CHECK(actions::link_fee(b.ctx(), other.id, 9999) == "member");
        auto fix = store::reverse_entry(b.db(), other.id, "typo", b.now, "test");
        CHECK(actions::link_fee(b.ctx(), fix.id, ben) == "not_fee");
        // The database refuses the rest whoever asks.
        CHECK_THROWS(b.db().exec("UPDATE ledger_entries SET member_id = " + std::to_string(ben) +
                                 " WHERE id = " + std::to_string(imported.id)));
        CHECK_THROWS(b.db().exec("UPDATE ledger_entries SET member_id = " + std::to_string(ben) +
                                 " WHERE id = " + std::to_string(gift.id)));
        CHECK_THROWS(b.db().exec("UPDATE ledger_entries SET amount = 1 WHERE id = " + std::to_string(imported.id)));
        CHECK(actions::verify_ledger(b.db()).intact());
        // A deleted member leaves the fee unlinked, as before.
        b.db().exec("DELETE FROM members WHERE id = " + std::to_string(ana));
        CHECK(b.count("SELECT count(*) FROM ledger_entries WHERE member_id IS NULL AND id = " + std::to_string(imported.id)) == 1);
        CHECK(actions::verify_ledger(b.db()).intact());
    }

    TEST_CASE("the daily job: state changes audited once, reminders at the chosen days once, opt-out, summary") {
        Books b;
        auto ana = b.member("ana", "en"), quiet = b.member("quiet");
        b.set("membership.reminder_days", "30,7,0");
        b.now = at("2025-02-01");
        b.fee("2025-02-01", ana);
        b.fee("2025-02-01", quiet);
        store::set_notify_membership(b.db(), quiet, false);
        auto mails = [&](const std::string& to) {
            return b.count("SELECT count(*) FROM outbox WHERE to_addr = '" + to + "'");
        };
        auto audits = [&] { return b.count("SELECT count(*) FROM audit_log WHERE action = 'membership.state'"); };
        auto r = actions::membership_daily(b.ctx());
        CHECK(r.ran);
        CHECK(audits() == 2);  // none -> member, both
        CHECK_FALSE(actions::membership_daily(b.ctx()).ran);  // once a day
        b.now = at("2026-01-01");  // 30 days before the last day (2026-01-31)
        r = actions::membership_daily(b.ctx());
        CHECK(r.reminders == 1);
        CHECK(mails("ana@example.org") == 1);
        CHECK(mails("quiet@example.org") == 0);  // opted out
        CHECK(b.count("SELECT count(*) FROM outbox WHERE subject LIKE '%your membership ends%'") == 1);  // in English
        CHECK(audits() == 2);  // 30 days left: still a member
        b.now = at("2026-01-02");
        actions::membership_daily(b.ctx());
        CHECK(mails("ana@example.org") == 1);  // never twice for the same date
        CHECK(audits() == 4);  // member -> renewal_due
        b.now = at("2026-01-24");  // 7 days before
        actions::membership_daily(b.ctx());
        CHECK(mails("ana@example.org") == 2);
        b.now = at("2026-02-01");  // the day after the last day: at lapse
        actions::membership_daily(b.ctx());
        CHECK(mails("ana@example.org") == 3);
        CHECK(b.count("SELECT count(*) FROM outbox WHERE subject LIKE '%ended%'") == 1);
        CHECK(b.count("SELECT count(*) FROM audit_log WHERE action = 'membership.state' AND details = 'renewal_due -> grace'") == 2);
        b.db().exec("DELETE FROM membership_jobs WHERE name = 'daily'");  // a second run the same day sends nothing again
        actions::membership_daily(b.ctx());
        CHECK(mails("ana@example.org") == 3);
        b.now = at("2026-03-05");
        actions::membership_daily(b.ctx());
        CHECK(b.count("SELECT count(*) FROM audit_log WHERE action = 'membership.state' AND details = 'grace -> lapsed'") == 2);
        CHECK(mails("ana@example.org") == 3);

        // The monthly summary goes to the admins.
        b.db().exec("UPDATE members SET role = 'admin' WHERE id = " + std::to_string(quiet));
        b.now = at("2026-04-01");
        r = actions::membership_daily(b.ctx());
        CHECK(r.summaries == 1);
        CHECK(b.count("SELECT count(*) FROM outbox WHERE to_addr = 'quiet@example.org' AND subject LIKE '%bilan mensuel%'") == 1);
        b.now = at("2026-04-02");
        CHECK(actions::membership_daily(b.ctx()).summaries == 0);
    }

    TEST_CASE("lapsing and single sign-on: nothing by default; with sso, refused after the grace period until renewal") {
        Books b;
        auto ana = b.member("ana"), hon = b.member("hon"), never = b.member("never");
        actions::set_honorary(b.ctx(), hon, true);
        b.fee("2025-01-10", ana);
        store::OidcClient client;  // a client open to everyone
        b.now = at("2026-03-01");  // ana lapsed (last day 2026-01-09, grace 30 days)
        CHECK(b.state(ana) == MembershipState::Lapsed);
        CHECK(oidc::may_use_client(b.db(), ana, client, b.now));
        b.set("membership.lapse_effect", "sso");
        auto d = oidc::may_use_client(b.db(), ana, client, b.now);
        CHECK_FALSE(d);
        CHECK(d.reason == "membership_lapsed");
        CHECK(oidc::may_use_client(b.db(), hon, client, b.now));    // honorary: never
        CHECK(oidc::may_use_client(b.db(), never, client, b.now));  // none: never
        CHECK(oidc::may_use_client(b.db(), ana, client, at("2026-02-08")));  // still in grace
        b.fee("2026-03-01", ana);  // renewing restores at once
        CHECK(oidc::may_use_client(b.db(), ana, client, b.now));
        b.set("membership.enabled", "0");
        b.now = at("2028-01-01");
        CHECK(oidc::may_use_client(b.db(), ana, client, b.now));  // membership off: no effect
    }

    TEST_CASE("reminder days: parsed, checked, largest first") {
        CHECK(actions::parse_reminder_days("30,7,0") == std::vector<int>{30, 7, 0});
        CHECK(actions::parse_reminder_days(" 7 , 30 ") == std::vector<int>{30, 7});
        CHECK(actions::parse_reminder_days("") == std::vector<int>{});
        CHECK_FALSE(actions::parse_reminder_days("7,7"));
        CHECK_FALSE(actions::parse_reminder_days("400"));
        CHECK_FALSE(actions::parse_reminder_days("a"));
        CHECK_FALSE(actions::parse_reminder_days("1,,2"));
    }
}

// 100,000 members: the admin's counts and each state's first page read indexes only.
TEST_SUITE("membership stored scale (issue 18)") {
    TEST_CASE("100,000 members: counts and filtered pages in under 10 ms") {
        Books b;
        b.now = at("2026-06-15");
        testing::insert_members_with_dates(b.db(), 100'000);
        auto c = b.ctx();
        auto time_ms = [](const std::function<void()>& f) {
            f();
            std::vector<double> ms;
            for (int i = 0; i < 9; ++i) {
                auto t0 = std::chrono::steady_clock::now();
                f();
                ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            }
            std::sort(ms.begin(), ms.end());
            return ms[ms.size() / 2];
        };
        double counts = time_ms([&] { actions::membership_counts(c); });
        MESSAGE("counts per state at 100,000 members: median " << counts << " ms");
        if (testing::kTimingBudgetsChecked) CHECK(counts < 10);
        for (auto s : {MembershipState::Member, MembershipState::RenewalDue, MembershipState::Grace, MembershipState::Lapsed,
                       MembershipState::Honorary, MembershipState::None}) {
            std::string next;
            double first = time_ms([&] { next = actions::register_page(c, s, "", 50).next; });
            double later = time_ms([&] { actions::register_page(c, s, next, 50); });
            MESSAGE(domain::to_string(s) << ": first page " << first << " ms, next page " << later << " ms");
            if (testing::kTimingBudgetsChecked) {
                CHECK(first < 10);
                CHECK(later < 10);
            }
        }
    }
}
