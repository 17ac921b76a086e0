// The hoster's pages: /about, /terms, /privacy, /legal, /pages/:slug; their history
// (/pages/:slug/history) and what changed since a version (/pages/:slug/changes?since=N,
// /terms/changes); a member accepting the current terms (POST /terms/accept).
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/audit.h"
#include "store/page_versions.h"
#include "store/pages.h"
#include "text/line_diff.h"
#include "text/markdown.h"
#include "text/number.h"
#include "ui/handlers.h"
#include "ui/pages_admin_common.h"
#include "actions/membership.h"

namespace chatiere::ui {

namespace {

constexpr int kHistoryPage = 50;

void add_terms_view(http::Ctx& ctx, http::View& v) {
    auto& db = ctx.db();
    int64_t current = store::latest_page_version(db, "terms");
    v.set("is_terms", true);
    v.set("terms_version", std::to_string(current));
    // What lapsing does, in the hoster's chosen words (issue 18).
    if (auto policy = actions::membership_policy(db); policy.enabled)
        v.set("membership_terms", actions::lapse_blocks_sso(db)
                                      ? ctx.t("membership.terms.sso", {{"grace", std::to_string(policy.grace_days)}})
                                      : ctx.t("membership.terms.nothing"));
    if (!ctx.user || current == 0) return;
    auto accepted = store::accepted_terms_version(db, ctx.user->id);
    if (accepted && *accepted >= current) {
        v.set("terms_accepted_current", true);
    } else {
        v.set("terms_accept_needed", true);
        v.set("member_csrf", ctx.csrf());
        if (accepted) {
            v.set("terms_accepted_version", std::to_string(*accepted));
            v.set("terms_changes_url", ctx.url("/terms/changes?since=" + std::to_string(*accepted)));
        }
    }
    v.set("terms_accepted_done", ctx.query.get("done") == "accepted");
}

void show_page(http::Ctx& ctx, const std::string& slug) {
    if (!pages::valid_slug(slug)) throw http::HttpError(404);
    auto page = store::find_page(ctx.db(), slug, ctx.lang);
    if (!page) throw http::HttpError(404, "error.page_missing");
    http::View v;
    v.set("page_title", page->title);
    v.set("body_html", text::markdown_to_html(page->body));
    v.set("updated", ctx.format_date(page->updated_at));
    v.set("updated_iso", i18n::iso_date_local(ctx.zone(), page->updated_at));
    v.set("history_url", ctx.url("/pages/" + slug + "/history"));
    // A page not yet translated is shown in the other language, and says so.
    if (page->lang != ctx.lang) v.set("other_lang", page->lang);
    if (slug == "terms") add_terms_view(ctx, v);
    // What status subscriptions keep, whatever the hoster's own text says (issue 19).
    v.set("is_privacy", slug == "privacy");
    http::render_page(ctx, "page", std::move(v), page->title);
}

void show_changes(http::Ctx& ctx, const std::string& slug) {
    if (!pages::valid_slug(slug)) throw http::HttpError(404);
    auto& db = ctx.db();
    auto page = store::find_page(db, slug, ctx.lang);
    if (!page) throw http::HttpError(404, "error.page_missing");
    const std::string since_text = ctx.query.get("since");
    auto since_number = text::parse_decimal(since_text, 9);
    if (!since_number) throw http::HttpError(400, "pages.error.since");
    int64_t since = *since_number;
    int64_t latest = store::latest_page_version(db, slug);
    if (since < 1 || since > latest) throw http::HttpError(404, "pages.error.no_version");
    auto old = store::page_text_at(db, slug, page->lang, since);
    http::View v;
    v.set("page_title", ctx.t("pages.changes.title", {{"title", page->title}}));
    v.set("since", since_text);
    v.set("latest", std::to_string(latest));
    v.set("page_url", ctx.url(pages::page_path(slug)));
    v.set("history_url", ctx.url("/pages/" + slug + "/history"));
    if (old) {
        v.set("since_date", ctx.format_date(old->changed_at));
        v.set("since_iso", i18n::iso_date_local(ctx.zone(), old->changed_at));
    }
    std::string old_text = old ? old->title + "\n\n" + old->body : std::string();
    std::string new_text = page->title + "\n\n" + page->body;
    http::View lines{http::View::type::list};
    int added = 0, removed = 0;
    for (const auto& d : text::line_diff(old_text, new_text)) {
        http::View line;
        line.set("text", d.text);
        // Every flag set on each line: a missing one would be looked up in the page's view.
        line.set("added", d.op == '+');
        line.set("removed", d.op == '-');
        line.set("same", d.op == ' ');
        added += d.op == '+';
        removed += d.op == '-';
        lines.push_back(line);
    }
    v.set("lines", lines);
    v.set("unchanged", added == 0 && removed == 0);
    v.set("added_count", std::to_string(added));
    v.set("removed_count", std::to_string(removed));
    http::render_page(ctx, "page_changes", std::move(v), ctx.t("pages.changes.title", {{"title", page->title}}));
}

}  // namespace

http::Handler content_page(std::string slug) {
    return [slug = std::move(slug)](http::Ctx& ctx) { show_page(ctx, slug); };
}

void extra_page(http::Ctx& ctx) { show_page(ctx, ctx.param("slug")); }

void page_history(http::Ctx& ctx) {
    const std::string& slug = ctx.param("slug");
    if (!pages::valid_slug(slug)) throw http::HttpError(404);
    auto& db = ctx.db();
    auto page = store::find_page(db, slug, ctx.lang);
    if (!page) throw http::HttpError(404, "error.page_missing");
    int64_t before = text::parse_decimal(ctx.query.get("before"), 9).value_or(0);
    auto versions = store::page_versions(db, slug, before, kHistoryPage + 1);
    bool more = versions.size() > static_cast<size_t>(kHistoryPage);
    if (more) versions.pop_back();
    int64_t latest = store::latest_page_version(db, slug);
    http::View list{http::View::type::list};
    for (const auto& pv : versions) {
        http::View item;
        item.set("version", std::to_string(pv.version));
        item.set("lang", pv.lang);
        item.set("lang_name", ctx.app.catalog.t(pv.lang, "language.name"));
        item.set("title", pv.title);
        item.set("date", ctx.format_datetime(pv.changed_at));
        item.set("iso", i18n::iso_utc(pv.changed_at));
        item.set("current", pv.version == latest);
        if (pv.version != latest)
            item.set("changes_url", ctx.url("/pages/" + slug + "/changes?since=" + std::to_string(pv.version)));
        list.push_back(item);
    }
    http::View v;
    std::string title = ctx.t("pages.history.title", {{"title", page->title}});
    v.set("page_title", title);
    v.set("page_url", ctx.url(pages::page_path(slug)));
    v.set("versions", list);
    if (more) v.set("older_url", ctx.url("/pages/" + slug + "/history?before=" + std::to_string(versions.back().version)));
    http::render_page(ctx, "page_history", std::move(v), title);
}

void page_changes(http::Ctx& ctx) { show_changes(ctx, ctx.param("slug")); }
void terms_changes(http::Ctx& ctx) { show_changes(ctx, "terms"); }

void terms_accept(http::Ctx& ctx) {
    auto& db = ctx.db();
    int64_t current = store::latest_page_version(db, "terms");
    // The version the member read: accepting is refused if the terms changed meanwhile.
    std::string seen = ctx.form.get("version");
    if (current == 0 || seen != std::to_string(current)) throw http::HttpError(409, "pages.error.terms_changed");
    db::Transaction tx(db);
    store::accept_terms(db, ctx.user->id, current, ctx.now());
    store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), "terms.accept",
                 "member:" + std::to_string(ctx.user->id), "version " + seen);
    tx.commit();
    http::redirect(ctx, "/terms?done=accepted");
}

}  // namespace chatiere::ui
