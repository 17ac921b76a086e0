#pragma once
// SQL for a member's data export.
#include <nlohmann/json.hpp>

#include "db/database.h"

namespace chatiere::store {

// Everything the database holds about one member, for "download my data": their row, and
// the rows about them in every table that has a member_id column (present and future
// tables alike), the audit entries by or about them, and the mail sent to them. Secrets
// (password and token hashes, second-factor secret, CSRF tokens) are left out.
nlohmann::json member_export(db::Database& db, int64_t member_id);

}  // namespace chatiere::store
