#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "ui/handlers.h"

namespace chatiere::ui {

void static_file(http::Ctx& ctx) {
    bool exact = false;
    const auto* file = ctx.app.assets.static_file(ctx.param("file"), &exact);
    if (!file) throw http::HttpError(404);
    // A hashed name never changes content: cache it for a year. A plain name may change
    // with the next release or theme: revalidate.
    ctx.res.set_header("Cache-Control", exact ? "public, max-age=31536000, immutable" : "public, max-age=300");
    if (http::not_modified(ctx, file->hash)) return;
    ctx.res.set_content(file->content, file->content_type);
}

void robots_txt(http::Ctx& ctx) {
    ctx.res.set_header("Cache-Control", "public, max-age=86400");
    http::send_text(ctx, "User-agent: *\nDisallow: " + ctx.url("/account") + "\nDisallow: " + ctx.url("/admin") + "\n",
                    "text/plain; charset=utf-8");
}

}  // namespace chatiere::ui
