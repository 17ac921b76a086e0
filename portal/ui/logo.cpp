// /admin/settings/logo: upload (or remove) the hoster's logo; /logo serves it with an ETag.
// The file's type is read from its bytes; SVG only when it cannot run or load anything.
#include "media/logo.h"

#include <sodium.h>

#include <algorithm>

#include "app.h"
#include "http/errors.h"
#include "http/form.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/audit.h"
#include "store/logo.h"
#include "store/settings.h"
#include "ui/handlers.h"
#include "ui/pages_admin_common.h"

namespace chatiere::ui {


namespace {

void show_form(http::Ctx& ctx, const std::string& error_key, int status) {
    http::View v;
    auto current = store::find_logo(ctx.db());
    if (current) {
        v.set("current_url", ctx.url("/logo?v=" + current->sha256.substr(0, 12)));
        v.set("current_type", current->content_type);
        v.set("current_size", i18n::format_integer(ctx.lang, static_cast<int64_t>(current->bytes.size())));
        v.set("current_date", ctx.format_date(current->uploaded_at));
    }
    if (!error_key.empty()) v.set("error", ctx.t(error_key, {{"max", "512"}}));
    std::string done = ctx.query.get("done");
    v.set("saved", done == "saved");
    v.set("removed", done == "removed");
    http::render_page(ctx, "admin_logo", std::move(v), ctx.t("pages.logo.title"), status);
}

std::string sha256_hex(const std::string& data) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
}

}  // namespace

void admin_logo_form(http::Ctx& ctx) { show_form(ctx, "", 200); }

void admin_logo_upload(http::Ctx& ctx) {
    auto it = ctx.req.files.find("logo");
    if (it == ctx.req.files.end() || it->second.filename.empty() || it->second.content.empty()) {
        show_form(ctx, "pages.logo.error_missing", 422);
        return;
    }
    const std::string& bytes = it->second.content;
    if (bytes.size() > media::logo::kMaxBytes) {
        show_form(ctx, "pages.logo.error_size", 413);
        return;
    }
    std::string problem;
    std::string type = media::logo::sniff(bytes, problem);
    if (type.empty()) {
        show_form(ctx, problem, 415);
        return;
    }
    store::Logo l{type, std::vector<unsigned char>(bytes.begin(), bytes.end()), sha256_hex(bytes), ctx.now()};
    auto& db = ctx.db();
    db::Transaction tx(db);
    store::save_logo(db, l, ctx.user->id);
    // The layout and the published profile read the logo's address from the settings.
    store::put_setting(db, "site.logo", ctx.url("/logo"), ctx.now());
    store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), "logo.upload", "setting:site.logo",
                 type + " " + std::to_string(bytes.size()) + " bytes");
    tx.commit();
    http::redirect(ctx, "/admin/settings/logo?done=saved");
}

void admin_logo_remove(http::Ctx& ctx) {
    auto& db = ctx.db();
    db::Transaction tx(db);
    store::delete_logo(db);
    if (store::get_setting(db, "site.logo") == ctx.url("/logo")) store::put_setting(db, "site.logo", "", ctx.now());
    store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(), "logo.remove", "setting:site.logo");
    tx.commit();
    http::redirect(ctx, "/admin/settings/logo?done=removed");
}

void logo_file(http::Ctx& ctx) {
    auto l = store::find_logo(ctx.db());
    if (!l) throw http::HttpError(404);
    ctx.res.set_header("Cache-Control", "public, max-age=300");
    // An SVG opened on its own must not be able to run or load anything either.
    ctx.res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (http::not_modified(ctx, l->sha256.substr(0, 32), l->uploaded_at)) return;
    http::send_text(ctx, std::string(l->bytes.begin(), l->bytes.end()), l->content_type);
}

}  // namespace chatiere::ui
