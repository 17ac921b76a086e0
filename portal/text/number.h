#pragma once
// Reading decimal numbers typed by people or sent in URLs, the one way the portal does it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace chatiere::text {

// True when `s` is one or more ASCII digits (no sign, no space).
bool all_digits(std::string_view s);
// The value of `s` when it is one to `max_digits` ASCII digits and fits in int64_t;
// nullopt otherwise (empty, a sign, a space, a letter, too long, overflowing).
std::optional<int64_t> parse_decimal(std::string_view s, size_t max_digits = 19);

}  // namespace chatiere::text
