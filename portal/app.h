#pragma once
// The portal's long-lived state: config, database pool, catalogues, templates, caches.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "auth/password.h"
#include "auth/throttle.h"
#include "config.h"
#include "db/database.h"
#include "http/assets.h"
#include "http/page_cache.h"
#include "http/telemetry.h"
#include "http/views.h"
#include "i18n/catalog.h"
#include "i18n/time_zone.h"
#include "net/ip.h"
#include "http/flash.h"
#include "chatonsinfos/metrics.h"
#include "chatonsinfos/publisher.h"

namespace chatiere {

// Everything a request handler may need that lives as long as the portal. Nothing a portal
// changes lives outside it (beside the logger): two portals in one process share nothing.
struct App {
    Config config;
    std::unique_ptr<db::Pool> db;
    i18n::Catalog catalog;
    http::Assets assets;
    http::Views views;
    // Seconds since the epoch; tests replace it to move time.
    std::function<int64_t()> clock;
    // Bumped on every successful state-changing request, so caches know to refresh.
    std::atomic<uint64_t> generation{1};
    http::PageCache page_cache;
    // Failed log-ins: per account (at most 100 an hour, growing delays after 5) and per
    // client address (a password-spraying address is slowed down across accounts).
    auth::Throttle login_by_account{5, 100, 900};
    auth::Throttle login_by_address{20, 1000, 900};
    // Mails an anonymous visitor can trigger (sign-up, reset, e-mail check sent again): at most
    // config.mail_per_address_hour per destination and config.mail_per_ip_hour per client.
    auth::Throttle mail_by_address{3, 3, 0};
    auth::Throttle mail_by_client{20, 20, 0};
    // Failed requests at the OpenID Connect token endpoint, per client_id (a guessed secret,
    // code or refresh token): growing delays after 10, at most 300 an hour.
    auth::Throttle oidc_token_by_client{10, 300, 300};
    // config.trusted_proxies, parsed.
    std::vector<net::IpNetwork> trusted_proxies;
    // Messages shown once to a session after a redirect (an invitation link).
    http::Flash flash;

    // At most config.login_hash_threads password hashes at once.
    auth::HashGate hash_gate;
    // Requests served, not yet added to the published daily counters (jobs.cpp writes them).
    chatonsinfos::RequestCounter hits;
    // Published profile files as last built.
    chatonsinfos::PublishCache publish_cache;
    // Requests, latency and page cache counters for /metrics.
    http::telemetry::Registry telemetry;

    int64_t now() const { return clock(); }

    // The zone local dates are shown in. A request keeps the one it started with; a new one
    // takes effect for the next requests, and cached pages (which show dates) are renewed.
    std::shared_ptr<const i18n::TimeZone> time_zone() const { return time_zone_.load(); }
    void set_time_zone(std::shared_ptr<const i18n::TimeZone> zone) {
        time_zone_.store(std::move(zone));
        generation.fetch_add(1);
    }

private:
    std::atomic<std::shared_ptr<const i18n::TimeZone>> time_zone_{i18n::TimeZone::utc()};
};

// The zone named `name` (a file under /usr/share/zoneinfo), or UTC with an error logged
// when the file is missing or unusable: a portal still serves with a wrong zone.
std::shared_ptr<const i18n::TimeZone> load_time_zone(const std::string& name);

// The portal as its published profile files see it (base URL, language, zone, cache).
chatonsinfos::Site site_of(App& app);

// Opens the database (creating and migrating it), loads catalogues, assets and templates.
// Throws with a message for the admin on any problem (bad template, newer database…).
std::unique_ptr<App> make_app(const Config& config);

}  // namespace chatiere
