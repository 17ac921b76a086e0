// What every action receives: the database, the clock's reading, the configuration and the
// catalogue for translated mail, and who acts. Built by a ui/, api/ or cli/ adapter.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config.h"
#include "db/database.h"
#include "i18n/catalog.h"
#include "i18n/time_zone.h"

namespace chatiere::actions {

// Who does it, as the audit log names them.
struct Actor {
    std::optional<int64_t> id;  // member id; none for a tool
    std::string name;           // member's log-in name, "api:<token name>" or "cli:<unix user>"
};

struct Context {
    db::Database& db;
    int64_t now;
    const Config& config;
    const i18n::Catalog& catalog;
    const i18n::TimeZone& zone;  // the portal's, for dates in mail
    Actor actor;

    // Absolute URL of a path below the portal's root, for mail and webhooks.
    std::string absolute_url(std::string_view path) const {
        if (!path.empty() && path.front() == '/') path.remove_prefix(1);
        return config.base_url + std::string(path);
    }
};

// field → catalogue key of the error; empty when the input is fine.
using FieldErrors = std::map<std::string, std::string>;

}  // namespace chatiere::actions
