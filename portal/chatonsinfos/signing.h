#pragma once
// Signing the published files with the portal's Ed25519 key.
#include <cstdint>
#include <string>
#include <optional>
#include <string_view>

#include "db/database.h"

// Ed25519 signatures of the published files (libsodium crypto_sign, detached).
//
// The key pair is made by `chatiere init` (and on first use if missing) and kept in the
// database (table profile_keys); the secret key is never published. The public key is
// published, base64-encoded (standard alphabet, with padding), in three places:
//   - organization.properties, key `organization.signature.publickey`
//   - /.well-known/chatonsinfos/publickey.txt (the key and a newline)
//   - each file's signature is at <file URL>.sig: base64 of the 64-byte detached signature
//     of the file's exact bytes, and a newline.
namespace chatiere::chatonsinfos {

// The current public key (base64), making a key pair first if there is none.
std::string ensure_signing_key(db::Database& db, int64_t now);
// Base64 signature of `data` with the current key (made if missing).
std::string sign(db::Database& db, std::string_view data, int64_t now);
// Whether `signature_b64` is a valid signature of `data` by `public_key_b64`. Surrounding
// whitespace in the two base64 texts is ignored.
bool verify_signature(std::string_view data, std::string_view signature_b64, std::string_view public_key_b64);

std::string base64_encode(std::string_view bytes);
// nullopt on bad base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace chatiere::chatonsinfos
