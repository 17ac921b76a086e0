#include "actions/requests.h"

#include "actions/members.h"
#include "actions/membership.h"
#include "i18n/format.h"
#include "store/audit.h"
#include "store/outbox.h"
#include "store/settings.h"

namespace chatiere::actions {

namespace {

// Text typed in a form: line ends as "\n", surrounding blanks removed.
std::string tidy(const std::string& in) {
    std::string s;
    s.reserve(in.size());
    for (char ch : in)
        if (ch != '\r') s += ch;
    auto blank = [](unsigned char ch) { return ch == ' ' || ch == '\n' || ch == '\t'; };
    size_t b = 0, e = s.size();
    while (b < e && blank(s[b])) ++b;
    while (e > b && blank(s[e - 1])) --e;
    return s.substr(b, e - b);
}

void queue_mail(const Context& c, const std::string& to, const std::string& lang, const std::string& kind,
                i18n::Params params) {
    params.emplace_back("site", store::get_setting_or(c.db, "site.name", "Chatière"));
    store::enqueue_mail(c.db, to, c.catalog.t(lang, "mail." + kind + ".subject", params),
                        c.catalog.t(lang, "mail." + kind + ".body", params), c.now);
}

void audit(const Context& c, const std::string& action, int64_t request_id, const std::string& details) {
    store::audit(c.db, c.now, c.actor.id, c.actor.name, action, "request:" + std::to_string(request_id), details);
}

// The member is told in their language; `kind` is request_approved, request_refused…
void mail_member(const Context& c, const store::ServiceRequest& r, const std::string& kind, i18n::Params params) {
    auto m = store::find_member(c.db, r.member_id);
    if (!m) return;
    params.emplace_back("name", m->shown_name());
    params.emplace_back("service", r.service_name);
    params.emplace_back("link", c.absolute_url("/account/requests"));
    queue_mail(c, m->email, m->locale, kind, std::move(params));
}

// Admins who chose one mail per request hear of a new request, or of a member's answer.
void mail_admins(const Context& c, const store::ServiceRequest& r, const std::string& kind, const std::string& text) {
    for (const auto& a : store::admin_contacts(c.db)) {
        if (a.notify != "each") continue;
        std::string shown = text.empty() ? c.catalog.t(a.locale, "requests.mail_no_message") : text;
        queue_mail(c, a.email, a.locale, kind,
                   {{"member", r.member_name}, {"service", r.service_name}, {"message", shown},
                    {"link", c.absolute_url("/admin/requests/" + std::to_string(r.id))}});
    }
}

// Automatic for members in good standing: any of these states, or membership turned off.
bool in_good_standing(const Context& c, int64_t member_id) {
    if (!membership_policy(c.db).enabled) return true;
    using S = domain::MembershipState;
    auto s = member_standing(c, member_id).state;
    return s == S::Member || s == S::RenewalDue || s == S::Grace || s == S::Honorary;
}

// The request, still open; or the catalogue key of why not.
std::string open_or_why(const std::optional<store::ServiceRequest>& r) {
    if (!r) return "requests.not_found";
    if (!store::request_is_open(r->state)) return "requests.decided";
    return "";
}

std::string check_text(const std::string& text, const char* empty_key) {
    if (text.empty()) return empty_key;
    if (text.size() > kRequestTextMax) return "requests.too_long";
    return "";
}

}  // namespace

bool registration_takes_requests(std::string_view registration) {
    size_t start = 0;
    while (start <= registration.size()) {
        size_t end = registration.find(';', start);
        auto part = registration.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (part == "Member" || part == "Free") return true;
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return false;
}

std::string why_not_ask(const Context& c, int64_t member_id, const store::Service& s) {
    if (!registration_takes_requests(s.registration) || s.admin_state == "draft") return "requests.not_open";
    if (s.registration_load == "FULL") return "requests.full";
    for (const auto& ms : store::member_services(c.db, member_id))
        if (ms.service_id == s.id) return "requests.already_attached";
    if (store::open_request(c.db, member_id, s.id)) return "requests.already_asked";
    return "";
}

bool request_would_be_automatic(const Context& c, int64_t member_id, int64_t service_id) {
    return store::service_request_mode(c.db, service_id) == "automatic" && in_good_standing(c, member_id);
}

AskOutcome ask_for_service(const Context& c, const store::Member& m, const store::Service& s,
                           const std::string& message_typed, bool accept_terms) {
    AskOutcome out;
    std::string message = tidy(message_typed);
    if (message.size() > kRequestTextMax) {
        out.error = "requests.too_long";
        return out;
    }
    if (!accept_terms) {
        out.error = "requests.terms_needed";
        return out;
    }
    db::Transaction tx(c.db);
    // Checked inside the transaction: two quick clicks make one request.
    if (out.error = why_not_ask(c, m.id, s); !out.error.empty()) return out;
    out.request_id = store::insert_request(c.db, m.id, s.id, true, c.now);
    if (!message.empty()) store::add_request_note(c.db, out.request_id, "message", message, c.now);
    audit(c, "request.create", out.request_id, s.slug);
    if (request_would_be_automatic(c, m.id, s.id)) {
        store::move_request(c.db, out.request_id, {"pending"}, "approved", c.now, m.name);
        store::set_request_automatic(c.db, out.request_id);
        if (auto e = attach_service_in_transaction(c, m, s.id, m.name); !e.empty()) {
            out.error = e;
            return out;
        }
        audit(c, "request.approve", out.request_id, s.slug + " " + m.name + " (automatic)");
        auto r = *store::find_request(c.db, out.request_id);
        mail_member(c, r, "request_approved", {{"identifier", m.name}});
        out.approved = true;
    } else {
        mail_admins(c, *store::find_request(c.db, out.request_id), "request_new", message);
    }
    tx.commit();
    return out;
}

std::string approve_request(const Context& c, int64_t request_id, const std::string& identifier_typed) {
    std::string identifier = tidy(identifier_typed);
    if (identifier.empty()) return "requests.identifier_needed";
    if (identifier.size() > kIdentifierMax || identifier.find('\n') != std::string::npos) return "requests.identifier_invalid";
    db::Transaction tx(c.db);
    auto r = store::find_request(c.db, request_id);
    if (auto why = open_or_why(r); !why.empty()) return why;
    auto m = store::find_member(c.db, r->member_id);
    if (!m) return "requests.not_found";
    if (!store::move_request(c.db, r->id, {"pending", "question"}, "approved", c.now, identifier))
        return "requests.decided";
    // The member is attached (their group joins their next single sign-on token) with the
    // request's approval, in one commit.
    if (auto e = attach_service_in_transaction(c, *m, r->service_id, identifier); !e.empty()) return e;
    audit(c, "request.approve", r->id, r->service_slug + " " + identifier);
    mail_member(c, *r, "request_approved", {{"identifier", identifier}});
    tx.commit();
    return "";
}

std::string refuse_request(const Context& c, int64_t request_id, const std::string& reason_typed) {
    std::string reason = tidy(reason_typed);
    if (auto e = check_text(reason, "requests.reason_needed"); !e.empty()) return e;
    db::Transaction tx(c.db);
    auto r = store::find_request(c.db, request_id);
    if (auto why = open_or_why(r); !why.empty()) return why;
    if (!store::move_request(c.db, r->id, {"pending", "question"}, "refused", c.now)) return "requests.decided";
    store::add_request_note(c.db, r->id, "reason", reason, c.now);
    audit(c, "request.refuse", r->id, r->service_slug);
    mail_member(c, *r, "request_refused", {{"reason", reason}});
    tx.commit();
    return "";
}

std::string ask_about_request(const Context& c, int64_t request_id, const std::string& question_typed) {
    std::string question = tidy(question_typed);
    if (auto e = check_text(question, "requests.question_needed"); !e.empty()) return e;
    db::Transaction tx(c.db);
    auto r = store::find_request(c.db, request_id);
    if (auto why = open_or_why(r); !why.empty()) return why;
    store::move_request(c.db, r->id, {"pending", "question"}, "question", c.now);
    store::add_request_note(c.db, r->id, "question", question, c.now);
    audit(c, "request.question", r->id, r->service_slug);
    mail_member(c, *r, "request_question", {{"question", question}});
    tx.commit();
    return "";
}

std::string reply_to_request(const Context& c, int64_t member_id, int64_t request_id, const std::string& message_typed) {
    std::string message = tidy(message_typed);
    if (auto e = check_text(message, "requests.reply_needed"); !e.empty()) return e;
    db::Transaction tx(c.db);
    auto r = store::find_request(c.db, request_id);
    if (!r || r->member_id != member_id) return "requests.not_found";  // never someone else's
    if (auto why = open_or_why(r); !why.empty()) return why;
    if (!store::move_request(c.db, r->id, {"question"}, "pending", c.now)) return "requests.not_asked";
    store::add_request_note(c.db, r->id, "reply", message, c.now);
    audit(c, "request.reply", r->id, r->service_slug);
    mail_admins(c, *r, "request_reply", message);
    tx.commit();
    return "";
}

std::string cancel_request(const Context& c, int64_t member_id, int64_t request_id) {
    db::Transaction tx(c.db);
    auto r = store::find_request(c.db, request_id);
    if (!r || r->member_id != member_id) return "requests.not_found";  // never someone else's
    if (auto why = open_or_why(r); !why.empty()) return why;
    if (!store::move_request(c.db, r->id, {"pending", "question"}, "cancelled", c.now)) return "requests.decided";
    audit(c, "request.cancel", r->id, r->service_slug);
    tx.commit();
    return "";
}

std::string set_request_notify(const Context& c, int64_t admin_id, const std::string& choice) {
    if (choice != "each" && choice != "digest") return "requests.notify_choice";
    db::Transaction tx(c.db);
    store::set_request_notify(c.db, admin_id, choice, c.now);
    store::audit(c.db, c.now, c.actor.id, c.actor.name, "request.notify", "member:" + std::to_string(admin_id), choice);
    tx.commit();
    return "";
}

int send_request_digests(const Context& c) {
    constexpr int kListed = 50;
    int sent = 0;
    const std::string today = i18n::iso_date_local(c.zone, c.now);
    for (const auto& a : store::admin_contacts(c.db)) {
        if (a.notify != "digest") continue;
        if (a.digest_at && i18n::iso_date_local(c.zone, *a.digest_at) == today) continue;  // once a day
        db::Transaction tx(c.db);
        auto list = store::requests_after(c.db, a.digest_after, kListed + 1);
        int64_t covered = list.empty() ? a.digest_after : store::last_request_id(c.db);
        if (!list.empty()) {
            std::string lines;
            for (size_t i = 0; i < list.size() && i < static_cast<size_t>(kListed); ++i) {
                const auto& r = list[i];
                lines += c.catalog.t(a.locale, "requests.digest_line",
                                     {{"member", r.member_name},
                                      {"service", r.service_name},
                                      {"state", c.catalog.t(a.locale, "requests.state." + r.state)}}) +
                         "\n";
            }
            if (list.size() > static_cast<size_t>(kListed)) lines += c.catalog.t(a.locale, "requests.digest_more") + "\n";
            queue_mail(c, a.email, a.locale, "request_digest",
                       {{"lines", lines},
                        {"pending", std::to_string(store::count_requests(c.db, "pending"))},
                        {"link", c.absolute_url("/admin/requests")}});
            ++sent;
        }
        store::mark_digest_run(c.db, a.id, c.now, covered);
        tx.commit();
    }
    return sent;
}

void record_departures(const Context& c, int64_t member_id) {
    auto m = store::find_member(c.db, member_id);
    if (!m) return;
    for (const auto& s : store::member_services(c.db, member_id))
        store::insert_departure(c.db, s.name, s.identifier.empty() ? m->name : s.identifier);
}

std::string close_departure(const Context& c, int64_t departure_id) {
    db::Transaction tx(c.db);
    auto d = store::find_departure(c.db, departure_id);
    if (!d) return "requests.departure_not_found";
    if (!store::close_departure(c.db, d->id, c.actor.name, c.now)) return "requests.departure_closed";
    // The service only: the identifier leaves the portal with the to-do.
    store::audit(c.db, c.now, c.actor.id, c.actor.name, "departure.closed", "departure:" + std::to_string(d->id),
                 d->service_name);
    tx.commit();
    return "";
}

}  // namespace chatiere::actions
