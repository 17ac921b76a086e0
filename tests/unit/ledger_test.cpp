#include <doctest/doctest.h>

#include "db/migrations.h"
#include "ledger/chain.h"
#include "charts/open_books.h"
#include "ledger/csv.h"
#include "ledger/entry.h"
#include "ledger/totals.h"
#include "store/ledger.h"
#include "support/test_server.h"

using namespace chatiere;

namespace {

struct LedgerDb {
    testing::TempDb tmp;
    db::Database db{tmp.path};
    LedgerDb() { db::migrate(db, db::embedded_migrations()); }
    ledger::Entry add(const std::string& date, const std::string& kind, int64_t amount, const std::string& currency = "EUR",
                      const std::string& category = {}, std::optional<std::string> name = {},
                      std::optional<int64_t> member = {}) {
        ledger::Draft d;
        d.date = date;
        d.kind = kind;
        d.amount = amount;
        d.currency = currency;
        d.category = category;
        d.public_name = name;
        d.member_id = member;
        return store::record_entry(db, d, 1764000000, "test");
    }
    int64_t add_member(const std::string& name) {
        auto q = db.prepare("INSERT INTO members (name, email, created_at, updated_at) VALUES (?, ?, 0, 0)");
        q.bind(name, name + "@example.org");
        q.run();
        return db.last_insert_id();
    }
};

ledger::Draft draft(std::string date, std::string kind, int64_t amount, std::string currency) {
    ledger::Draft d;
    d.date = std::move(date);
    d.kind = std::move(kind);
    d.amount = amount;
    d.currency = std::move(currency);
    return d;
}

store::FundingGoal goal(int64_t amount, const char* from) {
    store::FundingGoal g;
    g.amount = amount;
    g.valid_from = from;
    return g;
}

}  // namespace

