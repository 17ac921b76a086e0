#pragma once
// Random tokens from the CSPRNG, and the hashes stored instead of them.
#include <string>
#include <string_view>

namespace chatiere::auth {

// `bytes` random bytes from libsodium's CSPRNG, as unpadded base64url text.
std::string random_token(size_t bytes = 32);
// The same, drawn again until it starts with a letter or digit: for values people paste into
// command lines and config files (an OIDC client id or secret), where a leading '-' reads as
// an option.
std::string random_credential(size_t bytes = 32);
// BLAKE2b-256 of a token, as hex: what the database stores instead of the token.
std::string hash_token(std::string_view token);
// Constant-time comparison of two strings (different lengths compare unequal).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace chatiere::auth
