#include "actions/profile.h"

#include "chatonsinfos/organization_fields.h"
#include "store/audit.h"
#include "store/settings.h"

namespace chatiere::actions {

std::string set_profile_push_url(const Context& c, std::string url) {
    url.erase(0, url.find_first_not_of(" \t"));
    url.erase(url.find_last_not_of(" \t") + 1);
    if (!url.empty() && !chatonsinfos::validate_value(chatonsinfos::FieldType::Url, {}, url).empty()) return "profile.form.bad_url";
    if (store::get_setting_or(c.db, "profile.push.url", "") == url) return "";
    db::Transaction tx(c.db);
    store::put_setting(c.db, "profile.push.url", url, c.now);
    store::put_setting(c.db, "profile.push.last_hash", "", c.now);  // push the current profile once
    store::audit(c.db, c.now, c.actor.id, c.actor.name, "settings.change", "setting:profile.push.url", url);
    tx.commit();
    return "";
}

}  // namespace chatiere::actions
