// Demo incidents: two past incidents and one past maintenance within the last 90 days, one
// incident still open, one maintenance scheduled for the coming days.
#include "demo/demo.h"
#include "status/status.h"
#include "store/incidents.h"
#include "store/services.h"

namespace chatiere::demo {

namespace {
int64_t service_id(db::Database& db, const char* slug) {
    auto s = store::find_service_by_slug(db, slug);
    return s ? s->id : 0;
}
}  // namespace

void seed_status(db::Database& db, const i18n::TimeZone& zone, int64_t now) {
    const int64_t hour = 3600, day = 86400;
    int64_t cloud = service_id(db, "cloud"), mail = service_id(db, "mail"), chat = service_id(db, "discussion"),
            videos = service_id(db, "videos"), pad = service_id(db, "pad");
    if (!cloud || !mail || !chat || !videos || !pad) return;

    auto add = [&](store::NewIncident n, int64_t at) { return store::create_incident(db, n, at); };
    using S = domain::IncidentState;
    auto update = [&](int64_t id, S state, const char* body, int64_t at) {
        store::add_incident_update(db, id, state, body, std::nullopt, "Camille", at);
    };

    // 1. 41 days ago: Nextcloud down for 3 hours across midnight (22:30 → 01:30).
    {
        int64_t start = status::day_boundaries(zone, now - 41 * day, 1).front() - 90 * 60;  // local 22:30
        store::NewIncident n;
        n.title = "Nuage inaccessible";
        n.impact = domain::Impact::Critical;
        n.started_at = start;
        n.services = {{cloud, "major_outage"}};
        n.body = "Le Nuage ne répond plus. Nous cherchons la cause.";
        n.author_name = "Camille";
        int64_t id = add(n, start);
        update(id, S::Identified, "Le disque du serveur est plein : les journaux d'une application ont tout rempli.",
               start + 40 * 60);
        update(id, S::Monitoring, "Place libérée, le service redémarre. Nous surveillons.", start + 2 * hour);
        update(id, S::Resolved, "Tout fonctionne. Une alerte sur l'espace disque a été ajoutée.", start + 3 * hour);
        store::set_postmortem(db, id,
                              "## Ce qui s'est passé\n\nUne application mal configurée a écrit 40 Go de journaux en "
                              "une nuit.\n\n## Ce que nous changeons\n\n- rotation des journaux chaque jour ;\n- "
                              "alerte à 80 % de remplissage.",
                              start + 2 * day);
    }
    // 2. 12 days ago: slow chat for 5 hours.
    {
        int64_t start = now - 12 * day + 3 * hour;
        store::NewIncident n;
        n.title = "Discussion ralentie";
        n.impact = domain::Impact::Minor;
        n.started_at = start;
        n.services = {{chat, "degraded"}, {pad, "partial_outage"}};
        n.body = "Les messages mettent plusieurs secondes à partir, certains pads ne s'ouvrent pas.";
        n.author_name = "Camille";
        int64_t id = add(n, start);
        update(id, S::Resolved, "Une mise à jour de la base de données a réglé le problème.", start + 5 * hour);
    }
    // 3. 30 days ago: a completed maintenance of the videos.
    {
        store::NewIncident n;
        n.kind = domain::IncidentKind::Maintenance;
        n.title = "Mise à jour de PeerTube";
        n.impact = domain::Impact::None;
        n.state = domain::IncidentState::Scheduled;
        n.scheduled_start = now - 30 * day;
        n.scheduled_end = now - 30 * day + 2 * hour;
        n.services = {{videos, "major_outage"}};
        n.body = "Passage à la version 6 : les vidéos seront indisponibles deux heures.";
        n.author_name = "Camille";
        add(n, now - 33 * day);
    }
    // 4. Open now: mail delivery delayed (members-only service).
    {
        int64_t start = now - 2 * hour;
        store::NewIncident n;
        n.title = "Courriels reçus en retard";
        n.impact = domain::Impact::Major;
        n.started_at = start;
        n.services = {{mail, "partial_outage"}, {cloud, "degraded"}};
        n.body = "Certains courriels arrivent avec plus d'une heure de retard. Les notifications du Nuage aussi.";
        n.author_name = "Camille";
        int64_t id = add(n, start);
        update(id, S::Identified, "Un fournisseur nous a mis sur liste grise ; nous sommes en contact avec lui.",
               start + hour);
    }
    // 5. Upcoming: a maintenance of the cloud in three days, 21:00-23:00.
    {
        store::NewIncident n;
        n.kind = domain::IncidentKind::Maintenance;
        n.title = "Mise à jour du Nuage (Nextcloud 29)";
        n.impact = domain::Impact::None;
        n.state = domain::IncidentState::Scheduled;
        n.scheduled_start = now + 3 * day;
        n.scheduled_end = now + 3 * day + 2 * hour;
        n.services = {{cloud, "major_outage"}};
        n.body = "Le Nuage sera indisponible pendant la mise à jour. Pensez à enregistrer vos fichiers.";
        n.author_name = "Camille";
        add(n, now - day);
    }
}

}  // namespace chatiere::demo
