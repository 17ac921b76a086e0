// The OpenID Connect provider's parsers, PKCE, redirect URI rules and JWT signing (issue 17).
#include <doctest/doctest.h>
#include <sodium.h>

#include "auth/random.h"
#include "http/errors.h"
#include "oidc/jwt.h"
#include "oidc/request.h"

using namespace chatiere;

namespace {
http::Form form(std::string_view text) { return http::Form::parse_urlencoded(text, 100); }
}  // namespace

TEST_CASE("oidc: authorization request parameters") {
    auto ok = oidc::parse_authorization_request(
        form("response_type=code&client_id=abc&redirect_uri=https%3A%2F%2Frp.example%2Fcb&scope=email+openid+bogus+email"
             "&state=s%20t&nonce=n&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
             "&prompt=login+consent&max_age=30"));
    CHECK_FALSE(ok.error);
    CHECK(ok.scope_text() == "openid email");  // known scopes only, openid first, no duplicates
    CHECK(ok.state == "s t");
    CHECK(ok.has_state);
    CHECK(ok.redirect_uri == "https://rp.example/cb");
    CHECK(ok.prompt.count("login") == 1);
    CHECK(ok.max_age == 30);

    auto code_of = [](std::string_view q) {
        auto r = oidc::parse_authorization_request(form(q));
        return r.error ? r.error->code : std::string("ok");
    };
    CHECK(code_of("response_type=code&client_id=a&scope=openid") == "ok");
    CHECK(code_of("response_type=code&client_id=a&scope=profile") == "invalid_scope");
    CHECK(code_of("response_type=token&client_id=a&scope=openid") == "unsupported_response_type");
    CHECK(code_of("client_id=a&scope=openid") == "invalid_request");
    CHECK(code_of("response_type=code&client_id=a&client_id=b&scope=openid") == "invalid_request");
    CHECK(code_of("response_type=code&client_id=a&scope=openid&state=1&state=2") == "invalid_request");
    CHECK(code_of("response_type=code&client_id=a&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=plain") ==
          "invalid_request");
    CHECK(code_of("response_type=code&client_id=a&scope=openid&code_challenge=short&code_challenge_method=S256") ==
          "invalid_request");
    CHECK(code_of("response_type=code&client_id=a&scope=openid&prompt=none+login") == "invalid_request");
    CHECK(code_of("response_type=code&client_id=a&scope=openid&prompt=sideways") == "invalid_request");
    CHECK(code_of("response_type=code&client_id=a&scope=openid&max_age=-1") == "invalid_request");
    CHECK(code_of("response_type=code&client_id=a&scope=openid&max_age=99999999999") == "invalid_request");
    CHECK(code_of("response_type=code&client_id=a&scope=openid&request=x") == "request_not_supported");
    CHECK(code_of("response_type=code&client_id=a&scope=openid&response_mode=fragment") == "invalid_request");
    CHECK(code_of(("response_type=code&client_id=a&scope=openid&state=" + std::string(3000, 'x')).c_str()) ==
          "invalid_request");
}

TEST_CASE("oidc: token request and client credentials") {
    auto t = oidc::parse_token_request(form("grant_type=authorization_code&code=c&redirect_uri=https%3A%2F%2Fa%2Fb"));
    CHECK_FALSE(t.error);
    CHECK(oidc::parse_token_request(form("grant_type=authorization_code&redirect_uri=x")).error->code == "invalid_request");
    CHECK(oidc::parse_token_request(form("grant_type=password&username=a")).error->code == "unsupported_grant_type");
    CHECK(oidc::parse_token_request(form("grant_type=refresh_token")).error->code == "invalid_request");
    CHECK(oidc::parse_token_request(form("grant_type=refresh_token&refresh_token=a&refresh_token=b")).error->code ==
          "invalid_request");

    // RFC 6749 §2.3.1: each part form-urlencoded before base64.
    auto creds = oidc::parse_basic_credentials("Basic " + std::string("Y2xpZW50JTNBaWQ6cyUyQmVjcmV0K3g="));
    REQUIRE(creds);
    CHECK(creds->first == "client:id");
    CHECK(creds->second == "s+ecret x");
    CHECK(oidc::parse_basic_credentials("basic YTpi")->first == "a");
    CHECK_FALSE(oidc::parse_basic_credentials("Bearer YTpi"));
    CHECK_FALSE(oidc::parse_basic_credentials("Basic !!!"));
    CHECK_FALSE(oidc::parse_basic_credentials("Basic YWJj"));  // no colon
    CHECK_FALSE(oidc::parse_basic_credentials("Basic OmI="));  // empty id
    CHECK_FALSE(oidc::parse_basic_credentials("Basic "));

    CHECK(oidc::parse_bearer("Bearer abc-_.~+/=") == "abc-_.~+/=");
    CHECK_FALSE(oidc::parse_bearer("Bearer a b"));
    CHECK_FALSE(oidc::parse_bearer("Basic abc"));
}

