#include "store/pages.h"

namespace chatiere::store {

namespace {
Page read_page(db::Query& q) {
    return Page{q.text(0), q.text(1), q.text(2), q.text(3), q.integer(4), q.i64(5)};
}
}  // namespace

std::optional<Page> find_page(db::Database& db, std::string_view slug, std::string_view lang) {
    auto q = db.prepare(
        "SELECT slug, lang, title, body, position, updated_at FROM pages WHERE slug = ? "
        "ORDER BY lang = ? DESC LIMIT 1");
    q.bind(slug, lang);
    if (q.step()) return read_page(q);
    return std::nullopt;
}

void save_page(db::Database& db, const Page& p, int64_t now) {
    auto q = db.prepare(
        "INSERT INTO pages (slug, lang, title, body, position, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (slug, lang) DO UPDATE SET title = excluded.title, body = excluded.body, "
        "position = excluded.position, updated_at = excluded.updated_at");
    q.bind(p.slug, p.lang, p.title, p.body, p.position, now).run();
}

std::vector<Page> menu_pages(db::Database& db, std::string_view lang) {
    // One row per slug: the reader's language when it exists, else any.
    auto q = db.prepare(
        "SELECT slug, lang, title, body, position, updated_at FROM pages p WHERE position > 0 AND "
        "(lang = ?1 OR NOT EXISTS (SELECT 1 FROM pages o WHERE o.slug = p.slug AND o.lang = ?1)) "
        "GROUP BY slug ORDER BY position, slug");
    q.bind(lang);
    std::vector<Page> out;
    while (q.step()) out.push_back(read_page(q));
    return out;
}

}  // namespace chatiere::store
