#include <doctest/doctest.h>
#include <sodium.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "status/status.h"
#include "store/audit.h"
#include "store/incidents.h"
#include "store/services.h"
#include "store/settings.h"
#include "support/auth.h"
#include "support/test_server.h"

using namespace chatiere;
using chatiere::testing::TestServer;

namespace {

const std::string kBase = "https://chaton.example/portail/";
const std::string kDir = "/.well-known/chatonsinfos/";

// An independent reader of what we publish, written from PROFILE.md alone: "key = value"
// lines, '#' comments, blank lines; in values only \\ \n \t escapes. Anything else fails.
struct Parsed {
    std::vector<std::pair<std::string, std::string>> entries;
    std::map<std::string, std::string> map;
};
Parsed parse_strict(const std::string& body) {
    Parsed out;
    CHECK(body.find('\r') == std::string::npos);
    REQUIRE(!body.empty());
    CHECK(body.back() == '\n');
    size_t pos = 0;
    while (pos < body.size()) {
        size_t nl = body.find('\n', pos);
        std::string line = body.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.empty() || line[0] == '#') continue;
        auto sep = line.find(" = ");
        if (sep == std::string::npos && line.size() >= 2 && line.substr(line.size() - 2) == " =") sep = line.size() - 2;
        INFO(line);
        REQUIRE(sep != std::string::npos);
        std::string key = line.substr(0, sep);
        CHECK(std::regex_match(key, std::regex("[a-z]+(\\.[A-Za-z0-9-]+)+")));
        std::string raw = sep + 3 <= line.size() ? line.substr(sep + 3) : "";
        std::string value;
        for (size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '\\') {
                value += raw[i];
                continue;
            }
            REQUIRE(i + 1 < raw.size());
            char e = raw[++i];
            if (e == '\\') value += '\\';
            else if (e == 'n') value += '\n';
            else if (e == 't') value += '\t';
            else FAIL("unexpected escape \\" << e);
        }
        CHECK(out.map.count(key) == 0);  // no duplicate key
        out.map[key] = value;
        out.entries.emplace_back(key, value);
    }
    return out;
}

bool is_url(const std::string& v) { return std::regex_match(v, std::regex("https?://[^\\s/?#]+[^\\s]*")); }
bool is_date(const std::string& v) { return std::regex_match(v, std::regex("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])")); }

