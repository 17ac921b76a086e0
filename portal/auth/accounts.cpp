#include "auth/accounts.h"

#include "app.h"

#include "auth/one_time.h"
#include "store/outbox.h"
#include "store/settings.h"

namespace chatiere::auth {

std::string signup_mode(db::Database& db) {
    std::string mode = store::get_setting_or(db, "signup.mode", "approval");
    return mode == "closed" || mode == "open" ? mode : "approval";
}

std::string registration_for_profile(db::Database& db) {
    std::string mode = signup_mode(db);
    return mode == "open" ? "Free" : mode == "closed" ? "None" : "Member";
}

std::optional<std::string> name_problem(std::string_view name) {
    if (name.empty() || name.size() > 64) return "account.name_length";
    for (unsigned char c : name)
        if (!(isalnum(c) || c == '.' || c == '_' || c == '-')) return "account.name_chars";
    return std::nullopt;
}

std::optional<std::string> email_problem(std::string_view e) {
    auto at = e.find('@');
    if (e.size() < 3 || e.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 >= e.size() ||
        e.find('@', at + 1) != std::string_view::npos || e.find('.', at) == std::string_view::npos)
        return "account.email_invalid";
    for (unsigned char c : e)
        if (c <= 0x20 || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == 0x7f)
            return "account.email_invalid";
    return std::nullopt;
}

void mail_address(App& app, db::Database& db, const std::string& to, const std::string& lang, const std::string& kind,
                  i18n::Params params, int64_t now) {
    params.emplace_back("site", store::get_setting_or(db, "site.name", "Chatière"));
    std::string subject = app.catalog.t(lang, "mail." + kind + ".subject", params);
    std::string body = app.catalog.t(lang, "mail." + kind + ".body", params);
    store::enqueue_mail(db, to, subject, body, now);
}

void mail_member(App& app, db::Database& db, const store::Member& m, const std::string& kind, i18n::Params params,
                 int64_t now) {
    params.emplace_back("name", m.shown_name());
    mail_address(app, db, m.email, m.locale, kind, std::move(params), now);
}

bool same_address(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

void notify_member(App& app, db::Database& db, const store::Member& m, const std::string& kind, int64_t now,
                   i18n::Params params) {
    params.emplace_back("reset_link", app.config.base_url + "password/forgot");
    mail_member(app, db, m, kind, std::move(params), now);
}

void send_verification(App& app, db::Database& db, const store::Member& m, int64_t now) {
    std::string token = issue_token(db, "verify", m.id, m.email, std::nullopt, now, 48 * 3600);
    // What follows the confirmation (issue 15): activation, or a volunteer's approval still to
    // come, or nothing more for a member who changed their address.
    std::string next = m.status != domain::MemberStatus::Pending           ? "front.mail.verify_next_changed"
                       : signup_mode(db) == "approval" ? "front.mail.verify_next_approval"
                                                       : "front.mail.verify_next_open";
    mail_member(app, db, m, "verify",
                {{"link", app.config.base_url + "signup/verify?token=" + token}, {"next", app.catalog.t(m.locale, next)}},
                now);
}

}  // namespace chatiere::auth
