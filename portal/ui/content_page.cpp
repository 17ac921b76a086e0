#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/pages.h"
#include "text/markdown.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {
void show_page(http::Ctx& ctx, const std::string& slug) {
    auto page = store::find_page(ctx.db(), slug, ctx.lang);
    if (!page) throw http::HttpError(404, "error.page_missing");
    http::View v;
    v.set("page_title", page->title);
    v.set("body_html", text::markdown_to_html(page->body));
    v.set("updated", i18n::format_date(ctx.app.catalog, ctx.lang, page->updated_at));
    v.set("updated_iso", i18n::iso_date_local(page->updated_at));
    // A page not yet translated is shown in the other language, and says so.
    if (page->lang != ctx.lang) v.set("other_lang", page->lang);
    http::render_page(ctx, "page", std::move(v), page->title);
}
}  // namespace

http::Handler content_page(std::string slug) {
    return [slug = std::move(slug)](http::Ctx& ctx) { show_page(ctx, slug); };
}

void extra_page(http::Ctx& ctx) { show_page(ctx, ctx.param("slug")); }

}  // namespace chatiere::ui
