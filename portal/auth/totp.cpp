#include "auth/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cstring>
#include <vector>

#include "auth/random.h"
#include "http/form.h"

namespace chatiere::auth {

namespace {
const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

std::string base32_encode(const unsigned char* data, size_t size) {
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '=') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        const char* p = std::strchr(kAlphabet, c);
        if (!p || c == '\0') return std::nullopt;
        buffer = (buffer << 5) | static_cast<uint32_t>(p - kAlphabet);
        bits += 5;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return out;
}

std::string new_totp_secret() {
    unsigned char key[20];
    randombytes_buf(key, sizeof key);
    return base32_encode(key, sizeof key);
}

int64_t totp_step(int64_t t) { return t / 30; }

std::string totp_code(std::string_view secret, int64_t step) {
    auto key = base32_decode(secret);
    if (!key) return {};
    unsigned char counter[8];
    for (int i = 7; i >= 0; --i) {
        counter[i] = static_cast<unsigned char>(step & 0xff);
        step >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    HMAC(EVP_sha1(), key->data(), static_cast<int>(key->size()), counter, sizeof counter, mac, &mac_len);
    int offset = mac[mac_len - 1] & 0x0f;
    uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) | (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                      (static_cast<uint32_t>(mac[offset + 2]) << 8) | static_cast<uint32_t>(mac[offset + 3]);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%06u", binary % 1000000);
    return buf;
}

std::optional<int64_t> totp_match(std::string_view secret, std::string_view code, int64_t now) {
    std::string digits;
    for (char c : code)
        if (c >= '0' && c <= '9') digits += c;
        else if (c != ' ') return std::nullopt;
    if (digits.size() != 6) return std::nullopt;
    int64_t step = totp_step(now);
    for (int64_t s : {step, step - 1, step + 1})
        if (same_secret(totp_code(secret, s), digits)) return s;
    return std::nullopt;
}

std::vector<std::string> new_recovery_codes() {
    static const char* letters = "abcdefghjkmnpqrstuvwxyz23456789";  // no look-alikes
    std::vector<std::string> codes;
    for (int i = 0; i < 10; ++i) {
        std::string c;
        for (int k = 0; k < 12; ++k) {
            if (k && k % 4 == 0) c += '-';
            c += letters[randombytes_uniform(31)];
        }
        codes.push_back(c);
    }
    return codes;
}

std::string normalize_recovery_code(std::string_view code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string totp_uri(std::string_view secret, std::string_view issuer, std::string_view account) {
    std::string label = http::percent_encode(std::string(issuer) + ":" + std::string(account));
    return "otpauth://totp/" + label + "?secret=" + std::string(secret) + "&issuer=" + http::percent_encode(issuer) +
           "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace chatiere::auth
