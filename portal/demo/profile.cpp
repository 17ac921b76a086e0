// The demo hoster's published identity beyond identity.cpp, and four months of counters, so
// that its ChatonsInfos profile checks clean and shows metrics.
#include "demo/demo.h"
#include "i18n/format.h"
#include "store/metrics.h"
#include "store/settings.h"

namespace chatiere::demo {

void seed_profile(db::Database& db, const i18n::TimeZone& zone, int64_t now) {
    const std::pair<const char*, const char*> settings[] = {
        {"site.website", "https://chaton-collines.example/"},
        {"site.status.level", "ACTIVE"},
        {"site.contact.url", "https://chaton-collines.example/contact"},
        {"site.guide.user", "https://docs.chaton-collines.example/"},
        {"site.memberof.chatons.startdate", "2020-06-18"},
        {"site.memberof.chatons.status.level", "ACTIVE"},
        {"site.country.name", "France"},
        {"site.geolocation.latitude", "44.9334"},
        {"site.geolocation.longitude", "4.8924"},
        {"site.social.mastodon", "https://toot.chaton-collines.example/@chaton"},
        {"site.social.peertube", "https://videos.chaton-collines.example/a/chaton"},
        {"site.chatrooms.matrix", "https://matrix.to/#/%23chaton-collines:matrix.example"},
        {"site.funding.liberapay", "https://liberapay.com/chaton-collines"},
        {"site.funding.helloasso", "https://www.helloasso.com/associations/chaton-des-collines"},
    };
    for (const auto& [k, v] : settings) store::put_setting(db, k, v, now);

    // Counters of the last 120 days: nothing that identifies anyone.
    for (int back = 120; back >= 1; --back) {
        int64_t t = now - static_cast<int64_t>(back) * 86400;
        std::string day = i18n::iso_date_local(zone, t);
        int64_t accounts = 40 + (120 - back) / 10;
        store::set_metric(db, "members.accounts", day, accounts);
        store::set_metric(db, "members.active", day, accounts * 2 / 3 + back % 3);
        store::add_metric(db, "http.hits", day, 700 + (back * 37) % 300);
    }
}

}  // namespace chatiere::demo