// Checks every key against PROFILE.md's tables; a key PROFILE.md does not know fails
// (except organization.signature.publickey, ours and documented).
void check_against_profile_md(const Parsed& p, const std::string& klass) {
    static const std::map<std::string, std::string> types = {
        {"file.class", "enum:Federation,Organization,Service"}, {"file.protocol", "string"},
        {"file.datetime", "datetime"}, {"file.generator", "string"}, {"file.url", "url"},
        {"organization.name", "string"}, {"organization.description", "string"},
        {"organization.type", "enum:ASSOCIATION,INFORMAL,COOPERATIVE,MICROCOMPANY,COMPANY,INDIVIDUAL,OTHER"},
        {"organization.status.level", "enum:ACTIVE,IDLE,AWAY"}, {"organization.status.description", "string"},
        {"organization.startdate", "date"}, {"organization.enddate", "date"}, {"organization.website", "url"},
        {"organization.logo", "url"}, {"organization.contact.url", "url"}, {"organization.legal.url", "url"},
        {"organization.guide.user", "url"}, {"organization.guide.technical", "url"},
        {"organization.contact.email", "email"}, {"organization.memberof.chatons.startdate", "date"},
        {"organization.memberof.chatons.enddate", "date"},
        {"organization.memberof.chatons.status.level", "enum:ACTIVE,IDLE,AWAY"},
        {"organization.memberof.chatons.status.description", "string"}, {"organization.owner.name", "string"},
        {"organization.owner.website", "url"}, {"organization.owner.logo", "url"},
        {"organization.country.name", "string"}, {"organization.country.code", "country"},
        {"organization.geolocation.latitude", "degree"}, {"organization.geolocation.longitude", "degree"},
        {"organization.geolocation.address", "string"}, {"organization.signature.publickey", "key"},
        {"service.name", "string"}, {"service.description", "string"}, {"service.website", "url"},
        {"service.logo", "url"}, {"service.legal.url", "url"}, {"service.guide.user", "url"},
        {"service.guide.technical", "url"}, {"service.contact.url", "url"}, {"service.contact.email", "email"},
        {"service.startdate", "date"}, {"service.enddate", "date"},
        {"service.status.level", "enum:ON,MAINTENANCE,DOWN,OFF,DRAFT"}, {"service.status.description", "string"},
        {"service.registration", "registration"}, {"service.registration.load", "enum:OPEN,FULL"},
        {"service.install.type", "enum:DISTRIBUTION,PROVIDER,PACKAGE,TOOLING,CLONEREPO,ARCHIVE,SOURCES,CONTAINER"},
        {"host.name", "string"}, {"host.description", "string"},
        {"host.provider.type", "enum:HOME,HOSTEDBAY,HOSTEDSERVER,OUTSOURCED"},
        {"host.server.type", "enum:NANO,PHYSICAL,VIRTUAL,SHARED,CLOUD"}, {"host.provider.hypervisor", "string"},
        {"host.server.distribution", "string"}, {"host.country.name", "string"}, {"host.country.code", "country"},
        {"software.name", "string"}, {"software.version", "string"}, {"software.license.name", "string"},
        {"software.modules", "string"}, {"software.website", "url"}, {"software.license.url", "url"},
        {"software.source.url", "url"},
    };
    CHECK(p.map.at("file.class") == klass);
    CHECK(p.map.at("file.protocol") == "StatoolInfos-0.1");
    CHECK(p.map.at("file.generator").rfind("Chatière ", 0) == 0);
    CHECK(!p.map.at(klass == "Organization" ? "organization.name" : "service.name").empty());
    for (const auto& [key, value] : p.entries) {
        INFO(key << " = " << value);
        std::string type;
        if (auto it = types.find(key); it != types.end()) type = it->second;
        else if (std::regex_match(key, std::regex("organization\\.(socialnetworks|chatrooms|funding)\\.[a-z]+"))) type = "url";
        else if (key.rfind("subs.", 0) == 0) type = "sub";
        else if (std::regex_match(key, std::regex("metrics\\.[a-z]+\\.[a-z]+\\.\\d{4}\\.months"))) type = "months";
        // Not in PROFILE.md (ChatonsInfos has no such property): our own namespaced keys (issue 18).
        else if (std::regex_match(key, std::regex("chatiere\\.membership\\.(member|renewal_due|grace|lapsed|honorary|none)\\.count"))) type = "count";
        else FAIL("key not in PROFILE.md: " << key);
        CHECK(value.find('\n') == std::string::npos);
        if (type == "url") CHECK(is_url(value));
        else if (type == "date") CHECK(is_date(value));
        else if (type == "datetime") CHECK(std::regex_match(value, std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d")));
        else if (type == "email") CHECK(std::regex_match(value, std::regex("[^@\\s]+@[^@\\s]+")));
        else if (type == "country") CHECK(std::regex_match(value, std::regex("[A-Z]{2}")));
        else if (type == "degree") CHECK(std::regex_match(value, std::regex("[+-]?\\d+[.,]\\d{1,8}")));
        else if (type == "key") CHECK(std::regex_match(value, std::regex("[A-Za-z0-9+/]{43}=")));
        else if (type == "registration") CHECK(std::regex_match(value, std::regex("(None|Free|Member|Client)(;(None|Free|Member|Client))*")));
        else if (type == "sub") {
            CHECK(value.rfind(kBase + ".well-known/chatonsinfos/service-", 0) == 0);
            CHECK(value.substr(value.size() - 11) == ".properties");
        } else if (type == "count") {
            CHECK(std::regex_match(value, std::regex("\\d+")));
            CHECK(std::stoll(value) >= 5);  // smaller counts can point at people
        } else if (type == "months") {
            // comma-separated, as ChatonsInfos 0.4 writes them (issue 14)
            CHECK(std::regex_match(value, std::regex("\\d*(,\\d*){0,11}")));
        } else if (type.rfind("enum:", 0) == 0) {
            std::string list = "," + type.substr(5) + ",";
            CHECK(list.find("," + value + ",") != std::string::npos);
        } else {
            CHECK(type == "string");
        }
    }
}

struct Fetch {
    int status = 0;
    std::string body, etag, last_modified, type;
};
Fetch get(TestServer& s, const std::string& path, httplib::Headers h = {}) {
    auto r = s.client().Get(path, h);
    REQUIRE(r);
    return {r->status, r->body, r->get_header_value("ETag"), r->get_header_value("Last-Modified"),
            r->get_header_value("Content-Type")};
}

Parsed org(TestServer& s) {
    auto f = get(s, kDir + "organization.properties");
    REQUIRE(f.status == 200);
    return parse_strict(f.body);
}

std::string path_of(const std::string& url) {
    REQUIRE(url.rfind(kBase, 0) == 0);
    return "/" + url.substr(kBase.size());
}

void with_db(TestServer& s, const std::function<void(db::Database&)>& f) {
    auto lease = s.app->db->acquire();
    f(*lease);
}

auto prefixed = [](Config& c) { c.base_url = kBase; };
// Log-in cookies are named without the __Secure- prefix on http.
auto prefixed_http = [](Config& c) { c.base_url = "http://chaton.example/portail/"; };

}  // namespace

TEST_SUITE("profile") {
    TEST_CASE("every published file parses back and matches PROFILE.md; URLs are absolute with the prefix") {
        TestServer s(prefixed);
        auto f = get(s, kDir + "organization.properties");
        REQUIRE(f.status == 200);
        CHECK(f.type == "text/plain; charset=utf-8");
        auto o = parse_strict(f.body);
        check_against_profile_md(o, "Organization");
        CHECK(o.map.at("file.url") == kBase + ".well-known/chatonsinfos/organization.properties");
        CHECK(o.map.at("organization.name") == "Le Chaton des Collines");
        CHECK(o.map.at("organization.legal.url") == kBase + "legal");
        CHECK(o.map.count("metrics.members.accounts.2025.months") == 1);
        CHECK(o.map.count("metrics.http.hits.2025.months") == 1);
        std::vector<std::string> subs;
        for (const auto& [k, v] : o.entries)
            if (k.rfind("subs.", 0) == 0) subs.push_back(v);
        CHECK(subs.size() == 5);
        CHECK(o.map.count("subs.mail") == 0);  // members-only
        CHECK(get(s, kDir + "service-mail.properties").status == 404);
        CHECK(get(s, kDir + "service-nothing.properties").status == 404);
        for (const auto& url : subs) {
            INFO(url);
            auto sf = get(s, path_of(url));
            REQUIRE(sf.status == 200);
            auto sp = parse_strict(sf.body);
            check_against_profile_md(sp, "Service");
            CHECK(sp.map.at("file.url") == url);
        }
        auto pad = parse_strict(get(s, kDir + "service-pad.properties").body);
        CHECK(pad.map.at("service.registration") == "None");
        CHECK(pad.map.at("software.name") == "Etherpad");
        auto videos = parse_strict(get(s, kDir + "service-videos.properties").body);
        CHECK(videos.map.at("service.registration.load") == "FULL");
        CHECK(videos.map.at("service.status.level") == "ON");
        // The prefixed path works too (a proxy that keeps the prefix).
        CHECK(get(s, "/portail" + kDir + "organization.properties").status == 200);
    }

    TEST_CASE("conditional GETs get 304; file.datetime stays while nothing changes") {
        TestServer s(prefixed);
        auto first = get(s, kDir + "service-cloud.properties");
        REQUIRE(first.status == 200);
        CHECK(!first.etag.empty());
        CHECK(!first.last_modified.empty());
        CHECK(get(s, kDir + "service-cloud.properties", {{"If-None-Match", first.etag}}).status == 304);
        CHECK(get(s, kDir + "service-cloud.properties", {{"If-Modified-Since", first.last_modified}}).status == 304);
        CHECK(get(s, kDir + "service-cloud.properties", {{"If-None-Match", "\"other\""}}).status == 200);
        auto sig = get(s, kDir + "service-cloud.properties.sig");
        CHECK(sig.status == 200);
        CHECK(get(s, kDir + "service-cloud.properties.sig", {{"If-None-Match", sig.etag}}).status == 304);
        auto key = get(s, kDir + "publickey.txt");
        CHECK(key.status == 200);
        CHECK(get(s, kDir + "publickey.txt", {{"If-None-Match", key.etag}}).status == 304);
        s.now += 3600;
        auto later = get(s, kDir + "service-cloud.properties");
        CHECK(later.body == first.body);
        CHECK(later.etag == first.etag);
        auto lj = get(s, "/librehost.json");
        CHECK(get(s, "/librehost.json", {{"If-None-Match", lj.etag}}).status == 304);
    }

    TEST_CASE("a service added, renamed, made members-only, put under maintenance or down shows up") {
        TestServer s(prefixed);
        auto before = org(s);
        std::string datetime = before.map.at("file.datetime");
        s.now += 600;
        int64_t id = 0;
        with_db(s, [&](db::Database& db) {
            store::put_setting(db, "signup.mode", "open", s.now);  // anyone may sign up
            store::Service n;
            n.slug = "agenda";
            n.name = "Agenda";
            n.registration = "Free";
            n.software_name = "Radicale";
            id = store::save_service(db, n, s.now);
        });
        auto added = org(s);
        CHECK(added.map.at("subs.agenda") == kBase + ".well-known/chatonsinfos/service-agenda.properties");
        CHECK(added.map.at("file.datetime") != datetime);
        auto agenda = parse_strict(get(s, kDir + "service-agenda.properties").body);
        CHECK(agenda.map.at("service.name") == "Agenda");
        CHECK(agenda.map.at("service.registration") == "Free");

        with_db(s, [&](db::Database& db) {
            auto a = *store::find_service(db, id);
            a.name = "Calendrier";
            store::save_service(db, a, s.now);
            store::put_setting(db, "signup.mode", "closed", s.now);
        });
        auto renamed = parse_strict(get(s, kDir + "service-agenda.properties").body);
        CHECK(renamed.map.at("service.name") == "Calendrier");
        CHECK(renamed.map.at("service.registration") == "Member");  // nobody can sign up freely

        with_db(s, [&](db::Database& db) {
            auto cloud = *store::find_service_by_slug(db, "cloud");
            store::NewIncident m;
            m.kind = domain::IncidentKind::Maintenance;
            m.title = "Mise à jour";
            m.state = domain::IncidentState::Scheduled;
            m.scheduled_start = s.now - 60;
            m.scheduled_end = s.now + 3600;
            m.services = {{cloud.id, "major_outage"}};
            store::create_incident(db, m, s.now - 7200);
            auto pad = *store::find_service_by_slug(db, "pad");
            store::NewIncident i;
            i.title = "Panne";
            i.impact = domain::Impact::Major;
            i.started_at = s.now - 60;
            i.services = {{pad.id, "major_outage"}};
            store::create_incident(db, i, s.now - 60);
            auto visio = *store::find_service_by_slug(db, "visio");
            visio.admin_state = "off";
            store::save_service(db, visio, s.now);
        });
        CHECK(parse_strict(get(s, kDir + "service-cloud.properties").body).map.at("service.status.level") == "MAINTENANCE");
        CHECK(parse_strict(get(s, kDir + "service-pad.properties").body).map.at("service.status.level") == "DOWN");
        CHECK(parse_strict(get(s, kDir + "service-visio.properties").body).map.at("service.status.level") == "OFF");
        s.now += 7200;  // the maintenance window is over
        CHECK(parse_strict(get(s, kDir + "service-cloud.properties").body).map.at("service.status.level") == "ON");

        with_db(s, [&](db::Database& db) {
            auto a = *store::find_service(db, id);
            a.visibility = "members";
            store::save_service(db, a, s.now);
        });
        CHECK(org(s).map.count("subs.agenda") == 0);
        CHECK(get(s, kDir + "service-agenda.properties").status == 404);
        with_db(s, [&](db::Database& db) {
            auto a = *store::find_service(db, id);
            a.visibility = "public";
            a.admin_state = "draft";
            store::save_service(db, a, s.now);
        });
        CHECK(org(s).map.count("subs.agenda") == 0);
        CHECK(get(s, kDir + "service-agenda.properties").status == 404);
    }

    TEST_CASE("what an admin or a member types cannot break a line or inject a key") {
        TestServer s(prefixed);
        const std::string name = "Evil\nsubs.evil = https://evil.example/x.properties\r\n#=\\ Кот 猫 🐈";
        const std::string description = "back\\slash\\n = # and\r\nservice.status.level = DOWN";
        with_db(s, [&](db::Database& db) {
            store::put_setting(db, "site.name", name, s.now);
            auto cloud = *store::find_service_by_slug(db, "cloud");
            cloud.description = description;
            store::save_service(db, cloud, s.now);
        });
        auto o = org(s);
        CHECK(o.map.count("subs.evil") == 0);
        std::string expected_name = name;
        expected_name.replace(expected_name.find("\r\n"), 2, "\n");
        CHECK(o.map.at("organization.name") == expected_name);
        auto c = parse_strict(get(s, kDir + "service-cloud.properties").body);
        CHECK(c.map.at("service.description") == "back\\slash\\n = # and\nservice.status.level = DOWN");
        CHECK(c.map.at("service.status.level") == "ON");
        int levels = 0;
        for (const auto& [k, v] : c.entries) levels += k == "service.status.level";
        CHECK(levels == 1);
    }

    TEST_CASE("signatures: each file verifies with the published key; a changed byte fails") {
        TestServer s(prefixed);
        REQUIRE(sodium_init() >= 0);
        auto key_text = get(s, kDir + "publickey.txt").body;
        REQUIRE(key_text.size() > 1);
        CHECK(key_text.back() == '\n');
        key_text.pop_back();
        CHECK(org(s).map.at("organization.signature.publickey") == key_text);
        auto b64 = [](const std::string& t, size_t expected) {
            std::string out(expected, '\0');
            size_t len = 0;
            REQUIRE(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), t.data(), t.size(),
                                      "\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
            REQUIRE(len == expected);
            return out;
        };
        std::string pk = b64(key_text, crypto_sign_PUBLICKEYBYTES);
        for (const char* file : {"organization.properties", "service-cloud.properties"}) {
            INFO(file);
            auto body = get(s, kDir + file).body;
            auto sig = b64(get(s, kDir + std::string(file) + ".sig").body, crypto_sign_BYTES);
            auto verify = [&](const std::string& data) {
                return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                                   reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                                                   reinterpret_cast<const unsigned char*>(pk.data())) == 0;
            };
            CHECK(verify(body));
            std::string changed = body;
            changed[changed.size() / 3] ^= 0x20;
            CHECK_FALSE(verify(changed));
        }
    }

    TEST_CASE("schema.org JSON-LD on the homepage cannot be broken out of; librehost.json") {
        TestServer s(prefixed);
        const std::string name = "Chaton</script><script>alert(1)</script><!--";
        with_db(s, [&](db::Database& db) { store::put_setting(db, "site.name", name, s.now); });
        auto home = get(s, "/", {{"Accept-Language", "en"}});
        REQUIRE(home.status == 200);
        auto start = home.body.find("<script type=\"application/ld+json\">");
        REQUIRE(start != std::string::npos);
        start += 35;
        auto end = home.body.find("</script>", start);
        REQUIRE(end != std::string::npos);
        std::string json = home.body.substr(start, end - start);
        CHECK(json.find("<script") == std::string::npos);
        CHECK(json.find("<!--") == std::string::npos);
        CHECK(home.body.find("alert(1)</script>") == std::string::npos);
        auto j = nlohmann::json::parse(json);
        CHECK(j["@type"] == "Organization");
        CHECK(j["name"] == name);
        CHECK(j["url"] == kBase);
        CHECK(j["description"].get<std::string>().find("non-profit") != std::string::npos);  // English

        auto lj = get(s, "/librehost.json");
        REQUIRE(lj.status == 200);
        CHECK(lj.type == "application/ld+json; charset=utf-8");
        auto l = nlohmann::json::parse(lj.body);
        CHECK(l["@context"] == "http://schema.org");  // the Librehosters schema (issue 14; tests/data/librehost)
        CHECK(l["version"] == "0.0.1");
        CHECK(l["name"] == name);
        CHECK(l["tagLine"] == "Des services libres, éthiques et de proximité");
        CHECK(l["privacyPolicyUrl"] == kBase + "privacy");
        CHECK(l["termsOfServiceUrl"] == kBase + "terms");
        CHECK(l["foundingDate"] == "2019");
        CHECK(l["communicationLanguages"] == nlohmann::json::array({"fr", "en"}));
        CHECK(l.contains("dateCreated"));
        CHECK(l.contains("dateModified"));
        // the homepage keeps to schema.org's Organization: terms as publishingPrinciples
        CHECK(j["publishingPrinciples"] == kBase + "terms");
        CHECK_FALSE(j.contains("privacyPolicy"));
        CHECK_FALSE(j.contains("termsOfService"));
        CHECK(j["email"] == "contact@chaton-collines.example");
        CHECK(j["foundingDate"] == "2019-03-15");
        CHECK(j["sameAs"].size() >= 2);
    }

    TEST_CASE("admin settings: generated form, validation keeping what was typed, audit, roles") {
        TestServer s(prefixed_http);
        auto anonymous = s.client().Get("/admin/settings");
        REQUIRE(anonymous);
        CHECK(anonymous->status == 303);
        testing::make_member(s, "marie");
        auto member = testing::login(s, "marie");
        CHECK(member.get("/admin/settings")->status == 403);
        CHECK(member.get("/admin/profile")->status == 403);

        auto admin = testing::login_admin(s);
        auto form = admin.get("/admin/settings", {{"Accept-Language", "en"}});
        REQUIRE(form);
        CHECK(form->status == 200);
        for (const char* id : {"field-name", "field-website", "field-chatons_startdate", "field-latitude",
                               "field-social_mastodon", "field-funding_liberapay", "field-description"})
            CHECK(form->body.find(std::string("id=\"") + id + "\"") != std::string::npos);
        CHECK(form->body.find("value=\"Le Chaton des Collines\"") != std::string::npos);
        CHECK(form->body.find("Appears in: the CHATONS profile, librehost.json, the homepage.") != std::string::npos);

        // Collect every current value so that a post changes only what the test says.
        httplib::Params fields;
        std::regex input("name=\"([a-z_.]+)\" type=\"[a-z]+\" value=\"([^\"]*)\"");
        for (std::sregex_iterator it(form->body.begin(), form->body.end(), input), e; it != e; ++it)
            fields.emplace((*it)[1], (*it)[2]);
        fields.emplace("type", "ASSOCIATION");
        fields.emplace("status_level", "ACTIVE");
        fields.emplace("chatons_status_level", "ACTIVE");
        fields.emplace("description.fr", "Une association.");
        fields.emplace("description.en", "A non-profit.");
        auto with = [&](std::string key, std::string value) {
            auto f = fields;
            f.erase(key);
            f.emplace(key, value);
            return f;
        };
        auto bad = admin.post("/admin/settings", with("website", "pas une adresse <b>"), "/admin/settings");
        REQUIRE(bad);
        CHECK(bad->status == 422);
        CHECK(bad->body.find("value=\"pas une adresse &lt;b&gt;\"") != std::string::npos);
        CHECK(bad->body.find("role=\"alert\"") != std::string::npos);
        auto bad_latitude = admin.post("/admin/settings", with("latitude", "44°55'"), "/admin/settings");
        CHECK(bad_latitude->status == 422);
        auto no_name = admin.post("/admin/settings", with("name", "  "), "/admin/settings");
        CHECK(no_name->status == 422);
        with_db(s, [&](db::Database& db) {
            CHECK(store::get_setting(db, "site.name") == "Le Chaton des Collines");  // nothing saved
        });

        auto ok = admin.post("/admin/settings", with("social_pixelfed", "https://pix.example/chaton"), "/admin/settings");
        REQUIRE(ok);
        CHECK(ok->status == 303);
        CHECK(ok->get_header_value("Location") == "/portail/admin/settings?done=saved");
        with_db(s, [&](db::Database& db) {
            CHECK(store::get_setting(db, "site.social.pixelfed") == "https://pix.example/chaton");
            CHECK(store::get_setting(db, "site.description.en") == "A non-profit.");
            auto entries = store::audit_page(db, 0, 50);
            bool found = false;
            for (const auto& e : entries) found = found || (e.action == "settings.change" && e.target == "setting:site.social.pixelfed" && e.actor == "admin");
            CHECK(found);
        });
        CHECK(org(s).map.at("organization.socialnetworks.pixelfed") == "https://pix.example/chaton");
        CHECK(org(s).map.at("organization.description") == "Une association.");
        // Without the CSRF token: refused.
        CHECK(admin.post_raw("/admin/settings", fields)->status == 403);
        // The logo may be the portal's own uploaded file (a local path); it is published absolute.
        auto local_logo = admin.post("/admin/settings", with("logo", "/portail/logo"), "/admin/settings");
        REQUIRE(local_logo);
        CHECK(local_logo->status == 303);
        CHECK(org(s).map.at("organization.logo").rfind("http", 0) == 0);
        CHECK(org(s).map.at("organization.logo").find("/portail/logo") != std::string::npos);
        auto elsewhere = admin.post("/admin/settings", with("logo", "//evil.example/x.png"), "/admin/settings");
        CHECK(elsewhere->status == 422);
    }

    TEST_CASE("admin profile page: the demo is clean but for its plain-http address; a problem links to its field") {
        TestServer s(prefixed_http);
        auto admin = testing::login_admin(s);
        auto page = admin.get("/admin/profile", {{"Accept-Language", "en"}});
        REQUIRE(page);
        CHECK(page->status == 200);
        // The test portal's address is http: the one thing the directory could not follow.
        CHECK(page->body.find("0 error(s), 1 warning(s) in 6 file(s).") != std::string::npos);
        CHECK(page->body.find("is plain http: the collective&apos;s directory expects https") != std::string::npos);
        int64_t cloud_id = 0;
        with_db(s, [&](db::Database& db) {
            store::put_setting(db, "site.contact.email", "", s.now);
            store::put_setting(db, "site.geolocation.latitude", "north", s.now);
            auto cloud = *store::find_service_by_slug(db, "cloud");
            cloud.website = "not a url";
            store::save_service(db, cloud, s.now);
            cloud_id = cloud.id;
        });
        page = admin.get("/admin/profile", {{"Accept-Language", "en"}});
        CHECK(page->body.find("href=\"/portail/admin/settings#field-contact_email\"") != std::string::npos);
        CHECK(page->body.find("href=\"/portail/admin/settings#field-latitude\"") != std::string::npos);
        CHECK(page->body.find("href=\"/portail/admin/services/" + std::to_string(cloud_id) + "#f-website\"") !=
              std::string::npos);
        CHECK(page->body.find("not a decimal degree") != std::string::npos);

        // The directory push address: off by default, validated, saved and audited.
        with_db(s, [&](db::Database& db) { CHECK(store::get_setting_or(db, "profile.push.url", "") == ""); });
        auto bad = admin.post("/admin/profile/push", {{"push_url", "javascript:alert(1)"}}, "/admin/profile");
        REQUIRE(bad);
        CHECK(bad->status == 422);
        CHECK(bad->body.find("value=\"javascript:alert(1)\"") != std::string::npos);
        auto ok = admin.post("/admin/profile/push", {{"push_url", "https://annuaire.example/ping"}}, "/admin/profile");
        REQUIRE(ok);
        CHECK(ok->status == 303);
        with_db(s, [&](db::Database& db) {
            CHECK(store::get_setting_or(db, "profile.push.url", "") == "https://annuaire.example/ping");
        });
    }
}
