#include "demo/demo.h"
#include "store/pages.h"
#include "store/settings.h"

namespace chatiere::demo {

void seed_identity(db::Database& db, int64_t now) {
    const std::pair<const char*, const char*> settings[] = {
        {"site.name", "Le Chaton des Collines"},
        {"site.tagline.fr", "Des services libres, éthiques et de proximité"},
        {"site.tagline.en", "Free, ethical services from your neighbours"},
        {"site.description.fr",
         "Association d'hébergement de services libres pour les habitants et les associations des Collines. "
         "Pas de publicité, pas de pistage, des comptes ouverts."},
        {"site.description.en",
         "A non-profit that hosts free-software services for the people and associations of the Hills. "
         "No ads, no tracking, open books."},
        {"site.contact.email", "contact@chaton-collines.example"},
        {"site.address", "12 rue des Tilleuls, 26000 Valence, France"},
        {"site.country.code", "FR"},
        {"site.type", "ASSOCIATION"},
        {"site.startdate", "2019-03-15"},
    };
    for (const auto& [k, v] : settings) store::put_setting(db, k, v, now);

    const store::Page pages[] = {
        {"about", "fr", "Qui sommes-nous ?",
         "Nous sommes une petite association de bénévoles membre du collectif **CHATONS**. Nous hébergeons "
         "des services libres sur nos propres serveurs, dans la Drôme.\n\n## Nous rejoindre\n\n"
         "Adhérez à l'association (prix libre, à partir de 5\u00a0€ par an), puis [créez votre compte sur ce "
         "portail](signup)\u00a0: vous y retrouverez tous vos services.",
         0, 0},
        {"about", "en", "Who we are",
         "We are a small association of volunteers, member of the **CHATONS** collective. We host free "
         "software services on our own servers, in the Drôme.\n\n## Join us\n\n"
         "Become a member of the association (pay what you want, from €5 a year), then [create your account "
         "on this portal](signup): all your services are listed there.",
         0, 0},
        {"terms", "fr", "Conditions générales d'utilisation",
         "## Objet\n\nCes conditions régissent l'usage des services du Chaton des Collines.\n\n"
         "## Engagements\n\n- Pas de publicité, pas de revente de données.\n- Des sauvegardes chiffrées "
         "chaque nuit.\n- Un préavis de trois mois avant la fermeture d'un service.",
         1, 0},
        {"terms", "en", "Terms of service",
         "## Purpose\n\nThese terms govern the use of the services of Le Chaton des Collines.\n\n"
         "## Our commitments\n\n- No advertising, no resale of data.\n- Encrypted backups every night.\n"
         "- Three months' notice before a service closes.",
         1, 0},
        {"privacy", "fr", "Politique de confidentialité",
         "Nous ne collectons que ce qui est nécessaire au fonctionnement des services. Vos données restent "
         "sur nos serveurs en France et ne sont jamais transmises à des tiers.",
         2, 0},
        {"privacy", "en", "Privacy policy",
         "We collect only what the services need to work. Your data stays on our servers in France and is "
         "never passed on to anyone.",
         2, 0},
        {"legal", "fr", "Mentions légales",
         "Le Chaton des Collines, association loi 1901, 12 rue des Tilleuls, 26000 Valence. Directrice de la "
         "publication : la présidente de l'association. Hébergement : nos propres serveurs.",
         3, 0},
        {"legal", "en", "Legal notice",
         "Le Chaton des Collines, a French non-profit association (loi 1901), 12 rue des Tilleuls, 26000 "
         "Valence. Publisher: the association's chair. Hosting: our own servers.",
         3, 0},
    };
    for (const auto& p : pages) store::save_page(db, p, now);
}

}  // namespace chatiere::demo
