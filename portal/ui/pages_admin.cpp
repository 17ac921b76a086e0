// /admin/pages: the hoster's pages (about, terms, privacy, legal notice, transparency intro and
// any the admin adds), edited one language at a time; every save appends a version.
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/audit.h"
#include "store/page_versions.h"
#include "store/pages.h"
#include "text/number.h"
#include "ui/handlers.h"
#include "ui/pages_admin_common.h"

namespace chatiere::ui {

namespace {

constexpr size_t kMaxTitle = 200;
constexpr size_t kMaxBody = 100000;

struct PageForm {
    std::string slug, lang, title, body, position = "0";
};

std::string without_cr(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (char c : in)
        if (c != '\r') out += c;
    return out;
}

std::string trim(std::string s) {
    auto sp = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n'; };
    while (!s.empty() && sp(s.back())) s.pop_back();
    size_t k = 0;
    while (k < s.size() && sp(s[k])) ++k;
    return s.substr(k);
}

bool valid_lang(std::string_view lang) { return lang == "fr" || lang == "en"; }

void show_form(http::Ctx& ctx, const PageForm& f, bool is_new, const std::map<std::string, std::string>& errors,
               int status) {
    http::View v;
    std::string title;
    if (is_new) {
        title = ctx.t("pages.admin.new_title");
        v.set("action", ctx.url("/admin/pages/new"));
        http::View langs{http::View::type::list};
        for (const char* l : {"fr", "en"}) {
            http::View o;
            o.set("value", std::string(l));
            o.set("label", ctx.app.catalog.t(l, "language.name"));
            o.set("selected", f.lang == l);
            langs.push_back(o);
        }
        v.set("lang_options", langs);
    } else {
        title = ctx.t("pages.admin.edit_title", {{"slug", f.slug}, {"lang", ctx.app.catalog.t(f.lang, "language.name")}});
        v.set("action", ctx.url("/admin/pages/" + f.slug + "/" + f.lang));
        v.set("public_url", ctx.url(pages::page_path(f.slug) + "?lang=" + f.lang));
        v.set("history_url", ctx.url("/pages/" + f.slug + "/history"));
        std::string other = f.lang == "fr" ? "en" : "fr";
        v.set("other_url", ctx.url("/admin/pages/" + f.slug + "/" + other));
        v.set("other_name", ctx.app.catalog.t(other, "language.name"));
        if (auto existing = store::find_page_exact(ctx.db(), f.slug, f.lang)) {
            v.set("updated", ctx.format_datetime(existing->updated_at));
        } else {
            v.set("not_written", true);
        }
    }
    v.set("is_new", is_new);
    v.set("page_title", title);
    v.set("slug", f.slug);
    v.set("lang", f.lang);
    v.set("title_value", f.title);
    v.set("body", f.body);
    v.set("position", f.position);
    v.set("builtin", pages::is_builtin(f.slug));
    pages::set_form_errors(ctx, v, errors);

    v.set("saved", ctx.query.get("done") == "saved");
    http::render_page(ctx, "admin_page", std::move(v), title, status);
}

// Reads and checks the shared fields; fills `errors` with catalogue keys.
PageForm read_form(http::Ctx& ctx, std::map<std::string, std::string>& errors) {
    PageForm f;
    f.title = trim(ctx.form.get("title"));
    f.body = trim(without_cr(ctx.form.get("body")));
    f.position = trim(ctx.form.get("position"));
    if (f.position.empty()) f.position = "0";
    if (f.title.empty()) errors["title"] = "pages.error.title_required";
    else if (f.title.size() > kMaxTitle || f.title.find('\n') != std::string::npos) errors["title"] = "pages.error.title_too_long";
    if (f.body.size() > kMaxBody) errors["body"] = "pages.error.body_too_long";
    if (!text::parse_decimal(f.position, 3))
        errors["position"] = "pages.error.position";
    return f;
}

void save(http::Ctx& ctx, const PageForm& f, bool created) {
    auto& db = ctx.db();
    db::Transaction tx(db);
    store::Page p{f.slug, f.lang, f.title, f.body, std::stoi(f.position), 0};
    int64_t version = store::save_page(db, p, ctx.now(), ctx.user->id);
    store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), created ? "page.create" : "page.update",
                 "page:" + f.slug + "/" + f.lang, "version " + std::to_string(version));
    tx.commit();
    http::redirect(ctx, "/admin/pages/" + f.slug + "/" + f.lang + "?done=saved");
}

