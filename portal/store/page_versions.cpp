#include "store/page_versions.h"

namespace chatiere::store {

namespace {
PageVersion read_version(db::Query& q) {
    return PageVersion{q.text(0), q.i64(1), q.text(2), q.text(3), q.text(4), q.i64(5), q.opt_i64(6)};
}
}  // namespace

int64_t latest_page_version(db::Database& db, std::string_view slug) {
    auto q = db.prepare("SELECT coalesce(max(version), 0) FROM page_versions WHERE slug = ?");
    q.bind(slug);
    return q.step() ? q.i64(0) : 0;
}

int64_t append_page_version(db::Database& db, std::string_view slug, std::string_view lang, std::string_view title,
                            std::string_view body, int64_t now, std::optional<int64_t> changed_by) {
    int64_t next = latest_page_version(db, slug) + 1;
    auto q = db.prepare(
        "INSERT INTO page_versions (slug, version, lang, title, body, changed_at, changed_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(slug, next, lang, title, body, now, changed_by).run();
    return next;
}

std::vector<PageVersion> page_versions(db::Database& db, std::string_view slug, int64_t before, int limit) {
    auto q = db.prepare(
        "SELECT slug, version, lang, title, body, changed_at, changed_by FROM page_versions "
        "WHERE slug = ? AND (? = 0 OR version < ?) ORDER BY version DESC LIMIT ?");
    q.bind(slug, before, before, limit);
    std::vector<PageVersion> out;
    while (q.step()) out.push_back(read_version(q));
    return out;
}

std::optional<PageVersion> page_text_at(db::Database& db, std::string_view slug, std::string_view lang,
                                        int64_t version) {
    auto q = db.prepare(
        "SELECT slug, version, lang, title, body, changed_at, changed_by FROM page_versions "
        "WHERE slug = ? AND lang = ? AND version <= ? ORDER BY version DESC LIMIT 1");
    q.bind(slug, lang, version);
    if (q.step()) return read_version(q);
    return std::nullopt;
}

void accept_terms(db::Database& db, int64_t member_id, int64_t version, int64_t now) {
    auto q = db.prepare(
        "INSERT INTO member_terms (member_id, version, accepted_at) VALUES (?, ?, ?) "
        "ON CONFLICT (member_id, version) DO NOTHING");
    q.bind(member_id, version, now).run();
}

std::optional<int64_t> accepted_terms_version(db::Database& db, int64_t member_id) {
    auto q = db.prepare("SELECT max(version) FROM member_terms WHERE member_id = ?");
    q.bind(member_id);
    if (q.step()) return q.opt_i64(0);
    return std::nullopt;
}

}  // namespace chatiere::store
