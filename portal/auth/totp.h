#pragma once
// Time-based one-time passwords (the second factor).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatiere::auth {

// RFC 6238 time-based one-time passwords as common authenticator apps make them:
// HMAC-SHA1, 30-second steps, 6 digits, secret shown in base32.
std::string new_totp_secret();  // 20 random bytes, base32 (32 characters)
std::string base32_encode(const unsigned char* data, size_t size);
std::optional<std::string> base32_decode(std::string_view text);
// The code for one time step (RFC 4226 HOTP of the step counter).
std::string totp_code(std::string_view secret_base32, int64_t step);
int64_t totp_step(int64_t unix_seconds);
// The step that `code` matches within ±1 step of `now` (clock drift), or nullopt.
std::optional<int64_t> totp_match(std::string_view secret_base32, std::string_view code, int64_t now);
// Ten single-use recovery codes ("abcd-efgh-ijkl"), and the form they are compared in.
std::vector<std::string> new_recovery_codes();
std::string normalize_recovery_code(std::string_view code);
// otpauth:// URI that authenticator apps import.
std::string totp_uri(std::string_view secret_base32, std::string_view issuer, std::string_view account);

}  // namespace chatiere::auth
