#include "ui/pages_admin_common.h"

#include <algorithm>

namespace chatiere::ui::pages {

const std::vector<std::string>& builtin_slugs() {
    static const std::vector<std::string> s = {"about", "terms", "privacy", "legal", "transparency-intro", "join"};
    return s;
}

bool is_builtin(std::string_view slug) {
    const auto& b = builtin_slugs();
    return std::find(b.begin(), b.end(), slug) != b.end();
}

bool valid_slug(std::string_view slug) {
    if (slug.empty() || slug.size() > 64 || slug.front() == '-') return false;
    return std::all_of(slug.begin(), slug.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool reserved_slug(std::string_view slug) {
    static const std::vector<std::string_view> reserved = {
        "new",    "edit",     "history", "changes", "admin",  "api",          "static",   "login",
        "logout", "signup",   "account", "news",    "status", "transparency", "contributions",
        "pages",  "logo",     "feed",    "password", "healthz", "robots", "well-known", "index"};
    return is_builtin(slug) || std::find(reserved.begin(), reserved.end(), slug) != reserved.end();
}

std::string page_path(std::string_view slug) {
    if (slug == "about" || slug == "terms" || slug == "privacy" || slug == "legal") return "/" + std::string(slug);
    if (slug == "transparency-intro") return "/transparency";
    if (slug == "join") return "/";  // the homepage's "how to join" block (issue 15)
    return "/pages/" + std::string(slug);
}


void set_form_errors(http::Ctx& ctx, http::View& v, const std::map<std::string, std::string>& errors) {
    http::View error_list{http::View::type::list};
    for (const auto& [field, key] : errors) {
        v.set("error_" + field, ctx.t(key));
        http::View item;
        item.set("id", "f-" + field);
        item.set("message", ctx.t(key));
        error_list.push_back(item);
    }
    v.set("has_errors", !errors.empty());
    v.set("error_list", error_list);
}

}  // namespace chatiere::ui::pages
