#include "actions/ledger.h"

namespace chatiere::actions {

LedgerVerdict verify_ledger(db::Database& db) {
    LedgerVerdict v;
    v.broken = store::verify_chain(db, &v.checked, &v.head);
    if (v.broken) return v;
    if (auto pub = store::latest_published_head(db)) {
        auto e = store::find_entry(db, pub->entry_id);
        if (!e || e->hash != pub->hash) v.lost_head = pub;
    }
    return v;
}

}  // namespace chatiere::actions
