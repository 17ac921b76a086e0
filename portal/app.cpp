#include "app.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <thread>

#include "actions/membership.h"
#include "db/migrations.h"

namespace chatiere {

std::shared_ptr<const i18n::TimeZone> load_time_zone(const std::string& name) {
    try {
        return std::make_shared<const i18n::TimeZone>(i18n::TimeZone::load(name));
    } catch (const std::exception& e) {
        spdlog::error("{}; dates are shown in UTC", e.what());
        return i18n::TimeZone::utc();
    }
}

chatonsinfos::Site site_of(App& app) {
    return {app.config.base_url, app.config.default_language, app.time_zone(), &app.publish_cache};
}

std::unique_ptr<App> make_app(const Config& config) {
    validate(config);
    auto app = std::make_unique<App>();
    app->config = config;
    app->trusted_proxies = net::parse_networks(config.trusted_proxies);
    app->mail_by_address.set_limits(config.mail_per_address_hour, config.mail_per_address_hour, 0);
    app->mail_by_client.set_limits(config.mail_per_ip_hour, config.mail_per_ip_hour, 0);
    app->clock = [] { return static_cast<int64_t>(std::time(nullptr)); };
    app->set_time_zone(load_time_zone(config.timezone));
    actions::set_membership_zone(app->time_zone());  // membership days in single sign-on (issue 18)
    int cores = static_cast<int>(std::thread::hardware_concurrency());
    app->hash_gate.set_slots(config.login_hash_threads > 0 ? config.login_hash_threads : std::max(1, cores / 2));

    {
        db::Database db(config.db);
        int applied = db::migrate(db, db::embedded_migrations(), [](const db::Migration& m) {
            spdlog::info("applying migration {}", m.name);
        });
        if (applied) spdlog::info("database {} is now at schema version {}", config.db, db.user_version());
    }
    db::Database::Options options;
    options.cache_kib = config.db_cache_kib;
    options.synchronous_full = config.db_synchronous != "normal";
    app->db = std::make_unique<db::Pool>(config.db, config.db_connections, options);

    app->assets.load(config.theme_dir);
    app->catalog.load(app->assets.files_under("web/i18n/"));
    app->views.load(app->assets, app->catalog, config.root_path());
    return app;
}

}  // namespace chatiere
