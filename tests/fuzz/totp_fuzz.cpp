// What a member types at the second log-in step: a TOTP code or a recovery code; and the
// base32 secrets (decode of anything, encode/decode round trip).
#include <string>

#include "auth/totp.h"
#include "fuzz_check.h"

using namespace chatiere::auth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in = fuzz_input(data, size);

    std::string encoded = base32_encode(data, size);
    auto decoded = base32_decode(encoded);
    FUZZ_CHECK(decoded && *decoded == in);
    auto any = base32_decode(in);
    if (any) FUZZ_CHECK(any->size() <= in.size());

    // First 32 bytes: secret (as stored, base32), the rest: the code typed.
    std::string_view secret = in.substr(0, 32);
    std::string_view code = size > 32 ? in.substr(32) : std::string_view();
    const int64_t now = 1'760'000'000;
    if (auto step = totp_match(secret, code, now)) {
        FUZZ_CHECK(*step >= totp_step(now) - 1 && *step <= totp_step(now) + 1);
        FUZZ_CHECK(totp_code(secret, *step).size() == 6);
    }
    std::string normalized = normalize_recovery_code(in);
    FUZZ_CHECK(normalized.size() <= in.size());
    FUZZ_CHECK(normalize_recovery_code(normalized) == normalized);
    return 0;
}
