#include "chatonsinfos/fetch.h"

#include <httplib.h>

namespace chatiere::chatonsinfos {

namespace {
// "https://host:port/path?q" → ("https://host:port", "/path?q")
bool split_url(const std::string& url, std::string& origin, std::string& path) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return false;
    std::string s = url.substr(0, scheme);
    if (s != "http" && s != "https") return false;
    auto slash = url.find('/', scheme + 3);
    origin = slash == std::string::npos ? url : url.substr(0, slash);
    path = slash == std::string::npos ? "/" : url.substr(slash);
    if (auto hash = path.find('#'); hash != std::string::npos) path.resize(hash);
    return origin.size() > scheme + 3;
}
}  // namespace

Fetched fetch_url(const std::string& start_url, size_t max_bytes) {
    Fetched out;
    std::string url = start_url;
    for (int hop = 0; hop < 4; ++hop) {
        std::string origin, path;
        if (!split_url(url, origin, path)) {
            out.error = "not a http(s) URL";
            return out;
        }
        try {
            httplib::Client client(origin);
            if (!client.is_valid()) {
                out.error = "cannot connect to " + origin;
                return out;
            }
            client.set_connection_timeout(5);
            client.set_read_timeout(10);
            client.set_write_timeout(5);
            client.set_follow_location(false);
            std::string body;
            bool too_big = false;
            auto res = client.Get(
                path, httplib::Headers{{"User-Agent", "Chatiere-profile-check"}, {"Accept", "text/plain, */*"}},
                [&](const httplib::Response&) { return true; },
                [&](const char* data, size_t len) {
                    if (body.size() + len > max_bytes) {
                        too_big = true;
                        return false;
                    }
                    body.append(data, len);
                    return true;
                });
            if (too_big) {
                out.error = "larger than " + std::to_string(max_bytes / 1024) + " KiB";
                return out;
            }
            if (!res) {
                out.error = httplib::to_string(res.error());
                return out;
            }
            out.status = res->status;
            if (res->status >= 300 && res->status < 400 && res->has_header("Location")) {
                std::string loc = res->get_header_value("Location");
                url = loc.rfind("http", 0) == 0 ? loc : origin + (loc.empty() || loc[0] != '/' ? "/" : "") + loc;
                continue;
            }
            if (res->status != 200) {
                out.error = "HTTP " + std::to_string(res->status);
                return out;
            }
            out.ok = true;
            out.body = std::move(body);
            out.content_type = res->get_header_value("Content-Type");
            return out;
        } catch (const std::exception& e) {
            out.error = e.what();
            return out;
        }
    }
    out.error = "too many redirects";
    return out;
}

}  // namespace chatiere::chatonsinfos
