// /admin/profile: the check report of our own published files, with a link to fix each problem.
#include "actions/profile.h"
#include "app.h"
#include "http/action_context.h"
#include "http/response.h"
#include "chatonsinfos/checker.h"
#include "chatonsinfos/signing.h"
#include "chatonsinfos/writer.h"
#include "chatonsinfos/organization_fields.h"
#include "store/audit.h"
#include "store/services.h"
#include "store/settings.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {
void show_admin_profile(http::Ctx& ctx, const std::string& push_url, const std::string& push_error, int status);
}

void admin_profile(http::Ctx& ctx) {
    show_admin_profile(ctx, store::get_setting_or(ctx.db(), "profile.push.url", ""), "", 200);
}

// The directory address to notify when the profile changes (empty: off).
void admin_profile_push(http::Ctx& ctx) {
    std::string url = ctx.form.get("push_url");
    // The audit has always named the admin by their display name here.
    auto c = http::action_context(ctx, {ctx.user->id, ctx.user->name});
    if (auto err = actions::set_profile_push_url(c, url); !err.empty()) {
        url.erase(0, url.find_first_not_of(" \t"));
        url.erase(url.find_last_not_of(" \t") + 1);
        show_admin_profile(ctx, url, ctx.t(err), 422);
        return;
    }
    http::redirect(ctx, "/admin/profile?done=saved");
}

namespace {
void show_admin_profile(http::Ctx& ctx, const std::string& push_url, const std::string& push_error, int status) {
    auto& db = ctx.db();
    chatonsinfos::Site site = site_of(ctx.app);
    auto report = chatonsinfos::check_own(db, site, ctx.now());

    http::View v;
    http::View problems{http::View::type::list};
    for (const auto& p : report.problems) {
        http::View item;
        item.set("file", p.file);
        if (p.line > 0) item.set("line", std::to_string(p.line));
        item.set("error", p.severity == chatonsinfos::Severity::Error);
        item.set("key", p.key);
        item.set("message", ctx.t("profile.problem." + p.code, {{"value", p.value}}));
        std::string fix = chatonsinfos::fix_path(p);
        if (fix.rfind("/admin/services", 0) == 0 && p.file.rfind("service-", 0) == 0) {
            // The service's own form, at the field: /admin/services/7#f-website.
            std::string slug = p.file.substr(8, p.file.size() - 8 - std::string_view(".properties").size());
            if (auto svc = store::find_service_by_slug(db, slug))
                fix.insert(std::string_view("/admin/services").size(), "/" + std::to_string(svc->id));
        }
        if (!fix.empty()) item.set("fix_url", ctx.url(fix));
        problems.push_back(item);
    }
    v.set("problems", problems);
    v.set("clean", report.problems.empty());
    v.set("summary", ctx.t("profile.report.summary", {{"errors", std::to_string(report.errors())},
                                                       {"warnings", std::to_string(report.warnings())},
                                                       {"files", std::to_string(report.files)}}));
    http::View files{http::View::type::list};
    for (const auto& name : chatonsinfos::published_files(db)) {
        http::View item;
        item.set("name", name);
        item.set("url", chatonsinfos::file_url(site, name));
        files.push_back(item);
    }
    v.set("files", files);
    v.set("public_key", chatonsinfos::ensure_signing_key(db, ctx.now()));
    v.set("public_key_url", chatonsinfos::file_url(site, "publickey.txt"));
    v.set("librehost_url", chatonsinfos::absolute(site, "/librehost.json"));
    v.set("push_url", push_url);
    if (!push_error.empty()) v.set("push_error", push_error);
    if (ctx.query.get("done") == "saved") v.set("saved", true);
    http::render_page(ctx, "admin_profile", std::move(v), ctx.t("profile.admin.title"), status);
}
}  // namespace

}  // namespace chatiere::ui
