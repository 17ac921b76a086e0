#pragma once
// Shared by the hoster's pages (content_page.cpp, pages_admin.cpp, transparency.cpp, news*.cpp):
// page slugs, their public addresses, form errors.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/context.h"
#include "http/views.h"

namespace chatiere::ui::pages {

// The pages every hoster has (their own route: /about, /terms…), plus the transparency intro.
const std::vector<std::string>& builtin_slugs();
bool is_builtin(std::string_view slug);
// Lowercase letters, digits and dashes, starting with a letter or digit, at most 64.
bool valid_slug(std::string_view slug);
// Slugs a new page may not take (names of the portal's own addresses and actions).
bool reserved_slug(std::string_view slug);
// Path of a page below the root: "/terms" for the built-in ones, "/pages/<slug>" otherwise.
std::string page_path(std::string_view slug);

// A form's errors (field → catalogue key) as the view expects them: "error_<field>" beside each
// field, "has_errors", and "error_list", the summary at the top linking to each field (#f-<field>).
void set_form_errors(http::Ctx& ctx, http::View& v, const std::map<std::string, std::string>& errors);


}  // namespace chatiere::ui::pages
