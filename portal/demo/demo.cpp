#include "demo/demo.h"

#include "store/services.h"

namespace chatiere::demo {

bool seed_demo(db::Database& db, const i18n::TimeZone& zone, int64_t now) {
    if (!store::list_services(db, true, true).empty()) return false;
    db::Transaction tx(db);
    seed_pages(db, now);  // first: its terms become the previous version
    seed_identity(db, now);
    seed_services(db, now);
    seed_members(db, now);
    seed_profile(db, zone, now);
    seed_status(db, zone, now);
    seed_ledger(db, zone, now);
    tx.commit();
    return true;
}

}  // namespace chatiere::demo
