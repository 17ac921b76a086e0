#include "demo/demo.h"
#include "store/services.h"

namespace chatiere::demo {

namespace {
store::Service make(const char* slug, const char* name, const char* kind, const char* description,
                    const char* software, const char* version, const char* license, const char* source, int position) {
    store::Service s;
    s.slug = slug;
    s.name = name;
    s.kind = kind;
    s.description = description;
    s.website = std::string("https://") + slug + ".chaton-collines.example/";
    s.software_name = software;
    s.software_version = version;
    s.software_license_name = license;
    s.software_source_url = source;
    s.position = position;
    s.start_date = "2020-01-15";
    set_home_hosting(s);
    return s;
}
}  // namespace

void set_home_hosting(store::Service& s) {
    s.install_type = "PACKAGE";
    s.host_name = "Le Chaton des Collines";
    s.host_provider_type = "HOME";
    s.host_server_type = "PHYSICAL";
    s.host_distribution = "Debian 12";
    s.host_country_name = "France";
    s.host_country_code = "FR";
}

void seed_services(db::Database& db, int64_t now) {
    store::Service services[] = {
        make("cloud", "Nuage", "Stockage en ligne", "Fichiers, agendas et contacts synchronisés.", "Nextcloud", "28.0.4",
             "AGPL-3.0-or-later", "https://github.com/nextcloud/server", 1),
        make("mail", "Courriel", "Messagerie", "Une adresse @chaton-collines.example avec webmail.", "Postfix", "3.7.11",
             "IPL-1.0", "https://www.postfix.org/download.html", 2),
        make("discussion", "Discussion", "Messagerie instantanée", "Messagerie d'équipe pour les associations.", "Mattermost",
             "9.5.2", "AGPL-3.0", "https://github.com/mattermost/mattermost", 3),
        make("videos", "Vidéos", "Vidéo", "Hébergement de vidéos fédéré.", "PeerTube", "6.0.4", "AGPL-3.0",
             "https://github.com/Chocobozzz/PeerTube", 4),
        make("pad", "Pad", "Texte collaboratif", "Écriture collaborative en temps réel, sans compte.", "Etherpad", "1.9.7",
             "Apache-2.0", "https://github.com/ether/etherpad-lite", 5),
        make("visio", "Visio", "Visioconférence", "Visioconférence dans le navigateur.", "Jitsi Meet", "9364",
             "Apache-2.0", "https://github.com/jitsi/jitsi-meet", 6),
    };
    // The kinds in English (`kind` above is the French text, issue 15).
    const char* kinds_en[] = {"Cloud storage", "Mail", "Chat", "Video", "Collaborative writing", "Video conferencing"};
    for (size_t i = 0; i < std::size(services); ++i) services[i].kind_en = kinds_en[i];
    services[1].visibility = "members";  // mail accounts are for members only
    services[4].registration = "None";   // pads need no account
    services[5].registration = "None";
    services[3].registration_load = "FULL";
    for (const auto& s : services) store::save_service(db, s, now);
}

}  // namespace chatiere::demo
