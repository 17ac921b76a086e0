#pragma once
// Parsing the Cookie request header.
#include <string_view>
#include <utility>
#include <vector>

namespace chatiere::http {

// The name=value pairs of one Cookie request header, in order, as views into `header`.
// Pairs are separated by ';'; spaces before a name are skipped; an item without '=' is
// left out; nothing is unquoted or decoded (our cookies never need it).
std::vector<std::pair<std::string_view, std::string_view>> parse_cookie_header(std::string_view header);

}  // namespace chatiere::http
