#include <doctest/doctest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "db/database.h"
#include "db/migrations.h"
#include "demo/demo.h"
#include "http/assets.h"
#include "i18n/catalog.h"
#include "i18n/format.h"
#include "chatonsinfos/checker.h"
#include "chatonsinfos/linked_data.h"
#include "chatonsinfos/metrics.h"
#include "chatonsinfos/organization_fields.h"
#include "chatonsinfos/publisher.h"
#include "chatonsinfos/publishing_checks.h"
#include "chatonsinfos/push.h"
#include "chatonsinfos/reader.h"
#include "chatonsinfos/service_level.h"
#include "chatonsinfos/signing.h"
#include "chatonsinfos/writer.h"
#include "store/metrics.h"
#include "store/pages.h"
#include "store/services.h"
#include "store/settings.h"
#include "support/test_server.h"

using namespace chatiere;

namespace {

std::string read_data(const std::string& name) {
    std::ifstream in(std::string(CHATIERE_SOURCE_DIR) + "/tests/data/profile/" + name, std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const auto kParis = std::make_shared<const i18n::TimeZone>(i18n::TimeZone::load("Europe/Paris"));

// A migrated database with the demo hoster.
struct DemoDb {
    testing::TempDb tmp;
    db::Database db{tmp.path};
    int64_t now = 1764000000;  // 2025-11-24
    explicit DemoDb(bool demo = true) {
        db::migrate(db, db::embedded_migrations());
        if (demo) demo::seed_demo(db, *kParis, now);
    }
};

// Each test's files are built afresh (no cache shared between tests).
const chatonsinfos::Site kSite{"https://chaton.example/portail/", "fr", kParis, nullptr};

std::multiset<std::pair<std::string, std::string>> codes(const chatonsinfos::Report& r) {
    std::multiset<std::pair<std::string, std::string>> out;
    for (const auto& p : r.problems) out.emplace(p.code, p.key);
    return out;
}

}  // namespace

TEST_SUITE("profile") {
    TEST_CASE("escaping: no value can break a line or add a key, and every value reads back") {
        const std::string cases[] = {
            "line one\nsubs.evil = https://evil.example/",
            "windows\r\nline\rbreaks",
            "a = b = c",
            "# not a comment",
            "back\\slash \\n not a newline \\\\ two",
            "ends with a backslash\\",
            "Кошачья дверца · 猫のドア · باب القط · 🐈",
            "tab\there",
            "unicode line\xe2\x80\xa8separator",
        };
        for (const auto& original : cases) {
            INFO(original);
            std::string escaped = chatonsinfos::escape_value(original);
            CHECK(escaped.find('\n') == std::string::npos);
            CHECK(escaped.find('\r') == std::string::npos);
            auto parsed = chatonsinfos::parse_properties("key = " + escaped + "\n");
            REQUIRE(parsed.entries.size() == 1);
            CHECK(parsed.problems.empty());
            std::string expected = original;
            // CR, CRLF and U+2028 are line breaks: they come back as \n.
            for (auto [from, to] : {std::pair<std::string, std::string>{"\r\n", "\n"}, {"\r", "\n"},
                                    {"\xe2\x80\xa8", "\n"}})
                for (size_t p = expected.find(from); p != std::string::npos; p = expected.find(from, p + to.size()))
                    expected.replace(p, from.size(), to);
            CHECK(parsed.entries[0].value == expected);
        }
        CHECK(chatonsinfos::escape_value("bad \xff byte") == "bad \xef\xbf\xbd byte");
        CHECK(chatonsinfos::escape_value(std::string("nul\0here", 8)) == "nulhere");
    }

    TEST_CASE("value types as PROFILE.md defines them") {
        using T = chatonsinfos::FieldType;
        auto ok = [](T t, const char* v) { return chatonsinfos::validate_value(t, {}, v).empty(); };
        CHECK(ok(T::Url, "https://example.org/a?b=c"));
        CHECK(ok(T::Url, "http://example.org"));
        CHECK_FALSE(ok(T::Url, "ftp://example.org"));
        CHECK_FALSE(ok(T::Url, "https://"));
        CHECK_FALSE(ok(T::Url, "https://exa mple.org"));
        CHECK(ok(T::Email, "contact@example.org"));
        CHECK_FALSE(ok(T::Email, "contact.example.org"));
        CHECK_FALSE(ok(T::Email, "a@b@c"));
        CHECK(ok(T::Date, "2020-02-29"));
        CHECK_FALSE(ok(T::Date, "2021-02-29"));
        CHECK_FALSE(ok(T::Date, "06/07/2020"));
        CHECK(ok(T::DateTime, "2020-07-06T14:23:20"));
        CHECK_FALSE(ok(T::DateTime, "2020-07-06 14:23:20"));
        CHECK(ok(T::DecimalDegree, "44.9334"));
        CHECK(ok(T::DecimalDegree, "-4,89241234"));
        CHECK_FALSE(ok(T::DecimalDegree, "4.123456789"));
        CHECK_FALSE(ok(T::DecimalDegree, "44"));
        CHECK(ok(T::CountryCode, "FR"));
        CHECK_FALSE(ok(T::CountryCode, "FRA"));
        CHECK(ok(T::Status, "MAINTENANCE"));
        CHECK_FALSE(ok(T::Status, "OK"));
        CHECK(ok(T::Months, "1;2;;4"));
        CHECK_FALSE(ok(T::Months, "1;2;3;4;5;6;7;8;9;10;11;12;13"));
        CHECK_FALSE(ok(T::String, "two\nlines"));
        CHECK(ok(T::Text, "two\nlines"));
        CHECK(chatonsinfos::validate_value(T::String, {}, "éééé", 3) == "too_long");
        CHECK(chatonsinfos::validate_value(T::Enum, chatonsinfos::organization_fields()[3].values, "ASSOCIATION").empty());
        CHECK(chatonsinfos::validate_value(T::Enum, chatonsinfos::organization_fields()[3].values, "asso") == "bad_enum");
    }

    TEST_CASE("the field table: unique ids, keys and settings; existing site.* names kept") {
        std::set<std::string_view> ids, keys, settings;
        for (const auto& f : chatonsinfos::organization_fields()) {
            CHECK(ids.insert(f.id).second);
            if (!f.key.empty()) CHECK(keys.insert(f.key).second);
            CHECK(settings.insert(f.setting).second);
            CHECK(f.setting.rfind("site.", 0) == 0);
            if (!f.key.empty()) CHECK(f.key.rfind("organization.", 0) == 0);
        }
        for (auto [key, setting] : {std::pair{"organization.name", "site.name"},
                                    std::pair{"organization.contact.email", "site.contact.email"},
                                    std::pair{"organization.geolocation.address", "site.address"},
                                    std::pair{"organization.country.code", "site.country.code"},
                                    std::pair{"organization.type", "site.type"},
                                    std::pair{"organization.startdate", "site.startdate"}}) {
            auto* f = chatonsinfos::find_field_by_key(key);
            REQUIRE(f);
            CHECK(f->setting == setting);
        }
        // Every label is in both catalogues (start-up checks fr = en).
        http::Assets assets;
        assets.load("");
        i18n::Catalog cat;
        cat.load(assets.files_under("web/i18n/"));
        for (const auto& f : chatonsinfos::organization_fields()) CHECK(cat.has("fr", chatonsinfos::label_key(f)));
    }

    TEST_CASE("reader: liberal, and every oddity is one problem") {
        auto p = chatonsinfos::parse_properties("\xef\xbb\xbf# comment\r\n! also a comment\r\n  a=1\r\nb : 2\r\na = 3\n\n c =  x y  \n");
        REQUIRE(p.entries.size() == 2);
        CHECK(p.entries[0].key == "a");
        CHECK(p.entries[0].value == "1");
        CHECK(p.entries[1].value == "x y");
        REQUIRE(p.problems.size() == 2);
        CHECK(p.problems[0].code == "malformed_line");
        CHECK(p.problems[0].line == 4);
        CHECK(p.problems[1].code == "duplicate_key");
        CHECK(p.problems[1].key == "a");
        auto latin1 = chatonsinfos::parse_properties("a = caf\xe9\nb = cr\xe8me\n");
        REQUIRE(latin1.problems.size() == 1);
        CHECK(latin1.problems[0].code == "not_utf8");
        CHECK(latin1.entries.size() == 2);
        CHECK(chatonsinfos::parse_properties("k = \\u00e9t\\u00E9").entries[0].value == "été");
    }

    TEST_CASE("broken files: each problem reported exactly once, and nothing else") {
        using Set = std::multiset<std::pair<std::string, std::string>>;
        struct Case {
            const char* file;
            const char* klass;
            Set expected;
        } cases[] = {
            {"organization-broken.properties", "Organization",
             {{"missing_mandatory", "organization.name"},
              {"bad_enum", "organization.type"},
              {"bad_date", "organization.startdate"},
              {"bad_url", "organization.website"},
              {"duplicate_key", "organization.legal.url"},
              {"bad_email", "organization.contact.email"},
              {"bad_country", "organization.country.code"},
              {"bad_decimal_degree", "organization.geolocation.latitude"},
              {"malformed_line", ""},
              {"bad_url", "subs.cloud"},
              {"bad_list", "metrics.http.hits.2026.months"},
              {"missing_expected", "organization.status.level"}}},
            {"service-broken.properties", "Service",
             {{"missing_mandatory", "service.name"},
              {"bad_datetime", "file.datetime"},
              {"bad_enum", "service.registration"},
              {"bad_enum", "service.registration.load"},
              {"bad_enum", "host.server.type"}}},
            {"service-wrong-class.properties", "Service", {{"wrong_class", "file.class"}}},
            {"service-latin1.properties", "Service", {{"not_utf8", ""}}},
        };
        for (const auto& c : cases) {
            INFO(c.file);
            chatonsinfos::Report report;
            chatonsinfos::check_text(read_data(c.file), c.file, c.klass, report);
            CHECK(codes(report) == c.expected);
        }
        // The dd/mm/yyyy date and the OK status are how the collective's templates write them:
        // read without a warning (issue 14); the other problems stay errors.
        chatonsinfos::Report r;
        chatonsinfos::check_text(read_data("service-broken.properties"), "s", "Service", r);
        CHECK(r.warnings() == 0);
        CHECK(r.errors() == 5);
        for (const auto& p : r.problems) CHECK(p.key != "service.status.level");
    }

    TEST_CASE("remote check: follows subs, reports an unreachable or non-UTF-8 sub once") {
        std::string org = read_data("organization-broken.properties");
        // Make the organization file valid but for its subs.
        std::string good_org =
            "file.class = Organization\nfile.protocol = StatoolInfos-0.1\nfile.datetime = 2026-11-01T10:00:00\n"
            "file.generator = x\nfile.url = https://h.example/o.properties\norganization.name = H\n"
            "organization.type = OTHER\norganization.status.level = ACTIVE\norganization.startdate = 2020-01-01\n"
            "organization.website = https://h.example/\norganization.legal.url = https://h.example/legal\n"
            "organization.contact.email = c@h.example\norganization.memberof.chatons.startdate = 2020-01-01\n"
            "organization.memberof.chatons.status.level = ACTIVE\n"
            "subs.good = https://h.example/good.properties\nsubs.gone = https://h.example/gone.properties\n"
            "subs.latin = https://h.example/latin.properties\n";
        std::map<std::string, std::string> web = {
            {"https://h.example/o.properties", good_org},
            {"https://h.example/good.properties", read_data("service-wrong-class.properties")},
            {"https://h.example/latin.properties", read_data("service-latin1.properties")},
        };
        // The good sub is made a Service again.
        auto& good = web["https://h.example/good.properties"];
        good.replace(good.find("Federation"), 10, "Service");
        auto report = chatonsinfos::check_remote("https://h.example/o.properties", [&](const std::string& url) {
            chatonsinfos::Fetched f;
            auto it = web.find(url);
            if (it == web.end()) {
                f.status = 404;
                f.error = "HTTP 404";
            } else {
                f.ok = true;
                f.status = 200;
                f.body = it->second;
            }
            return f;
        });
        CHECK(codes(report) == std::multiset<std::pair<std::string, std::string>>{{"unreachable_sub", "subs.gone"},
                                                                                  {"not_utf8", ""}});
        CHECK(report.files == 3);
        // One line per problem, translated.
        http::Assets assets;
        assets.load("");
        i18n::Catalog cat;
        cat.load(assets.files_under("web/i18n/"));
        std::string line = chatonsinfos::describe(report.problems[0], cat, "en");
        CHECK(line.find("https://h.example/o.properties") == 0);
        CHECK(line.find("error") != std::string::npos);
        CHECK(line.find('\n') == std::string::npos);
    }

    TEST_CASE("our own demo files check clean, with valid signatures") {
        DemoDb d;
        auto report = chatonsinfos::check_own(d.db, kSite, d.now);
        // INFO lives until the end of its scope: one message listing them all, kept for the CHECK.
        std::string problems;
        for (const auto& p : report.problems) problems += p.file + " " + p.key + " " + p.code + " " + p.value + "\n";
        INFO(problems);
        CHECK(report.problems.empty());
        CHECK(report.files == 6);  // organization + five public services (mail is members-only)
    }

    TEST_CASE("publishing checks: the base URL must be public https; linked portal pages must be written") {
        auto base_url_problems = [](const chatonsinfos::Report& r) {
            std::vector<std::string> out;
            for (const auto& p : r.problems)
                if (p.code.rfind("base_url_", 0) == 0) {
                    CHECK(p.severity == chatonsinfos::Severity::Warning);
                    out.push_back(p.code);
                }
            return out;
        };
        DemoDb d;
        CHECK(base_url_problems(chatonsinfos::check_own(d.db, kSite, d.now)).empty());
        // One warning for the base URL, whatever is wrong with it.
        auto local_http = chatonsinfos::check_own(d.db, {"http://127.0.0.1:8080/", "fr", kParis}, d.now);
        CHECK(base_url_problems(local_http) == std::vector<std::string>{"base_url_http_local"});
        CHECK(local_http.warnings() == 1);
        CHECK(local_http.errors() == 0);
        CHECK(base_url_problems(chatonsinfos::check_own(d.db, {"http://chaton.example/", "fr", kParis}, d.now)) ==
              std::vector<std::string>{"base_url_http"});
        CHECK(base_url_problems(chatonsinfos::check_own(d.db, {"https://portail.lan/", "fr", kParis}, d.now)) ==
              std::vector<std::string>{"base_url_local"});

        for (const char* local : {"localhost", "127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.10", "169.254.1.1",
                                  "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "portal", "nas.local",
                                  "x.home.arpa", "app.internal", "a.localhost", "0.0.0.0", ""}) {
            CAPTURE(local);
            CHECK(chatonsinfos::is_local_host(local));
        }
        for (const char* pub : {"chaton.example", "93.184.216.34", "2a01:4f8::1", "172.32.0.1", "example.org."}) {
            CAPTURE(pub);
            CHECK_FALSE(chatonsinfos::is_local_host(pub));
        }
        CHECK(chatonsinfos::url_host("https://[::1]:8443/p/") == "::1");
        CHECK(chatonsinfos::url_host("http://user@chaton.example:8080/") == "chaton.example");

        // A new install: the legal notice falls back to the portal's /legal, not written yet.
        DemoDb empty(false);
        auto fresh = chatonsinfos::check_own(empty.db, kSite, empty.now);
        bool legal_warned = false;
        for (const auto& p : fresh.problems)
            if (p.code == "page_not_written") {
                CHECK(p.key == "organization.legal.url");
                CHECK(p.value == "https://chaton.example/portail/legal");
                CHECK(chatonsinfos::fix_path(p) == "/admin/pages/legal/fr");
                legal_warned = true;
            }
        CHECK(legal_warned);
        {
            db::Transaction tx(empty.db);
            store::save_page(empty.db, {"legal", "en", "Legal notice", "Published by…"}, empty.now);
            tx.commit();
        }
        for (const auto& p : chatonsinfos::check_own(empty.db, kSite, empty.now).problems) CHECK(p.code != "page_not_written");

        // librehost.json and the homepage's JSON-LD name the terms and privacy pages only once written.
        auto librehost = chatonsinfos::librehost_json(empty.db, kSite, "fr", empty.now).document;
        CHECK(librehost["privacyPolicyUrl"] == "");
        CHECK(librehost["termsOfServiceUrl"] == "");
        CHECK_FALSE(chatonsinfos::organization_json_ld(empty.db, kSite, "fr").contains("publishingPrinciples"));
        {
            db::Transaction tx(empty.db);
            store::save_page(empty.db, {"terms", "fr", "Conditions", "Les règles…"}, empty.now);
            tx.commit();
        }
        librehost = chatonsinfos::librehost_json(empty.db, kSite, "fr", empty.now).document;
        CHECK(librehost["termsOfServiceUrl"] == "https://chaton.example/portail/terms");
        CHECK(librehost["privacyPolicyUrl"] == "");
        CHECK(chatonsinfos::organization_json_ld(empty.db, kSite, "fr")["publishingPrinciples"] ==
              "https://chaton.example/portail/terms");
    }

    TEST_CASE("not a member of the collective yet: no membership key published, none asked for") {
        DemoDb d;
        auto membership_keys = [&] {
            auto p = chatonsinfos::publish(d.db, kSite, "organization.properties", d.now);
            REQUIRE(p);
            return p->body.find("organization.memberof.chatons.") != std::string::npos;
        };
        auto membership_warnings = [&] {
            int n = 0;
            for (const auto& p : chatonsinfos::check_own(d.db, kSite, d.now).problems)
                n += p.key.rfind("organization.memberof.chatons.", 0) == 0;
            return n;
        };
        store::put_setting(d.db, "site.memberof.chatons.startdate", "", d.now);
        store::put_setting(d.db, "site.memberof.chatons.status.level", "", d.now);
        CHECK(membership_warnings() == 2);  // a member with no dates: the directory wants them
        store::put_setting(d.db, "site.memberof.chatons.startdate", "2020-01-01", d.now);
        store::put_setting(d.db, "site.memberof.chatons.member", "NOT_YET", d.now);
        CHECK_FALSE(membership_keys());
        CHECK(membership_warnings() == 0);
        store::put_setting(d.db, "site.memberof.chatons.member", "MEMBER", d.now);
        CHECK(membership_keys());
    }

    TEST_CASE("signatures: valid, and a changed byte fails") {
        DemoDb d;
        auto p = chatonsinfos::publish(d.db, kSite, "organization.properties", d.now);
        REQUIRE(p);
        std::string key = chatonsinfos::ensure_signing_key(d.db, d.now);
        CHECK(key == chatonsinfos::ensure_signing_key(d.db, d.now + 10));  // made once
        CHECK(p->body.find("organization.signature.publickey = " + key + "\n") != std::string::npos);
        CHECK(chatonsinfos::verify_signature(p->body, p->signature, key));
        CHECK(chatonsinfos::verify_signature(p->body, p->signature + "\n", key + "\n"));
        for (size_t at : {size_t(0), p->body.size() / 2, p->body.size() - 1}) {
            std::string tampered = p->body;
            tampered[at] ^= 0x01;
            CHECK_FALSE(chatonsinfos::verify_signature(tampered, p->signature, key));
        }
        CHECK_FALSE(chatonsinfos::verify_signature(p->body + " ", p->signature, key));
        CHECK_FALSE(chatonsinfos::verify_signature(p->body, "not base64!", key));
        // The secret key is nowhere in what we publish.
        auto q = d.db.prepare("SELECT secret_key FROM profile_keys");
        REQUIRE(q.step());
        auto secret = q.blob(0);
        std::string secret_b64 = chatonsinfos::base64_encode(std::string(secret.begin(), secret.end()));
        CHECK(p->body.find(secret_b64.substr(0, 40)) == std::string::npos);
    }

    TEST_CASE("file.datetime moves only when the content changes, and survives a restart") {
        DemoDb d;
        chatonsinfos::PublishCache cache;
        chatonsinfos::Site site = kSite;
        site.cache = &cache;
        auto first = chatonsinfos::publish(d.db, site, "service-cloud.properties", d.now);
        REQUIRE(first);
        CHECK(first->body.find("file.datetime = " + chatonsinfos::iso_datetime_local(*kParis, d.now) + "\n") != std::string::npos);
        CHECK(first->body.find("file.datetime = 2025-11-24T17:00:00\n") != std::string::npos);
        auto later = chatonsinfos::publish(d.db, site, "service-cloud.properties", d.now + 3600);
        CHECK(later->body == first->body);
        CHECK(later->etag == first->etag);
        cache.clear();  // as after a restart: the database remembers
        auto restarted = chatonsinfos::publish(d.db, site, "service-cloud.properties", d.now + 7200);
        CHECK(restarted->body == first->body);
        CHECK(restarted->changed_at == d.now);

        auto s = store::find_service_by_slug(d.db, "cloud");
        s->software_version = "29.0.0";
        store::save_service(d.db, *s, d.now + 8000);
        auto changed = chatonsinfos::publish(d.db, kSite, "service-cloud.properties", d.now + 9000);
        CHECK(changed->changed_at == d.now + 9000);
        CHECK(changed->body.find("software.version = 29.0.0") != std::string::npos);
        CHECK(changed->etag != first->etag);
        CHECK(chatonsinfos::verify_signature(changed->body, changed->signature, chatonsinfos::ensure_signing_key(d.db, d.now)));
    }

    TEST_CASE("metrics: counted in memory, flushed and snapshotted with an injected clock, published monthly") {
        DemoDb d(false);
        int64_t jan10 = 1767960000;  // 2026-01-09T12:00:00Z
        chatonsinfos::RequestCounter counter;
        for (int i = 0; i < 5; ++i) counter.count();
        CHECK(counter.pending() == 5);
        chatonsinfos::flush_metrics(d.db, *kParis, jan10, counter);
        CHECK(counter.pending() == 0);
        CHECK(store::get_metric(d.db, "http.hits", "2026-01-09") == 5);
        int64_t before = 5;
        counter.count();
        chatonsinfos::flush_metrics(d.db, *kParis, jan10 + 60, counter);
        CHECK(store::get_metric(d.db, "http.hits", "2026-01-09") == before + 1);
        chatonsinfos::flush_metrics(d.db, *kParis, jan10 + 120, counter);  // nothing pending: no change
        CHECK(store::get_metric(d.db, "http.hits", "2026-01-09") == before + 1);

        d.db.exec(
            "INSERT INTO members (name, email, status, created_at, updated_at, last_login_at) VALUES "
            "('ana', 'ana@x.example', 'active', 0, 0, 1767900000), ('bob', 'bob@x.example', 'active', 0, 0, 1000), "
            "('cy', 'cy@x.example', 'pending', 0, 0, NULL)");
        chatonsinfos::snapshot_metrics(d.db, *kParis, jan10);
        CHECK(store::get_metric(d.db, "members.accounts", "2026-01-09") == 2);
        CHECK(store::get_metric(d.db, "members.active", "2026-01-09") == 1);
        d.db.exec("INSERT INTO members (name, email, status, created_at, updated_at) VALUES ('dee', 'd@x.example', 'active', 0, 0)");
        chatonsinfos::snapshot_metrics(d.db, *kParis, jan10 + 3600);  // same day: replaced, not added
        CHECK(store::get_metric(d.db, "members.accounts", "2026-01-09") == 3);
        store::set_metric(d.db, "members.accounts", "2026-03-31", 7);
        store::set_metric(d.db, "members.accounts", "2026-03-02", 5);

        // On 2026-04-15, Jan to Mar are published (Feb empty), today's partial day is not.
        int64_t apr15 = 1776254400;
        store::set_metric(d.db, "members.accounts", i18n::iso_date_local(*kParis, apr15), 99);
        auto lines = chatonsinfos::monthly_lines(d.db, *kParis, "members.accounts", "members.accounts", true, apr15);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].first == "metrics.members.accounts.2026.months");
        CHECK(lines[0].second == "3,,7");  // commas, as ChatonsInfos 0.4 writes them (issue 14)
        auto hits = chatonsinfos::monthly_lines(d.db, *kParis, "http.hits", "http.hits", false, apr15);
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].second == std::to_string(before + 1));
    }

    TEST_CASE("registration follows the sign-up mode") {
        CHECK(chatonsinfos::published_registration("Free", "") == "Free");
        CHECK(chatonsinfos::published_registration("Free", "open") == "Free");
        CHECK(chatonsinfos::published_registration("Free", "invite") == "Member");
        CHECK(chatonsinfos::published_registration("None;Free;Bogus;None", "closed") == "None;Member");
        CHECK(chatonsinfos::published_registration("Client", "open") == "Client");
    }

    TEST_CASE("push: off by default, posts the URL once per change to a local directory") {
        DemoDb d;
        httplib::Server directory;
        std::vector<std::string> received;
        std::mutex m;
        directory.Post("/ping", [&](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m);
            received.push_back(req.get_param_value("url"));
            res.status = 202;
        });
        int port = directory.bind_to_any_port("127.0.0.1");
        std::thread t([&] { directory.listen_after_bind(); });
        CHECK_FALSE(chatonsinfos::push_if_changed(d.db, kSite, d.now).attempted);  // off
        store::put_setting(d.db, "profile.push.url", "http://127.0.0.1:" + std::to_string(port) + "/ping", d.now);
        auto r = chatonsinfos::push_if_changed(d.db, kSite, d.now, 5);
        CHECK(r.attempted);
        CHECK(r.ok);
        CHECK_FALSE(chatonsinfos::push_if_changed(d.db, kSite, d.now + 60, 5).attempted);  // nothing changed
        store::put_setting(d.db, "site.name", "Le Chaton des Collines et des Vallées", d.now + 120);
        CHECK(chatonsinfos::push_if_changed(d.db, kSite, d.now + 180, 5).ok);
        directory.stop();
        t.join();
        std::lock_guard lock(m);
        REQUIRE(received.size() == 2);
        CHECK(received[0] == "https://chaton.example/portail/.well-known/chatonsinfos/organization.properties");
    }
}
