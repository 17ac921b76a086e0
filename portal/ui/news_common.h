#pragma once
// News shown to readers: the item in their language, or in the other one with a note.
#include <string>

#include "http/context.h"
#include "http/views.h"
#include "store/news.h"

namespace chatiere::ui::news {

struct Localized {
    std::string title, body, lang;
    bool other_lang = false;  // not written in the reader's language
};
Localized localized(const store::News& n, std::string_view lang);

// One item's view: title, url, date, iso, body_html (Markdown, safe), other_lang.
http::View item_view(const http::Ctx& ctx, const store::News& n, int heading_offset = 2);

// The latest `count` items for the homepage (news, has_news).
void add_latest(http::Ctx& ctx, http::View& v, int count = 3);

}  // namespace chatiere::ui::news
