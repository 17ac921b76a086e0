// The sitemap: every route the portal answers, with who may reach it.
// GET routes also answer HEAD. Paths are below the configured root path.
#include "http/router.h"
#include "ui/handlers.h"

namespace chatiere::http {

std::vector<Route> route_table() {
    using R = Role;
    return {
        // public pages
        {"GET",  "/",                 R::Public, ui::home},
        {"GET",  "/about",            R::Public, ui::content_page("about")},
        {"GET",  "/terms",            R::Public, ui::content_page("terms")},
        {"GET",  "/privacy",          R::Public, ui::content_page("privacy")},
        {"GET",  "/legal",            R::Public, ui::content_page("legal")},
        {"GET",  "/pages/:slug",      R::Public, ui::extra_page},

        // infrastructure
        {"GET",  "/healthz",          R::Public, ui::healthz},
        {"GET",  "/static/:file",     R::Public, ui::static_file},
        {"GET",  "/robots.txt",       R::Public, ui::robots_txt},
    };
}

}  // namespace chatiere::http
