#include "jobs.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "api/incident_actions.h"
#include "mail/mailer.h"
#include "profile/metrics.h"
#include "profile/push.h"
#include "store/sessions.h"

namespace chatiere {

std::vector<Job> background_jobs() {
    return {
        {"mail", 10,
         [](App& app, db::Database& db, int64_t now) {
             std::string from = mail::sender_address(db, app.config);
             std::string command = app.config.sendmail;
             mail::deliver_due_mail(db, from, now, [&](const std::string& msg) {
                 return mail::send_with_sendmail(command, msg);
             });
         }},
        {"webhooks", 15,
         [](App& app, db::Database& db, int64_t now) {
             bool allow_private = app.config.webhook_allow_private;
             api::deliver_webhooks(db, now, [allow_private](const std::string& url, const std::string& body,
                                                            const std::string& signature) {
                 return api::http_post_json(url, body, signature, allow_private);
             });
         }},
        {"request counters", 60, [](App& app, db::Database& db, int64_t now) {
             profile::flush_metrics(db, *app.time_zone(), now, app.hits);
         }},
        // Every hour: the day's value is replaced, so a restart or a late run loses nothing.
        {"member counters", 3600, [](App& app, db::Database& db, int64_t now) {
             profile::snapshot_metrics(db, *app.time_zone(), now);
         }},
        {"profile push", 300,
         [](App& app, db::Database& db, int64_t now) {
             auto r = profile::push_if_changed(db, site_of(app), now);
             if (r.attempted && !r.ok) spdlog::warn("profile push to the directory failed: {}", r.error);
         }},
        {"expired sessions", 3600,
         [](App&, db::Database& db, int64_t now) {
             if (int n = store::delete_expired_sessions(db, now)) spdlog::info("removed {} expired sessions", n);
         }},
    };
}

void run_background_jobs(App& app, const std::atomic<bool>& stopping) {
    auto jobs = background_jobs();
    std::vector<int64_t> next(jobs.size(), 0);
    while (!stopping) {
        int64_t now = app.now();
        for (size_t i = 0; i < jobs.size() && !stopping; ++i) {
            if (now < next[i]) continue;
            next[i] = now + jobs[i].every_seconds;
            try {
                auto db = app.db->acquire();
                jobs[i].run(app, *db, now);
            } catch (const std::exception& e) {
                spdlog::error("background job \"{}\" failed: {}", jobs[i].name, e.what());
            }
        }
        for (int i = 0; i < 10 && !stopping; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace chatiere
