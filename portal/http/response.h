#pragma once
// Rendering pages and redirects, with what every page shows.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "http/context.h"
#include "http/views.h"

namespace chatiere::http {

// Renders `page` inside the layout with the common view data (user, language, CSRF, menu).
void render_page(Ctx& ctx, std::string_view page, View data, std::string_view title, int status = 200);
// Adds the data every page gets (site name, user, languages…) to `v`, keeping keys `v`
// already has. `render_page` calls it; so can handlers that render something else.
void add_common_view(Ctx& ctx, View& v, std::string_view title);

// The portal's Content-Security-Policy; `form_targets` (origins, space-separated) widen
// form-action for a page whose form ends in a redirect to another site (the log-in on the way
// to an OpenID Connect client: browsers check form-action on every redirect of a submission).
std::string content_security_policy(std::string_view form_targets = {});

void send_json(Ctx& ctx, const nlohmann::json& body, int status = 200);
void send_text(Ctx& ctx, std::string body, std::string_view content_type, int status = 200);
// 303 See Other to a path below the root ("/account"), so a reload never re-posts a form.
void redirect(Ctx& ctx, std::string_view path, int status = 303);

// Entity tags (RFC 9110 §8.8.3) are built here and nowhere else. `etag_of` makes the opaque
// part from a content (a hash, hex); `not_modified` quotes it once into the ETag header.
std::string etag_of(std::string_view content);
// The header value for an opaque tag: "tag". Throws std::logic_error if `opaque` holds a
// character an entity tag may not (a double quote, a space, a control character): a bug.
std::string quoted_etag(std::string_view opaque);
// True when an If-None-Match header value matches `etag` (a quoted_etag): "*" or one of its
// comma-separated tags, compared weakly (a W/ prefix ignored), as RFC 9110 §13.1.2 says.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// Answers conditional GETs: sets ETag (from the opaque tag, see quoted_etag) and Last-Modified
// when given, and returns true when the client's copy is current (a bodiless 304).
bool not_modified(Ctx& ctx, std::string_view opaque_etag, int64_t last_modified = 0);
std::string http_date(int64_t unix_seconds);

// Makes the server close the connection after this response: used when the request's body
// was not read (refused before reading), so that its bytes are never taken as a new request.
void close_after(httplib::Response& res);

}  // namespace chatiere::http
