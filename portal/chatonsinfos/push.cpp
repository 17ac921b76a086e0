#include "chatonsinfos/push.h"

#include <httplib.h>

#include "auth/random.h"
#include "http/form.h"
#include "chatonsinfos/publisher.h"
#include "store/settings.h"

namespace chatiere::chatonsinfos {

PushResult push_if_changed(db::Database& db, const Site& site, int64_t now, int timeout_seconds) {
    PushResult r;
    std::string target = store::get_setting_or(db, "profile.push.url", "");
    if (target.empty()) return r;
    std::string all;
    for (const auto& name : published_files(db))
        if (auto p = publish(db, site, name, now)) all += name + "\n" + p->etag + "\n";
    std::string hash = auth::hash_token(all);
    if (store::get_setting_or(db, "profile.push.last_hash", "") == hash) return r;

    r.attempted = true;
    auto scheme = target.find("://");
    auto slash = scheme == std::string::npos ? std::string::npos : target.find('/', scheme + 3);
    std::string origin = slash == std::string::npos ? target : target.substr(0, slash);
    std::string path = slash == std::string::npos ? "/" : target.substr(slash);
    if (scheme == std::string::npos || (target.rfind("http://", 0) != 0 && target.rfind("https://", 0) != 0)) {
        r.error = "profile.push.url is not an http(s) URL";
        return r;
    }
    try {
        httplib::Client client(origin);
        client.set_connection_timeout(timeout_seconds);
        client.set_read_timeout(timeout_seconds);
        client.set_write_timeout(timeout_seconds);
        auto res = client.Post(path, "url=" + http::percent_encode(file_url(site, kOrganizationFile)),
                               "application/x-www-form-urlencoded");
        if (!res) {
            r.error = httplib::to_string(res.error());
        } else if (res->status < 200 || res->status >= 300) {
            r.error = "HTTP " + std::to_string(res->status);
        } else {
            r.ok = true;
            store::put_setting(db, "profile.push.last_hash", hash, now);
        }
    } catch (const std::exception& e) {
        r.error = e.what();
    }
    return r;
}

}  // namespace chatiere::chatonsinfos
