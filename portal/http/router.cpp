#include "http/router.h"

#include <stdexcept>

namespace chatiere::http {

namespace {
std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> out;
    size_t pos = 1;  // skip the leading '/'
    while (pos <= path.size()) {
        auto slash = path.find('/', pos);
        if (slash == std::string_view::npos) slash = path.size();
        out.push_back(path.substr(pos, slash - pos));
        pos = slash + 1;
    }
    return out;
}
}  // namespace

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
    for (const auto& r : routes_) {
        if (r.pattern.empty() || r.pattern[0] != '/') throw std::logic_error("route must start with /: " + r.pattern);
        Compiled c;
        for (auto seg : split(r.pattern)) c.segments.emplace_back(seg);
        compiled_.push_back(std::move(c));
    }
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
    Match m;
    if (path.empty() || path[0] != '/') return m;
    auto segs = split(path);
    std::string_view want = method == "HEAD" ? "GET" : method;
    for (size_t i = 0; i < routes_.size(); ++i) {
        const auto& pattern = compiled_[i].segments;
        if (pattern.size() != segs.size()) continue;
        std::vector<std::pair<std::string, std::string>> params;
        bool ok = true;
        for (size_t k = 0; k < segs.size() && ok; ++k) {
            const auto& p = pattern[k];
            if (!p.empty() && p[0] == ':') {
                if (segs[k].empty()) ok = false;
                else params.emplace_back(p.substr(1), std::string(segs[k]));
            } else if (p != segs[k]) {
                ok = false;
            }
        }
        if (!ok) continue;
        m.path_known = true;
        if (m.allow.find(routes_[i].method) == std::string::npos) {
            if (!m.allow.empty()) m.allow += ", ";
            m.allow += routes_[i].method;
            if (routes_[i].method == "GET") m.allow += ", HEAD";
        }
        if (!m.route && routes_[i].method == want) {
            m.route = &routes_[i];
            m.params = std::move(params);
        }
    }
    return m;
}

std::vector<std::string> Router::shadowed() const {
    std::vector<std::string> out;
    for (size_t j = 0; j < routes_.size(); ++j)
        for (size_t i = 0; i < j; ++i) {
            if (routes_[i].method != routes_[j].method) continue;
            const auto& earlier = compiled_[i].segments;
            const auto& later = compiled_[j].segments;
            if (earlier.size() != later.size()) continue;
            // Every path `later` matches, `earlier` matches too: each segment of `earlier` is
            // a capture or the same literal (a capture in `later` can be any literal).
            bool covers = true;
            for (size_t k = 0; k < earlier.size() && covers; ++k) {
                bool capture = !earlier[k].empty() && earlier[k][0] == ':';
                covers = capture ? !later[k].empty() : earlier[k] == later[k];
            }
            if (covers) {
                out.push_back(routes_[j].method + " " + routes_[j].pattern + " (after " + routes_[i].pattern + ")");
                break;
            }
        }
    return out;
}

}  // namespace chatiere::http
