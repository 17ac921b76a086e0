#pragma once
// SQL for the audit log.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace chatiere::store {

struct AuditEntry {
    int64_t id = 0, at = 0;
    std::optional<int64_t> actor_id;
    std::string actor, action, target, details;
};

// Records that `actor` (a member id and name; nullopt/"" for the system or the CLI) did
// `action` ("member.suspend") on `target` ("member:42").
void audit(db::Database& db, int64_t now, std::optional<int64_t> actor_id, std::string_view actor,
           std::string_view action, std::string_view target, std::string_view details = {});
// Newest first, `limit` entries older than `before_id` (0: from the newest).
std::vector<AuditEntry> audit_page(db::Database& db, int64_t before_id, int limit);

}  // namespace chatiere::store
