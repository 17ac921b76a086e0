#include "store/news.h"

namespace chatiere::store {

namespace {
constexpr const char* kColumns = "id, title_fr, body_fr, title_en, body_en, published_at, updated_at, created_by";
News read_news(db::Query& q) {
    return News{q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.i64(5), q.i64(6), q.opt_i64(7)};
}
}  // namespace

std::vector<News> list_news(db::Database& db, int limit, int offset) {
    auto q = db.prepare(std::string("SELECT ") + kColumns +
                        " FROM news ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?");
    q.bind(limit, offset);
    std::vector<News> out;
    while (q.step()) out.push_back(read_news(q));
    return out;
}

std::optional<News> find_news(db::Database& db, int64_t id) {
    auto q = db.prepare(std::string("SELECT ") + kColumns + " FROM news WHERE id = ?");
    q.bind(id);
    if (q.step()) return read_news(q);
    return std::nullopt;
}

int64_t save_news(db::Database& db, const News& n, int64_t now) {
    if (n.id == 0) {
        auto q = db.prepare(
            "INSERT INTO news (title_fr, body_fr, title_en, body_en, published_at, updated_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        q.bind(n.title_fr, n.body_fr, n.title_en, n.body_en, n.published_at ? n.published_at : now, now, n.created_by)
            .run();
        return db.last_insert_id();
    }
    auto q = db.prepare(
        "UPDATE news SET title_fr = ?, body_fr = ?, title_en = ?, body_en = ?, updated_at = ? WHERE id = ?");
    q.bind(n.title_fr, n.body_fr, n.title_en, n.body_en, now, n.id).run();
    return n.id;
}

bool delete_news(db::Database& db, int64_t id) {
    auto q = db.prepare("DELETE FROM news WHERE id = ?");
    q.bind(id).run();
    return db.changes() > 0;
}

}  // namespace chatiere::store
