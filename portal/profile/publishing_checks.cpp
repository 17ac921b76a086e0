#include "profile/publishing_checks.h"

#include <algorithm>
#include <arpa/inet.h>

#include "profile/reader.h"
#include "store/pages.h"
#include "store/settings.h"

namespace chatiere::profile {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool local_ipv4(const unsigned char a[4]) {
    return a[0] == 127 || a[0] == 10 || a[0] == 0 || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
           (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254) || (a[0] == 100 && (a[1] & 0xc0) == 64);
}

// The slug of the portal's own content page a URL points at ("legal", "terms", "pages/x" → "x"),
// or "" when it is not one of them.
std::string content_page_slug(std::string_view url, std::string_view base_url) {
    if (url.substr(0, base_url.size()) != base_url) return {};
    std::string_view path = url.substr(base_url.size());
    path = path.substr(0, path.find_first_of("?#"));
    if (!path.empty() && path.back() == '/') path.remove_suffix(1);
    for (std::string_view fixed : {"about", "terms", "privacy", "legal"})
        if (path == fixed) return std::string(fixed);
    if (path.substr(0, 6) == "pages/" && path.size() > 6 && path.find('/', 6) == std::string_view::npos)
        return std::string(path.substr(6));
    return {};
}

}  // namespace

bool chatons_member(db::Database& db) {
    return store::get_setting_or(db, std::string(kChatonsMembershipSetting), "") != "NOT_YET";
}

std::string url_host(std::string_view url) {
    auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    if (!rest.empty() && rest.front() == '[') return std::string(rest.substr(1, rest.find(']') - 1));
    return std::string(rest.substr(0, rest.find(':')));
}

bool is_local_host(std::string_view host_in) {
    std::string host(host_in);
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    while (!host.empty() && host.back() == '.') host.pop_back();
    if (host.empty()) return true;
    unsigned char v4[4];
    if (inet_pton(AF_INET, host.c_str(), v4) == 1) return local_ipv4(v4);
    unsigned char v6[16];
    if (inet_pton(AF_INET6, host.c_str(), v6) == 1) {
        static const unsigned char loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        static const unsigned char any[16] = {};
        bool mapped = std::all_of(v6, v6 + 10, [](unsigned char c) { return c == 0; }) && v6[10] == 0xff &&
                      v6[11] == 0xff;
        if (mapped) return local_ipv4(v6 + 12);
        return std::equal(v6, v6 + 16, loopback) || std::equal(v6, v6 + 16, any) || (v6[0] & 0xfe) == 0xfc ||
               (v6[0] == 0xfe && (v6[1] & 0xc0) == 0x80);
    }
    if (host.find('.') == std::string::npos) return true;  // "localhost", "portal": no public name
    for (std::string_view suffix : {".localhost", ".local", ".lan", ".internal", ".home.arpa", ".localdomain"})
        if (ends_with(host, suffix)) return true;
    return false;
}

void check_publishing(db::Database& db, const Site& site,
                      const std::vector<std::pair<std::string, std::string>>& files, Report& report) {
    const std::string organization = "organization.properties";
    // Whether the collective's crawler can reach what we publish at all: one warning, the base
    // URL being the root of every file.url and subs.* line.
    bool https = site.base_url.rfind("https://", 0) == 0;
    bool local = is_local_host(url_host(site.base_url));
    if (!https || local)
        report.add(Severity::Warning, organization, 0, "file.url",
                   !https && local ? "base_url_http_local" : !https ? "base_url_http" : "base_url_local",
                   site.base_url);

    // Links to the portal's own pages that answer "not written yet".
    for (const auto& [name, text] : files) {
        auto parsed = parse_properties(text);
        for (const auto& e : parsed.entries) {
            std::string slug = content_page_slug(e.value, site.base_url);
            if (slug.empty() || store::find_page(db, slug, site.default_language)) continue;
            report.add(Severity::Warning, name, e.line, e.key, "page_not_written", e.value);
        }
    }

    // A hoster that is not a member of the collective yet publishes no membership keys.
    if (!chatons_member(db)) {
        auto& p = report.problems;
        p.erase(std::remove_if(p.begin(), p.end(),
                               [](const Problem& x) {
                                   return x.code == "missing_expected" &&
                                          x.key.rfind("organization.memberof.chatons.", 0) == 0;
                               }),
                p.end());
    }
}

}  // namespace chatiere::profile
