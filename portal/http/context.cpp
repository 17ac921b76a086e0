#include "http/context.h"

#include "app.h"
#include "auth/random.h"
#include "http/cookies.h"
#include "http/errors.h"
#include "i18n/format.h"
#include "net/ip.h"
#include "text/number.h"

#include <stdexcept>

namespace chatiere::http {

Ctx::Ctx(App& app, const httplib::Request& req, httplib::Response& res)
    : app(app), req(req), res(res), zone_(app.time_zone()) {}

db::Database& Ctx::db() {
    if (!lease_) lease_.emplace(app.db->acquire());
    return **lease_;
}

const std::string& Ctx::param(std::string_view name) const {
    for (const auto& [k, v] : params)
        if (k == name) return v;
    throw std::logic_error("route " + path + " has no parameter :" + std::string(name));
}

bool Ctx::has_param(std::string_view name) const {
    for (const auto& [k, v] : params)
        if (k == name) return true;
    return false;
}

int64_t Ctx::id_param(std::string_view name, const std::string& not_found_key) const {
    auto id = text::parse_decimal(param(name));
    if (!id) throw HttpError(404, not_found_key);
    return *id;
}

int Ctx::page_number() const {
    auto n = text::parse_decimal(query.get("page"), 6);
    return n && *n >= 1 ? static_cast<int>(*n) : 1;
}

std::string Ctx::actor_name() const {
    if (!user) return {};
    return user->login.empty() ? user->name : user->login;
}

std::string Ctx::format_date(int64_t t) const { return i18n::format_date(app.catalog, lang, *zone_, t); }
std::string Ctx::format_datetime(int64_t t) const { return i18n::format_datetime(app.catalog, lang, *zone_, t); }

int64_t Ctx::now() const { return app.now(); }

std::string Ctx::url(std::string_view p) const {
    std::string root = app.config.root_path();
    if (!p.empty() && p.front() == '/') p.remove_prefix(1);
    return root + std::string(p);
}

std::string Ctx::absolute_url(std::string_view p) const {
    if (!p.empty() && p.front() == '/') p.remove_prefix(1);
    return app.config.base_url + std::string(p);
}

std::string Ctx::client_address() const {
    std::vector<std::string> forwarded;
    auto range = req.headers.equal_range("X-Forwarded-For");
    for (auto it = range.first; it != range.second; ++it) forwarded.push_back(it->second);
    return net::client_address(req.remote_addr, forwarded, app.trusted_proxies);
}

const std::string& Ctx::t(std::string_view key) const { return app.catalog.t(lang, key); }
std::string Ctx::t(std::string_view key, const i18n::Params& p) const { return app.catalog.t(lang, key, p); }

std::string Ctx::cookie_name(std::string_view base) const {
    if (!app.config.https()) return std::string(base);
    return (app.config.root_path() == "/" ? "__Host-" : "__Secure-") + std::string(base);
}

void Ctx::set_cookie(const std::string& name, const std::string& value, int64_t max_age, bool http_only) {
    std::string c = cookie_name(name) + "=" + value + "; Path=" + app.config.root_path() + "; SameSite=Lax";
    if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
    if (http_only) c += "; HttpOnly";
    if (app.config.https()) c += "; Secure";
    res.headers.emplace("Set-Cookie", c);
}

void Ctx::clear_cookie(const std::string& name) { set_cookie(name, "", 0); }

std::string Ctx::cookie(std::string_view name) const {
    std::string full = cookie_name(name);
    // Several Cookie headers may arrive (HTTP/2 proxies split them).
    auto range = req.headers.equal_range("Cookie");
    for (auto it = range.first; it != range.second; ++it)
        for (const auto& [k, v] : parse_cookie_header(it->second))
            if (k == full) return std::string(v);
    return {};
}

const std::string& Ctx::csrf() {
    if (csrf_token.empty()) {
        csrf_token = cookie("csrf");
        // A value we did not make (wrong length or alphabet) is replaced.
        bool plausible = csrf_token.size() == 43;
        for (char c : csrf_token) plausible = plausible && (isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
        if (!plausible) {
            csrf_token = auth::random_token(32);
            set_cookie("csrf", csrf_token, -1);
        }
    }
    return csrf_token;
}

}  // namespace chatiere::http
