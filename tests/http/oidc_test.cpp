// The portal as an OpenID Connect provider, over HTTP (issue 17): the code flow end to end,
// and every refusal the issue lists.
#include <doctest/doctest.h>
#include <sodium.h>

#include <mutex>

#include "oidc/jwt.h"
#include "oidc/provider.h"
#include "store/audit.h"
#include "store/members.h"
#include "store/services.h"
#include "support/auth.h"

using namespace chatiere;
using namespace chatiere::testing;

namespace {

const std::string kRedirect = "https://rp.example/callback";
const std::string kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

struct Rp {
    std::string id, secret;
};

Rp add_client(TestServer& s, oidc::NewClient c = {}) {
    if (c.name.empty()) c.name = "Nuage";
    if (c.redirect_uris.empty()) c.redirect_uris = {kRedirect};
    auto lease = s.app->db->acquire();
    auto created = oidc::create_client(*lease, c, std::nullopt, "", s.now);
    REQUIRE(created.error.empty());
    return {created.client_id, created.client_secret};
}

std::map<std::string, std::string> query_of(const std::string& url) {
    std::map<std::string, std::string> out;
    auto q = url.find('?');
    if (q == std::string::npos) return out;
    auto form = http::Form::parse_urlencoded(url.substr(q + 1), 50);
    for (const auto& [k, v] : form.fields()) out[k] = v;
    return out;
}

std::string authorize_path(const Rp& rp, const std::string& extra = "", const std::string& redirect = kRedirect) {
    return "/oidc/authorize?response_type=code&scope=openid%20profile%20email%20groups&client_id=" + rp.id +
           "&redirect_uri=" + http::percent_encode(redirect) + "&state=st%20ate&nonce=n-1" + extra;
}

// The member goes through /oidc/authorize (consenting when asked); returns the redirect's query.
std::map<std::string, std::string> authorize(Browser& b, const Rp& rp, const std::string& extra = "") {
    auto r = b.get(authorize_path(rp, extra));
    REQUIRE(r);
    if (r->status == 200) {
        REQUIRE(r->body.find("oidc/consent") != std::string::npos);
        httplib::Params fields;
        for (const auto& [k, v] : query_of(authorize_path(rp, extra))) fields.emplace(k, v);
        fields.emplace("decision", "allow");
        r = b.post("/oidc/consent", fields, "/account");
        REQUIRE(r);
        CHECK(r->status == 303);
    } else {
        CHECK(r->status == 302);
    }
    std::string location = r->get_header_value("Location");
    REQUIRE(location.rfind(kRedirect, 0) == 0);
    return query_of(location);
}

std::string basic(const Rp& rp) {
    std::string raw = rp.id + ":" + rp.secret;
    std::string b64(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    b64.pop_back();
    return "Basic " + b64;
}

std::pair<int, nlohmann::json> token(TestServer& s, const Rp& rp, const httplib::Params& fields) {
    auto c = s.client();
    auto r = c.Post("/oidc/token", {{"Authorization", basic(rp)}}, fields);
    REQUIRE(r);
    return {r->status, nlohmann::json::parse(r->body, nullptr, false)};
}

std::pair<int, nlohmann::json> redeem(TestServer& s, const Rp& rp, const std::string& code,
                                      const std::string& verifier = "") {
    httplib::Params p{{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kRedirect}};
    if (!verifier.empty()) p.emplace("code_verifier", verifier);
    return token(s, rp, p);
}

std::pair<int, nlohmann::json> refresh(TestServer& s, const Rp& rp, const std::string& refresh_token) {
    return token(s, rp, {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}});
}

int userinfo_status(TestServer& s, const std::string& access) {
    auto c = s.client();
    auto r = c.Get("/oidc/userinfo", {{"Authorization", "Bearer " + access}});
    REQUIRE(r);
    return r->status;
}

// The claims of a JWT checked against the portal's JWKS, as a client does.
nlohmann::json verified(TestServer& s, const std::string& jwt) {
    auto c = s.client();
    auto r = c.Get("/oidc/jwks");
    REQUIRE(r);
    auto jwks = nlohmann::json::parse(r->body);
    auto header = nlohmann::json::parse(oidc::base64url_decode(jwt.substr(0, jwt.find('.'))));
    for (const auto& k : jwks["keys"])
        if (k["kid"] == header["kid"])
            if (auto claims = oidc::verify_jwt(jwt, k)) return *claims;
    FAIL("no key of the JWKS verifies the token");
    return {};
}

int64_t member_id(TestServer& s, const std::string& name) {
    auto lease = s.app->db->acquire();
    return store::find_member_by_login(*lease, name)->id;
}

bool audited(TestServer& s, const std::string& action, const std::string& details_part) {
    auto lease = s.app->db->acquire();
    for (const auto& e : store::audit_page(*lease, 0, 500))
        if (e.action == action && e.details.find(details_part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("oidc: discovery, code flow, ID token, userinfo, refresh") {
    TestServer s;
    auto rp = add_client(s, {.name = "Nuage", .service_slug = "cloud"});
    auto c = s.client();
    auto d = c.Get("/.well-known/openid-configuration");
    REQUIRE(d);
    CHECK(d->status == 200);
    CHECK(d->get_header_value("Access-Control-Allow-Origin") == "*");
    auto disco = nlohmann::json::parse(d->body);
    const std::string issuer = "http://127.0.0.1:8080";
    CHECK(disco["issuer"] == issuer);
    CHECK(disco["token_endpoint"] == issuer + "/oidc/token");
    CHECK(disco["end_session_endpoint"] == issuer + "/oidc/logout");
    CHECK(disco["authorization_response_iss_parameter_supported"] == true);

    make_member(s, "alice", "correct horse battery", false, "active", "alice@example.org");
    {
        auto lease = s.app->db->acquire();
        store::attach_service(*lease, member_id(s, "alice"), store::find_service_by_slug(*lease, "cloud")->id, "alice.nuage", s.now);
    }
    auto b = login(s, "alice");
    auto q = authorize(b, rp, "&code_challenge=" + kChallenge + "&code_challenge_method=S256");
    CHECK(q["state"] == "st ate");  // returned untouched
    CHECK(q["iss"] == issuer);      // RFC 9207
    REQUIRE(q.count("code"));

    auto [status, t] = redeem(s, rp, q["code"], kVerifier);
    REQUIRE(status == 200);
    CHECK(t["token_type"] == "Bearer");
    CHECK(t["expires_in"] == 300);
    auto id = verified(s, t["id_token"]);
    CHECK(id["iss"] == issuer);
    CHECK(id["aud"] == rp.id);
    CHECK(id["nonce"] == "n-1");
    CHECK(id["preferred_username"] == "alice.nuage");  // the identifier recorded on the client's service
    CHECK(id["email"] == "alice@example.org");
    CHECK(id["groups"] == nlohmann::json::array({"cloud"}));
    CHECK(id["amr"] == nlohmann::json::array({"pwd"}));
    CHECK(id["auth_time"].get<int64_t>() <= s.now);
    CHECK(id["exp"].get<int64_t>() > s.now);
    const std::string sub = id["sub"];

    auto u = c.Get("/oidc/userinfo", {{"Authorization", "Bearer " + t["access_token"].get<std::string>()}});
    REQUIRE(u);
    CHECK(u->status == 200);
    CHECK(u->get_header_value("Access-Control-Allow-Origin") == "*");
    auto info = nlohmann::json::parse(u->body);
    CHECK(info["sub"] == sub);
    CHECK(info["name"] == "alice");

    // A second log-in asks no second consent, and the sub stays the same after a rename.
    {
        auto lease = s.app->db->acquire();
        auto m = *store::find_member(*lease, member_id(s, "alice"));
        m.display_name = "Alice R.";
        store::update_member_profile(*lease, m, s.now);
    }
    auto r2 = b.get(authorize_path(rp));
    REQUIRE(r2);
    CHECK(r2->status == 302);
    auto [status2, t2] = redeem(s, rp, query_of(r2->get_header_value("Location"))["code"]);
    REQUIRE(status2 == 200);
    CHECK(verified(s, t2["id_token"])["sub"] == sub);
    CHECK(verified(s, t2["id_token"])["name"] == "Alice R.");

    // Refresh: a new pair; the access token ends after 5 minutes.
    auto [rs, rt] = refresh(s, rp, t["refresh_token"]);
    REQUIRE(rs == 200);
    CHECK(rt["refresh_token"] != t["refresh_token"]);
    CHECK(userinfo_status(s, rt["access_token"]) == 200);
    s.now += 301;
    CHECK(userinfo_status(s, rt["access_token"]) == 401);
    CHECK(refresh(s, rp, rt["refresh_token"]).first == 200);
    // Token answers are never cached; the token endpoint is no CORS endpoint.
    auto tr = c.Post("/oidc/token", {{"Authorization", basic(rp)}}, httplib::Params{{"grant_type", "refresh_token"}, {"refresh_token", "x"}});
    REQUIRE(tr);
    CHECK(tr->get_header_value("Cache-Control") == "no-store");
    CHECK_FALSE(tr->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("oidc: an unregistered redirect URI gets an error page, never a redirect") {
    TestServer s;
    auto rp = add_client(s);
    make_member(s, "alice");
    auto b = login(s, "alice");
    for (const std::string& uri : {"https://evil.example/callback", "https://rp.example/callback/", "https://rp.example/callback?x=1", ""}) {
        CAPTURE(uri);
        auto r = b.get(authorize_path(rp, "", uri));
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK_FALSE(r->has_header("Location"));
    }
    // Even a malformed request with a bad URI, and even an unknown client.
    auto r = b.get("/oidc/authorize?client_id=" + rp.id + "&redirect_uri=https%3A%2F%2Fevil.example%2F&response_type=token");
    CHECK(r->status == 400);
    CHECK_FALSE(r->has_header("Location"));
    r = b.get("/oidc/authorize?client_id=nobody&redirect_uri=" + http::percent_encode(kRedirect) + "&response_type=code&scope=openid");
    CHECK(r->status == 400);
    CHECK_FALSE(r->has_header("Location"));
    CHECK(audited(s, "oidc.refuse", "unregistered redirect_uri"));
    // A good URI with a bad request: the error goes back to the client, with the state.
    auto bad = b.get("/oidc/authorize?client_id=" + rp.id + "&redirect_uri=" + http::percent_encode(kRedirect) +
                     "&response_type=code&scope=profile&state=xyz");
    CHECK(bad->status == 302);
    auto q = query_of(bad->get_header_value("Location"));
    CHECK(q["error"] == "invalid_scope");
    CHECK(q["state"] == "xyz");
}

TEST_CASE("oidc: a replayed code is refused and revokes what it issued") {
    TestServer s;
    auto rp = add_client(s);
    make_member(s, "alice");
    auto b = login(s, "alice");
    auto code = authorize(b, rp)["code"];
    auto [first, t] = redeem(s, rp, code);
    REQUIRE(first == 200);
    CHECK(userinfo_status(s, t["access_token"]) == 200);
    auto [again, e] = redeem(s, rp, code);
    CHECK(again == 400);
    CHECK(e["error"] == "invalid_grant");
    CHECK(userinfo_status(s, t["access_token"]) == 401);
    CHECK(refresh(s, rp, t["refresh_token"]).first == 400);
    CHECK(audited(s, "oidc.revoke", "code replayed"));
    // And a code lives 60 seconds.
    auto late = authorize(b, rp)["code"];
    s.now += 61;
    CHECK(redeem(s, rp, late).second["error"] == "invalid_grant");
}

TEST_CASE("oidc: PKCE — a wrong verifier is refused; public clients must use it") {
    TestServer s;
    auto rp = add_client(s);
    make_member(s, "alice");
    auto b = login(s, "alice");
    auto code = authorize(b, rp, "&code_challenge=" + kChallenge + "&code_challenge_method=S256")["code"];
    auto [st, e] = redeem(s, rp, code, "wrong-verifier-wrong-verifier-wrong-verifier-1");
    CHECK(st == 400);
    CHECK(e["error"] == "invalid_grant");
    CHECK(redeem(s, rp, code).first == 400);  // no verifier at all
    CHECK(redeem(s, rp, code, kVerifier).first == 200);
    // A verifier for a code issued without challenge is refused too (no downgrade).
    auto plain = authorize(b, rp)["code"];
    CHECK(redeem(s, rp, plain, kVerifier).first == 400);

    auto pub = add_client(s, {.name = "Appli", .is_public = true});
    auto r = b.get(authorize_path(pub));
    REQUIRE(r);
    CHECK(r->status == 302);
    CHECK(query_of(r->get_header_value("Location"))["error"] == "invalid_request");
    auto pq = authorize(b, pub, "&code_challenge=" + kChallenge + "&code_challenge_method=S256");
    auto c = s.client();
    auto ok = c.Post("/oidc/token", httplib::Params{{"grant_type", "authorization_code"}, {"code", pq["code"]},
                                                    {"redirect_uri", kRedirect}, {"client_id", pub.id},
                                                    {"code_verifier", kVerifier}});
    REQUIRE(ok);
    CHECK(ok->status == 200);
}

TEST_CASE("oidc: a wrong client secret is refused, and the token endpoint is throttled per client") {
    TestServer s;
    auto rp = add_client(s);
    auto post_rp = add_client(s, {.name = "Post", .auth_method = "post"});
    make_member(s, "alice");
    auto b = login(s, "alice");
    auto code = authorize(b, rp)["code"];
    Rp wrong{rp.id, rp.secret + "x"};
    auto [st, e] = redeem(s, wrong, code);
    CHECK(st == 401);
    CHECK(e["error"] == "invalid_client");
    Rp other{post_rp.id, rp.secret};
    CHECK(redeem(s, other, code).first == 401);
    // A client registered for client_secret_post may not switch to Basic, nor the reverse.
    CHECK(redeem(s, post_rp, code).first == 401);
    auto c = s.client();
    auto r = c.Post("/oidc/token", httplib::Params{{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kRedirect},
                                                   {"client_id", rp.id}, {"client_secret", rp.secret}});
    CHECK(r->status == 401);
    CHECK(audited(s, "oidc.refuse", "client authentication failed"));
    // The good secret still works (the code is intact).
    CHECK(redeem(s, rp, code).first == 200);
    // Guessing: after the free failures, each new try waits.
    int throttled = 0;
    for (int i = 0; i < 15; ++i)
        if (redeem(s, wrong, "nothing").first == 429) ++throttled;
    CHECK(throttled > 0);
}

TEST_CASE("oidc: a reused refresh token is refused and ends its family") {
    TestServer s;
    auto rp = add_client(s);
    make_member(s, "alice");
    auto b = login(s, "alice");
    auto [st, t] = redeem(s, rp, authorize(b, rp)["code"]);
    REQUIRE(st == 200);
    auto [st2, t2] = refresh(s, rp, t["refresh_token"]);
    REQUIRE(st2 == 200);
    auto [st3, e] = refresh(s, rp, t["refresh_token"]);  // the old one again: stolen?
    CHECK(st3 == 400);
    CHECK(e["error"] == "invalid_grant");
    CHECK(refresh(s, rp, t2["refresh_token"]).first == 400);  // the whole family is gone
    CHECK(userinfo_status(s, t2["access_token"]) == 401);
    CHECK(audited(s, "oidc.revoke", "refresh token reused"));
    // Another client cannot use this client's refresh token.
    auto rp2 = add_client(s, {.name = "Autre"});
    auto [st4, t4] = redeem(s, rp, authorize(b, rp)["code"]);
    REQUIRE(st4 == 200);
    CHECK(refresh(s, rp2, t4["refresh_token"]).first == 400);
}

TEST_CASE("oidc: a suspended member is refused at once and clients are told by back-channel logout") {
    // The client's back-channel URI: a test receiver on loopback (allowed as for webhooks).
    struct Receiver {
        httplib::Server server;
        std::mutex mutex;
        std::vector<std::string> received;
        std::thread thread;
        int port = 0;
        Receiver() {
            server.Post("/backchannel", [this](const httplib::Request& req, httplib::Response& res) {
                std::lock_guard lock(mutex);
                received.push_back(req.get_param_value("logout_token"));
                res.status = 200;
            });
            port = server.bind_to_any_port("127.0.0.1");
            thread = std::thread([this] { server.listen_after_bind(); });
        }
        ~Receiver() {
            server.stop();
            if (thread.joinable()) thread.join();
        }
    } receiver;
    const int port = receiver.port;
    auto& received = receiver.received;

    TestServer s([](Config& c) { c.webhook_allow_private = true; });
    auto rp = add_client(s, {.name = "Nuage", .backchannel_logout_uri = "http://127.0.0.1:" + std::to_string(port) + "/backchannel"});
    auto quiet = add_client(s, {.name = "Sans back-channel"});
    make_member(s, "bob");
    auto b = login(s, "bob");
    auto [st, t] = redeem(s, rp, authorize(b, rp)["code"]);
    REQUIRE(st == 200);
    auto [qst, qt] = redeem(s, quiet, authorize(b, quiet)["code"]);
    REQUIRE(qst == 200);
    const std::string sub = verified(s, t["id_token"])["sub"];
    const std::string sid = verified(s, t["id_token"])["sid"];
    CHECK_FALSE(sid.empty());

    auto admin = login_admin(s);
    auto r = admin.post("/admin/members/" + std::to_string(member_id(s, "bob")) + "/suspend", {}, "/admin/members");
    REQUIRE(r);
    CHECK(r->status == 303);
    // Refused at once: refresh tokens, access tokens, new log-ins.
    CHECK(refresh(s, rp, t["refresh_token"]).first == 400);
    CHECK(refresh(s, quiet, qt["refresh_token"]).first == 400);
    CHECK(userinfo_status(s, t["access_token"]) == 401);
    CHECK(audited(s, "oidc.revoke", "suspended"));

    // The job loop's delivery, run now.
    {
        auto lease = s.app->db->acquire();
        int sent = oidc::deliver_backchannel_logouts(*lease, s.now, [](const std::string& url, const std::string& body) {
            return oidc::http_post_form(url, body, true);
        });
        CHECK(sent == 1);
    }
    std::lock_guard lock(receiver.mutex);
    REQUIRE(received.size() == 1);
    auto header = nlohmann::json::parse(oidc::base64url_decode(received[0].substr(0, received[0].find('.'))));
    CHECK(header["typ"] == "logout+jwt");
    auto claims = verified(s, received[0]);
    CHECK(claims["sub"] == sub);
    CHECK(claims["sid"] == sid);  // the very log-in, for clients that end sessions by sid
    CHECK(claims["aud"] == rp.id);
    CHECK(claims["iss"] == "http://127.0.0.1:8080");
    CHECK(claims.contains("jti"));
    CHECK_FALSE(claims.contains("nonce"));
    CHECK(claims["events"].contains("http://schemas.openid.net/event/backchannel-logout"));

    // Suspended: the portal's log-in refuses, so no code either; reactivated, it works again.
    CHECK(b.get(authorize_path(rp))->status == 302);
    CHECK(b.get(authorize_path(rp))->get_header_value("Location").find("/login") != std::string::npos);
}

TEST_CASE("oidc: back-channel logout to a private address needs the webhook setting") {
    TestServer s;  // webhook_allow_private is off
    CHECK_FALSE(oidc::http_post_form("http://127.0.0.1:9/backchannel", "logout_token=x", false).empty());
}

TEST_CASE("oidc: a member outside the client's group is refused; detaching removes the group") {
    TestServer s;
    auto rp = add_client(s, {.name = "Nuage", .group_slug = "cloud"});
    auto open_rp = add_client(s, {.name = "Pad"});
    make_member(s, "carol");
    int64_t carol = member_id(s, "carol");
    auto b = login(s, "carol");
    auto r = b.get(authorize_path(rp));
    REQUIRE(r);
    CHECK(r->status == 302);
    CHECK(query_of(r->get_header_value("Location"))["error"] == "access_denied");
    CHECK(audited(s, "oidc.refuse", "not_in_group"));

    auto admin = login_admin(s);
    int64_t cloud = 0;
    {
        auto lease = s.app->db->acquire();
        cloud = store::find_service_by_slug(*lease, "cloud")->id;
    }
    admin.post("/admin/members/" + std::to_string(carol) + "/services", {{"service_id", std::to_string(cloud)}}, "/admin/members");
    auto [st, t] = redeem(s, rp, authorize(b, rp)["code"]);
    REQUIRE(st == 200);
    CHECK(verified(s, t["id_token"])["groups"] == nlohmann::json::array({"cloud"}));
    auto [ost, ot] = redeem(s, open_rp, authorize(b, open_rp)["code"]);
    REQUIRE(ost == 200);

    auto d = admin.post("/admin/members/" + std::to_string(carol) + "/services/" + std::to_string(cloud) + "/detach", {},
                        "/admin/members");
    CHECK(d->status == 303);
    CHECK(refresh(s, rp, t["refresh_token"]).first == 400);  // restricted to cloud: refused at once
    auto [rst, rt] = refresh(s, open_rp, ot["refresh_token"]);  // the open client goes on,
    REQUIRE(rst == 200);
    CHECK(verified(s, rt["id_token"])["groups"] == nlohmann::json::array());  // without the group
    CHECK(b.get(authorize_path(rp))->get_header_value("Location").find("error=access_denied") != std::string::npos);
}

TEST_CASE("oidc: a consent the member revoked stops working; the next log-in asks again") {
    TestServer s;
    auto rp = add_client(s);
    make_member(s, "dan");
    auto b = login(s, "dan");
    auto [st, t] = redeem(s, rp, authorize(b, rp)["code"]);
    REQUIRE(st == 200);
    auto page = b.get("/account/apps");
    REQUIRE(page);
    CHECK(page->body.find("Nuage") != std::string::npos);
    int64_t row = 0;
    {
        auto lease = s.app->db->acquire();
        row = store::find_oidc_client(*lease, rp.id)->id;
    }
    auto r = b.post("/account/apps/" + std::to_string(row) + "/revoke", {}, "/account");
    CHECK(r->status == 303);
    CHECK(refresh(s, rp, t["refresh_token"]).first == 400);
    CHECK(userinfo_status(s, t["access_token"]) == 401);
    CHECK(audited(s, "oidc.revoke", "consent withdrawn"));
    auto again = b.get(authorize_path(rp));
    CHECK(again->status == 200);  // the consent page again
    CHECK(again->body.find("oidc/consent") != std::string::npos);
    // prompt=none cannot skip it.
    auto none = b.get(authorize_path(rp, "&prompt=none"));
    CHECK(query_of(none->get_header_value("Location"))["error"] == "consent_required");
    // Nor can another member revoke it (nothing of theirs): 404.
    make_member(s, "eve");
    auto e = login(s, "eve");
    CHECK(e.post("/account/apps/" + std::to_string(row) + "/revoke", {}, "/account")->status == 404);
}

TEST_CASE("oidc: the consent form is CSRF-protected; declining goes back with access_denied") {
    TestServer s;
    auto rp = add_client(s);
    make_member(s, "fay");
    auto b = login(s, "fay");
    httplib::Params fields;
    for (const auto& [k, v] : query_of(authorize_path(rp))) fields.emplace(k, v);
    fields.emplace("decision", "allow");
    auto forged = b.post_raw("/oidc/consent", fields);
    CHECK(forged->status == 403);
    fields.erase("decision");
    fields.emplace("decision", "deny");
    auto r = b.post("/oidc/consent", fields, "/account");
    CHECK(r->status == 303);
    auto q = query_of(r->get_header_value("Location"));
    CHECK(q["error"] == "access_denied");
    CHECK(q["state"] == "st ate");
    // The consent page's form may end at the client: form-action names its origin.
    auto page = b.get(authorize_path(rp));
    CHECK(page->get_header_value("Content-Security-Policy").find("form-action 'self' https://rp.example;") != std::string::npos);
}

TEST_CASE("oidc: prompt=none, prompt=login and max_age") {
    TestServer s;
    auto rp = add_client(s);
    make_member(s, "gus");
    Browser anonymous(s);
    auto r = anonymous.get(authorize_path(rp, "&prompt=none"));
    CHECK(query_of(r->get_header_value("Location"))["error"] == "login_required");
    r = anonymous.get(authorize_path(rp));
    CHECK(r->status == 302);
    // (httplib's client hands back the Location decoded: compare the decoded form.)
    CHECK(r->get_header_value("Location").rfind("/login?next=/oidc/authorize?response_type=code", 0) == 0);
    // The log-in page lets its form end at the client (browsers check form-action on redirects).
    auto lp = anonymous.get("/login?next=" + http::percent_encode(authorize_path(rp)));
    CHECK(lp->get_header_value("Content-Security-Policy").find("form-action 'self' https://rp.example;") != std::string::npos);
    // …but not for a client's unregistered URI.
    auto other = anonymous.get("/login?next=" + http::percent_encode(authorize_path(rp, "", "https://evil.example/cb")));
    CHECK(other->get_header_value("Content-Security-Policy").find("evil") == std::string::npos);

    auto b = login(s, "gus");
    authorize(b, rp);  // consent given
    r = b.get(authorize_path(rp, "&prompt=login"));
    CHECK(r->status == 302);
    std::string again = r->get_header_value("Location");
    CHECK(again.rfind("/login?reauth=1&next=", 0) == 0);
    CHECK(again.find("prompt") == std::string::npos);
    CHECK(b.get("/login?reauth=1&next=" + http::percent_encode(authorize_path(rp)))->body.find("id=\"password\"") !=
          std::string::npos);  // the form, although logged in
    CHECK(b.get("/login?next=" + http::percent_encode(authorize_path(rp)))->status == 303);  // without reauth: on
    s.now += 100;
    r = b.get(authorize_path(rp, "&max_age=60"));
    CHECK(r->get_header_value("Location").rfind("/login?reauth=1", 0) == 0);
    r = b.get(authorize_path(rp, "&max_age=60&prompt=none"));
    CHECK(query_of(r->get_header_value("Location"))["error"] == "login_required");
    r = b.get(authorize_path(rp, "&max_age=600"));
    CHECK(r->get_header_value("Location").rfind(kRedirect, 0) == 0);
}

TEST_CASE("oidc: RP-initiated logout goes only to registered post-logout URIs") {
    TestServer s;
    auto rp = add_client(s, {.name = "Nuage", .post_logout_uris = {"https://rp.example/bye"}});
    make_member(s, "hal");
    auto b = login(s, "hal");
    auto [st, t] = redeem(s, rp, authorize(b, rp)["code"]);
    REQUIRE(st == 200);
    std::string hint = t["id_token"];
    auto bad = b.get("/oidc/logout?id_token_hint=" + hint + "&post_logout_redirect_uri=" + http::percent_encode("https://evil.example/"));
    CHECK(bad->status == 400);
    CHECK_FALSE(bad->has_header("Location"));
    auto forged = b.get("/oidc/logout?id_token_hint=" + hint.substr(0, hint.size() - 4) + "AAAA&post_logout_redirect_uri=" +
                        http::percent_encode("https://rp.example/bye"));
    CHECK(forged->status == 400);
    auto page = b.get("/oidc/logout?id_token_hint=" + hint + "&post_logout_redirect_uri=" +
                      http::percent_encode("https://rp.example/bye") + "&state=s1");
    CHECK(page->status == 200);  // a confirmation: a link alone logs nobody out
    CHECK(b.get("/account")->status == 200);
    auto out = b.post("/oidc/logout", {{"id_token_hint", hint}, {"post_logout_redirect_uri", "https://rp.example/bye"}, {"state", "s1"}}, "/account");
    CHECK(out->status == 303);
    CHECK(out->get_header_value("Location") == "https://rp.example/bye?state=s1");
    CHECK(b.get("/account")->status == 303);  // logged out of the portal
}

TEST_CASE("oidc: keys — rotation keeps the previous key published until its tokens expire") {
    TestServer s;
    auto c = s.client();
    auto before = nlohmann::json::parse(c.Get("/oidc/jwks")->body)["keys"];
    CHECK(before.size() == 2);  // RS256 and EdDSA
    {
        auto lease = s.app->db->acquire();
        oidc::rotate_keys(*lease, s.now);
    }
    auto during = nlohmann::json::parse(c.Get("/oidc/jwks")->body)["keys"];
    CHECK(during.size() == 4);
    s.now += oidc::kIdTokenSeconds + 1;
    auto after = nlohmann::json::parse(c.Get("/oidc/jwks")->body)["keys"];
    CHECK(after.size() == 2);
    CHECK(after[0]["kid"] != before[0]["kid"]);
    for (const auto& k : after) {
        CHECK_FALSE(k.contains("d"));
        CHECK_FALSE(k.contains("p"));
    }
}

TEST_CASE("oidc: EdDSA clients get EdDSA ID tokens") {
    TestServer s;
    auto rp = add_client(s, {.name = "Ed", .alg = "EdDSA"});
    make_member(s, "ida");
    auto b = login(s, "ida");
    auto [st, t] = redeem(s, rp, authorize(b, rp)["code"]);
    REQUIRE(st == 200);
    std::string jwt = t["id_token"];
    CHECK(nlohmann::json::parse(oidc::base64url_decode(jwt.substr(0, jwt.find('.'))))["alg"] == "EdDSA");
    CHECK(verified(s, jwt)["aud"] == rp.id);
}

TEST_CASE("oidc: clients are validated; the admins group is reserved; /admin/apps") {
    TestServer s;
    auto lease = s.app->db->acquire();
    auto refused = [&](oidc::NewClient c) {
        if (c.name.empty()) c.name = "x";
        return !oidc::create_client(*lease, c, std::nullopt, "", s.now).error.empty();
    };
    CHECK(refused({.redirect_uris = {}}));
    CHECK(refused({.redirect_uris = {"http://rp.example/cb"}}));
    CHECK(refused({.redirect_uris = {kRedirect}, .service_slug = "nope"}));
    CHECK(refused({.redirect_uris = {kRedirect}, .group_slug = "nope"}));
    CHECK(refused({.redirect_uris = {kRedirect}, .alg = "HS256"}));
    CHECK_FALSE(refused({.redirect_uris = {kRedirect}, .group_slug = "admins"}));

    auto admin = login_admin(s);
    auto page = admin.get("/admin/apps?lang=en");
    CHECK(page->status == 200);
    auto created = admin.post("/admin/apps", {{"name", "Forge"}, {"redirect_uris", "https://forge.example/cb\r\nhttps://forge.example/cb2"},
                                              {"service", "pad"}, {"group", ""}, {"auth", "basic"}, {"alg", "RS256"}}, "/admin/apps");
    CHECK(created->status == 201);
    CHECK(created->body.find("client_secret=") != std::string::npos);
    CHECK(admin.get("/admin/apps")->body.find("client_secret=") == std::string::npos);  // shown once
    auto bad = admin.post("/admin/apps", {{"name", "Bad"}, {"redirect_uris", "http://forge.example/cb"}}, "/admin/apps");
    CHECK(bad->status == 422);
    CHECK(bad->body.find("http://forge.example/cb: a redirect URI is https, or http only on a loopback address") !=
          std::string::npos);
    // The pad service now says members log in with their portal account.
    auto pad = admin.get("/status/services/pad");
    CHECK(pad->body.find("portal account") != std::string::npos);

    auto reserved = admin.post("/admin/services/new", {{"slug", "admins"}, {"name", "Admins"}}, "/admin/services/new");
    CHECK(reserved->status == 422);
    CHECK(reserved->body.find("reserved (the administrators") != std::string::npos);
    // Non-admins cannot see the page.
    make_member(s, "joe");
    CHECK(login(s, "joe").get("/admin/apps")->status == 403);
}

TEST_CASE("oidc: a portal under a path (/portail/) is its own issuer there") {
    TestServer s([](Config& c) { c.base_url = "http://127.0.0.1:8080/portail/"; });
    auto rp = add_client(s);
    auto c = s.client();
    auto d = c.Get("/portail/.well-known/openid-configuration");
    REQUIRE(d);
    REQUIRE(d->status == 200);
    auto disco = nlohmann::json::parse(d->body);
    CHECK(disco["issuer"] == "http://127.0.0.1:8080/portail");
    CHECK(disco["authorization_endpoint"] == "http://127.0.0.1:8080/portail/oidc/authorize");
    CHECK(disco["jwks_uri"] == "http://127.0.0.1:8080/portail/oidc/jwks");
    CHECK(c.Get("/portail/oidc/jwks")->status == 200);
    // The log-in it sends an anonymous visitor to is under the path too, and comes back there.
    auto r = c.Get(("/portail" + authorize_path(rp)).c_str());
    REQUIRE(r);
    CHECK(r->status == 302);
    CHECK(r->get_header_value("Location").rfind("/portail/login?next=/oidc/authorize?", 0) == 0);
}
