#include "subscriptions/subscriptions.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <map>
#include <charconv>

#include "auth/random.h"
#include "i18n/format.h"
#include "status/status.h"
#include "store/incidents.h"
#include "store/outbox.h"
#include "store/settings.h"

namespace chatiere::subscriptions {

namespace {

std::string base64url(const unsigned char* data, size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

using Key = std::vector<unsigned char>;

std::array<unsigned char, crypto_auth_hmacsha256_BYTES> link_mac(const Key& key, int64_t id, std::string_view salt) {
    std::string message = "chatiere-subscription:" + std::to_string(id) + ":" + std::string(salt);
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key.data(), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    crypto_auth_hmacsha256_final(&st, mac.data());
    return mac;
}

std::string site_name(db::Database& db) { return store::get_setting_or(db, "site.name", "Chatière"); }

// "status.example.org" for List-Id: the portal's host, ASCII by construction of base_url.
std::string list_id(const Mailing& m) {
    std::string host = m.base_url;
    if (auto p = host.find("://"); p != std::string::npos) host = host.substr(p + 3);
    host = host.substr(0, host.find_first_of("/:"));
    if (host.empty()) host = "localhost";
    return "<status." + host + ">";
}

std::string headers_for(const Mailing& m, const std::string& unsubscribe) {
    return "List-Id: " + list_id(m) + "\nList-Unsubscribe: <" + unsubscribe +
           ">\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n";
}

// The part of a mail about an incident that is the same for every reader of one language.
struct Letter {
    std::string subject, body;
};

std::vector<int64_t> public_service_ids(const store::Incident& i) {
    std::vector<int64_t> ids;
    for (const auto& s : i.services)
        if (s.visible_to(false)) ids.push_back(s.service_id);
    return ids;
}

// kind: "opened", "update", "resolved" or "reminder".
Letter letter(db::Database& db, const Mailing& m, const store::Incident& i, const std::string& lang,
              const std::string& kind, int64_t now) {
    const auto& cat = m.catalog;
    std::string services;
    for (const auto& s : i.services) {
        if (!s.visible_to(false)) continue;  // members-only services are never named to visitors
        services += (services.empty() ? "" : ", ") + s.name + " (" + cat.t(lang, "status.effect." + s.effect) + ")";
    }
    std::string state(domain::to_string(status::effective_state(i.kind, i.state, i.started_at, i.closes_at, now)));
    bool maintenance = i.kind == domain::IncidentKind::Maintenance;
    std::string window;
    if (maintenance && i.scheduled_start && i.scheduled_end)
        window = cat.t(lang, "subscriptions.mail.window",
                       {{"start", i18n::format_datetime(cat, lang, m.zone, *i.scheduled_start)},
                        {"end", i18n::format_datetime(cat, lang, m.zone, *i.scheduled_end)}}) +
                 "\n";
    std::string text;
    if (auto u = store::latest_update(db, i.id)) text = u->body;
    i18n::Params p{{"site", site_name(db)},
                   {"title", i.title},
                   {"kind", cat.t(lang, "status.kind." + std::string(domain::to_string(i.kind)))},
                   {"state", cat.t(lang, "status.state." + state)},
                   {"services", services},
                   {"window", window},
                   {"text", text},
                   {"url", m.base_url + "status/incidents/" + std::to_string(i.id)},
                   {"start", i.scheduled_start ? i18n::format_datetime(cat, lang, m.zone, *i.scheduled_start) : ""}};
    std::string subject_key = kind;
    if (kind == "opened" && maintenance) subject_key = "scheduled";
    if (kind == "resolved" && maintenance) subject_key = "completed";
    return {cat.t(lang, "subscriptions.mail." + subject_key + "_subject", p), cat.t(lang, "subscriptions.mail.body", p)};
}

// Queues the mail about incident `i` for everyone following one of its public services.
int send_about(db::Database& db, const Mailing& m, const store::Incident& i, const std::string& kind, int64_t now) {
    auto ids = public_service_ids(i);
    if (ids.empty()) return 0;
    auto recipients = store::subscribers_for(db, ids, i.kind == domain::IncidentKind::Maintenance);
    if (recipients.empty()) return 0;
    std::map<std::string, Letter> letters;
    std::string site = site_name(db);
    // One key read and one HMAC a reader: 10,000 readers cost milliseconds.
    auto key = store::subscription_key(db);
    std::vector<store::MailRow> rows;
    rows.reserve(recipients.size());
    for (const auto& r : recipients) {
        auto l = letters.find(r.lang);
        if (l == letters.end()) l = letters.emplace(r.lang, letter(db, m, i, r.lang, kind, now)).first;
        auto mac = link_mac(key, r.id, r.salt);
        std::string token = std::to_string(r.id) + "." + base64url(mac.data(), mac.size());
        std::string unsubscribe = unsubscribe_url(m, token);
        std::string footer = m.catalog.t(r.lang, "subscriptions.mail.footer",
                                         {{"site", site}, {"manage", manage_url(m, token)}, {"unsubscribe", unsubscribe}});
        rows.push_back({r.email, l->second.subject, l->second.body + "\n" + footer, headers_for(m, unsubscribe)});
    }
    store::enqueue_mails(db, rows, now);
    return static_cast<int>(rows.size());
}

}  // namespace

Mailing mailing_of(const Config& config, const i18n::Catalog& catalog, const i18n::TimeZone& zone) {
    return {catalog, zone, config.base_url, config.subscription_coalesce_seconds, config.subscription_reminder_minutes * 60};
}

std::vector<store::Service> followable_services(db::Database& db) { return store::list_services(db, false, false); }

std::string link_token(db::Database& db, int64_t subscriber_id, std::string_view salt) {
    auto mac = link_mac(store::subscription_key(db), subscriber_id, salt);
    return std::to_string(subscriber_id) + "." + base64url(mac.data(), mac.size());
}

std::optional<store::Subscriber> subscriber_from_token(db::Database& db, std::string_view token) {
    auto dot = token.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > 18 || token.size() > 200) return std::nullopt;
    int64_t id = 0;
    auto [p, ec] = std::from_chars(token.data(), token.data() + dot, id);
    if (ec != std::errc() || p != token.data() + dot) return std::nullopt;
    auto s = store::find_subscriber(db, id);
    // An unknown id is checked against a dummy salt all the same, so timing says nothing either.
    auto expected = base64url(link_mac(store::subscription_key(db), id, s ? s->salt : "-").data(), crypto_auth_hmacsha256_BYTES);
    bool ok = auth::same_secret(expected, token.substr(dot + 1));
    if (!s || !ok) return std::nullopt;
    return s;
}

std::string manage_url(const Mailing& m, std::string_view token) {
    return m.base_url + "status/subscription?token=" + std::string(token);
}

std::string unsubscribe_url(const Mailing& m, std::string_view token) {
    return m.base_url + "status/subscription/unsubscribe?token=" + std::string(token);
}

void request(db::Database& db, const Mailing& m, const std::string& email, Choice choice, int64_t now) {
    const auto& cat = m.catalog;
    std::string lang = i18n::is_language(choice.lang) ? choice.lang : "fr";
    std::vector<int64_t> kept;
    std::string names;
    for (const auto& s : followable_services(db)) {
        bool wanted = choice.all_services ||
                      std::find(choice.services.begin(), choice.services.end(), s.id) != choice.services.end();
        if (!wanted) continue;
        kept.push_back(s.id);
        names += (names.empty() ? "" : ", ") + s.name;
    }
    store::SubscriptionRequest r;
    r.email = email;
    r.lang = lang;
    r.all_services = choice.all_services;
    r.maintenance = choice.maintenance;
    if (!choice.all_services) r.services = kept;
    r.created_at = now;
    r.expires_at = now + kRequestLifetime;
    std::string token = auth::random_token();
    store::insert_subscription_request(db, auth::hash_token(token), r);
    std::string what = choice.all_services ? cat.t(lang, "subscriptions.mail.all_services") : names;
    if (choice.maintenance) what += "\n" + cat.t(lang, "subscriptions.mail.with_maintenance");
    i18n::Params p{{"site", site_name(db)},
                   {"what", what},
                   {"link", m.base_url + "status/subscribe/confirm?token=" + token}};
    store::enqueue_mail(db, email, cat.t(lang, "subscriptions.mail.confirm_subject", p),
                        cat.t(lang, "subscriptions.mail.confirm_body", p), now);
}

std::optional<store::SubscriptionRequest> pending_request(db::Database& db, std::string_view token, int64_t now) {
    if (token.empty() || token.size() > 100) return std::nullopt;
    return store::find_subscription_request(db, auth::hash_token(token), now);
}

std::optional<std::string> confirm(db::Database& db, std::string_view token, int64_t now) {
    auto r = pending_request(db, token, now);
    if (!r) return std::nullopt;
    store::Subscriber s;
    s.email = r->email;
    s.lang = r->lang;
    s.all_services = r->all_services;
    s.maintenance = r->maintenance;
    s.services = r->services;
    s.salt = auth::random_token(16);
    int64_t id = store::save_subscriber(db, s, now);
    store::delete_subscription_request(db, auth::hash_token(token));
    auto saved = store::find_subscriber(db, id);
    return link_token(db, id, saved->salt);
}

bool incident_changed(db::Database& db, const Mailing& m, int64_t incident_id, int64_t now, Event event,
                      bool notify) {
    auto notice = store::find_incident_notice(db, incident_id).value_or(store::IncidentNotice{incident_id});
    if (notice.silent) return false;
    if (event == Event::opened) {
        if (!notify) {
            notice.silent = true;
            store::save_incident_notice(db, notice);
            return false;
        }
        auto i = store::find_incident(db, incident_id);
        if (!i) return false;
        send_about(db, m, *i, "opened", now);
        notice.last_sent_at = now;
        notice.due_at.reset();
        store::save_incident_notice(db, notice);
        return true;
    }
    if (!notify) return false;
    // A note that changes neither the state nor a service's effect is on the page, not mailed.
    if (!store::latest_update_changed_something(db, incident_id)) return true;
    // A change waits until the window since the last mail has passed; changes meanwhile join it.
    if (!notice.due_at) {
        notice.due_at = notice.last_sent_at ? std::max(now, *notice.last_sent_at + m.coalesce_seconds) : now;
        store::save_incident_notice(db, notice);
    }
    return true;
}

int run_due(db::Database& db, const Mailing& m, int64_t now) {
    int queued = 0;
    for (int64_t id : store::due_incident_notices(db, now)) {
        db::Transaction tx(db);
        auto notice = store::find_incident_notice(db, id);
        auto i = store::find_incident(db, id);
        if (notice && i && notice->due_at && *notice->due_at <= now) {
            bool closed = domain::is_closed(status::effective_state(i->kind, i->state, i->started_at, i->closes_at, now));
            queued += send_about(db, m, *i, closed ? "resolved" : "update", now);
            notice->last_sent_at = now;
            notice->due_at.reset();
            store::save_incident_notice(db, *notice);
        }
        tx.commit();
    }
    if (m.reminder_seconds > 0) {
        for (int64_t id : store::maintenance_needing_reminder(db, now, m.reminder_seconds)) {
            db::Transaction tx(db);
            auto i = store::find_incident(db, id);
            if (i) queued += send_about(db, m, *i, "reminder", now);
            auto notice = store::find_incident_notice(db, id).value_or(store::IncidentNotice{id});
            notice.reminder_sent_at = now;
            store::save_incident_notice(db, notice);
            tx.commit();
        }
    }
    if (int n = store::delete_expired_subscription_requests(db, now))
        spdlog::info("forgot {} subscription requests never confirmed", n);
    return queued;
}

}  // namespace chatiere::subscriptions
