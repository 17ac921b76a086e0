// Interoperability (issue 14): what the published formats promise to clients nobody here wrote.
// The validators that exist as packages (promtool, schema-dts + tsc) run from
// tests/scripts/interop.sh; these in-process tests check the rest.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <set>

#include "http/response.h"
#include "http/router.h"
#include "i18n/format.h"
#include "store/logo.h"
#include "store/settings.h"
#include "support/auth.h"

using namespace chatiere;
using nlohmann::json;
using testing::TestServer;

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
}
