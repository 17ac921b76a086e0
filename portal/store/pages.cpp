#include "store/pages.h"

#include "store/page_versions.h"

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

std::optional<Page> find_page_exact(db::Database& db, std::string_view slug, std::string_view lang) {
    auto q = db.prepare(
        "SELECT slug, lang, title, body, position, updated_at FROM pages WHERE slug = ? AND lang = ?");
    q.bind(slug, lang);
    if (q.step()) return read_page(q);
    return std::nullopt;
}

int64_t save_page(db::Database& db, const Page& p, int64_t now, std::optional<int64_t> changed_by) {
    auto before = find_page_exact(db, p.slug, p.lang);
    bool text_changed = !before || before->title != p.title || before->body != p.body;
    {
        auto q = db.prepare(
            "INSERT INTO pages (slug, lang, title, body, position, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (slug, lang) DO UPDATE SET title = excluded.title, body = excluded.body, "
            "position = excluded.position, updated_at = excluded.updated_at");
        q.bind(p.slug, p.lang, p.title, p.body, p.position, text_changed || !before ? now : before->updated_at).run();
    }
    // Both languages share the menu position.
    set_page_position(db, p.slug, p.position);
    int64_t version = text_changed ? append_page_version(db, p.slug, p.lang, p.title, p.body, now, changed_by)
                                   : latest_page_version(db, p.slug);
    return version;
}

void set_page_position(db::Database& db, std::string_view slug, int position) {
    auto q = db.prepare("UPDATE pages SET position = ? WHERE slug = ? AND position <> ?");
    q.bind(position, slug, position).run();
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

std::vector<PageSummary> list_pages(db::Database& db, std::string_view lang) {
    // The admin-written pages are few (a dozen): one pass over the table.
    auto q = db.prepare(
        "SELECT slug, "
        "  coalesce(max(CASE WHEN lang = ?1 THEN title END), max(title)), "
        "  max(lang = 'fr'), max(lang = 'en'), max(position), max(updated_at) "
        "FROM pages GROUP BY slug ORDER BY max(position) = 0, max(position), slug");
    q.bind(lang);
    std::vector<PageSummary> out;
    while (q.step())
        out.push_back(PageSummary{q.text(0), q.text(1), q.integer(2) != 0, q.integer(3) != 0, q.integer(4), q.i64(5)});
    return out;
}

}  // namespace chatiere::store
