#include "demo/demo.h"

#include <algorithm>
#include <optional>
#include <random>
#include <unordered_map>

#include "actions/membership.h"
#include "i18n/format.h"
#include "ledger/chain.h"
#include "ledger/entry.h"
#include "status/status.h"
#include "store/incidents.h"
#include "store/ledger.h"
#include "store/members.h"
#include "store/membership.h"
#include "store/requests.h"
#include "store/seed.h"
#include "store/services.h"
#include "store/settings.h"

// `chatiere seed`: a hoster at a chosen scale, generated here and written through the bulk
// statements of store/seed.
namespace chatiere::demo {

namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kBatch = 10000;  // rows per transaction
constexpr int64_t kMinimumFee = 500;  // membership.minimum_fee the seed sets when there is none

// Runs `write(i)` for i in [0, n) in transactions of kBatch rows, telling `progress`.
template <typename F>
void in_batches(db::Database& db, const SeedProgress& progress, const char* phase, int64_t n, F write) {
    progress(phase, 0, n);
    for (int64_t from = 0; from < n; from += kBatch) {
        db::Transaction tx(db);
        int64_t to = std::min(n, from + kBatch);
        for (int64_t i = from; i < to; ++i) write(i);
        tx.commit();
        progress(phase, to, n);
    }
    if (n == 0) progress(phase, 0, 0);
}

const char* const kFirstNames[] = {
    "camille", "dominique", "claude", "alex", "sacha", "morgan", "charlie", "lou",     "noa",    "eden",
    "yanis",   "ines",      "lucas",  "lea",  "amina", "thomas", "sarah",   "paul",    "louise", "jules",
    "manon",   "hugo",      "chloe",  "nina", "malik", "zoe",    "adam",    "jeanne",  "rose",   "gabriel",
    "emma",    "arthur",    "alice",  "leo",  "anna",  "victor", "lina",    "mathis",  "julia",  "samuel"};
const char* const kLastNames[] = {
    "martin",  "bernard", "dubois",  "thomas",  "robert",  "richard", "petit",   "durand",  "leroy",  "moreau",
    "simon",   "laurent", "lefebvre", "michel", "garcia",  "david",   "bertrand", "roux",   "vincent", "fournier",
    "morel",   "girard",  "andre",   "mercier", "dupont",  "lambert", "bonnet",  "francois", "martinez", "legoff",
    "diallo",  "cohen",   "fontaine", "chevalier", "robin", "masson", "sanchez", "gerard",  "nguyen", "boyer"};

std::string capitalized(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// What a small hoster runs, with its ChatonsInfos fields.
struct Kind {
    const char* slug;
    const char* name;
    const char* kind;
    const char* software;
    const char* version;
    const char* license;
    const char* software_site;
    const char* source;
    const char* outage;  // an incident title
};
const Kind kKinds[] = {
    {"nuage", "Nuage", "Cloud", "Nextcloud", "29.0.4", "AGPL-3.0", "https://nextcloud.com/",
     "https://github.com/nextcloud/server", "Nuage inaccessible"},
    {"courriel", "Courriel", "Mail", "Postfix", "3.7.11", "IPL-1.0", "https://www.postfix.org/",
     "https://github.com/vdukhovni/postfix", "Courriels reçus en retard"},
    {"discussion", "Discussion", "Chat", "Mattermost", "9.11", "AGPL-3.0", "https://mattermost.com/",
     "https://github.com/mattermost/mattermost", "Discussion ralentie"},
    {"videos", "Vidéos", "Videos", "PeerTube", "6.3.0", "AGPL-3.0", "https://joinpeertube.org/",
     "https://github.com/Chocobozzz/PeerTube", "Vidéos qui ne se lancent pas"},
    {"pad", "Pad", "Collaborative writing", "Etherpad", "2.2.2", "Apache-2.0", "https://etherpad.org/",
     "https://github.com/ether/etherpad-lite", "Pads qui ne s'ouvrent pas"},
    {"visio", "Visio", "Video calls", "Jitsi Meet", "2.0.9584", "Apache-2.0", "https://jitsi.org/",
     "https://github.com/jitsi/jitsi-meet", "Appels coupés"},
    {"agenda", "Agenda", "Events", "Mobilizon", "4.1.0", "AGPL-3.0", "https://joinmobilizon.org/",
     "https://framagit.org/framasoft/mobilizon", "Agenda en erreur"},
    {"forge", "Forge", "Code hosting", "Forgejo", "9.0.1", "GPL-3.0", "https://forgejo.org/",
     "https://codeberg.org/forgejo/forgejo", "Forge indisponible"},
    {"matrix", "Messagerie", "Chat", "Synapse", "1.118.0", "AGPL-3.0", "https://matrix.org/",
     "https://github.com/element-hq/synapse", "Messages non distribués"},
    {"partage", "Partage de textes", "Paste", "PrivateBin", "1.7.4", "Zlib", "https://privatebin.info/",
     "https://github.com/PrivateBin/PrivateBin", "Partage de textes en erreur"},
};

class Seeder {
public:
    Seeder(db::Database& db, const i18n::TimeZone& zone, const ScaleOptions& o, int64_t now, std::string password_hash,
           const SeedProgress& progress)
        : db_(db),
          zone_(zone),
          o_(o),
          progress_(progress),
          now_(now),
          start_(now - o.years * 365 * kDay),
          password_hash_(std::move(password_hash)) {}

    void run() {
        seed_services();
        all_services_ = store::list_services(db_, true, false);
        seed_members();
        plan_memberships();
        seed_incidents();
        seed_ledger();
        seed_standings();
        seed_requests();
    }

private:
    struct SeededMember {
        int64_t id;
        int64_t joined_day;  // days after start_
        bool pending;
    };
    struct PlannedFee {
        int64_t day;  // days after start_
        int64_t member;
        int64_t amount;  // cents of EUR
    };
    struct Attached {  // a seeded member's account on a service
        int64_t service;
        std::string identifier;
        int64_t since;
    };

    int64_t uniform(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    // A service, the first ones (the "cloud" and "mail" everyone has) more often than the last.
    const store::Service& popular_service() {
        double u = std::uniform_real_distribution<double>(0, 1)(rng_);
        return all_services_[static_cast<size_t>(u * u * static_cast<double>(all_services_.size()))];
    }

    void seed_services() {
        int64_t first = store::count_seeded_services(db_) + 1;
        in_batches(db_, progress_, "services", o_.services, [&](int64_t i) {
            const Kind& k = kKinds[i % std::size(kKinds)];
            int64_t n = first + i;
            store::Service s;
            s.slug = std::string(k.slug) + "-" + std::to_string(n);
            s.name = std::string(k.name) + " " + std::to_string(n);
            s.description = std::string(k.software) + " hébergé chez nous, pour les membres et leurs associations : " +
                            "données en France, sauvegardes chaque nuit, pas de publicité ni de pistage.";
            s.kind = k.kind;
            s.website = "https://" + s.slug + ".seed.example/";
            s.legal_url = "https://seed.example/terms";
            s.guide_user = "https://docs.seed.example/" + s.slug;
            s.contact_email = "contact@seed.example";
            s.start_date = i18n::iso_date_local(zone_, start_ + uniform(0, 365) * kDay);
            s.registration = i % 4 == 0 ? "Free" : "Member";
            demo::set_home_hosting(s);
            s.software_name = k.software;
            s.software_version = k.version;
            s.software_license_name = k.license;
            s.software_website = k.software_site;
            s.software_source_url = k.source;
            s.position = static_cast<int>(100 + n);
            s.visibility = i % 5 == 4 ? "members" : "public";
            store::save_service(db_, s, start_ + i * (o_.years * 365 * kDay / 4) / std::max<int64_t>(1, o_.services));
        });
    }

    void seed_members() {
        int64_t first = store::count_seeded_members(db_) + 1;
        int64_t span = now_ - start_;
        in_batches(db_, progress_, "members", o_.members, [&](int64_t i) {
            int64_t n = first + i;
            std::string given = kFirstNames[uniform(0, std::size(kFirstNames) - 1)];
            std::string family = kLastNames[uniform(0, std::size(kLastNames) - 1)];
            store::Member m;
            m.name = given + "." + family + "." + std::to_string(n);
            m.display_name = capitalized(given) + " " + capitalized(family);
            m.email = m.name + "@seed.example";
            int status = static_cast<int>(uniform(0, 99));
            using domain::MemberStatus;
            m.status = status < 92 ? MemberStatus::Active : status < 97 ? MemberStatus::Pending : MemberStatus::Suspended;
            m.email_verified = m.status != MemberStatus::Pending;
            m.locale = chance(0.85) ? "fr" : "en";
            m.notify_incidents = chance(0.7);
            m.password_hash = password_hash_;
            int64_t joined = start_ + i * span / std::max<int64_t>(1, o_.members);
            int64_t id = store::insert_member(db_, m, joined);
            members_.push_back(id);
            seeded_.push_back({id, (joined - start_) / kDay, m.status == domain::MemberStatus::Pending});
            if (all_services_.empty() || m.status == domain::MemberStatus::Pending) return;
            for (int64_t k = uniform(1, 4); k > 0; --k) {
                const auto& s = popular_service();
                bool mail = s.kind == "Mail";
                std::string identifier = mail ? m.name + "@seed.example" : m.name;
                int64_t since = joined + uniform(0, 30) * kDay;
                store::attach_service(db_, id, s.id, identifier, since);
                auto& mine = services_of_[id];
                if (std::none_of(mine.begin(), mine.end(), [&](const Attached& a) { return a.service == s.id; }))
                    mine.push_back({s.id, std::move(identifier), since});
            }
        });
    }

    // Membership fees, planned member by member over the last two years so that every state
    // of the register occurs at the default policy (a year from the payment, renewal due in
    // the last 30 days, 30 days of grace): most members paid within the year, some are due
    // to renew, some in their grace period, some lapsed, a few honorary, and the rest (with
    // the accounts still pending) never paid. Some renewed a year before; some paid less than
    // the minimum. The fees are written by seed_ledger, in date order among the other entries.
    void plan_memberships() {
        int64_t days = o_.years * 365;
        int64_t window = std::min<int64_t>(days - 1, 730);
        if (o_.ledger > 0 && !store::get_setting(db_, "membership.minimum_fee"))
            store::put_setting(db_, "membership.minimum_fee", std::to_string(kMinimumFee), now_);
        static const int64_t amounts[] = {500, 1000, 1000, 1000, 1500, 2000, 2000, 2000, 3000, 5000};
        auto fee = [&](int64_t member, int64_t ago) {
            int64_t amount = chance(0.02) ? uniform(1, 4) * 100 : amounts[uniform(0, std::size(amounts) - 1)];
            planned_fees_.push_back({days - ago, member, amount});
        };
        in_batches(db_, progress_, "memberships", static_cast<int64_t>(seeded_.size()), [&](int64_t i) {
            const auto& m = seeded_[static_cast<size_t>(i)];
            int64_t age = days - m.joined_day;  // days since the account was made
            int64_t r = uniform(0, 999);
            if (m.pending || r < 140) return;  // none: never paid
            if (r < 150) {  // honorary; some paid before they were made honorary
                store::set_honorary(db_, m.id, true, now_);
                if (chance(0.5) && age > 400) fee(m.id, uniform(400, std::min(window, age)));
                return;
            }
            int64_t ago = r < 270 ? uniform(400, window)    // lapsed
                          : r < 310 ? uniform(367, 392)    // grace
                          : r < 380 ? uniform(337, 362)    // renewal due
                                    : uniform(1, 330);     // member
            if (ago > age) ago = uniform(1, std::max<int64_t>(1, std::min<int64_t>(age, 330)));  // joined since: paid once, lately
            if (ago > age) return;
            // The year before, often: on time, a little early or a little late.
            if (int64_t before = ago + 365 + uniform(-20, 20); chance(0.6) && before <= std::min(window, age))
                fee(m.id, before);
            fee(m.id, ago);
        });
        std::sort(planned_fees_.begin(), planned_fees_.end(),
                  [](const PlannedFee& a, const PlannedFee& b) { return a.day < b.day; });
        // A small log cannot hold them all: keep an even share of them.
        if (static_cast<int64_t>(planned_fees_.size()) > o_.ledger) {
            std::vector<PlannedFee> kept;
            int64_t n = static_cast<int64_t>(planned_fees_.size());
            for (int64_t k = 0; k < o_.ledger; ++k) kept.push_back(planned_fees_[static_cast<size_t>(k * n / o_.ledger)]);
            planned_fees_ = std::move(kept);
        }
    }

    // Each member's membership dates, stored for the register (sql/013): those the fees and the
    // minimum put on the stale list, recomputed by the portal's own function.
    void seed_standings() {
        int64_t total = store::stale_count(db_, membership::day_of(now_, zone_));
        progress_("standings", 0, total);
        if (total == 0) return;
        actions::refresh_standings_at(db_, now_, zone_, [&](int64_t done, int64_t all) {
            if (done < all) progress_("standings", done, all);
        });
        progress_("standings", total, total);
    }

    // Service requests, a few for every hundred members: most decided long ago (approved —
    // the attachments seed_members made came from them —, refused with a reason, or cancelled),
    // a tenth still waiting for an admin and a few waiting for the member's answer to a
    // question, all made within the last year.
    void seed_requests() {
        int64_t n = o_.members * 3 / 100;
        int64_t open = n / 10 + n / 30;  // pending, then question
        std::vector<SeededMember> active;
        for (const auto& m : seeded_)
            if (!m.pending) active.push_back(m);
        if (active.empty() || all_services_.empty()) n = 0;
        static const char* const messages[] = {
            "Bonjour, je voudrais un compte pour l'association.",
            "Pour partager des fichiers avec ma famille, merci !",
            "Nous sommes cinq bénévoles et aimerions l'utiliser ensemble.",
            "Je remplace mon ancien service chez un grand hébergeur."};
        static const char* const reasons[] = {
            "Le service est complet pour le moment ; nous vous écrirons dès qu'une place se libère.",
            "Votre adhésion n'est pas à jour : renouvelez-la et redemandez.",
            "Ce service est réservé aux associations membres."};
        in_batches(db_, progress_, "requests", n, [&](int64_t i) {
            // Members taken in a stride, so that no member has two open requests on one service.
            const auto& m = active[static_cast<size_t>(i * 7919 % static_cast<int64_t>(active.size()))];
            const auto& attached = services_of_[m.id];
            bool is_open = i < open;
            int64_t r = uniform(0, 99);
            if (!is_open && r < 65 && !attached.empty()) {
                // Approved: one of the member's accounts, asked for a few days before it began.
                const auto& a = attached[static_cast<size_t>(uniform(0, static_cast<int64_t>(attached.size()) - 1))];
                int64_t asked = std::max(start_, a.since - uniform(1, 5) * kDay);
                int64_t id = store::insert_request(db_, m.id, a.service, true, asked);
                if (chance(0.7)) store::add_request_note(db_, id, "message", messages[uniform(0, 3)], asked);
                store::move_request(db_, id, {"pending"}, "approved", a.since, a.identifier);
                return;
            }
            // Another service, not one the member has.
            int64_t service = 0;
            for (int tries = 0; tries < 8 && !service; ++tries) {
                int64_t s = popular_service().id;
                if (std::none_of(attached.begin(), attached.end(), [&](const Attached& x) { return x.service == s; }))
                    service = s;
            }
            if (!service || store::open_request(db_, m.id, service)) return;
            int64_t asked = is_open ? now_ - uniform(60, 14 * 24 * 60) * 60 : now_ - uniform(15, 365) * kDay;
            int64_t id = store::insert_request(db_, m.id, service, true, asked);
            if (chance(0.7)) store::add_request_note(db_, id, "message", messages[uniform(0, 3)], asked);
            if (is_open && i >= n / 10) {
                store::add_request_note(db_, id, "question", "Pour combien de personnes ?", asked + 3600);
                store::move_request(db_, id, {"pending"}, "question", asked + 3600);
            } else if (!is_open && r < 85) {
                int64_t at = asked + uniform(1, 72) * 3600;
                store::add_request_note(db_, id, "reason", reasons[uniform(0, 2)], at);
                store::move_request(db_, id, {"pending"}, "refused", at);
            } else if (!is_open) {
                store::move_request(db_, id, {"pending"}, "cancelled", asked + uniform(1, 48) * 3600);
            }
        });
    }

    std::vector<std::pair<int64_t, std::string>> affected_services() {
        static const char* const effects[] = {"degraded", "partial_outage", "major_outage"};
        std::vector<std::pair<int64_t, std::string>> out;
        for (int64_t k = uniform(1, 3); k > 0; --k) out.emplace_back(popular_service().id, effects[uniform(0, 2)]);
        return out;
    }

    void seed_incidents() {
        if (all_services_.empty()) return;
        // Two incidents open now and two maintenance windows to come; the rest is history.
        int64_t open = std::min<int64_t>(2, o_.incidents);
        int64_t upcoming = std::min<int64_t>(2, o_.incidents - open);
        int64_t past = o_.incidents - open - upcoming;
        int64_t span = now_ - kDay - start_;
        using S = domain::IncidentState;
        in_batches(db_, progress_, "incidents", o_.incidents, [&](int64_t i) {
            store::NewIncident n;
            n.author_name = "Camille";
            const Kind& k = kKinds[uniform(0, std::size(kKinds) - 1)];
            n.services = affected_services();
            if (i < past && chance(0.85)) {
                int64_t at = start_ + i * span / std::max<int64_t>(1, past) + uniform(0, 3600);
                using I = domain::Impact;
                static const I impacts[] = {I::None,  I::Minor, I::Minor, I::Minor,    I::Minor,
                                            I::Major, I::Major, I::Major, I::Critical, I::Critical};
                n.title = k.outage;
                n.impact = impacts[uniform(0, 9)];
                n.started_at = at;
                n.body = "Le service ne répond plus pour une partie des membres. Nous cherchons la cause.";
                int64_t id = store::create_incident(db_, n, at);
                int64_t end = at + uniform(10, 480) * 60;
                if (chance(0.6))
                    store::add_incident_update(db_, id, S::Identified,
                                               "Cause trouvée : un disque plein sur le serveur. Nous libérons de la place.",
                                               std::nullopt, "Camille", at + (end - at) / 3);
                if (chance(0.4))
                    store::add_incident_update(db_, id, S::Monitoring, "Correctif appliqué, nous surveillons.",
                                               std::nullopt, "Camille", at + (end - at) * 2 / 3);
                store::add_incident_update(db_, id, S::Resolved, "Tout fonctionne de nouveau. Merci de votre patience.",
                                           std::nullopt, "Camille", end);
                if (n.impact == domain::Impact::Critical && chance(0.3))
                    store::set_postmortem(db_, id,
                                          "## Ce qui s'est passé\n\nUne application a rempli le disque.\n\n"
                                          "## Ce que nous changeons\n\n- rotation des journaux ;\n- alerte à 80 %.",
                                          end + kDay);
            } else if (i < past) {
                int64_t at = start_ + i * span / std::max<int64_t>(1, past);
                n.kind = domain::IncidentKind::Maintenance;
                n.title = std::string("Mise à jour de ") + k.software;
                n.impact = domain::Impact::None;
                n.state = domain::IncidentState::Scheduled;
                n.scheduled_start = at;
                n.scheduled_end = at + uniform(1, 4) * 3600;
                n.body = "Le service sera indisponible pendant la mise à jour.";
                int64_t id = store::create_incident(db_, n, at - 3 * kDay);
                if (chance(0.5)) {
                    store::add_incident_update(db_, id, S::InProgress, "La mise à jour commence.", std::nullopt,
                                               "Camille", at);
                    store::add_incident_update(db_, id, S::Completed, "Mise à jour terminée.", std::nullopt, "Camille",
                                               *n.scheduled_end);
                }
            } else if (i < past + open) {
                int64_t at = now_ - uniform(10, 180) * 60;
                n.title = k.outage;
                n.impact = domain::Impact::Major;
                n.started_at = at;
                n.body = "Certains membres nous signalent le problème ; nous regardons.";
                int64_t id = store::create_incident(db_, n, at);
                store::add_incident_update(db_, id, S::Identified, "Cause trouvée, correctif en cours.", std::nullopt,
                                           "Camille", at + (now_ - at) / 2);
            } else {
                int64_t at = now_ + uniform(2, 6) * kDay;
                n.kind = domain::IncidentKind::Maintenance;
                n.title = std::string("Mise à jour de ") + k.software;
                n.impact = domain::Impact::None;
                n.state = domain::IncidentState::Scheduled;
                n.scheduled_start = at;
                n.scheduled_end = at + 2 * 3600;
                n.body = "Le service sera indisponible pendant la mise à jour. Pensez à enregistrer votre travail.";
                store::create_incident(db_, n, now_ - kDay);
            }
        });
    }

    // One entry of the log, made up; `member` may be unset.
    ledger::Entry made_up_entry() {
        ledger::Entry e;
        auto member = [&](double p) -> std::optional<int64_t> {
            if (members_.empty() || !chance(p)) return std::nullopt;
            return members_[static_cast<size_t>(uniform(0, static_cast<int64_t>(members_.size()) - 1))];
        };
        auto public_name = [&](double p) -> std::optional<std::string> {
            if (!chance(p)) return std::nullopt;
            return capitalized(kFirstNames[uniform(0, std::size(kFirstNames) - 1)]) + " " +
                   static_cast<char>('A' + uniform(0, 25)) + ".";
        };
        e.currency = "EUR";
        int64_t r = uniform(0, 99);
        if (r < 55) {
            static const char* const notes[] = {"Virement mensuel", "HelloAsso", "Liberapay", "Chèque", "Espèces"};
            e.kind = "donation";
            e.amount = uniform(1, 40) * 250;
            e.member_id = member(0.5);
            e.public_name = public_name(0.1);
            e.private_note = notes[uniform(0, 4)];
        } else if (r < 58) {
            // Fees imported from the association's previous books: not linked to anyone (the
            // members' own fees are planned by plan_memberships).
            e.kind = "membership_fee";
            e.amount = uniform(1, 3) * 1000;
            e.private_note = "Adhésion (import)";
        } else if (r < 86) {
            static const char* const categories[] = {"servers", "electricity", "domains", "hardware", "bank",
                                                     "insurance"};
            e.kind = "expense";
            e.category = categories[uniform(0, 5)];
            e.amount = uniform(5, 500) * 100;
            e.private_note = "Facture";
        } else if (r < 95) {
            e.kind = "volunteer_time";
            e.currency = std::string(ledger::kHour);
            e.amount = uniform(1, 32) * 25;
            e.member_id = member(0.6);
            e.public_name = public_name(0.2);
            e.private_note = "Permanence";
        } else if (r < 99) {
            e.kind = "in_kind";
            e.amount = uniform(50, 1000) * 100;
            e.public_name = chance(0.5) ? std::optional<std::string>("La Ressourcerie des Collines") : std::nullopt;
            e.private_note = "Matériel donné (valeur estimée)";
        } else {
            e.kind = "grant";
            e.amount = uniform(10, 200) * 10000;
            e.public_name = "Région Auvergne-Rhône-Alpes";
            e.private_note = "Appel à projets";
        }
        return e;
    }

    // A planned membership fee as a ledger entry.
    ledger::Entry fee_entry(const PlannedFee& f) {
        ledger::Entry e;
        static const char* const notes[] = {"Adhésion annuelle", "Adhésion (HelloAsso)", "Adhésion (chèque)",
                                            "Adhésion (virement)"};
        e.kind = "membership_fee";
        e.currency = "EUR";
        e.amount = f.amount;
        e.member_id = f.member;
        e.private_note = notes[uniform(0, 3)];
        return e;
    }

    void seed_ledger() {
        // Entries follow the calendar: the made-up entry k falls on day k * days / others,
        // recorded that day, and the planned membership fees are merged in on their own days.
        int64_t days = o_.years * 365;
        std::vector<std::string> dates(static_cast<size_t>(days + 1));
        for (int64_t d = 0; d <= days; ++d) dates[static_cast<size_t>(d)] = i18n::iso_date_local(zone_, start_ + d * kDay);
        int64_t next_id = store::entry_count(db_) + 1;  // ids are dense (see entry_count)
        const int64_t fees = static_cast<int64_t>(planned_fees_.size());
        const int64_t others = o_.ledger - fees;
        int64_t next_fee = 0, next_other = 0;
        std::optional<ledger::Entry> last_uncorrected;
        progress_("ledger", 0, o_.ledger);
        for (int64_t from = 0; from < o_.ledger; from += kBatch) {
            int64_t to = std::min(o_.ledger, from + kBatch);
            std::vector<ledger::Entry> batch;
            batch.reserve(static_cast<size_t>(to - from));
            for (int64_t i = from; i < to; ++i, ++next_id) {
                int64_t other_day = next_other < others ? next_other * days / others : days;
                bool is_fee = next_fee < fees && planned_fees_[static_cast<size_t>(next_fee)].day <= other_day;
                int64_t day = is_fee ? planned_fees_[static_cast<size_t>(next_fee)].day : other_day;
                if (!is_fee) ++next_other;
                ledger::Entry e;
                if (is_fee) {
                    e = fee_entry(planned_fees_[static_cast<size_t>(next_fee++)]);
                    e.date = dates[static_cast<size_t>(day)];
                    last_uncorrected = e;
                    last_uncorrected->id = next_id;
                } else if (last_uncorrected && chance(0.003)) {
                    // About one entry in three hundred is a mistake corrected right after.
                    e = *last_uncorrected;
                    e.amount = -e.amount;
                    e.reverses_id = e.id;
                    e.private_note = "Correction d'une erreur de saisie";
                    last_uncorrected.reset();
                } else {
                    e = made_up_entry();
                    e.date = dates[static_cast<size_t>(day)];
                    last_uncorrected = e;
                    last_uncorrected->id = next_id;
                }
                e.recorded_at = start_ + day * kDay + 20 * 3600;
                e.recorded_by = "seed";
                batch.push_back(std::move(e));
            }
            db::Transaction tx(db_);
            store::append_entries(db_, batch);
            tx.commit();
            if (!batch.empty() && batch.back().id != next_id - 1)
                throw std::runtime_error("ledger ids are not dense: the log changed while seeding");
            progress_("ledger", to, o_.ledger);
        }
        if (o_.ledger == 0) progress_("ledger", 0, 0);
    }

    db::Database& db_;
    const i18n::TimeZone& zone_;
    const ScaleOptions& o_;
    const SeedProgress& progress_;
    int64_t now_, start_;
    std::string password_hash_;
    std::mt19937_64 rng_{20261124};  // fixed: the same options give the same data
    std::vector<store::Service> all_services_;
    std::vector<int64_t> members_;
    std::vector<SeededMember> seeded_;
    std::vector<PlannedFee> planned_fees_;  // by day
    std::unordered_map<int64_t, std::vector<Attached>> services_of_;
};

}  // namespace

void seed_at_scale(db::Database& db, const i18n::TimeZone& zone, const ScaleOptions& o, int64_t now,
                   const std::string& password_hash, const SeedProgress& progress) {
    Seeder(db, zone, o, now, password_hash, progress).run();
}

}  // namespace chatiere::demo
