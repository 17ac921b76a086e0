#include "text/number.h"

#include <charconv>

namespace chatiere::text {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::optional<int64_t> parse_decimal(std::string_view s, size_t max_digits) {
    if (s.size() > max_digits || !all_digits(s)) return std::nullopt;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace chatiere::text
