// OpenID Connect authorization request parameters (the query of /oidc/authorize, and the
// consent form that carries them back): oidc::parse_authorization_request.
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
    auto r = oidc::parse_authorization_request(form);
    // Whatever came in: known scopes only, each once, openid first when present.
    for (size_t i = 0; i < r.scopes.size(); ++i) {
        FUZZ_CHECK(oidc::known_scopes().count(r.scopes[i]) == 1);
        for (size_t j = i + 1; j < r.scopes.size(); ++j) FUZZ_CHECK(r.scopes[i] != r.scopes[j]);
    }
    if (!r.error) {
        FUZZ_CHECK(r.response_type == "code");
        FUZZ_CHECK(!r.scopes.empty() && r.scopes.front() == "openid");
        FUZZ_CHECK(r.state.size() <= 2048 && r.nonce.size() <= 512);
        FUZZ_CHECK(r.code_challenge.empty() || (r.code_challenge_method == "S256" && oidc::pkce_text_valid(r.code_challenge)));
        FUZZ_CHECK(!r.prompt.count("none") || r.prompt.size() == 1);
        FUZZ_CHECK(!r.max_age || *r.max_age >= 0);
        // The request as the consent form carries it reads back the same.
        std::string again = "response_type=code&scope=" + http::percent_encode(r.scope_text()) +
                            "&client_id=" + http::percent_encode(r.client_id);
        auto back = oidc::parse_authorization_request(http::Form::parse_urlencoded(again, 50));
        FUZZ_CHECK(back.scopes == r.scopes && back.client_id == r.client_id);
    } else {
        FUZZ_CHECK(!r.error->code.empty());
    }
    if (!oidc::redirect_uri_problem(r.redirect_uri).empty()) return 0;
    FUZZ_CHECK(r.redirect_uri.find('#') == std::string::npos);
    FUZZ_CHECK(r.redirect_uri.rfind("https://", 0) == 0 || r.redirect_uri.rfind("http://", 0) == 0);
    return 0;
}