TEST_CASE("oidc: redirect URIs are https, or http on loopback (RFC 8252 §7.3)") {
    CHECK(oidc::redirect_uri_problem("https://cloud.example.org/apps/user_oidc/code").empty());
    CHECK(oidc::redirect_uri_problem("http://127.0.0.1:8080/cb").empty());
    CHECK(oidc::redirect_uri_problem("http://[::1]/cb").empty());
    CHECK(oidc::redirect_uri_problem("http://localhost:3000/cb").empty());
    CHECK_FALSE(oidc::redirect_uri_problem("http://cloud.example.org/cb").empty());
    CHECK_FALSE(oidc::redirect_uri_problem("https://cloud.example.org/cb#x").empty());
    CHECK_FALSE(oidc::redirect_uri_problem("https://user@cloud.example.org/cb").empty());
    CHECK_FALSE(oidc::redirect_uri_problem("javascript:alert(1)").empty());
    CHECK_FALSE(oidc::redirect_uri_problem("").empty());
}

TEST_CASE("oidc: PKCE S256 (RFC 7636 appendix B)") {
    const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const std::string challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    CHECK(oidc::pkce_matches(verifier, challenge));
    CHECK_FALSE(oidc::pkce_matches(verifier + "x", challenge));
    CHECK_FALSE(oidc::pkce_matches(challenge, challenge));
    CHECK_FALSE(oidc::pkce_matches("", challenge));
}

TEST_CASE("oidc: JWTs signed RS256 and EdDSA verify against their published JWK") {
    for (const char* alg : {"RS256", "EdDSA"}) {
        CAPTURE(alg);
        auto key = oidc::generate_key(alg);
        CHECK(key.public_jwk["kid"] == key.kid);
        CHECK(key.public_jwk["alg"] == alg);
        CHECK_FALSE(key.public_jwk.contains("d"));  // nothing private in what is published
        nlohmann::json claims = {{"sub", "x"}, {"iat", 1}};
        std::string jwt = oidc::sign_jwt(alg, key.kid, key.private_key, claims);
        auto back = oidc::verify_jwt(jwt, key.public_jwk);
        REQUIRE(back);
        CHECK((*back)["sub"] == "x");
        // Another key, a changed payload or signature: refused.
        auto other = oidc::generate_key(alg);
        other.public_jwk["kid"] = key.kid;
        CHECK_FALSE(oidc::verify_jwt(jwt, other.public_jwk));
        std::string tampered = jwt;
        auto dot = tampered.find('.');
        tampered.replace(dot + 1, tampered.find('.', dot + 1) - dot - 1, oidc::base64url(R"({"sub":"y","iat":1})"));
        CHECK_FALSE(oidc::verify_jwt(tampered, key.public_jwk));
        CHECK_FALSE(oidc::verify_jwt(jwt + "A", key.public_jwk));
    }
    // kid: the RFC 7638 thumbprint, a base64url SHA-256.
    CHECK(oidc::generate_key("RS256").kid.size() == 43);
}

// A client id or secret starting with '-' is read as an option by the command lines admins
// paste them into (chatiere oidc client rotate-secret ID, Nextcloud's occ …).
TEST_CASE("client credentials never start with '-' or '_'") {
    int dashes_in_plain_tokens = 0;
    for (int k = 0; k < 2000; ++k) {
        auto plain = chatiere::auth::random_token(1);
        if (plain.front() == '-' || plain.front() == '_') ++dashes_in_plain_tokens;
        auto id = chatiere::auth::random_credential(1);
        CAPTURE(id);
        REQUIRE(id.size() == 2);
        CHECK(id.front() != '-');
        CHECK(id.front() != '_');
    }
    CHECK(dashes_in_plain_tokens > 0);  // the draw this guards against does happen
}
