#include "auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <unordered_set>

#include "http/embedded.h"

namespace chatiere::auth {

namespace {

std::string hash_unguarded(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kArgonOps, kArgonMemory,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return out;
}

const std::unordered_set<std::string>& common_passwords() {
    static const std::unordered_set<std::string> list = [] {
        std::unordered_set<std::string> out;
        for (const auto* f = embedded::files(); f->path; ++f) {
            if (std::string_view(f->path) != "web/data/common-passwords.txt") continue;
            std::string_view text = f->data;
            size_t pos = 0;
            while (pos < text.size()) {
                auto nl = text.find('\n', pos);
                auto line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
                pos = nl == std::string_view::npos ? text.size() : nl + 1;
                if (!line.empty() && line[0] != '#') out.emplace(line);
            }
        }
        return out;
    }();
    return list;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// A valid hash of a random password, verified against when the account does not exist.
const std::string& dummy_hash() {
    // Made once for the process: it is a constant, whichever portal asks first.
    static const std::string h = hash_unguarded("not a real password, only for timing");
    return h;
}

}  // namespace

void HashGate::set_slots(int n) {
    {
        std::lock_guard lock(mutex_);
        available_ = std::max(1, n);
    }
    freed_.notify_all();
}

HashGate::Slot::Slot(HashGate& gate) : gate_(gate) {
    std::unique_lock lock(gate_.mutex_);
    gate_.freed_.wait(lock, [this] { return gate_.available_ > 0; });
    --gate_.available_;
}

HashGate::Slot::~Slot() {
    {
        std::lock_guard lock(gate_.mutex_);
        ++gate_.available_;
    }
    gate_.freed_.notify_one();
}

std::string hash_password(HashGate& gate, std::string_view password) {
    HashGate::Slot slot(gate);
    return hash_unguarded(password);
}

bool verify_password(HashGate& gate, std::string_view stored, std::string_view password) {
    bool usable = !stored.empty() && stored.size() < crypto_pwhash_STRBYTES;
    std::string hash(usable ? stored : std::string_view(dummy_hash()));
    HashGate::Slot slot(gate);
    bool ok = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
    return usable && ok;
}

bool needs_rehash(std::string_view stored) {
    std::string hash(stored);
    return crypto_pwhash_str_needs_rehash(hash.c_str(), kArgonOps, kArgonMemory) != 0;
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xc0) != 0x80) ++n;
    return n;
}

std::optional<std::string> password_problem(std::string_view password, std::string_view name, std::string_view email) {
    size_t length = utf8_length(password);
    if (length < 12) return "account.password_too_short";
    if (length > 128) return "account.password_too_long";
    std::string lower = lower_ascii(password);
    if (common_passwords().count(lower)) return "account.password_common";
    if (!name.empty() && lower == lower_ascii(name)) return "account.password_is_name";
    if (!email.empty() && (lower == lower_ascii(email) || lower == lower_ascii(email.substr(0, email.find('@')))))
        return "account.password_is_name";
    return std::nullopt;
}

}  // namespace chatiere::auth
