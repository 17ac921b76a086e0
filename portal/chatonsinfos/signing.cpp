#include "chatonsinfos/signing.h"

#include <sodium.h>

#include <optional>
#include <stdexcept>

#include "store/profile_keys.h"

namespace chatiere::chatonsinfos {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    text = trim(text);
    std::string out(text.size() / 4 * 3 + 3, '\0');
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string ensure_signing_key(db::Database& db, int64_t now) {
    if (auto key = store::current_signing_key(db)) return key->public_key;
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    std::vector<unsigned char> sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(pk, sk.data());
    std::string pk_b64 = base64_encode(std::string_view(reinterpret_cast<const char*>(pk), sizeof pk));
    db::Transaction tx(db);
    // Another process may have made one meanwhile: keep theirs.
    if (auto key = store::current_signing_key(db)) {
        sodium_memzero(sk.data(), sk.size());
        return key->public_key;
    }
    store::insert_signing_key(db, pk_b64, sk, now);
    tx.commit();
    sodium_memzero(sk.data(), sk.size());
    return pk_b64;
}

std::string sign(db::Database& db, std::string_view data, int64_t now) {
    ensure_signing_key(db, now);
    auto key = store::current_signing_key(db);
    if (!key || key->secret_key.size() != crypto_sign_SECRETKEYBYTES) throw std::runtime_error("no usable signing key");
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                         key->secret_key.data());
    sodium_memzero(key->secret_key.data(), key->secret_key.size());
    return base64_encode(std::string_view(reinterpret_cast<const char*>(sig), sizeof sig));
}

bool verify_signature(std::string_view data, std::string_view signature_b64, std::string_view public_key_b64) {
    auto sig = base64_decode(signature_b64);
    auto pk = base64_decode(public_key_b64);
    if (!sig || !pk || sig->size() != crypto_sign_BYTES || pk->size() != crypto_sign_PUBLICKEYBYTES) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                       reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                                       reinterpret_cast<const unsigned char*>(pk->data())) == 0;
}

}  // namespace chatiere::chatonsinfos
