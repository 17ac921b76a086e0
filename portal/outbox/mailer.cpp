#include "outbox/mailer.h"

#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstring>
#include <ctime>
#include <sstream>
#include <thread>
#include <vector>

#include "auth/random.h"
#include "i18n/format.h"
#include "store/settings.h"

extern char** environ;

namespace chatiere::outbox {

namespace {

std::string one_line(std::string_view s) {
    std::string out;
    for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
    return out;
}

std::string encode_header(std::string_view text) {
    bool ascii = true;
    for (unsigned char c : text) ascii = ascii && c >= 0x20 && c < 0x7f;
    if (ascii) return std::string(text);
    std::string b64(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::char_traits<char>::length(b64.c_str()));
    return "=?UTF-8?B?" + b64 + "?=";
}

// The queued extra headers (List-Unsubscribe…), one per line. Only well-formed names pass, and
// only names the composer does not write itself, so a queued line can neither inject nor override.
std::string extra_headers(std::string_view lines) {
    std::string out;
    size_t start = 0;
    while (start < lines.size()) {
        size_t end = lines.find('\n', start);
        std::string_view line = lines.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? lines.size() : end + 1;
        size_t colon = line.find(':');
        if (colon == 0 || colon == std::string_view::npos) continue;
        std::string_view name = line.substr(0, colon);
        bool ok = name.rfind("List-", 0) == 0;
        for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
        if (!ok) continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.remove_suffix(1);
        out += std::string(name) + ": " + encode_header(one_line(value)) + "\r\n";
    }
    return out;
}

std::string rfc2822_date(int64_t t) { return i18n::strftime_utc(t, "%a, %d %b %Y %H:%M:%S +0000"); }

}  // namespace

std::string compose(const store::OutgoingMail& mail, const std::string& from, int64_t now) {
    std::string domain = from.substr(from.find('@') == std::string::npos ? 0 : from.find('@') + 1);
    std::ostringstream m;
    m << "From: " << one_line(from) << "\r\n"
      << "To: " << one_line(mail.to) << "\r\n"
      << "Subject: " << encode_header(one_line(mail.subject)) << "\r\n"
      << "Date: " << rfc2822_date(now) << "\r\n"
      << "Message-ID: <" << mail.id << "." << auth::random_token(12) << "@" << one_line(domain) << ">\r\n"
      << "MIME-Version: 1.0\r\n"
      << "Content-Type: text/plain; charset=utf-8\r\n"
      << "Content-Transfer-Encoding: 8bit\r\n"
      << "Auto-Submitted: auto-generated\r\n";
    m << extra_headers(mail.headers) << "\r\n";
    // Bare LF in the body becomes CRLF.
    for (size_t i = 0; i < mail.body.size(); ++i) {
        if (mail.body[i] == '\n' && (i == 0 || mail.body[i - 1] != '\r')) m << '\r';
        m << mail.body[i];
    }
    m << "\r\n";
    return m.str();
}

std::string send_with_sendmail(const std::string& command, const std::string& message, int timeout_seconds) {
    std::vector<std::string> words;
    std::istringstream split(command);
    for (std::string w; split >> w;) words.push_back(w);
    if (words.empty()) return "no sendmail command configured";
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);

    int in[2];
    if (pipe2(in, O_CLOEXEC) != 0) return "cannot create a pipe";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    if (rc != 0) {
        close(in[1]);
        return "cannot run " + words[0] + ": " + std::strerror(rc);
    }
    size_t written = 0;
    signal(SIGPIPE, SIG_IGN);
    while (written < message.size()) {
        ssize_t n = write(in[1], message.data() + written, message.size() - written);
        if (n <= 0) break;
        written += static_cast<size_t>(n);
    }
    close(in[1]);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    int status = 0;
    while (true) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return words[0] + " did not finish within " + std::to_string(timeout_seconds) + " s";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (written < message.size()) return words[0] + " closed its input early";
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    if (WIFEXITED(status)) return words[0] + " exited with status " + std::to_string(WEXITSTATUS(status));
    return words[0] + " was killed by signal " + std::to_string(WTERMSIG(status));
}

int deliver_due_mail(db::Database& db, const std::string& from, int64_t now, const Sender& send, int batch) {
    int sent = 0;
    for (const auto& mail : store::due_mail(db, now, batch)) {
        std::string error = send(compose(mail, from, now));
        if (error.empty()) {
            store::mark_mail_sent(db, mail.id, now);
            spdlog::info("mail {} to {} sent", mail.id, mail.to);
            ++sent;
        } else {
            int64_t delay = std::min<int64_t>(int64_t{60} << std::min(mail.attempts, 12), 6 * 3600);
            store::mark_mail_failed(db, mail.id, error, now + delay);
            spdlog::warn("mail {} to {} not sent (attempt {}): {}; next try in {} s", mail.id, mail.to,
                         mail.attempts + 1, error, delay);
        }
    }
    return sent;
}

std::string sender_address(db::Database& db, const Config& cfg) {
    if (!cfg.mail_from.empty()) return cfg.mail_from;
    auto contact = store::get_setting(db, "site.contact.email");
    if (contact && !contact->empty()) return *contact;
    return "chatiere@localhost";
}

}  // namespace chatiere::outbox
