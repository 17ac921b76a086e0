#pragma once
// SQL for the hoster's pages (legal, terms, privacy, about, custom).
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
// The page in exactly `lang`.
std::optional<Page> find_page_exact(db::Database& db, std::string_view slug, std::string_view lang);
// Saves the current text and, when the title or body changed, appends a version
// (page_versions.h). Call it inside a transaction. Returns the page's version number after the save.
int64_t save_page(db::Database& db, const Page& page, int64_t now, std::optional<int64_t> changed_by = std::nullopt);
// Sets the menu position of both languages of a page.
void set_page_position(db::Database& db, std::string_view slug, int position);
// Pages shown in the menu (position > 0), in order, in `lang` (falling back as find_page).
std::vector<Page> menu_pages(db::Database& db, std::string_view lang);

// One row per page for the admin's list: which languages exist, the newest change.
struct PageSummary {
    std::string slug, title;  // title in the admin's language when it exists
    bool has_fr = false, has_en = false;
    int position = 0;
    int64_t updated_at = 0;
};
std::vector<PageSummary> list_pages(db::Database& db, std::string_view lang);

}  // namespace chatiere::store
