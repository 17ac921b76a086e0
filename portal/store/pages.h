#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace chatiere::store {

struct Page {
    std::string slug, lang, title, body;
    int position = 0;
    int64_t updated_at = 0;
};

// The page in `lang`, or in the other language when it has not been translated yet.
std::optional<Page> find_page(db::Database& db, std::string_view slug, std::string_view lang);
void save_page(db::Database& db, const Page& page, int64_t now);
// Pages shown in the menu (position > 0), in order, in `lang` (falling back as find_page).
std::vector<Page> menu_pages(db::Database& db, std::string_view lang);

}  // namespace chatiere::store
