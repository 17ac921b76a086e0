#include "store/membership.h"

#include <unordered_map>

namespace chatiere::store {

namespace {

#define FEE_COLUMNS                                                                              \
    "e.id, e.entry_date, e.amount, e.currency, e.reverses_id, "                                  \
    "EXISTS (SELECT 1 FROM ledger_entries c WHERE c.reverses_id = e.id), e.member_id"

domain::MembershipFee read_fee(db::Query& q) {
    domain::MembershipFee f;
    f.id = q.i64(0);
    f.date = q.text(1);
    f.amount = q.i64(2);
    f.currency = q.text(3);
    f.reverses_id = q.opt_i64(4);
    f.corrected = q.i64(5) != 0;
    return f;
}

}  // namespace

std::vector<domain::MembershipFee> member_fees(db::Database& db, int64_t member_id) {
    std::vector<domain::MembershipFee> out;
    auto q = db.prepare("SELECT " FEE_COLUMNS " FROM ledger_entries e "
                        "WHERE e.member_id = ? AND e.kind = 'membership_fee' ORDER BY e.entry_date, e.id");
    q.bind(member_id);
    while (q.step()) out.push_back(read_fee(q));
    return out;
}

bool is_honorary(db::Database& db, int64_t member_id) {
    auto q = db.prepare("SELECT honorary FROM members WHERE id = ?");
    q.bind(member_id);
    return q.step() && q.i64(0) != 0;
}

bool set_honorary(db::Database& db, int64_t member_id, bool honorary, int64_t now) {
    auto q = db.prepare("UPDATE members SET honorary = ?, updated_at = ? WHERE id = ?");
    q.bind(honorary, now, member_id);
    q.run();
    return db.changes() > 0;
}

std::vector<RegisterRow> register_rows(db::Database& db) {
    std::vector<RegisterRow> out;
    std::unordered_map<int64_t, size_t> index;
    auto m = db.prepare("SELECT id, name, honorary FROM members ORDER BY name, id");
    while (m.step()) {
        index.emplace(m.i64(0), out.size());
        out.push_back({m.i64(0), m.text(1), m.i64(2) != 0, {}});
    }
    auto f = db.prepare("SELECT " FEE_COLUMNS " FROM ledger_entries e "
                        "WHERE e.member_id IS NOT NULL AND e.kind = 'membership_fee' "
                        "ORDER BY e.member_id, e.entry_date, e.id");
    while (f.step()) {
        auto it = index.find(f.i64(6));
        if (it != index.end()) out[it->second].fees.push_back(read_fee(f));
    }
    return out;
}

}  // namespace chatiere::store
