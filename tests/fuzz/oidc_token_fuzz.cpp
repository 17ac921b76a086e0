// OpenID Connect token requests (the form of POST /oidc/token): oidc::parse_token_request,
// and the PKCE verifier check on what it carries.
#include "fuzz_check.h"
#include "http/errors.h"
#include "oidc/request.h"

using namespace chatiere;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in = fuzz_input(data, size);
    http::Form form;
    try {
        form = http::Form::parse_urlencoded(in, 50);
    } catch (const http::HttpError&) {
        return 0;
    }
    auto r = oidc::parse_token_request(form);
    if (!r.error) {
        FUZZ_CHECK(r.grant_type == "authorization_code" || r.grant_type == "refresh_token");
        if (r.grant_type == "authorization_code") {
            FUZZ_CHECK(!r.code.empty() && !r.redirect_uri.empty());
            FUZZ_CHECK(r.code_verifier.empty() || oidc::pkce_text_valid(r.code_verifier));
        } else {
            FUZZ_CHECK(!r.refresh_token.empty());  // (a code_verifier here is ignored)
        }
        FUZZ_CHECK(r.client_id.size() <= 128 && r.client_secret.size() <= 512);
    }
    // A verifier matches only its own challenge: never one of a different length.
    FUZZ_CHECK(!oidc::pkce_matches(r.code_verifier, r.code_verifier.substr(0, 42)));
    return 0;
}
