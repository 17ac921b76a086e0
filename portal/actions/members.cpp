#include "actions/members.h"

#include "actions/requests.h"
#include "auth/accounts.h"
#include "auth/one_time.h"
#include "oidc/access.h"
#include "store/audit.h"
#include "store/outbox.h"
#include "store/services.h"
#include "store/sessions.h"
#include "store/settings.h"

namespace chatiere::actions {

namespace {

// The catalogue's mail.<kind> in `lang`, with {site} filled in (as auth::mail_address does for
// the pages that hold an App).
void queue_mail(const Context& c, const std::string& to, const std::string& lang, const std::string& kind,
                i18n::Params params) {
    params.emplace_back("site", store::get_setting_or(c.db, "site.name", "Chatière"));
    store::enqueue_mail(c.db, to, c.catalog.t(lang, "mail." + kind + ".subject", params),
                        c.catalog.t(lang, "mail." + kind + ".body", params), c.now);
}

void audit(const Context& c, const std::string& action, const store::Member& m, const std::string& details = {}) {
    store::audit(c.db, c.now, c.actor.id, c.actor.name, action, "member:" + std::to_string(m.id), details);
}

}  // namespace

Invitation invite_member(const Context& c, const std::string& email, const std::string& lang, int days) {
    Invitation out;
    if (auto p = auth::email_problem(email)) {
        out.error = *p;
        return out;
    }
    db::Transaction tx(c.db);
    std::string token = auth::issue_token(c.db, "invite", std::nullopt, email, c.actor.id, c.now, days * 86400);
    out.path = "/signup?invite=" + token;
    queue_mail(c, email, lang, "invite", {{"link", c.absolute_url(out.path)}, {"days", std::to_string(days)}});
    store::audit(c.db, c.now, c.actor.id, c.actor.name, "member.invite", "email:" + email);
    tx.commit();
    return out;
}

std::string_view to_string(MemberChange change) {
    switch (change) {
        case MemberChange::Approve: return "approve";
        case MemberChange::Reactivate: return "reactivate";
        case MemberChange::Suspend: return "suspend";
        case MemberChange::MakeAdmin: return "make-admin";
        case MemberChange::MakeMember: return "make-member";
    }
    return {};
}

std::optional<MemberChange> parse_member_change(std::string_view s) {
    for (auto change : {MemberChange::Approve, MemberChange::Reactivate, MemberChange::Suspend, MemberChange::MakeAdmin,
                        MemberChange::MakeMember})
        if (to_string(change) == s) return change;
    return std::nullopt;
}

std::string change_member(const Context& c, const store::Member& m, MemberChange change) {
    using domain::MemberRole;
    using domain::MemberStatus;
    bool self = c.actor.id && *c.actor.id == m.id;
    db::Transaction tx(c.db);
    switch (change) {
        case MemberChange::Approve:
        case MemberChange::Reactivate:
            if (m.status == MemberStatus::Active) return "members.already_active";
            store::set_member_status(c.db, m.id, MemberStatus::Active, c.now);
            if (change == MemberChange::Approve)
                queue_mail(c, m.email, m.locale, "approved", {{"link", c.absolute_url("/login")}, {"name", m.shown_name()}});
            break;
        case MemberChange::Suspend:
            if (self) return "members.not_yourself";
            store::set_member_status(c.db, m.id, MemberStatus::Suspended, c.now);
            store::delete_member_sessions(c.db, m.id, 0);
            oidc::member_access_changed(c.db, m.id, oidc::issuer_of(c.config.base_url), c.now);
            break;
        case MemberChange::MakeAdmin:
            store::set_member_role(c.db, m.id, MemberRole::Admin, c.now);
            break;
        case MemberChange::MakeMember:
            if (self) return "members.not_yourself";
            store::set_member_role(c.db, m.id, MemberRole::Member, c.now);
            oidc::member_access_changed(c.db, m.id, oidc::issuer_of(c.config.base_url), c.now);
            break;
    }
    audit(c, "member." + std::string(to_string(change)), m);
    tx.commit();
    return "";
}

std::string delete_member(const Context& c, const store::Member& m, const std::string& confirm) {
    if (c.actor.id && *c.actor.id == m.id) return "members.not_yourself";
    if (confirm != m.name) return "members.delete_confirm_name";
    db::Transaction tx(c.db);
    audit(c, "member.delete", m, m.name);
    record_departures(c, m.id);  // issue 18: the accounts to close by hand
    oidc::member_deleted(c.db, m.id, oidc::issuer_of(c.config.base_url), c.now);
    store::delete_member(c.db, m.id);
    tx.commit();
    return "";
}

std::string attach_service(const Context& c, const store::Member& m, int64_t service_id, const std::string& identifier) {
    db::Transaction tx(c.db);
    auto error = attach_service_in_transaction(c, m, service_id, identifier);
    if (error.empty()) tx.commit();
    return error;
}

std::string attach_service_in_transaction(const Context& c, const store::Member& m, int64_t service_id,
                                          const std::string& identifier) {
    auto service = store::find_service(c.db, service_id);
    if (!service) return "members.choose_service";
    store::attach_service(c.db, m.id, service->id, identifier, c.now);
    audit(c, "member.attach_service", m, service->slug + " " + identifier);
    return "";
}

void detach_service(const Context& c, const store::Member& m, int64_t service_id) {
    db::Transaction tx(c.db);
    store::detach_service(c.db, m.id, service_id);
    oidc::member_access_changed(c.db, m.id, oidc::issuer_of(c.config.base_url), c.now);
    audit(c, "member.detach_service", m, std::to_string(service_id));
    tx.commit();
}

}  // namespace chatiere::actions
