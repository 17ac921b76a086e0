#pragma once
// The background jobs of `serve`: mail, webhooks, expiry, counters, profile push.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "app.h"

namespace chatiere {

// Work that `serve` does in the background, on one thread, each job at its own pace:
// delivering mail, expiring sessions, webhooks, counters… One line per job in jobs.cpp.
struct Job {
    std::string name;
    int every_seconds;
    std::function<void(App&, db::Database&, int64_t now)> run;
};

std::vector<Job> background_jobs();

// Runs the jobs until `stopping` becomes true. A failing job is logged and tried again at
// its next turn; it never stops the others.
void run_background_jobs(App& app, const std::atomic<bool>& stopping);

}  // namespace chatiere
