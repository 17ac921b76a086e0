#include "demo/demo.h"
#include "store/news.h"
#include "store/pages.h"

namespace chatiere::demo {

// Runs before seed_identity: the terms written here become the previous version once
// seed_identity saves the current ones, so /pages/terms/history and /terms/changes have
// something to show.
void seed_pages(db::Database& db, int64_t now) {
    const int64_t day = 86400;
    const store::Page old_terms[] = {
        {"terms", "fr", "Conditions générales d'utilisation",
         "## Objet\n\nCes conditions régissent l'usage des services du Chaton des Collines.\n\n"
         "## Engagements\n\n- Pas de publicité, pas de revente de données.\n- Des sauvegardes "
         "chaque semaine.\n- Un préavis d'un mois avant la fermeture d'un service.",
         1, 0},
        {"terms", "en", "Terms of service",
         "## Purpose\n\nThese terms govern the use of the services of Le Chaton des Collines.\n\n"
         "## Our commitments\n\n- No advertising, no resale of data.\n- Backups every week.\n"
         "- One month's notice before a service closes.",
         1, 0},
    };
    for (const auto& p : old_terms) store::save_page(db, p, now - 200 * day);

    const store::Page intro[] = {
        {"transparency-intro", "fr", "Transparence",
         "Nous publions ici, pour chaque service, le logiciel libre qui le fait tourner, sa licence, "
         "l'endroit où se trouvent vos données et qui fournit la machine. Tout est tiré de notre catalogue : "
         "ce que vous lisez est ce qui tourne.",
         0, 0},
        {"transparency-intro", "en", "Transparency",
         "For each service, here is the free software that runs it, its licence, where your data lives and "
         "who provides the machine. Everything comes from our catalogue: what you read is what runs.",
         0, 0},
    };
    for (const auto& p : intro) store::save_page(db, p, now - 30 * day);

    // The homepage's "how to join" block (issue 15); the way in is added for the sign-up mode.
    const store::Page join[] = {
        {"join", "fr", "Nous rejoindre",
         "Nos services sont ouverts aux membres de l’association. L’adhésion est à prix libre : "
         "vous donnez ce que vous pouvez, ou du temps si vous préférez.",
         0, 0},
        {"join", "en", "Join us",
         "Our services are open to the members of the association. Membership is pay-what-you-can: "
         "give what you can, or some of your time if you prefer.",
         0, 0},
    };
    for (const auto& p : join) store::save_page(db, p, now - 30 * day);

    store::News first;
    first.title_fr = "Nouveau : un agenda partagé";
    first.body_fr = "Nous ouvrons un **agenda partagé** pour les associations membres. Écrivez-nous pour l'activer.";
    first.title_en = "New: a shared calendar";
    first.body_en = "We are opening a **shared calendar** for member associations. Write to us to switch it on.";
    first.published_at = now - 40 * day;
    store::save_news(db, first, now - 40 * day);

    store::News second;
    second.title_fr = "Assemblée générale le 14 décembre";
    second.body_fr =
        "Notre assemblée générale aura lieu le 14 décembre à la salle des fêtes. Ordre du jour : bilan de "
        "l'année, budget des serveurs, élection du bureau.";
    second.published_at = now - 3 * day;  // in French only: the English reader sees it with a note
    store::save_news(db, second, now - 3 * day);
}

}  // namespace chatiere::demo
