#pragma once
// SQL for the admin's settings (key/value).
#include <map>
#include <optional>
#include <string>

#include "db/database.h"

namespace chatiere::store {

// The hoster's settings: one value per key.
std::optional<std::string> get_setting(db::Database& db, std::string_view key);
std::string get_setting_or(db::Database& db, std::string_view key, std::string_view fallback);
void put_setting(db::Database& db, std::string_view key, std::string_view value, int64_t now);
// Every key that starts with `prefix` (all of them for an empty prefix).
std::map<std::string, std::string> settings_with_prefix(db::Database& db, std::string_view prefix);
// Highest updated_at of all settings: a cheap version number for caches.
int64_t settings_changed_at(db::Database& db);

}  // namespace chatiere::store
