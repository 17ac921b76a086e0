#pragma once
// One request as handlers see it (Ctx), and who may reach a route (Role).
#include <httplib.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "http/form.h"
#include "i18n/catalog.h"
#include "i18n/time_zone.h"

namespace chatiere {
struct App;
}

namespace chatiere::http {

// Who may reach a route:
//   Asset  — anyone; never personalised, so no session is even looked up (static files,
//            health check, published profile files, read API)
//   Public — anyone; the page may show who is logged in
//   Member — a logged-in active member (admins included)
//   Admin  — a logged-in admin
//   Api    — a tool with a bearer token (the handler checks it); no CSRF check
//   Client — an OpenID Connect relying party, authenticated by its client credentials or an
//            access token in the handler; no session, no CSRF check (like Api)
//   SignedLink — anyone holding a signed token in the URL (the handler checks it), e.g. the
//            RFC 8058 one-click unsubscribe a mail client POSTs without cookies: no session,
//            no CSRF check
enum class Role { Asset, Public, Member, Admin, Api, Client, SignedLink };

struct CurrentUser {
    int64_t id = 0;
    std::string name;   // what to call them (display name, else log-in name)
    std::string login;  // log-in name
    std::string email;
    bool admin = false;
    bool has_totp = false;
    int64_t session_id = 0;
};

// One request as the handlers see it.
struct Ctx {
    App& app;
    const httplib::Request& req;
    httplib::Response& res;
    std::string path;  // below the root path, starting with '/'
    std::vector<std::pair<std::string, std::string>> params;  // :name captures of the route
    std::string lang;
    Form query;
    Form form;  // urlencoded or multipart text fields of a POST
    std::optional<CurrentUser> user;
    std::string csrf_token;  // empty until a form needs one (see csrf())
    bool api = false;        // errors as JSON

    Ctx(App& app, const httplib::Request& req, httplib::Response& res);

    // A database connection from the pool, held until the request ends (or release_db()).
    db::Database& db();
    // Gives the connection back before slow work (password hashing), so that page requests
    // do not wait for a connection while this one waits for the CPU.
    void release_db() { lease_.reset(); }
    // The route parameter, e.g. param("slug") for /status/:slug. A name the route does not
    // capture is a programming error: throws std::logic_error (a 500 and a log line).
    const std::string& param(std::string_view name) const;
    // Whether the route captures `name` (one handler serving /x/new and /x/:id).
    bool has_param(std::string_view name) const;
    // The route parameter as a row id: decimal digits that fit in int64. Anything else (a
    // letter, a sign, an overflowing number) is a page that does not exist: HttpError 404,
    // with `not_found_key` as its message when given.
    int64_t id_param(std::string_view name = "id", const std::string& not_found_key = {}) const;
    // The ?page= of a paged list, from 1; 1 when absent or not a number below a million.
    int page_number() const;
    // How the acting member is named in the audit log: their log-in name, else their display
    // name; empty when nobody is logged in.
    std::string actor_name() const;
    // The token to put in forms; creates the visitor's CSRF cookie on first use.
    const std::string& csrf();
    // Current time (the app's clock).
    int64_t now() const;
    // Root-relative URL ("/portail/status") for a path below the root ("/status").
    std::string url(std::string_view path) const;
    // Absolute URL for the published files and mail.
    std::string absolute_url(std::string_view path) const;
    // The client's address: the connection's, or, when it comes from a trusted proxy, the
    // first untrusted address of X-Forwarded-For read from the right (net::client_address).
    std::string client_address() const;
    // The portal's time zone as it was when the request started.
    const i18n::TimeZone& zone() const { return *zone_; }
    // A date, or a date and time, in the reader's language and the portal's time zone.
    std::string format_date(int64_t unix_seconds) const;
    std::string format_datetime(int64_t unix_seconds) const;
    // Translation in the reader's language.
    const std::string& t(std::string_view key) const;
    std::string t(std::string_view key, const i18n::Params& params) const;

    void set_cookie(const std::string& name, const std::string& value, int64_t max_age_seconds, bool http_only = true);
    void clear_cookie(const std::string& name);
    std::string cookie(std::string_view name) const;
    // The cookie's name with the __Host- prefix when the portal is served over https at "/".
    std::string cookie_name(std::string_view base) const;

private:
    std::optional<db::Pool::Lease> lease_;
    std::shared_ptr<const i18n::TimeZone> zone_;
};

}  // namespace chatiere::http
