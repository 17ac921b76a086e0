#include "auth/email_change.h"

#include <spdlog/spdlog.h>

#include "auth/accounts.h"
#include "auth/one_time.h"
#include "store/audit.h"
#include "store/sessions.h"
#include "store/tokens.h"

namespace chatiere::auth {

void request_email_change(App& app, db::Database& db, const store::Member& m, const std::string& new_email,
                          int64_t now) {
    // Only the newest request counts.
    store::revoke_member_tokens(db, m.id, "email_change", now);
    std::string token = issue_token(db, "email_change", m.id, new_email, std::nullopt, now, kEmailConfirmSeconds);
    mail_address(app, db, new_email, m.locale, "email_confirm",
                 {{"name", m.shown_name()}, {"link", app.config.base_url + "account/email/confirm?token=" + token}},
                 now);
    store::audit(db, now, m.id, m.name, "member.email_change_requested", "member:" + std::to_string(m.id));
}

EmailChangeResult confirm_email_change(App& app, db::Database& db, const std::string& token, int64_t now) {
    db::Transaction tx(db);
    auto t = check_token(db, token, "email_change", now);
    if (!t || !t->member_id) return {};
    auto m = store::find_member(db, *t->member_id);
    if (!m || m->status == domain::MemberStatus::Suspended) return {};
    if (auto other = store::find_member_by_email(db, t->email); other && other->id != m->id)
        return {EmailChange::Taken, m};
    if (!consume_token(db, token, "email_change", now)) return {};
    std::string old_email = m->email;
    store::set_member_email(db, m->id, t->email, now);
    // Links sent to the old address (reset, check) or for another change die here.
    store::revoke_member_tokens(db, m->id, "reset,verify,email_change", now);
    std::string revert = issue_token(db, "email_revert", m->id, old_email, std::nullopt, now, kEmailRevertSeconds);
    notify_member(app, db, *m, "email_changed", now,
                  {{"new_email", t->email},
                   {"days", "7"},
                   {"link", app.config.base_url + "account/email/revert?token=" + revert}});
    store::audit(db, now, m->id, m->name, "member.email_changed", "member:" + std::to_string(m->id));
    tx.commit();
    spdlog::info("member {} confirmed a new e-mail address", m->id);
    return {EmailChange::Done, m};
}

bool email_revert_valid(db::Database& db, const std::string& token, int64_t now) {
    auto t = check_token(db, token, "email_revert", now);
    return t && t->member_id && store::find_member(db, *t->member_id);
}

EmailChangeResult revert_email_change(App&, db::Database& db, const std::string& token, int64_t now) {
    db::Transaction tx(db);
    auto t = check_token(db, token, "email_revert", now);
    if (!t || !t->member_id) return {};
    auto m = store::find_member(db, *t->member_id);
    if (!m) return {};
    if (auto other = store::find_member_by_email(db, t->email); other && other->id != m->id)
        return {EmailChange::Taken, m};
    if (!consume_token(db, token, "email_revert", now)) return {};
    store::set_member_email(db, m->id, t->email, now);
    // Whoever changed it loses everything they held: sessions and every outstanding link.
    store::revoke_member_tokens(db, m->id, "", now);
    store::delete_member_sessions(db, m->id, 0);
    store::audit(db, now, m->id, m->name, "member.email_restored", "member:" + std::to_string(m->id));
    tx.commit();
    spdlog::warn("member {} undid a change of their e-mail address: sessions ended", m->id);
    return {EmailChange::Done, m};
}

}  // namespace chatiere::auth
