// /news (paginated), /news/:id and the Atom feed /news/feed.atom (RFC 4287): the hoster's
// announcements, newest first. Ids of feed entries are tag: URIs that never change.
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/news.h"
#include "store/settings.h"
#include "text/markdown.h"
#include "ui/handlers.h"
#include "ui/news_common.h"
#include "ui/pages_admin_common.h"
#include "ui/status_common.h"  // xml_escape

namespace chatiere::ui {

namespace news {

Localized localized(const store::News& n, std::string_view lang) {
    bool fr_first = lang == "fr";
    const std::string& t1 = fr_first ? n.title_fr : n.title_en;
    if (!t1.empty()) return {t1, fr_first ? n.body_fr : n.body_en, std::string(lang), false};
    if (fr_first) return {n.title_en, n.body_en, "en", true};
    return {n.title_fr, n.body_fr, "fr", true};
}

http::View item_view(const http::Ctx& ctx, const store::News& n, int heading_offset) {
    auto l = localized(n, ctx.lang);
    http::View v;
    v.set("id", std::to_string(n.id));
    v.set("title", l.title);
    v.set("item_lang", l.lang);
    v.set("other_lang", l.other_lang);
    v.set("url", ctx.url("/news/" + std::to_string(n.id)));
    v.set("date", ctx.format_date(n.published_at));
    v.set("iso", i18n::iso_utc(n.published_at));
    v.set("body_html", text::markdown_to_html(l.body, heading_offset));
    return v;
}

void add_latest(http::Ctx& ctx, http::View& v, int count) {
    http::View list{http::View::type::list};
    for (const auto& n : store::list_news(ctx.db(), count)) list.push_back(item_view(ctx, n, 3));
    v.set("has_news", !list.is_empty_list());
    v.set("news", list);
}

}  // namespace news

namespace {

constexpr int kPerPage = 10;
constexpr int kFeedEntries = 30;

std::string host_of(const std::string& url) {
    auto p = url.find("://");
    std::string rest = p == std::string::npos ? url : url.substr(p + 3);
    rest = rest.substr(0, rest.find('/'));
    return rest.substr(0, rest.find(':'));
}

}  // namespace

void news_list(http::Ctx& ctx) {
    int page = ctx.page_number();
    auto items = store::list_news(ctx.db(), kPerPage + 1, (page - 1) * kPerPage);
    bool more = items.size() > static_cast<size_t>(kPerPage);
    if (more) items.pop_back();
    if (items.empty() && page > 1) throw http::HttpError(404);
    http::View list{http::View::type::list};
    for (const auto& n : items) list.push_back(news::item_view(ctx, n));
    http::View v;
    v.set("items", list);
    v.set("has_items", !items.empty());
    if (more) v.set("next_url", ctx.url("/news?page=" + std::to_string(page + 1)));
    if (page > 1) v.set("prev_url", ctx.url(page == 2 ? "/news" : "/news?page=" + std::to_string(page - 1)));
    v.set("feed_url", ctx.url("/news/feed.atom"));
    v.set("feed_title", ctx.t("pages.news.feed_title"));
    http::render_page(ctx, "news", std::move(v), ctx.t("pages.news.title"));
}

void news_item(http::Ctx& ctx) {
    auto n = store::find_news(ctx.db(), ctx.id_param());
    if (!n) throw http::HttpError(404);
    http::View v = news::item_view(ctx, *n, 1);
    v.set("feed_url", ctx.url("/news/feed.atom"));
    v.set("feed_title", ctx.t("pages.news.feed_title"));
    if (n->updated_at > n->published_at + 60)
        v.set("updated", ctx.format_date(n->updated_at));
    std::string title = news::localized(*n, ctx.lang).title;
    http::render_page(ctx, "news_item", std::move(v), title);
}

void news_feed(http::Ctx& ctx) {
    auto items = store::list_news(ctx.db(), kFeedEntries);
    std::string host = host_of(ctx.absolute_url("/"));
    std::string site = store::get_setting(ctx.db(), "site.name").value_or("Chatière");
    int64_t updated = 0;
    for (const auto& n : items) updated = std::max(updated, n.updated_at);
    if (items.empty()) updated = store::settings_changed_at(ctx.db());
    std::string self = ctx.absolute_url("/news/feed.atom");
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
                      ctx.lang + "\">\n";
    out += "<id>" + xml_escape(self) + "</id>\n";
    out += "<title>" + xml_escape(ctx.t("pages.news.feed_title") + " · " + site) + "</title>\n";
    out += "<updated>" + i18n::iso_utc(updated) + "</updated>\n";
    out += "<author><name>" + xml_escape(site) + "</name></author>\n";
    out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_escape(self) + "\"/>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(ctx.absolute_url("/news")) + "\"/>\n";
    out += "<generator>Chatière</generator>\n";
    for (const auto& n : items) {
        auto l = news::localized(n, ctx.lang);
        std::string url = ctx.absolute_url("/news/" + std::to_string(n.id));
        std::string id = "tag:" + host + "," + i18n::iso_utc(n.published_at).substr(0, 10) + ":news-" + std::to_string(n.id);
        out += "<entry xml:lang=\"" + l.lang + "\">\n<id>" + xml_escape(id) + "</id>\n";
        out += "<title>" + xml_escape(l.title) + "</title>\n";
        out += "<published>" + i18n::iso_utc(n.published_at) + "</published>\n";
        out += "<updated>" + i18n::iso_utc(n.updated_at) + "</updated>\n";
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(url) + "\"/>\n";
        out += "<content type=\"html\">" + xml_escape(text::markdown_to_html(l.body, 1)) + "</content>\n</entry>\n";
    }
    out += "</feed>\n";
    // Browser-side feed readers on other sites read it; a wildcard never carries credentials.
    ctx.res.set_header("Access-Control-Allow-Origin", "*");
    if (http::not_modified(ctx, http::etag_of(out))) return;
    http::send_text(ctx, std::move(out), "application/atom+xml; charset=utf-8");
}

}  // namespace chatiere::ui
