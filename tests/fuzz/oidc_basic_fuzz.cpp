// HTTP Basic client credentials and bearer tokens of the OpenID Connect endpoints:
// oidc::parse_basic_credentials, oidc::parse_bearer.
#include "fuzz_check.h"
#include "http/form.h"
#include "oidc/request.h"

using namespace chatiere;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string in(fuzz_input(data, size));
    for (const std::string& header : {in, "Basic " + in}) {
        if (auto c = oidc::parse_basic_credentials(header)) {
            FUZZ_CHECK(!c->first.empty());
            FUZZ_CHECK(http::valid_utf8(c->first) && http::valid_utf8(c->second));
            FUZZ_CHECK(c->first.size() + c->second.size() < header.size());
        }
    }
    if (auto t = oidc::parse_bearer(in)) {
        FUZZ_CHECK(!t->empty() && t->size() < in.size());
        FUZZ_CHECK(t->find(' ') == std::string::npos);
    }
    return 0;
}
