#include "http/cookies.h"

namespace chatiere::http {

std::vector<std::pair<std::string_view, std::string_view>> parse_cookie_header(std::string_view all) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    size_t pos = 0;
    while (pos < all.size()) {
        auto semi = all.find(';', pos);
        auto item = all.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos);
        pos = semi == std::string_view::npos ? all.size() : semi + 1;
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        auto eq = item.find('=');
        if (eq != std::string_view::npos) out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    }
    return out;
}

}  // namespace chatiere::http
