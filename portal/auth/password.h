#pragma once
// Password hashing with Argon2id, and the gate that bounds concurrent hashes.
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace chatiere::auth {

// Argon2id parameters: OWASP's recommendation (19 MiB, 2 passes, 1 lane).
constexpr unsigned long long kArgonOps = 2;
constexpr size_t kArgonMemory = 19u * 1024u * 1024u;

// Allows at most a few hashes at once (each holds ~19 MiB while it runs), so that a burst of
// log-ins cannot exhaust memory or take every core from page requests. One per portal (App);
// the command line makes its own.
class HashGate {
public:
    explicit HashGate(int slots = 2) : available_(slots < 1 ? 1 : slots) {}
    void set_slots(int n);

    // Holds one slot for its lifetime; waits for a free one.
    class Slot {
    public:
        explicit Slot(HashGate& gate);
        ~Slot();
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;

    private:
        HashGate& gate_;
    };

private:
    std::mutex mutex_;
    std::condition_variable freed_;
    int available_;
};

// The libsodium Argon2id string for a password. Waits for a free slot of `gate`.
std::string hash_password(HashGate& gate, std::string_view password);
// True when the password matches. Also true-or-false in the same time for an empty or
// malformed hash (used for accounts that do not exist, so timing does not tell).
bool verify_password(HashGate& gate, std::string_view stored_hash, std::string_view password);
// The stored hash was made with other parameters than today's: hash again after log-in.
bool needs_rehash(std::string_view stored_hash);

// Why a new password is refused (a catalogue key), or nullopt when it is acceptable:
// 12 to 128 characters of any script, not a common password, not the account's name or e-mail.
std::optional<std::string> password_problem(std::string_view password, std::string_view name,
                                            std::string_view email);

// Number of Unicode code points in valid UTF-8.
size_t utf8_length(std::string_view s);

}  // namespace chatiere::auth
