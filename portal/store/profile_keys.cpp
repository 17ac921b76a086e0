#include "store/profile_keys.h"

namespace chatiere::store {

std::optional<SigningKey> current_signing_key(db::Database& db) {
    auto q = db.prepare(
        "SELECT id, public_key, secret_key, created_at FROM profile_keys WHERE retired_at IS NULL "
        "ORDER BY id DESC LIMIT 1");
    if (!q.step()) return std::nullopt;
    SigningKey k;
    k.id = q.i64(0);
    k.public_key = q.text(1);
    k.secret_key = q.blob(2);
    k.created_at = q.i64(3);
    return k;
}

int64_t insert_signing_key(db::Database& db, const std::string& public_key, const std::vector<unsigned char>& secret_key,
                           int64_t now) {
    auto q = db.prepare("INSERT INTO profile_keys (public_key, secret_key, created_at) VALUES (?, ?, ?)");
    q.bind(public_key, secret_key, now).run();
    return db.last_insert_id();
}

std::optional<ProfileFileState> profile_file_state(db::Database& db, std::string_view name) {
    auto q = db.prepare("SELECT content_hash, changed_at FROM profile_files WHERE name = ?");
    q.bind(name);
    if (!q.step()) return std::nullopt;
    return ProfileFileState{q.text(0), q.i64(1)};
}

void save_profile_file_state(db::Database& db, std::string_view name, std::string_view content_hash, int64_t changed_at) {
    auto q = db.prepare(
        "INSERT INTO profile_files (name, content_hash, changed_at, first_published_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET content_hash = excluded.content_hash, changed_at = excluded.changed_at");
    q.bind(name, content_hash, changed_at, changed_at).run();
}

std::optional<int64_t> profile_first_published_at(db::Database& db) {
    auto q = db.prepare("SELECT min(first_published_at) FROM profile_files WHERE first_published_at > 0");
    if (!q.step() || q.is_null(0)) return std::nullopt;
    return q.i64(0);
}

}  // namespace chatiere::store
