#include "actions/ledger.h"

#include "store/audit.h"

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

Recorded record_entry(const Context& c, RecordInput in) {
    Recorded out;
    ledger::Draft& d = in.draft;
    // Every field's error at once (issue 15): validate() stops at the first, so each field it
    // refuses is noted and replaced by a valid stand-in until it accepts the rest.
    auto& errors = out.errors;
    if (d.amount == 0) errors["amount"] = "amount";
    ledger::Draft probe = d;
    if (errors.count("amount")) probe.amount = 100;
    for (int round = 0; round < 8; ++round) {
        ledger::Draft t = probe;
        auto err = ledger::validate(t);
        if (!err) break;
        errors.emplace(*err, *err);
        if (*err == "date") probe.date = "2000-01-01";
        else if (*err == "kind") probe.kind = probe.currency == ledger::kHour ? "volunteer_time" : "donation";
        else if (*err == "currency") probe.currency = probe.kind == "volunteer_time" ? std::string(ledger::kHour) : "EUR";
        else if (*err == "amount") probe.amount = 100;
        else if (*err == "category") probe.category = "";
        else if (*err == "public_name") probe.public_name.reset();
        else if (*err == "note") probe.private_note.clear();
        else break;
    }
    if (errors.empty()) ledger::validate(d);  // normalises what it accepted
    if (!in.member.empty()) {
        d.member_id = store::ledger_member_id(c.db, in.member);
        if (!d.member_id) errors["member"] = "member";
    }
    if (!errors.empty()) return out;
    try {
        db::Transaction tx(c.db);
        auto e = store::record_entry(c.db, d, c.now, c.actor.name);
        store::audit(c.db, c.now, c.actor.id, c.actor.name, "ledger.add", "ledger:" + std::to_string(e.id),
                     e.date + " " + e.kind + " " + ledger::amount_text(e.amount) + " " + e.currency +
                         (e.category.empty() ? "" : " [" + e.category + "]"));
        tx.commit();
        out.entry = std::move(e);
    } catch (const store::LedgerError& e) {
        errors[e.code] = e.code;
    }
    return out;
}

}  // namespace chatiere::actions
