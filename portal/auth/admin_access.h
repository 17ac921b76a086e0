#pragma once
// Who may use the admin pages: the rule for an admin's second factor, kept out of the dispatcher.
#include <cstdint>

#include "db/database.h"

namespace chatiere::auth {

enum class AdminAccess { Allowed, NotAdmin, SecondFactorRequired };

// Whether a logged-in member may reach an admin page. The hoster may require a second factor
// for admins (setting security.admin_totp_required): until the admin has set one up, only
// their own account pages (where it is set up) are reachable, not the admin pages.
AdminAccess admin_access(db::Database& db, bool is_admin, bool has_second_factor);

}  // namespace chatiere::auth
