#pragma once
// Escaping and small text helpers used by every area.
#include <cstdint>
#include <string>
#include <string_view>

// Small text helpers shared by every area.
namespace chatiere::text {

// Escapes & < > " ' for HTML and XML text and attribute values.
std::string escape_markup(std::string_view s);
// Without leading and trailing spaces, tabs and line breaks.
std::string trim(std::string_view s);
// Length of the valid UTF-8 sequence starting at s[i] (its code point in `cp`), or 0 for an
// invalid one (overlong, surrogate, past U+10FFFF, cut short).
size_t utf8_sequence(std::string_view s, size_t i, uint32_t& cp);
// Whether the whole of `s` is valid UTF-8.
bool valid_utf8(std::string_view s);

}  // namespace chatiere::text
