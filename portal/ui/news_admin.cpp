// /admin/news: the admin writes, edits and deletes announcements (French and English; one of
// the two may be left empty). Every action goes to the audit log.
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/audit.h"
#include "store/news.h"
#include "ui/handlers.h"
#include "ui/news_common.h"
#include "ui/pages_admin_common.h"

namespace chatiere::ui {

namespace {

constexpr int kAdminPerPage = 30;
constexpr size_t kMaxTitle = 200;
constexpr size_t kMaxBody = 20000;

std::string clean(std::string_view in, bool multiline) {
    std::string out;
    for (char c : in)
        if (c != '\r') out += c;
    auto sp = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n'; };
    while (!out.empty() && sp(out.back())) out.pop_back();
    size_t k = 0;
    while (k < out.size() && sp(out[k])) ++k;
    out = out.substr(k);
    if (!multiline)
        for (char& c : out)
            if (c == '\n') c = ' ';
    return out;
}

// The news item of the URL (nullopt for /admin/news/new).
std::optional<store::News> from_param(http::Ctx& ctx) {
    if (!ctx.has_param("id")) return std::nullopt;
    auto n = store::find_news(ctx.db(), ctx.id_param());
    if (!n) throw http::HttpError(404);
    return n;
}

void show_form(http::Ctx& ctx, const store::News& n, const std::map<std::string, std::string>& errors, int status) {
    http::View v;
    bool is_new = n.id == 0;
    std::string title = is_new ? ctx.t("pages.news_admin.new_title") : ctx.t("pages.news_admin.edit_title");
    v.set("page_title", title);
    v.set("is_new", is_new);
    v.set("action", ctx.url(is_new ? "/admin/news/new" : "/admin/news/" + std::to_string(n.id)));
    if (!is_new) {
        v.set("public_url", ctx.url("/news/" + std::to_string(n.id)));
        v.set("delete_url", ctx.url("/admin/news/" + std::to_string(n.id) + "/delete"));
    }
    v.set("title_fr", n.title_fr);
    v.set("body_fr", n.body_fr);
    v.set("title_en", n.title_en);
    v.set("body_en", n.body_en);
    pages::set_form_errors(ctx, v, errors);

    v.set("saved", ctx.query.get("done") == "saved");
    http::render_page(ctx, "admin_news_form", std::move(v), title, status);
}

}  // namespace

void admin_news(http::Ctx& ctx) {
    int page = ctx.page_number();
    auto items = store::list_news(ctx.db(), kAdminPerPage + 1, (page - 1) * kAdminPerPage);
    bool more = items.size() > static_cast<size_t>(kAdminPerPage);
    if (more) items.pop_back();
    http::View list{http::View::type::list};
    for (const auto& n : items) {
        http::View r;
        r.set("title", news::localized(n, ctx.lang).title);
        r.set("date", ctx.format_date(n.published_at));
        r.set("has_fr", !n.title_fr.empty());
        r.set("has_en", !n.title_en.empty());
        r.set("edit_url", ctx.url("/admin/news/" + std::to_string(n.id)));
        r.set("delete_url", ctx.url("/admin/news/" + std::to_string(n.id) + "/delete"));
        r.set("public_url", ctx.url("/news/" + std::to_string(n.id)));
        list.push_back(r);
    }
    http::View v;
    v.set("items", list);
    v.set("has_items", !items.empty());
    if (more) v.set("next_url", ctx.url("/admin/news?page=" + std::to_string(page + 1)));
    if (page > 1) v.set("prev_url", ctx.url("/admin/news?page=" + std::to_string(page - 1)));
    std::string done = ctx.query.get("done");
    v.set("deleted", done == "deleted");
    http::render_page(ctx, "admin_news", std::move(v), ctx.t("pages.news_admin.title"));
}

void admin_news_form(http::Ctx& ctx) {
    auto n = from_param(ctx);
    show_form(ctx, n ? *n : store::News{}, {}, 200);
}

void admin_news_submit(http::Ctx& ctx) {
    auto found = from_param(ctx);
    store::News n = found ? *found : store::News{};
    n.title_fr = clean(ctx.form.get("title_fr"), false);
    n.body_fr = clean(ctx.form.get("body_fr"), true);
    n.title_en = clean(ctx.form.get("title_en"), false);
    n.body_en = clean(ctx.form.get("body_en"), true);
    std::map<std::string, std::string> errors;
    for (const char* l : {"fr", "en"}) {
        const std::string& t = std::string(l) == "fr" ? n.title_fr : n.title_en;
        const std::string& b = std::string(l) == "fr" ? n.body_fr : n.body_en;
        if (t.size() > kMaxTitle) errors[std::string("title_") + l] = "pages.error.title_too_long";
        if (b.size() > kMaxBody) errors[std::string("body_") + l] = "pages.error.body_too_long";
        if (t.empty() && !b.empty()) errors[std::string("title_") + l] = "pages.error.news_title_for_body";
    }
    if (n.title_fr.empty() && n.title_en.empty() && !errors.count("title_fr")) errors["title_fr"] = "pages.error.news_one_language";
    if (!errors.empty()) {
        show_form(ctx, n, errors, 422);
        return;
    }
    auto& db = ctx.db();
    db::Transaction tx(db);
    if (!found) n.created_by = ctx.user->id;
    int64_t id = store::save_news(db, n, ctx.now());
    store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), found ? "news.update" : "news.create",
                 "news:" + std::to_string(id), n.title_fr.empty() ? n.title_en : n.title_fr);
    tx.commit();
    http::redirect(ctx, "/admin/news/" + std::to_string(id) + "?done=saved");
}

void admin_news_delete_form(http::Ctx& ctx) {
    auto n = from_param(ctx);
    http::View v = news::item_view(ctx, *n, 2);
    v.set("action", ctx.url("/admin/news/" + std::to_string(n->id) + "/delete"));
    v.set("edit_url", ctx.url("/admin/news/" + std::to_string(n->id)));
    http::render_page(ctx, "admin_news_delete", std::move(v), ctx.t("pages.news_admin.delete_title"));
}

void admin_news_delete(http::Ctx& ctx) {
    auto n = from_param(ctx);
    auto& db = ctx.db();
    db::Transaction tx(db);
    store::delete_news(db, n->id);
    store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), "news.delete", "news:" + std::to_string(n->id),
                 n->title_fr.empty() ? n->title_en : n->title_fr);
    tx.commit();
    http::redirect(ctx, "/admin/news?done=deleted");
}

}  // namespace chatiere::ui
