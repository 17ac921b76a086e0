#include "actions/settings.h"

#include "store/audit.h"
#include "store/settings.h"

namespace chatiere::actions {

int change_settings(const Context& c, const std::vector<std::pair<std::string, std::string>>& values) {
    int changed = 0;
    db::Transaction tx(c.db);
    for (const auto& [setting, value] : values) {
        if (store::get_setting_or(c.db, setting, "") == value) continue;
        store::put_setting(c.db, setting, value, c.now);
        store::audit(c.db, c.now, c.actor.id, c.actor.name, "settings.change", "setting:" + setting, value.substr(0, 200));
        ++changed;
    }
    tx.commit();
    return changed;
}

}  // namespace chatiere::actions
