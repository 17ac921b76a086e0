#include "jobs.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "mail/mailer.h"
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
