#include "jobs.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "actions/requests.h"
#include "actions/membership.h"
#include "oidc/provider.h"
#include "outbox/mailer.h"
#include "outbox/webhooks.h"
#include "chatonsinfos/metrics.h"
#include "chatonsinfos/push.h"
#include "store/sessions.h"
#include "subscriptions/subscriptions.h"

namespace chatiere {

std::vector<Job> background_jobs() {
    return {
        // Before "mail", so that what it queues leaves in the same turn (issue 19).
        {"status subscriptions", 10,
         [](App& app, db::Database& db, int64_t now) {
             auto zone = app.time_zone();
             if (int n = subscriptions::run_due(db, subscriptions::mailing_of(app.config, app.catalog, *zone), now))
                 spdlog::info("queued {} status mails to subscribers", n);
         }},
        {"mail", 10,
         [](App& app, db::Database& db, int64_t now) {
             std::string from = outbox::sender_address(db, app.config);
             std::string command = app.config.sendmail;
             outbox::deliver_due_mail(db, from, now, [&](const std::string& msg) {
                 return outbox::send_with_sendmail(command, msg);
             });
         }},
        {"webhooks", 15,
         [](App& app, db::Database& db, int64_t now) {
             bool allow_private = app.config.webhook_allow_private;
             outbox::deliver_webhooks(db, now, [allow_private](const std::string& url, const std::string& body,
                                                            const std::string& signature) {
                 return outbox::http_post_json(url, body, signature, allow_private);
             });
         }},
        // Back-channel logout tokens for the clients of members who may no longer use them.
        {"oidc logout", 5,
         [](App& app, db::Database& db, int64_t now) {
             bool allow_private = app.config.webhook_allow_private;
             oidc::deliver_backchannel_logouts(db, now, [allow_private](const std::string& url, const std::string& body) {
                 return oidc::http_post_form(url, body, allow_private);
             });
         }},
        {"oidc expiry", 600, [](App&, db::Database& db, int64_t now) { oidc::expire(db, now); }},
        {"request counters", 60, [](App& app, db::Database& db, int64_t now) {
             chatonsinfos::flush_metrics(db, *app.time_zone(), now, app.hits);
         }},
        // Every hour: the day's value is replaced, so a restart or a late run loses nothing.
        {"member counters", 3600, [](App& app, db::Database& db, int64_t now) {
             chatonsinfos::snapshot_metrics(db, *app.time_zone(), now);
         }},
        {"profile push", 300,
         [](App& app, db::Database& db, int64_t now) {
             auto r = chatonsinfos::push_if_changed(db, site_of(app), now);
             if (r.attempted && !r.ok) spdlog::warn("profile push to the directory failed: {}", r.error);
         }},
        // Membership (issue 18): once a day of the hoster, state changes audited, reminders and
        // the monthly summary queued (before the next "mail" turn).
        {"membership", 600,
         [](App& app, db::Database& db, int64_t now) {
             auto zone = app.time_zone();
             actions::Context c{db, now, app.config, app.catalog, *zone, actions::Actor{std::nullopt, "membership"}};
             auto r = actions::membership_daily(c);
             if (r.ran)
                 spdlog::info("membership: {} state changes, {} reminders, {} summaries", r.changes, r.reminders,
                              r.summaries);
         }},
        {"expired sessions", 3600,
         [](App&, db::Database& db, int64_t now) {
             if (int n = store::delete_expired_sessions(db, now)) spdlog::info("removed {} expired sessions", n);
         }},
        // The admins' daily digest of service requests, at the first turn of each day (issue 18).
        {"request digest", 600,
         [](App& app, db::Database& db, int64_t now) {
             auto zone = app.time_zone();
             actions::Context c{db, now, app.config, app.catalog, *zone, {std::nullopt, ""}};
             if (int n = actions::send_request_digests(c)) spdlog::info("queued {} digests of service requests", n);
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
