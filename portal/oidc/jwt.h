#pragma once
// JSON Web Tokens as the provider signs them (RFC 7515/7519): RS256 with OpenSSL, EdDSA
// (Ed25519) with libsodium; key generation and the public JWK each key is published as.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace chatiere::oidc {

std::string base64url(std::string_view bytes);
// nullopt-free: an empty string when `text` is not unpadded base64url.
std::string base64url_decode(std::string_view text);

struct KeyPair {
    std::string kid, alg;   // alg: RS256 | EdDSA
    std::string private_key;  // PKCS#8 PEM (RSA) or base64url 32-byte seed (Ed25519)
    nlohmann::json public_jwk;  // with kid, alg and use
};

// A new RSA 2048 key (RS256) or Ed25519 key (EdDSA); kid = its RFC 7638 thumbprint.
KeyPair generate_key(std::string_view alg);

// A compact JWS of `claims` signed with `key` (alg, kid, private_key); `typ` in the header.
std::string sign_jwt(std::string_view alg, std::string_view kid, std::string_view private_key,
                     const nlohmann::json& claims, std::string_view typ = "JWT");

// Checks a compact JWS against a public JWK (RS256 or EdDSA) and returns its claims, or
// nullopt when the signature, the header's alg/kid or the format is wrong. Used by tests
// and by anything that must read back what it signed.
std::optional<nlohmann::json> verify_jwt(std::string_view token, const nlohmann::json& jwk);

}  // namespace chatiere::oidc
