#include "chatonsinfos/publishing_checks.h"

#include <algorithm>

#include "net/ip.h"
#include "chatonsinfos/reader.h"
#include "store/pages.h"
#include "store/settings.h"

namespace chatiere::chatonsinfos {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
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
    if (auto ip = net::parse_ip(host)) return net::is_internal(*ip);
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

}  // namespace chatiere::chatonsinfos
