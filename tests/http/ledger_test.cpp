#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

#include "ledger/chain.h"
#include "store/audit.h"
#include "store/ledger.h"
#include "support/auth.h"
#include "support/test_server.h"

using namespace chatiere;
using chatiere::testing::TestServer;

namespace {

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::string read_data(const std::string& name) {
    std::ifstream in(std::string(CHATIERE_SOURCE_DIR) + "/tests/data/ledger/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

ledger::Entry record(TestServer& s, const std::string& date, const std::string& kind, int64_t amount,
                     std::optional<int64_t> member = {}, std::optional<std::string> public_name = {},
                     const std::string& note = {}, const std::string& currency = "EUR", const std::string& category = {}) {
    auto db = s.app->db->acquire();
    ledger::Draft d;
    d.date = date;
    d.kind = kind;
    d.amount = amount;
    d.currency = currency;
    d.member_id = member;
    d.public_name = public_name;
    d.private_note = note;
    d.category = category;
    return store::record_entry(*db, d, s.now, "test");
}

const httplib::Headers kEn{{"Accept-Language", "en"}};
const httplib::Headers kFr{{"Accept-Language", "fr"}};

}  // namespace

TEST_SUITE("ledger") {
    TEST_CASE("the public page: totals, goal, chart, list, and the demo's year") {
        TestServer s;  // with the demo: a year of entries ending this month, a goal of 250 € a month
        auto c = s.client();
        auto r = c.Get("/contributions", kFr);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(has(r->body, "<h1>Comptes ouverts</h1>"));
        CHECK(has(r->body, "Ce mois-ci :"));  // French typography: a no-break space before the colon
        CHECK(has(r->body, "250,00\u00a0€ nécessaires"));
        CHECK(has(r->body, "<progress max=\"25000\""));
        CHECK(has(r->body, "role=\"img\""));
        CHECK(has(r->body, "<svg"));
        CHECK(has(r->body, "Serveurs"));
        CHECK(has(r->body, "Électricité"));
        CHECK(has(r->body, "Anonyme"));
        CHECK(has(r->body, "Camille D."));
        CHECK(has(r->body, "corrige l&apos;écriture n°"));
        CHECK(has(r->body, "https://liberapay.com/chaton-collines"));
        CHECK_FALSE(has(r->body, "Saisi deux fois"));  // private notes stay private
        CHECK_FALSE(has(r->body, "style="));
        CHECK_FALSE(has(r->body, "<script"));
        auto en = c.Get("/contributions", kEn);
        CHECK(has(en->body, "This month:"));
        CHECK(has(en->body, "€250.00 needed"));
        CHECK(c.Get("/contributions?year=20x6")->status == 400);
        CHECK(c.Get("/contributions?before=abc")->status == 400);
        // the homepage shows the goal too
        auto home = c.Get("/", kEn);
        CHECK(has(home->body, "This month:"));
        CHECK(has(home->body, "href=\"/contributions\""));
    }

    TEST_CASE("hand-computed totals on the page; a correction nets to zero") {
        TestServer s({}, false);
        auto c = s.client();
        CHECK(has(c.Get("/contributions", kEn)->body, "No entry has been recorded yet."));
        record(s, "2025-10-31", "donation", 1000);
        record(s, "2025-11-01", "donation", 2550);
        record(s, "2025-11-02", "donation", 3000, {}, {}, {}, "CHF");
        record(s, "2025-11-03", "expense", 4500, {}, {}, {}, "EUR", "servers");
        auto wrong = record(s, "2025-11-04", "donation", 99900);
        {
            auto db = s.app->db->acquire();
            store::reverse_entry(*db, wrong.id, "typo", s.now, "test");
            store::FundingGoal g;
            g.amount = 25000;
            g.valid_from = "2025-01-01";
            store::add_goal(*db, g, s.now);
        }
        auto r = c.Get("/contributions", kEn);
        REQUIRE(r->status == 200);
        // November 2025 (the test clock's month): 25.50 € received; the 999 € typo nets out.
        CHECK(has(r->body, "This month: €25.50 of €250.00 needed"));
        CHECK(has(r->body, "<td class=\"num\">30.00\u00a0CHF · €35.50</td>"));   // year income (currencies in code order)
        CHECK(has(r->body, "<td class=\"num\">€45.00</td>"));                   // year expenses
        CHECK(has(r->body, "<dd>30.00\u00a0CHF · -€9.50</dd>"));                // balance, currencies apart
        CHECK(has(r->body, "corrects entry #5"));
        CHECK(has(r->body, "corrected by entry #6"));
        CHECK(has(r->body, "-€999.00"));
    }

    TEST_CASE("anonymous contributors never appear by name in any public page or export") {
        TestServer s({}, false);
        auto alice = testing::make_member(s, "alice");
        {
            auto db = s.app->db->acquire();
            db->exec("UPDATE members SET display_name = 'Alice Secretname' WHERE name = 'alice'");
        }
        record(s, "2025-11-02", "donation", 5000, alice, {}, "Alice Secretname paid by cheque");
        record(s, "2025-11-03", "donation", 700, {}, std::string("Named <Donor> & Co"));
        record(s, "2025-11-04", "membership_fee", 1000, alice);
        auto c = s.client();
        for (const char* path : {"/contributions", "/contributions?year=2025", "/contributions.csv",
                                 "/contributions.json", "/", "/contributions?before=2"}) {
            for (const auto& lang : {kEn, kFr}) {
                auto r = c.Get(path, lang);
                REQUIRE(r);
                INFO(path);
                CHECK(r->status == 200);
                CHECK_FALSE(has(r->body, "Secretname"));
                CHECK_FALSE(has(r->body, "alice"));
                CHECK_FALSE(has(r->body, "cheque"));
            }
        }
        auto page = c.Get("/contributions", kEn);
        CHECK(has(page->body, "Named &lt;Donor&gt; &amp; Co"));  // named with consent, escaped
        CHECK_FALSE(has(page->body, "<Donor>"));
        CHECK(has(page->body, "Anonymous"));
    }

    TEST_CASE("exports carry the hashes: a third party can re-check the chain") {
        TestServer s;
        auto c = s.client();
        auto csv = c.Get("/contributions.csv");
        REQUIRE(csv);
        CHECK(csv->status == 200);
        CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
        CHECK(csv->body.rfind("id,date,kind,amount_minor,amount,currency,public_name,category,reverses,recorded_at,prev_hash,hash\r\n", 0) == 0);
        auto json = c.Get("/contributions.json");
        REQUIRE(json);
        auto j = nlohmann::json::parse(json->body);
        CHECK(j["format"] == "chatiere-ledger-v1");
        auto& entries = j["entries"];
        REQUIRE(entries.size() >= 20);
        std::string prev = ledger::kGenesis;
        for (const auto& e : entries) {
            ledger::Entry x;
            x.id = e["id"];
            x.date = e["date"];
            x.kind = e["kind"];
            x.amount = e["amount_minor"];
            x.currency = e["currency"];
            if (!e["public_name"].is_null()) x.public_name = e["public_name"].get<std::string>();
            x.category = e["category"];
            if (!e["reverses"].is_null()) x.reverses_id = e["reverses"].get<int64_t>();
            x.recorded_at = e["recorded_at"];
            CHECK(e["prev_hash"] == prev);
            CHECK(e["hash"] == ledger::entry_hash(prev, x));
            CHECK_FALSE(e.contains("private_note"));
            CHECK_FALSE(e.contains("member_id"));
            prev = e["hash"];
        }
        // the CSV has one line per entry, ending with the same head
        size_t lines = 0;
        for (char ch : csv->body) lines += ch == '\n';
        CHECK(lines == entries.size() + 1);
        CHECK(has(csv->body, "," + prev + "\r\n"));
        CHECK(has(c.Get("/contributions")->body, prev));  // the head is on the page
    }

    TEST_CASE("the admin records a donation and the public page shows the new total") {
        TestServer s({}, false);
        auto admin = testing::login_admin(s);
        admin.set_cookie("lang", "en");
        auto page = admin.get("/admin/ledger", kEn);
        REQUIRE(page);
        CHECK(page->status == 200);
        auto r = admin.post_multipart("/admin/ledger",
                                      {{"date", "2025-11-20", "", ""},
                                       {"kind", "donation", "", ""},
                                       {"amount", "42,50", "", ""},
                                       {"currency", "EUR", "", ""},
                                       {"public_name", "Zoé", "", ""},
                                       {"note", "by bank transfer", "", ""}},
                                      "");
        REQUIRE(r);
        CHECK(r->status == 303);
        CHECK(r->get_header_value("Location") == "/admin/ledger?done=recorded");
        auto pub = s.client().Get("/contributions", kEn);
        CHECK(has(pub->body, "Zoé"));
        CHECK(has(pub->body, "<td class=\"num\">€42.50</td>"));
        CHECK_FALSE(has(pub->body, "bank transfer"));
        auto adm = admin.get("/admin/ledger", kEn);
        CHECK(has(adm->body, "by bank transfer"));  // the admin sees the private note
        auto db = s.app->db->acquire();
        auto audit = store::audit_page(*db, 0, 5);
        REQUIRE_FALSE(audit.empty());
        CHECK(audit.front().action == "ledger.add");

        // Bad input: a translated 400 that keeps what was typed, nothing recorded.
        auto bad = admin.post_multipart("/admin/ledger",
                                        {{"date", "2025-11-31", "", ""},
                                         {"kind", "donation", "", ""},
                                         {"amount", "12.345", "", ""},
                                         {"currency", "EUR", "", ""},
                                         {"public_name", "Keep Me", "", ""}},
                                        "");
        REQUIRE(bad);
        CHECK(bad->status == 400);
        CHECK(has(bad->body, "The amount must be a positive number"));
        CHECK(has(bad->body, "value=\"Keep Me\""));
        CHECK(has(bad->body, "value=\"12.345\""));
        CHECK(store::entry_count(*db) == 1);

        // Correct it: the reversal is recorded, the public total nets to zero.
        auto corr = admin.post("/admin/ledger/1/correct", {}, "");
        REQUIRE(corr);
        CHECK(corr->status == 303);
        CHECK(store::entry_count(*db) == 2);
        CHECK(admin.post("/admin/ledger/1/correct", {}, "")->status == 409);  // only once
        auto after = s.client().Get("/contributions", kEn);
        CHECK(has(after->body, "<td class=\"num\">€0.00</td>"));
        // Goal, publish, verify.
        CHECK(admin.post("/admin/ledger/goal", {{"period", "monthly"}, {"amount", "300"}, {"currency", "EUR"}, {"valid_from", "2025-11-01"}}, "")->status == 303);
        CHECK(has(s.client().Get("/", kEn)->body, "This month: €0.00 of €300.00 needed"));
        CHECK(admin.post("/admin/ledger/goal", {{"period", "weekly"}, {"amount", "300"}, {"currency", "EUR"}, {"valid_from", "2025-11-01"}}, "")->status == 400);
        CHECK(admin.post("/admin/ledger/publish", {}, "")->status == 303);
        CHECK(store::latest_published_head(*db)->entry_id == 2);
        auto verify = admin.post("/admin/ledger/verify", {}, "");
        CHECK(verify->get_header_value("Location") == "/admin/ledger?done=verified&count=2");
        // no CSRF token, no entry
        auto raw = admin.post_raw("/admin/ledger", {{"date", "2025-11-20"}, {"kind", "donation"}, {"amount", "1"}});
        CHECK(raw->status == 403);
        CHECK(store::entry_count(*db) == 2);
    }

    TEST_CASE("CSV import: preview writes nothing, confirm adds, a re-import adds nothing twice") {
        TestServer s({}, false);
        auto admin = testing::login_admin(s);
        admin.set_cookie("lang", "en");
        admin.get("/admin/ledger/import", kEn);
        std::string csv = read_data("plain.csv");
        REQUIRE_FALSE(csv.empty());
        auto preview = admin.post_multipart("/admin/ledger/import", {{"file", csv, "bank.csv", "text/csv"}}, "");
        REQUIRE(preview);
        CHECK(preview->status == 200);
        CHECK(has(preview->body, "5 to add, 0 already imported, 5 rejected."));
        CHECK(has(preview->body, "Bad date"));
        CHECK(has(preview->body, "Unknown kind"));
        CHECK(has(preview->body, "Bad amount"));
        CHECK(has(preview->body, "Bad currency"));
        CHECK(has(preview->body, "Wrong number of columns."));
        auto db = s.app->db->acquire();
        CHECK(store::entry_count(*db) == 0);  // nothing written before the confirmation

        auto confirm = admin.post_multipart("/admin/ledger/import/confirm", {{"csv", csv, "", ""}}, "");
        REQUIRE(confirm);
        CHECK(confirm->status == 303);
        CHECK(confirm->get_header_value("Location") == "/admin/ledger?done=imported&count=5");
        CHECK(store::entry_count(*db) == 5);

        auto again = admin.post_multipart("/admin/ledger/import", {{"file", csv, "bank.csv", "text/csv"}}, "");
        CHECK(has(again->body, "0 to add, 5 already imported, 5 rejected."));
        admin.post_multipart("/admin/ledger/import/confirm", {{"csv", csv, "", ""}}, "");
        CHECK(store::entry_count(*db) == 5);

        auto ha = admin.post_multipart("/admin/ledger/import", {{"file", read_data("helloasso.csv"), "ha.csv", "text/csv"}}, "");
        CHECK(has(ha->body, "HelloAsso format"));
        CHECK(has(ha->body, "2 to add, 0 already imported, 1 rejected."));
        CHECK(has(ha->body, "The payment is not validated."));
        CHECK_FALSE(store::verify_chain(*db));

        auto none = admin.post_multipart("/admin/ledger/import", {{"file", "", "", ""}}, "");
        CHECK(none->status == 400);
    }

    TEST_CASE("members see their own contributions only; roles are enforced") {
        TestServer s({}, false);
        auto alice = testing::make_member(s, "alice");
        auto bob = testing::make_member(s, "bob");
        record(s, "2024-05-01", "membership_fee", 1000, alice);
        record(s, "2025-03-01", "donation", 2500, alice, std::string("Alice"));
        record(s, "2025-04-01", "volunteer_time", 250, alice, {}, {}, "HOUR");
        record(s, "2025-06-01", "donation", 77700, bob, {}, "BOB-PRIVATE");

        auto anon = s.client().Get("/account/contributions");
        CHECK(anon->status == 303);
        CHECK(s.client().Get("/account/contributions/receipt/2025")->status == 303);

        auto a = testing::login(s, "alice");
        a.set_cookie("lang", "en");
        auto r = a.get("/account/contributions", kEn);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(has(r->body, "€25.00"));
        CHECK(has(r->body, "€10.00"));
        CHECK(has(r->body, "2.50\u00a0h"));
        CHECK_FALSE(has(r->body, "777.00"));
        CHECK(has(r->body, "/account/contributions/receipt/2025"));
        auto receipt = a.get("/account/contributions/receipt/2025", kEn);
        CHECK(receipt->status == 200);
        CHECK(has(receipt->body, "Statement of contributions 2025"));
        CHECK(has(receipt->body, "€25.00"));
        CHECK_FALSE(has(receipt->body, "777.00"));
        CHECK_FALSE(has(receipt->body, "main-nav"));  // a page of its own that prints cleanly
        CHECK(a.get("/account/contributions/receipt/2023")->status == 404);
        CHECK(a.get("/account/contributions/receipt/abcd")->status == 404);
        CHECK(a.get("/admin/ledger")->status == 403);

        auto b = testing::login(s, "bob");
        b.set_cookie("lang", "en");
        auto rb = b.get("/account/contributions", kEn);
        CHECK(has(rb->body, "€777.00"));
        CHECK_FALSE(has(rb->body, "€25.00"));
        CHECK(b.get("/account/contributions/receipt/2024")->status == 404);  // alice's year: nothing of bob's
    }
}

// The million-entry measurement, skipped by default: run it with
//   chatiere_tests -ts=ledger_scale --no-skip
// (inserting the entries through store::record_entry, hashes and triggers included, in one
// transaction takes about 80 s; then each page is timed 20 times).
TEST_SUITE("ledger_scale" * doctest::skip()) {
    TEST_CASE("1,000,000 entries: the public page and the member's page answer in milliseconds") {
        TestServer s({}, false);
        auto member = testing::make_member(s, "bigdonor");
        auto other = testing::make_member(s, "other");
        const int n = 1'000'000;
        auto t0 = std::chrono::steady_clock::now();
        {
            auto db = s.app->db->acquire();
            db::Transaction tx(*db);
            static const char* kinds[] = {"donation", "donation", "membership_fee", "expense", "donation"};
            for (int i = 0; i < n; ++i) {
                ledger::Draft d;
                int day_index = i / 300;  // ~3300 days: 2016 → 2025
                int y = 2016 + day_index / 336, m = 1 + (day_index / 28) % 12, dd = 1 + day_index % 28;
                char date[16];
                std::snprintf(date, sizeof date, "%04d-%02d-%02d", std::min(y, 2025), m, dd);
                d.date = date;
                d.kind = kinds[i % 5];
                d.amount = 100 + i % 5000;
                d.currency = "EUR";
                if (d.kind == "expense") d.category = i % 2 ? "servers" : "electricity";
                if (i % 1000 == 0) d.member_id = member;  // 1,000 entries for one member
                else if (i % 7 == 0) d.member_id = other;
                store::record_entry(*db, d, s.now, "bench");
            }
            tx.commit();
        }
        auto t1 = std::chrono::steady_clock::now();
        MESSAGE("inserted " << n << " entries in " << std::chrono::duration_cast<std::chrono::milliseconds>(t1 - t0).count() << " ms");
        auto c = s.client();
        auto browser = testing::login(s, "bigdonor");
        auto time = [&](const std::function<httplib::Result()>& f, const char* what) {
            f();  // warm
            std::vector<double> ms;
            for (int i = 0; i < 20; ++i) {
                auto a = std::chrono::steady_clock::now();
                auto r = f();
                auto b = std::chrono::steady_clock::now();
                REQUIRE(r);
                CHECK(r->status == 200);
                ms.push_back(std::chrono::duration<double, std::milli>(b - a).count());
            }
            std::sort(ms.begin(), ms.end());
            MESSAGE(what << ": median " << ms[ms.size() / 2] << " ms, max " << ms.back() << " ms");
            CHECK(ms[ms.size() / 2] < 50);
        };
        time([&] { return c.Get("/contributions"); }, "/contributions");
        time([&] { return c.Get("/contributions?year=2020&before=500000"); }, "/contributions?year=2020&before=500000");
        time([&] { return browser.get("/account/contributions"); }, "/account/contributions (1,000 entries)");
        time([&] { return browser.get("/account/contributions/receipt/2020"); }, "/account/contributions/receipt/2020");
        time([&] { return c.Get("/"); }, "/ (homepage with the goal)");
        auto v0 = std::chrono::steady_clock::now();
        {
            auto db = s.app->db->acquire();
            int64_t checked = 0;
            CHECK_FALSE(store::verify_chain(*db, &checked));
            CHECK(checked == n);
        }
        MESSAGE("verify of the whole chain: "
                << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - v0).count() << " ms");
    }
}
