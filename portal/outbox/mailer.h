// The mail outbox worker: composes what store/outbox queued and hands it to sendmail, with retries.
#pragma once
// Turning queued mail into messages and handing them to sendmail.
#include <functional>
#include <string>

#include "config.h"
#include "db/database.h"
#include "store/outbox.h"

namespace chatiere::outbox {

// The full RFC 5322 message for a queued mail: UTF-8 plain text, encoded subject, no header
// injection possible (CR and LF in header values become spaces).
std::string compose(const store::OutgoingMail& mail, const std::string& from, int64_t now);

// Hands one message to the configured sendmail command (no shell; "-t -i" style command
// line from the `sendmail` option). Returns "" on success, else what went wrong.
std::string send_with_sendmail(const std::string& command, const std::string& message, int timeout_seconds = 30);

using Sender = std::function<std::string(const std::string& message)>;

// Delivers the mail that is due: each success is marked sent; each failure stays in the
// outbox with its error and a later retry (1 min, 2, 4… up to 6 h). Returns how many were sent.
int deliver_due_mail(db::Database& db, const std::string& from, int64_t now, const Sender& send, int batch = 50);

// The sender address: mail_from, else the hoster's contact e-mail, else a local default.
std::string sender_address(db::Database& db, const Config& cfg);

}  // namespace chatiere::outbox
