#include "ledger/chain.h"

#include <sodium.h>

namespace chatiere::ledger {

std::string canonical(const Entry& e) {
    std::string out = "chatiere-ledger-v1\n";
    out += "id=" + std::to_string(e.id) + "\n";
    out += "date=" + e.date + "\n";
    out += "kind=" + e.kind + "\n";
    out += "amount=" + std::to_string(e.amount) + "\n";
    out += "currency=" + e.currency + "\n";
    out += "public_name=" + e.public_name.value_or("") + "\n";
    out += "category=" + e.category + "\n";
    out += "reverses=" + (e.reverses_id ? std::to_string(*e.reverses_id) : std::string()) + "\n";
    out += "recorded_at=" + std::to_string(e.recorded_at) + "\n";
    return out;
}

std::string blake2b_hex(std::string_view text) {
    static const bool ready = sodium_init() >= 0;
    (void)ready;
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
    static const char* hex = "0123456789abcdef";
    std::string s;
    s.reserve(64);
    for (unsigned char c : out) {
        s += hex[c >> 4];
        s += hex[c & 15];
    }
    return s;
}

std::string entry_hash(std::string_view prev_hash, const Entry& e) {
    std::string input(prev_hash);
    input += canonical(e);
    return blake2b_hex(input);
}

std::optional<BreakReason> parse_break_reason(std::string_view s) {
    if (s == "prev_hash") return BreakReason::PrevHash;
    if (s == "hash") return BreakReason::Hash;
    return std::nullopt;
}

std::string_view to_string(BreakReason r) { return r == BreakReason::PrevHash ? "prev_hash" : "hash"; }

std::optional<ChainVerifier::Break> ChainVerifier::feed(const Entry& e) {
    if (broken_) return broken_;
    ++count_;
    if (e.prev_hash != prev_) broken_ = Break{e.id, BreakReason::PrevHash};
    else if (entry_hash(e.prev_hash, e) != e.hash) broken_ = Break{e.id, BreakReason::Hash};
    prev_ = e.hash;
    last_id_ = e.id;
    return broken_;
}

}  // namespace chatiere::ledger
