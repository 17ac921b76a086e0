#include "auth/admin_access.h"

#include "store/settings.h"

namespace chatiere::auth {

AdminAccess admin_access(db::Database& db, bool is_admin, bool has_second_factor) {
    if (!is_admin) return AdminAccess::NotAdmin;
    if (!has_second_factor && store::get_setting_or(db, "security.admin_totp_required", "0") == "1")
        return AdminAccess::SecondFactorRequired;
    return AdminAccess::Allowed;
}

}  // namespace chatiere::auth
