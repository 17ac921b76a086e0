// The contribution log's actions: check the whole chain and its published head (the admin
// page and `chatiere ledger verify` give the same verdict), record an entry.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "actions/context.h"
#include "ledger/chain.h"
#include "store/ledger.h"

namespace chatiere::actions {

struct LedgerVerdict {
    int64_t checked = 0;  // entries read
    std::string head;     // hash of the last entry read (64 zeros for an empty log)
    // The first entry that does not follow the one before it.
    std::optional<ledger::ChainVerifier::Break> broken;
    // The newest published head when its entry is gone or now has another hash: entries
    // were removed or rewritten after it was published (the chain alone may still hold).
    std::optional<store::PublishedHead> lost_head;
    bool intact() const { return !broken && !lost_head; }
};

// Reads only: works on a database opened read-only (see db::open_read_only).
LedgerVerdict verify_ledger(db::Database& db);

struct RecordInput {
    ledger::Draft draft;          // amount 0 when it could not be read (refused as "amount")
    std::string member;           // log-in name of the member it comes from, or ""
};
struct Recorded {
    // field → error code (ledger::describe_error, catalogue ledger.error.<code>), every
    // field's at once; nothing was written when not empty.
    std::map<std::string, std::string> errors;
    std::optional<ledger::Entry> entry;
};
// Validates every field, links the member, appends the entry to the chain and audits
// "ledger.add" (recorded by and audited as the actor).
Recorded record_entry(const Context& c, RecordInput in);

}  // namespace chatiere::actions
