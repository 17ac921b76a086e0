// /admin/profile: the check report of our own published files, with a link to fix each problem.
#include "app.h"
#include "http/response.h"
#include "profile/checker.h"
#include "profile/signing.h"
#include "profile/writer.h"
#include "ui/handlers.h"

namespace chatiere::ui {

void admin_profile(http::Ctx& ctx) {
    auto& db = ctx.db();
    profile::Site site{ctx.app.config.base_url, ctx.app.config.default_language};
    auto report = profile::check_own(db, site, ctx.now());

    http::View v;
    http::View problems{http::View::type::list};
    for (const auto& p : report.problems) {
        http::View item;
        item.set("file", p.file);
        if (p.line > 0) item.set("line", std::to_string(p.line));
        item.set("error", p.severity == profile::Severity::Error);
        item.set("key", p.key);
        item.set("message", ctx.t("profile.problem." + p.code, {{"value", p.value}}));
        if (auto fix = profile::fix_path(p); !fix.empty()) item.set("fix_url", ctx.url(fix));
        problems.push_back(item);
    }
    v.set("problems", problems);
    v.set("clean", report.problems.empty());
    v.set("summary", ctx.t("profile.report.summary", {{"errors", std::to_string(report.errors())},
                                                       {"warnings", std::to_string(report.warnings())},
                                                       {"files", std::to_string(report.files)}}));
    http::View files{http::View::type::list};
    for (const auto& name : profile::published_files(db)) {
        http::View item;
        item.set("name", name);
        item.set("url", profile::file_url(site, name));
        files.push_back(item);
    }
    v.set("files", files);
    v.set("public_key", profile::ensure_signing_key(db, ctx.now()));
    v.set("public_key_url", profile::file_url(site, "publickey.txt"));
    v.set("librehost_url", profile::absolute(site, "/librehost.json"));
    http::render_page(ctx, "admin_profile", std::move(v), ctx.t("profile.admin.title"));
}

}  // namespace chatiere::ui
