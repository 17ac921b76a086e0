#pragma once
// The steps every request goes through, in the order Server::dispatch runs them; each works on a Ctx alone.
#include <cstdint>
#include <string>
#include <string_view>

#include "http/context.h"
#include "http/page_cache.h"
#include "http/router.h"

namespace chatiere::http {

bool is_write_method(std::string_view method);

// 1. Where the request goes: the path below the root path (a proxy may or may not strip the
//    prefix), the query, the reader's language (?lang=, then the cookie, then
//    Accept-Language), and whether errors are JSON.
void resolve_request(Ctx& ctx);
// 2. Its route, with the path's :name captures in ctx.params. Throws HttpError 404, or 405
//    with the Allow header set when the path exists for other methods.
const Route& route_for(const Router& router, Ctx& ctx);
// 3. The text fields of a write request's body (urlencoded or multipart) into ctx.form.
//    Throws HttpError 400 (not UTF-8), 413 (too many fields).
void read_body(Ctx& ctx);
// 4. Whether the route looks up the visitor's session (Asset, Api, Client and SignedLink never do).
bool loads_session(Role role);
//    Whether a write to the route must carry the form CSRF token (not Api, Client, SignedLink:
//    their credentials are in the request itself).
bool checks_csrf(Role role);
// 5. Whether the visitor may reach a route of this role. False when a member page was asked
//    for without a session: the answer is then a redirect to the log-in page. Throws
//    HttpError 401 (a write without a session), 403 (not an admin; or an admin whose second
//    factor the hoster requires and who has none, auth/admin_access.h).
bool authorise(Ctx& ctx, Role role);
// 6. A state-changing request comes from one of our forms: same Origin when the browser sends
//    one, and the CSRF token (form field _csrf or header X-CSRF-Token) equal to the visitor's
//    cookie, compared in constant time. Throws HttpError 403. See checks_csrf for the routes not checked.
void check_csrf(Ctx& ctx);

// 7. The page cache's part of a request (see PageCache): a GET or HEAD of a public page by an
//    anonymous visitor is answered from the cache when it holds a fresh copy; otherwise the
//    handler's page is stored after, unless the request changed something or the page is
//    personal (a form's token, a cookie, no-store).
class CachedRender {
public:
    CachedRender(Ctx& ctx, Role role);
    ~CachedRender();
    CachedRender(const CachedRender&) = delete;
    CachedRender& operator=(const CachedRender&) = delete;

    // True when the answer was sent from the cache.
    bool serve();
    // After the handler: keeps its answer when it may be replayed to everyone.
    void fill();

private:
    Ctx& ctx_;
    bool cacheable_ = false;
    bool renders_ = false;  // this request was given the job of rendering a stale page
    std::string key_;
    uint64_t generation_ = 0;
    int64_t changes_before_ = 0;
};

// 8. Headers every handled answer gets: Cache-Control unless the handler set it, Vary for
//    pages; and a successful write moves the portal's generation (caches refresh).
void finish_answer(Ctx& ctx);

// Writes a stored page, or 304 when the reader's If-None-Match has its ETag.
void send_cached(Ctx& ctx, PageCache::Shared page);
// The error page (or JSON error) for `status`, translated; `key` overrides the message.
void render_error(Ctx& ctx, int status, const std::string& key, const i18n::Params& params);

}  // namespace chatiere::http
