#pragma once
// SQL for news items.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

// The hoster's short announcements, each in French and English (one may be empty).
namespace chatiere::store {

struct News {
    int64_t id = 0;
    std::string title_fr, body_fr, title_en, body_en;
    int64_t published_at = 0, updated_at = 0;
    std::optional<int64_t> created_by;
};

// Newest first: `limit` items after skipping `offset` (pages of the public list).
std::vector<News> list_news(db::Database& db, int limit, int offset = 0);
std::optional<News> find_news(db::Database& db, int64_t id);
// Inserts (id == 0: published now) or updates the texts; returns the id.
int64_t save_news(db::Database& db, const News& n, int64_t now);
bool delete_news(db::Database& db, int64_t id);

}  // namespace chatiere::store
