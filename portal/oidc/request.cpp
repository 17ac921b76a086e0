#include "oidc/request.h"

#include <sodium.h>

#include <algorithm>

#include "net/target.h"
#include "net/ip.h"

namespace chatiere::oidc {

namespace {

constexpr size_t kMaxState = 2048;
constexpr size_t kMaxNonce = 512;
constexpr size_t kMaxUri = 2000;
constexpr size_t kMaxToken = 512;

// RFC 6749 §3.1 and §3.2: a parameter sent more than once is an invalid request.
std::optional<std::string> repeated(const http::Form& f, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (f.all(n).size() > 1) return std::string(n);
    return std::nullopt;
}

std::vector<std::string> split_spaces(std::string_view s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        size_t j = i;
        while (j < s.size() && s[j] != ' ') ++j;
        if (j > i) out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

bool printable_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

}  // namespace

std::string AuthorizationRequest::scope_text() const {
    std::string out;
    for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
    return out;
}

AuthorizationRequest parse_authorization_request(const http::Form& p) {
    AuthorizationRequest r;
    r.client_id = p.get("client_id");
    r.redirect_uri = p.get("redirect_uri");
    r.response_type = p.get("response_type");
    r.has_state = p.has("state");
    r.state = p.get("state");
    r.nonce = p.get("nonce");
    r.code_challenge = p.get("code_challenge");
    r.code_challenge_method = p.get("code_challenge_method");
    auto fail = [&](std::string code, std::string description) {
        if (!r.error) r.error = Error{std::move(code), std::move(description)};
    };
    // The state goes back as it came; an overlong one is refused rather than cut.
    if (r.state.size() > kMaxState) {
        r.state.clear();
        r.has_state = false;
        fail("invalid_request", "state too long");
    }
    if (auto name = repeated(p, {"client_id", "redirect_uri", "response_type", "scope", "state", "nonce",
                                 "code_challenge", "code_challenge_method", "prompt", "max_age", "response_mode"}))
        fail("invalid_request", *name + " repeated");
    if (r.client_id.size() > 128 || !printable_ascii(r.client_id)) fail("invalid_request", "bad client_id");
    if (r.redirect_uri.size() > kMaxUri) fail("invalid_request", "redirect_uri too long");
    if (p.has("request")) fail("request_not_supported", "request objects are not supported");
    if (p.has("request_uri")) fail("request_uri_not_supported", "request_uri is not supported");
    if (auto mode = p.find("response_mode"); mode && *mode != "query")
        fail("invalid_request", "only response_mode=query is supported");
    if (r.response_type.empty()) fail("invalid_request", "response_type missing");
    else if (r.response_type != "code") fail("unsupported_response_type", "only the code flow is supported");

    std::set<std::string, std::less<>> seen;
    for (auto& s : split_spaces(p.get("scope")))
        if (known_scopes().count(s) && seen.insert(s).second) r.scopes.push_back(s);
    // A stable order, whatever the client sent: openid first, then the others by name.
    std::sort(r.scopes.begin(), r.scopes.end(), [](const std::string& a, const std::string& b) {
        if (a == "openid" || b == "openid") return a == "openid" && b != "openid";
        return a < b;
    });
    if (!seen.count("openid")) fail("invalid_scope", "the openid scope is required");

    if (r.nonce.size() > kMaxNonce) fail("invalid_request", "nonce too long");
    if (!r.code_challenge.empty() || !r.code_challenge_method.empty()) {
        if (r.code_challenge_method != "S256") fail("invalid_request", "code_challenge_method must be S256");
        else if (!pkce_text_valid(r.code_challenge)) fail("invalid_request", "bad code_challenge");
    }
    for (auto& v : split_spaces(p.get("prompt"))) {
        if (v != "none" && v != "login" && v != "consent" && v != "select_account") {
            fail("invalid_request", "unknown prompt value");
            continue;
        }
        r.prompt.insert(v);
    }
    if (r.prompt.count("none") && r.prompt.size() > 1) fail("invalid_request", "prompt=none with other values");
    if (auto m = p.find("max_age")) {
        if (m->empty() || m->size() > 9 || !std::all_of(m->begin(), m->end(), [](char c) { return c >= '0' && c <= '9'; }))
            fail("invalid_request", "bad max_age");
        else
            r.max_age = std::stoll(*m);
    }
    return r;
}

TokenRequest parse_token_request(const http::Form& f) {
    TokenRequest r;
    r.grant_type = f.get("grant_type");
    r.code = f.get("code");
    r.redirect_uri = f.get("redirect_uri");
    r.code_verifier = f.get("code_verifier");
    r.refresh_token = f.get("refresh_token");
    r.client_id = f.get("client_id");
    r.has_client_secret = f.has("client_secret");
    r.client_secret = f.get("client_secret");
    r.scope = f.get("scope");
    auto fail = [&](std::string code, std::string description) {
        if (!r.error) r.error = Error{std::move(code), std::move(description)};
    };
    if (auto name = repeated(f, {"grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "client_id",
                                 "client_secret", "scope"}))
        fail("invalid_request", *name + " repeated");
    if (r.client_id.size() > 128 || r.client_secret.size() > kMaxToken || r.code.size() > kMaxToken ||
        r.refresh_token.size() > kMaxToken || r.redirect_uri.size() > kMaxUri)
        fail("invalid_request", "parameter too long");
    if (r.grant_type == "authorization_code") {
        if (r.code.empty()) fail("invalid_request", "code missing");
        if (r.redirect_uri.empty()) fail("invalid_request", "redirect_uri missing");
        if (!r.code_verifier.empty() && !pkce_text_valid(r.code_verifier)) fail("invalid_grant", "bad code_verifier");
    } else if (r.grant_type == "refresh_token") {
        if (r.refresh_token.empty()) fail("invalid_request", "refresh_token missing");
    } else if (r.grant_type.empty()) {
        fail("invalid_request", "grant_type missing");
    } else {
        fail("unsupported_grant_type", "only authorization_code and refresh_token");
    }
    return r;
}

std::optional<std::pair<std::string, std::string>> parse_basic_credentials(std::string_view header) {
    // The scheme is case-insensitive (RFC 9110 §11.1); one space, then token68.
    if (header.size() < 7 || header.size() > 2048) return std::nullopt;
    std::string scheme(header.substr(0, 6));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    if (scheme != "basic ") return std::nullopt;
    std::string_view b64 = header.substr(6);
    while (!b64.empty() && b64.front() == ' ') b64.remove_prefix(1);
    while (!b64.empty() && b64.back() == ' ') b64.remove_suffix(1);
    if (b64.empty()) return std::nullopt;
    std::string raw(b64.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), b64.data(), b64.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    raw.resize(len);
    auto colon = raw.find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto id = http::percent_decode(std::string_view(raw).substr(0, colon), true);
    auto secret = http::percent_decode(std::string_view(raw).substr(colon + 1), true);
    if (!id || !secret || id->empty() || !http::valid_utf8(*id) || !http::valid_utf8(*secret)) return std::nullopt;
    return std::make_pair(std::move(*id), std::move(*secret));
}

std::optional<std::string> parse_bearer(std::string_view header) {
    if (header.size() < 8 || header.size() > 1024) return std::nullopt;
    std::string scheme(header.substr(0, 7));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    if (scheme != "bearer ") return std::nullopt;
    std::string_view t = header.substr(7);
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (t.empty()) return std::nullopt;
    for (char c : t)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-._~+/=").find(c) != std::string_view::npos))
            return std::nullopt;
    return std::string(t);
}

std::string redirect_uri_problem(std::string_view uri) {
    if (uri.empty()) return "empty";
    if (uri.size() > kMaxUri) return "too long";
    if (uri.find('#') != std::string_view::npos) return "a redirect URI has no fragment";
    auto t = net::parse_http_url(uri);
    if (!t) return "not an http(s) URL";
    if (t->scheme == "https") return "";
    // RFC 8252 §7.3: plain http only to the device itself.
    if (t->host == "localhost") return "";
    static const auto loopback = net::parse_networks("127.0.0.0/8 ::1");
    if (auto ip = net::parse_ip(t->host); ip && net::in_any(loopback, *ip)) return "";
    return "http is only for loopback addresses (127.0.0.1, [::1], localhost); use https";
}

bool pkce_text_valid(std::string_view s) {
    if (s.size() < 43 || s.size() > 128) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
    });
}

bool pkce_matches(std::string_view verifier, std::string_view challenge) {
    if (!pkce_text_valid(verifier) || challenge.size() != 43) return false;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
    char b64[64];
    sodium_bin2base64(b64, sizeof b64, digest, sizeof digest, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return sodium_memcmp(b64, challenge.data(), 43) == 0;
}

}  // namespace chatiere::oidc
