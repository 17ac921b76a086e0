#pragma once
// The hash chain of the contribution log.
#include <optional>
#include <string>

#include "ledger/entry.h"

// The hash chain that makes any change to the log's history detectable.
//
// Canonical serialization of an entry (version 1): these ten lines, each ending with "\n",
// in this order, UTF-8, no other whitespace:
//
//   chatiere-ledger-v1
//   id=<decimal id>
//   date=<YYYY-MM-DD>
//   kind=<kind>
//   amount=<signed decimal integer: cents, or hundredths of an hour>
//   currency=<EUR, …, or HOUR>
//   public_name=<the public name, or nothing>
//   category=<category, or nothing>
//   reverses=<id of the corrected entry, or nothing>
//   recorded_at=<unix seconds>
//
// hash = lowercase hex of BLAKE2b with a 32-byte output (libsodium crypto_generichash,
// `b2sum -l 256`) of prev_hash (64 hex characters) followed by the canonical text. The
// first entry's prev_hash is 64 zeros; every other entry's is the hash of the entry before
// it (by id). Only public fields are covered, so anyone can re-check the chain from the
// public export; the private note and member link are not.
namespace chatiere::ledger {

inline const std::string kGenesis(64, '0');

std::string canonical(const Entry& e);
std::string entry_hash(std::string_view prev_hash, const Entry& e);
// Lowercase hex BLAKE2b-256 of any text (import keys).
std::string blake2b_hex(std::string_view text);

// Why an entry does not follow the chain.
enum class BreakReason {
    PrevHash,  // "prev_hash": an earlier entry was changed or removed
    Hash,      // "hash": this entry was changed
};
std::optional<BreakReason> parse_break_reason(std::string_view s);
std::string_view to_string(BreakReason r);

// Checks entries fed in id order. The first entry that does not follow is reported.
class ChainVerifier {
public:
    struct Break {
        int64_t id = 0;
        BreakReason reason = BreakReason::Hash;
    };
    // Returns the break (and keeps reporting it) once the chain is broken.
    std::optional<Break> feed(const Entry& e);
    const std::optional<Break>& broken() const { return broken_; }
    const std::string& head() const { return prev_; }
    int64_t last_id() const { return last_id_; }
    int64_t count() const { return count_; }

private:
    std::string prev_ = kGenesis;
    int64_t last_id_ = 0;
    int64_t count_ = 0;
    std::optional<Break> broken_;
};

}  // namespace chatiere::ledger
