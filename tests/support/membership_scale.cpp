#include "support/membership_scale.h"

#include <optional>
#include <string>

#include "membership/standing.h"

namespace chatiere::testing {

void insert_members_with_dates(db::Database& db, int n) {
    db::Transaction tx(db);
    auto q = db.prepare("INSERT INTO members (name, email, status, honorary, member_since, member_until, "
                        "created_at, updated_at) VALUES (?, ?, 'active', ?, ?, ?, 0, 0)");
    for (int i = 0; i < n; ++i) {
        std::string name = "member" + std::to_string(i);
        std::optional<std::string> until, since;
        if (i % 10 != 0) {
            until = membership::add_days("2025-01-01", i % 800);
            since = "2024-01-01";
        }
        q.bind(name, name + "@example.org", i % 97 == 0, since, until);
        q.run();
    }
    tx.commit();
}

}  // namespace chatiere::testing
