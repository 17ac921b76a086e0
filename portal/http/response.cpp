#include "http/response.h"

#include <ctime>
#include <memory>
#include <stdexcept>

#include "app.h"
#include "auth/random.h"
#include "auth/accounts.h"
#include "http/form.h"
#include "i18n/format.h"
#include "store/pages.h"
#include "store/settings.h"

namespace chatiere::http {

namespace {
// The current URL with ?lang= set to `lang`, other query fields kept.
std::string url_in_language(const Ctx& ctx, const std::string& lang) {
    std::string out = ctx.url(ctx.path) + "?";
    for (const auto& [k, v] : ctx.query.fields())
        if (k != "lang") out += percent_encode(k) + "=" + percent_encode(v) + "&";
    return out + "lang=" + lang;
}
}  // namespace

void add_common_view(Ctx& ctx, View& v, std::string_view title) {
    auto put = [&](const std::string& key, const View& value) {
        if (!v.get(key)) v.set(key, value);
    };
    put("title", std::string(title));
    put("lang", ctx.lang);
    auto site = store::settings_with_prefix(ctx.db(), "site.");
    auto pick = [&](const std::string& key) {
        auto localized = site.find(key + "." + ctx.lang);
        if (localized != site.end() && !localized->second.empty()) return localized->second;
        auto plain = site.find(key);
        return plain == site.end() ? std::string() : plain->second;
    };
    std::string name = pick("site.name");
    if (name.empty()) name = "Chatière";
    put("site_name", name);
    // The homepage's title is the hoster's name alone; other pages say what they are first.
    put("document_title", title.empty() ? name : std::string(title) + " · " + name);
    put("site_tagline", pick("site.tagline"));
    if (std::string logo = pick("site.logo"); !logo.empty()) put("site_logo", logo);
    View languages{View::type::list};
    for (const auto& l : i18n::languages()) {
        View item;
        item.set("code", l);
        item.set("name", ctx.app.catalog.t(l, "language.name"));
        item.set("url", url_in_language(ctx, l));
        item.set("current", l == ctx.lang);
        languages.push_back(item);
    }
    put("languages", languages);
    if (ctx.user) {
        View user;
        user.set("name", ctx.user->name);
        user.set("admin", ctx.user->admin);
        put("user", user);
    } else {
        // The header's "Join" link (issue 15): shown while sign-up is open or on approval.
        put("signup_open", auth::signup_mode(ctx.db()) != "closed");
    }
    put("path", ctx.path);
    // Pages the admin added and placed in the menu (issue 7); the built-in ones have their own links.
    View menu{View::type::list};
    for (const auto& p : store::menu_pages(ctx.db(), ctx.lang)) {
        if (p.slug == "about" || p.slug == "terms" || p.slug == "privacy" || p.slug == "legal" ||
            p.slug == "transparency-intro" || p.slug == "join")
            continue;
        View item;
        item.set("title", p.title);
        item.set("url", ctx.url("/pages/" + p.slug));
        menu.push_back(item);
    }
    put("menu_pages", menu);
}

void render_page(Ctx& ctx, std::string_view page, View data, std::string_view title, int status) {
    add_common_view(ctx, data, title);
    // The logged-in layout has the log-out form; other pages get a token only if they hold a form.
    if (ctx.user || ctx.app.views.needs_csrf(page)) data.set("csrf", ctx.csrf());
    std::string body = ctx.app.views.render(ctx.lang, page, data);
    data.set("content", body);
    ctx.res.status = status;
    ctx.res.set_content(ctx.app.views.render(ctx.lang, "layout", data), "text/html; charset=utf-8");
}

std::string content_security_policy(std::string_view form_targets) {
    std::string form_action = "'self'";
    if (!form_targets.empty()) form_action += " " + std::string(form_targets);
    return "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; form-action " + form_action +
           "; frame-ancestors 'none'; base-uri 'none'";
}

void send_json(Ctx& ctx, const nlohmann::json& body, int status) {
    ctx.res.status = status;
    ctx.res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        "application/json; charset=utf-8");
}

void send_text(Ctx& ctx, std::string body, std::string_view content_type, int status) {
    ctx.res.status = status;
    ctx.res.set_content(std::move(body), std::string(content_type));
}

void redirect(Ctx& ctx, std::string_view path, int status) {
    ctx.res.status = status;
    ctx.res.set_header("Location", ctx.url(path));
}

std::string http_date(int64_t t) { return i18n::strftime_utc(t, "%a, %d %b %Y %H:%M:%S GMT"); }

std::string etag_of(std::string_view content) { return auth::hash_token(content).substr(0, 32); }

std::string quoted_etag(std::string_view opaque) {
    for (unsigned char c : opaque)
        if (c == '"' || c <= 0x20 || c == 0x7f) throw std::logic_error("invalid character in an entity tag");
    return "\"" + std::string(opaque) + "\"";
}

bool etag_matches(std::string_view inm, std::string_view etag) {
    auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        return s;
    };
    auto weak = [](std::string_view s) { return s.substr(0, 2) == "W/" ? s.substr(2) : s; };
    if (trim(inm) == "*") return true;
    std::string_view want = weak(etag);
    while (!inm.empty()) {
        size_t comma = inm.find(',');
        if (weak(trim(inm.substr(0, comma))) == want) return true;
        if (comma == std::string_view::npos) break;
        inm.remove_prefix(comma + 1);
    }
    return false;
}

bool not_modified(Ctx& ctx, std::string_view opaque_etag, int64_t last_modified) {
    std::string quoted = quoted_etag(opaque_etag);
    ctx.res.set_header("ETag", quoted);
    if (last_modified > 0) ctx.res.set_header("Last-Modified", http_date(last_modified));
    const std::string& inm = ctx.req.get_header_value("If-None-Match");
    bool match = false;
    if (!inm.empty()) {
        match = etag_matches(inm, quoted);
    } else if (last_modified > 0) {
        match = ctx.req.get_header_value("If-Modified-Since") == http_date(last_modified);
    }
    if (match) {
        ctx.res.status = 304;
        ctx.res.body.clear();
    }
    return match;
}

void close_after(httplib::Response& res) {
    auto body = std::make_shared<std::string>(std::move(res.body));
    std::string type = res.get_header_value("Content-Type");
    res.body.clear();
    res.headers.erase("Content-Type");
    res.set_header("Connection", "close");
    if (body->empty()) *body = " ";
    res.set_content_provider(body->size(), type.empty() ? "text/plain; charset=utf-8" : type,
                             [body](size_t offset, size_t length, httplib::DataSink& sink) {
                                 sink.write(body->data() + offset, length);
                                 return false;  // cpp-httplib closes the connection after a failed provider
                             });
}

}  // namespace chatiere::http
