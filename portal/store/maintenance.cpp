#include "store/maintenance.h"

namespace chatiere::store {

std::string integrity_problems(db::Database& db) {
    auto q = db.prepare("PRAGMA integrity_check");
    std::string problems;
    while (q.step()) {
        std::string line = q.text(0);
        if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
    }
    return problems.substr(0, 500);
}

void make_self_contained(db::Database& db) { db.exec("PRAGMA journal_mode = DELETE"); }

}  // namespace chatiere::store
