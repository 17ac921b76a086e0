#include "demo/demo.h"

#include <algorithm>
#include <optional>
#include <random>

#include "i18n/format.h"
#include "ledger/chain.h"
#include "ledger/entry.h"
#include "status/status.h"
#include "store/incidents.h"
#include "store/ledger.h"
#include "store/members.h"
#include "store/seed.h"
#include "store/services.h"

// `chatiere seed`: a hoster at a chosen scale, generated here and written through the bulk
// statements of store/seed.
namespace chatiere::demo {

namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kBatch = 10000;  // rows per transaction

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
        seed_incidents();
        seed_ledger();
    }

private:
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
            if (all_services_.empty() || m.status == domain::MemberStatus::Pending) return;
            for (int64_t k = uniform(1, 4); k > 0; --k) {
                const auto& s = popular_service();
                bool mail = s.kind == "Mail";
                store::attach_service(db_, id, s.id, mail ? m.name + "@seed.example" : m.name,
                                      joined + uniform(0, 30) * kDay);
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
        if (r < 52) {
            static const char* const notes[] = {"Virement mensuel", "HelloAsso", "Liberapay", "Chèque", "Espèces"};
            e.kind = "donation";
            e.amount = uniform(1, 40) * 250;
            e.member_id = member(0.5);
            e.public_name = public_name(0.1);
            e.private_note = notes[uniform(0, 4)];
        } else if (r < 70) {
            e.kind = "membership_fee";
            e.amount = uniform(1, 3) * 1000;
            e.member_id = member(0.9);
            e.private_note = "Adhésion annuelle";
        } else if (r < 90) {
            static const char* const categories[] = {"servers", "electricity", "domains", "hardware", "bank",
                                                     "insurance"};
            e.kind = "expense";
            e.category = categories[uniform(0, 5)];
            e.amount = uniform(5, 500) * 100;
            e.private_note = "Facture";
        } else if (r < 96) {
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

    void seed_ledger() {
        // Entries follow the calendar: entry i falls on day i * days / n, recorded that day.
        int64_t days = o_.years * 365;
        std::vector<std::string> dates(static_cast<size_t>(days + 1));
        for (int64_t d = 0; d <= days; ++d) dates[static_cast<size_t>(d)] = i18n::iso_date_local(zone_, start_ + d * kDay);
        int64_t next_id = store::entry_count(db_) + 1;  // ids are dense (see entry_count)
        std::optional<ledger::Entry> last_uncorrected;
        progress_("ledger", 0, o_.ledger);
        for (int64_t from = 0; from < o_.ledger; from += kBatch) {
            int64_t to = std::min(o_.ledger, from + kBatch);
            std::vector<ledger::Entry> batch;
            batch.reserve(static_cast<size_t>(to - from));
            for (int64_t i = from; i < to; ++i, ++next_id) {
                int64_t day = i * days / std::max<int64_t>(1, o_.ledger);
                ledger::Entry e;
                // About one entry in three hundred is a mistake corrected right after.
                if (last_uncorrected && chance(0.003)) {
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
};

}  // namespace

void seed_at_scale(db::Database& db, const i18n::TimeZone& zone, const ScaleOptions& o, int64_t now,
                   const std::string& password_hash, const SeedProgress& progress) {
    Seeder(db, zone, o, now, password_hash, progress).run();
}

}  // namespace chatiere::demo
