// Interoperability (issue 14): what the published formats promise to clients nobody here wrote.
// The validators that exist as packages (promtool, schema-dts + tsc) run from
// tests/scripts/interop.sh; these in-process tests check the rest.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <regex>
#include <set>

#include "http/response.h"
#include "http/telemetry.h"
#include "config.h"
#include "http/router.h"
#include "i18n/format.h"
#include "ledger/chain.h"
#include "ledger/csv.h"
#include "chatonsinfos/checker.h"
#include "chatonsinfos/publisher.h"
#include "chatonsinfos/writer.h"
#include "store/ledger.h"
#include "store/metrics.h"
#include "store/logo.h"
#include "store/settings.h"
#include "support/auth.h"

using namespace chatiere;
using nlohmann::json;
using testing::TestServer;
using chatiere::Config;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text.
bool valid_etag(const std::string& v) {
    std::string_view s = v;
    if (s.substr(0, 2) == "W/") s.remove_prefix(2);
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
    for (unsigned char c : s.substr(1, s.size() - 2))
        if (!(c == 0x21 || (c >= 0x23 && c <= 0x7e) || c >= 0x80)) return false;
    return true;
}

std::string i18n_iso(int64_t t) { return i18n::iso_utc(t); }

std::string read_file(const std::string& path) {
    std::ifstream in(std::string(CHATIERE_SOURCE_DIR) + "/" + path, std::ios::binary);
    REQUIRE_MESSAGE(in, path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

ledger::Entry record(TestServer& s, const std::string& kind, int64_t amount, std::optional<std::string> public_name,
                     const std::string& category = {}) {
    auto db = s.app->db->acquire();
    ledger::Draft d;
    d.date = "2025-11-03";
    d.kind = kind;
    d.amount = amount;
    d.currency = "EUR";
    d.public_name = std::move(public_name);
    d.category = category;
    return store::record_entry(*db, d, s.now, "test");
}

// Re-checks a CSV export as a third party would: each text cell read back (a leading
// apostrophe dropped), the hash recomputed from the cells and chained. Returns the entries.
std::vector<ledger::Entry> recheck_csv(const std::string& body, char separator, char decimal) {
    auto records = ledger::read_csv(body, separator);
    REQUIRE(records.size() >= 2);
    std::vector<std::string> header = records[0].fields;
    REQUIRE(header.size() == 12);
    CHECK(header[6] == "public_name");
    CHECK(header[11] == "hash");
    std::string prev = ledger::kGenesis;
    std::vector<ledger::Entry> out;
    for (size_t i = 1; i < records.size(); ++i) {
        const auto& f = records[i].fields;
        REQUIRE(f.size() == 12);
        // no text cell a spreadsheet would run as a formula
        for (size_t c : {6u, 7u}) {
            INFO("cell " << f[c]);
            CHECK((f[c].empty() || std::string_view("=+-@\t\r").find(f[c].front()) == std::string_view::npos));
        }
        ledger::Entry e;
        e.id = std::stoll(f[0]);
        e.date = f[1];
        e.kind = f[2];
        e.amount = std::stoll(f[3]);
        // the amount column says the same, with the export's decimal mark
        std::string amount = ledger::amount_text(e.amount);
        if (decimal != '.') std::replace(amount.begin(), amount.end(), '.', decimal);
        CHECK(f[4] == amount);
        e.currency = f[5];
        std::string name = ledger::csv_text_value(f[6]);
        if (!name.empty()) e.public_name = name;
        e.category = ledger::csv_text_value(f[7]);
        if (!f[8].empty()) e.reverses_id = std::stoll(f[8]);
        e.recorded_at = std::stoll(f[9]);
        CHECK(f[10] == prev);
        CHECK(f[11] == ledger::entry_hash(prev, e));
        prev = f[11];
        out.push_back(e);
    }
    return out;
}

// A concrete path for a route pattern: parameters replaced by values that exist in the demo.
std::string concrete(const std::string& pattern) {
    static const std::map<std::string, std::string> whole = {
        {"/pages/:slug", "/pages/about"},
        {"/pages/:slug/history", "/pages/about/history"},
        {"/pages/:slug/changes", "/pages/about/changes"},
        {"/.well-known/chatonsinfos/:file", "/.well-known/chatonsinfos/organization.properties"},
        {"/static/:file", "/static/style.css"},
        {"/status/services/:slug", "/status/services/cloud"},
        {"/status/services/:slug/feed.atom", "/status/services/cloud/feed.atom"},
        {"/admin/pages/:slug/:lang", "/admin/pages/about/fr"},
        {"/account/contributions/receipt/:year", "/account/contributions/receipt/2025"},
    };
    if (auto it = whole.find(pattern); it != whole.end()) return it->second;
    std::string path = pattern;
    for (auto p = path.find(':'); p != std::string::npos; p = path.find(':')) {
        auto end = path.find('/', p);
        path.replace(p, end == std::string::npos ? std::string::npos : end - p, "1");
    }
    return path;
}

}  // namespace

TEST_SUITE("interop") {
    TEST_CASE("entity tags: one builder, quoted once, RFC 9110 syntax") {
        CHECK(http::quoted_etag("abc-123") == "\"abc-123\"");
        CHECK_THROWS(http::quoted_etag("\"already quoted\""));
        CHECK_THROWS(http::quoted_etag("a b"));
        CHECK(valid_etag(http::quoted_etag(http::etag_of("some content"))));
        CHECK(http::etag_of("a") != http::etag_of("b"));
        CHECK(http::etag_matches("\"x\"", "\"x\""));
        CHECK(http::etag_matches("W/\"x\"", "\"x\""));
        CHECK(http::etag_matches("\"a\", \"x\"", "\"x\""));
        CHECK(http::etag_matches(" * ", "\"x\""));
        CHECK_FALSE(http::etag_matches("\"xy\"", "\"x\""));
        CHECK_FALSE(http::etag_matches("\"\"x\"\"", "\"x\""));
        CHECK(valid_etag("W/\"abc\""));
        CHECK_FALSE(valid_etag("\"\"4860508541455302773\"\""));
    }

    TEST_CASE("every GET route that sends an ETag sends a valid one and answers 304 to it") {
        TestServer s;
        {
            auto db = s.app->db->acquire();
            std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
            store::save_logo(*db, {"image/svg+xml", {svg.begin(), svg.end()}, std::string(64, 'a'), s.now}, std::nullopt);
        }
        auto admin = testing::login_admin(s);
        std::set<std::string> with_etag;
        for (const auto& route : http::route_table()) {
            if (route.method != "GET") continue;
            std::string path = concrete(route.pattern);
            INFO(route.pattern << " → " << path);
            for (bool as_admin : {false, true}) {
                auto r = as_admin ? admin.get(path) : s.client().Get(path);
                REQUIRE(r);
                if (!r->has_header("ETag")) continue;
                std::string etag = r->get_header_value("ETag");
                INFO("ETag: " << etag);
                CHECK(valid_etag(etag));
                CHECK(r->get_header_value_count("ETag") == 1);
                with_etag.insert(route.pattern);
                auto again = as_admin ? admin.get(path, {{"If-None-Match", etag}})
                                      : s.client().Get(path, {{"If-None-Match", etag}});
                REQUIRE(again);
                CHECK(again->status == 304);
                CHECK(again->body.empty());
            }
        }
        // the routes known to send one are among them (the list only grows)
        for (const char* p : {"/status/feed.atom", "/status/services/:slug/feed.atom", "/news/feed.atom",
                              "/.well-known/chatonsinfos/:file", "/librehost.json", "/logo", "/static/:file"})
            CHECK_MESSAGE(with_etag.count(p) == 1, p);
        // the other published files too (signature, public key, a service file)
        for (const char* p : {"/.well-known/chatonsinfos/organization.properties.sig",
                              "/.well-known/chatonsinfos/publickey.txt",
                              "/.well-known/chatonsinfos/service-cloud.properties"}) {
            INFO(p);
            auto r = s.client().Get(p);
            REQUIRE(r);
            CHECK(valid_etag(r->get_header_value("ETag")));
        }
    }

    TEST_CASE("the public Atom feeds are readable from any origin, like the API and the profile") {
        TestServer s;
        for (const char* p : {"/status/feed.atom", "/status/services/cloud/feed.atom", "/news/feed.atom"}) {
            INFO(p);
            auto r = s.client().Get(p, {{"Origin", "https://reader.example"}});
            REQUIRE(r);
            CHECK(r->status == 200);
            CHECK(r->get_header_value("Access-Control-Allow-Origin") == "*");
            // a 304 keeps it, so a browser can revalidate
            auto again = s.client().Get(p, {{"Origin", "https://reader.example"},
                                            {"If-None-Match", r->get_header_value("ETag")}});
            CHECK(again->status == 304);
            CHECK(again->get_header_value("Access-Control-Allow-Origin") == "*");
        }
        // never with credentials: a member's feed holds members-only entries
        testing::make_member(s, "alice");
        auto alice = testing::login(s, "alice");
        auto mine = alice.get("/status/feed.atom");
        CHECK(mine->get_header_value("Access-Control-Allow-Credentials").empty());
    }

    TEST_CASE("librehost.json passes the Librehosters validator's checks against the network's schema") {
        // tests/data/librehost/schema-0.0.1.json: the schema as the validator's fixture holds it.
        std::ifstream in(std::string(CHATIERE_SOURCE_DIR) + "/tests/data/librehost/schema-0.0.1.json");
        REQUIRE(in);
        json standard = json::parse(in);
        auto keys = [](const json& j) {
            std::set<std::string> k;
            for (const auto& [key, value] : j.items()) k.insert(key);
            return k;
        };
        // as `libreh schema` does it (librehosters_cli/commands/schema.py): version present in
        // both and equal, then no unknown key and no missing key
        auto validate = [&](const json& target) {
            REQUIRE(standard.contains("version"));
            REQUIRE_MESSAGE(target.contains("version"), "Unable to retrieve version");
            CHECK(target["version"] == standard["version"]);
            std::set<std::string> unknown, missing;
            for (const auto& k : keys(target))
                if (!standard.contains(k)) unknown.insert(k);
            for (const auto& k : keys(standard))
                if (!target.contains(k)) missing.insert(k);
            CHECK_MESSAGE(unknown.empty(), "Unknown schema key(s): " << json(unknown).dump());
            CHECK_MESSAGE(missing.empty(), "Missing schema key(s): " << json(missing).dump());
        };

        auto check_forms = [](const json& l) {
            for (const char* k : {"@context", "@type", "version", "name", "tagLine", "homeUrl", "logo", "description",
                                  "contactUrl", "privacyPolicyUrl", "termsOfServiceUrl", "organizationType",
                                  "foundingDate", "dateCreated", "dateModified"})
                CHECK_MESSAGE(l[k].is_string(), k);
            CHECK(l["communicationLanguages"].is_array());
            CHECK(l["isServiceProvider"] == true);
            std::string year = l["foundingDate"];
            CHECK((year.empty() || std::regex_match(year, std::regex("[0-9]{4}"))));
            std::regex utc("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
            CHECK(std::regex_match(l["dateCreated"].get<std::string>(), utc));
            CHECK(std::regex_match(l["dateModified"].get<std::string>(), utc));
            CHECK(l["dateCreated"].get<std::string>() <= l["dateModified"].get<std::string>());
        };

        // the demo hoster, every field filled in
        TestServer s;
        auto r = s.client().Get("/librehost.json");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK(r->get_header_value("Access-Control-Allow-Origin") == "*");
        json l = json::parse(r->body);
        validate(l);
        check_forms(l);
        CHECK(l["organizationType"] == "Association");
        CHECK(l["foundingDate"] == "2019");
        CHECK(l["homeUrl"].get<std::string>().rfind("https://", 0) == 0);

        // a hoster that filled in almost nothing: every key still there, empty strings
        TestServer bare({}, false);
        auto b = bare.client().Get("/librehost.json");
        REQUIRE(b);
        REQUIRE(b->status == 200);
        json e = json::parse(b->body);
        validate(e);
        check_forms(e);
        CHECK(e["tagLine"] == "");
        CHECK(e["foundingDate"] == "");
        CHECK(e["organizationType"] == "");

        // dateCreated: when the profile was first published (the organization file here),
        // not when the signing key was made; dateModified moves when the content changes
        TestServer p;
        p.now += 10;
        REQUIRE(p.client().Get("/.well-known/chatonsinfos/organization.properties")->status == 200);
        int64_t first = p.now;
        p.now += 86400;
        json one = json::parse(p.client().Get("/librehost.json")->body);
        CHECK(one["dateCreated"] == i18n_iso(first));
        CHECK(one["dateModified"] == i18n_iso(p.now));
        int64_t published = p.now;
        p.now += 3600;
        json same = json::parse(p.client().Get("/librehost.json")->body);
        CHECK(same["dateModified"] == i18n_iso(published));  // nothing changed
        {
            auto db = p.app->db->acquire();
            store::put_setting(*db, "site.tagline.fr", "Autre devise", p.now);
        }
        json changed = json::parse(p.client().Get("/librehost.json")->body);
        CHECK(changed["dateModified"] == i18n_iso(p.now));
        CHECK(changed["dateCreated"] == i18n_iso(first));
    }

    TEST_CASE("CSV cells: formulas neutralised, read back exactly") {
        for (std::string v : {"=HYPERLINK(\"http://x\",\"y\")", "+33 6 12", "-Camille-", "@SUM(A1)", "\tTab", "\rCR",
                              "'quoted", "''", "Camille", "", "a=b", "Zoé"}) {
            INFO(v);
            std::string cell = ledger::csv_text_cell(v);
            CHECK((cell.empty() || std::string_view("=+-@\t\r").find(cell.front()) == std::string_view::npos));
            CHECK(ledger::csv_text_value(cell) == v);
        }
        CHECK(ledger::csv_text_cell("=1+1") == "'=1+1");
        CHECK(ledger::csv_text_cell("Camille") == "Camille");
        CHECK(ledger::csv_field("a;b", ';') == "\"a;b\"");
        CHECK(ledger::csv_field("1,5", ';') == "1,5");
        CHECK(ledger::csv_field("1,5") == "\"1,5\"");
    }

    TEST_CASE("every CSV the portal writes: text cells safe in a spreadsheet, amounts untouched, the chain rechecks") {
        TestServer s;
        record(s, "donation", 2500, std::string("=HYPERLINK(\"https://evil.example\",\"Merci\")"));
        record(s, "donation", 1000, std::string("+33 6 12 34 56 78"));
        record(s, "donation", 700, std::string("@SUM(A1:A9)"));
        record(s, "donation", 300, std::string("-Camille-"));
        record(s, "donation", 200, std::string("'Quoted"));
        record(s, "expense", 4500, std::nullopt, "=1+1");
        auto wrong = record(s, "donation", 99900, std::string("Typo"));
        {
            auto db = s.app->db->acquire();
            store::reverse_entry(*db, wrong.id, "typo", s.now, "test");  // a negative amount
        }
        auto c = s.client();

        auto plain = c.Get("/contributions.csv");
        REQUIRE(plain);
        REQUIRE(plain->status == 200);
        CHECK(plain->get_header_value("Content-Type") == "text/csv; charset=utf-8");
        CHECK_FALSE(has(plain->body, ",=HYPERLINK"));
        CHECK(has(plain->body, ",\"'=HYPERLINK("));
        auto entries = recheck_csv(plain->body, ',', '.');
        std::set<std::string> names;
        bool negative = false;
        for (const auto& e : entries) {
            if (e.public_name) names.insert(*e.public_name);
            negative = negative || e.amount < 0;
        }
        CHECK(names.count("=HYPERLINK(\"https://evil.example\",\"Merci\")") == 1);
        CHECK(names.count("'Quoted") == 1);
        CHECK(names.count("-Camille-") == 1);
        CHECK(negative);
        CHECK(has(plain->body, ",-999.00,"));  // a negative amount is a number, not neutralised

        auto sheet = c.Get("/contributions-spreadsheet.csv");
        REQUIRE(sheet);
        REQUIRE(sheet->status == 200);
        CHECK(sheet->get_header_value("Content-Type") == "text/csv; charset=utf-8");
        CHECK(has(sheet->get_header_value("Content-Disposition"), "attachment"));
        REQUIRE(sheet->body.rfind("\xef\xbb\xbfid;date;kind;amount_minor;amount;currency;public_name;category;", 0) == 0);
        auto same = recheck_csv(sheet->body.substr(3), ';', ',');
        REQUIRE(same.size() == entries.size());
        for (size_t i = 0; i < same.size(); ++i) CHECK(ledger::entry_hash("", same[i]) == ledger::entry_hash("", entries[i]));
        CHECK(has(sheet->body, ";-999,00;"));
        CHECK(has(sheet->body, ";25,00;"));
        // the page links to both
        auto page = c.Get("/contributions", {{"Accept-Language", "en"}});
        CHECK(has(page->body, "contributions-spreadsheet.csv"));
        CHECK(has(page->body, "contributions.csv"));
    }

    TEST_CASE("ChatonsInfos files as the collective's templates and YunoHost generator write them pass --strict") {
        const std::string dir = "https://marais.example/.well-known/chatonsinfos/";
        std::string org = read_file("tests/data/profile/template-organization.properties") + "subs.cloud = " + dir +
                          "cloud.properties\n";
        std::map<std::string, std::string> web = {
            {dir + "organization.properties", org},
            {dir + "pad.properties", read_file("tests/data/profile/template-service.properties")},
            {dir + "pad-metrics.properties", read_file("tests/data/profile/template-service-metrics.properties")},
            {dir + "cloud.properties", read_file("tests/data/profile/generator-service.properties")},
        };
        std::set<std::string> fetched;
        auto report = chatonsinfos::check_remote(dir + "organization.properties", [&](const std::string& url) {
            fetched.insert(url);
            chatonsinfos::Fetched f;
            auto it = web.find(url);
            if (it == web.end()) {
                f.status = 404;
                f.error = "404";
                return f;
            }
            f.ok = true;
            f.status = 200;
            f.body = it->second;
            f.content_type = "text/plain; charset=utf-8";
            return f;
        });
        for (const auto& p : report.problems) INFO(p.file << ":" << p.line << " " << p.key << " " << p.code << " " << p.value);
        std::string listing;
        for (const auto& p : report.problems) listing += p.file + ":" + std::to_string(p.line) + " " + p.key + " " + p.code + " " + p.value + "\n";
        INFO(listing);
        CHECK(report.files == 4);  // the metrics file is followed from its service file
        CHECK(fetched.count(dir + "pad-metrics.properties") == 1);
        // `profile check URL --strict` fails on any error or warning
        CHECK(report.errors() == 0);
        CHECK(report.warnings() == 0);

        // each file on its own, too
        for (auto [file, klass] : {std::pair{"template-organization.properties", "Organization"},
                                   std::pair{"template-service.properties", "Service"},
                                   std::pair{"template-service-metrics.properties", ""},
                                   std::pair{"generator-service.properties", "Service"}}) {
            INFO(file);
            chatonsinfos::Report r;
            chatonsinfos::check_text(read_file(std::string("tests/data/profile/") + file), file, klass, r);
            CHECK(r.errors() == 0);
            CHECK(r.warnings() == 0);
        }
        // still strict where it matters: an unknown status, a bad date, a bad list
        chatonsinfos::Report bad;
        chatonsinfos::check_text("file.class = SERVICE\nfile.protocol = x\nfile.datetime = 2021-06-18T12:00:00\n"
                            "service.name = x\nservice.status.level = BROKEN\nservice.startdate = 31/02/2020\n"
                            "metrics.x.2021.months = 1,a,3\n",
                            "bad", "Service", bad);
        std::set<std::string> codes;
        for (const auto& p : bad.problems)
            if (p.severity == chatonsinfos::Severity::Error) codes.insert(p.key + " " + p.code);
        CHECK(codes.count("service.status.level bad_status") == 1);
        CHECK(codes.count("service.startdate bad_date") == 1);
        CHECK(codes.count("metrics.x.2021.months bad_list") == 1);
        CHECK(codes.count("file.class bad_enum") == 0);  // SERVICE is Service
        // our own files still need file.url
        chatonsinfos::Report own;
        chatonsinfos::check_text("file.class = Service\nfile.protocol = x\nfile.datetime = 2021-06-18T12:00:00\n"
                            "file.generator = x\nservice.name = x\n",
                            "own", "Service", own, true);
        bool wants_url = false;
        for (const auto& p : own.problems) wants_url = wants_url || (p.key == "file.url" && p.code == "missing_expected");
        CHECK(wants_url);
    }

    TEST_CASE("we write metrics as ChatonsInfos 0.4 does: commas, a service's metrics in their own signed file") {
        TestServer s;
        int64_t cloud_id = 0;
        {
            auto db = s.app->db->acquire();
            auto q = db->prepare("SELECT id FROM services WHERE slug = 'cloud'");
            REQUIRE(q.step());
            cloud_id = q.i64(0);
            store::set_metric(*db, "service." + std::to_string(cloud_id) + ".accounts", "2025-10-15", 12);
            store::set_metric(*db, "service." + std::to_string(cloud_id) + ".accounts", "2025-11-02", 15);
            store::set_metric(*db, "members.accounts", "2025-10-15", 40);
            store::set_metric(*db, "members.accounts", "2025-11-02", 42);
            store::add_metric(*db, "http.hits", "2025-11-02", 1000);
        }
        s.app->publish_cache.clear();
        const std::string dir = "/.well-known/chatonsinfos/";
        auto org = s.client().Get(dir + "organization.properties");
        REQUIRE(org->status == 200);
        // the organization's own metrics (the demo's counters) stay in its file, comma-separated
        std::smatch m;
        REQUIRE(std::regex_search(org->body, m, std::regex("metrics\\.members\\.accounts\\.2025\\.months = ([^\n]*)\n")));
        CHECK(std::regex_match(m[1].str(), std::regex("[0-9]*(,[0-9]*){1,11}")));
        CHECK_FALSE(std::regex_search(org->body, std::regex("metrics\\.[^\n]*;")));
        CHECK_FALSE(has(org->body, "metrics.service."));
        auto service = s.client().Get(dir + "service-cloud.properties");
        REQUIRE(service->status == 200);
        CHECK_FALSE(has(service->body, "\nmetrics."));
        std::string metrics_url = s.app->config.base_url + ".well-known/chatonsinfos/service-cloud-metrics.properties";
        CHECK(has(service->body, "subs.metrics = " + metrics_url + "\n"));
        auto metrics = s.client().Get(dir + "service-cloud-metrics.properties");
        REQUIRE(metrics->status == 200);
        CHECK(has(metrics->body, "file.class = Metrics\n"));
        CHECK(has(metrics->body, "file.url = " + metrics_url + "\n"));
        CHECK(has(metrics->body, "metrics.service.accounts.2025.months = ,,,,,,,,,12,15\n"));
        CHECK(s.client().Get(dir + "service-cloud-metrics.properties.sig")->status == 200);
        // a service without metrics has no metrics file
        CHECK(s.client().Get(dir + "service-pad-metrics.properties")->status == 404);
        // and every file we publish passes our own checker, --strict
        auto db = s.app->db->acquire();
        auto report = chatonsinfos::check_own(*db, site_of(*s.app), s.now);
        std::string listing;
        for (const auto& p : report.problems) listing += p.file + " " + p.key + " " + p.code + " " + p.value + "\n";
        INFO(listing);
        CHECK(report.errors() == 0);
        bool metrics_checked = false;
        for (const auto& name : chatonsinfos::published_files(*db)) metrics_checked = metrics_checked || name == "service-cloud-metrics.properties";
        CHECK(metrics_checked);
    }

    TEST_CASE("metrics_allow: addresses and CIDR ranges, IPv4 and IPv6") {
        using http::telemetry::address_allowed;
        CHECK(address_allowed("127.0.0.1", "127.0.0.1, ::1"));
        CHECK(address_allowed("::1", "127.0.0.1, ::1"));
        CHECK(address_allowed("::ffff:127.0.0.1", "127.0.0.1"));
        CHECK_FALSE(address_allowed("127.0.0.2", "127.0.0.1, ::1"));
        CHECK(address_allowed("10.1.2.3", "10.0.0.0/8"));
        CHECK_FALSE(address_allowed("11.1.2.3", "10.0.0.0/8"));
        CHECK(address_allowed("192.168.1.77", "192.168.1.64/26"));
        CHECK_FALSE(address_allowed("192.168.1.128", "192.168.1.64/26"));
        CHECK(address_allowed("2001:db8::5", "2001:db8::/32"));
        CHECK_FALSE(address_allowed("2001:db9::5", "2001:db8::/32"));
        CHECK_FALSE(address_allowed("127.0.0.1", ""));
        CHECK_FALSE(address_allowed("not an address", "0.0.0.0/0"));
        CHECK(address_allowed("203.0.113.9", "0.0.0.0/0"));
        CHECK_NOTHROW(http::telemetry::check_address_list("127.0.0.1, ::1, 10.0.0.0/8"));
        CHECK_THROWS(http::telemetry::check_address_list("127.0.0.1, localhost"));
        CHECK_THROWS(http::telemetry::check_address_list("10.0.0.0/33"));
        Config c;
        CHECK_THROWS(set_option(c, "metrics_allow", "everyone"));
        CHECK_THROWS(set_option(c, "metrics_token", "short"));
        CHECK_NOTHROW(set_option(c, "metrics_token", "0123456789abcdef0123"));
        // the secret from a file, as the config layer allows for every key
        std::string token_file = testing::TempDb().path + ".token";
        {
            std::ofstream out(token_file);
            out << "token-from-a-file-0123456789\n";
        }
        Config f;
        std::map<std::string, std::string> env = {{"CHATIERE_METRICS_TOKEN_FILE", token_file}};
        load_environment(f, &env);
        CHECK(f.metrics_token == "token-from-a-file-0123456789");
        std::remove(token_file.c_str());
    }

    TEST_CASE("/metrics: Prometheus text for allowed clients only; requests, latency, cache, throttled log-ins") {
        TestServer s([](Config& c) { c.page_cache_seconds = 60; });
        auto c = s.client();
        for (int i = 0; i < 3; ++i) c.Get("/status");
        c.Get("/status/incidents/1");
        c.Get("/no/such/page");
        // failed log-ins until the throttle refuses
        testing::make_member(s, "victim");
        testing::Browser b(s);
        int refused = 0;
        for (int i = 0; i < 8; ++i) {
            auto r = b.post("/login", {{"login", "victim"}, {"password", "wrong password " + std::to_string(i)}});
            REQUIRE(r);
            refused += r->status == 429;
        }
        CHECK(refused > 0);

        // A request is counted once its answer is written (the server's logger), so the last
        // refused log-in may be counted a moment after its client saw the 429: wait for it.
        const std::string throttled_line = "chatiere_login_throttled_total " + std::to_string(refused) + "\n";
        auto r = c.Get("/metrics");
        for (int i = 0; i < 100 && r && r->status == 200 && !has(r->body, throttled_line); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            r = c.Get("/metrics");
        }
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
        CHECK(has(r->get_header_value("Cache-Control"), "no-store"));
        const std::string& m = r->body;
        CHECK(has(m, "# TYPE chatiere_http_requests_total counter\n"));
        CHECK(has(m, "chatiere_http_requests_total{route=\"/status\",method=\"GET\",status=\"200\"} 3\n"));
        CHECK(has(m, "chatiere_http_requests_total{route=\"/status/incidents/:id\",method=\"GET\",status=\"200\"} 1\n"));
        CHECK(has(m, "chatiere_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"));
        CHECK_FALSE(has(m, "/no/such/page"));  // routes, never URLs
        auto throttled_at = m.find("\nchatiere_login_throttled_total ");
        CAPTURE(m.substr(throttled_at, m.find('\n', throttled_at + 1) - throttled_at));
        CAPTURE(refused);
        CHECK(has(m, throttled_line));
        CHECK(has(m, "# TYPE chatiere_http_request_duration_seconds histogram\n"));
        CHECK(has(m, "chatiere_http_request_duration_seconds_bucket{le=\"+Inf\"} "));
        CHECK(has(m, "chatiere_page_cache_hits_total 2\n"));  // /status again and again
        CHECK(has(m, "chatiere_page_cache_misses_total "));
        CHECK(has(m, "chatiere_db_pool_waits_total "));
        CHECK(has(m, "chatiere_outbox_messages "));
        CHECK(has(m, "chatiere_outbox_oldest_age_seconds "));
        CHECK(has(m, "chatiere_members{state=\"active\"} "));
        CHECK(has(m, "chatiere_open_incidents{kind=\"incident\"} 1\n"));  // the demo's open mail incident
        CHECK(has(m, "chatiere_open_incidents{kind=\"maintenance\"} 1\n"));
        CHECK(std::regex_search(m, std::regex("\nprocess_resident_memory_bytes [1-9][0-9]*\n")));
        CHECK(std::regex_search(m, std::regex("\nprocess_threads [1-9][0-9]*\n")));
        // every sample line: name{labels} value
        std::istringstream lines(m);
        std::regex sample_line("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? [-+0-9.eE]+|[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? \\+Inf");
        for (std::string line; std::getline(lines, line);) {
            if (line.empty() || line[0] == '#') continue;
            INFO(line);
            CHECK(std::regex_match(line, sample_line));
        }
        // never from the page cache, even when asked twice
        CHECK(c.Get("/metrics")->status == 200);
    }

    TEST_CASE("/metrics refuses the world: allow-list on the resolved client address, or the bearer token") {
        const std::string token = "s3cret-metrics-token-0123456789";
        // behind a reverse proxy on the same machine: the proxy's loopback address is not the client's
        TestServer s([&](Config& c) {
            c.trusted_proxies = "127.0.0.1, ::1";
            c.metrics_allow = "127.0.0.1, ::1";
            c.metrics_token = token;
        });
        auto c = s.client();
        CHECK(c.Get("/metrics")->status == 200);  // a local Prometheus, straight to the portal
        CHECK(c.Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}})->status == 403);
        CHECK(c.Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}, {"Authorization", "Bearer " + token}})->status == 200);
        CHECK(c.Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}, {"Authorization", "Bearer wrong"}})->status == 403);
        CHECK(c.Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}, {"Authorization", "Bearer " + token + "x"}})->status ==
              403);
        CHECK(c.Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}, {"Authorization", token}})->status == 403);

        TestServer closed([&](Config& c) { c.metrics_allow = ""; });
        auto r = closed.client().Get("/metrics");
        CHECK(r->status == 403);
        CHECK_FALSE(has(r->body, "chatiere_http_requests_total"));
        TestServer range([&](Config& c) { c.metrics_allow = "127.0.0.0/8"; });
        CHECK(range.client().Get("/metrics")->status == 200);
    }
}
