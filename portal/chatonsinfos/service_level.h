#pragma once
// Each service's published status level, from state, incidents and maintenance.
#include <cstdint>
#include <map>
#include <string>

#include "db/database.h"

namespace chatiere::chatonsinfos {

// service.status.level of every service right now (ON, MAINTENANCE, DOWN, OFF, DRAFT), from
// the admin's state and the open incidents and running maintenance (status/status.h rules).
// Services without an entry are ON.
std::map<int64_t, std::string> service_levels(db::Database& db, int64_t now);

// service.registration as published: the service's own value (None / Free / Member /
// Client, ';'-listed), with Free turned into Member when the portal does not let anyone
// sign up (auth::signup_mode() is not "open"). Unknown words are dropped.
std::string published_registration(std::string_view registration, std::string_view signup_mode);

}  // namespace chatiere::chatonsinfos
