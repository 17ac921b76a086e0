#include "oidc/jwt.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>

namespace chatiere::oidc {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
    void operator()(BIO* p) const { BIO_free(p); }
};
struct BnFree {
    void operator()(BIGNUM* p) const { BN_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string bn_bytes(EVP_PKEY* pkey, const char* name) {
    BIGNUM* raw = nullptr;
    if (!EVP_PKEY_get_bn_param(pkey, name, &raw)) throw std::runtime_error("RSA key without parameter");
    std::unique_ptr<BIGNUM, BnFree> bn(raw);
    std::string out(static_cast<size_t>(BN_num_bytes(bn.get())), '\0');
    BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

std::string thumbprint(const nlohmann::json& members) {
    // RFC 7638: the required members, sorted, no whitespace — what nlohmann's dump gives.
    std::string canonical = members.dump();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size());
    return base64url(std::string_view(reinterpret_cast<char*>(digest), sizeof digest));
}

Pkey read_private_pem(std::string_view pem) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) throw std::runtime_error("unreadable RSA signing key");
    return key;
}

Pkey rsa_public_from_jwk(const nlohmann::json& jwk) {
    std::string n = base64url_decode(jwk.value("n", "")), e = base64url_decode(jwk.value("e", ""));
    if (n.empty() || e.empty()) return nullptr;
    std::unique_ptr<BIGNUM, BnFree> bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr));
    std::unique_ptr<BIGNUM, BnFree> bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr));
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n.get());
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e.get());
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY* out = nullptr;
    if (ctx && EVP_PKEY_fromdata_init(ctx) > 0) EVP_PKEY_fromdata(ctx, &out, EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    return Pkey(out);
}

}  // namespace

std::string base64url(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::string base64url_decode(std::string_view text) {
    std::string out(text.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return {};
    out.resize(len);
    return out;
}

KeyPair generate_key(std::string_view alg) {
    KeyPair k;
    k.alg = std::string(alg);
    if (alg == "RS256") {
        Pkey key(EVP_RSA_gen(2048));
        if (!key) throw std::runtime_error("RSA key generation failed");
        std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
        if (!PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr))
            throw std::runtime_error("cannot write the RSA key");
        char* data = nullptr;
        long len = BIO_get_mem_data(bio.get(), &data);
        k.private_key.assign(data, static_cast<size_t>(len));
        nlohmann::json members = {{"e", base64url(bn_bytes(key.get(), OSSL_PKEY_PARAM_RSA_E))},
                                  {"kty", "RSA"},
                                  {"n", base64url(bn_bytes(key.get(), OSSL_PKEY_PARAM_RSA_N))}};
        k.kid = thumbprint(members);
        k.public_jwk = members;
    } else if (alg == "EdDSA") {
        unsigned char seed[crypto_sign_SEEDBYTES], pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
        randombytes_buf(seed, sizeof seed);
        crypto_sign_seed_keypair(pk, sk, seed);
        k.private_key = base64url(std::string_view(reinterpret_cast<char*>(seed), sizeof seed));
        sodium_memzero(seed, sizeof seed);
        sodium_memzero(sk, sizeof sk);
        nlohmann::json members = {
            {"crv", "Ed25519"}, {"kty", "OKP"}, {"x", base64url(std::string_view(reinterpret_cast<char*>(pk), sizeof pk))}};
        k.kid = thumbprint(members);
        k.public_jwk = members;
    } else {
        throw std::invalid_argument("unknown signing algorithm");
    }
    k.public_jwk["kid"] = k.kid;
    k.public_jwk["alg"] = k.alg;
    k.public_jwk["use"] = "sig";
    return k;
}

std::string sign_jwt(std::string_view alg, std::string_view kid, std::string_view private_key,
                     const nlohmann::json& claims, std::string_view typ) {
    nlohmann::json header = {{"alg", alg}, {"kid", kid}, {"typ", typ}};
    std::string input = base64url(header.dump()) + "." + base64url(claims.dump());
    std::string sig;
    if (alg == "RS256") {
        Pkey key = read_private_pem(private_key);
        std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
        size_t len = 0;
        if (EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
            EVP_DigestSign(md.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
            throw std::runtime_error("RS256 signing failed");
        sig.resize(len);
        if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                           reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
            throw std::runtime_error("RS256 signing failed");
        sig.resize(len);
    } else if (alg == "EdDSA") {
        std::string seed = base64url_decode(private_key);
        if (seed.size() != crypto_sign_SEEDBYTES) throw std::runtime_error("unreadable Ed25519 signing key");
        unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
        crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(seed.data()));
        sig.resize(crypto_sign_BYTES);
        crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                             reinterpret_cast<const unsigned char*>(input.data()), input.size(), sk);
        sodium_memzero(sk, sizeof sk);
        sodium_memzero(seed.data(), seed.size());
    } else {
        throw std::invalid_argument("unknown signing algorithm");
    }
    return input + "." + base64url(sig);
}

std::optional<nlohmann::json> verify_jwt(std::string_view token, const nlohmann::json& jwk) {
    auto dot1 = token.find('.');
    if (dot1 == std::string_view::npos) return std::nullopt;
    auto dot2 = token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) return std::nullopt;
    std::string_view input = token.substr(0, dot2);
    std::string sig = base64url_decode(token.substr(dot2 + 1));
    auto header = nlohmann::json::parse(base64url_decode(token.substr(0, dot1)), nullptr, false);
    auto claims = nlohmann::json::parse(base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1)), nullptr, false);
    if (!header.is_object() || !claims.is_object() || sig.empty()) return std::nullopt;
    std::string alg = header.value("alg", "");
    if (alg != jwk.value("alg", "") || header.value("kid", "") != jwk.value("kid", "")) return std::nullopt;
    if (alg == "RS256") {
        Pkey key = rsa_public_from_jwk(jwk);
        if (!key) return std::nullopt;
        std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
        if (EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) return std::nullopt;
        if (EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
            return std::nullopt;
        return claims;
    }
    if (alg == "EdDSA") {
        std::string pk = base64url_decode(jwk.value("x", ""));
        if (pk.size() != crypto_sign_PUBLICKEYBYTES || sig.size() != crypto_sign_BYTES) return std::nullopt;
        if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                        reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                                        reinterpret_cast<const unsigned char*>(pk.data())) != 0)
            return std::nullopt;
        return claims;
    }
    return std::nullopt;
}

}  // namespace chatiere::oidc
