#pragma once
// SQL for the mail outbox.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace chatiere::store {

struct OutgoingMail {
    int64_t id = 0;
    std::string to, subject, body;
    int64_t created_at = 0;
    int attempts = 0;
    int64_t next_attempt_at = 0;
    std::string last_error;
    std::optional<int64_t> sent_at;
    std::string headers;  // extra header lines, "Name: value" each (issue 19: List-Unsubscribe…)
};

// Queues a plain-text mail; the mail worker hands it to sendmail. Returns its id.
int64_t enqueue_mail(db::Database& db, std::string_view to, std::string_view subject, std::string_view body,
                     int64_t now);
// Mail due for (another) attempt, oldest first.
std::vector<OutgoingMail> due_mail(db::Database& db, int64_t now, int limit);
void mark_mail_sent(db::Database& db, int64_t id, int64_t now);
// Records a failed attempt and when to try again.
void mark_mail_failed(db::Database& db, int64_t id, std::string_view error, int64_t retry_at);
// Makes a waiting mail due now (the admin's "try again").
void retry_mail_now(db::Database& db, int64_t id, int64_t now);
// Undelivered mail that has failed at least once (for the admin), newest first.
std::vector<OutgoingMail> stuck_mail(db::Database& db, int limit);

}  // namespace chatiere::store
