#include "app.h"
#include "auth/accounts.h"
#include "http/response.h"
#include "chatonsinfos/linked_data.h"
#include "store/pages.h"
#include "store/services.h"
#include "store/settings.h"
#include "text/markdown.h"
#include "ui/contributions_common.h"  // funding goal (issue 5)
#include "ui/handlers.h"
#include "ui/news_common.h"  // latest news (issue 7)
#include "ui/status_common.h"

namespace chatiere::ui {

void home(http::Ctx& ctx) {
    auto& db = ctx.db();
    http::View v;
    auto site = store::settings_with_prefix(db, "site.");
    auto setting = [&](const std::string& key) {
        auto localized = site.find(key + "." + ctx.lang);
        if (localized != site.end() && !localized->second.empty()) return localized->second;
        auto plain = site.find(key);
        return plain == site.end() ? std::string() : plain->second;
    };
    v.set("description", setting("site.description"));
    if (ctx.query.get("done") == "account_deleted") v.set("notice", ctx.t("account.done.account_deleted"));
    if (auto email = setting("site.contact.email"); !email.empty()) v.set("contact_email", email);
    if (auto url = setting("site.contact.url"); !url.empty()) v.set("contact_url", url);
    if (auto address = setting("site.address"); !address.empty()) v.set("address", address);

    if (auto about = store::find_page(db, "about", ctx.lang)) {
        v.set("about_html", text::markdown_to_html(about->body, 2));
        v.set("about_title", about->title);
    }

    // How to join (issue 15): the hoster's text (page "join"), then the way in for the current
    // sign-up mode; nothing for a member who is logged in.
    if (!ctx.user) {
        http::View join;
        std::string mode = auth::signup_mode(db);
        auto page = store::find_page(db, "join", ctx.lang);
        join.set("title", page && !page->title.empty() ? page->title : ctx.t("front.join.title"));
        if (page && !page->body.empty()) join.set("text_html", text::markdown_to_html(page->body, 3));
        else join.set("text", ctx.t("front.join." + mode));
        if (mode != "closed") {
            join.set("signup_label", ctx.t("front.join." + mode + "_link"));
        } else if (auto email = setting("site.contact.email"); !email.empty()) {
            join.set("mail", email);
            join.set("mail_label", ctx.t("front.join.closed_mail", {{"email", email}}));
        }
        v.set("join", join);
    }

    http::View services{http::View::type::list};
    // The homepage shows the first services; a hoster with many links to the full list.
    constexpr int64_t kServicesOnHome = 24;
    auto shown = store::list_services(db, ctx.user.has_value(), false, kServicesOnHome);
    std::vector<int64_t> ids;
    for (const auto& s : shown) ids.push_back(s.id);
    const StatusCards status_cards(ctx, ids);  // each card's status and open incidents (issue 4)
    for (const auto& s : shown) {
        http::View item;
        status_cards.fill(item, s.id);
        item.set("slug", s.slug);
        item.set("name", s.name);
        item.set("kind", s.kind_in(ctx.lang));  // French or English (issue 15)
        item.set("description", s.description);
        if (!s.website.empty()) item.set("website", s.website);
        if (!s.software_name.empty()) item.set("software", s.software_name);
        item.set("members_only", s.visibility == "members");
        item.set("off", s.admin_state == "off");
        services.push_back(item);
    }
    v.set("services", services);
    v.set("has_services", !services.is_empty_list());
    if (int64_t total = store::count_services(db, ctx.user.has_value()); total > kServicesOnHome)
        v.set("all_services", ctx.t("home.all_services", {{"total", std::to_string(total)}}));
    // schema.org Organization for search engines and directories (issue 6, chatonsinfos/linked_data.h).
    v.set("json_ld", chatonsinfos::json_for_script(chatonsinfos::organization_json_ld(
                         db, site_of(ctx.app), ctx.lang)));
    contributions::add_goal_view(ctx, v);  // funding goal and links (issue 5)
    news::add_latest(ctx, v, 3);           // latest news (issue 7)
    http::render_page(ctx, "home", std::move(v), "");
}

}  // namespace chatiere::ui
