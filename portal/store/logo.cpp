#include "store/logo.h"

namespace chatiere::store {

std::optional<Logo> find_logo(db::Database& db) {
    auto q = db.prepare("SELECT content_type, bytes, sha256, uploaded_at FROM site_logo WHERE id = 1");
    if (q.step()) return Logo{q.text(0), q.blob(1), q.text(2), q.i64(3)};
    return std::nullopt;
}

void save_logo(db::Database& db, const Logo& logo, std::optional<int64_t> uploaded_by) {
    auto q = db.prepare(
        "INSERT INTO site_logo (id, content_type, bytes, sha256, uploaded_at, uploaded_by) VALUES (1, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, "
        "sha256 = excluded.sha256, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by");
    q.bind(logo.content_type, logo.bytes, logo.sha256, logo.uploaded_at, uploaded_by).run();
}

void delete_logo(db::Database& db) {
    auto q = db.prepare("DELETE FROM site_logo WHERE id = 1");
    q.run();
}

}  // namespace chatiere::store
