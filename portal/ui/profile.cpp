// The published profile: ChatonsInfos files, their signatures, the public key, librehost.json.
#include "app.h"
#include "auth/random.h"
#include "http/errors.h"
#include "http/response.h"
#include "chatonsinfos/linked_data.h"
#include "chatonsinfos/publisher.h"
#include "chatonsinfos/signing.h"
#include "store/settings.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {
chatonsinfos::Site site_of(const http::Ctx& ctx) { return chatiere::site_of(ctx.app); }

void machine_headers(http::Ctx& ctx) {
    // Public documents for crawlers: revalidate each time (ETag), readable from any origin.
    ctx.res.set_header("Cache-Control", "public, no-cache");
    ctx.res.set_header("Access-Control-Allow-Origin", "*");
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

void chatonsinfos_file(http::Ctx& ctx) {
    const std::string& file = ctx.param("file");
    auto& db = ctx.db();
    machine_headers(ctx);
    if (file == "publickey.txt") {
        std::string key = chatonsinfos::ensure_signing_key(db, ctx.now()) + "\n";
        if (http::not_modified(ctx, http::etag_of(key))) return;
        http::send_text(ctx, key, "text/plain; charset=utf-8");
        return;
    }
    bool signature = ends_with(file, ".properties.sig");
    std::string name = signature ? file.substr(0, file.size() - 4) : file;
    auto published = chatonsinfos::publish(db, site_of(ctx), name, ctx.now());
    if (!published) throw http::HttpError(404);
    std::string body = signature ? published->signature + "\n" : published->body;
    if (http::not_modified(ctx, http::etag_of(body), published->changed_at)) return;
    http::send_text(ctx, std::move(body), "text/plain; charset=utf-8");
}

void librehost_json(http::Ctx& ctx) {
    auto& db = ctx.db();
    machine_headers(ctx);
    auto l = chatonsinfos::librehost_json(db, site_of(ctx), ctx.app.config.default_language, ctx.now());
    std::string body = l.document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (http::not_modified(ctx, http::etag_of(body), l.changed_at)) return;
    http::send_text(ctx, body, "application/ld+json; charset=utf-8");
}

}  // namespace chatiere::ui