TEST_SUITE("ledger") {
    TEST_CASE("amounts are parsed to integer cents without floating point") {
        CHECK(ledger::parse_amount("25.00") == 2500);
        CHECK(ledger::parse_amount("25,5") == 2550);
        CHECK(ledger::parse_amount("25") == 2500);
        CHECK(ledger::parse_amount("0.07") == 7);
        CHECK(ledger::parse_amount(" 1234.56 ") == 123456);
        CHECK(ledger::parse_amount("0.1") == 10);
        CHECK(ledger::parse_amount("99999999999.99") == 9999999999999);
        for (const char* bad : {"", "-5", "+5", "1.234", "1,2,3", "abc", "12.", ".5", "1e3", "1 234", "NaN",
                                "999999999999"})
            CHECK_MESSAGE(!ledger::parse_amount(bad), bad);
        CHECK(ledger::amount_text(2500) == "25.00");
        CHECK(ledger::amount_text(-5) == "-0.05");
        CHECK(ledger::amount_text(0) == "0.00");
    }

    TEST_CASE("amounts written the French way: grouped thousands, no-break spaces, a euro sign (issue 15)") {
        CHECK(ledger::parse_written_amount("1 000,50") == 100050);
        CHECK(ledger::parse_written_amount("1\u202f000,50") == 100050);
        CHECK(ledger::parse_written_amount("1\u00a0000,50\u00a0\u20ac") == 100050);
        CHECK(ledger::parse_written_amount("12 345 678") == 1234567800);
        CHECK(ledger::parse_written_amount("42,00 \u20ac") == 4200);
        CHECK(ledger::parse_written_amount(" 25.5 ") == 2550);
        for (const char* bad : {"", "1 00", "1 0000", "10 00,5", "1 ,50", "1 000 ,50", "-1 000", "1.000,50", "\u20ac"})
            CHECK_MESSAGE(!ledger::parse_written_amount(bad), bad);
    }

    TEST_CASE("drafts are validated and normalised") {
        auto d = draft("2026-11-02", "donation", 2500, "eur");
        CHECK_FALSE(ledger::validate(d));
        CHECK(d.currency == "EUR");
        auto feb = draft("2026-02-29", "donation", 100, "EUR");
        CHECK(ledger::validate(feb) == "date");
        auto leap = draft("2028-02-29", "donation", 100, "EUR");
        CHECK_FALSE(ledger::validate(leap));
        auto kind = draft("2026-11-02", "gift", 100, "EUR");
        CHECK(ledger::validate(kind) == "kind");
        auto hours = draft("2026-11-02", "volunteer_time", 250, "");
        CHECK_FALSE(ledger::validate(hours));
        CHECK(hours.currency == "HOUR");
        auto money_hours = draft("2026-11-02", "donation", 250, "HOUR");
        CHECK(ledger::validate(money_hours) == "currency");
        auto time_euros = draft("2026-11-02", "volunteer_time", 250, "EUR");
        CHECK(ledger::validate(time_euros) == "currency");
        auto expense = draft("2026-11-02", "expense", 1200, "EUR");
        CHECK_FALSE(ledger::validate(expense));
        CHECK(expense.category == "other");
        auto cat = draft("2026-11-02", "donation", 100, "EUR");
        cat.category = "servers";
        CHECK(ledger::validate(cat) == "category");
        auto name = draft("2026-11-02", "donation", 100, "EUR");
        name.public_name = "  ";
        CHECK_FALSE(ledger::validate(name));
        CHECK_FALSE(name.public_name);  // blank means anonymous
        name.public_name = "two\nlines";
        CHECK(ledger::validate(name) == "public_name");
        auto zero = draft("2026-11-02", "donation", 0, "EUR");
        CHECK(ledger::validate(zero) == "amount");
    }

    TEST_CASE("canonical serialization and BLAKE2b chain") {
        ledger::Entry e;
        e.id = 1;
        e.date = "2026-11-02";
        e.kind = "donation";
        e.amount = 2500;
        e.currency = "EUR";
        e.public_name = "Camille";
        e.recorded_at = 1764000000;
        e.private_note = "not hashed";
        CHECK(ledger::canonical(e) ==
              "chatiere-ledger-v1\nid=1\ndate=2026-11-02\nkind=donation\namount=2500\ncurrency=EUR\n"
              "public_name=Camille\ncategory=\nreverses=\nrecorded_at=1764000000\n");
        // Known BLAKE2b-256 of "abc" (RFC 7693 test vector family, as `printf abc | b2sum -l 256`).
        CHECK(ledger::blake2b_hex("abc") == "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
        std::string h1 = ledger::entry_hash(ledger::kGenesis, e);
        CHECK(h1 == ledger::blake2b_hex(ledger::kGenesis + ledger::canonical(e)));
        auto changed = e;
        changed.private_note = "other";
        CHECK(ledger::entry_hash(ledger::kGenesis, changed) == h1);  // private fields are not covered
        changed.amount = 2501;
        CHECK(ledger::entry_hash(ledger::kGenesis, changed) != h1);

        e.prev_hash = ledger::kGenesis;
        e.hash = h1;
        ledger::Entry e2 = e;
        e2.id = 2;
        e2.prev_hash = h1;
        e2.hash = ledger::entry_hash(h1, e2);
        ledger::Entry e3 = e2;
        e3.id = 3;
        e3.prev_hash = e2.hash;
        e3.hash = ledger::entry_hash(e2.hash, e3);
        {
            ledger::ChainVerifier v;
            CHECK_FALSE(v.feed(e));
            CHECK_FALSE(v.feed(e2));
            CHECK_FALSE(v.feed(e3));
            CHECK(v.head() == e3.hash);
        }
        {
            ledger::ChainVerifier v;  // entry 2 changed
            auto bad = e2;
            bad.amount = 1;
            CHECK_FALSE(v.feed(e));
            auto br = v.feed(bad);
            REQUIRE(br);
            CHECK(br->id == 2);
            CHECK(br->reason == ledger::BreakReason::Hash);
        }
        {
            ledger::ChainVerifier v;  // entry 2 removed
            CHECK_FALSE(v.feed(e));
            auto br = v.feed(e3);
            REQUIRE(br);
            CHECK(br->id == 3);
            CHECK(br->reason == ledger::BreakReason::PrevHash);
        }
    }

    TEST_CASE("store: a fresh log verifies; corrections net to zero; the database refuses changes") {
        LedgerDb l;
        int64_t checked = -1;
        CHECK_FALSE(store::verify_chain(l.db, &checked));
        CHECK(checked == 0);
        auto a = l.add("2026-01-31", "donation", 2500);
        auto b = l.add("2026-02-01", "donation", 1000);
        auto c = l.add("2026-02-10", "expense", 1200, "EUR", "servers");
        CHECK(a.prev_hash == ledger::kGenesis);
        CHECK(b.prev_hash == a.hash);
        CHECK(c.prev_hash == b.hash);
        auto r = store::reverse_entry(l.db, b.id, "typo", 1764000100, "test");
        CHECK(r.amount == -1000);
        CHECK(r.date == b.date);
        CHECK(r.reverses_id == b.id);
        CHECK(store::find_entry(l.db, b.id)->corrected_by == r.id);
        CHECK_THROWS_AS(store::reverse_entry(l.db, b.id, "", 0, "test"), store::LedgerError);  // once only
        CHECK_THROWS_AS(store::reverse_entry(l.db, r.id, "", 0, "test"), store::LedgerError);  // not a correction
        CHECK_THROWS_AS(store::reverse_entry(l.db, 999, "", 0, "test"), store::LedgerError);
        CHECK_FALSE(store::verify_chain(l.db, &checked));
        CHECK(checked == 4);

        auto rows = store::monthly_rows(l.db);
        auto feb = ledger::totals_for(rows, "2026-02");
        CHECK(feb.income["EUR"] == 0);  // the corrected donation nets to zero
        CHECK(feb.income_by_kind["donation"]["EUR"] == 0);
        CHECK(feb.expenses["EUR"] == 1200);
        CHECK(feb.balance["EUR"] == -1200);
        auto year = ledger::totals_for(rows, "2026");
        CHECK(year.income["EUR"] == 2500);
        CHECK(year.balance["EUR"] == 1300);
        // contributors: the corrected anonymous gift no longer counts
        auto contributors = store::contributors_by_year(l.db);
        REQUIRE(contributors.size() == 1);
        CHECK(contributors[0] == std::pair<std::string, int64_t>{"2026", 1});

        // append-only, enforced by the database itself
        CHECK_THROWS_AS(l.db.exec("UPDATE ledger_entries SET amount = 1 WHERE id = 1"), db::DbError);
        CHECK_THROWS_AS(l.db.exec("UPDATE ledger_entries SET private_note = 'x' WHERE id = 1"), db::DbError);
        CHECK_THROWS_AS(l.db.exec("UPDATE ledger_entries SET member_id = 1 WHERE id = 1"), db::DbError);
        CHECK_THROWS_AS(l.db.exec("DELETE FROM ledger_entries WHERE id = 3"), db::DbError);
        CHECK(store::entry_count(l.db) == 4);
    }

    TEST_CASE("store: verify names the first entry changed behind the log's back") {
        LedgerDb l;
        for (int i = 1; i <= 5; ++i) l.add("2026-03-0" + std::to_string(i), "donation", 100 * i);
        // Simulate tampering by someone with write access to the file: drop the guard and edit row 3.
        l.db.exec("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET amount = 9999 WHERE id = 3");
        int64_t checked = 0;
        auto br = store::verify_chain(l.db, &checked);
        REQUIRE(br);
        CHECK(br->id == 3);
        CHECK(br->reason == ledger::BreakReason::Hash);
        CHECK(checked == 3);
    }

    TEST_CASE("store: a removed entry is named by the one after it") {
        LedgerDb l;
        for (int i = 1; i <= 4; ++i) l.add("2026-03-0" + std::to_string(i), "donation", 100 * i);
        l.db.exec("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE id = 2");
        auto br = store::verify_chain(l.db);
        REQUIRE(br);
        CHECK(br->id == 3);
        CHECK(br->reason == ledger::BreakReason::PrevHash);
    }

    TEST_CASE("totals on hand-computed cases: month edges and several currencies kept apart") {
        LedgerDb l;
        // Entries carry a calendar day, not a time: a gift received on 31 January at 23:59
        // local time is dated 2026-01-31 and belongs to January whatever the UTC time was.
        l.add("2026-01-31", "donation", 1000);
        l.add("2026-02-01", "donation", 200);
        l.add("2026-02-28", "membership_fee", 500);
        l.add("2026-03-01", "grant", 100000);
        l.add("2026-02-15", "donation", 3000, "CHF");
        l.add("2026-02-15", "expense", 700, "CHF", "domains");
        l.add("2026-02-20", "expense", 1299, "EUR", "servers");
        l.add("2026-02-21", "expense", 1, "EUR", "servers");
        l.add("2026-02-22", "expense", 4000, "EUR", "electricity");
        l.add("2026-02-23", "in_kind", 50000, "EUR");
        l.add("2026-02-24", "volunteer_time", 250, "HOUR");
        l.add("2025-12-31", "donation", 777);
        l.add("2027-01-01", "donation", 888);
        auto rows = store::monthly_rows(l.db);
        auto jan = ledger::totals_for(rows, "2026-01");
        CHECK(jan.income == ledger::PerCurrency{{"EUR", 1000}});
        auto feb = ledger::totals_for(rows, "2026-02");
        CHECK(feb.income == ledger::PerCurrency{{"EUR", 700}, {"CHF", 3000}});
        CHECK(feb.income_by_kind["donation"] == ledger::PerCurrency{{"EUR", 200}, {"CHF", 3000}});
        CHECK(feb.income_by_kind["membership_fee"] == ledger::PerCurrency{{"EUR", 500}});
        CHECK(feb.expense_by_category["servers"] == ledger::PerCurrency{{"EUR", 1300}});
        CHECK(feb.expense_by_category["electricity"] == ledger::PerCurrency{{"EUR", 4000}});
        CHECK(feb.expense_by_category["domains"] == ledger::PerCurrency{{"CHF", 700}});
        CHECK(feb.expenses == ledger::PerCurrency{{"EUR", 5300}, {"CHF", 700}});
        CHECK(feb.balance == ledger::PerCurrency{{"EUR", -4600}, {"CHF", 2300}});
        CHECK(feb.in_kind == ledger::PerCurrency{{"EUR", 50000}});
        CHECK(feb.volunteer_hundredths == 250);
        CHECK(ledger::totals_for(rows, "2026-03").income == ledger::PerCurrency{{"EUR", 100000}});
        auto y2026 = ledger::totals_for(rows, "2026");
        CHECK(y2026.income == ledger::PerCurrency{{"EUR", 101700}, {"CHF", 3000}});
        CHECK(y2026.balance == ledger::PerCurrency{{"EUR", 96400}, {"CHF", 2300}});
        CHECK(ledger::totals_for(rows, "2025").income == ledger::PerCurrency{{"EUR", 777}});
        CHECK(ledger::totals_for(rows, "2027").income == ledger::PerCurrency{{"EUR", 888}});
        CHECK(ledger::years_of(rows) == std::vector<std::string>{"2027", "2026", "2025"});

        auto series = ledger::monthly_series(rows, "2026-03", 4, "EUR");
        REQUIRE(series.size() == 4);
        CHECK(series[0].month == "2025-12");
        CHECK(series[0].income == 777);
        CHECK(series[1].month == "2026-01");
        CHECK(series[2].income == 700);
        CHECK(series[2].expenses == 5300);
        CHECK(series[3].income == 100000);
        CHECK(ledger::previous_month("2026-01") == "2025-12");
        CHECK(ledger::goal_percent(18200, 25000) == 72);
        CHECK(ledger::goal_percent(30000, 25000) == 100);
        CHECK(ledger::goal_percent(-5, 25000) == 0);
    }

    TEST_CASE("member totals per year, and a deleted member leaves an unlinked entry") {
        LedgerDb l;
        int64_t m = l.add_member("alice");
        int64_t other = l.add_member("bob");
        l.add("2025-06-01", "membership_fee", 1000, "EUR", {}, {}, m);
        l.add("2026-06-01", "donation", 2000, "EUR", {}, {}, m);
        auto wrong = l.add("2026-07-01", "donation", 5000, "EUR", {}, {}, m);
        store::reverse_entry(l.db, wrong.id, "wrong member", 0, "test");
        l.add("2026-07-01", "donation", 5000, "EUR", {}, {}, other);
        auto totals = store::member_year_totals(l.db, m);
        REQUIRE(totals.size() == 2);
        CHECK(totals[0].year == "2026");
        CHECK(totals[0].total == 2000);
        CHECK(totals[1].year == "2025");
        CHECK(store::member_entries(l.db, m, "", 0, 50).size() == 4);
        CHECK(store::member_entries(l.db, other, "", 0, 50).size() == 1);
        CHECK(store::member_entries_in_year(l.db, m, "2025").size() == 1);
        l.db.exec("PRAGMA foreign_keys = ON; DELETE FROM members WHERE name = 'alice'");
        CHECK(store::member_entries(l.db, m, "", 0, 50).empty());
        CHECK(store::entry_count(l.db) == 5);
        CHECK_FALSE(store::verify_chain(l.db));  // the member link is not part of the hash
    }

    TEST_CASE("funding goals: the newest goal in force") {
        LedgerDb l;
        CHECK_FALSE(store::current_goal(l.db, "2026-11-24"));
        store::add_goal(l.db, goal(25000, "2026-01-01"), 0);
        store::add_goal(l.db, goal(30000, "2027-01-01"), 0);
        CHECK(store::current_goal(l.db, "2026-11-24")->amount == 25000);
        CHECK(store::current_goal(l.db, "2027-01-01")->amount == 30000);
        store::add_goal(l.db, goal(0, "2027-02-01"), 0);
        CHECK_FALSE(store::current_goal(l.db, "2027-03-01"));
    }

    TEST_CASE("CSV import: plain format, reasons for rejected lines, stable keys") {
        std::string csv =
            "\xef\xbb\xbf" "date;kind;amount;currency;public_name;note\r\n"
            "2026-11-02;donation;25.00;EUR;Camille;merci\r\n"
            "02/11/2026;donation;25,00;EUR;;\r\n"
            "2026-11-02;donation;25,00;EUR;;\r\n"  // the same as the line before: both kept, distinct keys
            "2026-13-02;donation;10;EUR;;\r\n"
            "2026-11-03;gift;10;EUR;;\r\n"
            "2026-11-03;donation;-10;EUR;;\r\n"
            "2026-11-03;donation;10;EURO;;\r\n"
            "2026-11-03;expense;60;EUR;servers;\"OVH; invoice \"\"42\"\"\"\r\n"
            "2026-11-03;donation\r\n"
            "\r\n"
            "2026-11-04;volunteer_time;2,5;HOUR;;install party\r\n";
        auto p = ledger::parse_import(csv);
        CHECK(p.format == "plain");
        REQUIRE(p.lines.size() == 10);
        CHECK(p.lines[0].line == 2);
        REQUIRE(p.lines[0].draft);
        CHECK(p.lines[0].draft->public_name == "Camille");
        CHECK(p.lines[0].draft->amount == 2500);
        REQUIRE(p.lines[1].draft);
        REQUIRE(p.lines[2].draft);
        CHECK(p.lines[1].draft->date == "2026-11-02");
        CHECK(p.lines[1].draft->import_key != p.lines[2].draft->import_key);
        CHECK(p.lines[0].draft->import_key != p.lines[1].draft->import_key);
        CHECK(p.lines[3].reason == "date");
        CHECK(p.lines[4].reason == "kind");
        CHECK(p.lines[5].reason == "amount");
        CHECK(p.lines[6].reason == "currency");
        REQUIRE(p.lines[7].draft);
        CHECK(p.lines[7].draft->category == "servers");
        CHECK(p.lines[7].draft->private_note == "OVH; invoice \"42\"");
        CHECK(p.lines[8].reason == "columns");
        CHECK(p.lines[8].line == 10);
        REQUIRE(p.lines[9].draft);
        CHECK(p.lines[9].line == 12);
        CHECK(p.lines[9].draft->amount == 250);
        // The same file parsed again gives the same keys.
        auto again = ledger::parse_import(csv);
        for (size_t i = 0; i < p.lines.size(); ++i)
            if (p.lines[i].draft) CHECK(again.lines[i].draft->import_key == p.lines[i].draft->import_key);
        for (const auto& line : p.lines)
            if (!line.draft) CHECK(!ledger::describe_reason(line.reason).empty());
    }

    TEST_CASE("CSV import: HelloAsso-like export") {
        std::string csv =
            "R\xc3\xa9" "f\xc3\xa9rence commande;Date de la commande;Statut de la commande;Nom payeur;Pr\xc3\xa9nom payeur;"
            "Montant total;Type de formulaire\n"
            "A123;15/10/2026 14:32:10;Valid\xc3\xa9;Martin;Louise;\"1 234,50\";Don\n"
            "A124;16/10/2026;Valid\xc3\xa9;Durand;Paul;10,00 \xe2\x82\xac;Adh\xc3\xa9sion\n"
            "A125;17/10/2026;Refus\xc3\xa9;X;Y;10,00;Don\n"
            "A126;99/10/2026;Valid\xc3\xa9;X;Y;10,00;Don\n";
        auto p = ledger::parse_import(csv);
        CHECK(p.format == "helloasso");
        REQUIRE(p.lines.size() == 4);
        REQUIRE(p.lines[0].draft);
        CHECK(p.lines[0].draft->date == "2026-10-15");
        CHECK(p.lines[0].draft->amount == 123450);
        CHECK(p.lines[0].draft->kind == "donation");
        CHECK_FALSE(p.lines[0].draft->public_name);  // never named without consent
        CHECK(p.lines[0].draft->private_note.find("Louise Martin") != std::string::npos);
        REQUIRE(p.lines[1].draft);
        CHECK(p.lines[1].draft->kind == "membership_fee");
        CHECK(p.lines[1].draft->amount == 1000);
        CHECK(p.lines[2].reason == "not_paid");
        CHECK(p.lines[3].reason == "date");
    }

    TEST_CASE("the chart is SVG with escaped text and a text alternative") {
        std::vector<charts::ChartColumn> cols{{"<nov>", 18200, 9000, "182 €", "90 €"}, {"déc", 0, 0, "0 €", "0 €"}};
        auto euros = [](int64_t v) { return std::to_string(v / 100) + " €"; };
        auto svg = charts::bar_chart_svg(cols, "Income & costs", "desc <b>", "Income", "Expenses", euros);
        CHECK(svg.find("role=\"img\"") != std::string::npos);
        CHECK(svg.find("<title id=\"chart-title\">Income &amp; costs</title>") != std::string::npos);
        CHECK(svg.find("desc &lt;b&gt;") != std::string::npos);
        CHECK(svg.find("<nov>") == std::string::npos);
        CHECK(svg.find("&lt;nov&gt;") != std::string::npos);
        // The scale ends at the largest value rounded up (182 € → 200 €): 182/200 of the 256-unit plot.
        CHECK(svg.find("width=\"232\"") != std::string::npos);
        CHECK(svg.find("style=") == std::string::npos);  // the CSP forbids style attributes
        // A scale (0, half, the end) and each bar's value written beside it.
        CHECK(svg.find(">0 €</text>") != std::string::npos);
        CHECK(svg.find(">100 €</text>") != std::string::npos);
        CHECK(svg.find(">200 €</text>") != std::string::npos);
        CHECK(svg.find(">182 €</text>") != std::string::npos);
        CHECK(svg.find(">90 €</text>") != std::string::npos);
        CHECK(svg.find("class=\"break\"") == std::string::npos);
    }

    TEST_CASE("the chart: one grant does not flatten the other months") {
        // Eleven months of about 100 €, one grant of 5,000 €.
        std::vector<charts::ChartColumn> cols;
        for (int m = 0; m < 12; ++m) {
            int64_t income = m == 5 ? 500000 : 10000 + m * 100;
            cols.push_back({"m" + std::to_string(m), income, 8000, std::to_string(income / 100) + " €", "80 €"});
        }
        auto euros = [](int64_t v) { return std::to_string(v / 100) + " €"; };
        auto svg = charts::bar_chart_svg(cols, "t", "d", "Income", "Expenses", euros);
        // The scale ends at 1.25 × the second largest (111 €), rounded up, not at the grant…
        std::vector<std::string> ticks;
        for (auto at = svg.find("<g class=\"tick\">"); at != std::string::npos; at = svg.find("<g class=\"tick\">", at + 1)) {
            auto open = svg.find('>', svg.find("<text", at)) + 1;
            ticks.push_back(svg.substr(open, svg.find("</text>", open) - open));
        }
        CHECK(ticks == std::vector<std::string>{"0 €", "100 €", "200 €"});
        CHECK(svg.find(">5000 €</text>") != std::string::npos);  // …and the grant's own value is written
        // The grant is drawn broken, at the full width; an ordinary month fills most of the plot.
        CHECK(svg.find("class=\"break\"") != std::string::npos);
        CHECK(svg.find("width=\"256\"") != std::string::npos);
        auto at = svg.find("m11 · Income 111 €");
        REQUIRE(at != std::string::npos);
        auto rect = svg.rfind("<rect", at);
        auto w = svg.find("width=\"", rect) + 7;
        CHECK(std::stoi(svg.substr(w)) >= 140);  // 111 € of 200 €: 55 % of 256 (it would be 2 % of 5,000 €)
    }
}