// The slug and language of the URL, for a page that exists (in some language) or is built in.
PageForm from_params(http::Ctx& ctx) {
    PageForm f;
    f.slug = ctx.param("slug");
    f.lang = ctx.param("lang");
    if (!pages::valid_slug(f.slug) || !valid_lang(f.lang)) throw http::HttpError(404);
    auto any = store::find_page(ctx.db(), f.slug, f.lang);
    if (!any && !pages::is_builtin(f.slug)) throw http::HttpError(404);
    if (any) f.position = std::to_string(any->position);
    return f;
}

}  // namespace

void admin_pages(http::Ctx& ctx) {
    auto list = store::list_pages(ctx.db(), ctx.lang);
    // Built-in pages are listed even before they are written.
    for (const auto& slug : pages::builtin_slugs())
        if (std::none_of(list.begin(), list.end(), [&](const auto& p) { return p.slug == slug; }))
            list.push_back(store::PageSummary{slug, "", false, false, 0, 0});
    http::View rows{http::View::type::list};
    for (const auto& p : list) {
        http::View r;
        r.set("slug", p.slug);
        r.set("title", p.title.empty() ? ctx.t("pages.admin.untitled") : p.title);
        r.set("public_url", ctx.url(pages::page_path(p.slug)));
        r.set("path", pages::page_path(p.slug));
        r.set("edit_fr", ctx.url("/admin/pages/" + p.slug + "/fr"));
        r.set("edit_en", ctx.url("/admin/pages/" + p.slug + "/en"));
        r.set("has_fr", p.has_fr);
        r.set("has_en", p.has_en);
        r.set("position", std::to_string(p.position));
        r.set("in_menu", p.position > 0);
        if (p.updated_at) r.set("updated", ctx.format_date(p.updated_at));
        if (p.has_fr || p.has_en) r.set("history_url", ctx.url("/pages/" + p.slug + "/history"));
        rows.push_back(r);
    }
    http::View v;
    v.set("pages", rows);
    http::render_page(ctx, "admin_pages", std::move(v), ctx.t("pages.admin.title"));
}

void admin_page_new(http::Ctx& ctx) {
    PageForm f;
    f.lang = ctx.lang;
    show_form(ctx, f, true, {}, 200);
}

void admin_page_create(http::Ctx& ctx) {
    std::map<std::string, std::string> errors;
    PageForm f = read_form(ctx, errors);
    f.slug = trim(ctx.form.get("slug"));
    f.lang = ctx.form.get("lang");
    if (!valid_lang(f.lang)) errors["lang"] = "pages.error.lang";
    if (f.slug.empty()) errors["slug"] = "pages.error.slug_required";
    else if (!pages::valid_slug(f.slug)) errors["slug"] = "pages.error.slug_chars";
    else if (pages::reserved_slug(f.slug)) errors["slug"] = "pages.error.slug_reserved";
    else if (store::find_page(ctx.db(), f.slug, "fr")) errors["slug"] = "pages.error.slug_taken";
    if (!errors.empty()) {
        show_form(ctx, f, true, errors, 422);
        return;
    }
    save(ctx, f, true);
}

void admin_page_form(http::Ctx& ctx) {
    PageForm f = from_params(ctx);
    if (auto p = store::find_page_exact(ctx.db(), f.slug, f.lang)) {
        f.title = p->title;
        f.body = p->body;
    }
    show_form(ctx, f, false, {}, 200);
}

void admin_page_submit(http::Ctx& ctx) {
    PageForm target = from_params(ctx);
    std::map<std::string, std::string> errors;
    PageForm f = read_form(ctx, errors);
    f.slug = target.slug;
    f.lang = target.lang;
    if (!errors.empty()) {
        show_form(ctx, f, false, errors, 422);
        return;
    }
    save(ctx, f, !store::find_page_exact(ctx.db(), f.slug, f.lang).has_value());
}

}  // namespace chatiere::ui
