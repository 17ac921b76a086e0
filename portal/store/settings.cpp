#include "store/settings.h"

namespace chatiere::store {

std::optional<std::string> get_setting(db::Database& db, std::string_view key) {
    auto q = db.prepare("SELECT value FROM settings WHERE key = ?");
    q.bind(key);
    if (q.step()) return q.text(0);
    return std::nullopt;
}

std::string get_setting_or(db::Database& db, std::string_view key, std::string_view fallback) {
    auto v = get_setting(db, key);
    return v ? *v : std::string(fallback);
}

void put_setting(db::Database& db, std::string_view key, std::string_view value, int64_t now) {
    auto q = db.prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at "
        "WHERE settings.value IS NOT excluded.value");
    q.bind(key, value, now).run();
}

std::map<std::string, std::string> settings_with_prefix(db::Database& db, std::string_view prefix) {
    std::map<std::string, std::string> out;
    // Range scan on the primary key: key >= prefix AND key < prefix + U+10FFFF.
    auto q = db.prepare("SELECT key, value FROM settings WHERE key >= ? AND key < ? ORDER BY key");
    std::string upper = std::string(prefix) + "\xf4\x8f\xbf\xbf";
    q.bind(prefix, upper);
    while (q.step()) out.emplace(q.text(0), q.text(1));
    return out;
}

int64_t settings_changed_at(db::Database& db) {
    auto q = db.prepare("SELECT coalesce(max(updated_at), 0) FROM settings");
    return q.step() ? q.i64(0) : 0;
}

}  // namespace chatiere::store
